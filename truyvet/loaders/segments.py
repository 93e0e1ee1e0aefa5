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
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Line:
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


_SINGLE_NL = re.compile(r"(?<=[^\n])\n(?=[^\n])")


def flatten(text: str) -> str:
    """The text with single line breaks turned into spaces (same length).

    PDF and HTML copies break lines inside names and phrases ("Văn phòng
    Trung\nương Đảng"); phrase patterns run on this view, structure (list
    markers, tables, header lines) on the lines. Blank lines stay.
    """
    return _SINGLE_NL.sub(" ", text)


class Segmenter:
    """Sentence boundaries of one normalised text, computed once."""

    def __init__(self, text: str):
        self.text = text
        self.lines = split_lines(text)
        self._cache: list[int] | None = None

    @property
    def _bounds(self) -> list[int]:
        # Most texts of a mixed folder never ask for a sentence: compute on demand.
        if self._cache is None:
            self._cache = self._boundaries()
        return self._cache

    def _boundaries(self) -> list[int]:
        text, lines = self.text, self.lines
        bounds = {0, len(text)}
        for m in _FINAL.finditer(text):
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
        # Line structure.
        prev_para: list[Line] = []
        para: list[Line] = []
        paragraphs: list[list[Line]] = []
        for ln in lines:
            if ln.blank:
                if para:
                    paragraphs.append(para)
                    para = []
            else:
                para.append(ln)
        if para:
            paragraphs.append(para)
        for para in paragraphs:
            for a, b in zip(para, para[1:]):
                if self._line_break_is_boundary(a.text, b.text):
                    bounds.add(a.end)
        for i in range(1, len(paragraphs)):
            prev_para, para = paragraphs[i - 1], paragraphs[i]
            after_caps = i >= 2 and is_caps_line(paragraphs[i - 2][-1].text)
            if after_caps or not self._joins(prev_para, para):
                bounds.add(prev_para[-1].end)
        return sorted(bounds)

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

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """Stripped span of the sentence containing ``pos``."""
        k = bisect_right(self._bounds, pos) - 1
        if k >= len(self._bounds) - 1:
            k = len(self._bounds) - 2
        return self._strip(self._bounds[k], self._bounds[k + 1])

    def sentences(self) -> list[tuple[int, int]]:
        out = []
        for a, b in zip(self._bounds, self._bounds[1:]):
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
