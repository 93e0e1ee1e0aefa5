"""Interactive lineage pages that work offline (``truyvet viz``), and the pieces ``truyvet serve`` reuses.

>>> from truyvet.queries.api import graph_from_paths                 # doctest: +SKIP
>>> from truyvet.queries.viz import lineage_page                     # doctest: +SKIP
>>> g, _ = graph_from_paths(["../shared/seeds"])                     # doctest: +SKIP
>>> lineage_page(g, "Thông báo 111", "lineage.html")["nodes"]        # doctest: +SKIP

A lineage page opens on its focus and one level around it, at a scale that
can be read on a 1366×768 screen; each document's tasks are one "N nhiệm
vụ" node that opens and closes; a double click expands any node; a click
shows the evidence and the path up to the root directive. The overview
clusters a store's documents by issuer and filters them.

* :mod:`.select` chooses a lineage's nodes (``lineage_subgraph``);
  :mod:`.overview` a store's (``overview_subgraph``);
* :mod:`.records` and :mod:`.view` turn them into the records the page draws
  (also served as JSON by ``truyvet serve``);
* :mod:`.style` holds colours, shapes and the legend; :mod:`.page` writes the
  HTML; ``assets/`` holds the scripts.
"""
from __future__ import annotations

import html
from pathlib import Path

import networkx as nx

from truyvet.graph.lineage import node_label
from truyvet.loaders.kinds import kind_word
from truyvet.queries.viz.overview import overview_subgraph, overview_view
from truyvet.queries.viz.page import assemble, write
from truyvet.queries.viz.select import LINEAGE_RELS, lineage_subgraph
from truyvet.queries.viz.style import EDGE_STYLE, legend
from truyvet.queries.viz.view import lineage_view

__all__ = ["LINEAGE_RELS", "lineage_subgraph", "overview_subgraph", "lineage_page", "overview_page",
           "page_html", "render_html", "page_parts", "explorer_page"]


def render_html(sub: nx.MultiDiGraph, focus: str | None, path: str | Path, title: str | None = None,
                g: nx.MultiDiGraph | None = None) -> Path:
    """Write ``sub`` as a self-contained HTML page at ``path`` ("-": standard
    output); ``g`` is the graph it was cut from (default ``sub``)."""
    return write(page_html(sub, focus, title, g), path)


def page_html(sub: nx.MultiDiGraph, focus: str | None, title: str | None = None,
              g: nx.MultiDiGraph | None = None, **served) -> str:
    """The page as text; ``served`` (``static``, ``api``, ``page_base``, ``nav``)
    makes it the explorer's graph view instead of a file."""
    data, meta, parts = page_parts(sub, focus, title, g)
    meta.update({k: served[k] for k in ("api", "page_base") if served.get(k)})
    return assemble(data, meta, static=served.get("static"), nav=served.get("nav", ""), **parts)


def page_parts(sub, focus, title=None, g=None) -> tuple[dict, dict, dict]:
    """(data, meta, the page's text parts) for ``sub``."""
    g = sub if g is None else g
    overview = sub.graph.get("mode") == "overview"
    data = overview_view(sub) if overview else lineage_view(g, sub)
    title = title or _default_title(sub, focus)
    note = _note(sub)
    meta = {"focus": focus, "mode": sub.graph.get("mode"), "note": note, "title": title,
            "stats": {k: sub.graph.get(k) for k in ("total", "drawn", "grouped", "groups", "max_nodes", "direction",
                                                     "depth", "isolated")}}
    parts = {"mode": "overview" if overview else "lineage", "title": title, "note": note,
             "grouped": bool(sub.graph.get("grouped")), "legend": _legend(data, focus),
             "counts": f"{len(data['nodes'])} nút · {len(data['edges'])} liên kết",
             "filters": _filters(data["facets"]) if overview else ""}
    return data, meta, parts


def explorer_page(view: dict, focus: str, title: str, *, note: str = "", **served) -> str:
    """The graph view of ``truyvet serve``: ``view`` (records, as
    :func:`truyvet.queries.explore.neighbours` gives them) drawn by the
    lineage page's scripts, which fetch more from ``served["api"]``."""
    meta = {"focus": focus, "mode": "lineage", "note": note, "title": title, "stats": {},
            **{k: served[k] for k in ("api", "page_base") if served.get(k)}}
    return assemble(view, meta, mode="lineage", title=title, note=note, legend=_legend(view, focus),
                    counts=f"{len(view['nodes'])} nút", static=served.get("static"), nav=served.get("nav", ""))


