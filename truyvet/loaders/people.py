"""Officials named in a document's text, with the roles the text gives them.

Two shapes name an official:

* a role, then the name: "Tổng Bí thư Tô Lâm", "Phó Chủ tịch UBND TP Hà Nội
  Hà Minh Hải", and role chains "Ủy viên Bộ Chính trị, Phó Thủ tướng Thường
  trực Nguyễn Hòa Bình" (every role of the chain is the person's);
* "đồng chí" (or "Đ/c", "ông", "bà"), then the name, then the roles after
  commas: "đồng chí Trần Cẩm Tú, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư".

A name is 2 to 4 capitalised syllables that start with a family name and end
where the capitalised run ends; the words between a role's head and the name
are the body it heads ("Thành ủy Hà Nội"). Place names are never names ("Hà
Nội", "Hà Giang" are skipped even though "Hà" is a family name), except
"Hồ Chí Minh" right after a role ("Chủ tịch Hồ Chí Minh").

"theo chỉ đạo của đồng chí X", "kết luận (làm việc) của đồng chí X" say that
X directed a document: the documents named just before the cue in the same
clause ("Thông báo số 111-TB/VPTW … về kết luận làm việc của đồng chí Tổng Bí
thư Tô Lâm"), or the document itself when none is.

>>> [(m.name, m.roles) for m in find_people("Cùng dự có Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài.")]
[('Bùi Thị Minh Hoài', ['Ủy viên Bộ Chính trị', 'Bí thư Thành ủy Hà Nội'])]
>>> [(m.name, m.roles) for m in find_people("theo chỉ đạo của đồng chí Trần Cẩm Tú, Ủy viên Bộ Chính trị, Thường trực Ban Bí thư;")]
[('Trần Cẩm Tú', ['Ủy viên Bộ Chính trị', 'Thường trực Ban Bí thư'])]
>>> [m.name for m in find_people("Phó Chủ tịch UBND TP Hồ Chí Minh Phan Văn Mãi và Chủ tịch Hồ Chí Minh")]
['Phan Văn Mãi', 'Hồ Chí Minh']
>>> find_people("Bí thư Hà Nội đã chỉ đạo"), find_people("Chủ tịch UBND tỉnh Hà Giang")
([], [])
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders import scan
from truyvet.loaders.bodies.lexicon import PROVINCES
from truyvet.loaders.bodies.tokens import Tok, tokenize
from truyvet.loaders.keys import fold
from truyvet.loaders.signature import SURNAMES

# Heads of roles, longest first within each alternative. A head may be
# preceded by "Phó" and "nguyên" and followed by "Thường trực".
_HEADS = (
    "Tổng Bí thư", "Chủ tịch nước", "Chủ tịch Quốc hội", "Thủ tướng Chính phủ", "Thủ tướng",
    "Thường trực Ban Bí thư", "Ủy viên Bộ Chính trị", "Ủy viên Ban Bí thư", "Ủy viên dự khuyết Trung ương Đảng",
    "Ủy viên Trung ương Đảng", "Ủy viên Ban Chấp hành Trung ương Đảng", "Ủy viên Ban Thường vụ", "Ủy viên",
    "Bí thư Trung ương Đảng", "Bí thư", "Chủ tịch", "Trưởng ban", "Trưởng Ban", "Trưởng đoàn", "Trưởng Đoàn",
    "Chánh Văn phòng", "Chánh án", "Chánh Thanh tra", "Bộ trưởng", "Thứ trưởng", "Tổng Giám đốc", "Giám đốc",
    "Chủ nhiệm", "Viện trưởng", "Tổng Thư ký", "Tổng Kiểm toán", "Tư lệnh", "Chính ủy", "Vụ trưởng",
    "Cục trưởng", "Tổng cục trưởng", "Thành ủy viên", "Tỉnh ủy viên", "UVBCT", "UVTW", "UVBTV", "TUV",
)
_HEAD_ALT = "|".join(re.escape(h).replace("Ủy", "(?:Ủy|Uỷ)").replace(r"\ ", r"\s+")
                     for h in sorted(_HEADS, key=len, reverse=True))
# Every role begins with one of these words. "nguyên" before a role is looked
# for back from the word after it (see _roles): its "n" is so common that
# looking for it doubled the time of the scan for them.
_ROLE_STARTS = tuple(sorted({w for h in _HEADS for w in (h.split()[0], h.split()[0].replace("Ủy", "Uỷ"))} | {"Phó"}))
ROLE_RE = re.compile(rf"(?:(?<=\s)|^|(?<=[(,;\"“]))(?:[Nn]guyên\s+)?(?:Phó\s+)?(?:{_HEAD_ALT})(?:\s+Thường\s+trực)?(?!\w)")
_CUES = (r"Đồng\s+chí", r"đồng\s+chí", r"Đ/[Cc]", r"đ/[Cc]", "ông", "bà", "Ông", "Bà")
_CUE = rf"(?:{'|'.join(_CUES)})\s+(?=[A-ZĐÀ-Ỹ])"
_CUE_RE = re.compile(rf"(?:(?<=\W)|^){_CUE}")
# Where a role or a cue may begin: one scan of the text finds both (a scan
# costs about as much for a few words as for many). Each alternative opens
# with a letter, so the regex engine jumps to the places one can begin; no
# role word and cue begin at one place.
_ROLE_OR_CUE = re.compile("|".join([*(rf"{c}\s+(?=[A-ZĐÀ-Ỹ])" for c in _CUES),
                                    *map(re.escape, sorted(_ROLE_STARTS, key=len, reverse=True))]))
assert not any(w.startswith(("Đồ", "đồ", "Đ/", "đ/", "ông", "bà", "Ông", "Bà")) for w in _ROLE_STARTS)
_DIRECT_RE = re.compile(
    r"(?:(?:theo\s+|ý\s+kiến\s+)?chỉ\s+đạo|(?:ý\s+kiến\s+)?kết\s+luận(?:\s+làm\s+việc|\s+chỉ\s+đạo)?)"
    r"\s+của\s+(?:[Đđ]ồng\s+chí\s+|[Đđ]/[Cc]\s+)?(?=[A-ZĐÀ-Ỹ])")
# How every _DIRECT_RE match begins.
_DIRECT_AT = re.compile(r"theo\s+chỉ|ý\s+kiến|chỉ\s+đạo|kết\s+luận")
# Every direction cue says "chỉ đạo" or "kết luận": a search for one word is
# several times faster than for any of several, and most texts have neither.
_DIRECT_NEEDS = (re.compile(r"chỉ\s+đạo"), re.compile(r"kết\s+luận"))
# A military or police rank before a name.
_RANK = re.compile(r"(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+")
# Common middle syllables: the second word of a four-word name is one of these
# or no family name ("Bùi Thị Minh Hoài"; "Ba Đình Hoàng Minh Dũng" is a place and a name).
_MIDDLES = {"thi", "van", "huu", "duc", "dinh", "cong", "quoc", "ngoc", "minh", "thanh", "xuan", "hong", "kim",
            "the", "trong", "tien", "quang", "manh", "anh", "hai", "nu", "ba"}
# Words of bodies and offices: never inside a name.
# Compared with tones ("Thành ủy" is a body, "Trần Sỹ Thanh" a name).
_BODY_WORDS = {"ubnd", "hđnd", "mttq", "tp", "tw", "ủy", "ban", "bộ", "sở", "đảng", "tỉnh", "huyện", "quận", "xã",
               "phường", "phủ", "ương", "nhà", "nước", "việt"}
_PERSON_PLACES = {"ho chi minh"}
# Letters and digits of the Latin scripts that are no capitals: a capitalised
# word starts with none of them (any other character may be a capital).
_NOT_CAP = "".join(re.escape(c) for c in map(chr, [*range(0x250), *range(0x1E00, 0x1F00)])
                   if (c.isalnum() or c == "_") and not c.isupper())
_CAP = rf"[^\W{_NOT_CAP}]"
# A capitalised word followed by another one (a word starts after no letter
# or digit; only what the role's tokens leave out lies between). A name is
# such words, the first a family name: most roles have none after them, and
# looking for one costs far less than tokenizing.
_CAP_THEN_CAP = re.compile(rf"{_CAP}(?<![^\W_].)[^\W_]*(?=(?:[^\w&-]|_)*{_CAP})")
_WORD = re.compile(r"[^\W_]+")       # a word as the tokenizer reads it (before it splits one)
_STOP_ROLE = re.compile(r"[,;:()\"“”.!?\n]|\s(?:và|cùng|đã|làm|tại|với|về|cho|chủ|dẫn|phát|báo|cảm|khẳng|nhấn|yêu|đề|cho)\s")


@dataclass
class PersonMention:
    name: str
    span: tuple[int, int]                 # of the name
    roles: list[str] = field(default_factory=list)
    cue: str = ""                         # the words that named a person: "đồng chí", or the first role
    start: int = 0                        # where the whole mention starts (roles before the name)


def _name_at(toks: list[Tok], i: int, run_end: int, first: bool) -> int | None:
    """The end token index of a name starting at ``toks[i]`` and running to ``run_end``, or None."""
    n = run_end - i
    words = [t.text for t in toks[i:run_end]]
    if not 2 <= n <= 4 or fold(words[0]) not in SURNAMES:
        return None
    keys = [fold(w) for w in words]
    if any(not w[0].isupper() or (len(w) > 1 and w.isupper() and len(w) > 2) for w in words):
        return None
    if any(t.key in _BODY_WORDS for t in toks[i:run_end]):  # "Đảng Cộng sản" is no "Đặng Công"
        return None
    if n == 4 and keys[1] in SURNAMES and keys[1] not in _MIDDLES:
        return None
    place = PROVINCES.match(toks, i)
    if place and not (first and place[0] == n and " ".join(keys) in _PERSON_PLACES):
        return None
    return run_end


def _split_role(text: str, at: int, first_head_end: int) -> tuple[int, tuple[int, int]] | None:
    """After a role head ending at ``first_head_end``: (end of the role, name span), or None
    when no name follows within the role's words."""
    window = text[first_head_end:first_head_end + 160]
    stop = _STOP_ROLE.search(window)
    window = window[:stop.start()] if stop else window
    if not any(fold(w.group()) in SURNAMES for w in _CAP_THEN_CAP.finditer(window)):
        return None
    toks = [t for t in tokenize(window) if t.word or t.text in "&-"][:16]
    if not toks or toks[0].nl > 1:
        return None
    # Capitalised runs: a name ends one.
    k = 0
    while k < len(toks):
        run_end = k
        while run_end < len(toks) and toks[run_end].cap and toks[run_end].word:
            run_end += 1
        for i in range(k, run_end - 1):
            place = PROVINCES.match(toks, i)
            if place and i + place[0] < run_end and " ".join(fold(t.text) for t in toks[i:i + place[0]]) \
                    not in _PERSON_PLACES:
                continue  # "Hà Nội" inside a body's name
            if i > k and PROVINCES.match(toks, i - 1) and PROVINCES.match(toks, i - 1)[0] > 1:
                continue  # the second word of a place
            end = _name_at(toks, i, run_end, first=i == 0)
            if end is not None:
                a = first_head_end + toks[i].start
                b = first_head_end + toks[end - 1].end
                return first_head_end + (toks[i - 1].end if i else 0), (a, b)
        k = max(run_end, k + 1)
    return None


