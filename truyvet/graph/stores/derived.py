"""Facts a store holds that no single document gives: RECORDED_IN links matched
across documents (:func:`truyvet.graph.events.match_records`).

They are filed under the document whose sentence is their evidence, like any
edge, but depend on two documents; so after every ingest they are dropped
and matched again (:func:`truyvet.queries.derived_views.refresh_matches`).
"""
from __future__ import annotations

from truyvet.graph.events import match_records
from truyvet.graph.schema import EDGE_PROPS
from truyvet.graph.stores.cypher import edge_cypher


def clear_matches(store) -> None:
    """Drop the matched links, and the meetings only they kept."""
    store.query("MATCH (:Event)-[e:RECORDED_IN]->(:Document) WHERE e.role = 'matched' DELETE e", write=True)
    store.query("MATCH (n:Event) OPTIONAL MATCH (n)-[r]-() WITH n, count(r) AS c WHERE c = 0 DELETE n",
                write=True)


def write_matches(store, graph) -> int:
    """Match meetings in ``graph`` (the store read after :func:`clear_matches`,
    which callers may share with other derived views) and write the links."""
    edges = match_records(graph)
    rows = [{"src": e.source, "dst": e.target, **{k: e.props.get(k) for k in EDGE_PROPS}} for e in edges]
    if rows:
        store.query(edge_cypher("RECORDED_IN"), {"rows": rows}, write=True)
    return len(rows)
