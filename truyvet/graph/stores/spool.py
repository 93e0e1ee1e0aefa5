"""Spool a first load to Parquet files, cut into chunks that are bulk-loaded one at a time.

LadybugDB loads a table by COPY at hundreds of thousands of rows/s, but
holds what one transaction copies in memory (2.8 GB for 100k synthetic
documents loaded in one), so a long stream is cut into chunks of a bounded
number of rows, each loaded by one COPY per table. Holding the fragments
themselves costs ~25 KB a document; the spool keeps in memory only what
later fragments may merge into: the ids of the ingested documents, and for
stubs, agencies and people (the shared nodes) which columns are still
empty, and streams what is written once (documents, tasks, edges) to disk.

The merge rules are the ones :func:`~truyvet.graph.stores.batch.fold` applies
to a batch, fragment by fragment, so loading the chunks in order gives the
same graph as ``ingest_many`` of the same fragments. Across chunks, what a
fragment does to a row an earlier chunk loaded is not a COPY: the missing
properties it fills (``Chunk.fills``), and a document that an earlier chunk
loaded as a stub, which it writes in full (``Chunk.upgrades``, whole
fragments, left to the store's ordinary batch writes).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from truyvet.errors import StoreError
from truyvet.graph.model import Fragment
from truyvet.graph.schema import EDGE_PROPS, KEY_RELS, KEY_TABLES, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.batch import fold

# Rows kept per table before they go to disk as a row group.
_ROW_GROUP = 20_000
_ARROW_TYPES = {"STRING": "string", "INT64": "int64", "BOOLEAN": "bool_", "DOUBLE": "float64"}


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

    def __init__(self, table: str, folder: str, name: str | None = None, cols: dict[str, str] | None = None):
        import pyarrow as pa
        self._pa = pa
        self.path = os.path.join(folder, f"{name or table}.parquet")
        self.schema = pa.schema([(c, getattr(pa, _ARROW_TYPES[t])()) for c, t in (cols or columns(table)).items()])
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
        pa = self._pa
        # The system allocator, not Arrow's default pool (mimalloc), which
        # keeps what it frees: the loader hands freed heap back after each chunk.
        pool = pa.system_memory_pool()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema, memory_pool=pool)
        # The rows as one struct array: Arrow reads the dicts itself, ten
        # times faster than a list of values per column built in Python.
        rows = pa.array(self.rows, type=pa.struct(list(self.schema)), memory_pool=pool)
        self._writer.write_table(pa.Table.from_struct_array(rows))
        self.count += len(self.rows)
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self._writer is not None:
            self._writer.close()


def write_parquet(table: str, rows: list[dict], folder: str, cols: dict[str, str] | None = None) -> str | None:
    """All ``rows`` of ``table`` (of columns ``cols``, when it is no graph
    table) as one Parquet file; its path, None if no rows."""
    out = ParquetTable(table, folder, cols=cols)
    for i in range(0, len(rows), _ROW_GROUP):
        out.append(rows[i:i + _ROW_GROUP])
    out.close()
    return out.path if out.count else None


@dataclass
class Chunk:
    """What one chunk writes, in the order to write it: ``fills`` first (label
    → rows that only fill empty columns of rows already stored: every column
    but the filled ones is None), then ``files`` ({table: Parquet path}, nodes
    before relationships, by COPY), then ``upgrades``."""
    files: dict[str, str] = field(default_factory=dict)
    fills: dict[str, list[dict]] = field(default_factory=dict)
    upgrades: list[Fragment] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)      # files of the chunk's documents, upgrades last
    rows: int = 0                  # documents, tasks and edges (what grows with the corpus)


class Spool:
    """Fragments folded into chunks of Parquet files, one file per table and chunk.

    ``add`` fragments, ``cut`` a chunk when ``rows`` is large enough and load
    it; ``loaded`` tells the spool the chunk is in the store, which later
    chunks then merge into.

    >>> import tempfile
    >>> from truyvet.graph.model import Edge, Fragment, Node
    >>> def doc(i, cites):
    ...     f = Fragment(i, "sha", f"{i}.txt", nodes=[Node(i, "Document", {}), Node(cites, "Document", {"kind": "plan"})])
    ...     f.edges.append(Edge("CITES", i, cites, {}))
    ...     return f
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     spool = Spool(tmp)
    ...     spool.add(doc("a", "b"))
    ...     first = spool.cut(); spool.loaded(first)
    ...     spool.add(doc("b", "c"))        # b was loaded as a stub: an upgrade
    ...     second = spool.cut()
    >>> sorted(first.files), first.rows
    (['CITES', 'Document'], 2)
    >>> sorted(second.files), [f.doc_id for f in second.upgrades], second.sources
    (['Document'], ['b'], ['b.txt'])
    """

    def __init__(self, folder: str):
        self.folder = folder
        self._docs: set[str] = set()                     # ingested by this load, in any chunk
        # label -> id -> columns still empty, of the stubs and shared nodes loaded
        self._stored: dict[str, dict[str, frozenset]] = {}
        self._nulls: dict[frozenset, frozenset] = {}     # one copy of each set of columns
        self._new: list = []                              # the new stubs and shared nodes of the chunk last cut
        self._unwritten: dict[str, frozenset] = {}       # and what its upgrades were as stubs
        self._n = 0
        self._start()

    def _start(self) -> None:
        self._n += 1
        self._disk: dict[str, ParquetTable] = {}
        self._stubs: dict[str, dict] = {}
        self._shared: dict[str, dict[str, dict]] = {}
        self._fills: dict[str, dict[str, dict]] = {}
        self._upgrades: list[Fragment] = []
        self._was_stub: dict[str, frozenset] = {}
        self._sources: list[str] = []
        self.rows = 0

    def _table(self, name: str) -> ParquetTable:
        if name not in self._disk:
            self._disk[name] = ParquetTable(name, self.folder, f"{name}.{self._n}")
        return self._disk[name]

    def _write(self, name: str, rows) -> None:
        rows = list(rows)
        self._table(name).append(rows)
        self.rows += len(rows)

    def add(self, frag: Fragment) -> None:
        """Fold one fragment in; StoreError (and nothing kept) if it is malformed
        or names a node it does not carry."""
        batch = fold([frag])
        _check_self_contained(frag, batch)
        upgrade = False
        for doc_id, row in batch.docs.items():
            if doc_id in self._docs:
                raise StoreError(f"{doc_id}: the same document twice in one load")
            self._docs.add(doc_id)
            self._stubs.pop(doc_id, None)
            was = self._stored.get("Document", {}).pop(doc_id, None)
            upgrade = was is not None
            if upgrade:
                self._was_stub[doc_id] = was
            else:
                self._write("Document", [row])
        for stub_id, row in batch.stubs.items():
            if stub_id not in self._docs:
                self._merge("Document", stub_id, row, self._stubs)
        for label, rows in batch.nodes.items():
            if label == "Task":
                if not upgrade:
                    self._write("Task", rows.values())
                continue
            shared = self._shared.setdefault(label, {})
            for node_id, row in rows.items():
                self._merge(label, node_id, row, shared)
        if upgrade:
            self._upgrades.append(frag)
            self.rows += sum(map(len, batch.edges.values())) + len(batch.nodes.get("Task", ()))
        else:
            for rel, rows in batch.edges.items():
                self._write(rel, rows)
            self._sources.append(frag.file)

    def _merge(self, label: str, node_id: str, row: dict, pending: dict[str, dict]) -> None:
        """A stub or shared node: new to the store, or one whose empty columns this row may fill."""
        empty = self._stored.get(label, {}).get(node_id)
        if empty is None:
            _fill(pending, node_id, row)
            return
        fills = self._fills.setdefault(label, {})
        have = fills.get(node_id)
        for col in empty:
            if row[col] is not None and (have is None or have[col] is None):
                if have is None:
                    have = fills[node_id] = dict.fromkeys(row)
                    have["id"] = node_id
                have[col] = row[col]

    def cut(self) -> Chunk:
        """Close the chunk's files and start a new chunk."""
        self._table("Document").append(self._stubs.values())
        for label, rows in self._shared.items():
            self._table(label).append(rows.values())
        for t in self._disk.values():
            t.close()
        order = [*NODE_TABLES, *REL_TABLES]
        chunk = Chunk({name: self._disk[name].path for name in order
                       if name in self._disk and self._disk[name].count},
                      {label: list(rows.values()) for label, rows in self._fills.items() if rows},
                      self._upgrades, self._sources + [f.file for f in self._upgrades], self.rows)
        self._new = [("Document", self._stubs), *self._shared.items()]
        self._unwritten = self._was_stub
        self._start()
        return chunk

    def loaded(self, chunk: Chunk) -> None:
        """The chunk last cut is in the store: later fragments merge into its
        stubs and shared nodes instead of copying them again."""
        for label, rows in self._new:
            stored = self._stored.setdefault(label, {})
            for node_id, row in rows.items():
                stored[node_id] = self._empty(row)
        for label, rows in chunk.fills.items():
            stored = self._stored[label]
            for row in rows:
                if row["id"] in stored:          # not a stub this chunk went on to ingest
                    left = stored[row["id"]] - {c for c, v in row.items() if v is not None}
                    stored[row["id"]] = self._nulls.setdefault(left, left)
        self._new = []
        for f in chunk.files.values():
            os.remove(f)

    def not_upgraded(self, doc_ids) -> None:
        """These upgrades of the chunk last cut were not written: their
        documents are stubs still, which later fragments may fill."""
        for doc_id in doc_ids:
            self._docs.discard(doc_id)
            self._stored["Document"][doc_id] = self._unwritten[doc_id]

    def _empty(self, row: dict) -> frozenset:
        cols = frozenset(c for c, v in row.items() if v is None and c not in ("id", "stub"))
        return self._nulls.setdefault(cols, cols)


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
