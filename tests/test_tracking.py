"""Task tracking on real text: due dates, statuses as of a day, status files,
corrections that survive re-ingest, a Government Office report read row by row.

The report is Thông báo kết luận 624/TB-VPCP (16/11/2025, corpus file
74e2ddc7b11340da.md): its Phụ lục II gives the result of every task of
Thông báo kết luận 552/TB-VPCP ("Đã hoàn thành", "Đã hoàn thành quá hạn",
"Chưa hoàn thành", "Đang thực hiện"), its Phụ lục I the tasks of other
documents overdue and not done.
"""
from __future__ import annotations

import doctest
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from truyvet.loaders.normalize import display

import truyvet.loaders.status as status_module
import truyvet.tracking.events as events_module
from conftest import SEED_FILES, corpus_file
from truyvet.loaders.parse import parse_file
from truyvet.loaders.status import find_status_statements
from truyvet.errors import TruyvetError
from truyvet.queries.api import graph_from_paths
from truyvet.tracking import figures, resolve
from truyvet.tracking.tracked import track
from truyvet.tracking.userlayer import UserFact

REPORT = "74e2ddc7b11340da.md"
STATUS_CSV = ("văn bản,nhiệm vụ,tình trạng,ngày,ghi chú,người cập nhật\n"
              "003_44747714cf472d38.txt,\"Tổng hợp, báo cáo kết quả học tập, quán triệt gửi về Ban Tuyên giáo "
              "Đảng ủy Khối\",đã hoàn thành,15/9/2022,Báo cáo đã gửi Ban Tuyên giáo Đảng ủy Khối,"
              "Văn phòng Đảng ủy Khối\n")


@pytest.fixture(scope="session")
def report(tmp_path_factory) -> Path:
    """The real report file."""
    return corpus_file(REPORT, tmp_path_factory.mktemp("report"))


def run(home, *args, ok=True):
    env = {"TRUYVET_HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8",
           "TRUYVET_USER": "tester", "COLUMNS": "200"}
    p = subprocess.run([sys.executable, "-m", "truyvet", *args], capture_output=True, text=True, env=env)
    if ok:
        assert p.returncode == 0, p.stderr
    return p


