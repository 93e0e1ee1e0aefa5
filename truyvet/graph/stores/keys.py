"""The symbol key a store keeps beside the graph (``Symbol`` in
:data:`truyvet.graph.schema.KEY_TABLES`), written by both engines.

A document's key is :func:`~truyvet.loaders.keys.symbol_key` of the symbol
the store holds for it, ingested document or stub alike: it is derived from
the node, never asserted by a text, so it has no evidence and no
``source_id``, and a re-ingest does not delete it. Every write brings the
keys of the documents it touched in line with their stored symbols
(:func:`write_symbols`); removing a document drops its key with it
(:func:`drop_symbols`). The statements are plain Cypher that both engines
run, through ``run(statement, params) -> rows`` inside the caller's
transaction, like :func:`~truyvet.graph.stores.cypher.drop_documents`.

A store written before the keys existed has none: :func:`fill_symbols`
derives them all when it is opened for writing, and until then
:func:`is_keyed` tells readers to scan instead.
"""
from __future__ import annotations

from typing import Iterable

from truyvet.loaders.keys import symbol_key

# Rows per statement when deriving the keys of a whole store.
_CHUNK = 20_000


def key_rows(docs: Iterable[tuple[str, str | None]]) -> tuple[list[dict], list[dict]]:
    """(Symbol rows, HAS_SYMBOL rows as src/dst) for (document id, symbol) pairs.

    >>> key_rows([("doc:53-KH/TU@ha-noi", "53-KH/TU"), ("doc:53-KH/TU@hue", "53 - KH/TU"), ("doc:x", None)])
    ([{'id': '53-kh/tu'}], [{'src': 'doc:53-KH/TU@ha-noi', 'dst': '53-kh/tu'}, {'src': 'doc:53-KH/TU@hue', 'dst': '53-kh/tu'}])
    """
    edges = [{"src": doc, "dst": symbol_key(sym)} for doc, sym in docs if sym]
    return [{"id": k} for k in dict.fromkeys(e["dst"] for e in edges)], edges


def write_symbols(run, doc_ids: Iterable[str], merge: bool = False) -> None:
    """Make the keys of ``doc_ids`` those of their stored symbols: the
    missing ones are created, stale ones (a symbol that changed) deleted.
    ``merge``: MERGE the Symbol nodes in the statement that joins them, one
    round trip where looking them up first takes three (Neo4j: 10 ms of a
    27 ms single-document ingest); LadybugDB's MERGE costs ~1.5 ms a row, so
    it looks them up."""
    ids = sorted(set(doc_ids))
    if not ids:
        return
    want: set[tuple[str, str]] = set()
    have: set[tuple[str, str]] = set()
    for r in run("UNWIND $ids AS i MATCH (d:Document {id: i}) OPTIONAL MATCH (d)-[:HAS_SYMBOL]->(k:Symbol) "
                 "RETURN d.id AS doc, d.symbol AS symbol, k.id AS key", {"ids": ids}):
        if r["symbol"]:
            want.add((r["doc"], symbol_key(r["symbol"])))
        if r["key"] is not None:
            have.add((r["doc"], r["key"]))
    stale = sorted(have - want)
    if stale:
        run("UNWIND $rows AS r MATCH (d:Document {id: r.doc})-[e:HAS_SYMBOL]->(k:Symbol {id: r.key}) DELETE e",
            {"rows": _rows(stale)})
        _drop_orphans(run, sorted({k for _, k in stale}))
    _create(run, sorted(want - have), merge)


def _create(run, pairs: list[tuple[str, str]], merge: bool = False) -> None:
    """Keys and edges for (document id, key) pairs known not to be stored."""
    for i in range(0, len(pairs), _CHUNK):
        part = pairs[i:i + _CHUNK]
        if merge:
            run("UNWIND $rows AS r MATCH (d:Document {id: r.doc}) MERGE (k:Symbol {id: r.key}) "
                "CREATE (d)-[:HAS_SYMBOL]->(k)", {"rows": _rows(part)})
            continue
        keys = sorted({k for _, k in part})
        found = {r["id"] for r in run("UNWIND $keys AS i MATCH (k:Symbol {id: i}) RETURN k.id AS id",
                                      {"keys": keys})}
        new = [k for k in keys if k not in found]
        if new:
            run("UNWIND $keys AS i CREATE (:Symbol {id: i})", {"keys": new})
        # Two MATCH clauses: LadybugDB plans the comma form as a cross product.
        run("UNWIND $rows AS r MATCH (d:Document {id: r.doc}) MATCH (k:Symbol {id: r.key}) "
            "CREATE (d)-[:HAS_SYMBOL]->(k)", {"rows": _rows(part)})


def _rows(pairs) -> list[dict]:
    return [{"doc": d, "key": k} for d, k in pairs]


def symbols_of(run, doc_ids: list[str]) -> list[str]:
    """The keys of ``doc_ids`` (to drop those left without a document, see :func:`drop_symbols`)."""
    if not doc_ids:
        return []
    return sorted({r["key"] for r in run("UNWIND $ids AS i MATCH (d:Document {id: i})-[:HAS_SYMBOL]->(k:Symbol) "
                                         "RETURN k.id AS key", {"ids": list(doc_ids)})})


def drop_symbols(run, keys: list[str]) -> None:
    """After documents were deleted (DETACH, taking their key edges): drop
    the keys among ``keys`` that no document carries any more."""
    if keys:
        _drop_orphans(run, keys)


def _drop_orphans(run, keys: list[str]) -> None:
    run("UNWIND $keys AS i MATCH (k:Symbol {id: i}) OPTIONAL MATCH (k)<-[e:HAS_SYMBOL]-(:Document) "
        "WITH k, count(e) AS c WHERE c = 0 DELETE k", {"keys": keys})


def is_keyed(run) -> bool:
    """Does the store hold the keys? Every write since they exist keeps them,
    and :func:`fill_symbols` derives them all at once, so a store holds all
    or none: it holds them if it has one, or if no document has a symbol."""
    if run("MATCH (k:Symbol) RETURN k.id AS id LIMIT 1", {}):
        return True
    return not run("MATCH (d:Document) WHERE d.symbol IS NOT NULL RETURN d.id AS id LIMIT 1", {})


def fill_symbols(run) -> int:
    """Derive the keys of a store that has none (written before they
    existed); returns how many documents were keyed. Inside the caller's
    transaction, so a store ends with all of them or none."""
    if is_keyed(run):
        return 0
    rows = run("MATCH (d:Document) WHERE d.symbol IS NOT NULL RETURN d.id AS id, d.symbol AS symbol", {})
    _, edges = key_rows((r["id"], r["symbol"]) for r in rows)
    _create(run, [(e["src"], e["dst"]) for e in edges])
    return len(edges)
