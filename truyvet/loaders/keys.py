"""Comparison keys for Vietnamese text.

Two writings of one name must compare equal: tone placement differs between
the old and new styles ("hoà"/"hòa", "uỷ"/"ủy", "khoá"/"khóa"), text arrives
NFC or NFD, and users search without diacritics ("thong bao 111"). Display
text is never changed by these functions; only keys are.

>>> unify_tones("Đảng uỷ khoá XIII hoà")
'Đảng ủy khóa XIII hòa'
>>> unify_tones("quỹ Quý thuỷ")
'quỹ Quý thủy'
>>> fold("Ban Cán sự Đảng  UBND Thành phố")
'ban can su dang ubnd thanh pho'
>>> slug("Ban Thường vụ Thành ủy Hà Nội")
'ban-thuong-vu-thanh-uy-ha-noi'
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone marks as combining characters (NFD).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Syllable-final "oa", "oe", "uy" with the tone on the second vowel (new style)
# move it to the first (the style most Party documents use). "qu" + y keeps
# its tone on y ("quý"), and a following consonant ("hoàng") means the tone
# belongs on the second vowel in both styles.
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![a-zA-Zà-ỹÀ-Ỹđ])"
)


def _move_tone(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    decomposed = unicodedata.normalize("NFD", second)
    base, marks = decomposed[0], decomposed[1:]
    tone = "".join(c for c in marks if c in _TONES)
    rest = "".join(c for c in marks if c not in _TONES)
    pair = (first, base)
    if (pair[0].lower(), pair[1].lower()) not in {("o", "a"), ("o", "e"), ("u", "y")}:
        return m.group()
    return unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", base + rest)


def unify_tones(text: str) -> str:
    """Put tone marks in one style so "uỷ" and "ủy" compare equal."""
    return _OLD_STYLE.sub(_move_tone, unicodedata.normalize("NFC", text))


_NON_WORD = re.compile(r"[^\w]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SPACES = re.compile(r"\s+")


def strip_marks(text: str) -> str:
    """Remove diacritics, mapping đ/Đ to d/D (they have no decomposition)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    # Typographic quotes and dashes keep text from being ASCII; dropping the
    # combining block keeps every other character as it is.
    return _COMBINING.sub("", decomposed)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Diacritic-free, case-free, whitespace-collapsed key."""
    return _SPACES.sub(" ", strip_marks(text).casefold()).strip()


def accent_key(text: str) -> str:
    """Case-free key that keeps accents but ignores tone placement style."""
    return _SPACES.sub(" ", unify_tones(text).casefold()).strip()


def symbol_key(symbol: str) -> str:
    """A document symbol compared whole: folded, spaces removed. Stores key
    their symbol lookup on it (``Symbol`` in :mod:`truyvet.graph.schema`).

    >>> symbol_key("111 - TB/VPTW"), symbol_key("15/2022/NĐ-CP")
    ('111-tb/vptw', '15/2022/nd-cp')
    """
    return _SPACES.sub("", fold(symbol))


def slug(text: str) -> str:
    """A stable ASCII identifier fragment."""
    return _NON_WORD.sub("-", fold(text)).strip("-")
