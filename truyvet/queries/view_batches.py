"""The whole tracking view rebuilt a batch of documents at a time.

Reading everything tracking uses in one go (``store.to_networkx(**READS)``)
held 10–16 GB in the Python process at 100k documents (2M tasks) and could
not fit at 1M. A tracked task's rows depend only on its document, its tasks
with their leads, the statements that report on that document and the
user's corrections (see :mod:`truyvet.queries.view_scope`), so the view is
the union of the rows of disjoint batches of documents, each computed by
:func:`~truyvet.tracking.tracked.track` from the batch's part of the store
and set down (on the embedded store, in a Parquet file per table that is
copied once at the end) before the next is read:

* the store's document ids, sorted, are cut into batches of
  :data:`BATCH_DOCS`; documents a user merged go together, into the batch
  of the first of them, since the merge moves one's tasks and reports onto
  the other;
* a batch is read a page of :data:`PAGE_DOCS` documents at a time, one
  query per relation type traversing from a range of document ids
  (:func:`read_docs`): LadybugDB answers ``UNWIND $ids`` by scanning the
  table (2–3 s at 100k documents) whatever the number of ids, while a range
  costs little more than its rows. Every agency is read once, for all
  batches, and :func:`~truyvet.queries.view_scope.with_facts` adds what the
  corrections read beyond the batch;
* the batch keeps the rows of its own documents: its tasks, and the tasks
  only a report knows (their id is their document's). A statement reporting
  on a document is read with that document, wherever the report is. The
  other documents it holds (reports, merged or corrected ones) give rows
  their own batch writes.

Every row and event id starts with its task's id, and each task is one
batch's, so no batch writes what another wrote. The graph of a batch holds
nodes and edges as ``to_networkx`` gives them, and the edges between two
nodes in its order (which of two statements at the same place comes first),
so the rows equal a rebuild from the whole store's graph.

At 100k synthetic documents (2M tasks, ``bench/store_bench.py --view``) the
rebuild took 162 s and 3.1 GB of the process on the embedded store, where
the one read took 249 s and 16 GB; on Neo4j 436 s and 2.5 GB, against
856 s and 9.8 GB.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

import networkx as nx

from truyvet.queries.store_graph import add_edges, add_nodes, columns, label_rows, returned
from truyvet.queries.view_scope import merge_groups, with_facts
from truyvet.tracking import tables, userlayer
from truyvet.tracking.tracked import track
from truyvet.tracking.views import write_rows

# Documents whose rows one batch computes: what the rebuild holds in memory
# at a time is the graph of these and their ~20 tasks each.
BATCH_DOCS = 20_000
# Documents per query: a query's rows are held as a list (its ~30 edges a
# document with both ends' properties) before they become a graph.
PAGE_DOCS = 2_000
# to_networkx's order of the edges between two nodes.
_ORDER = "r.source_id, r.span_start, r.span_end, r.role, r.quote"


@dataclass
class Batch:
    """Documents ``ids`` (sorted; read as ranges of ids), the documents
    ``extra`` merged with some of them (read one by one), and ``own``: the
    documents whose rows this batch writes."""
    ids: list[str]
    extra: list[str] = field(default_factory=list)
    own: set[str] = field(default_factory=set)


def batches(store, facts: list[userlayer.UserFact], size: int | None = None) -> list[Batch]:
    """The store's documents in batches of ``size`` (:data:`BATCH_DOCS`),
    each group of merged documents owned whole by the batch of its first."""
    size = size or BATCH_DOCS
    ids = sorted(r["id"] for r in store.query("MATCH (d:Document) RETURN d.id AS id"))
    out = [Batch(ids[k:k + size]) for k in range(0, len(ids), size)]
    at = {d: k // size for k, d in enumerate(ids)}
    moved: dict[int, set[str]] = {}
    for group in {frozenset(g) for g in merge_groups(facts).values()}:
        docs = sorted(d for d in group if d in at)
        for d in docs[1:]:
            if at[d] != at[docs[0]]:
                out[at[docs[0]]].extra.append(d)
                moved.setdefault(at[d], set()).add(d)
    for k, b in enumerate(out):
        b.own = (set(b.ids) - moved.get(k, set())) | set(b.extra)
    return out


def read_docs(g: nx.MultiDiGraph, store, match: str, params: dict) -> set[str]:
    """Add to ``g`` the documents ``d`` of ``match`` with their tasks, the
    tasks' leads and the statements reporting on them, with their reporters;
    returns the documents' ids. The agencies must be held: the leads are
    read without their properties, which would repeat on millions of rows."""
    docs = store.query(f"{match} RETURN {columns('Document', 'd')}", params)
    add_nodes(g, "Document", docs)
    # (relation, its edges r from or to node n, other end o, into n?)
    for rel, pattern, n, incoming in (
            ("HAS_TASK", "MATCH (d)-[r:HAS_TASK]->(o:Task)", "d", False),
            ("ASSIGNS", "MATCH (d)-[:HAS_TASK]->(t:Task)-[r:ASSIGNS]->(o:Agency)", "t", False),
            ("REPORTS", "MATCH (o:Document)-[r:REPORTS]->(d)", "d", True)):
        ends = "o_id, n_id" if incoming else "n_id, o_id"
        rows = store.query(f"{match} {pattern} RETURN {n}.id AS n_id, {returned(rel, incoming, rel != 'ASSIGNS')} "
                           f"ORDER BY {ends}, {_ORDER}", params)
        add_edges(g, rel, incoming, rows, lambda row: row["n_id"])
    return {r["id"] for r in docs}


def batch_graph(store, batch: Batch, facts: list[userlayer.UserFact], agencies: list[dict] | None = None,
                page: int | None = None) -> nx.MultiDiGraph:
    """The part of ``store`` the rows of ``batch`` are computed from, with
    every agency (``agencies``: their rows, when the caller has read them)."""
    page = page or PAGE_DOCS
    g = nx.MultiDiGraph()
    agencies = label_rows(store, "Agency") if agencies is None else agencies
    add_nodes(g, "Agency", agencies)
    read = set()
    for k in range(0, len(batch.ids), page):
        part = batch.ids[k:k + page]
        read |= read_docs(g, store, "MATCH (d:Document) WHERE d.id >= $lo AND d.id <= $hi",
                          {"lo": part[0], "hi": part[-1]})
    # A document the engine's order of strings put outside its range (Neo4j
    # compares UTF-16 units, Python code points) is read by its id.
    for d in [*batch.extra, *(d for d in batch.ids if d not in read)]:
        read_docs(g, store, "MATCH (d:Document {id: $id})", {"id": d})
    with_facts(g, store, facts, agencies)
    return g


def rebuild(store, size: int | None = None) -> tuple[int, int]:
    """Clear the view and write it again, a batch of ``size`` documents
    (:data:`BATCH_DOCS`) at a time; returns (tracked rows, events). The
    embedded store gets all rows at the end, a COPY per table (each COPY
    checkpoints the store); Neo4j each batch's as it is made.
    """
    tables.ensure(store)
    facts = userlayer.load(store)
    todo = batches(store, facts, size)
    for label in ("TrackedTask", "StatusEvent"):
        tables.clear(store, label)
    agencies = label_rows(store, "Agency")
    rows = events = 0
    with _collected_per_batch(), tables.collected(store) as put:
        for batch in todo:
            tracked, _ = track(batch_graph(store, batch, facts, agencies), facts)
            # The batch's graph goes before its rows are made, not with them.
            gc.collect()
            n, e = write_rows(store, [t for t in tracked if t.doc_id in batch.own], put)
            rows, events = rows + n, events + e
            del tracked
    return rows, events


@contextmanager
def _collected_per_batch():
    """Python's cycle collector off but once a batch, when it has been
    tracked. Left on, it walks every live object each time enough new ones
    are made, over and over while a batch's million nodes and edges are:
    reading a batch took 40 % longer. A graph is freed only by a collection
    (its cached views refer back to it)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
