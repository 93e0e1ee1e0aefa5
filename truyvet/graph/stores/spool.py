"""Spool a first load to Parquet files, to be bulk-loaded with one COPY per table.

LadybugDB loads an empty table by COPY at hundreds of thousands of rows/s,
but each COPY into a table that already has rows costs seconds, so a large
first load must not be cut into batches. Holding every fragment in memory
until the end costs ~25 KB a document, a gigabyte at 40k documents. The
spool keeps in memory only what later fragments may merge into (stubs,
agencies, people: the shared nodes) and streams what is written once
(ingested documents, tasks, edges) to disk as it arrives.

The merge rules are the ones :func:`~truyvet.graph.stores.batch.fold` applies to a
batch, fragment by fragment: loading the spool gives the same graph as
``ingest_many`` of the same fragments.
"""
from __future__ import annotations

import os

from truyvet.errors import StoreError
from truyvet.graph.model import Fragment
from truyvet.graph.schema import EDGE_PROPS, KEY_RELS, KEY_TABLES, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.batch import fold
from truyvet.graph.stores.keys import key_rows

# Rows kept per table before they go to disk as a row group.
_ROW_GROUP = 20_000
_ARROW_TYPES = {"STRING": "string", "INT64": "int64", "BOOLEAN": "bool_"}


def columns(table: str) -> dict[str, str]:
    """Ordered {column: type} of a node table, or of a relationship's COPY file."""
    if table in NODE_TABLES:
        return NODE_TABLES[table]
    if table in KEY_TABLES:
        return KEY_TABLES[table]
    if table in KEY_RELS:
        return {"src": "STRING", "dst": "STRING"}
    return {"src": "STRING", "dst": "STRING", **EDGE_PROPS}


class ParquetTable:
    """Rows of one table appended to one Parquet file."""

    def __init__(self, table: str, folder: str):
        import pyarrow as pa
        self._pa = pa
        self.path = os.path.join(folder, f"{table}.parquet")
        self.schema = pa.schema([(c, getattr(pa, _ARROW_TYPES[t])()) for c, t in columns(table).items()])
        self.rows: list[dict] = []
        self.count = 0
        self._writer = None

    def append(self, rows) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= _ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        import pyarrow.parquet as pq
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema)
        self._writer.write_table(self._pa.Table.from_pylist(self.rows, schema=self.schema))
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self._writer is not None:
            self._writer.close()


def write_parquet(table: str, rows: list[dict], folder: str) -> str | None:
    """All ``rows`` of ``table`` as one Parquet file; its path, None if no rows."""
    out = ParquetTable(table, folder)
    out.append(rows)
    out.close()
    return out.path if out.count else None


class Spool:
    """Fragments folded into Parquet files, one per table.

    >>> import tempfile
    >>> from truyvet.graph.model import Fragment, Node
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     spool = Spool(tmp)
    ...     spool.add(Fragment("doc:a", "sha", "a.txt", nodes=[Node("doc:a", "Document", {"kind": "plan"})]))
    ...     sorted(spool.finish())
    ['Document']
    """

    def __init__(self, folder: str):
        self.folder = folder
        self._disk: dict[str, ParquetTable] = {}
        self._docs: set[str] = set()
        self._symbols: dict[str, None] = {}       # keys of the ingested documents, in order
        self._stubs: dict[str, dict] = {}
        self._shared: dict[str, dict[str, dict]] = {}

    def _table(self, name: str) -> ParquetTable:
        if name not in self._disk:
            self._disk[name] = ParquetTable(name, self.folder)
        return self._disk[name]

    def add(self, frag: Fragment) -> None:
        """Fold one fragment in; StoreError (and nothing kept) if it is malformed
        or names a node it does not carry."""
        batch = fold([frag])
        _check_self_contained(frag, batch)
        for doc_id, row in batch.docs.items():
            if doc_id in self._docs:
                raise StoreError(f"{doc_id}: the same document twice in one load")
            self._docs.add(doc_id)
            self._stubs.pop(doc_id, None)
            self._table("Document").append([row])
            symbols, edges = key_rows([(doc_id, row["symbol"])])
            self._symbols.update(dict.fromkeys(s["id"] for s in symbols))
            self._table("HAS_SYMBOL").append(edges)
        for stub_id, row in batch.stubs.items():
            if stub_id not in self._docs:
                _fill(self._stubs, stub_id, row)
        for label, rows in batch.nodes.items():
            if label == "Task":
                self._table("Task").append(rows.values())
            else:
                shared = self._shared.setdefault(label, {})
                for node_id, row in rows.items():
                    _fill(shared, node_id, row)
        for rel, rows in batch.edges.items():
            self._table(rel).append(rows)

    def finish(self) -> dict[str, str]:
        """Close the files; {table: Parquet path} in the order to load them
        (nodes before relationships), tables with no rows left out."""
        self._table("Document").append(self._stubs.values())
        symbols, edges = key_rows((i, r["symbol"]) for i, r in self._stubs.items())
        self._symbols.update(dict.fromkeys(s["id"] for s in symbols))
        self._table("Symbol").append({"id": k} for k in self._symbols)
        self._table("HAS_SYMBOL").append(edges)
        for label, rows in self._shared.items():
            self._table(label).append(rows.values())
        for t in self._disk.values():
            t.close()
        order = [*NODE_TABLES, *KEY_TABLES, *REL_TABLES, *KEY_RELS]
        return {name: self._disk[name].path for name in order
                if name in self._disk and self._disk[name].count}


def _fill(table: dict[str, dict], node_id: str, row: dict) -> None:
    """Shared-node merge: a later fragment only fills missing properties."""
    old = table.get(node_id)
    table[node_id] = row if old is None else {k: (old[k] if old[k] is not None else row[k]) for k in row}


def _check_self_contained(frag: Fragment, batch) -> None:
    # A COPY fails as a whole on one dangling edge, so it is caught here, per file.
    ids = {label: set(batch.nodes.get(label, ())) for label in NODE_TABLES}
    ids["Document"] = set(batch.docs) | set(batch.stubs)
    for rel, rows in batch.edges.items():
        a, b = REL_TABLES[rel]
        for r in rows:
            if r["src"] not in ids[a] or r["dst"] not in ids[b]:
                missing = f"{a} {r['src']!r}" if r["src"] not in ids[a] else f"{b} {r['dst']!r}"
                raise StoreError(f"{frag.doc_id}: {rel} edge {r['src']} -> {r['dst']}: "
                                 f"no {missing} in the fragment")
