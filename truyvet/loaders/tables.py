"""Task tables: rows of "STT | Nội dung | Cơ quan chủ trì | Phối hợp | Thời gian".

Plans put their tasks in tables as often as in numbered text, and copies
carry those tables in three shapes: Markdown rows (pipes, turned into TABs by
normalisation), web tables copied one cell per line between lines that held
only "|" (TAB-only lines after normalisation; two in a row end a row), and
PDF text whose separators were lost (handled in :mod:`truyvet.loaders.plain_tables`).
Only tables whose header names a content column and a responsibility column
are task tables; lists of administrative procedures ("Tên thủ tục hành chính
| Cơ quan thực hiện") are not.

Rows of a copied web table lose the cells that a merged (rowspan) cell covered;
a short row's cells are placed by their kind — a number in the STT column, a
body in a body column, a period in the time column — and a row without its
STT continues the numbered row above (same label, its missing cells taken
from that row).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from truyvet.loaders.keys import fold
from truyvet.loaders.segments import Line

ROLES = ("stt", "content", "lead", "coordinate", "deadline")


@dataclass
class Cell:
    text: str            # as written, lines joined by spaces
    start: int
    end: int


@dataclass
class Row:
    start: int
    end: int
    cells: dict[str, Cell] = field(default_factory=dict)   # by role
    stt: str = ""                                          # "" for a continuation
    section: bool = False                                  # "I | Hoàn thiện thể chế …"


@dataclass
class TaskTable:
    start: int
    end: int
    rows: list[Row]


_STT_HEAD = re.compile(r"(?:so )?(?:stt|tt|thu tu|so thu tu)\.?")
_DEADLINE_HEAD = re.compile(r"\b(?:thoi gian|thoi han|tien do|moc thoi gian|thoi diem)\b")
_LEAD_HEAD = re.compile(r"\b(?:chu tri|phu trach|tham muu|(?:don vi|co quan|bo phan) thuc hien|trach nhiem)\b")
_CONTENT_HEAD = re.compile(r"\b(?:noi dung|nhiem vu|cong viec|giai phap|chi tieu|hoat dong|de an|du an)\b")
_STEPS_HEAD = re.compile(r"\b(?:thu tuc|buoc)\b")


@lru_cache(maxsize=4096)        # every grid is tried as a table: its header cells recur
def _role(header: str) -> str | None:
    h = fold(header)
    if _STT_HEAD.fullmatch(h):
        return "stt"
    if _DEADLINE_HEAD.search(h):
        return "deadline"
    if "phoi hop" in h:
        return "coordinate"
    if _LEAD_HEAD.search(h):
        return "lead"
    if _CONTENT_HEAD.search(h):
        return "content"
    return None


def columns_of(headers: list[str]) -> dict[int, str] | None:
    """Column index → role, when ``headers`` make a task table."""
    if any(_STEPS_HEAD.search(fold(h)) for h in headers):
        return None     # administrative procedures and their steps
    cols: dict[int, str] = {}
    for k, h in enumerate(headers):
        role = _role(h)
        if role and role not in cols.values():
            cols[k] = role
    roles = set(cols.values())
    return cols if "content" in roles and "lead" in roles else None


_STT = re.compile(r"\s*(?P<v>[IVXLC]{1,6}|[A-H]|\d{1,4}(?:\.\d{1,4}){0,4})[.)]?\s*$")
_SECTION_HEAD = re.compile(r"\s*(?P<v>[IVXLC]{1,6}|[A-H])[.)]\s+\S")
_TIME = re.compile(
    r"(?i)\b(?:quý|quí|tháng|năm\s+\d{4}|\d{4}|thường xuyên|hằng|hàng (?:năm|quý|tháng)|định kỳ|trước ngày|"
    r"khi có|sau khi|theo tiến độ|giai đoạn)\b"
)


def _fits(role: str, text: str, is_agency: Callable[[str], bool]) -> bool:
    if role == "stt":
        return bool(_STT.match(text)) or not text.strip()
    if role in ("lead", "coordinate"):
        return is_agency(text)
    if role == "deadline":
        return bool(_TIME.search(text)) and len(text) < 160
    return True


def place_cells(cells: list[Cell], cols: dict[int, str], is_agency: Callable[[str], bool]) -> dict[str, Cell]:
    """Cells of one row by role; a short row's cells go where their kind fits."""
    n = max(cols) + 1 if cols else 0
    if len(cells) >= n:
        return {role: cells[k] for k, role in cols.items() if k < len(cells)}
    placed: dict[str, Cell] = {}
    k = 0
    for i, cell in enumerate(cells):
        left = len(cells) - i
        while k < n and n - k > left - 1 and not _fits(cols.get(k, "other"), cell.text, is_agency):
            k += 1
        if k >= n:
            break
        if k in cols:
            placed[cols[k]] = cell
        k += 1
    return placed


