"""When a task is due, as the text says it.

A deadline is an exact day when the text gives one ("trước ngày 20/9/2022",
"chậm nhất là ngày 15 tháng 10 năm 2025"; staged deadlines — "hoàn chỉnh
trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025" — keep the last);
otherwise the phrase as written: a period ("trong tháng 5/2025", "Quý III/2022",
"ngay từ năm 2025"), a relative limit ("chậm nhất 03 ngày kể từ ngày nhận
bài chấm"), an event ("tại Kỳ họp thứ 10 của Quốc hội khóa XV") or a
recurrence ("định kỳ hằng quý", "trước ngày 20 hằng tháng", "Hằng năm hoặc
đột xuất"). A date with no cue before it ("thời điểm 31/7/2025") is not a
deadline, and "thường xuyên" in running text is an adverb, not a deadline.

>>> find_deadline("gửi về Ban Tuyên giáo trước ngày 07/10/2022.").iso
'2022-10-07'
>>> d = find_deadline("dự thảo cần hoàn chỉnh trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025.")
>>> d.iso, d.text
('2025-06-25', 'trước ngày 25/6/2025')
>>> [find_deadline(s).text for s in ("triển khai ngay trong tháng 5/2025;", "định kỳ hằng quý tổng hợp báo cáo",
...  "định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất) báo cáo")]
['trong tháng 5/2025', 'định kỳ hằng quý', 'trước ngày 01/6 và 15/11 hằng năm']
>>> find_deadline("tổng hợp thực trạng (thời điểm 31/7/2025)") is None
True
"""
from __future__ import annotations

import re

from truyvet.loaders import scan
from truyvet.loaders.dates import DAY_MONTH_YEAR, Deadline, QUARTER_RE, make_date, quarter_period

_DATE = rf"(?:ngày\s+)?{DAY_MONTH_YEAR}"
_DAY_CUE = re.compile(
    rf"(?i)(?P<cue>trước|chậm nhất(?:\s+là)?|muộn nhất(?:\s+là)?|hạn chót(?:\s+là)?|đến hết|đến|vào|xong|hoàn thành)\s+(?:ngày\s+)?(?P<date>{DAY_MONTH_YEAR})(?!\d)"
)
_PERIOD = (
    r"(?:năm\s+\d{4}(?:\s*-\s*\d{4})?(?:\s+và\s+các\s+năm\s+tiếp\s+theo)?"
    r"|tháng\s+\d{1,2}\s*(?:/|năm|-)\s*\d{4}"
    r"|(?:quý|quí)\s+(?:IV|I{1,3}|[1-4])\s*(?:/|năm|-)\s*\d{4}"
    r"|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?)"
)
_PERIOD_CUE = re.compile(
    rf"(?i)(?P<cue>(?:hoàn thành\s+|xong\s+)?(?:trong|trước|vào|ngay\s+từ|từ|cuối|đầu|hết|chậm nhất(?:\s+trong)?))\s+(?P<period>{_PERIOD})"
)
_RELATIVE = re.compile(
    r"(?i)(?:chậm nhất|muộn nhất|trong(?:\s+thời\s+hạn)?|sau)\s+\d{1,3}\s+(?:ngày|tháng|tuần)(?:\s+làm\s+việc)?"
    r"\s+(?:kể\s+từ|sau\s+khi|từ)\s+[^.;,()\n]{3,90}"
    r"|(?i:trong\s+ngày\s+tiếp\s+nhận)[^.;()\n]{0,90}"
)
_EVENT = re.compile(r"(?i)(?:trình|báo cáo|thông qua|xem xét)[^.;\n]{0,120}?(?P<event>tại\s+(?:Kỳ họp|Hội nghị)[^.;,()\n]{3,60})")
_RECURRING = re.compile(
    r"(?i)(?:định\s+kỳ\s+(?=trước\s+ngày))?(?P<text>(?:trước\s+ngày\s+\d{1,2}(?:/\d{1,2})?(?:\s*(?:và|,)\s*\d{1,2}(?:/\d{1,2})?)*\s+|tháng\s+\d{1,2}\s+)?"
    r"(?:(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)|định\s+kỳ(?:\s+(?:hằng|hàng)\s+(?:năm|quý|tháng|tuần))?)"
    r"(?:,?\s+(?:hoặc\s+)?đột\s+xuất)?)"
)
_ONGOING_AT_END = re.compile(r"(?i)(?:thực hiện|triển khai)\s+thường\s+xuyên\s*[.;]?\s*$")


