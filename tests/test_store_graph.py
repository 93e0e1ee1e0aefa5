"""Lineage read from a store a neighbourhood at a time answers exactly as the
whole store read into one graph does, on both stores, and reads only what
the question needs."""
from __future__ import annotations

import json

import pytest

from store_fixtures import fresh_store
from truyvet.graph.build import document_fragment
from truyvet.queries import api
from truyvet.queries.store_graph import StoreGraph

PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
BCS = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
QUERIES = ["Thông báo 111", "111-TB/VPTW", "thong bao 111", "II.2.(14) Hà Nội 20/01/2025",
           "Ban cán sự đảng UBND Thành phố", "doc:28-NQ/TW", "Kế hoạch 53"]


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store(request, parsed, tmp_path_factory):
    with fresh_store(request.param, tmp_path_factory.mktemp("sg")) as s:
        s.ingest_many([document_fragment(d) for d in parsed.values()])
        yield s


@pytest.fixture(scope="module")
def whole(store):
    return store.to_networkx()


def _same(fn, *args):
    return json.dumps(fn(*args), ensure_ascii=False, sort_keys=True, default=str)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("direction", [None, "up", "down"])
def test_trace_equals_the_whole_graph(store, whole, query, direction):
    g = StoreGraph(store, query)
    assert _same(lambda: api.trace(g, query, direction, 3).to_json()) == \
        _same(lambda: api.trace(whole, query, direction, 3).to_json())


def test_agency_and_show_equal_the_whole_graph(store, whole):
    name = "Ban cán sự đảng UBND Thành phố"
    assert _same(api.agency, StoreGraph(store, name), name) == _same(api.agency, whole, name)
    for q in ("Thông báo 111", "II.2.(14) Hà Nội 20/01/2025", BCS):
        assert _same(api.show, StoreGraph(store, q), q) == _same(api.show, whole, q)


def test_reads_a_neighbourhood_not_the_store(store, whole):
    g = StoreGraph(store, "II.2.(14) Hà Nội")
    assert g.number_of_edges() == 0                     # documents and agencies only
    step = api.trace(g, "II.2.(14) Hà Nội", "up")
    assert [c.id for c in step.children if c.type == "Document"] == [PLAN]
    assert 0 < g.number_of_edges() < whole.number_of_edges() / 10
    assert sum(1 for _, d in g.nodes(data=True) if d["type"] == "Task") < 10


def test_unknown_and_ambiguous_queries(store):
    with pytest.raises(Exception, match="nothing matches"):
        api.trace(StoreGraph(store, "Chỉ thị 999"), "Chỉ thị 999")
    with pytest.raises(Exception, match="ambiguous"):
        api.trace(StoreGraph(store, "Kế hoạch"), "Kế hoạch")


@pytest.mark.parametrize("query,direction,max_nodes", [
    ("Thông báo 111", None, 300), ("Thông báo 111", "down", 40),
    ("II.2.(14) Hà Nội 20/01/2025", None, 300), ("Ban cán sự đảng UBND Thành phố", "up", 30)])
def test_lineage_page_graph_equals_the_whole_graph(store, whole, query, direction, max_nodes):
    from truyvet.queries.viz import lineage_subgraph

    def drawn(g):
        sub = lineage_subgraph(g, api.resolve(g, query), direction, None, max_nodes)
        return (sorted((n, sorted(d.items(), key=str)) for n, d in sub.nodes(data=True)),
                sorted((u, v, k, sorted(d.items(), key=str)) for u, v, k, d in sub.edges(keys=True, data=True)),
                sub.graph)
    assert drawn(StoreGraph(store, query)) == drawn(whole)


@pytest.mark.parametrize("query", ["Thông báo 111", "thong bao so 0111", "Ban cán sự đảng UBND Thành phố"])
def test_a_number_or_an_agency_name_needs_no_search(store, whole, query):
    from truyvet.queries.resolve import resolve
    g = StoreGraph(store, query)
    assert [c.id for c in resolve(g, query).matches] == [c.id for c in resolve(whole, query).matches] != []
    documents = sum(1 for _, d in g.nodes(data=True) if d["type"] == "Document")
    assert not g.whole and documents < 5


def test_every_kind_and_number_answers_as_the_search(store, whole):
    """For each kind and number the store's documents carry, as a user types
    them, the documents the engine's filter reads answer as every document does."""
    from truyvet.loaders.kinds import kind_word
    from truyvet.queries.resolve import resolve, _doc_number
    asked = sorted({f"{kind_word(d['kind'])} {_doc_number(d)}" for _, d in whole.nodes(data=True)
                    if d["type"] == "Document" and d.get("kind") and _doc_number(d)})
    assert len(asked) >= 20
    for q in asked:
        g = StoreGraph(store, q)
        assert [c.id for c in resolve(g, q).matches] == [c.id for c in resolve(whole, q).matches], q
        assert not g.whole, q


def test_an_agency_trace_reads_a_level_at_a_time(store, whole, monkeypatch):
    """The edges above an agency's tasks come a level at a time, not a task
    at a time, once they are many (here: any number); read either way, the
    trace is the same."""
    import truyvet.queries.store_graph as store_graph
    name = "Ban cán sự đảng UBND Thành phố"
    one_by_one = api.trace(StoreGraph(store, name), name, "up").to_json()
    monkeypatch.setattr(store_graph, "PER_NODE_UP_TO", 0)
    g = StoreGraph(store, name)
    asked, query = [], store.query
    monkeypatch.setattr(store, "query", lambda *a, **k: (asked.append(a[0]), query(*a, **k))[1])
    step = api.trace(g, name, "up")
    tasks = [c for c in step.children if c.type == "Task"]
    assert len(tasks) >= 10 and len(asked) <= 8
    assert _same(lambda: step.to_json()) == _same(lambda: api.trace(whole, name, "up").to_json()) \
        == _same(lambda: one_by_one)
