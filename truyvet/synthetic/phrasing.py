"""How copies write the small things: dates, symbols, names, titles, deadlines, lists of agencies."""
from __future__ import annotations

import random
import textwrap
from datetime import date, timedelta

from truyvet.synthetic.vocabulary import DASHES, GIVEN_NAMES, MIDDLE_NAMES, ROMAN, SURNAMES


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def join_and(rng: random.Random, xs: list[str]) -> str:
    return ", ".join(xs[:-1]) + " và " + xs[-1] if len(xs) > 1 and rng.random() < 0.5 else ", ".join(xs)


def dmy(rng: random.Random, d: date) -> str:
    r = rng.random()
    return (f"{d.day}/{d.month}/{d.year}" if r < 0.45 else f"{d.day:02d}/{d.month:02d}/{d.year}" if r < 0.8
            else f"{d.day} tháng {d.month} năm {d.year}")


def long_date(rng: random.Random, d: date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if rng.random() < 0.7 else f"ngày {d.day} tháng {d.month} năm {d.year}"


def date_ref(rng: random.Random, d: date) -> str:
    r = rng.random()
    return f" (ngày {d.day}-{d.month}-{d.year})" if r < 0.15 else (", ngày " if r < 0.4 else " ngày ") + dmy(rng, d)


def symbol_text(rng: random.Random, sym: str) -> str:
    """A Party symbol as copies write it: stray spaces, odd dashes."""
    if "-" not in sym.split("/", 1)[0]:
        return sym                                   # state symbols are kept clean
    num, rest = sym.split("-", 1)
    return num + rng.choice(DASHES) + rest


def person_name(rng: random.Random) -> str:
    g = 1 if rng.random() < 0.35 else 0
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES[g])} {rng.choice(GIVEN_NAMES[g])}"


def wrap_title(rng: random.Random, s: str) -> str:
    return textwrap.fill(s, 58) if len(s) > 70 and rng.random() < 0.5 else s      # titles centred over lines


def deadline(rng: random.Random, d0: date) -> tuple[str, str]:
    """A deadline phrase and its truth value."""
    r = rng.random()
    if r < 0.45:
        d = d0 + timedelta(days=rng.randint(15, 240))
        s = dmy(rng, d)
        return "trước ngày " + (f"**{s}**" if rng.random() < 0.15 else s), d.isoformat()
    d = d0 + timedelta(days=rng.randint(30, 300))
    if r < 0.85:
        q = (d.month - 1) // 3 + 1
        s = rng.choice((f"Quý {ROMAN[q - 1]}/{d.year}", f"quý {ROMAN[q - 1]}/{d.year}", f"quý {ROMAN[q - 1]} năm {d.year}"))
        return "trong " + s, f"{d.year}-Q{q}"
    return rng.choice((f"trong tháng {d.month}/{d.year}", f"trong tháng {d.month} năm {d.year}")), f"{d.year}-{d.month:02d}"
