"""Graph stores: one interface over an embedded engine and a Neo4j server.

Both stores take the same :class:`~truyvet.graph.model.Fragment` records and
answer the same Cypher, so callers never write engine-specific code: they call
:func:`open_store` and use the :class:`Store` methods.

What both engines share lives once, beside them: the :class:`Store` interface
(:mod:`.interface`), the merge rules that fold fragments into a write
:class:`Batch` (:mod:`.batch`), and the Cypher that writes a batch
(:mod:`.cypher`), so the two engines cannot disagree.
"""
from __future__ import annotations

from truyvet.errors import StoreError
from truyvet.graph.stores.batch import Batch, fold
from truyvet.graph.stores.guard import ensure_read_only
from truyvet.graph.stores.interface import Store, Writer

__all__ = ["Store", "Batch", "Writer", "open_store", "fold", "ensure_read_only"]


def open_store(kind: str = "embedded", **options) -> Store:
    """Open a store: ``kind`` is "embedded" (LadybugDB on disk) or "neo4j"."""
    if kind == "embedded":
        from truyvet.graph.stores.embedded import EmbeddedStore
        return EmbeddedStore(**options)
    if kind == "neo4j":
        from truyvet.graph.stores.neo4j import Neo4jStore
        return Neo4jStore(**options)
    raise StoreError(f"unknown store kind {kind!r}: use 'embedded' or 'neo4j'")
