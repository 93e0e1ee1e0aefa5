"""A lineage as the explorer page receives it: records, task groups and the first view.

:func:`lineage_view` turns what :func:`~truyvet.queries.viz.select.lineage_subgraph`
chose into the JSON the page draws: every node and link with its evidence,
each document's tasks folded into a group (section headings left out), the
paths up to the root directives, and ``initial``: the nodes the page opens
on (the focus and one level around it; going up, the whole line of
documents above it, which is short).
"""
from __future__ import annotations

import networkx as nx

from truyvet.graph.lineage import chains, label_key
from truyvet.queries.viz.style import STATE_STYLE
from truyvet.queries.viz.records import edge_records, node_record, task_groups

_ORDER = {"Document": 0, "Task": 1, "Agency": 2, "Person": 3}


def record_order(g: nx.MultiDiGraph, n: str) -> tuple:
    """Documents by date, tasks by document and label, agencies by name: the page keeps this order."""
    d = g.nodes[n]
    t = d.get("type")
    if t == "Task":
        return (_ORDER[t], d.get("doc_id") or "", label_key(d.get("label")), d.get("span_start") or 0, n)
    key = d.get("date") or "" if t == "Document" else ""
    return (_ORDER.get(t, 9), key, label_key(d.get("label") or d.get("name") or n), 0, n)


def lineage_view(g: nx.MultiDiGraph, sub: nx.MultiDiGraph) -> dict:
    """The page's data for ``sub`` (a lineage of ``g``): nodes, edges, groups, initial."""
    focus = sub.graph.get("focus")
    leftovers = [n for n, d in sub.nodes(data=True) if d.get("type") == "Group"]
    real = sorted((n for n in sub if n not in leftovers), key=lambda n: record_order(g, n))
    docs = [n for n in real if g.nodes[n].get("type") == "Document"]
    groups, heads = task_groups(g, docs, set(sub))
    heads.discard(focus)
    by_anchor = {gr["anchor"]: gr for gr in groups}
    for n in leftovers:  # "+37 nhiệm vụ" beyond --max-nodes opens with its document's tasks
        d = sub.nodes[n]
        if d.get("member_type") == "Task" and d.get("parent") in g:
            gr = by_anchor.setdefault(d["parent"], {"id": f"tasks:{d['parent']}", "anchor": d["parent"],
                                                    "rel": "HAS_TASK", "members": [], "headings": 0})
            gr["members"].append(n)
    groups = list(by_anchor.values())
    for gr in groups:
        shown = sum(1 for m in gr["members"] if m not in leftovers)
        hidden = sum(sub.nodes[m]["count"] for m in gr["members"] if m in leftovers)
        gr["label"] = f"{shown + hidden} nhiệm vụ"
    member_of = {m: gr["id"] for gr in groups for m in gr["members"]}

    nodes = []
    for n in real:
        if n in heads:
            continue
        rec = node_record(g, n, chains(g, n) if g.nodes[n].get("type") == "Document" else None)
        rec["facts"].update({k: sub.nodes[n][k] for k in ("hidden_assignees",) if k in sub.nodes[n]})
        nodes.append(rec)
    nodes += [node_record(sub, n) for n in leftovers]
    states, as_of = sub.graph.get("statuses") or {}, sub.graph.get("as_of")
    for rec in nodes:
        if rec["id"] in member_of:
            rec["group"] = member_of[rec["id"]]
        if rec["id"] in states and states[rec["id"]] in STATE_STYLE:
            rec["state"] = states[rec["id"]]
            rec["facts"]["tình trạng"] = f"{STATE_STYLE[rec['state']][2]} (ngày {as_of})"

    keep = [(u, v, k, d) for u, v, k, d in sub.edges(keys=True, data=True) if u not in heads and v not in heads]
    edges = edge_records(g, [e for e in keep if e[0] not in leftovers and e[1] not in leftovers])
    edges += edge_records(sub, [e for e in keep if e[0] in leftovers or e[1] in leftovers])
    return {"nodes": nodes, "edges": edges, "groups": groups, "initial": _initial(sub, focus, heads)}


def _initial(sub: nx.MultiDiGraph, focus: str | None, heads: set[str]) -> list[str]:
    if focus is None:
        return []
    near = [focus, *sub.successors(focus), *sub.predecessors(focus)]
    if sub.graph.get("direction") == "up":
        near += [n for n, d in sub.nodes(data=True) if d.get("type") == "Document"]
    return [n for n in dict.fromkeys(near) if n not in heads]
