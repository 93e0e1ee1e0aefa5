"""Lineage over the graph: find a node from what a user types, trace down and up.

Plain functions over a ``networkx.MultiDiGraph`` built by
:func:`truyvet.graph.build.build_graph` (or read back from a store).

*Down* from a document: the documents that implement it (directly or as
reported by a third document), their tasks and who is assigned them.
*Up* from a task or document: the document it belongs to and the chain of
documents it implements, up to the root directives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from truyvet.graph.identity import agency_display
from truyvet.loaders.keys import fold
from truyvet.loaders.kinds import KIND_WORDS, kind_of_code
from truyvet.loaders.normalize import display

_UP_RELS = ("IMPLEMENTS", "BASED_ON")
_LABEL_RE = re.compile(r"(?<!\S)((?:[IVXL]+|PL|\d+)(?:\.(?:[IVXL]+|\d+|\(\d+\)|[a-z]|-\d+))*(?:\.\(\d+\))?)(?!\S)")


@dataclass
class Step:
    """One node in a lineage tree, with the edge that led to it."""
    id: str
    type: str
    label: str
    rel: str | None = None
    role: str | None = None
    quote: str | None = None
    file: str | None = None
    span: tuple[int, int] | None = None
    reported_by: str | None = None
    extra: dict = field(default_factory=dict)
    children: list["Step"] = field(default_factory=list)

    def to_json(self) -> dict:
        out = {"id": self.id, "type": self.type, "label": self.label}
        if self.rel:
            out["via"] = {"rel": self.rel, "role": self.role, "quote": self.quote, "file": self.file,
                          "span": list(self.span) if self.span else None, "reported_by": self.reported_by}
        out.update(self.extra)
        out["children"] = [c.to_json() for c in self.children]
        return out


def node_label(g: nx.MultiDiGraph, n: str) -> str:
    d = g.nodes[n]
    t = d.get("type")
    if t == "Task":
        return f"task {d.get('label')}"
    if t == "Agency":
        place = d.get("place")
        name = d.get("name") or n
        return f"{name} ({place})" if place and place not in name else name
    if t == "Person":
        return d.get("name") or n
    return d.get("label") or n


def _step(g, n, data=None) -> Step:
    d = g.nodes[n]
    s = Step(n, d.get("type", "?"), node_label(g, n))
    if d.get("type") == "Task":
        s.extra = {"text": d.get("text"), "deadline": d.get("deadline"), "doc_id": d.get("doc_id")}
    elif d.get("type") == "Document":
        s.extra = {"kind": d.get("kind"), "date": d.get("date"), "stub": bool(d.get("stub"))}
    if data:
        s.rel, s.role = data.get("rel"), data.get("role")
        s.quote = display(data.get("quote") or "") or None
        s.file = data.get("file")
        if data.get("span_start") is not None:
            s.span = (data["span_start"], data["span_end"])
        s.reported_by = data.get("reported_by")
    return s


def fetch_edges(g: nx.MultiDiGraph, nodes, rels, incoming: bool) -> None:
    """Make sure ``g`` holds the ``rels`` edges into (or out of) ``nodes``.

    A graph read from a store a neighbourhood at a time
    (:class:`truyvet.queries.store_graph.StoreGraph`) fetches them; any other
    graph already holds everything.
    """
    load = getattr(g, "load_edges", None)
    if load is not None:
        for n in nodes:
            load(n, rels, incoming)


def _edges(g: nx.MultiDiGraph, n: str, rels, incoming: bool):
    """(neighbour, edge data) over edges of ``rels``, in a stable order."""
    fetch_edges(g, [n], rels, incoming)
    edges = g.in_edges(n, keys=True, data=True) if incoming else g.out_edges(n, keys=True, data=True)
    ordered = sorted(edges, key=lambda e: (e[0], e[1], e[3].get("rel", ""), e[3].get("span_start") or 0))
    for u, v, _, d in ordered:
        if d.get("rel") in rels:
            yield (u if incoming else v), d


def _first_per_neighbour(pairs, seen: set) -> dict:
    """One edge per neighbour (a document cited twice is one step)."""
    out: dict = {}
    for other, d in pairs:
        if other not in seen and other not in out:
            out[other] = d
    return out


def _grow(step: Step, g, other: str, d: dict) -> Step:
    child = _step(g, other, d)
    step.children.append(child)
    return child


def trace_down(g: nx.MultiDiGraph, start: str, depth: int = 3, tasks: bool = True) -> Step:
    """Documents implementing ``start``, their tasks and assignees, ``depth`` levels deep."""
    root = _step(g, start)
    _down(g, root, depth, {start}, tasks)
    return root


def _down(g, step: Step, depth: int, seen: set, tasks: bool) -> None:
    n = step.id
    t = g.nodes[n].get("type")
    if t == "Task":
        for agency, d in _edges(g, n, ("ASSIGNS",), incoming=False):
            _grow(step, g, agency, d)
        return
    if t != "Document" or depth <= 0:
        return
    for src, d in _first_per_neighbour(_edges(g, n, _UP_RELS, incoming=True), seen).items():
        _down(g, _grow(step, g, src, d), depth - 1, seen | {src}, tasks)
    if tasks:
        for task, d in _edges(g, n, ("HAS_TASK",), incoming=False):
            _down(g, _grow(step, g, task, d), depth, seen, tasks)


def trace_up(g: nx.MultiDiGraph, start: str, depth: int = 6) -> Step:
    """From a task, agency or document up to the root directives."""
    root = _step(g, start)
    if g.nodes[start].get("type") == "Agency":
        for task, d in _edges(g, start, ("ASSIGNS",), incoming=True):
            _up(g, _grow(root, g, task, d), depth, {task})
    else:
        _up(g, root, depth, {start})
    return root


def _up(g, step: Step, depth: int, seen: set) -> None:
    n = step.id
    if depth <= 0:
        return
    if g.nodes[n].get("type") == "Task":
        for doc, d in _edges(g, n, ("HAS_TASK",), incoming=True):
            _up(g, _grow(step, g, doc, d), depth, seen | {doc})
        return
    for tgt, d in _first_per_neighbour(_edges(g, n, _UP_RELS, incoming=False), seen).items():
        _up(g, _grow(step, g, tgt, d), depth - 1, seen | {tgt})


def roots(g: nx.MultiDiGraph, start: str, depth: int = 6) -> list[str]:
    """The root directives above a node (documents implementing nothing further)."""
    out: list[str] = []

    def walk(s: Step):
        if s.type == "Document" and not any(c.type == "Document" for c in s.children):
            if s.id not in out and s.id != start:
                out.append(s.id)
        for c in s.children:
            walk(c)

    walk(trace_up(g, start, depth))
    return out


def agency_tasks(g: nx.MultiDiGraph, agency: str) -> list[dict]:
    """Every task an agency leads, coordinates or monitors, by source document."""
    by_doc: dict[str, dict] = {}
    for task, d in _edges(g, agency, ("ASSIGNS",), incoming=True):
        doc = g.nodes[task].get("doc_id")
        entry = by_doc.setdefault(doc, {"document": doc, "label": node_label(g, doc) if doc in g else doc,
                                        "roots": [node_label(g, r) for r in roots(g, doc)], "tasks": []})
        td = g.nodes[task]
        entry["tasks"].append({"id": task, "label": td.get("label"), "role": d.get("role"),
                               "text": td.get("text"), "deadline": td.get("deadline"),
                               "evidence": display(d.get("quote") or ""), "file": d.get("file"),
                               "span": [d.get("span_start"), d.get("span_end")]})
    return sorted(by_doc.values(), key=lambda e: e["document"] or "")


# --- finding nodes -------------------------------------------------------

_CODE_WORDS = {fold(k): v for k, v in KIND_WORDS.items()}


def find_nodes(g: nx.MultiDiGraph, query: str) -> list[str]:
    """Node ids matching what a user typed.

    Accepts an id, a symbol ("111-TB/VPTW"), a kind and number ("Thông báo
    111", "thong bao 111", "TB 111"), a task label with words naming its
    document ("II.2.(14) Hà Nội 20/01/2025"), or an agency name.
    """
    q = query.strip()
    if q in g:
        return [q]
    fq = fold(q)
    docs = [n for n, d in g.nodes(data=True) if d.get("type") == "Document"]
    # Symbol, exact after folding spaces away
    compact = re.sub(r"\s+", "", fq)
    hits = [n for n in docs if g.nodes[n].get("symbol") and fold(g.nodes[n]["symbol"]) == compact]
    if hits:
        return sorted(hits)
    # Task label (+ words about its document)
    lm = _LABEL_RE.search(q)
    if lm and any(ch in lm.group(1) for ch in ".("):
        label = lm.group(1)
        rest = fold((q[:lm.start()] + " " + q[lm.end():]).strip())
        tasks = [n for n, d in g.nodes(data=True) if d.get("type") == "Task" and d.get("label") == label]
        if rest:
            words = rest.replace("/", " ").split()
            tasks = [t for t in tasks if all(w in _doc_text(g, g.nodes[t].get("doc_id")) for w in words)]
        if tasks:
            return sorted(tasks)
    # Kind + number
    km = re.match(r"^(?P<kind>[^\d]+?)\s*(?:so\s*)?(?P<num>\d+)$", fq)
    if km:
        kw = km["kind"].strip()
        kind = _CODE_WORDS.get(kw) or kind_of_code(kw.upper())
        num = km["num"].lstrip("0")
        hits = [n for n in docs if (g.nodes[n].get("symbol") or "").split("-")[0].split("/")[0].lstrip("0") == num
                and (kind is None or g.nodes[n].get("kind") == kind or _code_kind(g.nodes[n]) == kind)]
        if hits:
            return sorted(hits)
    # Documents by words (label, title, issuer, date)
    words = fq.replace("/", " ").split()
    hits = [n for n in docs if all(w in _doc_text(g, n) for w in words)]
    if hits and len(words) >= 2:
        return sorted(hits)
    # Agencies: exact folded name, then all words contained
    agencies = [n for n, d in g.nodes(data=True) if d.get("type") == "Agency"]
    fa = fold(agency_display(q))
    exact = [n for n in agencies if fold(g.nodes[n].get("name") or "") in (fq, fa)]
    if exact:
        return sorted(exact)
    awords = fa.split()
    contained = [n for n in agencies if all(w in fold(node_label(g, n)).split() for w in awords)]
    return sorted(contained)


def _code_kind(d: dict) -> str | None:
    sym = d.get("symbol") or ""
    m = re.match(r"\d+[a-z]?-([^/]+)/", sym)
    return kind_of_code(m.group(1)) if m else None


def _doc_text(g, n) -> str:
    if n not in g:
        return ""
    d = g.nodes[n]
    date = d.get("date") or ""
    vn = "/".join(reversed(date.split("-"))) if date else ""
    return fold(" ".join(str(x) for x in (d.get("label"), d.get("title"), d.get("issuer"), d.get("place"),
                                          date, vn, vn.replace("/", " ")) if x))
