#!/usr/bin/env python3
"""Every speed figure truyvet is held to, in one table, with its target.

    python bench/run.py                  # full: the whole corpus, 10k and 100k documents
    python bench/run.py --smoke          # seconds: keeps the benchmark itself working (CI)
    python bench/run.py --stores embedded neo4j --docs 100000 --out results.json
    python bench/run.py --million        # also: 1M synthetic documents into an empty embedded store

Figures (each a median of --runs runs where it is cheap enough to repeat):
  parse throughput on one core over the real corpus (MB/s, files/s);
  end-to-end ingest of the corpus into a fresh embedded store on all cores
  (seconds, MB/s, peak RSS of the whole process tree);
  per store and size: bulk load (rows/s, rels/s), disk, and p50/p95 of symbol lookup,
  upstream lineage from a task, downstream tree of a directive, tasks of an
  agency;
  time to generate a 2,000-node lineage page;
  with --million (opt-in, about an hour): the first load of 1,000,000 synthetic
  documents (~21M nodes, ~55M relationships) into an empty embedded store, its
  peak RSS against the 8 GB target, and the upstream lineage p95 on that store.
Neo4j figures need a server at $NEO4J_URI (scripts/neo4j-server.sh start);
without one the Neo4j rows are skipped and say so.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import sweep  # noqa: E402

QUERIES = {  # figure name -> pack query
    "lookup by symbol": "document",
    "upstream lineage from a task (5 hops)": "lineage_up",
    "downstream tree of a directive": "lineage_down",
    "tasks of an agency": "agency_tasks",
}


def corpus_figures(limit: int | None, runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="truyvet-bench-") as tmp:
        folder = sweep.unpack(sweep.CORPUS, Path(tmp) / "corpus", limit)
        parse = [sweep.sweep(folder, workers=1) for _ in range(runs)]
        # Ingest in a child process so its peak RSS (with its workers) is its own.
        ingest = []
        for i in range(runs):
            cmd = [sys.executable, str(HERE / "sweep.py"), "--json", "--corpus", str(sweep.CORPUS)]
            if limit:
                cmd += ["--limit", str(limit)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            ingest.append(json.loads(out))
    med = lambda rows, k: statistics.median(r[k] for r in rows)  # noqa: E731
    return {
        "files": parse[0]["files"], "megabytes": parse[0]["megabytes"],
        "parse_mb_per_s_1core": med(parse, "mb_per_s"), "parse_files_per_s_1core": med(parse, "files_per_s"),
        "ingest_seconds": med(ingest, "seconds"), "ingest_mb_per_s": med(ingest, "mb_per_s"),
        "reingest_seconds": med(ingest, "reingest_seconds"),
        "ingest_derive_seconds": med(ingest, "derive_seconds"),
        "floor_seconds": med(ingest, "floor_seconds"), "ratio_to_floor": med(ingest, "ratio_to_floor"),
        "ingest_peak_rss_mb": max(r["peak_rss_mb"] for r in ingest), "ingest_crashes": ingest[0]["crashes"],
        "ingest_failed": ingest[0]["failed"],
    }


def store_bench(n_docs: int, *args: str) -> dict:
    """One run of store_bench.py in a child process (its memory and peak RSS
    are its own): the embedded store's tracking view at 100k documents leaves
    ~16 GB in the process that built it, which a Neo4j server started next
    to it then lacks. Its first result."""
    with tempfile.TemporaryDirectory(prefix="truyvet-bench-") as tmp:
        subprocess.run([sys.executable, str(HERE / "store_bench.py"), "--docs", str(n_docs), *args,
                        "--out", f"{tmp}/r.json"], check=True)
        return json.loads(Path(f"{tmp}/r.json").read_text())[0]


def store_figures(kind: str, n_docs: int, runs: int) -> dict:
    r = store_bench(n_docs, "--stores", kind, "--runs", str(runs), "--ingests", str(min(30, runs)),
                    "--budget", "20", "--slice", "10000", "--seed", "7")
    return {"store": kind, "docs": n_docs, "nodes": r["nodes"], "rels": r["rels"], "load_s": r["load_s"],
            "rows_per_s": r["rows_per_s"], "rels_per_s": r["rels_per_s"], "disk_mb": r.get("disk_mb"),
            "views_s": r["tracking_refresh_s"], "views_after_one_s": r["views_after_one_s"],
            "status_recorded_s": r["status_recorded_s"],
            "queries": {fig: r["queries"][q] for fig, q in QUERIES.items()}}


MILLION_RSS_MB = 8 * 1024


def million_figures(n_docs: int, runs: int) -> dict:
    """Load ``n_docs`` synthetic documents into an empty embedded store in a
    child process (its peak RSS is its own), then time the upstream lineage
    on the store it kept."""
    import resource
    with tempfile.TemporaryDirectory(prefix="truyvet-million-") as tmp:
        r = store_bench(n_docs, "--slice", "100000", "--load-only", "--keep", "--workdir", tmp)
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # A p95 needs draws: 30 at least, whatever --runs repeats the corpus runs.
        q = store_bench(n_docs, "--store", r["path"], "--queries", "lineage_up",
                        "--runs", str(max(30, runs)))["queries"]["lineage_up"]
    return {"docs": n_docs, "nodes": r["nodes"], "rels": r["rels"], "load_s": r["load_s"],
            "rows_per_s": r["rows_per_s"], "disk_mb": r["disk_mb"],
            "peak_rss_mb": round(max(r["peak_rss_mb"], child_peak)), "lineage_up": q}


def neo4j_reason() -> str | None:
    try:
        from truyvet.graph.stores import open_store
        with open_store("neo4j") as s:
            s.query("RETURN 1 AS one")
        return None
    except Exception as exc:  # the reason is printed, never the password
        return str(exc).splitlines()[0][:160]


def viz_figures(nodes: int, runs: int) -> dict:
    import viz_bench
    from truyvet.queries import viz
    g = viz_bench.synthetic(nodes, 7)
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        viz.render_html(viz.lineage_subgraph(g, viz_bench.ROOT, max_nodes=10), viz_bench.ROOT, Path(tmp) / "w.html", g=g)
        for _ in range(runs):
            t = time.perf_counter()
            viz.render_html(viz.lineage_subgraph(g, viz_bench.ROOT, max_nodes=nodes + 1), viz_bench.ROOT,
                            Path(tmp) / "p.html", g=g)
            times.append(time.perf_counter() - t)
    return {"nodes": nodes, "generate_s": round(statistics.median(times), 3)}


def table(res: dict) -> str:
    c = res["corpus"]
    rows = [
        ("parse, 1 core, real corpus", f"{c['parse_mb_per_s_1core']:.2f} MB/s, {c['parse_files_per_s_1core']:.0f} files/s", "-"),
        (f"ingest corpus ({c['files']} files, {c['megabytes']} MB), {res['cores']} cores",
         f"{c['ingest_seconds']:.1f} s = {c['ingest_mb_per_s']:.2f} MB/s", "≥ 25 MB/s (≤ 8 s)"),
        ("  of which the views across documents", f"{c['ingest_derive_seconds']:.1f} s", "-"),
        ("  floor: read, decode, hash the same files", f"{c['floor_seconds']:.2f} s; ingest = {c['ratio_to_floor']}× floor",
         "-"),
        ("re-ingest of the unchanged corpus", f"{c['reingest_seconds']:.1f} s", "≤ 2 s"),
        ("ingest peak RSS", f"{c['ingest_peak_rss_mb']:.0f} MB", "≤ 1,000 MB"),
        ("ingest crashes / failed files", f"{c['ingest_crashes']} / {c['ingest_failed']}", "0"),
    ]
    for s in res["stores"]:
        if "skipped" in s:
            rows.append((f"{s['store']} store", f"skipped: {s['skipped']}", ""))
            continue
        tag = f"{s['store']} {s['docs']:,} docs"
        rows.append((f"{tag}: load {s['nodes']:,} nodes + {s['rels']:,} rels",
                     f"{s['load_s']} s, {s['rows_per_s']:,} rows/s, {s['rels_per_s']:,} rels/s"
                     + (f", {s['disk_mb']} MB" if s.get("disk_mb") else ""),
                     "≥ 50k rels/s" if s["store"] == "neo4j" else "-"))
        rows.append((f"{tag}: views across documents, whole / after one more file",
                     f"{s['views_s']} s / {s['views_after_one_s']} s", "-"))
        rows.append((f"{tag}: one task's status recorded, its rows rebuilt", f"{s['status_recorded_s']} s", "-"))
        for fig, q in s["queries"].items():
            target = "p95 ≤ 2 ms" if "lineage from a task" in fig and s["store"] == "embedded" else \
                ("≤ 2× embedded" if "lineage from a task" in fig else
                 "p50 ≤ 2 ms" if fig == "lookup by symbol" else "-")
            rows.append((f"{tag}: {fig}", f"p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms", target))
    m = res.get("million")
    if m:
        tag = f"embedded {m['docs']:,} docs, first load"
        rows.append((f"{tag}: {m['nodes']:,} nodes + {m['rels']:,} rels",
                     f"{m['load_s']} s, {m['rows_per_s']:,} rows/s, {m['disk_mb']} MB", "-"))
        rows.append((f"{tag}: peak RSS", f"{m['peak_rss_mb']:,} MB", f"≤ {MILLION_RSS_MB:,} MB"
                     + (" (MISSED)" if m["peak_rss_mb"] > MILLION_RSS_MB else "")))
        q = m["lineage_up"]
        rows.append((f"embedded {m['docs']:,} docs: upstream lineage from a task (5 hops)",
                     f"p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms", "p95 ≤ 2 ms"))
    v = res["viz"]
    rows.append((f"viz: {v['nodes']}-node lineage page", f"{v['generate_s']} s to generate", "-"))
    w = max(len(r[0]) for r in rows)
    lines = [f"truyvet benchmark · {res['cores']} cores · {res['python']} · {res['date']}",
             f"{'figure':<{w}}  {'measured':<40} target"]
    lines += [f"{a:<{w}}  {b:<40} {t}" for a, b, t in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, one run: checks the script works")
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--stores", nargs="+", default=["embedded", "neo4j"], choices=["embedded", "neo4j"])
    ap.add_argument("--runs", type=int, default=3, help="repeats of the corpus runs")
    ap.add_argument("--query-runs", type=int, default=200,
                    help="parameter draws per query (a slow query stops after 20 s)")
    ap.add_argument("--limit", type=int, help="corpus files (default: all)")
    ap.add_argument("--million", nargs="?", type=int, const=1_000_000, metavar="DOCS",
                    help="also load 1,000,000 (or DOCS) synthetic documents into an empty embedded "
                         "store: load time and peak RSS against 8 GB (opt-in, never with --smoke)")
    ap.add_argument("--out", type=Path, help="JSON results (default: bench-results.json in $TRUYVET_HOME)")
    args = ap.parse_args(argv)
    if args.smoke:
        args.docs, args.runs, args.query_runs, args.limit = [300], 1, 3, args.limit or 200
    res = {"cores": os.cpu_count(), "python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M")}
    out = args.out or Path(os.environ.get("TRUYVET_HOME") or ".truyvet") / "bench-results.json"
    out.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after every stage, so a late failure keeps what was measured
        out.write_text(json.dumps(res, indent=2, ensure_ascii=False))

    print("corpus …", file=sys.stderr, flush=True)
    res["corpus"] = corpus_figures(args.limit, args.runs)
    res["stores"] = []
    save()
    reason = neo4j_reason() if "neo4j" in args.stores else None
    for n in args.docs:
        for kind in args.stores:
            if kind == "neo4j" and reason:
                res["stores"].append({"store": "neo4j", "docs": n, "skipped": reason})
                continue
            print(f"{kind} {n} …", file=sys.stderr, flush=True)
            try:
                res["stores"].append(store_figures(kind, n, args.query_runs))
            except Exception as exc:  # a server that fell over: report it, keep the rest
                res["stores"].append({"store": kind, "docs": n, "skipped": f"failed: {exc}"[:200]})
            save()
    if args.million and not args.smoke:
        print(f"embedded first load of {args.million:,} documents …", file=sys.stderr, flush=True)
        res["million"] = million_figures(args.million, args.query_runs)
        save()
    res["viz"] = viz_figures(200 if args.smoke else 2000, 1 if args.smoke else 3)
    save()
    print(table(res))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
