"""Places named in bodies' names: the jurisdiction that local codes depend on.

``53-KH/TU`` of one Tỉnh ủy is not ``53-KH/TU`` of Hà Nội, and "Thành phố"
in a Hà Nội plan means Hà Nội, so identity needs the place a name points at.
The 34 provinces and cities in force since 1 July 2025 and the 63 before them
come from ``bodies/data/provinces.tsv``, each old one with the new unit it
became part of, so a body of "tỉnh Phú Yên" can be traced to Đắk Lắk.

>>> place_in("Ban Thường vụ Thành ủy Hà Nội khóa XVII")
('Hà Nội', 'city')
>>> place_in("Quận ủy Hai Bà Trưng"), place_in("UBND tỉnh Nghệ An")
(('Hai Bà Trưng', 'district'), ('Nghệ An', 'province'))
>>> place_in("Ban Thường vụ Tỉnh ủy")
(None, 'province')
>>> place_in("Sở Tư pháp TP. Hồ Chí Minh Phó Giám đốc")
('Hồ Chí Minh', 'city')
>>> province("Phú Yên").now_part_of, province("Huế").city
('Đắk Lắk', True)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from truyvet.loaders.bodies.lexicon import PROVINCES
from truyvet.loaders.bodies.tokens import tokenize

_PROPER = r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][\wÀ-ỹ]*)"
_NAME = rf"(?P<name>{_PROPER}(?:[ -]{_PROPER}){{0,3}})"

_PLACE_RE = re.compile(
    r"(?P<level>Thành\s*(?:ủy|uỷ)|Tỉnh\s*(?:ủy|uỷ)|Huyện\s*(?:ủy|uỷ)|Quận\s*(?:ủy|uỷ)|Thị\s*(?:ủy|uỷ)"
    r"|[Tt]hành phố|TP\.?|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hị trấn|[Xx]ã|[Pp]hường|[Đđ]ặc khu)"
    rf"(?:\s+{_NAME})?"
)
_LEVEL_OF = {
    "thành": "city", "tp": "city", "tỉnh": "province", "huyện": "district",
    "quận": "district", "thị": "town", "xã": "commune", "phường": "commune", "đặc": "commune",
}
_NOT_PLACE = re.compile(r"^(?:[IVXLC]+|Khóa|Khoá|Đảng|Ban|Văn|Ủy|Uỷ|UBND|HĐND|MTTQ)$")


@dataclass(frozen=True)
class Province:
    """A province or centrally governed city, in the 2025 or the 2008 division."""
    name: str           # "Tỉnh Phú Yên"
    short: str          # "Phú Yên"
    code: str
    era: str            # "2025" (34 units) | "2008" (63 units)
    now_part_of: str    # the 2025 unit it is, or became part of

    @property
    def city(self) -> bool:
        return self.name.startswith("Thành phố")


@lru_cache(maxsize=None)
def province(short: str) -> Province | None:
    """A province by its short name, the 2025 unit first when both have it."""
    toks = tokenize(short)
    found = PROVINCES.match(toks, 0)
    if not found or found[0] != len(toks):
        return None
    row = found[1]
    return Province(row["name"], row["short"], row["code"], row["era"], row["now_part_of"])


def provinces(era: str) -> list[Province]:
    """The 34 units of era "2025" or the 63 of era "2008"."""
    rows = {id(v): v for first in PROVINCES.written for v in PROVINCES.values_of(first)}.values()
    return [Province(r["name"], r["short"], r["code"], r["era"], r["now_part_of"]) for r in rows if r["era"] == era]


CITIES = {p.short for era in ("2025", "2008") for p in provinces(era) if p.city}


def place_in(name: str) -> tuple[str | None, str | None]:
    """(place name, level) named in a body's name; the last mention wins."""
    found = (None, None)
    for m in _PLACE_RE.finditer(name):
        level_word = m["level"].split()[0].lower().rstrip(".")
        level = _LEVEL_OF.get(level_word)
        place = m["name"]
        if place:
            kept = []
            for w in place.split():
                if _NOT_PLACE.match(w):
                    break
                kept.append(w)
            place = _known_prefix(" ".join(kept)) or None
        found = (place, level)
    return found


def _known_prefix(place: str) -> str:
    """A known province that starts the words taken as a place ("Hồ Chí Minh Phó …")."""
    toks = tokenize(place)
    hit = PROVINCES.match(toks, 0)
    return place[:toks[hit[0] - 1].end] if hit else place
