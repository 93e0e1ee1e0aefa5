"""Folding fragments into one write batch: the merge rules, stated once for both engines.

* the fragment's own document is written in full (it is the authority on
  itself) and is never a stub;
* any other Document in a fragment is a reference: it creates a stub, fills
  a stub's missing properties, and never touches a document that was ingested;
* agencies and people are shared: a fragment only fills their missing
  properties (as build.add_fragment does), so no document rewrites another's;
* re-ingesting a document with a new sha256 first removes the edges it
  asserted (``source_id``) and its tasks (``doc_id``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from truyvet.errors import StoreError
from truyvet.graph.model import Fragment, Node
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES, UNANCHORED


@dataclass
class Batch:
    """Rows ready for a store, after the merge rules were applied in memory.

    ``docs`` are ingested documents (written in full), ``stubs`` are references
    (merged as stubs), ``nodes`` the other labels, ``edges`` per relationship
    type. Every row has every schema column, so UNWIND batches and COPY files
    have uniform keys and types.
    """
    docs: dict[str, dict] = field(default_factory=dict)
    stubs: dict[str, dict] = field(default_factory=dict)
    nodes: dict[str, dict[str, dict]] = field(default_factory=dict)
    edges: dict[str, list[dict]] = field(default_factory=dict)

    def node_rows(self, label: str) -> list[dict]:
        if label == "Document":
            return list(self.docs.values()) + list(self.stubs.values())
        return list(self.nodes.get(label, {}).values())


def _full_row(label: str, node_id: str, props: dict) -> dict:
    row = {k: props.get(k) for k in NODE_TABLES[label]}
    row["id"] = node_id
    return row


def fold(fragments: Iterable[Fragment]) -> Batch:
    """Apply the merge rules to fragments, in order, giving one batch.

    Writing the batch with the stores' MERGE statements gives the same graph
    as ingesting the fragments one by one (a later fragment of the same
    document replaces an earlier one in the batch).
    """
    frags = list(fragments)
    final = {f.doc_id: i for i, f in enumerate(frags)}
    b = Batch()
    for i, frag in enumerate(frags):
        _check_fragment(frag)
        superseded = final[frag.doc_id] != i
        for node in frag.nodes:
            # A replaced version's tasks and edges are deleted, but the stubs,
            # agencies and people it wrote stay, as they do one by one.
            if not (superseded and node.type == "Task"):
                _fold_node(b, frag, node)
        if not any(n.id == frag.doc_id and n.type == "Document" for n in frag.nodes):
            _fold_node(b, frag, Node(frag.doc_id, "Document", {}))   # it describes its doc
        if superseded:
            continue
        for edge in frag.edges:
            row = {k: edge.props.get(k) for k in EDGE_PROPS}
            row["source_id"] = row["source_id"] or frag.doc_id
            row["src"], row["dst"] = edge.source, edge.target
            b.edges.setdefault(edge.rel, []).append(row)
    return b


# Relations a document can only assert from itself or from its own tasks:
# replacement finds them from the document node (see delete_plan).
ANCHORED = {rel for rel, (a, _) in REL_TABLES.items()
            if a in ("Document", "Task") and rel not in UNANCHORED}


def _check_fragment(frag: Fragment) -> None:
    def bad(msg: str) -> StoreError:
        return StoreError(f"{frag.doc_id}: {msg}")

    tasks = set()
    for node in frag.nodes:
        if node.type not in NODE_TABLES:
            raise bad(f"node {node.id!r} has unknown type {node.type!r}")
        if node.type == "Task":
            if node.props.get("doc_id") not in (None, frag.doc_id):
                raise bad(f"task {node.id!r} belongs to {node.props['doc_id']!r}")
            tasks.add(node.id)
    listed = set()
    for edge in frag.edges:
        where = f"{edge.rel} edge {edge.source} -> {edge.target}"
        if edge.rel not in REL_TABLES:
            raise bad(f"edge has unknown relation {edge.rel!r}")
        src = edge.props.get("source_id")
        if src not in (None, frag.doc_id):
            # Replacement deletes by source_id: an edge filed under another
            # document would outlive every re-ingest of this one.
            raise bad(f"{where} has source_id {src!r}, not the fragment's document")
        if edge.rel in ANCHORED:
            home = {frag.doc_id} if REL_TABLES[edge.rel][0] == "Document" else tasks
            if edge.source not in home:
                raise bad(f"{where} must start at the document or one of its own tasks")
        if edge.rel == "HAS_TASK":
            if edge.target not in tasks:
                raise bad(f"{where}: the task is not one of this fragment's")
            listed.add(edge.target)
    if tasks - listed:
        raise bad(f"task {sorted(tasks - listed)[0]!r} has no HAS_TASK edge from the document")


def _fold_node(b: Batch, frag: Fragment, node) -> None:
    row = _full_row(node.type, node.id, node.props)
    if node.type == "Document":
        if node.id == frag.doc_id:
            row.update(stub=False, sha256=frag.sha256, file=frag.file or row["file"])
            b.stubs.pop(node.id, None)
            b.docs[node.id] = row
        elif node.id not in b.docs:
            row["stub"] = True
            old = b.stubs.get(node.id)
            b.stubs[node.id] = row if old is None else {
                k: (old[k] if old[k] is not None else row[k]) for k in row}
        return
    if node.type == "Task" and row["doc_id"] is None:
        row["doc_id"] = frag.doc_id      # replacement finds tasks by doc_id
    table = b.nodes.setdefault(node.type, {})
    old = table.get(node.id)
    if old is not None and node.type != "Task":
        row = {k: (old[k] if old[k] is not None else row[k]) for k in row}
    table[node.id] = row
