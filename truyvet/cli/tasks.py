"""``truyvet tasks``, ``status``, ``correct`` and ``review``: tracking tasks and the user layer."""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import sys

import click
from rich.markup import escape
from rich.table import Table

from truyvet.cli.app import err, out
from truyvet.cli.options import StoreSpec, docs_option, open_from_spec, store_options
from truyvet.errors import TruyvetError
from truyvet.loaders.normalize import display
from truyvet.queries import api
from truyvet.tracking import figures as fig
from truyvet.tracking import record, resolve, userlayer, views
from truyvet.tracking.corrections import apply_corrections
from truyvet.tracking.events import STATE_VI, STATES, STATUS_VI
from truyvet.tracking.review import items as review_items
from truyvet.tracking.statusfile import day, status_value
from truyvet.tracking.tracked import track
from truyvet.tracking.userlayer import RELATIONS, UserFact


def _as_of(value: str | None) -> str:
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
    g, facts = _graph_and_facts(docs, spec)
    if g is not None:
        return track(g, facts)[0]
    with open_from_spec(spec, read_only=True) as store:
        if not views.has_view(store):
            err.print("[dim]no tracking view in this store yet: computed from its graph "
                      "(`truyvet ingest` and `status import` write one)[/dim]")
        return views.load(store)


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
@docs_option
@store_options
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
def tasks(docs, store_spec, as_of, agency, doc, states, overdue, due_before, group, show_figures, evidence,
          fmt, xlsx):
    """Tasks with their due dates and status as of a day, grouped by agency
    or document; or the per-agency figures (--figures): completed on time,
    completed late, in progress within the deadline, overdue.

    \b
      truyvet tasks --overdue --as-of 2023-01-01 --evidence
      truyvet tasks --figures --as-of 2025-11-16
      truyvet tasks --agency "Ban Tuyên giáo" --json
    """
    day_ = _as_of(as_of)
    tracked = _load(docs, store_spec)
    chosen = tuple(states) + (("overdue",) if overdue else ())
    rows = fig.select(fig.rows(tracked, day_), agency=agency, doc=doc, states=chosen,
                      due_before=_as_of(due_before) if due_before else None)
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
        out.print(f"(không có nhiệm vụ nào · no task, as of {as_of})")
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
            out.print(f"    {escape(display(t.text)[:160])}")
            if evidence:
                out.print(f"    [italic dim]“{escape(display(t.quote or '')[:200])}” "
                          f"({escape(str(t.file))}:{t.span[0]}-{t.span[1]}, sha256 {str(t.sha256)[:12]}…)[/italic dim]")
                if t.lead_quote:
                    out.print(f"    [dim]chủ trì: “{escape(display(t.lead_quote)[:160])}” "
                              f"({t.lead_span[0]}-{t.lead_span[1]})[/dim]")
                if s.by:
                    out.print(f"    [dim]{escape(_event_line(s.by))}[/dim]")
    err.print(f"{len(rows)} nhiệm vụ, as of {as_of}")


def _event_line(e) -> str:
    head = f"tình trạng: {STATUS_VI.get(e.status, e.status)} ngày {e.date}"
    if e.source == "user":
        src = f" · {os.path.basename(e.file)}" if e.file else ""
        return f"{head} — {e.who} ({e.at}, {e.fact_id}{src}){': ' + e.why if e.why else ''}"
    return f"{head} — “{e.cue}”, {e.reporter} ({e.file}:{e.span_start}-{e.span_end})"


# --- writing the user layer ------------------------------------------------------

@contextlib.contextmanager
def _writable(spec: StoreSpec):
    with open_from_spec(spec) as store:
        g = store.to_networkx()
        if g.number_of_nodes() == 0:
            raise TruyvetError("the store is empty: run `truyvet ingest PATH` first")
        yield store, g


def _who(who: str | None) -> str:
    return who or userlayer.default_user()


_who_option = click.option("--who", help="Who says so (default: $TRUYVET_USER or the login name).")
_why_option = click.option("--why", required=True, help="Why: kept with the fact, listed and exported.")


