"""A Neo4j server as the store, through the official driver.

The same MERGE statements as the embedded store write here (the merge rules
are defined once, in the package), one managed write transaction per
fragment, or per few hundred fragments for a bulk load. A bulk load of new
documents CREATEs what it knows to be new and merges only the shared nodes.
Uniqueness constraints make MERGE safe and fast; a source_id index on every
relationship type lets a re-ingest find the edges a document asserted
without a scan.
"""
from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit, urlunsplit

from truyvet.errors import QueryError, StoreError
from truyvet.graph.model import Fragment
from truyvet.graph.schema import KEY_TABLES, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.batch import Batch, fold
from truyvet.graph.stores.cypher import (dangling_cypher, dangling_error, delete_plan, drop_documents, edge_cypher,
                                         edge_values, merge_cypher, node_modes)
from truyvet.graph.stores.guard import tokens
from truyvet.graph.stores.interface import Progress, Store
from truyvet.graph.stores.keys import fill_symbols, write_symbols

# Properties the pack's queries filter on; each must exist in the schema.
NODE_INDEXES = (("Task", "doc_id"), ("Document", "kind"), ("Document", "stub"),
                ("Document", "symbol"), ("Agency", "key"))
# source_id finds a document's edges on replacement; only ASSIGNS has a role.
# Every index is paid for on each write, so there are no others.
REL_INDEXES = {rel: ("source_id",) for rel in REL_TABLES} | {"ASSIGNS": ("source_id", "role")}
# Rows per UNWIND statement: large enough to amortise a round trip, small
# enough to keep one statement's transaction state modest.
ROWS_PER_STATEMENT = 10_000


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """(URI without user and password, user, password) of a connection URI.

    >>> split_credentials("neo4j://alice:s%40cret@db.example:7687/x")
    ('neo4j://db.example:7687/x', 'alice', 's@cret')
    >>> split_credentials("bolt://127.0.0.1:7687")
    ('bolt://127.0.0.1:7687', None, None)
    """
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri, None, None
    userinfo, host = parts.netloc.rsplit("@", 1)
    user, _, secret = userinfo.partition(":")
    clean = urlunsplit(parts._replace(netloc=host))
    return clean, unquote(user) or None, unquote(secret) if ":" in userinfo else None


def constraints() -> list[str]:
    """Constraints and indexes generated from the schema."""
    out = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
           f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in (*NODE_TABLES, *KEY_TABLES)]
    for label, prop in NODE_INDEXES:
        assert prop in NODE_TABLES[label], (label, prop)
        out.append(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS "
                   f"FOR (n:{label}) ON (n.{prop})")
    for rel in REL_TABLES:
        for prop in REL_INDEXES[rel]:
            out.append(f"CREATE INDEX {rel.lower()}_{prop} IF NOT EXISTS "
                       f"FOR ()-[r:{rel}]-() ON (r.{prop})")
    return out


