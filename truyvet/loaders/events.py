"""Meetings a news article reports or a Thông báo kết luận records.

Only news articles and notices/conclusions are read: in a plan, "tổ chức hội
nghị quán triệt" is a task, not an event. The event is the first sentence of
the body that holds a meeting word ("buổi làm việc", "làm việc với", "Hội
nghị", "phiên họp", "hội thảo") and a day ("Ngày 27-11", "Chiều ngày 09 tháng
11 năm 2025", "tại phiên họp ngày 20/2") that is not the date of a document
it names. A day without a year takes the document's year (the year before
when the month is later than the document's).

Its chair is the first official named in that sentence before the meeting
word; the body met is what follows "làm việc với" ("lãnh đạo" dropped); its
participants are the officials of that sentence and of the sentences that
open with "Cùng dự", "Tham dự", "Tại buổi làm việc" … A notice whose title
reads "kết luận … tại buổi làm việc / Hội nghị / phiên họp" records it
itself (so does any notice or conclusion whose opening sentences report
it); a Thông báo or Kết luận named in the event's sentence or the one
before it ("đã ký Thông báo kết luận số 75-TB/TW … Theo đó, tại phiên họp
ngày 20/2 …") records it too.

>>> from truyvet.loaders.parse import parse_text
>>> d = parse_text("Tin bài\\n\\nNgày 27-11, Tổng Bí thư Tô Lâm chủ trì buổi làm việc với Ban Thường vụ Thành ủy Hà Nội về kinh tế.\\n\\nTheo báo 28/11/2024")
>>> [(e.kind, e.date, e.chair.name, e.bodies) for e in d.events]
[('working_session', '2024-11-27', 'Tô Lâm', ['Ban Thường vụ Thành ủy Hà Nội'])]
"""
from __future__ import annotations

import re

from truyvet.loaders.dates import make_date

KINDS_READ = ("news_article", "notice", "conclusion")
_MEETING = re.compile(
    r"(?P<w>(?:buổi|cuộc)\s+làm\s+việc|làm\s+việc\s+với|[Hh]ội\s+nghị|phiên\s+họp|cuộc\s+họp|(?<!Quốc\s)[Hh]ội\s+thảo|[Tt]ọa\s+đàm)")
# A day that opens a deadline or a period, or an issuing between day and meeting, is not the meeting's.
_NOT_MEETING_DAY = re.compile(r"(?:trước|sau|đến|từ|hạn|kể\s+từ)\s+$")
_ISSUED = re.compile(r"ban\s+hành|đã\s+ký")
_KIND = (("làm việc", "working_session"), ("hội nghị", "conference"), ("họp", "meeting"),
         ("hội thảo", "seminar"), ("tọa đàm", "seminar"))
_DAY = re.compile(r"(?<!\w)(?:(?:[Ss]áng|[Cc]hiều|[Tt]rưa|[Tt]ối)(?:\s+ngày)?|[Nn]gày)\s+(?P<d>\d{1,2})\s*(?:[-/.]|\s+tháng\s+)\s*(?P<m>\d{1,2})"
                  r"(?:\s*(?:[-/.]|\s+năm\s+)\s*(?P<y>\d{4}))?(?![\d/])")
_WITH = re.compile(r"làm\s+việc\s+với\s+(?:(?:đồng\s+chí\s+)?lãnh\s+đạo\s+(?:chủ\s+chốt\s+)?(?:của\s+)?)?"
                   r"(?P<b>[^,;.:()\n]{3,90}?)(?=\s+(?:về|tại|nhằm|để|và|sau|trong)\s|[,;.:()\n]|$)")
