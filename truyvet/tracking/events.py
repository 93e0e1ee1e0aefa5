"""Status events and the status of a task as of a date, the Government Office's way.

A task with a due date is, on a given day, one of four things: completed on
time, completed late, in progress within its deadline, or overdue. Events —
statements in later documents, rows of a user's status file — say what held
on a day; :func:`state_as_of` reads them up to the day asked:

* the last event that is not "done" (not done, in progress) opens the task
  again; the first "done" on or after it closes it, on that day;
* closed on or before the due date is on time, after it late — or late
  whenever the closing statement itself says so ("Đã hoàn thành quá hạn").
  A report that gives no day for the work counts on its own date for the
  order of events, but that date is when it was known, not when it was done:
  it alone never makes a completion late;
* open, it is overdue once the due date has passed (the due day itself is
  still within the deadline), else in progress;
* a task without a due date (ongoing, recurring, bound to an event) is never
  late: it is "done" or "no deadline".

An event without a date cannot be placed in time and does not count. The same
rules are written in Cypher in ``queries/cypher/task_figures.cypher``.

>>> e = [StatusEvent("t", "done", "2022-09-25", "user", 1.0)]
>>> state_as_of("2022-09-20", e, "2023-01-01").state, state_as_of("2022-09-20", [], "2023-01-01").state
('done_late', 'overdue')
>>> state_as_of("2022-09-20", e, "2022-09-01").state
'in_progress'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATES = ("done_on_time", "done_late", "in_progress", "overdue", "done", "no_deadline")
STATE_VI = {
    "done_on_time": "hoàn thành đúng hạn",
    "done_late": "hoàn thành quá hạn",
    "in_progress": "đang thực hiện trong hạn",
    "overdue": "quá hạn",
    "done": "đã hoàn thành (không có hạn)",
    "no_deadline": "không có hạn cụ thể",
}
STATUS_VI = {"done": "đã hoàn thành", "not_done": "chưa hoàn thành", "in_progress": "đang thực hiện"}


@dataclass
class StatusEvent:
    task_id: str
    status: str                    # done | not_done | in_progress
    date: str | None               # ISO day it held
    source: str                    # document | user
    confidence: float
    said_late: bool = False
    exact: bool = True             # False: the day is only the report's, not when it was done
    reporter: str | None = None    # document: the reporting document's id
    file: str | None = None
    sha256: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    quote: str | None = None
    cue: str | None = None
    fact_id: str | None = None     # user: the fact, with who / at / why
    who: str | None = None
    at: str | None = None
    why: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def id(self) -> str:
        return f"{self.task_id}|{self.fact_id or f'{self.reporter}@{self.span_start}'}"

    def row(self) -> dict:
        out = asdict(self)
        out.pop("extra")
        out["id"] = self.id
        return out


@dataclass
class TaskState:
    state: str
    done_on: str | None = None
    by: StatusEvent | None = None      # the event that decided it, if any


def state_as_of(due: str | None, events: list[StatusEvent], as_of: str) -> TaskState:
    """The task's state on ``as_of`` (ISO) from its due date and events."""
    dated = [e for e in events if e.date and e.date <= as_of]
    opened = max((e.date for e in dated if e.status != "done"), default=None)
    closing = sorted((e for e in dated if e.status == "done" and (opened is None or e.date >= opened)),
                     key=lambda e: e.date)
    if closing:
        first = closing[0]
        if due is None:
            return TaskState("done", first.date, first)
        late = any(e.said_late for e in closing) or (
            first.date > due and any(e.exact for e in closing if e.date == first.date))
        return TaskState("done_late" if late else "done_on_time", first.date, first)
    last = max((e for e in dated if e.status != "done"), key=lambda e: e.date, default=None)
    if due is None:
        return TaskState("no_deadline", None, last)
    return TaskState("overdue" if as_of > due else "in_progress", None, last)
