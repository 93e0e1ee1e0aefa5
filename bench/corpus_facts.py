"""What one parse says about a file, as comparable facts, and the diff of two parses.

A fact is a short string ("II.2 → Sở Tư pháp" for a lead); each field of a file
is a multiset of them, so a label that repeats counts each time. The diff of
two parses of the same files lists, per field, the facts gained and lost.

    >>> rec = {"document": {"kind": "plan", "symbol": "12-KH/TU"}, "references": [],
    ...        "tasks": [{"label": "1", "lead": ["Sở Tư pháp"], "deadline": "2025-12-31"}]}
    >>> f = facts(rec)
    >>> sorted(f["leads"]), sorted(f["deadlines"]), f["agency names"]["Sở Tư pháp"]
    (['1 → Sở Tư pháp'], ['1 → 2025-12-31'], 1)
    >>> d = diff({"a.md": f}, {"a.md": facts(rec | {"tasks": []})})
    >>> d["fields"]["leads"]["lost"], d["fields"]["tasks"]["changes"]
    (1, [{'file': 'a.md', 'gained': [], 'lost': ['1']}])
"""
from __future__ import annotations

import random
from collections import Counter
from typing import Iterable, Mapping

DOC_FIELDS = ("kind", "symbol", "date", "issuer", "signer")
FIELDS = DOC_FIELDS + ("references", "tasks", "leads", "coordinates", "monitors", "deadlines", "warnings")
ROLES = {"leads": "lead", "coordinates": "coordinate", "monitors": "monitor"}


def facts(record: dict) -> dict:
    """The facts of one ``parse --json`` record; ``{"error": ...}`` stays as it is."""
    if "error" in record:
        return {"error": record["error"]}
    doc, tasks = record.get("document") or {}, record.get("tasks") or []
    out = {f: Counter([str(doc[f])] if doc.get(f) else []) for f in DOC_FIELDS}
    out["references"] = Counter(f"{r.get('symbol') or r.get('name')} ({r.get('relation')})"
                                for r in record.get("references") or [])
    out["tasks"] = Counter(t["label"] + (" (heading)" if t.get("heading") else "") for t in tasks)
    for field, role in ROLES.items():
        out[field] = Counter(f"{t['label']} → {a}" for t in tasks for a in t.get(role) or [])
    out["deadlines"] = Counter(f"{t['label']} → {t['deadline']}" for t in tasks if t.get("deadline"))
    out["warnings"] = Counter(record.get("warnings") or [])
    out["agency names"] = Counter(a for t in tasks for role in ROLES.values() for a in t.get(role) or [])
    return out


def facts_by_file(records: Iterable[dict]) -> dict[str, dict]:
    return {r["file"]: facts(r) for r in records}


def diff(old: Mapping[str, dict], new: Mapping[str, dict]) -> dict:
    """Every gain and loss between two parses (file → :func:`facts`), nothing sampled.

    Files failing on either side are left out of the fields and listed under
    ``failures``: ``new`` (fail only in ``new``), ``fixed`` (only in ``old``),
    ``both``, ``missing`` (parsed on one side only)."""
    fields = {f: {"gained": 0, "lost": 0, "changes": []} for f in FIELDS}
    failures: dict[str, list] = {"new": [], "fixed": [], "both": [], "missing": []}
    names = {"old": Counter(), "new": Counter()}
    for file in sorted(old.keys() | new.keys()):
        a, b = old.get(file), new.get(file)
        if a is None or b is None:
            failures["missing"].append({"file": file, "error": f"not parsed in {'old' if a is None else 'new'}"})
            continue
        for side, f in (("old", a), ("new", b)):
            names[side].update(f.get("agency names", ()))
        if "error" in a or "error" in b:
            kind = "both" if "error" in a and "error" in b else "new" if "error" in b else "fixed"
            failures[kind].append({"file": file, "error": b.get("error") or a["error"]})
            continue
        for f in FIELDS:
            gained, lost = b[f] - a[f], a[f] - b[f]
            if gained or lost:
                fields[f]["gained"] += gained.total()
                fields[f]["lost"] += lost.total()
                fields[f]["changes"].append({"file": file, "gained": sorted(gained.elements()),
                                             "lost": sorted(lost.elements())})
    agencies = {"old_distinct": len(names["old"]), "new_distinct": len(names["new"]),
                "gained": _by_count(names["new"], names["old"]), "lost": _by_count(names["old"], names["new"]),
                "new_names": sorted(names["new"])}
    return {"files": len(old.keys() | new.keys()), "fields": fields, "agencies": agencies, "failures": failures}


def _by_count(have: Counter, other: Counter) -> list[list]:
    """Names in ``have`` that ``other`` lacks, with their counts, most frequent first."""
    return sorted(([n, c] for n, c in have.items() if n not in other), key=lambda x: (-x[1], x[0]))


def summary(d: dict, samples: int = 5, seed: int = 0) -> dict:
    """The diff cut to counts and ``samples`` random examples per list (seeded)."""
    rng = random.Random(seed)

    def pick(items: list) -> list:
        return items if len(items) <= samples else [items[i] for i in sorted(rng.sample(range(len(items)), samples))]

    ag = d["agencies"]
    return {
        "files": d["files"],
        "fields": {f: {"gained": v["gained"], "lost": v["lost"], "files": len(v["changes"]),
                       "samples": pick(v["changes"])} for f, v in d["fields"].items()},
        "agencies": {"old_distinct": ag["old_distinct"], "new_distinct": ag["new_distinct"],
                     "gained": len(ag["gained"]), "lost": len(ag["lost"]),
                     "gained_top": ag["gained"][:samples], "lost_top": ag["lost"][:samples],
                     "random_new": sorted(rng.sample(ag["new_names"], min(samples, len(ag["new_names"]))))},
        "failures": {k: {"count": len(v), "samples": pick(v)} for k, v in d["failures"].items()},
    }