def _rows_from_cells(grid: list[list[Cell]], is_agency) -> TaskTable | None:
    """A task table from rows of cells (header among the first four rows)."""
    for h, header in enumerate(grid[:4]):
        cols = columns_of([c.text for c in header])
        if cols is None:
            continue
        body = grid[h + 1:]
        # A header over two rows: "Cơ quan thực hiện" above "Chủ trì | Phối hợp".
        if body and len(body[0]) <= 3 and all(_role(c.text) in ("lead", "coordinate") for c in body[0]):
            span = next((k for k, r in cols.items() if r == "lead"), None)
            if span is not None:
                subs = [_role(c.text) for c in body[0]]
                shifted = {(k if k < span else k + len(subs) - 1): r for k, r in cols.items() if k != span}
                shifted.update({span + j: r for j, r in enumerate(subs)})
                cols, body = shifted, body[1:]
        rows = []
        prev: Row | None = None
        for cells in body:
            if not any(c.text.strip() for c in cells):
                continue
            row = Row(cells[0].start, cells[-1].end, place_cells(cells, cols, is_agency))
            stt = row.cells.get("stt")
            content = row.cells.get("content")
            sec = _SECTION_HEAD.match(content.text) if content and not stt else None
            if stt and _STT.match(stt.text) and stt.text.strip():
                row.stt = _STT.match(stt.text)["v"]
                row.section = bool(re.fullmatch(r"[IVXLC]{1,6}|[A-H]", row.stt)) and "lead" not in row.cells
            elif sec and "lead" not in row.cells:
                row.stt, row.section = sec["v"], True
            elif prev is not None and not prev.section:
                # A continuation: the merged cells of the row above carry over.
                for role in ("coordinate", "deadline"):
                    if role not in row.cells and role in prev.cells:
                        row.cells[role] = prev.cells[role]
            rows.append(row)
            if not row.section:
                prev = row
        if rows:
            return TaskTable(grid[0][0].start, grid[-1][-1].end, rows)
    return None


def _is_pipe(ln: Line) -> bool:
    return ln.text.strip(" ") == "\t"


def tab_table(lines: list[Line], i: int, is_agency) -> tuple[TaskTable | None, int]:
    """A table of TAB-separated rows starting at line ``i`` (Markdown pipes)."""
    j = i
    while j < len(lines) and "\t" in lines[j].text and not _is_pipe(lines[j]):
        j += 1
    grid = []
    for ln in lines[i:j]:
        cells, pos = [], ln.start
        for raw in ln.text.split("\t"):
            lead = len(raw) - len(raw.lstrip())
            cells.append(Cell(raw.strip(), pos + lead, pos + lead + len(raw.strip())))
            pos += len(raw) + 1
        # The outer pipes leave an empty first and last cell.
        if cells and not cells[0].text:
            cells = cells[1:]
        if cells and not cells[-1].text:
            cells = cells[:-1]
        if cells:
            grid.append(cells)
    return (_rows_from_cells(grid, is_agency) if grid else None), j


_MAX_CELL_LINES = 80


def pipe_table(lines: list[Line], i: int, is_agency) -> tuple[TaskTable | None, int, int]:
    """A web table copied one cell per line, starting at the pipe line ``i``.

    Returns the table (or None), the index after the block, and the first
    line where another pipe table may start. A cell too long to be one ends
    the attempt at ``i + 1``, yet every pipe line before that cell would
    read on to it and fail the same way: retrying from each of them made a
    page of thousands of pipe lines quadratic.
    """
    grid: list[list[Cell]] = []
    row: list[Cell] = []
    cell: list[Line] = []
    j = i + 1
    while j < len(lines):
        ln = lines[j]
        if _is_pipe(ln):
            if cell:
                row.append(_cell(cell))
                cell = []
            elif row:
                grid.append(row)       # two pipes in a row: the row ended
                row = []
            if j + 1 >= len(lines) or not lines[j + 1].text.strip() and not _is_pipe(lines[j + 1]):
                j += 1
                break
        else:
            cell.append(ln)
            if len(cell) > _MAX_CELL_LINES:
                return None, i + 1, j - len(cell) + 1
        j += 1
    if row:
        grid.append(row)
    return (_rows_from_cells(grid, is_agency) if len(grid) >= 2 else None), j, j


def _cell(lines: list[Line]) -> Cell:
    text = " ".join(" ".join(ln.text for ln in lines).split())
    first = next((ln for ln in lines if ln.text.strip()), lines[0])
    last = next((ln for ln in reversed(lines) if ln.text.strip()), lines[-1])
    start = first.start + len(first.text) - len(first.text.lstrip())
    return Cell(text, start, last.start + len(last.text.rstrip()))


def is_pipe_line(ln: Line) -> bool:
    return _is_pipe(ln)
