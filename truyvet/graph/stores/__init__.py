"""Graph stores: one interface over an embedded engine and a Neo4j server.

Both stores take the same :class:`~truyvet.graph.model.Fragment` records and
answer the same Cypher, so callers never write engine-specific code: they call
:func:`open_store` and use the :class:`Store` methods.

The merge rules live here, once, so the two engines cannot disagree:

* the fragment's own document is written in full (it is the authority on
  itself) and is never a stub;
* any other Document in a fragment is a reference: it creates a stub, fills
  a stub's missing properties, and never touches a document that was ingested;
* agencies and people are shared: a fragment only fills their missing
  properties (as build.add_fragment does), so no document rewrites another's;
* re-ingesting a document with a new sha256 first removes the edges it
  asserted (``source_id``) and its tasks (``doc_id``).
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from truyvet.errors import QueryError, StoreError
from truyvet.graph.model import Fragment, Node
from truyvet.graph.schema import DOC_RELATIONS, EDGE_PROPS, NODE_TABLES, REL_TABLES

__all__ = ["Store", "Batch", "Writer", "open_store", "fold", "ensure_read_only"]

Progress = Callable[[int, int], None]


def open_store(kind: str = "embedded", **options) -> "Store":
    """Open a store: ``kind`` is "embedded" (LadybugDB on disk) or "neo4j"."""
    if kind == "embedded":
        from truyvet.graph.stores.embedded import EmbeddedStore
        return EmbeddedStore(**options)
    if kind == "neo4j":
        from truyvet.graph.stores.neo4j import Neo4jStore
        return Neo4jStore(**options)
    raise StoreError(f"unknown store kind {kind!r}: use 'embedded' or 'neo4j'")


# --- read-only guard -------------------------------------------------------

WRITE_WORDS = ("CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP",
               "COPY", "LOAD", "ALTER", "FOREACH", "INSTALL", "ATTACH",
               "IMPORT", "EXPORT", "CHECKPOINT", "BEGIN", "COMMIT", "ROLLBACK")
# Literals and comments are blanked first so a title containing "set" or a
# comment mentioning CREATE does not trip the guard; a word after "." or "$"
# is a property or parameter name, not a clause.
_NOISE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`"
                    r"|//[^\n]*|/\*.*?\*/", re.S)
_WRITE = re.compile(r"(?<![.\w$])(" + "|".join(WRITE_WORDS) + r")\b", re.I)


def ensure_read_only(cypher: str) -> None:
    """Raise QueryError if ``cypher`` contains a write clause."""
    m = _WRITE.search(_NOISE.sub(" ", cypher))
    if m:
        raise QueryError(f"{m.group(1).upper()} is a write clause: this query is "
                         "read-only (use --write, or write=True in Python, to modify the graph)")


# --- folding fragments into write batches -----------------------------------

@dataclass
class Batch:
    """Rows ready for a store, after the merge rules were applied in memory.

    ``docs`` are ingested documents (written in full), ``stubs`` are references
    (merged as stubs), ``nodes`` the other labels, ``edges`` per relationship
    type. Every row has every schema column, so UNWIND batches and COPY files
    have uniform keys and types.
    """
    docs: dict[str, dict] = field(default_factory=dict)
    stubs: dict[str, dict] = field(default_factory=dict)
    nodes: dict[str, dict[str, dict]] = field(default_factory=dict)
    edges: dict[str, list[dict]] = field(default_factory=dict)

    def node_rows(self, label: str) -> list[dict]:
        if label == "Document":
            return list(self.docs.values()) + list(self.stubs.values())
        return list(self.nodes.get(label, {}).values())


def _full_row(label: str, node_id: str, props: dict) -> dict:
    row = {k: props.get(k) for k in NODE_TABLES[label]}
    row["id"] = node_id
    return row


def fold(fragments: Iterable[Fragment]) -> Batch:
    """Apply the merge rules to fragments, in order, giving one batch.

    Writing the batch with the stores' MERGE statements gives the same graph
    as ingesting the fragments one by one (a later fragment of the same
    document replaces an earlier one in the batch).
    """
    frags = list(fragments)
    final = {f.doc_id: i for i, f in enumerate(frags)}
    b = Batch()
    for i, frag in enumerate(frags):
        _check_fragment(frag)
        superseded = final[frag.doc_id] != i
        for node in frag.nodes:
            # A replaced version's tasks and edges are deleted, but the stubs,
            # agencies and people it wrote stay, as they do one by one.
            if not (superseded and node.type == "Task"):
                _fold_node(b, frag, node)
        if not any(n.id == frag.doc_id and n.type == "Document" for n in frag.nodes):
            _fold_node(b, frag, Node(frag.doc_id, "Document", {}))   # it describes its doc
        if superseded:
            continue
        for edge in frag.edges:
            row = {k: edge.props.get(k) for k in EDGE_PROPS}
            row["source_id"] = row["source_id"] or frag.doc_id
            row["src"], row["dst"] = edge.source, edge.target
            b.edges.setdefault(edge.rel, []).append(row)
    return b


# Relations a document can only assert from itself or from its own tasks:
# replacement finds them from the document node (see delete_plan).
ANCHORED = {rel for rel, (a, _) in REL_TABLES.items()
            if a in ("Document", "Task") and rel not in DOC_RELATIONS}


def _check_fragment(frag: Fragment) -> None:
    def bad(msg: str) -> StoreError:
        return StoreError(f"{frag.doc_id}: {msg}")

    tasks = set()
    for node in frag.nodes:
        if node.type not in NODE_TABLES:
            raise bad(f"node {node.id!r} has unknown type {node.type!r}")
        if node.type == "Task":
            if node.props.get("doc_id") not in (None, frag.doc_id):
                raise bad(f"task {node.id!r} belongs to {node.props['doc_id']!r}")
            tasks.add(node.id)
    listed = set()
    for edge in frag.edges:
        where = f"{edge.rel} edge {edge.source} -> {edge.target}"
        if edge.rel not in REL_TABLES:
            raise bad(f"edge has unknown relation {edge.rel!r}")
        src = edge.props.get("source_id")
        if src not in (None, frag.doc_id):
            # Replacement deletes by source_id: an edge filed under another
            # document would outlive every re-ingest of this one.
            raise bad(f"{where} has source_id {src!r}, not the fragment's document")
        if edge.rel in ANCHORED:
            home = {frag.doc_id} if REL_TABLES[edge.rel][0] == "Document" else tasks
            if edge.source not in home:
                raise bad(f"{where} must start at the document or one of its own tasks")
        if edge.rel == "HAS_TASK":
            if edge.target not in tasks:
                raise bad(f"{where}: the task is not one of this fragment's")
            listed.add(edge.target)
    if tasks - listed:
        raise bad(f"task {sorted(tasks - listed)[0]!r} has no HAS_TASK edge from the document")


def _fold_node(b: Batch, frag: Fragment, node) -> None:
    row = _full_row(node.type, node.id, node.props)
    if node.type == "Document":
        if node.id == frag.doc_id:
            row.update(stub=False, sha256=frag.sha256, file=frag.file or row["file"])
            b.stubs.pop(node.id, None)
            b.docs[node.id] = row
        elif node.id not in b.docs:
            row["stub"] = True
            old = b.stubs.get(node.id)
            b.stubs[node.id] = row if old is None else {
                k: (old[k] if old[k] is not None else row[k]) for k in row}
        return
    if node.type == "Task" and row["doc_id"] is None:
        row["doc_id"] = frag.doc_id      # replacement finds tasks by doc_id
    table = b.nodes.setdefault(node.type, {})
    old = table.get(node.id)
    if old is not None and node.type != "Task":
        row = {k: (old[k] if old[k] is not None else row[k]) for k in row}
    table[node.id] = row


# --- the Cypher both engines run to write a batch ----------------------------
# Kept here so that the merge rules are stated once; both dialects accept it.

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


def node_modes(batch: "Batch"):
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


# --- the interface -----------------------------------------------------------

class Store(ABC):
    """A persistent graph of Fragments that answers Cypher."""

    kind: str = ""

    # engine primitives -------------------------------------------------------
    @abstractmethod
    def _read(self, cypher: str, params: dict) -> list[dict]:
        """Run a read query and return rows as dicts of plain values."""

    @abstractmethod
    def _write(self, cypher: str, params: dict) -> list[dict]:
        """Run a write query in its own transaction."""

    @abstractmethod
    def _apply(self, batch: Batch, replace: list[str]) -> None:
        """Atomically delete the facts of ``replace`` and write ``batch``."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def clear(self) -> None:
        """Remove every node and relationship (the schema stays)."""

    # public API ----------------------------------------------------------------
    def ingest(self, fragment: Fragment) -> str:
        """Write one document's facts atomically.

        Returns "added", "unchanged" (same sha256 as stored) or "replaced".
        """
        old = self.document_sha(fragment.doc_id)
        if old == fragment.sha256:
            return "unchanged"
        self._apply(fold([fragment]), [fragment.doc_id] if old is not None else [])
        return "added" if old is None else "replaced"

    def ingest_many(self, fragments: Iterable[Fragment],
                    progress: Progress | None = None) -> dict[str, int]:
        """Write many fragments with the engine's bulk path; returns status counts."""
        frags = list(fragments)
        stored = self.document_shas(sorted({f.doc_id for f in frags}))
        known = dict(stored)
        status = {"added": 0, "unchanged": 0, "replaced": 0}
        todo: list[Fragment] = []
        for f in frags:
            if known.get(f.doc_id) == f.sha256:
                status["unchanged"] += 1
                continue
            status["replaced" if f.doc_id in known else "added"] += 1
            known[f.doc_id] = f.sha256
            todo.append(f)
        self._bulk(todo, set(stored), progress, len(frags))
        return status

    def _bulk(self, frags: list[Fragment], stored: set[str],
              progress: Progress | None, total: int) -> None:
        """Default bulk path: batches of fragments, one transaction each.

        ``stored`` are the documents in the store before the call: their old
        facts, and those a previous batch wrote, are deleted before rewriting.
        """
        step = self.batch_fragments
        written = set(stored)
        for i in range(0, len(frags), step):
            chunk = frags[i:i + step]
            ids = {f.doc_id for f in chunk}
            self._apply(fold(chunk), sorted(ids & written))
            written |= ids
            if progress:
                progress(total - len(frags) + i + len(chunk), total)
        if progress and not frags:
            progress(total, total)

    batch_fragments = 500

    # Fragments per ingest_many call of a writer.
    writer_batch = 2000

    def writer(self) -> "Writer":
        """A sink for a long stream of fragments: ``add`` each, then ``close``."""
        return Writer(self, self.writer_batch)

    def query(self, cypher: str, params: dict | None = None,
              write: bool = False) -> list[dict]:
        """Run Cypher; read-only unless ``write`` is true. Rows are plain dicts."""
        if not write:
            ensure_read_only(cypher)
            return self._read(cypher, params or {})
        return self._write(cypher, params or {})

    def document_sha(self, doc_id: str) -> str | None:
        """The sha256 of an ingested document, None if absent or only a stub."""
        return self.document_shas([doc_id]).get(doc_id)

    def document_shas(self, doc_ids: list[str]) -> dict[str, str]:
        rows = self._read(
            "UNWIND $ids AS i MATCH (d:Document) WHERE d.id = i AND d.stub = false "
            "RETURN d.id AS id, d.sha256 AS sha", {"ids": list(doc_ids)}) if doc_ids else []
        return {r["id"]: r["sha"] for r in rows}

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type (every schema name present)."""
        out = {}
        for label in NODE_TABLES:
            out[label] = self._read(f"MATCH (n:{label}) RETURN count(n) AS n", {})[0]["n"]
        for rel, (a, b) in REL_TABLES.items():
            out[rel] = self._read(
                f"MATCH (:{a})-[r:{rel}]->(:{b}) RETURN count(r) AS n", {})[0]["n"]
        return out

    def to_networkx(self):
        """The whole graph as a MultiDiGraph shaped like build.build_graph's.

        Node attributes: ``type`` plus every schema property but ``id`` (the
        node key), None where unknown; edge attributes: ``rel`` plus every
        EDGE_PROPS key, with build's edge key "REL|source_id|span_start|target".
        Rows are read in a fixed order so two stores holding the same facts give
        equal graphs.
        """
        import networkx as nx
        g = nx.MultiDiGraph()
        for label, cols in NODE_TABLES.items():
            ret = ", ".join(f"n.{c} AS {c}" for c in cols)
            for row in self._read(f"MATCH (n:{label}) RETURN {ret} ORDER BY n.id", {}):
                g.add_node(row.pop("id"), type=label, **row)
        eprops = list(EDGE_PROPS)
        ret = ", ".join(f"r.{c} AS {c}" for c in eprops)
        order = ", ".join(f"r.{c}" for c in ("source_id", "span_start", "span_end", "role", "quote"))
        for rel, (a, b) in REL_TABLES.items():
            q = (f"MATCH (a:{a})-[r:{rel}]->(b:{b}) RETURN a.id AS _from, b.id AS _to, {ret} "
                 f"ORDER BY _from, _to, {order}")
            for row in self._read(q, {}):
                u, v = row.pop("_from"), row.pop("_to")
                g.add_edge(u, v, key=f"{rel}|{row['source_id']}|{row['span_start']}|{v}",
                           rel=rel, **row)
        return g

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


class Writer:
    """Writes a stream of fragments in batches through ``ingest_many``.

    A batch that fails is retried one fragment at a time, so a bad document
    costs only itself. ``statuses`` counts added / unchanged / replaced;
    ``failed`` lists "file: problem" for each fragment that was not written.
    """

    def __init__(self, store: Store, batch: int = 2000):
        self.store = store
        self.batch = batch
        self.pending: list[Fragment] = []
        self.statuses: Counter = Counter()
        self.failed: list[str] = []

    def add(self, fragment: Fragment) -> None:
        self.pending.append(fragment)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        try:
            self.statuses.update(self.store.ingest_many(self.pending))
        except StoreError:
            for frag in self.pending:
                try:
                    self.statuses[self.store.ingest(frag)] += 1
                except StoreError as exc:
                    self.failed.append(f"{frag.file}: {exc}")
        self.pending = []

    def close(self) -> None:
        if self.pending:
            self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
        return False
