"""How the document relates to each document it names.

The preamble's basis clauses decide: "Căn cứ …" gives ``based_on``;
"Thực hiện …", "Triển khai (thực hiện) …", "Để (tiếp tục) thực hiện …", "Để
bảo đảm thực hiện … nêu tại …" give ``implements``. A clause governs a list,
and every document that opens an item of it is implemented: the one right
after the cue, those joined to it by "," or "và", those after ";" or ":", and
an amending act after "được sửa đổi, bổ sung tại". A document named inside
an item's title ("Nghị quyết 03/NQ-CP … về ban hành Chương trình … thực hiện
Nghị quyết 57-NQ/TW") is cited, as is every other mention, and every mention
in a news article (it reports on documents, it does not carry them out).

The document's own words about what it carries out count too: its title
("Kế hoạch triển khai thực hiện Chỉ thị …") and "UBND tỉnh ban hành Kế hoạch
triển khai thi hành Luật …".

>>> from truyvet.loaders.references import find_mentions
>>> t = ("Căn cứ Hướng dẫn số 06-HD/BTCTW ngày 15/8/2011 của Ban Tổ chức Trung ương về chế độ theo "
...      "Thông báo số 13-TB/TW ngày 28/3/2011 của Bộ Chính trị; Quyết định số 907-QĐ/BTGDVTW ngày 17/9/2025.")
>>> ms = find_mentions(t)
>>> rel = decide(t, ms, len(t), None, news=False)
>>> [(m.symbol.canonical, rel[id(m)][0]) for m in ms]
[('06-HD/BTCTW', 'based_on'), ('13-TB/TW', 'cites'), ('907-QĐ/BTGDVTW', 'based_on')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from truyvet.loaders.places import place_in
from truyvet.loaders.references import GROUP_GAP, Mention


@dataclass
class Clause:
    start: int
    cue_end: int
    end: int
    cue: str
    relation: str


def _tolerant(words: str) -> str:
    """A phrase whose spaces PDF extraction may have dropped ("Thựchiện")."""
    return r"\s*".join(re.escape(w) for w in words.split())


_IMPLEMENT_VERBS = ("triển khai thực hiện", "triển khai thi hành", "tổ chức thực hiện", "tiếp tục thực hiện",
                    "thực hiện", "triển khai", "thi hành", "cụ thể hóa", "cụ thể hoá", "quán triệt")
_VERB = "|".join(_tolerant(v) for v in _IMPLEMENT_VERBS)
_CUE = re.compile(
    rf"(?P<cue>(?P<based>{_tolerant('Căn cứ')})"
    rf"|(?:(?:Để|Nhằm)\s+(?:tiếp\s*tục\s+)?(?:(?:bảo|đảm)\s*đảm\s+)?(?:{_VERB})"
    rf"|Tiếp\s*thu,\s*cụ\s*thể\s*ho[áa],\s*(?:{_VERB})"
    rf"|Quán\s*triệt(?:,|\s+và)\s*(?:{_VERB})"
    rf"|(?:{_VERB})))"
    r"(?:\s+(?:nghiêm|tốt|có hiệu quả|hiệu quả|nghiêm túc)(?:,? (?:đầy đủ|kịp thời|hiệu quả))?)?\b",
    re.IGNORECASE,
)
# A clause starts a line, a sentence or an item ("- Căn cứ …", "…; Thực hiện …").
_CLAUSE_START = re.compile(r"[\n.;:][\s*\-+•]*(?=[CcTtĐđNnQq])")
_TEXT_START = re.compile(r"[\s*\-+•]*")


def _clause_starts(lined: str, end: int):
    yield _TEXT_START.match(lined).end()
    for m in _CLAUSE_START.finditer(lined, 0, end):
        yield m.end()


_CLAUSE_END = re.compile(r"\.(?=\s+[A-ZĐÀ-Ỹ\"“(*]|\s*$)|\n\s*\n|như sau\s*:")
# Gaps that keep a list going: before an item, and between grouped items.
_LEAD_GAP = re.compile(r"[\s,;:*\-+•]*(?:(?:các|và|cùng|đồng thời|tiếp tục)\s+)*"
                       r"(?:(?:điểm|khoản|Điều|Mục|mục|Chương|Phần|Phụ lục)\s+[\w.]+\s*,?\s*(?:(?:của|và)\s+)?)*")
# "Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại …", "Để bảo đảm thực
# hiện các nhiệm vụ nêu tại …": the cue's object points at the document.
_CUE_OBJECT = re.compile(
    r"\s*(?:các |những )?(?:ý kiến )?(?:chỉ đạo|nhiệm vụ|nội dung|yêu cầu|kết luận|chủ trương|mục tiêu|giải pháp|quy định)"
    r"[^;.]{0,100}?\b(?:tại|theo|nêu tại|quy định tại|ghi tại)\s+",
    re.IGNORECASE,
)
# "các Nghị định … (Số 37/2019/NĐ-CP …, số 58/2023/NĐ-CP … và số 22/2025/NĐ-CP …)":
# a bare "số" after "(", "," or "và" goes on with a list of the same kind.
_BARE_ITEM = re.compile(r"(?:\(|,|\svà)\s*$")
_AMENDED_AT = re.compile(r"được sửa đổi,?\s*(?:bổ sung)?(?:,?\s*(?:cập nhật|thay thế))?(?: một số điều)?\s*(?:tại|bởi|theo)\s+")
_OWN_ISSUE = re.compile(
    r"ban hành(?: kèm theo (?:Quyết định|Nghị quyết|Chỉ thị|Thông tư) này)?\s+(?:Kế hoạch|Chương trình|Đề án|Hướng dẫn"
    r"|Quy chế|Quy định)(?:\s+hành động)?\s+(?:để\s+)?(?P<verb>triển khai thi hành|triển khai thực hiện|thực hiện"
    r"|triển khai|tổ chức thực hiện|thi hành)\s+$",
    re.IGNORECASE,
)
_TITLE_VERBS = re.compile(r"triển khai thực hiện|triển khai thi hành|thực hiện|triển khai|cụ thể (?:hóa|hoá)|quán triệt",
                          re.IGNORECASE)


def basis_clauses(text: str, end: int, lined: str | None = None) -> list[Clause]:
    """The preamble's basis clauses, each to its sentence's end or the next
    clause. ``lined`` is the same text with its line breaks (``text`` may be
    the flattened view), where a clause's start is seen."""
    lined = text if lined is None else lined
    found = []
    # Cues are tried only where a clause can start: a scan of the whole
    # preamble with the case-blind cue pattern costs far more.
    for pos in _clause_starts(lined, end):
        m = _CUE.match(text, pos)
        if m is None:
            continue
        relation = "based_on" if m["based"] else "implements"
        found.append([m.start(), m.end(), len(text), " ".join(m["cue"].split()), relation])
    for i, c in enumerate(found):
        e = _CLAUSE_END.search(text, c[1])
        c[2] = min(e.start() if e else len(text), found[i + 1][0] if i + 1 < len(found) else len(text))
    return [Clause(*c) for c in found]


