"""Deterministic node ids from canonical keys, aware of jurisdiction.

A document with a central symbol (``111-TB/VPTW``) is the same everywhere; a
local one (``53-KH/TU``) exists once per province, so its id carries the place
it belongs to, taken from the issuer named with it or from the citing
document when both are of the same level. When neither tells, the id is
qualified by the citing document, so two unknown ``53-KH/TU`` are never merged
by guess. Agencies named relative to the document ("Thành phố", "Tỉnh ủy")
get the document's place the same way.

>>> agency_display("BCS đảng UBND TP")
'Ban cán sự đảng UBND Thành phố'
>>> agency_display("Ban cán sự đảng Ủy ban nhân dân Thành phố")
'Ban cán sự đảng UBND Thành phố'
>>> agency_display("Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố")
'MTTQ Thành phố'
>>> agency_display("Sở KH&CN") == agency_display("Sở Khoa học và Công nghệ")
True
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from truyvet.loaders.bodies.canon import canonical
from truyvet.loaders.bodies.lexicon import is_central
from truyvet.loaders.keys import fold, slug
from truyvet.loaders.places import CITIES, place_in
from truyvet.loaders.records import ParsedDocument, Reference
from truyvet.loaders.symbols import find_symbols

_CENTRAL = re.compile(
    r"Trung ương|Bộ Chính trị|Ban Bí thư|Chính phủ|Quốc hội|Thủ tướng|Chủ tịch nước|^Bộ [A-ZĐ]|^Đảng$|của Đảng$",
)

def agency_display(name: str) -> str:
    """One spelling for the many ways a body is written (see ``bodies.canon``)."""
    return canonical(name)


@dataclass(frozen=True)
class Context:
    """Where a document stands: its id, place and level, for resolving others."""
    doc_id: str
    place: str | None          # e.g. "Hà Nội"
    level: str | None          # "central" | "city" | "province" | "district" | None
    tag: str                   # short hash of the document, to qualify unknowns

    def qualifier(self, place: str | None) -> str:
        return f"@{slug(place)}" if place else f"@?{self.tag}"


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


MAX_ID = 160


def bounded(text: str, limit: int = MAX_ID) -> str:
    """``text`` cut to at most ``limit`` characters: a longer one keeps its
    start and ends with a hash of the whole, so two long names still differ.
    An id built from a name a document wrote (an agency, a title) is
    otherwise as long as the name: 1,760 characters in the corpus.

    >>> bounded("agency:ban-thuong-vu")
    'agency:ban-thuong-vu'
    >>> x = bounded("agency:" + "chu-tich-ubnd-" * 40); len(x), x[-11:]
    (160, '~f28299eef5')
    """
    if len(text) <= limit:
        return text
    return text[:limit - 11] + "~" + _short(text)


def document_context(doc: ParsedDocument) -> Context:
    idn = doc.identity
    issuer = idn.issuer or ""
    central = bool(_CENTRAL.search(issuer)) or bool(idn.symbol and re.search(r"/(?:TW|VPTW|[A-Z]+TW)$", idn.symbol))
    if central:
        place, level = None, "central"
    else:
        place, level = place_in(issuer) if issuer else (None, None)
        place = place or idn.place or (_inferred_place(doc.text) if idn.kind == "news_article" else None)
        if level is None and place:
            level = "city" if place in CITIES else "province"
    return Context(self_id(doc, place), place, level, _short(doc.sha256))


_PLACE_MENTION = re.compile(r"(?:Thành ủy|Tỉnh ủy|TP\.?|thành phố|tỉnh)\s+((?:[A-ZĐ][\wÀ-ỹ]*)(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,2})")


def _inferred_place(text: str) -> str | None:
    """The place a news article is about: the one its bodies name most."""
    counts = Counter(m.group(1) for m in _PLACE_MENTION.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def self_id(doc: ParsedDocument, place: str | None) -> str:
    idn = doc.identity
    if idn.symbol:
        sym = find_symbols(idn.symbol)
        local = bool(sym and sym[0].local)
        return bounded(f"doc:{idn.symbol}" + (f"@{slug(place)}" if local and place else
                                              (f"@?{_short(doc.sha256)}" if local else "")))
    if idn.kind == "news_article" or not (idn.issuer or idn.date):
        return f"doc:{idn.kind}/{_short(doc.sha256)}"
    when = idn.date or "t-" + _short(fold(idn.title or doc.sha256))
    return f"doc:{idn.kind}/{bounded(slug(idn.issuer or 'unknown'), MAX_ID // 2)}/{when}"


def reference_id(ref: Reference, ctx: Context) -> str | None:
    """The id of the document a reference names, or None if it cannot be named."""
    if ref.symbol:
        if not ref.local:
            return bounded(f"doc:{ref.symbol}")
        return bounded(f"doc:{ref.symbol}" + ctx.qualifier(_local_place(ref, ctx)))
    if ref.name:
        base = f"doc:{ref.kind}/{bounded(slug(ref.name), MAX_ID // 2)}"
        if ref.local:
            return base + ctx.qualifier(_local_place(ref, ctx))
        return base
    return None


def _local_place(ref: Reference, ctx: Context) -> str | None:
    if ref.issuer_place:
        return ref.issuer_place
    level = place_in(ref.issuer)[1] if ref.issuer else None
    if level and ctx.level and level != ctx.level:
        return None  # a Tỉnh ủy cited by a city's document is another place
    if ref.symbol and re.search(r"/(?:HU|QU|TXU|ThU)$", ref.symbol) and ctx.level != "district":
        return None
    return ctx.place


@lru_cache(maxsize=1 << 14)
def _body(name: str) -> tuple[str, bool, str | None]:
    """(display name, central?, the place its name ends with) of a body as
    written: the part of :func:`agency_id` that is the name's alone, and the
    same names recur in thousands of documents."""
    disp = agency_display(name)
    if _CENTRAL.search(disp) or is_central(disp):
        return disp, True, None
    named_place = place_in(disp)[0]
    return disp, False, named_place if named_place and disp.endswith(named_place) else None


def agency_id(name: str, ctx: Context) -> tuple[str, str, str | None]:
    """(id, display name, place) of a body named in a document."""
    disp, central, named_place = _body(name)
    if central:
        return f"agency:{bounded(slug(disp))}", disp, None
    if named_place:
        # "Ban Thường vụ Thành ủy Hà Nội" is "Ban Thường vụ Thành ủy" of Hà Nội.
        bare = disp[: -len(named_place)].strip()
        return f"agency:{bounded(slug(bare))}@{slug(named_place)}", bare, named_place
    # Local bodies ("Ban Tổ chức Thành ủy", "Sở Xây dựng") belong to the place
    # of the document that names them.
    return f"agency:{bounded(slug(disp))}" + ctx.qualifier(ctx.place), disp, ctx.place


def person_id(name: str) -> str:
    return f"person:{bounded(slug(name))}"
