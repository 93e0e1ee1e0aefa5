"""Interactive lineage pages: a vis-network page (built with pyvis) that works offline.

>>> from truyvet.queries.api import graph_from_paths                 # doctest: +SKIP
>>> from truyvet.queries.viz import lineage_page                     # doctest: +SKIP
>>> g, _ = graph_from_paths(["../shared/seeds"])                     # doctest: +SKIP
>>> lineage_page(g, "Thông báo 111", "lineage.html")["nodes"]        # doctest: +SKIP

Two pure steps, usable from Python:

* :func:`lineage_subgraph` picks the nodes of a lineage (the same tree as
  ``truyvet trace``) and, above ``max_nodes``, folds the excess into one
  "+N tasks" node per parent, so a large neighbourhood stays readable;
  :func:`overview_subgraph` does the same for a whole store (documents and
  agencies only).
* :func:`render_html` writes the page. pyvis 0.3.2 pulls Bootstrap from a CDN
  in every ``cdn_resources`` mode and vis-network from a CDN even in "local",
  so pyvis only assembles nodes, edges and options here; the page itself is
  our template with the vis-network files pyvis ships inlined, and it makes no
  request at all. The output is byte-identical for the same graph.
"""
from __future__ import annotations

import heapq
import html
import json
import re
import sys
from collections import Counter, defaultdict, deque
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx

from truyvet.graph.build import kind_word
from truyvet.graph.lineage import Step, fetch_edges, node_label, trace_down, trace_up
from truyvet.loaders.normalize import display

LINEAGE_RELS = ("IMPLEMENTS", "BASED_ON", "CITES", "HAS_TASK", "ASSIGNS")
DOC_RELS = ("IMPLEMENTS", "BASED_ON", "CITES")
# Documents are the spine of a lineage, so they are kept before tasks, tasks before agencies.
_RANK = {"Document": 0, "Task": 1, "Agency": 2, "Person": 3}
_NOUN = {"Document": ("document", "documents"), "Task": ("task", "tasks"),
         "Agency": ("agency", "agencies"), "Person": ("person", "people")}
_VIS_DIR = ("templates", "lib", "vis-9.1.2")


# --- choosing what to draw ------------------------------------------------

def lineage_subgraph(g: nx.MultiDiGraph, node: str, direction: str | None = None, depth: int | None = None,
                     max_nodes: int = 300) -> nx.MultiDiGraph:
    """The lineage around ``node`` as a small graph ready to draw.

    ``direction`` defaults to down from a document, up from a task or agency
    (as ``truyvet trace``); ``depth`` to 3 document levels down, 6 up. When
    the lineage has more than ``max_nodes`` nodes, the best ones are kept
    (documents first, nearest first, then the agencies most drawn tasks
    assign) and the rest become nodes of type ``Group``: one "+37 tasks" per
    parent, one "+N agencies" for the page, with what lies beneath counted in
    ``hidden``. Graph attributes say what was left out.
    """
    kind = g.nodes[node].get("type")
    direction = direction or ("down" if kind == "Document" else "up")
    if direction not in ("up", "down"):
        raise ValueError(f"direction must be 'up' or 'down', not {direction!r}")
    depth = depth if depth is not None else (3 if direction == "down" else 6)
    order, parent, children = _tree(g, node, direction, depth)
    # The edges drawn between the tree's nodes, and who assigns its agencies.
    fetch_edges(g, order, LINEAGE_RELS, incoming=False)
    fetch_edges(g, [n for n in order if g.nodes[n].get("type") == "Agency"], ("ASSIGNS",), incoming=True)
    kept = _select(g, order, parent, children, max_nodes)

    sub = nx.MultiDiGraph(mode="lineage", focus=node, direction=direction, depth=depth, max_nodes=max_nodes,
                          total=len(order))
    for n in order:
        if n in kept:
            sub.add_node(n, **g.nodes[n])
    _add_edges(g, sub, [n for n in order if n in kept])
    _add_groups(g, sub, order, parent, children, kept)
    groups = [n for n, d in sub.nodes(data=True) if d.get("type") == "Group"]
    sub.graph.update(drawn=len(kept), grouped=len(order) - len(kept), groups=len(groups))
    _set_levels(sub)
    return sub


def _tree(g, node, direction, depth):
    """BFS order, parent and children of the lineage tree, each node once (first, shallowest place)."""
    root = trace_down(g, node, depth) if direction == "down" else trace_up(g, node, depth)
    order, parent, children = [node], {node: None}, defaultdict(list)
    queue: deque[Step] = deque([root])
    while queue:
        s = queue.popleft()
        for c in s.children:
            if c.id in parent:
                continue
            parent[c.id] = s.id
            children[s.id].append(c.id)
            order.append(c.id)
            queue.append(c)
    return order, parent, children


