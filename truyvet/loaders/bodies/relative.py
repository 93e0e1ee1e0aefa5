"""The clause that narrows a group down: "Các cơ quan được phân công chủ trì …
có trách nhiệm", "Ủy ban nhân dân cấp xã nơi có đất thu hồi tổ chức …".

A verb after a body is normally its predicate; after a group or a role noun
it may open a clause that belongs to the name, which the subject's own
predicate ("có trách nhiệm", "phải", a new name after "và") then closes.
"""
from __future__ import annotations

from truyvet.loaders.bodies import reader
from truyvet.loaders.bodies.lexicon import COMPOUNDS, PREDICATES
from truyvet.loaders.bodies.tokens import Tok
from truyvet.loaders.bodies.words import Name, is_marker

# Auxiliaries open the main predicate: "Đơn vị cung cấp dịch vụ phải …".
_AUXILIARIES = {"sẽ", "phải", "cần", "đã", "đang", "cũng", "không", "chưa", "vẫn", "đều", "thì"}


def clause(toks: list[Tok], k: int, st: Name, whole: bool) -> bool:
    """A relative clause after a group or a role noun, up to the predicate that
    closes the subject: "Các cơ quan được phân công chủ trì … có trách nhiệm",
    "Cấp ủy cấp xã nơi có trụ sở Trung tâm và ban giám đốc …".

    The name ends here either way (the result is always False, for the caller's
    loop); when a clause is found, ``st`` is first extended over it."""
    if not (st.kind in ("collective", "role") or st.cls in ("generic", "role") or st.last == "level"):
        return False
    if st.cls == "role" and whole or st.last == "acting":
        # "Giảng viên chấm bài thu hoạch" as a label; "Cơ quan chủ trì giải quyết thủ tục …" as a heading
        m = k
        while m < len(toks) and toks[m].word and not toks[m].nl and m - k < 10:
            m += 1
        if (m >= len(toks) and whole or m < len(toks) and toks[m].nl and is_marker(toks, m)) \
                and not _sentence(toks, k, m):
            return _end(st, m, True)
    if toks[k].key not in ("được", "nơi"):
        # A verb after a group is its predicate, except in a short clause that the
        # subject's own predicate closes: "Giảng viên chấm bài thu hoạch có trách nhiệm".
        if PREDICATES.match(toks, k)[1] != "verb":
            return False
        for m in range(k + 1, min(len(toks), k + 7)):
            p = PREDICATES.match(toks, m)
            if p and p[1] == "subject" and toks[m].key in ("có", "chịu"):
                return _end(st, m, True)
            if not toks[m].word or toks[m].key in ("và", "hoặc") or p and p[1] in ("function", "subject"):
                return False
        return False
    if toks[k].key == "nơi":
        # "UBND cấp xã nơi có đất thu hồi": a short clause of place, closed by the next predicate
        first = COMPOUNDS.match(toks, k + 1) or PREDICATES.match(toks, k + 1)
        m = k + 1 + (first[0] if first else 1)          # the clause's own verb: "nơi xảy ra", "nơi có"
        while m < min(len(toks), k + 10):
            t = toks[m]
            if (c := COMPOUNDS.match(toks, m)):
                m += c[0]             # "cảng hàng không": not the "không" of a negation
                continue
            p = PREDICATES.match(toks, m) if t.lower else None
            if not t.word or p and not (t.key == "có" and p == (1, "function")) \
                    or t.key == "và" and reader.starts_name(toks, m + 1):
                return _end(st, m, t.word or t.key in {",", ";", ":"})
            m += 1
        return _end(st, len(toks), whole and k + 10 >= len(toks))
    m = k
    while m < len(toks) and m - k <= 16:
        t = toks[m]
        if t.nl and is_marker(toks, m):
            return _end(st, m, True)
        if not t.word:
            if t.key == ";" or t.key == ":" and whole:
                return _end(st, m, True)
            if t.key not in {",", "-"}:
                return False
            if t.key == "," and reader.starts_name(toks, m + 1):
                return _end(st, m, True)
            m += 1
            continue
        if t.key == "và" and reader.starts_name(toks, m + 1):
            return _end(st, m, True)
        p = PREDICATES.match(toks, m) if t.lower else None
        if p and p[1] == "subject" or m > k and t.key in _AUXILIARIES:
            return _end(st, m, True)
        m += p[0] if p else 1
    return _end(st, m, whole and m >= len(toks) and not _sentence(toks, k, m))


def _sentence(toks: list[Tok], k: int, m: int) -> bool:
    """Do the words from ``k`` to ``m`` open a list rather than name the subject?
    "Người lao động có các quyền sau đây", "… được nghỉ làm việc, hưởng nguyên lương
    trong những ngày lễ, tết sau đây"."""
    keys = [t.key for t in toks[k:m]]
    return keys[-1:] in (["sau"], ["gồm"]) or keys[-2:] == ["sau", "đây"]


def _end(st: Name, m: int, ok: bool) -> bool:
    if ok:
        st.j, st.last, st.filled = m, "rel", True
        st.closed = True
    return False
