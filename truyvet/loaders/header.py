"""A document's identity from its header, preamble and signature block.

Party documents open with the issuing body, "*", "Số …", a subject line,
"ĐẢNG CỘNG SẢN VIỆT NAM", the place and date, then the kind in capitals and
the title. Online copies often lose parts of it (seed 000 starts at the date
line), so each field has a fallback: the issuer from "… ban hành Kế hoạch"
or "Trên đây là Kế hoạch của …", the place from the issuer's name.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from truyvet.loaders.dates import DAY_MONTH_YEAR, TERM_RE, make_date
from truyvet.loaders.keys import accent_key, fold
from truyvet.loaders.kinds import KIND_WORDS, kind_of_word
from truyvet.loaders.places import _PROPER, place_in
from truyvet.loaders.records import Identity
from truyvet.loaders.scan import LineStart
from truyvet.loaders.segments import Line, MARKER_RE, is_caps_line
from truyvet.loaders.symbols import find_symbols

_PLACE_DATE = re.compile(
    r"(?m)(?:^|\t)[ \t>*_-]*(?P<place>(?:(?:Thành phố|TP\.?|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị xã)\s+)?"
    + _PROPER + r"(?:\s+" + _PROPER + r"){0,3})\s*,\s*(?:ngày|Ngày)\s*:?\s*" + DAY_MONTH_YEAR
)
# What every place-and-date line has; a literal first, so a quick test.
_COMMA_DAY = re.compile(r",\s*[Nn]gày")
_NUMBER_LINE = re.compile(r"(?m)^[ \t]*(?:Số|SỐ|Số hiệu)\s*[:.]?\s*(?P<rest>[^\n]{0,60})")
_MOTTOS = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_MOTTO_STARTS = ("dang cong san", "cong hoa xa hoi", "chu nghia viet nam", "doc lap")
_KIND_CAPS = sorted((k.upper() for k in KIND_WORDS), key=len, reverse=True)
_OPENING = re.compile(r"\s*(?:Thực hiện|Căn cứ|Để |Trên cơ sở|Kính gửi|Ngày \d|Theo )")
_ISSUER_VERB = re.compile(
    r"(?:^|[;,.]\s*)(?P<issuer>(?:Ban|Thường trực|Thành|Tỉnh|Huyện|Quận|Đảng|Ủy|Uỷ|UBND|Hội đồng|Bộ|Văn phòng|Chi bộ)"
    r"[^;,.:\n]{2,90}?)(?:\s+đã)?\s+(?:ban hành|xây dựng|triển khai|đề ra|xây dựng và ban hành)\s+(?:[Kk]ế hoạch|[Cc]hương trình|[Hh]ướng dẫn|[Nn]ghị quyết|[Qq]uy định|[Cc]hỉ thị|[Kk]ết luận)"
)
_CLOSING_ISSUER = re.compile(
    r"Trên đây là (?:[Kk]ế hoạch|[Cc]hương trình|[Hh]ướng dẫn|[Qq]uy định|[Cc]hỉ thị|[Kk]ết luận|[Nn]ghị quyết|[Tt]hông báo)"
    r"(?: [^\n]{0,40}?)? của (?P<issuer>[^\n;,]{3,90}?)(?= về | (?:nghiên cứu|triển khai|thực hiện)|[.,;\n])"
)
_NAME_LINE = re.compile(
    r"^[ \t]*(?P<name>(?:[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF9][a-zđâăêôơư\u00E0-\u1EF9]+|[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF8]+)"
    r"(?:[ \t]+(?:[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF9][a-zđâăêôơư\u00E0-\u1EF9]+|[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF8]+)){1,4})[ \t]*$"
)
_SIGN_BLOCK = LineStart(r"[ \t]*(?:T/M|TM\.|K/T|KT\.|Q\.|TL\.|T/L|THAY MẶT|Nơi nhận)")
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


def _news_marks(s: str) -> bool:
    return (any(w in s for w in _NEWS_WORDS) or any(p.search(s) for p in _NEWS_PATTERNS)
            or any(_DAY_MONTH_END.search(s, max(0, m.start() - 5), m.start())
                   for m in _STAMP_TAIL.finditer(s)))


# Words of bodies and titles; a line with two of them is not a person's name.
_NOT_NAME_WORDS = {"Thành", "Tỉnh", "Ban", "Đảng", "Ủy", "Uỷ", "Nơi", "Nhận", "Phòng", "Bí", "Thư",
                   "Chủ", "Tịch", "Phó", "Kế", "Hoạch", "Thường", "Trực", "Vụ", "Hội", "Đồng", "Nhân",
                   "Dân", "Khối", "Trung", "Ương", "Lưu", "Như", "Kính", "Gửi"}


@dataclass
class Header:
    identity: Identity
    body_start: int        # where the preamble/body starts (after the title)
    title_span: tuple[int, int] | None  # the title, up to the body: a cue there governs the whole document
    warnings: list[str]


_ANCHOR = LineStart(
    r"[ \t]*(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[ÒO]À? XÃ HỘI|Độc lập\s*-\s*Tự do|(?:Số|SỐ)\s*:?\s*\d{1,6}\s*[/-])"
)
_METADATA = {
    "symbol": re.compile(r"Số hiệu\s*:\s*([^\n]{0,40})"),
    "kind": re.compile(r"Loại văn bản\s*:\s*([^\n]{2,40})"),
    "issuer": re.compile(r"Nơi ban hành\s*:\s*([^\n]{2,80})"),
    "signer": re.compile(r"Người ký\s*:\s*([^\n]{2,60})"),
    "date": re.compile(r"Ngày ban hành\s*:\s*(\d{1,2}/\d{1,2}/\d{4})"),
}


def _header_start(text: str, lines: list[Line]) -> int:
    """Where the real header begins: web copies put menus and metadata first."""
    anchor = _ANCHOR.find(text, min(len(text), 12000))
    if anchor is None or anchor < 200:
        return 0
    # Walk back over the issuer lines ("BỘ TÀI CHÍNH / CỤC THUẾ / -------").
    idx = next(i for i, ln in enumerate(lines) if ln.end >= anchor)
    start, taken = lines[idx].start, 0
    for ln in reversed(lines[:idx]):
        s = ln.text.strip(" *#_|")
        if not s:
            continue
        if taken >= 6 or not (is_caps_line(s) or set(s) <= set("-*=_ ")):
            break
        start, taken = ln.start, taken + 1
    return start


def _metadata(text: str) -> dict[str, str]:
    """Fields of the metadata box legal portals print before the document."""
    head = text[:5000]
    out = {}
    for key, pat in _METADATA.items():
        m = pat.search(head)
        if m:
            value = m.group(1).strip(" |:")
            if value:
                out[key] = value
                out[key + "_span"] = (m.start(1), m.start(1) + len(m.group(1).rstrip(" |:")))
    return out


def parse_header(text: str, lines: list[Line], flat: str | None = None) -> Header:
    """``flat`` is the text with single line breaks as spaces, for phrases."""
    flat = text if flat is None else flat
    warnings: list[str] = []
    h_start = _header_start(text, lines)
    head_end = _header_end(text, lines, h_start)
    head = text[h_start:head_end]

    idn = Identity(kind="other")
    # Place and date
    end = min(len(text), max(head_end, h_start + 3000))
    m = _PLACE_DATE.search(text, h_start, end) if _COMMA_DAY.search(text, h_start, end) else None
    if m and m.start() <= head_end + 200:
        idn.place = m["place"].strip(" -*")
        iso = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso is None:
            warnings.append(f"invalid date: {m['d']}/{m['m']}/{m['y']} in the header at {m.start('d')}")
        idn.date = iso
        idn.date_span = (m.start("d"), m.end("y"))

    # Number and symbol
    nm = _NUMBER_LINE.search(text, h_start, head_end)
    if nm:
        syms = find_symbols(text, nm.start("rest"), nm.end("rest"))
        if syms:
            s = syms[0]
            idn.symbol, idn.symbol_text, idn.number = s.canonical, s.written, s.number
            idn.symbol_span = (s.start, s.end)
        else:
            num = re.match(r"\s*(\d{1,6})", nm["rest"])
            idn.number = num.group(1) if num else None

    # Kind line and title
    kind_line = None
    found_kind = _kind_line(lines, h_start, head_end)
    if found_kind:
        kind_line, idn.kind, idn.kind_text = found_kind
    title_para, body_start = _title_after(text, lines, kind_line, head_end)
    title_span = None
    if title_para:
        idn.title = re.sub(r"\s+", " ", text[title_para[0]:title_para[1]]).strip(" *")
        title_span = (title_para[0], body_start)

    # The symbol's code is the kind when no kind line is given.
    if idn.kind == "other" and idn.symbol:
        own = find_symbols(idn.symbol)[0]
        if own.kind:
            idn.kind = own.kind
            idn.kind_text = idn.kind_text or own.code
    if idn.kind == "other" and re.search(r"(?m)^[ \t]*V/v\b", head):
        idn.kind, idn.kind_text = "official_letter", idn.kind_text or "V/v"

    meta = _metadata(text) if h_start else {}
    if meta:
        _apply_metadata(text, idn, meta)
    news = idn.kind == "other" and not idn.symbol and not idn.date and (_news_marks(text[:3000]) or _news_marks(text[-3000:]))
    # Issuer: the header, else the body's own words; a news article has none.
    if not news:
        found = _issuer_from_head(text, lines, h_start, head_end) or _issuer_in_body(flat, body_start)
        if found:
            idn.issuer, idn.issuer_span = found
    # "BAN CHẤP HÀNH TRUNG ƯƠNG" heads documents of the Bộ Chính trị and Ban
    # Bí thư too; "T/M BỘ CHÍNH TRỊ" in the signature names the acting body.
    if idn.issuer and fold(idn.issuer) == "ban chap hanh trung uong":
        tm = re.search(r"T/M\s+(BỘ CHÍNH TRỊ|BAN BÍ THƯ)", text)
        if tm:
            idn.issuer = "Bộ Chính trị" if "CHÍNH" in tm.group(1) else "Ban Bí thư"
    if idn.issuer and idn.place is None:
        idn.place = place_in(idn.issuer)[0]

    # News articles and other texts without a header
    if news:
        idn.kind = "news_article"
        first = next((ln for ln in lines if not ln.blank), None)
        if first:
            idn.title = first.text.strip(" *#")
            body_start = first.end
            title_span = (first.start, first.end)
        _news_date(text, idn, warnings)

    tm = TERM_RE.search(text, 0, body_start) if body_start else None
    if tm:
        idn.term = tm["t"].upper()

    _signer(text, lines, idn)
    return Header(idn, body_start, title_span, warnings)


def _kind_line(lines: list[Line], h_start: int, head_end: int):
    """(line, kind, kind as written) of the capitalised kind line ("KẾ HOẠCH")."""
    for ln in lines:
        if ln.start < h_start:
            continue
        if ln.start > head_end:
            return None
        s = ln.text.strip(" *#_")
        if not is_caps_line(s):
            continue
        fs = fold(s)
        if fs in _MOTTOS:
            continue
        up = fs.upper()
        for k in _KIND_CAPS:
            if up.startswith(k.upper()) and (len(fs) == len(k) or fs[len(k)] == " "):
                return ln, kind_of_word(k) or "other", s[: len(k)]
    return None


def _issuer_in_body(flat: str, body_start: int):
    """(issuer, span) from "… ban hành Kế hoạch" or "Trên đây là Kế hoạch của …"."""
    im = _ISSUER_VERB.search(flat[body_start:body_start + 3000])   # a slice: "^" is the body's start
    if im:
        a = body_start + im.start("issuer")
        return im["issuer"].strip(), (a, a + len(im["issuer"].strip()))
    cm = _CLOSING_ISSUER.search(flat)
    if cm:
        return cm["issuer"].strip(), (cm.start("issuer"), cm.start("issuer") + len(cm["issuer"].strip()))
    return None


def _apply_metadata(text: str, idn: Identity, meta: dict) -> None:
    if not idn.symbol and "symbol" in meta:
        syms = find_symbols(meta["symbol"])
        if syms:
            idn.symbol, idn.symbol_text, idn.number = syms[0].canonical, syms[0].written, syms[0].number
            a = meta["symbol_span"][0] + syms[0].start
            idn.symbol_span = (a, a + len(syms[0].written))
    from_code = bool(idn.kind_text and idn.symbol and idn.kind_text in idn.symbol)
    if (idn.kind == "other" or from_code) and "kind" in meta:
        k = kind_of_word(meta["kind"])
        if k:
            idn.kind, idn.kind_text = k, meta["kind"]
    if not idn.date and "date" in meta:
        d = meta["date"].split("/")
        idn.date = make_date(int(d[2]), int(d[1]), int(d[0]))
        idn.date_span = meta["date_span"]
    if not idn.signer and "signer" in meta and _NAME_LINE.match(meta["signer"]):
        idn.signer, idn.signer_span = meta["signer"], meta["signer_span"]
    if not idn.issuer and "issuer" in meta:
        idn.issuer, idn.issuer_span = meta["issuer"], meta["issuer_span"]


def _header_end(text: str, lines: list[Line], h_start: int = 0) -> int:
    """End of the header: before the first real sentence of the preamble."""
    seen = 0
    for ln in lines:
        if ln.blank or ln.start < h_start:
            continue
        seen += 1
        s = ln.text.strip()
        if _OPENING.match(s) or (len(s) > 160 and not is_caps_line(s)) or seen > 25:
            return ln.start
        m = MARKER_RE.match(ln.text)
        if m and (m["roman"] or m["arabic"] or m["dotted"]):
            return ln.start
    return len(text)


def _title_after(text: str, lines: list[Line], kind_line: Line | None, head_end: int):
    """The title paragraph after the kind line (or the V/v subject)."""
    if kind_line is None:
        for ln in lines:
            if ln.start >= head_end:
                break
            if re.match(r"[ \t]*V/v\b", ln.text):
                end = ln.end
                for nxt in lines[lines.index(ln) + 1:]:
                    if nxt.blank or is_caps_line(nxt.text):
                        break
                    end = nxt.end
                return (ln.start + ln.text.index("V/v") + 3, end), head_end
        return None, head_end
    i = lines.index(kind_line)
    start = end = None
    for ln in lines[i + 1:]:
        if ln.blank:
            if start is not None:
                break
            continue
        if _OPENING.match(ln.text) or MARKER_RE.match(ln.text) and MARKER_RE.match(ln.text).end() > 0 and (
            MARKER_RE.match(ln.text)["roman"] or MARKER_RE.match(ln.text)["arabic"]
        ):
            break
        # Title lines are short and unpunctuated; a long or finished line is
        # the body, even without a blank line before it.
        if start is not None and (len(ln.text) > 160 or re.search(r"[.;]\s*$", ln.text)):
            break
        if start is None:
            start = ln.start
        end = ln.end
        if end - start > 500:
            break
    if start is None:
        return None, kind_line.end
    return (start, end), end


def _issuer_from_head(text: str, lines: list[Line], h_start: int, head_end: int):
    """The issuing body: the last capitalised line before "*" / "Số" / the motto."""
    candidates = []
    for ln in lines:
        if ln.start < h_start:
            continue
        if ln.start >= head_end:
            break
        # Two-column headers flattened with tabs: the issuer is the left cell.
        s = ln.text.strip(" \t").split("\t")[0].strip(" *#_")
        if not s:
            continue
        f = fold(s)
        if set(s) <= set("-=_* "):
            if candidates:
                break
            continue
        if f.startswith(("so ", "so:")) or f in _MOTTOS or f.startswith(_MOTTO_STARTS):
            break
        if is_caps_line(s) and not any(f.upper().startswith(k) for k in _KIND_CAPS):
            if f.startswith(("dang cong san", "cong hoa")):
                break
            if _PLACE_DATE.match(ln.text):
                break
            candidates.append(ln)
        elif candidates:
            break
    if not candidates:
        return None
    ln = candidates[-1]
    s = ln.text.strip(" \t").split("\t")[0].strip(" *#_")
    start = ln.start + ln.text.index(s)
    if len(candidates) > 1 and re.match(r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b(?!\s*(?:ỦY|UỶ))", s):
        # "ỦY BAN NHÂN DÂN / TỈNH NGHỆ AN" is one name on two lines.
        prev = candidates[-2]
        p = prev.text.strip(" \t").split("\t")[0].strip(" *#_")
        start = prev.start + prev.text.index(p)
        s = f"{p} {s}"
        return recase(s, text), (start, ln.start + ln.text.index(ln.text.strip(" *#_")) + len(ln.text.strip(" *#_")))
    # A first line naming the Party organisation ("ĐẢNG BỘ TỈNH X") qualifies a
    # second line that lacks the place ("BAN THƯỜNG VỤ TỈNH ỦY").
    name = recase(s, text)
    if len(candidates) > 1 and place_in(name)[0] is None:
        outer = recase(candidates[-2].text.strip(" \t").split("\t")[0].strip(" *#_"), text)
        if re.match(r"(?:Văn phòng|Ban |Ủy ban Kiểm tra|Uỷ ban Kiểm tra)", name) and not re.search(r"Trung ương|ủy|uỷ", name):
            # A unit under its committee: "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG".
            if fold(outer).startswith("ban chap hanh trung uong"):
                name = f"{name} Trung ương" + (" Đảng" if name == "Văn phòng" else "")
            elif not fold(outer).startswith("dang bo"):
                name = f"{name} {outer}"
        else:
            p = place_in(outer)[0]
            if p and not fold(outer).startswith("dang bo"):
                name = f"{name} {p}"
    return name, (start, start + len(s))


_LEVEL_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường")
# Words that keep a capital inside official names.
_CAPITALISED = {"trung ương": "Trung ương", "đảng": "Đảng", "khối": "Khối", "thường vụ": "Thường vụ",
                "chấp hành": "Chấp hành", "bí thư": "Bí thư", "chính trị": "Chính trị",
                "mặt trận tổ quốc": "Mặt trận Tổ quốc", "việt nam": "Việt Nam", "quốc hội": "Quốc hội",
                "chính phủ": "Chính phủ", "kiểm tra": "Kiểm tra"}


def recase(caps: str, text: str) -> str:
    """Mixed-case form of an all-capitals name, as the body writes it if it does.

    >>> recase("ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH", "")
    'Ủy ban nhân dân tỉnh Thái Bình'
    >>> recase("BAN THƯỜNG VỤ THÀNH ỦY HÀ NỘI", "")
    'Ban Thường vụ Thành ủy Hà Nội'
    """
    key = accent_key(caps)
    words = caps.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    for m in re.finditer(pattern, text, re.IGNORECASE):
        cand = m.group()
        if not is_caps_line(cand) and accent_key(cand) == key:
            return cand
    low = caps.lower()
    out = low[:1].upper() + low[1:]
    # "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Quận ủy", "Đảng ủy": a committee's name.
    out = re.sub(r"\b(thành|tỉnh|huyện|quận|thị|đảng) (ủy|uỷ)\b", lambda m: m.group(1).capitalize() + " " + m.group(2), out)
    for k, v in _CAPITALISED.items():
        out = re.sub(rf"(?<!\w){k}(?!\w)", v, out)
    # A place name after its level word is a proper noun: "tỉnh Thái Bình".
    levels = "|".join(_LEVEL_WORDS)
    out = re.sub(rf"(?<!\w)({levels}) ((?:\w+ ?){{1,3}})$",
                 lambda m: m.group(1) + " " + " ".join(w.capitalize() for w in m.group(2).split()), out)
    # After a committee ("Thành ủy Hà Nội") the rest is the place.
    out = re.sub(r"((?:Thành|Tỉnh|Huyện|Quận|Thị|Đảng) (?:ủy|uỷ)) ((?:\w+ ?){1,3})$",
                 lambda m: m.group(1) + " " + " ".join(w.capitalize() for w in m.group(2).split())
                 if not re.match(r"(?:khối|Khối|các|tỉnh|thành phố|huyện|quận|thị|xã|phường)\b", m.group(2)) else m.group(0), out)
    return out[:1].upper() + out[1:]


def _signer(text: str, lines: list[Line], idn: Identity) -> None:
    """The signer's name: a name-like line in the signature block."""
    start = _SIGN_BLOCK.find(text)
    if start is None:
        return
    title_lines: list[str] = []
    for ln in lines:
        if ln.start < start or ln.blank:
            continue
        s = ln.text.strip(" *_")
        if re.match(r"[-+•]", s) or ":" in s and not s.startswith(("T/M", "K/T")):
            continue
        if re.match(r"(?:T/M|TM\.|K/T|KT\.|Q\.|TL\.|T/L|THAY MẶT)", s):
            title_lines = [s]
            continue
        nm = _NAME_LINE.match(s)
        if nm and _plausible_name(nm["name"]) and not (title_lines and nm["name"].isupper()):
            name = nm["name"]
            if name.isupper():
                name = " ".join(w[:1] + w[1:].lower() for w in name.split())
            idn.signer = name
            off = ln.start + ln.text.index(nm["name"])
            idn.signer_span = (off, off + len(nm["name"]))
            if title_lines:
                idn.signer_title = " ".join(title_lines)
            return
        if is_caps_line(s) and title_lines:
            title_lines.append(s)
        if re.match(r"(?:PHỤ LỤC|Phụ lục)", s):
            return


def _plausible_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    if sum(w[:1] + w[1:].lower() in _NOT_NAME_WORDS for w in words) >= 2:
        return False
    return all(len(w) <= 7 for w in words)


def _news_date(text: str, idn: Identity, warnings: list[str]) -> None:
    lead = text[:1500]
    m = re.search(DAY_MONTH_YEAR, lead)
    if m and re.match(r"\s*(?:ngày|Ngày)?\s*", lead[max(0, m.start() - 6):m.start()]):
        iso = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso:
            idn.date, idn.date_span = iso, (m.start(), m.end())
            return
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