def _select(g, order, parent, children, max_nodes) -> set:
    """The nodes to draw: at most ``max_nodes`` counting the group nodes the rest will need.

    Documents and tasks grow best-first from the root, so what is drawn stays
    connected. Agencies come after, chosen by how many drawn tasks assign them
    (lead first): one agency serves many tasks, and a "+2 agencies" node under
    every task would crowd out the tasks themselves. Agencies that a drawn
    task assigns are moved under that task in the tree (``parent`` and
    ``children`` are updated), so each hidden node is counted exactly once.
    """
    depth = {order[0]: 0}
    for n in order[1:]:
        depth[n] = depth[parent[n]] + 1
    pos = {n: i for i, n in enumerate(order)}
    typ = {n: g.nodes[n].get("type") for n in order}
    agencies = [n for n in order[1:] if typ[n] == "Agency"]
    reserve = min(len(agencies), max_nodes // 4) + (1 if agencies else 0)
    kept, heap, pending = {order[0]}, [], Counter()

    def push(n):
        for c in children[n]:
            if typ[c] != "Agency":
                heapq.heappush(heap, (_RANK.get(typ[c], 9), depth[c], pos[c], c))
                pending[(n, typ[c])] += 1

    push(order[0])
    while heap:
        c = heap[0][3]
        key = (parent[c], typ[c])
        new_groups = len({typ[k] for k in children[c] if typ[k] != "Agency"})
        if len(kept) + 1 + len(pending) - (pending[key] == 1) + new_groups > max_nodes - reserve:
            break
        heapq.heappop(heap)
        kept.add(c)
        pending[key] -= 1
        if not pending[key]:
            del pending[key]
        push(c)

    score = {}
    for a in agencies:
        assigners = [(pos[t], d.get("role")) for t, _, d in g.in_edges(a, data=True)
                     if t in kept and d.get("rel") == "ASSIGNS"]
        if assigners or parent[a] in kept:
            if assigners and parent[a] not in kept:
                children[parent[a]].remove(a)
                parent[a] = order[min(assigners)[0]]
                children[parent[a]].append(a)
            score[a] = (-sum(r == "lead" for _, r in assigners), -len(assigners), pos[a])
    room = max_nodes - len(kept) - len(pending)
    best = sorted(score, key=score.__getitem__)
    kept.update(best if len(best) <= room else best[:max(room - 1, 0)])
    return kept


def _add_edges(g, sub, nodes):
    for u in nodes:
        for _, v, k, d in sorted(g.out_edges(u, keys=True, data=True), key=lambda e: (e[1], str(e[2]))):
            if v in sub and d.get("rel") in LINEAGE_RELS:
                sub.add_edge(u, v, key=k, **d)


def _add_groups(g, sub, order, parent, children, kept):
    """One group node per (drawn parent, type) of hidden children; one for all hidden agencies."""
    members = defaultdict(list)
    for n in order[1:]:
        if n not in kept and parent[n] in kept:
            t = g.nodes[n].get("type")
            members[(None if t == "Agency" else parent[n], t)].append(n)
    pos = {n: i for i, n in enumerate(order)}
    for (p, t), ms in sorted(members.items(), key=lambda kv: pos[kv[1][0]]):
        hidden = Counter()
        stack = list(ms)
        while stack:
            n = stack.pop()
            hidden[g.nodes[n].get("type")] += 1
            stack.extend(c for c in children[n] if c not in kept)
        one, many = _NOUN.get(t, ("node", "nodes"))
        gid = f"group:{p or '*'}|{t}"
        sub.add_node(gid, type="Group", member_type=t, count=len(ms), parent=p,
                     hidden=dict(sorted(hidden.items())), members=ms[:50],
                     member_labels=[node_label(g, m) for m in ms[:12]],
                     label=f"+{len(ms)} {one if len(ms) == 1 else many}")
        if p is None:
            for a in ms:  # the tasks that assign them say so in their tooltips
                for task, _, d in g.in_edges(a, data=True):
                    if task in sub and d.get("rel") == "ASSIGNS":
                        sub.nodes[task].setdefault("hidden_assignees", []).append((node_label(g, a), d.get("role")))
            continue
        first = ms[0]
        data = next((d for _, v, d in g.out_edges(p, data=True) if v == first and d.get("rel") in LINEAGE_RELS), None)
        if data is not None:
            sub.add_edge(p, gid, key="group", rel=data["rel"], group=True)
        else:
            data = next((d for _, v, d in g.out_edges(first, data=True) if v == p and d.get("rel") in LINEAGE_RELS),
                        {"rel": "HAS_TASK"})
            sub.add_edge(gid, p, key="group", rel=data["rel"], group=True)


def _layering(sub) -> nx.DiGraph:
    """Edges oriented from authority to implementer (directive → plan → task → agency), made acyclic.

    Citations are left out: they say nothing about who implements whom. A
    cycle (A implements B implements A) is broken at the edge where it is met.
    """
    h = nx.DiGraph()
    h.add_nodes_from(sub.nodes)
    for u, v, d in sub.edges(data=True):
        rel = d.get("rel")
        if rel in ("IMPLEMENTS", "BASED_ON"):
            h.add_edge(v, u)
        elif rel in ("HAS_TASK", "ASSIGNS"):
            h.add_edge(u, v)
    while True:
        try:
            cycle = nx.find_cycle(h)
        except nx.NetworkXNoCycle:
            return h
        h.remove_edge(*cycle[-1][:2])


def _set_levels(sub):
    """Columns for the left-to-right layout: longest path, so an agency sits right of every task assigning it."""
    h = _layering(sub)
    level = {}
    for n in nx.lexicographical_topological_sort(h):
        level[n] = max((level[p] + 1 for p in h.predecessors(n)), default=0)
    for n, lv in level.items():
        sub.nodes[n]["level"] = lv
    # Agencies (and the "+N agencies" node, which has no edges) share the last column: one list of who acts.
    agencies = [n for n, d in sub.nodes(data=True) if d.get("type") == "Agency"
                or (d.get("type") == "Group" and d.get("member_type") == "Agency" and d.get("parent") is None)]
    last = max(level.values(), default=0)
    for n in agencies:
        sub.nodes[n]["level"] = last  # columns are (level, type): after any task of the same level


def overview_subgraph(g: nx.MultiDiGraph, max_nodes: int = 300) -> nx.MultiDiGraph:
    """Documents and agencies of a whole store, sized by degree.

    Tasks are folded into one document→agency edge per pair ("assigns N
    tasks"); above ``max_nodes`` only the best-connected nodes are kept.
    """
    full = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        if d.get("type") in ("Document", "Agency"):
            full.add_node(n, **d)
    assigns = Counter()
    for u, v, k, d in g.edges(keys=True, data=True):
        rel = d.get("rel")
        if rel in DOC_RELS or rel in ("ISSUED_BY", "SENT_TO"):
            full.add_edge(u, v, key=k, **d)
        elif rel == "ASSIGNS":
            doc = g.nodes[u].get("doc_id")
            if doc in full:
                assigns[(doc, v)] += 1
    for (doc, a), count in assigns.items():
        full.add_edge(doc, a, key="assigns", rel="ASSIGNS", count=count, aggregated=True)
    degree = {n: full.degree(n) for n in full}
    ranked = sorted(full, key=lambda n: (-degree[n], n))
    keep = set(ranked[:max_nodes])
    sub = nx.MultiDiGraph(mode="overview", focus=None, max_nodes=max_nodes, total=len(full),
                          drawn=len(keep), grouped=len(full) - len(keep), groups=0)
    for n in sorted(keep):
        sub.add_node(n, degree=degree[n], **full.nodes[n])
    for u, v, k, d in sorted(full.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        if u in keep and v in keep:
            sub.add_edge(u, v, key=k, **d)
    return sub


# --- styling -----------------------------------------------------------------

# (border, fill) per document kind; related kinds share a hue so the legend stays short.
_KIND_COLOUR = {
    "resolution": ("#7b3fb8", "#ece1f7"), "conclusion": ("#2f5fb3", "#dfe8f8"),
    "notice": ("#2f5fb3", "#dfe8f8"), "directive": ("#a8398f", "#f6e0f1"),
    "plan": ("#16877a", "#d9f1ee"), "programme": ("#1a86a8", "#daeff6"),
    "scheme": ("#1a86a8", "#daeff6"), "decision": ("#4e5fb0", "#e3e6f6"),
    "regulation": ("#5b4fa0", "#e6e3f3"), "rules": ("#5b4fa0", "#e6e3f3"),
    "guidance": ("#3f8f8a", "#dff0ef"), "official_letter": ("#4f7396", "#e2eaf2"),
    "report": ("#6f7f90", "#e9edf1"), "submission": ("#6f7f90", "#e9edf1"),
    "law": ("#8a6236", "#f2e8dc"), "decree": ("#8a6236", "#f2e8dc"), "circular": ("#8a6236", "#f2e8dc"),
    "constitution": ("#8a6236", "#f2e8dc"), "charter": ("#8a6236", "#f2e8dc"),
    "news_article": ("#7d7d7d", "#eeeeee"), "other": ("#7d7d7d", "#eeeeee"),
}
_TYPE_STYLE = {  # shape, border, fill
    "Task": ("ellipse", "#3c8d40", "#e3f4e1"),
    "Agency": ("box", "#c46a16", "#fde7d2"),
    "Person": ("dot", "#777777", "#dddddd"),
    "Group": ("box", "#8a8a8a", "#f3f3f3"),
}
# Task fill by tracking state (truyvet.tracking.events.STATES): border, fill, legend.
_STATE_STYLE = {
    "done_on_time": ("#2e7d32", "#c8e6c9", "hoàn thành đúng hạn"),
    "done_late": ("#8d6e00", "#fff3b0", "hoàn thành quá hạn"),
    "in_progress": ("#1f6fb2", "#d6eaf8", "đang thực hiện trong hạn"),
    "overdue": ("#b71c1c", "#f8c9c4", "quá hạn"),
    "done": ("#2e7d32", "#c8e6c9", "đã hoàn thành (không có hạn)"),
}
# rel -> (label, colour, width, dashes); ASSIGNS is styled by role.
_EDGE_STYLE = {
    "IMPLEMENTS": ("implements", "#1f4e9c", 2.6, False),
    "IMPLEMENTS*": ("implements (reported)", "#5b84c9", 2.0, [10, 6]),
    "BASED_ON": ("based on", "#16877a", 2.0, False),
    "CITES": ("cites", "#9a9a9a", 1.2, [2, 5]),
    "HAS_TASK": ("", "#b7c7b8", 1.0, False),
    "ISSUED_BY": ("issued by", "#b0a48a", 1.0, [4, 4]),
    "SENT_TO": ("sent to", "#cfc6b0", 0.8, [1, 4]),
    "lead": ("lead", "#c0392b", 2.4, False),
    "coordinate": ("coordinate", "#e0a33a", 1.2, [6, 4]),
    "monitor": ("monitor", "#8e44ad", 1.6, [2, 4]),
    "group": ("", "#9a9a9a", 1.2, [3, 3]),
}
# Past this many assignment links their labels only pile up; colour and dashes (legend) still tell the role.
_MAX_ROLE_LABELS = 60
_EDGE_VN = {"IMPLEMENTS": "thực hiện", "IMPLEMENTS*": "thực hiện, theo văn bản khác", "BASED_ON": "căn cứ",
            "CITES": "dẫn chiếu", "HAS_TASK": "nhiệm vụ", "ISSUED_BY": "cơ quan ban hành", "SENT_TO": "nơi nhận",
            "lead": "chủ trì", "coordinate": "phối hợp", "monitor": "theo dõi, đôn đốc", "group": "thu gọn"}


def _edge_key(d: dict) -> str:
    if d.get("group"):
        return "group"
    rel = d.get("rel")
    if rel == "ASSIGNS":
        return d.get("role") if d.get("role") in _EDGE_STYLE else "coordinate"
    if rel == "IMPLEMENTS" and d.get("reported_by"):
        return "IMPLEMENTS*"
    return rel if rel in _EDGE_STYLE else "CITES"


def _short(text: str | None, limit: int) -> str:
    text = display(text or "").strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _vn_date(iso: str | None) -> str:
    parts = (iso or "").split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else (iso or "")


def _node_item(sub, n, focus) -> dict:
    d = sub.nodes[n]
    t = d.get("type")
    lines: list[str] = []
    if t == "Document":
        border, fill = _KIND_COLOUR.get(d.get("kind"), _KIND_COLOUR["other"])
        shape, label = "box", _short(d.get("label") or n, 44)
        lines = [d.get("label") or n]
        if d.get("title"):
            lines.append(_short(d["title"], 400))
        facts = [f"{kind_word(d.get('kind'))} ({d.get('kind') or 'other'})"]
        facts += [x for x in (_vn_date(d.get("date")), d.get("issuer"), d.get("place")) if x]
        lines.append(" · ".join(facts))
        if d.get("stub"):
            lines.append("Chưa có văn bản gốc — referenced by another document, not ingested")
        if d.get("file"):
            lines.append(f"file: {d['file']}")
    elif t == "Task":
        shape, border, fill = _TYPE_STYLE["Task"]
        label = d.get("label") or n
        doc = d.get("doc_id")
        lines = [f"Nhiệm vụ (task) {label} — {node_label(sub, doc) if doc in sub else doc}"]
        if d.get("text"):
            lines.append(_short(d["text"], 500))
        if d.get("hidden_assignees"):
            lines.append("Giao, không vẽ (assigned, not drawn): " +
                         "; ".join(f"{name} ({role})" for name, role in d["hidden_assignees"]))
        if d.get("deadline"):
            lines.append(f"Thời hạn (deadline): {d['deadline']}")
            label += f"\nhạn {_short(d['deadline'], 24)}"
        if d.get("file"):
            lines.append(f"file: {d['file']}:{d.get('span_start')}-{d.get('span_end')}")
        state = sub.graph.get("statuses", {}).get(n)
        if state in _STATE_STYLE:
            border, fill, text = _STATE_STYLE[state]
            lines.append(f"Tình trạng (status, as of {sub.graph.get('as_of')}): {text}")
    elif t == "Group":
        shape, border, fill = _TYPE_STYLE["Group"]
        label = d["label"]
        under = ", ".join(f"{c} {_NOUN.get(k, ('node', 'nodes'))[c != 1]}" for k, c in d["hidden"].items())
        limit = f"(--max-nodes {sub.graph.get('max_nodes')})"
        if d["parent"] is None:
            lines = [f"{label} assigned by the drawn tasks, not drawn {limit}; each task's tooltip names its own:"]
            lines += [f"· {_short(m, 70)}" for m in d["member_labels"]]
        else:
            lines = [f"{label} of {node_label(sub, d['parent'])} not drawn {limit}", f"folded here: {under}"]
        lines.append("Raise --max-nodes, or centre the page on one of them, to see them.")
    else:
        shape, border, fill = _TYPE_STYLE.get(t, _TYPE_STYLE["Person"])
        full = node_label(sub, n)
        label = _short(full, 44)
        lines = [full] + ([f"place: {d['place']}"] if d.get("place") else [])
    lines.append(f"id: {n}")
    item = {"label": label, "title": "\n".join(lines), "shape": shape, "type": t, "kind": d.get("kind"),
            "color": {"border": border, "background": fill,
                      "highlight": {"border": "#111111", "background": "#fff3b0"},
                      "hover": {"border": "#111111", "background": fill}},
            "borderWidth": 1.5, "font": {"color": "#1b1b1b", "size": 15},
            # Per node: with only the global option, vis still wrapped labels near 300px.
            "widthConstraint": {"maximum": 420}}
    if t == "Document":
        item["font"]["size"] = 16
        item["borderWidth"] = 2
        item["shapeProperties"] = {"borderRadius": 2}
        item["stub"] = bool(d.get("stub"))
        if d.get("stub"):
            # Referenced but never read: dashed and hollow, like a placeholder.
            item["shapeProperties"] = {"borderDashes": [5, 4], "borderRadius": 2}
            item["color"]["background"] = "#ffffff"
    if t == "Agency":
        # Rounded ends tell an agency from a document at a glance, colour apart.
        item["shapeProperties"] = {"borderRadius": 13}
    if t == "Group":
        item["shapeProperties"] = {"borderDashes": [4, 3]}
        item["font"] = {"color": "#444444", "size": 14, "face": "DejaVu Sans, Arial, sans-serif"}
    if "level" in d:
        item["level"] = d["level"]
    if "degree" in d:
        # Overview: size carries the degree, so shapes that scale (and keep their label outside).
        item["value"] = d["degree"]
        item["shape"] = {"Document": "square", "Agency": "dot"}.get(t, "dot")
        item.pop("shapeProperties", None)
        if d.get("stub"):
            item["shapeProperties"] = {"borderDashes": [3, 3]}
    if n == focus:
        item["borderWidth"] = 3
        item["borderWidthSelected"] = 4
        item["color"] = {**item["color"], "border": "#111111", "background": "#ffe066"}
        item["font"] = {**item["font"], "size": 18}
        item["isFocus"] = True
    return item


def _edge_items(sub) -> list[dict]:
    """One drawn edge per (from, to, relation, role); extra evidence is counted, not drawn twice."""
    merged: dict[tuple, list[dict]] = {}
    for u, v, k, d in sorted(sub.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        key = (u, v, d.get("rel"), d.get("role"))
        merged.setdefault(key, []).append(d)
    items = []
    assigns = sum(1 for k in merged if k[2] == "ASSIGNS")
    overview = sub.graph.get("mode") == "overview"
    for (u, v, rel, role), ds in merged.items():
        # A direct statement beats one reported by a third document.
        ds = sorted(ds, key=lambda d: (bool(d.get("reported_by")), d.get("file") or "", d.get("span_start") or 0))
        d = ds[0]
        style = _edge_key(d)
        label, colour, width, dashes = _EDGE_STYLE[style]
        head = label or rel.lower().replace("_", " ")
        lines = [f"{head} ({_EDGE_VN[style]})"]
        if d.get("aggregated"):
            lines = [f"assigns {d['count']} task{'s' if d['count'] != 1 else ''} (giao nhiệm vụ)"]
            label = f"{d['count']} task{'s' if d['count'] != 1 else ''}"
            width = min(1 + d["count"] ** 0.5, 6)
            colour, dashes = "#c0392b", False
        if d.get("reported_by"):
            lines.append(f"reported by {node_label(sub, d['reported_by']) if d['reported_by'] in sub else d['reported_by']}")
        if d.get("quote"):
            lines.append(f"“{_short(d['quote'], 500)}”")
        if d.get("file"):
            lines.append(f"file: {d['file']}:{d.get('span_start')}-{d.get('span_end')}")
        if len(ds) > 1:
            lines.append(f"(+{len(ds) - 1} more statement{'s' if len(ds) > 2 else ''} of this link)")
        if rel == "ASSIGNS" and assigns > _MAX_ROLE_LABELS and not d.get("aggregated"):
            label = ""
        if overview:
            label = ""  # hundreds of "cites" would hide the nodes; the tooltip names the link
        items.append({"id": f"{u}|{rel}|{role or ''}|{v}", "from": u, "to": v, "rel": rel, "role": role,
                      "reported": bool(d.get("reported_by")) and not any(not x.get("reported_by") for x in ds),
                      "label": label, "title": "\n".join(lines), "width": width, "dashes": dashes,
                      "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.9},
                      "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}}})
    return items


def _options(sub) -> dict:
    n = sub.number_of_nodes()
    base = {
        "autoResize": True,
        "nodes": {"font": {"face": "DejaVu Sans, Arial, sans-serif", "size": 15}, "margin": 7},
        "edges": {"font": {"face": "DejaVu Sans, Arial, sans-serif", "size": 11, "align": "middle",
                           "color": "#444444", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "selectionWidth": 2.5},
        "interaction": {"hover": True, "tooltipDelay": 150, "multiselect": True, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": n > 600, "hideEdgesOnZoom": n > 600},
    }
    if sub.graph.get("mode") == "overview":
        base["nodes"]["shape"] = "dot"
        base["nodes"]["scaling"] = {"min": 8, "max": 48,
                                    "label": {"enabled": True, "min": 11, "max": 26, "drawThreshold": 7}}
        base["edges"]["smooth"] = False
        base["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120,
                                                "avoidOverlap": 0.4},
                           # Measured on 2,000 nodes: 150 iterations cost 10 s in Chromium, 80 cost 3.7 s
                           # and look the same; small stores get the fuller settle.
                           "stabilization": {"enabled": True,
                                             "iterations": 300 if n <= 300 else 150 if n <= 800 else 80,
                                             "updateInterval": 50, "fit": True}}
        base["layout"] = {"randomSeed": 7, "improvedLayout": n <= 150}
        return base
    base["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                               "roundness": 0.45}
    # Positions come from _positions: no hierarchical engine, no physics, nothing moves on its own.
    base["layout"] = {"hierarchical": {"enabled": False}, "improvedLayout": False}
    base["physics"] = {"enabled": False}
    return base


# --- layout ---------------------------------------------------------------------

_CHAR_W, _LINE_H, _GAP_X, _GAP_Y = 8.4, 19, 190, 9  # px at font 15 (DejaVu Sans)


def _extent(item) -> tuple[float, float]:
    lines = item["label"].split("\n")
    w = min(max(len(x) for x in lines) * _CHAR_W + 22, 380)
    h = len(lines) * _LINE_H + 14
    return (w + 18, h + 6) if item["shape"] == "ellipse" else (w, h)


def _positions(sub, items: dict) -> dict:
    """Left-to-right columns (see :func:`_set_levels`), computed here rather than by vis-network.

    vis's hierarchical engine pins parents to the top of tall columns and
    spends seconds on 2,000 nodes; a column ordered by its neighbours'
    positions (barycentre sweeps) and folded into a grid when taller
    than wide reads better and costs nothing in the browser.
    """
    h = _layering(sub)
    cols = defaultdict(list)
    for n in sorted(sub, key=lambda n: _order_key(sub, n)):
        # Documents and tasks of the same level get columns of their own, documents first.
        d = sub.nodes[n]
        t = d.get("member_type") if d.get("type") == "Group" else d.get("type")
        cols[(d.get("level", 0), _RANK.get(t, 8))].append(n)
    levels = sorted(cols)
    rank = {n: (i + 0.5) / len(c) for c in cols.values() for i, n in enumerate(c)}

    def sweep(seq, nbrs):
        for lv in seq:
            def key(n):
                ys = [rank[m] for m in nbrs(n)]
                return (sum(ys) / len(ys) if ys else rank[n], rank[n])
            cols[lv].sort(key=key)
            for i, n in enumerate(cols[lv]):
                rank[n] = (i + 0.5) / len(cols[lv])

    # Children follow their parents; only the roots move towards their children, so a
    # document's tasks keep their natural order (I, I.1, I.2, II ...) down the column.
    sweep(levels[1:], h.predecessors)
    sweep(levels[:1], h.successors)
    sweep(levels[1:], h.predecessors)

    out, x = {}, 0.0
    prev_w = None
    for lv in levels:
        col = cols[lv]
        ext = [_extent(items[n]) for n in col]
        cell_w = max(w for w, _ in ext) + 26
        cell_h = max(hh for _, hh in ext) + _GAP_Y
        k = 1
        while len(col) * cell_h / k > max(720, 2 * k * cell_w):
            k += 1
        rows = -(-len(col) // k)
        block_w, block_h = k * cell_w, rows * cell_h
        x = 0.0 if prev_w is None else x + prev_w / 2 + _GAP_X + block_w / 2
        prev_w = block_w
        for i, n in enumerate(col):
            j, r = divmod(i, rows)
            out[n] = (round(x - block_w / 2 + (j + 0.5) * cell_w), round(-block_h / 2 + (r + 0.5) * cell_h))
    return out


# --- the page ------------------------------------------------------------------

def render_html(sub: nx.MultiDiGraph, focus: str | None, path: str | Path, title: str | None = None) -> Path:
    """Write ``sub`` as a self-contained HTML page at ``path`` ("-": standard
    output); returns the path."""
    text = page_html(sub, focus, title)
    if str(path) == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return Path("-")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def page_html(sub: nx.MultiDiGraph, focus: str | None, title: str | None = None) -> str:
    # pyvis imports IPython: keep it off the CLI's start-up path.
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    # pyvis checks membership in a list per node and per edge; a set keeps 2,000 nodes linear.
    ids = set()
    net.get_nodes = lambda: ids
    items = {n: _node_item(sub, n, focus) for n in sorted(sub.nodes, key=lambda n: _order_key(sub, n))}
    if sub.graph.get("mode") != "overview":
        for n, (x, y) in _positions(sub, items).items():
            items[n].update(x=x, y=y)
    for n, item in items.items():
        net.add_node(n, label=item.pop("label"), shape=item.pop("shape"), color=item.pop("color"), **item)
        ids.add(n)
    for e in _edge_items(sub):
        net.add_edge(e.pop("from"), e.pop("to"), **e)
    net.options = _options(sub)
    nodes, edges, _, _, _, options = net.get_network_data()
    title = title or _default_title(sub, focus)
    meta = {"focus": focus, "mode": sub.graph.get("mode"), "note": _note(sub), "title": title,
            "stats": {k: sub.graph.get(k) for k in ("total", "drawn", "grouped", "groups", "max_nodes",
                                                     "direction", "depth")}}
    css, js = _vis_assets()
    return _asset("page.html").format(
        title=html.escape(title), heading=html.escape(title), note=html.escape(meta["note"]),
        note_class="grouped" if sub.graph.get("grouped") else "all",
        counts=html.escape(f"{len(nodes)} nodes · {len(edges)} edges"),
        legend=_legend(sub), vis_css=css, vis_js=js, page_css=_asset("page.css"), page_js=_asset("page.js"),
        nodes=_json(nodes), edges=_json(edges), options=_json(json.loads(options)), meta=_json(meta))


def _order_key(sub, n):
    """Column, then type, then label in natural order (II.2.(2) before II.2.(10)): vis keeps this order."""
    d = sub.nodes[n]
    label = d.get("label") or d.get("name") or n
    natural = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", label) if p)
    return (d.get("level", 0), _RANK.get(d.get("type"), 8), natural, n)


def _json(obj) -> str:
    """JSON safe inside <script>: no "</script>", no "<!--", same bytes for the same data."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    import pyvis

    base = Path(pyvis.__file__).parent.joinpath(*_VIS_DIR)
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    for name, text in (("css", css), ("js", js)):
        if "</script" in text.lower() or "</style" in text.lower() or "<!--" in text:
            raise RuntimeError(f"pyvis's vis-network {name} cannot be inlined safely")
    return css, js


def _default_title(sub, focus) -> str:
    if sub.graph.get("mode") == "overview":
        return "Truy vết — toàn bộ kho (overview)"
    arrow = "xuống (down)" if sub.graph.get("direction") == "down" else "lên (up)"
    return f"Truy vết: {node_label(sub, focus)} — {arrow}, depth {sub.graph.get('depth')}"


def _note(sub) -> str:
    total, drawn, grouped = sub.graph.get("total"), sub.graph.get("drawn"), sub.graph.get("grouped")
    limit = sub.graph.get("max_nodes")
    if not grouped:
        return f"All {total} nodes of this {'store' if sub.graph.get('mode') == 'overview' else 'lineage'} are drawn."
    if sub.graph.get("mode") == "overview":
        return (f"{total} documents and agencies; the {drawn} best connected are drawn, "
                f"{grouped} left out (--max-nodes {limit}).")
    return (f"{total} nodes in this lineage; {drawn} drawn, {grouped} folded into {sub.graph.get('groups')} "
            f"grey “+N” nodes to stay under --max-nodes {limit}. Hover one to see what it holds.")


def _legend(sub) -> str:
    overview = sub.graph.get("mode") == "overview"
    doc_shape, agency_shape = ("square", "dot") if overview else ("box", "pill")
    rows = []
    kinds = sorted({(d.get("kind") or "other") for _, d in sub.nodes(data=True) if d.get("type") == "Document"})
    seen_colours = set()
    for k in kinds:
        border, fill = _KIND_COLOUR.get(k, _KIND_COLOUR["other"])
        if (border, fill) in seen_colours:
            continue
        seen_colours.add((border, fill))
        names = [kind_word(x) for x in kinds if _KIND_COLOUR.get(x, _KIND_COLOUR["other"]) == (border, fill)]
        rows.append(_swatch(doc_shape, border, fill, ", ".join(names)))
    types = {d.get("type") for _, d in sub.nodes(data=True)}
    if any(d.get("stub") for _, d in sub.nodes(data=True)):
        rows.append(_swatch(doc_shape, "#555555", "#ffffff", "chưa có văn bản gốc (stub)", dashed=True))
    if "Task" in types:
        rows.append(_swatch("ellipse", *_TYPE_STYLE["Task"][1:], "nhiệm vụ (task)"))
    states = {sub.graph.get("statuses", {}).get(n) for n in sub.nodes}
    for state, (border, fill, text) in _STATE_STYLE.items():
        if state in states:
            rows.append(_swatch("ellipse", border, fill, f"nhiệm vụ {text} ({sub.graph.get('as_of')})"))
    if "Agency" in types:
        rows.append(_swatch(agency_shape, *_TYPE_STYLE["Agency"][1:], "cơ quan (agency)"))
    if "Group" in types:
        rows.append(_swatch("box", *_TYPE_STYLE["Group"][1:], "thu gọn (+N grouped)", dashed=True))
    if sub.graph.get("focus"):
        rows.append(_swatch("box", "#111111", "#ffe066", "tâm điểm (focus)"))
    if overview:
        rows.append('<div class="row"><span>Kích thước theo số liên kết · size = degree</span></div>')
    present = {_edge_key(d) for _, _, d in sub.edges(data=True)}
    if sub.graph.get("mode") == "overview" and "coordinate" in present:
        present.discard("coordinate")
        present.add("lead")
    erows = []
    for key in ("IMPLEMENTS", "IMPLEMENTS*", "BASED_ON", "CITES", "HAS_TASK", "ISSUED_BY", "SENT_TO",
                "lead", "coordinate", "monitor", "group"):
        if key in present:
            label, colour, width, dashes = _EDGE_STYLE[key]
            text = (label or ("has task" if key == "HAS_TASK" else "grouped")) + f" — {_EDGE_VN[key]}"
            if sub.graph.get("mode") == "overview" and key == "lead":
                text = "assigns tasks — giao nhiệm vụ"
            dash = f' stroke-dasharray="{" ".join(str(x) for x in dashes)}"' if dashes else ""
            erows.append(f'<div class="row"><svg width="44" height="12"><line x1="2" y1="6" x2="34" y2="6" '
                         f'stroke="{colour}" stroke-width="{width}"{dash}/><polygon points="34,2 42,6 34,10" '
                         f'fill="{colour}"/></svg><span>{html.escape(text)}</span></div>')
    return ('<h2>Chú giải · legend</h2>' + "".join(rows) + "<h3>Quan hệ · links</h3>" + "".join(erows))


def _swatch(shape, border, fill, text, dashed=False) -> str:
    radius, width = {"ellipse": ("50%", 26), "pill": ("8px", 26), "dot": ("50%", 14),
                     "square": ("0", 14)}.get(shape, ("2px", 26))
    return (f'<div class="row"><span class="sw" style="border:2px {"dashed" if dashed else "solid"} {border};'
            f'background:{fill};border-radius:{radius};width:{width}px"></span><span>{html.escape(text)}</span></div>')


def lineage_page(g: nx.MultiDiGraph, query: str, path: str | Path, direction: str | None = None,
                 depth: int | None = None, max_nodes: int = 300, title: str | None = None,
                 pick: int | None = None, statuses: dict[str, str] | None = None, as_of: str | None = None) -> dict:
    """Resolve ``query`` like ``truyvet trace`` and write its lineage page; returns a summary.
    ``statuses`` (task id → tracking state on ``as_of``) colours the tasks."""
    from truyvet.queries.api import resolve

    node = resolve(g, query, pick=pick)
    sub = lineage_subgraph(g, node, direction, depth, max_nodes)
    sub.graph.update(statuses=statuses or {}, as_of=as_of)
    return _summary(render_html(sub, node, path, title), sub)


def overview_page(g: nx.MultiDiGraph, path: str | Path, max_nodes: int = 300, title: str | None = None) -> dict:
    sub = overview_subgraph(g, max_nodes)
    return _summary(render_html(sub, None, path, title), sub)


def _summary(path: Path, sub) -> dict:
    return {"path": str(path), "nodes": sub.number_of_nodes(),
            "edges": len({(u, v, d.get("rel"), d.get("role")) for u, v, d in sub.edges(data=True)}),
            **{k: sub.graph.get(k) for k in ("focus", "mode", "total", "drawn", "grouped", "groups")},
            "note": _note(sub)}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    """The page's own template, CSS and JS, shipped beside this module."""
    return resources.files("truyvet.queries").joinpath("viz_assets", name).read_text(encoding="utf-8")
