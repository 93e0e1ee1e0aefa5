"""``truyvet trace``, ``agency`` and ``show``: reading the lineage of a document, task or agency."""
from __future__ import annotations

import json
from functools import wraps

import click
from rich.markup import escape

from truyvet.cli import agency_view, card, trace_view
from truyvet.cli.app import out
from truyvet.cli.options import docs_option, load_graph, store_options
from truyvet.cli.output import write_rows
from truyvet.graph.lineage import node_label
from truyvet.queries import api

QUERY_HELP = """QUERY is a symbol ("111-TB/VPTW"), a kind and number ("Thông báo 111",
"thong bao 111", "TB 111"), a task label with words naming its document
("II.2.(14) Hà Nội 20/01/2025") or an agency ("BCS đảng UBND TP"). The number
is matched whole: "Thông báo 11" is not 111-TB/VPTW. No match: exit 1 with the
nearest candidates; several: a numbered list, choose with --pick N."""


def pick_option(f):
    return click.option("--pick", type=click.IntRange(min=1), metavar="N",
                        help="Take candidate N when QUERY names several.")(f)


def view_options(f):
    """--brief, --max and --headings: how much of a lineage to print."""
    @click.option("--brief", is_flag=True, help="No evidence quotes.")
    @click.option("--max", "max_tasks", type=click.IntRange(min=0), default=0, metavar="N",
                  help="At most N tasks per document (0: all).")
    @click.option("--headings", is_flag=True, help="Also list section headings (tasks that hold other items).")
    @wraps(f)
    def inner(*args, brief, max_tasks, headings, **kw):
        kw["view"] = trace_view.View(brief=brief, headings=headings, max_tasks=max_tasks)
        return f(*args, **kw)
    return inner


def _print_view(summary: str, tree) -> None:
    out.print(f"[dim]{escape(summary)}[/dim]")
    out.print(tree)


@click.command(help=f"""Show the lineage of QUERY: down from a document to the documents
that implement it, their tasks and agencies; up from a task to its document
and the directives above it. Every step comes with the sentence that proves
it, printed once and numbered.

{QUERY_HELP}

\b
Examples (after `truyvet demo --keep demo`):
  truyvet trace "Thông báo 92" --docs demo/corpus
  truyvet trace "TB 92" --docs demo/corpus --brief --max 3
  truyvet trace "I.1.2 Hà Nội" --docs demo/corpus
""")
@click.argument("query")
@docs_option
@store_options
@click.option("--up", "direction", flag_value="up", help="Towards the root directives.")
@click.option("--down", "direction", flag_value="down", help="Towards implementing plans, tasks, agencies.")
@click.option("--depth", default=3, show_default=True, help="Document levels to follow.")
@view_options
@pick_option
@click.option("--json", "as_json", is_flag=True, help="The lineage tree as JSON (relation names in English).")
def trace(query, docs, direction, depth, view, pick, as_json, store_spec):
    with load_graph(docs, store_spec, query) as g:
        node = api.resolve(g, query, pick=pick)
        kind = g.nodes[node].get("type")
        direction = direction or ("down" if kind == "Document" else "up")
        if kind == "Agency" and direction == "up" and not as_json:
            _, groups = api.agency(g, node)
            _print_view(*agency_view.render(node_label(g, node), groups, view, g.nodes[node].get("name") or ""))
            return
        step = api.trace(g, node, direction, depth)
    if as_json:
        click.echo(json.dumps(step.to_json(), ensure_ascii=False, indent=2))
        return
    _print_view(*trace_view.render(step, direction, view))


_AGENCY_COLUMNS = ("document", "document_label", "label", "role", "deadline", "text", "evidence", "file", "span")


@click.command(help=f"""Every task the agency QUERY leads, coordinates or monitors, grouped by
document, with the role counts, the deadlines and the documents above each
(parallel roots named as such).

{QUERY_HELP}

\b
Examples (after `truyvet demo --keep demo`):
  truyvet agency "BCS đảng UBND TP Hà Nội" --docs demo/corpus
  truyvet agency "ban can su dang ubnd tp ha noi" --docs demo/corpus --csv
""")
@click.argument("query")
@docs_option
@store_options
@view_options
@pick_option
@click.option("--json", "as_json", is_flag=True, help="The agency and its tasks by document, as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="One row per task, as CSV.")
def agency(query, docs, view, pick, as_json, as_csv, store_spec):
    with load_graph(docs, store_spec, query) as g:
        node, groups = api.agency(g, query, pick)
        links = api.succession(g, node)
        title, name = node_label(g, node), g.nodes[node].get("name") or ""
    if as_json:
        click.echo(json.dumps({"agency": node, "label": title, **links, "documents": groups},
                              ensure_ascii=False, indent=2))
    elif as_csv:
        write_rows([{"document": grp["document"], "document_label": grp["label"],
                     **{k: t.get(k) for k in _AGENCY_COLUMNS[2:]},
                     "inherited_from": (grp.get("inherited_from") or {}).get("label")}
                    for grp in groups for t in grp["tasks"]], "csv")
    else:
        _print_view(*agency_view.render(title, groups, view, name, links))


@click.command(help=f"""One node (document, task, agency, person) as a card: its facts and
every link, each with the sentence that proves it, the file and the span.

{QUERY_HELP}

\b
Examples (after `truyvet demo --keep demo`):
  truyvet show "Thông báo 92" --docs demo/corpus
  truyvet show "92-TB/VPTW" --docs demo/corpus --json
""")
@click.argument("query")
@docs_option
@store_options
@pick_option
@click.option("--json", "as_json", is_flag=True, help="All facts and edges as JSON.")
def show(query, docs, pick, as_json, store_spec):
    with load_graph(docs, store_spec, query) as g:
        info = api.show(g, query, pick)
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return
    out.print(card.render(info, out.width))
