"""Document numbers and symbols ("số, ký hiệu") of Party and state documents.

Party: ``SỐ-LOẠI/CƠ_QUAN`` (``111-TB/VPTW``, ``1021 -CV/TU``, ``02-CTr/QU``).
State: ``SỐ/NĂM/LOẠI-CƠ_QUAN`` (``15/2022/NĐ-CP``, ``77/2015/QH13``),
``SỐ/LOẠI-CƠ_QUAN`` (``123/KH-UBND``) and letters ``SỐ/CƠ_QUAN-ĐƠN_VỊ``
(``1234/UBND-KT``). Real text adds spaces around dashes and slashes; the
canonical form has none. Patterns run on normalised text (dashes already "-").

>>> [s.canonical for s in find_symbols("Số 1021 -CV/TU và 35- CT/TW, 15/2022/NĐ-CP, 123/KH-UBND")]
['1021-CV/TU', '35-CT/TW', '15/2022/NĐ-CP', '123/KH-UBND']
>>> s = find_symbols("1021 - CV/VPTU")[0]
>>> s.number, s.code, s.issuer_code, s.kind
('1021', 'CV', 'VPTU', 'official_letter')
>>> find_symbols("14/20 chỉ tiêu, ngày 06/02/2024, tỷ lệ 1/500")
[]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from truyvet.loaders.kinds import canonical_code, kind_of_code

_UP = "A-ZĐÂĂÊÔƠƯ"
_LO = "a-zđâăêôơư"
# A symbol starts after a non-word character, or glued to "số" as PDF
# extraction writes it ("Kế hoạchsố53-KH/TU"): the match may then begin with
# "số", and the symbol at its number.
_START = r"(?:[sS][ốỐ]|(?<![\w/.-]))"
# One part of a state issuer code: "UBND", "QLN&TTBĐS" (with "&", sometimes
# spaced), "V.I" (a dotted department).
_PART = rf"[{_UP}][{_UP}{_LO}0-9]{{0,11}}(?:\s?&\s?[{_UP}][{_UP}{_LO}0-9]{{0,11}})?(?:\.[{_UP}0-9][{_UP}{_LO}0-9]{{0,5}})?"

PARTY_RE = re.compile(
    rf"{_START}(?P<num>\d{{1,5}}[a-z]?)\s*-\s*(?P<code>[{_UP}][{_UP}{_LO}]{{0,4}})"
    rf"\s*/\s*(?P<iss>[{_UP}][{_UP}{_LO}]{{0,9}}(?:-[{_UP}][{_UP}{_LO}]{{0,6}})?)(?![\w/])"
)
# 15/2022/NĐ-CP, 77/2015/QH13, 01/2024/TT-BXD, 05/2023/NQ-HĐND, 66.2/2025/NQ-CP
STATE_NORM_RE = re.compile(
    rf"{_START}(?P<num>\d{{1,5}}(?:\.\d{{1,2}})?)\s*/\s*(?P<year>(?:19|20)\d\d)\s*/\s*"
    rf"(?P<code>[{_UP}][{_UP}{_LO}]{{0,5}}\d{{0,2}})(?:\s*-\s*(?P<iss>{_PART}"
    rf"(?:-{_PART})?))?(?![\w/])"
)
# 123/KH-UBND, 1021/QĐ-UBND, 1234/UBND-KT, 45/CĐ-TTg, 515/KH-BCA-BNN&MT, 6721/VPCP-V.I
STATE_ADMIN_RE = re.compile(
    rf"{_START}(?P<num>\d{{1,6}})\s*/\s*(?P<code>[{_UP}][{_UP}{_LO}]{{0,9}})\s*-\s*"
    rf"(?P<iss>{_PART}(?:\s?-\s?{_PART}){{0,2}})(?![\w/])"
)
# National standards: "TCVN 14423:2025", "TCVN 7391-1:2004".
STANDARD_RE = re.compile(r"(?<![\w/])TCVN\s?(?P<num>\d{3,5}(?:-\d{1,2})?)(?:\s?:\s?(?P<year>(?:19|20)\d\d))?(?!\d)")

# Issuer codes that are relative to a place: the same symbol exists in every
# province (Party) or for every local authority (state).
LOCAL_PARTY_ISSUERS = {
    "TU", "VPTU", "HU", "QU", "TXU", "THU", "ĐU", "ĐUK", "BTGTU", "BTCTU",
    "UBKTTU", "BDVTU", "BNCTU", "BNC", "BTG", "BTC", "VPHU", "VPQU", "ĐĐ",
    "BCS", "BCSĐ", "ĐUQS", "ĐUCA",
}
STATE_LOCAL_MARKERS = {"UBND", "HĐND", "SNV", "STC", "SKHĐT", "SXD", "SGTVT",
                       "STNMT", "SYT", "SGDĐT", "SVHTTDL", "SNN", "SCT", "SLĐTBXH",
                       "STP", "STTTT", "SKHCN", "BQL", "CAT", "CAH", "CAQ"}


@dataclass(frozen=True)
class Symbol:
    start: int
    end: int
    written: str
    canonical: str
    number: str
    code: str | None          # type code (KH, NĐ ...) or None for state letters
    issuer_code: str | None
    year: str | None
    system: str               # "party" | "state" | "standard"

    @property
    def kind(self) -> str | None:
        if self.system == "state" and self.code and self.code.startswith("QH"):
            return "law"
        return kind_of_code(self.code)

    @property
    def local(self) -> bool:
        """True when the symbol only identifies a document within a place."""
        if self.system == "party":
            return (self.issuer_code or "").upper() in LOCAL_PARTY_ISSUERS
        if self.year:
            return any(p in STATE_LOCAL_MARKERS for p in (self.issuer_code or "").upper().split("-"))
        parts = {p for p in re.split(r"-", (self.code or "") + "-" + (self.issuer_code or "")) if p}
        return bool(parts & STATE_LOCAL_MARKERS) or any(p.startswith("S") and len(p) <= 6 for p in parts)


def _clean(s: str) -> str:
    return re.sub(r"\s+", "", s)


# Every symbol has a digit, then "-" or "/" and a capital ("111-TB",
# "2022/NĐ", "123/KH"), which dates do not have: where one is tells where the
# three full patterns need to run. A state symbol starts up to ~15 characters
# before its year's last digit.
_BEFORE, _AFTER = 24, 60
# Such a place found from its "-" or "/": a search for one character is
# several times faster than for any digit (every digit of the text would be tried).
_DASH_CAP, _SLASH_CAP = re.compile(rf"-\s*[{_UP}]"), re.compile(rf"/\s*[{_UP}]")


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``\\d\\s*[-/]\\s*[A-ZĐ…]`` from ``start`` to ``end``. Two
    never overlap: each has one digit, its first character."""
    out = []
    for sep in (_DASH_CAP, _SLASH_CAP):
        for m in sep.finditer(text, start, end):
            j = m.start()
            while j > start and text[j - 1].isspace():      # \s
                j -= 1
            if j > start and text[j - 1].isdecimal():       # \d
                out.append((j - 1, m.end()))
    out.sort()
    return out


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans around candidate positions where a symbol can be: the full
    patterns then run on a few hundred characters instead of the whole text."""
    out: list[list[int]] = []
    for s, e in _candidates(text, start, end):
        a, b = max(start, s - _BEFORE), min(end, e + _AFTER)
        if out and a <= out[-1][1]:
            out[-1][1] = b
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def find_symbols(text: str, start: int = 0, end: int | None = None) -> list[Symbol]:
    """Every document symbol in ``text[start:end]``, in order, non-overlapping."""
    end = len(text) if end is None else end
    windows = _windows(text, start, end)
    found: list[Symbol] = []
    taken: list[tuple[int, int]] = []
    if text.find("TCVN", start, end) >= 0:        # no copy of the whole text
        for m in STANDARD_RE.finditer(text, start, end):
            canon = f"TCVN {m['num']}" + (f":{m['year']}" if m["year"] else "")
            found.append(Symbol(m.start(), m.end(), m.group(), canon, m["num"], "TCVN", None, m["year"], "standard"))
            taken.append(m.span())
    if not windows:
        return found

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def scan(pattern):
        for a, b in windows:
            yield from pattern.finditer(text, a, b)

    for m in scan(STATE_NORM_RE):
        code = m["code"]
        iss = _clean(m["iss"]) if m["iss"] else None
        canon = f"{m['num']}/{m['year']}/{code}" + (f"-{iss}" if iss else "")
        found.append(Symbol(m.start("num"), m.end(), text[m.start("num"):m.end()], canon, m["num"], code, iss, m["year"], "state"))
        taken.append(m.span())
    for m in scan(PARTY_RE):
        if not free(*m.span()):
            continue
        code = canonical_code(m["code"])
        iss = canonical_code(m["iss"])
        canon = f"{m['num']}-{code}/{iss}"
        found.append(Symbol(m.start("num"), m.end(), text[m.start("num"):m.end()], canon, m["num"], code, iss, None, "party"))
        taken.append(m.span())
    for m in scan(STATE_ADMIN_RE):
        if not free(*m.span()):
            continue
        code, iss = m["code"], _clean(m["iss"])
        canon = f"{m['num']}/{code}-{iss}"
        # A letter (1234/UBND-KT) has no type code: the first part is the issuer.
        written = text[m.start("num"):m.end()]
        if kind_of_code(code) is None:
            found.append(Symbol(m.start("num"), m.end(), written, canon, m["num"], None, f"{code}-{iss}", None, "state"))
        else:
            found.append(Symbol(m.start("num"), m.end(), written, canon, m["num"], code, iss, None, "state"))
        taken.append(m.span())
    found.sort(key=lambda s: s.start)
    return found
