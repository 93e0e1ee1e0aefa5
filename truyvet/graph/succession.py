"""SUCCEEDED_BY edges of one document's fragment: from the succession table and from its own text.

A task led in 2024 by "Ban cán sự đảng UBND Thành phố" is followed up in 2026
by "Đảng ủy UBND Thành phố". Two sources say who took over:

* the curated table (:mod:`truyvet.loaders.succession_table`). Its rows are
  applied to the bodies a document names, in that document's fragment, so the
  edges come and go with the documents, like the agency nodes themselves. The
  successor node is created when the document does not name it (it has the
  same id a later document naming it gets), and the rules are followed on from
  it: "Ban cán sự đảng UBND tỉnh" of Phú Yên → "Đảng ủy UBND tỉnh" of Phú Yên →
  (1 July 2025) "Đảng ủy UBND tỉnh" of Đắk Lắk. A body with a row of its own
  does not also move with its province (it had ended before). The evidence is
  the table's row: file ``truyvet/data/succession.tsv``, its SHA-256, the span
  of the row's source words, which are the quote;
* statements of the document itself (:mod:`truyvet.loaders.succession`),
  evidenced by their sentence. A statement about provinces moves the bodies of
  the merged province this document names.

Every edge has ``role`` = the kind (renamed | merged_into | split_into | ended)
and ``effective`` = the date the successor took over, when known.
"""
from __future__ import annotations

import re
from typing import Callable

from truyvet.graph.identity import agency_display, bounded
from truyvet.graph.model import Edge, Node
from truyvet.loaders.keys import slug
from truyvet.loaders.places import province
from truyvet.loaders.records import ParsedDocument
from truyvet.loaders.succession_table import (TABLE_FILE, TABLE_SHA256, Row, rows_for, successors_of_unit,
                                              unit_short)

REL = "SUCCEEDED_BY"


def succession_edges(doc: ParsedDocument, doc_id: str, agencies: dict[str, Node],
                     agency: Callable[[str], str], evidence: Callable[..., dict]) -> list[Edge]:
    """The SUCCEEDED_BY edges of one fragment; new successor nodes are added to ``agencies``.

    ``agency(name)`` gives the id of a body named in this document (adding its node);
    ``evidence(span, **extra)`` the evidence properties of a span of its text.
    """
    edges: dict[tuple[str, str], Edge] = {}
    for st in doc.successions:
        props = evidence(st.span, cue=st.cue, role=st.kind, effective=st.effective)
        if st.unit:
            for old in st.predecessors:
                for new in st.successors:
                    _move_place(agencies, unit_short(old), unit_short(new), props, edges)
            continue
        for old in st.predecessors:
            for new in st.successors:
                a, b = agency(old), agency(new)
                if a != b:
                    edges.setdefault((a, b), Edge(REL, a, b, dict(props)))
    _apply_table(doc_id, agencies, agency, edges)
    return list(edges.values())


def _apply_table(doc_id: str, agencies: dict[str, Node], agency, edges: dict) -> None:
    todo = list(agencies)
    seen = set()
    while todo:
        aid = todo.pop(0)
        if aid in seen or len(seen) > 10_000:
            continue
        seen.add(aid)
        node = agencies[aid]
        local = "@" in aid
        rows = [r for r in rows_for(node.props.get("name") or "")
                if r.scope == ("every_province" if local else "central")]
        targets: list[tuple[str, Row]] = []
        for row in rows:
            for succ in row.successors:
                sid = _local(agencies, succ, aid, node.props.get("place")) if local else agency(succ)
                targets.append((sid, row))
        place = node.props.get("place")
        if not rows and place and (row := successors_of_unit(place)):
            new_place = unit_short(row.successors[0])
            sid = _local(agencies, _as_city(node.props.get("name") or "", place, new_place),
                         f"@{slug(new_place)}", new_place)
            targets.append((sid, row))
        for sid, row in targets:
            if sid != aid:
                edges.setdefault((aid, sid), Edge(REL, aid, sid, _row_evidence(doc_id, row)))
                todo.append(sid)


def _local(agencies: dict[str, Node], name: str, like: str, place: str | None) -> str:
    """The id of body ``name`` of the same place as the node ``like`` (or the "@…" suffix given)."""
    disp = agency_display(name)
    suffix = like[like.index("@"):] if "@" in like else ""
    sid = f"agency:{bounded(slug(disp))}{suffix}"
    if sid not in agencies:
        agencies[sid] = Node(sid, "Agency", {"name": disp, "key": sid.split(":", 1)[1], "place": place,
                                             "collective": False})
    return sid


def _as_city(name: str, old: str, new: str) -> str:
    """A province's body named as the city's that absorbed it: "Tỉnh ủy" of Hải Dương is
    "Thành ủy" of Hải Phòng, "UBND tỉnh" there is "UBND Thành phố"."""
    was, now = province(old), province(new)
    if not (was and now and now.city and not was.city):
        return name
    name = re.sub(r"\bTỉnh (ủy|uỷ)\b", r"Thành \1", name)
    return re.sub(r"\btỉnh\b", "Thành phố", name)


def _move_place(agencies: dict[str, Node], old: str, new: str, props: dict, edges: dict) -> None:
    """Each body of province ``old`` this document names → the same body of ``new``."""
    if old == new:
        return
    for aid, node in list(agencies.items()):
        if node.props.get("place") == old and "@" in aid:
            sid = _local(agencies, _as_city(node.props.get("name") or "", old, new), f"@{slug(new)}", new)
            if sid != aid:
                edges.setdefault((aid, sid), Edge(REL, aid, sid, dict(props)))


def _row_evidence(doc_id: str, row: Row) -> dict:
    return {"source_id": doc_id, "file": TABLE_FILE, "sha256": TABLE_SHA256, "span_start": row.span[0],
            "span_end": row.span[1], "quote": row.source, "cue": f"{TABLE_FILE}:{row.line}",
            "role": row.kind, "effective": row.effective}
