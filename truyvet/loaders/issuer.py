"""Who issues a document, as the text names it.

The issuer is read, in this order of trust, from:

* the authority line of a decision, the capitalised line before its legal
  basis ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" / "Căn cứ ..."), which
  names the office more precisely than the header;
* the header's issuer cell ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ MINH"). Web
  copies write the two header columns as cells between lone "|" lines and
  wrap a name anywhere ("ỦY / BAN NHÂN DÂN"), so wrapped lines are joined
  back into names before the last name of the cell is taken;
* the body's own voice: "Bộ Chính trị yêu cầu …", "Ban Tổ chức Trung ương đề
  nghị …", "Chủ tịch Ủy ban nhân dân Thành phố có ý kiến chỉ đạo như sau".

"BAN CHẤP HÀNH TRUNG ƯƠNG" heads the documents of the Bộ Chính trị and the
Ban Bí thư too, so it yields to a more precise statement (:func:`refine_central`).

>>> head_names(["ỦY", "BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"])
['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH']
>>> head_names(["ĐẢNG BỘ TỈNH NGHỆ AN", "BAN THƯỜNG VỤ TỈNH ỦY"])
['ĐẢNG BỘ TỈNH NGHỆ AN', 'BAN THƯỜNG VỤ TỈNH ỦY']
>>> head_names(["THỦ TƯỚNG", "CHÍNH PHỦ"]), head_names(["BỘ TÀI CHÍNH", "CỤC THUẾ"])
(['THỦ TƯỚNG CHÍNH PHỦ'], ['BỘ TÀI CHÍNH', 'CỤC THUẾ'])
"""
from __future__ import annotations

import re
from bisect import bisect_left

from truyvet.loaders import scan
from truyvet.loaders.keys import accent_key, fold
from truyvet.loaders.places import place_in
from truyvet.loaders.segments import Line, is_caps_line

