"""The explorer's questions over a graph or a store, answered as JSON-ready dicts.

``truyvet serve`` returns these at its JSON endpoints and draws its pages
from them; they work the same on a whole in-memory graph and on a
:class:`~truyvet.queries.store_graph.StoreGraph`, which reads only what each
question touches (so a store of 100k documents answers in milliseconds).
Records are those of :mod:`truyvet.queries.viz.records`.

* :func:`search` — the nodes a query names, by the resolver every command uses;
* :func:`node` — one node's record with the paths up to its root directives;
* :func:`neighbours` — a node's links and their other ends (a document's
  tasks with their agencies, folded into one group), at most ``limit`` per
  relation, the rest counted;
* :func:`document` and :func:`agency` — what the document and agency pages show.

>>> from truyvet.queries.api import graph_from_paths              # doctest: +SKIP
>>> g, _ = graph_from_paths(["../shared/seeds"])                  # doctest: +SKIP
>>> [m["id"] for m in search(g, "thong bao 111")["matches"]]      # doctest: +SKIP
['doc:111-TB/VPTW']
"""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from truyvet.errors import QueryError
from truyvet.graph.lineage import chains, label_key
from truyvet.graph.schema import REL_TABLES, ROLES
from truyvet.queries.resolve import resolve
from truyvet.queries.viz.records import REVERSED, UNLAYERED, edge_records, node_record, task_groups
from truyvet.queries.viz.view import record_order

LIMIT = 200            # other ends returned per relation and direction


class NotFound(QueryError):
    """No node has this id."""


def _load(g: nx.MultiDiGraph, n: str) -> None:
    if n not in g and not (hasattr(g, "load_node") and g.load_node(n)):
        raise NotFound(f"không có nút {n!r} (no such node)")


def search(g: nx.MultiDiGraph, q: str, limit: int = 50) -> dict:
    """What ``q`` names, read as every command reads a query; the nearest nodes when nothing matches."""
    if hasattr(g, "prepare"):
        g.prepare(q)
    r = resolve(g, q)

    def cands(cs):
        return [{"id": c.id, "type": c.type, "label": c.label, "how": c.how} for c in cs[:limit]]

    return {"query": q, "matches": cands(r.matches), "count": len(r.matches), "near": cands(r.near)}


def node(g: nx.MultiDiGraph, n: str) -> dict:
    """One node's record; documents and tasks with their ``chains`` up to the root directives."""
    _load(g, n)
    t = g.nodes[n].get("type")
    return node_record(g, n, chains(g, n) if t in ("Document", "Task") else None)


def _edges(g, n: str, rel: str, incoming: bool, limit: int | None) -> tuple[list, int]:
    """The ``rel`` edges into (out of) ``n`` as (u, v, key, data), at most ``limit``; and how many there are."""
    a, b = REL_TABLES[rel]
    if (b if incoming else a) != g.nodes[n].get("type"):
        return [], 0
    total = None
    if hasattr(g, "count_edges") and limit is not None:
        total = sum(g.count_edges(n, rel, incoming).values())
        g.load_edges(n, (rel,), incoming, limit if total > limit else None)
    elif hasattr(g, "load_edges"):
        g.load_edges(n, (rel,), incoming)
    pairs = g.in_edges(n, keys=True, data=True) if incoming else g.out_edges(n, keys=True, data=True)
    found = [e for e in pairs if e[3].get("rel") == rel]
    found.sort(key=lambda e: (record_order(g, e[0] if incoming else e[1]), str(e[2])))
    others = list(dict.fromkeys(e[0] if incoming else e[1] for e in found))
    total = total if total is not None else len(others)
    if limit is not None and len(others) > limit:
        keep = set(others[:limit])
        found = [e for e in found if (e[0] if incoming else e[1]) in keep]
    return found, total


