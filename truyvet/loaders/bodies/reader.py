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

from dataclasses import dataclass

from truyvet.loaders.bodies.lexicon import (
    CENTRAL, COMPOUNDS, DETS, FIELDS, GENERIC, HEADS, LEVEL, MODS, NOT_HEAD, PREDICATES, PROVINCES, ROLE_NOUNS,
    TERMINAL, TITLES,
)
from truyvet.loaders.bodies.tokens import Tok

_NUMBERED = {"khu vực", "vùng", "quân khu", "quân đoàn", "sư đoàn", "lữ đoàn", "trung đoàn", "ban chỉ đạo",
             "đoàn", "tổ", "đội", "hạt", "trạm", "đồn", "ban chỉ đạo", "bcđ"}
_LINKS = {"trực thuộc", "thuộc", "của", "ở"}             # need a body, level or place after them
_AFTER_HEAD = {"tham mưu", "giúp việc", "chuyên môn", "chức năng"}
_FINAL = {"có liên quan", "liên quan", "khác", "có thẩm quyền", "hữu quan"}
# "Liên hiệp các tổ chức hữu nghị Việt Nam" is one body made of many.
_FEDERATIONS = {"liên hiệp", "liên đoàn", "tổng liên đoàn", "liên minh", "hiệp hội", "hội", "ban quản lý"}
_AUXILIARIES = {"sẽ", "phải", "cần", "đã", "đang", "cũng", "không", "chưa", "vẫn", "đều", "thì"}
_ASSIGNING = {"giao", "phân công", "ủy quyền", "ủy nhiệm", "cử", "chỉ định", "giao nhiệm vụ"}
_BARE_ROLES = {"giảng viên", "học viên", "giáo vụ", "chủ nhiệm lớp", "giáo viên", "nhà đầu tư",
               "chủ đầu tư", "doanh nghiệp", "thành viên", "báo cáo viên", "người đứng đầu"}


@dataclass
class Name:
    """A name read from tokens ``i`` to ``j`` (exclusive)."""
    i: int
    j: int
    head: str | None
    cls: str                  # organ | local | party | restricted | generic | role | place | known
    kind: str = "body"        # body | collective | role
    closed: bool = False      # its field is a curated one: only levels, places, modifiers follow
    filled: bool = False      # something follows the head
    last: str = "head"        # head | field | level | place | word | mod | det
    sub_head: str | None = None   # head of the last body inside the complement
    linked: bool = False          # ends with a parent body after "thuộc", "của" ...
    det: bool = False             # led by a determiner ("các", "mỗi")

    @property
    def field_head(self) -> str | None:
        """The head whose field may come next ("Sở" in "Đảng ủy Sở ...")."""
        return (self.sub_head or self.head) if self.last == "head" else None


def _word(toks: list[Tok], k: int) -> Tok | None:
    return toks[k] if k < len(toks) and toks[k].word else None


def _is_marker(toks: list[Tok], k: int) -> bool:
    """A list marker at a line start ("- ", "+ ", "2.", "b)")."""
    t = toks[k]
    if t.nl == 0 and k > 0:
        return False
    if t.key in {"-", "+", "•"}:
        return True
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return bool(nxt and nxt.key in {".", ")"} and (t.num or len(t.text) <= 4 and t.text.isalpha()))


def _predicate(toks: list[Tok], k: int) -> tuple[int, str] | None:
    """A predicate word at ``k`` when written in lower case (or in capitals)."""
    t = toks[k]
    if not (t.lower or t.caps):
        return None
    return PREDICATES.match(toks, k)


def _head(toks: list[Tok], k: int, after_det: bool = False) -> tuple[int, str] | None:
    """A head noun at ``k``: (tokens, class)."""
    t = _word(toks, k)
    if t is None or NOT_HEAD.match(toks, k):
        return None
    found = HEADS.match(toks, k)
    if found and (t.cap or after_det or found[1] == "party"):
        n, cls = found
        if cls == "restricted":
            nxt = _word(toks, k + n)
            if nxt is None or not (nxt.cap or LEVEL.match(toks, k + n) or nxt.key == "các"):
                return None
        return found
    return None


def _title(toks: list[Tok], k: int) -> list[int]:
    """Lengths of the titles at ``k``, longest first ("Phó Trưởng ban Thường trực", ...)."""
    t = _word(toks, k)
    if t is None:
        return []
    out = []
    for n in range(6, 0, -1):
        m = TITLES.match(toks[:k + n], k)
        if m and m[0] == n and n not in out:
            out.append(n)
    return out


