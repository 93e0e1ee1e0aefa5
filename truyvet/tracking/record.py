"""Recording what users say: status files and corrections, then the rows of
the view they can change rebuilt (:func:`truyvet.queries.view_scope.fact_docs`).

Importing a status file again is safe: rows already recorded from the same
file content are skipped, and a new version of a file already imported
replaces the facts of the old version (they are reverted, with the reason,
not deleted).
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field

from truyvet.queries.derived_views import refresh_derived
from truyvet.queries.view_scope import fact_docs
from truyvet.tracking import resolve, statusfile, userlayer, views
from truyvet.tracking.userlayer import UserFact


@dataclass
class Imported:
    added: list[UserFact] = field(default_factory=list)
    unchanged: int = 0
    superseded: list[UserFact] = field(default_factory=list)


def import_status_file(store, path: str, who: str, graph=None, sheet=None) -> Imported:
    """Read ``path`` (or take ``sheet``, what :func:`statusfile.read_rows` read
    of it) against the store's documents, tasks and agencies (or ``graph``),
    record its rows, rebuild the rows of the view they change."""
    g = graph if graph is not None else store.to_networkx(labels=resolve.NAMED, rels=())
    facts = statusfile.facts_from_file(g, path, who, sheet)
    sha = facts[0].source_sha256 if facts else None
    source = os.path.abspath(path)
    layer = userlayer.load(store)
    recorded = [f for f in layer if f.source_file == source and f.active]
    same = {f.source_row for f in recorded if f.source_sha256 == sha}
    out = Imported(unchanged=sum(1 for f in facts if f.source_row in same))
    known = {f.id for f in layer}            # a fact already recorded (same id) is not recorded again
    todo = [f for f in facts if f.source_row not in same and f.id not in known]
    olds = [f for f in recorded if f.source_sha256 != sha]
    with _changing(store, todo + olds):
        for old in olds:
            out.superseded.append(userlayer.stamp_reverted(store, old, f"replaced by a new version of {path}", who))
        userlayer.write(store, todo)
    out.added = todo
    return out


def record(store, facts: list[UserFact]) -> list[UserFact]:
    new = userlayer.unrecorded(store, facts)
    with _changing(store, new):
        userlayer.write(store, new)
    return new


def revert(store, fact_id: str, why: str, who: str | None = None) -> UserFact:
    fact = userlayer.active_fact(store, fact_id)
    with _changing(store, [fact]):
        return userlayer.stamp_reverted(store, fact, why, who)


@contextmanager
def _changing(store, facts: list[UserFact]):
    """Write ``facts`` to the user layer inside, then rebuild only the rows
    they can change: a whole rebuild reads the whole store (minutes at 100k
    documents) for one task's status. Those rows are known before the write
    (the facts name tasks and agencies the view holds); the view is marked
    stale until they are rebuilt (:func:`views.mark_stale`)."""
    docs = fact_docs(store, facts)
    if docs:
        views.mark_stale(store)
    yield
    refresh_derived(store, docs)
