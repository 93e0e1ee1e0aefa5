"""Regex scans anchored on literal words.

A pattern that starts with a look-behind or an alternation makes the regex
engine attempt a match at every character of the text. When every match must
begin with one of a few literal words ("Luật ", "Hiến pháp"), ``str.find``
locates those words far faster and the pattern only runs there.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator


def starts(text: str, literals: Iterable[str], pos: int = 0) -> list[int]:
    """Sorted positions from ``pos`` on where one of ``literals`` begins."""
    found: set[int] = set()
    for lit in literals:
        i = text.find(lit, pos)
        while i != -1:
            found.add(i)
            i = text.find(lit, i + 1)
    return sorted(found)


def finditer(pattern: re.Pattern, text: str, literals: Iterable[str], pos: int = 0) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text, pos)``, for a pattern whose
    every match begins with one of ``literals``.

    >>> [m.group() for m in finditer(re.compile(r"(?<!\\w)Luật \\w+"), "xLuật A, Luật B", ["Luật "])]
    ['Luật B']
    """
    end = pos
    for p in starts(text, literals, pos):
        if p < end:
            continue
        m = pattern.match(text, p)
        if m:
            yield m
            end = max(m.end(), p + 1)


def search(pattern: re.Pattern, text: str, literals: Iterable[str]) -> re.Match | None:
    """``pattern.search(text)`` under the same condition as :func:`finditer`."""
    return next(finditer(pattern, text, literals), None)