def starts_name(toks: list[Tok], k: int) -> bool:
    """Does ``toks[k]`` begin a new name (so a separator before it is the list's)?"""
    t = _word(toks, k)
    if t is None:
        return False
    det = DETS.match(toks, k)
    if det:
        m = k + det[0]
        return bool(GENERIC.match(toks, m) or ROLE_NOUNS.match(toks, m) or _head(toks, m, True)
                    or LEVEL.match(toks, m))
    if t.cap and (_head(toks, k) or CENTRAL.match(toks, k)):
        return True
    if _title(toks, k) and (t.cap or t.key in {"thủ", "người"}):
        return True
    if t.lower and GENERIC.match(toks, k):
        return read_name(toks, k) is not None     # "tổ chức, cá nhân có liên quan", "ban giám đốc Trung tâm"
    return bool(t.lower and (ROLE_NOUNS.match(toks, k) or _head(toks, k)))


def read_name(toks: list[Tok], i: int, whole: bool = False, titled: bool = False) -> Name | None:
    """The name that starts at ``toks[i]``, or None."""
    t = _word(toks, i)
    if t is None:
        return None
    k = i
    det = DETS.match(toks, k)
    if det and _word(toks, k + det[0]):
        k += det[0]
    titles = _title(toks, k)
    noun = ROLE_NOUNS.match(toks, k)
    if titles and not (noun and noun[0] > titles[0]) and \
            (toks[k].cap or k > i or toks[k].key in {"thủ", "người", "giám", "chủ"}):
        role = _read_role(toks, i, k, titles, whole)
        if role:
            return role
    name = _read_body(toks, i, k, k > i, whole, titled)
    if name and k > i:
        name.kind = "role" if name.cls == "role" else "collective"
    return name


def _read_role(toks: list[Tok], i: int, k: int, titles: list[int], whole: bool) -> Name | None:
    for n in titles:
        body = read_name(toks, k + n, whole, titled=True)
        if body is None or body.kind == "role":
            continue
        j = body.j
        # "Bộ trưởng Bộ Tài chính - Phó Trưởng ban Thường trực Ban Chỉ đạo 389 quốc gia"
        while j + 1 < len(toks) and toks[j].key in {"-", "kiêm"} and toks[j + 1].nl == 0:
            more = _title(toks, j + 1)
            nxt = read_name(toks, j + 1 + more[0], whole) if more else None
            if nxt is None:
                break
            j = nxt.j
        # "Người đứng đầu cơ quan chuyên môn, ..., Văn phòng Đoàn ĐBQH và HĐND Thành phố":
        # bodies after a comma still belong to the title.
        while body.linked and j + 1 < len(toks) and toks[j].key == "," and toks[j + 1].nl == 0 \
                and toks[j + 1].cap and not _title(toks, j + 1) and (_head(toks, j + 1) or CENTRAL.match(toks, j + 1)):
            nxt = read_name(toks, j + 1, whole)
            if nxt is None or nxt.kind == "role":
                break
            j = nxt.j
        return Name(i, j, body.head, "role", "role", filled=True)
    n = titles[0]
    nxt = _word(toks, k + n)
    if toks[k].cap and (n > 1 or len(toks[k].text) > 5) and not (nxt and nxt.cap and not nxt.caps and nxt.nl == 0):
        return Name(i, k + n, None, "role", "role")      # "Bộ trưởng," alone; not "Trưởng"
    return None


