"""Cutting text for a terminal: at word boundaries, marked with "…", and
around the words a quote is there to prove.

>>> clip("Giao Ban cán sự đảng UBND Thành phố chủ trì, phối hợp với Đảng đoàn", 40)
'Giao Ban cán sự đảng UBND Thành phố chủ…'
>>> centre("Thực hiện Thông báo số 111-TB/VPTW ngày 03/12/2024 và Thông báo số 95-TB/VPTW ngày "
...        "21/8/2024 của Văn phòng Trung ương Đảng", ["95-TB/VPTW"], 50)
'…báo số 95-TB/VPTW ngày 21/8/2024 của Văn…'
"""
from __future__ import annotations

import re

from truyvet.loaders.keys import strip_marks

_SPACES = re.compile(r"\s+")


def one_line(text: str | None) -> str:
    """Runs of whitespace (hard wraps of the source) as single spaces."""
    return _SPACES.sub(" ", text or "").strip()


def clip(text: str | None, width: int) -> str:
    """``text`` on one line, at most ``width`` characters; a cut ends in "…"
    after the last whole word (never inside a word, never after a comma)."""
    s = one_line(text)
    if len(s) <= width:
        return s
    return _cut_right(s, width - 1) + "…"


def _cut_right(s: str, width: int) -> str:
    head = s[:width + 1]
    cut = head.rfind(" ")
    head = head[:cut] if cut > width // 3 else s[:width]
    return head.rstrip(" ,;:-–")


def _cut_left(s: str, width: int) -> str:
    tail = s[-(width + 1):] if width else ""
    cut = tail.find(" ")
    tail = tail[cut + 1:] if 0 <= cut < len(tail) * 2 // 3 else s[-width:] if width else ""
    return tail.lstrip(" ,;:-–")


def _folded(s: str) -> str:
    """A comparison copy of ``s`` with one character per character of ``s``."""
    out = []
    for ch in s:
        f = strip_marks(ch).casefold()
        out.append(f if len(f) == 1 else (f[:1] or " "))
    return "".join(out)


def _pattern(needle: str) -> re.Pattern | None:
    """``needle`` folded, with any spacing allowed around its punctuation
    ("111 -TB/VPTW" is found for 111-TB/VPTW)."""
    parts = re.findall(r"\w+|[^\w\s]", _folded(one_line(needle)))
    if not parts:
        return None
    body = r"\s*".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<!\w){body}(?!\w)")


def find(text: str, needles) -> tuple[int, int] | None:
    """Span of the first needle (in the order given) found in ``text``, by folded comparison."""
    hay = _folded(text)
    for needle in needles:
        pat = _pattern(needle) if needle else None
        m = pat.search(hay) if pat else None
        if m:
            return m.span()
    return None


def centre(text: str | None, needles, width: int) -> str:
    """``text`` on one line, cut to ``width`` around the first needle found,
    which is always kept whole; each cut is marked with "…". Without a
    needle in the text, the same as :func:`clip`."""
    s = one_line(text)
    if len(s) <= width:
        return s
    span = find(s, needles)
    if span is None:
        return clip(s, width)
    start, end = span
    room = max(width - (end - start) - 2, 0)
    before = min(start, room // 3)
    after = room - before
    if end + after > len(s):                   # the needle near the end: give the rest to the left
        after = len(s) - end
        before = room - after
    left = s[:start]
    right = s[end:]
    lhs = left if before >= len(left) else ("…" + _cut_left(left, max(before - 1, 0)) if before > 1 else "…")
    rhs = right if after >= len(right) else _cut_right(right, max(after - 1, 0)) + "…"
    return lhs + s[start:end] + rhs
