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
from bisect import bisect_right
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
_FINAL = re.compile(r"[.!?…]+[\"”»)]*(?=\s)")
_MARKER_ONLY = re.compile(r"\s*(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2})*|\(\d{1,3}\)|[a-zđ])[.)]*")
# Words that open a new sentence or paragraph of a directive.
_OPENING = re.compile(r"\s*(?:Thực hiện|Căn cứ|Để |Trên cơ sở|Giao |Nhằm|Triển khai|Nơi nhận|Kính gửi|T/M|K/T|TM\.)")
_TERMINAL_END = re.compile(r"[.:;!?…\"”»]\s*$")


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


def is_caps_line(s: str) -> bool:
    """All letters are capitals (a header or heading line); needs two letters."""
    return s == s.upper() and s != s.lower() and len(s.strip()) >= 2


def is_table_row(s: str) -> bool:
    return "\t" in s and any(c.strip() for c in s.split("\t"))


def starts_lower(s: str) -> bool:
    s = s.lstrip(" \t*_\"“")
    return bool(s) and s[0].islower()


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

    Every boundary but the text's two ends lies in a paragraph (punctuation,
    a line break) or at the end of one (a blank line that closes it), and
    each depends only on its paragraph and the two before it. The readers
    ask for a few hundred sentences a document, so the boundaries are found
    once, on the first question, and each sentence is one bisect.
    """

    def __init__(self, text: str):
        self.text = text
        self.lines = split_lines(text)
        self._paras: list[list[Line]] | None = None
        self._bounds: list[int] | None = None

    @property
    def paragraphs(self) -> list[list[Line]]:
        """Runs of non-blank lines."""
        if self._paras is None:
            paras, para = [], []
            for ln in self.lines:
                if ln.blank:
                    if para:
                        paras.append(para)
                        para = []
                else:
                    para.append(ln)
            if para:
                paras.append(para)
            self._paras = paras
        return self._paras

    def _inner_bounds(self, k: int) -> list[int]:
        """Boundaries inside paragraph ``k``: punctuation, line breaks."""
        text, para = self.text, self.paragraphs[k]
        bounds = set()
        # To the newline after the paragraph: the look-ahead of _FINAL needs it.
        for m in _FINAL.finditer(text, para[0].start, para[-1].end + 1):
            nxt = m.end()
            while nxt < len(text) and text[nxt] in " \t\n":
                nxt += 1
            if nxt >= len(text):
                continue
            c = text[nxt]
            if not (c.isupper() or c.isdigit() or c in "(\"“-*+•"):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _MARKER_ONLY.fullmatch(text[line_start:m.end()]):
                continue  # the period of "(1)." or "1." is not a sentence end
            bounds.add(m.end())
        for a, b in zip(para, para[1:]):
            if self._line_break_is_boundary(a.text, b.text):
                bounds.add(a.end)
        return bounds

    def _break_before(self, k: int) -> bool:
        """Does the blank line between paragraphs ``k - 1`` and ``k`` end a sentence?"""
        paras = self.paragraphs
        return (k >= 2 and is_caps_line(paras[k - 2][-1].text)) or not self._joins(paras[k - 1], paras[k])

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
            bounds = {0, len(self.text)}
            for k in range(len(self.paragraphs)):
                bounds |= self._inner_bounds(k)
                if k >= 1 and self._break_before(k):
                    bounds.add(self.paragraphs[k - 1][-1].end)
            self._bounds = sorted(bounds)
        return self._bounds

    @staticmethod
    def _line_break_is_boundary(a: str, b: str) -> bool:
        return bool(
            MARKER_RE.match(b) and MARKER_RE.match(b).end() > 0
            or _TERMINAL_END.search(a)
            or is_table_row(a) or is_table_row(b)
            or is_caps_line(a) or is_caps_line(b)
            or _OPENING.match(b)
        )

    @staticmethod
    def _joins(prev: list[Line], nxt: list[Line]) -> bool:
        """Does a blank line interrupt a sentence (a hard wrap in a copy)?"""
        last, first = prev[-1].text, nxt[0].text
        if _TERMINAL_END.search(last) or is_caps_line(last) or is_table_row(last):
            return False
        m = MARKER_RE.match(first)
        if (m and m.end() > 0) or is_caps_line(first) or is_table_row(first):
            return False
        if starts_lower(first):
            return True
        if _OPENING.match(first):
            return False
        para_len = sum(len(ln.text) for ln in prev)
        return para_len > 100 and len(last) >= 60 and last.rstrip()[-1:].isalpha()

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