_CONF_NAME = re.compile(r"(?P<n>[Hh]ội\s+nghị(?:\s+[^,;.:()\n]{2,100}?)?)(?=\s+(?:do|tại|nhằm|để|về|với|sáng|chiều)\s|[,;.:()\n]|$)")
_VENUE = re.compile(r"\btại\s+(?P<v>(?:trụ\s+sở|[Hh]ội\s+trường|Nhà|Trung\s+tâm|Văn\s+phòng|Khu)[^,;.:()\n]{2,80})")
_OPENERS = re.compile(r"\s*(?:Cùng\s+(?:tham\s+)?dự|Tham\s+dự|Dự\s+buổi|Tham\s+gia|Tại\s+(?:buổi|cuộc|hội\s+nghị|Hội\s+nghị|phiên))")
_RECORD_KINDS = ("notice", "conclusion")


def meeting_kind(word: str) -> str:
    w = " ".join(word.lower().split())
    return next(k for cue, k in _KIND if cue in w)


def event_day(m: re.Match, doc_date: str | None) -> str | None:
    """ISO day of a "ngày d-m(-y)" match; the year from the document when missing.

    >>> event_day(_DAY.search("Ngày 27-11, Tổng Bí thư"), "2024-11-27")
    '2024-11-27'
    >>> event_day(_DAY.search("ngày 20/12 vừa qua"), "2025-01-03")
    '2024-12-20'
    """
    d, mo = int(m["d"]), int(m["m"])
    if m["y"]:
        return make_date(int(m["y"]), mo, d)
    if not doc_date:
        return None
    y, dm = int(doc_date[:4]), int(doc_date[5:7])
    return make_date(y - 1 if mo > dm else y, mo, d)


def find_event(flat: str, sentences: list[tuple[int, int]], kind: str, title: str | None, doc_date: str | None,
               people: list, ref_spans: list[tuple[int, int]], fallback_year: str | None = None):
    """(sentence span, event fields) of the main meeting, or None.

    ``sentences`` are the body's sentence spans in order (of ``flat``);
    ``people`` the person mentions (``span`` in ``flat``); ``ref_spans`` the
    spans of document mentions, whose dates are not the meeting's.
    """
    if kind not in KINDS_READ:
        return None
    for k, (a, b) in enumerate(sentences[:40]):
        s = flat[a:b]
        mw = _MEETING.search(s)
        if not mw:
            continue
        day = next((d for d in _DAY.finditer(s)
                    if not any(x <= a + d.start() < y for x, y in ref_spans) and abs(d.start() - mw.start()) < 220
                    and not _NOT_MEETING_DAY.search(s[max(0, d.start() - 12):d.start()])
                    and not _ISSUED.search(s[min(d.end(), mw.start()):max(d.start(), mw.end())])), None)
        if day is None:
            continue
        date = event_day(day, doc_date or fallback_year)
        if not date:
            continue
        # A caption glued before the paragraph ("Ảnh: VIẾT CHUNG") is not the sentence.
        cut = s.rfind("\n\n", 0, min(mw.start(), day.start()))
        if cut >= 0:
            a, s = a + cut + 2, s[cut + 2:]
            mw, day = _MEETING.search(s), _DAY.search(s, day.start() - cut - 2)
        inside = [p for p in people if a <= p.span[0] < b]
        chair = next((p for p in inside if p.span[1] <= a + mw.start()), None)
        with_m = _WITH.search(s)
        bodies = [with_m["b"].strip()] if with_m else []
        name = bodies[0] if bodies else ""
        if meeting_kind(mw["w"]) == "conference":
            cm = _CONF_NAME.search(s)
            name = " ".join(cm["n"].split()) if cm else mw["w"]
        venue = _VENUE.search(s)
        participants = [p for p in inside if p is not chair]
        for c, d in sentences[k + 1:k + 6]:
            if _OPENERS.match(flat[c:d]):
                participants += [p for p in people if c <= p.span[0] < d]
        return (a, b), {
            "kind": meeting_kind(mw["w"]), "kind_text": " ".join(mw["w"].split()), "date": date,
            "name": name, "chair": chair, "bodies": bodies,
            "venue": " ".join(venue["v"].split()) if venue else None,
            "participants": participants,
            # A notice or conclusion opening with a meeting is the record of it.
            "recorded_here": kind in _RECORD_KINDS,
        }
    return None
