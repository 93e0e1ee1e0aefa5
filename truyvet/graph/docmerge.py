"""One document over time: a copy without its number joins the numbered one.

A document is often first known without a number: a crawled page that lost
its header, an e-signed copy printed "Số -KH/ĐU" before numbering. Its id is
then built from kind, issuer and date (:func:`truyvet.graph.identity.self_id`)
and would stay a node apart from the numbered copy, or from the citation
that gives its number. This module decides when two such records are one
document, and says why.

The rule (stated once, used by :func:`truyvet.graph.build.build_graph` and by
store ingest, :mod:`truyvet.queries.reconcile`):

* only a document without a number is merged, and only into one with a
  number: a numbered copy that was ingested (``by="copy"``: its file becomes
  a second source of the numbered node) or a citation that gives the number
  (``by="citation"``: the document takes that id, number and symbol);
* kind must be the same, issuer and place must not differ, dates must not
  differ, and the title (trích yếu) must be the same words, or one a cut-off
  start of the other (8 words at least);
* all four agreeing is a merge; the same title with the date, or the issuer,
  known on one side only is a merge with a warning (the title is specific,
  the missing field could not contradict it);
* a title that is only similar ("… của tỉnh Quảng Ninh" against "… của tỉnh
  Quảng Ngãi": different documents), or missing, is never merged: the pair is
  listed as a candidate in a warning;
* a document that matches two different numbered documents is merged with
  neither (warning).

Decisions depend only on the set of records, sorted, so they are the same in
any file order.

>>> title_agreement("Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025",
...                 "về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025")
'same'
>>> title_agreement("Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025",
...                 "Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ngãi năm 2025")
'similar'
>>> issuer_agreement("Ủy ban Thường vụ Quốc hội", None, "1679/NQ-UBTVQH15")
'same'
>>> issuer_agreement("Ban Thường vụ Thành ủy Hà Nội", "Thành ủy Hà Nội", None)
'same'
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache

from truyvet.graph.identity import agency_display
from truyvet.loaders.issuer import CENTRAL_CODES, expanded_key
from truyvet.loaders.keys import fold
from truyvet.loaders.symbols import find_symbols

# Issuers a state symbol's code names (UBTVQH15 → UBTVQH).
_STATE_CODES = {"UBTVQH": "Ủy ban Thường vụ Quốc hội", "QH": "Quốc hội", "CP": "Chính phủ",
                "TTg": "Thủ tướng Chính phủ", "VPCP": "Văn phòng Chính phủ"}
# Kinds whose documents are not numbered documents of an issuer.
UNMERGED_KINDS = ("news_article", "other")
FIELDS_VI = {"kind": "loại", "issuer": "cơ quan ban hành", "date": "ngày", "title": "trích yếu",
             "place": "địa danh"}
MIN_PREFIX_WORDS = 8
SIMILAR = 0.8
MAX_CANDIDATES = 3


@dataclass(frozen=True)
class Known:
    """What one record says about a document: an ingested one, or a stub
    that citations name (then ``file``/``quote`` are the citing sentence's)."""
    id: str
    kind: str | None
    symbol: str | None = None
    issuer: str | None = None
    date: str | None = None
    title: str | None = None
    place: str | None = None
    stub: bool = False
    label: str | None = None
    file: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Merge:
    """``alias`` (known without a number) is the document ``into``."""
    alias: str
    into: str
    by: str                                # "copy" | "citation"
    fields: tuple[str, ...]                # what agreed
    symbol: str | None = None
    number: str | None = None
    warning: str | None = None             # why it is not certain, in Vietnamese
    alias_file: str | None = None
    alias_sha256: str | None = None
    # evidence: the numbered copy's file, or the citing sentence
    source_id: str | None = None
    file: str | None = None
    sha256: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    quote: str | None = None

    def record(self) -> dict:
        out = asdict(self)
        out["fields"] = list(self.fields)
        return out

    @classmethod
    def from_record(cls, rec: dict) -> "Merge":
        return cls(**{**rec, "fields": tuple(rec.get("fields") or ())})

    def line(self, alias_label: str, into_label: str) -> str:
        """The ingest report's line (Vietnamese first, the kind before the colon)."""
        agreed = ", ".join(FIELDS_VI[f] for f in self.fields)
        how = ("bản có số trong tệp " + (self.file or "?") if self.by == "copy"
               else f"trích dẫn trong tệp {self.file}: “{_clip(self.quote)}”")
        tail = f" — cần kiểm tra: {self.warning}" if self.warning else ""
        kind = "merged document (uncertain)" if self.warning else "merged document"
        return f"{kind}: gộp văn bản {alias_label} với {into_label} (cùng {agreed}; theo {how}){tail}"


def _clip(text: str | None, n: int = 160) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[:n - 1] + "…"


# --- field agreement ------------------------------------------------------------

# The keys below are pure functions of a field: a plan compares every
# unnumbered record with every numbered one of its kind (50k pairs on the
# corpus), so each field is read once, not once per pair.
@lru_cache(maxsize=1 << 14)
def title_words(title: str | None) -> tuple[str, ...]:
    """Folded words of a title without the "về việc" / "V/v" it opens with."""
    words = tuple(re.findall(r"[a-z0-9]+", fold(title or "")))
    for lead in (("ve", "viec"), ("v", "v"), ("ve",)):
        if words[:len(lead)] == lead:
            return words[len(lead):]
    return words


def title_agreement(a: str | None, b: str | None) -> str:
    """"same", "similar", "differ", or "missing" when a side has none."""
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return "missing"
    if wa == wb:
        return "same"
    short, long_ = sorted((wa, wb), key=len)
    if len(short) >= MIN_PREFIX_WORDS and long_[:len(short)] == short:
        return "same"
    # ratio() <= quick_ratio() <= real_quick_ratio(): the two cheap bounds
    # settle most of a plan's pairs without matching the words.
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    close = sm.real_quick_ratio() >= SIMILAR and sm.quick_ratio() >= SIMILAR and sm.ratio() >= SIMILAR
    return "similar" if close else "differ"


@lru_cache(maxsize=1 << 14)
def _issuer_key(name: str) -> str:
    return expanded_key(agency_display(name))


@lru_cache(maxsize=1 << 14)
def code_issuer(symbol: str | None) -> str | None:
    """The issuer a symbol's code names, when it names one body."""
    syms = find_symbols(symbol) if symbol else []
    if not syms or not syms[0].issuer_code:
        return None
    code = syms[0].issuer_code.split("-")[-1] if syms[0].system == "state" else syms[0].issuer_code
    return CENTRAL_CODES.get(code) or _STATE_CODES.get(re.sub(r"\d+$", "", code))


def issuer_agreement(a: str | None, b: str | None, symbol: str | None) -> str:
    """"same", "differ" or "missing"; a numbered side without an issuer is
    read from its symbol's code. "Thành ủy Hà Nội" is the same issuer as its
    "Ban Thường vụ Thành ủy Hà Nội" (the standing committee issues in its name)."""
    b = b or code_issuer(symbol)
    if not a or not b:
        return "missing"
    ka, kb = _issuer_key(a), _issuer_key(b)
    if ka == kb:
        return "same"
    short, long_ = sorted((ka, kb), key=len)
    if len(short.split()) >= 2 and long_.endswith(" " + short):
        return "same"
    return "differ"


@dataclass(frozen=True)
class Verdict:
    level: str                    # "merge" | "candidate"
    fields: tuple[str, ...]
    warning: str | None


def compare(u: Known, n: Known) -> Verdict | None:
    """How an unnumbered record ``u`` stands to a numbered one ``n``; None
    when something differs."""
    if not u.kind or u.kind != n.kind:
        return None
    if u.place and n.place and fold(u.place) != fold(n.place):
        return None
    issuer = issuer_agreement(u.issuer, n.issuer, n.symbol)
    if issuer == "differ" or (u.date and n.date and u.date != n.date):
        return None
    date = "same" if u.date and n.date else "missing"
    title = title_agreement(u.title, n.title)
    if title == "differ":
        return None
    fields = ("kind",) + tuple(f for f, v in (("issuer", issuer), ("date", date), ("title", title)) if v == "same")
    if title == "same":
        gaps = [FIELDS_VI[f] for f, v in (("date", date), ("issuer", issuer)) if v == "missing"]
        if len(gaps) == 2:
            return Verdict("candidate", fields, "chỉ trùng loại và trích yếu")
        return Verdict("merge", fields, f"{gaps[0]} chỉ có ở một bên" if gaps else None)
    if title == "similar":
        return Verdict("candidate", fields, "trích yếu gần giống nhưng khác chữ")
    if date == "same" and issuer == "same":
        return Verdict("candidate", fields, "thiếu trích yếu ở một bên")
    return None


# --- planning ----------------------------------------------------------------------

@dataclass
class Plan:
    merges: list[Merge] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)   # (document id, warning)


