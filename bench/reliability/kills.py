"""The kill harness: SIGKILL an ingest into the embedded store, or a push into
Neo4j, at a random moment (or in the middle of a checkpoint), then check the
store.

A kill is survived when (1) a read-only open answers at once, as every
reading command opens the store; (2) every document in the store is whole,
its facts exactly those of one of the two versions the run moved between
(nothing half-written, nothing doubled); (3) running the command again gives
exactly the graph of an uninterrupted run (nothing lost).
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from pathlib import Path

from common import child_env, corpus_sample, store_digest, store_facts, truyvet_cmd


def _open(path: Path, read_only: bool = True):
    from truyvet.graph.stores import open_store
    return open_store("embedded", path=path, read_only=read_only)


# Rows per COPY chunk in some first loads, so that a kill lands between
# chunks (the default chunk holds the whole sample).
SMALL_CHUNKS = "500"


def _ingest(home: Path, folder: Path, chunk_rows: str = "") -> subprocess.Popen:
    env = child_env(TRUYVET_HOME=str(home), TRUYVET_COPY_ROWS=chunk_rows)
    return subprocess.Popen(truyvet_cmd("ingest", folder, "--json"), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _kill_at(proc: subprocess.Popen, home: Path, when: float, at_checkpoint: bool) -> str:
    """Kill ``proc`` ``when`` seconds in, or as soon as a checkpoint starts."""
    started = time.monotonic()
    while proc.poll() is None:
        now = time.monotonic() - started
        if at_checkpoint:
            names = os.listdir(home) if home.is_dir() else []
            if any("shadow" in n or "checkpoint" in n for n in names):
                time.sleep(random.random() * 0.03)
                break
            if now > 120:
                break
        elif now >= when:
            break
        time.sleep(0.002)
    if proc.poll() is not None:
        return "finished"
    os.killpg(proc.pid, 9)
    proc.wait()
    return "killed"


class Phases:
    """A folder that moves through two versions, and the store after each
    uninterrupted run (the references the killed runs are held to)."""

    def __init__(self, work: Path, files: int):
        self.work = work
        self.folder = work / "docs"
        self.folder.mkdir(parents=True)
        self.first = corpus_sample(self.folder, files)
        self.extra = corpus_sample(work / "extra", files, skip=files)
        self.home = {0: work / "ref0", 1: work / "ref1", 2: work / "ref2"}
        self.seconds = {}
        self._run(1)
        self.to_second()
        self._run(2)
        self.facts = {p: self._facts(p) for p in (1, 2)}
        self.digest = {p: self._digest(p) for p in (1, 2)}
        self.to_first()

    def to_second(self) -> None:
        """New files arrive and a tenth of the old ones change (news pages
        get a new id when they do)."""
        for p in self.extra:
            shutil.copy(p, self.folder / p.name)
        for p in self.first[::10]:
            with open(p, "a", encoding="utf-8") as f:
                f.write("\nCập nhật: văn bản được sửa đổi.\n")

    def to_first(self) -> None:
        for p in self.extra:
            (self.folder / p.name).unlink(missing_ok=True)
        for p in self.first[::10]:
            text = p.read_text(encoding="utf-8")
            p.write_text(text.replace("\nCập nhật: văn bản được sửa đổi.\n", ""), encoding="utf-8")

    def _run(self, phase: int) -> None:
        home = self.home[phase]
        if phase == 2:
            shutil.copytree(self.home[1], home)
        started = time.monotonic()
        _ingest(home, self.folder).wait()
        self.seconds[phase] = time.monotonic() - started

    def _facts(self, phase: int):
        with _open(self.home[phase] / "graph.lbdb") as s:
            return store_facts(s)

    def _digest(self, phase: int) -> str:
        with _open(self.home[phase] / "graph.lbdb") as s:
            return store_digest(s)


def embedded_trial(ph: Phases, trial: int, rng: random.Random) -> dict:
    """One killed ingest: phase 1 into an empty store (in small COPY chunks
    every other time), or phase 2 into phase 1."""
    phase = 1 + trial % 2
    chunks = SMALL_CHUNKS if phase == 1 and (trial // 4) % 2 else ""
    home = ph.work / f"trial{trial}"
    if phase == 2:
        shutil.copytree(ph.home[1], home)
        ph.to_second()
    at_checkpoint = trial % 4 >= 2
    when = rng.uniform(0.05, 1.0) * ph.seconds[phase]
    how = _kill_at(_ingest(home, ph.folder, chunks), home, when, at_checkpoint)
    res = {"trial": trial, "phase": phase, "kill": "checkpoint" if at_checkpoint else f"{when:.2f}s", "how": how,
           "chunks": f"{chunks} rows" if chunks else "one"}
    db = home / "graph.lbdb"
    try:
        if db.exists():              # killed before creating it: nothing to read, nothing lost
            with _open(db) as s:
                got = store_facts(s)
        else:
            got = {}
        res["readable"] = True
    except Exception as exc:             # what a reading command would have printed
        res["readable"], res["error"] = False, " ".join(str(exc).split())[:160]
        if db.exists():
            _open(db, read_only=False).close()       # let a writer recover, to go on checking
        got = store_facts(_open(db)) if db.exists() else {}
    allowed = [ph.facts[phase], ph.facts[1] if phase == 2 else {}]
    res["whole"] = all(any(f == a.get(d) for a in allowed) for d, f in got.items())
    _ingest(home, ph.folder).wait()
    with _open(db) as s:
        res["rerun_equal"] = store_digest(s) == ph.digest[phase]
    if phase == 2:
        ph.to_first()
    shutil.rmtree(home, ignore_errors=True)
    res["survived"] = res["readable"] and res["whole"] and res["rerun_equal"]
    return res


def _settled_facts(store, timeout: float = 20.0):
    """The server may still commit or roll back the killed client's last
    transaction for a moment: read until two reads in a row agree."""
    deadline = time.monotonic() + timeout
    last = store_facts(store)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = store_facts(store)
        if now == last:
            return now
        last = now
    return last


def neo4j_trial(ph: Phases, trial: int, rng: random.Random, push_seconds: float) -> dict:
    """A push of the phase-2 store into a cleared Neo4j, killed part-way."""
    from truyvet.graph.stores import open_store

    with open_store("neo4j") as s:
        s.clear()
    env = child_env(TRUYVET_HOME=str(ph.home[2]))
    proc = subprocess.Popen(truyvet_cmd("push"), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    when = rng.uniform(0.0, 0.25) * push_seconds
    with open_store("neo4j") as s:   # kill once writing has begun
        while proc.poll() is None and not s.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]:
            time.sleep(0.01)
        how = _kill_at(proc, ph.home[2], when, at_checkpoint=False)
        got = _settled_facts(s)
    res = {"trial": trial, "phase": "push", "kill": f"{when:.2f}s after the first write", "how": how,
           "readable": True}
    res["whole"] = all(f == ph.facts[2].get(d) for d, f in got.items())
    subprocess.run(truyvet_cmd("push"), env=env, capture_output=True)
    with open_store("neo4j") as s:
        res["rerun_equal"] = store_digest(s) == ph.digest[2]
    res["survived"] = res["whole"] and res["rerun_equal"]
    return res


def run(work: Path, files: int, embedded: int, neo4j: int, seed: int = 17, log=print) -> dict:
    rng = random.Random(seed)
    ph = Phases(work, files)
    log(f"  reference runs: first load {ph.seconds[1]:.1f} s, incremental {ph.seconds[2]:.1f} s "
        f"({len(ph.facts[2])} documents)")
    results = []
    for t in range(embedded):
        r = embedded_trial(ph, t, rng)
        results.append(r)
        log(f"  {'ok ' if r['survived'] else 'BAD'} kill {t}: phase {r['phase']} at {r['kill']} ({r['how']}, "
            f"COPY chunks: {r['chunks']}): "
            f"readable={r['readable']} whole={r['whole']} rerun_equal={r['rerun_equal']} {r.get('error', '')}")
    if neo4j:
        from truyvet.graph.stores import open_store
        with open_store("neo4j") as s:
            s.clear()
        env = child_env(TRUYVET_HOME=str(ph.home[2]))
        started = time.monotonic()
        subprocess.run(truyvet_cmd("push"), env=env, capture_output=True)
        push_seconds = time.monotonic() - started
        for t in range(neo4j):
            r = neo4j_trial(ph, t, rng, push_seconds)
            results.append(r)
            log(f"  {'ok ' if r['survived'] else 'BAD'} push kill {t} at {r['kill']} ({r['how']}): "
                f"whole={r['whole']} rerun_equal={r['rerun_equal']}")
    killed = [r for r in results if r["how"] == "killed"]
    return {"trials": len(results), "killed": len(killed), "survived": sum(r["survived"] for r in killed),
            "unreadable_after_kill": sum(not r["readable"] for r in killed),
            "embedded_kills": sum(r["phase"] != "push" for r in killed),
            "neo4j_kills": sum(r["phase"] == "push" for r in killed), "results": results}
