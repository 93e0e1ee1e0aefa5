#!/usr/bin/env python3
"""What a cue pre-filter would save and lose: the measurement behind not having one.

    python bench/prefilter.py                 # the whole corpus, 2 processes
    python bench/prefilter.py --limit 2000 --json

The idea: a page that carries no directive cue (most encyclopedia and Q&A
pages) gets the header and references only, not the rules that read tasks,
people, meetings and successions. It may lose nothing a full parse finds.
This parses every corpus file in full, timing those rules, and for each
candidate set of cue words reports, over the unclassified pages (kind
"other") that carry none of the words: how many there are, the CPU-seconds
their skipped rules took, and how many of them a full parse finds tasks,
people, meetings or successions on (what the filter would lose).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from truyvet.loaders import parse as parse_module  # noqa: E402
from truyvet.loaders.formats import read_document  # noqa: E402
from truyvet.loaders.normalize import normalize  # noqa: E402
from sweep import add_corpus_arguments, unpacked  # noqa: E402

# The rules a filtered page would skip, as parse_text calls them.
SKIPPED = ("extract_tasks", "read_actors", "extract_successions")
CUES = {
    "assignment verbs and thực hiện": ("chủ trì", "phối hợp", "trách nhiệm", "giao ", "đề nghị", "yêu cầu",
                                       "phân công", "theo dõi", "giám sát", "đôn đốc", "triển khai", "thực hiện"),
    "assignment verbs": ("chủ trì", "phối hợp", "trách nhiệm", "giao ", "đề nghị", "yêu cầu",
                         "phân công", "theo dõi", "giám sát", "đôn đốc", "triển khai"),
    "lead and request verbs": ("chủ trì", "phối hợp", "trách nhiệm", "giao", "đề nghị", "yêu cầu", "phân công"),
}
_spent: dict[str, float] = {}


def _timed(name: str):
    rule = getattr(parse_module, name)

    def run(*args, **kwargs):
        started = time.process_time()
        try:
            return rule(*args, **kwargs)
        finally:
            _spent[name] = _spent.get(name, 0.0) + time.process_time() - started
    return run


def _measure(path: str) -> dict:
    """One file parsed in full: its kind, what the skipped rules found and cost, which cues it carries."""
    src = read_document(path)
    _spent.clear()
    started = time.process_time()
    doc = parse_module.parse_text(src.text, path, src.sha256)
    low = normalize(src.text).text.lower()
    return {"kind": doc.identity.kind, "cpu": time.process_time() - started, "skipped_cpu": sum(_spent.values()),
            "found": bool(doc.tasks or doc.people or doc.directions or doc.events or doc.successions),
            "cues": [name for name, words in CUES.items() if any(w in low for w in words)]}


def _init() -> None:
    for name in SKIPPED:
        setattr(parse_module, name, _timed(name))


def measure(files: list[str], workers: int) -> dict:
    with Pool(workers, _init) as pool:
        rows = pool.map(_measure, files, chunksize=32)
    other = [r for r in rows if r["kind"] == "other"]
    out = {"files": len(rows), "parse_cpu_s": round(sum(r["cpu"] for r in rows), 1),
           "unclassified": len(other), "unclassified_with_findings": sum(r["found"] for r in other), "cues": {}}
    for name in CUES:
        bare = [r for r in other if name not in r["cues"]]
        out["cues"][name] = {"pages_filtered": len(bare), "cpu_saved_s": round(sum(r["skipped_cpu"] for r in bare), 1),
                             "pages_losing_findings": sum(r["found"] for r in bare)}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(ap)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with unpacked(args, "truyvet-prefilter-") as folder:
        res = measure(sorted(str(p) for p in folder.rglob("*") if p.is_file()), args.workers)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    print(f"{res['files']:,} files, full parse {res['parse_cpu_s']} CPU-s; {res['unclassified']:,} unclassified "
          f"pages, {res['unclassified_with_findings']:,} of them with tasks, people, meetings or successions")
    print(f"{'cue words':34} {'pages filtered':>15} {'CPU-s saved':>12} {'pages losing findings':>22}")
    for name, c in res["cues"].items():
        print(f"{name:34} {c['pages_filtered']:>15,} {c['cpu_saved_s']:>12} {c['pages_losing_findings']:>22,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
