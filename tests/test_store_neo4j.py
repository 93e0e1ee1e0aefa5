"""The Neo4j store: the shared contract against a real server.

Needs a server (scripts/neo4j-server.sh start, then eval its `env`). On CI
(CI=true) a missing server fails these tests; elsewhere they are skipped.
"""
from __future__ import annotations

import os

import pytest

from store_fixtures import (KH_HN, StoreContract, frag_kh_hn, graph_snapshot,  # noqa: F401
                            neo4j_store, require_neo4j, seed_fragments, sha)
from truyvet.errors import QueryError, StoreError
from truyvet.graph.stores import open_store
from truyvet.graph.stores.neo4j import constraints


class TestNeo4jContract(StoreContract):
    @pytest.fixture
    def store(self, neo4j_store):    # noqa: F811  (cleared before each test)
        yield neo4j_store

    @pytest.fixture
    def other_store(self, tmp_path):
        # Community Neo4j has one database: the reference is an embedded store,
        # which also checks that both engines end up holding the same graph.
        with open_store("embedded", path=tmp_path / "reference.lbdb") as s:
            yield s


def test_constraints_are_generated_from_the_schema():
    stmts = constraints()
    assert "CREATE CONSTRAINT task_id IF NOT EXISTS FOR (n:Task) REQUIRE n.id IS UNIQUE" in stmts
    assert any("FOR ()-[r:ASSIGNS]-() ON (r.source_id)" in s for s in stmts)


def test_unreachable_server_error_names_uri_not_password():
    secret = "do-not-print-me-123"
    with pytest.raises(StoreError) as err:
        open_store("neo4j", uri="bolt://127.0.0.1:1", username="neo4j", password=secret,
                   connect_timeout=2)
    msg = str(err.value)
    assert msg.startswith("cannot connect to bolt://127.0.0.1:1: ")
    assert secret not in msg and "\n" not in msg


def test_wrong_password_error_hides_it():
    require_neo4j()
    secret = "wrong-password-456"
    with pytest.raises(StoreError) as err:
        open_store("neo4j", password=secret)
    assert str(err.value).startswith(f"cannot connect to {os.environ.get('NEO4J_URI', 'bolt://')}")
    assert secret not in str(err.value)


def test_server_refuses_writes_in_a_read_transaction(neo4j_store):  # noqa: F811
    # Past the keyword guard, the server itself refuses: reads run in READ mode.
    with pytest.raises(QueryError):
        neo4j_store._read("CREATE (:Document {id: 'sneaky'})", {})
    assert neo4j_store.counts()["Document"] == 0


def test_bulk_load_equals_embedded(neo4j_store, tmp_path):  # noqa: F811
    neo4j_store.batch_fragments = 2          # several transactions, one document twice
    neo4j_store.new_docs_per_transaction = 2
    frags = seed_fragments() + [frag_kh_hn("b")]
    neo4j_store.ingest_many(frags)
    with open_store("embedded", path=tmp_path / "e.lbdb") as e:
        e.ingest_many(frags)
        assert graph_snapshot(neo4j_store) == graph_snapshot(e)
    assert neo4j_store.document_sha(KH_HN) == sha("b")


def test_bulk_load_of_new_documents_in_parts_upgrades_stubs(neo4j_store, tmp_path):  # noqa: F811
    # The CREATE path: the first load leaves stubs (111-TB/VPTW among them)
    # that the second, one document per transaction, upgrades in place.
    first, rest = seed_fragments()[:1], seed_fragments()[1:]
    neo4j_store.new_docs_per_transaction = 1
    neo4j_store.ingest_many(first)
    seen = []
    assert neo4j_store.ingest_many(rest, progress=lambda *p: seen.append(p)) == \
        {"added": len(rest), "unchanged": 0, "replaced": 0}
    assert seen[-1] == (len(rest), len(rest))
    with open_store("embedded", path=tmp_path / "e.lbdb") as e:
        for f in first + rest:
            e.ingest(f)
        assert graph_snapshot(neo4j_store) == graph_snapshot(e)


def test_the_whole_graph_is_read_a_page_at_a_time(neo4j_store, tmp_path, monkeypatch):  # noqa: F811
    """Pages of 3 nodes give the graph one query gives, in the same order."""
    for f in seed_fragments():
        neo4j_store.ingest(f)
    whole = neo4j_store.to_networkx()
    asked, read = [], neo4j_store._read
    monkeypatch.setattr(neo4j_store, "_read", lambda q, p: (asked.append(q), read(q, p))[1])
    monkeypatch.setattr(neo4j_store, "PAGE", 3)
    paged = neo4j_store.to_networkx()
    assert list(paged.nodes(data=True)) == list(whole.nodes(data=True))
    assert list(paged.edges(keys=True, data=True)) == list(whole.edges(keys=True, data=True))
    assert paged.number_of_nodes() == 32 and sum("LIMIT $page" in q for q in asked) > 20
    with open_store("embedded", path=tmp_path / "e.lbdb") as e:
        for f in seed_fragments():
            e.ingest(f)
        assert list(e.to_networkx().edges(keys=True, data=True)) == list(paged.edges(keys=True, data=True))
