"""What a lineage page holds: the lineage of one node, cut to a number of nodes.

:func:`lineage_subgraph` picks the nodes of a lineage (the same tree as
``truyvet trace``) and, above ``max_nodes``, keeps the best ones (documents
first, nearest first, then the agencies most drawn tasks assign) and folds
the rest into one "+N nhiệm vụ" node per parent. The page then folds each
document's tasks again, in the browser, into a node that opens and closes.
"""
from __future__ import annotations

import heapq
from collections import Counter, defaultdict, deque

import networkx as nx

from truyvet.graph.lineage import Step, fetch_edges, node_label, trace_down, trace_up

LINEAGE_RELS = ("IMPLEMENTS", "BASED_ON", "CITES", "HAS_TASK", "ASSIGNS")
# Documents are the spine of a lineage, so they are kept before tasks, tasks before agencies.
_RANK = {"Document": 0, "Task": 1, "Agency": 2, "Person": 3}
NOUN = {"Document": "văn bản", "Task": "nhiệm vụ", "Agency": "cơ quan", "Person": "người"}


# --- choosing what to draw ------------------------------------------------

def lineage_subgraph(g: nx.MultiDiGraph, node: str, direction: str | None = None, depth: int | None = None,
                     max_nodes: int = 300) -> nx.MultiDiGraph:
    """The lineage around ``node`` as a small graph ready to draw.

    ``direction`` defaults to down from a document, up from a task or agency
    (as ``truyvet trace``); ``depth`` to 3 document levels down, 6 up. When
    the lineage has more than ``max_nodes`` nodes, the best ones are kept
    (documents first, nearest first, then the agencies most drawn tasks
    assign) and the rest become nodes of type ``Group``: one "+37 nhiệm vụ"
    per parent, one "+N cơ quan" for the page, with what lies beneath counted in
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
        gid = f"group:{p or '*'}|{t}"
        sub.add_node(gid, type="Group", member_type=t, count=len(ms), parent=p,
                     hidden=dict(sorted(hidden.items())), members=ms[:50],
                     member_labels=[node_label(g, m) for m in ms[:12]],
                     label=f"+{len(ms)} {NOUN.get(t, 'mục')}")
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