def _members(text: str, c: Clause, mentions: list[Mention]) -> list[Mention]:
    """The documents that open the items of a clause's list."""
    inside = [m for m in mentions if c.cue_end <= m.start < c.end and m.via != "short form"]
    bounds = [c.cue_end]
    bounds += [i + 1 for i in range(c.cue_end, c.end) if text[i] in ";:"]
    bounds += [a.end() for a in _AMENDED_AT.finditer(text, c.cue_end, c.end)]
    bounds.sort()
    out: list[Mention] = []
    for m in inside:
        b = max(p for p in bounds if p <= m.start)
        last = out[-1] if out else None
        if m.symbol and text[m.start:m.start + 2].lower() == "số" and _BARE_ITEM.search(text, max(0, m.start - 6), m.start):
            member = True
        elif last is not None and b <= last.start:
            # An issuer after the group ("A và B của X") ends every item's attributes.
            gap_start = last.attrs_end if last.attrs_end <= m.start else last.end
            member = bool(GROUP_GAP.fullmatch(text, gap_start, m.start))
        else:
            gap_ok = _LEAD_GAP.fullmatch(text, b, m.start)
            member = bool(gap_ok or b == c.cue_end and not out and _CUE_OBJECT.fullmatch(text, b, m.start))
        if member:
            out.append(m)
    return out


