#!/usr/bin/env python3
"""Load time and query latency of the graph stores on synthetic corpora.

    python bench/store_bench.py --small                  # smoke run, embedded only
    python bench/store_bench.py --docs 10000 100000      # embedded
    python bench/store_bench.py --docs 10000 --stores embedded neo4j
    python bench/store_bench.py --docs 10000 100000 --stores neo4j-bulk   # neo4j-admin import (bench/neo4j_bulk.py)
    python bench/store_bench.py --docs 1000000 --load-only --keep   # load time and peak RSS
    python bench/store_bench.py --docs 1000000 --store PATH --queries lineage_up
    python bench/store_bench.py --docs 100000 --store PATH --view     # the whole view rebuilt, time and peak RSS
    python bench/store_bench.py --docs 100000 --stores neo4j --view  # the same on the loaded server

The corpus is generated as Fragments (no loaders involved), deterministically
from --seed, shaped like the real one: central directives that are never
ingested (stubs), provincial plans implementing them, district plans
implementing those, ~20 tasks per document with a lead and often a
coordinating agency drawn from a skewed set of agencies, a few citations.

Measured: bulk load (the store's writer into an empty store, as `truyvet
ingest` does: spooled COPY a chunk of rows at a time on the embedded store,
batched transactions on Neo4j) with the peak RSS of the process, per-fragment ingest (new
documents, then replacements), and p50/p95 latency of every pack query over
--runs parameter draws. Neo4j is cleared first: point NEO4J_URI at a
throw-away server (scripts/neo4j-server.sh). ``--view`` loads nothing: it
rebuilds the tracking view of a kept store (``--store``, or the graph the
server holds, e.g. after ``scripts/neo4j-server.sh import --home DIR``)
whole, and gives its time and the peak RSS of the process.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from truyvet.graph.model import Edge, Fragment, Node  # noqa: E402
from truyvet.graph.stores import open_store  # noqa: E402
from truyvet.queries.pack import list_queries, run_query  # noqa: E402
from truyvet.queries.derived_views import refresh_derived  # noqa: E402
from truyvet.tracking import record  # noqa: E402
from truyvet.tracking.userlayer import UserFact  # noqa: E402
from truyvet.tracking.views import refresh as refresh_tracking  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import neo4j_bulk  # noqa: E402
from tree_rss import TreePeak  # noqa: E402

N_AGENCIES = 500
N_PEOPLE = 200
CENTRAL_PER_10K = 200                    # stub directives per 10k documents


class Corpus:
    """Deterministic synthetic documents; fragment(i) is the i-th document."""

    def __init__(self, n_docs: int, seed: int = 7):
        self.n = n_docs
        self.seed = seed
        self.n_central = max(5, CENTRAL_PER_10K * n_docs // 10_000)
        self.n_l1 = max(2, n_docs // 20)               # provincial: 5 %
        self.n_l2 = max(2, n_docs // 4)                # 25 %, the rest are level 3

    def doc_id(self, i: int) -> str:
        return f"D{i:07d}"

    def level(self, i: int) -> int:
        return 1 if i < self.n_l1 else 2 if i < self.n_l1 + self.n_l2 else 3

    def parent(self, i: int, rnd: random.Random) -> str:
        lvl = self.level(i)
        if lvl == 1:
            return f"C{rnd.randrange(self.n_central):05d}"
        lo, hi = (0, self.n_l1) if lvl == 2 else (self.n_l1, self.n_l1 + self.n_l2)
        return self.doc_id(rnd.randrange(lo, hi))

    @staticmethod
    def agency(rnd: random.Random) -> str:
        return f"A{int(N_AGENCIES * rnd.random() ** 2):04d}"   # a few agencies lead a lot

    def fragment(self, i: int, version: int = 0) -> Fragment:
        rnd = random.Random(self.seed * 1_000_003 + i * 7 + version)
        d = self.doc_id(i)
        f = Fragment(d, f"{i:032x}{version:032x}", f"synthetic/{d}.txt")
        kind = "notice" if i % 97 == 0 else rnd.choice(("plan", "plan", "programme",
                                                         "official_letter"))
        year = 2015 + i % 11
        f.nodes.append(Node(d, "Document", dict(
            kind=kind, symbol=f"{i}-KH/TU", number=str(i), date=f"{year}-{1 + i % 12:02d}-"
            f"{1 + i % 28:02d}", issuer=f"Issuer {i % 63}", title=f"Kế hoạch {i} v{version}",
            term="XVII", label=f"{i}-KH/TU")))
        nodes: dict[str, Node] = {}
        edges = f.edges

        def ref(target: str) -> None:
            if target not in nodes and target != d:
                central = target.startswith("C")
                nodes[target] = Node(target, "Document", dict(
                    kind=("resolution", "notice", "conclusion")[int(target[1:]) % 3]
                    if central else None, symbol=target))

        up = self.parent(i, rnd)
        ref(up)
        edges.append(Edge("IMPLEMENTS", d, up, {"quote": f"Thực hiện {up}", "cue": "Thực hiện"}))
        if rnd.random() < 0.3:
            base = f"C{rnd.randrange(self.n_central):05d}"
            ref(base)
            edges.append(Edge("BASED_ON", d, base, {"quote": f"Căn cứ {base}"}))
        for _ in range(rnd.randrange(1, 4)):
            cited = (f"C{rnd.randrange(self.n_central):05d}" if rnd.random() < 0.5
                     else self.doc_id(rnd.randrange(max(1, i))) if i else "C00000")
            ref(cited)
            edges.append(Edge("CITES", d, cited, {"quote": f"theo {cited}"}))
        issuer = self.agency(rnd)
        nodes.setdefault(issuer, Node(issuer, "Agency", {"name": f"Cơ quan {issuer}", "key": issuer}))
        edges.append(Edge("ISSUED_BY", d, issuer, {"quote": "BAN THƯỜNG VỤ"}))
        if rnd.random() < 0.5:
            person = f"P{rnd.randrange(N_PEOPLE):04d}"
            nodes[person] = Node(person, "Person", {"name": f"Người {person}"})
            edges.append(Edge("SIGNED_BY", d, person, {"quote": "T/M BAN THƯỜNG VỤ"}))
        for k in range(rnd.randrange(10, 31)):
            t = f"{d}#{k + 1}"
            nodes[t] = Node(t, "Task", dict(label=f"II.{k + 1}", text=f"Nhiệm vụ {k + 1} của {d} v{version}",
                                            doc_id=d, deadline="Quý III/2025" if k % 5 == 0 else None,
                                            span_start=k * 200, span_end=k * 200 + 180))
            edges.append(Edge("HAS_TASK", d, t, {"quote": f"({k + 1})"}))
            lead = self.agency(rnd)
            nodes.setdefault(lead, Node(lead, "Agency", {"name": f"Cơ quan {lead}", "key": lead}))
            edges.append(Edge("ASSIGNS", t, lead, {"role": "lead", "cue": "chủ trì"}))
            if rnd.random() < 0.5:
                co = self.agency(rnd)
                if co != lead:
                    nodes.setdefault(co, Node(co, "Agency", {"name": f"Cơ quan {co}", "key": co}))
                    edges.append(Edge("ASSIGNS", t, co, {"role": "coordinate", "cue": "phối hợp"}))
        f.nodes.extend(nodes.values())
        for e in edges:
            e.props["source_id"] = d
        return f


def params_for(name: str, corpus: Corpus, rnd: random.Random) -> dict:
    n1, n2 = corpus.n_l1, corpus.n_l2
    if name == "lineage_down":
        return {"doc_id": f"C{rnd.randrange(corpus.n_central):05d}"}
    if name == "lineage_up":
        return {"task_id": f"{corpus.doc_id(rnd.randrange(n1 + n2, corpus.n))}#3"}
    if name == "agency_tasks":
        return {"agency_id": Corpus.agency(rnd), "roles": ["lead"]}
    if name in ("successor_chain", "inherited_tasks"):
        return {"agency_id": Corpus.agency(rnd)}
    if name == "implementing":
        return {"doc_id": corpus.doc_id(rnd.randrange(n1))}
    if name == "document":
        # A symbol as a user gives it: a document's own, or a cited directive's (a stub).
        if rnd.random() < 0.2:
            return {"symbol": f"C{rnd.randrange(corpus.n_central):05d}"}
        return {"symbol": f"{rnd.randrange(corpus.n)}-KH/TU"}
    if name == "path_between":
        a, b = rnd.randrange(n1 + n2, corpus.n), rnd.randrange(n1 + n2, corpus.n)
        return {"from": corpus.doc_id(a), "to": corpus.doc_id(b)}
    if name in ("task_figures", "overdue_tasks"):
        return {"as_of": f"20{rnd.randrange(20, 27)}-01-01"}
    return {}


def peak_rss_mb() -> float:
    """Peak resident memory of this process plus its largest finished child
    (the store loads in this process; VmHWM, as ru_maxrss is inherited
    across fork)."""
    import resource
    hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
    return round((hwm + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def bench_one(kind: str, n_docs: int, args) -> dict:
    corpus = Corpus(n_docs, args.seed)
    if getattr(args, "store", None):            # a kept store of this corpus: queries only
        tmp, reuse = str(Path(args.store).parent), True
    elif getattr(args, "view", False) and kind == "neo4j":     # the graph the server holds
        tmp, reuse = None, True
    else:
        tmp, reuse = tempfile.mkdtemp(prefix="truyvet-bench-", dir=args.workdir), False
    opts = {"path": Path(tmp) / "graph.lbdb"} if kind == "embedded" else {}
    out: dict = {"store": kind, "docs": n_docs}
    load_only = getattr(args, "load_only", False)
    if getattr(args, "view", False):
        if not reuse:
            raise SystemExit("--view rebuilds the view of a kept store: give --store PATH (embedded) "
                             "or --stores neo4j with the server loaded")
        with open_store(kind, **opts) as store:
            rebuild_view(store, kind, n_docs, out)
        return out
    with open_store(kind, **opts) as store:
        if not reuse:
            load(store, kind, corpus, args, out)
        if not (load_only or reuse):
            ingests(store, corpus, n_docs, args, out)
        if not load_only:
            out["queries"], out["answers"] = time_queries(store, kind, corpus, args)
        if kind == "embedded":
            out["disk_mb"] = round(sum(p.stat().st_size for p in Path(tmp).rglob("*")
                                       if p.is_file()) / 2**20, 1)
        # Neo4j is not cleared here: the next run clears it first, and deleting
        # millions of elements right after a large load has taken a small
        # server down, losing the figures just measured.
    if kind == "embedded" and not (args.keep or reuse):
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    elif kind == "embedded":
        out["path"] = str(Path(tmp) / "graph.lbdb")
    return out


def load(store, kind: str, corpus: Corpus, args, out: dict) -> None:
    """Bulk load through the store's writer, as `truyvet ingest` does (the
    embedded store copies a first load a chunk of rows at a time);
    generating the fragments is not timed."""
    n_docs = corpus.n
    if kind == "neo4j":
        store.clear()
    started, gen_s = time.perf_counter(), 0.0
    with store.writer() as writer:
        for i in range(n_docs):
            t = time.perf_counter()
            frag = corpus.fragment(i)
            gen_s += time.perf_counter() - t
            writer.add(frag)
            if (i + 1) % args.slice == 0:
                print(f"  {kind} {n_docs}: {i + 1} docs written or spooled "
                      f"({time.perf_counter() - started - gen_s:.1f} s, peak RSS {peak_rss_mb():.0f} MB)",
                      file=sys.stderr, flush=True)
    load_s = time.perf_counter() - started - gen_s
    if writer.failed:
        raise RuntimeError(f"bulk load failed: {writer.failed[0]}")
    counts = store.counts()
    nodes = sum(counts[k] for k in ("Document", "Task", "Agency", "Person"))
    rels = sum(counts.values()) - nodes
    out.update(nodes=nodes, rels=rels, counts=counts, load_s=round(load_s, 2),
               rows_per_s=round((nodes + rels) / load_s), rels_per_s=round(rels / load_s),
               peak_rss_mb=peak_rss_mb())


def ingests(store, corpus: Corpus, n_docs: int, args, out: dict) -> None:
    """Per-fragment ingest (new documents, then replacements), and the
    tracking view the task queries read."""
    extra = Corpus(n_docs + args.ingests, args.seed)
    added = []
    for i in range(n_docs, n_docs + args.ingests):
        f = extra.fragment(i)
        t = time.perf_counter()
        assert store.ingest(f) == "added"
        added.append((time.perf_counter() - t) * 1000)
    replaced = []
    rnd = random.Random(args.seed)
    for _ in range(args.ingests):
        f = corpus.fragment(rnd.randrange(n_docs), version=1 + len(replaced))
        t = time.perf_counter()
        assert store.ingest(f) == "replaced"
        replaced.append((time.perf_counter() - t) * 1000)
    out["ingest_added_ms"] = {"p50": round(pct(added, 50), 1), "p95": round(pct(added, 95), 1)}
    out["ingest_replaced_ms"] = {"p50": round(pct(replaced, 50), 1),
                                 "p95": round(pct(replaced, 95), 1)}
    t = time.perf_counter()
    refresh_tracking(store)
    out["tracking_refresh_s"] = round(time.perf_counter() - t, 2)
    # What `truyvet ingest` of one more file then adds: the derived views
    # rebuilt around that document.
    f = Corpus(n_docs + args.ingests + 1, args.seed).fragment(n_docs + args.ingests)
    store.ingest(f)
    t = time.perf_counter()
    refresh_derived(store, {f.doc_id})
    out["views_after_one_s"] = round(time.perf_counter() - t, 2)
    # What `truyvet status set` then writes: one task's status, its rows rebuilt.
    task = store.query("MATCH (t:TrackedTask) RETURN t.task_id AS t ORDER BY t.task_id LIMIT 1")[0]["t"]
    t = time.perf_counter()
    record.record(store, [UserFact("status", task, "done", who="bench", why="bench", date="2025-12-31")])
    out["status_recorded_s"] = round(time.perf_counter() - t, 2)


def rebuild_view(store, kind: str, n_docs: int, out: dict) -> None:
    """The whole tracking view rebuilt over the store's own (what a first
    ingest or a large one does), with the peak RSS of this process: sampled
    with its children, and never below its own VmHWM, which opening the
    store alone sets low."""
    with TreePeak() as peak:
        t = time.perf_counter()
        rows, events = refresh_tracking(store)
        out["tracking_refresh_s"] = round(time.perf_counter() - t, 2)
    out.update(view_rows=rows, view_events=events, view_peak_rss_mb=round(peak.mb, 1))
    print(f"  {kind} {n_docs}: view rebuilt whole in {out['tracking_refresh_s']} s, {rows} rows, "
          f"{events} events, peak RSS {out['view_peak_rss_mb']} MB", file=sys.stderr, flush=True)


def time_queries(store, kind: str, corpus: Corpus, args) -> tuple[dict, dict]:
    """p50/p95 of the pack queries (--queries, default all) over parameter
    draws, and digests of their answers to compare the stores."""
    timed, answers = {}, {}
    wanted = getattr(args, "queries", None)
    for q in list_queries():
        if wanted and q.name not in wanted:
            continue
        rnd = random.Random(f"{args.seed}-{q.name}")
        draws = [params_for(q.name, corpus, rnd) for _ in range(args.runs + 2)]
        times, rows, digests = [], [], []
        began = time.perf_counter()
        for k, p in enumerate(draws):
            # Cheap queries get every draw (a p95 needs many); a slow one
            # stops after --budget seconds, once it has ten timings.
            if k >= 12 and time.perf_counter() - began > args.budget:
                break
            t = time.perf_counter()
            res = run_query(store, q.name, p)
            if k >= 2:                # the first two warm caches and plans
                times.append((time.perf_counter() - t) * 1000)
                rows.append(len(res))
            digests.append(hashlib.sha256(json.dumps(res, sort_keys=True, ensure_ascii=False)
                                          .encode()).hexdigest()[:16])
        answers[q.name] = digests
        timed[q.name] = {"p50_ms": round(pct(times, 50), 2), "p95_ms": round(pct(times, 95), 2),
                         "rows_median": statistics.median(rows)}
        print(f"  {kind} {corpus.n}: {q.name} p50 {timed[q.name]['p50_ms']} ms "
              f"p95 {timed[q.name]['p95_ms']} ms", file=sys.stderr, flush=True)
    return timed, answers


def table(results: list[dict]) -> str:
    names = [q.name for q in list_queries() if any(q.name in r.get("queries", {}) for r in results)]
    head = ["store", "docs", "nodes", "rels", "load s", "rows/s", "rels/s", "peak MB", "add ms", "replace ms",
            "views s", "view MB", "+1 doc s", "status s"]
    lines = ["  ".join(f"{h:>10}" for h in head)]
    for r in results:
        lines.append("  ".join(f"{v:>10}" for v in (
            r["store"], r["docs"], r.get("nodes", "-"), r.get("rels", "-"), r.get("load_s", "-"),
            r.get("rows_per_s", "-"), r.get("rels_per_s", "-"), r.get("peak_rss_mb", "-"),
            r.get("ingest_added_ms", {}).get("p50", "-"), r.get("ingest_replaced_ms", {}).get("p50", "-"),
            r.get("tracking_refresh_s", "-"), r.get("view_peak_rss_mb", "-"), r.get("views_after_one_s", "-"),
            r.get("status_recorded_s", "-"))))
    if names:
        lines.append("")
        lines.append(f"{'query p50 / p95 ms':<20}" + "".join(
            f"{r['store'] + ' ' + str(r['docs']):>22}" for r in results))
    for n in names:
        lines.append(f"{n:<20}" + "".join(
            f"{str(r['queries'][n]['p50_ms']) + ' / ' + str(r['queries'][n]['p95_ms']):>22}"
            if n in r.get("queries", {}) else f"{'-':>22}" for r in results))
    return "\n".join(lines)


def compare(results: list[dict]) -> list[str]:
    """Do the stores give the same answers for the same corpus and draws?"""
    lines = []
    for n in sorted({r["docs"] for r in results}):
        same = [r for r in results if r["docs"] == n]
        if len(same) < 2:
            continue
        ref = same[0]
        for other in same[1:]:
            for q, digests in ref.get("answers", {}).items():
                bad = [i for i, (a, b) in enumerate(zip(digests, other["answers"][q])) if a != b]
                verdict = "identical" if not bad else f"DIFFER in {len(bad)} of {len(digests)} draws"
                lines.append(f"{n} docs, {q}: {ref['store']} vs {other['store']}: {verdict}")
                other.setdefault("agree", {})[q] = not bad
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[10_000])
    ap.add_argument("--stores", nargs="+", default=["embedded"], choices=["embedded", "neo4j", "neo4j-bulk"],
                    help="neo4j-bulk: the first load through neo4j-admin import, on a server of the bench's own")
    ap.add_argument("--runs", type=int, default=30, help="parameter draws per query")
    ap.add_argument("--ingests", type=int, default=30, help="fragments ingested one by one")
    ap.add_argument("--budget", type=float, default=20.0,
                    help="seconds per query after which no more draws are timed (at least 10)")
    ap.add_argument("--slice", type=int, default=10_000, help="progress line every N fragments")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--small", action="store_true", help="smoke run: 300 documents, 5 runs")
    ap.add_argument("--workdir", default=None, help="where embedded databases are made")
    ap.add_argument("--keep", action="store_true", help="keep the embedded databases")
    ap.add_argument("--load-only", action="store_true",
                    help="only the bulk load into an empty store: time, rows/s, peak RSS")
    ap.add_argument("--store", help="time the queries on this kept embedded store (graph.lbdb) of "
                                    "the same --docs and --seed, without loading")
    ap.add_argument("--queries", nargs="+", help="only these pack queries (e.g. lineage_up)")
    ap.add_argument("--view", action="store_true",
                    help="only rebuild the tracking view of a kept store whole (--store, or the loaded "
                         "neo4j server): time and peak RSS")
    ap.add_argument("--out", default=None, help="JSON results (default under $TRUYVET_HOME/bench)")
    neo4j_bulk.add_arguments(ap)
    args = ap.parse_args(argv)
    if args.small:
        args.docs, args.runs, args.ingests = [300], 5, 5
    bulk = [neo4j_bulk.bench_bulk(n, args) for n in args.docs if "neo4j-bulk" in args.stores]
    results = [bench_one(kind, n, args) for n in args.docs for kind in args.stores if kind != "neo4j-bulk"]
    if results:
        print(table(results))
    if bulk:
        print(neo4j_bulk.table(bulk))
    agree = compare(results)
    for line in agree:
        print(line)
    out = Path(args.out or Path(os.environ.get("TRUYVET_HOME") or ".truyvet") / "bench"
               / "store_bench.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results + bulk, indent=2, ensure_ascii=False))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