def _recorded(facts: list[UserFact], new: list[UserFact]) -> None:
    for f in facts:
        state = "recorded" if f in new else "already recorded"
        err.print(f"{state} {f.id}: {f.kind} {f.target_label or f.target}"
                  + (f" → {f.value}" if f.value else "") + f" ({f.who}, {f.at})")


@click.group()
def status():
    """Status files: where tasks stand, as an office records it (CSV or XLSX)."""


@status.command("import")
@click.argument("path", type=click.Path())
@store_options
@_who_option
def status_import(path, store_spec, who):
    """Record the rows of a status file (task or document + label, status,
    date, note, who) in the store's user layer, apart from extracted facts.
    Importing a file again skips rows already recorded; a changed file
    replaces the facts of its earlier version (reverted, not deleted).

    \b
      truyvet status import status.csv
    """
    with _writable(store_spec) as (store, g):
        res = record.import_status_file(store, path, _who(who), g)
    err.print(f"{path}: {len(res.added)} recorded, {res.unchanged} already recorded"
              + (f", {len(res.superseded)} from an earlier version reverted" if res.superseded else ""))
    for f in res.added:
        err.print(f"  {f.id}: {f.target} → {f.value} ({f.date}, row {f.source_row})")


@status.command("set")
@click.argument("task")
@click.argument("value", metavar="STATUS")
@click.option("--doc", help="The document of TASK, when its label repeats.")
@click.option("--date", "when", help="The day it held (default: today).")
@store_options
@_who_option
@_why_option
def status_set(task, value, doc, when, store_spec, who, why):
    """Record one status: done / not_done / in_progress (or đã hoàn thành …)."""
    st = status_value(value)
    if st is None:
        raise click.BadParameter(f"{value!r}: use done, not_done or in_progress")
    with _writable(store_spec) as (store, g):
        tid = resolve.task(g, task, doc)
        f = UserFact("status", tid, st, who=_who(who), why=why, date=_as_of(when), target_label=task)
        _recorded([f], record.record(store, [f]))


@click.group()
def correct():
    """Corrections over extraction: recorded with who, when and why, listed,
    reversible, exported; they survive every re-ingest."""


@correct.command("lead")
@click.argument("task")
@click.argument("agency")
@click.option("--doc", help="The document of TASK, when its label repeats.")
@store_options
@_who_option
@_why_option
def correct_lead(task, agency, doc, store_spec, who, why):
    """TASK is led by AGENCY (replaces the extracted leads)."""
    with _writable(store_spec) as (store, g):
        tid = resolve.task(g, task, doc)
        f = UserFact("lead", tid, agency, who=_who(who), why=why, target_label=task)
        _recorded([f], record.record(store, [f]))


def _link(kind, source, target, relation, store_spec, who, why):
    with _writable(store_spec) as (store, g):
        a, b = resolve.document(g, source), resolve.document(g, target)
        f = UserFact(kind, a, b, who=_who(who), why=why, relation=relation, target_label=f"{source} → {target}")
        _recorded([f], record.record(store, [f]))


@correct.command("link")
@click.argument("source")
@click.argument("target")
@click.option("--relation", type=click.Choice(RELATIONS), default="implements", show_default=True)
@store_options
@_who_option
@_why_option
def correct_link(source, target, relation, store_spec, who, why):
    """Add a link extraction missed: SOURCE implements (based_on, cites) TARGET."""
    _link("link", source, target, relation, store_spec, who, why)


@correct.command("unlink")
@click.argument("source")
@click.argument("target")
@click.option("--relation", type=click.Choice(RELATIONS), help="Only this relation (default: any).")
@store_options
@_who_option
@_why_option
def correct_unlink(source, target, relation, store_spec, who, why):
    """Reject a wrong link from SOURCE to TARGET."""
    _link("unlink", source, target, relation, store_spec, who, why)


