"""How ``data/words.tsv`` was made: two-syllable words mined from a corpus.

Not used at run time. Vietnamese writes a word of two syllables as two
tokens ("cán bộ", "môi trường"), so a name that ends between them ("Vụ Tổ
chức cán", "Trung tâm Dịch vụ công cộng, Môi") is cut inside a word. The
grammar asks ``lexicon.WORDS`` whether two tokens are one word; this module
builds that list from running text, in two passes:

1. count syllables and adjacent pairs on runs of words without punctuation,
   and score each pair by pointwise mutual information;
2. segment every run into words by the best total score (Viterbi), and keep
   the pairs chosen as a word often and in most of their occurrences, so the
   edge of two words ("công an | nhân dân" gives "an nhân") drops out.

    python -m truyvet.loaders.bodies.mine /tmp/corpus/vn-mixed > words.tsv
"""
from __future__ import annotations

import math
import os
import re
import sys
import unicodedata
from collections import Counter

from truyvet.loaders.keys import unify_tones

_RUN = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)*")
_SYLLABLE = re.compile(r"^[a-eg-iklm-vxyà-ỹđ]{1,7}$")      # Vietnamese letters only, no f/j/w/z


def _runs(folder: str):
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
            text = unicodedata.normalize("NFC", f.read())
        for m in _RUN.finditer(text):
            yield [unify_tones(w.lower()) for w in m.group().split()]


def mine(folder: str, min_chosen: int = 20, min_kept: float = 0.5,
         min_pmi: float = 2.0) -> list[tuple[str, str, int, float]]:
    """(first, second, times chosen, share of the first syllable's occurrences) of the
    two-syllable words of the texts in ``folder``."""
    uni, pairs = Counter(), Counter()
    for run in _runs(folder):
        uni.update(run)
        pairs.update(zip(run, run[1:]))
    total = sum(uni.values())
    score = {p: pmi for p, c in pairs.items() if c >= 10 and p[0] != p[1] and _SYLLABLE.match(p[0])
             and _SYLLABLE.match(p[1]) and (pmi := math.log2(c * total / (uni[p[0]] * uni[p[1]]))) >= 1.0}
    chosen = Counter()
    for run in _runs(folder):
        best, back = [0.0] * (len(run) + 1), [1] * (len(run) + 1)
        for i in range(2, len(run) + 1):
            best[i] = best[i - 1]
            s = score.get((run[i - 2], run[i - 1]))
            if s is not None and best[i - 2] + s > best[i]:
                best[i], back[i] = best[i - 2] + s, 2
        i = len(run)
        while i > 0:
            if back[i] == 2:
                chosen[(run[i - 2], run[i - 1])] += 1
            i -= back[i]
    return sorted((a, b, k, k / uni[a]) for (a, b), k in chosen.items()
                  if k >= min_chosen and k >= min_kept * pairs[(a, b)] and score[(a, b)] >= min_pmi)


if __name__ == "__main__":
    for a, b, k, share in mine(sys.argv[1]):
        print(f"{a} {b}\t{k}\t{share:.3f}")