_HAS_DIGIT = re.compile(r"\d")
# The words each cue pattern can start with (lower case: the patterns ignore case).
_DAY_CUE_STARTS = ("trước", "chậm", "muộn", "hạn", "đến", "vào", "xong", "hoàn")
_PERIOD_CUE_STARTS = ("hoàn", "xong", "trong", "trước", "vào", "ngay", "từ", "cuối", "đầu", "hết", "chậm")
_RELATIVE_STARTS = ("chậm", "muộn", "trong", "sau")
_EVENT_STARTS = ("trình", "báo", "thông", "xem")
_RECURRING_STARTS = ("định", "trước", "tháng", "hằng", "hàng")
# Most task texts state no deadline, and the cue words ("trong", "vào",
# "trình") are common. What a pattern cannot match without, looked for in the
# lower-cased text, spares the scans that would find nothing: a day's date, a
# period's year, quarter or half-year, a relative limit's count, an event's
# meeting, a recurrence. No letter of these matches a third one when case is
# ignored (as "i" matches "ı" and "s" matches "ſ").
_DAY_NEEDS = re.compile(r"\d\s*(?:tháng|/|-|\.)\s*\d")
_PERIOD_NEEDS = re.compile(r"năm\s+\d|tháng\s+\d|quý\s|quí\s")
_HALF_YEAR = re.compile(r"tháng\s+(?:đầu|cuố)")
_COUNT_NEEDS = re.compile(r"\d\s+(?:ngày|tháng|tuần)")
_SAME_DAY = re.compile(r"trong\s+ngày")
_RECURS = re.compile(r"hằng\s+(?:năm|quý|tháng|tuần|ngày)|hàng\s+(?:năm|quý|tháng|tuần|ngày)|định\s+kỳ")


def find_deadline(text: str) -> Deadline | None:
    """The deadline a task's own text states (see the module doc)."""
    low = scan.lowered(text)
    digit = _HAS_DIGIT.search(text) is not None
    if not digit:
        # Every day, period and relative limit has a number; most text has none.
        if not any(w in (low or text.lower()) for w in ("hằng", "hàng ", "định kỳ", "kỳ họp", "hội nghị",
                                                        "thường xuyên", "trong ngày")):
            return None
    if low is None:                    # no lower-cased text to look in: every scan runs
        digit = True

    def may(needs: re.Pattern) -> bool:
        return low is None or needs.search(low) is not None

    def has(word: str) -> bool:
        return low is None or word in low

    days = []
    if digit and may(_DAY_NEEDS):
        days = [m for m in scan.finditer(_DAY_CUE, text, _DAY_CUE_STARTS)
                if not re.search(r"(?i)\btừ\s*$", text[max(0, m.start() - 8):m.start()])]
    valid = [(m, make_date(int(m["y"]), int(m["m"]), int(m["d"]))) for m in days]
    if valid:
        m, iso = valid[-1]
        start = m.start()
        return Deadline(text[start:m.end()], iso, None, start, m.end(), invalid=iso is None)
    found = []
    if digit and may(_PERIOD_NEEDS) or may(_HALF_YEAR):
        for m in scan.finditer(_PERIOD_CUE, text, _PERIOD_CUE_STARTS):
            found.append((m.start(), m.end(), _period_of(m["period"])))
    if digit and may(_COUNT_NEEDS) or may(_SAME_DAY):
        for m in scan.finditer(_RELATIVE, text, _RELATIVE_STARTS):
            found.append((m.start(), m.start() + len(m.group().rstrip()), None))
    if has("kỳ họp") or has("nghị"):
        for m in scan.finditer(_EVENT, text, _EVENT_STARTS):
            found.append((m.start("event"), m.start("event") + len(m["event"].rstrip()), None))
    if found:
        start, end, period = min(found)
        return Deadline(text[start:end], None, period, start, end)
    m = scan.search(_RECURRING, text, _RECURRING_STARTS) if may(_RECURS) else None
    if m:
        return Deadline(m["text"], None, "recurring", m.start("text"), m.end("text"))
    m = _ONGOING_AT_END.search(text) if has("xuyên") else None
    if m:
        return Deadline(m.group().rstrip(" .;"), None, "ongoing", m.start(), m.start() + len(m.group().rstrip(" .;")))
    return None


def value_deadline(value: str) -> Deadline:
    """The deadline in a field or table cell ("Thời gian thực hiện: <value>"):
    the value as written, with the day of its last dated limit when it has one."""
    written = re.sub(r"\s+", " ", value).strip().rstrip(" .;,")
    dates = [m for m in re.finditer(_DATE, written, re.IGNORECASE)
             if not re.search(r"(?i)\btừ\s*(?:ngày\s*)?$", written[max(0, m.start() - 10):m.start()])]
    iso = None
    if dates:
        m = dates[-1]
        iso = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    period = None
    pm = re.search(_PERIOD, written, re.IGNORECASE)
    if pm:
        period = _period_of(pm.group())
    elif re.search(r"(?i)thường xuyên", written):
        period = "ongoing"
    elif _RECURRING.search(written):
        period = "recurring"
    return Deadline(written, iso, period, 0, len(written))


def _period_of(phrase: str) -> str | None:
    p = phrase.lower()
    q = QUARTER_RE.search(p)
    if q:
        return quarter_period(q["q"], q["y"])
    m = re.match(r"tháng\s+(\d{1,2})\s*(?:/|năm|-)\s*(\d{4})", p)
    if m and 1 <= int(m[1]) <= 12:
        return f"{m[2]}-{int(m[1]):02d}"
    m = re.match(r"năm\s+(\d{4})(?:\s*-\s*(\d{4}))?", p)
    if m:
        return m[2] or m[1]
    return None
