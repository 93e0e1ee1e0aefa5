"""The tracking view in a store: written after every change, read back for answers.

:func:`refresh` recomputes the tracked tasks and their events from the
store's graph (a batch of documents at a time) and user layer and rewrites
the ``TrackedTask`` and ``StatusEvent`` tables, so Cypher (the named queries ``task_figures`` and
``overdue_tasks``) sees the same tasks and events as ``truyvet tasks``.
``truyvet ingest``, ``status import`` and every ``correct`` command call it;
a Python caller that ingests through the API calls it after.

:func:`load` reads the view back as :class:`~truyvet.tracking.tracked.Tracked`
records (no graph needed), or computes them from the graph when the store
has no view yet.
"""
from __future__ import annotations

from functools import partial

from truyvet.graph.stores.cypher import by_ids, delete_by_ids
from truyvet.loaders.due import CONFIDENCE, Due
from truyvet.tracking import tables, userlayer
from truyvet.tracking.events import StatusEvent
from truyvet.tracking.tracked import Tracked, track


def _task_rows(t: Tracked) -> list[dict]:
    due = t.due
    base = {"task_id": t.task_id, "label": t.label, "text": t.text, "doc_id": t.doc_id,
            "doc_label": t.doc_label, "doc_date": t.doc_date, "deadline": t.deadline,
            "due": due.due if due else None, "due_kind": due.kind if due else None,
            "due_start": due.start if due else None, "recurrence": due.recurrence if due else None,
            "reported_by": t.reported_by, "file": t.file, "sha256": t.sha256,
            "span_start": t.span[0], "span_end": t.span[1], "quote": t.quote, "lead_quote": t.lead_quote,
            "lead_span_start": t.lead_span[0], "lead_span_end": t.lead_span[1]}
    return [{**base, "id": f"{t.task_id}|{aid}", "agency_id": aid or None, "agency": name}
            for aid, name in t.leads or [("", None)]]


# What tracking reads of a store (as :func:`truyvet.queries.view_scope.tracking_graph`
# does for some documents): the whole graph of the corpus costs 392 MB, this part 255 MB.
READS = {"labels": ("Document", "Task", "Agency"), "rels": ("HAS_TASK", "ASSIGNS", "REPORTS")}


def refresh(store, graph=None) -> tuple[int, int]:
    """Rewrite the view from the store, a batch of documents at a time
    (:func:`truyvet.queries.view_batches.rebuild`), or from ``graph``, the
    store as just read; returns (tracked rows, events)."""
    if graph is None:
        # Reading stores is the queries package's; it imports this module.
        from truyvet.queries.view_batches import rebuild
        return rebuild(store)
    tables.ensure(store)
    tracked, _ = track(graph, userlayer.load(store))
    for label in ("TrackedTask", "StatusEvent"):
        tables.clear(store, label)
    return write_rows(store, tracked)


def refresh_docs(store, graph, docs: set[str], facts=None) -> tuple[int, int]:
    """Rewrite the rows of the tasks of ``docs`` only, from ``graph``: a part
    of the store holding those documents, their tasks with their leads and
    every statement reporting on them
    (:func:`truyvet.queries.view_scope.tracking_graph`). ``facts`` is the
    user layer when the caller has read it. Returns the view's
    (tracked rows, events)."""
    tracked, _ = track(graph, userlayer.load(store) if facts is None else facts)
    ids = sorted(docs)
    old = [r["t"] for r in by_ids(store, "MATCH (n:TrackedTask) WHERE n.doc_id = i", "n.task_id AS t", ids)]
    delete_by_ids(store, "MATCH (n:StatusEvent) WHERE n.task_id = i", "n", old)
    delete_by_ids(store, "MATCH (n:TrackedTask) WHERE n.doc_id = i", "n", ids)
    write_rows(store, [t for t in tracked if t.doc_id in docs])
    return counts(store)


def write_rows(store, tracked: list[Tracked], put=None) -> tuple[int, int]:
    """Add the rows and events of ``tracked`` to the view, through ``put``
    (:func:`truyvet.tracking.tables.collected`) when given; returns how many."""
    put = put or partial(tables.write, store)
    task_rows = [r for t in tracked for r in _task_rows(t)]
    events = {e.id: e.row() for t in tracked for e in t.events}
    put("TrackedTask", task_rows)
    put("StatusEvent", list(events.values()))
    return len(task_rows), len(events)


def counts(store) -> tuple[int, int]:
    """(tracked rows, events) of the stored view."""
    return tuple(store.query(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]
                 for label in ("TrackedTask", "StatusEvent"))


# A write to the graph or the user layer marks the view "stale" before it
# begins, and the refresh after it marks the view "fresh" when done: a run
# killed in between (or an API caller that never refreshes) leaves the mark,
# so readers compute from the graph instead, and the next refresh rebuilds
# the view whole. A write that finds the view stale already marks it
# "behind": what the earlier write changed is known to no one any more.
def view_state(store) -> str:
    """ "none" (no rows), "fresh", "stale" (a write began after the last
    refresh) or "behind" (two writes did)."""
    held = tables.present(store)
    if not ("TrackedTask" in held and store.query("MATCH (n:TrackedTask) RETURN n.id AS id LIMIT 1")):
        return "none"
    if "ViewState" not in held:
        return "fresh"                 # written before the mark existed, by a refresh that ended
    rows = store.query("MATCH (s:ViewState) WHERE s.id = 'tracking' RETURN s.state AS state")
    return rows[0]["state"] if rows else "fresh"


def mark_stale(store) -> None:
    """Call before writing to the graph or the user layer (once per run)."""
    state = view_state(store)
    if state != "none":                # no view: nothing to keep in step
        _mark(store, "stale" if state == "fresh" else "behind")


def mark_fresh(store) -> None:
    _mark(store, "fresh")


def _mark(store, state: str) -> None:
    tables.ensure(store)
    store.query("MERGE (s:ViewState {id: 'tracking'}) SET s.state = $state", {"state": state}, write=True)


def load(store, state: str | None = None) -> list[Tracked]:
    """The tracked tasks of a store, from its view (or its graph, without a
    fresh one); ``state``: its :func:`view_state`, when the caller has it."""
    if (state or view_state(store)) != "fresh":
        return track(store.to_networkx(**READS), userlayer.load(store))[0]
    events: dict[str, list[StatusEvent]] = {}
    for r in tables.read(store, "StatusEvent"):
        r.pop("id")
        events.setdefault(r["task_id"], []).append(StatusEvent(**r))
    out: dict[str, Tracked] = {}
    for r in tables.read(store, "TrackedTask"):
        t = out.get(r["task_id"])
        if t is None:
            due = Due(r["deadline"] or "", r["due_kind"], r["due"], r["due_start"], r["recurrence"],
                      confidence=CONFIDENCE.get(r["due_kind"], 0.0)) if r["due_kind"] else None
            t = out[r["task_id"]] = Tracked(
                r["task_id"], r["label"], r["text"], r["doc_id"], r["doc_label"], r["doc_date"], [],
                r["deadline"], due, r["file"], r["sha256"], (r["span_start"], r["span_end"]), r["quote"],
                r["reported_by"], events.get(r["task_id"], []), r["lead_quote"],
                (r["lead_span_start"], r["lead_span_end"]))
        if r["agency"] is not None:
            t.leads.append((r["agency_id"] or "", r["agency"]))
    return sorted(out.values(), key=lambda t: (t.doc_id or "", t.span[0] or 0, t.task_id))