# First words (folded) of a body's or an office's name in a header.
_HEADS = (
    "uy ban", "ubnd", "hdnd", "hoi dong", "ban", "bo", "so", "cuc", "tong cuc", "chi cuc", "vu",
    "van phong", "thanh uy", "tinh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "dang bo",
    "dang doan", "chi bo", "thu tuong", "chu tich", "bo truong", "giam doc", "truong ban", "truong",
    "vien", "toa an", "trung tam", "cong an", "bo chi huy", "bo tu lenh", "mat tran", "hoi",
    "doan", "tong lien doan", "lien doan", "kho bac", "ngan hang", "bao hiem", "thanh tra",
    "kiem toan", "quoc hoi", "chinh phu", "hoc vien", "dai hoc", "tong cong ty", "cong ty",
    "quan uy trung uong", "tinh doan", "thanh doan", "uy ban kiem tra", "thuong truc",
)
_HEAD_RE = re.compile(r"(?:%s)(?: |$)" % "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)))
# Offices that name a person's role: never a whole name on their own.
_ROLES = ("thu tuong", "chu tich", "bo truong", "giam doc", "truong ban", "pho chu tich", "tong bi thu")
# Level words continue a name ("… / TỈNH NGHỆ AN"), unless they head a
# committee ("TỈNH ỦY", "THÀNH ỦY").
_LEVEL_RE = re.compile(r"(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|trung uong)(?: |$)(?!uy\b)")
# A line cut before the end of a name: "ỦY", "ỦY BAN NHÂN", "BỘ KẾ HOẠCH VÀ".
_CUT_END = re.compile(r"(?:^uy|\bnhan|\bva|\bcua|\bxa hoi|\bcac)$")

_MOTTO = re.compile(r"(?:dang cong san|cong hoa|cong$|chu nghia viet nam|doc lap)")
_STOP_LINE = re.compile(r"\s*(?:Số|SỐ|Số hiệu)\b|\s*[-=_*]{1,}\s*$")


def head_names(lines: list[str]) -> list[str]:
    """Names in a header cell's capitalised lines, wrapped lines joined."""
    return [name for name, _, _ in _group_names(lines)]


def _group_names(lines: list[str]) -> list[tuple[str, int, int]]:
    """(name, first line, last line) for each name in ``lines``."""
    groups: list[tuple[str, int, int]] = []
    for i, raw in enumerate(lines):
        line = " ".join(raw.split())
        f = fold(line)
        if groups:
            name, first, _ = groups[-1]
            prev = fold(name)
            if (_CUT_END.search(prev) or prev in _ROLES or len(prev.split()) == 1
                    or not _HEAD_RE.match(f) or _LEVEL_RE.match(f)):
                groups[-1] = (f"{name} {line}", first, i)
                continue
        groups.append((line, i, i))
    return groups


def _last_name(text: str, block: list[tuple[Line, str]]):
    """(last name, the name before it, span of the last name) of a block of lines."""
    groups = _group_names([s for _, s in block])
    name, first, last = groups[-1]
    if not _HEAD_RE.match(fold(name)):
        return None
    (ln_a, s_a), (ln_b, s_b) = block[first], block[last]
    span = (ln_a.start + ln_a.text.index(s_a), ln_b.start + ln_b.text.index(s_b) + len(s_b))
    outer = groups[-2][0] if len(groups) > 1 else None
    return name, outer, span


def _cell_lines(text: str, lines: list[Line], start: int, end: int) -> list[tuple[Line, str]]:
    """The first block of capitalised header lines from ``start``: the left
    cell of a two-column header (tab-separated copies keep the left part)."""
    block: list[tuple[Line, str]] = []
    for ln in lines:
        if ln.start < start or ln.blank:
            continue
        if ln.start >= end:
            break
        cell = ln.text.split("\t")[0]
        s = cell.strip(" *#_")
        if not s:
            continue
        f = fold(s)
        if _STOP_LINE.match(cell) or _MOTTO.match(f) or not is_caps_line(s) or re.search(r",\s*ngày", s, re.I):
            break
        block.append((ln, s))
    return block


def issuer_from_head(text: str, lines: list[Line], start: int, end: int):
    """(issuer, span) from the header's first cell, or None."""
    block = _cell_lines(text, lines, start, end)
    if not block or not _HEAD_RE.match(fold(block[0][1])):
        return None
    found = _last_name(text, block)
    if not found:
        return None
    name, outer, span = found
    return qualify(recase(name, text), recase(outer, text) if outer else None), span


def qualify(name: str, outer: str | None) -> str:
    """A unit named without its parent ("VĂN PHÒNG" under "BAN CHẤP HÀNH TRUNG
    ƯƠNG", "BAN THƯỜNG VỤ TỈNH ỦY" under "ĐẢNG BỘ TỈNH X") gets the parent's
    name or place."""
    if not outer or place_in(name)[0] is not None:
        return name
    fo = fold(outer)
    if re.match(r"(?:Văn phòng|Ban |Ủy ban Kiểm tra|Uỷ ban Kiểm tra)", name) and not re.search(r"Trung ương|ủy|uỷ", name):
        if fo.startswith("ban chap hanh trung uong"):
            return f"{name} Trung ương" + (" Đảng" if name == "Văn phòng" else "")
        if not fo.startswith("dang bo"):
            return f"{name} {outer}"
        return name
    p = place_in(outer)[0]
    if p and not fo.startswith("dang bo") or p and re.search(r"(?:Tỉnh|Thành|Huyện|Quận|Thị) (?:ủy|uỷ)$", name):
        return f"{name} {p}"
    return name


# "Căn cứ", also wrapped after its first word ("Căn\ncứ Luật …").
_CAN_CU = re.compile(r"[ \t\-+*]*(?:Căn|CĂN)(?:\s|$)")


def authority_line(text: str, lines: list[Line], start: int, end: int):
    """(issuer, span) from the capitalised lines that open a decision's legal
    basis ("THỦ TƯỚNG CHÍNH PHỦ" above "Căn cứ Luật …"), or None."""
    para: list[tuple[Line, str]] = []
    closed = False
    first = bisect_left([ln.start for ln in lines], start) if len(lines) > 200 else 0
    for ln in lines[first:]:
        if ln.start < start:
            continue
        if ln.start >= end:
            return None
        s = ln.text.strip(" *#_\t")
        if not s or re.fullmatch(r"[-=_*]+", s):
            closed = bool(para)
            continue
        if _CAN_CU.match(ln.text):
            break
        if not is_caps_line(s):
            para, closed = [], False
        elif closed or not para:
            para, closed = [(ln, s)], False
        else:
            para.append((ln, s))
    else:
        return None
    if not para or len(para) > 6:
        return None
    found = _last_name(text, para)
    if not found or fold(found[0]).startswith(("ban hanh", "quyet dinh")):
        return None
    name, _, span = found
    return recase(name, text), span


# The body speaking in its own text: "Bộ Chính trị yêu cầu …", "Ban Tuyên giáo
# và Dân vận Trung ương hướng dẫn …", "Chủ tịch Ủy ban nhân dân Thành phố có
# ý kiến chỉ đạo như sau:", "Ủy ban nhân dân tỉnh ban hành Kế hoạch …".
_BODY_START = (r"(?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành|Ban|Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Thường trực|"
               r"Thành ủy|Thành uỷ|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|Quận ủy|Quận uỷ|Đảng ủy|Đảng uỷ|Đảng đoàn|"
               r"Văn phòng|Chủ tịch|Thủ tướng|Bộ trưởng|Giám đốc|Sở|Cục|Chi bộ|Tổng cục)")
_VOICE = re.compile(
    rf"(?:^|(?<=[.;:,\n])\s*|(?<=^\s))(?P<issuer>{_BODY_START}(?: [^\s,.;:()]+){{0,12}}?)"
    r"\s+(?:đã\s+)?(?:yêu cầu|đề nghị|hướng dẫn|kết luận|quyết định|chỉ thị|thông báo|quy định"
    r"|có ý kiến chỉ đạo|ban hành (?:Kế hoạch|Chương trình|Hướng dẫn|Quy chế|Quy định|Chỉ thị|Nghị quyết)"
    r"|xây dựng (?:Kế hoạch|Chương trình|kế hoạch|chương trình))\b"
)
_CLOSING = re.compile(
    r"Trên đây là (?:[Kk]ế hoạch|[Cc]hương trình|[Hh]ướng dẫn|[Qq]uy định|[Cc]hỉ thị|[Kk]ết luận|[Nn]ghị quyết|[Tt]hông báo)"
    r"(?: [^\n]{0,40}?)? của (?P<issuer>[A-ZĐ][^\n;,]{2,90}?)(?= về | (?:nghiên cứu|triển khai|thực hiện)|[.,;\n])"
)


def voice_issuer(flat: str, start: int, end: int):
    """(issuer, span) of the body that speaks in the preamble, or from the
    closing "Trên đây là Kế hoạch của …"; None if the text says neither."""
    for m in _VOICE.finditer(flat, start, end):
        name = m["issuer"].strip()
        # A lower-case word other than the inner words of a name ends it; an
        # office of every commune or province ("Chủ tịch UBND cấp xã") issues nothing.
        if re.search(r"\s(?:này|đó|cần|phải|sẽ|đang|cũng|đều|vẫn|luôn|trong|khi|tại|cấp)\b", name):
            continue
        return name, (m.start("issuer"), m.start("issuer") + len(name))
    m = _CLOSING.search(flat, start)
    if m:
        name = m["issuer"].strip()
        return name, (m.start("issuer"), m.start("issuer") + len(name))
    return None


# Central Party organs by the issuer code of their symbols.
CENTRAL_CODES = {
    "BTCTW": "Ban Tổ chức Trung ương", "VPTW": "Văn phòng Trung ương Đảng",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương", "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương", "BDVTW": "Ban Dân vận Trung ương",
    "BNCTW": "Ban Nội chính Trung ương", "BKTTW": "Ban Kinh tế Trung ương",
    "BĐNTW": "Ban Đối ngoại Trung ương", "BCSCLTW": "Ban Chính sách, chiến lược Trung ương",
}
_GENERIC = {"ban chap hanh trung uong", "ban chap hanh trung uong dang", "van phong ban chap hanh trung uong"}


def is_generic_central(issuer: str | None) -> bool:
    return bool(issuer) and fold(issuer) in _GENERIC


def refine_central(issuer: str, issuer_code: str | None, text: str) -> str | None:
    """A more precise issuer than "Ban Chấp hành Trung ương": the signature's
    "T/M BỘ CHÍNH TRỊ", or the organ whose code the symbol carries when the
    text names it ("-CV/BTCTW" and "Ban Tổ chức Trung ương đề nghị …")."""
    tm = re.search(r"T/M\s+(BỘ CHÍNH TRỊ|BAN BÍ THƯ|BAN CHẤP HÀNH TRUNG ƯƠNG)", text)
    if tm:
        return {"BỘ": "Bộ Chính trị", "BAN BÍ": "Ban Bí thư"}.get(tm.group(1)[:6].strip(), issuer) \
            if not tm.group(1).startswith("BAN CHẤP") else issuer
    name = CENTRAL_CODES.get(issuer_code or "")
    if name:
        m = re.search(r"\s+".join(map(re.escape, name.split())), text, re.IGNORECASE)
        if m:
            return m.group()
    return None


_LEVEL_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "thị trấn", "xã", "phường")
# Words that keep a capital inside official names.
_CAPITALISED = {"trung ương": "Trung ương", "đảng": "Đảng", "khối": "Khối", "thường vụ": "Thường vụ",
                "chấp hành": "Chấp hành", "bí thư": "Bí thư", "chính trị": "Chính trị",
                "mặt trận tổ quốc": "Mặt trận Tổ quốc", "việt nam": "Việt Nam", "quốc hội": "Quốc hội",
                "chính phủ": "Chính phủ", "kiểm tra": "Kiểm tra"}


