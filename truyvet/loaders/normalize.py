"""Input hygiene with a map back to the original text.

Extraction runs on a cleaned copy of the text (NFC, LF line ends, one kind of
dash, no zero-width characters, no Markdown emphasis), but every fact must
point at the characters of the file as the user has it. :class:`NormText`
keeps the cleaned text and a compact offset map (breakpoints where deletions
shifted positions), so a span found in the clean text maps back exactly.

Length-preserving replacements (dashes, NBSP, Markdown table pipes) need no
map entry; deletions (CR, BOM, zero-width, ``**``) and NFC compositions of
decomposed input are recorded as breakpoints.

>>> n = normalize("**Số 1021 –CV/TU**\\r\\n")
>>> n.text
'Số 1021 -CV/TU\\n'
>>> s, e = n.span_to_orig(3, 14)
>>> "**Số 1021 –CV/TU**\\r\\n"[s:e]
'1021 –CV/TU'
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field

from truyvet.loaders.scan import LineStart

# One-to-one character replacements: dashes to "-", odd spaces to " ", Eth to Đ.
_REPLACE = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u3000": " ", "\u00d0": "Đ", "\u00f0": "đ",
    "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n",
}
# str.translate looks every character up in a dict; these characters are rare,
# so a regex that only stops at them is several times faster on real text.
_REPLACE_RE = re.compile("[" + "".join(_REPLACE) + "]")


# A line that is only a pipe is a cell boundary of a web table copied one cell
# per line; it becomes a line of one TAB (blank to every rule but the table reader).
_LONE_PIPE = LineStart(r"[ \t]*\|[ \t]*(?=\r?$)")


def _translate(text: str) -> str:
    return _REPLACE_RE.sub(lambda m: _REPLACE[m.group()], text)


# Two bold runs written without the space between them ("**KẾT LUẬN****CỦA
# BỘ CHÍNH TRỊ**"): the markup stood where a space or line break was, so
# between two letters its first character becomes a space; the rest is
# deleted with the other markup. Digits and stops keep their glue ("**3****.**").
# The literal comes first so the engine jumps from one "****" to the next.
_GLUED_BOLD = re.compile(r"\*\*\*\*(?<=[^\W\d_]\*\*\*\*)(?=[^\W\d_])")

# A Markdown table row: pipes become cell separators (TAB) of the same length.
_TABLE_ROW = LineStart(r"[ \t]*\|[^\n]*\|[ \t]*(?=\r?$)")
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
# A Markdown "* item" bullet keeps its meaning as "- item".
_STAR_BULLET = LineStart(r"[ \t]*\*(?=[ \t]+\S)")
_SOFT_HYPHEN_IN_WORD = re.compile(r"(?<=\w)\u00ad(?=\w)")

# Everything that is deleted; a decomposed cluster is recomposed (NFC).
_DELETE = (
    r"\r(?=\n)|[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
    r"|\*\*|\*|__(?=\S)|(?<=\S)__"
    r"|(?m:^[ \t]*#{1,6}[ \t]+)"
    r"|(?m:^[ \t]*>[ \t]?)"
)
# The group makes split() return what was deleted between what was kept.
# The leading lookahead lets the engine reject most positions with one test.
_DELETE_SPLIT = re.compile(r"(?=[\r\u200b\u200c\u200d\u2060\ufeff\u00ad*_#>]|(?m:^))(" + _DELETE + ")")
# The same deletions with every branch starting with a literal character,
# which lets the engine skip from candidate to candidate (three times faster).
# A "#" or ">" counts at a line start only; text where one is indented
# takes _DELETE_SPLIT.
_DELETE_FAST = re.compile(
    r"(\r(?=\n)|\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad|\*\*|\*|__(?=\S)|_(?<=\S_)_"
    r"|#(?<![^\n]#)#{0,5}[ \t]+|>(?<![^\n]>)[ \t]?)"
)
_INDENTED_MARK = re.compile(r"\n[ \t]+[#>]")
_FIRST_INDENTED_MARK = re.compile(r"[ \t]+[#>]")
_NFD_CLUSTER = r"|(?P<nfd>[^\u0300-\u036f][\u0300-\u036f]+)"
_DELETE_NFD_RE = re.compile(_DELETE + _NFD_CLUSTER)


@dataclass
class NormText:
    """Clean text plus the offset map back to the original string."""

    original: str
    text: str
    # breakpoints: from clean index _pos[i] on, original = clean + _shift[i]
    _pos: list[int] = field(default_factory=lambda: [0])
    _shift: list[int] = field(default_factory=lambda: [0])

    def to_orig(self, i: int) -> int:
        """Original index of clean index ``i`` (``i`` may equal len(text))."""
        k = bisect_right(self._pos, i) - 1
        return i + self._shift[k]

    def span_to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean half-open span to the original text.

        The end maps through the last character, so text deleted right after
        a span (a closing ``**``) is not swallowed into it.
        """
        if end <= start:
            o = self.to_orig(start)
            return o, o
        return self.to_orig(start), self.to_orig(end - 1) + 1


