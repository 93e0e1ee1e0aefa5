"""What the store derives across documents, rebuilt after an ingest.

Matched meeting records (:mod:`truyvet.graph.stores.derived`) and the task
tracking view (:mod:`truyvet.tracking.views`) both depend on many documents.
After an ingest that wrote anything, the meetings are matched again from
the part of the store they depend on, and the tracking rows of the
documents the ingest may have changed are rebuilt
(:mod:`truyvet.queries.view_scope`); the whole view is rebuilt when there is
none yet, or when those documents are a large share of the store.
"""
from __future__ import annotations

from typing import Callable, Iterable

from truyvet.graph.stores.derived import clear_matches, write_matches
from truyvet.queries.view_scope import affected, event_graph, tracking_graph
from truyvet.tracking import userlayer
from truyvet.tracking.views import counts, mark_fresh, refresh, refresh_docs, view_state

# Beyond this share of the store's documents the whole view, rebuilt a batch
# of documents at a time from ranges of ids (:mod:`.view_batches`), is cheaper.
WHOLE_AT = 0.25


def refresh_derived(store, touched: Iterable[str], step: Callable[[str], None] = lambda _: None) -> tuple[int, int]:
    """Bring the derived facts in line after an ingest that wrote, removed or
    merged the documents ``touched`` (none: only a missing view is built);
    returns (tracked task rows, status events). ``step`` hears each stage's name."""
    touched = set(touched)
    state = view_state(store)
    if not touched and state == "fresh":
        return counts(store)
    step("khớp sự kiện")
    refresh_matches(store)
    step("theo dõi nhiệm vụ")
    out = None
    # "stale" with nothing touched: the write that marked it was not this run's.
    if state == "fresh" or (state == "stale" and touched):
        facts = userlayer.load(store)
        docs = affected(store, touched, facts)
        total = store.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
        if len(docs) <= WHOLE_AT * total:
            out = refresh_docs(store, tracking_graph(store, docs, facts), docs, facts)
    if out is None:
        out = refresh(store)
    mark_fresh(store)
    return out


def refresh_matches(store) -> int:
    """Match reported meetings to their records in ``store`` again; returns the links written."""
    clear_matches(store)
    return write_matches(store, event_graph(store))