def neighbours(g: nx.MultiDiGraph, n: str, limit: int = LIMIT) -> dict:
    """``n``'s links of every kind and their other ends, as records; a
    document's tasks come with their agencies, folded into one group. Past
    ``limit`` ends per relation, a "+N" node counts the rest."""
    _load(g, n)
    t = g.nodes[n].get("type")
    edges, more, ends = [], [], {n}
    for rel in REL_TABLES:
        for incoming in (False, True):
            found, total = _edges(g, n, rel, incoming, limit)
            edges += found
            ends.update(e[0] if incoming else e[1] for e in found)
            shown = len({e[0] if incoming else e[1] for e in found})
            if total > shown:
                more.append(_more(n, rel, incoming, total - shown, limit))
    tasks = sorted((m for m in ends if g.nodes[m].get("type") == "Task"), key=lambda m: record_order(g, m))
    if t == "Document":
        for task in tasks:                    # who each task goes to: the group opens onto them
            found, _ = _edges(g, task, "ASSIGNS", False, None)
            edges += found
            ends.update(e[1] for e in found)
    elif tasks:
        # An agency's (or a person's) tasks hang under their documents, as on a document's page.
        for task in tasks:
            doc = g.nodes[task].get("doc_id")
            if doc and (doc in g or (hasattr(g, "load_node") and g.load_node(doc))):
                ends.add(doc)
                edges.append((doc, task, "has_task", _has_task(g, doc, task)))
    docs = [m for m in ends if g.nodes[m].get("type") == "Document"]
    groups, heads = task_groups(g, docs, set(tasks))
    heads.discard(n)
    nodes = [node_record(g, m) for m in sorted(ends - heads, key=lambda m: record_order(g, m))]
    member_of = {m: gr["id"] for gr in groups for m in gr["members"]}
    for rec in nodes:
        if rec["id"] in member_of:
            rec["group"] = member_of[rec["id"]]
    records = edge_records(g, [e for e in edges if e[0] not in heads and e[1] not in heads])
    records += [m["edge"] for m in more]
    near = {e[0] for e in edges if e[1] == n} | {e[1] for e in edges if e[0] == n}
    return {"id": n, "nodes": nodes + [m["node"] for m in more], "edges": records, "groups": groups,
            "initial": [n] + [r["id"] for r in nodes if r["id"] in near and r["id"] != n]
            + [m["node"]["id"] for m in more]}


def _has_task(g, doc: str, task: str) -> dict:
    """The document → task link as the graph holds it (its evidence is the task's own span)."""
    for _, v, d in g.out_edges(doc, data=True):
        if v == task and d.get("rel") == "HAS_TASK":
            return d
    td = g.nodes[task]
    return {"rel": "HAS_TASK", "source_id": doc, "file": td.get("file"), "span_start": td.get("span_start"),
            "span_end": td.get("span_end")}


_NOUN = {"Document": "văn bản", "Task": "nhiệm vụ", "Agency": "cơ quan", "Person": "người"}


def _more(n: str, rel: str, incoming: bool, count: int, limit: int) -> dict:
    """A "+N" node for the ends past the limit, linked as they would be."""
    a, b = REL_TABLES[rel]
    other = a if incoming else b
    gid = f"more:{n}|{rel}|{'in' if incoming else 'out'}"
    label = f"+{count} {_NOUN.get(other, 'nút')} nữa"
    rec = {"id": gid, "type": "Group", "label": label, "caption": label,
           "facts": {"count": count, "member_type": other, "parent": n, "rel": rel}}
    u, v = (gid, n) if incoming else (n, gid)
    frm, to = (v, u) if rel in REVERSED else (u, v)
    edge = {"id": f"{u}|{rel}||{v}", "from": frm, "to": to, "source": u, "target": v, "rel": rel, "role": None,
            "layered": rel not in UNLAYERED, "reported": False, "count": count, "statements": [],
            "sentence": f"{count} liên kết khác không tải (quá {limit})"}
    return {"node": rec, "edge": edge}


