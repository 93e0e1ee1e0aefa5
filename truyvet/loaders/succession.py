"""Succession statements in running text: which body (or province) took over from which.

Documents and articles state the 2025 restructuring in a few fixed shapes:

* "thành lập Đảng ủy UBND tỉnh trên cơ sở kết thúc hoạt động của Ban cán sự đảng UBND tỉnh"
  (also "… trên cơ sở hợp nhất / sáp nhập / đổi tên …", and "X được thành lập trên cơ sở …");
* "hợp nhất Ban Tuyên giáo và Ban Dân vận thành Ban Tuyên giáo và Dân vận",
  "sáp nhập A vào B", "hợp nhất tỉnh A và tỉnh B, lấy tên là tỉnh B";
* "đổi tên A thành B", "A đổi tên thành B";
* "kết thúc hoạt động của A [để thành lập B]".

Names are read with the body grammar (:mod:`truyvet.loaders.agencies`); a
statement about provinces is kept when the merged units are provinces the
lexicon knows. The date it takes effect is the sentence's "kể từ ngày …", or
the date that opens it ("Ngày 18 tháng 6 năm 2025, …", "Tháng 10 năm 1948, …").

>>> [(s.predecessors, s.successors, s.kind) for s in find_successions(
...     "Thành lập Đảng ủy UBND tỉnh trên cơ sở kết thúc hoạt động của Ban cán sự đảng UBND tỉnh.")]
[(['Ban cán sự đảng UBND tỉnh'], ['Đảng ủy UBND tỉnh'], 'ended')]
>>> s, = find_successions("Hợp nhất Ban Tuyên giáo và Ban Dân vận thành Ban Tuyên giáo và Dân vận.")
>>> s.predecessors, s.successors, s.kind
(['Ban Tuyên giáo', 'Ban Dân vận'], ['Ban Tuyên giáo và Dân vận'], 'merged_into')
>>> s, = find_successions("Kể từ ngày 01/7/2025, sáp nhập tỉnh Hà Giang và tỉnh Tuyên Quang thành tỉnh Tuyên Quang.")
>>> s.predecessors, s.successors, s.unit, s.effective     # Tuyên Quang goes on as itself
(['tỉnh Hà Giang'], ['tỉnh Tuyên Quang'], True, '2025-07-01')
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders import scan
from truyvet.loaders.agencies import agency_suffix, read_agencies
from truyvet.loaders.dates import DATE_RE, make_date
from truyvet.loaders.normalize import NormText, normalize
from truyvet.loaders.places import province
from truyvet.loaders.segments import Segmenter, flatten


@dataclass
class Succession:
    predecessors: list[str]            # as written
    successors: list[str]              # as written; empty when a body ended and no one is named
    kind: str                          # renamed | merged_into | split_into | ended
    effective: str | None              # ISO date, "YYYY-MM" or "YYYY" as the sentence gives it
    cue: str                           # the words that decided the statement
    evidence: str                      # the sentence, exactly as in the file
    span: tuple[int, int]              # of the sentence, in the original text
    unit: bool = False                 # the names are provinces, not bodies
    names: list[tuple[int, int]] = field(default_factory=list)   # spans of every name, in order


_BASIS = re.compile(r"\btrên (?:cơ|cở) sở\s+(?P<verb>hợp nhất|sáp nhập|kết thúc hoạt động(?: của)?|đổi tên|"
                    r"tổ chức lại)\s+", re.IGNORECASE)
_FOUND = re.compile(r"\b(?:thành lập|lập)\s+", re.IGNORECASE)
_MERGE = re.compile(r"\b(?P<verb>hợp nhất|sáp nhập)\s+", re.IGNORECASE)
_RENAME = re.compile(r"\bđổi tên\s+", re.IGNORECASE)
_END = re.compile(r"\bkết thúc hoạt động(?: của)?\s+", re.IGNORECASE)
# Where the merged names stop and the result begins ("thành", not "thành phố" / "thành lập").
_INTO = re.compile(r"\s(?P<w>thành|vào|để thành lập|để lập)\s+(?!phố\b|lập\b|viên\b|công\b|ra\b|tựu\b)"
                   r"|,?\s*(?P<n>lấy tên(?: gọi)?(?: là)?)\s+")
_THEN_FOUND = re.compile(r"^,?\s*(?:(?:để|nhằm|và)\s+(?:thành\s+)?lập|(?:và\s+)?chuyển\s+(?:[^.;]{0,80}?\s+)?(?:về|sang|cho))\s+")
_COUNT = re.compile(r"(?:hai|ba|bốn|năm|\d+)\s+(?=(?:tỉnh|thành phố|[A-ZĐ]))", re.IGNORECASE)
_PROPER = r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][\wÀ-ỹ]*"
_PNAME = rf"{_PROPER}(?:(?:\s*[-–]\s*|\s+){_PROPER}){{0,4}}"
_UNIT = re.compile(rf"(?P<lvl>tỉnh|[Tt]hành phố|TP\.?)\s+(?P<name>{_PNAME})")
_UNITS = re.compile(rf"(?:tỉnh|[Tt]hành phố|TP\.?)\s+{_PNAME}(?:\s*(?:,|và|với)\s*(?:(?:tỉnh|[Tt]hành phố|TP\.?)\s+)?"
                    rf"{_PNAME})*")
_FROM_DATE = re.compile(rf"(?:kể\s+)?từ\s+ngày\s+{DATE_RE.pattern}", re.IGNORECASE)
_OPEN = re.compile(r"^[\s\-*+•]*(?:(?:Đến|Vào|Từ)\s+)?(?:ngày\s+(?P<d>\d{1,2})\s*(?:tháng|/|-|\.)\s*(?P<m>\d{1,2})"
                   r"\s*(?:năm|/|-|\.)\s*(?P<y>\d{4})|tháng\s+(?P<m2>\d{1,2})\s*(?:năm|/)\s*(?P<y2>\d{4})"
                   r"|năm\s+(?P<y3>\d{4}))", re.IGNORECASE)
_KIND = {"hợp nhất": "merged_into", "sáp nhập": "merged_into", "tổ chức lại": "merged_into",
         "đổi tên": "renamed", "kết thúc hoạt động": "ended", "kết thúc hoạt động của": "ended"}


def find_successions(text: str) -> list[Succession]:
    """Every succession statement of a text (spans index ``text`` itself)."""
    norm = normalize(text)
    return extract_successions(norm, Segmenter(norm.text), flatten(norm.text))


def extract_successions(norm: NormText, seg: Segmenter, flat: str) -> list[Succession]:
    """As :func:`find_successions`, on the views :func:`~truyvet.loaders.parse.parse_text` already made."""
    found: dict[tuple, Succession] = {}
    taken: set[int] = set()           # verbs already read as part of a "trên cơ sở" statement
    # Most texts state no succession: the words every statement needs, looked
    # for in the lower-cased text the scans share, spare the scans that would
    # find nothing. "trên cơ sở" is looked for without its "s", which also
    # matches "ſ" when case is ignored.
    low = scan.lowered(flat)

    def has(*words: str) -> bool:
        return low is None or any(w in low for w in words)

    if has("trên cơ ", "trên cở "):
        for m in scan.finditer(_BASIS, flat, ["trên "]):
            taken.add(m.start("verb"))
            _keep(found, _basis(norm, seg, flat, m))
    if has("hợp nhất", "sáp nhập"):
        for m in scan.finditer(_MERGE, flat, ["hợp nhất", "sáp nhập"]):
            if m.start("verb") not in taken:
                _keep(found, _merge(norm, seg, flat, m))
    if has("đổi tên"):
        for m in scan.finditer(_RENAME, flat, ["đổi tên"]):
            if m.start() not in taken:
                _keep(found, _rename(norm, seg, flat, m))
    if has("kết thúc hoạt động"):
        for m in scan.finditer(_END, flat, ["kết thúc hoạt động"]):
            if m.start() not in taken:
                _keep(found, _end(norm, seg, flat, m))
    return sorted(found.values(), key=lambda s: (s.span, s.names))


def _keep(found: dict, s: Succession | None) -> None:
    if s and s.predecessors and (s.successors or s.kind == "ended"):
        found.setdefault((s.span, tuple(s.predecessors), tuple(s.successors)), s)


# --- the four shapes --------------------------------------------------------------------

def _basis(norm, seg, flat, m) -> Succession | None:
    """"thành lập X trên cơ sở hợp nhất A và B", "X được thành lập trên cơ sở …"."""
    a, b = seg.sentence_at(m.start())
    verb = m["verb"].lower()
    before = [f for f in _FOUND.finditer(flat, a, m.start())]
    if not before:
        return None
    f = before[-1]
    head = flat[a:f.start()].rstrip()
    if re.search(r"(?:được|chính thức được|đã được|mới được)$", head, re.IGNORECASE):
        # "**Bộ Lương thực và Thực phẩm** được thành lập trên cơ sở …": the new body is the subject.
        cut = re.search(r"\s*(?:chính thức |đã |mới )?được$", head, re.IGNORECASE)
        subject = head[:cut.start()].rstrip(" *")
        at = agency_suffix(subject)
        news = _names(flat, a + at, a + len(subject)) if at is not None else []
    else:
        news = _names(flat, f.end(), m.start())
    news = news[:1]
    olds = _names(flat, m.end(), b)
    units = _units(flat, m.end(), b)
    if units and not olds:
        olds = units
        news = _units(flat, f.end(), m.start())
    return _record(norm, (a, b), olds, news, _KIND[verb], flat[m.start():m.end()].strip())


def _merge(norm, seg, flat, m) -> Succession | None:
    """"hợp nhất A và B thành C", "sáp nhập A vào B", "hợp nhất tỉnh A và tỉnh B, lấy tên là tỉnh B"."""
    a, b = seg.sentence_at(m.start())
    start = m.end()
    c = _COUNT.match(flat, start)
    if c:
        start = c.end()
    into = _INTO.search(flat, start, b)
    if not into:
        return None
    units = _units(flat, start, into.start())
    olds = units or _names(flat, start, into.start())
    result = into.end()
    news = _units(flat, result, b) if units else _names(flat, result, b)
    if not news:                                         # "thành một tỉnh mới, lấy tên là tỉnh X"
        later = re.compile(r"lấy tên(?: gọi)?(?: là)?\s+").search(flat, result, b)
        if later:
            news = _units(flat, later.end(), b) if units else _names(flat, later.end(), b)
    news = news[:1]                                      # a merger makes one body
    cue = flat[m.start():m.end()].strip() + " … " + (into["w"] or into["n"])
    return _record(norm, (a, b), olds, news, "merged_into", cue, unit=bool(units))


def _rename(norm, seg, flat, m) -> Succession | None:
    """"đổi tên A thành B", "A (được) đổi tên thành B"."""
    a, b = seg.sentence_at(m.start())
    into = re.compile(r"thành\s+").match(flat, m.end())
    if into:
        head = re.sub(r"\s*(?:được|đã được|đã|sẽ)?\s*$", "", flat[a:m.start()]).rstrip(" *,")
        at = agency_suffix(head)
        olds = _names(flat, a + at, a + len(head)) if at is not None else []
        if not olds:                  # "Ban Kinh tế Trung ương được bổ sung … và đổi tên thành …"
            lead = re.match(r"[\s\-•*+]*", flat[a:m.start()]).end()
            olds = _names(flat, a + lead, m.start())[:1]
        news = _names(flat, into.end(), b)
    else:
        into = _INTO.search(flat, m.end(), b)
        if not into or into["w"] != "thành":
            return None
        olds = _names(flat, m.end(), into.start())
        news = _names(flat, into.end(), b)
    return _record(norm, (a, b), olds, news[:1], "renamed", "đổi tên … thành")


def _end(norm, seg, flat, m) -> Succession | None:
    """"kết thúc hoạt động của A", "… của A để thành lập B"."""
    a, b = seg.sentence_at(m.start())
    olds = _names(flat, m.end(), b)
    if not olds:
        return None
    news = []
    then = _THEN_FOUND.match(flat[olds[-1][1][1]:b])
    if then:
        news = _names(flat, olds[-1][1][1] + then.end(), b)
    return _record(norm, (a, b), olds, news, "ended", flat[m.start():m.end()].strip())


# --- names ----------------------------------------------------------------------------------

def _names(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """The bodies named from ``start``: (name, span) for each single body (no groups, no roles)."""
    while start < end and text[start] in " *":
        start += 1
    quoted = _QUOTED.match(text, start, end)
    if quoted:                                   # "Ủy ban Văn hóa, Giáo dục, Thanh niên …" whole
        out = [(quoted["name"], quoted.span("name"))]
        while (more := _QUOTED_MORE.match(text, quoted.end(), end)):
            quoted = more
            out.append((more["name"], more.span("name")))
        return out
    merged = _MERGED_BAN.match(text, start, end)
    if merged:                                   # the grammar reads "Ban A và B" as two names
        return [(re.sub(r"\s+", " ", merged.group()), merged.span())]
    names, _ = read_agencies(text, start, end)
    out: list[tuple[str, tuple[int, int]]] = []
    for n in names:
        if n.end > end or not (n.kind == "body" or n.kind == "collective" and _one_body(n.text)):
            break
        name, stop = n.text, n.end
        cut = _UNDER.search(text, n.start, n.end)
        if cut:                                  # "Đảng bộ tỉnh X trực thuộc Ban Chấp hành Trung ương"
            stop = cut.start()
            name = re.sub(r"\s+", " ", text[n.start:stop]).replace("*", "").strip()
        unit = _LOWER_UNIT.match(name)
        if unit and out and (m := re.search(rf"^(.+?)\s{unit['w']}\s", out[-1][0])):
            name = f"{m.group(1)} {name}"        # "Đảng bộ tỉnh A và tỉnh B": the second is "Đảng bộ tỉnh B"
        elif unit or " " not in name:
            break                                # a commune, a district, a bare "Bộ": not a body we follow
        out.append((name, (n.start, stop)))
    if out and (joined := _WITH.match(text, out[-1][1][1], end)):
        out += _names(text, joined.end(), end)   # "Trường A với Trường B": the grammar stops at "với"
    return out


_WITH = re.compile(r"\s+với\s+(?=[A-ZĐ*])")


_QUOTED = re.compile(r"[\"“](?P<name>[A-ZĐÂƯƠÔÊĂỦ][^\"”\n]{2,150})[\"”]")
_QUOTED_MORE = re.compile(r"\s*(?:,|và)\s*[\"“](?P<name>[A-ZĐÂƯƠÔÊĂỦ][^\"”\n]{2,150})[\"”]")
_UNDER = re.compile(r"\s+(?:trực thuộc|hưởng)\s")
_LOWER_UNIT = re.compile(r"(?P<w>xã|phường|huyện|quận|thị xã|thị trấn|tỉnh|thành phố)\s")


# "Ban Tuyên giáo và Dân vận" (and its level) is one body: the 2025 merger's own name.
_MERGED_BAN = re.compile(rf"Ban Tuyên giáo và Dân vận(?:\s+(?:Trung ương|(?:Tỉnh|Thành|Huyện|Quận|Đảng) (?:ủy|uỷ))"
                         rf"(?:\s+{_PNAME})?)?")


def _one_body(name: str) -> bool:
    """A name the grammar calls a group only for its "và" ("Ban Tuyên giáo và Dân vận Tỉnh ủy")."""
    return name[:1].isupper() and "," not in name and not re.search(r"\b(?:các|những|mọi)\b", name)


def _units(text: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Provinces named from ``start`` ("tỉnh A, tỉnh B và thành phố C"); [] unless every one
    that is merged is a province the lexicon knows."""
    while start < end and text[start] in " *\"“":
        start += 1
    m = _UNITS.match(text, start, end)
    if not m:
        return []
    out, level = [], None
    for part in re.finditer(rf"(?:(?P<lvl>tỉnh|[Tt]hành phố|TP\.?)\s+)?(?P<name>{_PNAME})", m.group()):
        level = (part["lvl"] or level or "tỉnh")
        name = re.sub(r"\s+cũ$", "", part["name"])
        word = "thành phố" if level.lower().startswith(("thành", "tp")) else "tỉnh"
        s = m.start() + part.start("name")
        out.append((f"{word} {name}", (m.start() + part.start(), s + len(name))))
    return out


