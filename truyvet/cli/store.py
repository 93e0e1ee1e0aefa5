"""The commands that work on a persistent store: ingest, query, queries, run, push, demo.

The writing commands import the parser and the graph builder when they run:
``query`` and ``run`` are lookups, and start without them (0.4 s less).
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

import click
from rich.markup import escape
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from truyvet.cli.app import err, fail, out
from truyvet.cli.options import StoreSpec, docs_option, open_from_spec, open_query_store, store_options
from truyvet.cli.output import write_rows
from truyvet.cli import trace_view
from truyvet.errors import QueryError, TruyvetError
from truyvet.graph.lineage import trace_down
from truyvet.graph.stores import open_store
from truyvet.loaders.kinds import kind_word
from truyvet.queries.pack import get_query, list_queries, run_query
from truyvet.queries.resolve import resolve_params
from truyvet.queries.store_graph import StoreGraph


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@store_options
@click.option("--encoding", help="Force a text encoding (utf-8, utf-16, tcvn3, vni, viscii, cp1258).")
@click.option("--workers", type=int, help="Parsing processes (default: all cores).")
@click.option("--prune", is_flag=True,
              help="Also remove the facts of stored files under PATHS that no longer exist.")
@click.option("--warnings", "all_warnings", is_flag=True, help="List every warning with its file.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (every file named).")
def ingest(paths, store_spec, encoding, workers, prune, all_warnings, as_json):
    """Parse files and folders and bring the store in line with them.

    Each file owns its facts: an unchanged file is skipped, a changed one
    replaces exactly its own facts (even when its document id changes), a
    moved one is rewritten under its new path, a copy is reported as a
    duplicate. Stored files under PATHS that are gone are listed; --prune
    removes their facts. Files that cannot be read are listed and the others
    still land; the exit code is 1 if any failed or nothing could be read.

    \b
      truyvet ingest demo/corpus                 # after `truyvet demo --keep demo`
      truyvet ingest ~/documents --prune --store neo4j
    """
    from truyvet.queries.derived_views import refresh_derived
    from truyvet.queries.ingest import ingest_paths

    with open_from_spec(store_spec) as store:
        show = sys.stderr.isatty() and not as_json
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("còn"),
                      TimeRemainingColumn(), console=err, disable=not show, transient=True) as bar:
            task = bar.add_task("nạp", total=None, rate="")
            done = [0, 0]

            def tick(size: int, path: str) -> None:
                done[0] += 1
                done[1] += size
                elapsed = bar.tasks[0].elapsed or 1e-9
                bar.update(task, completed=done[0],
                           rate=f"{done[0] / elapsed:.0f} tệp/s {done[1] / 1e6 / elapsed:.1f} MB/s")

            report = ingest_paths(store, paths, encoding=encoding, workers=workers, progress=tick,
                                  prune=prune, on_total=lambda n: bar.update(task, total=n),
                                  on_writing=lambda: bar.update(task, description="ghi"))
            tracked_rows, events = refresh_derived(
                store, report.touched, step=lambda name: bar.update(task, description=name))
    # One print per list, not highlighted: rich's cost per call and its
    # highlighter took 0.3 s for the corpus's 537 duplicates, one call 0.05 s.
    for label, lines in (("[red]error:[/red]", report.failed), ("[yellow]duplicate:[/yellow]", report.duplicates)):
        if lines:
            err.print("\n".join(f"{label} {escape(line)}" for line in lines), soft_wrap=True, highlight=False)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    if report.nothing:
        fail(report.nothing, 1)
    if not as_json:
        for line in report.summary(all_warnings):
            err.print(escape(line), soft_wrap=True, highlight=False)
        err.print(f"tracking: {tracked_rows} task rows, {events} status events (truyvet tasks)")
    if not report.ok:
        sys.exit(1)


def _params(pairs: tuple[str, ...]) -> dict:
    """k=v pairs; a value that parses as JSON (numbers, lists) is taken as such."""
    out_params = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param {pair!r}: expected name=value")
        k, v = pair.split("=", 1)
        try:
            out_params[k] = json.loads(v)
        except ValueError:
            out_params[k] = v
    return out_params


_format = click.option("--json", "fmt", flag_value="json", help="Rows as a JSON array.")
_csv = click.option("--csv", "fmt", flag_value="csv", help="Rows as CSV.")


@click.command()
@click.argument("cypher")
@click.option("--param", "-p", "params", multiple=True, help="name=value (JSON values allowed), repeatable.")
@click.option("--write", is_flag=True, help="Allow write clauses (CREATE, MERGE, SET, DELETE …).")
@_format
@_csv
@docs_option
@store_options
def query(cypher, params, write, fmt, docs, store_spec):
    """Run a Cypher query on the store (read-only unless --write); with
    --docs, on a temporary embedded store holding just those files.

    \b
      truyvet query "MATCH (d:Document) WHERE d.stub RETURN d.label AS cited LIMIT 5" --docs demo/corpus
      truyvet query "MATCH (t:Task)-[a:ASSIGNS]->(g:Agency) WHERE g.name = \\$n RETURN t.label" \\
          -p "n=Ban cán sự đảng UBND Thành phố" --docs demo/corpus --csv
    """
    if write and docs:
        raise click.UsageError("--write changes a store: it cannot be used with --docs")
    opener = open_from_spec(store_spec, read_only=False) if write else open_query_store(docs, store_spec)
    with opener as store:
        rows = store.query(cypher, _params(params), write=write)
    write_rows(rows, fmt or "table")
@click.command("queries")
@click.option("--json", "as_json", is_flag=True)
def queries_cmd(as_json):
    """List the named queries of the pack with their parameters."""
    qs = list_queries()
    if as_json:
        click.echo(json.dumps([{"name": q.name, "answers": q.answers,
                                "params": [{"name": p.name, "meaning": p.meaning, "default": p.default,
                                            "required": p.required} for p in q.params]} for q in qs],
                              ensure_ascii=False, indent=2))
        return
    for q in qs:
        ps = " ".join(f"{p.name}=…" if p.required else f"[{p.name}={json.dumps(p.default, ensure_ascii=False)}]"
                      for p in q.params)
        out.print(f"[bold]{q.name}[/bold] {escape(ps)}\n  {escape(q.answers)}")


@click.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True,
              help="name=value (JSON values allowed), repeatable. A parameter that names a node (doc_id, "
                   "task_id, agency_id, from, to) also takes what `trace` takes: \"Thông báo 111\".")
@click.option("--pick", type=click.IntRange(min=1), metavar="N", help="Take candidate N when a parameter names several.")
@_format
@_csv
@docs_option
@store_options
def run(name, params, pick, fmt, docs, store_spec):
    """Run a named query from the pack (see `truyvet queries`).

    \b
      truyvet run lineage_down -p doc_id="Thông báo 92" --docs demo/corpus
      truyvet run lineage_up -p "task_id=I.1.2 Hà Nội" --docs demo/corpus --json
      truyvet run agencies_by_lead -p limit=5 --docs demo/corpus --csv
    """
    q = get_query(name)  # unknown names fail before the store is opened
    values = _params(params)
    with open_query_store(docs, store_spec) as store:
        values = resolve_params(q.params, values, lambda v: StoreGraph(store, v), pick)
        rows = run_query(store, name, values)
    write_rows(rows, fmt or "table")


@click.command()
@click.option("--to", "target", type=click.Choice(["neo4j"]), default="neo4j", show_default=True)
@click.option("--home", type=click.Path(file_okay=False), envvar="TRUYVET_HOME", help="Embedded store folder.")
@click.option("--neo4j-uri", envvar="NEO4J_URI")
@click.option("--neo4j-user", envvar="NEO4J_USERNAME")
@click.option("--neo4j-password", envvar="NEO4J_PASSWORD")
@click.option("--neo4j-database", envvar="NEO4J_DATABASE")
@click.option("--bulk", is_flag=True,
              help="First load through neo4j-admin import into the empty database of a stopped server "
                   "(needs --neo4j-home).")
@click.option("--neo4j-home", type=click.Path(file_okay=False),
              help="With --bulk: the home folder (conf/neo4j.conf) of the stopped local Neo4j.")
def push(target, home, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, bulk, neo4j_home):
    """Copy the embedded store into Neo4j (documents already there and
    unchanged are skipped).

    With --bulk the store is written as CSV and loaded with `neo4j-admin
    database import full` (about 5x the transactional rate at 100k
    documents) into a stopped server's empty database (refused otherwise);
    the server builds the constraints and indexes when truyvet next
    connects. scripts/neo4j-server.sh import does the stop, the load, the
    start and the indexes for its own server.
    """
    if neo4j_home and not bulk:
        raise TruyvetError("--neo4j-home chỉ dùng với --bulk")
    if bulk:
        _push_bulk(home, neo4j_home, neo4j_database or "neo4j")
        return
    from truyvet.graph.build import fragments_from_graph

    with open_from_spec(StoreSpec("embedded", home), read_only=True) as src:
        frags = fragments_from_graph(src.to_networkx())
    with open_from_spec(StoreSpec("neo4j", None, neo4j_uri, neo4j_user, neo4j_password, neo4j_database)) as dst:
        statuses = dst.ingest_many(frags)
    err.print(f"pushed {len(frags)} documents to Neo4j: "
              + ", ".join(f"{n} {k}" for k, n in sorted(statuses.items())))


def _push_bulk(home: str | None, neo4j_home: str | None, database: str) -> None:
    from truyvet.graph.stores.neo4j_admin import bulk_import

    if not neo4j_home:
        raise TruyvetError("--bulk cần --neo4j-home DIR: thư mục của một máy chủ Neo4j đã dừng "
                               "(hoặc dùng scripts/neo4j-server.sh import)")
    with open_from_spec(StoreSpec("embedded", home), read_only=True) as src:
        report = bulk_import(src, neo4j_home, database, say=lambda m: err.print(f"[dim]{escape(m)}[/dim]"))
    s = report.seconds
    err.print(f"đã nạp khối {report.nodes} nút, {report.rels} quan hệ vào cơ sở dữ liệu '{database}' ở "
              f"{escape(report.home)} trong {report.total:.1f} s (CSV {s['csv']:.1f} s, import "
              f"{s['import']:.1f} s): {report.rels / max(report.total, 1e-9):,.0f} quan hệ/s. "
              "Khởi động máy chủ; truyvet tạo ràng buộc và chỉ mục khi kết nối lần đầu.", highlight=False)


@click.command()
@click.option("-n", "documents", default=30, show_default=True, help="Documents to generate.")
@click.option("--seed", default=0, show_default=True)
@click.option("--keep", type=click.Path(file_okay=False), help="Keep the corpus and store in this folder.")
def demo(documents, seed, keep):
    """Generate a small realistic corpus, ingest it into a fresh embedded
    store and trace a directive down to the agencies that carry it."""
    from truyvet.queries.ingest import ingest_paths
    from truyvet.synthetic import generate_corpus

    base = keep or tempfile.mkdtemp(prefix="truyvet-demo-")
    corpus = os.path.join(base, "corpus")
    os.makedirs(corpus, exist_ok=True)
    generate_corpus(corpus, documents, seed=seed)
    os.remove(os.path.join(corpus, "truth.jsonl"))
    store_dir = os.path.join(base, "store")
    with open_store("embedded", path=os.path.join(store_dir, "graph.lbdb")) as store:
        report = ingest_paths(store, [corpus])
        g = store.to_networkx()
    err.print(f"generated {documents} documents in {corpus}; ingested {report.files} files "
              f"in {report.seconds:.1f}s into {store_dir}")
    root = _deepest_root(g)
    if root is None:
        raise TruyvetError("the demo corpus has no implementation chain")
    summary, tree = trace_view.render(trace_down(g, root, depth=3), "down", trace_view.View(max_tasks=3))
    out.print(f"[dim]{escape(summary)}[/dim]")
    out.print(tree)
    query = f"{kind_word(g.nodes[root].get('kind') or '')} {g.nodes[root].get('number') or root}"
    err.print(f"\nnext: truyvet trace \"{query}\" --home {store_dir}\n"
              f"      truyvet trace \"{query}\" --docs {corpus} --brief\n"
              f"      truyvet run agencies_by_lead -p limit=5 --home {store_dir}")


def _deepest_root(g):
    """The central document with the longest implementation chain below it."""

    def depth(step):
        docs = [c for c in step.children if c.type == "Document"]
        return 1 + max((depth(c) for c in docs), default=0)

    best, best_key = None, None
    for n, d in sorted(g.nodes(data=True)):
        if d.get("type") == "Document" and str(d.get("symbol") or "").endswith("/VPTW"):
            key = (depth(trace_down(g, n, depth=4, tasks=False)), g.in_degree(n))
            if best_key is None or key > best_key:
                best, best_key = n, key
    return best
