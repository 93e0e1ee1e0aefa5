"""The overview of a whole store: documents and agencies, clustered by issuer.

Tasks are folded into one document → agency link per pair ("giao N nhiệm
vụ"). Nodes with no link at all are left out (they made a ring around the
drawing and say nothing about lineage); above ``max_nodes`` the best
connected are kept. Documents sit in one cluster per issuer (an agency in
the cluster of the documents that give it most work), each cluster a
sunflower disk with its hubs at the centre, and each disk placed next to the
clusters it is most linked to; the positions are computed here, so the page
draws at once and nothing drifts.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict

import networkx as nx

from truyvet.loaders.normalize import display
from truyvet.queries.viz.records import edge_records, node_record

DOC_RELS = ("IMPLEMENTS", "BASED_ON", "CITES")
_SPACING = 46          # px between nodes of a disk
_GAP = 70              # px between disks
_MIN_CLUSTER = 3       # smaller issuer clusters (or under 1 % of the nodes) join their province's "khác" one
HUBS = (6, 30)         # nodes labelled at every zoom: one in 12, within these bounds


def overview_subgraph(g: nx.MultiDiGraph, max_nodes: int = 300) -> nx.MultiDiGraph:
    """Documents and agencies of ``g`` with their links, clusters and positions."""
    full = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        if d.get("type") in ("Document", "Agency"):
            full.add_node(n, **d)
    assigns = Counter()
    for u, v, k, d in g.edges(keys=True, data=True):
        rel = d.get("rel")
        if rel in DOC_RELS or rel in ("ISSUED_BY", "SENT_TO", "SUCCEEDED_BY"):
            full.add_edge(u, v, key=k, **d)
        elif rel == "ASSIGNS":
            doc = g.nodes[u].get("doc_id")
            if doc in full:
                assigns[(doc, v)] += 1
    for (doc, a), count in assigns.items():
        full.add_edge(doc, a, key="assigns", rel="ASSIGNS", count=count, aggregated=True)
    degree = {n: full.degree(n) for n in full}
    linked = [n for n in full if degree[n]]
    keep = set(sorted(linked, key=lambda n: (-degree[n], n))[:max_nodes])
    # Cutting at max_nodes can strand a node whose only neighbours were cut.
    keep = {n for n in keep if any(m in keep for m in nx.all_neighbors(full, n) if m != n)}
    sub = nx.MultiDiGraph(mode="overview", focus=None, max_nodes=max_nodes, total=len(full),
                          drawn=len(keep), grouped=len(linked) - len(keep), isolated=len(full) - len(linked),
                          groups=0)
    for n in sorted(keep):
        sub.add_node(n, degree=degree[n], **full.nodes[n])
    for u, v, k, d in sorted(full.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        if u in keep and v in keep:
            sub.add_edge(u, v, key=k, **d)
    cluster = clusters(sub)
    for n, (x, y) in positions(sub, cluster).items():
        sub.nodes[n].update(cluster=cluster[n], x=x, y=y)
    hubs = min(max(len(sub) // 12, HUBS[0]), HUBS[1])
    for n in sorted(sub, key=lambda n: (-sub.nodes[n]["degree"], n))[:hubs]:
        sub.nodes[n]["hub"] = True
    return sub


def clusters(sub: nx.MultiDiGraph) -> dict[str, str]:
    """The cluster each node is drawn in: its issuer (documents), the cluster
    of the documents linked to it most (agencies); small ones merge by place."""
    out = {}
    for n, d in sub.nodes(data=True):
        if d.get("type") == "Document":
            out[n] = display(d.get("issuer") or "") or (f"Văn bản ở {display(d['place'])}" if d.get("place")
                                                        else "Không rõ nơi ban hành")
    for n, d in sub.nodes(data=True):
        if d.get("type") != "Document":
            votes = Counter(out[m] for m in nx.all_neighbors(sub, n) if m in out)
            best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            out[n] = best[0][0] if best else (f"Cơ quan ở {display(d['place'])}" if d.get("place") else "Cơ quan khác")
    size = Counter(out.values())
    least = max(_MIN_CLUSTER, len(out) // 100)
    for n, c in out.items():
        if size[c] < least:
            place = sub.nodes[n].get("place")
            out[n] = f"Khác — {display(place)}" if place else "Khác"
    return out


def positions(sub: nx.MultiDiGraph, cluster: dict[str, str]) -> dict[str, tuple[int, int]]:
    members = defaultdict(list)
    for n in sorted(sub, key=lambda n: (-sub.nodes[n]["degree"], n)):
        members[cluster[n]].append(n)
    links = Counter()
    for u, v in sub.edges():
        a, b = cluster[u], cluster[v]
        if a != b:
            links[(a, b)] += 1
            links[(b, a)] += 1
    weight = {c: sum(sub.nodes[n]["degree"] for n in ms) for c, ms in members.items()}
    radius = {c: _SPACING * math.sqrt(len(ms)) + _SPACING / 2 for c, ms in members.items()}
    placed: dict[str, tuple[float, float]] = {}
    for c in sorted(members, key=lambda c: (-weight[c], c)):
        near = [(links[(c, o)], placed[o]) for o in placed if links[(c, o)]]
        total = sum(w for w, _ in near)
        target = (sum(w * p[0] for w, p in near) / total, sum(w * p[1] for w, p in near) / total) if total else (0.0, 0.0)
        placed[c] = _free_spot(target, radius[c], placed, radius)
    out = {}
    golden = math.pi * (3 - math.sqrt(5))
    for c, ms in members.items():
        cx, cy = placed[c]
        for i, n in enumerate(ms):
            r = _SPACING * math.sqrt(i + 0.5) if len(ms) > 1 else 0.0
            out[n] = (round(cx + r * math.cos(i * golden)), round(cy + r * math.sin(i * golden)))
    return out


def _free_spot(target, r, placed, radius) -> tuple[float, float]:
    """The first spot on a spiral out from ``target`` where a disk of radius ``r`` overlaps none placed."""
    def free(x, y):
        return all(math.hypot(x - px, y - py) >= r + radius[o] + _GAP for o, (px, py) in placed.items())

    step = max(r, _SPACING) * 0.6
    ring = 0
    while True:
        dist = ring * step
        count = max(1, int(2 * math.pi * dist / step))
        for k in range(count):
            a = 2 * math.pi * k / count + ring * 0.7
            x, y = target[0] + dist * math.cos(a), target[1] + dist * math.sin(a)
            if free(x, y):
                return (x, y)
        ring += 1


def overview_view(sub: nx.MultiDiGraph) -> dict:
    """The overview page's data: records with degree, cluster, position and year, and the facets to filter on."""
    nodes = []
    for n in sorted(sub):
        d = sub.nodes[n]
        rec = node_record(sub, n)
        for k in ("degree", "cluster", "x", "y", "hub"):
            rec["facts"].pop(k, None)
            if d.get(k) is not None:
                rec[k] = d[k]
        year = (d.get("date") or "")[:4]
        if year.isdigit():
            rec["year"] = int(year)
        nodes.append(rec)
    edges = edge_records(sub, sub.edges(keys=True, data=True))
    for e in edges:
        e["statements"] = e["statements"][:1]   # the overview names a link; the page of a lineage proves it
    facets = {
        "kinds": sorted({d.get("kind") or "other" for _, d in sub.nodes(data=True) if d.get("type") == "Document"}),
        "rels": sorted({d.get("rel") for _, _, d in sub.edges(data=True)}),
        "clusters": [c for c, _ in Counter(d["cluster"] for _, d in sub.nodes(data=True)).most_common()],
        "places": sorted({display(d["place"]) for _, d in sub.nodes(data=True) if d.get("place")}),
        "years": sorted({r["year"] for r in nodes if "year" in r}),
        "links": len(edges),
    }
    return {"nodes": nodes, "edges": edges, "facets": facets}
