"""Dates, periods and deadlines as Vietnamese documents write them.

Plain regexes: date libraries find nothing in "Hà Nội, ngày …" or "quý III …"
and invent missing parts. An impossible date (31/02) is kept as text and
reported, never guessed.

>>> parse_date("20 tháng 01 năm 2025")
'2025-01-20'
>>> parse_date("3/12/2024"), parse_date("14-6-2024"), parse_date("31/02/2024")
('2024-12-03', '2024-06-14', None)
>>> find_deadline("gửi về Ban Tuyên giáo trước ngày 07/10/2022.").iso
'2022-10-07'
>>> d = find_deadline("Thời gian hoàn thành: Trong Quý III/2022.")
>>> d.text, d.period
('Quý III/2022', '2022-Q3')
>>> m = PARTIAL_DATE_RE.match("ngày   tháng 9 năm 2025")
>>> partial_period(m)
'2025-09'
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

# "ngày 20 tháng 01 năm 2025" | "20/01/2025" | "20-01-2025" | "20.01.2025"
DAY_MONTH_YEAR = (
    r"(?P<d>\d{1,2})\s*(?:tháng|/|-|\.)\s*(?P<m>\d{1,2})\s*(?:năm|/|-|\.)\s*(?P<y>\d{4})"
)
DATE_RE = re.compile(rf"(?<!\d){DAY_MONTH_YEAR}(?!\d)", re.IGNORECASE)
# The date that follows a symbol: ", ngày 5/5/2022", " (ngày 14-6-2024)", " ngày 03 tháng 12 năm 2024"
TRAILING_DATE_RE = re.compile(
    rf"\s*[,(]?\s*(?:ngày|ngay)\s*:?\s*{DAY_MONTH_YEAR}(?:\s*\))?", re.IGNORECASE
)
# A date with its day (and maybe its month) left blank, as e-signed copies and
# drafts write it: "ngày   tháng 9 năm 2025", "ngày … tháng … năm 2025",
# "ngày /11/2025", "ngày / /2025". What is known is kept; nothing is filled in.
PARTIAL_DATE_RE = re.compile(
    r"(?:ngày|Ngày)[\s.…_]*(?:tháng\s*(?:(?P<m>\d{1,2})|[.…_\s]*)\s*năm\s*(?P<y>\d{4})"
    r"|/\s*(?:(?P<m2>\d{1,2})|[\s.…_]*)\s*/\s*(?P<y2>\d{4}))(?!\d)"
)
DAY_MONTH_RE = re.compile(r"(?<![\d/])ngày\s+(?P<d>\d{1,2})\s*[-/]\s*(?P<m>\d{1,2})(?![\d/-])")
QUARTER_RE = re.compile(
    r"(?:quý|quí)\s+(?P<q>IV|I{1,3}|[1-4])\s*(?:/|năm|-)\s*(?P<y>\d{4})", re.IGNORECASE
)
MONTH_RE = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm|-)\s*(?P<y>\d{4})", re.IGNORECASE)
YEAR_RE = re.compile(r"(?:trong |cuối |hết |đầu )?năm\s+(?P<y>\d{4})", re.IGNORECASE)
TERM_RE = re.compile(r"\bkh(?:óa|oá)\s+(?P<t>[IVXLC]{1,7}|\d{1,2})\b", re.IGNORECASE)

# Words that make a date or period a deadline.
_DEADLINE_CUE = re.compile(
    r"(?P<cue>(?:xong |hoàn thành |hoàn thiện |báo cáo |gửi [^.;\n]{0,60}?)?trước ngày"
    r"|chậm nhất(?: là)?(?: ngày| vào| trong)?"
    r"|(?:thời gian|thời hạn|tiến độ)(?: hoàn thành| thực hiện| báo cáo)?\s*:"
    r"|hoàn thành (?:trong|trước|vào)(?: ngày)?"
    r"|xong trong)\s*",
    re.IGNORECASE,
)
_ONGOING = re.compile(r"\b(?:thường xuyên|hằng năm|hàng năm|định kỳ|hằng quý)\b", re.IGNORECASE)


def make_date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """ISO date of the first day-month-year in ``text``; None if invalid or absent."""
    m = DATE_RE.search(text)
    if not m:
        return None
    return make_date(int(m["y"]), int(m["m"]), int(m["d"]))


def partial_period(m: re.Match) -> str | None:
    """ "YYYY-MM" or "YYYY" of a :data:`PARTIAL_DATE_RE` match (None if the
    month is impossible)."""
    month, year = m["m"] or m["m2"], m["y"] or m["y2"]
    if month is None:
        return year
    return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None


def quarter_period(q: str, year: str) -> str:
    n = ROMAN.get(q.upper()) or int(q)
    return f"{year}-Q{n}"


@dataclass(frozen=True)
class Deadline:
    text: str             # as written, e.g. "Quý III/2022", "trước ngày 20/9/2022"
    iso: str | None       # exact day
    period: str | None    # "2022-Q3", "2021-05", "2025", "ongoing"
    start: int            # span in the searched text
    end: int
    invalid: bool = False  # a day-month-year that is not a real date


_DEADLINE_WORDS = ("trước ngày", "chậm nhất", "thời gian", "thời hạn", "tiến độ", "hoàn thành",
                   "xong trong", "thường xuyên", "hằng năm", "hàng năm", "định kỳ", "hằng quý")


def find_deadline(text: str) -> Deadline | None:
    """The first deadline stated in ``text`` (a task's own text)."""
    low = text.lower()
    if not any(w in low for w in _DEADLINE_WORDS):
        return None
    for cue in _DEADLINE_CUE.finditer(text):
        tail = text[cue.end():cue.end() + 60]
        tail = re.sub(r"^(?:trong|trước|vào|ngày|là)\s+", "", tail, flags=re.IGNORECASE)
        offset = cue.end() + (len(text[cue.end():cue.end() + 60]) - len(tail))
        found = _period_at_start(tail)
        if found:
            kind, value, invalid, length = found
            written = tail[:length]
            start = offset
            if kind == "day":
                return Deadline(written, value, None, start, start + length, invalid)
            return Deadline(written, None, value, start, start + length)
    m = _ONGOING.search(text)
    if m and re.search(r"(?:thực hiện|triển khai|thời gian)[^.;\n]{0,20}$", text[:m.start()], re.IGNORECASE):
        return Deadline(m.group(), None, "ongoing", m.start(), m.end())
    return None


def _period_at_start(tail: str):
    m = DATE_RE.match(tail)
    if m:
        iso = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return "day", iso, iso is None, m.end()
    m = QUARTER_RE.match(tail)
    if m:
        return "period", quarter_period(m["q"], m["y"]), False, m.end()
    m = MONTH_RE.match(tail)
    if m and 1 <= int(m["m"]) <= 12:
        return "period", f"{m['y']}-{int(m['m']):02d}", False, m.end()
    m = YEAR_RE.match(tail)
    if m:
        return "period", m["y"], False, m.end()
    m = _ONGOING.match(tail)
    if m:
        return "period", "ongoing", False, m.end()
    return None
