"""Words of running text as the body-name grammar sees them.

A token keeps its offsets in the text as given and a comparison key that
ignores case and tone placement ("Uỷ" and "ủy" compare equal), and records
what separated it from the token before: line breaks, a table cell boundary
(tab or ``|``), Markdown emphasis. "&" and "-" are tokens of their own, so
"KH&CN" and "KH & CN", "Quy hoạch-Kiến trúc" and "Quy hoạch - Kiến trúc"
give the same keys.

>>> [t.key for t in tokenize("Sở KH&CN,\\n**UBND** TP. Huế")]
['sở', 'kh', '&', 'cn', ',', 'ubnd', 'tp', 'huế']
>>> [t.nl for t in tokenize("Sở Tư\\npháp")]
[0, 0, 1]
>>> [t.text for t in tokenize("cư trúcó trách nhiệm")]
['cư', 'trú', 'có', 'trách', 'nhiệm']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from truyvet.loaders.keys import accent_key, fold

# A word, or one punctuation character. "TP." keeps its dot: it abbreviates
# "Thành phố" and does not end a sentence.
_TOKEN = re.compile(r"(?:TP|Tp|tp|TX|Tx)\.(?=\s*[A-ZĐÀ-Ỹ])|[^\W_]+|[^\w\s*]")
_EMPHASIS = re.compile(r"[*_]")
# A Vietnamese syllable, diacritics folded: onset, one to three vowels, coda.
_ONSET = r"(?:ngh|gh|ng|nh|ch|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])"
_RHYME = r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"{_ONSET}?{_RHYME}")
_TWO = re.compile(f"({_ONSET}?{_RHYME})({_ONSET}{_RHYME})")


def is_syllable(word: str) -> bool:
    """Could ``word`` be one Vietnamese syllable? ("trường" yes; "escopeteros", "online" no)"""
    return bool(_SYLLABLE.fullmatch(fold(word)))


@lru_cache(maxsize=1 << 16)
def _words(word: str) -> tuple[tuple[str, str, int], ...]:
    """(text, key, offset) of the word, or of the two Vietnamese words run together
    in it ("biệtlà", "trúcó", "Namthực" in PDF text). Words repeat: doing this once
    per distinct word is most of the tokenizer's cost."""
    n = 0
    if not word.isascii() and word[1:].islower() and not is_syllable(word):
        folded = fold(word).lower()
        m = _TWO.fullmatch(folded) if len(folded) == len(word) else None
        n = m.end(1) if m else 0
    parts = ((word[:n], 0), (word[n:], n)) if n else ((word, 0),)
    return tuple((w, accent_key(w.rstrip(".")), at) for w, at in parts)


# A named tuple, not a frozen dataclass: the tokenizer makes about a million
# of these per 1,000 documents, and a frozen dataclass's __init__ (one
# object.__setattr__ per field) was a third of the tokenizer's time.
class Tok(NamedTuple):
    text: str
    key: str      # case- and tone-placement-free
    start: int
    end: int
    nl: int       # line breaks between this token and the one before
    cell: bool    # a tab (a table cell boundary) before it; "|" is a token
    emph: bool    # Markdown emphasis before it ("**")

    @property
    def word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def num(self) -> bool:
        return self.text.isdigit()

    @property
    def cap(self) -> bool:
        """Starts with a capital letter (a name's word, or a sentence's first)."""
        return self.text[0].isupper()

    @property
    def caps(self) -> bool:
        """Written all in capitals, as section titles and headers are."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)

    @property
    def lower(self) -> bool:
        return self.text[0].islower()


def tokenize(text: str, start: int = 0, end: int | None = None, limit: int = 160) -> list[Tok]:
    """Tokens of ``text[start:end]``, at most ``limit`` of them."""
    end = len(text) if end is None else end
    out: list[Tok] = []
    prev = start
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.span()
        gap = text[prev:a]
        # most words are one space apart: no line break, cell or emphasis to look for
        nl, cell, emph = (0, False, False) if gap == " " else \
            (gap.count("\n"), "\t" in gap, bool(_EMPHASIS.search(gap)))
        parts = _words(m.group())
        if len(parts) == 1:
            out.append(Tok(parts[0][0], parts[0][1], a, b, nl, cell, emph))
        else:                                 # two words run together
            (w1, k1, _), (w2, k2, at) = parts
            out += [Tok(w1, k1, a, a + at, nl, cell, emph), Tok(w2, k2, a + at, b, 0, False, False)]
        prev = b
        if len(out) >= limit:
            break
    return out