def written_form(caps: str, text: str) -> str | None:
    """The name as the text writes it in mixed case, if it does."""
    key = accent_key(caps)
    words = caps.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    for m in _case_blind(pattern, text, words[0] if words else ""):
        cand = m.group()
        if not is_caps_line(cand) and accent_key(cand) == key:
            return " ".join(cand.split())
    return None


def _case_blind(pattern: re.Pattern, text: str, first: str):
    """``pattern.finditer(text)`` for a pattern that ignores case and whose
    every match starts with the word ``first``. Such a pattern runs at every
    character; from where part of ``first`` is in the lower-cased text (made
    once for the several names looked for in one text), it runs only there."""
    low = scan.lowered(text)
    part, at = _plain_part(first)
    if not part or low is None:
        return pattern.finditer(text)
    return scan.matches_at(pattern, text, (q - at for q in scan.places(re.compile(re.escape(part)), low, at)))


def _plain_part(word: str) -> tuple[str, int]:
    """The longest part of a lower-cased word (and where it starts) without a
    letter that, case ignored, matches a third one ("i" matches "ı", "s"
    matches "ſ"): the lower-cased text has the part wherever the word is,
    whatever its case."""
    low = word.lower()
    if len(low) != len(word):
        return "", 0
    best, at, start = "", 0, 0
    for i, c in enumerate(low + "i"):
        if not (c < "\u0250" and c not in "isıſµ" or "\u1ea0" <= c <= "\u1ef9"):
            if i - start > len(best):
                best, at = low[start:i], start
            start = i + 1
    return best, at