def seed_copy(seeds, tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in SEED_FILES.values():
        shutil.copy(seeds / f, docs / f)
    return docs


def test_doc_examples():
    assert doctest.testmod(status_module).failed == 0
    assert doctest.testmod(events_module).failed == 0


# --- seed 003: two deadlines, no event -------------------------------------------

def _by_due(tracked, day):
    return [t for t in tracked if t.due and t.due.due == day]


def test_seed_003_deadlines_are_overdue_without_an_event(graph):
    tracked, _ = track(graph)
    for day, lead in (("2022-09-20", "Các chi, đảng ủy cơ sở"), ("2022-10-07", "Ban Tuyên giáo Đảng ủy")):
        (t,) = _by_due(tracked, day)
        assert t.file.endswith(SEED_FILES["003"]) and t.events == []
        assert [n.lower() for _, n in t.leads] == [lead.lower()]
        assert t.state("2023-01-01").state == "overdue"
        assert t.state(day).state == "in_progress"          # the due day itself is within the deadline
        # the evidence holds the deadline as written (the quote keeps the file's own markup)
        assert "trước ngày" in t.quote and t.deadline in display(t.quote)
        text = (Path(t.file)).read_text(encoding="utf-8")
        assert text[t.span[0]:t.span[1]] == t.quote


def test_status_file_marks_one_done_and_the_figures_change(seeds, tmp_path):
    home = tmp_path / "home"
    run(home, "ingest", str(seeds))
    before = json.loads(run(home, "tasks", "--figures", "--as-of", "2023-01-01", "--json").stdout)["figures"]
    overdue = json.loads(run(home, "tasks", "--overdue", "--as-of", "2023-01-01", "--json").stdout)["tasks"]
    # IV.2 is due "trong quý III năm 2022", that is by 2022-09-30.
    assert sorted(t["due"] for t in overdue) == ["2022-09-20", "2022-09-30", "2022-10-07"]

    sheet = tmp_path / "trangthai.csv"
    sheet.write_text(STATUS_CSV, encoding="utf-8")
    p = run(home, "status", "import", str(sheet))
    assert "1 recorded" in p.stderr
    after = json.loads(run(home, "tasks", "--figures", "--as-of", "2023-01-01", "--json").stdout)["figures"]
    chi_bo = lambda fs: next(f for f in fs if f["agency"].lower() == "các chi, đảng ủy cơ sở")  # noqa: E731
    assert (chi_bo(before)["overdue"], chi_bo(before)["done_on_time"], chi_bo(before)["on_time_pct"]) == (1, 0, 0.0)
    assert (chi_bo(after)["overdue"], chi_bo(after)["done_on_time"], chi_bo(after)["on_time_pct"]) == (0, 1, 100.0)
    left = json.loads(run(home, "tasks", "--overdue", "--as-of", "2023-01-01", "--json").stdout)["tasks"]
    assert sorted(t["due"] for t in left) == ["2022-09-30", "2022-10-07"]
    done = json.loads(run(home, "tasks", "--status", "done_on_time", "--as-of", "2023-01-01", "--json").stdout)
    (row,) = done["tasks"]
    ev = row["status_evidence"]
    assert (ev["source"], ev["date"], ev["who"], ev["why"]) == (
        "user", "2022-09-15", "Văn phòng Đảng ủy Khối", "Báo cáo đã gửi Ban Tuyên giáo Đảng ủy Khối")
    assert ev["file"] == str(sheet) and len(ev["sha256"]) == 64
    # Importing the same file again records nothing new.
    assert "0 recorded, 1 already recorded" in run(home, "status", "import", str(sheet)).stderr
    # The named query gives the same figures from the store.
    cy = json.loads(run(home, "run", "task_figures", "-p", "as_of=2023-01-01", "--json").stdout)
    assert {(f["agency"], f["overdue"], f["done_on_time"]) for f in cy} == \
        {(f["agency"], f["overdue"], f["done_on_time"]) for f in after}


def test_a_status_file_reads_only_the_tasks_its_rows_name(seeds, tmp_path):
    from truyvet.cli.corrections import _writable
    from truyvet.cli.options import StoreSpec
    from truyvet.tracking.statusfile import read_rows
    home = tmp_path / "home"
    run(home, "ingest", str(seeds))
    spec = StoreSpec(home=str(home))
    sheet = tmp_path / "trangthai.csv"
    sheet.write_text(STATUS_CSV, encoding="utf-8")
    with _writable(spec, sheet=read_rows(str(sheet))[0]) as (store, g):
        every = store.query("MATCH (t:Task) RETURN t.id AS id, t.doc_id AS doc")
        read = {n: d["doc_id"] for n, d in g.nodes(data=True) if d.get("type") == "Task"}
        doc = resolve.document(g, SEED_FILES["003"])
        named = resolve.task(g, "Tổng hợp, báo cáo kết quả học tập, quán triệt gửi về Ban Tuyên giáo Đảng ủy Khối",
                             SEED_FILES["003"])
    # The row names seed 003: its tasks are read, no other document's.
    assert set(read.values()) == {doc} and named in read
    assert sorted(read) == sorted(r["id"] for r in every if r["doc"] == doc) and len(read) < len(every)
    # A row that names no document is searched among every task.
    sheet.write_text(STATUS_CSV.replace(SEED_FILES["003"], ""), encoding="utf-8")
    with _writable(spec, sheet=read_rows(str(sheet))[0]) as (store, g):
        assert sum(d.get("type") == "Task" for _, d in g.nodes(data=True)) == len(every)


def test_a_bad_status_file_is_one_line_naming_file_and_row(seeds, tmp_path):
    home = tmp_path / "home"
    run(home, "ingest", str(seeds))
    sheet = tmp_path / "bad.csv"
    sheet.write_text(STATUS_CSV.replace("đã hoàn thành", "gần xong"), encoding="utf-8")
    p = run(home, "status", "import", str(sheet), ok=False)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert f"{sheet}:2: status 'gần xong' is not" in " ".join(p.stderr.split())
    assert json.loads(run(home, "correct", "list", "--json").stdout) == []


def test_a_correction_survives_reingesting_the_same_folder(seeds, tmp_path):
    docs = seed_copy(seeds, tmp_path)
    home = tmp_path / "home"
    run(home, "ingest", str(docs))
    p = run(home, "correct", "lead", "Tổng hợp, báo cáo kết quả học tập gửi về Ban Tuyên giáo Tỉnh ủy trước ngày 07/10/2022",
            "Văn phòng Đảng ủy Khối", "--doc", SEED_FILES["003"], "--why", "Phân công lại")
    fact_id = p.stderr.split("recorded ", 1)[1].split(":", 1)[0]

    def lead_of_oct_task():
        rows = json.loads(run(home, "tasks", "--due-before", "2022-10-08", "--as-of", "2023-01-01",
                              "--json").stdout)["tasks"]
        return sorted((r["due"], r["agency"]) for r in rows)

    corrected = [("2022-09-20", "các chi, đảng ủy cơ sở"), ("2022-09-30", "Văn phòng Đảng ủy Khối"),
                 ("2022-10-07", "Văn phòng Đảng ủy Khối")]
    assert lead_of_oct_task() == corrected
    run(home, "ingest", str(docs))                                  # unchanged files
    assert lead_of_oct_task() == corrected
    plan = docs / SEED_FILES["003"]
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = json.loads(run(home, "ingest", str(docs), "--json").stdout)
    assert again["statuses"]["replaced"] == 1                       # the extracted facts were rewritten
    assert lead_of_oct_task() == corrected
    # Listed, exported with provenance, reversible.
    (fact,) = json.loads(run(home, "correct", "list", "--json").stdout)
    assert (fact["id"], fact["kind"], fact["who"], fact["why"]) == (fact_id, "lead", "tester", "Phân công lại")
    exported = [json.loads(line) for line in run(home, "correct", "export").stdout.splitlines()]
    assert exported[0]["at"] == fact["at"] and exported[0]["target"] == fact["target"]
    run(home, "correct", "revert", fact_id, "--why", "nhầm")
    assert lead_of_oct_task() == [("2022-09-20", "các chi, đảng ủy cơ sở"), ("2022-09-30", "Văn phòng Đảng ủy Khối"),
                                  ("2022-10-07", "Ban Tuyên giáo Đảng ủy")]
    assert json.loads(run(home, "correct", "list", "--json").stdout) == []
    (listed,) = json.loads(run(home, "correct", "list", "--all", "--json").stdout)
    assert (listed["reverted_by"], listed["reverted_why"]) == ("tester", "nhầm")
    # Named by its id (that task alone is read) or by its text without --doc
    # (every task searched), a task gets the status the same way.
    rows = json.loads(run(home, "tasks", "--due-before", "2022-10-08", "--as-of", "2023-01-01", "--json").stdout)
    tid = next(r["task_id"] for r in rows["tasks"] if r["due"] == "2022-10-07")
    assert f"status {tid} → done" in run(home, "status", "set", tid, "done", "--why", "xong",
                                         "--date", "2022-10-05").stderr
    run(home, "status", "set", "báo cáo kết quả học tập gửi về Ban Tuyên giáo Tỉnh ủy trước ngày 07/10/2022",
        "in_progress", "--why", "đang làm", "--date", "2022-10-01")
    facts = {f["value"]: f["target"] for f in json.loads(run(home, "correct", "list", "--json").stdout)}
    assert facts == {"done": tid, "in_progress": tid}
    states = {r["task_id"]: (r["state"], r["done_on"]) for r in json.loads(
        run(home, "tasks", "--due-before", "2022-10-08", "--as-of", "2023-01-01", "--json").stdout)["tasks"]}
    assert states[tid] == ("done_on_time", "2022-10-05")


def test_status_file_names_a_task_by_the_words_of_its_text(graph):
    tid = resolve.task(graph, "Tổng hợp, báo cáo kết quả học tập, quán triệt gửi về Ban Tuyên giáo Đảng ủy Khối",
                       SEED_FILES["003"])
    assert "trước ngày 20/9/2022" in graph.nodes[tid]["text"]       # not the task sent to the Tỉnh ủy


def test_a_label_written_twice_is_ambiguous_and_its_key_is_not(graph):
    # Seed 003 gives item IV.3 two bullets, each a task labelled IV.3: the label alone names both.
    with pytest.raises(TruyvetError, match="names 2 tasks"):
        resolve.task(graph, "IV.3", SEED_FILES["003"])
    second = resolve.task(graph, "IV.3#2", SEED_FILES["003"])
    assert "trước ngày 20/9/2022" in graph.nodes[second]["text"]


def test_merge_and_link_corrections_apply_over_extraction(graph):
    from truyvet.tracking.corrections import apply_corrections
    plan = resolve.document(graph, SEED_FILES["003"])
    ban = resolve.node(graph, "Ban Tuyên giáo Đảng ủy", ("Agency",))
    vp = resolve.node(graph, "Văn phòng Đảng ủy Khối", ("Agency",))
    facts = [UserFact("merge", ban, vp, who="t", why="một cơ quan"),
             UserFact("link", plan, "doc:15-NQ/TW", relation="implements", who="t", why="thực hiện NQ 15")]
    g = apply_corrections(graph, facts)
    assert ban not in g and vp in g
    assert any(d["rel"] == "IMPLEMENTS" and d["source_id"] == f"user:{facts[1].id}"
               for _, v, d in g.out_edges(plan, data=True) if v == "doc:15-NQ/TW")
    tracked, _ = track(graph, facts)
    (oct_task,) = _by_due(tracked, "2022-10-07")
    assert [n for _, n in oct_task.leads] == ["Văn phòng Đảng ủy Khối"]


# --- a report, row by row ----------------------------------------------------------------

def test_report_rows_are_read_with_evidence_and_the_document_they_report_on(report):
    doc = parse_file(report)
    found = find_status_statements(doc)
    assert len(found) == 110                       # 36 rows of Phụ lục II with a status, 74 of Phụ lục I

    def row(words):
        (s,) = [s for s in found if " ".join(s.subject.split()).startswith(words)]
        return s
    ai = row("Khẩn trương hoàn thiện dự thảo Luật Trí tuệ nhân tạo, trình Chính phủ")
    assert (ai.status, ai.cue, ai.target.symbol, ai.lead, ai.deadline, ai.stated) == (
        "done", "Đã hoàn thành", "552/TB-VPCP", "Bộ Khoa học và Công nghệ", "31/12/2025", "2025-11-07")
    assert doc.text[ai.span[0]:ai.span[1]] == ai.evidence and "Tờ trình số" in ai.evidence
    kpi = row("Chủ trì, làm việc với các bộ, cơ quan: Công an, Văn phòng Chính phủ")
    assert (kpi.status, kpi.late, kpi.deadline) == ("done", True, "10/10/2025")   # "Đã hoàn thành quá hạn"
    law = row("Xây dựng các Luật sửa đổi, bổ sung các Luật: (1) Luật Ngân sách")
    assert (law.status, law.target.symbol, law.lead, law.deadline) == (
        "not_done", "71/NQ-CP", "Bộ Tài chính", "31/05/2025")                      # Phụ lục I, by its heading


def test_report_done_is_attached_to_the_right_task(report):
    g, errors = graph_from_paths([str(report)])
    assert errors == []
    tracked, unlinked = track(g)
    of_552 = [t for t in tracked if t.doc_id == "doc:552/TB-VPCP"]
    assert len(of_552) == 36 and unlinked == []

    def task(words):
        (t,) = [t for t in of_552 if t.text.startswith(words)]
        return t
    ai = task("Khẩn trương hoàn thiện dự thảo Luật Trí tuệ nhân tạo")
    (event,) = ai.events
    assert (event.status, event.date, event.reporter, event.cue) == ("done", "2025-11-07", "doc:624/TB-VPCP",
                                                                    "Đã hoàn thành")
    assert ai.leads[0][1] == "Bộ Khoa học và Công nghệ" and ai.due.due == "2025-12-31"
    # The four statuses as of the report's day agree with the report's own words.
    as_of = "2025-11-16"
    assert ai.state(as_of).state == "done_on_time"
    assert task("Chủ trì, làm việc với các bộ, cơ quan").state(as_of).state == "done_late"  # "… quá hạn"
    said = {t.events[0].cue: t.state(as_of).state for t in of_552 if t.due and t.due.due < as_of}
    assert said == {"Đã hoàn thành": "done_on_time", "Đã hoàn thành quá hạn": "done_late",
                    "Chưa hoàn thành": "overdue", "Đang thực hiện": "overdue"}
    figs = {f["agency"]: f for f in figures.figures(figures.rows(tracked, as_of))}
    kh = figs["Bộ Khoa học và Công nghệ"]
    # 9 rows of Phụ lục II and one of Phụ lục I (45-TB/TGV) name the ministry alone as lead; the
    # report's own III.5.a) ("Bộ Khoa học và Công nghệ: (1) trình …", due 10/12/2025) is in progress.
    assert (kh["done_on_time"], kh["done_late"], kh["in_progress"], kh["overdue"]) == (4, 2, 3, 2)


def test_a_report_never_reports_on_a_task_issued_after_it(report, seeds, tmp_path):
    # Quyết định 2629/QĐ-TTg (01/12/2025) assigns the same AI law to the same
    # ministry, after the report (16/11/2025): the row must not close it.
    later = corpus_file("2edf5927c71bc4c1.md", tmp_path)
    g, _ = graph_from_paths([str(report), str(later)])
    tracked, _ = track(g)
    assert all(not t.events for t in tracked if t.doc_id == "doc:2629/QĐ-TTg")


# --- both engines answer the same -----------------------------------------------------------

def _store_flow(store, docs: list[str]):
    from truyvet.queries.ingest import ingest_paths
    from truyvet.queries.pack import run_query
    from truyvet.tracking import record, views
    ingest_paths(store, docs)
    views.refresh(store)
    g = store.to_networkx()
    (oct_task,) = [n for n, d in g.nodes(data=True) if d.get("type") == "Task" and str(d.get("deadline")).endswith("07/10/2022")]
    record.record(store, [UserFact("status", oct_task, "done", who="t", why="đã gửi", date="2022-10-20"),
                          UserFact("lead", oct_task, "Văn phòng Đảng ủy Khối", who="t", why="phân công lại")])
    ingest_paths(store, docs)                      # again: the user layer is untouched
    views.refresh(store)
    out = {}
    for as_of in ("2023-01-01", "2025-11-16"):
        py = figures.figures(figures.rows(views.load(store), as_of))
        cy = run_query(store, "task_figures", {"as_of": as_of})
        key = ("agency", "assigned", "with_due", "done_on_time", "done_late", "in_progress", "overdue",
               "no_deadline")
        assert sorted(tuple(int(f[k]) if k != "agency" else f[k] for k in key) for f in cy) == \
            sorted(tuple(f[k] for k in key) for f in py)
        out[as_of] = {f["agency"]: f for f in py}
        overdue = run_query(store, "overdue_tasks", {"as_of": as_of})
        assert sorted((r["task"], r["agency"]) for r in overdue) == sorted(
            (r.task.task_id, r.agency) for r in figures.select(figures.rows(views.load(store), as_of),
                                                                states=("overdue",)))
    return out


def test_embedded_store_figures_equal_cypher(seeds, report, tmp_path):
    from truyvet.graph.stores import open_store
    with open_store("embedded", path=tmp_path / "s" / "graph.lbdb") as store:
        out = _store_flow(store, [str(seeds), str(report)])
    assert out["2023-01-01"]["Văn phòng Đảng ủy Khối"]["done_late"] == 1
    assert out["2025-11-16"]["Bộ Khoa học và Công nghệ"]["done_late"] == 2


def test_neo4j_store_figures_equal_cypher(seeds, report):
    from store_fixtures import require_neo4j
    require_neo4j()
    from truyvet.graph.stores import open_store
    with open_store("neo4j") as store:
        store.clear()
        out = _store_flow(store, [str(seeds), str(report)])
        store.clear()
    assert out["2023-01-01"]["Văn phòng Đảng ủy Khối"]["done_late"] == 1
    assert out["2025-11-16"]["Bộ Khoa học và Công nghệ"]["done_late"] == 2


# --- review and pages -----------------------------------------------------------------------

def test_review_lists_the_least_certain_first_and_confirm_removes_one(seeds, tmp_path):
    home = tmp_path / "home"
    run(home, "ingest", str(seeds))
    items = json.loads(run(home, "review", "--limit", "500", "--json").stdout)
    scores = [i["confidence"] for i in items]
    assert scores == sorted(scores) and scores[0] < 0.7 < scores[-1]
    assert {i["kind"].split("/")[0] for i in items} >= {"assignment", "link", "deadline"}
    first = items[0]
    assert first["evidence"]["quote"] and len(first["evidence"]["sha256"]) == 64
    run(home, "correct", "confirm", first["key"])
    again = json.loads(run(home, "review", "--limit", "500", "--json").stdout)
    assert first["key"] not in {i["key"] for i in again} and len(again) == len(items) - 1


def test_lineage_page_colours_tasks_by_status(seeds, tmp_path):
    home = tmp_path / "home"
    run(home, "ingest", str(seeds))
    page = tmp_path / "p.html"
    run(home, "viz", "Kế hoạch (Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh)", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert "nhiệm vụ quá hạn" in html and "#f8c9c4" in html


def test_xlsx_status_file_and_workbook(seeds, tmp_path):
    import openpyxl
    home = tmp_path / "home"
    run(home, "ingest", str(seeds))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Văn bản", "Nhiệm vụ", "Trạng thái", "Ngày", "Ghi chú", "Người cập nhật"])
    ws.append([SEED_FILES["003"], "Tổng hợp, báo cáo kết quả học tập gửi về Ban Tuyên giáo Tỉnh ủy trước ngày 07/10/2022",
               "Chưa hoàn thành", __import__("datetime").datetime(2022, 10, 10), "chưa gửi", "Ban Tuyên giáo"])
    sheet = tmp_path / "trangthai.xlsx"
    wb.save(sheet)
    run(home, "status", "import", str(sheet))
    out = tmp_path / "tasks.xlsx"
    run(home, "tasks", "--as-of", "2023-01-01", "--overdue", "--xlsx", str(out))
    book = openpyxl.load_workbook(out)
    rows = list(book["Nhiệm vụ"].values)
    col = rows[0].index
    (task,) = [r for r in rows[1:] if r[col("due")] == "2022-10-07"]
    assert task[col("state")] == "overdue" and task[col("status_source")] == "user"
    assert task[col("status_by")] == "Ban Tuyên giáo" and task[col("sha256")]
    assert list(book["Số liệu"].values)[0][:2] == ("as_of", "2023-01-01")


def test_two_leads_merged_into_one_agency_lead_once(tmp_path):
    # a64be9c6222a0c50.md, Công văn 12118/VPCP-KTTH: item (2) is led by nine
    # ministries, Bộ Nội vụ and Bộ Tư pháp among them. Merged by a user, the
    # two are one lead (one view row; two rows with one id would stop the write).
    g, _ = graph_from_paths([str(corpus_file("a64be9c6222a0c50.md", tmp_path))])
    task = "task:doc:12118/VPCP-KTTH#(2)"
    before = next(t for t in track(g)[0] if t.task_id == task).leads
    assert len(before) == 9 and ("agency:bo-noi-vu", "Bộ Nội vụ") in before
    merge = UserFact("merge", "agency:bo-noi-vu", "agency:bo-tu-phap", who="t", why="thử gộp")
    after = next(t for t in track(g, [merge])[0] if t.task_id == task).leads
    assert sorted(after) == sorted(set(before) - {("agency:bo-noi-vu", "Bộ Nội vụ")})
