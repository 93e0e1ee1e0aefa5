"""The LadybugDB store: the shared contract, plus what only an embedded file can do."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from store_fixtures import (CV1021, KH_HN, StoreContract, bad_fragment, frag_cv1021,
                            frag_kh_hn, graph_snapshot, seed_fragments, sha)
from truyvet.errors import QueryError, StoreError
from truyvet.graph.schema import KEY_RELS, KEY_TABLES, NODE_TABLES, REL_TABLES
from truyvet.graph.stores import open_store
from truyvet.graph.stores.embedded import EmbeddedStore, _anchored, ddl

ROOT = Path(__file__).resolve().parents[1]


class TestEmbeddedContract(StoreContract):
    @pytest.fixture
    def store(self, tmp_path):
        with open_store("embedded", path=tmp_path / "graph.lbdb") as s:
            yield s

    @pytest.fixture
    def other_store(self, tmp_path):
        with open_store("embedded", path=tmp_path / "reference.lbdb") as s:
            yield s


def test_ddl_is_generated_from_the_schema():
    stmts = ddl()
    assert len(stmts) == len(NODE_TABLES) + len(REL_TABLES) + len(KEY_TABLES) + len(KEY_RELS)
    assert "`sha256` STRING" in stmts[0] and "PRIMARY KEY(`id`)" in stmts[0]
    assert any("FROM `Task` TO `Agency`" in s and "`role` STRING" in s for s in stmts)
    # the symbol key: a table keyed by the folded symbol, an edge without evidence
    assert "CREATE NODE TABLE IF NOT EXISTS `Symbol`(`id` STRING, PRIMARY KEY(`id`))" in stmts
    assert "CREATE REL TABLE IF NOT EXISTS `HAS_SYMBOL`(FROM `Document` TO `Symbol`)" in stmts


def test_default_path_is_under_truyvet_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRUYVET_HOME", str(tmp_path / "home"))
    with open_store() as s:
        assert s.path == tmp_path / "home" / "graph.lbdb"
        s.ingest(frag_cv1021())
    assert (tmp_path / "home" / "graph.lbdb").exists()


def test_unknown_kind():
    with pytest.raises(StoreError, match="unknown store kind"):
        open_store("sqlite")


def test_reopen_keeps_data(tmp_path):
    path = tmp_path / "graph.lbdb"
    with open_store("embedded", path=path) as s:
        s.ingest_many(seed_fragments())
        before = graph_snapshot(s)
    with open_store("embedded", path=path) as s:
        assert graph_snapshot(s) == before
        assert s.ingest(frag_kh_hn()) == "unchanged"


def test_bulk_copy_path_on_empty_store_is_used_and_atomic(tmp_path, monkeypatch):
    copies = []
    real = EmbeddedStore._copy
    monkeypatch.setattr(EmbeddedStore, "_copy",
                        lambda self, table, *a: (copies.append(table), real(self, table, *a)))
    with open_store("embedded", path=tmp_path / "g.lbdb") as s:
        with pytest.raises(StoreError, match="bulk load of IMPLEMENTS failed"):
            s.ingest_many([frag_kh_hn(), bad_fragment()])
        assert s.counts()["Document"] == 0 and s.counts()["Task"] == 0
        assert "Document" in copies
        copies.clear()
        s.ingest_many(seed_fragments())
        assert {"Document", "Task", "ASSIGNS"} <= set(copies)


def test_a_loaded_store_is_never_written_by_copy(tmp_path, monkeypatch):
    # A kill inside the commit of COPY mixed with other writes keeps the
    # other writes only (see EmbeddedStore._bulk): a loaded store merges.
    copies = []
    monkeypatch.setattr(EmbeddedStore, "_copy", lambda self, table, *a: copies.append(table))
    ref = open_store("embedded", path=tmp_path / "ref.lbdb")
    for f in seed_fragments() + [frag_kh_hn("b")]:
        ref.ingest(f)
    with open_store("embedded", path=tmp_path / "g.lbdb") as s:
        s.ingest(frag_kh_hn())
        assert s.ingest_many(seed_fragments()[1:] * 60 + [frag_kh_hn("b")]) == \
            {"added": 4, "unchanged": 236, "replaced": 1}
        assert copies == [] and graph_snapshot(s) == graph_snapshot(ref)
    ref.close()


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "g.lbdb"
    with pytest.raises(StoreError, match="no database there yet"):
        open_store("embedded", path=path, read_only=True)
    with open_store("embedded", path=path) as s:
        s.ingest(frag_cv1021())
    with open_store("embedded", path=path, read_only=True) as r:
        assert r.document_sha(CV1021) == sha("c")
        with pytest.raises(StoreError, match="read-only"):
            r.ingest(frag_kh_hn())
        with pytest.raises(QueryError):
            r.query("MATCH (d:Document) SET d.title = 'x'", write=True)


def _python(code: str, **kw):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, **kw)


def test_reader_opens_while_another_process_writes(tmp_path):
    path = tmp_path / "g.lbdb"
    writer = _python(f"""
        import sys
        from store_fixtures import frag_kh_hn, frag_tb111
        from truyvet.graph.stores import open_store
        s = open_store("embedded", path={str(path)!r})
        s.ingest(frag_kh_hn())
        print("ready", flush=True)
        sys.stdin.readline()
        s.ingest(frag_tb111())
        print("wrote", flush=True)
        sys.stdin.readline()
        s.close()
    """)
    try:
        assert writer.stdout.readline().strip() == "ready"
        with open_store("embedded", path=path, read_only=True) as r:
            assert r.document_sha(KH_HN) == sha("a")
            writer.stdin.write("go\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "wrote"
            assert r.document_sha(KH_HN) == sha("a")     # a snapshot as of opening
        with open_store("embedded", path=path, read_only=True) as r:
            assert r.document_sha("111-TB/VPTW") == sha("1")
    finally:
        writer.stdin.write("done\n")
        writer.stdin.close()
        writer.wait(timeout=60)


def test_killed_mid_write_recovers_the_previous_state(tmp_path):
    path = tmp_path / "g.lbdb"
    with open_store("embedded", path=path) as s:
        for f in seed_fragments():
            s.ingest(f)
        before = graph_snapshot(s)
    # The child deletes the old facts and merges the new nodes, then dies
    # (SIGKILL, no cleanup) just before creating the edges and committing.
    child = _python(f"""
        import os, signal
        from store_fixtures import frag_kh_hn
        from truyvet.graph.stores import open_store
        from truyvet.graph.stores.embedded import EmbeddedStore
        def die(self, batch):
            os.kill(os.getpid(), signal.SIGKILL)
        EmbeddedStore._create_edges = die
        s = open_store("embedded", path={str(path)!r})
        s.ingest(frag_kh_hn("b"))
    """)
    child.stdin.close()
    assert child.wait(timeout=120) == -signal.SIGKILL
    with open_store("embedded", path=path) as s:
        assert graph_snapshot(s) == before
        assert s.document_sha(KH_HN) == sha("a")
        assert s.ingest(frag_kh_hn("b")) == "replaced"


def test_to_networkx_matches_build_graph(tmp_path):
    """Same nodes, edges, keys and (non-null) attributes as build.build_graph."""
    from truyvet.graph.build import build_graph

    def shape(g):
        nodes = {n: {k: v for k, v in d.items() if v is not None} for n, d in g.nodes(data=True)}
        edges = {(u, v, k): {a: b for a, b in d.items() if b is not None}
                 for u, v, k, d in g.edges(keys=True, data=True)}
        return nodes, edges

    frags = seed_fragments()
    with open_store("embedded", path=tmp_path / "g.lbdb") as s:
        s.ingest_many(frags)
        assert shape(s.to_networkx()) == shape(build_graph(frags))


def test_queries_anchored_on_a_key_parameter_run_on_one_thread():
    assert _anchored("MATCH (d:Document)-[:HAS_TASK]->(t:Task {id: $task_id}) RETURN d")
    assert not _anchored("UNWIND $rows AS r MATCH (a:Task {id: r.src}) RETURN a")
    assert not _anchored("MATCH (t:Task)-[a:ASSIGNS]->(ag:Agency) RETURN count(*)")
