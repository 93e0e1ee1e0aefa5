"""Every extracted fact with a confidence, least certain first, for ``truyvet review``.

The loaders do not record which rule produced a fact, so the confidence is
read from what the rule leaves in the evidence — the traits every rule of a
kind shares:

* an assignment whose sentence names the agency with its role word ("chủ trì",
  "phối hợp", "theo dõi") is surer than one inherited from a heading, and a
  name that does not read as a body ("Bảo đảm kinh phí …") is doubtful;
* a lineage link decided by a cue ("Thực hiện", "Căn cứ") is surer than a
  bare citation, and one reported by a third document less sure;
* a deadline is as sure as its reading (:data:`truyvet.loaders.due.CONFIDENCE`),
  and one nothing could read is doubtful;
* a status event is as sure as its match to the task; a statement no task
  took is listed too.

A fact the user confirmed (``truyvet correct confirm KEY``) leaves the list.
"""
from __future__ import annotations

import re

import networkx as nx

from truyvet.loaders.agencies import looks_like_agency
from truyvet.loaders.keys import fold
from truyvet.tracking.tracked import Tracked
from truyvet.tracking.userlayer import UserFact

_ROLE_WORDS = {"lead": r"chủ trì|giao|đề nghị|phụ trách|tham mưu|thực hiện|trách nhiệm",
               "coordinate": r"phối hợp", "monitor": r"theo dõi|đôn đốc|kiểm tra|giám sát"}


def edge_key(u: str, v: str, d: dict) -> str:
    return f"{d.get('rel')}|{d.get('source_id')}|{d.get('span_start')}|{v}" + (
        f"|{d['role']}" if d.get("rel") == "ASSIGNS" and d.get("role") else "")


def assignment_confidence(name: str, role: str, quote: str | None) -> tuple[float, str]:
    q = fold(quote or "")
    named = fold(name) in q
    cue = re.search(_ROLE_WORDS.get(role, "chủ trì"), quote or "", re.IGNORECASE)
    score, why = (0.9, "named with its role word") if named and cue else (
        (0.75, "named, no role word") if named else (0.6, "inherited from a heading or list opening"))
    if not looks_like_agency(name) and not fold(name).startswith(("cac ", "nhung ")):
        score, why = score - 0.3, why + "; the name does not read as a body"
    return round(max(score, 0.05), 2), why


def link_confidence(d: dict) -> tuple[float, str]:
    if d.get("reported_by"):
        return 0.7, "reported by a third document"
    if d.get("rel") == "CITES":
        return (0.8, "a citation with a cue") if d.get("cue") else (0.7, "a bare mention")
    return (0.9, f"decided by “{d['cue']}”") if d.get("cue") else (0.75, "no cue recorded")


def items(g: nx.MultiDiGraph, tracked: list[Tracked], unlinked: list[dict], facts: list[UserFact]) -> list[dict]:
    """Every fact to review, least certain first (confirmed ones left out)."""
    confirmed = {f.target for f in facts if f.kind == "confirm" and f.active}
    out = []

    def add(key, kind, score, why, label, ev: dict):
        if key not in confirmed:
            out.append({"key": key, "kind": kind, "confidence": score, "reason": why, "label": label,
                        "evidence": {k: ev.get(k) for k in ("file", "sha256", "span_start", "span_end", "quote")}})

    for u, v, d in g.edges(data=True):
        rel = d.get("rel")
        if str(d.get("source_id") or "").startswith("user:"):
            continue
        if rel == "ASSIGNS":
            name = g.nodes[v].get("name") or v
            score, why = assignment_confidence(name, d.get("role") or "lead", d.get("quote"))
            add(edge_key(u, v, d), f"assignment/{d.get('role')}", score, why,
                f"{g.nodes[u].get('label')} ({g.nodes[u].get('doc_id')}) → {name}", d)
        elif rel in ("IMPLEMENTS", "BASED_ON", "CITES"):
            score, why = link_confidence(d)
            add(edge_key(u, v, d), f"link/{rel.lower()}", score, why,
                f"{g.nodes[u].get('label') or u} → {g.nodes[v].get('label') or v}", d)
    for t in tracked:
        ev = {"file": t.file, "sha256": t.sha256, "span_start": t.span[0], "span_end": t.span[1], "quote": t.quote}
        if t.deadline:
            score = t.due.confidence if t.due else 0.2
            add(f"deadline|{t.task_id}", "deadline", score,
                f"read as {t.due.kind}" + (f", due {t.due.due}" if t.due and t.due.due else ""),
                f"{t.label} ({t.doc_id}): “{t.deadline}”", ev)
        for e in t.events:
            if e.source == "document":
                add(f"status|{e.id}", "status", e.confidence, f"“{e.cue}” matched to this task",
                    f"{t.label} ({t.doc_id})", e.row())
    for s in unlinked:
        add(f"status|{s['reporter']}@{s['span_start']}", "status/unlinked", 0.3,
            f"no task of {s['target']} clearly matches" + (f" (best {s['best']}, {s['score']})" if s["best"] else ""),
            s["subject"][:120], s)
    return sorted(out, key=lambda i: (i["confidence"], i["key"]))
