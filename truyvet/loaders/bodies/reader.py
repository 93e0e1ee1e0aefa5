"""The grammar of Vietnamese body names, read left to right over tokens.

A name is [determiner] [title] head complement*: "các" + "sở, ban, ngành";
"Giám đốc" + "Sở" + "Nội vụ"; "Ủy ban nhân dân" + "các xã, phường"; "Ban
cán sự đảng" + "UBND" + "Thành phố". The head decides what may follow: a
field ("Khoa học và Công nghệ", checked against the curated fields, where
"và" and commas belong to the name), a level or place ("tỉnh", "cấp xã",
"Thành phố Hồ Chí Minh"), a parent body ("Đảng ủy Bộ Tài chính"), a
modifier ("có liên quan", "trực thuộc Trung ương"). A list joins names with
",", ";", "và"; a separator belongs to the list, not the name, when what
follows starts a new name (a head, a title, "các" + a body noun). The name
ends at the first word that cannot continue it: a predicate ("chủ trì",
"có trách nhiệm"), an adverbial ("theo", "trong"), punctuation, a new line
that starts something else, a table cell.
"""
from __future__ import annotations

from truyvet.loaders.bodies import complement
from truyvet.loaders.bodies.lexicon import CENTRAL, DETS, GENERIC, HEADS, LEVEL, MODS, NOT_HEAD, PREDICATES, ROLE_NOUNS
from truyvet.loaders.bodies.tokens import Tok
from truyvet.loaders.bodies.words import Name, head_at, titles_at, word_at

# Role nouns that name someone without a body after them ("Giảng viên có trách nhiệm …").
_BARE_ROLES = {"giảng viên", "học viên", "giáo vụ", "chủ nhiệm lớp", "giáo viên", "nhà đầu tư",
               "chủ đầu tư", "doanh nghiệp", "thành viên", "báo cáo viên", "người đứng đầu"}


# Administrative units that, with their name, stand for their government ("tỉnh Đắk Lắk").
UNITS = {"tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường", "đặc khu"}


def _lower_after(toks: list[Tok], k: int) -> bool:
    return k < len(toks) and toks[k].word and toks[k].lower and not toks[k].nl


def starts_name(toks: list[Tok], k: int) -> bool:
    """Does ``toks[k]`` begin a new name (so a separator before it is the list's)?"""
    t = word_at(toks, k)
    if t is None:
        return False
    det = DETS.match(toks, k)
    if det:
        m = k + det[0]
        return bool(GENERIC.match(toks, m) or ROLE_NOUNS.match(toks, m) or head_at(toks, m, True)
                    or LEVEL.match(toks, m))
    if t.cap and (head_at(toks, k) or CENTRAL.match(toks, k)):
        return True
    if titles_at(toks, k) and (t.cap or t.key in {"thủ", "người"}):
        return True
    if t.lower and GENERIC.match(toks, k):
        return read_name(toks, k) is not None     # "tổ chức, cá nhân có liên quan", "ban giám đốc Trung tâm"
    return bool(t.lower and (ROLE_NOUNS.match(toks, k) or head_at(toks, k)))


def read_name(toks: list[Tok], i: int, whole: bool = False, titled: bool = False) -> Name | None:
    """The name that starts at ``toks[i]``, or None."""
    t = word_at(toks, i)
    if t is None:
        return None
    k = i
    det = DETS.match(toks, k)
    if det and word_at(toks, k + det[0]):
        k += det[0]
    titles = titles_at(toks, k)
    noun = ROLE_NOUNS.match(toks, k)
    if titles and not (noun and noun[0] > titles[0]) and \
            (toks[k].cap or k > i or toks[k].key in {"thủ", "người", "giám", "chủ"}):
        role = _read_role(toks, i, k, titles, whole)
        if role:
            return role
    return _read_body(toks, i, k, k > i, whole, titled)


