"""The part of a store the derived views depend on, read without the rest.

Rebuilding the views from the whole store costs minutes at 100k documents
for one file ingested or one status recorded. Neither view needs the whole store:

* a tracked task's rows depend on its document, its tasks and their leads,
  and the statements that report on that document
  (:func:`~truyvet.tracking.link.link_statements` matches a statement only
  against the tasks of the document it reports on). :func:`affected` gives
  the documents whose rows an ingest may have changed, :func:`fact_docs`
  those a user's status or correction may have changed, and
  :func:`tracking_graph` the part of the store their rows are computed from;
* a meeting is matched to its record through its chair and the notices and
  conclusions that name the chair (:func:`~truyvet.graph.events.match_records`):
  :func:`event_graph` reads the meetings, what they link to and those
  documents, a few thousand nodes where tasks are millions.

Each graph holds its nodes and edges exactly as
:meth:`~truyvet.graph.stores.interface.Store.to_networkx` gives them, so
the views computed from it equal those computed from the whole store.
"""
from __future__ import annotations

import networkx as nx

from truyvet.graph.schema import DOC_RELATIONS, REL_TABLES
from truyvet.graph.stores.cypher import by_ids
from truyvet.queries.store_graph import StoreGraph, add_nodes, label_rows, node_rows
from truyvet.tracking.userlayer import UserFact


def affected(store, touched, facts: list[UserFact] = ()) -> set[str]:
    """The documents whose tracked rows may change when ``touched`` (the
    documents an ingest wrote, removed or merged) changed: those, the
    documents their facts point to (a report's target; a cited stub whose
    properties a citation fills), the documents their previous versions
    reported on (read from the view, the edges are gone), and the user's
    merges of any of these."""
    ids = sorted(touched)
    out = set(ids)
    for rel in DOC_RELATIONS + ("REPORTS",):
        for r in by_ids(store, f"MATCH (x:Document)-[e:{rel}]->(y:Document) WHERE e.source_id = i",
                        "x.id AS x, y.id AS y", ids):
            out |= {r["x"], r["y"]}
    tasks = [r["t"] for r in by_ids(store, "MATCH (e:StatusEvent) WHERE e.reporter = i", "e.task_id AS t", ids)]
    for key, values in (("reported_by", ids), ("task_id", tasks)):
        out |= {r["d"] for r in by_ids(store, f"MATCH (t:TrackedTask) WHERE t.{key} = i", "t.doc_id AS d", values)}
    merges = [(f.target, f.value) for f in facts if f.active and f.kind == "merge"]
    grown = True
    while grown:
        grown = False
        for a, b in merges:
            if (a in out) != (b in out):
                out |= {a, b}
                grown = True
    return out


def fact_docs(store, facts: list[UserFact]) -> set[str]:
    """The documents whose tracked rows ``facts`` (just recorded or reverted)
    may change: a status's or a lead's task's document (read from the view,
    which also holds the tasks only a report knows), merged documents, and
    the documents whose rows a merged agency leads. A link, unlink or
    confirmation changes no row: tracking reads no citation."""
    tasks = sorted({f.target for f in facts if f.kind in ("status", "lead")})
    merged = sorted({x for f in facts if f.kind == "merge" for x in (f.target, f.value)})
    docs = set()
    for match, ids in (("MATCH (t:TrackedTask) WHERE t.task_id = i", tasks),
                       ("MATCH (t:Task) WHERE t.id = i", tasks),
                       ("MATCH (t:TrackedTask) WHERE t.agency_id = i", merged)):
        docs |= {r["d"] for r in by_ids(store, match, "t.doc_id AS d", ids)}
    return docs | {r["d"] for r in by_ids(store, "MATCH (d:Document) WHERE d.id = i", "d.id AS d", merged)}


