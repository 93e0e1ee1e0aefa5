"""Status files: the CSV or XLSX sheet an office keeps of where its tasks stand.

One row per status: the task (its id, key or label, or words of its text),
the document it belongs to (id, symbol, label or file name; needed when a
label repeats across documents), the status, the day it held, a note, and
who says so. Column names may be English or Vietnamese:

    task | label | nhiệm vụ   document | văn bản      status | tình trạng | trạng thái
    date | ngày            note | ghi chú         who | người cập nhật

Statuses: done / đã hoàn thành / hoàn thành, not_done / chưa hoàn thành,
in_progress / đang thực hiện / đang triển khai. Days: 2022-09-15 or 15/9/2022.

A file is read whole before anything is recorded: a bad row stops the import
with one line naming the file, the row and the problem.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os

import networkx as nx

from truyvet.errors import TruyvetError
from truyvet.loaders.dates import parse_date
from truyvet.loaders.keys import fold
from truyvet.loaders.status import cell_status
from truyvet.tracking import resolve
from truyvet.tracking.userlayer import UserFact

_COLUMNS = {
    "task": ("task", "task id", "label", "nhiem vu", "ma nhiem vu", "muc"),
    "document": ("document", "doc", "van ban", "van ban giao"),
    "status": ("status", "tinh trang", "trang thai", "tien do"),
    "date": ("date", "ngay", "ngay cap nhat"),
    "note": ("note", "ghi chu", "ket qua"),
    "who": ("who", "nguoi cap nhat", "nguoi bao cao"),
}
_STATUS_WORDS = {"done": "done", "not_done": "not_done", "not done": "not_done", "in_progress": "in_progress",
                 "in progress": "in_progress", "xong": "done"}


def read_rows(path: str) -> tuple[list[dict], str]:
    """(rows as {column: text} with a "row" number, sha256) of a CSV or XLSX file."""
    try:
        data = open(path, "rb").read()
    except OSError as exc:
        raise TruyvetError(f"{path}: cannot read ({exc.strerror})") from None
    sha = hashlib.sha256(data).hexdigest()
    if path.lower().endswith((".xlsx", ".xlsm")):
        grid = _xlsx(path, data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TruyvetError(f"{path}: not UTF-8 text; save the sheet as CSV UTF-8 or XLSX") from None
        dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
        grid = list(csv.reader(io.StringIO(text), dialect))
    if not grid:
        raise TruyvetError(f"{path}: empty file")
    header = [_column(h) for h in grid[0]]
    missing = {"task", "status"} - set(header)
    if missing:
        raise TruyvetError(f"{path}: no {' or '.join(sorted(missing))} column "
                           f"(found: {', '.join(h for h in grid[0] if h)})")
    rows = []
    for n, cells in enumerate(grid[1:], 2):
        if not any(str(c or "").strip() for c in cells):
            continue
        row = {h: str(c).strip() if c is not None else "" for h, c in zip(header, cells) if h}
        row["row"] = n
        rows.append(row)
    return rows, sha


def _xlsx(path: str, data: bytes) -> list[list]:
    import openpyxl
    try:
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        raise TruyvetError(f"{path}: not a readable XLSX workbook ({type(exc).__name__})") from None
    out = []
    for values in sheet.iter_rows(values_only=True):
        out.append([v.date().isoformat() if hasattr(v, "date") and callable(v.date) else v for v in values])
    return out


def _column(header) -> str | None:
    key = fold(str(header or "")).strip(" :*")
    return next((name for name, words in _COLUMNS.items() if key in words), None)


def status_value(text: str) -> str | None:
    key = fold(text).strip()
    return _STATUS_WORDS.get(key) or cell_status(text)


def day(text: str) -> str | None:
    t = text.strip()
    if len(t) == 10 and t[4] == "-" and t[7] == "-":
        return parse_date(f"{t[8:]}/{t[5:7]}/{t[:4]}")
    return parse_date(t)


def facts_from_file(g: nx.MultiDiGraph, path: str, who: str,
                    sheet: tuple[list[dict], str] | None = None) -> list[UserFact]:
    """One ``status`` fact per row of ``path`` (``sheet``: its rows and sha256,
    read already), resolved against ``g``; TruyvetError on the first bad row."""
    rows, sha = sheet or read_rows(path)
    out = []
    for r in rows:
        where = f"{path}:{r['row']}"
        status = status_value(r.get("status", ""))
        if status is None:
            raise TruyvetError(f"{where}: status {r.get('status')!r} is not done / not_done / in_progress "
                               "(or đã hoàn thành / chưa hoàn thành / đang thực hiện)")
        date = day(r.get("date", ""))
        if date is None:
            raise TruyvetError(f"{where}: date {r.get('date')!r} is not a day (2022-09-15 or 15/9/2022)")
        try:
            task = resolve.task(g, r.get("task", ""), r.get("document") or None)
        except TruyvetError as exc:
            raise TruyvetError(f"{where}: {exc}") from None
        out.append(UserFact("status", task, status, who=r.get("who") or who, why=r.get("note") or None,
                            target_label=" ".join(x for x in (r.get("document"), r.get("task")) if x),
                            date=date, note=r.get("note") or None, source_file=os.path.abspath(path),
                            source_sha256=sha, source_row=str(r["row"])))
    return out
