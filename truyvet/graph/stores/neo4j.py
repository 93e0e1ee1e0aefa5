"""A Neo4j server as the store, through the official driver.

The same MERGE statements as the embedded store write here (the merge rules
are defined once, in the package), one managed write transaction per
fragment, or per few hundred fragments for a bulk load. Uniqueness
constraints make MERGE safe and fast; a source_id index on every relationship
type lets a re-ingest find the edges a document asserted without a scan.
"""
from __future__ import annotations

import os

from truyvet.errors import QueryError, StoreError
from truyvet.graph.schema import NODE_TABLES, REL_TABLES
from truyvet.graph.stores import (Batch, Store, dangling_cypher, dangling_error,
                                  delete_plan, edge_cypher, merge_cypher, node_modes)

# Properties the pack's queries filter on; each must exist in the schema.
NODE_INDEXES = (("Task", "doc_id"), ("Document", "kind"), ("Document", "stub"),
                ("Document", "symbol"), ("Agency", "key"))
# source_id finds a document's edges on replacement; only ASSIGNS has a role.
# Every index is paid for on each write, so there are no others.
REL_INDEXES = {rel: ("source_id",) for rel in REL_TABLES} | {"ASSIGNS": ("source_id", "role")}
# Rows per UNWIND statement: large enough to amortise a round trip, small
# enough to keep one statement's transaction state modest.
ROWS_PER_STATEMENT = 10_000


def constraints() -> list[str]:
    """Constraints and indexes generated from the schema."""
    out = [f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
           f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" for label in NODE_TABLES]
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

    def __init__(self, uri: str | None = None, username: str | None = None,
                 password: str | None = None, database: str | None = None,
                 connect_timeout: float = 5.0, **_ignored):
        try:
            import neo4j
        except ImportError:
            raise StoreError("the neo4j store needs the 'neo4j' Python driver installed") from None
        self.uri = uri or os.environ.get("NEO4J_URI") or "bolt://127.0.0.1:7687"
        user = username or os.environ.get("NEO4J_USERNAME") or "neo4j"
        self._secret = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self._neo4j = neo4j
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

    def _reason(self, exc: Exception) -> str:
        """One line about a driver error, with the password never in it."""
        text = " ".join(str(getattr(exc, "message", None) or exc).split()) or type(exc).__name__
        if self._secret:
            text = text.replace(self._secret, "***")
        return text

    def _session(self, read: bool):
        mode = self._neo4j.READ_ACCESS if read else self._neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    # primitives ----------------------------------------------------------------
    def _read(self, cypher: str, params: dict) -> list[dict]:
        # A read transaction also makes the server refuse writes.
        return self._run(cypher, params, read=True)

    def _write(self, cypher: str, params: dict) -> list[dict]:
        return self._run(cypher, params, read=False)

    def _run(self, cypher: str, params: dict, read: bool) -> list[dict]:
        """One statement in its own managed (retried) transaction; rows as dicts."""
        try:
            with self._session(read=read) as s:
                execute = s.execute_read if read else s.execute_write
                return execute(lambda tx: tx.run(cypher, params).data())
        except self._neo4j.exceptions.Neo4jError as exc:
            raise QueryError(f"query failed: {self._reason(exc)}") from None
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreError(f"cannot reach {self.uri}: {self._reason(exc)}") from None

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def clear(self) -> None:
        # In slices, so a large benchmark graph does not need one huge transaction.
        while self._write("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n "
                          "RETURN count(*) AS n", {})[0]["n"]:
            pass

    # writes ------------------------------------------------------------------------
    def _apply(self, batch: Batch, replace: list[str]) -> None:
        def work(tx):
            for stmt, params in delete_plan(replace):
                tx.run(stmt, params).consume()
            for label, mode, rows in node_modes(batch):
                for part in _slices(rows):
                    tx.run(merge_cypher(label, mode), rows=part).consume()
            for rel, rows in batch.edges.items():
                for part in _slices(rows):
                    made = tx.run(edge_cypher(rel), rows=part).single()["n"]
                    if made != len(part):
                        bad = tx.run(dangling_cypher(rel), rows=part).data()
                        raise dangling_error(rel, bad[0] if bad else None)
        try:
            with self._session(read=False) as s:
                s.execute_write(work)
        except StoreError:
            raise
        except self._neo4j.exceptions.Neo4jError as exc:
            raise StoreError(f"write failed, nothing was written: {self._reason(exc)}") from None
        except self._neo4j.exceptions.DriverError as exc:
            raise StoreError(f"cannot reach {self.uri}: {self._reason(exc)}") from None


def _slices(rows: list[dict]):
    for i in range(0, len(rows), ROWS_PER_STATEMENT):
        yield rows[i:i + ROWS_PER_STATEMENT]
