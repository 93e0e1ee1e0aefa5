"""The tracking layer's own tables in a store, beside the extracted graph.

Four labels, none of them in :data:`truyvet.graph.schema.NODE_TABLES`, so
ingest, re-ingest, ``clear`` and the graph readers never see or touch them:

* ``UserFact`` — what users said (status files, corrections), each with who,
  when and why: the user layer, kept in the same store as the facts it
  corrects so it travels with it and needs no second file to back up;
* ``TrackedTask`` and ``StatusEvent`` — a view rebuilt from the graph and the
  user layer by :func:`truyvet.tracking.views.refresh`, so that plain Cypher
  (the named queries, Neo4j Browser) can count tasks by status;
* ``ViewState`` — one row: whether that view still matches the graph
  (:func:`truyvet.tracking.views.view_state`).

No relationship joins them to the graph: a relationship to a Task would be
deleted with the task when its document is re-ingested. They join on ids.
"""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from functools import partial
from typing import Callable, Iterator

from truyvet.errors import QueryError

TABLES: dict[str, dict[str, str]] = {
    "UserFact": {
        "id": "STRING",
        "kind": "STRING",          # status | lead | link | unlink | merge | confirm
        "target": "STRING",        # task, document, agency id, or a fact key
        "target_label": "STRING",  # what the user named, for listing
        "value": "STRING",         # status, agency name, other document id, merged-into id
        "relation": "STRING",      # link / unlink: implements | based_on | cites
        "date": "STRING",          # status: the day it held (ISO)
        "note": "STRING",          # status: the user's note
        "who": "STRING",
        "at": "STRING",            # recorded (ISO date-time, UTC)
        "why": "STRING",
        "source_file": "STRING",   # status file a fact came from
        "source_sha256": "STRING",
        "source_row": "STRING",
        "reverted_at": "STRING",
        "reverted_by": "STRING",
        "reverted_why": "STRING",
    },
    "TrackedTask": {
        "id": "STRING",            # task id | agency id: one row per lead
        "task_id": "STRING",
        "label": "STRING",
        "text": "STRING",
        "doc_id": "STRING",
        "doc_label": "STRING",
        "doc_date": "STRING",
        "agency_id": "STRING",
        "agency": "STRING",
        "deadline": "STRING",      # as written
        "due": "STRING",           # ISO day, None when the deadline has none
        "due_kind": "STRING",
        "due_start": "STRING",
        "recurrence": "STRING",
        "reported_by": "STRING",   # a task known only from a report row
        "file": "STRING",
        "sha256": "STRING",
        "span_start": "INT64",
        "span_end": "INT64",
        "quote": "STRING",         # the task as the file writes it
        "lead_quote": "STRING",    # the sentence that names the lead
        "lead_span_start": "INT64",
        "lead_span_end": "INT64",
    },
    "StatusEvent": {
        "id": "STRING",
        "task_id": "STRING",
        "status": "STRING",        # done | not_done | in_progress
        "date": "STRING",
        "source": "STRING",        # document | user
        "said_late": "BOOLEAN",
        "exact": "BOOLEAN",        # the day is when it was done, not only when reported
        "confidence": "DOUBLE",
        "reporter": "STRING",      # document id of a report
        "file": "STRING",
        "sha256": "STRING",
        "span_start": "INT64",
        "span_end": "INT64",
        "quote": "STRING",
        "cue": "STRING",
        "fact_id": "STRING",
        "who": "STRING",
        "at": "STRING",
        "why": "STRING",
    },
    "ViewState": {
        "id": "STRING",            # "tracking"
        "state": "STRING",         # stale | behind | fresh
    },
}

_BATCH = 2000


def ensure(store) -> None:
    """Create the tables (embedded) or constraints (Neo4j) if missing."""
    for label, cols in TABLES.items():
        if store.kind == "embedded":
            _create(store, label)
        else:
            store.query(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE",
                        write=True)
            for col in ("task_id", "doc_id"):      # what a partial rebuild deletes by
                if col in cols:
                    store.query(f"CREATE INDEX {label.lower()}_{col.split('_')[0]} IF NOT EXISTS "
                                f"FOR (n:{label}) ON (n.{col})", write=True)