_ABBREV = (("ubnd", "uy ban nhan dan"), ("hdnd", "hoi dong nhan dan"), ("tp", "thanh pho"),
           ("mttq", "mat tran to quoc"), ("bch", "ban chap hanh"), ("btv", "ban thuong vu"))


def expanded_key(name: str) -> str:
    """Folded key with the usual abbreviations spelt out."""
    key = fold(name).replace(".", " ")
    for short, full in _ABBREV:
        key = re.sub(rf"\b{short}\b", full, key)
    return " ".join(key.split())


def same_body_prefix(short: str, full: str) -> bool:
    """Does ``short`` name ``full``, maybe without its place ("UBND tỉnh" for
    "Ủy ban nhân dân tỉnh Đắk Lắk")?"""
    a, b = expanded_key(short), expanded_key(full)
    return b == a or b.startswith(a + " ")


_HEAD_OF = re.compile(r"(?:chu tich|giam doc|truong ban|bo truong|chanh van phong) ")


def head_of(voice: str, body: str) -> bool:
    """Is ``voice`` the head of ``body`` ("Chủ tịch UBND tỉnh" of "Ủy ban nhân
    dân tỉnh Đắk Lắk")? A directive in the head's voice is the head's."""
    m = _HEAD_OF.match(fold(voice))
    return bool(m) and same_body_prefix(voice[m.end():], body)


