"""The Cypher both engines run: the statements that write a batch.

Kept in one place so that the merge rules are stated once; both dialects accept it.
"""
from __future__ import annotations

from truyvet.errors import StoreError
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.batch import ANCHORED, Batch
from truyvet.graph.stores.keys import drop_symbols, symbols_of

# --- writing a batch -------------------------------------------------------

# Past this many replaced documents one scan per relation type beats
# per-document lookups.
ANCHORED_DELETE_MAX = 50


def delete_plan(doc_ids: list[str]) -> list[tuple[str, dict]]:
    """(statement, params) pairs removing the facts of ``doc_ids``.

    The edges a document asserts about itself hang off its own node or its
    tasks (checked on ingest), so for a few documents they are reached by
    primary-key lookup: a replace costs the size of the document, not of the
    graph (scanning ASSIGNS by source_id took ~0.4 s at 100k documents on
    LadybugDB, which has no relationship property index). Lineage links, which
    a document may report between two others, and relations between agencies
    are always found by scanning source_id. Many documents: scan everything.
    """
    ids = list(doc_ids)
    if not ids:
        return []
    scans = [(f"MATCH (:{a})-[e:{rel}]->(:{b}) WHERE e.source_id IN $ids DELETE e", {"ids": ids})
             for rel, (a, b) in REL_TABLES.items()
             if rel not in ANCHORED or len(ids) > ANCHORED_DELETE_MAX]
    if len(ids) > ANCHORED_DELETE_MAX:
        return scans + [("MATCH (t:Task) WHERE t.doc_id IN $ids DETACH DELETE t", {"ids": ids})]
    # A scalar $id, not UNWIND $ids, and the filter after WITH: LadybugDB
    # plans the other shapes as scans (35 ms or 6 ms against 0.5 ms at 10k
    # documents).
    out = []
    for i in ids:
        out.append(("MATCH (d:Document {id: $id})-[:HAS_TASK]->(t:Task) "
                    "WITH t WHERE t.doc_id = $id DETACH DELETE t", {"id": i}))
        out += [(f"MATCH (d:Document {{id: $id}})-[e:{rel}]->(:{b}) "
                 "WITH e WHERE e.source_id = $id DELETE e", {"id": i})
                for rel, (a, b) in REL_TABLES.items() if rel in ANCHORED and a == "Document"]
    return out + scans


def drop_documents(run, ids: list[str]) -> None:
    """Remove ingested documents and every fact they alone carried, inside
    the caller's transaction; ``run(statement, params)`` returns rows.

    Their tasks and the edges they asserted go (as on replacement). A
    document another text still cites stays as a stub; the agencies, people
    and stubs that only the removed documents mentioned go with them, and
    those others mention stay.
    """
    if not ids:
        return
    mentioned: dict[str, set[str]] = {label: set() for label in NODE_TABLES}
    for rel, (a, b) in REL_TABLES.items():
        if b == "Task":
            continue
        for row in run(f"MATCH (x:{a})-[e:{rel}]->(y:{b}) WHERE e.source_id IN $ids "
                       "RETURN DISTINCT x.id AS x, y.id AS y", {"ids": ids}):
            if a != "Task":
                mentioned[a].add(row["x"])
            mentioned[b].add(row["y"])
    for stmt, params in delete_plan(ids):
        run(stmt, params)
    run("MATCH (d:Document) WHERE d.id IN $ids SET d.stub = true, d.file = NULL, d.sha256 = NULL",
        {"ids": ids})
    mentioned["Document"] |= set(ids)
    keys = symbols_of(run, sorted(mentioned["Document"]))
    # A node is left over when no fact touches it; its lookup key is no fact,
    # and goes with it (DETACH).
    facts = "|".join(REL_TABLES)
    for label, node_ids in mentioned.items():
        if label == "Task" or not node_ids:
            continue
        stub = " AND n.stub = true" if label == "Document" else ""
        run(f"MATCH (n:{label}) WHERE n.id IN $ids{stub} OPTIONAL MATCH (n)-[r:{facts}]-() "
            "WITH n, count(r) AS c WHERE c = 0 DETACH DELETE n", {"ids": sorted(node_ids)})
    drop_symbols(run, keys)


def _as_is(expr: str, typ: str) -> str:
    return expr


