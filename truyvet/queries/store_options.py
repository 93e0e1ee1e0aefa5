"""The --store option family, shared by every command that reads or writes a store."""
from __future__ import annotations

import os
from functools import wraps
from typing import NamedTuple

import click

from truyvet.graph.stores import open_store


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
