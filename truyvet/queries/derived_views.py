"""What the store derives across documents, rebuilt after an ingest.

Matched meeting records (:mod:`truyvet.graph.stores.derived`) and the task
tracking view (:mod:`truyvet.tracking.views`) both depend on many documents,
so an ingest that wrote anything rebuilds them from one read of the store.
"""
from __future__ import annotations

from typing import Callable

from truyvet.graph.stores.derived import clear_matches, write_matches
from truyvet.tracking.views import counts, has_view, refresh


def refresh_derived(store, changed: bool, step: Callable[[str], None] = lambda _: None) -> tuple[int, int]:
    """Rebuild the derived facts when ``changed`` (or when the view is missing);
    returns (tracked task rows, status events). ``step`` hears each stage's name."""
    if not changed and has_view(store):
        return counts(store)
    step("khớp sự kiện")
    clear_matches(store)
    graph = store.to_networkx()
    write_matches(store, graph)
    step("theo dõi nhiệm vụ")
    return refresh(store, graph)
