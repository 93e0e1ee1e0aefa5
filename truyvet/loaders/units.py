"""An item's units, and the facts each states.

A numbered item reads as units (:mod:`truyvet.loaders.tasks` makes them):
its head, its further paragraphs, its bullets and its field lines ("Cơ quan
chủ trì: X"), each with the facts the assignment grammar
(:mod:`truyvet.loaders.assignments`) found in it. These functions say which
units carry a task's text, and which lead, coordinators, monitors and
deadline a unit states, its field lines included.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders.agencies import is_agency
from truyvet.loaders.assignments import COORDINATE, LEAD, MONITOR, Facts
from truyvet.loaders.name_lists import Name


@dataclass
class Unit:
    start: int
    end: int
    facts: Facts
    children: list["Unit"] = field(default_factory=list)


def own_facts(unit: Unit) -> tuple[list[Name], list[Name], list[Name], str | None]:
    """(leads, monitors, coordinates, cue) a unit states: its sentence, else its field lines."""
    f = unit.facts
    if f.field_role in (LEAD, MONITOR, COORDINATE) or f.field_role is None:
        leads, monitors, coords = list(f.leads), list(f.monitors), list(f.coordinates)
    else:
        leads, monitors, coords = [], [], []
    for c in unit.children:
        if c.facts.field_role is None:
            continue
        cl, cm, cc, _ = own_facts(c)
        if not leads and not monitors:
            leads, monitors = cl, cm
        coords.extend(x for x in cc if x.text not in {y.text for y in coords})
    return leads, monitors, coords, f.cue


def own_deadline(unit: Unit):
    """(deadline, where it is stated) of a unit: its sentence's, else its field lines'; None without one."""
    if unit.facts.deadline is not None and unit.facts.field_role in (None, "deadline"):
        return unit.facts.deadline, unit.facts.deadline_at
    for c in unit.children:
        if c.facts.field_role is not None:
            d = own_deadline(c)
            if d is not None:
                return d
    return None


def content_units(root: Unit, flat: str, chain: tuple = ()) -> list[tuple[Unit, tuple]]:
    """The units that carry a task's content, each with the units above it.

    Field lines are facts of the unit they sit in, not content; a field line
    with lines under it ("Thời gian thực hiện:" over "+ X … trước ngày …")
    passes those lines on as content. A head that only opens its list
    ("… như sau:") or only names bodies is not content when units follow it.
    """
    below: list[tuple[Unit, tuple]] = []
    for c in root.children:
        if c.facts.field_role is None:
            below.extend(content_units(c, flat, (root, *chain)))
        elif c.children and not any(g.facts.field_role for g in c.children):
            for g in c.children:
                below.extend(content_units(g, flat, (c, root, *chain)))
    text = flat[root.start:root.end].strip()
    if below and (root.facts.introduces or not text or is_agency(_bare(text))):
        return below
    return [(root, chain), *below] if text or not below else below


def _bare(head: str) -> str:
    """A head without its trailing parenthesis and punctuation: "Sở Tài chính
    (cơ quan chủ trì):" is the name "Sở Tài chính", which carries no task text."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", head.strip()).rstrip(" :.")
