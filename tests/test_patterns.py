"""Writes over a relationship pattern the schema makes empty are refused, on
both stores: on LadybugDB such a write killed the process (exit 139, no
message). Reads over one still answer with no rows."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from store_fixtures import frag_kh_hn, graph_snapshot, require_neo4j
from truyvet.errors import QueryError
from truyvet.graph.stores import open_store
from truyvet.graph.stores.patterns import empty_pattern

WRONG_WAY = "MATCH (a:Agency)-[r:ASSIGNS]->(t:Task) SET r.role = 'x'"

REFUSED = {
    WRONG_WAY: "(:Agency)-[:ASSIGNS]->(:Task): ASSIGNS goes from Task to Agency",
    "MATCH (a:Document)-[r:ASSIGNS]-(t:Agency) SET a.title = 'x'":
        "(:Document)-[:ASSIGNS]-(:Agency): ASSIGNS goes from Task to Agency",
    "MATCH (t:Document) WITH t MATCH (t)-[r:ASSIGNS]->() SET r.role = 'x'":
        "(:Document)-[:ASSIGNS]->(): ASSIGNS goes from Task to Agency",
    "MATCH (d:Document)-[:HAS_TASK]->(t:Task)<-[:ASSIGNS]-(a:Agency) SET a.name = 'x'":
        "(:Task)<-[:ASSIGNS]-(:Agency): ASSIGNS goes from Task to Agency",
    "MATCH (k:Symbol)-[:`HAS_SYMBOL`]->(d:Document) DELETE k":
        "(:Symbol)-[:HAS_SYMBOL]->(:Document): HAS_SYMBOL goes from Document to Symbol",
}

ALLOWED = [
    "MATCH (t:Task)-[r:ASSIGNS]->(a:Agency) SET r.role = 'x'",
    "MATCH (a:Agency)<-[r:ASSIGNS]-(t:Task) SET r.role = 'x'",
    "MATCH (a:Agency)-[r:ASSIGNS]-(t:Task) SET r.role = 'x'",              # either way round
    "MATCH (a:Agency)-[r:ASSIGNS|:CITES]-(t) SET r.role = 'x'",
    "MATCH (d:Document)-[:HAS_TASK]->(t:Task)-[:ASSIGNS*1..2]->(a:Agency) SET a.name = 'x'",
    "MATCH (n)-[r]->(m) SET r.role = 'x'",                                   # no label, no type
    "MATCH (t:Task) WITH t MATCH (t:Document) RETURN t",                    # a variable given two labels is not read
    "MATCH (t:Task) MATCH (d:Document)-[:HAS_TASK]->(t) SET t.text = 'x'",
]


@pytest.mark.parametrize("cypher", sorted(REFUSED))
def test_a_pattern_no_edge_of_the_schema_fits_is_found(cypher):
    assert ": ".join(empty_pattern(cypher)) == REFUSED[cypher]


@pytest.mark.parametrize("cypher", ALLOWED)
def test_patterns_the_schema_allows_pass(cypher):
    assert empty_pattern(cypher) is None


def _cli(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "truyvet", *map(str, args)], capture_output=True, text=True, env=env)


def test_the_write_that_killed_the_embedded_engine_is_one_clear_line(tmp_path):
    home = tmp_path / "home"
    with open_store("embedded", path=home / "graph.lbdb") as store:
        store.ingest(frag_kh_hn())
        before = graph_snapshot(store)
    p = _cli("query", WRONG_WAY, "--write", "--home", home)
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert p.stderr.splitlines() == [
        "error: mẫu (:Agency)-[:ASSIGNS]->(:Task) không bao giờ khớp (ASSIGNS goes from Task to Agency): "
        "câu lệnh ghi bị từ chối (this pattern matches nothing; the write is refused)"]
    # Read, the same pattern is an empty answer; written the right way round, the write runs.
    p = _cli("query", WRONG_WAY.replace("SET r.role = 'x'", "RETURN r.role AS role"), "--home", home, "--json")
    assert p.returncode == 0 and p.stdout.strip() == "[]"
    p = _cli("query", "MATCH (t:Task)-[r:ASSIGNS]->(a:Agency) SET r.role = r.role", "--write", "--home", home)
    assert p.returncode == 0, p.stderr
    with open_store("embedded", path=home / "graph.lbdb") as store:
        assert graph_snapshot(store) == before


def test_neo4j_refuses_the_same_write():
    require_neo4j()
    with open_store("neo4j") as store:
        store.clear()
        store.ingest(frag_kh_hn())
        before = graph_snapshot(store)
        with pytest.raises(QueryError, match=r"ASSIGNS goes from Task to Agency"):
            store.query(WRONG_WAY, write=True)
        assert graph_snapshot(store) == before
