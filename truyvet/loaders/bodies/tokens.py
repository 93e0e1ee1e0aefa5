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
_WORD = r"(?:TP|Tp|tp|TX|Tx)\.(?=\s*[A-ZĐÀ-Ỹ])|[^\W_]+|[^\w\s*]"
_TOKEN = re.compile(_WORD)
# Every other character (space, "*", "_") separates tokens: one match takes the
# gap before a token and the token, which spares a slice per token. The token
# is optional so that a trailing gap is one match, not one attempt per character.
_GAP_TOKEN = re.compile(f"([\\s*_]*)({_WORD})?")
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
def _words(word: str) -> tuple[tuple[str, str], ...]:
    """(text, key) of the word, or of the two Vietnamese words run together
    in it ("biệtlà", "trúcó", "Namthực" in PDF text). Words repeat: doing this once
    per distinct word is most of the tokenizer's cost."""
    n = 0
    if not word.isascii() and word[1:].islower() and not is_syllable(word):
        folded = fold(word).lower()
        m = _TWO.fullmatch(folded) if len(folded) == len(word) else None
        n = m.end(1) if m else 0
    parts = (word[:n], word[n:]) if n else (word,)
    return tuple((w, accent_key(w.rstrip("."))) for w in parts)


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


@lru_cache(maxsize=256)
def _gap(gap: str) -> tuple[int, bool, bool]:
    """(line breaks, cell, emphasis) of what separates two tokens; gaps are few and repeat."""
    return gap.count("\n"), "\t" in gap, bool(_EMPHASIS.search(gap))


_SPACE = (0, False, False)
_new = tuple.__new__          # Tok(...) calls a Python-level __new__; a third of the time per token


def tokenize(text: str, start: int = 0, end: int | None = None, limit: int = 160) -> list[Tok]:
    """Tokens of ``text[start:end]``, at most ``limit`` of them (one more when the
    last word read is two run together)."""
    end = len(text) if end is None else end
    out: list[Tok] = []
    prev = start
    for m in _GAP_TOKEN.finditer(text, start, end):
        gap, word = m.groups()
        if word is None:                      # only the window's trailing gap
            break
        a = prev + len(gap)
        prev = a + len(word)
        # most words are one space apart: no line break, cell or emphasis to look for
        flags = _SPACE if gap == " " or not gap else _gap(gap)
        parts = _words(word)
        if len(parts) == 1:
            out.append(_new(Tok, parts[0] + (a, prev) + flags))
        else:                                 # two words run together
            first, second = parts
            at = a + len(first[0])
            out += [_new(Tok, first + (a, at) + flags), _new(Tok, second + (at, prev) + _SPACE)]
        if len(out) >= limit:
            break
    return out


def first_word(text: str, start: int, end: int) -> tuple[tuple[tuple[str, str], ...], int]:
    """(text, key) of the first token of ``text[start:end]`` (of both words when two
    run together) and where it ends; ``((), end)`` when there is none. A look at the
    first word of a place, which is most often no name at all, without tokenizing."""
    m = _TOKEN.search(text, start, end)
    return (_words(m.group()), m.end()) if m else ((), end)