def _read_body(toks: list[Tok], i: int, k: int, det: bool, whole: bool, titled: bool = False) -> Name | None:
    t = toks[k]
    if NOT_HEAD.match(toks, k):
        return None
    known = CENTRAL.match(toks, k) if (t.cap or det) else None
    head = _head(toks, k, det)
    generic = GENERIC.match(toks, k) if (t.lower or t.cap and not t.caps or det) else None
    if generic and generic[0] == 1 and t.lower and not det and not titled and not (
            k + 1 < len(toks) and toks[k + 1].key == "," or MODS.match(toks, k + 1) or LEVEL.match(toks, k + 1)):
        generic = None                # "bộ binh", "sở hữu": a one-syllable noun names a group only in a list
    longest = max(n[0] for n in (known, head, generic, (0,)) if n)
    if generic and generic[0] == longest and t.lower:
        head = None                     # "cấp ủy", "đảng ủy" written lower case name groups
    if known and known[0] == longest:
        name = Name(i, k + known[0], (head and " ".join(x.key for x in toks[k:k + head[0]])), "known",
                    closed=True, filled=True, last="field")
    elif head and head[0] == longest:
        name = Name(i, k + head[0], " ".join(x.key for x in toks[k:k + head[0]]), head[1])
    elif generic:
        name = Name(i, k + generic[0], " ".join(x.key for x in toks[k:k + generic[0]]), "generic", "collective")
    elif (r := ROLE_NOUNS.match(toks, k)):
        name = Name(i, k + r[0], " ".join(x.key for x in toks[k:k + r[0]]), "role", "role")
    elif (lv := LEVEL.match(toks, k)) and (p := _word(toks, k + lv[0])) and p.cap and p.nl == 0 \
            and t.key in {"tỉnh", "thành phố", "tp", "huyện", "quận", "thị xã", "xã", "phường"}:
        name = Name(i, k + lv[0], t.key, "place", last="level")   # "tỉnh Đắk Lắk" as a body
    else:
        return None
    if det:
        name.det = True
        name.kind = "collective" if name.kind == "body" else name.kind
    _complement(toks, name, whole)
    if name.cls in ("generic", "role") and not name.filled and not det and not titled:
        head_text = name.head or ""
        if head_text not in _BARE_ROLES:
            return None               # "tổ chức", "cơ quan" alone name nobody
    if name.cls == "place" and not name.filled:
        return None
    return name


def _complement(toks: list[Tok], st: Name, whole: bool) -> None:
    """Extend ``st`` over everything that continues its name."""
    while st.j < len(toks):
        k = st.j
        t = toks[k]
        if t.nl >= 2 or t.cell or t.key == "|" or _is_marker(toks, k):
            return
        if t.nl == 1 and not _continues_line(toks, k, st):
            return
        if t.emph and t.cap and st.filled:
            return                    # "**Sở Tư pháp** Sở Tư pháp chủ trì"
        if st.field_head and (f := FIELDS.get(st.field_head)) and (f := f.match(toks, k)):
            st.j, st.last, st.closed, st.filled = k + f[0], "field", True, True
            continue
        if not t.word:
            if not _punct(toks, k, st, whole):
                return
            continue
        if t.key == "và" or t.key == "hoặc":
            if not _inner_and(toks, k, st):
                return
            continue
        if not _word_continues(toks, k, st, whole):
            return


def _continues_line(toks: list[Tok], k: int, st: Name) -> bool:
    """A single line break inside a name: "Văn phòng Trung\\nương Đảng"."""
    t, prev = toks[k], toks[k - 1]
    if prev.key in {"và", ",", "-", "&", "/"} or st.last == "mod" or st.last in ("head", "det") and not st.filled:
        return True
    if t.lower and (MODS.match(toks, k) or not _predicate(toks, k)):
        return True
    if not t.cap or _head(toks, k) or _title(toks, k) or PREDICATES.match(toks, k):
        return False
    # A proper name wrapped over two lines: "Quảng\nNgãi", "Thành phố Hồ\nChí Minh".
    return st.last in ("level", "place") or prev.cap and (not st.closed or PROVINCES.match(toks, k - 1))


