"""The project's own error types.

Every failure a user can cause (a bad file, a bad query, an unreachable server)
is raised as a :class:`TruyvetError` so the CLI can print one line and exit
non-zero instead of a traceback.
"""
from __future__ import annotations

import os


class TruyvetError(Exception):
    """Base class for errors that are reported to the user as one line."""


class LoaderError(TruyvetError):
    """A file could not be read or parsed; names the file and the problem."""

    def __init__(self, path: str | os.PathLike | None, problem: str):
        self.path = os.fspath(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path else problem)


class StoreError(TruyvetError):
    """A graph store could not be opened, read or written."""


class QueryError(TruyvetError):
    """A query could not be resolved or run."""


class Unresolved(QueryError):
    """A query that names no node, or several: the message lists candidates
    (:class:`~truyvet.queries.resolve.NoMatch`, :class:`~truyvet.queries.resolve.Ambiguous`)."""

    def __init__(self, resolution, message: str):
        self.resolution = resolution
        super().__init__(message)
