"""``truyvet tasks``, ``status``, ``correct`` and ``review``: tracking tasks and the user layer."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys

import click
from rich.markup import escape
from rich.table import Table

from truyvet.cli.app import err, out
from truyvet.cli.clip import clip
from truyvet.cli.lineage import pick_option
from truyvet.cli.options import StoreSpec, docs_option, open_from_spec, store_options
from truyvet.cli.task_table import write_table
from truyvet.errors import TruyvetError
from truyvet.loaders.normalize import display
from truyvet.queries import api
from truyvet.tracking import figures as fig
from truyvet.tracking import userlayer, views
from truyvet.tracking.corrections import apply_corrections
from truyvet.tracking.events import STATE_VI, STATES, STATUS_VI
from truyvet.tracking.review import items as review_items
from truyvet.tracking.statusfile import day
from truyvet.tracking.tracked import track
from truyvet.tracking.userlayer import UserFact


def as_of_day(value: str | None) -> str:
    if not value:
        return dt.date.today().isoformat()
    d = day(value)
    if d is None:
        raise click.BadParameter(f"{value!r} is not a day (2023-01-01 or 1/1/2023)")
    return d


def _store_exists(spec: StoreSpec) -> bool:
    if spec.kind != "embedded":
        return True
    home = spec.home or os.environ.get("TRUYVET_HOME") or ".truyvet"
    return os.path.exists(os.path.join(home, "graph.lbdb"))


def _graph_and_facts(docs: str | None, spec: StoreSpec):
    """The graph from files (None without --docs) and the store's user layer
    (empty when there is no store yet)."""
    docs = docs or api.default_docs()
    g = None
    if docs:
        g, errors = api.graph_from_paths([docs])
        for e in errors:
            err.print(f"[red]error:[/red] {escape(str(e))}")
    return g, _facts(spec)


def _facts(spec: StoreSpec) -> list[UserFact]:
    """The store's user layer; none when there is no store yet."""
    if not _store_exists(spec):
        return []
    with open_from_spec(spec, read_only=True) as store:
        return userlayer.load(store)


def _load(docs: str | None, spec: StoreSpec):
    """Tracked tasks: from files with the store's user layer, or from the store's view."""
    if docs or api.default_docs():
        g, facts = _graph_and_facts(docs, spec)
        return track(g, facts)[0]
    with open_from_spec(spec, read_only=True) as store:
        state = views.view_state(store)
        if state == "none":
            err.print("[dim]no tracking view in this store yet: computed from its graph "
                      "(`truyvet ingest` and `status import` write one)[/dim]")
        elif state != "fresh":
            err.print("[dim]bảng theo dõi chưa khớp đồ thị (một lần ghi bị ngắt trước khi dựng lại bảng): "
                      "tính từ đồ thị; lần `truyvet ingest` sau dựng lại bảng "
                      "(the tracking view lags the graph)[/dim]")
        return views.load(store, state)


def task_states(docs: str | None, spec: StoreSpec, as_of: str, g=None) -> dict[str, str]:
    """Task id → tracking state on ``as_of``, for colouring pages (``g``: the
    graph already read from --docs, so the files are not parsed twice)."""
    if g is not None and (docs or api.default_docs()):
        tracked = track(g, _facts(spec))[0]
    else:
        tracked = _load(docs, spec)
    return {t.task_id: t.state(as_of).state for t in tracked}


# --- truyvet tasks -------------------------------------------------------------

@click.command()
@click.argument("query", required=False)
@docs_option
@store_options
@pick_option
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the task table of QUERY: .xlsx, .csv or .json (- for standard output).")
@click.option("--headings", is_flag=True, help="The task table, section headings included.")
@click.option("--as-of", "as_of", help="The day the statuses hold on (default: today).")
@click.option("--agency", help="Only tasks this agency leads (id or words of its name).")
@click.option("--doc", help="Only tasks of this document (id or words of its label).")
@click.option("--status", "states", multiple=True, type=click.Choice(STATES),
              help="Only tasks in this state (repeatable).")
