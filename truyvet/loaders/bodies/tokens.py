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
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from truyvet.loaders.keys import accent_key

# A word, or one punctuation character. "TP." keeps its dot: it abbreviates
# "Thành phố" and does not end a sentence.
_TOKEN = re.compile(r"(?:TP|Tp|tp|TX|Tx)\.(?=\s*[A-ZĐÀ-Ỹ])|[^\W_]+|[^\w\s*]")
_EMPHASIS = re.compile(r"[*_]")
# Words repeat: keying each once is most of the tokenizer's cost.
_key = lru_cache(maxsize=1 << 16)(lambda word: accent_key(word.rstrip(".")))


@dataclass(frozen=True, slots=True)
class Tok:
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
        gap = text[prev:m.start()]
        word = m.group()
        out.append(Tok(word, _key(word), m.start(), m.end(),
                       gap.count("\n"), "\t" in gap, bool(_EMPHASIS.search(gap))))
        prev = m.end()
        if len(out) >= limit:
            break
    return out