def normalize(original: str) -> NormText:
    """Clean ``original`` for extraction and keep the way back to it."""
    text = _translate(original)
    if "|" in text:
        text = _LONE_PIPE.sub(lambda line: line.replace("|", "\t"), text)
        text = _TABLE_ROW.sub(_table_row, text)
    if "*" in text:
        text = _STAR_BULLET.sub(lambda bullet: bullet[:-1] + "-", text)
        if "****" in text:
            text = _GLUED_BOLD.sub(" ***", text)
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_IN_WORD.sub("-", text)
    if "\r" in text:
        # A lone CR (old Mac line end) is a line break: same length.
        text = re.sub(r"\r(?!\n)", "\n", text)
    if unicodedata.is_normalized("NFC", text):
        # Kept and deleted pieces alternate; the map follows from their lengths.
        indented = _INDENTED_MARK.search(text) or _FIRST_INDENTED_MARK.match(text)
        parts = (_DELETE_SPLIT if indented else _DELETE_FAST).split(text)
        kept, deleted = parts[0::2], parts[1::2]
        pos = [0, *accumulate(map(len, kept[:-1]))]
        shift = [0, *accumulate(map(len, deleted))]
        return NormText(original, "".join(kept), pos, shift)

    pieces: list[str] = []
    pos, shift = [0], [0]
    last = 0
    out_len = 0
    removed = 0
    for m in _DELETE_NFD_RE.finditer(text):
        a, b = m.span()
        pieces.append(text[last:a])
        out_len += a - last
        last = b
        repl = unicodedata.normalize("NFC", m.group()) if m.group("nfd") else ""
        if repl:
            pieces.append(repl)
            # Every composed char maps to the start of its cluster; the
            # cluster's remaining chars are "removed" after it.
            out_len += len(repl)
        removed += (b - a) - len(repl)
        pos.append(out_len)
        shift.append(removed)
    pieces.append(text[last:])
    clean = "".join(pieces)
    # Characters NFC composes outside the cluster pattern are rare (Hangul,
    # some Latin); normalising the leftovers keeps the text NFC at the cost
    # of slightly imprecise spans in those scripts only.
    if not unicodedata.is_normalized("NFC", clean):
        clean = unicodedata.normalize("NFC", clean)
    return NormText(original, clean, pos, shift)


def _table_row(row: str) -> str:
    if _TABLE_RULE.match(row):
        return re.sub(r"[|:\-]", " ", row)
    first = row.index("|")
    last = row.rindex("|")
    inner = row[first + 1:last].replace("|", "\t")
    return row[:first] + " " + inner + " " + row[last + 1:]


_WS = re.compile(r"\s+")
_MARKUP = re.compile(r"\*\*|\*|__")


def display(text: str) -> str:
    """A one-line, markup-free rendering of an original slice, for humans."""
    text = unicodedata.normalize("NFC", _translate(text))
    return _WS.sub(" ", _MARKUP.sub("", text)).strip()
