#!/usr/bin/env python3
"""Sweep the real mixed corpus: ingest every file, count what was found, prove nothing crashes.

    python bench/sweep.py                          # whole corpus into a temporary embedded store
    python bench/sweep.py --limit 500 --json       # a sample
    python bench/sweep.py --parse-only --workers 1 # parse throughput on one core

The corpus (../shared/corpus/vn-mixed.tar.gz, 13,965 Markdown files) is
unpacked to a temporary folder; nothing is copied into the project.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tarfile
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from truyvet.graph.stores import open_store  # noqa: E402
from truyvet.errors import LoaderError  # noqa: E402
from truyvet.loaders.formats import read_document  # noqa: E402
from truyvet.queries.derived_views import refresh_derived  # noqa: E402
from truyvet.queries.ingest import ingest_paths  # noqa: E402
from tree_rss import TreePeak  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "vn-mixed.tar.gz"


def unpack(tar_path: Path, dest: Path, limit: int | None = None) -> Path:
    """Extract the corpus (or its first ``limit`` files) and return the folder."""
    with tarfile.open(tar_path, "r|gz") as tar:        # a stream: stop early for a sample
        taken = 0
        for m in tar:
            if not m.isfile():
                continue
            tar.extract(m, dest, filter="data")
            taken += 1
            if limit and taken >= limit:
                break
    return dest


def add_corpus_arguments(ap: argparse.ArgumentParser) -> None:
    """--corpus and --limit, as every script that unpacks the corpus takes them."""
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus archive (.tar.gz)")
    ap.add_argument("--limit", type=int, help="only the first N files of the archive")


@contextmanager
def unpacked(args: argparse.Namespace, prefix: str):
    """The corpus of ``args`` unpacked into a temporary folder, deleted after;
    exit status 2 with one line when the archive is missing."""
    if not args.corpus.is_file():
        print(f"error: corpus not found: {args.corpus}", file=sys.stderr)
        raise SystemExit(2)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield unpack(args.corpus, Path(tmp) / "corpus", args.limit)


def sweep(folder: Path, *, workers: int | None = None, store_home: Path | None = None) -> dict:
    """Ingest ``folder`` (or only parse it when ``store_home`` is None) and count."""
    kinds: Counter = Counter()
    relations: Counter = Counter()
    counts: Counter = Counter()

    def see(frag) -> None:
        own = next(n for n in frag.nodes if n.id == frag.doc_id)
        kinds[own.props.get("kind")] += 1
        for e in frag.edges:
            if e.rel in ("IMPLEMENTS", "BASED_ON", "CITES"):
                relations[e.rel.lower() + (" (reported)" if e.props.get("reported_by") else "")] += 1
            elif e.rel in ("HAS_TASK", "ASSIGNS"):
                counts[e.rel.lower()] += 1

    store = open_store("embedded", path=store_home / "graph.lbdb") if store_home else None
    derive = 0.0
    try:
        with TreePeak() as peak:
            report = ingest_paths(store, [str(folder)], workers=workers, on_fragment=see)
            if store:              # what `truyvet ingest` does next: the views across documents
                started = time.perf_counter()
                refresh_derived(store, report.touched)
                derive = time.perf_counter() - started
        stored = store.counts() if store else {}
    finally:
        if store:
            store.close()
    crashes = [f for f in report.failed if "internal error" in f]
    mb = report.bytes / 1e6
    seconds = report.seconds + derive
    return {
        "files": report.files, "megabytes": round(mb, 1), "seconds": round(seconds, 2),
        "derive_seconds": round(derive, 2),
        "files_per_s": round(report.files / seconds, 1), "mb_per_s": round(mb / seconds, 2),
        "workers": workers or os.cpu_count(), "failed": len(report.failed), "crashes": len(crashes),
        "failures": report.failed[:20], "statuses": dict(report.statuses),
        "documents_by_kind": dict(kinds.most_common()), "references_by_relation": dict(relations.most_common()),
        "tasks": counts["has_task"], "assignments": counts["assigns"],
        "warnings_by_type": dict(report.warnings.most_common()), "store": stored,
        "peak_rss_mb": round(peak.mb, 1),        # the process and its live workers together
    }


def _read_and_hash(path: str) -> int:
    try:
        return len(read_document(path).text)
    except LoaderError:           # an empty or unreadable file costs its read all the same
        return 0


def floor_seconds(folder: Path, workers: int | None = None) -> float:
    """Reading, decoding and hashing every file of ``folder`` on ``workers``
    processes: the part of an ingest no extraction speed-up can remove."""
    from multiprocessing import Pool
    files = sorted(str(p) for p in folder.rglob("*") if p.is_file())
    started = time.perf_counter()
    with Pool(workers or os.cpu_count()) as pool:
        for _ in pool.imap_unordered(_read_and_hash, files, chunksize=64):
            pass
    return time.perf_counter() - started


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(ap)
    ap.add_argument("--workers", type=int, help="parsing processes (default: all cores)")
    ap.add_argument("--parse-only", action="store_true", help="no store: parse throughput only")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    with unpacked(args, "truyvet-sweep-") as folder:
        unpack_s = time.perf_counter() - started
        home = None if args.parse_only else folder.parent / "store"
        result = sweep(folder, workers=args.workers, store_home=home)
        result["unpack_seconds"] = round(unpack_s, 2)
        if home:                       # the same folder again: what a daily re-run costs
            result["reingest_seconds"] = sweep(folder, workers=args.workers, store_home=home)["seconds"]
        result["floor_seconds"] = round(floor_seconds(folder, args.workers), 2)
        result["ratio_to_floor"] = round(result["seconds"] / max(result["floor_seconds"], 1e-9), 1)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for k, v in result.items():
            print(f"{k:24} {json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v}")
    return 1 if result["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
