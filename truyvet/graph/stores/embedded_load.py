"""A first load into an empty embedded store: spooled, and copied chunk by chunk.

Each chunk (:class:`~truyvet.graph.stores.spool.Chunk`) is written as

1. one transaction filling the empty columns of stubs and shared nodes an
   earlier chunk loaded (MATCH-SET only);
2. one transaction of COPY statements only, then CHECKPOINT;
3. the documents an earlier chunk loaded as stubs, through the store's
   ordinary batches (each atomic).

A kill inside the commit of a transaction that mixes COPY with other writes
keeps the other writes and loses the copied rows (LadybugDB 0.22, found by
the kill harness), hence three transactions, in this order, none of which
leaves a document half-written when the next one never comes: the fills
only fill what the same fragments fill again on a re-run; a chunk's COPY
holds whole documents; an upgraded document stays a stub until its batch
writes it with its tasks and edges. A re-run finds the documents of the
chunks that were committed stored and writes the rest by batches.
"""
from __future__ import annotations

import ctypes
import os
import tempfile

from truyvet.errors import StoreError
from truyvet.graph.model import Fragment
from truyvet.graph.stores.interface import Writer
from truyvet.graph.stores.spool import Chunk, Spool

# Rows (nodes and edges) per chunk: LadybugDB holds a transaction's copied
# rows in memory, ~350 bytes a row (2.8 GB for the 7.6M rows of 100k
# synthetic documents in one transaction). $TRUYVET_COPY_ROWS overrides it.
COPY_ROWS = 3_000_000


# The buffer pool while loading. LadybugDB's default, 80 % of the memory,
# keeps every page a COPY reads or writes cached, and a COPY into a table
# that has rows reads what it merges into (the CSR of the agencies' edges
# grows with the store): a load would take memory in proportion to the store.
# A pool too small for what a chunk or its checkpoint holds (it grows with
# the store: 1 GB stops at 550k synthetic documents) doubles, up to the
# engine's default. $TRUYVET_LOAD_POOL overrides the first size.
LOAD_POOL = 2 << 30
POOL_FULL = "buffer pool is full"

# Each chunk is loaded on a store opened anew, on one thread. The pool keeps
# what earlier chunks read (the primary keys, the agencies' edges), which
# would sit beside the chunk's COPY, the load's peak; and each of a COPY's
# threads holds buffers of its own. 300k synthetic documents: peak RSS 3,867
# MB as one open store on every core, 3,433 MB opened anew, 3,182 MB on one
# thread too (the load 14 % slower there); 1M: 8,397 → 6,644 MB, 2,107 → 2,073 s.
LOAD_THREADS = 1


def load_pool() -> int:
    return int(os.environ.get("TRUYVET_LOAD_POOL") or LOAD_POOL)


def copy_rows() -> int:
    return int(os.environ.get("TRUYVET_COPY_ROWS") or COPY_ROWS)


# LadybugDB's own pool (asked for with 0): this share of the memory.
_DEFAULT_POOL_SHARE = 0.8


def _memory() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _release_freed_memory() -> None:
    """Hand back to the system what a chunk's COPY freed: glibc keeps freed
    heap in its arenas (about 1 GB a 3M-row chunk, which RSS keeps)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass                      # not glibc: nothing to trim


class ChunkedWriter(Writer):
    """Fragments spooled to Parquet as they come and loaded every ``rows``
    rows. A chunk the engine refuses costs its documents (listed in
    ``failed``); what follows it goes through the ordinary batches."""

    def __init__(self, store, rows: int | None = None):
        super().__init__(store, store.writer_batch)
        self._tmp = tempfile.TemporaryDirectory(prefix="truyvet-spool-")
        self._spool = Spool(self._tmp.name)
        self._rows = rows or copy_rows()
        self._rest: Writer | None = None
        self._pool = store.buffer_pool_size        # given back at the end
        self._load_pool = min(self._pool, load_pool()) if self._pool else load_pool()
        self._reopened = False
        store.defer_keys = True

    def add(self, fragment: Fragment, rewrite: bool = False) -> None:
        if self._rest is not None:
            self._rest.add(fragment, rewrite)
            return
        try:
            self._spool.add(fragment)
        except StoreError as exc:
            self.failed.append(f"{fragment.file}: {exc}")
            self.failed_files.add(fragment.file)
            return
        if self._spool.rows >= self._rows:
            self._load()

    def _load(self) -> None:
        chunk = self._spool.cut()
        store = self.store
        copied = chunk.sources[:len(chunk.sources) - len(chunk.upgrades)]
        try:
            self._reopen(self._load_pool)
            if chunk.fills:
                self._with_room(lambda: store._transaction(lambda: store._fill(chunk.fills)))
            if chunk.files:
                self._with_room(lambda: store._transaction(
                    lambda: [store._copy_file(t, p) for t, p in chunk.files.items()]))
                self._with_room(store.checkpoint)
        except StoreError as exc:
            self._lost(chunk.sources, f"{store.path}: {len(chunk.sources)} documents not written: {exc}")
            self._rest = Writer(store, store.writer_batch)
            return
        finally:
            _release_freed_memory()
        self.statuses["added"] += len(copied)
        self._spool.loaded(chunk)
        if chunk.upgrades:
            self._upgrade(chunk)

    def _with_room(self, step) -> None:
        """Run one step (a transaction that writes all or nothing, or a
        checkpoint) again in a pool twice as large while the pool is too small for it."""
        while True:
            try:
                return step()
            except StoreError as exc:
                pool = self.store.buffer_pool_size
                if POOL_FULL not in str(exc) or not pool:
                    raise
                grown = pool * 2
                self._load_pool = 0 if grown >= _DEFAULT_POOL_SHARE * _memory() else grown
                self._reopen(self._load_pool)

    def _reopen(self, pool: int) -> None:
        self.store.reopen(pool, LOAD_THREADS)
        self._reopened = True
        _release_freed_memory()             # what the closed pool held

    def _upgrade(self, chunk: Chunk) -> None:
        batches = Writer(self.store, self.store.writer_batch)
        for frag in chunk.upgrades:
            batches.add(frag)
        batches.close()
        self._absorb(batches)
        self._spool.not_upgraded(f.doc_id for f in chunk.upgrades if f.file in batches.failed_files)

    def _lost(self, files: list[str], why: str) -> None:
        self.failed.append(why)
        self.failed_files.update(files)

    def _absorb(self, other: Writer) -> None:
        self.statuses.update(other.statuses)
        self.failed.extend(other.failed)
        self.failed_files.update(other.failed_files)

    def close(self) -> None:
        try:
            if self._rest is not None:
                self._rest.close()
                self._absorb(self._rest)
            elif self._spool.rows:
                self._load()
        finally:
            self._done()

    def _done(self) -> None:
        self._tmp.cleanup()
        # The symbol key, all at once: a kill before this leaves a store
        # without one, which readers scan and the next writable open fills.
        self.store.defer_keys = False
        self.store.fill_keys()
        if self._reopened:
            self._reopened = False
            self.store.reopen(self._pool)
        _release_freed_memory()

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
        else:
            self._done()
        return False
