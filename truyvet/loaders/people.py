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

from truyvet.loaders.bodies.lexicon import PROVINCES
from truyvet.loaders.bodies.tokens import Tok, tokenize
from truyvet.loaders import scan
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
# Every role begins with one of these words: the scan runs ROLE_RE only there.
_ROLE_STARTS = sorted({w for h in _HEADS for w in (h.split()[0], h.split()[0].replace("Ủy", "Uỷ"))}
                      | {"nguyên", "Nguyên", "Phó"})
ROLE_RE = re.compile(rf"(?:(?<=\s)|^|(?<=[(,;\"“]))(?:[Nn]guyên\s+)?(?:Phó\s+)?(?:{_HEAD_ALT})(?:\s+Thường\s+trực)?(?!\w)")
_CUE_RE = re.compile(r"(?:(?<=\W)|^)(?:[Đđ]ồng\s+chí|[Đđ]/[Cc]|ông|bà|Ông|Bà)\s+(?=[A-ZĐÀ-Ỹ])")
_CUE_STARTS = ("Đồng", "đồng", "Đ/", "đ/", "ông", "bà", "Ông", "Bà")
_DIRECT_RE = re.compile(
    r"(?:(?:theo\s+|ý\s+kiến\s+)?chỉ\s+đạo|(?:ý\s+kiến\s+)?kết\s+luận(?:\s+làm\s+việc|\s+chỉ\s+đạo)?)"
    r"\s+của\s+(?:[Đđ]ồng\s+chí\s+|[Đđ]/[Cc]\s+)?(?=[A-ZĐÀ-Ỹ])")
_DIRECT_STARTS = ("theo", "ý", "chỉ", "kết")
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


def _clean_role(s: str) -> str:
    return " ".join(s.replace("Uỷ", "Ủy").split())


def find_people(text: str) -> list[PersonMention]:
    """Every person the text names with a role or "đồng chí", in text order."""
    out: dict[int, PersonMention] = {}
    pending: list[tuple[int, str]] = []      # roles of a chain waiting for their name
    last_end = -1
    for m in scan.finditer(ROLE_RE, text, _ROLE_STARTS):
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
    for m in scan.finditer(_CUE_RE, text, _CUE_STARTS):
        if m.end() in out or any(p.start <= m.end() < p.span[1] for p in out.values()):
            continue
        at = m.end()
        rank = _RANK.match(text, at)
        at = rank.end() if rank else at
        if ROLE_RE.match(text, at):
            continue  # "đồng chí Tổng Bí thư …": the role is read above
        toks = [t for t in tokenize(text[at:at + 60])][:6]
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
    return [m.span() for m in scan.finditer(_DIRECT_RE, text, _DIRECT_STARTS)]
