"""The ``truyvet`` command line: a thin layer over :mod:`truyvet.queries.api`.

One module per command group, none importing another's commands; this module
attaches them all to :func:`main` (``truyvet = "truyvet.cli:main"``).
"""
from __future__ import annotations

from truyvet.cli import corrections, lineage, parse, rdf, serve, store, tasks, viz
from truyvet.cli.app import main

for _command in (parse.parse, lineage.trace, lineage.agency, lineage.show,
                 store.ingest, store.query, store.queries_cmd, store.run, store.push, store.demo,
                 rdf.export, rdf.sparql, viz.viz, serve.serve,
                 tasks.tasks, tasks.review, corrections.status, corrections.correct):
    main.add_command(_command)

__all__ = ["main"]
