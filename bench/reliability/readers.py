"""Readers during an incremental ingest: how many read-only opens are refused.

A loop opens the embedded store read-only and counts documents, as every
reading command does, for as long as another process ingests new files into
it (batches, checkpoints). A refusal is an open or a read that raised; the
wait of each successful open is recorded too.
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from common import child_env, corpus_sample, truyvet_cmd


def run(work: Path, base: int, extra: int, rounds: int = 1, log=print) -> dict:
    from truyvet.graph.stores import open_store

    home = work / "home"
    docs = work / "docs"
    corpus_sample(docs, base)
    subprocess.run(truyvet_cmd("ingest", docs), env=child_env(TRUYVET_HOME=str(home)), capture_output=True)
    ok = refused = 0
    waits: list[float] = []
    reasons: dict[str, int] = {}
    for r in range(rounds):
        corpus_sample(docs, extra, skip=base + r * extra)
        writer = subprocess.Popen(truyvet_cmd("ingest", docs, "--workers", "1"),
                                  env=child_env(TRUYVET_HOME=str(home)),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while writer.poll() is None:
            started = time.perf_counter()
            try:
                with open_store("embedded", path=home / "graph.lbdb", read_only=True) as s:
                    s.query("MATCH (d:Document) RETURN count(d) AS n")
                ok += 1
                waits.append(time.perf_counter() - started)
            except Exception as exc:
                refused += 1
                key = " ".join(str(exc).split())[-90:]
                reasons[key] = reasons.get(key, 0) + 1
            time.sleep(0.01)
    shutil.rmtree(work, ignore_errors=True)
    total = ok + refused
    out = {"reads": total, "refused": refused, "refused_pct": round(100 * refused / max(total, 1), 1),
           "open_p50_ms": round(1000 * statistics.median(waits), 1) if waits else None,
           "open_max_ms": round(1000 * max(waits), 1) if waits else None, "reasons": reasons}
    log(f"  {total} read-only opens during the ingest of {extra * rounds} new files: {refused} refused "
        f"({out['refused_pct']} %); open p50 {out['open_p50_ms']} ms, max {out['open_max_ms']} ms")
    for k, n in reasons.items():
        log(f"    {n} × …{k}")
    return out
