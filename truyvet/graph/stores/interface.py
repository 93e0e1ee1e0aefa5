"""The :class:`Store` interface both engines implement, and the :class:`Writer` that streams fragments into one."""
from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections import Counter
from typing import Callable, Iterable

from truyvet.errors import StoreError
from truyvet.graph.model import Fragment
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.batch import Batch, fold
from truyvet.graph.stores.guard import ensure_read_only
from truyvet.graph.stores.patterns import ensure_possible

Progress = Callable[[int, int], None]


class Store(ABC):
    """A persistent graph of Fragments that answers Cypher."""

    kind: str = ""
    # Does the store hold the symbol key (truyvet.graph.stores.keys)? Every
    # store opened for writing does; a lookup by symbol scans without it.
    keyed: bool = False

    # engine primitives -------------------------------------------------------
    @abstractmethod
    def _read(self, cypher: str, params: dict) -> list[dict]:
        """Run a read query and return rows as dicts of plain values."""

    @abstractmethod
    def _write(self, cypher: str, params: dict) -> list[dict]:
        """Run a write query in its own transaction."""

    def _read_guarded(self, cypher: str, params: dict) -> list[dict]:
        """Run a caller's query that passed the read-only guard; an engine
        adds its own refusal of writes on top (a read-only transaction, a
        plan check), so a text the guard misreads still cannot write."""
        return self._read(cypher, params)

    @abstractmethod
    def _apply(self, batch: Batch, replace: list[str]) -> None:
        """Atomically delete the facts of ``replace`` and write ``batch``."""

    @abstractmethod
    def _remove(self, doc_ids: list[str]) -> None:
        """Atomically run :func:`~truyvet.graph.stores.cypher.drop_documents`."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def clear(self) -> None:
        """Remove every node and relationship (the schema stays)."""

    # public API ----------------------------------------------------------------
    def ingest(self, fragment: Fragment) -> str:
        """Write one document's facts atomically.

        Returns "added", "unchanged" (same sha256 as stored) or "replaced".
        """
        old = self.document_sha(fragment.doc_id)
        if old == fragment.sha256:
            return "unchanged"
        self._apply(fold([fragment]), [fragment.doc_id] if old is not None else [])
        return "added" if old is None else "replaced"

    def ingest_many(self, fragments: Iterable[Fragment], progress: Progress | None = None,
                    rewrite: Iterable[str] = ()) -> dict[str, int]:
        """Write many fragments with the engine's bulk path; returns status counts.

        A fragment whose document is stored with the same SHA-256 is skipped
        ("unchanged"), unless its document id is in ``rewrite`` (a file moved:
        its facts are written again, pointing at the new path).
        """
        frags = list(fragments)
        rewrite = set(rewrite)
        stored = self.document_shas(sorted({f.doc_id for f in frags}))
        known = dict(stored)
        status = {"added": 0, "unchanged": 0, "replaced": 0}
        todo: list[Fragment] = []
        for f in frags:
            if known.get(f.doc_id) == f.sha256 and f.doc_id not in rewrite:
                status["unchanged"] += 1
                continue
            status["replaced" if f.doc_id in known else "added"] += 1
            known[f.doc_id] = f.sha256
            todo.append(f)
        self._bulk(todo, set(stored), progress, len(frags))
        return status

    def _bulk(self, frags: list[Fragment], stored: set[str],
              progress: Progress | None, total: int) -> None:
        """Default bulk path: batches of fragments, one transaction each.

        ``stored`` are the documents in the store before the call: their old
        facts, and those a previous batch wrote, are deleted before rewriting.
        """
        step = self.batch_fragments
        written = set(stored)
        for i in range(0, len(frags), step):
            chunk = frags[i:i + step]
            ids = {f.doc_id for f in chunk}
            self._apply(fold(chunk), sorted(ids & written))
            written |= ids
            if progress:
                progress(total - len(frags) + i + len(chunk), total)
        if progress and not frags:
            progress(total, total)

    batch_fragments = 500

    # Fragments per ingest_many call of a writer.
    writer_batch = 2000

    def writer(self) -> "Writer":
        """A sink for a long stream of fragments: ``add`` each, then ``close``."""
        return Writer(self, self.writer_batch)

    def query(self, cypher: str, params: dict | None = None,
              write: bool = False) -> list[dict]:
        """Run Cypher; read-only unless ``write`` is true. Rows are plain dicts.

        A read query must consist of read clauses only (see
        :mod:`~truyvet.graph.stores.guard`), and runs where the engine itself
        refuses writes. A write over a relationship pattern the schema makes
        empty is refused (:mod:`~truyvet.graph.stores.patterns`).
        """
        if not write:
            ensure_read_only(cypher)
            return self._read_guarded(cypher, params or {})
        ensure_possible(cypher)
        return self._write(cypher, params or {})

    def sources(self) -> list[tuple[str, str, str]]:
        """(document id, file, sha256) of every ingested document."""
        rows = self._read("MATCH (d:Document) WHERE d.stub = false "
                          "RETURN d.id AS id, d.file AS file, d.sha256 AS sha ORDER BY id", {})
        return [(r["id"], r["file"] or "", r["sha"] or "") for r in rows]

    def remove_documents(self, doc_ids: Iterable[str]) -> int:
        """Remove ingested documents and what only they asserted, atomically.

        Their tasks and asserted edges go; a document others cite stays as a
        stub; agencies, people and stubs no other document mentions go.
        Returns how many of ``doc_ids`` were ingested documents.
        """
        ids = sorted(set(doc_ids) & set(self.document_shas(sorted(set(doc_ids)))))
        if ids:
            self._remove(ids)
        return len(ids)

    def document_sha(self, doc_id: str) -> str | None:
        """The sha256 of an ingested document, None if absent or only a stub."""
        return self.document_shas([doc_id]).get(doc_id)

    def document_shas(self, doc_ids: list[str]) -> dict[str, str]:
        rows = self._read(
            "UNWIND $ids AS i MATCH (d:Document) WHERE d.id = i AND d.stub = false "
            "RETURN d.id AS id, d.sha256 AS sha", {"ids": list(doc_ids)}) if doc_ids else []
        return {r["id"]: r["sha"] for r in rows}

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type (every schema name present)."""
        out = {}
        for label in NODE_TABLES:
            out[label] = self._read(f"MATCH (n:{label}) RETURN count(n) AS n", {})[0]["n"]
        for rel, (a, b) in REL_TABLES.items():
            out[rel] = self._read(
                f"MATCH (:{a})-[r:{rel}]->(:{b}) RETURN count(r) AS n", {})[0]["n"]
        return out

    def to_networkx(self, labels=None, rels=None):
        """The whole graph as a MultiDiGraph shaped like build.build_graph's,
        or only its nodes of ``labels`` and edges of ``rels`` (both ends
        among ``labels``) when a reader needs no more.

        Node attributes: ``type`` plus every schema property but ``id`` (the
        node key), None where unknown; edge attributes: ``rel`` plus every
        EDGE_PROPS key, with build's edge key "REL|source_id|span_start|target".
        Rows are read in a fixed order so two stores holding the same facts give
        equal graphs.
        """
        import networkx as nx
        g = nx.MultiDiGraph()
        for label, cols in NODE_TABLES.items():
            if labels is not None and label not in labels:
                continue
            ret = ", ".join(f"n.{c} AS {c}" for c in cols)
            for row in self._ordered(f"MATCH (n:{label})", f"RETURN {ret} ORDER BY n.id"):
                intern_values(row, SHARED_VALUES)
                g.add_node(row.pop("id"), type=label, **row)
        eprops = list(EDGE_PROPS)
        ret = ", ".join(f"r.{c} AS {c}" for c in eprops)
        order = ", ".join(f"r.{c}" for c in ("source_id", "span_start", "span_end", "role", "quote"))
        for rel, (a, b) in REL_TABLES.items():
            if rels is not None and rel not in rels:
                continue
            for row in self._ordered(f"MATCH (n:{a})", f"MATCH (n)-[r:{rel}]->(b:{b}) RETURN n.id AS _from, "
                                     f"b.id AS _to, {ret} ORDER BY _from, _to, {order}"):
                intern_values(row, SHARED_VALUES)
                u, v = row.pop("_from"), row.pop("_to")
                g.add_edge(u, v, key=f"{rel}|{row['source_id']}|{row['span_start']}|{v}",
                           rel=rel, **row)
        return g

    def _ordered(self, match: str, rest: str):
        """The rows of ``match`` (which binds ``n``) and ``rest``, whose
        order begins with ``n.id``. One query here; a server store reads
        them a page of ``n`` at a time."""
        return self._read(f"{match} {rest}", {})

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


