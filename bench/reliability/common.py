"""What every part of the reliability suite shares: which truyvet it tests,
and running a piece of Python in a child process under time and memory limits.

The suite tests the truyvet found at ``TRUYVET_CODE`` (a checkout, e.g. of an
older revision, to measure before → after) or else this repository's.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CODE = Path(os.environ.get("TRUYVET_CODE") or REPO)
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(CODE))


def child_env(**extra) -> dict:
    """The environment of a child process: the tested code first on the path."""
    path = os.pathsep.join([str(CODE), *filter(None, [os.environ.get("PYTHONPATH")])])
    return {**os.environ, "PYTHONPATH": path, "PYTHONIOENCODING": "utf-8", **extra}


def truyvet_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "truyvet", *map(str, args)]


@dataclass
class ChildResult:
    returncode: int | None      # None: killed at the time limit
    stdout: str
    stderr: str
    seconds: float


def run_child(code: str, *, timeout: float, memory_mb: int | None = None, env: dict | None = None,
              args: list[str] | None = None) -> ChildResult:
    """``python -c code args…`` with a wall-clock limit and an address-space limit."""
    def limit():
        if memory_mb:
            cap = memory_mb * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *(args or [])], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env or child_env(),
                            preexec_fn=limit, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        rc = None
    return ChildResult(rc, out, err, time.perf_counter() - started)


def last_json(text: str) -> dict | None:
    """The last line of ``text`` that is a JSON object."""
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def seeds_dir() -> Path:
    from shared import shared_path
    return Path(os.environ.get("TRUYVET_SEEDS") or shared_path("seeds"))


def corpus_dir() -> Path:
    """The unpacked real corpus (13,965 files)."""
    return Path(os.environ.get("TRUYVET_CORPUS") or "/tmp/corpus/vn-mixed")


def corpus_sample(dest: Path, count: int, skip: int = 0) -> list[Path]:
    """Copy ``count`` real corpus files (after the first ``skip``) into ``dest``:
    from the unpacked corpus, or streamed out of the shared tarball."""
    import shutil
    import tarfile

    dest.mkdir(parents=True, exist_ok=True)
    src = corpus_dir()
    out = []
    if src.is_dir():
        for name in sorted(os.listdir(src))[skip:skip + count]:
            shutil.copy(src / name, dest / name)
            out.append(dest / name)
        return out
    from shared import shared_path
    with tarfile.open(shared_path("corpus", "vn-mixed.tar.gz"), "r|gz") as tar:
        seen = 0
        for m in tar:
            if not m.isfile():
                continue
            seen += 1
            if seen > skip:
                data = tar.extractfile(m).read()
                path = dest / os.path.basename(m.name)
                path.write_bytes(data)
                out.append(path)
                if len(out) >= count:
                    break
    return out


def store_facts(store) -> dict[str, frozenset]:
    """Per document: its node row, tasks and the edges it asserts (what a
    kill must never leave half-written)."""
    g = store.to_networkx()
    facts: dict[str, set] = {}
    for n, d in g.nodes(data=True):
        if d.get("type") == "Document" and not d.get("stub"):   # a bare endpoint read mid-push has no type
            facts.setdefault(n, set()).add(("node", repr(sorted(d.items()))))
        elif d.get("type") == "Task":
            facts.setdefault(d["doc_id"], set()).add(("task", n, repr(sorted(d.items()))))
    for u, v, d in g.edges(data=True):
        facts.setdefault(d["source_id"], set()).add((d["rel"], u, v, repr(sorted(d.items()))))
    return {k: frozenset(v) for k, v in facts.items()}


def store_digest(store) -> str:
    """A hash of everything a store holds: equal digests, equal graphs."""
    import hashlib

    g = store.to_networkx()
    h = hashlib.sha256()
    for n, d in sorted(g.nodes(data=True)):
        h.update(repr((n, sorted(d.items()))).encode())
    for row in sorted(repr((u, v, sorted(d.items()))) for u, v, d in g.edges(data=True)):
        h.update(row.encode())
    return h.hexdigest()
