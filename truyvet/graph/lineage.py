"""Lineage over the graph: trace down and up, and the order of task labels.

Plain functions over a ``networkx.MultiDiGraph`` built by
:func:`truyvet.graph.build.build_graph` (or read back from a store). Finding
the node a user means is :mod:`truyvet.queries.resolve`'s job.

*Down* from a document: the documents that implement it (directly or as
reported by a third document), their tasks in label order and who is
assigned them. *Up* from a task or document: the document it belongs to and
the chain of documents it implements, up to the root directives (and, for a
task, who carries it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from truyvet.loaders.normalize import display

_UP_RELS = ("IMPLEMENTS", "BASED_ON")


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_PART = re.compile(r"\d+|[^\W\d_]+")


def _roman(s: str) -> int | None:
    if not s or any(c not in _ROMAN for c in s):
        return None
    vals = [_ROMAN[c] for c in s]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


def label_key(label: str | None) -> tuple:
    """Sort key that orders labels as a reader does: numbers and Roman
    numerals by value, so II.2.(2) comes before II.2.(10) and IV before IX.

    >>> sorted(["II.2.(10)", "II.2.(2)", "II.10", "II.9", "IV", "I.a", "IX"], key=label_key)
    ['I.a', 'II.2.(2)', 'II.2.(10)', 'II.9', 'II.10', 'IV', 'IX']
    """
    out = []
    for part in _PART.findall(label or ""):
        value = int(part) if part.isdigit() else _roman(part)
        out.append((0, value, "") if value is not None else (1, 0, part.casefold()))
    return (tuple(out), label or "")


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
    if t in ("Agency", "Person"):
        place = d.get("place")
        name = d.get("name") or n
        return f"{name} ({place})" if place and place not in name else name
    return d.get("label") or n


def _step(g, n, data=None) -> Step:
    d = g.nodes[n]
    s = Step(n, d.get("type", "?"), node_label(g, n))
    if d.get("type") == "Task":
        s.extra = {"text": d.get("text"), "deadline": d.get("deadline"), "doc_id": d.get("doc_id")}
    elif d.get("type") == "Document":
        s.extra = {"kind": d.get("kind"), "date": d.get("date"), "stub": bool(d.get("stub")),
                   "symbol": d.get("symbol"), "issuer": d.get("issuer"), "place": d.get("place")}
    elif d.get("type") in ("Agency", "Person"):
        s.extra = {"name": d.get("name"), "place": d.get("place")}
    if data:
        s.rel, s.role = data.get("rel"), data.get("role")
        s.quote = display(data.get("quote") or "") or None
        s.file = data.get("file")
        if data.get("span_start") is not None:
            s.span = (data["span_start"], data["span_end"])
        s.reported_by = data.get("reported_by")
        if s.reported_by in g:
            s.extra["reported_by_label"] = node_label(g, s.reported_by)
    return s


def fetch_edges(g: nx.MultiDiGraph, nodes, rels, incoming: bool) -> None:
    """Make sure ``g`` holds the ``rels`` edges into (or out of) ``nodes``.

    A graph read from a store a neighbourhood at a time
    (:class:`truyvet.queries.store_graph.StoreGraph`) fetches them; any other
    graph already holds everything.
    """
    many = getattr(g, "load_edges_of", None)
    if many is not None and len(nodes) > 1:
        many(nodes, rels, incoming)
        return
    load = getattr(g, "load_edges", None)
    if load is not None:
        for n in nodes:
            load(n, rels, incoming)


def fetch_up(g: nx.MultiDiGraph, nodes, depth: int = 6) -> None:
    """Fetch the edges :func:`trace_up` walks from ``nodes`` (tasks or
    documents), a level at a time: on a store read on demand, a query a level
    instead of one a node. Any other graph holds them already."""
    if not hasattr(g, "load_edges_of"):
        return
    tasks = [n for n in nodes if g.nodes[n].get("type") == "Task"]
    fetch_edges(g, tasks, ("HAS_TASK",), incoming=True)
    level = {u for t in tasks for u, _, d in g.in_edges(t, data=True) if d.get("rel") == "HAS_TASK"}
    level |= {n for n in nodes if g.nodes[n].get("type") == "Document"}
    seen: set = set()
    for _ in range(depth):
        level -= seen
        if not level:
            break
        fetch_edges(g, level, _UP_RELS, incoming=False)
        seen |= level
        level = {v for n in level for _, v, d in g.out_edges(n, data=True) if d.get("rel") in _UP_RELS}


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
        for task, d in sorted(_edges(g, n, ("HAS_TASK",), incoming=False), key=lambda e: _task_order(g, e[0])):
            _down(g, _grow(step, g, task, d), depth, seen, tasks)


def _task_order(g, task: str) -> tuple:
    d = g.nodes[task]
    return label_key(d.get("label")), d.get("span_start") or 0, task


def trace_up(g: nx.MultiDiGraph, start: str, depth: int = 6) -> Step:
    """From a task, agency or document up to the root directives. A task's
    step also lists who carries it (its ASSIGNS children, after its document)."""
    root = _step(g, start)
    kind = g.nodes[start].get("type")
    if kind == "Agency":
        assigned = list(_edges(g, start, ("ASSIGNS",), incoming=True))
        fetch_up(g, [task for task, _ in assigned], depth)
        for task, d in assigned:
            _up(g, _grow(root, g, task, d), depth, {task})
        return root
    _up(g, root, depth, {start})
    if kind == "Task":
        for agency, d in _edges(g, start, ("ASSIGNS",), incoming=False):
            _grow(root, g, agency, d)
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


def chains(g: nx.MultiDiGraph, start: str, depth: int = 6) -> list[list[str]]:
    """Every path of documents from ``start`` up to a root directive (a
    document implementing nothing further), nearest first. Two chains are
    two parallel lines of descent, not one line."""
    out: list[list[str]] = []

    def walk(s: Step, path: list[str]) -> None:
        docs = [c for c in s.children if c.type == "Document"]
        if not docs and path:
            out.append(path)
        for c in docs:
            walk(c, path + [c.id])

    walk(trace_up(g, start, depth), [])
    return out


def roots(g: nx.MultiDiGraph, start: str, depth: int = 6) -> list[str]:
    """The root directives above a node (documents implementing nothing further)."""
    return list(dict.fromkeys(path[-1] for path in chains(g, start, depth)))


def agency_tasks(g: nx.MultiDiGraph, agency: str) -> list[dict]:
    """Every task an agency leads, coordinates or monitors, by source document."""
    by_doc: dict[str, dict] = {}
    assigned = list(_edges(g, agency, ("ASSIGNS",), incoming=True))
    fetch_up(g, [task for task, _ in assigned])        # the tasks' documents come with them
    for task, d in assigned:
        doc = g.nodes[task].get("doc_id")
        if doc not in by_doc:
            dd = g.nodes[doc] if doc in g else {}
            up = [[node_label(g, n) for n in path] for path in chains(g, doc)] if doc in g else []
            by_doc[doc] = {"document": doc, "label": node_label(g, doc) if doc in g else doc,
                           "issuer": dd.get("issuer"), "date": dd.get("date"), "stub": bool(dd.get("stub")),
                           "roots": list(dict.fromkeys(path[-1] for path in up)), "chains": up, "tasks": []}
        entry = by_doc[doc]
        td = g.nodes[task]
        entry["tasks"].append({"id": task, "label": td.get("label"), "role": d.get("role"),
                               "text": td.get("text"), "deadline": td.get("deadline"),
                               "evidence": display(d.get("quote") or ""), "file": d.get("file"),
                               "span": [d.get("span_start"), d.get("span_end")]})
    for entry in by_doc.values():
        entry["tasks"].sort(key=lambda t: _task_order(g, t["id"]))
    return sorted(by_doc.values(), key=lambda e: e["document"] or "")


def succession_links(g: nx.MultiDiGraph, agency: str, incoming: bool) -> list[dict]:
    """The bodies ``agency`` was succeeded by (or, ``incoming``, took over from), one entry per
    body: its id and label, the kind and date, and the evidence of the first edge that says so
    (many documents naming one body carry the same row of the table)."""
    out: dict[str, dict] = {}
    for other, d in _edges(g, agency, ("SUCCEEDED_BY",), incoming):
        if other in out or other == agency:
            continue
        out[other] = {"id": other, "label": node_label(g, other), "kind": d.get("role"),
                      "effective": d.get("effective"), "quote": display(d.get("quote") or ""),
                      "file": d.get("file"), "span": [d.get("span_start"), d.get("span_end")]}
    return sorted(out.values(), key=lambda e: (e["effective"] or "", e["label"]))


def predecessors(g: nx.MultiDiGraph, agency: str, depth: int = 6) -> list[dict]:
    """Every body ``agency`` took over from, directly or through others (nearest first);
    each entry as :func:`succession_links` gives it, with ``via``: the body it passed to."""
    found: dict[str, dict] = {}
    frontier = [agency]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for link in succession_links(g, n, incoming=True):
                if link["id"] != agency and link["id"] not in found:
                    found[link["id"]] = {**link, "via": n, "via_label": node_label(g, n)}
                    nxt.append(link["id"])
        frontier = nxt
    return list(found.values())
