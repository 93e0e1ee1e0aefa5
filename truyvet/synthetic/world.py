"""The world the corpus is written in: jurisdictions, their agencies and office holders, document numbering."""
from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta

from truyvet.synthetic.phrasing import cap, person_name
from truyvet.synthetic.vocabulary import AGENCIES, BASE, CENTRAL, COMMUNES, KINDS, PROVINCES, TOPICS


@dataclass(eq=False)
class Juris:
    """Where a committee rules; fills the {C} {c} {S} {s} {SUB} {SUB2} {SUBU} agency templates."""
    key: str
    level: str           # central | province | district | commune | bloc
    name: str
    C: str               # "Tỉnh ủy Nghệ An"
    c_forms: tuple       # ("Tỉnh ủy",): the committee as written inside its jurisdiction
    S: str               # "tỉnh Nghệ An"
    s_forms: tuple
    code: str            # the symbol's issuer code: TU, HU, QU, ĐU, ĐUK
    SUB: str = ""        # subordinate committees, canonical and loose; subordinate state units
    SUB2: str = ""
    SUBU: str = ""
    parent: "Juris | None" = None
    districts: tuple = ()
    congress: str = ""
    anc: tuple = ()

    def __post_init__(self):
        self.anc = (self,) + (self.parent.anc if self.parent else ())


@dataclass(eq=False)
class Doc:
    """A document of the world, as later documents cite it."""
    code: str
    date: date
    issuer: str
    juris: Juris
    ag: tuple            # agency keys that can name the issuer in a citation
    topic: int
    symbol: str | None = None
    number: str | None = None
    kind: str = ""
    word: str = ""

    def __post_init__(self):
        if not self.kind:
            self.kind, self.word = KINDS[self.code]


