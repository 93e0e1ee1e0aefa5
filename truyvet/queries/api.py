"""The Python API behind every CLI command (the CLI only formats its results).

>>> from truyvet.queries.api import graph_from_paths, trace   # doctest: +SKIP
>>> g, errors = graph_from_paths(["../shared/seeds"])          # doctest: +SKIP
>>> trace(g, "Thông báo 111").children[0].label                # doctest: +SKIP
'Kết luận 175-KH/TU'
"""
from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

import networkx as nx

from truyvet.errors import LoaderError, TruyvetError
from truyvet.graph.lineage import (Step, agency_tasks, fetch_edges, label_key, node_label, predecessors,
                                   succession_links, trace_down, trace_up)
from truyvet.graph.schema import REL_TABLES, ROLES
from truyvet.loaders.files import iter_input_files
from truyvet.loaders.normalize import display
from truyvet.loaders.records import ParsedDocument
from truyvet.queries.resolve import describe, resolve_one


def parse_paths(paths: Iterable[str], *, encoding: str | None = None) -> Iterator[ParsedDocument | LoaderError]:
    """Parse every supported file under ``paths``; a bad file yields its error, never raises."""
    # The parser's rules take a third of a second to load; a lookup in a store never needs them.
    from truyvet.loaders.parse import parse_file

    for item in iter_input_files(list(paths)):
        if isinstance(item, LoaderError):
            yield item
            continue
        try:
            yield parse_file(item, encoding=encoding)
        except TruyvetError as exc:
            yield exc if isinstance(exc, LoaderError) else LoaderError(item, str(exc))
        except Exception as exc:  # a parser bug must not end a run over thousands of files
            yield LoaderError(item, f"internal error while parsing: {type(exc).__name__}: {exc}")


def graph_from_paths(paths: Iterable[str], *, encoding: str | None = None,
                     progress: Callable[[ParsedDocument | LoaderError], None] | None = None
                     ) -> tuple[nx.MultiDiGraph, list[LoaderError]]:
    """Parse files and build one in-memory graph; returns it with the files that failed."""
    from truyvet.graph.build import build_graph

    docs, errors = [], []
    for item in parse_paths(paths, encoding=encoding):
        (errors if isinstance(item, LoaderError) else docs).append(item)
        if progress:
            progress(item)
    return build_graph(docs), errors


def resolve(g: nx.MultiDiGraph, query: str, types=None, pick: int | None = None) -> str:
    """The one node a query names (see :mod:`truyvet.queries.resolve`); a
    QueryError listing the nearest candidates, or all of them, otherwise."""
    return resolve_one(g, query, types, pick)


def trace(g: nx.MultiDiGraph, query: str, direction: str | None = None, depth: int = 3,
          pick: int | None = None) -> Step:
    """Lineage from what the user typed. Default direction: down from a
    document, up from a task or an agency."""
    node = resolve(g, query, pick=pick)
    kind = g.nodes[node].get("type")
    if direction is None:
        direction = "down" if kind == "Document" else "up"
    if direction == "down":
        return trace_down(g, node, depth)
    return trace_up(g, node, max(depth, 6))


def agency(g: nx.MultiDiGraph, name: str, pick: int | None = None) -> tuple[str, list[dict]]:
    """The agency ``name`` names and its tasks, grouped by document; then the tasks of the
    bodies it took over from (SUCCEEDED_BY, followed back), each group marked with
    ``inherited_from`` (id, label, kind, effective) of the body that was given them."""
    node = resolve(g, name, {"Agency"}, pick)
    groups = agency_tasks(g, node)
    for before in predecessors(g, node):
        mark = {k: before[k] for k in ("id", "label", "kind", "effective")}
        groups += [{**grp, "inherited_from": mark} for grp in agency_tasks(g, before["id"])]
    return node, groups


def succession(g: nx.MultiDiGraph, node: str) -> dict:
    """Who an agency was succeeded by (``succeeded_by``) and whom it took over from (``predecessors``)."""
    return {"succeeded_by": succession_links(g, node, incoming=False), "predecessors": predecessors(g, node)}


