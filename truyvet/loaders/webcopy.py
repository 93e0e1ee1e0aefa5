"""Identity of texts that reproduce a document, and of news articles.

Many copies found online have no header of their own. Their identity is
stated in one of a few ways, each a rule here:

* a page titled after the document ("Toàn văn Công văn 9671-CV/BTCTW …",
  "Tải file Kết luận 223-KL/TW …", "Nghị quyết 72-NQ/TW: Chi tiết …") whose
  lead says who issued it and when ("Ngày 17/9/2025, Ban Tổ chức Trung ương
  ban hành Công văn 9671-CV/BTCTW …"); a title naming a document without a
  copy word counts only with that lead sentence;
* a line giving the page's source: "(Theo Quyết định số 219-QĐ/TW ngày
  28/12/2024 của Bộ Chính trị …)";
* an annex heading of the document itself: "(Kèm theo Hướng dẫn số
  40-HD/BTGDVTW, ngày 27/11/2025 của Ban Tuyên giáo và Dân vận Trung ương)";
* its closing words about itself: "Nghị quyết này phổ biến đến chi bộ."

A news article reports on documents instead: a wire credit ("TTXVN"), a
source line ("Theo Báo …"), a byline, or a signing told in the third person
("Thay mặt Bộ Chính trị, … đã ký Thông báo …").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from truyvet.loaders.dates import DAY_MONTH_YEAR, make_date
from truyvet.loaders.kinds import kind_of_word
from truyvet.loaders.records import Identity
from truyvet.loaders.references import Mention, attach_issuer, symbol_mention
from truyvet.loaders.symbols import find_symbols


@dataclass
class Copied:
    """The document a text reproduces, as the text states it."""
    mention: Mention
    date: str | None = None
    date_span: tuple[int, int] | None = None
    issuer: str | None = None
    issuer_span: tuple[int, int] | None = None
    rule: str = ""


# A copy word right before the document's name: "Toàn văn Công văn …", "TOÀN
# VĂN: KẾT LUẬN …", "Tải file Kết luận …" (not "Tải về Mẫu phiếu … theo Thông tư …").
_COPY_WORDS = re.compile(r"(?:Toàn văn|TOÀN VĂN|Tải file|Tải về|TẢI VỀ|Xem toàn văn|Nội dung)\s*:?\s*(?:toàn văn\s*)?$")
# "Ngày 17/9/2025, Ban Tổ chức Trung ương (đã) ban hành Công văn 9671-CV/BTCTW":
# the subject is a body; a person signing ("đồng chí X ký") is a news report.
_ISSUED = re.compile(
    rf"(?:(?:Ngày|ngày)\s+{DAY_MONTH_YEAR}\s*,\s*)?"
    r"(?P<who>(?!đồng chí|Đồng chí|thay mặt|Thay mặt)[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF8][^.;:\n\d/]{2,140}?)"
    r"\s+(?:đã\s+)?(?:ban hành|có|ra|phát hành|thông qua)\s+$"
)


_HAS_SYMBOL = re.compile(r"\d\s*[-/]\s*[A-ZĐ]")


def _first_line(text: str) -> tuple[int, int] | None:
    for m in re.finditer(r"[^\n]+", text[:3000]):
        if m.group().strip(" \t*#_|"):
            return m.start(), m.end()
    return None


def copied_document(text: str, flat: str) -> Copied | None:
    """The document a header-less text reproduces, or None."""
    return _titled_copy(text, flat) or _source_line(flat) or None


def _own(mentions: list[Mention]) -> Mention | None:
    """The first mention with a symbol and its kind word ("Công văn 9671-CV/BTCTW")."""
    for m in mentions:
        if m.symbol and not m.via and m.kind_text and m.kind_text != m.symbol.code and kind_of_word(m.kind_text):
            return m
    return None


def _titled_copy(text: str, flat: str) -> Copied | None:
    line = _first_line(text)
    # A title names the document; a first line that is a finished sentence is not one.
    if line is None or not _HAS_SYMBOL.search(text, line[0], line[1]) or text[line[0]:line[1]].rstrip(" *_").endswith("."):
        return None
    title = _own([attach_issuer(flat, symbol_mention(flat, s)) for s in find_symbols(flat, line[0], line[1])])
    if title is None:
        return None
    sym = title.symbol.canonical
    lead_end = min(len(flat), line[1] + 2500)
    for s in find_symbols(flat, line[1], lead_end):
        if s.canonical != sym:
            continue
        m = symbol_mention(flat, s)
        # The statement is the clause ending where this mention begins.
        clause_start = max(flat.rfind("\n", 0, m.start), flat.rfind(". ", 0, m.start)) + 1
        st = _ISSUED.search(flat, clause_start, m.start)
        if st:
            out = Copied(attach_issuer(flat, m), rule="title and statement")
            if st["d"]:
                out.date = make_date(int(st["y"]), int(st["m"]), int(st["d"]))
                out.date_span = (st.start("d"), st.end("y"))
            who, at = st["who"].strip(), st.start("who")
            # "Với những lợi ích trên, Chính phủ ban hành …": the subject follows the comma.
            comma = who.rfind(", ")
            if comma >= 0 and who[comma + 2:comma + 3].isupper():
                who, at = who[comma + 2:], at + comma + 2
            out.issuer, out.issuer_span = who, (at, at + len(who))
            return out
    if _COPY_WORDS.search(flat, max(line[0], title.start - 24), title.start):
        return Copied(title, rule="title")
    return None


_SOURCE = re.compile(r"(?m)^[ \t]*\(\s*Theo\s+(?P<body>[^()\n]{8,400})\)\s*\.?[ \t]*$")


def _source_line(flat: str) -> Copied | None:
    """ "(Theo Quyết định số 219-QĐ/TW ngày 28/12/2024 của Bộ Chính trị …)"."""
    if "(Theo" not in flat and "( Theo" not in flat:
        return None
    for sm in _SOURCE.finditer(flat):
        m = _first_mention(flat, sm.start("body"), sm.end("body"))
        if m and _own([m]):
            return Copied(m, rule="source line")
    return None


def _first_mention(flat: str, start: int, end: int) -> Mention | None:
    """The mention that opens ``flat[start:end]``, with its date and issuer."""
    syms = find_symbols(flat, start, end)
    if not syms:
        return None
    m = symbol_mention(flat, syms[0])
    return attach_issuer(flat, m) if m.start == start else None


_ANNEX = re.compile(r"\(\s*(?:Kèm|kèm|Ban hành kèm|ban hành kèm) theo\s+(?P<body>[^()\n]{6,300})\)")


def annex_of_self(flat: str, kind: str) -> Mention | None:
    """The document's own number in an annex heading: "(Kèm theo Hướng dẫn số
    40-HD/BTGDVTW, ngày 27/11/2025 của …)" in a Hướng dẫn without a number."""
    if "èm theo" not in flat:
        return None
    for am in _ANNEX.finditer(flat):
        m = _first_mention(flat, am.start("body"), am.end("body"))
        if m and m.kind == kind:
            return m
    return None


