"""Synthetic accuracy: extraction against the generator's own ground truth (scale only).

    python bench/accuracy.py [-n 400] [--seed 1] [--json]

Prints, for documents generated with known facts: identity fields right,
references found and with the right relation (strongest per target), task
labels found, leads right (compared on agency display keys), deadlines right.

These figures measure the generator's assumptions (truyvet/loaders/synthetic.py),
not Vietnamese documents: use them for scale and for regressions on the
phrasings it writes. Accuracy on real documents is ``python bench/gold.py``.
"""
from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter

from truyvet.graph.identity import agency_display
from truyvet.loaders.keys import fold
from truyvet.loaders.parse import parse_text
from truyvet.synthetic import iter_documents

_ORDER = {"implements": 3, "based_on": 2, "cites": 1}


def _key(name: str) -> str:
    return fold(agency_display(name))


def _label_key(label: str) -> str:
    """Labels compared as the gold scorer does: "IV.1.a)" and "IV.1.a" are one label."""
    return re.sub(r"\.+", ".", re.sub(r"[()\s]", "", fold(label))).strip(".")


def measure(n: int, seed: int) -> dict:
    c: Counter = Counter()
    started = time.perf_counter()
    for name, text, truth in iter_documents(n, seed=seed):
        doc = parse_text(text, name)
        want_doc = truth["document"]
        for f in ("kind", "symbol", "date", "signer"):
            c[f"document.{f}"] += getattr(doc.identity, f) == want_doc.get(f)
        # The truth spells issuers canonically with their place ("Tỉnh ủy Nghệ
        # An"); the text may say "Ban Thường vụ Tỉnh ủy" of the same body.
        mine, want = _key(doc.identity.issuer or ""), _key(want_doc.get("issuer") or "")
        c["document.issuer"] += bool(mine and want) and (mine in want or want in mine) or mine == want
        strongest: dict[str, str] = {}
        for r in doc.references:
            key = r.symbol or r.name
            if key not in strongest or _ORDER[r.relation] > _ORDER[strongest[key]]:
                strongest[key] = r.relation
        for r in truth["references"]:
            key = r.get("symbol") or r.get("name")
            c["references"] += 1
            c["references.found"] += key in strongest
            c["references.relation"] += strongest.get(key) == r["relation"]
        # As the gold conventions count them: tasks are items with a lead, and
        # one label may hold several tasks (one per bullet with its own lead or deadline).
        tasks: dict[str, list] = {}
        for t in doc.tasks:
            tasks.setdefault(_label_key(t.label), []).append(t)
        for t in truth["tasks"]:
            if not t["lead"]:
                continue
            c["tasks"] += 1
            cands = tasks.get(_label_key(t["label"]), [])
            if not cands:
                continue
            c["tasks.found"] += 1
            want = [_key(x) for x in t["lead"]]
            c["tasks.lead"] += any(all(any(m in w or w in m for m in (_key(x) for x in got.agencies("lead"))) for w in want)
                                   for got in cands)
            if t.get("deadline"):
                c["tasks.deadline"] += 1
                c["tasks.deadline.right"] += any(t["deadline"] in (got.deadline, got.deadline_period) for got in cands)
    out = {"documents": n, "seconds": round(time.perf_counter() - started, 2)}
    for f in ("kind", "symbol", "date", "issuer", "signer"):
        out[f"document.{f}"] = round(c[f"document.{f}"] / n, 4)
    out["references"] = c["references"]
    out["references.found"] = round(c["references.found"] / max(1, c["references"]), 4)
    out["references.relation"] = round(c["references.relation"] / max(1, c["references"]), 4)
    out["tasks"] = c["tasks"]
    out["tasks.found"] = round(c["tasks.found"] / max(1, c["tasks"]), 4)
    out["tasks.lead"] = round(c["tasks.lead"] / max(1, c["tasks"]), 4)
    out["tasks.deadline"] = round(c["tasks.deadline.right"] / max(1, c["tasks.deadline"]), 4)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=400)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = measure(args.n, args.seed)
    if args.json:
        print(json.dumps(result))
        return
    print("synthetic corpus (the generator's phrasings, not real documents; real: bench/gold.py)")
    for k, v in result.items():
        print(f"{k:24} {v:.1%}" if isinstance(v, float) and k != "seconds" else f"{k:24} {v}")


if __name__ == "__main__":
    main()