class Neo4jStore(Store):
    kind = "neo4j"
    batch_fragments = 1000
    # New documents per transaction of a bulk load. Smaller transactions hold
    # less state on the server's heap: 250 took a quarter less server CPU than
    # 1000 (mostly garbage collection), and 100 no less than 250.
    new_docs_per_transaction = 250
    # Each ingest_many writes its shared nodes in one transaction first: fewer,
    # larger batches load ~10 % faster than batches of 2,000.
    writer_batch = 10_000

    def __init__(self, uri: str | None = None, username: str | None = None,
                 password: str | None = None, database: str | None = None,
                 connect_timeout: float = 5.0, **_ignored):
        try:
            import neo4j
        except ImportError:
            raise StoreError("the neo4j store needs the 'neo4j' Python driver installed") from None
        given = uri or os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687"
        # Credentials written into the URI are taken out of it: the driver
        # refuses them there, and the URI is printed in messages.
        self.uri, uri_user, uri_secret = split_credentials(given)
        user = username or uri_user or os.environ.get("NEO4J_USERNAME") or "neo4j"
        if password is not None:
            self._secret = password
        else:
            self._secret = uri_secret if uri_secret is not None else os.environ.get("NEO4J_PASSWORD", "")
        self._given_uri = given
        self._hidden = sorted({t for t in (self._secret, uri_secret) if t}, key=len, reverse=True)
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self._neo4j = neo4j
        self._planned: set[str] = set()
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri, auth=(user, self._secret), connection_timeout=connect_timeout,
                max_transaction_retry_time=10.0, notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except Exception as exc:
            self._driver = None
            raise StoreError(f"cannot connect to {self.uri}: {self._reason(exc)}") from None
        for stmt in constraints():
            self._write(stmt, {})
        # A store written before the symbol key gains it here, once.
        self._write_tx(lambda tx: fill_symbols(_runner(tx)))

    # Every open is a writing one (it makes sure of the constraints), so the
    # key is always there.
    keyed = True

    def _reason(self, exc: Exception) -> str:
        """One line about a driver error, with the password never in it."""
        text = " ".join(str(getattr(exc, "message", None) or exc).split()) or type(exc).__name__
        text = text.replace(self._given_uri, self.uri)
        for secret in self._hidden:
            text = text.replace(secret, "***")
        return text

    def _session(self, read: bool):
        mode = self._neo4j.READ_ACCESS if read else self._neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    # primitives ----------------------------------------------------------------
    def _read(self, cypher: str, params: dict) -> list[dict]:
        # A read transaction also makes the server refuse writes.
        return self._run(cypher, params, read=True)

    # Nodes a page of :meth:`_ordered`: one ORDER BY over every task (2M at
    # 100k documents) with its edges' properties exhausts a 4 GB heap.
    PAGE = 20_000

    def _ordered(self, match: str, rest: str):
        after = ""
        while True:
            ids = [r["id"] for r in self._read(f"{match} WHERE n.id > $after RETURN n.id AS id "
                                               "ORDER BY id LIMIT $page", {"after": after, "page": self.PAGE})]
            if not ids:
                return
            yield from self._read(f"{match} WHERE n.id > $after AND n.id <= $last {rest}",
                                  {"after": after, "last": ids[-1]})
            after = ids[-1]

    def _write(self, cypher: str, params: dict) -> list[dict]:
        return self._run(cypher, params, read=False)

    def _read_guarded(self, cypher: str, params: dict) -> list[dict]:
        """The server's own parse decides: a read transaction refuses writes,
        and the plan of the query (asked once per text) must hold no LOAD CSV,
        which a read transaction allows and which fetches any URL."""
        if cypher not in self._planned:
            first = next((t for k, t in tokens(cypher) if k == "word"), "").upper()
            if first == "PROFILE":
                raise QueryError("PROFILE runs the query: use EXPLAIN for the plan of a read-only query")
            if first != "EXPLAIN":
                self._check_plan(cypher, params)
            if len(self._planned) > 4096:
                self._planned.clear()
            self._planned.add(cypher)
        return self._read(cypher, params)

    def _check_plan(self, cypher: str, params: dict) -> None:
        try:
            with self._session(read=True) as s:
                summary = s.run("EXPLAIN " + cypher, params).consume()
        except self._neo4j.exceptions.Neo4jError as exc:
            raise QueryError(f"query failed: {self._reason(exc)}") from None
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreError(f"cannot reach {self.uri}: {self._reason(exc)}") from None
        ops = set(_operators(summary.plan or {}))
        if "LoadCSV" in ops:
            raise QueryError("LOAD CSV reads files and URLs: refused in a read-only query")
        if summary.query_type != "r":
            raise QueryError(f"the server plans this query as {summary.query_type!r}, not read-only: refused")

    def _run(self, cypher: str, params: dict, read: bool) -> list[dict]:
        """One statement in its own transaction; rows as dicts.

        A read is an auto-commit transaction: one round trip (RUN and PULL)
        where a managed one takes three (BEGIN, RUN and PULL, COMMIT), a
        third of a millisecond of a 1 ms lineage query. A write is managed,
        so the driver retries it on a transient error such as a deadlock.
        """
        try:
            with self._session(read=read) as s:
                if read:
                    return _rows(s.run(cypher, params))
                return s.execute_write(lambda tx: _rows(tx.run(cypher, params)))
        except self._neo4j.exceptions.Neo4jError as exc:
            raise QueryError(f"query failed: {self._reason(exc)}") from None
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreError(f"cannot reach {self.uri}: {self._reason(exc)}") from None

    def await_indexes(self, seconds: int = 600) -> None:
        """Wait until every index is online: after a bulk import the server
        builds them in the background (the constraints, at creation)."""
        self._write("CALL db.awaitIndexes($s)", {"s": seconds})

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def clear(self) -> None:
        # In slices, so a large benchmark graph does not need one huge
        # transaction; relationships first, because DETACH DELETE of a busy
        # agency drags tens of thousands of them into one slice and ran out
        # of transaction memory.
        for stmt in ("MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS n",
                     "MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS n"):
            while self._write(stmt, {})[0]["n"]:
                pass

    # writes ------------------------------------------------------------------------
    def _apply(self, batch: Batch, replace: list[str]) -> None:
        def work(tx):
            for stmt, params in delete_plan(replace):
                tx.run(stmt, params).consume()
            for label, mode, rows in node_modes(batch):
                for part in _slices(rows):
                    tx.run(merge_cypher(label, mode), rows=part).consume()
            _create_edges(tx, batch)
            write_symbols(_runner(tx), [*batch.docs, *batch.stubs], merge=True)
        self._write_tx(work)

    def _remove(self, doc_ids: list[str]) -> None:
        self._write_tx(lambda tx: drop_documents(_runner(tx), doc_ids))

    def _write_tx(self, work) -> None:
        """``work(tx)`` in one managed write transaction, errors as StoreError."""
        try:
            with self._session(read=False) as s:
                s.execute_write(work)
        except StoreError:
            raise
        except self._neo4j.exceptions.Neo4jError as exc:
            raise StoreError(f"write failed, nothing was written: {self._reason(exc)}") from None
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreError(f"cannot reach {self.uri}: {self._reason(exc)}") from None

    # bulk ------------------------------------------------------------------------
    def _bulk(self, frags: list[Fragment], stored: set[str],
              progress: Progress | None, total: int) -> None:
        """New documents only: CREATE instead of MERGE.

        Nothing of a document that is not stored exists yet but, perhaps, a
        stub of it: its tasks and the edges it asserts are new. So only the
        shared nodes (stubs, agencies, people) need the merge rules. They are
        written first, with a stub for every document of the batch, so that a
        part can cite documents of a later part; then each part (documents with
        their tasks and edges) is one transaction, as on the default path. A
        part that fails leaves its documents as stubs, so a later ingest sees
        them as new, not as unchanged. A batch that replaces documents takes
        the default path, which deletes their old facts first.
        """
        if not frags or stored & {f.doc_id for f in frags}:
            return super()._bulk(frags, stored, progress, total)
        shared, parts = _split_by_document(fold(frags), self.new_docs_per_transaction)
        if len(parts) == 1:              # one transaction: all or nothing
            self._write_tx(lambda tx: (_write_shared(tx, shared), _write_new(tx, parts[0])))
        else:
            self._write_tx(lambda tx: _write_shared(tx, shared))
            for i, part in enumerate(parts, 1):
                self._write_tx(lambda tx, part=part: _write_new(tx, part))
                if progress:
                    progress(total - len(frags) + len(frags) * i // len(parts), total)
        if progress:
            progress(total, total)


def _runner(tx):
    """``run(statement, params) -> rows`` inside a transaction, as the shared write helpers take it."""
    return lambda q, p: tx.run(q, p).data()


def _operators(plan: dict):
    """Operator names of an EXPLAIN plan tree ("LoadCSV@neo4j" → "LoadCSV")."""
    yield plan.get("operatorType", "").split("@")[0]
    for child in plan.get("children", ()):
        yield from _operators(child)


def _split_by_document(batch: Batch, docs_per_part: int) -> tuple[Batch, list[Batch]]:
    """The shared nodes, and parts holding each document with its tasks and edges."""
    placeholders = {d: {"id": d, "stub": True} for d in batch.docs}
    shared = Batch(stubs={**batch.stubs, **placeholders},
                   nodes={k: v for k, v in batch.nodes.items() if k != "Task"})
    part_of = {d: i // docs_per_part for i, d in enumerate(batch.docs)}
    parts = [Batch() for _ in range(max(part_of.values(), default=0) + 1)]
    for d, row in batch.docs.items():
        parts[part_of[d]].docs[d] = row
    for t, row in batch.nodes.get("Task", {}).items():
        parts[part_of[row["doc_id"]]].nodes.setdefault("Task", {})[t] = row
    for rel, rows in batch.edges.items():
        for row in rows:     # every edge is filed under its own document (fold checks)
            parts[part_of[row["source_id"]]].edges.setdefault(rel, []).append(row)
    return shared, parts


def _write_shared(tx, shared: Batch) -> None:
    for label, mode, rows in node_modes(shared):
        if label != "Task":
            _write_nodes(tx, label, mode, rows)
    write_symbols(_runner(tx), list(shared.stubs), merge=True)


def _write_new(tx, part: Batch) -> None:
    """A part of new documents: each exists as a stub, its tasks do not."""
    for rows in _slices(list(part.docs.values())):
        tx.run(merge_cypher("Document", "full", verb="MATCH"), rows=rows).consume()
    _create_nodes(tx, "Task", part.node_rows("Task"))
    _create_edges(tx, part)
    write_symbols(_runner(tx), list(part.docs), merge=True)


def _write_nodes(tx, label: str, mode: str, rows: list[dict]) -> None:
    """The merge rule of ``mode``, as MATCH-SET on stored rows and CREATE on new ones."""
    if not rows:
        return
    found = {r["id"] for r in tx.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) "
                                     "RETURN n.id AS id", ids=[r["id"] for r in rows])}
    old = [r for r in rows if r["id"] in found]
    for part in _slices(old):
        tx.run(merge_cypher(label, mode, verb="MATCH"), rows=part).consume()
    _create_nodes(tx, label, [r for r in rows if r["id"] not in found])


