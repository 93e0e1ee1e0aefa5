"""The ``truyvet`` command line: a thin layer over :mod:`truyvet.queries.api`.

One module per command group, none importing another's commands; this module
names them for :func:`main` (``truyvet = "truyvet.cli:main"``), which imports a
command's module only when it is asked for.
"""
from __future__ import annotations

from truyvet.cli.app import main

main.lazy = {
    "parse": "parse:parse",
    "trace": "lineage:trace", "agency": "lineage:agency", "show": "lineage:show",
    "ingest": "store:ingest", "query": "store:query", "queries": "store:queries_cmd",
    "run": "store:run", "push": "store:push", "demo": "store:demo",
    "export": "rdf:export", "sparql": "rdf:sparql",
    "viz": "viz:viz", "serve": "serve:serve",
    "tasks": "tasks:tasks", "review": "tasks:review",
    "status": "corrections:status", "correct": "corrections:correct",
}

__all__ = ["main"]
