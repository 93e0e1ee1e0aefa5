"""Task tables whose cell separators were lost (text extracted from PDF).

The header line still names the columns ("STT Nội dung … Cơ quan chủ trì"),
a row starts with its number, and the body named at the end of a row is its
lead ("… thủy sản) Ban cán sự đảng UBND Thành phố"). A line that does not
start a row continues the row above, unless that row already ends with a
body and the line starts a new sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from truyvet.loaders.keys import fold, strip_marks
from truyvet.loaders.segments import Line, is_caps_line
from truyvet.loaders.tables import Cell, Row, TaskTable

_HEAD = re.compile(r"^\s*(?:stt|tt)\b.*\b(?:noi dung|nhiem vu)\b.*\b(?:chu tri|thuc hien)\b")
_ROW_MARK = re.compile(r"^\s*(?P<stt>[IVXL]{1,5}|\d{1,4})[.)]?\s+(?=\S)")
_CAPITAL = re.compile(r"(?:(?<=\s)|(?<=\)))(?=[A-ZĐÂĂÊÔƠƯÀ-Ỹ])")


def may_head(line: str) -> bool:
    """A cheap test before the folded header pattern: the line starts with "stt"/"tt"."""
    if not _may_fold_to_s_or_t(line.lstrip()[:1]):
        return False        # most lines: decided on their first character
    head = strip_marks(line.lstrip()[:4]).casefold()
    return head.startswith(("st", "tt")) and bool(_HEAD.match(fold(line)))


@lru_cache(maxsize=None)
def _may_fold_to_s_or_t(first: str) -> bool:
    """Can a line starting with ``first`` fold to a start with "s" or "t"?
    (A lone combining mark folds to nothing: what follows it decides.)"""
    key = strip_marks(first).casefold()
    return not key or key[0] in "st"


def agency_suffix(line: str, is_agency: Callable[[str], bool]) -> int | None:
    """Start of the longest body name that ends ``line``, if any."""
    for m in _CAPITAL.finditer(line):
        if m.start() > 0 and is_agency(line[m.start():]):
            return m.start()
    return None


def plain_table(lines: list[Line], i: int, text: str, is_agency: Callable[[str], bool],
                ends_body: Callable[[str], bool]) -> tuple[TaskTable | None, int]:
    """The table whose header is line ``i``; returns it and the index after it."""
    j = i + 1
    while j < len(lines) and not ends_body(lines[j].text) and not (
            is_caps_line(lines[j].text.strip(" *")) or lines[j].blank and j + 1 < len(lines) and lines[j + 1].blank):
        j += 1
    spans: list[list] = []          # [start, end, stt, content_start]
    for ln in lines[i + 1:j]:
        if ln.blank:
            continue
        m = _ROW_MARK.match(ln.text)
        complete = bool(spans) and agency_suffix(text[spans[-1][3]:spans[-1][1]], is_agency) is not None
        if m or not spans or (complete and ln.text.lstrip()[:1].isupper()):
            spans.append([ln.start, ln.end, m["stt"] if m else "", ln.start + (m.end() if m else 0)])
        else:
            spans[-1][1] = ln.end
    rows = []
    for start, end, stt, c_start in spans:
        raw = text[c_start:end]
        flat = re.sub(r"\s+", " ", raw).strip()
        at = agency_suffix(flat, is_agency)
        content, lead = (flat[:at].strip(), flat[at:].strip()) if at is not None else (flat, "")
        row = Row(start, end, {"content": Cell(content, c_start, end)}, stt=stt,
                  section=bool(re.fullmatch(r"[IVXL]{1,5}", stt)) and not lead)
        if lead:
            row.cells["lead"] = Cell(lead, end - len(lead), end)
        rows.append(row)
    return (TaskTable(lines[i].start, lines[j - 1].end if j > i else lines[i].end, rows) if rows else None), j
