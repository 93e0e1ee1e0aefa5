"""What may follow a body's head: fields, levels, places, parents, modifiers.

``extend`` walks the tokens after a head and takes each one that continues
the name, deciding at every comma and "và" whether the list goes on inside
the name ("Bộ Văn hóa, Thể thao và Du lịch", "UBND các xã, phường và đặc
khu") or a new name starts ("Sở Tư pháp và Sở Nội vụ").
"""
from __future__ import annotations

from truyvet.loaders.bodies import reader, relative
from truyvet.loaders.bodies.lexicon import (
    CENTRAL, COMPOUNDS, CONNECTORS, DETS, FIELDS, GENERIC, HEADS, LEVEL, MODS, PREDICATES, PROVINCES, ROLE_NOUNS, TERMINAL, WORDS,
    Phrases,
)
from truyvet.loaders.bodies.tokens import Tok, is_syllable
from truyvet.loaders.bodies.words import Name, head_at, is_marker, predicate_at, titles_at, word_at

# Words after which a number belongs to the name ("khu vực 8", "Ban Chỉ đạo 389").
_NUMBERED = {"khu vực", "vùng", "quân khu", "quân đoàn", "sư đoàn", "lữ đoàn", "trung đoàn", "ban chỉ đạo",
             "đoàn", "tổ", "đội", "hạt", "trạm", "đồn", "bcđ"}
_MILITARY = {"quân khu", "quân đoàn", "sư đoàn", "lữ đoàn", "trung đoàn"}
_LINKS = {"trực thuộc", "thuộc", "của", "ở"}             # need a body, level or place after them
_AFTER_HEAD = {"tham mưu", "giúp việc", "chuyên môn", "chức năng"}
_FINAL = {"có liên quan", "liên quan", "khác", "có thẩm quyền", "hữu quan"}
# Panels named by the work they do: "Tổ thẩm định", "Đoàn kiểm tra", "Hội đồng nghiệm thu".
_PANELS = {"tổ", "tổ công tác", "hội đồng", "đoàn", "ban", "tiểu ban", "ủy ban", "đội"}
_TASKS = Phrases([(w, True) for w in (
    "thẩm định", "kiểm tra", "giám sát", "tuyển chọn", "xét tuyển", "đánh giá", "nghiệm thu", "xét xử",
    "kiểm kê", "thanh tra", "điều tra", "tư vấn", "định giá", "kiểm soát", "biên tập", "soạn thảo", "chấm thi", "coi thi", "xét duyệt",
    "thẩm tra", "kiểm phiếu", "kiểm toán", "bầu cử", "thi đua", "khen thưởng", "kỷ luật", "hòa giải", "tiếp công dân")])
# "Liên hiệp các tổ chức hữu nghị Việt Nam" is one body made of many.
_FEDERATIONS = {"liên hiệp", "liên đoàn", "tổng liên đoàn", "liên minh", "hiệp hội", "hội", "ban quản lý"}


def extend(toks: list[Tok], st: Name, whole: bool) -> None:
    """Extend ``st`` over everything that continues its name, and never stop inside a word."""
    while st.j < len(toks):
        if not _step(toks, st, whole):
            if not _inside_word(toks, st):
                return
            st.j += 1                 # "Vụ Tổ chức cán bộ", "Trung tâm Chuyển giao …"


def _step(toks: list[Tok], st: Name, whole: bool) -> bool:
    """Take what continues the name at ``st.j``; False where the name ends."""
    k = st.j
    t = toks[k]
    if t.nl >= 2 or t.cell or t.key == "|" or is_marker(toks, k):
        return False
    if t.nl == 1 and not _continues_line(toks, k, st):
        return False
    if t.emph and t.cap and st.filled:
        return False                  # "**Sở Tư pháp** Sở Tư pháp chủ trì"
    if st.field_head and (f := FIELDS.get(st.field_head)) and (f := f.match(toks, k)):
        st.terminal = st.field_head in TERMINAL
        st.j, st.last, st.closed, st.filled = k + f[0], "field", True, True
        return True
    if not t.word:
        return _punct(toks, k, st, whole)
    if t.key == "và" or t.key == "hoặc":
        return _inner_and(toks, k, st)
    return _word_continues(toks, k, st, whole)


