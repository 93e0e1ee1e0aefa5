"""Streaming writes: the spooled first load into an empty embedded store, and
the batched writer every other load uses."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from store_fixtures import (BCS_UBND, KH_HN, bad_fragment, frag_cv1021, frag_kh_bd, frag_kh_hn,
                            frag_tb111, graph_snapshot, seed_fragments)
from truyvet.errors import StoreError
from truyvet.graph.stores import Writer, open_store
from truyvet.graph.stores.embedded import EmbeddedStore
from truyvet.graph.stores.embedded_load import ChunkedWriter
from truyvet.loaders.files import iter_input_files
from truyvet.synthetic import generate_corpus
from truyvet.queries.ingest import ingest_paths


@pytest.fixture
def store(tmp_path):
    with open_store("embedded", path=tmp_path / "graph.lbdb") as s:
        yield s


@pytest.fixture
def reference(tmp_path):
    with open_store("embedded", path=tmp_path / "reference.lbdb") as s:
        yield s


def test_an_empty_store_spools_and_a_loaded_one_batches(store):
    assert type(store.writer()) is ChunkedWriter
    store.ingest(frag_cv1021())
    assert type(store.writer()) is Writer


def test_spooled_load_equals_one_by_one(store, reference):
    # tb111 arrives after kh_hn has written it as a stub; kh_bd shares agencies.
    frags = seed_fragments()
    with store.writer() as w:
        for f in frags:
            w.add(f)
    assert w.statuses == {"added": 5} and w.failed == []
    for f in frags:
        reference.ingest(f)
    assert graph_snapshot(store) == graph_snapshot(reference)
    tb = store.query("MATCH (d:Document {id: $id}) RETURN d.stub AS stub, d.kind AS kind",
                     {"id": frag_tb111().doc_id})
    assert tb == [{"stub": False, "kind": "notice"}]


def test_a_malformed_fragment_is_reported_and_the_rest_lands(store):
    with store.writer() as w:
        for f in (frag_kh_hn(), bad_fragment(), frag_kh_bd()):
            w.add(f)
    assert w.statuses["added"] == 2
    assert len(w.failed) == 1 and w.failed[0].startswith("bad.txt: BAD-1: IMPLEMENTS edge")
    assert f"no Document '{BCS_UBND}'" in w.failed[0]
    ids = {r["id"] for r in store.query("MATCH (d:Document) WHERE d.stub = false RETURN d.id AS id")}
    assert ids == {KH_HN, frag_kh_bd().doc_id}


def test_a_failed_bulk_load_writes_nothing(store, monkeypatch):
    calls = []

    def copy_then_fail(self, table, path):
        calls.append(table)
        if len(calls) == 3:
            raise StoreError(f"bulk load of {table} failed, nothing was written: disk full")
        return original(self, table, path)

    original = EmbeddedStore._copy_file
    monkeypatch.setattr(EmbeddedStore, "_copy_file", copy_then_fail)
    with store.writer() as w:
        for f in seed_fragments():
            w.add(f)
    assert w.statuses["added"] == 0
    assert "5 documents not written" in w.failed[0] and "disk full" in w.failed[0]
    assert all(n == 0 for n in store.counts().values())


def test_a_load_in_chunks_equals_one_by_one(store, reference, monkeypatch):
    # One chunk per document: kh_hn's chunk loads tb111 and 35-CT/TW as
    # stubs; tb111's chunk writes tb111 in full (an upgrade, by batches)
    # and fills the empty columns of the 35-CT/TW stub.
    monkeypatch.setenv("TRUYVET_COPY_ROWS", "1")
    filled, copied = [], []
    fill, copy = EmbeddedStore._fill, EmbeddedStore._copy_file
    monkeypatch.setattr(EmbeddedStore, "_fill", lambda self, rows: (
        filled.extend((label, r["id"]) for label, rs in rows.items() for r in rs), fill(self, rows)))
    monkeypatch.setattr(EmbeddedStore, "_copy_file", lambda self, table, path: (
        copied.extend((table, r) for r in pq.read_table(path).column(0).to_pylist()), copy(self, table, path)))
    frags = seed_fragments()
    with store.writer() as w:
        for f in frags:
            w.add(f)
    assert +w.statuses == {"added": 5} and w.failed == []
    assert filled == [("Document", "35-CT/TW")]
    tb111 = frag_tb111().doc_id
    assert ("Document", tb111) in copied                       # as a stub, by kh_hn's chunk
    assert [c for c in copied if c[1] == tb111] == [("Document", tb111)]
    assert ("HAS_TASK", KH_HN) in copied
    for f in frags:
        reference.ingest(f)
    assert graph_snapshot(store) == graph_snapshot(reference)


def test_a_refused_chunk_costs_its_documents_and_a_rerun_completes(store, reference, monkeypatch):
    monkeypatch.setenv("TRUYVET_COPY_ROWS", "1")
    copy = EmbeddedStore._copy_file

    def refuse_cv1021(self, table, path):
        if table == "Document" and path.endswith(".2.parquet"):
            raise StoreError(f"bulk load of {table} failed, nothing was written: disk full")
        return copy(self, table, path)

    monkeypatch.setattr(EmbeddedStore, "_copy_file", refuse_cv1021)
    frags = seed_fragments()
    with store.writer() as w:
        for f in frags:
            w.add(f)
    assert +w.statuses == {"added": 4} and w.failed_files == {frag_cv1021().file}
    assert "1 documents not written" in w.failed[0] and "disk full" in w.failed[0]
    assert store.document_sha(frag_cv1021().doc_id) is None and store.document_sha(frag_kh_bd().doc_id)
    with store.writer() as again:            # the store is loaded now: batches
        for f in frags:
            again.add(f)
    assert +again.statuses == {"added": 1, "unchanged": 4}
    for f in frags:
        reference.ingest(f)
    assert graph_snapshot(store) == graph_snapshot(reference)


@pytest.mark.parametrize("chunk_rows", ["", "300"])
def test_ingest_paths_first_load_then_rerun(store, reference, tmp_path, seeds, monkeypatch, chunk_rows):
    monkeypatch.setenv("TRUYVET_COPY_ROWS", chunk_rows)      # one chunk, or many
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 40, seed=3)
    report = ingest_paths(store, [str(seeds), str(corpus)], workers=1)
    assert report.failed == [] and report.statuses["added"] == report.files == 45
    for path in iter_input_files([str(seeds), str(corpus)]):     # the same order
        ingest_paths(reference, [path], workers=1)
    assert graph_snapshot(store) == graph_snapshot(reference)

    again = ingest_paths(store, [str(seeds), str(corpus)], workers=1)
    assert +again.statuses == {"unchanged": 45}
    assert graph_snapshot(store) == graph_snapshot(reference)


def test_a_pool_too_small_for_the_load_grows(store, reference, tmp_path, seeds, monkeypatch):
    # 8 MB opens the store but cannot hold what a COPY of these documents
    # needs: the engine refuses, nothing is written, and the chunk runs again
    # in twice the pool until it fits.
    monkeypatch.setenv("TRUYVET_LOAD_POOL", str(8 << 20))
    pools, reopen = [], EmbeddedStore.reopen
    monkeypatch.setattr(EmbeddedStore, "reopen", lambda self, size, threads=0: (
        pools.append((size, threads)), reopen(self, size, threads))[1])
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, 200, seed=5)
    report = ingest_paths(store, [str(seeds), str(corpus)], workers=1)
    assert report.failed == [] and report.statuses["added"] > 200
    # each chunk on one thread; the default pool and threads given back at the end
    assert pools[:3] == [(8 << 20, 1), (16 << 20, 1), (32 << 20, 1)] and pools[-1] == (0, 0)
    assert store.buffer_pool_size == 0
    monkeypatch.delenv("TRUYVET_LOAD_POOL")
    assert ingest_paths(reference, [str(seeds), str(corpus)], workers=1).statuses == report.statuses
    assert graph_snapshot(store) == graph_snapshot(reference)