def _create_nodes(tx, label: str, rows: list[dict]) -> None:
    # On a new node every merge mode comes down to setting the known
    # properties; a null is no property in Neo4j, so it is not sent at all.
    for part in _slices(rows):
        lean = [{k: v for k, v in r.items() if v is not None} for r in part]
        tx.run(f"UNWIND $rows AS r CREATE (n:{label}) SET n = r", rows=lean).consume()


def _create_edges(tx, batch: Batch) -> None:
    for rel, rows in batch.edges.items():
        for part in _slices(rows):
            made = tx.run(edge_cypher(rel, positional=True),
                          rows=[edge_values(r) for r in part]).single()["n"]
            if made != len(part):
                bad = tx.run(dangling_cypher(rel), rows=part).data()
                raise dangling_error(rel, bad[0] if bad else None)


# Values Record.data() gives back as they are.
_PLAIN = frozenset((str, int, float, bool, type(None)))


def _rows(result) -> list[dict]:
    """The rows of ``result`` as Result.data() gives them, in half its time
    when their values are plain: data() converts every value, through a
    chain of type checks (2.2 s against 1.0 s for 40,000 rows of 24
    values, where tracking reads millions)."""
    keys = result.keys()
    out = []
    for record in result:
        values = record.values()
        out.append(dict(zip(keys, values)) if all(type(v) in _PLAIN for v in values) else record.data())
    return out


def _slices(rows: list[dict]):
    for i in range(0, len(rows), ROWS_PER_STATEMENT):
        yield rows[i:i + ROWS_PER_STATEMENT]
