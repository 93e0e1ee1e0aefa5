"""Status statements in the graph (REPORTS edges) → events on tasks.

A statement names a task by its words, not its label: "Khẩn trương hoàn
thiện dự thảo Luật Trí tuệ nhân tạo, trình Chính phủ". It is matched against
the tasks of the document it reports on (:func:`match_score`: the share of
the statement's content words the task's text holds, a bonus when the lead
agrees), never against tasks issued after the report. The best task wins
when it is clearly best; otherwise:

* a table row that names the task, its lead and its deadline, about a
  document the graph holds no tasks of, is itself the record of that task
  (a *reported task*: the Government Office's tracking tables list tasks of
  conclusions nobody ingested);
* anything else stays unlinked, listed for review.

The event's day is the one the result states ("tại Tờ trình số … ngày
07/11/2025") for a completion, else the report's own date.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import networkx as nx

from truyvet.loaders.keys import fold
from truyvet.loaders.status import Parts, read_statement
from truyvet.tracking.events import StatusEvent

# Words that say nothing about which task is meant.
_STOP = set(fold(
    "và của các cho được trong với theo thực hiện triển khai những để đã về tại đến năm có là từ này một số "
    "việc công tác tổ chức đơn vị nhiệm vụ trên địa bàn bảo đảm đảm khẩn trương chủ trì phối hợp cơ quan liên "
    "quan báo cáo kết quả ngày tháng quý hoặc trước sau khi đối nhằm nhất là").split())
LINK_AT = 0.6          # share of the statement's words a task must hold
MARGIN = 0.1           # ahead of the second best


def content_words(text: str) -> set[str]:
    # Numbers stay: the day of a deadline ("07/10/2022") tells two like tasks apart.
    return {w for w in re.findall(r"\w+", fold(text)) if len(w) > 1 and w not in _STOP}


def match_score(words: set[str], task_text: str, lead: str | None = None, task_leads: list[str] = ()) -> float:
    """How well a statement's words name a task: 0 … 1 (1.15 with an agreeing lead)."""
    if not words:
        return 0.0
    score = len(words & content_words(task_text)) / len(words)
    if lead and any(fold(lead) in fold(t) or fold(t) in fold(lead) for t in task_leads):
        score += 0.15
    return score


@dataclass
class ReportedTask:
    """A task known only from a report row: its document was not ingested."""
    id: str
    doc_id: str
    label: str
    text: str
    lead: str | None
    deadline: str | None
    reporter: str
    evidence: dict                 # file, sha256, span_start, span_end, quote of the first row
    events: list[StatusEvent] = field(default_factory=list)


@dataclass
class Linked:
    events: list[StatusEvent] = field(default_factory=list)
    reported: dict[str, ReportedTask] = field(default_factory=dict)
    unlinked: list[dict] = field(default_factory=list)   # statements no task took


def tasks_of(g: nx.MultiDiGraph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n, d in g.nodes(data=True):
        if d.get("type") == "Task":
            out.setdefault(d.get("doc_id"), []).append(n)
    return out


def leads_of(g: nx.MultiDiGraph, task: str) -> list[str]:
    return [g.nodes[v].get("name") or v for _, v, d in g.out_edges(task, data=True)
            if d.get("rel") == "ASSIGNS" and d.get("role") == "lead"]


def link_statements(g: nx.MultiDiGraph) -> Linked:
    """Every REPORTS edge of ``g`` as an event on a task, a reported task, or unlinked."""
    out = Linked()
    by_doc = tasks_of(g)
    # Statements only, then sorted: a stable sort of the few gives them in
    # the order a sort of every edge would (millions where tasks are many).
    reports = (e for e in g.edges(data=True) if e[2].get("rel") == "REPORTS" and e[2].get("quote"))
    for u, v, d in sorted(reports, key=lambda e: (e[0], e[2].get("span_start") or 0)):
        parts = read_statement(d["quote"])
        report_date = g.nodes[u].get("date")
        stated = parts.stated if d.get("role") == "done" and parts.stated and (
            not report_date or parts.stated <= report_date) else None
        base = dict(status=d.get("role") or "done", date=stated or report_date, source="document",
                    said_late=parts.late, exact=stated is not None,
                    reporter=u, file=d.get("file"), sha256=d.get("sha256"), span_start=d.get("span_start"),
                    span_end=d.get("span_end"), quote=d.get("quote"), cue=d.get("cue"))
        form_weight = 0.9 if parts.lead or parts.deadline else 0.7
        candidates = [t for t in by_doc.get(v, []) if not _issued_after(g, t, report_date)]
        words = content_words(parts.subject)
        scored = sorted(((match_score(words, g.nodes[t].get("text") or "", parts.lead, leads_of(g, t)), t)
                         for t in candidates), reverse=True)
        if scored and scored[0][0] >= LINK_AT and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            score, task = scored[0]
            out.events.append(StatusEvent(task, confidence=round(min(score, 1.0) * form_weight, 2), **base))
        elif not by_doc.get(v) and v != u and parts.subject and parts.lead:
            rep = _reported(out, v, u, parts, d)
            rep.events.append(StatusEvent(rep.id, confidence=form_weight, **base))
        else:
            out.unlinked.append({"reporter": u, "target": v, "subject": parts.subject,
                                 "best": scored[0][1] if scored else None,
                                 "score": round(scored[0][0], 2) if scored else 0.0, **base})
    return out


def _issued_after(g, task: str, report_date: str | None) -> bool:
    doc_date = g.nodes.get(g.nodes[task].get("doc_id"), {}).get("date")
    return bool(report_date and doc_date and doc_date > report_date)


def _reported(out: Linked, doc: str, reporter: str, parts: Parts, d: dict) -> ReportedTask:
    # One task per (words, lead, deadline): a later report on it adds an event.
    words = " ".join(sorted(content_words(parts.subject)))
    key = hashlib.sha256(f"{words}|{fold(parts.lead or '')}|{parts.deadline}".encode()).hexdigest()[:10]
    rid = f"task:{doc}#báo cáo:{key}"
    if rid not in out.reported:
        out.reported[rid] = ReportedTask(
            rid, doc, parts.stt or "—", parts.subject, parts.lead, parts.deadline, reporter,
            {k: d.get(k) for k in ("file", "sha256", "span_start", "span_end", "quote")})
    return out.reported[rid]
