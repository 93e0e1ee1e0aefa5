"""The curated succession table (``truyvet/data/succession.tsv``): who took over
from a body that was merged, renamed, split or ended in the 2025 restructuring.

Each row keeps where its source words sit in the file, so an edge drawn from
it carries the same evidence as one read from a document: the file, its
SHA-256, the span and the quoted words.

>>> r = rows_for("Ban Tuyên giáo Trung ương")[0]
>>> r.successors, r.kind, r.effective, r.scope
(('Ban Tuyên giáo và Dân vận Trung ương',), 'merged_into', '2025-02-03', 'central')
>>> r.source
'Kết luận 121-KL/TW ngày 24/01/2025; Quyết định 246-QĐ/TW ngày 24/01/2025'
>>> TABLE_TEXT[r.span[0]:r.span[1]] == r.source
True
>>> [x.successors for x in rows_for("tỉnh Hà Giang")]
[('tỉnh Tuyên Quang',)]
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from truyvet.loaders.keys import fold

KINDS = ("renamed", "merged_into", "split_into", "ended")
SCOPES = ("central", "every_province", "unit")
# Where edges drawn from the table say their evidence lives (a path inside the package).
TABLE_FILE = "truyvet/data/succession.tsv"
TABLE_TEXT = resources.files("truyvet.data").joinpath("succession.tsv").read_text(encoding="utf-8")
TABLE_SHA256 = hashlib.sha256(TABLE_TEXT.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Row:
    predecessor: str
    successors: tuple[str, ...]      # empty when the body ended with no one named to take over
    kind: str                        # renamed | merged_into | split_into | ended
    effective: str                   # ISO date, or "YYYY-MM" when only the month is known
    scope: str                       # central | every_province | unit
    source: str                      # the deciding document(s), with symbol and date
    line: int                        # 1-based line in the file
    span: tuple[int, int]            # of ``source`` in the file's text


def _parse(text: str) -> list[Row]:
    rows, pos, header = [], 0, None
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        if not body or body.startswith("#"):
            continue
        cells = body.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{TABLE_FILE}:{number}: {len(cells)} cells, expected {len(header)}")
        rec = dict(zip(header, cells))
        if rec["kind"] not in KINDS or rec["scope"] not in SCOPES:
            raise ValueError(f"{TABLE_FILE}:{number}: kind {rec['kind']!r} or scope {rec['scope']!r} unknown")
        at = start + body.rindex(rec["source"])
        rows.append(Row(rec["predecessor"], tuple(s for s in rec["successor"].split(";") if s),
                        rec["kind"], rec["effective"], rec["scope"], rec["source"], number,
                        (at, at + len(rec["source"]))))
    return rows


ROWS: tuple[Row, ...] = tuple(_parse(TABLE_TEXT))


@lru_cache(maxsize=1)
def _by_key() -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for r in ROWS:
        out.setdefault(fold(r.predecessor), []).append(r)
    return out


def rows_for(name: str) -> list[Row]:
    """The rows whose predecessor is ``name`` (compared on folded keys)."""
    return list(_by_key().get(fold(name), ()))


def successors_of_unit(place: str) -> Row | None:
    """The unit row for a province by its short name ("Hà Giang"), if it did not survive."""
    for prefix in ("tỉnh ", "thành phố "):
        for r in rows_for(prefix + place):
            if r.scope == "unit":
                return r
    return None


def unit_short(unit: str) -> str:
    """ "tỉnh Tuyên Quang" → "Tuyên Quang"."""
    for prefix in ("tỉnh ", "thành phố "):
        if unit.lower().startswith(prefix):
            return unit[len(prefix):]
    return unit