def show(g: nx.MultiDiGraph, query: str, pick: int | None = None) -> dict:
    """One node with all its facts and the evidence of every edge touching it."""
    node = resolve(g, query, pick=pick)
    for incoming in (True, False):
        fetch_edges(g, [node], REL_TABLES, incoming)
    edges = []
    for direction, pairs in (("out", g.out_edges(node, data=True)), ("in", g.in_edges(node, data=True))):
        # Ties broken by the asserting document: one link between two nodes can be asserted
        # by several documents (a succession row travels with each that names the body).
        for u, v, d in sorted(pairs, key=lambda e: (e[2].get("rel"), e[0], e[1], e[2].get("source_id") or "",
                                                     e[2].get("span_start") or 0)):
            other = v if direction == "out" else u
            rb = d.get("reported_by")
            edges.append({"direction": direction, "rel": d.get("rel"), "other": other,
                          "other_label": node_label(g, other), "other_description": describe(g, other),
                          "mention": _mention(g, v),
                          **{k: d.get(k) for k in _EDGE_FACTS},
                          **({"reported_by_label": node_label(g, rb)} if rb in g else {})})
    return {"id": node, "label": node_label(g, node), "description": describe(g, node),
            "facts": {k: v for k, v in g.nodes[node].items() if v is not None}, "edges": edges,
            "warnings": g.graph.get("warnings", {}).get(node, [])}


_EDGE_FACTS = ("role", "purpose", "cue", "reported_by", "quote", "file", "span_start", "span_end", "source_id")


def _mention(g: nx.MultiDiGraph, target: str) -> str:
    """How the evidence of a link names its target: symbol, name or label."""
    d = g.nodes[target]
    return d.get("symbol") or d.get("name") or d.get("label") or target


def default_docs() -> str | None:
    """Folder to read when --docs is not given: $TRUYVET_DOCS if set."""
    return os.environ.get("TRUYVET_DOCS")


TASK_COLUMNS = ("document", "label", "text", "lead", "coordinate", "monitor", "deadline", "evidence",
                "document_id", "task_id", "file", "span")


def task_table(g: nx.MultiDiGraph, node: str | None = None) -> list[dict]:
    """One row per task (:data:`TASK_COLUMNS`) for people who track tasks in
    a spreadsheet: every task of the graph, or those of one document, of one
    agency, or one task. Agencies of a role are joined with "; ", and
    ``evidence`` is the sentence that assigns the task (else the task's own)."""
    if node is None:
        tasks = [n for n, d in g.nodes(data=True) if d.get("type") == "Task"]
    else:
        kind = g.nodes[node].get("type")
        rel, incoming = {"Document": ("HAS_TASK", False), "Agency": ("ASSIGNS", True)}.get(kind, (None, False))
        tasks = [node] if kind == "Task" else []
        if rel:
            fetch_edges(g, [node], (rel,), incoming)
            edges = g.in_edges(node, data=True) if incoming else g.out_edges(node, data=True)
            tasks = [u if incoming else v for u, v, d in edges if d.get("rel") == rel]
    fetch_edges(g, tasks, ("ASSIGNS",), incoming=False)
    rows = []
    for t in dict.fromkeys(tasks):
        d = g.nodes[t]
        doc = d.get("doc_id")
        given = [(e.get("role"), node_label(g, a), e.get("quote")) for _, a, e in g.out_edges(t, data=True)
                 if e.get("rel") == "ASSIGNS"]
        quotes = list(dict.fromkeys(display(q) for _, _, q in given if q)) or [display(d.get("text") or "")]
        rows.append({"document": node_label(g, doc) if doc in g else doc, "label": d.get("label"),
                     "text": display(d.get("text") or ""),
                     **{role: "; ".join(sorted(name for r, name, _ in given if r == role)) for role in ROLES},
                     "deadline": d.get("deadline"), "evidence": " | ".join(quotes), "document_id": doc,
                     "task_id": t, "file": d.get("file"), "span": f"{d.get('span_start')}-{d.get('span_end')}"})
    return sorted(rows, key=lambda r: (r["document"] or "", label_key(r["label"]), r["task_id"]))
