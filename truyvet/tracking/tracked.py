"""Every task with its due date, its leads and its status events: the tracking view.

:func:`track` reads a graph (from files or a store) and the user layer and
returns one :class:`Tracked` per task — the extracted tasks after the user's
corrections, and the tasks only a report row knows (see
:mod:`truyvet.tracking.link`) — each carrying its evidence (file, SHA-256,
span, quote) and its events, documents' and users' alike.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from truyvet.graph.identity import Context, agency_id
from truyvet.loaders.due import Due, normalise_deadline
from truyvet.tracking.corrections import apply_corrections
from truyvet.tracking.events import StatusEvent, TaskState, state_as_of
from truyvet.tracking.link import link_statements
from truyvet.tracking.userlayer import UserFact


@dataclass
class Tracked:
    task_id: str
    label: str
    text: str
    doc_id: str
    doc_label: str
    doc_date: str | None
    leads: list[tuple[str, str]]          # (agency id, name)
    deadline: str | None                  # as written
    due: Due | None
    file: str | None
    sha256: str | None
    span: tuple[int | None, int | None]
    quote: str | None                     # the task's own text as in the file (its deadline in it)
    reported_by: str | None = None
    events: list[StatusEvent] = field(default_factory=list)
    lead_quote: str | None = None         # the sentence that names the lead, and its span
    lead_span: tuple[int | None, int | None] = (None, None)

    def state(self, as_of: str) -> TaskState:
        return state_as_of(self.due.due if self.due else None, self.events, as_of)


def _leads(g: nx.MultiDiGraph, task: str) -> tuple[list[tuple[str, str]], dict | None]:
    leads, evidence = [], None
    # The adjacency, not out_edges(): the same edges in the same order, without
    # building a view for each of millions of tasks.
    edges = ((v, d) for v, keyed in g.succ[task].items() for d in keyed.values())
    for v, d in sorted(edges, key=lambda e: (e[1].get("span_start") or 0, e[0])):
        # Two leads merged by the user into one agency lead once.
        if d.get("rel") == "ASSIGNS" and d.get("role") == "lead" and v not in (a for a, _ in leads):
            leads.append((v, g.nodes[v].get("name") or v))
            evidence = evidence or d
    return leads, evidence


def user_events(facts: list[UserFact]) -> list[StatusEvent]:
    return [StatusEvent(f.target, f.value, f.date, "user", 1.0, fact_id=f.id, who=f.who, at=f.at,
                        why=f.why or f.note, file=f.source_file, sha256=f.source_sha256,
                        quote=f.note, cue=f.value, extra={"row": f.source_row})
            for f in facts if f.kind == "status" and f.active]


def track(g: nx.MultiDiGraph, facts: list[UserFact] = ()) -> tuple[list[Tracked], list[dict]]:
    """(tracked tasks, unlinked statements) of ``g`` with ``facts`` applied."""
    g = apply_corrections(g, list(facts))
    linked = link_statements(g)
    by_task: dict[str, list[StatusEvent]] = {}
    for e in linked.events + user_events(list(facts)):
        by_task.setdefault(e.task_id, []).append(e)
    out = []
    for n, d in g.nodes(data=True):
        if d.get("type") != "Task":
            continue
        doc = g.nodes.get(d.get("doc_id"), {})
        deadline = d.get("deadline") or d.get("deadline_date")
        leads, ev = _leads(g, n)
        has = next((e for keyed in g.pred[n].values() for e in keyed.values() if e.get("rel") == "HAS_TASK"), {})
        out.append(Tracked(
            n, d.get("label") or "", d.get("text") or "", d.get("doc_id"), doc.get("label") or d.get("doc_id"),
            doc.get("date"), leads, deadline, normalise_deadline(deadline, doc.get("date")),
            d.get("file"), d.get("sha256"), (d.get("span_start"), d.get("span_end")),
            has.get("quote") or d.get("text"), None, by_task.get(n, []),
            # A corrected lead's evidence is the user's reason, shown with its fact.
            (ev or {}).get("quote"), ((ev or {}).get("span_start"), (ev or {}).get("span_end"))))
    for rid, rep in linked.reported.items():
        doc = g.nodes.get(rep.doc_id, {})
        aid, name, _ = agency_id(rep.lead, Context(rep.doc_id, doc.get("place"), None, "report"))
        out.append(Tracked(
            rid, rep.label, rep.text, rep.doc_id, doc.get("label") or rep.doc_id, doc.get("date"),
            [(aid, name)], rep.deadline, normalise_deadline(rep.deadline, doc.get("date")),
            rep.evidence["file"], rep.evidence["sha256"], (rep.evidence["span_start"], rep.evidence["span_end"]),
            rep.evidence["quote"], rep.reporter, rep.events + by_task.get(rid, [])))
    return sorted(out, key=lambda t: (t.doc_id or "", t.span[0] or 0, t.task_id)), linked.unlinked