def _read_role(toks: list[Tok], i: int, k: int, titles: list[int], whole: bool) -> Name | None:
    for n in titles:
        body = read_name(toks, k + n, whole, titled=True)
        if body is None or body.kind == "role":
            continue
        j = body.j
        # "Bộ trưởng Bộ Tài chính - Phó Trưởng ban Thường trực Ban Chỉ đạo 389 quốc gia"
        while j + 1 < len(toks) and toks[j].key in {"-", "kiêm"} and toks[j + 1].nl == 0:
            more = titles_at(toks, j + 1)
            nxt = read_name(toks, j + 1 + more[0], whole) if more else None
            if nxt is None:
                break
            j = nxt.j
        # "Người đứng đầu cơ quan chuyên môn, ..., Văn phòng Đoàn ĐBQH và HĐND Thành phố":
        # bodies after a comma still belong to the title.
        while body.linked and j + 1 < len(toks) and toks[j].key == "," and toks[j + 1].nl == 0 \
                and toks[j + 1].cap and not titles_at(toks, j + 1) and (head_at(toks, j + 1) or CENTRAL.match(toks, j + 1)):
            nxt = read_name(toks, j + 1, whole)
            if nxt is None or nxt.kind == "role":
                break
            j = nxt.j
        return Name(i, j, body.head, "role", "role", filled=True)
    n = titles[0]
    nxt = word_at(toks, k + n)
    if toks[k].cap and (n > 1 or len(toks[k].text) > 5) and not (nxt and nxt.cap and not nxt.caps and nxt.nl == 0):
        return Name(i, k + n, None, "role", "role")      # "Bộ trưởng," alone; not "Trưởng"
    return None


def _read_body(toks: list[Tok], i: int, k: int, det: bool, whole: bool, titled: bool = False) -> Name | None:
    t = toks[k]
    head = head_at(toks, k, det)
    known = CENTRAL.match(toks, k) if (t.cap or det) else None
    generic = GENERIC.match(toks, k) if (t.lower or t.cap and not t.caps or det) else None
    if (other := NOT_HEAD.match(toks, k)) and not head and other[0] > (generic or (0,))[0]:
        return None                   # "Hội nghị", "Báo cáo", "Trường hợp"
    alone = generic and generic[0] == 1 and (t.lower or _lower_after(toks, k + 1) and not HEADS.match(toks, k))
    if generic and not det and not titled and (alone or PREDICATES.match(toks, k)) and not (
            k + generic[0] < len(toks) and toks[k + generic[0]].key == "," or MODS.match(toks, k + generic[0])
            or LEVEL.match(toks, k + generic[0])):
        # "bộ binh", "Chi đào tạo", "Ngành nghề": a one-syllable noun names a group only in a
        # list, or with a proper name after it ("Trạm Y tế xã"); "Tổ chức công tác …" at a
        # sentence's start is the verb unless a list or a modifier follows.
        generic = None
    longest = max(n[0] for n in (known, head, generic, (0,)) if n)
    if generic and generic[0] == longest and t.lower:
        head = None                     # "cấp ủy", "đảng ủy" written lower case name groups
    if known and known[0] == longest:
        name = Name(i, k + known[0], (head and " ".join(x.key for x in toks[k:k + head[0]])), "known",
                    closed=True, filled=True, last="field", terminal=True)
    elif head and head[0] == longest:
        name = Name(i, k + head[0], " ".join(x.key for x in toks[k:k + head[0]]), head[1])
    elif generic:
        name = Name(i, k + generic[0], " ".join(x.key for x in toks[k:k + generic[0]]), "generic", "collective")
    elif (r := ROLE_NOUNS.match(toks, k)):
        name = Name(i, k + r[0], " ".join(x.key for x in toks[k:k + r[0]]), "role", "role")
    elif (lv := LEVEL.match(toks, k)) and (p := word_at(toks, k + lv[0])) and p.cap and p.nl == 0 \
            and (unit := " ".join(x.key for x in toks[k:k + lv[0]])) in UNITS:
        name = Name(i, k + lv[0], unit, "place", last="level")   # "tỉnh Đắk Lắk" as a body
    else:
        return None
    if det:
        name.det = True
        name.kind = "collective" if name.kind == "body" else name.kind
    complement.extend(toks, name, whole)
    if name.cls in ("generic", "role") and not name.filled and not det and not titled:
        head_text = name.head or ""
        if head_text not in _BARE_ROLES:
            return None               # "tổ chức", "cơ quan" alone name nobody
    if name.cls == "place" and not name.filled:
        return None
    return name