def _roles(text: str, places: list[int]):
    """The matches of ``ROLE_RE.finditer(text)``, ``places`` where its words
    begin. A role "nguyên" opens ("nguyên Phó Chủ tịch") is found at the word
    after it, then read from "nguyên" (the same end)."""
    last = 0                       # where the previous match ended
    for m in scan.matches_at(ROLE_RE, text, places):
        j = m.start()
        while j > last and text[j - 1].isspace():
            j -= 1
        if j < m.start() and j - 6 >= last and text[j - 6:j] in ("nguyên", "Nguyên"):
            m = ROLE_RE.match(text, j - 6) or m
        last = m.end()
        yield m


def _clean_role(s: str) -> str:
    return " ".join(s.replace("Uỷ", "Ủy").split())


def find_people(text: str) -> list[PersonMention]:
    """Every person the text names with a role or "đồng chí", in text order."""
    out: dict[int, PersonMention] = {}
    pending: list[tuple[int, str]] = []      # roles of a chain waiting for their name
    last_end = -1
    role_places, cue_places = [], []
    for p in scan.places(_ROLE_OR_CUE, text):
        (role_places if text.startswith(_ROLE_STARTS, p) else cue_places).append(p)
    for m in _roles(text, role_places):
        head_end = m.end()
        if pending and text[last_end:m.start()].strip() not in (",", ""):
            pending = []
        found = _split_role(text, m.start(), head_end)
        if found is None:
            # A role without a name here: the next role of a chain may carry it.
            stop = _STOP_ROLE.search(text, head_end, head_end + 120)
            end = stop.start() if stop else head_end
            if stop and text[stop.start()] == ",":
                pending.append((m.start(), _clean_role(text[m.start():end])))
                last_end = end + 1
            else:
                pending = []
            continue
        role_end, (a, b) = found
        name = " ".join(text[a:b].split())
        roles = [r for _, r in pending] + [_clean_role(text[m.start():role_end])]
        start = pending[0][0] if pending else m.start()
        pending = []
        out.setdefault(a, PersonMention(name, (a, b), roles, cue=roles[0], start=start))
        last_end = b
    for m in scan.matches_at(_CUE_RE, text, cue_places):
        if m.end() in out or any(p.start <= m.end() < p.span[1] for p in out.values()):
            continue
        at = m.end()
        rank = _RANK.match(text, at)
        at = rank.end() if rank else at
        if ROLE_RE.match(text, at):
            continue  # "đồng chí Tổng Bí thư …": the role is read above
        first = _WORD.match(text, at, at + 60)
        if first and fold(first.group()) not in SURNAMES:
            continue  # a name starts with a family name (the word whole, or it is no name)
        toks = tokenize(text[at:at + 60], limit=6)[:6]
        run_end = 0
        while run_end < len(toks) and toks[run_end].word and toks[run_end].cap and not toks[run_end].nl > 1:
            run_end += 1
        end = next((e for e in range(min(run_end, 4), 1, -1) if _name_at(toks, 0, e, first=False) == e
                    and (e == run_end)), None)
        if end is None:
            continue
        a, b = at + toks[0].start, at + toks[end - 1].end
        roles = []
        pos = b
        while True:
            nxt = re.match(r"\s*,\s*", text[pos:])
            if not nxt:
                break
            r = ROLE_RE.match(text, pos + nxt.end())
            if not r:
                break
            stop = _STOP_ROLE.search(text, r.end(), r.end() + 120)
            role_end = stop.start() if stop else r.end()
            roles.append(_clean_role(text[r.start():role_end]))
            pos = role_end
        out[a] = PersonMention(" ".join(text[a:b].split()), (a, b), roles,
                               cue=" ".join(m.group().split()), start=m.start())
    return sorted(out.values(), key=lambda p: p.span)


def direction_cues(text: str) -> list[tuple[int, int]]:
    """Spans of "(theo) chỉ đạo của đồng chí" / "kết luận … của đồng chí" cues.

    >>> t = "Thực hiện Thông báo số 111-TB/VPTW về kết luận làm việc của đồng chí Tổng Bí thư Tô Lâm"
    >>> [t[a:b] for a, b in direction_cues(t)]
    ['kết luận làm việc của đồng chí ']
    """
    if not any(n.search(text) for n in _DIRECT_NEEDS):
        return []
    return [m.span() for m in scan.matches_at(_DIRECT_RE, text, scan.places(_DIRECT_AT, text))]
