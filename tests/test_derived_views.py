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
from truyvet.graph.model import Edge, Fragment, Node
from truyvet.graph.stores import cypher, spool
from truyvet.graph.stores.derived import clear_matches, write_matches
from truyvet.queries import derived_views, view_batches
from truyvet.queries.ingest import ingest_paths
from truyvet.tracking import record, tables, userlayer, views
from truyvet.tracking.tracked import track
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


def _expected(store) -> tuple[list, list]:
    """The view as one read of everything tracking uses gives it."""
    tracked, _ = track(store.to_networkx(**views.READS), userlayer.load(store))
    task_rows = sorted((r for t in tracked for r in views._task_rows(t)), key=lambda r: r["id"])
    events = {e.id: e.row() for t in tracked for e in t.events}
    return ([tuple((c, r[c]) for c in tables.TABLES["TrackedTask"]) for r in task_rows],
            [tuple((c, events[i][c]) for c in tables.TABLES["StatusEvent"]) for i in sorted(events)])


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_whole_view_rebuilt_in_batches_equals_one_read(kind, seeds, tmp_path, monkeypatch):
    """Batches of three documents, read two at a time: a report and the
    documents it reports on, merged documents and the tasks whose leads are
    corrected fall in different batches; the rows equal one read's. The
    embedded store's rows wait in Parquet row groups of seven, copied once."""
    monkeypatch.setattr(view_batches, "BATCH_DOCS", 3)
    monkeypatch.setattr(spool, "_ROW_GROUP", 7)
    monkeypatch.setattr(view_batches, "PAGE_DOCS", 2)
    monkeypatch.setattr(tables, "DELETE_BATCH", 25)
    docs = tmp_path / "docs"
    docs.mkdir()
    files = [corpus_file(name, docs) for name in (REPORT, LATER)]
    files += [Path(shutil.copy(seeds / f, docs / f)) for f in SEED_FILES.values()]
    with fresh_store(kind, tmp_path) as store:
        def same_as_one_read() -> tuple[list, list]:
            views.refresh(store)
            got = _view(store)[:2]
            assert got == _expected(store)
            return got

        assert ingest_paths(store, [str(p) for p in files]).ok
        assert len(view_batches.batches(store, [])) > 5
        tracked, events = same_as_one_read()
        assert any(dict(r)["reported_by"] for r in tracked) and events
        reported = [r for r in tables.read(store, "TrackedTask") if r["doc_id"] == NOTICE]

        tasks = {r["doc_id"]: r["task_id"] for r in tables.read(store, "TrackedTask") if not r["reported_by"]}
        later = tasks[next(d for d in tasks if d.startswith("doc:2629"))]
        placeless = tasks[next(d for d in tasks if d.startswith("doc:plan/ban-thuong-vu-dang-uy-khoi"))]
        seed = "doc:1021-CV/TU@ha-noi"
        agency = {r["n"]: r["id"] for r in store.query("MATCH (a:Agency) RETURN a.name AS n, a.id AS id")}
        reporter = "doc:624/TB-VPCP"
        facts = [
            UserFact("status", later, "done", who="t", why="đã xong", date="2025-12-20"),
            # A local body no document names, on tasks of two batches, one
            # document in Hà Nội and one placed nowhere: the second lead is
            # the agency the first added, found by its name.
            UserFact("lead", later, "Sở Thử nghiệm", who="t", why="phân công lại"),
            UserFact("lead", placeless, "Sở Thử nghiệm", who="t", why="phân công lại"),
            UserFact("merge", agency["Bộ Khoa học và Công nghệ"], agency["Văn phòng Đảng ủy Khối"], who="t", why="thử"),
            UserFact("merge", later.split("#")[0].removeprefix("task:"), NOTICE, who="t", why="thử"),
            # The report merged into a seed: what it says on documents of
            # other batches is said by the seed, on the seed's date.
            UserFact("merge", reporter, seed, who="t", why="thử")]
        userlayer.add(store, facts)
        groups = view_batches.batches(store, userlayer.load(store))
        assert sum(len(b.own) for b in groups) == len({d for b in groups for d in b.ids})
        assert any(b.extra for b in groups)
        tracked, events = same_as_one_read()
        leads = {dict(r)["task_id"]: dict(r)["agency_id"] for r in tracked}
        assert leads[later] == leads[placeless] and leads[later].startswith("agency:so-thu-nghiem@")
        assert {dict(e)["reporter"] for e in events if dict(e)["source"] == "document"} == {seed}

        # 552 given as a file: the report's rows on it become events on its tasks.
        notice = docs / "552.txt"
        notice.write_text(_notice_552(sorted(reported, key=lambda r: int(r["label"]))[:8]), encoding="utf-8")
        assert ingest_paths(store, [str(notice)]).ok
        same_as_one_read()


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_a_document_the_engine_orders_otherwise_is_still_tracked(kind, tmp_path, monkeypatch):
    """Neo4j orders strings by UTF-16 units, Python by code points: "b\\ue000"
    comes before "b😀" in Python and after it in Neo4j, so the range of a
    page holding both finds neither."""
    monkeypatch.setattr(view_batches, "PAGE_DOCS", 2)
    with fresh_store(kind, tmp_path) as store:
        for d in ("doc:b\ue000", "doc:b\U0001F600", "doc:c"):
            f = Fragment(d, "0" * 64, f"{d}.txt", nodes=[Node(d, "Document", {"label": d}),
                                                         Node("agency:x", "Agency", {"name": "Sở X"})])
            for k in (1, 2):
                f.nodes.append(Node(f"task:{d}#{k}", "Task", {"label": str(k), "text": f"Việc {k}", "doc_id": d}))
                f.edges += [Edge("HAS_TASK", d, f"task:{d}#{k}", {"source_id": d}),
                            Edge("ASSIGNS", f"task:{d}#{k}", "agency:x", {"source_id": d, "role": "lead"})]
            store.ingest(f)
        assert views.refresh(store) == (6, 0)
        assert _view(store)[:2] == _expected(store)


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_a_run_that_wrote_without_its_refresh_leaves_the_view_marked(kind, seeds, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in SEED_FILES.values():
        shutil.copy(seeds / f, docs / f)
    with fresh_store(kind, tmp_path) as store:
        def ingest(refresh: bool, prune: bool = False):
            report = ingest_paths(store, [str(docs)], prune=prune)
            assert report.ok, report.failed
            if refresh:
                derived_views.refresh_derived(store, report.touched)
            return report

        ingest(refresh=True)
        assert views.view_state(store) == "fresh"
        rows = tables.read(store, "TrackedTask")
        seed_003 = {r["doc_id"] for r in rows if r["file"].endswith(SEED_FILES["003"])}
        assert len(seed_003) == 1 and len(rows) > 10
        # A run that removes seed 003 and is killed before its refresh: the
        # view still lists its tasks, and says it lags the graph.
        (docs / SEED_FILES["003"]).unlink()
        ingest(refresh=False, prune=True)
        assert views.view_state(store) == "stale"
        assert seed_003 <= {r["doc_id"] for r in tables.read(store, "TrackedTask")}
        assert not seed_003 & {t.doc_id for t in views.load(store)}      # readers compute from the graph
        # A second write before any refresh: what the first changed is not known to it.
        (docs / SEED_FILES["002"]).unlink()
        assert ingest(refresh=False, prune=True).touched
        assert views.view_state(store) == "behind"
        # The next run writes nothing, and its refresh rebuilds the view whole.
        assert not ingest(refresh=True).touched
        assert views.view_state(store) == "fresh"
        assert _view(store)[:2] == _expected(store)
        assert not seed_003 & {r["doc_id"] for r in tables.read(store, "TrackedTask")}
        # A user's status for a task of a remaining document: its rows rebuilt, the view fresh after.
        task = next(r["task_id"] for r in tables.read(store, "TrackedTask"))
        record.record(store, [UserFact("status", task, "done", who="t", why="xong", date="2025-12-20")])
        assert views.view_state(store) == "fresh" and _view(store)[:2] == _expected(store)
