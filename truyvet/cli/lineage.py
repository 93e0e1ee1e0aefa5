"""``truyvet trace``, ``agency`` and ``show``: reading the lineage of a document, task or agency."""
from __future__ import annotations

import json

import click
from rich.markup import escape
from rich.tree import Tree

from truyvet.cli.app import out
from truyvet.cli.options import docs_option, load_graph, store_options
from truyvet.cli.tree import step_tree
from truyvet.graph.lineage import node_label
from truyvet.loaders.normalize import display
from truyvet.queries import api


@click.command()
@click.argument("query")
@docs_option
@store_options
@click.option("--up", "direction", flag_value="up", help="Towards the root directives.")
@click.option("--down", "direction", flag_value="down", help="Towards implementing plans, tasks, agencies.")
@click.option("--depth", default=3, show_default=True, help="Document levels to follow.")
@click.option("--json", "as_json", is_flag=True, help="The lineage tree as JSON.")
def trace(query, docs, direction, depth, as_json, store_spec):
    """Show the lineage of QUERY: a document ("Thông báo 111", "111-TB/VPTW",
    "thong bao 111", "TB 111"), a task ("II.2.(14) Hà Nội 20/01/2025") or an
    agency. Down from a document by default, up from a task or agency.
    An ambiguous QUERY lists its candidates."""
    with load_graph(docs, store_spec, query) as g:
        step = api.trace(g, query, direction, depth)
    if as_json:
        click.echo(json.dumps(step.to_json(), ensure_ascii=False, indent=2))
        return
    out.print(step_tree(step))


@click.command()
@click.argument("name")
@docs_option
@store_options
@click.option("--json", "as_json", is_flag=True)
def agency(name, docs, as_json, store_spec):
    """Every task NAME leads, coordinates or monitors, grouped by source
    document, with the chain up to the root directives."""
    with load_graph(docs, store_spec, name) as g:
        node, groups = api.agency(g, name)
        title = node_label(g, node)
    if as_json:
        click.echo(json.dumps({"agency": node, "documents": groups}, ensure_ascii=False, indent=2))
        return
    tree = Tree(f"[magenta]{escape(title)}[/magenta]")
    for grp in groups:
        roots = " ← ".join(grp["roots"]) if grp["roots"] else "no known root"
        branch = tree.add(f"[bold cyan]{escape(grp['label'])}[/bold cyan] [dim](implements: {escape(roots)})[/dim]")
        for t in grp["tasks"]:
            branch.add(f"[green]{escape(t['label'])}[/green] [dim]{t['role']}[/dim] {escape((t['text'] or '')[:120])}")
    out.print(tree)


@click.command()
@click.argument("query")
@docs_option
@store_options
@click.option("--json", "as_json", is_flag=True)
def show(query, docs, as_json, store_spec):
    """One node (document, task, agency, person) with all its facts and the
    evidence of every edge."""
    with load_graph(docs, store_spec, query) as g:
        info = api.show(g, query)
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return
    out.print(f"[bold]{escape(info['label'])}[/bold]  [dim]{escape(info['id'])}[/dim]")
    for k, v in info["facts"].items():
        if v not in (None, "", False):
            out.print(f"  {k}: {escape(str(v))}")
    for e in info["edges"]:
        arrow = "→" if e["direction"] == "out" else "←"
        role = f"/{e['role']}" if e.get("role") else ""
        out.print(f"  {arrow} {e['rel']}{role} {escape(e['other_label'])}")
        if e.get("quote"):
            out.print(f"      [italic dim]“{escape(display(e['quote'])[:240])}” ({escape(str(e['file']))}:{e['span_start']}-{e['span_end']})[/italic dim]")
    for w in info["warnings"]:
        out.print(f"  [yellow]warning:[/yellow] {escape(w)}")
