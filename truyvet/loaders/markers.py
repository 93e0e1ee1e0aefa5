"""Numbering markers at the start of a line: what kind, what value, how written.

Vietnamese directives number their outline in many ways: roman sections
("I.", "II-", "III –", "IV)"), top parts ("A.", "Phần thứ hai"), chapters and
articles ("Chương II", "Điều 18."), arabic items ("1.", "1)", "1-"), dotted
paths of any depth ("2.2.1."), parenthesised items ("(14)", "(ii)", "(b)"),
letters ("a)", "đ.") and bullets ("-", "+", "•"). A marker is only half the
story: whether "16-" opens item 16 or a symbol ("16-KH/ĐU") depends on what
follows, and whether "2025 -" is an item depends on the items before it — the
outline decides that with :attr:`Marker.value`.

>>> m = read_marker("II- NHIỆM VỤ")
>>> (m.kind, m.part, m.value, m.style)
('roman', 'II', 2, 'roman')
>>> read_marker("16-KH/ĐU, Hướng dẫn số 01") is None
True
>>> [read_marker(s).part for s in ("(14). Nghiên cứu", "đ) Công an tỉnh", "2.2.1. Xây dựng", "Điều 18. Trách nhiệm")]
['(14)', 'đ)', '2.2.1', 'Điều 18']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# The Vietnamese alphabet orders "đ" after "d" and has no f, j, w, z; documents
# written in Latin order (or with a slip) use them anyway.
_VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_ORDER = {c: i + 1 for i, c in enumerate("abcdđeghiklmnopqrstuvxy")}
_LATIN_ORDER = {c: i + 1 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}


@dataclass(frozen=True)
class Marker:
    kind: str        # part | chapter | mucsec | article | roman | upper | dotted | arabic | paren | letter | bullet
    style: str       # what siblings share: "roman", "arabic.", "dotted2", "paren-num", "letter)", "bullet-" …
    part: str        # the label part as written: "II", "2", "2.1", "(14)", "a)", "Điều 18"
    value: int       # ordinal, for sequence checks (0 for bullets)
    end: int         # where the item's text begins in the line
    caps_title: bool = False   # the rest of the line is an all-capitals heading


def roman_value(s: str) -> int:
    """The value of a roman numeral.

    >>> roman_value("XIV"), roman_value("iv")
    (14, 4)
    """
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def letter_value(c: str, prev: int | None = None) -> int:
    """Ordinal of a list letter; Latin order when the list used a Latin-only letter."""
    c = c.lower()
    if c in _LETTER_ORDER and (prev is None or _LETTER_ORDER[c] >= prev):
        return _LETTER_ORDER[c]
    return _LATIN_ORDER.get(c, 0)


# What may follow a marker: the text (a capital, a digit, a quote, a bracket),
# spaces, or nothing (the text is on the next line of a hard-wrapped copy).
_AFTER = r"(?=\s|$|[\"“'(\[A-ZĐÀ-Ỹ])"
_LOWER_OK = r"(?=\s|$)"
_MARKER = re.compile(
    r"[ \t]*(?:"
    r"(?P<part>(?:Phần|PHẦN)\s+(?:thứ\s+\w+|THỨ\s+\w+|[IVXLC]+|\d{1,2}))(?=[\s.:\-]|$)"
    r"|(?P<chapter>(?:Chương|CHƯƠNG)\s+(?:[IVXLC]+|\d{1,3}))(?=[\s.:\-]|$)"
    r"|(?P<mucsec>(?:Mục|MỤC)\s+(?:[IVXLC]+|\d{1,3}))(?=[\s.:\-]|$)"
    r"|(?P<article>(?:Điều|ĐIỀU)\s+(?P<anum>\d{1,4}[a-z]?))(?:\s*[.:]|(?=\s+[A-ZĐÀ-Ỹ\"“(])|(?=\s*$))"
    r"|(?P<roman>[IVXLC]{1,7})(?:\s*[.):]|\s*-(?=\s)|\s+-|\s*–|-(?=[A-ZĐÀ-Ỹ]))" + _AFTER +
    r"|(?P<upper>[A-H])[.)]" + _AFTER +
    r"|(?P<dotted>\d{1,4}(?:\.\d{1,4}){1,7})(?:\.|\))?" + _AFTER +
    r"|(?P<arabic>\d{1,5})(?P<apunct>[.)]|/(?=\s)|\s*-(?=\s)(?!\s*[A-ZĐ&]{1,8}\s*/))" + _AFTER +
    r"|\((?P<paren>\d{1,5}|[ivxlc]{1,6}|[a-zđ])\)\.?" + _AFTER +
    r"|(?P<letter>[a-zđ])(?P<lpunct>[).]|/(?=\s))" + _AFTER +
    r"|(?P<bullet>[-+•◦▪●○■□➢►✓✔➤→–])" + _LOWER_OK +
    r")[ \t]*"
)
_CAPS_REST = re.compile(r"[^a-zà-ỹđ]*[A-ZĐÀ-Ỹ]{2}[^a-zà-ỹđ]*$")


# Markers repeat ("-" two characters in, "1." three) and cannot change:
# equal ones are one object, not one built (a frozen dataclass) per line.
_marker = lru_cache(maxsize=4096, typed=True)(Marker)
# The group that closes last in each alternative of _MARKER names its kind.
_KIND_OF_LAST = {"apunct": "arabic", "lpunct": "letter"}


def read_marker(line: str) -> Marker | None:
    """The numbering marker that opens ``line``, if any (see the module doc)."""
    m = _MARKER.match(line)
    if not m:
        return None
    end = m.end()
    rest = line[end:]
    caps = bool(rest.strip()) and bool(_CAPS_REST.match(rest))
    kind = _KIND_OF_LAST.get(m.lastgroup, m.lastgroup)
    if kind == "bullet":
        return _marker("bullet", "bullet" + ("-" if m["bullet"] in "-–" else m["bullet"]), "", 0, end, caps)
    text = m[kind]
    if kind in ("part", "chapter", "mucsec"):
        # "Mục III Nghị quyết 72-NQ/TW …" is a sentence about a section, not its heading.
        after = line[m.end(kind):]
        if after.strip() and not caps and not re.match(r"\s*[.:\-]", after):
            return None
    if kind == "part":
        word = text.split(None, 1)[1]
        value = roman_value(word) if re.fullmatch(r"[IVXLC]+", word) else _ordinal_word(word)
        return _marker("part", "part", _title(text), value, end, caps)
    if kind in ("chapter", "mucsec"):
        return _marker(kind, kind, _title(text), _num(text.split()[1]), end, caps)
    if kind == "article":
        num = m["anum"]
        return _marker("article", "article", f"Điều {num}", int(re.match(r"\d+", num).group()), end, caps)
    if kind == "roman":
        if not rest.strip() and len(text) == 1 and text in "LC":
            return None
        return _marker("roman", "roman", text, roman_value(text), end, caps)
    if kind == "upper":
        return _marker("upper", "upper", text, ord(text) - 64, end, caps)
    if kind == "dotted":
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text) and not rest[:1].isupper():
            return None         # "15.000 người": a number with thousands separators
        return _marker("dotted", f"dotted{text.count('.')}", text, int(text.rsplit(".", 1)[1]), end, caps)
    if kind == "arabic":
        punct = m["apunct"].strip()
        return _marker("arabic", f"arabic{punct}", text, int(text), end, caps)
    if kind == "paren":
        if text.isdigit():
            return _marker("paren", "paren-num", f"({text})", int(text), end, caps)
        if re.fullmatch(r"[ivxlc]+", text) and (len(text) > 1 or text in "iv"):
            return _marker("paren", "paren-roman", f"({text})", roman_value(text), end, caps)
        return _marker("paren", "paren-letter", f"({text})", letter_value(text), end, caps)
    punct = m["lpunct"]                 # a letter
    return _marker("letter", f"letter{punct}", text + (")" if punct == ")" else ""), letter_value(text), end, caps)


_ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}


def _ordinal_word(word: str) -> int:
    last = word.split()[-1].lower()
    return _ORDINALS.get(last, int(last) if last.isdigit() else 0)


def _num(s: str) -> int:
    if s.isdigit():
        return int(s)
    m = re.match(r"\d+", s)
    if m:
        return int(m.group())
    return roman_value(s) if re.fullmatch(r"[IVXLCivxlc]+", s) else 0


def _title(s: str) -> str:
    word, rest = s.split(None, 1)
    return word[:1].upper() + word[1:].lower() + " " + rest
