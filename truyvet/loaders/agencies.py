"""Agency names in running text: read them as Vietnamese body names are built.

Assignments name bodies by grammar, not from a fixed list: "Giao X chủ trì,
phối hợp với Y, Z và các cơ quan, đơn vị liên quan triển khai ...". The
grammar (``truyvet.loaders.bodies``) reads a head noun and what completes it,
keeps coordinated names that are one body whole ("Sở Khoa học và Công
nghệ", "Bộ Văn hóa, Thể thao và Du lịch") and groups whole ("các sở, ban,
ngành", "UBND các xã, phường"), and splits lists of bodies.

>>> [n.text for n in read_agencies("Sở Nội vụ và các đơn vị có liên quan tổ chức đào tạo")[0]]
['Sở Nội vụ', 'các đơn vị có liên quan']
>>> is_agency("Ban Tuyên giáo Đảng uỷ"), is_agency("Mục đích")
(True, False)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from truyvet.loaders.bodies.lexicon import CONNECTORS, may_start_at
from truyvet.loaders.bodies.reader import read_name, starts_name
from truyvet.loaders.bodies.tokens import Tok, tokenize


@dataclass(frozen=True)
class AgencyName:
    """One body, group or role-holder as written; offsets into the text given."""
    text: str       # as written, runs of whitespace collapsed, emphasis marks dropped
    start: int
    end: int
    kind: str       # "body" | "collective" | "role"


_SEPARATORS = {",", ";", "và", "hoặc"}
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_WS = re.compile(r"\s+")


def read_agencies(text: str, start: int = 0, end: int | None = None) -> tuple[list[AgencyName], int]:
    """Read the list of body names that starts at ``start`` (leading spaces skipped).

    Returns the names and the index where the list ends: the first token that
    cannot continue it (a verb such as "chủ trì", punctuation that closes the
    list), or ``start`` when no body name starts there.

    >>> names, end = read_agencies("Sở Khoa học và Công nghệ chủ trì, phối hợp")
    >>> [n.text for n in names], names[0].kind, "Sở Khoa học và Công nghệ chủ trì"[end:]
    (['Sở Khoa học và Công nghệ'], 'body', 'chủ trì')
    """
    names, end_index, _ = _read(text, start, end)
    return names, end_index


def _read(text: str, start: int, end: int | None, whole: bool = False) -> tuple[list[AgencyName], int, list[Tok]]:
    stop = len(text) if end is None else end
    para = _PARAGRAPH.search(text, start, stop)           # names never cross a blank line
    limit = para.start() if para else stop
    if not may_start_at(text, start, limit):              # most places read are no name at all
        return [], start, []
    # Most lists are short: read a little first. The grammar looks up to a
    # lexicon phrase (22 tokens) past a word, so a list read from the shortest
    # slice stands only when it ended that far before the slice's end. A longer
    # slice goes on from the last token of the shorter: the same tokens.
    toks: list[Tok] = []
    for cap, margin in ((32, 24), (80, 0), (2000, 0)):
        toks += tokenize(text, toks[-1].end if toks else start, limit, limit=cap - len(toks))
        found, k = _names(toks, whole)
        if k + margin < len(toks) or len(toks) < cap:
            break
    bare = None if whole else next(
        (x for x, n in enumerate(found) if _bare(n) and not _stands_for_body(text, toks, n, len(found))), None)
    if bare is not None:              # "Hội nghiên cứu …", "Đội có thí sinh …": a common noun, not a body
        found = found[:bare]
        k = found[-1].j if found else 0
    names = [_name(text, toks, n) for n in found]
    # A heading repeated as the subject of its first sentence ("Trung tâm X Trung tâm X chủ trì").
    while len(names) > 1 and names[-1].text == names[-2].text:
        names.pop()
        k = found[len(names)].i
    if not names:
        return [], start, toks
    return names, toks[k].start if k < len(toks) else toks[-1].end, toks


def _names(toks: list[Tok], whole: bool) -> tuple[list, int]:
    """The names of the list at the start of ``toks``, and the token after it."""
    found = []
    k = 0
    while (name := read_name(toks, k, whole)) is not None:
        found.append(name)
        k = name.j
        if k >= len(toks):
            break
        sep = k
        while sep < len(toks) and toks[sep].key in _SEPARATORS:
            sep += 1
        if sep > k and (c := CONNECTORS.match(toks, sep)):
            sep += c[0]               # "…, cơ quan ngang bộ, đặc biệt là người đứng đầu"
        if sep > k and sep < len(toks) and toks[sep].nl < 2 and starts_name(toks, sep):
            k = sep
        elif not (sep == k and toks[k].nl == 0 and not toks[k].cell and _glued(toks, k, name)):
            break
    return found, k


def _bare(n) -> bool:
    """A one-word head alone ("Hội", "Đội", "Phòng"): a common noun as often as a body."""
    return n.cls == "organ" and n.j == n.i + 1 and not n.det and n.kind == "body"


def _stands_for_body(text: str, toks: list[Tok], n, listed: int) -> bool:
    """May a bare head in running text ("Trung tâm", "Hội đồng") stand for a body? When
    it is one of a list ("Văn phòng Bộ, Vụ, Cục thuộc Bộ"), when the text defines it as
    a short form ("(sau đây gọi tắt là Trung tâm)"), or names that body in full before."""
    if listed > 1:
        return True
    head = re.escape(text[toks[n.i].start:toks[n.j - 1].end])
    return bool(re.search(rf"gọi(?: tắt| chung)? là\s*\W?{head}\b", text, re.IGNORECASE)
                or re.compile(rf"\b{head}\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]").search(text, 0, toks[n.i].start))


def _glued(toks: list[Tok], k: int, prev) -> bool:
    """A new body written right after the last without a separator (PDF tables)."""
    return toks[k].cap and prev.filled and starts_name(toks, k)


def _name(text: str, toks: list[Tok], n) -> AgencyName:
    a, b = toks[n.i].start, toks[n.j - 1].end
    return AgencyName(_WS.sub(" ", text[a:b].replace("*", "")).strip(), a, b, n.kind)


_MARKER = re.compile(r"^\s*(?:[-+•*]\s+|(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*|\(\w{1,4}\)\s*)")


# Tables ask it of every cell for each column a cell might fill, headings of
# every item twice: half the phrases asked were asked just before.
@lru_cache(maxsize=1024)
def is_agency(phrase: str) -> bool:
    """Is the whole phrase one body, a group, a role-holder, or a list of them?

    For headings ("1. Sở Tư pháp"), labels before ":" and table cells.

    >>> is_agency("1. Sở Tư pháp"), is_agency("Tổ chức thực hiện"), is_agency("SỐ LƯỢNG")
    (True, False, False)
    """
    s = _MARKER.sub("", phrase.replace("*", " ")).strip(" \t\n:;,.")
    if not s or len(s) > 300:
        return False
    names, end, toks = _read(s, 0, None, whole=True)
    return bool(names) and end >= len(s)


def agency_suffix(text: str) -> int | None:
    """Start of the longest list of body names that ends ``text``.

    PDF tables lose their cell separators: "… thủy sản) Ban cán sự đảng UBND
    Thành phố" ends with the lead's cell.
    """
    s = text.rstrip(" \t\n.;,")
    toks = tokenize(s, 0, None, limit=10_000)
    for k, t in enumerate(toks):
        if k == 0 or not t.word or not (t.cap or t.key in {"các", "những"}):
            continue
        if toks[k - 1].word and toks[k - 1].key not in {"và"} and not toks[k - 1].end < t.start:
            continue
        names, end, _ = _read(s, t.start, None, whole=True)
        if names and end >= len(s):
            return t.start
    return None


# --- the former API, kept for callers that cut the list themselves ------------

def end_of_agency_list(text: str, start: int = 0) -> int:
    """Index where the list of bodies starting at ``start`` ends (``start`` if none does)."""
    return read_agencies(text, start)[1]


def split_agencies(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """The bodies of a span already cut as a list (a table cell, a "Cơ quan chủ trì:"
    field), as (name, start, end) with ``offset`` added. A span the grammar cannot
    read as names is kept whole: a cell headed "chủ trì" names its lead whatever it says.

    >>> [n for n, _, _ in split_agencies("Đảng đoàn HĐND Thành phố, các quận, huyện, thị ủy và các cơ quan, đơn vị liên quan")]
    ['Đảng đoàn HĐND Thành phố', 'các quận, huyện, thị ủy', 'các cơ quan, đơn vị liên quan']
    """
    names, _ = read_agencies(text)
    if names:
        return [(n.text, offset + n.start, offset + n.end) for n in names]
    s = text.strip(" ,.;:\n\t")
    if not s or len(s) > 120:
        return []
    a = text.index(s)
    return [(_WS.sub(" ", s), offset + a, offset + a + len(s))]


def looks_like_agency(text: str) -> bool:
    """Former name of :func:`is_agency`."""
    return is_agency(text)


@lru_cache(maxsize=1 << 14)
def is_collective(name: str) -> bool:
    """A group of bodies ("các sở, ban, ngành", "UBND các xã") rather than one body."""
    names, _ = read_agencies(name)
    if len(names) == 1:
        return names[0].kind == "collective"
    return len(names) > 1 or name.strip().lower().startswith(("các ", "những ", "mọi "))
