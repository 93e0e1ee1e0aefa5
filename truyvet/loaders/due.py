"""Deadlines as time: the deadline a text states → a due date, an interval, a recurrence.

A task's deadline is written many ways, and only some of them are a day a
task can be late against. :func:`normalise_deadline` reads the words (and the
document's date, for what it leaves out) and says which kind the deadline is:

* ``day``: one day ("trước ngày 20/9/2022");
* ``staged``: several days, the last is due ("trước ngày 01/6/2025 và ban
  hành trước ngày 25/6/2025");
* ``period``: due at the end of a quarter, month, half-year or year
  ("Quý III/2022" → 2022-09-30, "6 tháng đầu năm 2025" → 2025-06-30);
* ``interval``: a span, due at its end ("Năm 2025 - 2026", "Quý IV/2025 - Quý II/2026");
* ``relative``: N days or months from an anchor; due only when the anchor is
  the document's own signing ("trong 30 ngày kể từ ngày ký"), since the date
  of any other event ("kể từ ngày nhận đơn") is not known;
* ``recurring``: a duty that comes back ("hằng năm", "định kỳ 6 tháng",
  "trước ngày 20 hằng tháng") — a recurrence, never one due date;
* ``ongoing``: a standing duty ("thường xuyên", "năm 2025 và các năm tiếp theo");
* ``event``: bound to an event whose date the text does not give ("sau khi
  Nghị định … ban hành", "tại Kỳ họp thứ 10", "đến khi kết thúc Tổng kiểm kê");
* ``unknown``: nothing this module understands.

Only ``day``, ``staged``, ``period``, ``interval`` and a resolved ``relative``
have a ``due``; the rest have None, so a task without a real deadline is
never counted overdue.

>>> normalise_deadline("trước ngày 20/9/2022").due
'2022-09-20'
>>> d = normalise_deadline("Quý III/2022")
>>> d.kind, d.start, d.due
('period', '2022-07-01', '2022-09-30')
>>> normalise_deadline("Quí IV-2025").due, normalise_deadline("tháng 11/2025").due
('2025-12-31', '2025-11-30')
>>> normalise_deadline("6 tháng đầu năm", "2025-02-10").due
'2025-06-30'
>>> d = normalise_deadline("Quý IV/2025- Quý II/2026")
>>> d.kind, d.start, d.due
('interval', '2025-10-01', '2026-06-30')
>>> normalise_deadline("trong 30 ngày kể từ ngày ký", "2025-11-20").due
'2025-12-20'
>>> normalise_deadline("chậm nhất 03 ngày kể từ ngày nhận bài chấm", "2025-12-01").due is None
True
>>> d = normalise_deadline("trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025")
>>> d.kind, d.stages, d.due
('staged', ('2025-06-01', '2025-06-25'), '2025-06-25')
>>> d = normalise_deadline("trước ngày 01/6 và 15/11 hằng năm")
>>> d.kind, d.recurrence, d.on, d.due
('recurring', 'yearly', ('06-01', '11-15'), None)
>>> normalise_deadline("định kỳ 6 tháng").recurrence
'half-yearly'
>>> d = normalise_deadline("Năm 2026 và các năm tiếp theo")
>>> d.kind, d.start, d.due
('ongoing', '2026-01-01', None)
>>> normalise_deadline("Theo tiến độ được giao của Luật An ninh mạng 2025").kind
'event'
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from truyvet.loaders.keys import fold

KINDS = ("day", "staged", "period", "interval", "relative", "recurring", "ongoing", "event", "unknown")

# How sure the reading is, by kind: a year-less period guessed from the
# document's date, or an anchor date added to, is less certain than a day.
CONFIDENCE = {"day": 0.95, "staged": 0.9, "period": 0.9, "interval": 0.9, "relative": 0.7,
              "recurring": 0.85, "ongoing": 0.85, "event": 0.8, "unknown": 0.2}


@dataclass(frozen=True)
class Due:
    text: str                          # as written
    kind: str                          # one of KINDS
    due: str | None = None             # ISO day the task is due
    start: str | None = None           # ISO day an interval or period starts
    recurrence: str | None = None      # yearly | half-yearly | quarterly | monthly | weekly | periodic
    on: tuple[str, ...] = ()           # when in the recurrence: "MM-DD", "MM" or "DD"
    stages: tuple[str, ...] = ()       # every stage's day, in order (staged)
    confidence: float = 0.0

    def to_json(self) -> dict:
        return {"text": self.text, "kind": self.kind, "due": self.due, "start": self.start,
                "recurrence": self.recurrence, "on": list(self.on), "stages": list(self.stages),
                "confidence": self.confidence}


# --- time points, on folded text (no diacritics, lower case) ------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# One separator throughout: "11 - 12/2025" is two months, not a day.
_DATE = re.compile(r"(?<![\d/])(?<!thang )(\d{1,2})\s*(?:([/.-])\s*(\d{1,2})\s*\2|thang\s+(\d{1,2})\s*,?\s*nam)\s*(\d{4})(?!\d)")
_QUARTER = re.compile(r"\bqu[yi]\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|nam|,)\s*(\d{4}))?")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*(?:-|den|va)\s*(?:thang\s+)?(\d{1,2}))?(?:\s*(?:/|-|nam)\s*(\d{4}))?(?![\d/])")
_HALF = re.compile(r"\b(?:6|06|sau) thang (dau|cuoi) nam(?:\s+(\d{4}))?")
_YEAR_RANGE = re.compile(r"(?<![\d/.])((?:19|20)\d{2})\s*(?:-|den)\s*(?:nam\s+)?((?:19|20)\d{2})(?![\d/])")
# A school year runs September to May.
_SCHOOL_YEAR = re.compile(r"\bnam hoc\s+((?:19|20)\d{2})\s*-\s*(?:19|20)\d{2}")
# A bare year is a time only where time words put it: "năm 2025", "2026 - 2030"
# or the whole deadline; "Luật An ninh mạng 2025" names a law.
_YEAR = re.compile(r"(?:^|\bnam\s+|\bgiai doan\s+)((?:19|20)\d{2})(?![\d/])")
_DAY_MONTH = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_MONTH_DAY = re.compile(r"\bngay\s+(\d{1,2})\b(?!\s*(?:/|thang))")

_RELATIVE = re.compile(
    r"(?:^|(?:trong(?: vong| thoi han)?|cham nhat(?: la)?(?: sau)?|khong qua|sau|truoc)\s+)(\d{1,3})\s+"
    r"(ngay lam viec|ngay|tuan|thang|nam)\b(?!\s+(?:dau|cuoi) nam)(?P<rest>.*)")
_SAME_DAY = re.compile(r"\btrong ngay\b")
_ANCHOR_SIGNED = re.compile(r"(?:ke tu|tinh tu|sau)\s+(?:ngay\s+)?(?:ky|ban hanh|ky ban hanh)\b")
_RECURRENCE = (
    ("half-yearly", re.compile(r"\b(?:(?:6|06|sau) thang(?: mot lan|/lan| 1 lan)?|nua nam)\b(?!\s*(?:dau|cuoi))"
                               r"|dinh ky (?:6|06|sau) thang")),
    ("yearly", re.compile(r"\bhang nam\b")),
    ("quarterly", re.compile(r"\bhang quy\b")),
    ("monthly", re.compile(r"\bhang thang\b")),
    ("weekly", re.compile(r"\bhang tuan\b")),
    ("periodic", re.compile(r"\bdinh ky\b")),
)
_ONGOING = re.compile(r"\bthuong xuyen\b|\blien tuc\b|\bcac nam tiep theo\b|\bngay tu\b|\bhang ngay\b")
_UNTIL_EVENT = re.compile(r"\b(?:den|cho den) khi\b")
_EVENT = re.compile(r"\bsau khi\b|\bkhi co\b|\btheo (?:tien do|lo trinh|ke hoach)\b|\btai (?:ky hop|hoi nghi|phien)\b"
                    r"|\bdot xuat\b|\bngay sau\b|\bkhi\b|\bkhi nao\b")


@dataclass(frozen=True)
class _Point:
    start: str
    end: str
    at: int            # position in the folded text
    stop: int
    grain: str         # day | month | quarter | half | year


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_end(y: int, m: int) -> str:
    return dt.date(y, m, calendar.monthrange(y, m)[1]).isoformat()


def _points(f: str, year: int | None) -> list[_Point]:
    """Every time the folded text names, in order; ``year`` fills a missing one."""
    taken: list[tuple[int, int]] = []
    out: list[_Point] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, start: str | None, end: str | None, grain: str) -> None:
        if start and end and free(a, b):
            taken.append((a, b))
            out.append(_Point(start, end, a, b, grain))

    for m in _ISO.finditer(f):
        d = _iso(int(m[1]), int(m[2]), int(m[3]))
        add(m.start(), m.end(), d, d, "day")
    for m in _DATE.finditer(f):
        d = _iso(int(m[5]), int(m[3] or m[4]), int(m[1]))
        add(m.start(), m.end(), d, d, "day")
    for m in _QUARTER.finditer(f):
        q = _ROMAN.get(m[1]) or int(m[1])
        y = int(m[2]) if m[2] else year
        if y:
            add(m.start(), m.end(), _iso(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
    for m in _HALF.finditer(f):
        y = int(m[2]) if m[2] else year
        if y:
            first = m[1] == "dau"
            add(m.start(), m.end(), _iso(y, 1 if first else 7, 1), _month_end(y, 6 if first else 12), "half")
    for m in _MONTH.finditer(f):
        a, b = int(m[1]), int(m[2] or m[1])
        y = int(m[3]) if m[3] else year
        if y and 1 <= a <= b <= 12:
            add(m.start(), m.end(), _iso(y, a, 1), _month_end(y, b), "month")
    for m in _SCHOOL_YEAR.finditer(f):
        a = int(m[1])
        add(m.start(), m.end(), _iso(a, 9, 1), _iso(a + 1, 5, 31), "year")
    for m in _YEAR_RANGE.finditer(f):
        a, b = int(m[1]), int(m[2])
        if a <= b:
            add(m.start(), m.end(), _iso(a, 1, 1), _iso(b, 12, 31), "year")
    for m in _YEAR.finditer(f):
        y = int(m[1])
        add(m.start(1), m.end(1), _iso(y, 1, 1), _iso(y, 12, 31), "year")
    return sorted(out, key=lambda p: p.at)


def _add(date: str, n: int, unit: str) -> str:
    d = dt.date.fromisoformat(date)
    if unit == "ngay":
        return (d + dt.timedelta(days=n)).isoformat()
    if unit == "tuan":
        return (d + dt.timedelta(weeks=n)).isoformat()
    if unit == "ngay lam viec":
        # Saturdays and Sundays skipped; public holidays are not known here.
        while n > 0:
            d += dt.timedelta(days=1)
            if d.weekday() < 5:
                n -= 1
        return d.isoformat()
    months = n * 12 if unit == "nam" else n
    y, m = divmod(d.month - 1 + months, 12)
    y, m = d.year + y, m + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1])).isoformat()


def _recurrence(f: str) -> str | None:
    return next((name for name, pat in _RECURRENCE if pat.search(f)), None)


def _recurring_on(f: str, recurrence: str) -> tuple[str, ...]:
    """When in each cycle: "trước ngày 01/6 và 15/11 hằng năm" → ("06-01", "11-15")."""
    if recurrence in ("yearly", "half-yearly"):
        days = tuple(f"{int(m[2]):02d}-{int(m[1]):02d}" for m in _DAY_MONTH.finditer(f)
                     if 1 <= int(m[2]) <= 12 and 1 <= int(m[1]) <= 31)
        if days:
            return days
        return tuple(f"{int(m[1]):02d}" for m in _MONTH.finditer(f) if not m[3] and 1 <= int(m[1]) <= 12)
    if recurrence == "monthly":
        return tuple(f"{int(m[1]):02d}" for m in _MONTH_DAY.finditer(f) if 1 <= int(m[1]) <= 31)
    return ()


def _is_span(f: str, points: list[_Point]) -> bool:
    """Two times joined as a span ("từ … đến …", "… - …"), not as stages."""
    a, b = points[0], points[-1]
    between = f[a.stop:b.at].strip(" ,")
    return between in ("-", "den", "den ngay", "den het", "toi") or bool(re.search(r"\btu\b", f[:a.at + 1]))


def normalise_deadline(text: str | None, doc_date: str | None = None) -> Due | None:
    """The deadline ``text`` as time; ``doc_date`` (ISO) resolves what the text
    leaves out: a year-less period, a delay counted from the signing.

    None for an empty text. See the module doc for the kinds.
    """
    if not text or not text.strip():
        return None
    f = fold(text)
    doc_year = int(doc_date[:4]) if doc_date else None
    recurrence = _recurrence(f)
    explicit = _points(f, None)
    dated = [p for p in explicit if p.grain == "day"]

    def make(kind: str, **kw) -> Due:
        return Due(text, kind, confidence=CONFIDENCE[kind], **kw)

    if _ONGOING.search(f):
        return make("ongoing", start=explicit[0].start if explicit else None, recurrence=recurrence,
                    on=_recurring_on(f, recurrence) if recurrence else ())
    if _UNTIL_EVENT.search(f):
        return make("event", start=explicit[0].start if explicit else None)
    if recurrence and not dated:
        return make("recurring", recurrence=recurrence, on=_recurring_on(f, recurrence))
    rel = _RELATIVE.search(f)
    # "36 tháng kể từ ngày bàn giao đất (theo Quyết định … năm 2024)": the
    # delay comes first, later years name documents.
    if rel and (not explicit or rel.start() < explicit[0].at):
        n, unit, rest = int(rel[1]), rel[2], rel["rest"]
        if doc_date and _ANCHOR_SIGNED.search(rest):
            return make("relative", due=_add(doc_date, n, unit), start=doc_date)
        return make("relative")
    points = explicit or _points(f, doc_year)
    if points:
        guessed = not explicit
        if len(points) > 1 and _is_span(f, points):
            due = make("interval", start=points[0].start, due=max(p.end for p in points), recurrence=recurrence)
        elif len(dated) > 1:
            days = tuple(p.end for p in dated)
            due = make("staged", stages=days, due=max(days), start=None, recurrence=recurrence)
        else:
            last = points[-1]
            kind = "day" if last.grain == "day" else ("interval" if last.start[:4] != last.end[:4]
                                                      or last.grain == "month" and last.start[5:7] != last.end[5:7]
                                                      else "period")
            due = make(kind, due=last.end, start=None if kind == "day" else last.start, recurrence=recurrence)
        if guessed:
            due = Due(**{**due.__dict__, "confidence": 0.6})
        return due
    if _EVENT.search(f):
        return make("event")
    if rel or _SAME_DAY.search(f):
        return make("relative")
    return make("unknown")
