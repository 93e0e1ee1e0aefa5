"""Ingest folders of documents into a store: parse on every core, write per document.

Files are parsed in a process pool (:mod:`truyvet.queries.parsing`). Writing
is the store's :meth:`~truyvet.graph.stores.Store.writer`: a first load goes
through the engine's bulk path, later loads write batches of documents
atomically. Which file owns which document decides what is written, skipped
or removed (:mod:`truyvet.queries.ledger`); the report names the files
behind every count (:mod:`truyvet.queries.ingest_report`).
"""
from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable

from truyvet.errors import LoaderError, TruyvetError
from truyvet.graph.extractor import fingerprint
from truyvet.graph.model import Fragment
from truyvet.loaders.files import file_digest, iter_input_files, suffix
from truyvet.queries.ingest_report import IngestReport, nothing_to_ingest
from truyvet.queries.parsing import parse_files, parse_one
from truyvet.queries.ledger import Decision, Ledger
from truyvet.queries.reconcile import Stored, add_sources, reconcile
from truyvet.tracking.views import mark_stale

__all__ = ["IngestReport", "collect_inputs", "ingest_paths", "parse_files", "warning_kind"]


@dataclass
class Inputs:
    """The files a run will read, found before any is parsed (so progress
    has a total)."""
    files: list[str] = field(default_factory=list)             # absolute paths, in path order
    shown: dict[str, str] = field(default_factory=dict)        # absolute path -> as the user spelt it
    errors: list[str] = field(default_factory=list)            # "path: problem"
    unsupported: list[str] = field(default_factory=list)


def collect_inputs(paths: Iterable[str]) -> Inputs:
    found = Inputs()
    for item in iter_input_files(list(paths), unsupported=found.unsupported):
        if isinstance(item, LoaderError):
            found.errors.append(str(item))
        else:
            full = os.path.abspath(item)
            found.files.append(full)
            found.shown[full] = item
    return found


def ingest_paths(store, paths: Iterable[str], *, encoding: str | None = None, workers: int | None = None,
                 progress: Callable[[int, str], None] | None = None,
                 on_fragment: Callable[[Fragment], None] | None = None,
                 on_writing: Callable[[], None] | None = None,
                 on_total: Callable[[int], None] | None = None,
                 prune: bool = False) -> IngestReport:
    """Parse ``paths`` and bring ``store`` in line with the files (``store``
    may be None to parse only).

    Each file owns its facts (:mod:`truyvet.queries.ledger`): a changed file
    replaces them whatever its document id, a moved file is rewritten under
    its new path, a copy is a duplicate. ``prune`` also removes the facts of
    stored files under ``paths`` that no longer exist (without it they are
    listed in ``report.gone``). ``on_total`` gets the number of files before
    parsing starts; ``progress`` is called after each file; ``on_fragment``
    sees every parsed document but duplicates; ``on_writing`` is called when
    parsing is over and the last write starts.
    """
    paths = [os.fspath(p) for p in paths]
    report = IngestReport()
    started = time.perf_counter()
    found = collect_inputs(paths)
    report.failed += found.errors
    report.unsupported = found.unsupported
    if not found.files:
        if not found.errors:
            report.nothing = nothing_to_ingest(paths, found.unsupported)
        return report
    if on_total:
        on_total(len(found.files))
    rows = _ingested(store) if store is not None else []
    ledger = Ledger(paths, [(r["id"], r["file"] or "", r["sha"] or "") for r in rows],
                    shown=lambda p: found.shown.get(p, p))
    stored = Stored.read(store) if store is not None else Stored()
    changing = _first_write(store)
    copies: list[tuple[str, str, str]] = []       # (document id, file, sha256) of second files
    status_of: dict[str, str] = {}
    # Files whose bytes this very code already stored are not parsed again.
    by_file, by_bytes = _by_file_and_bytes(rows)
    # Hashed once: the same digests find the copies among the files parsed.
    digests = {p: d for p in found.files if (d := file_digest(p))} if by_bytes and encoding is None else {}
    kept = {p: (doc_id, *d) for p, d in digests.items() if (doc_id := by_bytes.get((d[0], suffix(p))))}
    with store.writer() if store is not None else contextlib.nullcontext() as writer:
        parsed = parse_files([p for p in found.files if p not in kept], encoding=encoding, workers=workers,
                             digests=digests)
        for path in found.files:                 # in path order: the first file claims a document
            shown = found.shown[path]
            frag = error = d = None
            if path in kept:
                doc_id, sha, size = kept[path]
                d = ledger.decide(path, doc_id, sha)
                if d.write:                      # a copy that now owns its document: read it after all
                    frag, error, size = parse_one(path, encoding)
                    frag = stored.prepare(frag)[0] if frag else None
                else:
                    report.not_reread += 1
            else:
                _, frag, error, size = next(parsed)
                copy = None
                if frag:
                    frag, copy = stored.prepare(frag)
                    doc_id, sha = frag.doc_id, frag.sha256
                if copy is not None:             # a merged copy: already a source of its document
                    ledger.seen_file(path)
                    report.duplicates.append(f"{shown}: bản không số của {copy.into}, đã gộp (merged copy)")
                    status_of[path] = "duplicate"
                elif frag:
                    d = ledger.decide(frag.file, doc_id, sha)
                    if d.status == "unchanged" and by_file.get(path, set()) - {fingerprint()}:
                        # facts from other extraction code: the same bytes, written anew
                        d = Decision("reextracted", True, rewrite=True)
            if error:
                report.failed.append(shown + error[len(path):] if error.startswith(path) else error)
                ledger.seen_file(path)
            elif d is not None:
                status_of[path] = _take(report, d, writer, shown, frag, on_fragment, changing)
                if status_of[path] == "duplicate" and not stored.lists(doc_id, path, sha):
                    copies.append((doc_id, path, sha))
            report.files += 1
            report.bytes += size
            if progress:
                progress(size, shown)
        parsed.close()                           # the workers leave before the last write's peak
        if on_writing:
            on_writing()
    failed_files = writer.failed_files if writer is not None else set()
    if writer is not None:
        report.failed.extend(writer.failed)
    for path, status in status_of.items():
        if path not in failed_files:
            report.statuses[status] += 1
    if store is not None:
        _settle(store, ledger, report, prune, failed_files, changing)
        _merge(store, report, copies, changing)
    report.seconds = time.perf_counter() - started
    return report


