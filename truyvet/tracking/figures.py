"""Task lists and per-agency figures as of a day, in the Government Office's manner.

A task with several leads counts once for each of them (each body answers for
it). Per agency: tasks assigned, with a due date, completed on time, completed
late, in progress within the deadline, overdue, without a deadline, and the
share completed on time of those that are completed or past due:

    on_time_pct = done_on_time / (done_on_time + done_late + overdue)

(a task still within its deadline is not yet counted either way). The same
figures come from the named query ``task_figures`` on a store.
"""
from __future__ import annotations

from dataclasses import dataclass

from truyvet.loaders.keys import fold
from truyvet.tracking.events import STATE_VI, TaskState
from truyvet.tracking.tracked import Tracked

NO_LEAD = ("", "(chưa rõ cơ quan chủ trì)")


@dataclass
class Row:
    """One task under one lead, with its state on the day asked."""
    task: Tracked
    agency_id: str
    agency: str
    state: TaskState

    def to_json(self) -> dict:
        t, s = self.task, self.state
        due = t.due.to_json() if t.due else None
        ev = s.by
        return {
            "task_id": t.task_id, "label": t.label, "text": t.text, "document": t.doc_id,
            "document_label": t.doc_label, "document_date": t.doc_date, "agency_id": self.agency_id or None,
            "agency": self.agency, "deadline": t.deadline, "due": due["due"] if due else None,
            "due_kind": due["kind"] if due else None, "state": s.state, "state_vi": STATE_VI[s.state],
            "done_on": s.done_on, "reported_by": t.reported_by,
            "evidence": {"file": t.file, "sha256": t.sha256, "span": list(t.span), "quote": t.quote,
                         "lead_quote": t.lead_quote, "lead_span": list(t.lead_span)},
            "status_evidence": ev.row() if ev else None,
            "events": [e.row() for e in t.events],
        }


def rows(tracked: list[Tracked], as_of: str) -> list[Row]:
    out = []
    for t in tracked:
        state = t.state(as_of)
        for aid, name in t.leads or [NO_LEAD]:
            out.append(Row(t, aid, name, state))
    return out


def select(items: list[Row], *, agency: str | None = None, doc: str | None = None,
           states: tuple[str, ...] = (), due_before: str | None = None) -> list[Row]:
    """Filter rows: ``agency`` and ``doc`` match folded words of the name or
    label (or the exact id); ``states`` any of; ``due_before`` a due day earlier."""
    def hit(query: str | None, ident: str, name: str) -> bool:
        return query is None or query == ident or fold(query) in fold(name or "")
    return [r for r in items
            if hit(agency, r.agency_id, r.agency) and hit(doc, r.task.doc_id, r.task.doc_label)
            and (not states or r.state.state in states)
            and (due_before is None or (r.task.due and r.task.due.due and r.task.due.due < due_before))]


FIGURES = ("assigned", "with_due", "done_on_time", "done_late", "in_progress", "overdue", "no_deadline")


def figures(items: list[Row]) -> list[dict]:
    """Per agency, most overdue first."""
    by: dict[tuple[str, str], dict] = {}
    for r in items:
        f = by.setdefault((r.agency_id, r.agency), {k: 0 for k in FIGURES})
        s = r.state.state
        f["assigned"] += 1
        f["with_due"] += s not in ("done", "no_deadline")
        f[{"done": "no_deadline"}.get(s, s)] += 1
    out = []
    for (aid, name), f in by.items():
        settled = f["done_on_time"] + f["done_late"] + f["overdue"]
        out.append({"agency_id": aid or None, "agency": name, **f,
                    "on_time_pct": round(100 * f["done_on_time"] / settled, 1) if settled else None})
    return sorted(out, key=lambda f: (-f["overdue"], -f["assigned"], f["agency"]))
