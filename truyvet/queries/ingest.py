"""Ingest folders of documents into a store: parse on every core, write per document.

Parsing is pure and CPU-bound, so files are parsed in a process pool and only
the small :class:`~truyvet.graph.model.Fragment` records travel back. Writing
is the store's :meth:`~truyvet.graph.stores.Store.writer`: a first load goes
through the engine's bulk path, later loads write batches of documents
atomically, and an unchanged file (same SHA-256) is skipped by the store.
"""
from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from truyvet.errors import LoaderError, TruyvetError
from truyvet.graph.build import document_fragment
from truyvet.graph.model import Fragment
from truyvet.loaders.files import iter_input_files
from truyvet.loaders.parse import parse_file

# Files per task sent to a worker: large enough to amortise pickling.
_CHUNK = 16


@dataclass
class IngestReport:
    files: int = 0
    failed: list[str] = field(default_factory=list)          # "path: problem"
    statuses: Counter = field(default_factory=Counter)       # added / unchanged / replaced
    warnings: Counter = field(default_factory=Counter)       # by kind of warning
    duplicates: list[str] = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {"files": self.files, "failed": self.failed, "duplicates": self.duplicates,
                "statuses": {"added": 0, "unchanged": 0, "replaced": 0, **self.statuses},
                "warnings": dict(self.warnings), "bytes": self.bytes, "seconds": round(self.seconds, 3)}


def _parse_one(path: str, encoding: str | None) -> tuple[Fragment | None, str | None, int]:
    """Worker: a path → (fragment, error, size). Never raises."""
    try:
        size = os.path.getsize(path)
    except OSError:
        size = 0
    try:
        return document_fragment(parse_file(path, encoding=encoding)), None, size
    except TruyvetError as exc:
        return None, str(exc), size
    except Exception as exc:  # a parser bug must not stop a run over thousands of files
        return None, f"{path}: internal error while parsing: {type(exc).__name__}: {exc}", size


def _parse_chunk(args: tuple[list[str], str | None]) -> list[tuple[Fragment | None, str | None, int]]:
    paths, encoding = args
    return [_parse_one(p, encoding) for p in paths]


def parse_fragments(paths: Iterable[str], *, encoding: str | None = None, workers: int | None = None
                    ) -> Iterator[tuple[str, Fragment | None, str | None, int]]:
    """(path, fragment, error, size) for every input file, in a stable order."""
    files: list[str] = []
    for item in iter_input_files(list(paths)):
        if isinstance(item, LoaderError):
            yield (item.path or "?", None, str(item), 0)
        else:
            files.append(item)
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(files) < 2 * _CHUNK:
        for f in files:
            yield (f, *_parse_one(f, encoding))
        return
    chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk, results in zip(chunks, pool.map(_parse_chunk, [(c, encoding) for c in chunks])):
            for f, r in zip(chunk, results):
                yield (f, *r)


def ingest_paths(store, paths: Iterable[str], *, encoding: str | None = None, workers: int | None = None,
                 progress: Callable[[int, str], None] | None = None,
                 on_fragment: Callable[[Fragment], None] | None = None,
                 on_writing: Callable[[], None] | None = None) -> IngestReport:
    """Parse ``paths`` and write every document into ``store`` (``store`` may be
    None to parse only); ``on_fragment`` sees every parsed document, and
    ``on_writing`` is called when parsing is over and the last write starts
    (a first load writes everything then)."""
    report = IngestReport()
    started = time.perf_counter()
    first_file: dict[str, tuple[str, str]] = {}   # doc id -> (file, sha256) in this run
    with store.writer() if store is not None else contextlib.nullcontext() as writer:
        for path, frag, error, size in parse_fragments(paths, encoding=encoding, workers=workers):
            report.files += 1
            report.bytes += size
            if error:
                report.failed.append(error)
            elif frag.doc_id in first_file:
                # Two copies of one document (a second crawl, an edited copy): the
                # first in path order stands, so a re-run gives the same store.
                kept, sha = first_file[frag.doc_id]
                report.statuses["duplicate" if sha != frag.sha256 else "unchanged"] += 1
                if sha != frag.sha256:
                    report.warnings["duplicate document"] += 1
                    report.duplicates.append(f"{path}: same document as {kept} ({frag.doc_id}), "
                                             f"with different text; kept {kept}")
            else:
                first_file[frag.doc_id] = (path, frag.sha256)
                if writer is not None:
                    writer.add(frag)
                if on_fragment:
                    on_fragment(frag)
                for w in frag.warnings:
                    report.warnings[warning_kind(w)] += 1
            if progress:
                progress(size, path)
        if on_writing:
            on_writing()
    if writer is not None:
        report.statuses.update(writer.statuses)
        report.failed.extend(writer.failed)
    report.seconds = time.perf_counter() - started
    return report


def warning_kind(warning: str) -> str:
    """ "inconsistent identity: …" → "inconsistent identity" (loader warnings
    name their kind before a colon; reader warnings are about the encoding)."""
    head = warning.split(":", 1)[0] if ":" in warning[:40] else " ".join(warning.split()[:2])
    return head.strip()