def tracking_graph(store, docs: set[str], facts: list[UserFact] = ()) -> nx.MultiDiGraph:
    """``docs`` with their tasks, the tasks' leads and the statements that
    report on them, and what the user's ``facts`` read beyond them
    (:func:`with_facts`). (Merged documents are among ``docs``:
    :func:`affected` adds both.)"""
    g = StoreGraph(store, None)
    g.load_nodes("Document", docs)
    held = [d for d in docs if d in g._node]
    g.load_edges_of(held, ("HAS_TASK",), incoming=False)
    g.load_edges_of(held, ("REPORTS",), incoming=True)
    g.remove_nodes_from([n for n, d in list(g.nodes(data=True))
                         if d["type"] == "Task" and d.get("doc_id") not in docs])
    tasks = [n for n, d in g.nodes(data=True) if d["type"] == "Task"]
    g.load_edges_of(tasks, ("ASSIGNS",), incoming=False)
    out = _plain(g)
    with_facts(out, store, facts)
    return out


def merge_groups(facts: list[UserFact]) -> dict[str, set[str]]:
    """Each id an active ``merge`` fact names → every id merged with it,
    through chains of merges (itself included)."""
    group: dict[str, set[str]] = {}
    for f in facts:
        if f.active and f.kind == "merge":
            joined = group.get(f.target, {f.target}) | group.get(f.value, {f.value})
            for x in joined:
                group[x] = joined
    return group


def with_facts(g: nx.MultiDiGraph, store, facts: list[UserFact], agencies: list[dict] | None = None) -> None:
    """Add to a part ``g`` of the store what the user's corrections read
    beyond it, so that :func:`~truyvet.tracking.corrections.apply_corrections`
    gives the rows of its documents as on the whole store:

    * every agency: a corrected lead is named by name and searched among
      them all, and a merge joins two agencies wherever they lead;
    * the task of every corrected lead, with its document: a lead named
      anew adds an agency, which a later correction naming it, on a task of
      any document, finds by name;
    * the documents merged with any document ``g`` holds: a report merged
      into another reports under that one's id and date.

    The rows of the nodes added here are not the part's: the caller keeps
    only its documents' rows. ``agencies``: every agency's row, when the
    caller has read them."""
    active = [f for f in facts if f.active and f.kind in ("lead", "merge")]
    if not active:
        return
    add_nodes(g, "Agency", label_rows(store, "Agency") if agencies is None else agencies)
    leads = [f.target for f in active if f.kind == "lead" and f.target not in g]
    add_nodes(g, "Task", node_rows(store, "Task", leads))
    add_nodes(g, "Document", node_rows(store, "Document", {
        g.nodes[t]["doc_id"] for f in active if f.kind == "lead" and (t := f.target) in g
        and g.nodes[t].get("type") == "Task" and g.nodes[t].get("doc_id") not in g}))
    group = merge_groups(active)
    held = [n for n, d in g.nodes(data=True) if d.get("type") == "Document" and n in group]
    add_nodes(g, "Document", node_rows(store, "Document", {m for n in held for m in group[n] if m not in g}))


def event_graph(store) -> nx.MultiDiGraph:
    """Every meeting with its edges, and every document that names one of
    their chairs as directing it."""
    g = StoreGraph(store, None)
    ids = [r["id"] for r in store.query("MATCH (n:Event) RETURN n.id AS id")]
    g.load_nodes("Event", ids)
    g.load_edges_of(ids, [rel for rel, (a, _) in REL_TABLES.items() if a == "Event"], incoming=False)
    chairs = {v for e in ids for _, v, d in g.out_edges(e, data=True) if d["rel"] == "CHAIRED_BY"}
    g.load_edges_of(chairs, ("DIRECTED_BY",), incoming=True)
    return _plain(g)


def _plain(g: StoreGraph) -> nx.MultiDiGraph:
    # A StoreGraph reads the store on `in`; the views copy graphs and ask
    # for nodes they lack, which must stay absent.
    out = nx.MultiDiGraph()
    out.add_nodes_from(g.nodes(data=True))
    out.add_edges_from(g.edges(keys=True, data=True))
    return out
