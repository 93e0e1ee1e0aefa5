"""The README's examples and every command's --help examples run as written,
in a folder with nothing beside it: no ../shared, no store, no environment.

The README marks the blocks to run by their fence: ```sh (run in order, with
``set -e``) and ```python; ```bash blocks need a server and are not run.
"""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

from truyvet.cli import main

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def blocks(lang: str) -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{lang}\n(.*?)^```", text, re.S | re.M)


def help_examples() -> list[str]:
    """The command lines in the Examples of every command's --help."""
    ctx = click.Context(main, info_name="truyvet")
    commands = [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]
    texts = [main.get_help(ctx)] + [cmd.get_help(click.Context(cmd, info_name=name, parent=ctx))
                                    for name, cmd in commands]
    out = []
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            s = line.strip()
            if s.startswith("truyvet ") and not s.startswith("truyvet [OPTIONS]"):
                while s.endswith("\\"):                    # a continued example
                    i += 1
                    s = s[:-1] + " " + lines[i].strip()
                out.append(s.split("  #")[0].strip())
    return out


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """An empty folder as a fresh clone has it, and the environment of a new shell."""
    here = tmp_path_factory.mktemp("clone") / "truyvet"
    here.mkdir()
    assert not (here.parent / "shared").exists()
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(here), "LANG": "C.UTF-8"}
    return here, env


def sh(script: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def test_readme_runs_verbatim_from_a_fresh_clone(fresh):
    here, env = fresh
    runnable = blocks("sh")
    assert len(runnable) >= 3 and "truyvet demo --keep demo" in runnable[0]
    for block in runnable:
        p = sh(block, here, env)
        assert p.returncode == 0, (block, p.stdout[-2000:], p.stderr[-2000:])
    for name in ("tasks.xlsx", "lineage.html", "demo.ttl", "demo.graphml", "all-tasks.csv", "notice.json"):
        assert (here / name).stat().st_size > 0, name
    [code] = blocks("python")
    p = subprocess.run([sys.executable, "-c", code], cwd=here, env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "doc:92-TB/VPTW" in p.stdout


def test_readme_and_help_never_need_the_shared_folder():
    assert not [b for b in blocks("sh") + blocks("python") if "../shared" in b]
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        cmd = main.get_command(ctx, name)
        assert "../shared" not in cmd.get_help(click.Context(cmd, info_name=name, parent=ctx)), name
    assert "../shared" not in main.get_help(ctx)


def test_help_examples_run_as_written(fresh):
    here, env = fresh
    if not (here / "demo" / "corpus").is_dir():
        assert sh("truyvet demo --keep demo", here, env).returncode == 0
    examples = help_examples()
    assert len(examples) >= 20
    # `truyvet serve` runs until stopped: tests/test_serve.py starts it (as its examples do) and asks it.
    servers = [e for e in examples if shlex.split(e)[:2] == ["truyvet", "serve"]]
    skipped = [e for e in examples if ("--store neo4j" in e or "~/" in e) and e not in servers]
    for example in examples:
        if example in skipped or example in servers:
            continue
        p = sh(example, here, env)
        assert p.returncode == 0, (example, p.stderr[-1500:])
    assert len(skipped) <= 2, skipped
    assert len(servers) <= 3, servers
    assert all(shlex.split(e)[0] == "truyvet" for e in examples)
