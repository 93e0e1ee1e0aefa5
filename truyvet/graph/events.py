"""Meetings → Event nodes, and the link from a reported meeting to its Thông báo kết luận.

An event's id is its kind, day and chair (or, without one, its name):
``event:working_session/2024-11-27/to-lam``; so the news article on a
working session and the Thông báo kết luận that opens "Ngày 27/11/2024,
đồng chí Tổng Bí thư Tô Lâm … làm việc với …" give one node.

News reach the documents they are about through the meeting, not through a
second "reports" relation beside CITES: Document -REPORTS_EVENT-> Event
-RECORDED_IN-> Document. RECORDED_IN comes from the document itself (a
notice whose title is "Kết luận … tại buổi làm việc …"), from a Thông báo
named beside the meeting, or — across documents — from :func:`match_records`.

**Matching a reported meeting to its Thông báo kết luận** (no text says
both): a notice or conclusion D records event E when

* a document says D carries the conclusions of E's chair ("Thông báo số
  111-TB/VPTW … về kết luận làm việc của đồng chí Tổng Bí thư Tô Lâm với Ban
  Thường vụ Thành ủy Hà Nội": D -DIRECTED_BY-> the chair),
* that sentence names the body E was held with, and
* D is dated on E's day or within :data:`WINDOW_DAYS` after it;

the nearest such D wins, and a tie links nothing. The edge carries that
sentence as evidence, ``role = "matched"`` and the facts matched as ``cue``.
"""
from __future__ import annotations

import datetime as dt

import networkx as nx

from truyvet.graph.identity import Context, bounded
from truyvet.graph.model import Edge, Node
from truyvet.graph.schema import EDGE_PROPS
from truyvet.loaders.keys import fold, slug
from truyvet.loaders.records import ParsedDocument

WINDOW_DAYS = 60
_WORD = {"working_session": "Làm việc", "conference": "Hội nghị", "meeting": "Phiên họp", "seminar": "Hội thảo"}


def _vn(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def event_label(kind: str, name: str, chair: str | None, date: str) -> str:
    """ "Làm việc: Tô Lâm với Ban Thường vụ Thành ủy Hà Nội, 27/11/2024"."""
    if kind == "conference" and name:
        head = name[:1].upper() + name[1:]
    else:
        who = " ".join(p for p in (chair, f"với {name}" if name and kind == "working_session" else name) if p)
        head = _WORD.get(kind, "Sự kiện") + (f": {who}" if who else "")
    return f"{head}, {_vn(date)}"


def event_parts(doc: ParsedDocument, ctx: Context, evidence, stub, person_of, agency) -> tuple[list[Node], list[Edge]]:
    """Event nodes and edges of one document; ``person_of`` maps a folded name to its
    person id, ``agency(name)`` gives an agency id, ``stub(reference)`` a document id."""
    nodes, edges = [], []
    for e in doc.events:
        chair = person_of.get(fold(e.chair.name)) if e.chair else None
        tail = chair.split(":", 1)[1] if chair else bounded(slug(e.name or e.kind_text), 60)
        eid = bounded(f"event:{e.kind}/{e.date}/{tail}")
        nodes.append(Node(eid, "Event", {
            "kind": e.kind, "kind_text": e.kind_text, "date": e.date, "name": e.name, "venue": e.venue,
            "label": event_label(e.kind, e.name, e.chair.name if e.chair else None, e.date)}))
        ev = evidence(e.span, cue=e.kind_text)
        if not e.recorded_here:
            edges.append(Edge("REPORTS_EVENT", ctx.doc_id, eid, ev))
        targets = ([ctx.doc_id] if e.recorded_here else []) + [s for s in map(stub, e.recorded_in) if s]
        for t in dict.fromkeys(targets):
            edges.append(Edge("RECORDED_IN", eid, t, ev))
        if chair:
            edges.append(Edge("CHAIRED_BY", eid, chair, evidence(e.span, role="; ".join(e.chair.roles) or None)))
        for p in e.participants:
            pid = person_of.get(fold(p.name))
            if pid and pid != chair:
                edges.append(Edge("ATTENDED_BY", eid, pid, evidence(p.evidence_span, role="; ".join(p.roles) or None)))
        for b in e.bodies:
            edges.append(Edge("HELD_WITH", eid, agency(b), ev))
    return nodes, edges


def _day(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def match_records(g: nx.MultiDiGraph) -> list[Edge]:
    """RECORDED_IN edges inferred for events no document links to their record."""
    out = []
    for eid, d in g.nodes(data=True):
        if d.get("type") != "Event":
            continue
        rels = [(v, a) for _, v, a in g.out_edges(eid, data=True)]
        if any(a["rel"] == "RECORDED_IN" for _, a in rels):
            continue
        day = _day(d.get("date"))
        chairs = [v for v, a in rels if a["rel"] == "CHAIRED_BY"]
        # A body and its place ("Ban Thường vụ Thành ủy" of Hà Nội) must both be named.
        bodies = [fold(w) for v, a in rels if a["rel"] == "HELD_WITH"
                  for w in (g.nodes[v].get("name"), g.nodes[v].get("place")) if w]
        if not day or not chairs:
            continue
        found: dict[str, tuple[int, dict]] = {}
        for chair in chairs:
            for u, _, a in g.in_edges(chair, data=True):
                doc = g.nodes[u]
                when = _day(doc.get("date"))
                if a["rel"] != "DIRECTED_BY" or doc.get("kind") not in ("notice", "conclusion") or not when:
                    continue
                gap = (when - day).days
                quote = fold(a.get("quote") or "")
                if 0 <= gap <= WINDOW_DAYS and all(b and b in quote for b in bodies):
                    if u not in found or gap < found[u][0]:
                        found[u] = (gap, a)
        if not found:
            continue
        best = min(gap for gap, _ in found.values())
        winners = [u for u, (gap, _) in found.items() if gap == best]
        if len(winners) != 1:
            continue
        u = winners[0]
        a = found[u][1]
        chair_name = g.nodes[chairs[0]].get("name")
        held = ", ".join(g.nodes[v].get("name") for v, r in rels if r["rel"] == "HELD_WITH")
        cue = (f"khớp: {chair_name}" + (f" · {held}" if held else "")
               + f" · {_vn(d['date'])} → {_vn(g.nodes[u]['date'])}")
        props = {k: a.get(k) for k in EDGE_PROPS} | {"role": "matched", "cue": cue, "reported_by": None}
        out.append(Edge("RECORDED_IN", eid, u, props))
    return out


def add_matches(g: nx.MultiDiGraph) -> int:
    """Add :func:`match_records` edges to ``g``; returns how many."""
    edges = match_records(g)
    for e in edges:
        key = f"{e.rel}|{e.props.get('source_id')}|{e.props.get('span_start')}|{e.target}"
        g.add_edge(e.source, e.target, key=key, rel=e.rel, **e.props)
    return len(edges)