def _ingested(store) -> list[dict]:
    """id, file, sha, extraction fingerprint and other files (``sources``)
    of every ingested document, in id order."""
    return store.query("MATCH (d:Document) WHERE d.stub = false RETURN d.id AS id, d.file AS file, "
                       "d.sha256 AS sha, d.parser AS parser, d.sources AS sources ORDER BY id")


def _by_file_and_bytes(rows: list[dict]) -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    """file → the extraction fingerprints of its documents, and, for
    documents this extraction code wrote, (sha256, file suffix) → document
    id: the same bytes in the same format parse to the same document
    wherever they lie. The bytes of the other files found to give a
    document count too (a copy with different text, re-read on every run
    before); those of a copy merged into it do not (it reads as another
    document), and bytes two documents claim are read again."""
    files: dict[str, set[str]] = {}
    texts: dict[tuple[str, str], set] = {}
    for r in rows:
        files.setdefault(r["file"], set()).add(r["parser"] or "")
        if r["parser"] != fingerprint() or not r["file"]:
            continue
        for s in [{"file": r["file"], "sha256": r["sha"], "why": "primary"}] + json.loads(r["sources"] or "[]"):
            texts.setdefault((s["sha256"], suffix(s["file"])), set()).add(
                r["id"] if s["why"] in ("primary", "same document") else None)
    return files, {k: ids.pop() for k, ids in texts.items() if len(ids) == 1 and None not in ids}


def _first_write(store) -> Callable[[], None]:
    """What to call before each write: the first call marks the tracking view
    stale (:func:`truyvet.tracking.views.mark_stale`), so a run killed before
    its refresh leaves the view known to be out of step with the graph."""
    marked = store is None

    def changing() -> None:
        nonlocal marked
        if not marked:
            mark_stale(store)
            marked = True
    return changing


def _take(report: IngestReport, d: Decision, writer, shown: str, frag: Fragment | None,
          on_fragment=None, changing: Callable[[], None] = lambda: None) -> str:
    """Report what one file does to the store and queue its write (``frag``
    is None for a file not read again); returns its status."""
    if d.status == "duplicate":
        report.duplicates.append(f"{shown}: {d.note}")
        if "different text" in d.note:
            report.warn("duplicate document", shown, d.note)
        return d.status
    if d.status == "renamed":
        report.renamed.append(d.note)
    if frag is None:
        return d.status
    if d.write and writer is not None:
        changing()
        writer.add(frag, rewrite=d.rewrite)
        report.touched.add(frag.doc_id)
    if on_fragment:
        on_fragment(frag)
    for w in frag.warnings:
        report.warn(warning_kind(w), shown, w)
    return d.status


def _settle(store, ledger: Ledger, report: IngestReport, prune: bool, failed_files: set[str],
            changing: Callable[[], None]) -> None:
    """After the writes: remove the documents their files no longer give
    and, with ``prune``, those of files that are gone. A file whose new
    version failed to be written keeps its old facts."""
    drop = [d for d in ledger.orphans() if ledger.by_doc[d][0] not in failed_files]
    gone = ledger.gone()
    if prune:
        drop += [d for docs in gone.values() for d in docs]
    if drop:
        report.touched.update(drop)
        changing()
        try:
            store.remove_documents(drop)
        except TruyvetError as exc:
            report.failed.append(f"removing the documents of {len(drop)} changed or gone files: {exc}")
            prune = False
    if prune:
        report.removed = sorted(gone)
        report.statuses["removed"] += len(gone)
    else:
        report.gone = sorted(gone)


def _merge(store, report: IngestReport, copies: list[tuple[str, str, str]],
           changing: Callable[[], None]) -> None:
    """Second files of stored documents become their sources; then the
    documents known without a number join the numbered ones (see
    :mod:`truyvet.queries.reconcile`)."""
    if not (report.changed or copies):
        return                 # what the store holds is what the last run reconciled
    try:
        add_sources(store, [(doc_id, [{"file": path, "sha256": sha, "why": "same document"}], [])
                            for doc_id, path, sha in copies])
        for m in reconcile(store, lambda file, text: report.warn(warning_kind(text), file, text), changing):
            report.touched.update((m.alias, m.into))
    except TruyvetError as exc:
        report.failed.append(f"merging documents: {exc}")


def warning_kind(warning: str) -> str:
    """ "inconsistent identity: …" → "inconsistent identity" (loader warnings
    name their kind before a colon; reader warnings are about the encoding)."""
    head = warning.split(":", 1)[0] if ":" in warning[:40] else " ".join(warning.split()[:2])
    return head.strip()
