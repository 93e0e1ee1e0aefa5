"""``truyvet export`` and ``truyvet sparql``: the graph for other tools, and the
lineage queries in SPARQL."""
from __future__ import annotations

import json
import sys
import time

import click
from rich.markup import escape
from rich.table import Table

from truyvet.cli.app import err, out
from truyvet.cli.options import docs_option, load_graph
from truyvet.errors import QueryError, TruyvetError
from truyvet.ontology.export import FORMATS


def _load(docs):
    """The whole graph: from the files, else read out of the store."""
    with load_graph(docs) as g:
        return g


@click.command("export")
@docs_option
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write; for csv a folder, or a .zip.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the suffix of -o; no suffix = csv folder).")
@click.option("--validate", is_flag=True,
              help="Also check the RDF against the SHACL shapes; exit 1 on a violation.")
def export(docs, output, fmt, validate):
    """Write the graph as RDF (ttl, jsonld, nt: ELI/PROV-aligned, with evidence),
    GraphML (Gephi, yEd) or CSV for neo4j-admin import.

    \b
    Examples:
      truyvet export --docs ../shared/seeds -o seeds.ttl --validate
      truyvet export --docs ../shared/seeds -o seeds.graphml
      truyvet export --docs ../shared/seeds -o neo4j-import.zip
    """
    from truyvet.ontology.export import export_graph, format_for

    fmt = fmt or format_for(output)
    g = _load(docs)
    started = time.perf_counter()
    result = export_graph(g, fmt, output)
    err.print(f"wrote {result.count} {result.unit} to {escape(output)} ({fmt}) "
              f"in {time.perf_counter() - started:.2f}s")
    if validate:
        from truyvet.ontology.rdf import to_rdf, validate as shacl

        started = time.perf_counter()
        report = shacl(to_rdf(g))
        took = time.perf_counter() - started
        if report["violations"]:
            err.print(report["text"], markup=False)
            err.print(f"[red]SHACL: {report['violations']} violation(s)[/red] in {took:.2f}s")
            sys.exit(1)
        err.print(f"SHACL: conforms ({report['warnings']} warning(s): tasks with no lead in the text) "
                  f"in {took:.2f}s")


@click.command("sparql")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter, repeatable. *_id parameters take a node id, or what you "
                   "would type to `trace` (\"Thông báo 111\") when the graph is read with --docs.")
@docs_option
@click.option("--rdf", "rdf_file", type=click.Path(exists=True, dir_okay=False),
              help="Query an exported RDF file (ttl, jsonld, nt) instead of reading documents.")
@click.option("--json", "as_json", is_flag=True, help="Rows as a JSON array.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
def sparql(name, params, docs, rdf_file, as_json, list_only):
    """Run the SPARQL query NAME (lineage_down, lineage_up, agency_tasks) or a
    .rq file on the RDF of the graph.

    \b
    Examples:
      truyvet sparql lineage_down -p doc_id="Thông báo 111" --docs ../shared/seeds
      truyvet sparql agency_tasks -p agency_id=agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi \\
          -p role=lead --rdf seeds.ttl --json
    """
    from truyvet.queries import sparql as sq

    if list_only:
        for q in sq.list_queries():
            ps = ", ".join(f"${p.name}{'' if p.required else '?'}" for p in q.params)
            out.print(f"[bold]{q.name}[/bold]({ps})  {escape(q.answers)}")
        return
    if not name:
        raise click.UsageError("give a query NAME or a .rq file, or --list")
    query = sq.get_query(name)
    values = dict(_split(p) for p in params)
    rdf, g = _graph(docs, rdf_file)
    if g is not None:
        values = {k: _resolve(g, k, v) for k, v in values.items()}
    _check_nodes(rdf, values)
    started = time.perf_counter()
    rows = sq.run(rdf, name, values)
    err.print(f"[dim]{query.name}: {len(rows)} row(s) in {time.perf_counter() - started:.2f}s[/dim]")
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    _table(rows)


def _split(param: str) -> tuple[str, str]:
    name, sep, value = param.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{param!r}: expected NAME=VALUE", param_hint="--param")
    return name.strip().lstrip("$"), value


def _graph(docs, rdf_file):
    """The RDF to query, and the property graph when documents were read."""
    from rdflib import Graph

    from truyvet.ontology.rdf import to_rdf

    if rdf_file:
        if docs:
            raise TruyvetError("give --docs or --rdf, not both")
        try:
            return Graph().parse(rdf_file), None
        except Exception as exc:  # rdflib raises many parser-specific types
            raise TruyvetError(f"{rdf_file}: not readable as RDF: {exc}") from exc
    g = _load(docs)
    return to_rdf(g), g


def _resolve(g, name: str, value: str) -> str:
    """Node ids pass through; anything else is looked up as `trace` does."""
    if not name.endswith("_id") or value in g or value.startswith(("http://", "https://")):
        return value
    from truyvet.queries.api import resolve
    try:
        return resolve(g, value)
    except QueryError as exc:
        raise QueryError(f"${name}: {exc}") from exc


def _check_nodes(rdf, values: dict) -> None:
    """An id that names no node would just give no rows: say so instead."""
    from truyvet.queries.sparql import param_term
    for name, value in values.items():
        if name.endswith("_id") and (param_term(name, value), None, None) not in rdf:
            raise QueryError(f"${name}: no node {value!r} in the graph (give a node id such as "
                             f"doc:111-TB/VPTW, or read documents with --docs to search by name)")


def _table(rows: list[dict]) -> None:
    if not rows:
        out.print("[dim]no rows[/dim]")
        return
    table = Table(show_lines=False)
    for col in rows[0]:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*["" if v is None else escape(_short(v)) for v in r.values()])
    out.print(table)


def _short(value) -> str:
    s = str(value)
    return s if len(s) <= 80 else s[:77] + "…"
