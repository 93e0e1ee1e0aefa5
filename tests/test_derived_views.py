"""After an ingest the derived views (tracked tasks, status events, matched
meetings) are rebuilt around the documents it changed, not from the whole
store; run after run they must equal a rebuild from the whole store.

The documents are real: the seeds (a news item whose meeting Thông báo
111-TB/VPTW records; seed 003's tasks with deadlines), the Government
Office's report 624/TB-VPCP (its rows report on 552/TB-VPCP, which no file
gives, and on tasks of other documents) and Quyết định 2629/QĐ-TTg, issued
after the report. Thông báo 552/TB-VPCP is then given as a file, written
from the report's own rows, so the rows the report knew as "reported tasks"
must become events on its tasks.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEED_FILES
from store_fixtures import fresh_store
from conftest import corpus_file
from test_tracking import REPORT
from truyvet.graph.stores import cypher
from truyvet.graph.stores.derived import clear_matches, write_matches
from truyvet.queries import derived_views
from truyvet.queries.ingest import ingest_paths
from truyvet.tracking import record, tables
from truyvet.tracking.userlayer import UserFact

LATER = "2edf5927c71bc4c1.md"          # Quyết định 2629/QĐ-TTg, 01/12/2025
NOTICE = "doc:552/TB-VPCP"


def _view(store) -> tuple:
    rows = {label: [tuple(r.items()) for r in tables.read(store, label)]          # in id order
            for label in ("TrackedTask", "StatusEvent")}
    matched = sorted((r["e"], r["d"], r["cue"]) for r in store.query(
        "MATCH (e:Event)-[r:RECORDED_IN]->(d:Document) WHERE r.role = 'matched' "
        "RETURN e.id AS e, d.id AS d, r.cue AS cue"))
    return rows["TrackedTask"], rows["StatusEvent"], matched


def _notice_552(report_view: list[dict]) -> str:
    """Thông báo 552/TB-VPCP as the report quotes it: its tasks are the
    report's rows on it, each with its lead and deadline."""
    items = "\n".join(f"{i}. {r['agency']} chủ trì: {r['text']}"
                      + (f", hoàn thành trước ngày {r['deadline']}." if r["deadline"] else ".")
                      for i, r in enumerate(report_view, 1))
    return ("VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 552/TB-VPCP\nHà Nội, ngày 06 tháng 10 năm 2025\n\nTHÔNG BÁO\n"
            "Kết luận của Thủ tướng Chính phủ tại cuộc họp Ban Chỉ đạo\n\n"
            "Các bộ, cơ quan thực hiện các nhiệm vụ sau:\n" + items + "\n")


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_views_rebuilt_around_each_ingest_equal_a_whole_rebuild(kind, seeds, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    # Copies: the test changes and deletes them.
    report, later = (Path(shutil.copy(corpus_file(name, tmp_path), docs / name)) for name in (REPORT, LATER))
    seed_files = [Path(shutil.copy(seeds / f, docs / f)) for f in SEED_FILES.values()]
    wholes = []                                # rebuilds from the whole store
    whole = derived_views.refresh

    def counted(store, graph=None):
        wholes.append(1)
        return whole(store, graph)
    monkeypatch.setattr(derived_views, "refresh", counted)
    monkeypatch.setattr(derived_views, "WHOLE_AT", 1.0)
    # Deletes go in small transactions (a large store's millions of rows
    # exceed a Neo4j server's transaction memory): here, many of them.
    monkeypatch.setattr(tables, "DELETE_BATCH", 25)
    monkeypatch.setattr(cypher, "DELETE_IDS", 2)

    with fresh_store(kind, tmp_path) as store:
        def same_as_whole():
            got = _view(store)
            clear_matches(store)                   # again, from the whole store
            write_matches(store, store.to_networkx())
            whole(store, store.to_networkx())      # from every node and edge
            assert got == _view(store)
            whole(store)                           # from the part tracking reads (views.READS)
            assert got == _view(store)

        def step(paths, prune=False):
            wholes.clear()
            report_ = ingest_paths(store, [str(p) for p in paths], prune=prune)
            assert report_.ok, report_.failed
            derived_views.refresh_derived(store, report_.touched)
            same_as_whole()
            return report_

        step([report])                             # no view yet: built whole
        assert wholes == [1]
        reported = [r for r in tables.read(store, "TrackedTask") if r["doc_id"] == NOTICE]
        assert len(reported) >= 30 and all(r["reported_by"] == "doc:624/TB-VPCP" for r in reported)

        step(seed_files)
        assert wholes == []                        # only the rows around the new documents
        assert _view(store)[2], "seed 002's meeting is matched to Thông báo 111"
        step([later])
        assert not [e for e in tables.read(store, "StatusEvent") if e["task_id"].startswith("task:doc:2629")]

        # Corrections recorded by users apply to the rows rebuilt later.
        task = next(r["task_id"] for r in tables.read(store, "TrackedTask") if r["doc_id"].startswith("doc:2629"))
        # Merges join two agencies or two documents wherever they appear; these
        # pairs are arbitrary, what is tested is that rows rebuilt later see them.
        agency = {r["n"]: r["id"] for r in store.query("MATCH (a:Agency) RETURN a.name AS n, a.id AS id")}
        facts = [
            UserFact("lead", task, "Văn phòng Chính phủ", who="t", why="phân công lại"),
            UserFact("status", task, "done", who="t", why="đã xong", date="2025-12-20"),
            UserFact("merge", agency["Bộ Khoa học và Công nghệ"], agency["Văn phòng Đảng ủy Khối"], who="t", why="thử gộp"),
            UserFact("merge", task.split("#")[0].removeprefix("task:"), NOTICE, who="t", why="thử gộp")]
        # Each fact rebuilds only the rows it can change, and they equal a whole rebuild.
        wholes.clear()
        for fact in facts:
            record.record(store, [fact])
            same_as_whole()
        assert wholes == []
        done = next(r for r in tables.read(store, "TrackedTask") if r["task_id"] == task)
        record.revert(store, record.record(store, [UserFact("status", task, "not_done", who="t", why="nhầm",
                                                            date="2025-12-21")])[0].id, "nhầm", "t")
        assert wholes == [] and next(r for r in tables.read(store, "TrackedTask") if r["task_id"] == task) == done
        same_as_whole()
        notice = docs / "552.txt"
        notice.write_text(_notice_552(sorted(reported, key=lambda r: int(r["label"]))[:8]), encoding="utf-8")
        step([notice])
        rows = [r for r in tables.read(store, "TrackedTask") if r["doc_id"] == NOTICE]
        assert rows and not any(r["reported_by"] for r in rows)
        leads = {r["agency"] for r in rows if r["task_id"].startswith("task:doc:552")}
        assert "Văn phòng Đảng ủy Khối" in leads and "Bộ Khoa học và Công nghệ" not in leads
        assert task in {r["task_id"] for r in rows}
        linked = {e["task_id"] for e in tables.read(store, "StatusEvent") if e["reporter"] == "doc:624/TB-VPCP"}
        assert {r["task_id"] for r in rows} & linked

        # A report changed, then gone: what it said goes with it.
        report.write_text(report.read_text(encoding="utf-8").replace("Đã hoàn thành", "Đang thực hiện"),
                          encoding="utf-8")
        assert step([report]).statuses["replaced"] == 1
        report.unlink()
        (docs / SEED_FILES["002"]).unlink()
        step([docs], prune=True)
        assert not _view(store)[2]
        assert not [e for e in tables.read(store, "StatusEvent") if e["reporter"] == "doc:624/TB-VPCP"]
        assert wholes == []
