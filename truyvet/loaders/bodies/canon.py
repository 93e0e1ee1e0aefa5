"""One spelling for the many ways a body is written.

"Sở KH&CN" and "Sở Khoa học và Công nghệ", "BCS đảng UBND TP" and "Ban cán
sự đảng Ủy ban nhân dân Thành phố", "SỞ TƯ PHÁP" and "Sở Tư pháp" are one
body each, so they get one display name (and so one id). Local organs keep
their usual short forms (UBND, HĐND, MTTQ), as documents and users write them;
other abbreviations are spelled out from the curated lexicon.

>>> canonical("BCS đảng UBND TP")
'Ban cán sự đảng UBND Thành phố'
>>> canonical("Ban cán sự đảng Ủy ban nhân dân Thành phố")
'Ban cán sự đảng UBND Thành phố'
>>> canonical("Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố")
'MTTQ Thành phố'
>>> canonical("Sở KH&CN"), canonical("SỞ TƯ PHÁP TỈNH NGHỆ AN"), canonical("VPCP")
('Sở Khoa học và Công nghệ', 'Sở Tư pháp tỉnh Nghệ An', 'Văn phòng Chính phủ')
>>> canonical("Đảng uỷ Mặt trận Tổ quốc và các đoàn thể Trung ương")
'Đảng ủy MTTQ, các đoàn thể Trung ương'
"""
from __future__ import annotations

import re
from functools import lru_cache

from truyvet.loaders.bodies.lexicon import CENTRAL, FIELDS, GENERIC, HEADS, LEVEL, MODS, PROVINCES, TITLES, Phrases
from truyvet.loaders.bodies.tokens import tokenize
from truyvet.loaders.keys import unify_tones

# Written forms -> the display form (in order, on tone-unified text). The
# short forms of local organs are kept: ids already built on them stay.
_RULES = [(re.compile(p), r) for p, r in [
    (r"\bỦy ban MTTQ(?: Việt Nam)?\b|\bỦy ban Mặt trận Tổ quốc Việt Nam\b|\bMặt trận Tổ quốc Việt Nam\b"
     r"|\bMTTQ Việt Nam\b|\bMặt trận Tổ quốc\b", "MTTQ"),
    (r"\bỦy ban nhân dân\b", "UBND"),
    (r"\bHội đồng nhân dân\b", "HĐND"),
    (r"\bBCS\b", "Ban cán sự"),
    (r"\bUBKT\b", "Ủy ban Kiểm tra"),
    (r"\bBTV\b", "Ban Thường vụ"),
    (r"\bBCĐ\b", "Ban Chỉ đạo"),
    (r"\bVPTU\b", "Văn phòng Thành ủy"),
    (r"\bVP\b", "Văn phòng"),
    (r"\bTP\.?(?=\s|$)", "Thành phố"),
    (r"\bTU\b", "Thành ủy"),
    (r"\bĐUK\b", "Đảng ủy Khối"),
    (r"\bĐBQH\b", "đại biểu Quốc hội"),
    (r"\bCT-XH\b", "chính trị - xã hội"),
    (r"HĐNDTP\b", "HĐND Thành phố"),
    (r"\s*&\s*", " & "),
    (r"\s+", " "),
]]


@lru_cache(maxsize=1 << 16)
def canonical(name: str) -> str:
    """The display form of a body's name as written."""
    s = unify_tones(name.replace("*", " ")).strip(" ,.;:")
    s = re.sub(r"\s+", " ", s)
    s = _respell(s)
    for pat, repl in _RULES:
        s = pat.sub(repl, s)
    s = s.strip()
    if re.match(r"(?:các|những|mọi)\b", s, re.IGNORECASE):
        return s[:1].lower() + s[1:]      # a group reads "các sở, ban, ngành" mid-sentence
    return s[:1].upper() + s[1:]


def _respell(s: str) -> str:
    """Curated spellings: central bodies by name or abbreviation, fields after
    "Sở"/"Bộ" ("KH&CN"), and words of names written in capitals."""
    toks = tokenize(s, limit=400)
    if not toks:
        return s
    keys = tuple(t.key for t in toks)
    named = {known.name for known in CENTRAL.values_of(keys)}
    if len(named) == 1:                   # not "BCT": Bộ Chính trị or Bộ Công Thương
        return named.pop()
    # A name in capitals is re-cased word by word; a lone token in capitals is an abbreviation.
    words = [t for t in toks if t.word]
    caps = len(words) > 1 and all(t.caps or not t.text.isalpha() or len(t.text) == 1 for t in words)
    out: list[str] = []
    last = 0
    k = 0
    while k < len(toks):
        found = None
        for back in (1, 2):
            fields = FIELDS.get(" ".join(t.key for t in toks[max(0, k - back):k])) if k >= back else None
            found = found or (fields.match(toks, k) if fields else None)
        if found:
            words, n = found[1], found[0]
        elif caps and (sp := SPELLINGS.match(toks, k)):
            n, words = sp
        else:
            n, words = 1, (toks[k].text[:1] + toks[k].text[1:].lower()) if caps and toks[k].word else None
        if words is not None:
            out.append(s[last:toks[k].start])
            out.append(words)
            last = toks[k + n - 1].end
        k += n
    out.append(s[last:])
    return "".join(out)


# How the lexicon writes each phrase, for names written in capitals.
SPELLINGS = Phrases([(p, p) for table in (HEADS, LEVEL, MODS, TITLES, PROVINCES, GENERIC)
                     for p in table.written.values()])
