"""The ``truyvet`` command line: a thin layer over :mod:`truyvet.queries.api`.

Every command prints one clear line and exits non-zero on bad input; no
traceback reaches the user. ``--json`` output is meant for pipes (jq).
"""
from __future__ import annotations

import contextlib
import json
import sys
import time

import click
from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from truyvet.errors import LoaderError, TruyvetError
from truyvet.graph.lineage import Step, node_label
from truyvet.loaders.normalize import display
from truyvet.queries import api
from truyvet.queries.store_graph import StoreGraph
from truyvet.queries.store_options import StoreSpec, open_from_spec, store_options

err = Console(stderr=True)
out = Console(highlight=False)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TruyvetError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            sys.exit(2)
        except KeyboardInterrupt:
            err.print("interrupted")
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="truyvet")
def main():
    """Trace Vietnamese Party directives: which documents implement which,
    the tasks they assign and the agencies that carry them — every step with
    the sentence that proves it.

    \b
    Quick start:
      truyvet demo                                   # a generated corpus, end to end
      truyvet ingest ../shared/seeds                 # into ./.truyvet (or $TRUYVET_HOME)
      truyvet trace "Thông báo 111"                  # down to plans, tasks, agencies
      truyvet trace "II.2.(14) Hà Nội" --up          # up to the root directives
      truyvet agency "Ban cán sự đảng UBND Thành phố"
      truyvet run agencies_by_lead --json            # named Cypher queries: truyvet queries
      truyvet parse FILE --json | jq .tasks          # the extraction of one file

    Every reading command also takes --docs PATH (read files, no store) and
    --store neo4j (NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per file (the parse contract).")
@click.option("--encoding", help="Force a text encoding (utf-8, utf-16, tcvn3, vni, viscii, cp1258).")
def parse(paths, as_json, encoding):
    """Extract identity, references, tasks and recipients from FILES or folders.

    Without --json, prints a short summary per file. Files that cannot be read
    are reported on stderr, one line each; the exit code is 1 if any failed.
    """
    failed = 0
    for item in api.parse_paths(paths, encoding=encoding):
        if isinstance(item, LoaderError):
            failed += 1
            err.print(f"[red]error:[/red] {escape(str(item))}")
            continue
        if as_json:
            click.echo(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            _print_summary(item)
    if failed:
        sys.exit(1)


def _print_summary(doc) -> None:
    idn = doc.identity
    out.print(f"[bold]{escape(doc.file)}[/bold]")
    out.print(f"  {idn.kind} {escape(idn.symbol or '(no number)')} · {idn.date or '?'} · "
              f"{escape(idn.issuer or '?')} · signed {escape(idn.signer or '?')}")
    rels = {}
    for r in doc.references:
        rels[r.relation] = rels.get(r.relation, 0) + 1
    out.print(f"  references: {rels or 0} · reported links: {len(doc.reported_links)} · "
              f"tasks: {len(doc.tasks)} · recipients: {len(doc.recipients)}")
    for w in doc.warnings:
        out.print(f"  [yellow]warning:[/yellow] {escape(w)}")


@contextlib.contextmanager
def _load(docs: str | None, store_spec=None, query: str | None = None):
    """The graph to answer from: files given with --docs, else the store.

    With a ``query`` a store is read around it as the question needs
    (:class:`StoreGraph`); without one, whole."""
    docs = docs or api.default_docs()
    started = time.perf_counter()
    if not docs:
        spec = store_spec or StoreSpec()
        with open_from_spec(spec, read_only=True) as store:
            g = StoreGraph(store, query) if query is not None else store.to_networkx()
            if g.number_of_nodes() == 0:
                raise TruyvetError("the store is empty: run `truyvet ingest PATH` first, or pass --docs PATH")
            what = (f"{g.number_of_nodes()} documents and agencies" if query is not None else
                    f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
            err.print(f"[dim]read the {spec.kind} store: {what} in {time.perf_counter() - started:.2f}s[/dim]")
            yield g
        return
    g, errors = api.graph_from_paths([docs])
    for e in errors:
        err.print(f"[red]error:[/red] {escape(str(e))}")
    if g.number_of_nodes() == 0:
        raise TruyvetError(f"{docs}: no document could be read")
    err.print(f"[dim]read {docs}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
              f"in {time.perf_counter() - started:.2f}s[/dim]")
    yield g


_docs_option = click.option("--docs", type=click.Path(exists=True),
                            help="Read these files or folders instead of the store (default: $TRUYVET_DOCS).")


@main.command()
@click.argument("query")
@_docs_option
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
    with _load(docs, store_spec, query) as g:
        step = api.trace(g, query, direction, depth)
    if as_json:
        click.echo(json.dumps(step.to_json(), ensure_ascii=False, indent=2))
        return
    tree = Tree(_fmt(step))
    _add(tree, step)
    out.print(tree)


def _fmt(s: Step) -> str:
    colour = {"Document": "bold cyan", "Task": "green", "Agency": "magenta", "Person": "yellow"}.get(s.type, "")
    via = ""
    if s.rel:
        via = f"[dim]{s.rel.lower()}{'/' + s.role if s.role else ''}{' (reported)' if s.reported_by else ''}[/dim] "
    text = f"{via}[{colour}]{escape(s.label)}[/{colour}]"
    if s.type == "Task" and s.extra.get("deadline"):
        text += f" [dim]· hạn {escape(s.extra['deadline'])}[/dim]"
    if s.quote:
        q = s.quote if len(s.quote) <= 220 else s.quote[:217] + "…"
        text += f"\n[italic dim]“{escape(q)}”[/italic dim]"
    return text


def _add(tree: Tree, step: Step) -> None:
    for c in step.children:
        _add(tree.add(_fmt(c)), c)


@main.command()
@click.argument("name")
@_docs_option
@store_options
@click.option("--json", "as_json", is_flag=True)
def agency(name, docs, as_json, store_spec):
    """Every task NAME leads, coordinates or monitors, grouped by source
    document, with the chain up to the root directives."""
    with _load(docs, store_spec, name) as g:
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


@main.command()
@click.argument("query")
@_docs_option
@store_options
@click.option("--json", "as_json", is_flag=True)
def show(query, docs, as_json, store_spec):
    """One node (document, task, agency, person) with all its facts and the
    evidence of every edge."""
    with _load(docs, store_spec, query) as g:
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


# Commands that live in their own modules import this one for _load, so they
# are attached after everything above exists.
from truyvet.queries import cli_store  # noqa: E402,F401  (registers ingest, query, run …)
from truyvet.queries.cli_rdf import export, sparql  # noqa: E402
from truyvet.queries.cli_viz import viz  # noqa: E402

for _command in (viz, export, sparql):
    main.add_command(_command)