_SELF_CLOSING = re.compile(
    r"(?:^|\n)[ \t]*(?P<kind>Nghị quyết|Chỉ thị|Kết luận|Quy định|Quyết định|Hướng dẫn|Kế hoạch|Thông báo|Quy chế|Chương trình)"
    r" này (?:phổ biến đến|được phổ biến|có hiệu lực|thay thế)"
)


def closing_kind(text: str) -> tuple[str, str] | None:
    """(kind, word) from the document's closing words about itself."""
    # The closing words are the text's last line, not a quotation before it.
    body = text.rstrip()
    tail_start = body.rfind("\n") + 1
    if " này " not in text[tail_start:]:
        return None
    m = _SELF_CLOSING.search(text, max(0, tail_start - 1))
    if m is None:
        return None
    return kind_of_word(m["kind"]), m["kind"]


# A wire credit, a source line, a byline, the page's timestamps; literals
# first, a pattern only where "Theo báo" can be the press ("Theo báo cáo" is not).
_WIRE_WORDS = ("TTXVN", "Link bài viết gốc", "Giờ đăng", "Ngày đăng bài")
_THEO_BAO = re.compile(r"Theo [Bb]áo (?!cáo)")
_BYLINE = re.compile(r"(?m)^[ \t*_]*Tác giả\s*:")
# An encyclopedia copy ("[sửa | sửa mã nguồn]") cites the press, it is not news.
_ENCYCLOPEDIA = ("sửa mã nguồn", "Bài viết hoặc đoạn này")
# "Thay mặt Bộ Chính trị, Thường trực Ban Bí thư Trần Cẩm Tú đã ký Thông báo …",
# "đồng chí Lê Minh Hưng, Ủy viên Bộ Chính trị, … đã ký ban hành Kế hoạch …".
_REPORTED_SIGNING = re.compile(r"(?:[Tt]hay mặt [^.\n]{3,80}?,[^.\n]{3,160}?|đồng chí [A-ZĐ][^.\n]{3,400}?)\s(?:đã\s+)?ký(?: ban hành)?\s")


