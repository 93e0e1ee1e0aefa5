"""Re-ingest: a file whose bytes this extraction code already stored is not
parsed again; facts written by other extraction code are written anew; a
store made before a property existed gains it. Real documents (seeds and
gold) on the real embedded store and the real Neo4j server."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEED_FILES
from store_fixtures import fresh_store, graph_snapshot
from truyvet.graph.extractor import fingerprint
from truyvet.graph.schema import NODE_TABLES
from truyvet.graph.stores import open_store
from truyvet.queries.ingest import ingest_paths

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "docs"


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    s = fresh_store(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def docs(seeds, tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in SEED_FILES.values():
        shutil.copy(seeds / f, folder / f)
    shutil.copy(GOLD / "17_qd2623-ttg-kh-bvdlcn.txt", folder)
    return folder


def test_unchanged_files_are_not_parsed_again_and_nothing_changes(store, docs):
    first = ingest_paths(store, [docs], workers=1)
    before = graph_snapshot(store)
    again = ingest_paths(store, [docs], workers=1)
    assert first.statuses["added"] == 6 and first.not_reread == 0
    assert again.not_reread == 6 and again.statuses["unchanged"] == 6 and not again.changed
    assert again.warnings == {}                    # reported by the run that read them
    assert graph_snapshot(store) == before


def test_a_copy_of_a_stored_file_is_a_duplicate_without_being_parsed(store, docs):
    ingest_paths(store, [docs], workers=1)
    shutil.copy(docs / SEED_FILES["003"], docs / "zz-copy.txt")
    run = ingest_paths(store, [docs], workers=1)
    assert run.not_reread == 7 and run.statuses["duplicate"] == 1
    assert run.duplicates[0].startswith(str(docs / "zz-copy.txt") + ": identical copy of")


def test_a_renamed_file_is_read_and_written_under_its_new_path(store, docs):
    ingest_paths(store, [docs], workers=1)
    (docs / SEED_FILES["003"]).rename(docs / "renamed.txt")
    run = ingest_paths(store, [docs], workers=1)
    assert run.statuses["renamed"] == 1 and run.not_reread == 5
    files = {r["file"] for r in store.query("MATCH (d:Document) WHERE d.stub = false RETURN d.file AS file")}
    assert str(docs / "renamed.txt") in files and str(docs / SEED_FILES["003"]) not in files


def test_facts_from_other_extraction_code_are_written_anew(store, docs):
    ingest_paths(store, [docs], workers=1)
    before = graph_snapshot(store)
    store.query("MATCH (d:Document) WHERE d.file ENDS WITH $f SET d.parser = 'older'",
                {"f": SEED_FILES["003"]}, write=True)
    run = ingest_paths(store, [docs], workers=1)
    assert run.statuses["reextracted"] == 1 and run.not_reread == 5 and run.changed
    assert graph_snapshot(store) == before         # this code's facts, parser included
    parsers = {r["p"] for r in store.query("MATCH (d:Document) WHERE d.stub = false RETURN d.parser AS p")}
    assert parsers == {fingerprint()}


def test_a_store_made_before_a_property_existed_gains_it(tmp_path, seeds):
    import ladybug

    path = tmp_path / "old.lbdb"
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    old = {c: t for c, t in NODE_TABLES["Document"].items() if c != "parser"}
    conn.execute(f"CREATE NODE TABLE Document({', '.join(f'`{c}` {t}' for c, t in old.items())}, "
                 "PRIMARY KEY(id))")
    conn.execute("CREATE (:Document {id: 'doc:1-KH/TU', symbol: '1-KH/TU', stub: true})")
    conn.close()
    db.close()
    with open_store("embedded", path=path) as s:
        ingest_paths(s, [seeds / SEED_FILES["003"]], workers=1)
        rows = s.query("MATCH (d:Document) RETURN d.id AS id, d.parser AS parser ORDER BY id")
    assert {"id": "doc:1-KH/TU", "parser": None} in rows
    assert any(r["parser"] == fingerprint() for r in rows)
