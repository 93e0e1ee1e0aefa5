"""LadybugDB (the maintained Kùzu fork) as an on-disk store: no server to run.

One transaction per fragment makes an ingest all-or-nothing: LadybugDB rolls a
transaction back itself when a statement fails, and we roll back when an edge
finds no endpoint. UNWIND-MERGE runs at only a few thousand rows/s here, so
MERGE is split into lookups, MATCH-SET and CREATE; a first load into an empty
store goes through COPY FROM parquet instead (hundreds of thousands of
rows/s), a chunk of rows per transaction (:mod:`.embedded_load`), each
followed by a CHECKPOINT that folds the write-ahead log into the database files.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from truyvet.errors import QueryError, StoreError
from truyvet.graph.model import Fragment
from truyvet.graph.schema import EDGE_PROPS, KEY_RELS, KEY_TABLES, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.batch import Batch, fold
from truyvet.graph.stores.cypher import (dangling_cypher, dangling_error, delete_plan, drop_documents, edge_cypher,
                                         merge_cypher, node_modes)
from truyvet.graph.stores.embedded_load import ChunkedWriter
from truyvet.graph.stores.embedded_open import open_database
from truyvet.graph.stores.interface import Progress, Store, Writer
from truyvet.graph.stores.keys import fill_symbols, is_keyed, key_rows, write_symbols
from truyvet.graph.stores.spool import write_parquet


def default_path() -> Path:
    return Path(os.environ.get("TRUYVET_HOME") or ".truyvet") / "graph.lbdb"


def ddl() -> list[str]:
    """CREATE TABLE statements generated from the schema."""
    out = []
    for label, cols in {**NODE_TABLES, **KEY_TABLES}.items():
        body = ", ".join(f"`{c}` {t}" for c, t in cols.items())
        out.append(f"CREATE NODE TABLE IF NOT EXISTS `{label}`({body}, PRIMARY KEY(`id`))")
    props = ", ".join(f"`{c}` {t}" for c, t in EDGE_PROPS.items())
    for rel, (a, b) in REL_TABLES.items():
        out.append(f"CREATE REL TABLE IF NOT EXISTS `{rel}`(FROM `{a}` TO `{b}`, {props})")
    for rel, (a, b) in KEY_RELS.items():            # a key has no evidence
        out.append(f"CREATE REL TABLE IF NOT EXISTS `{rel}`(FROM `{a}` TO `{b}`)")
    return out


def cast(expr: str, typ: str) -> str:
    return expr if typ == "STRING" else f"CAST({expr} AS {typ})"


# What LadybugDB says when a commit held but the checkpoint after it failed.
COMMITTED = "committed successfully, but the post-commit checkpoint failed"
_PK_PARAM = re.compile(r"\{\s*id\s*:\s*\$\w+\s*\}")


@lru_cache(maxsize=256)
def _anchored(cypher: str) -> bool:
    """Does the query start from a node looked up by a ``{id: $param}``?"""
    return _PK_PARAM.search(cypher) is not None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


class EmbeddedStore(Store):
    kind = "embedded"

    def __init__(self, path: str | os.PathLike | None = None, read_only: bool = False,
                 buffer_pool_size: int = 0, wait: float | None = None, **_ignored):
        """``wait``: seconds a read-only open waits for a writer's checkpoint
        (default $TRUYVET_WAIT or 60; see :mod:`.embedded_open`)."""
        self.path = Path(path) if path else default_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"cannot open {self.path} read-only: no database there yet")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.buffer_pool_size = buffer_pool_size
        self._db, self._conn = open_database(self.path, read_only, buffer_pool_size, wait)
        if not read_only:
            # One transaction: a process killed while creating the tables
            # leaves all of them or none, never a schema a reader trips on.
            self._transaction(self._create_schema)
            self.fill_keys()

    _keyed: bool | None = None
    # A chunked first load writes the symbol key once, at its end (fill_keys),
    # so that a store holds all of its keys or none, as is_keyed expects.
    defer_keys = False

    @property
    def keyed(self) -> bool:
        """A writable open keys the store; a read-only open of a store
        written before the key, and not opened for writing since, has none."""
        if self._keyed is None:
            tables = {r["name"] for r in self._exec("CALL show_tables() RETURN name")}
            self._keyed = set(KEY_TABLES) | set(KEY_RELS) <= tables and is_keyed(self._exec)
        return self._keyed

    def fill_keys(self) -> None:
        """Derive the symbol key of a store that has none: one written
        before the key existed, or by a first load killed before its end."""
        self._transaction(lambda: fill_symbols(self._exec))
        self._keyed = None

    def _create_schema(self) -> None:
        for stmt in ddl():
            self._exec(stmt)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """A store written by an older truyvet lacks the properties added to
        the schema since; CREATE … IF NOT EXISTS leaves its tables as they
        are, so add each missing column (empty for the documents already
        there, filled when they are next written)."""
        for table, cols in [*NODE_TABLES.items(), *((rel, EDGE_PROPS) for rel in REL_TABLES)]:
            have = {r["name"] for r in self._exec(f"CALL table_info('{table}') RETURN name")}
            for col, typ in cols.items():
                if col not in have:
                    self._exec(f"ALTER TABLE `{table}` ADD `{col}` {typ}")

    # primitives ----------------------------------------------------------------
    def _result(self, cypher: str, params: dict | None = None):
        self._set_threads(1 if _anchored(cypher) else 0)
        res = self._conn.execute(cypher, params or {})
        return res[-1] if isinstance(res, list) else res    # several statements: the last result

    def _exec(self, cypher: str, params: dict | None = None) -> list[dict]:
        res = self._result(cypher, params)
        cols = res.get_column_names()
        return [dict(zip(cols, row)) for row in res.get_all()]

    def _ordered(self, match: str, rest: str):
        """Rows one at a time, not a list of them all: every task of a large
        store as dicts at once doubled what reading it whole costs."""
        try:
            res = self._result(f"{match} {rest}")
        except Exception as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None
        cols = res.get_column_names()
        while res.has_next():
            yield dict(zip(cols, res.get_next()))

    def _read(self, cypher: str, params: dict) -> list[dict]:
        try:
            return self._exec(cypher, params)
        except Exception as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    _threads = 0

    def _set_threads(self, n: int) -> None:
        """Threads for the next query; 0 is the engine's default (every core).

        A query anchored on a parameterised primary key reads a few hundred
        rows, and handing each of its dozen pipelines to worker threads costs
        more than it saves: one thread took the 5-hop lineage from 2.1 to
        1.7 ms (p50, 10k documents). A scan such as agencies_by_lead needs
        the threads (105 ms with both cores, 160 ms with one).
        """
        if n != self._threads:
            self._conn.set_max_threads_for_exec(n)
            self._threads = n

    def _read_guarded(self, cypher: str, params: dict) -> list[dict]:
        # A read-only transaction: the engine refuses any write in it (COMMENT
        # ON, CREATE …), at ~0.1 ms a query. A read-only database needs none.
        if self.read_only:
            return self._read(cypher, params)
        self._exec("BEGIN TRANSACTION READ ONLY")
        try:
            rows = self._read(cypher, params)
        except BaseException:
            try:
                self._exec("ROLLBACK")
            except Exception:
                pass                     # the engine already rolled back
            raise
        self._exec("COMMIT")
        return rows

    def _write(self, cypher: str, params: dict) -> list[dict]:
        if self.read_only:
            raise QueryError("this store was opened read-only")
        return self._read(cypher, params)

    def close(self) -> None:
        for obj in ("_conn", "_db"):
            thing = getattr(self, obj, None)
            if thing is not None:
                thing.close()
                setattr(self, obj, None)

    def reopen(self, buffer_pool_size: int, threads: int = 0) -> None:
        """Close and open the database again with an empty buffer pool of
        this size, on ``threads`` threads (the engine sets both once, when it
        opens). A reader finishing a checkpoint may hold the file for a
        moment in between: wait for it, briefly."""
        self.close()
        for pause in (0.05, 0.1, 0.2, 0.5, 1, 2, 0):
            try:
                self._db, self._conn = open_database(self.path, self.read_only, buffer_pool_size,
                                                     threads=threads)
                break
            except StoreError as exc:
                if "lock" not in str(exc).lower() or not pause:
                    raise
                time.sleep(pause)
        self.buffer_pool_size = buffer_pool_size
        self._threads = 0

    def clear(self) -> None:
        for label in (*NODE_TABLES, *KEY_TABLES):
            self._exec(f"MATCH (n:{label}) DETACH DELETE n")

    # transactions ----------------------------------------------------------------
    def _transaction(self, work) -> None:
        if self.read_only:
            raise StoreError("this store was opened read-only")
        self._exec("BEGIN TRANSACTION")
        try:
            work()
        except BaseException as exc:
            try:
                self._exec("ROLLBACK")
            except Exception:
                pass                     # the engine already rolled back
            if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                raise
            raise StoreError(f"write failed, nothing was written: {_one_line(exc)}") from None
        try:
            self._exec("COMMIT")
        except Exception as exc:
            # The commit holds when only the checkpoint after it failed (a
            # buffer pool too small for it): the next CHECKPOINT, or open, finishes it.
            if COMMITTED not in str(exc):
                raise StoreError(f"write failed, nothing was written: {_one_line(exc)}") from None

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database files."""
        try:
            self._exec("CHECKPOINT")
        except Exception as exc:
            raise StoreError(f"{self.path}: checkpoint failed, the data written is kept in the "
                             f"write-ahead log: {_one_line(exc)}") from None

    def _apply(self, batch: Batch, replace: list[str]) -> None:
        def work():
            self._delete(replace)
            self._merge_nodes(batch)
            self._create_edges(batch)
            if not self.defer_keys:
                write_symbols(self._exec, [*batch.docs, *batch.stubs])
        self._transaction(work)

    def _remove(self, doc_ids: list[str]) -> None:
        self._transaction(lambda: drop_documents(self._exec, doc_ids))
        self._exec("CHECKPOINT")

    def _delete(self, doc_ids: list[str]) -> None:
        for stmt, params in delete_plan(doc_ids):
            self._exec(stmt, params)

    def _merge_nodes(self, batch: Batch) -> None:
        """MERGE, split by hand: LadybugDB's UNWIND-MERGE costs ~1.5 ms a row
        on a 200k-row table, while primary-key lookups, CREATE and MATCH-SET
        cost a few microseconds."""
        for label, mode, rows in node_modes(batch):
            found = self._stored_ids(label, [r["id"] for r in rows])
            old = [r for r in rows if r["id"] in found]
            new = [r for r in rows if r["id"] not in found]
            if old:
                self._exec(merge_cypher(label, mode, cast, "MATCH"), {"rows": old})
            if new:
                self._exec(merge_cypher(label, mode, cast, "CREATE"), {"rows": new})

    def _stored_ids(self, label: str, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self._exec(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN n.id AS id",
                          {"ids": ids})
        return {r["id"] for r in rows}

    def _create_edges(self, batch: Batch) -> None:
        for rel, rows in batch.edges.items():
            if not rows:
                continue
            made = self._exec(edge_cypher(rel, cast), {"rows": rows})[0]["n"]
            if made != len(rows):
                bad = self._exec(dangling_cypher(rel), {"rows": rows})
                raise dangling_error(rel, bad[0] if bad else None)

    # bulk ------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(self._exec(f"MATCH (n:{label}) RETURN n.id AS id LIMIT 1")
                       for label in NODE_TABLES)

    def _bulk(self, frags: list[Fragment], stored: set[str],
              progress: Progress | None, total: int) -> None:
        """COPY into an empty store only. A kill inside the commit of a
        transaction that mixes COPY with other writes keeps the other writes
        and loses the copied rows (LadybugDB 0.22, found by the kill harness):
        a replaced document would keep its new SHA-256 without its facts, and
        a re-run would skip it. Into an empty store a lost COPY is a lost load,
        which a re-run redoes. A loaded store takes batches of MERGE, each
        atomic, and as fast there (2.1 s against COPY's 3.3 s for 2,900
        documents into 5,000)."""
        if not frags or not self.is_empty():
            return super()._bulk(frags, stored, progress, total)
        batch = fold(frags)
        with tempfile.TemporaryDirectory(prefix="truyvet-copy-") as tmp:
            def work():
                for label in NODE_TABLES:
                    self._copy(label, batch.node_rows(label), tmp)
                for rel, rows in batch.edges.items():
                    self._copy(rel, rows, tmp)
                symbols, edges = key_rows((r["id"], r["symbol"]) for r in batch.node_rows("Document"))
                self._copy("Symbol", symbols, tmp)
                self._copy("HAS_SYMBOL", edges, tmp)
            self._transaction(work)
        self._exec("CHECKPOINT")
        if progress:
            progress(total, total)

    def _copy(self, table: str, rows: list[dict], tmp: str) -> None:
        path = write_parquet(table, rows, tmp)
        if path:
            self._copy_file(table, path)

    def _copy_file(self, table: str, path: str) -> None:
        try:
            self._exec(f"COPY `{table}` FROM '{path}'")
        except Exception as exc:
            raise StoreError(f"bulk load of {table} failed, nothing was written: "
                             f"{_one_line(exc)}") from None

    def copy_to_csv(self, cypher: str, path: str) -> None:
        """The rows of a read query as CSV without a header, written by the
        engine (``""`` for an empty string, nothing for a null). Each call
        runs on a connection of its own, so several threads may write
        files at once."""
        import ladybug
        target = os.fspath(path).replace("\\", "\\\\").replace("'", "\\'")
        conn = ladybug.Connection(self._db)
        try:
            conn.execute(f"COPY ({cypher}) TO '{target}' (HEADER=false)")
        except Exception as exc:
            raise StoreError(f"cannot write {path}: {_one_line(exc)}") from None
        finally:
            conn.close()

    def _fill(self, fills: dict[str, list[dict]]) -> None:
        """Fill the empty columns of stored stubs and shared nodes (rows of
        :attr:`Chunk.fills <truyvet.graph.stores.spool.Chunk>`)."""
        for label, rows in fills.items():
            self._exec(merge_cypher(label, "stub" if label == "Document" else "shared", cast, "MATCH"),
                       {"rows": rows})

    def writer(self) -> Writer:
        # An empty store takes the stream by COPY, a chunk of rows at a time.
        if not self.read_only and self.is_empty():
            return ChunkedWriter(self)
        return super().writer()