def _inside_word(toks: list[Tok], st: Name) -> bool:
    """Would the name end between the two syllables of one word ("cán | bộ")?

    Only after a word the grammar took on its own (not a curated field or level,
    which end where their words end), when the syllable before it does not
    already close a word ("Tài chính | chủ trì"), and when what follows is not a
    predicate of its own ("tỉnh | ủy quyền", "cơ quan | chịu trách nhiệm", "đã | có")."""
    j = st.j
    if not (st.last in ("word", "plural", "linked", "place") or st.last == "field" and not st.closed) or j - 1 <= st.i:
        return False
    t, prev = toks[j], toks[j - 1]
    if not (t.word and prev.word and t.nl <= 1 and not t.cell and not t.emph and (t.lower or t.caps and prev.caps)):
        return False
    share = WORDS.get((prev.key, t.key))
    if share is None or toks[j - 2].word and (toks[j - 2].key, prev.key) in WORDS:
        return False
    # A function word after it ("bị", "cần") completes the word only where that is what the
    # syllable mostly opens: "thiết bị", "Hậu cần", not "chỉ được", "chung về".
    p = PREDICATES.match(toks, j)
    return not (p and (p[0] > 1 or predicate_at(toks, j - 1) or p[1] in ("function", "subject") and share < 0.05))


def _continues_line(toks: list[Tok], k: int, st: Name) -> bool:
    """A single line break inside a name: "Văn phòng Trung\\nương Đảng"."""
    t, prev = toks[k], toks[k - 1]
    if prev.key in {"và", ",", "-", "&", "/"} or st.last == "mod" or st.last in ("head", "det") and not st.filled:
        return True
    if t.lower and (MODS.match(toks, k) or not predicate_at(toks, k)):
        return True
    if not t.cap or head_at(toks, k) or titles_at(toks, k) or PREDICATES.match(toks, k):
        return False
    # A proper name wrapped over two lines: "Quảng\nNgãi", "Thành phố Hồ\nChí Minh".
    return st.last in ("level", "place") or prev.cap and (not st.closed or PROVINCES.match(toks, k - 1))