def merge_cypher(label: str, mode: str, cast=_as_is, verb: str = "MERGE") -> str:
    """UNWIND-MERGE for rows of ``label``.

    mode "full" overwrites every property (an ingested document, a task);
    "stub" only fills a stub's missing properties and skips ingested
    documents; "shared" only fills missing properties (agencies, people).
    ``cast(expr, type)`` types a row value: LadybugDB types an all-null
    column of a parameter list as STRING and will not assign it to INT64.
    ``verb`` may be CREATE (rows known to be new) or MATCH (rows known to
    exist): the SET part gives the same result on a fresh node, and a store
    whose MERGE is slow can split the rows itself.
    """
    types = NODE_TABLES[label]
    cols = [c for c in types if c != "id"]
    val = {c: cast(f"r.{c}", types[c]) for c in cols}
    head = f"UNWIND $rows AS r {verb} (n:{label} {{id: r.id}}) "
    if mode == "full":
        return head + "SET " + ", ".join(f"n.{c} = {val[c]}" for c in cols)
    if mode == "stub":
        sets = ", ".join(f"n.{c} = coalesce(n.{c}, {val[c]})" for c in cols if c != "stub")
        return head + f"WITH n, r WHERE n.stub IS NULL OR n.stub = true SET {sets}, n.stub = true"
    return head + "SET " + ", ".join(f"n.{c} = coalesce(n.{c}, {val[c]})" for c in cols)


def node_modes(batch: Batch):
    """(label, mode, rows) in the order a batch is written."""
    yield "Document", "full", list(batch.docs.values())
    yield "Document", "stub", list(batch.stubs.values())
    for label in NODE_TABLES:
        if label != "Document":
            yield label, "full" if label == "Task" else "shared", batch.node_rows(label)


def edge_cypher(rel: str, cast=_as_is, positional: bool = False) -> str:
    """UNWIND-CREATE for edges of ``rel``, returning how many were created.

    An endpoint that is missing, or exists only under another label, matches
    nothing; the caller compares the count to the rows and aborts.
    ``positional`` takes rows as :func:`edge_values` lists instead of dicts:
    the same edges for a third of the bytes, since no row repeats the keys.
    """
    a, b = REL_TABLES[rel]
    names = ["src", "dst", *EDGE_PROPS]
    val = {c: f"r[{i}]" if positional else f"r.{c}" for i, c in enumerate(names)}
    props = ", ".join(f"{c}: {cast(val[c], t)}" for c, t in EDGE_PROPS.items())
    # Two MATCH clauses, not "MATCH (a), (b)": LadybugDB plans the comma form
    # as a cross product of two table scans (200 ms at 10k documents) and the
    # two-clause form as primary-key lookups (0.2 ms).
    return (f"UNWIND $rows AS r MATCH (a:{a} {{id: {val['src']}}}) "
            f"MATCH (b:{b} {{id: {val['dst']}}}) "
            f"CREATE (a)-[e:{rel} {{{props}}}]->(b) RETURN count(e) AS n")


def edge_values(row: dict) -> list:
    """An edge row as the list ``edge_cypher(..., positional=True)`` reads."""
    return [row["src"], row["dst"], *(row[c] for c in EDGE_PROPS)]


def dangling_cypher(rel: str) -> str:
    """The first edge row of ``rel`` whose endpoints do not both exist."""
    a, b = REL_TABLES[rel]
    return (f"UNWIND $rows AS r OPTIONAL MATCH (a:{a} {{id: r.src}}) "
            f"OPTIONAL MATCH (b:{b} {{id: r.dst}}) WITH r, a, b WHERE a IS NULL OR b IS NULL "
            f"RETURN r.src AS src, r.dst AS dst, a IS NULL AS no_src LIMIT 1")


def dangling_error(rel: str, row: dict | None) -> StoreError:
    a, b = REL_TABLES[rel]
    if not row:
        return StoreError(f"{rel}: some edges were not created")
    which = f"{a} {row['src']!r}" if row["no_src"] else f"{b} {row['dst']!r}"
    return StoreError(f"{rel} edge {row['src']} -> {row['dst']}: no {which} in the graph "
                      "(missing node or wrong type); nothing was written")


# Ids per DELETE transaction: a document has tens of rows, and one
# transaction of millions exceeds a small Neo4j server's transaction memory.
DELETE_IDS = 10_000


def by_ids(store, match: str, ret: str, ids: list[str]) -> list[dict]:
    """The distinct rows ``ret`` of ``match`` (binding ``i``) for each of
    ``ids``. An UNWIND joined on equality costs one scan however many ids
    there are; ``IN $ids`` costs a scan per id in LadybugDB (28 s for 5,000
    documents' rows at 100k). No ids, no query: the scan would still run."""
    return store.query(f"UNWIND $ids AS i {match} RETURN DISTINCT {ret}", {"ids": ids}) if ids else []


def delete_by_ids(store, match: str, var: str, ids: list[str]) -> None:
    """Delete ``var`` of ``match`` (binding ``i``) for each of ``ids``,
    :data:`DELETE_IDS` ids a transaction."""
    for k in range(0, len(ids), DELETE_IDS):
        store.query(f"UNWIND $ids AS i {match} DELETE {var}", {"ids": ids[k:k + DELETE_IDS]}, write=True)