def _legend(data: dict, focus) -> str:
    kinds = {r["facts"].get("kind") or "other" for r in data["nodes"] if r["type"] == "Document"}
    rels = {e["rel"] for e in data["edges"]} | ({"IMPLEMENTS*"} if any(e["reported"] for e in data["edges"]) else set())
    return legend({r["type"] for r in data["nodes"]}, kinds, rels, focus is not None,
                  any(r["facts"].get("stub") for r in data["nodes"]),
                  states={r["state"] for r in data["nodes"] if r.get("state")})


def _default_title(sub, focus) -> str:
    if sub.graph.get("mode") == "overview":
        return "Truy vết — toàn cảnh kho văn bản"
    arrow = "xuống các văn bản thực hiện" if sub.graph.get("direction") == "down" else "lên văn bản gốc"
    return f"Truy vết: {node_label(sub, focus)} — {arrow}"


def _note(sub) -> str:
    total, drawn, grouped = sub.graph.get("total"), sub.graph.get("drawn"), sub.graph.get("grouped")
    limit = sub.graph.get("max_nodes")
    if sub.graph.get("mode") == "overview":
        isolated = sub.graph.get("isolated") or 0
        out = f"{total} văn bản và cơ quan; vẽ {drawn}"
        if grouped:
            out += f", bỏ {grouped} nút ít liên kết nhất (--max-nodes {limit})"
        if isolated:
            out += f"; {isolated} nút không có liên kết nào không vẽ"
        return out + "."
    if not grouped:
        return f"Dòng truy vết có {total} nút; trang mở ở tâm điểm và một mức quanh nó."
    return (f"{total} nút trong dòng truy vết; trang giữ {drawn}, {grouped} nút còn lại gộp vào "
            f"{sub.graph.get('groups')} nút “+N” (--max-nodes {limit}).")


def _filters(facets: dict) -> str:
    def box(name, value, text, on=True):
        return (f'<label><input type="checkbox" name="{name}" value="{html.escape(value)}"{" checked" if on else ""}>'
                f' {html.escape(text)}</label>')

    kinds = "".join(box("kind", k, kind_word(k)) for k in facets["kinds"])
    # Citations outnumber every other link in a large store and hide them: off until asked for.
    rels = "".join(box("rel", r, EDGE_STYLE.get(r, {}).get("label", r.lower()), r != "CITES" or facets["links"] <= 1500)
                   for r in facets["rels"])
    where = ['<option value="">— mọi cơ quan ban hành, tỉnh —</option>']
    where += [f'<option value="{html.escape(c)}">{html.escape(c)}</option>' for c in facets["clusters"]]
    where += [f'<option value="{html.escape(p)}">tỉnh/thành: {html.escape(p)}</option>' for p in facets["places"]]
    years = "".join(f'<option value="{y}">{y}</option>' for y in facets["years"])
    return (f'<div class="tv-filters"><fieldset><legend>Loại văn bản</legend>{kinds}</fieldset>'
            f'<fieldset><legend>Liên kết</legend>{rels}</fieldset>'
            f'<fieldset><legend>Cơ quan, tỉnh</legend><select id="tv-where">{"".join(where)}</select></fieldset>'
            f'<fieldset><legend>Năm</legend><select id="tv-from"><option value="">từ</option>{years}</select>'
            f'<select id="tv-to"><option value="">đến</option>{years}</select></fieldset></div>')


def lineage_page(g: nx.MultiDiGraph, query: str, path: str | Path, direction: str | None = None,
                 depth: int | None = None, max_nodes: int = 2000, title: str | None = None,
                 pick: int | None = None, statuses: dict[str, str] | None = None, as_of: str | None = None) -> dict:
    """Resolve ``query`` like ``truyvet trace`` and write its lineage page; returns a summary.
    ``statuses`` (task id → tracking state on ``as_of``) colours the tasks."""
    from truyvet.queries.api import resolve

    node = resolve(g, query, pick=pick)
    sub = lineage_subgraph(g, node, direction, depth, max_nodes)
    if statuses:
        sub.graph.update(statuses=statuses, as_of=as_of)
    return _summary(render_html(sub, node, path, title, g), sub)


def overview_page(g: nx.MultiDiGraph, path: str | Path, max_nodes: int = 300, title: str | None = None) -> dict:
    sub = overview_subgraph(g, max_nodes)
    return _summary(render_html(sub, None, path, title), sub)


def _summary(path: Path, sub) -> dict:
    return {"path": str(path), "nodes": sub.number_of_nodes(),
            "edges": len({(u, v, d.get("rel"), d.get("role")) for u, v, d in sub.edges(data=True)}),
            **{k: sub.graph.get(k) for k in ("focus", "mode", "total", "drawn", "grouped", "groups")},
            "note": _note(sub)}