class World:
    """Everything shared across the corpus: one seeded random stream, the jurisdictions, the numbers
    already given out, the documents recent enough to cite."""

    def __init__(self, seed: int):
        self.seed, self.rng = seed, random.Random(f"truyvet/synthetic/{seed}")
        self.count, self.base, self.cache, self.names, self.last_tb = {}, {}, {}, {}, {}
        self.recent: deque = deque(maxlen=48)
        self.decrees: deque = deque(maxlen=6)
        self.unnumbered: set = set()
        self.central = Juris("TW", "central", "Trung ương", "Trung ương", ("Trung ương",), "", ("",), "TW")
        self.provinces = [self._province(i, *p) for i, p in enumerate(PROVINCES)]
        self.background = [self._old_central(i) for i in range(10)]

    # jurisdictions, agencies, people
    def _province(self, i, name, city, districts, congress) -> Juris:
        c, u, s = ("Thành ủy", "thành phố", ("Thành phố", "thành phố", "TP")) if city else ("Tỉnh ủy", "tỉnh", ("tỉnh", "Tỉnh"))
        return Juris(f"P{i}", "province", name, f"{c} {name}", (c,), f"{u} {name}", s, "TU",
                     "các quận ủy, huyện ủy, thị ủy" if city else "các huyện ủy, thị ủy, thành ủy",
                     "các quận, huyện, thị ủy" if city else "các huyện, thị, thành ủy",
                     "quận, huyện, thị xã" if city else "huyện, thị xã, thành phố", None, districts, congress)

    def _sub(self, key: str, make) -> Juris:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def district(self, p: Juris, name: str, urban: int) -> Juris:
        c, u, code = ("Quận ủy", "quận", "QU") if urban else ("Huyện ủy", "huyện", "HU")
        return self._sub(f"{p.key}/{name}", lambda: Juris(f"{p.key}/{name}", "district", name, f"{c} {name}", (c,),
                         f"{u} {name}", (u, cap(u)), code, "các chi, đảng bộ cơ sở", "các chi, đảng bộ cơ sở", "phường, xã", p))

    def commune(self, d: Juris) -> Juris:
        name = COMMUNES[(sum(map(ord, d.key)) + self.rng.randint(0, 2)) % len(COMMUNES)]    # stable, no hash()
        return self._sub(f"{d.key}/{name}", lambda: Juris(f"{d.key}/{name}", "commune", name, f"Đảng ủy xã {name}",
                         ("Đảng ủy xã", "Đảng ủy"), f"xã {name}", ("xã",), "ĐU", "các chi bộ", "các chi bộ", "thôn", d))

    def bloc(self, p: Juris) -> Juris:
        return self._sub(f"{p.key}/ĐUK", lambda: Juris(f"{p.key}/ĐUK", "bloc", p.name, f"Đảng ủy Khối các cơ quan {p.S}",
                         ("Đảng ủy Khối", "Đảng ủy"), p.S, p.s_forms, "ĐUK", "các chi, đảng bộ cơ sở", "Các chi, đảng ủy cơ sở", "", p))

    def agency(self, j: Juris, key: str) -> tuple[str, tuple]:
        hit = self.cache.get((j.key, key))
        if hit is None:
            if j.level == "central":
                hit = (CENTRAL[key][0], CENTRAL[key])
            else:
                canon_t, forms_t = AGENCIES[key]
                sub = dict(C=j.C, S=j.S, SUB=j.SUB, SUB2=j.SUB2, SUBU=j.SUBU)
                forms = [f.format(c=c, s=s, **sub) for f in forms_t for c in j.c_forms for s in j.s_forms]
                hit = (canon_t.format(**sub), tuple(dict.fromkeys(forms)))
            self.cache[(j.key, key)] = hit
        return hit

    def signer(self, j: Juris, role: str) -> str:
        key = f"{self.seed}/{j.key}/{role}"          # one person per post, stable across the corpus
        if key not in self.names:
            self.names[key] = person_name(random.Random(key))
        return self.names[key]

    # identities
    def number(self, issuer: str, code: str, level: str, year: int | None = None, twin: int | None = None) -> int:
        key = (issuer, code, year)
        n = self.count.get(key)
        if n is None:            # a shared base and a small per-issuer offset: local codes often collide
            b = (code, level, year)
            if b not in self.base:
                self.base[b] = random.Random(f"{self.seed}/{code}/{level}/{year}").randint(*BASE[code])
            n = twin or self.base[b] + random.Random(f"{self.seed}/{issuer}/{code}").randint(0, 20)
        self.count[key] = n + 1 + (self.rng.randint(1, 5) if self.rng.random() < 0.3 else 0)
        return n

    def doc(self, code: str, org: str, j: Juris, issuer: str, ag: tuple, when: date, topic: int,
            numbered: bool = True, twin: int | None = None) -> Doc:
        d = Doc(code, when, issuer, j, ag, topic)
        if not numbered:
            while (issuer, d.date) in self.unnumbered:     # issuer + date must stay an identity
                d.date += timedelta(days=1)
            self.unnumbered.add((issuer, d.date))
        elif org in ("UBND", "CP"):                        # state numbering runs per year
            d.number = str(self.number(issuer, code if org == "CP" else org, "state", when.year))
            d.symbol = f"{d.number}/{when.year}/NĐ-CP" if org == "CP" else f"{d.number}/{code}-UBND"
        else:
            d.number = str(self.number(issuer, code, j.level, twin=twin))
            d.symbol = f"{d.number}-{code}/{org}"
        return d

    def _old_central(self, i: int) -> Doc:
        r = random.Random(f"{self.seed}/old/{i}")
        code, ag = r.choice((("NQ", "bct"), ("NQ", "bch"), ("CT", "bct"), ("CT", "bbt"), ("KL", "bct")))
        d = Doc(code, date(2016, 3, 1) + timedelta(days=r.randint(0, 1700)), CENTRAL[ag][0], self.central,
                (ag,), r.randrange(len(TOPICS)), number=str(r.randint(1, 60)))
        d.symbol = f"{d.number}-{code}/TW"
        return d