@click.option("--overdue", is_flag=True, help="Only overdue tasks (same as --status overdue).")
@click.option("--due-before", help="Only tasks due before this day.")
@click.option("--by", "group", type=click.Choice(["agency", "document"]), default="agency", show_default=True)
@click.option("--figures", "show_figures", is_flag=True, help="Per-agency figures instead of the list.")
@click.option("--evidence", is_flag=True, help="Print the sentence, file and span behind each task and status.")
@click.option("--json", "fmt", flag_value="json", help="JSON array.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV.")
@click.option("--xlsx", type=click.Path(dir_okay=False), help="Write an Excel workbook (tasks and figures).")
def tasks(query, docs, store_spec, pick, output, headings, as_of, agency, doc, states, overdue, due_before, group,
          show_figures, evidence, fmt, xlsx):
    """Tasks with their due dates and status as of a day, grouped by agency
    or document; or the per-agency figures (--figures): completed on time,
    completed late, in progress within the deadline, overdue.

    With QUERY (a document, an agency or a task) or -o, the task table
    instead: document, label, text, lead, coordinate, monitor, deadline, the
    sentence that assigns the task and where it was read — for a spreadsheet.

    \b
      truyvet tasks --overdue --as-of 2023-01-01 --evidence
      truyvet tasks --figures --as-of 2025-11-16
      truyvet tasks --agency "Ban Tuyên giáo" --json
      truyvet tasks "Thông báo 92" --docs demo/corpus -o tasks.xlsx
    """
    if query or output or headings:
        write_table(query, docs, store_spec, pick, output, fmt, headings)
        return
    day_ = as_of_day(as_of)
    tracked = _load(docs, store_spec)
    chosen = tuple(states) + (("overdue",) if overdue else ())
    rows = fig.select(fig.rows(tracked, day_), agency=agency, doc=doc, states=chosen,
                      due_before=as_of_day(due_before) if due_before else None)
    figures = fig.figures(rows)
    if xlsx:
        _write_xlsx(xlsx, rows, figures, day_)
        err.print(f"wrote {xlsx}: {len(rows)} tasks, {len(figures)} agencies, as of {day_}")
    if fmt == "json":
        click.echo(json.dumps({"as_of": day_, "figures": figures} if show_figures else
                              {"as_of": day_, "tasks": [r.to_json() for r in rows]}, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_csv(figures if show_figures else [_flat(r) for r in rows])
    elif not xlsx:
        if show_figures:
            _print_figures(figures, day_)
        else:
            _print_rows(rows, group, evidence, day_)


def _flat(r: fig.Row) -> dict:
    j = r.to_json()
    ev = r.state.by
    return {"agency": j["agency"], "state": j["state"], "state_vi": j["state_vi"], "label": j["label"],
            "document": j["document_label"], "deadline": j["deadline"], "due": j["due"], "due_kind": j["due_kind"],
            "done_on": j["done_on"], "text": display(j["text"] or ""), "task_id": j["task_id"],
            "file": j["evidence"]["file"], "sha256": j["evidence"]["sha256"],
            "span": "-".join(str(x) for x in j["evidence"]["span"]), "quote": display(j["evidence"]["quote"] or ""),
            "status_source": ev.source if ev else None, "status_quote": display(ev.quote or "") if ev else None,
            "status_by": (ev.who or ev.reporter) if ev else None}


def _write_csv(rows: list[dict]) -> None:
    w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["agency"])
    w.writeheader()
    w.writerows(rows)


def _write_xlsx(path: str, rows: list[fig.Row], figures: list[dict], as_of: str) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    flat = [_flat(r) for r in rows]
    head = list(flat[0]) if flat else ["agency"]
    ws.append(head)
    for r in flat:
        ws.append([r[k] for k in head])
    fs = wb.create_sheet("Số liệu")
    fs.append(["as_of", as_of])
    head = list(figures[0]) if figures else ["agency"]
    fs.append(head)
    for f in figures:
        fs.append([f[k] for k in head])
    try:
        wb.save(path)
    except OSError as exc:
        raise TruyvetError(f"{path}: cannot write ({exc.strerror})") from None


_STATE_STYLE = {"done_on_time": "green", "done_late": "yellow", "in_progress": "cyan", "overdue": "bold red",
                "done": "green", "no_deadline": "dim"}


def _print_figures(figures: list[dict], as_of: str) -> None:
    t = Table("Cơ quan chủ trì", "Giao", "Có hạn", "Đúng hạn", "Xong quá hạn", "Trong hạn", "Quá hạn",
              "Không có hạn", "% đúng hạn", title=f"Tình hình thực hiện nhiệm vụ đến ngày {as_of}")
    for f in figures:
        t.add_row(escape(f["agency"]), *(str(f[k]) for k in fig.FIGURES),
                  "" if f["on_time_pct"] is None else f"{f['on_time_pct']:.1f}")
    out.print(t)


def _print_rows(rows: list[fig.Row], group: str, evidence: bool, as_of: str) -> None:
    if not rows:
        out.print(f"(không có nhiệm vụ nào tính đến {as_of} · no task)")
        return
    groups: dict[str, list[fig.Row]] = {}
    for r in rows:
        groups.setdefault(r.agency if group == "agency" else r.task.doc_label, []).append(r)
    for name, items in sorted(groups.items(), key=lambda kv: (-sum(r.state.state == "overdue" for r in kv[1]), kv[0])):
        overdue = sum(r.state.state == "overdue" for r in items)
        out.print(f"\n[bold]{escape(name)}[/bold] [dim]({len(items)} nhiệm vụ"
                  + (f", [red]{overdue} quá hạn[/red]" if overdue else "") + ")[/dim]")
        for r in items:
            t, s = r.task, r.state
            other = t.doc_label if group == "agency" else r.agency
            due = f" · hạn {t.due.due}" if t.due and t.due.due else ""
            written = f" (“{escape(display(t.deadline))}”)" if t.deadline else ""
            done = f" · xong {s.done_on}" if s.done_on else ""
            out.print(f"  [{_STATE_STYLE[s.state]}]{STATE_VI[s.state]}[/] {escape(t.label)} · {escape(other or '')}"
                      f"{due}{written}{done}")
            out.print(f"    {escape(clip(display(t.text), 160))}")
            if evidence:
                out.print(f"    [italic dim]“{escape(clip(display(t.quote or ''), 200))}” "
                          f"({escape(str(t.file))}:{t.span[0]}-{t.span[1]}, sha256 {str(t.sha256)[:12]}…)[/italic dim]")
                if t.lead_quote:
                    out.print(f"    [dim]chủ trì: “{escape(clip(display(t.lead_quote), 160))}” "
                              f"({t.lead_span[0]}-{t.lead_span[1]})[/dim]")
                if s.by:
                    out.print(f"    [dim]{escape(_event_line(s.by))}[/dim]")
    err.print(f"{len(rows)} nhiệm vụ, tính đến {as_of}")


def _event_line(e) -> str:
    head = f"tình trạng: {STATUS_VI.get(e.status, e.status)} ngày {e.date}"
    if e.source == "user":
        src = f" · {os.path.basename(e.file)}" if e.file else ""
        return f"{head} — {e.who} ({e.at}, {e.fact_id}{src}){': ' + e.why if e.why else ''}"
    return f"{head} — “{e.cue}”, {e.reporter} ({e.file}:{e.span_start}-{e.span_end})"


# --- truyvet review ----------------------------------------------------------------

@click.command()
@docs_option
@store_options
@click.option("--kind", "kinds", multiple=True,
              help="Only facts of this kind: assignment, link, deadline, status (repeatable).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
def review(docs, store_spec, kinds, limit, as_json):
    """Extracted facts, least certain first, with their evidence: check them,
    then `truyvet correct confirm KEY` or correct them."""
    g, facts = _graph_and_facts(docs, store_spec)
    if g is None:
        with open_from_spec(store_spec, read_only=True) as store:
            g = store.to_networkx()
    tracked, unlinked = track(g, facts)
    found = review_items(apply_corrections(g, facts), tracked, unlinked, facts)
    if kinds:
        found = [i for i in found if i["kind"].split("/")[0] in kinds]
    found = found[:limit]
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for i in found:
        ev = i["evidence"]
        out.print(f"[bold]{i['confidence']:.2f}[/bold] {escape(i['kind'])}  {escape(i['label'])}")
        out.print(f"    [dim]{escape(i['reason'])} · key {escape(i['key'])}[/dim]")
        if ev.get("quote"):
            out.print(f"    [italic dim]“{escape(clip(display(ev['quote']), 200))}” ({escape(str(ev['file']))}:"
                      f"{ev['span_start']}-{ev['span_end']})[/italic dim]")
    err.print(f"{len(found)} facts shown, least certain first")