def document(g: nx.MultiDiGraph, n: str, limit: int = LIMIT) -> dict:
    """What the document page shows: identity, the documents above and below
    with evidence, citations, and the tasks as a table (lead, coordinate,
    monitor, deadline, evidence); section headings are rows of their own."""
    rec = node(g, n)
    if rec["type"] != "Document":
        raise QueryError(f"{n} không phải văn bản (not a document)")
    links = {}
    for key, rel, incoming in (("implements", "IMPLEMENTS", False), ("implemented_by", "IMPLEMENTS", True),
                               ("based_on", "BASED_ON", False), ("basis_of", "BASED_ON", True),
                               ("cites", "CITES", False), ("cited_by", "CITES", True),
                               ("issued_by", "ISSUED_BY", False), ("signed_by", "SIGNED_BY", False),
                               ("sent_to", "SENT_TO", False)):
        found, total = _edges(g, n, rel, incoming, limit)
        items = edge_records(g, found)
        for e in items:
            other = e["source"] if incoming else e["target"]
            e["other"] = node_record(g, other)
        links[key] = {"items": items, "total": total}
    found, _ = _edges(g, n, "HAS_TASK", False, None)
    task_ids = [e[1] for e in found]
    rows = []
    assigned = {}
    for t in task_ids:
        given, _ = _edges(g, t, "ASSIGNS", False, None)
        assigned[t] = given
    _, heads = task_groups(g, [n], set(task_ids))
    for t in sorted(set(task_ids), key=lambda t: record_order(g, t)):
        roles = defaultdict(list)
        quotes = []
        for e in edge_records(g, assigned[t]):
            roles[e["role"]].append({"id": e["target"], "label": node_record(g, e["target"])["label"]})
            quotes += [s for s in e["statements"] if s["quote"] and s not in quotes]
        rows.append({"id": t, "label": g.nodes[t].get("label"), "text": node_record(g, t)["facts"].get("text"),
                     "heading": t in heads, "deadline": g.nodes[t].get("deadline"),
                     **{role: roles.get(role, []) for role in ROLES},
                     "evidence": quotes, "file": g.nodes[t].get("file"),
                     "span": [g.nodes[t].get("span_start"), g.nodes[t].get("span_end")]})
    return {"node": rec, "links": links, "tasks": rows,
            "counts": {"tasks": sum(not r["heading"] for r in rows), "headings": sum(r["heading"] for r in rows)}}


def agency(g: nx.MultiDiGraph, n: str, limit: int = 500) -> dict:
    """What the agency page shows: its tasks by role (all counted) and by
    document (the first ``limit`` tasks), with deadlines and evidence."""
    rec = node(g, n)
    if rec["type"] != "Agency":
        raise QueryError(f"{n} không phải cơ quan (not an agency)")
    if hasattr(g, "count_edges"):
        by_role = Counter({k or "": v for k, v in g.count_edges(n, "ASSIGNS", True).items()})
    else:
        by_role = Counter(d.get("role") or "" for _, _, d in g.in_edges(n, data=True) if d.get("rel") == "ASSIGNS")
    given, _ = _edges(g, n, "ASSIGNS", True, limit)
    by_doc: dict[str, list] = defaultdict(list)
    for e in edge_records(g, given):
        t = e["source"]
        td = g.nodes[t]
        by_doc[td.get("doc_id")].append({"id": t, "label": td.get("label"), "role": e["role"],
                                         "text": node_record(g, t)["facts"].get("text"),
                                         "deadline": td.get("deadline"), "evidence": e["statements"],
                                         "file": td.get("file"), "span": [td.get("span_start"), td.get("span_end")]})
    docs = []
    for doc, tasks in by_doc.items():
        if doc and doc not in g and hasattr(g, "load_node"):
            g.load_node(doc)
        tasks.sort(key=lambda x: (label_key(x["label"]), x["id"], x["role"] or ""))
        docs.append({"document": node_record(g, doc) if doc in g else {"id": doc, "label": doc},
                     "roles": dict(Counter(x["role"] for x in tasks)), "tasks": tasks})
    docs.sort(key=lambda d: ((d["document"].get("facts") or {}).get("date") or "", d["document"]["id"]), reverse=True)
    also = {}
    for rel, incoming in (("ISSUED_BY", True), ("SENT_TO", True), ("SUCCEEDED_BY", False), ("SUCCEEDED_BY", True)):
        found, count = _edges(g, n, rel, incoming, 50)
        if count:
            also[f"{rel.lower()}_{'in' if incoming else 'out'}"] = {
                "items": [node_record(g, e[0] if incoming else e[1]) for e in found], "total": count}
    return {"node": rec, "roles": dict(by_role), "total": sum(by_role.values()), "listed": len(given),
            "documents": docs, "also": also}