def decide(text: str, mentions: list[Mention], head_end: int, title: tuple[int, int] | None,
           news: bool, lined: str | None = None) -> dict[int, tuple[str, str | None]]:
    """(relation, cue) of every mention, keyed by ``id(mention)``; ``lined``
    as for :func:`basis_clauses`."""
    if news:
        return {id(m): ("cites", None) for m in mentions}
    decided: dict[int, tuple[str, str | None]] = {}
    for c in basis_clauses(text, head_end, lined):
        for m in _members(text, c, mentions):
            decided[id(m)] = (c.relation, c.cue)
    issues = _find_all(text, "an hành", head_end + 3000)   # "ban hành", "Ban hành"
    for m in mentions:
        if title is not None and title[0] <= m.start < title[1]:
            verbs = _TITLE_VERBS.findall(text, title[0], m.start)
            decided[id(m)] = ("implements", verbs[-1]) if verbs else ("cites", None)
        elif id(m) not in decided and any(0 < m.start - i <= 160 for i in issues):
            own = _OWN_ISSUE.search(text, max(0, m.start - 160), m.start)
            if own:
                for g in m.group or [m]:
                    decided.setdefault(id(g), ("implements", own["verb"]))
    return {id(m): decided.get(id(m), ("cites", None)) for m in mentions}


def _find_all(text: str, word: str, end: int) -> list[int]:
    out, i = [], text.find(word, 0, end)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1, end)
    return out


def head_group_of_sentence(text: str, sentence: tuple[int, int], mentions: list[Mention]) -> list[Mention]:
    inside = [m for m in mentions if sentence[0] <= m.start < sentence[1] and not m.via]
    return inside[0].group if inside else []


_IMPLEMENT_VERB_BEFORE = re.compile(r"(?:triển khai thực hiện|thực hiện|triển khai|cụ thể hóa|cụ thể hoá)\s*$", re.IGNORECASE)
_CONCRETISED_AT = re.compile(r"(?:được )?cụ thể (?:hóa|hoá) (?:tại|bằng|trong|thành)\s*$", re.IGNORECASE)
# Longer than any match of the two patterns above, trailing spaces aside.
_CUE_LONGEST = 24


def reported_links(text: str, sentence: tuple[int, int], mentions: list[Mention]) -> list[tuple[Mention, Mention, str]]:
    """(implementer, implemented, cue) pairs that this sentence reports."""
    inside = [m for m in mentions if sentence[0] <= m.start < sentence[1] and (m.symbol or m.name) and not m.via]
    out = []
    for a, b in zip(inside, inside[1:]):
        gap = text[a.attrs_end:b.start]
        # Both cues end the gap: search only its last words.
        tail = max(0, len(gap.rstrip()) - _CUE_LONGEST)
        verb = _IMPLEMENT_VERB_BEFORE.search(gap, tail)
        concretised = _CONCRETISED_AT.search(gap, tail)
        if concretised:
            # "… cụ thể hóa tại C": C implements what the sentence is about.
            for h in head_group_of_sentence(text, sentence, mentions):
                if h is not b and h.key != b.key:
                    out.append((b, h, concretised.group().strip()))
        elif verb and ";" not in gap and len(gap) <= 320:
            # "Kế hoạch A … của Thành ủy thực hiện Nghị quyết B": A implements B.
            out.append((a, b, verb.group().strip()))
    return out


def issuer_place(m: Mention) -> str | None:
    return place_in(m.issuer)[0] if m.issuer else None
