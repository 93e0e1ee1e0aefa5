"""Document merges in a store, run by run: the same rules as a one-shot build.

A store is written one file at a time, so a document known without its
number may be stored before, or after, the copy or citation that numbers it.
After each ingest run :func:`reconcile` looks at what the store holds (the
unnumbered documents, and the numbered ones of the same kinds) and applies
:func:`truyvet.graph.docmerge.plan_merges`:

* a citation gives the number: the unnumbered document's file is read again
  and its fragment written under the numbered id (its old id's facts go; it
  stays as a stub only if another document cites it by that id);
* a numbered copy was ingested: the unnumbered document's facts go, its file
  is listed among the numbered node's ``sources``.

Every merge is recorded on the node (``merged_from``), so a later run
rewrites the same file's fragment the same way before deciding whether it
changed (:class:`Known` → :func:`prepare`): re-ingesting changes nothing.
Files that give a document already stored from another file (duplicates) are
added to its ``sources`` too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from truyvet.errors import TruyvetError
from truyvet.graph.build import document_fragment
from truyvet.graph.docmerge import (
    UNMERGED_KINDS,
    Merge,
    best_citation,
    known,
    merged_from_json,
    merges_of,
    plan_merges,
    rename_fragment,
    sources_json,
)
from truyvet.graph.model import Fragment, Node
from truyvet.loaders.subject import subjects_in
from truyvet.loaders.parse import parse_file

_PROPS = "d.id AS id, d.kind AS kind, d.symbol AS symbol, d.issuer AS issuer, d.date AS date, " \
         "d.title AS title, d.place AS place, d.stub AS stub, d.label AS label, d.file AS file, " \
         "d.sha256 AS sha256, d.sources AS sources, d.merged_from AS merged_from"


@dataclass
class Stored:
    """The merges a store records, read once at the start of a run."""
    renames: dict[str, Merge] = field(default_factory=dict)            # alias id -> citation merge
    copies: dict[tuple[str, str], Merge] = field(default_factory=dict)  # (file, sha256) -> copy merge
    carried: dict[str, dict] = field(default_factory=dict)             # doc id -> {sources, merged_from}

    @classmethod
    def read(cls, store) -> "Stored":
        out = cls()
        rows = store.query("MATCH (d:Document) WHERE d.merged_from IS NOT NULL OR d.sources IS NOT NULL "
                           "RETURN d.id AS id, d.sources AS sources, d.merged_from AS merged_from ORDER BY id")
        for r in rows:
            out.carried[r["id"]] = {"sources": r["sources"], "merged_from": r["merged_from"]}
            for m in merges_of(r["merged_from"]):
                if m.by == "citation":
                    out.renames[m.alias] = m
                else:
                    out.copies[(m.alias_file or "", m.alias_sha256 or "")] = m
        return out

    def lists(self, doc_id: str, file: str, sha256: str) -> bool:
        """Does the stored document already name this file among its sources?"""
        sources = json.loads((self.carried.get(doc_id) or {}).get("sources") or "[]")
        return any(s.get("file") == file and s.get("sha256") == sha256 for s in sources)

    def prepare(self, frag: Fragment) -> tuple[Fragment, Merge | None]:
        """The fragment as the store holds it: renamed by a recorded citation
        merge, with the node's other sources and merges kept; and the copy
        merge that makes this file a second source, if one is recorded."""
        copy = self.copies.get((frag.file, frag.sha256))
        if copy is not None and copy.alias == frag.doc_id:
            return frag, copy
        m = self.renames.get(frag.doc_id)
        if m is not None and (m.alias_file, m.alias_sha256) == (frag.file, frag.sha256):
            frag = rename_fragment(frag, m)
        kept = self.carried.get(frag.doc_id)
        if kept:
            frag = _with_props(frag, sources=kept["sources"],
                               merged_from=merged_from_json(kept["merged_from"], merges_of(_own(frag, "merged_from"))))
        return frag, None


def _own(frag: Fragment, prop: str):
    return next((n.props.get(prop) for n in frag.nodes if n.id == frag.doc_id and n.type == "Document"), None)


def _with_props(frag: Fragment, **props) -> Fragment:
    nodes = [Node(n.id, n.type, {**n.props, **props}) if n.id == frag.doc_id and n.type == "Document" else n
             for n in frag.nodes]
    return replace(frag, nodes=nodes)


def add_sources(store, additions: list[tuple[str, list[dict], list[Merge]]]) -> None:
    """List more files (and merges) on stored documents: (document id, file
    entries, merges) each; nothing is written for those listed already. One
    read and one write for all (a folder of copies lists hundreds: 537 in
    the corpus)."""
    wanted: dict[str, tuple[list[dict], list[Merge]]] = {}
    for doc_id, entries, merges in additions:
        e, m = wanted.setdefault(doc_id, ([], []))
        e.extend(entries)
        m.extend(merges)
    if not wanted:
        return
    # By primary key, as the store's own writes look rows up: an incremental
    # run into a large store names a few documents, not a scan's worth.
    rows = store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {_PROPS}", {"ids": sorted(wanted)})
    changed = []
    for r in rows:
        entries, merges = wanted[r["id"]]
        primary = {"file": r["file"] or "", "sha256": r["sha256"] or "", "why": "primary"}
        sources = sources_json(r["sources"] or json.dumps([primary]), entries)
        merged = merged_from_json(r["merged_from"], merges) if merges else r["merged_from"]
        if (sources, merged) != (r["sources"], r["merged_from"]):
            changed.append({"id": r["id"], "s": sources, "m": merged})
    if changed:
        store.query("UNWIND $rows AS r MATCH (d:Document {id: r.id}) SET d.sources = r.s, d.merged_from = r.m",
                    {"rows": changed}, write=True)


def reconcile(store, warn=None, before_write=lambda: None) -> list[Merge]:
    """Apply the merges the stored documents call for; ``warn(file, text)``
    hears each merge and each pair left apart, ``before_write()`` is called
    before the first write. Returns the merges made."""
    skip = list(UNMERGED_KINDS)
    loose = store.query(f"MATCH (d:Document) WHERE d.stub = false AND d.symbol IS NULL "
                        f"AND NOT d.kind IN $skip RETURN {_PROPS} ORDER BY id", {"skip": skip})
    if not loose:
        return []
    kinds = sorted({r["kind"] for r in loose})
    numbered = store.query(f"MATCH (d:Document) WHERE d.symbol IS NOT NULL AND d.kind IN $kinds "
                           f"RETURN {_PROPS} ORDER BY id", {"kinds": kinds})
    records = [known(r["id"], r) for r in loose + numbered]
    cited: dict[str, set[str]] = {}
    for r in store.query("MATCH (d:Document)-[e:IMPLEMENTS|BASED_ON|CITES]->(t:Document) WHERE d.id IN $ids "
                         "RETURN d.id AS d, t.id AS t", {"ids": [r["id"] for r in loose]}):
        cited.setdefault(r["d"], set()).add(r["t"])
    by_id = {k.id: k for k in records}
    plan = plan_merges(records, lambda i, title: best_citation(_citations(store, i), title), cited,
                       lambda i: [t for c in _citations(store, i) for t in subjects_in(c["quote"] or "", by_id[i].symbol)])
    labels = {k.id: k.label or k.id for k in records}
    files = {k.id: k.file for k in records}
    done, renamed = [], {}
    for m in plan.merges:
        if m.by == "citation":
            try:
                doc = parse_file(m.alias_file)
            except (TruyvetError, OSError):
                continue                                # the file is gone or unreadable: it stays apart
            frag = document_fragment(doc)
            if frag.doc_id != m.alias or frag.sha256 != m.alias_sha256:
                continue                                # the file changed since: the next run decides
            renamed[m.into] = rename_fragment(frag, m)  # of two texts named one stub, the later stands
        done.append(m)
    # One removal and one write for all merges: each removal scans every
    # relationship table and checkpoints (1.3 s a merge on the 14k-file corpus).
    if done:
        before_write()
        store.remove_documents([m.alias for m in done])
        add_sources(store, [(m.into, [{"file": m.alias_file, "sha256": m.alias_sha256, "why": "merged"}], [m])
                            for m in done if m.by == "copy"])
        store.ingest_many(renamed.values())
    if warn:
        for m in done:
            warn(m.alias_file or "", m.line(labels.get(m.alias, m.alias), labels.get(m.into, m.into)))
        for doc_id, text in plan.notes:
            warn(files.get(doc_id) or doc_id, text)
    return done


def _citations(store, doc_id: str) -> list[dict]:
    """The sentences that cite a document, as its citing documents assert them."""
    return store.query(
        "MATCH (c:Document)-[e:IMPLEMENTS|BASED_ON|CITES]->(d:Document) WHERE d.id = $id AND e.source_id = c.id "
        "RETURN e.source_id AS source_id, e.file AS file, e.sha256 AS sha256, e.span_start AS span_start, "
        "e.span_end AS span_end, e.quote AS quote", {"id": doc_id})
