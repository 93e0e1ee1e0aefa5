"""Where a command reads its graph: the --store option family, --docs, and the loader behind both."""
from __future__ import annotations

import contextlib
import os
import tempfile
import time
from functools import wraps
from typing import NamedTuple

import click
from rich.markup import escape

from truyvet.cli.app import err
from truyvet.errors import TruyvetError
from truyvet.graph.stores import open_store
from truyvet.queries import api
from truyvet.queries.store_graph import StoreGraph


class StoreSpec(NamedTuple):
    """Which store a command works on, as the options and environment gave it."""
    kind: str = "embedded"
    home: str | None = None
    uri: str | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None


def store_options(f):
    """--store and its connection options, shared by every store command."""
    @click.option("--store", "store_kind", type=click.Choice(["embedded", "neo4j"]), default="embedded",
                  show_default=True, envvar="TRUYVET_STORE", help="Embedded database on disk, or a Neo4j server.")
    @click.option("--home", type=click.Path(file_okay=False), envvar="TRUYVET_HOME",
                  help="Folder of the embedded store (default: $TRUYVET_HOME or ./.truyvet).")
    @click.option("--neo4j-uri", envvar="NEO4J_URI", help="bolt://host:7687 (default: $NEO4J_URI).")
    @click.option("--neo4j-user", envvar="NEO4J_USERNAME", help="Default: $NEO4J_USERNAME.")
    @click.option("--neo4j-password", envvar="NEO4J_PASSWORD", help="Default: $NEO4J_PASSWORD (never printed).")
    @click.option("--neo4j-database", envvar="NEO4J_DATABASE", help="Default: $NEO4J_DATABASE or neo4j.")
    @wraps(f)
    def inner(*args, store_kind, home, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, **kw):
        kw["store_spec"] = StoreSpec(store_kind, home, neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
        return f(*args, **kw)
    return inner


def open_from_spec(spec: StoreSpec, read_only: bool = False):
    if spec.kind == "embedded":
        opts = {"read_only": read_only}
        if spec.home:
            opts["path"] = os.path.join(spec.home, "graph.lbdb")
        return open_store("embedded", **opts)
    opts = {k: v for k, v in (("uri", spec.uri), ("username", spec.user), ("password", spec.password),
                               ("database", spec.database)) if v}
    return open_store("neo4j", **opts)


docs_option = click.option("--docs", type=click.Path(exists=True),
                           help="Read these files or folders instead of the store (default: $TRUYVET_DOCS).")


@contextlib.contextmanager
def load_graph(docs: str | None, store_spec: StoreSpec | None = None, query: str | None = None):
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
            what = (f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges" if query is None else
                    f"{g.number_of_nodes()} documents and agencies" if g.whole else
                    f"{g.number_of_nodes()} nodes the query needs")
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


@contextlib.contextmanager
def open_query_store(docs: str | None, store_spec: StoreSpec):
    """The store a Cypher query reads: the one the options name, or with
    --docs a throwaway embedded store holding just those files."""
    docs = docs or api.default_docs()
    if not docs:
        with open_from_spec(store_spec, read_only=True) as store:
            yield store
        return
    from truyvet.queries.ingest import ingest_paths

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="truyvet-docs-") as tmp:
        with open_store("embedded", path=os.path.join(tmp, "graph.lbdb")) as store:
            report = ingest_paths(store, [docs])
            for line in report.failed:
                err.print(f"[red]error:[/red] {escape(line)}")
            if report.files == len(report.failed):
                raise TruyvetError(f"{docs}: no document could be read")
            err.print(f"[dim]read {docs}: {report.files} files into a temporary store "
                      f"in {time.perf_counter() - started:.2f}s[/dim]")
            yield store
