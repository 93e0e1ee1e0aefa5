"""The task table (document, label, text, lead, coordinate, deadline, evidence …)
for people who track tasks in a spreadsheet: ``truyvet tasks QUERY -o tasks.xlsx``."""
from __future__ import annotations

from pathlib import Path

import click

from truyvet.cli.options import load_graph
from truyvet.cli.output import write_rows
from truyvet.cli.trace_view import headings_of
from truyvet.errors import TruyvetError
from truyvet.queries import api

_SUFFIX_FORMATS = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}
_SHOWN = ("document", "label", "lead", "coordinate", "deadline", "text")      # on a terminal


def write_table(query, docs, store_spec, pick, output, fmt, headings) -> None:
    """Write the tasks of QUERY (all without it) as a table: terminal, CSV, JSON or XLSX."""
    if output and output != "-" and not fmt:
        fmt = _SUFFIX_FORMATS.get(Path(output).suffix.lower())
        if fmt is None:
            raise TruyvetError(f"{output}: cannot tell the format from its suffix; use .xlsx, .csv or .json")
    with load_graph(docs, store_spec, query) as g:
        node = api.resolve(g, query, pick=pick) if query else None
        rows = api.task_table(g, node)
    if not headings:
        rows = _without_headings(rows)
    columns = {"csv": api.TASK_COLUMNS, "xlsx": api.TASK_COLUMNS, None: _SHOWN}.get(fmt)
    write_rows(rows, fmt or "table", output, columns)
    if output and output != "-":
        click.echo(f"wrote {len(rows)} tasks to {output}", err=True)


def _without_headings(rows: list[dict]) -> list[dict]:
    by_doc: dict = {}
    for r in rows:
        by_doc.setdefault(r["document_id"], []).append(r)
    heads = set()
    for doc_rows in by_doc.values():
        assigned = {r["task_id"] for r in doc_rows if r["lead"] or r["coordinate"] or r["monitor"]}
        heads |= headings_of([(r["task_id"], r["label"] or "", r["text"] or "") for r in doc_rows], assigned)
    return [r for r in rows if r["task_id"] not in heads]