def _punct(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    """Consume inner punctuation at ``k``; False when it ends the name."""
    t = toks[k]
    nxt = word_at(toks, k + 1)
    if nxt is None or nxt.nl >= 2:
        return False
    if t.key == ",":
        return _inner_comma(toks, k, st)
    if t.key == "&" and nxt.nl == 0:
        st.j, st.last = k + 2, "word"
        return True
    if t.key == "-" and nxt.nl == 0 and not titles_at(toks, k + 1) and not st.closed and not head_at(toks, k + 1) \
            and not PREDICATES.match(toks, k + 1):    # not a bullet run into the line: "… đặc khu - Phối hợp"
        # "Quy hoạch - Kiến trúc", "chính trị - xã hội", "Bà Rịa - Vũng Tàu"
        if nxt.cap or toks[k - 1].lower and nxt.lower and not predicate_at(toks, k + 1):
            st.j, st.last, st.filled = k + 2, "word", True
            return True
        return False
    if t.key == "/" and nxt.nl == 0:
        # "Sở Văn hóa, Thể thao và Du lịch/Sở Văn hóa và Thể thao tỉnh": one body, two names.
        alt = reader.read_name(toks, k + 1, whole)
        if alt and alt.kind != "role":
            st.j, st.last, st.closed, st.filled = alt.j, alt.last, alt.closed, True
            return True
    return False


def _inner_comma(toks: list[Tok], k: int, st: Name) -> bool:
    nxt = toks[k + 1]
    if nxt.nl and (nxt.cap or is_marker(toks, k + 1)) or titles_at(toks, k + 1) and (nxt.cap or st.kind != "collective"):
        return False
    m = k + 1
    if _shares_complement(toks, m, st):
        return True
    if DETS.match(toks, m) or CONNECTORS.match(toks, m):
        return False
    group = st.kind == "collective"
    if LEVEL.match(toks, m) and st.last == "level" and nxt.lower:
        st.j = m + LEVEL.match(toks, m)[0]                            # "xã, phường, đặc khu"
        st.kind = "collective" if st.kind == "body" else st.kind
        return True
    if nxt.lower and (g := GENERIC.match(toks, m)) and _plural(st) and not st.closed:
        n = max(g[0], (COMPOUNDS.match(toks, m) or (0,))[0])
        st.j, st.last, st.filled = m + n, "plural", True             # "các sở, ban, ngành"
        return True
    if nxt.lower and (r := ROLE_NOUNS.match(toks, m)) and _plural(st):
        st.j, st.last = m + r[0], "word"
        return True
    if nxt.key in {"thuộc", "trực"} and st.filled:
        return _word_continues(toks, m, st, False)                  # ", thuộc Ủy ban nhân dân Thành phố"
    if nxt.cap and (h := head_at(toks, m)):
        # "Các Đảng uỷ Bộ Tài chính, Bộ Nội vụ": a group over several parents
        if group and st.sub_head and " ".join(x.key for x in toks[m:m + h[0]]) == st.sub_head:
            st.j, st.last, st.closed, st.terminal = m, "mod", False, False
            return True
        # "các Sở, Ban, ngành": plural heads, bare
        after = toks[m + h[0]] if m + h[0] < len(toks) else None
        if group and not st.filled and h[0] == 1 and GENERIC.match(toks, m) and after is not None and \
                (after.key == "," or after.key == "ngành"):
            st.j = m + 1
            return True
        return False
    if nxt.cap and not nxt.caps and st.last in ("field", "word") and not st.closed and st.cls != "generic" \
            and not reader.starts_name(toks, m) and not GENERIC.match(toks, m) and not ROLE_NOUNS.match(toks, m):
        st.j, st.last = m + 1, "field"                                # "Vụ Kế hoạch, Tài chính"
        return True
    if nxt.lower and st.cls == "organ" and st.last in ("field", "word") and not st.closed and not GENERIC.match(toks, m) \
            and not MODS.match(toks, m) and not LEVEL.match(toks, m) and not predicate_at(toks, m):
        st.j, st.last = m + 1, "word"                                 # "Cục Phát thanh, truyền hình và …"
        return True
    if nxt.lower and group and st.last in ("word", "mod", "head", "plural") and not st.closed \
            and (MODS.match(toks, m) or not predicate_at(toks, m)) and nxt.key not in ("thuộc", "trực", "của", "ở"):
        n = max(x[0] for x in (COMPOUNDS.match(toks, m), GENERIC.match(toks, m), MODS.match(toks, m), (1,)) if x)
        st.j, st.last = m + n, "plural"                                # "báo chí, phát thanh, truyền hình"
        return True
    return False


def _plural(st: Name) -> bool:
    """A list of body nouns may go on: "các sở, ban, ngành", "cơ quan, tổ chức"."""
    return st.cls == "generic" and st.last in ("head", "plural", "word", "mod") \
        or st.det and st.last in ("head", "plural")


def _shares_complement(toks: list[Tok], m: int, st: Name) -> bool:
    """ "HĐND, UBND các xã", "HĐND và UBND tỉnh": bare organs sharing their complement."""
    h = head_at(toks, m)
    after = m + h[0] if h else m
    if st.head == "báo" and not st.filled and h and toks[m].key == "đài":
        st.j, st.head = after, "đài"      # "Báo, Đài PTTH tỉnh": the paper and the radio of one place
        return True
    if not (st.cls == "local" and not st.filled and h and h[1] == "local"):
        return False
    if not (LEVEL.match(toks, after) or DETS.match(toks, after)):
        return False
    st.j, st.head = after, " ".join(x.key for x in toks[m:after])
    return True


def _inner_and(toks: list[Tok], k: int, st: Name) -> bool:
    m = k + 1
    nxt = word_at(toks, m)
    if nxt is None or nxt.nl and nxt.cap:
        return False
    if _shares_complement(toks, m, st):
        return True
    group = st.kind == "collective"
    if LEVEL.match(toks, m) and st.last == "level" and nxt.lower:
        st.j = m + LEVEL.match(toks, m)[0]                            # "xã, phường và đặc khu"
        st.kind = "collective" if st.kind == "body" else st.kind
        return True
    if nxt.lower and not DETS.match(toks, m) and _plural(st) and (GENERIC.match(toks, m) or ROLE_NOUNS.match(toks, m)):
        g = GENERIC.match(toks, m) or ROLE_NOUNS.match(toks, m)
        st.j, st.last, st.filled = m + g[0], "plural", True                            # "cơ quan, đơn vị và người đứng đầu"
        return True
    if reader.starts_name(toks, m):
        return False
    if predicate_at(toks, m):
        return False
    if st.closed and not group:
        return False
    # "Thông tin và Truyền thông", "các khu công nghệ cao và khu công nghiệp"
    if nxt.cap and st.last in ("field", "word") and st.cls not in ("generic", "role") \
            or nxt.lower and st.last in ("word", "field", "det") and st.filled:
        st.j, st.last = m + (COMPOUNDS.match(toks, m) or (1,))[0], "field" if nxt.cap else "word"
        return True
    return False


def _word_continues(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    """Consume the word(s) at ``k`` if they continue the name."""
    t = toks[k]
    if st.last == "head" and st.head in ("cơ quan", "đơn vị") and not st.filled and _acting(toks, k, st):
        return True
    if st.last == "head" and st.head in _PANELS and not st.filled and (f := _TASKS.match(toks, k)):
        st.j, st.last, st.filled = k + f[0], "word", True    # "Tổ thẩm định", "Hội đồng xét tuyển"
        return True
    if (mod := MODS.match(toks, k)) and (t.lower or t.caps):
        return _modifier(toks, k, mod[0], st)
    if (lv := LEVEL.match(toks, k)) and not (t.cap and head_at(toks, k)):
        n = lv[0]
        if n > 1 and (p := predicate_at(toks, k + n - 1)) and p[0] > 1 and LEVEL.values_of(tuple(x.key for x in toks[k:k + n - 1])):
            n -= 1                    # "UBND tỉnh | ủy quyền cho …", not "tỉnh ủy | quyền"
        nxt = word_at(toks, k + n)
        st.j, st.last, st.filled = k + n, "level", True
        if t.key in ("cấp", "các") and st.kind == "body":
            st.kind = "collective"    # "UBND cấp xã", "Cấp ủy các cấp": every body of a level
        if nxt and nxt.num and " ".join(x.key for x in toks[k:k + n]) in _NUMBERED:
            st.j += 1                 # "khu vực 8"
        return True
    if t.num:
        prev = " ".join(x.key for x in toks[max(st.i, k - 3):k])
        if any(prev.endswith(w) for w in _NUMBERED) or st.head in _NUMBERED:
            st.j, st.last, st.filled = k + 1, "word", True     # "Ban Chỉ đạo 389"
            st.closed = st.closed or st.head in _MILITARY     # "Quân đoàn 1" is whole
            return True
        return False
    if (det := DETS.match(toks, k)) and t.lower and (st.filled or st.last == "head"):
        return _inner_group(toks, k + det[0], st)
    if st.last == "place" and t.lower:
        return False                  # a place's name is whole: "Tỉnh Kon Tum | nằm", "… Hồ Chí Minh | hiện nay"
    if (c := COMPOUNDS.match(toks, k)) and not st.closed and not head_at(toks, k):
        st.j, st.last, st.filled = k + c[0], "word", True    # "đăng ký", whose "ký" alone is a verb
        return True
    if t.cap and not t.caps or t.caps and (HEADS.match(toks, k) or CENTRAL.match(toks, k)):
        return _capitalised(toks, k, st)
    if t.caps:
        if predicate_at(toks, k) or st.closed:
            return False
        st.j, st.last, st.filled = k + 1, "word", True
        return True
    return _lower_case(toks, k, st, whole)


def _acting(toks: list[Tok], k: int, st: Name) -> bool:
    """ "Cơ quan chủ trì", "Cơ quan phối hợp" name the part a body plays in a task
    (not "cơ quan … chủ trì, phối hợp với", where the verb is the predicate)."""
    p = PREDICATES.match(toks, k) if toks[k].lower else None
    if not (p and p[1] == "role" and toks[st.i].cap and st.i == st.j - 2):
        return False
    after = toks[k + p[0]] if k + p[0] < len(toks) else None
    if after is not None and after.key in {"với", "cùng", "thực", "chặt", ",", "và"}:
        return False
    st.j, st.last, st.filled = k + p[0], "acting", True
    return True


def _modifier(toks: list[Tok], k: int, n: int, st: Name) -> bool:
    key = " ".join(x.key for x in toks[k:k + n])
    if key in _LINKS:
        target = word_at(toks, k + n)
        ends = target is None or predicate_at(toks, k + n)
        if not (key == "trực thuộc" and ends) and (ends or not (
                target.cap or LEVEL.match(toks, k + n) or DETS.match(toks, k + n) or GENERIC.match(toks, k + n))):
            return False              # "các đơn vị trực thuộc" stands alone; "của" needs what it belongs to
        if target is not None and target.lower and (g := GENERIC.match(toks, k + n)) and not LEVEL.match(toks, k + n):
            if target.key == "đối":
                return False          # "thuộc đối tượng …" opens a clause of who is meant, not a parent body
            st.j, st.last, st.filled = k + n + g[0], "linked", True     # "Hội đồng trường của trường …"
            return True
    elif key in _AFTER_HEAD and st.last != "head":
        return False                  # "cơ quan tham mưu" names; "Sở Nội vụ tham mưu" acts
    st.j, st.last, st.filled = k + n, "mod", True
    st.closed = st.closed or key in _FINAL
    return True


def _inner_group(toks: list[Tok], inner: int, st: Name) -> bool:
    """ "UBND các xã", "Ban Quản lý các khu công nghệ cao": a determiner inside a name."""
    if not word_at(toks, inner) or predicate_at(toks, inner) and not GENERIC.match(toks, inner) \
            or toks[inner].lower and not is_syllable(toks[inner].text):
        return False
    st.j, st.last, st.filled = inner, "det", True
    if (GENERIC.match(toks, inner) or LEVEL.match(toks, inner) or head_at(toks, inner, True)) \
            and st.head not in _FEDERATIONS and st.kind == "body":
        st.kind = "collective"
    return True


def _capitalised(toks: list[Tok], k: int, st: Name) -> bool:
    h = head_at(toks, k)
    if titles_at(toks, k) and st.filled:
        return False                  # "Đảng ủy Quân sự Trung ương Ủy viên Thường vụ …" (a table)
    if h:
        key = " ".join(x.key for x in toks[k:k + h[0]])
        if st.filled and st.last != "mod" and (key == st.head or key in TERMINAL and st.head in TERMINAL
                                               or st.terminal):
            return False              # "Sở Khoa học và Công nghệ Sở Công Thương": two bodies
        st.sub_head, st.linked = key, st.last == "mod"
        known = CENTRAL.match(toks, k)
        if known and known[0] > h[0]:
            # "… trực thuộc Bộ Chính trị": a whole central body ends the name it completes
            st.j, st.last, st.filled, st.closed, st.terminal = k + known[0], "field", True, True, True
        else:
            st.j, st.last, st.filled = k + h[0], "head", True
        return True
    if (p := PROVINCES.match(toks, k)) and st.last in ("level", "field", "head", "word"):
        # a place after a level ("tỉnh Nghệ An"); inside a name it is a word of it ("Báo Nghệ An điện tử")
        st.j, st.filled = k + p[0], True
        st.last = "place" if st.last == "level" or st.head in reader.UNITS else "word"
        return True
    if st.closed and st.last in ("field", "word") and not _place_word(toks, k):
        return False
    linked = st.last == "mod" and toks[k - 1].key in ("thuộc", "của", "ở") or st.last == "linked"
    st.j, st.filled = k + 1, True
    st.last = "place" if st.last in ("level", "place") else "linked" if linked else "word"
    return True


def _lower_case(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    if st.last in ("plural", "linked") and not (COMPOUNDS.match(toks, k) or GENERIC.match(toks, k)):
        # After a list of nouns or a parent body, only a clause may follow, not more words.
        return predicate_at(toks, k) is not None and relative.clause(toks, k, st, whole)
    if st.last == "det" and (g := GENERIC.match(toks, k)):
        st.j, st.last = k + g[0], "word"
        return True
    if predicate_at(toks, k):
        return relative.clause(toks, k, st, whole)
    if st.closed:
        return False
    if GENERIC.match(toks, k) and st.filled and st.kind != "collective" and st.cls not in ("generic", "role") \
            and st.last != "word":
        return False                  # "Sở Tư pháp đơn vị ..." is not one name; "Cục Phát triển doanh nghiệp" is
    if not is_syllable(toks[k].text):
        return False                  # "Lực lượng escopeteros": a foreign word is no part of a Vietnamese name
    st.j, st.last, st.filled = k + 1, "word", True
    return True


def _place_word(toks: list[Tok], k: int) -> bool:
    """A capitalised word that places a closed name ("Sở Tư pháp Hà Nội", "UBND tỉnh Nghệ An")."""
    return toks[k - 1].key in {"tỉnh", "phố", "tp", "huyện", "quận", "xã", "phường"} or bool(PROVINCES.match(toks, k))