# Marks of a news page: a dateline, a timestamp, a photo credit, a byline,
# the site's furniture. Literals are tested with "in", and each pattern
# starts with a literal: as one alternation they cost several times more.
_NEWS_WORDS = ("(TTXVN)", "Tin cùng chuyên mục", "Chia sẻ", "Phóng viên", "Kinhtedothi", ".jpg")
_NEWS_PATTERNS = (
    re.compile(r"(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|Chủ [Nn]hật),\s*\d{1,2}/\d{1,2}/\d{4}"),
    re.compile(r"Ảnh\s*:"), re.compile(r"PV\b"), re.compile(r"theo [A-Z][a-z]+\.vn"),
)
# "20/11/2024, 08:15": the part from the year's slash on, then the day/month.
_STAMP_TAIL = re.compile(r"/\d{4},?\s+\d{1,2}:\d{2}")
_DAY_MONTH_END = re.compile(r"\d{1,2}/\d{1,2}$")


def _site_marks(s: str) -> bool:
    return (any(w in s for w in _NEWS_WORDS) or any(p.search(s) for p in _NEWS_PATTERNS)
            or any(_DAY_MONTH_END.search(s, max(0, m.start() - 5), m.start())
                   for m in _STAMP_TAIL.finditer(s)))


def encyclopedia(text: str) -> bool:
    """A copy of an encyclopedia article: it cites the press, it is not news."""
    return any(w in text[:3000] or w in text[-3000:] for w in _ENCYCLOPEDIA)


def news_marks(text: str) -> bool:
    """Does the text carry the marks of a news report?"""
    head, tail = text[:3000], text[-3000:]
    if "Tác giả" in tail and _BYLINE.search(tail):
        return True
    for part in (head, tail):
        if any(w in part for w in _WIRE_WORDS) or ("heo báo" in part or "heo Báo" in part) and _THEO_BAO.search(part):
            return True
    first = re.search(r"[^\n]*\S[^\n]*", head)
    return bool(first and _REPORTED_SIGNING.search(first.group())) or _site_marks(head) or _site_marks(tail)


def letter_opening(text: str) -> bool:
    """A text that opens with "Kính gửi:" (after at most a few lines) is a letter."""
    if "ính gửi" not in text[:1500] and "ÍNH GỬI" not in text[:1500]:
        return False
    m = re.search(r"(?m)^[ \t\-*|]*(?:Kính gửi|KÍNH GỬI)\s*:", text[:1500])
    return bool(m) and len([l for l in text[:m.start()].splitlines() if l.strip(" |*")]) <= 3


_AFTER_SYMBOL = re.compile(r"[/-][A-ZĐ][\w&.-]*\)?\s*[,(]?\s*(?:ngày|Ngày)?\s*:?\s*$")


# The page's own time: "Giờ đăng: 13/10/2025 08:23", "Ngày đăng: 31/10/2025".
_STAMP = re.compile(r"(?:Giờ đăng|Ngày đăng|Ngày giờ đăng[^:\n]{0,20}|Cập nhật|Đăng ngày|Ngày xuất bản)\s*:?\s*"
                    r"(?:\d{1,2}:\d{2}\s*(?:ngày\s*)?)?" + DAY_MONTH_YEAR)
# A date that closes a deadline or a period is not the article's.
_BEFORE_DEADLINE = re.compile(r"(?:trước|sau|đến|từ|hết|trong|chậm nhất)\s+(?:ngày\s*)?$", re.IGNORECASE)


def news_date(text: str, idn: Identity, warnings: list[str]) -> None:
    """The article's own date: its publication stamp, else the first date of
    its lead that is not a cited document's or a deadline's."""
    stamp = _STAMP.search(text, max(0, len(text) - 1500)) or _STAMP.search(text, 0, 1500)
    if stamp:
        iso = make_date(int(stamp["y"]), int(stamp["m"]), int(stamp["d"]))
        if iso:
            idn.date, idn.date_span = iso, (stamp.start("d"), stamp.end("y"))
            return
    lead = text[:1500]
    for m in re.finditer(DAY_MONTH_YEAR, lead):
        # The date of a document the article names is not the article's.
        if _AFTER_SYMBOL.search(lead, max(0, m.start() - 30), m.start()) or \
                _BEFORE_DEADLINE.search(lead, max(0, m.start() - 20), m.start()):
            continue
        iso = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso:
            idn.date, idn.date_span = iso, (m.start(), m.end())
            return
        break
    m = re.search(r"(?:^|\n|\. )Ngày (?P<d>\d{1,2})[-/](?P<m>\d{1,2})(?![-/]\d)", lead)
    if not m:
        return
    years = Counter(re.findall(r"(?<!\d)(20\d\d)(?!\d)", text))
    if not years:
        return
    year = years.most_common(1)[0][0]
    iso = make_date(int(year), int(m["m"]), int(m["d"]))
    if iso:
        idn.date, idn.date_span = iso, (m.start("d"), m.end("m"))
        warnings.append(f"inferred year: news date {m['d']}-{m['m']} completed with {year}, the year the text mentions most")