def is_unnumbered(k: Known) -> bool:
    return not k.stub and not k.symbol and (k.kind or "other") not in UNMERGED_KINDS


def plan_merges(records: list[Known], evidence=None, cited: dict[str, set[str]] | None = None,
                titles=None) -> Plan:
    """Which unnumbered documents are which numbered ones. ``evidence(id, title)``
    gives a stub's citing sentence as a dict (source_id, file, sha256,
    span_start, span_end, quote); ``cited[id]`` are the documents an
    unnumbered one cites itself: never what it is (a 2025 resolution that
    replaces the 2021 one of the same title cites it). The result is sorted,
    whatever the input order. ``titles(id)`` lists the other subjects the
    citations of a stub give (a stub keeps the first one only), tried when
    the first is not the same.
    """
    cited = cited or {}
    numbered: dict[str, list[Known]] = {}
    for k in sorted(records, key=lambda k: k.id):
        if k.symbol and k.kind:
            numbered.setdefault(k.kind, []).append(k)
    plan = Plan()
    for u in sorted((k for k in records if is_unnumbered(k)), key=lambda k: k.id):
        merges: dict[str, tuple[Known, Verdict]] = {}
        maybe: list[tuple[float, str, str]] = []
        for n in numbered.get(u.kind or "", ()):
            if n.id in cited.get(u.id, ()):
                continue
            v = compare(u, n)
            if v is not None and v.level == "candidate" and n.stub and titles:
                for t in titles(n.id):
                    again = compare(u, replace(n, title=t))
                    if again is not None and again.level == "merge":
                        v, n = again, replace(n, title=t)
                        break
            if v is None:
                continue
            if v.level == "merge":
                merges.setdefault(n.id, (n, v))
            else:
                near = SequenceMatcher(None, title_words(u.title), title_words(n.title), autojunk=False).ratio()
                maybe.append((-near, n.id, f"possible same document: có thể cùng văn bản, chưa gộp — "
                                           f"{_name(u)} và {_name(n)} ({v.warning})"))
        if not merges:
            # The nearest few: a series of one issuer ("… cấp xã của tỉnh X")
            # would otherwise list dozens.
            plan.notes += [(u.id, text) for _, _, text in sorted(maybe)[:MAX_CANDIDATES]]
        if len(merges) > 1:
            names = ", ".join(_name(n) for n, _ in merges.values())
            plan.notes.append((u.id, f"ambiguous merge: không gộp {_name(u)} vì khớp nhiều văn bản: {names}"))
            continue
        for n, v in merges.values():
            ev = ({"source_id": n.id, "file": n.file, "sha256": n.sha256} if not n.stub
                  else (evidence(n.id, n.title) if evidence else None) or {})
            plan.merges.append(Merge(
                alias=u.id, into=n.id, by="citation" if n.stub else "copy", fields=v.fields,
                symbol=n.symbol, number=_number(n.symbol), warning=v.warning,
                alias_file=u.file, alias_sha256=u.sha256, **ev))
    return plan


