"""Every named query on the real seeds, on the embedded store and on Neo4j,
with identical answers on both."""
from __future__ import annotations

import pytest

from store_fixtures import fresh_store, require_neo4j
from truyvet.graph.build import document_fragment
from truyvet.graph.stores import open_store
from truyvet.queries.pack import list_queries, run_query
from truyvet.tracking.views import refresh as refresh_tracking

PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
T14 = f"task:{PLAN}#II.2.(14)"
BCS = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
CASES = {
    "lineage_down": {"doc_id": "doc:111-TB/VPTW"},
    "lineage_up": {"task_id": T14},
    "agency_tasks": {"agency_id": BCS, "roles": ["lead"]},
    "implementing": {"doc_id": "doc:111-TB/VPTW"},
    "stubs": {},
    "unimplemented": {},
    "agencies_by_lead": {"limit": 3},
    "path_between": {"from": "doc:1021-CV/TU@ha-noi", "to": "doc:28-NQ/TW"},
    "document": {"symbol": "53-KH/TU"},
    "task_figures": {"as_of": "2023-01-01"},
    "overdue_tasks": {"as_of": "2023-01-01"},
    "meeting_reports": {},
    "successor_chain": {"agency_id": BCS},
    "inherited_tasks": {"agency_id": "agency:dang-uy-ubnd-thanh-pho@ha-noi"},
}


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def store(request, parsed, tmp_path_factory):
    with fresh_store(request.param, tmp_path_factory.mktemp("seeds")) as s:
        for d in parsed.values():
            s.ingest(document_fragment(d))
        refresh_tracking(s)
        yield s


def test_every_pack_query_is_covered():
    assert {q.name for q in list_queries()} == set(CASES)


def test_headline_lineage(store):
    down = run_query(store, "lineage_down", CASES["lineage_down"])
    assert {(r["task_label"], r["agency"], r["role"]) for r in down} >= {("II.2.(14)", BCS, "lead")}
    assert {r["document"] for r in down} >= {PLAN, "doc:175-KH/TU@ha-noi"}
    up = run_query(store, "lineage_up", CASES["lineage_up"])
    assert [r["document"] for r in up if r["depth"] == 0] == [PLAN]
    assert {r["document"] for r in up if r["root"]} == {"doc:111-TB/VPTW", "doc:95-TB/VPTW"}


def test_agency_and_counts(store):
    tasks = run_query(store, "agency_tasks", CASES["agency_tasks"])
    labels = {r["task_label"] for r in tasks if r["document"] == PLAN}
    assert {f"II.2.({i})" for i in range(1, 26)} <= labels
    top = run_query(store, "agencies_by_lead", CASES["agencies_by_lead"])
    assert top[0]["agency"] == BCS and top[0]["tasks"] >= 31
    assert {r["document"] for r in run_query(store, "implementing", CASES["implementing"])} == {
        PLAN, "doc:175-KH/TU@ha-noi"}


def test_stubs_and_unimplemented(store):
    stubs = {r["document"] for r in run_query(store, "stubs", {})}
    assert {"doc:111-TB/VPTW", "doc:15-NQ/TW", "doc:28-NQ/TW", "doc:law/luat-thu-do-sua-doi"} <= stubs
    assert PLAN not in stubs
    open_ = {r["document"] for r in run_query(store, "unimplemented", {})}
    assert "doc:111-TB/VPTW" not in open_ and "doc:21-KL/TW" in open_


def test_document_lookup(store):
    [row] = run_query(store, "document", CASES["document"])
    assert row["document"].startswith("doc:53-KH/TU@?") and row["stub"] is True
    assert run_query(store, "document", {"symbol": "111-TB/VPTW"})[0]["document"] == "doc:111-TB/VPTW"


def test_seed_003_overdue_on_both_stores(store):
    rows = run_query(store, "overdue_tasks", CASES["overdue_tasks"])
    assert sorted(r["due"] for r in rows) == ["2022-09-20", "2022-09-30", "2022-10-07"]   # 09-30: "quý III"
    assert all(r["file"].endswith("003_44747714cf472d38.txt") for r in rows)
    figures = {r["agency"]: r for r in run_query(store, "task_figures", CASES["task_figures"])}
    assert figures["Ban Tuyên giáo Đảng ủy"]["overdue"] == 1 and figures["Ban Tuyên giáo Đảng ủy"]["on_time_pct"] == 0.0


def test_path_between(store):
    [row] = run_query(store, "path_between", CASES["path_between"])
    assert row["ids"] == ["doc:1021-CV/TU@ha-noi", "doc:28-NQ/TW"] and row["hops"] == 1


def test_both_stores_answer_alike(parsed, tmp_path):
    require_neo4j()
    frags = [document_fragment(d) for d in parsed.values()]
    with open_store("embedded", path=tmp_path / "graph.lbdb") as e, open_store("neo4j") as n:
        n.clear()
        e.ingest_many(frags)
        n.ingest_many(frags)
        refresh_tracking(e)
        refresh_tracking(n)
        for name, params in CASES.items():
            assert run_query(e, name, params) == run_query(n, name, params), name
