"""What a user names → a node: a document, a task of it, an agency.

A status file or a correction names a document the way people do — its id,
its symbol ("53-KH/TU"), its label, or the file it came from — and a task by
its label or key ("IV.3#2") or by words of its text. An ambiguous name is an
error that lists the candidates; nothing is guessed.
"""
from __future__ import annotations

import os

import networkx as nx

from truyvet.errors import TruyvetError
from truyvet.loaders.keys import fold
from truyvet.loaders.symbols import find_symbols
from truyvet.tracking.link import LINK_AT, MARGIN, content_words, match_score


# The nodes a user's names are resolved among (no edge is needed).
NAMED = ("Document", "Task", "Agency")


def _nodes(g, kind: str):
    return [(n, d) for n, d in g.nodes(data=True) if d.get("type") == kind]


def _one(found: list[str], what: str, query: str, g) -> str:
    found = sorted(set(found))
    if len(found) == 1:
        return found[0]
    if not found:
        raise TruyvetError(f"no {what} matches {query!r}")
    shown = "; ".join(f"{n} ({g.nodes[n].get('label') or g.nodes[n].get('name') or ''})" for n in found[:6])
    raise TruyvetError(f"{query!r} names {len(found)} {what}s: {shown}{' …' if len(found) > 6 else ''}")


def document(g: nx.MultiDiGraph, query: str) -> str:
    """A document node by id, symbol, label or file name (ingested ones first)."""
    q = query.strip()
    if q in g and g.nodes[q].get("type") == "Document":
        return q
    docs = _nodes(g, "Document")
    syms = {s.canonical for s in find_symbols(q)}
    key = fold(q)
    tests = (
        lambda n, d: d.get("symbol") in syms or d.get("symbol") == q,
        lambda n, d: d.get("file") and (d["file"] == q or os.path.basename(d["file"]) == os.path.basename(q)),
        lambda n, d: fold(d.get("label") or "") == key,
        lambda n, d: key and key in fold(d.get("label") or ""),
    )
    for test in tests:
        found = [n for n, d in docs if test(n, d)]
        ingested = [n for n in found if not g.nodes[n].get("stub")]
        if ingested or found:
            return _one(ingested or found, "document", query, g)
    raise TruyvetError(f"no document matches {query!r} (give its id, symbol, label or file name)")


def task(g: nx.MultiDiGraph, query: str, doc: str | None = None) -> str:
    """A task by id; else by key or label within ``doc`` (or everywhere);
    else by the words of its text."""
    q = query.strip()
    if q in g and g.nodes[q].get("type") == "Task":
        return q
    doc_id = document(g, doc) if doc else None
    tasks = [(n, d) for n, d in _nodes(g, "Task") if doc_id is None or d.get("doc_id") == doc_id]
    labelled = [n for n, d in tasks if d.get("label") == q]
    if len(labelled) > 1:               # a label written twice: its first key must not win silently
        return _one(labelled, "task", query, g)
    keyed = [n for n, d in tasks if n == f"task:{d.get('doc_id')}#{q}"]
    if keyed:
        return _one(keyed, "task", query, g)
    if labelled:
        return labelled[0]
    words = content_words(q)
    scored = sorted(((match_score(words, d.get("text") or ""), n) for n, d in tasks), reverse=True)
    if scored and scored[0][0] >= LINK_AT and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
        return scored[0][1]
    where = f" of {doc_id}" if doc_id else ""
    if scored and scored[0][0] >= LINK_AT:
        return _one([n for s, n in scored if s >= scored[0][0] - MARGIN], "task", query, g)
    raise TruyvetError(f"no task{where} matches {query!r} (give its id, its key such as IV.3#2, "
                       "its label, or words of its text)")


def node(g: nx.MultiDiGraph, query: str, kinds=("Agency", "Document")) -> str:
    """An agency or document by id or folded name/label."""
    q = query.strip()
    if q in g and g.nodes[q].get("type") in kinds:
        return q
    if "Document" in kinds:
        try:
            return document(g, q)
        except TruyvetError:
            if "Agency" not in kinds:
                raise
    key = fold(q)
    found = [n for n, d in _nodes(g, "Agency") if fold(d.get("name") or "") == key]
    found = found or [n for n, d in _nodes(g, "Agency") if key in fold(d.get("name") or "")]
    return _one(found, "agency", query, g)
