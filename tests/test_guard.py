"""The read-only guard, on the real embedded store and the real Neo4j server.

Every payload of issue 17 is run through ``store.query`` and ``truyvet query``
and must be refused without changing anything; a LOAD CSV aimed at an HTTP
listener started here must never reach it (a control run without the guard
shows the listener does see such a request).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store_fixtures import KH_HN, frag_kh_hn, graph_snapshot, require_neo4j
from truyvet.errors import QueryError
from truyvet.graph.stores import ensure_read_only, open_store
from truyvet.graph.stores.guard import tokens

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "reliability"))

from guard import Listener  # noqa: E402  (the reliability run counts requests with it too)

# Each payload of the issue, and the forms around it a deny-list misses.
PAYLOADS = [
    "// x\rLOAD CSV FROM '{url}' AS l RETURN l",
    "// x\u2028LOAD CSV FROM '{url}' AS l RETURN l",
    "// x\x85LOAD CSV FROM '{url}' AS l RETURN l",
    "/* a */ LOAD CSV FROM '{url}' AS l RETURN l",
    "RETURN 1 AS x UNION LOAD CSV FROM '{url}' AS l RETURN l AS x",
    "CALL {{ LOAD CSV FROM '{url}' AS l RETURN l }} RETURN l",
    "MATCH (d:Document) WITH * LOAD CSV FROM '{url}' AS l RETURN l",
    "COMMENT ON TABLE Task IS 'pwned'",
    "UNINSTALL json",
    "UPDATE Document SET x = 1",
    "USE other MATCH (n) RETURN n",
    "CALL threads=1",
    "INSTALL httpfs",
    "LOAD FROM '{url}' RETURN *",
    "MATCH (d:Document) RETURN d UNION ALL CREATE (n:Document {{id: 'x'}}) RETURN n AS d",
    "MATCH (d:Document) CALL {{ CREATE (n:Document {{id: 'x'}}) }} RETURN d",
    "MATCH (d:Document) WHERE EXISTS {{ MATCH (d) SET d.title = 'x' }} RETURN d",
    "MATCH (d:Document) RETURN d; MATCH (e:Document) DETACH DELETE e",
    "MATCH (d:Document) FOREACH (x IN [1] | SET d.title = 'x')",
    "RETURN 1 // x\rCREATE (n:Document {{id: 'x'}})",
    "MATCH (d:Document) RETURN d.id AS id ORDER BY id LIMIT 1 MERGE (n:Document {{id: 'x'}})",
    "RETURN 'unterminated",
    "/* unterminated MATCH (d) DETACH DELETE d",
    "CALL dbms.killQueries(['x'])",
    "PROFILE MATCH (d:Document) SET d.title = 'x'",
]


def test_tokens_end_a_line_comment_at_every_line_break():
    for brk in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        assert tokens(f"// c{brk}LOAD CSV")[0] == ("word", "LOAD"), repr(brk)


def test_every_pack_query_and_common_reads_pass():
    for path in sorted((ROOT / "truyvet" / "queries" / "cypher").glob("*.cypher")):
        ensure_read_only(path.read_text(encoding="utf-8"))
    for q in ("MATCH (n:Document) RETURN n.title AS set ORDER BY set DESC SKIP 1 LIMIT 2",
              "MATCH (n) WHERE n.a STARTS WITH 'CREATE' AND NOT n.b IS NULL RETURN count(*) * 2 AS c",
              "MATCH (n) RETURN n {.id, .title} UNION ALL MATCH (n) RETURN n {.id, .title}",
              "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) } WITH * RETURN n",
              "CALL { MATCH (n) RETURN n } RETURN n", "CALL db.labels() YIELD label RETURN label",
              "CALL show_tables() RETURN *", "RETURN {create: 1, `delete`: 2} AS m",
              "MATCH (a)-[:IMPLEMENTS*1..3]->(b) RETURN DISTINCT a.id AS delete"):
        ensure_read_only(q)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_refused_by_the_guard(payload):
    with pytest.raises(QueryError):
        ensure_read_only(payload.format(url="http://127.0.0.1:9/x"))


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.close()


def _catalog(store):
    return store.query("CALL show_tables() RETURN *")


def test_embedded_store_refuses_every_payload(tmp_path, listener):
    with open_store("embedded", path=tmp_path / "g.lbdb") as store:
        store.ingest(frag_kh_hn())
        before, catalog = graph_snapshot(store), _catalog(store)
        for payload in PAYLOADS:
            with pytest.raises(QueryError):
                store.query(payload.format(url=listener.url))
        # Under the guard, the engine's read-only transaction refuses what the
        # guard would let through: a write, and a catalog comment.
        for write in ("MATCH (d:Document) SET d.title = 'x'", "COMMENT ON TABLE Task IS 'pwned'"):
            with pytest.raises(QueryError, match="read-only transaction"):
                store._read_guarded(write, {})
        assert graph_snapshot(store) == before and _catalog(store) == catalog
        assert all(row["comment"] == "" for row in catalog)
        # The store still answers reads, and writes when asked to.
        assert store.query("MATCH (d:Document {id: $i}) RETURN d.id AS id", {"i": KH_HN}) == [{"id": KH_HN}]
        store.query("MATCH (d:Document {id: $i}) SET d.term = 'XVIII'", {"i": KH_HN}, write=True)
        assert store.query("MATCH (d:Document {id: $i}) RETURN d.term AS t", {"i": KH_HN}) == [{"t": "XVIII"}]
    assert listener.hits == []


def _cli(*args, env_extra=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "truyvet", *args], capture_output=True, text=True, env=env)


def test_neo4j_refuses_every_payload_and_never_fetches(listener):
    require_neo4j()
    with open_store("neo4j") as store:
        store.clear()
        store.ingest(frag_kh_hn())
        before = graph_snapshot(store)
        # Control: without any guard the server does fetch the URL in a read
        # transaction, so the listener would see a guard bypass.
        rows = store._read(f"LOAD CSV FROM '{listener.url}' AS l RETURN l", {})
        assert rows and len(listener.hits) == 1
        listener.hits.clear()
        for payload in PAYLOADS:
            with pytest.raises(QueryError):
                store.query(payload.format(url=listener.url))
        # The server's plan is checked too: LOAD CSV behind the syntactic
        # guard is still refused, and a write fails in the read transaction.
        with pytest.raises(QueryError, match="LOAD CSV"):
            store._read_guarded(f"LOAD CSV FROM '{listener.url}' AS l RETURN l", {})
        with pytest.raises(QueryError, match="not read-only|read access mode|AccessMode"):
            store._read_guarded("MATCH (d:Document) SET d.title = 'x'", {})
        assert graph_snapshot(store) == before
        assert store.query("MATCH (d:Document {id: $i}) RETURN d.id AS id", {"i": KH_HN}) == [{"id": KH_HN}]
    assert listener.hits == []


@pytest.mark.parametrize("store_kind", ["embedded", "neo4j"])
def test_cli_query_refuses_the_issue_payload(tmp_path, listener, store_kind):
    if store_kind == "neo4j":
        require_neo4j()
    env = {"TRUYVET_HOME": str(tmp_path / "home")}
    with open_store("embedded", path=tmp_path / "home" / "graph.lbdb") as s:
        s.ingest(frag_kh_hn())
    payload = f"// x\rLOAD CSV FROM '{listener.url}' AS l RETURN l"
    p = _cli("query", payload, "--store", store_kind, env_extra=env)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip().splitlines() == ["error: LOAD CSV reads files and URLs: refused in a read-only query"]
    p = _cli("query", "COMMENT ON TABLE Task IS 'x'", "--store", store_kind, env_extra=env)
    assert p.returncode == 2 and "COMMENT is not a read clause" in p.stderr
    assert listener.hits == []
