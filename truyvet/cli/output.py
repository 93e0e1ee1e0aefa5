"""Where a command's rows and files go: a table on the terminal, JSON, CSV or
XLSX, into a file or, for ``-o -``, to standard output."""
from __future__ import annotations

import contextlib
import csv
import io
import json
import sys

import click
from rich.markup import escape
from rich.table import Table

from truyvet.cli.app import err, out
from truyvet.cli.clip import clip
from truyvet.errors import TruyvetError


@contextlib.contextmanager
def binary_output(path: str):
    """A binary stream for ``path``; ``-`` is standard output."""
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        with open(path, "wb") as fh:
            yield fh
    except OSError as exc:
        raise TruyvetError(f"{path}: cannot write: {exc.strerror or exc}") from exc


def _cell(value):
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_rows(rows: list[dict], fmt: str, path: str | None = None, columns=None) -> None:
    """``rows`` as ``fmt`` ("table", "json", "csv" or "xlsx") to ``path`` (or standard output)."""
    cols = list(columns or (rows[0] if rows else ()))
    if fmt == "xlsx":
        if not path or path == "-":
            raise TruyvetError("an XLSX table needs a file: -o FILE.xlsx")
        _xlsx(rows, cols, path)
        return
    if fmt == "table" and not path:
        _table(rows, cols)
        return
    if fmt == "json":
        text = json.dumps(rows, ensure_ascii=False, default=str, indent=2) + "\n"
    else:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows({k: _cell(r.get(k)) for k in cols} for r in rows)
        text = buf.getvalue()
    if not path or path == "-":
        click.echo(text, nl=False)
        return
    with binary_output(path) as fh:
        fh.write(text.encode("utf-8-sig" if fmt == "csv" else "utf-8"))   # the BOM lets spreadsheets read UTF-8


def _table(rows: list[dict], cols: list[str]) -> None:
    if not rows:
        out.print("[dim](không có dòng nào · no rows)[/dim]")
        return
    table = Table(*cols, show_lines=False)
    for r in rows:
        table.add_row(*("" if r.get(c) is None else escape(clip(str(_cell(r.get(c))), 120)) for c in cols))
    out.print(table)
    err.print(f"[dim]{len(rows)} dòng (rows)[/dim]")


def _xlsx(rows: list[dict], cols: list[str], path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "tasks"
    ws.append(cols)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([_cell(r.get(c)) for c in cols])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, c in enumerate(cols, 1):
        longest = max([len(str(c))] + [len(str(_cell(r.get(c)) or "")) for r in rows[:200]])
        ws.column_dimensions[ws.cell(1, i).column_letter].width = min(max(longest, 8), 60)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    try:
        wb.save(path)
    except OSError as exc:
        raise TruyvetError(f"{path}: cannot write: {exc.strerror or exc}") from exc
