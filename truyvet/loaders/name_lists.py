"""The list of bodies a clause names at a place: "Sở Tài chính, Sở Tư pháp
và UBND các huyện", over semicolons and headings in capitals too.

The names are read by the agency-name grammar
(:mod:`truyvet.loaders.agencies`); offsets are in the flattened text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from truyvet.loaders.agencies import read_agencies
from truyvet.loaders.issuer import recase


@dataclass(frozen=True)
class Name:
    text: str
    start: int          # in the flat text
    end: int


def read_names(text: str, start: int, end: int) -> tuple[list[Name], int]:
    """The list of bodies at ``start`` and where it ends (``start`` if none)."""
    pos = start
    while pos < end and text[pos] in " \t\n:":
        pos += 1
    found, stop = read_agencies(text, pos, end)
    while found:
        # "Chánh Văn phòng UBND tỉnh; Giám đốc Sở Y tế; … chịu trách nhiệm thi hành": one list over semicolons.
        m = _SEMI.match(text, stop, end)
        more, after = read_agencies(text, m.end(), end) if m else ([], stop)
        if not more:
            break
        found, stop = found + more, after
    if not found:
        caps = _CAPS_RUN.match(text, pos, end)
        if caps is None:
            return [], start
        # A heading in capitals: read its mixed-case form, keep its offsets.
        mixed = recase(caps.group().rstrip(), text)
        found, stop = read_agencies(mixed)
        if not found:
            return [], start
        return [Name(a.text, pos + a.start, pos + a.end) for a in found], pos + stop
    return [Name(a.text, a.start, a.end) for a in found], stop


_SEMI = re.compile(r"\s*;\s*")
_CAPS_RUN = re.compile(r"[A-ZĐÀ-Ỹ0-9][A-ZĐÀ-Ỹ0-9 ,&\-–]{3,}(?![a-zà-ỹđ])")
