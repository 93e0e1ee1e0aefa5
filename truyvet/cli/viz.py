"""``truyvet viz``: write the interactive lineage page (or a store overview) as one offline HTML file.

The drawing itself lives in :mod:`truyvet.queries.viz` so Python users get the same page.
"""
from __future__ import annotations

import datetime as dt

import click

from truyvet.cli.options import docs_option, load_graph, store_options
from truyvet.cli.tasks import task_states


@click.command()
@click.argument("query", required=False)
@docs_option
@store_options
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="HTML file to write, - for standard output [default: lineage.html, or overview.html with --overview].")
@click.option("--up", "direction", flag_value="up", help="Towards the root directives.")
@click.option("--down", "direction", flag_value="down", help="Towards implementing plans, tasks, agencies.")
@click.option("--depth", type=click.IntRange(min=0), help="Document levels to follow [default: 3 down, 6 up].")
@click.option("--max-nodes", type=click.IntRange(min=2),
              help="Nodes the page holds [default: 2000; overview 300]. Above this a lineage folds the excess "
                   "into '+N' nodes; the overview keeps the best connected.")
@click.option("--overview", is_flag=True, help="The whole store: documents and agencies, sized by degree.")
@click.option("--pick", type=click.IntRange(min=1), metavar="N", help="Take candidate N when QUERY names several.")
def viz(query, docs, output, direction, depth, max_nodes, overview, pick, store_spec):
    """Draw the lineage of QUERY as an interactive page that works offline.

    QUERY is what `truyvet trace` takes: a document ("Thông báo 111"), a task
    ("II.2.(14) Hà Nội 20/01/2025") or an agency. The page is one HTML file
    with everything inlined; open it in any browser, no network needed.

    \b
    Examples (after `truyvet demo --keep demo`):
      truyvet viz "Thông báo 92" --docs demo/corpus -o lineage.html
      truyvet viz "I.1.2 Hà Nội" --up --docs demo/corpus -o task.html
      truyvet viz --overview --docs demo/corpus -o overview.html
    """
    from truyvet.queries import viz as pages

    if overview and query:
        raise click.UsageError("--overview draws the whole store: give no QUERY with it")
    if not overview and not query:
        raise click.UsageError("give a QUERY (a document, task or agency), or --overview")
    # The overview draws the whole graph; a lineage page, a neighbourhood.
    with load_graph(docs, store_spec, None if overview else query) as g:
        if overview:
            info = pages.overview_page(g, output or "overview.html", max_nodes or 300)
        else:
            as_of = dt.date.today().isoformat()
            info = pages.lineage_page(g, query, output or "lineage.html", direction, depth, max_nodes or 2000,
                                      pick=pick, statuses=task_states(docs, store_spec, as_of, g), as_of=as_of)
    where = "stdout" if output == "-" else info["path"]
    click.echo(f"wrote {where}: {info['nodes']} nodes, {info['edges']} edges", err=output == "-")
    if info["grouped"]:
        click.echo(info["note"], err=output == "-")
