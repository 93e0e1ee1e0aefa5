"""Lines, list markers and evidence sentences.

Copies of directives break lines inside sentences, sometimes with a blank
line ("kết luận của đồng chí\\n\\nTổng Bí thư; bảo đảm ..."), so a sentence is
not "text between blank lines". Boundaries are sentence-final punctuation
before a capital, blank lines that close a finished paragraph, and line
breaks before a list marker, a table row or an all-capitals header line.

>>> s = Segmenter("Thực hiện A.\\n\\n(1). Làm tốt việc của đồng chí\\n\\nbảo đảm X. Tiếp theo")
>>> [s.text[a:b] for a, b in s.sentences()]
['Thực hiện A.', '(1). Làm tốt việc của đồng chí\\n\\nbảo đảm X.', 'Tiếp theo']
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import NamedTuple

# Numbering that starts a list item: "I.", "1.", "1.1.", "(1).", "(14)", "a)", "-", "+", "•".
MARKER_RE = re.compile(
    r"(?P<indent>[ \t]*)(?:"
    r"(?P<roman>[IVXL]{1,5})[.)](?=\s)"
    r"|(?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)"
    r"|(?P<arabic>\d{1,2})[.)](?=\s)"
    r"|\((?P<paren>\d{1,3})\)\.?(?=\s)"
    r"|(?P<letter>[a-zđ])[).](?=\s)"
    r"|(?P<bullet>[-+•◦▪–])(?=\s)"
    r")[ \t]*"
)
# Sentence-final punctuation (group 1) and the spaces after it, up to the
# next sentence's first character. "[…][…]*", not "[…]+": a pattern that
# opens with a plain class lets the engine skip to the next candidate.
_FINAL_GAP = re.compile(r"([.!?…][.!?…]*[\"”»)]*)(?=\s)[ \t\n]*")
_MARKER_ONLY = re.compile(r"\s*(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2})*|\(\d{1,3}\)|[a-zđ])[.)]*")
# Words that open a new sentence or paragraph of a directive.
_OPENING = re.compile(r"\s*(?:Thực hiện|Căn cứ|Để |Trên cơ sở|Giao |Nhằm|Triển khai|Nơi nhận|Kính gửi|T/M|K/T|TM\.)")
# What ends a finished line, before any trailing spaces.
_TERMINALS = ".:;!?…\"”»"


class Line(NamedTuple):
    """One line of the text (a tuple: hundreds of thousands are made per run)."""
    start: int
    end: int          # excluding the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def lines_within(lines: list[Line], spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the lines that start inside one of ``spans`` (two bisects a span)."""
    start = attrgetter("start")
    return {k for a, b in spans for k in range(bisect_left(lines, a, key=start), bisect_left(lines, b, key=start))}


_SMALL_ASCII = re.compile(r"[a-z]")


def is_caps_line(s: str) -> bool:
    """All letters are capitals (a header or heading line); needs two letters."""
    if _SMALL_ASCII.search(s):
        return False    # most lines: decided without copying the line twice
    return s == s.upper() and s != s.lower() and len(s.strip()) >= 2


def is_table_row(s: str) -> bool:
    return "\t" in s and any(c.strip() for c in s.split("\t"))


def starts_lower(s: str) -> bool:
    s = s.lstrip(" \t*_\"“")
    return bool(s) and s[0].islower()


def _ends_hard(s: str) -> bool:
    """A line that ends a sentence whatever follows: closing punctuation, a
    table row, a capitals line."""
    t = s.rstrip()
    return bool(t) and t[-1] in _TERMINALS or is_table_row(s) or is_caps_line(s)


def _starts_hard(s: str) -> bool:
    """A line that starts a sentence whatever precedes: a list marker, a
    table row, a capitals line, an opening word."""
    m = MARKER_RE.match(s)
    return bool(m and m.end() > 0) or is_table_row(s) or is_caps_line(s) or bool(_OPENING.match(s))


def _joins(last: str, last_hard: bool, para_len: int, first: str) -> bool:
    """Does a blank line interrupt a sentence (a hard wrap in a copy)?
    ``last`` ends a paragraph of ``para_len`` characters, ``first`` starts the next."""
    if last_hard or _starts_hard(first):
        return False
    if starts_lower(first):    # an opening word starts with a capital, so it is not lower
        return True
    return para_len > 100 and len(last) >= 60 and last.rstrip()[-1:].isalpha()


# The newline first, its look-behind after: a literal start lets the engine
# jump from newline to newline.
_SINGLE_NL = re.compile(r"\n(?<=[^\n]\n)(?=[^\n])")