def _create(store, label: str) -> None:
    body = ", ".join(f"`{c}` {t}" for c, t in TABLES[label].items())
    store.query(f"CREATE NODE TABLE IF NOT EXISTS `{label}`({body}, PRIMARY KEY(`id`))", write=True)


def present(store) -> set[str]:
    """The tracking tables the store holds, from one listing. (On Neo4j a
    label always "exists".)"""
    if store.kind != "embedded":
        return set(TABLES)
    try:
        return {r["name"] for r in store.query("CALL show_tables() RETURN name")} & set(TABLES)
    except QueryError:
        return set()


def exists(store, label: str) -> bool:
    """Does the store hold this table?"""
    return label in present(store)


def read(store, label: str, where: str = "", params: dict | None = None) -> list[dict]:
    """Rows of a tracking table as dicts (empty when the table is missing)."""
    if not exists(store, label):
        return []
    ret = ", ".join(f"n.{c} AS {c}" for c in TABLES[label])
    return store.query(f"MATCH (n:{label}) {where} RETURN {ret} ORDER BY n.id", params or {})


def write(store, label: str, rows: list[dict]) -> None:
    """CREATE rows (every column present, missing ones None)."""
    cols = TABLES[label]
    if store.kind == "embedded" and len(rows) > _BATCH:
        # A view of tens of thousands of rows: one COPY from Parquet takes a
        # fraction of a second, UNWIND … CREATE about ten. But a COPY
        # checkpoints the store (8 s at 100k documents after a one-file
        # ingest), so a few rows are created.
        _copy(store, label, cols, rows)
        return

    def val(c: str, t: str) -> str:
        # LadybugDB types an all-null parameter column as STRING.
        return f"CAST(r.{c} AS {t})" if store.kind == "embedded" and t != "STRING" else f"r.{c}"
    props = ", ".join(f"{c}: {val(c, t)}" for c, t in cols.items())
    for i in range(0, len(rows), _BATCH):
        part = [{c: r.get(c) for c in cols} for r in rows[i:i + _BATCH]]
        store.query(f"UNWIND $rows AS r CREATE (n:{label} {{{props}}})", {"rows": part}, write=True)


def _copy(store, label: str, cols: dict[str, str], rows: list[dict]) -> None:
    from truyvet.graph.stores.spool import write_parquet
    with tempfile.TemporaryDirectory(prefix="truyvet-view-") as tmp:
        _copy_file(store, label, write_parquet(label, rows, tmp, cols))


def _copy_file(store, label: str, path: str) -> None:
    store.query(f"COPY `{label}` FROM '{path}'", write=True)


@contextmanager
def collected(store) -> Iterator[Callable[[str, list[dict]], None]]:
    """``write(label, rows)`` for many batches of rows, as :func:`write` of
    them all at once. On the embedded store the rows wait in a Parquet file
    per table, so a rebuild COPYs each table once, not once per batch: each
    COPY checkpoints the store."""
    if store.kind != "embedded":
        yield partial(write, store)
        return
    from truyvet.graph.stores.spool import ParquetTable
    with tempfile.TemporaryDirectory(prefix="truyvet-view-") as tmp:
        spools: dict[str, ParquetTable] = {}

        def put(label: str, rows: list[dict]) -> None:
            if label not in spools:
                spools[label] = ParquetTable(label, tmp, cols=TABLES[label])
            spools[label].append(rows)
        yield put
        for label, spool in spools.items():
            if not spool.count:                  # never reached the disk: few rows
                write(store, label, spool.rows)
                continue
            spool.close()
            _copy_file(store, label, spool.path)


# Rows a Neo4j transaction deletes: one DELETE of a 100k-document store's
# 2M tracked rows exceeds a 768 MB server's transaction memory (537 MB).
DELETE_BATCH = 10_000


def clear(store, label: str) -> None:
    if store.kind == "embedded":
        # A COPY into a table whose rows were deleted is slower than into a new one.
        store.query(f"DROP TABLE IF EXISTS `{label}`", write=True)
        _create(store, label)
        return
    while store.query(f"MATCH (n:{label}) WITH n LIMIT $k DELETE n RETURN count(*) AS n",
                      {"k": DELETE_BATCH}, write=True)[0]["n"]:
        pass