def _punct(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    """Consume inner punctuation at ``k``; False when it ends the name."""
    t = toks[k]
    nxt = _word(toks, k + 1)
    if nxt is None or nxt.nl >= 2:
        return False
    if t.key == ",":
        return _inner_comma(toks, k, st)
    if t.key == "&" and nxt.nl == 0:
        st.j, st.last = k + 2, "word"
        return True
    if t.key == "-" and nxt.nl == 0 and not _title(toks, k + 1) and not st.closed:
        # "Quy hoạch - Kiến trúc", "chính trị - xã hội", "Bà Rịa - Vũng Tàu"
        if nxt.cap or toks[k - 1].lower and nxt.lower and not _predicate(toks, k + 1):
            st.j, st.last, st.filled = k + 2, "word", True
            return True
        return False
    if t.key == "/" and nxt.nl == 0:
        # "Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao tỉnh": one body, two names.
        alt = read_name(toks, k + 1, whole)
        if alt and alt.kind != "role":
            st.j, st.last, st.closed, st.filled = alt.j, alt.last, alt.closed, True
            return True
    return False


def _inner_comma(toks: list[Tok], k: int, st: Name) -> bool:
    nxt = toks[k + 1]
    if nxt.nl and (nxt.cap or _is_marker(toks, k + 1)) or _title(toks, k + 1) and (nxt.cap or st.kind != "collective"):
        return False
    m = k + 1
    if _shares_complement(toks, m, st):
        return True
    if DETS.match(toks, m):
        return False
    group = st.kind == "collective"
    if LEVEL.match(toks, m) and st.last == "level" and nxt.lower:
        st.j = m + LEVEL.match(toks, m)[0]                            # "xã, phường, đặc khu"
        return True
    if nxt.lower and (g := GENERIC.match(toks, m)) and _plural(st) and not st.closed:
        st.j, st.last, st.filled = m + g[0], "plural", True                            # "các sở, ban, ngành"
        return True
    if nxt.lower and (r := ROLE_NOUNS.match(toks, m)) and group:
        st.j, st.last = m + r[0], "word"
        return True
    if nxt.key in {"thuộc", "trực"} and st.filled:
        return _word_continues(toks, m, st, False)                  # ", thuộc Ủy ban nhân dân Thành phố"
    if nxt.cap and (h := _head(toks, m)):
        # "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ": a group over several parents
        if group and st.sub_head and " ".join(x.key for x in toks[m:m + h[0]]) == st.sub_head:
            st.j = m
            return True
        # "các Sở, Ban, ngành": plural heads, bare
        after = toks[m + h[0]] if m + h[0] < len(toks) else None
        if group and not st.filled and h[0] == 1 and GENERIC.match(toks, m) and after is not None and \
                (after.key == "," or after.key == "ngành"):
            st.j = m + 1
            return True
        return False
    if nxt.cap and not nxt.caps and st.last in ("field", "word") and not st.closed and st.cls != "generic" \
            and not starts_name(toks, m) and not GENERIC.match(toks, m) and not ROLE_NOUNS.match(toks, m):
        st.j, st.last = m + 1, "field"                                # "Vụ Kế hoạch, Tài chính"
        return True
    if nxt.lower and st.cls == "organ" and st.last == "field" and not st.closed and not GENERIC.match(toks, m) \
            and not MODS.match(toks, m) and not LEVEL.match(toks, m) and not _predicate(toks, m):
        st.j, st.last = m + 1, "word"                                 # "Cục Phát thanh, truyền hình và …"
        return True
    if nxt.lower and group and st.last in ("word", "mod", "head") and not st.closed \
            and (MODS.match(toks, m) or not _predicate(toks, m)) and nxt.key not in ("thuộc", "trực", "của", "ở"):
        st.j, st.last = m + 1, "word"                                 # "báo chí, phát thanh, truyền hình"
        return True
    return False


def _plural(st: Name) -> bool:
    """A list of body nouns may go on: "các sở, ban, ngành", "cơ quan, tổ chức"."""
    return st.cls == "generic" and st.last in ("head", "plural", "word", "mod") \
        or st.det and st.last in ("head", "plural")


def _shares_complement(toks: list[Tok], m: int, st: Name) -> bool:
    """ "HĐND, UBND các xã", "HĐND và UBND tỉnh": bare local organs sharing their level."""
    h = _head(toks, m)
    if not (st.cls == "local" and not st.filled and h and h[1] == "local"):
        return False
    after = m + h[0]
    if not (LEVEL.match(toks, after) or DETS.match(toks, after)):
        return False
    st.j, st.head = after, " ".join(x.key for x in toks[m:after])
    return True


def _inner_and(toks: list[Tok], k: int, st: Name) -> bool:
    m = k + 1
    nxt = _word(toks, m)
    if nxt is None or nxt.nl and nxt.cap:
        return False
    if _shares_complement(toks, m, st):
        return True
    group = st.kind == "collective"
    if LEVEL.match(toks, m) and st.last == "level" and nxt.lower:
        st.j = m + LEVEL.match(toks, m)[0]                            # "xã, phường và đặc khu"
        return True
    if nxt.lower and not DETS.match(toks, m) and _plural(st) and (GENERIC.match(toks, m) or ROLE_NOUNS.match(toks, m)):
        g = GENERIC.match(toks, m) or ROLE_NOUNS.match(toks, m)
        st.j, st.last, st.filled = m + g[0], "plural", True                            # "cơ quan, đơn vị và người đứng đầu"
        return True
    if starts_name(toks, m):
        return False
    if _predicate(toks, m):
        return False
    if st.closed and not group:
        return False
    # "Thông tin và Truyền thông", "các khu công nghệ cao và khu công nghiệp"
    if nxt.cap and st.last in ("field", "word") or nxt.lower and st.last in ("word", "field", "det") and st.filled:
        st.j, st.last = m + 1, "field" if nxt.cap else "word"
        return True
    return False


def _word_continues(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    """Consume the word(s) at ``k`` if they continue the name."""
    t = toks[k]
    if st.last == "head" and st.head and not st.filled:
        if st.head in ("cơ quan", "đơn vị") and t.lower and t.key in {"chủ", "phối", "thực"} and \
                toks[st.i].cap and st.i == st.j - 2:
            # "Cơ quan chủ trì", "Cơ quan phối hợp" name the role a body has in a task.
            p = PREDICATES.match(toks, k)
            after = _word(toks, k + p[0]) if p else None
            if p and p[1] in ("object",) and not (after and after.key in {"với", "cùng", "thực", "chặt"}) \
                    and (k + p[0] >= len(toks) or toks[k + p[0]].key not in {",", "và"}):
                st.j, st.last, st.filled = k + p[0], "acting", True
                return True
    if (mod := MODS.match(toks, k)) and (t.lower or t.caps):
        n = mod[0]
        key = " ".join(x.key for x in toks[k:k + n])
        if key in _LINKS:
            target = _word(toks, k + n)
            ends = target is None or _predicate(toks, k + n)
            if not (key == "trực thuộc" and ends) and (ends or not (
                    target.cap or LEVEL.match(toks, k + n) or DETS.match(toks, k + n) or GENERIC.match(toks, k + n))):
                return False          # "các đơn vị trực thuộc" stands alone; "của" needs what it belongs to
        elif key in _AFTER_HEAD and st.last != "head":
            return False              # "cơ quan tham mưu" names; "Sở Nội vụ tham mưu" acts
        st.j, st.last, st.filled = k + n, "mod", True
        st.closed = st.closed or key in _FINAL
        return True
    if (lv := LEVEL.match(toks, k)) and not (t.cap and _head(toks, k)):
        n = lv[0]
        nxt = _word(toks, k + n)
        st.j, st.last, st.filled = k + n, "level", True
        if nxt and nxt.num and " ".join(x.key for x in toks[k:k + n]) in _NUMBERED:
            st.j += 1
        return True
    if t.num or t.text.isdigit():
        prev = " ".join(x.key for x in toks[max(st.i, k - 3):k])
        if any(prev.endswith(w) for w in _NUMBERED) or st.head in _NUMBERED:
            st.j, st.last, st.filled = k + 1, "word", True
            return True
        return False
    if (det := DETS.match(toks, k)) and t.lower and st.filled or det and st.last == "head" and t.lower:
        inner = k + det[0]
        if _word(toks, inner) and (GENERIC.match(toks, inner) or not _predicate(toks, inner)):
            st.j, st.last, st.filled = inner, "det", True
            if (GENERIC.match(toks, inner) or LEVEL.match(toks, inner) or _head(toks, inner, True)) \
                    and st.head not in _FEDERATIONS:
                st.kind = "collective" if st.kind == "body" else st.kind   # "UBND các xã"
            return True
        return False
    if (c := COMPOUNDS.match(toks, k)) and not st.closed and not _head(toks, k):
        st.j, st.last, st.filled = k + c[0], "word", True    # "đăng ký", whose "ký" alone is a verb
        return True
    if t.cap and not t.caps or t.caps and (HEADS.match(toks, k) or CENTRAL.match(toks, k)):
        h = _head(toks, k)
        if h:
            key = " ".join(x.key for x in toks[k:k + h[0]])
            if st.filled and st.last != "mod" and (key == st.head or key in TERMINAL and st.head in TERMINAL):
                return False          # "Sở Khoa học và Công nghệ Sở Công Thương": two bodies
            if _title(toks, k) and st.filled:
                return False
            st.sub_head, st.linked = key, st.last == "mod"
            st.j, st.last, st.filled = k + h[0], "head", True
            return True
        if _title(toks, k) and st.filled:
            return False
        if (p := PROVINCES.match(toks, k)) and st.last in ("level", "field", "head", "word"):
            st.j, st.last, st.filled = k + p[0], "place", True
            return True
        if st.closed and st.last in ("field", "word") and not _place_word(toks, k):
            return False
        linked = st.last == "mod" and toks[k - 1].key in ("thuộc", "của", "ở")
        st.j, st.last, st.filled = k + 1, "place" if st.last in ("level", "place") else "linked" if linked else "word", True
        return True
    if t.caps:
        if _predicate(toks, k) or st.closed:
            return False
        st.j, st.last, st.filled = k + 1, "word", True
        return True
    # A lower-case word.
    if st.last in ("plural", "linked") and not (COMPOUNDS.match(toks, k) or GENERIC.match(toks, k)):
        return _predicate(toks, k) is not None and _relative(toks, k, st, whole)
    if st.last == "det" and (g := GENERIC.match(toks, k)):
        st.j, st.last = k + g[0], "word"
        return True
    pred = _predicate(toks, k)
    if pred:
        return _relative(toks, k, st, whole)
    if st.closed:
        return False
    if (g := GENERIC.match(toks, k)) and st.filled and st.kind != "collective" and st.cls not in ("generic", "role"):
        return False              # "Sở Tư pháp đơn vị ..." is not one name
    st.j, st.last, st.filled = k + 1, "word", True
    return True


def _place_word(toks: list[Tok], k: int) -> bool:
    """A capitalised word that places a closed name ("Sở Tư pháp Hà Nội", "Trung ương")."""
    return toks[k].key in {"trung", "việt", "thành", "tp", "tỉnh", "quốc"} or toks[k - 1].key in {"tỉnh", "phố", "tp"} \
        or bool(PROVINCES.match(toks, k))


def _relative(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    """A relative clause after a group or a role noun, up to the predicate that
    closes the subject: "Các cơ quan được phân công chủ trì … có trách nhiệm",
    "Cấp ủy cấp xã nơi có trụ sở Trung tâm và ban giám đốc …"."""
    if not (st.kind in ("collective", "role") or st.cls in ("generic", "role") or st.last == "level"):
        return False
    if st.cls == "role" and whole or st.last == "acting":
        # "Giảng viên chấm bài thu hoạch" as a label; "Cơ quan chủ trì giải quyết thủ tục …" as a heading
        m = k
        while m < len(toks) and toks[m].word and not toks[m].nl and m - k < 10:
            m += 1
        if m >= len(toks) and whole or m < len(toks) and toks[m].nl and _is_marker(toks, m):
            return _end_relative(st, m, True)
    if toks[k].key not in ("được", "nơi"):
        # A verb after a group is its predicate, except in a short clause that the
        # subject's own predicate closes: "Giảng viên chấm bài thu hoạch có trách nhiệm".
        if PREDICATES.match(toks, k)[1] != "verb":
            return False
        for m in range(k + 1, min(len(toks), k + 7)):
            p = PREDICATES.match(toks, m)
            if p and p[1] == "subject" and toks[m].key in ("có", "chịu"):
                return _end_relative(st, m, True)
            if not toks[m].word or p and p[1] in ("function", "subject"):
                return False
        return False
    m, prev = k, None
    while m < len(toks) and m - k <= 16:
        t = toks[m]
        if t.nl and _is_marker(toks, m):
            return _end_relative(st, m, True)
        if not t.word:
            if t.key in {":", ";"} and whole or t.key == ";" and toks[k].key == "được":
                return _end_relative(st, m, True)
            if t.key not in {",", "-"}:
                return False
            if t.key == "," and starts_name(toks, m + 1):
                return _end_relative(st, m, toks[k].key == "được")
            m += 1
            continue
        if t.key == "và" and starts_name(toks, m + 1):
            return _end_relative(st, m, True)
        p = PREDICATES.match(toks, m) if t.lower else None
        if p and p[1] == "subject" or m > k and t.key in _AUXILIARIES:
            return _end_relative(st, m, True)
        prev = "object" if p and p[1] == "object" else " ".join(x.key for x in toks[m:m + (p[0] if p else 1)])
        m += p[0] if p else 1
    return _end_relative(st, m, whole and m >= len(toks))


def _end_relative(st: Name, m: int, ok: bool) -> bool:
    if ok:
        st.j, st.last, st.filled = m, "rel", True
        st.closed = True
    return False
