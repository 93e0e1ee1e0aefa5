"""Nodes and edges as the pages and the JSON endpoints hand them out.

One record shape for the static pages (``truyvet viz``) and the explorer
(``truyvet serve``), so the browser code is one: plain dicts with English
keys, Vietnamese text to read.

* a node record has ``id``, ``type``, ``label`` (its name), ``caption`` (what
  is drawn: a task's label and the first words of its text, a document's
  label and date) and ``facts`` (its stored properties); a task carries the
  ``group`` of its document's tasks, a document may carry ``chains`` (the
  paths up to its root directives);
* an edge record is drawn ``from`` the authority ``to`` what depends on it
  (a directive to the plan implementing it, a task to its agencies) whatever
  the stored direction (``source`` → ``target``), and says so in a
  ``sentence`` that names both ends; every statement of the link keeps its
  evidence (quote, file, span);
* a group record folds a document's tasks: ``anchor`` (the document),
  ``members`` in label order, ``label`` ("78 nhiệm vụ") and how many section
  ``headings`` were left out (headings are never drawn as tasks).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("doc:a", type="Document", label="Kế hoạch 1-KH/TU", date="2025-01-20")
>>> g.add_node("doc:b", type="Document", label="Thông báo 111-TB/VPTW", stub=True)
>>> g.add_edge("doc:a", "doc:b", rel="IMPLEMENTS", quote="Thực hiện Thông báo số 111-TB/VPTW")
0
>>> e = edge_records(g, g.edges(keys=True, data=True))[0]
>>> (e["from"], e["to"], e["sentence"])
('doc:b', 'doc:a', 'Kế hoạch 1-KH/TU thực hiện Thông báo 111-TB/VPTW')
>>> node_record(g, "doc:a")["caption"]
'Kế hoạch 1-KH/TU\\n20/01/2025'
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx

from truyvet.graph.headings import headings_of, strip_marker
from truyvet.graph.lineage import label_key, node_label
from truyvet.loaders.kinds import kind_word
from truyvet.loaders.normalize import display
from truyvet.queries.resolve import vn_date
from truyvet.queries.words import ROLE, relation

# Relations read from the authority to what depends on it: drawn against their stored direction.
REVERSED = frozenset({"IMPLEMENTS", "BASED_ON", "CITES"})
# Relations that say nothing about who implements whom: they do not set a node's column.
UNLAYERED = frozenset({"CITES"})
_STATEMENTS = 5        # statements of one link kept with their evidence


def name(g: nx.MultiDiGraph, n: str) -> str:
    """What a person calls a node: "nhiệm vụ II.2.(14)", a document's label, an agency's name."""
    d = g.nodes[n]
    if d.get("type") == "Task":
        return f"nhiệm vụ {d.get('label')}"
    return display(node_label(g, n))


def _first_words(text: str | None, width: int = 36) -> str:
    s = strip_marker(display(text or ""))
    if len(s) <= width:
        return s
    cut = s[:width + 1].rfind(" ")
    return s[:cut if cut > width // 2 else width].rstrip(" ,;:-–") + "…"


def _short(text: str, width: int = 46) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def caption(g: nx.MultiDiGraph, n: str) -> str:
    """The text drawn on a node: short, on at most two lines."""
    d = g.nodes[n]
    t = d.get("type")
    if t == "Task":
        words = _first_words(d.get("text"))
        return f"{d.get('label')}\n{words}" if words else str(d.get("label"))
    if t == "Document":
        label = _short(display(d.get("label") or n))
        day = vn_date(d.get("date"))
        return f"{label}\n{day}" if day and day not in label else label
    return _short(name(g, n))


def node_record(g: nx.MultiDiGraph, n: str, chains: list[list[str]] | None = None) -> dict:
    d = g.nodes[n]
    facts = {k: (display(v) if isinstance(v, str) else v) for k, v in d.items()
             if v is not None and k not in ("type", "level", "members", "member_labels")}
    rec = {"id": n, "type": d.get("type") or "?", "label": name(g, n), "caption": caption(g, n), "facts": facts}
    if d.get("type") == "Document":
        rec["kind_word"] = kind_word(d.get("kind") or "other")
    if d.get("type") == "Task" and d.get("doc_id") in g:
        rec["doc"] = d["doc_id"]
        rec["doc_label"] = name(g, d["doc_id"])
    if chains is not None:
        rec["chains"] = [[{"id": c, "label": name(g, c)} for c in path] for path in chains[:6]]
    return rec


def sentence(g: nx.MultiDiGraph, u: str, v: str, rel: str, role: str | None) -> str:
    """The link read as a sentence that names both ends, in the stored direction.

    An assignment reads from the agency ("X chủ trì nhiệm vụ II.2.(14)").
    """
    if rel == "ASSIGNS":
        return f"{name(g, v)} {ROLE.get(role or '', role or 'được giao')} {name(g, u)}"
    return f"{name(g, u)} {relation(rel)} {name(g, v)}"


def edge_records(g: nx.MultiDiGraph, edges) -> list[dict]:
    """One record per (source, target, relation, role), from ``(u, v, key, data)``
    edges; a direct statement comes before one reported by a third document."""
    merged: dict[tuple, list[dict]] = defaultdict(list)
    for u, v, _, d in edges:
        merged[(u, v, d.get("rel"), d.get("role"))].append(d)
    out = []
    for (u, v, rel, role), ds in sorted(merged.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        ds.sort(key=lambda d: (bool(d.get("reported_by")), d.get("file") or "", d.get("span_start") or 0))
        a, b = (v, u) if rel in REVERSED else (u, v)
        out.append({"id": f"{u}|{rel}|{role or ''}|{v}", "from": a, "to": b, "source": u, "target": v,
                    "rel": rel, "role": role, "layered": rel not in UNLAYERED,
                    "reported": all(d.get("reported_by") for d in ds),
                    "sentence": sentence(g, u, v, rel, role), "count": len(ds),
                    "statements": [_statement(g, d) for d in ds[:_STATEMENTS]]})
    return out


def _statement(g, d: dict) -> dict:
    rb = d.get("reported_by")
    st = {"quote": display(d.get("quote") or "") or None, "file": d.get("file"),
          "span": [d.get("span_start"), d.get("span_end")] if d.get("span_start") is not None else None}
    for k in ("cue", "purpose", "count"):
        if d.get(k) is not None:
            st[k] = d[k]
    if rb:
        st["reported_by"] = rb
        st["reported_by_label"] = name(g, rb) if rb in g else rb
    return st


def task_groups(g: nx.MultiDiGraph, docs, present) -> tuple[list[dict], set[str]]:
    """Each document's tasks among ``present`` folded into one group record
    (a document with one task keeps it unfolded), and the section headings
    left out. Agencies assigned must be loaded for headings to be told apart."""
    groups, headings = [], set()
    for doc in docs:
        tasks = [v for _, v, d in g.out_edges(doc, data=True) if d.get("rel") == "HAS_TASK" and v in present]
        tasks = list(dict.fromkeys(tasks))
        if not tasks:
            continue
        assigned = {t for t in tasks if any(d.get("rel") == "ASSIGNS" for _, _, d in g.out_edges(t, data=True))}
        heads = headings_of([(t, g.nodes[t].get("label") or "", g.nodes[t].get("text") or "") for t in tasks],
                            assigned)
        headings |= heads
        kept = sorted((t for t in tasks if t not in heads),
                      key=lambda t: (label_key(g.nodes[t].get("label")), g.nodes[t].get("span_start") or 0, t))
        if len(kept) > 1:
            groups.append({"id": f"tasks:{doc}", "anchor": doc, "rel": "HAS_TASK", "members": kept,
                           "label": f"{len(kept)} nhiệm vụ", "headings": len(heads)})
    return groups, headings