@correct.command("merge")
@click.argument("other")
@click.argument("into")
@store_options
@_who_option
@_why_option
def correct_merge(other, into, store_spec, who, why):
    """OTHER and INTO are one agency (or one document): OTHER's links move to INTO."""
    with _writable(store_spec) as (store, g):
        a, b = resolve.node(g, other), resolve.node(g, into)
        if g.nodes[a].get("type") != g.nodes[b].get("type"):
            raise TruyvetError(f"{a} is a {g.nodes[a].get('type')} and {b} a {g.nodes[b].get('type')}: "
                               "only two agencies or two documents merge")
        f = UserFact("merge", a, b, who=_who(who), why=why, target_label=f"{other} = {into}")
        _recorded([f], record.record(store, [f]))


@correct.command("confirm")
@click.argument("key")
@store_options
@_who_option
@click.option("--why", help="Optional note.")
def correct_confirm(key, store_spec, who, why):
    """Mark an extracted fact (a KEY from `truyvet review`) as checked and right."""
    with _writable(store_spec) as (store, _):
        f = UserFact("confirm", key, None, who=_who(who), why=why)
        _recorded([f], record.record(store, [f]))


@correct.command("revert")
@click.argument("fact_id")
@store_options
@_who_option
@_why_option
def correct_revert(fact_id, store_spec, who, why):
    """Revert a recorded fact (status or correction); it stays listed."""
    with open_from_spec(store_spec) as store:
        f = record.revert(store, fact_id, why, _who(who))
    err.print(f"reverted {f.id}: {f.kind} {f.target_label or f.target} ({f.reverted_by}, {f.reverted_at})")


@correct.command("list")
@store_options
@click.option("--all", "show_all", is_flag=True, help="Reverted facts too.")
@click.option("--json", "as_json", is_flag=True)
def correct_list(store_spec, show_all, as_json):
    """The user layer: every status and correction, with who, when and why."""
    with open_from_spec(store_spec, read_only=True) as store:
        facts = [f for f in userlayer.load(store) if show_all or f.active]
    if as_json:
        click.echo(json.dumps([f.row() for f in facts], ensure_ascii=False, indent=2))
        return
    if not facts:
        out.print("(no recorded facts)")
        return
    for f in facts:
        what = f"{f.kind} {f.target_label or f.target}" + (f" → {f.value}" if f.value else "") + (
            f" ({f.relation})" if f.relation else "") + (f" ngày {f.date}" if f.date else "")
        out.print(f"[bold]{f.id}[/bold] {escape(what)}" + (" [red](reverted)[/red]" if f.reverted_at else ""))
        src = f" · {f.source_file}:{f.source_row}" if f.source_file else ""
        out.print(f"    [dim]{escape(f.who)}, {f.at}{escape(src)}{': ' + escape(f.why) if f.why else ''}[/dim]")
        if f.reverted_at:
            out.print(f"    [dim]reverted {f.reverted_at} by {escape(f.reverted_by or '')}: "
                      f"{escape(f.reverted_why or '')}[/dim]")


@correct.command("export")
@store_options
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
def correct_export(store_spec, output):
    """Every recorded fact, reverted ones included, as JSON Lines with its provenance."""
    with open_from_spec(store_spec, read_only=True) as store:
        lines = userlayer.export_lines(userlayer.load(store))
    text = "".join(line + "\n" for line in lines)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        err.print(f"wrote {output}: {len(lines)} facts")
    else:
        click.echo(text, nl=False)


@correct.command("import")
@click.argument("path", type=click.Path())
@store_options
def correct_import(path, store_spec):
    """Record facts exported by `correct export` (another store, a backup);
    facts already recorded are skipped."""
    try:
        with open(path, encoding="utf-8") as fh:
            facts = userlayer.import_lines(fh, path)
    except OSError as exc:
        raise TruyvetError(f"{path}: cannot read ({exc.strerror})") from None
    with open_from_spec(store_spec) as store:
        new = record.record(store, facts)
    err.print(f"{path}: {len(new)} recorded, {len(facts) - len(new)} already recorded")


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
            out.print(f"    [italic dim]“{escape(display(ev['quote'])[:200])}” ({escape(str(ev['file']))}:"
                      f"{ev['span_start']}-{ev['span_end']})[/italic dim]")
    err.print(f"{len(found)} facts shown, least certain first")
