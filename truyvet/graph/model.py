"""Plain records that carry one document's facts from the loaders to a graph or store.

A :class:`Fragment` is the unit of ingest: everything one document asserts.
Its nodes are the document itself, its tasks, and the nodes it mentions
(referenced documents as stubs, agencies, people); its edges are the ones its
own text proves (every edge has ``source_id`` = this document's id). A store
replaces a document's facts by deleting the edges and tasks whose source is
that document and writing the new fragment, so shared agencies and stubs stay.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES


@dataclass
class Node:
    id: str
    type: str                      # a key of NODE_TABLES
    props: dict = field(default_factory=dict)

    def row(self) -> dict:
        """All schema properties of this node type, missing ones as None."""
        cols = NODE_TABLES[self.type]
        out = {k: self.props.get(k) for k in cols}
        out["id"] = self.id
        return out


@dataclass
class Edge:
    rel: str                       # a key of REL_TABLES
    source: str                    # node id
    target: str                    # node id
    props: dict = field(default_factory=dict)

    def row(self) -> dict:
        out = {k: self.props.get(k) for k in EDGE_PROPS}
        out["from"] = self.source
        out["to"] = self.target
        return out


@dataclass
class Fragment:
    doc_id: str                    # the ingested document's node id
    sha256: str                    # of the source file
    file: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