# Values that repeat across many rows (a document's file on each of its
# edges): one string each, not one a row, a third of a large graph's memory.
SHARED_VALUES = ("id", "_from", "_to", "source_id", "file", "sha256", "role", "cue", "doc_id", "kind", "issuer",
                 "place", "deadline", "period", "parser", "term", "date")


def intern_values(row: dict, keys) -> None:
    """One string object for each string value of ``keys`` in ``row`` (:data:`SHARED_VALUES`)."""
    for k in keys:
        v = row.get(k)
        if type(v) is str:
            row[k] = sys.intern(v)


class Writer:
    """Writes a stream of fragments in batches through ``ingest_many``.

    A batch that fails is retried one fragment at a time, so a bad document
    costs only itself. ``statuses`` counts added / unchanged / replaced;
    ``failed`` lists "file: problem" for each fragment that was not written,
    and ``failed_files`` their files.
    """

    def __init__(self, store: Store, batch: int = 2000):
        self.store = store
        self.batch = batch
        self.pending: list[Fragment] = []
        self.rewrite: set[str] = set()
        self.statuses: Counter = Counter()
        self.failed: list[str] = []
        self.failed_files: set[str] = set()

    def add(self, fragment: Fragment, rewrite: bool = False) -> None:
        """Queue a fragment; ``rewrite`` writes it even if its SHA-256 is stored."""
        self.pending.append(fragment)
        if rewrite:
            self.rewrite.add(fragment.doc_id)
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        try:
            self.statuses.update(self.store.ingest_many(self.pending, rewrite=self.rewrite))
        except StoreError:
            for frag in self.pending:
                try:
                    if frag.doc_id in self.rewrite:
                        self.statuses.update(self.store.ingest_many([frag], rewrite=self.rewrite))
                    else:
                        self.statuses[self.store.ingest(frag)] += 1
                except StoreError as exc:
                    self.failed.append(f"{frag.file}: {exc}")
                    self.failed_files.add(frag.file)
        self.pending = []
        self.rewrite = set()

    def close(self) -> None:
        if self.pending:
            self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
        return False