def best_citation(rows: list[dict], title: str | None) -> dict | None:
    """The citing sentence to show: one that quotes the title if any, then
    the first by citing document and position."""
    words = " ".join(title_words(title))

    def key(r):
        quoted = bool(words) and words in " ".join(re.findall(r"[a-z0-9]+", fold(r.get("quote") or "")))
        return (not quoted, len(r.get("quote") or "") // 300, r.get("source_id") or "", r.get("span_start") or 0)
    return min(rows, key=key) if rows else None


def _name(k: Known) -> str:
    return k.label or k.id


def _number(symbol: str | None) -> str | None:
    syms = find_symbols(symbol) if symbol else []
    return syms[0].number if syms else None


# --- applying a merge to one document's fragment --------------------------------------

def rename_fragment(frag, merge: Merge):
    """The fragment of ``merge.alias`` written as ``merge.into``: every id,
    edge end, ``source_id`` and task owner renamed; the document takes the
    number and symbol the citation gives, and records where they came from
    (``merged_from``). A pure function: the fragment given is not changed."""
    from truyvet.graph.build import document_label
    from truyvet.graph.model import Edge, Fragment, Node

    old, new = merge.alias, merge.into
    task_old, task_new = f"task:{old}#", f"task:{new}#"

    def rid(x: str | None) -> str | None:
        if x == old:
            return new
        if x and x.startswith(task_old):
            return task_new + x[len(task_old):]
        return x

    nodes = []
    for n in frag.nodes:
        props = dict(n.props)
        if n.type == "Task" and props.get("doc_id") == old:
            props["doc_id"] = new
        if n.id == old:
            props.update(symbol=merge.symbol, number=merge.number,
                         merged_from=merged_from_json(props.get("merged_from"), [merge]))
            props["label"] = document_label(props.get("kind") or "other", merge.symbol, None,
                                            props.get("issuer"), props.get("place"), props.get("date"))
        nodes.append(Node(rid(n.id), n.type, props))
    edges = [Edge(e.rel, rid(e.source), rid(e.target),
                  {**e.props, "source_id": rid(e.props.get("source_id")),
                   "reported_by": rid(e.props.get("reported_by"))}) for e in frag.edges]
    return Fragment(doc_id=new, sha256=frag.sha256, file=frag.file, nodes=nodes, edges=edges,
                    warnings=list(frag.warnings))


def merged_from_json(current: str | None, merges: list[Merge]) -> str:
    """The ``merged_from`` property: every merge into a node, sorted by alias."""
    recs = {r["alias"]: r for r in json.loads(current)} if current else {}
    for m in merges:
        recs[m.alias] = m.record()
    return json.dumps([recs[k] for k in sorted(recs)], ensure_ascii=False, sort_keys=True)


def merges_of(merged_from: str | None) -> list[Merge]:
    return [Merge.from_record(r) for r in json.loads(merged_from)] if merged_from else []


def sources_json(current: str | None, entries: list[dict]) -> str | None:
    """The ``sources`` property: every file that gives a document, the one
    that owns its facts first, then the others by path; None for one file."""
    rows = json.loads(current) if current else []
    seen = {(r["file"], r["sha256"]) for r in rows}
    for e in entries:
        if (e["file"], e["sha256"]) not in seen:
            rows.append(e)
            seen.add((e["file"], e["sha256"]))
    rows = rows[:1] + sorted(rows[1:], key=lambda r: (r["file"], r["sha256"]))
    return json.dumps(rows, ensure_ascii=False, sort_keys=True) if len(rows) > 1 else None


def known(node_id: str, props: dict, file: str | None = None, sha256: str | None = None) -> Known:
    return Known(node_id, props.get("kind"), props.get("symbol"), props.get("issuer"), props.get("date"),
                 props.get("title"), props.get("place"), bool(props.get("stub")), props.get("label"),
                 file if file is not None else props.get("file"),
                 sha256 if sha256 is not None else props.get("sha256"))
