"""Merges over one set of fragments: a build, or the files of one run.

Applies :func:`truyvet.graph.docmerge.plan_merges` to fragments before they
are folded into a graph (:func:`truyvet.graph.build.build_graph`), so a
one-shot build gives the node a store reaches file by file
(:mod:`truyvet.queries.reconcile`).
"""
from __future__ import annotations

from dataclasses import replace

from truyvet.graph.docmerge import (
    Merge,
    best_citation,
    known,
    merged_from_json,
    plan_merges,
    rename_fragment,
    sources_json,
)
from truyvet.graph.model import Node
from truyvet.loaders.subject import subjects_in


def merge_fragments(frags: list) -> list:
    """The fragments with merges applied: an unnumbered document that is a
    numbered one's copy is dropped and named among the numbered one's
    ``sources``; one that a citation numbers takes that id; several files of
    one document leave one fragment (the first by file, the rest in its
    ``sources``). Warnings say what was merged, and what was not and why."""
    frags = sorted(frags, key=lambda f: (f.file, f.sha256, f.doc_id))
    own = {}
    stubs: dict[str, dict] = {}
    cites: dict[str, list[dict]] = {}
    cited: dict[str, set[str]] = {}
    for f in frags:
        for n in f.nodes:
            if n.type != "Document":
                continue
            if n.id == f.doc_id:
                own.setdefault(n.id, known(n.id, n.props, f.file, f.sha256))
            else:
                cur = stubs.setdefault(n.id, {})
                for k, v in n.props.items():
                    if cur.get(k) is None and v is not None:
                        cur[k] = v
        for e in f.edges:
            if e.rel in ("IMPLEMENTS", "BASED_ON", "CITES") and e.source == f.doc_id:
                cited.setdefault(f.doc_id, set()).add(e.target)
            if e.rel in ("IMPLEMENTS", "BASED_ON", "CITES") and e.props.get("source_id") == f.doc_id:
                cites.setdefault(e.target, []).append({
                    "source_id": f.doc_id, "file": f.file, "sha256": f.sha256, "span_start": e.props.get("span_start"),
                    "span_end": e.props.get("span_end"), "quote": e.props.get("quote")})
    records = list(own.values()) + [known(i, {**p, "stub": True}) for i, p in stubs.items() if i not in own]
    by_id = {r.id: r for r in records}
    plan = plan_merges(records, lambda i, title: best_citation(cites.get(i, []), title), cited,
                       lambda i: [t for c in cites.get(i, []) for t in subjects_in(c["quote"] or "", by_id[i].symbol)])
    by_alias = {m.alias: m for m in plan.merges}
    labels = {r.id: r.label or r.id for r in records}
    extra: dict[str, list[dict]] = {}
    merged_into: dict[str, list[Merge]] = {}
    notes: dict[str, list[str]] = {}
    for doc_id, text in plan.notes:
        notes.setdefault(doc_id, []).append(text)
    out = []
    for f in frags:
        m = by_alias.get(f.doc_id)
        if m is None:
            out.append(f)
            continue
        line = m.line(labels.get(m.alias, m.alias), labels.get(m.into, m.into))
        if m.by == "citation":
            f = rename_fragment(f, m)
            f.warnings.extend([line, *notes.pop(m.alias, [])])
            out.append(f)
        else:
            extra.setdefault(m.into, []).append({"file": f.file, "sha256": f.sha256, "why": "merged"})
            merged_into.setdefault(m.into, []).append(replace(m, warning=m.warning))
            notes.setdefault(m.into, []).append(line)
    primary: dict[str, object] = {}
    for f in out:
        if f.doc_id in primary:
            extra.setdefault(f.doc_id, []).append({"file": f.file, "sha256": f.sha256, "why": "same document"})
        else:
            primary[f.doc_id] = f
    result = []
    for doc_id, f in primary.items():
        if doc_id in extra or doc_id in merged_into or doc_id in notes:
            nodes = []
            for n in f.nodes:
                if n.id == doc_id and n.type == "Document":
                    props = dict(n.props)
                    if doc_id in extra:
                        props["sources"] = sources_json(None, [{"file": f.file, "sha256": f.sha256, "why": "primary"},
                                                               *extra[doc_id]])
                    if doc_id in merged_into:
                        props["merged_from"] = merged_from_json(props.get("merged_from"), merged_into[doc_id])
                    n = Node(n.id, n.type, props)
                nodes.append(n)
            f = replace(f, nodes=nodes, warnings=f.warnings + notes.get(doc_id, []))
        result.append(f)
    return result
