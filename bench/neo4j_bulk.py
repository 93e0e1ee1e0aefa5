#!/usr/bin/env python3
"""Time the bulk load into Neo4j (neo4j-admin database import full) on synthetic corpora.

    python bench/neo4j_bulk.py --docs 10000 100000
    python bench/store_bench.py --docs 10000 --stores neo4j-bulk     # the same, from store_bench

For each size an embedded store is built from store_bench's synthetic
fragments (not timed), a throw-away server of the bench's own is started
empty (scripts/neo4j-server.sh, --neo4j-dir and --port; never the shared
one), then `scripts/neo4j-server.sh import --home STORE` is timed: stop the
server, write the CSV files, run the import tool, swap the database in,
start the server, build truyvet's constraints and indexes. The rates are
given three ways: over the load (`truyvet push --bulk`: CSV, emptiness
check, import, swap), over the load plus the indexes (a queryable graph,
without the server's stop and start), and end to end. A named query checks that the graph answers.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from truyvet.graph.stores import open_store  # noqa: E402
from truyvet.queries.pack import run_query  # noqa: E402

SCRIPT = ROOT / "scripts" / "neo4j-server.sh"
PASSWORD = "truyvet-bench"
_PUSH = re.compile(r"đã nạp khối (\d+) nút, (\d+) quan hệ .* trong ([\d.]+) s \(CSV ([\d.]+) s, import ([\d.]+) s\)")
_INDEXES = re.compile(r"constraints and indexes online in ([\d.]+) s")


def build_store(n_docs: int, folder: Path, seed: int) -> float:
    """An embedded store of ``n_docs`` synthetic documents, as store_bench loads it."""
    from store_bench import Corpus
    corpus = Corpus(n_docs, seed)
    started = time.perf_counter()
    with open_store("embedded", path=folder / "graph.lbdb") as store, store.writer() as writer:
        for i in range(n_docs):
            writer.add(corpus.fragment(i))
    if writer.failed:
        raise RuntimeError(writer.failed[0])
    return time.perf_counter() - started


def _script(env: dict, *args: str) -> subprocess.CompletedProcess:
    res = subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"neo4j-server.sh {' '.join(args)} failed:\n{res.stdout}\n{res.stderr}")
    return res


def bench_bulk(n_docs: int, args) -> dict:
    env = {**os.environ, "TRUYVET_NEO4J_DIR": args.neo4j_dir, "NEO4J_PORT": str(args.port),
           "NEO4J_PASSWORD": PASSWORD, "PYTHON": sys.executable,
           "TRUYVET_NEO4J_HEAP": args.heap, "TRUYVET_NEO4J_PAGECACHE": args.pagecache}
    with tempfile.TemporaryDirectory(prefix="truyvet-bulk-bench-", dir=args.workdir) as tmp:
        home, build_s = Path(tmp) / "store", None
        if args.store:                           # a kept store of this corpus, not built
            home = Path(args.store).resolve().parent
        else:
            print(f"  neo4j-bulk {n_docs}: building the embedded store", file=sys.stderr, flush=True)
            build_s = round(build_store(n_docs, home, args.seed), 1)
        _script(env, "stop")
        _script(env, "start")                    # an empty server, as a user would have
        try:
            print(f"  neo4j-bulk {n_docs}: import", file=sys.stderr, flush=True)
            t = time.perf_counter()
            res = _script(env, "import", "--home", str(home))
            wall = time.perf_counter() - t
            m, ix = _PUSH.search(res.stderr), _INDEXES.search(res.stdout)
            if not m or not ix:
                raise RuntimeError(f"unexpected output:\n{res.stdout}\n{res.stderr}")
            nodes, rels = int(m.group(1)), int(m.group(2))
            load_s, csv_s, import_s = float(m.group(3)), float(m.group(4)), float(m.group(5))
            index_s = float(ix.group(1))
            with open_store("neo4j", uri=f"bolt://127.0.0.1:{args.port}", password=PASSWORD) as n:
                counts = n.counts()
                # The import writes the symbol key too, which counts() leaves out.
                counts["keys"] = n.query("MATCH (k:Symbol) OPTIONAL MATCH (k)<-[h:HAS_SYMBOL]-() "
                                         "RETURN count(DISTINCT k) + count(h) AS n")[0]["n"]
                t = time.perf_counter()
                up = run_query(n, "lineage_up", {"task_id": f"D{n_docs - 1:07d}#1"})
                query_ms = (time.perf_counter() - t) * 1000
        finally:
            if not args.keep_server:
                _script(env, "stop")
    in_store = sum(counts.values())
    if in_store != nodes + rels:
        raise RuntimeError(f"the server holds {in_store} nodes and relationships, {nodes + rels} were written")
    loaded = load_s                          # CSV, the emptiness check's wait, import, swap
    queryable = loaded + index_s
    return {"store": "neo4j-bulk", "docs": n_docs, "nodes": nodes, "rels": rels,
            "build_embedded_s": build_s, "csv_s": csv_s, "import_s": import_s,
            "load_s": load_s, "indexes_s": index_s, "wall_s": round(wall, 1),
            "rels_per_s_import": round(rels / loaded), "rows_per_s_import": round((nodes + rels) / loaded),
            "rels_per_s_with_indexes": round(rels / queryable),
            "rows_per_s_with_indexes": round((nodes + rels) / queryable),
            "rels_per_s_wall": round(rels / wall), "lineage_up_ms": round(query_ms, 1),
            "lineage_up_rows": len(up)}


def table(results: list[dict]) -> str:
    head = ["docs", "nodes", "rels", "csv s", "import s", "load s", "index s", "wall s",
            "rows/s", "rels/s", "rels/s+ix", "rels/s wall"]
    lines = ["  ".join(f"{h:>11}" for h in head)]
    for r in results:
        lines.append("  ".join(f"{v:>11}" for v in (
            r["docs"], r["nodes"], r["rels"], r["csv_s"], r["import_s"], r["load_s"], r["indexes_s"], r["wall_s"],
            r["rows_per_s_import"], r["rels_per_s_import"], r["rels_per_s_with_indexes"],
            r["rels_per_s_wall"])))
    return "\n".join(lines)


def add_arguments(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--neo4j-dir", default="/tmp/truyvet-neo4j-bulk-bench",
                    help="data dir of the bench's own server (stopped and removed after each size)")
    ap.add_argument("--port", type=int, default=7690, help="Bolt port of the bench's own server")
    ap.add_argument("--heap", default="768m", help="the server's heap")
    ap.add_argument("--pagecache", default="512m", help="the server's page cache")
    ap.add_argument("--keep-server", action="store_true", help="leave the last server running")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workdir", default=None, help="where the embedded stores and CSV files go")
    ap.add_argument("--store", default=None, help="import this kept embedded store (DIR/graph.lbdb) "
                    "of --docs documents instead of building one (store_bench.py --load-only --keep)")
    ap.add_argument("--out", default=None, help="JSON results (default under $TRUYVET_HOME/bench)")
    add_arguments(ap)
    args = ap.parse_args(argv)
    results = [bench_bulk(n, args) for n in args.docs]
    print(table(results))
    out = Path(args.out or Path(os.environ.get("TRUYVET_HOME") or ".truyvet") / "bench" / "neo4j_bulk.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
