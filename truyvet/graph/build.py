"""Parsed documents → fragments → one networkx MultiDiGraph.

Each document becomes a :class:`~truyvet.graph.model.Fragment` on its own
(so a store can replace one document's facts); :func:`build_graph` merges
fragments, upgrading stub documents in place when the document itself is
ingested. The result is the same whatever order the files come in.

Node attributes: ``type`` plus the schema properties. Edge attributes: ``rel``
plus the evidence properties; edge keys are unique per asserted fact.
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from truyvet.graph.extractor import fingerprint
from truyvet.graph.identity import (
    Context,
    agency_id,
    bounded,
    document_context,
    reference_id,
)
from truyvet.graph.events import add_matches, event_parts
from truyvet.graph.merge_set import merge_fragments
from truyvet.graph.model import Edge, Fragment, Node
from truyvet.graph.people import people_parts
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES
from truyvet.graph.succession import succession_edges
from truyvet.loaders.agencies import is_collective
from truyvet.loaders.kinds import kind_word
from truyvet.loaders.records import ParsedDocument, Reference
from truyvet.loaders.status import find_status_statements
from truyvet.loaders.subject import cited_subject

_REL = {"implements": "IMPLEMENTS", "based_on": "BASED_ON", "cites": "CITES"}
_STRENGTH = {"IMPLEMENTS": 3, "BASED_ON": 2, "CITES": 1}
def _vn_date(iso: str | None) -> str:
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def document_label(kind: str, symbol: str | None, name: str | None, issuer: str | None,
                   place: str | None, date: str | None) -> str:
    """Short display label: "Thông báo 111-TB/VPTW", "Kế hoạch (Hà Nội, 20/01/2025)"."""
    if symbol:
        return f"{kind_word(kind)} {symbol}"
    if name:
        return name
    where = place or issuer or ""
    inside = ", ".join(p for p in (where, _vn_date(date)) if p)
    return f"{kind_word(kind)} ({inside})" if inside else kind_word(kind)


def _evidence(doc: ParsedDocument, span: tuple[int, int] | None, source_id: str, **extra) -> dict:
    start, end = span if span else (None, None)
    quote = doc.text[start:end] if span else None
    return {"source_id": source_id, "file": doc.file, "sha256": doc.sha256,
            "span_start": start, "span_end": end, "quote": quote, **extra}


def document_fragment(doc: ParsedDocument) -> Fragment:
    """Everything one document asserts, as nodes and evidenced edges."""
    ctx = document_context(doc)
    idn = doc.identity
    frag = Fragment(doc_id=ctx.doc_id, sha256=doc.sha256, file=doc.file, warnings=list(doc.warnings))
    frag.nodes.append(Node(ctx.doc_id, "Document", {
        "kind": idn.kind, "kind_text": idn.kind_text, "symbol": idn.symbol, "number": idn.number,
        "code": idn.code,
        "date": idn.date, "issuer": idn.issuer, "place": ctx.place or idn.place, "title": idn.title,
        "term": idn.term, "signer": idn.signer, "stub": False, "file": doc.file, "sha256": doc.sha256,
        "parser": fingerprint(),
        "label": document_label(idn.kind, idn.symbol, None, idn.issuer, ctx.place or idn.place, idn.date),
    }))
    agencies: dict[str, Node] = {}

    def agency(name: str) -> str:
        aid, disp, place = agency_id(name, ctx)
        if aid not in agencies:
            agencies[aid] = Node(aid, "Agency", {"name": disp, "key": aid.split(":", 1)[1],
                                                 "place": place, "collective": is_collective(disp)})
        return aid

    if idn.issuer:
        frag.edges.append(Edge("ISSUED_BY", ctx.doc_id, agency(idn.issuer),
                               _evidence(doc, idn.issuer_span, ctx.doc_id)))
    for r in doc.recipients:
        if r.name.lower().startswith(("đ/c", "đồng chí", "các đ/c", "các đồng chí")):
            continue  # people, not bodies
        frag.edges.append(Edge("SENT_TO", ctx.doc_id, agency(r.name),
                               _evidence(doc, r.span, ctx.doc_id, purpose=r.purpose)))

    stubs: dict[str, Node] = {}
    best: dict[str, Edge] = {}
    for ref in doc.references:
        tid = _stub(ref, ctx, stubs, doc.text)
        if tid is None or tid == ctx.doc_id:
            continue
        rel = _REL[ref.relation]
        edge = Edge(rel, ctx.doc_id, tid, _evidence(doc, ref.span, ctx.doc_id, cue=ref.cue))
        # One edge per cited document, the strongest relation, first evidence.
        if tid not in best or _STRENGTH[rel] > _STRENGTH[best[tid].rel]:
            best[tid] = edge
    frag.edges.extend(best.values())
    for link in doc.reported_links:
        a, b = _stub(link.source, ctx, stubs), _stub(link.target, ctx, stubs)
        if a and b and a != b:
            frag.edges.append(Edge("IMPLEMENTS", a, b, _evidence(
                doc, link.span, ctx.doc_id, cue=link.source.cue, reported_by=ctx.doc_id)))
    for st in find_status_statements(doc):
        target = _stub(st.target, ctx, stubs) if st.target else ctx.doc_id
        frag.edges.append(Edge("REPORTS", ctx.doc_id, target or ctx.doc_id, _evidence(
            doc, st.span, ctx.doc_id, role=st.status, cue=st.cue)))

    def evidence(span, **extra):
        return _evidence(doc, span, ctx.doc_id, **extra)

    def stub(ref):
        tid = _stub(ref, ctx, stubs)
        return tid if tid != ctx.doc_id else ctx.doc_id

    persons, person_edges, person_of = people_parts(doc, ctx, evidence, stub)
    events, event_edges = event_parts(doc, ctx, evidence, stub, person_of, agency)
    frag.nodes.extend(persons + events)
    frag.edges.extend(person_edges + event_edges)
    frag.nodes.extend(stubs.values())

    for t in doc.tasks:
        tid = f"task:{ctx.doc_id}#{bounded(t.key or t.label, 64)}"
        frag.nodes.append(Node(tid, "Task", {
            "label": t.label, "text": t.text, "doc_id": ctx.doc_id, "deadline": t.deadline_text,
            "deadline_date": t.deadline if t.deadline and t.deadline[:1].isdigit() and len(t.deadline) == 10 else None,
            "period": t.deadline_period, "file": doc.file, "sha256": doc.sha256,
            "span_start": t.span[0], "span_end": t.span[1],
        }))
        frag.edges.append(Edge("HAS_TASK", ctx.doc_id, tid, _evidence(doc, t.span, ctx.doc_id)))
        seen = set()
        for a in t.assignments:
            aid = agency(a.agency)
            if (aid, a.role) in seen:
                continue
            seen.add((aid, a.role))
            frag.edges.append(Edge("ASSIGNS", tid, aid, _evidence(doc, a.span, ctx.doc_id, role=a.role)))
    frag.edges.extend(succession_edges(doc, ctx.doc_id, agencies, agency,
                                       lambda span, **extra: _evidence(doc, span, ctx.doc_id, **extra)))
    frag.nodes.extend(agencies.values())
    return frag


def _stub(ref: Reference, ctx: Context, stubs: dict[str, Node], text: str | None = None) -> str | None:
    tid = reference_id(ref, ctx)
    if tid is None or tid == ctx.doc_id:
        return tid
    node = stubs.get(tid)
    # A numbered citation's "về …" is the cited document's title as the
    # citing text knows it (what joins it to a copy that lost its number).
    title = ref.name or (cited_subject(text, ref.mention_span[1]) if text and ref.symbol else None)
    props = {"kind": ref.kind, "kind_text": ref.kind_text, "symbol": ref.symbol, "date": ref.date,
             "issuer": ref.issuer, "term": ref.term, "stub": True,
             "label": document_label(ref.kind, ref.symbol, ref.name, ref.issuer, None, ref.date),
             "title": title, "place": ref.issuer_place}
    if node is None:
        stubs[tid] = Node(tid, "Document", props)
    else:
        for k, v in props.items():
            if node.props.get(k) is None and v is not None:
                node.props[k] = v
    return tid


def add_fragment(g: nx.MultiDiGraph, frag: Fragment) -> None:
    """Merge one fragment into ``g``: stubs never overwrite ingested documents."""
    for n in frag.nodes:
        if n.id in g:
            cur = g.nodes[n.id]
            if cur.get("stub") and not n.props.get("stub", False):
                cur.clear()
                cur.update(type=n.type, **n.props)
            elif n.props.get("stub") or n.type == "Agency":
                for k, v in n.props.items():
                    if cur.get(k) is None and v is not None:
                        cur[k] = v
            else:
                cur.update(n.props)
        else:
            g.add_node(n.id, type=n.type, **n.props)
    for e in frag.edges:
        key = f"{e.rel}|{e.props.get('source_id')}|{e.props.get('span_start')}|{e.target}"
        g.add_edge(e.source, e.target, key=key, rel=e.rel, **e.props)
    g.graph.setdefault("warnings", {})[frag.doc_id] = list(frag.warnings)


def build_graph(docs: Iterable[ParsedDocument | Fragment]) -> nx.MultiDiGraph:
    """One graph from many documents; identical for the same inputs in any order.

    >>> from truyvet.loaders.parse import parse_text
    >>> g = build_graph([parse_text("Hà Nội, ngày 20 tháng 01 năm 2025\\n\\nKẾ HOẠCH\\n\\nThực hiện Thông báo số 111-TB/VPTW của Văn phòng Trung ương Đảng.", "a.txt")])
    >>> sorted(g.nodes)[:2], [d["rel"] for _, _, d in g.edges(data=True)]
    (['doc:111-TB/VPTW', 'doc:plan/unknown/2025-01-20'], ['IMPLEMENTS'])
    """
    frags = merge_fragments([d if isinstance(d, Fragment) else document_fragment(d) for d in docs])
    # Ingested documents first, so a stub met later only fills gaps.
    frags.sort(key=lambda f: (f.doc_id, f.sha256))
    g = nx.MultiDiGraph()
    for f in frags:
        add_fragment(g, f)
    add_matches(g)
    return g


def fragments_from_graph(g: nx.MultiDiGraph) -> list[Fragment]:
    """Split a graph back into per-document fragments (to copy one store into another).

    Each ingested document's fragment holds the edges it asserted (``source_id``)
    and every node those edges touch; stubs and shared nodes travel with them.
    """
    by_source: dict[str, list[tuple[str, str, dict]]] = {}
    for u, v, d in g.edges(data=True):
        by_source.setdefault(d.get("source_id"), []).append((u, v, d))
    frags = []
    for doc_id, data in sorted(g.nodes(data=True)):
        if data.get("type") != "Document" or data.get("stub"):
            continue
        frag = Fragment(doc_id=doc_id, sha256=data.get("sha256") or "", file=data.get("file") or "",
                        warnings=list(g.graph.get("warnings", {}).get(doc_id, [])))
        touched = {doc_id}
        for u, v, d in by_source.get(doc_id, []):
            frag.edges.append(Edge(d["rel"], u, v, {k: d.get(k) for k in EDGE_PROPS}))
            touched.update((u, v))
        for n in sorted(touched):
            nd = g.nodes[n]
            frag.nodes.append(Node(n, nd["type"], {k: nd.get(k) for k in NODE_TABLES[nd["type"]] if k != "id"}))
        frags.append(frag)
    return frags
