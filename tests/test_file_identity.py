"""A file owns its facts: changed, gone, renamed and copied files, on the real
embedded store and the real Neo4j server, with real documents (the seeds and
gold documents) parsed by the real loaders.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_FILES
from store_fixtures import fresh_store, graph_snapshot
from truyvet.graph.extractor import fingerprint
from truyvet.graph.schema import NODE_TABLES
from truyvet.graph.stores import open_store
from truyvet.queries.ingest import ingest_paths

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "docs"
NEWS = SEED_FILES["002"]              # a news page: its document id is a hash of its text
PLAN = SEED_FILES["001"]              # Công văn 1021-CV/TU, shares an agency with the Hà Nội plan
QD2623 = "17_qd2623-ttg-kh-bvdlcn.txt"
CITING = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 45/BTTTT-KHCN
Hà Nội, ngày 12 tháng 3 năm 2025

Kính gửi: Các Sở Thông tin và Truyền thông

Thực hiện Quyết định số 2623/QĐ-TTg ngày 28/12/2023 của Thủ tướng Chính phủ, Bộ Thông tin và \
Truyền thông đề nghị các Sở tổ chức triển khai các nhiệm vụ được giao.

1. Giao Cục An toàn thông tin chủ trì, phối hợp với các Sở rà soát hệ thống, hoàn thành trước ngày 30/6/2025.
"""


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, tmp_path):
    s = fresh_store(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def docs(seeds, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for f in SEED_FILES.values():
        shutil.copy(seeds / f, folder / f)
    if not (GOLD / QD2623).is_file():
        pytest.fail(f"gold document missing: {GOLD / QD2623}")
    for name in (QD2623, "25_tb623-vpcp-daklak.txt", "03_qd1147-btgdvtw-quyche.txt"):
        shutil.copy(GOLD / name, folder / name)
    (folder / "cv45-btttt.txt").write_text(CITING, encoding="utf-8")
    return folder


def facts(store) -> dict[str, set]:
    """Per ingested document: its tasks and the edges it asserts, with their provenance."""
    g = store.to_networkx()
    out: dict[str, set] = {n: set() for n, d in g.nodes(data=True) if d["type"] == "Document" and not d["stub"]}
    for u, v, d in g.edges(data=True):
        out.setdefault(d["source_id"], set()).add((d["rel"], u, v, d["span_start"], d["quote"], d["file"]))
    for n, d in g.nodes(data=True):
        if d["type"] == "Task":
            out.setdefault(d["doc_id"], set()).add(("task", n, d["text"], d["file"]))
    return out


def ingested(store) -> dict[str, str]:
    return {doc: file for doc, file, _ in store.sources()}


def nonzero(report) -> dict:
    return {k: n for k, n in report.statuses.items() if n}


def test_changed_news_page_replaces_its_own_document(store, docs):
    first = ingest_paths(store, [docs], workers=1)
    assert nonzero(first) == {"added": 9} and first.failed == []
    before, docs_before = facts(store), ingested(store)
    (old_id,) = [d for d, f in docs_before.items() if f.endswith(NEWS)]
    assert old_id.startswith("doc:news_article/")

    news = docs / NEWS
    news.write_text(news.read_text(encoding="utf-8") + "\nCập nhật lúc 10 giờ.\n", encoding="utf-8")
    again = ingest_paths(store, [docs], workers=1)
    assert nonzero(again) == {"replaced": 1, "unchanged": 8}
    after = ingested(store)
    (new_id,) = [d for d, f in after.items() if f.endswith(NEWS)]
    assert new_id != old_id and old_id not in after and len(after) == len(docs_before)
    assert store.query("MATCH (d:Document {id: $i}) RETURN d.id AS id", {"i": old_id}) == []
    # Nothing of another file's facts moved.
    now = facts(store)
    assert {d: f for d, f in now.items() if d != new_id} == {d: f for d, f in before.items() if d != old_id}
    assert ingest_paths(store, [docs], workers=1).statuses["unchanged"] == 9


def test_gone_files_are_listed_then_pruned(store, docs):
    ingest_paths(store, [docs], workers=1)
    before = facts(store)
    plan = "doc:1021-CV/TU@ha-noi"
    named = {doc: {f[2] for f in fs if f[0] in ("ASSIGNS", "SENT_TO", "ISSUED_BY")}
             for doc, fs in before.items()}
    others = set().union(*(a for d, a in named.items() if d not in (plan, "doc:2623/QĐ-TTg")))
    shared, own = named[plan] & others, named[plan] - others
    assert shared and own                        # e.g. Văn phòng Thành ủy, named by the Hà Nội plan too
    (docs / PLAN).unlink()
    (docs / QD2623).unlink()                     # cited by cv45-btttt.txt
    kept = ingest_paths(store, [docs], workers=1)
    assert sorted(Path(p).name for p in kept.gone) == sorted([PLAN, QD2623]) and kept.removed == []
    assert facts(store) == before                # without --prune nothing is removed

    pruned = ingest_paths(store, [docs], workers=1, prune=True)
    assert pruned.statuses["removed"] == 2 and pruned.gone == []
    assert sorted(Path(p).name for p in pruned.removed) == sorted([PLAN, QD2623])
    left = ingested(store)
    assert "doc:1021-CV/TU@ha-noi" not in left and "doc:2623/QĐ-TTg" not in left
    # The cited decision stays as a stub; agencies others name stay, those
    # only the removed letter named go.
    assert store.query("MATCH (d:Document {id: 'doc:2623/QĐ-TTg'}) RETURN d.stub AS s, d.file AS f") == \
        [{"s": True, "f": None}]
    agencies = {r["id"] for r in store.query("MATCH (a:Agency) RETURN a.id AS id")}
    assert shared <= agencies and not own & agencies
    now = facts(store)
    assert {d: now[d] for d in left} == {d: before[d] for d in left}
    # Nothing asserted by the removed documents survives them.
    assert not any(f[0] == "task" and "1021-CV" in f[1] for fs in now.values() for f in fs)
    assert "doc:1021-CV/TU@ha-noi" not in now and "doc:2623/QĐ-TTg" not in now


def test_renamed_file_moves_its_provenance(store, docs):
    ingest_paths(store, [docs], workers=1)
    before = facts(store)
    (docs / PLAN).rename(docs / "cong-van-1021.txt")
    report = ingest_paths(store, [docs], workers=1)
    assert nonzero(report) == {"renamed": 1, "unchanged": 8} and report.renamed[0].endswith("cong-van-1021.txt")
    assert report.not_reread == 8                  # the renamed file alone is read again
    doc = "doc:1021-CV/TU@ha-noi"
    assert ingested(store)[doc] == str(docs / "cong-van-1021.txt")
    # Succession rows the document's agencies call for cite the package's table, not the file.
    own = lambda fs: {f for f in fs if not f[-1].startswith("truyvet/data/")}  # noqa: E731
    moved = own(facts(store)[doc])
    assert moved and all(f[-1] == str(docs / "cong-van-1021.txt") for f in moved)
    assert {f[:-1] for f in moved} == {f[:-1] for f in own(before[doc])}
    assert not store.query("MATCH ()-[e]->() WHERE e.file ENDS WITH $old RETURN e.file AS f LIMIT 1",
                           {"old": PLAN})


def test_copies_are_duplicates_not_unchanged(store, docs, tmp_path):
    ingest_paths(store, [docs], workers=1)
    before = facts(store)
    shutil.copy(docs / PLAN, docs / "zz-copy.txt")
    report = ingest_paths(store, [docs], workers=1)
    assert nonzero(report) == {"unchanged": 9, "duplicate": 1}
    assert report.not_reread == 10                 # the copy's bytes are known: not parsed either
    assert report.duplicates[0].startswith(str(docs / "zz-copy.txt")) and "identical copy of" in report.duplicates[0]
    assert facts(store) == before
    # A copy outside the folders of a run stays a duplicate of the stored file.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(docs / PLAN, elsewhere / "again.txt")
    other = ingest_paths(store, [elsewhere], workers=1)
    assert nonzero(other) == {"duplicate": 1} and "(in the store)" in other.duplicates[0]
    assert ingested(store)["doc:1021-CV/TU@ha-noi"] == str(docs / PLAN)


def test_cli_prune_and_summary(seeds, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in (SEED_FILES["001"], SEED_FILES["002"], SEED_FILES["004"]):
        shutil.copy(seeds / f, docs / f)
    env = dict(os.environ, TRUYVET_HOME=str(tmp_path / "home"), PYTHONIOENCODING="utf-8")

    def ingest(*args):
        return subprocess.run([sys.executable, "-m", "truyvet", "ingest", str(docs), *args],
                              capture_output=True, text=True, env=env)

    assert ingest().returncode == 0
    (docs / SEED_FILES["004"]).unlink()
    p = ingest()
    assert p.returncode == 0 and "gone, facts kept; --prune removes them" in p.stderr
    assert SEED_FILES["004"] in p.stderr and "Traceback" not in p.stderr
    p = ingest("--prune", "--json")
    report = json.loads(p.stdout)
    assert p.returncode == 0 and report["statuses"]["removed"] == 1
    assert report["removed"] == [str(docs / SEED_FILES["004"])] and report["statuses"]["unchanged"] == 2


# Re-ingest: a file whose bytes this extraction code already stored is not
# parsed again; facts written by other extraction code are written anew; a
# store made before a property existed gains it.

def test_unchanged_files_are_not_parsed_again_and_nothing_changes(store, docs):
    first = ingest_paths(store, [docs], workers=1)
    before = graph_snapshot(store)
    again = ingest_paths(store, [docs], workers=1)
    assert first.statuses["added"] == 9 and first.not_reread == 0
    assert again.not_reread == 9 and again.statuses["unchanged"] == 9 and not again.changed
    assert again.warnings == {}                    # reported by the run that read them
    assert graph_snapshot(store) == before


def test_facts_from_other_extraction_code_are_written_anew(store, docs):
    ingest_paths(store, [docs], workers=1)
    before = graph_snapshot(store)
    store.query("MATCH (d:Document) WHERE d.file ENDS WITH $f SET d.parser = 'older'",
                {"f": PLAN}, write=True)
    run = ingest_paths(store, [docs], workers=1)
    assert run.statuses["reextracted"] == 1 and run.not_reread == 8 and run.changed
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
