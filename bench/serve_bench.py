#!/usr/bin/env python3
"""How fast `truyvet serve` answers on a large store: document pages and neighbourhood expansions.

    python bench/serve_bench.py --docs 100000                  # builds the store (about 2 minutes), then measures
    python bench/serve_bench.py --store /tmp/big/graph.lbdb    # an embedded store built before (--keep)
    python bench/serve_bench.py --docs 2000 --runs 50          # a quick run

The store is the synthetic corpus of ``bench/store_bench.py`` (central
directives as stubs, provincial and district plans, 10–30 tasks a document,
a skewed set of 500 agencies). The explorer runs in this process on a free
port and is asked over HTTP, as a browser would; each request names a
document not asked before (nothing is served from what an earlier request
loaded). Server time is the explorer's own (its Server-Timing header, from
reading the request to the body ready); wall time adds HTTP on 127.0.0.1.
Agencies are timed apart: a few of them carry over 100k tasks.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import Corpus, pct  # noqa: E402
from truyvet.graph.stores import open_store  # noqa: E402
from truyvet.queries.store_graph import StoreGraph  # noqa: E402
from truyvet.web.server import Explorer, make_server  # noqa: E402


def build(path: Path, n_docs: int, seed: int) -> float:
    corpus = Corpus(n_docs, seed)
    started = time.perf_counter()
    with open_store("embedded", path=path) as store, store.writer() as writer:
        for i in range(n_docs):
            writer.add(corpus.fragment(i))
    return time.perf_counter() - started


def timed(base: str, path: str) -> tuple[float, float, int]:
    """(server ms, wall ms, bytes) of one GET."""
    started = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=120) as r:
        body = r.read()
        server = float(re.search(r"dur=([\d.]+)", r.headers["Server-Timing"])[1])
    return server, (time.perf_counter() - started) * 1000, len(body)


def measure(name: str, base: str, paths: list[str]) -> dict:
    rows = [timed(base, p) for p in paths]
    server, wall = [r[0] for r in rows], [r[1] for r in rows]
    out = {"what": name, "n": len(rows), "server_p50": pct(server, 50), "server_p95": pct(server, 95),
           "server_max": max(server), "wall_p95": pct(wall, 95), "kb_median": sorted(r[2] for r in rows)[len(rows) // 2] // 1024}
    print(f"{name:<44} {out['n']:>4} {out['server_p50']:>9.1f} {out['server_p95']:>9.1f} {out['server_max']:>9.1f} "
          f"{out['wall_p95']:>9.1f} {out['kb_median']:>7}", flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the store to build")
    ap.add_argument("--store", type=Path, help="an embedded store to use instead of building one")
    ap.add_argument("--runs", type=int, default=200, help="requests per kind")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the store that was built")
    args = ap.parse_args(argv)

    tmp = None
    path = args.store
    if path is None:
        tmp = Path(tempfile.mkdtemp(prefix="truyvet-serve-bench-"))
        path = tmp / "graph.lbdb"
        print(f"building {args.docs} synthetic documents into {path} …", flush=True)
        print(f"built in {build(path, args.docs, args.seed):.1f} s", flush=True)
    try:
        started = time.perf_counter()
        store = open_store("embedded", path=path, read_only=True)
        g = StoreGraph(store, "")
        counts = store.counts()
        print(f"start-up (documents and agencies read, counts): {time.perf_counter() - started:.2f} s; "
              f"{counts['Document']} documents, {counts['Task']} tasks, {counts['ASSIGNS']} assignments", flush=True)
        server = make_server(Explorer(g, "embedded", counts), port=0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        n = counts["Document"] - len([d for d, x in g.nodes(data=True) if x.get("stub")])
        rnd = random.Random(args.seed)
        docs = [f"D{i:07d}" for i in rnd.sample(range(n), 3 * args.runs)]
        centrals = sorted(d for d, x in g.nodes(data=True) if x.get("stub"))
        agencies = sorted(a for a, x in g.nodes(data=True) if x.get("type") == "Agency")
        timed(base, "/")           # the first request pays for imports and the first query plans
        print(f"{'request (each a node not asked before)':<44} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} "
              f"{'wall p95':>9} {'KB':>7}")
        results = [
            measure("document page /node/{doc}", base, [f"/node/{quote(d, safe='')}" for d in docs[:args.runs]]),
            measure("expand a document /api/neighbours/{doc}", base,
                    [f"/api/neighbours/{quote(d, safe='')}" for d in docs[args.runs:2 * args.runs]]),
            measure("expand a directive /api/neighbours/{stub}", base,
                    [f"/api/neighbours/{quote(c, safe='')}" for c in rnd.sample(centrals, min(args.runs, len(centrals)))]),
            measure("graph view /graph/{doc}", base,
                    [f"/graph/{quote(d, safe='')}" for d in docs[2 * args.runs:2 * args.runs + args.runs // 4]]),
            measure("expand an agency /api/neighbours/{agency}", base,
                    [f"/api/neighbours/{quote(a, safe='')}" for a in rnd.sample(agencies, 25)]),
            measure("agency page /node/{agency}", base,
                    [f"/node/{quote(a, safe='')}" for a in rnd.sample(agencies, 25)]),
            measure("search, a symbol /api/search?q=N-KH/TU", base,
                    [f"/api/search?q={quote(f'{rnd.randrange(n)}-KH/TU')}" for _ in range(10)]),
            measure("search, kind and number (a hit)", base,
                    [f"/api/search?q={quote(f'thông báo {97 * rnd.randrange(n // 97)}')}" for _ in range(10)]),
            measure("search, kind and number (none: nearest)", base,
                    [f"/api/search?q={quote(f'thông báo {97 * rnd.randrange(n // 97) + 1}')}" for _ in range(10)]),
        ]
        server.shutdown()
        store.close()
        doc_p95 = max(r["server_p95"] for r in results[:2])
        print(f"target: document page and expansion p95 ≤ 100 ms server side: {'met' if doc_p95 <= 100 else 'MISSED'} "
              f"({doc_p95:.1f} ms)")
    finally:
        if tmp and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp:
            print(f"store kept in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
