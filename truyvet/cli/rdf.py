"""``truyvet export`` and ``truyvet sparql``: the graph for other tools, and the
lineage queries in SPARQL."""
from __future__ import annotations

import contextlib
import sys
import time

import click
from rich.markup import escape

from truyvet.cli.app import err
from truyvet.cli.options import docs_option, load_graph, store_options
from truyvet.cli.output import binary_output, write_rows
from truyvet.errors import QueryError, TruyvetError
from truyvet.ontology.export import FORMATS
from truyvet.ontology.rdf import BASE

_base_option = click.option("--base-iri", default=BASE, show_default=True, metavar="IRI",
                            help="Base of node IRIs (an absolute IRI ending in / or #).")


@click.command("export")
@docs_option
@store_options
@click.option("-o", "--output", required=True, type=click.Path(),
              help="File to write; - for standard output; for csv a folder, or a .zip.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the suffix of -o; no suffix = csv folder; ttl for -).")
@_base_option
@click.option("--validate", is_flag=True,
              help="Also check the RDF against the SHACL shapes: a summary on stderr, exit 1 on a violation.")
def export(docs, store_spec, output, fmt, base_iri, validate):
    """Write the whole graph as RDF (ttl, jsonld, nt: ELI terms beside truyvet's,
    with evidence), GraphML (Gephi, yEd, networkx) or CSV for neo4j-admin import.

    \b
    Examples (after `truyvet demo --keep demo`):
      truyvet export --docs demo/corpus -o demo.ttl --validate
      truyvet export --docs demo/corpus -o - --format nt | head -3
      truyvet export --docs demo/corpus -o demo.graphml
      truyvet export --docs demo/corpus -o neo4j-import.zip
    """
    from truyvet.ontology.export import export_graph, export_rdf, format_for
    from truyvet.ontology.rdf import check_base, to_rdf

    base = check_base(base_iri)
    fmt = fmt or ("ttl" if output == "-" else format_for(output))
    if output == "-" and fmt == "csv":
        raise click.UsageError("csv writes one file per table: give -o FOLDER or -o FILE.zip")
    with load_graph(docs, store_spec) as g, \
            (binary_output(output) if output == "-" else contextlib.nullcontext(output)) as target:
        started = time.perf_counter()
        rdf = to_rdf(g, base) if fmt in _RDF or validate else None
        result = export_rdf(rdf, fmt, target) if fmt in _RDF else export_graph(g, fmt, target, base)
    err.print(f"wrote {result.count} {result.unit} to {escape(output if output != '-' else 'stdout')} ({fmt}) "
              f"in {time.perf_counter() - started:.2f}s")
    if validate:
        _validate(rdf, base)


_RDF = ("ttl", "jsonld", "nt")


def _validate(rdf, base: str) -> None:
    """SHACL: one line per kind of finding with its count and a few examples."""
    from truyvet.ontology.rdf import validate as shacl

    started = time.perf_counter()
    report = shacl(rdf, base=base)
    took = time.perf_counter() - started
    for kind in report["summary"]:
        colour = "red" if kind["severity"] == "Violation" else "yellow"
        examples = ", ".join(kind["examples"])
        err.print(f"  [{colour}]{kind['severity']}[/{colour}] ×{kind['count']}: {escape(kind['message'])}"
                  f"[dim] — e.g. {escape(examples)}[/dim]", soft_wrap=True)
    counts = f"{report['violations']} violation(s), {report['warnings']} warning(s)"
    if report["violations"]:
        err.print(f"[red]SHACL: does not conform[/red] ({counts}) in {took:.2f}s")
        sys.exit(1)
    err.print(f"SHACL: conforms ({counts}) in {took:.2f}s")


@click.command("sparql")
@click.argument("name", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Query parameter, repeatable. *_id parameters take a node id, or what you "
                   "would type to `trace` (\"Thông báo 111\") when the graph is read from documents or a store.")
@click.option("--pick", type=click.IntRange(min=1), metavar="N", help="Take candidate N when a parameter names several.")
@docs_option
@store_options
@click.option("--rdf", "rdf_file", type=click.Path(exists=True, dir_okay=False),
              help="Query an exported RDF file (ttl, jsonld, nt) instead of documents or a store.")
@_base_option
@click.option("--json", "fmt", flag_value="json", help="Rows as a JSON array.")
@click.option("--csv", "fmt", flag_value="csv", help="Rows as CSV.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and their parameters.")
def sparql(name, params, pick, docs, store_spec, rdf_file, base_iri, fmt, list_only):
    """Run the SPARQL query NAME (lineage_down, lineage_up, agency_tasks,
    successor_chain, inherited_tasks) or a
    .rq file on the RDF of the graph.

    \b
    Examples (after `truyvet demo --keep demo`):
      truyvet sparql lineage_down -p doc_id="Thông báo 92" --docs demo/corpus
      truyvet sparql agency_tasks -p agency_id="BCS đảng UBND TP Hà Nội" -p role=lead --docs demo/corpus --json
    """
    from truyvet.queries import sparql as sq
    from truyvet.queries.resolve import resolve_params

    if list_only:
        write_rows([{"name": q.name, "params": ", ".join(f"${p.name}{'' if p.required else '?'}" for p in q.params),
                     "answers": q.answers} for q in sq.list_queries()], fmt or "table")
        return
    if not name:
        raise click.UsageError("give a query NAME or a .rq file, or --list")
    query = sq.get_query(name)
    values = dict(_split(p) for p in params)
    rdf, g = _graph(docs, store_spec, rdf_file, base_iri)
    if g is not None:
        values = resolve_params(query.params, values, lambda _: g, pick)
    _check_nodes(rdf, values, base_iri)
    started = time.perf_counter()
    rows = sq.run(rdf, name, values, base_iri)
    err.print(f"[dim]{query.name}: {len(rows)} row(s) in {time.perf_counter() - started:.2f}s[/dim]")
    write_rows(rows, fmt or "table")


def _split(param: str) -> tuple[str, str]:
    name, sep, value = param.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{param!r}: expected NAME=VALUE", param_hint="--param")
    return name.strip().lstrip("$"), value


def _graph(docs, store_spec, rdf_file, base):
    """The RDF to query, and the property graph when documents or a store were read."""
    from rdflib import Graph

    from truyvet.ontology.rdf import check_base, to_rdf

    if rdf_file:
        if docs:
            raise TruyvetError("give --docs or --rdf, not both")
        try:
            return Graph().parse(rdf_file), None
        except Exception as exc:  # rdflib raises many parser-specific types
            raise TruyvetError(f"{rdf_file}: not readable as RDF: {exc}") from exc
    with load_graph(docs, store_spec) as g:
        return to_rdf(g, check_base(base)), g


def _check_nodes(rdf, values: dict, base: str) -> None:
    """An id that names no node would just give no rows: say so instead."""
    from truyvet.queries.sparql import param_term
    for name, value in values.items():
        if name.endswith("_id") and (param_term(name, value, base), None, None) not in rdf:
            raise QueryError(f"${name}: no node {value!r} in the graph (give a node id such as "
                             f"doc:111-TB/VPTW, or read documents with --docs to search by name)")
