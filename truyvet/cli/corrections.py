"""``truyvet status`` and ``truyvet correct``: what users record over extraction.

Every command writes the store's user layer (:mod:`truyvet.tracking.userlayer`)
and refreshes the tracking view; nothing here touches extracted facts.
"""
from __future__ import annotations

import contextlib
import json

import click
from rich.markup import escape

from truyvet.cli.app import err, out
from truyvet.cli.options import StoreSpec, open_from_spec, store_options
from truyvet.cli.tasks import as_of_day
from truyvet.errors import TruyvetError
from truyvet.queries.store_graph import StoreGraph
from truyvet.tracking import record, resolve, userlayer
from truyvet.tracking.statusfile import read_rows, status_value
from truyvet.tracking.userlayer import RELATIONS, UserFact


@contextlib.contextmanager
def _writable(spec: StoreSpec, task: str | None = None, doc: str | None = None,
              sheet: list[dict] | None = None):
    """The store and what the user's names are resolved among: every document
    and agency, and, for a ``task`` name, the task of that id, else the tasks
    of ``doc``, else every task; for the rows of a status ``sheet``, the tasks
    they name (:func:`_sheet_tasks`). No edge is read: the whole store costs
    minutes at 100k documents."""
    with open_from_spec(spec) as store:
        g = StoreGraph(store, None)
        g.load_all()
        if g.number_of_nodes() == 0:
            raise TruyvetError("the store is empty: run `truyvet ingest PATH` first")
        if task is not None:
            g.load_tasks(task.strip() or None, resolve.document(g, doc) if doc else None)
        if sheet is not None:
            _sheet_tasks(g, sheet)
        yield store, g


def _sheet_tasks(g: StoreGraph, rows: list[dict]) -> None:
    """Read the tasks a status file's rows may name: a task by its id, else
    the tasks of the row's document, else (a row naming no document, whose
    words are searched everywhere) every task, once. A row whose document
    matches nothing is left to the import, which reports it with its row."""
    docs: set[str] = set()           # documents whose tasks are read
    for r in rows:
        name, doc = r.get("task", "").strip(), (r.get("document") or "").strip()
        by_id = name.startswith("task:")
        try:
            doc_id = resolve.document(g, doc) if doc else None
        except TruyvetError:
            continue
        if (by_id and name in g) or (not by_id and doc_id in docs):
            continue
        if doc_id is None and not by_id:
            g.load_tasks()           # its words are searched among every task
            return
        g.load_tasks(name if by_id else None, doc_id)
        if name not in g:
            if doc_id is None:       # an id the store lacks: every task was read
                return
            docs.add(doc_id)


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
    sheet = read_rows(path)         # once: the tasks read and the facts recorded come from the same bytes
    with _writable(store_spec, sheet=sheet[0]) as (store, g):
        res = record.import_status_file(store, path, _who(who), g, sheet)
    err.print(f"{path}: {len(res.added)} recorded, {res.unchanged} already recorded"
              + (f", {len(res.superseded)} from an earlier version reverted" if res.superseded else ""))
    for f in res.added:
        err.print(f"  {f.id}: {f.target} → {f.value} ({f.date}, row {f.source_row})")


@status.command("set")
@click.argument("task")
@click.argument("value", metavar="STATUS")
@click.option("--doc", help="The document of TASK, when its label repeats (only its tasks are then read: "
              "faster on a large store, as is a task id).")
@click.option("--date", "when", help="The day it held (default: today).")
@store_options
@_who_option
@_why_option
def status_set(task, value, doc, when, store_spec, who, why):
    """Record one status: done / not_done / in_progress (or đã hoàn thành …)."""
    st = status_value(value)
    if st is None:
        raise click.BadParameter(f"{value!r}: use done, not_done or in_progress")
    with _writable(store_spec, task, doc) as (store, g):
        tid = resolve.task(g, task, doc)
        f = UserFact("status", tid, st, who=_who(who), why=why, date=as_of_day(when), target_label=task)
        _recorded([f], record.record(store, [f]))


@click.group()
def correct():
    """Corrections over extraction: recorded with who, when and why, listed,
    reversible, exported; they survive every re-ingest."""


@correct.command("lead")
@click.argument("task")
@click.argument("agency")
@click.option("--doc", help="The document of TASK, when its label repeats (only its tasks are then read: "
              "faster on a large store, as is a task id).")
@store_options
@_who_option
@_why_option
def correct_lead(task, agency, doc, store_spec, who, why):
    """TASK is led by AGENCY (replaces the extracted leads)."""
    with _writable(store_spec, task, doc) as (store, g):
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