def _known_units(names) -> bool:
    return all(province(n.split(" ", 1)[1] if n.startswith("tỉnh ") else n[len("thành phố "):])
               for n, _ in names)


def _record(norm: NormText, sentence: tuple[int, int], olds, news, kind: str, cue: str,
            unit: bool = False) -> Succession | None:
    if not olds:
        return None
    if unit and not _known_units(olds):
        return None
    if news:
        olds = [o for o in olds if o[0] not in {n for n, _ in news}]
    if not olds or kind != "ended" and not news:
        return None
    if kind == "merged_into" and len(olds) == 1 and len(news) > 1:
        kind = "split_into"
    s, e = norm.span_to_orig(*sentence)
    return Succession(
        predecessors=[n for n, _ in olds], successors=[n for n, _ in news], kind=kind,
        effective=_effective(norm.text, sentence, olds[0][1][0]), cue=cue,
        evidence=norm.original[s:e], span=(s, e), unit=unit,
        names=[norm.span_to_orig(*sp) for _, sp in [*olds, *news]])


_CLAUSE = re.compile(r"[.;!?]\s+(?=[A-ZĐ\-•*])")


def _effective(text: str, sentence: tuple[int, int], at: int) -> str | None:
    """"kể từ ngày 1/7/2025" in the clause that holds ``at``, else the date, month or year
    that opens that clause ("Ngày 26/01/1968, …"); a run-on sentence of a web page holds several."""
    a, b = sentence
    starts = [m.end() for m in _CLAUSE.finditer(text, a, at)]
    start = starts[-1] if starts else a
    ends = _CLAUSE.search(text, at, b)
    sentence = text[start:ends.start() if ends else b]
    m = _FROM_DATE.search(sentence)
    if m:
        return make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _OPEN.match(sentence)
    if not m:
        return None
    if m["y"]:
        return make_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m["y2"] and 1 <= int(m["m2"]) <= 12:
        return f"{m['y2']}-{int(m['m2']):02d}"
    return m["y3"]
