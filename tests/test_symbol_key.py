"""Lookup by symbol through the stores' symbol key, on real documents: the
seeds, and two decisions of the crawled corpus that share the local symbol
2828/QĐ-UBND (Thành phố Hồ Chí Minh, 19/11/2025; tỉnh Quảng Trị, 27/11/2025).

Every write path keeps the key equal to the stored symbols; the named query
and the resolver answer by it as the scan did; a store made before the key
answers by scanning until it is opened for writing, which fills the key.
"""
from __future__ import annotations

import json

import pytest

from conftest import SEED_FILES
from store_fixtures import expected_symbol_keys, fresh_store, graph_snapshot, symbol_keys
from conftest import corpus_file
from truyvet.graph.build import document_fragment
from truyvet.graph.stores import open_store
from truyvet.loaders.parse import parse_file
from truyvet.queries import api
from truyvet.queries.pack import get_query, run_query
from truyvet.queries.resolve import NoMatch, resolve
from truyvet.queries.store_graph import StoreGraph

HCM, QT = "doc:2828/QĐ-UBND@ho-chi-minh", "doc:2828/QĐ-UBND@quang-tri"
CORPUS = ("6f66017865169297.md", "c0a2deaf27ce8fea.md")     # the two 2828/QĐ-UBND


@pytest.fixture(scope="module")
def fragments(seeds, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    files = [seeds / f for f in SEED_FILES.values()] + [corpus_file(n, folder) for n in CORPUS]
    return [document_fragment(parse_file(f)) for f in files]


def _load(store, fragments, how: str) -> None:
    if how == "one by one":
        for f in fragments:
            store.ingest(f)
    elif how == "bulk":                  # the embedded store's COPY into an empty store
        store.ingest_many(fragments)
    elif how == "writer":                # as `truyvet ingest` writes: spooled on the embedded store
        with store.writer() as w:
            for f in fragments:
                w.add(f)
    else:                                # a loaded store takes batches of MERGE
        store.ingest_many(fragments[:2])
        store.ingest_many(fragments[2:])


# Per test: the Neo4j database is one, and other tests here load it afresh.
@pytest.fixture(params=["embedded", "neo4j"])
def store(request, fragments, tmp_path):
    with fresh_store(request.param, tmp_path) as s:
        _load(s, fragments, "writer")
        yield s


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_every_write_path_keys_every_symbol(kind, fragments, tmp_path):
    snapshots = []
    for i, how in enumerate(("one by one", "bulk", "writer", "batches")):
        with fresh_store(kind, tmp_path / str(i)) as s:
            _load(s, fragments, how)
            pairs, keys = symbol_keys(s)
            assert (pairs, keys) == expected_symbol_keys(s)
            assert [d for d, k in pairs if k == "2828/qd-ubnd"] == [HCM, QT]
            assert ("doc:111-TB/VPTW", "111-tb/vptw") in pairs          # a stub: cited, never ingested
            snapshots.append(graph_snapshot(s))
            # ingesting the same documents again changes nothing
            _load(s, fragments, how)
            assert graph_snapshot(s) == snapshots[-1]
    assert all(snap == snapshots[0] for snap in snapshots)


def test_document_query_by_the_key(store):
    rows = run_query(store, "document", {"symbol": "2828/QĐ-UBND"})
    assert [(r["document"], r["date"], r["stub"]) for r in rows] == [
        (HCM, "2025-11-19", False), (QT, "2025-11-27", False)]
    # compared whole on the folded key: typed without diacritics or with spaces
    assert run_query(store, "document", {"symbol": "2828/qd-ubnd"}) == rows
    assert run_query(store, "document", {"symbol": "2828 / QĐ-UBND"}) == rows
    assert [r["document"] for r in run_query(store, "document", {"symbol": QT})] == [QT]
    assert run_query(store, "document", {"symbol": "828/QĐ-UBND"}) == []


def test_the_key_answers_as_the_scan_did(store):
    """For every symbol the store holds, as written, the keyed query and the scan agree."""
    scan = get_query("document", store.kind, keyed=False)
    assert "Symbol" not in scan.text and "Symbol" in get_query("document", store.kind).text
    symbols = [r["s"] for r in store.query("MATCH (d:Document) WHERE d.symbol IS NOT NULL "
                                           "RETURN DISTINCT d.symbol AS s ORDER BY s")]
    assert len(symbols) > 30
    for s in symbols:
        assert run_query(store, "document", {"symbol": s}) == store.query(scan.text, {"symbol": s}), s


def _same(fn, *args):
    return json.dumps(fn(*args), ensure_ascii=False, sort_keys=True, default=str)


def test_trace_by_symbol_reads_only_its_documents(store):
    whole = store.to_networkx()
    g = StoreGraph(store, "Thông báo 111-TB/VPTW")
    assert not g.whole and g.number_of_nodes() == 1
    assert _same(lambda: api.trace(g, "Thông báo 111-TB/VPTW").to_json()) == \
        _same(lambda: api.trace(whole, "Thông báo 111-TB/VPTW").to_json())
    assert not g.whole                  # the trace read neighbourhoods, never every document
    # a local symbol names two documents: both are candidates, from the key alone
    g = StoreGraph(store, "2828/QĐ-UBND")
    assert [c.id for c in resolve(g, "2828/QĐ-UBND").matches] == [HCM, QT]
    assert not g.whole
    # a symbol nobody carries falls back to the search, for the nearest candidates
    g = StoreGraph(store, "2829/QĐ-UBND")
    with pytest.raises(NoMatch) as got:
        api.resolve(g, "2829/QĐ-UBND")
    with pytest.raises(NoMatch) as want:
        api.resolve(whole, "2829/QĐ-UBND")
    assert g.whole and str(got.value) == str(want.value) and HCM in str(got.value)


def test_a_store_made_before_the_key_scans_then_gains_it(fragments, tmp_path):
    path = tmp_path / "graph.lbdb"
    with open_store("embedded", path=path) as s:
        _load(s, fragments, "writer")
        expected = expected_symbol_keys(s)
        before = run_query(s, "document", {"symbol": "2828/QĐ-UBND"})
        s.query("DROP TABLE HAS_SYMBOL", write=True)            # as an older truyvet made it
        s.query("DROP TABLE Symbol", write=True)
    with open_store("embedded", path=path, read_only=True) as s:
        assert s.keyed is False
        assert run_query(s, "document", {"symbol": "2828/QĐ-UBND"}) == before
        g = StoreGraph(s, "2828/QĐ-UBND")
        assert g.whole and [c.id for c in resolve(g, "2828/QĐ-UBND").matches] == [HCM, QT]
    with open_store("embedded", path=path) as s:                 # a writable open fills the key
        assert s.keyed is True and symbol_keys(s) == expected


def test_a_neo4j_store_made_before_the_key_gains_it(fragments, tmp_path):
    with fresh_store("neo4j", tmp_path) as s:
        _load(s, fragments, "bulk")
        expected = symbol_keys(s)
        s.query("MATCH (k:Symbol) DETACH DELETE k", write=True)
    with open_store("neo4j") as s:
        assert symbol_keys(s) == expected == expected_symbol_keys(s)
