"""A document's identity from its header, preamble and signature block.

Party documents open with the issuing body, "*", "Số …", a subject line,
"ĐẢNG CỘNG SẢN VIỆT NAM", the place and date, then the kind in capitals and
the title. Online copies often lose parts of it (seed 000 starts at the date
line) or have none, so each field has a fallback: a copy's own statement of
what it reproduces (:mod:`truyvet.loaders.webcopy`), an annex heading, the
body's own voice (:mod:`truyvet.loaders.issuer`), the place from the issuer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from truyvet.loaders import issuer as iss
from truyvet.loaders.dates import DAY_MONTH_YEAR, PARTIAL_DATE_RE, TERM_RE, make_date, partial_period
from truyvet.loaders.keys import fold
from truyvet.loaders.kinds import KIND_WORDS, kind_of_code, kind_of_word
from truyvet.loaders.places import _PROPER, place_in
from truyvet.loaders.records import Identity
from truyvet.loaders.scan import LineStart
from truyvet.loaders.segments import Line, MARKER_RE, is_caps_line
from truyvet.loaders.signature import news_author, plausible_name, signer
from truyvet.loaders.symbols import find_symbols
from truyvet.loaders import webcopy

# "Hà Nội, ngày 29 tháng 11 năm 2025"; copies wrap it anywhere ("Thành\nphố
# Hồ Chí Minh, ngày 25 …"), so every gap is whitespace, newlines included.
_PLACE = (r"(?P<place>(?:(?:Thành\s+phố|TP\.?|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị\s+xã)\s+)?"
          + _PROPER + r"(?:[ \t]*\n?[ \t]*" + _PROPER + r"){0,3})\s*,\s*(?:ngày|Ngày)\s*:?\s*")
_PLACE_DATE = re.compile(r"(?m)(?:^|\t)[ \t>*_-]*" + _PLACE + DAY_MONTH_YEAR)
# The same line with the day left blank ("Đắk Lắk, ngày   tháng 9 năm 2025").
_PLACE_PARTIAL = re.compile(r"(?m)(?:^|\t)[ \t>*_-]*" + _PLACE.replace(r"(?:ngày|Ngày)\s*:?\s*", "(?=[Nn]gày)")
                            + PARTIAL_DATE_RE.pattern)
# What every place-and-date line has; a literal first, so a quick test.
_COMMA_DAY = re.compile(r",\s*[Nn]gày")
# "Số: 2623/QĐ-TTg", "Số:\n2820/QĐ-UBND" (wrapped), "Số -KH/ĐU" (number left blank).
_NUMBER_LINE = re.compile(r"(?m)^[ \t]*(?:Số|SỐ|Số hiệu)[ \t]*[:.]?[ \t]*\n?[ \t]*(?P<rest>[^\n]{0,60})")
_BLANK_NUMBER = re.compile(r"[ \t.…_]*(?P<lead>[-/])\s*(?P<code>[A-ZĐ][A-Za-zĐđ]{0,4})\s*[/-]\s*"
                           r"(?P<iss>[A-ZĐ][A-ZĐa-zđ0-9&]{0,11}(?:-[A-ZĐ][A-ZĐa-zđ0-9&]{0,11})?)(?![\w.…])")
_MOTTOS = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
# Kind words as a capitalised line writes them, also letter-spaced ("K Ế H O Ạ C H")
# or glued ("KẾHOẠCH") by PDF extraction: matched on the folded line.
_KIND_LINE = re.compile(
    r"(?:%s)(?=\s|$)" % "|".join(r"\s*".join(map(re.escape, k.replace(" ", ""))) for k in sorted(KIND_WORDS, key=len, reverse=True))
)
_OPENING = re.compile(r"\s*(?:Thực hiện|Căn cứ|Để |Trên cơ sở|Kính gửi|Ngày \d|Theo )")
_METADATA = {
    "symbol": re.compile(r"Số hiệu\s*:\s*([^\n]{0,40})"),
    "kind": re.compile(r"Loại văn bản\s*:\s*([^\n]{2,40})"),
    "issuer": re.compile(r"Nơi ban hành\s*:\s*([^\n]{2,80})"),
    "signer": re.compile(r"Người ký\s*:\s*([^\n]{2,60})"),
    "date": re.compile(r"Ngày ban hành\s*:\s*(\d{1,2}/\d{1,2}/\d{4})"),
}
_ANCHOR = LineStart(
    r"[ \t]*(?:ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H[ÒO]À? XÃ HỘI|Độc lập\s*-\s*Tự do|(?:Số|SỐ)\s*:?\s*\d{1,6}\s*[/-])"
)


@dataclass
class Header:
    identity: Identity
    body_start: int        # where the preamble/body starts (after the title)
    title_span: tuple[int, int] | None  # the title, up to the body: a cue there governs the whole document
    warnings: list[str]


def _header_start(text: str, lines: list[Line]) -> int:
    """Where the real header begins: web copies put menus and metadata first."""
    anchor = _ANCHOR.find(text, min(len(text), 12000))
    if anchor is None or anchor < 200:
        return 0
    # Walk back over the issuer lines ("BỘ TÀI CHÍNH / CỤC THUẾ / -------").
    idx = next(i for i, ln in enumerate(lines) if ln.end >= anchor)
    start, taken = lines[idx].start, 0
    for ln in reversed(lines[:idx]):
        s = ln.text.strip(" *#_|\t")
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

    _place_date(text, h_start, head_end, idn, warnings)
    _number(text, h_start, head_end, idn)

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

    found_issuer = None
    copy = webcopy.copied_document(text, flat) if not (idn.symbol or idn.date) else None
    if copy:
        found_issuer = _take_copy(flat, idn, copy)
    elif not idn.symbol:
        own = webcopy.annex_of_self(flat, idn.kind) if idn.kind != "other" else None
        if own:
            _take_mention(flat, idn, own)
            found_issuer = _mention_issuer(own)

    news = (idn.kind == "other" and not idn.symbol and not idn.date and not copy and not webcopy.encyclopedia(text)
            and webcopy.news_marks(text))
    if news:
        idn.kind = "news_article"
        first = next((ln for ln in lines if not ln.blank), None)
        if first:
            idn.title = first.text.strip(" *#")
            body_start = first.end
            title_span = (first.start, first.end)
        webcopy.news_date(text, idn, warnings)
        author = news_author(text, lines)
        if author:
            idn.signer, idn.signer_span = author
    else:
        if idn.kind == "other":
            closing = webcopy.closing_kind(text)
            if closing:
                idn.kind, idn.kind_text = closing
            elif webcopy.letter_opening(text):
                idn.kind = "official_letter"
        # A page that is no known kind of document speaks for no one.
        voice = iss.voice_issuer(flat, body_start, _voice_end(text, lines, body_start)) if idn.kind != "other" else None
        # The authority line stands under a decision's kind line and title.
        found = (kind_line and iss.authority_line(text, lines, body_start if title_para else kind_line.end, head_end + 3000)
                 or iss.issuer_from_head(text, lines, h_start, head_end) or found_issuer or voice)
        if not found and meta.get("issuer"):
            found = meta["issuer"], meta["issuer_span"]
        elif found and voice and found is not voice and (
                iss.head_of(voice[0], found[0]) or iss.same_body_prefix(voice[0], found[0])
                and iss.written_form(found[0], flat) is None):
            # Its head speaking ("Chủ tịch UBND tỉnh yêu cầu …") issues the
            # document; the preamble's own words for the same body are how the
            # text names it when the header's name was rebuilt from capitals
            # ("UBND tỉnh ban hành …").
            found = voice
        if found:
            idn.issuer, idn.issuer_span = found
            if iss.is_generic_central(idn.issuer):
                _refine_central(text, flat, idn)
        if idn.issuer and idn.place is None:
            idn.place = place_in(idn.issuer)[0]
        signed = signer(text, lines)
        if signed:
            idn.signer, idn.signer_span, idn.signer_title = signed
        elif not idn.signer and meta.get("signer"):
            idn.signer, idn.signer_span = meta["signer"], meta["signer_span"]

    tm = TERM_RE.search(text, 0, body_start) if body_start else None
    if tm:
        idn.term = tm["t"].upper()
    return Header(idn, body_start, title_span, warnings)


def _place_date(text: str, h_start: int, head_end: int, idn: Identity, warnings: list[str]) -> None:
    end = min(len(text), max(head_end, h_start + 3000))
    if not _COMMA_DAY.search(text, h_start, end):
        return
    m = _PLACE_DATE.search(text, h_start, end)
    if m and m.start() <= head_end + 200:
        idn.place = " ".join(m["place"].split()).strip(" -*")
        iso = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if iso is None:
            warnings.append(f"invalid date: {m['d']}/{m['m']}/{m['y']} in the header at {m.start('d')}")
        idn.date = iso
        idn.date_span = (m.start("d"), m.end("y"))
        return
    m = _PLACE_PARTIAL.search(text, h_start, end)
    if m and m.start() <= head_end + 200:
        # An e-signed copy with the day left blank: keep what is known.
        idn.place = " ".join(m["place"].split()).strip(" -*")
        a = m.start("place") + len(m["place"])
        a = text.index("gày", a) - 1
        idn.date_text = " ".join(text[a:m.end()].split())
        idn.date_period = partial_period(m)
        idn.date_span = (a, m.end())


def _number(text: str, h_start: int, head_end: int, idn: Identity) -> None:
    nm = _NUMBER_LINE.search(text, h_start, head_end)
    if not nm:
        return
    syms = find_symbols(text, nm.start("rest"), nm.end("rest"))
    if syms:
        s = syms[0]
        idn.symbol, idn.symbol_text, idn.number = s.canonical, s.written, s.number
        idn.symbol_span = (s.start, s.end)
        return
    num = re.match(r"\s*(\d{1,6})", nm["rest"])
    if num:
        idn.number = num.group(1)
        return
    # "Số -KH/ĐU": the number is left blank (e-signed copy); the code still
    # says the kind, but no symbol is made up.
    blank = _BLANK_NUMBER.match(nm["rest"])
    if blank and kind_of_code(blank["code"]):
        # Party symbols put the code first ("-KH/ĐU"), state ones the number ("/QĐ-UBND").
        idn.code = f"{blank['code']}/{blank['iss']}" if blank["lead"] == "-" else f"{blank['code']}-{blank['iss']}"
        if idn.kind == "other":
            idn.kind, idn.kind_text = kind_of_code(blank["code"]), blank["code"]


def _take_mention(flat: str, idn: Identity, m) -> None:
    """Symbol, number, date and kind of the document a text reproduces."""
    s = m.symbol
    idn.symbol, idn.symbol_text, idn.number = s.canonical, s.written, s.number
    idn.symbol_span = (s.start, s.end)
    if m.kind and m.kind != "other" and idn.kind in ("other", m.kind):
        idn.kind, idn.kind_text = m.kind, m.kind_text
    if m.date and not idn.date:
        idn.date = m.date
        dm = re.search(DAY_MONTH_YEAR, flat[s.end:m.end])
        if dm:
            idn.date_span = (s.end + dm.start(), s.end + dm.end())


def _mention_issuer(m):
    if m.issuer and m.issuer_start is not None:
        return m.issuer, (m.issuer_start, m.issuer_start + len(m.issuer))
    return None


def _take_copy(flat: str, idn: Identity, copy) -> tuple[str, tuple[int, int]] | None:
    _take_mention(flat, idn, copy.mention)
    if copy.date:
        idn.date, idn.date_span = copy.date, copy.date_span
    found = _mention_issuer(copy.mention)
    if found and not iss.is_generic_central(found[0]):
        return iss.recase(found[0], flat), found[1]
    if copy.issuer:
        return copy.issuer, copy.issuer_span
    return found


def _refine_central(text: str, flat: str, idn: Identity) -> None:
    """ "Ban Chấp hành Trung ương" yields to the organ the text shows issuing:
    "Bộ Chính trị đã có Kết luận 223-KL/TW", "T/M BỘ CHÍNH TRỊ", or the organ
    of the symbol's code when the text names it (9671-CV/BTCTW)."""
    if idn.symbol:
        sym = re.escape(idn.symbol_text or idn.symbol)
        pat = re.compile(r"(?P<who>(?:Bộ Chính trị|Ban Bí thư)(?:, Ban Bí thư)?)\s+(?:đã\s+)?(?:có|ban hành|ký)\s+"
                         r"[^.;\n]{0,30}?" + sym)
        m = pat.search(flat)
        if m:
            idn.issuer, idn.issuer_span = m["who"], (m.start("who"), m.end("who"))
            return
    code = find_symbols(idn.symbol)[0].issuer_code if idn.symbol else None
    better = iss.refine_central(idn.issuer, code, flat)
    if better and better != idn.issuer:
        i = flat.find(better)
        idn.issuer = better
        if i >= 0:
            idn.issuer_span = (i, i + len(better))


def _voice_end(text: str, lines: list[Line], start: int) -> int:
    """The preamble's end: the first numbered line after ``start``."""
    for ln in lines:
        if ln.start < start or ln.blank:
            continue
        m = MARKER_RE.match(ln.text)
        if m and (m["roman"] or m["arabic"] or m["dotted"] or m["paren"]):
            return ln.start
    return min(len(text), start + 3000)


def _kind_line(lines: list[Line], h_start: int, head_end: int):
    """(line, kind, kind as written) of the capitalised kind line ("KẾ HOẠCH")."""
    for ln in lines:
        if ln.start < h_start:
            continue
        if ln.start > head_end:
            return None
        s = ln.text.strip(" *#_|\t")
        if not is_caps_line(s):
            continue
        fs = fold(s)
        if fs in _MOTTOS:
            continue
        m = _KIND_LINE.match(fs)
        if m:
            return ln, kind_of_word(m.group()) or "other", s[: len(m.group())]
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
    if "signer" in meta and not plausible_name(meta["signer"]):
        del meta["signer"]


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
        marker = MARKER_RE.match(ln.text)
        if _OPENING.match(ln.text) or marker and marker.end() > 0 and (marker["roman"] or marker["arabic"]):
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