def flatten(text: str) -> str:
    """The text with single line breaks turned into spaces (same length).

    PDF and HTML copies break lines inside names and phrases ("Văn phòng
    Trung\nương Đảng"); phrase patterns run on this view, structure (list
    markers, tables, header lines) on the lines. Blank lines stay.
    """
    return _SINGLE_NL.sub(" ", text)


class Segmenter:
    """Sentence boundaries of one normalised text.

    Every boundary but the text's two ends is sentence-final punctuation or
    a line break (inside a paragraph, or a blank line that closes one), and
    each depends only on its line, the lines around it and the paragraph
    before. The readers ask for a few hundred sentences a document, so the
    boundaries are found once, on the first question, in one scan of the
    text and one pass over its lines, and each sentence is one bisect.
    """

    def __init__(self, text: str):
        self.text = text
        self.lines = split_lines(text)
        self._bounds: list[int] | None = None

    def _bounds_around(self, pos: int) -> tuple[int, int]:
        """The last boundary at or before ``pos`` and the first after it
        (past the text's end: the last sentence)."""
        n = len(self.text)
        if n == 0:
            return 0, 0
        bounds = self._all_bounds()
        i = bisect_right(bounds, min(pos, n - 1))
        return bounds[i - 1], bounds[i]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """Stripped span of the sentence containing ``pos``."""
        return self._strip(*self._bounds_around(pos))

    def sentences_from(self, start: int, limit: int) -> list[tuple[int, int]]:
        """The first ``limit`` sentences (stripped spans) from ``start`` on."""
        out, pos, n = [], start, len(self.text)
        while pos < n and len(out) < limit:
            lo, hi = self._bounds_around(pos)
            a, b = self._strip(lo, hi)
            if b <= pos:
                # Only whitespace is left before the next boundary, and every
                # position up to it lies in this same sentence: jump, not step.
                pos = max(pos + 1, hi)
                continue
            if b > a:
                out.append((a, b))
            pos = b + 1
        return out

    def _all_bounds(self) -> list[int]:
        """Every boundary, sorted, the text's two ends included (found once)."""
        if self._bounds is None:
            bounds = set(self._punctuation_bounds())
            bounds.update(self._line_bounds())
            bounds.update((0, len(self.text)))
            self._bounds = sorted(bounds)
        return self._bounds

    def _punctuation_bounds(self) -> list[int]:
        """Ends of sentence-final punctuation before a capital, a digit or a
        list sign. Blank lines hold no punctuation, so one scan of the whole
        text finds what a scan of each paragraph would."""
        text, out = self.text, []
        n = len(text)
        for m in _FINAL_GAP.finditer(text):
            nxt = m.end()
            if nxt >= n:
                continue
            c = text[nxt]
            if not (c.isupper() or c.isdigit() or c in "(\"“-*+•"):
                continue
            end = m.end(1)
            if _MARKER_ONLY.fullmatch(text, text.rfind("\n", 0, end) + 1, end):
                continue  # the period of "(1)." or "1." is not a sentence end
            out.append(end)
        return out

    def _line_bounds(self) -> list[int]:
        """Line breaks that end a sentence: inside a paragraph, before or after
        a line that stands apart; at a blank line, unless the paragraphs
        around it are one sentence hard-wrapped (:func:`_joins`). What each
        line needs is found once, as the pass reaches it."""
        out = []
        prev: Line | None = None      # the last non-blank line so far
        prev_hard = False             # it ends a sentence whatever follows
        gap = False                   # a blank line lies between it and this one
        para_len = 0                  # the length of its paragraph's lines
        caps_before = False           # the paragraph before its own ends with a capitals line
        for ln in self.lines:
            s = ln.text
            if not s or s.isspace():
                gap = True
                continue
            if prev is not None:
                if not gap:
                    if prev_hard or _starts_hard(s):
                        out.append(prev.end)
                else:
                    if caps_before or not _joins(prev.text, prev_hard, para_len, s):
                        out.append(prev.end)
                    caps_before = is_caps_line(prev.text)
                    para_len = 0
            prev, prev_hard, gap = ln, _ends_hard(s), False
            para_len += len(s)
        return out

    def sentences(self) -> list[tuple[int, int]]:
        out = []
        bounds = self._all_bounds()
        for a, b in zip(bounds, bounds[1:]):
            a, b = self._strip(a, b)
            if b > a:
                out.append((a, b))
        return out

    def _strip(self, a: int, b: int) -> tuple[int, int]:
        text = self.text
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return a, b