def recase(caps: str, text: str) -> str:
    """Mixed-case form of an all-capitals name, as the body writes it if it does.

    >>> recase("ỦY BAN NHÂN DÂN TỈNH THÁI BÌNH", "")
    'Ủy ban nhân dân tỉnh Thái Bình'
    >>> recase("BAN THƯỜNG VỤ THÀNH ỦY HÀ NỘI", "")
    'Ban Thường vụ Thành ủy Hà Nội'
    >>> recase("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "")
    'Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi'
    """
    if not is_caps_line(caps):
        return caps
    found = written_form(caps, text)
    if found:
        return found
    low = caps.lower()
    out = low[:1].upper() + low[1:]
    # "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Quận ủy", "Đảng ủy": a committee's name.
    out = re.sub(r"\b(thành|tỉnh|huyện|quận|thị|đảng) (ủy|uỷ)\b", lambda m: m.group(1).capitalize() + " " + m.group(2), out)
    for k, v in _CAPITALISED.items():
        out = re.sub(rf"(?<!\w){k}(?!\w)", v, out)
    # After an office ("Chủ tịch", "Bộ trưởng") its body's name starts.
    out = re.sub(r"^((?:phó )?(?:chủ tịch|giám đốc|bộ trưởng|thủ tướng|trưởng ban|chánh văn phòng) )(\w)",
                 lambda m: m.group(1) + m.group(2).upper(), out, flags=re.IGNORECASE)
    # After a comma a new body starts: "Bộ Chính trị, Ban Bí thư".
    out = re.sub(r", (\w)", lambda m: ", " + m.group(1).upper(), out)
    # A place name after its level word is a proper noun: "tỉnh Thái Bình".
    levels = "|".join(_LEVEL_WORDS)
    out = re.sub(rf"(?<!\w)({levels}) ((?:\w+ ?){{1,3}})$",
                 lambda m: m.group(1) + " " + " ".join(w.capitalize() for w in m.group(2).split()), out)
    # After a committee ("Thành ủy Hà Nội") the rest is the place.
    out = re.sub(r"((?:Thành|Tỉnh|Huyện|Quận|Thị|Đảng) (?:ủy|uỷ)) ((?:\w+ ?){1,3})$",
                 lambda m: m.group(1) + " " + " ".join(w.capitalize() for w in m.group(2).split())
                 if not re.match(r"(?:khối|Khối|các|tỉnh|thành phố|huyện|quận|thị|xã|phường)\b", m.group(2)) else m.group(0), out)
    return out[:1].upper() + out[1:]
