"""Places named in bodies' names: the jurisdiction that local codes depend on.

``53-KH/TU`` of one Tỉnh ủy is not ``53-KH/TU`` of Hà Nội, and "Thành phố"
in a Hà Nội plan means Hà Nội, so identity needs the place a name points at.

>>> place_in("Ban Thường vụ Thành ủy Hà Nội khóa XVII")
('Hà Nội', 'city')
>>> place_in("Quận ủy Hai Bà Trưng"), place_in("UBND tỉnh Nghệ An")
(('Hai Bà Trưng', 'district'), ('Nghệ An', 'province'))
>>> place_in("Ban Thường vụ Tỉnh ủy")
(None, 'province')
"""
from __future__ import annotations

import re

_PROPER = r"(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴẤẦẨẪẬẮẰẲẴẶẾỀỂỄỆỐỒỔỖỘỚỜỞỠỢỨỪỬỮỰ][\wÀ-ỹ]*)"
_NAME = rf"(?P<name>{_PROPER}(?:[ -]{_PROPER}){{0,3}})"

_PLACE_RE = re.compile(
    r"(?P<level>Thành\s*(?:ủy|uỷ)|Tỉnh\s*(?:ủy|uỷ)|Huyện\s*(?:ủy|uỷ)|Quận\s*(?:ủy|uỷ)|Thị\s*(?:ủy|uỷ)"
    r"|[Tt]hành phố|TP\.?|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Tt]hị trấn|[Xx]ã|[Pp]hường)"
    rf"(?:\s+{_NAME})?"
)
_LEVEL_OF = {
    "thành": "city", "tp": "city", "tỉnh": "province", "huyện": "district",
    "quận": "district", "thị": "town", "xã": "commune", "phường": "commune",
}
_NOT_PLACE = re.compile(r"^(?:[IVXLC]+|Khóa|Khoá|Đảng|Ban|Văn|Ủy|Uỷ|UBND|HĐND|MTTQ)$")


def place_in(name: str) -> tuple[str | None, str | None]:
    """(place name, level) named in a body's name; the last mention wins."""
    found = (None, None)
    for m in _PLACE_RE.finditer(name):
        level_word = m["level"].split()[0].lower().rstrip(".")
        level = _LEVEL_OF.get(level_word)
        place = m["name"]
        if place:
            words = place.split()
            kept = []
            for w in words:
                if _NOT_PLACE.match(w):
                    break
                kept.append(w)
            place = " ".join(kept) or None
        found = (place, level)
    return found
