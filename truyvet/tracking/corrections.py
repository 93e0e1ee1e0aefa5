"""User corrections applied over the extracted graph, in the order recorded.

The extracted graph is never changed in the store: :func:`apply_corrections`
returns a corrected copy, so a re-ingest replaces extracted facts and the
corrections apply again on top. An edge a correction adds carries the fact
as its evidence: ``source_id`` "user:<fact id>", ``cue`` "correction", the
user's reason as ``quote``.
"""
from __future__ import annotations

import hashlib

import networkx as nx

from truyvet.graph.identity import Context, agency_id
from truyvet.loaders.agencies import is_collective
from truyvet.loaders.keys import fold
from truyvet.tracking.userlayer import UserFact

_REL = {"implements": "IMPLEMENTS", "based_on": "BASED_ON", "cites": "CITES"}
# The kinds of fact that change the graph (a status adds an event, a confirmation nothing).
_CHANGES = ("lead", "link", "unlink", "merge")


def _user_edge(fact: UserFact, **extra) -> dict:
    return {"source_id": f"user:{fact.id}", "file": None, "sha256": None, "span_start": None,
            "span_end": None, "quote": fact.why, "role": None, "purpose": None, "cue": "correction",
            "reported_by": None, **extra}


def _agency(g: nx.MultiDiGraph, name: str, doc_id: str | None) -> str:
    """The agency node a user names: the one the task's document already
    names so, else one of that name elsewhere, else a new one placed as the
    document would place it."""
    doc = g.nodes[doc_id] if doc_id in g else {}
    # The tag build.py qualifies a placeless local body with.
    tag = hashlib.sha256((doc.get("sha256") or "").encode()).hexdigest()[:10]
    aid, disp, aplace = agency_id(name, Context(doc_id or "", doc.get("place"), None, tag))
    key = fold(disp)
    same = sorted(n for n, d in g.nodes(data=True) if d.get("type") == "Agency" and fold(d.get("name") or "") == key)
    if aid not in g and same:
        return same[0]
    if aid not in g:
        g.add_node(aid, type="Agency", name=disp, key=aid.split(":", 1)[1], place=aplace,
                   collective=is_collective(disp))
    return aid


def _merge(g: nx.MultiDiGraph, old: str, new: str) -> None:
    """Move every edge of ``old`` onto ``new`` and drop ``old``."""
    if old not in g or new not in g or old == new:
        return
    for u, _, k, d in list(g.in_edges(old, keys=True, data=True)):
        g.add_edge(u if u != old else new, new, key=k, **d)
    for _, v, k, d in list(g.out_edges(old, keys=True, data=True)):
        g.add_edge(new, v if v != old else new, key=k, **d)
    for n, d in g.nodes(data=True):
        if d.get("doc_id") == old:
            d["doc_id"] = new
    g.remove_node(old)


def apply_corrections(g: nx.MultiDiGraph, facts: list[UserFact]) -> nx.MultiDiGraph:
    """A copy of ``g`` with the active ``lead``, ``link``, ``unlink`` and
    ``merge`` facts applied (a fact naming a node the graph lacks is skipped:
    its document may simply not be ingested yet). Without an active fact
    of these kinds, ``g`` itself: copying a corpus-sized graph costs
    seconds, a third of tracking a batch of documents."""
    if not any(f.active and f.kind in _CHANGES for f in facts):
        return g
    out = g.copy()
    for f in facts:
        if not f.active:
            continue
        if f.kind == "lead" and f.target in out and f.value:
            for _, v, k, d in list(out.out_edges(f.target, keys=True, data=True)):
                if d.get("rel") == "ASSIGNS" and d.get("role") == "lead":
                    out.remove_edge(f.target, v, key=k)
            aid = _agency(out, f.value, out.nodes[f.target].get("doc_id"))
            out.add_edge(f.target, aid, key=f"ASSIGNS|user:{f.id}", rel="ASSIGNS", **_user_edge(f, role="lead"))
        elif f.kind == "link" and f.target in out and f.value in out:
            rel = _REL.get(f.relation or "implements", "IMPLEMENTS")
            out.add_edge(f.target, f.value, key=f"{rel}|user:{f.id}", rel=rel, **_user_edge(f))
        elif f.kind == "unlink" and f.target in out:
            rels = {_REL[f.relation]} if f.relation in _REL else set(_REL.values())
            for _, v, k, d in list(out.out_edges(f.target, keys=True, data=True)):
                if v == f.value and d.get("rel") in rels:
                    out.remove_edge(f.target, v, key=k)
        elif f.kind == "merge":
            _merge(out, f.target, f.value)
    return out
