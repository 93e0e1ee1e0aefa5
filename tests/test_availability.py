"""Reading commands stay available: after a writer is killed in the middle of a
checkpoint, and while another process ingests (real LadybugDB files, real
processes, real corpus documents)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store_fixtures import graph_snapshot
from truyvet.graph.stores import open_store
from truyvet.graph.stores.embedded_open import PENDING

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "docs"


def _docs(seeds, folder: Path, copies: int) -> Path:
    """The seeds and gold documents, each under ``copies`` names with a line of
    its own (so each copy is a document of its own, and there is enough to
    write that a checkpoint takes a while)."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(seeds.glob("*.txt")) + sorted(GOLD.glob("*.txt"))
    for i in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            (folder / f"{i:03d}-{src.name}").write_text(f"{text}\nBản sao số {i}.\n", encoding="utf-8")
    return folder


def _ingest(home: Path, docs: Path, *extra) -> subprocess.Popen:
    env = dict(os.environ, TRUYVET_HOME=str(home), PYTHONIOENCODING="utf-8")
    return subprocess.Popen([sys.executable, "-m", "truyvet", "ingest", str(docs), *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _raw_read_only_open(path: Path) -> str | None:
    """The engine's own answer to a read-only open: None, or its refusal."""
    import ladybug
    try:
        ladybug.Database(str(path), read_only=True).close()
        return None
    except Exception as exc:
        return str(exc)


def test_a_kill_during_a_checkpoint_leaves_the_store_readable(seeds, tmp_path):
    docs = _docs(seeds, tmp_path / "docs", 20)
    # The kill must land in a checkpoint's brief window; under a loaded
    # machine (the whole suite) the watcher misses it more often.
    for attempt in range(20):
        home = tmp_path / f"home{attempt}"
        writer = _ingest(home, docs)
        while writer.poll() is None:
            if home.is_dir() and any("shadow" in n or "checkpoint" in n for n in os.listdir(home)):
                os.kill(writer.pid, signal.SIGKILL)
                break
            time.sleep(0.001)
        writer.wait()
        db = home / "graph.lbdb"
        refusal = _raw_read_only_open(db) if writer.returncode == -signal.SIGKILL else None
        if refusal and PENDING in refusal:
            break                                # the engine alone would refuse every reader now
        shutil.rmtree(home)
    else:
        pytest.fail("no kill landed inside a checkpoint in 20 attempts")
    with open_store("embedded", path=db, read_only=True) as s:
        after_kill = graph_snapshot(s)
    assert _raw_read_only_open(db) is None       # the reader finished the checkpoint
    env = dict(os.environ, TRUYVET_HOME=str(home), PYTHONIOENCODING="utf-8")
    p = subprocess.run([sys.executable, "-m", "truyvet", "query", "MATCH (d:Document) RETURN count(d) AS n",
                        "--json"], capture_output=True, text=True, env=env)
    assert p.returncode == 0 and '"n":' in p.stdout.replace(" ", ""), p.stderr
    _ingest(home, docs).wait()
    with open_store("embedded", path=db, read_only=True) as s:
        final = graph_snapshot(s)
    # All or nothing: a kill inside the commit's own checkpoint leaves the
    # store empty, one after it leaves everything, which a re-run keeps.
    assert final[0]["Document"] > 0
    assert after_kill[0]["Document"] == 0 or after_kill == final


def test_readers_are_never_refused_during_an_incremental_ingest(seeds, tmp_path):
    docs = _docs(seeds, tmp_path / "docs", 4)
    home = tmp_path / "home"
    _ingest(home, docs).wait()
    count = "MATCH (d:Document) WHERE d.stub = false RETURN count(d) AS n"
    with open_store("embedded", path=home / "graph.lbdb", read_only=True) as s:
        before = s.query(count)[0]["n"]
    _docs(seeds, docs, 24)                       # 20 more copies of each: new documents
    writer = _ingest(home, docs, "--workers", "1")
    reads, refused, during_checkpoint = 0, [], 0
    while writer.poll() is None:
        busy = any("shadow" in n or "checkpoint" in n for n in os.listdir(home))
        try:
            with open_store("embedded", path=home / "graph.lbdb", read_only=True) as s:
                s.query("MATCH (d:Document) RETURN count(d) AS n")
            reads += 1
            during_checkpoint += busy
        except Exception as exc:
            refused.append(str(exc))
        time.sleep(0.005)
    assert writer.returncode == 0
    assert refused == [] and reads >= 10
    with open_store("embedded", path=home / "graph.lbdb", read_only=True) as s:
        landed = s.query(count)[0]["n"] - before
    # Copies of a document with a symbol are one document; each of the 20 new
    # copies of one without is a document of its own, and every one landed.
    assert landed > 0 and landed % 20 == 0


def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_a_killed_ingest_leaves_no_parsing_workers_behind(seeds, tmp_path):
    docs = _docs(seeds, tmp_path / "docs", 3)           # enough files for a pool of parsers
    writer = _ingest(tmp_path / "home", docs, "--workers", "2")
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and writer.poll() is None and time.monotonic() < deadline:
        workers |= _children(writer.pid)
        time.sleep(0.01)
    assert len(workers) >= 2, "the ingest never started its parsing workers"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
