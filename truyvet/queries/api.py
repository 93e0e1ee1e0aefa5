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

from truyvet.errors import LoaderError, QueryError, TruyvetError
from truyvet.graph.build import build_graph
from truyvet.graph.schema import REL_TABLES
from truyvet.graph.lineage import (
    Step,
    agency_tasks,
    fetch_edges,
    find_nodes,
    node_label,
    trace_down,
    trace_up,
)
from truyvet.loaders.files import iter_input_files
from truyvet.loaders.parse import parse_file
from truyvet.loaders.records import ParsedDocument


def parse_paths(paths: Iterable[str], *, encoding: str | None = None) -> Iterator[ParsedDocument | LoaderError]:
    """Parse every supported file under ``paths``; a bad file yields its error, never raises."""
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
    docs, errors = [], []
    for item in parse_paths(paths, encoding=encoding):
        (errors if isinstance(item, LoaderError) else docs).append(item)
        if progress:
            progress(item)
    return build_graph(docs), errors


def resolve(g: nx.MultiDiGraph, query: str) -> str:
    """The one node a query names; QueryError listing candidates when ambiguous."""
    hits = find_nodes(g, query)
    if not hits:
        raise QueryError(f"nothing matches {query!r}: try a symbol (111-TB/VPTW), a kind and number "
                         f"(\"Thông báo 111\"), a task label with its document, or an agency name")
    if len(hits) > 1:
        listing = "; ".join(f"{h} ({node_label(g, h)})" for h in hits[:12])
        more = f" and {len(hits) - 12} more" if len(hits) > 12 else ""
        raise QueryError(f"{query!r} is ambiguous, {len(hits)} candidates: {listing}{more}")
    return hits[0]


def trace(g: nx.MultiDiGraph, query: str, direction: str | None = None, depth: int = 3) -> Step:
    """Lineage from what the user typed. Default direction: down from a
    document, up from a task or an agency."""
    node = resolve(g, query)
    kind = g.nodes[node].get("type")
    if direction is None:
        direction = "down" if kind == "Document" else "up"
    if direction == "down":
        return trace_down(g, node, depth)
    return trace_up(g, node, max(depth, 6))


def agency(g: nx.MultiDiGraph, name: str) -> tuple[str, list[dict]]:
    node = resolve(g, name)
    if g.nodes[node].get("type") != "Agency":
        raise QueryError(f"{name!r} is a {g.nodes[node].get('type')}, not an agency")
    return node, agency_tasks(g, node)


def show(g: nx.MultiDiGraph, query: str) -> dict:
    """One node with all its facts and the evidence of every edge touching it."""
    node = resolve(g, query)
    for incoming in (True, False):
        fetch_edges(g, [node], REL_TABLES, incoming)
    edges = []
    for u, v, d in sorted(g.out_edges(node, data=True), key=lambda e: (e[2].get("rel"), e[1])):
        edges.append({"direction": "out", "rel": d.get("rel"), "other": v, "other_label": node_label(g, v),
                      **{k: d.get(k) for k in ("role", "purpose", "cue", "reported_by", "quote", "file",
                                               "span_start", "span_end", "source_id")}})
    for u, v, d in sorted(g.in_edges(node, data=True), key=lambda e: (e[2].get("rel"), e[0])):
        edges.append({"direction": "in", "rel": d.get("rel"), "other": u, "other_label": node_label(g, u),
                      **{k: d.get(k) for k in ("role", "purpose", "cue", "reported_by", "quote", "file",
                                               "span_start", "span_end", "source_id")}})
    return {"id": node, "label": node_label(g, node), "facts": dict(g.nodes[node]), "edges": edges,
            "warnings": g.graph.get("warnings", {}).get(node, [])}


def default_docs() -> str | None:
    """Folder to read when --docs is not given: $TRUYVET_DOCS if set."""
    return os.environ.get("TRUYVET_DOCS")
