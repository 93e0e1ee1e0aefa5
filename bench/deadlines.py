#!/usr/bin/env python3
"""Deadline normalisation accuracy on the gold deadlines.

    python bench/deadlines.py            # the figures
    python bench/deadlines.py --verbose  # and every miss

Two figures, both against ``tests/data/gold_deadlines.json`` (the deadline of
every gold task as the document writes it, with the due date and kind judged
by hand; see its ``why`` fields for the doubtful ones):

* strings: :func:`truyvet.loaders.due.normalise_deadline` on the written
  deadline and the document's date — correct due dates where the text gives
  one, and correct kind (with no due date where it gives none) over all;
* end to end: the deadline text the loaders extract for the gold task with
  the same label (first unused one), normalised the same way — what a user
  gets today, extraction misses included.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.shared import shared_path  # noqa: E402
from truyvet.loaders.due import normalise_deadline  # noqa: E402
from truyvet.loaders.parse import parse_file  # noqa: E402

DATA = REPO / "tests" / "data" / "gold_deadlines.json"


def rows() -> list[dict]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def string_figures(data: list[dict], verbose: bool = False) -> dict:
    due_ok = due_n = kind_ok = 0
    for r in data:
        d = normalise_deadline(r["text"], r["doc_date"])
        right = d.kind == r["kind"] and d.due == r["due"]
        kind_ok += right
        if r["due"]:
            due_n += 1
            due_ok += d.due == r["due"]
        if verbose and not right:
            print(f"  miss {r['gold']} {r['label']}: {r['text']!r} → {d.kind} {d.due}, want {r['kind']} {r['due']}")
    return {"due_correct": due_ok, "due_total": due_n, "kind_correct": kind_ok, "total": len(data)}


def end_to_end(data: list[dict], verbose: bool = False) -> dict:
    docs = shared_path("gold", "docs")
    by_doc = defaultdict(list)
    for r in data:
        by_doc[r["gold"]].append(r)
    ok = n = found = 0
    for stem, items in sorted(by_doc.items()):
        parsed = parse_file(docs / f"{stem}.txt")
        pool = defaultdict(list)
        for t in parsed.tasks:
            pool[t.label].append(t)
        for r in items:
            if not r["due"]:
                continue
            n += 1
            cands = pool.get(r["label"]) or []
            task = cands.pop(0) if cands else None
            text = task.deadline_text or task.deadline if task else None
            found += task is not None
            d = normalise_deadline(text, parsed.identity.date) if text else None
            got = d.due if d else None
            ok += got == r["due"]
            if verbose and got != r["due"]:
                print(f"  e2e {stem} {r['label']}: extracted {text!r} → {got}, want {r['due']}")
    return {"due_correct": ok, "due_total": n, "tasks_found": found}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    data = rows()
    s = string_figures(data, args.verbose)
    e = end_to_end(data, args.verbose)
    if args.json:
        print(json.dumps({"strings": s, "end_to_end": e}))
        return 0
    print(f"gold deadline strings: due dates {s['due_correct']}/{s['due_total']} "
          f"= {s['due_correct'] / s['due_total']:.2f} (target ≥ 0.95); "
          f"kind and due {s['kind_correct']}/{s['total']} = {s['kind_correct'] / s['total']:.2f}")
    print(f"end to end (loaders' deadline text of the gold task with the same label): due dates "
          f"{e['due_correct']}/{e['due_total']} = {e['due_correct'] / e['due_total']:.2f} "
          f"({e['tasks_found']} of the {e['due_total']} tasks found)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
