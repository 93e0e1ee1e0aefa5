"""People and meetings on real documents: seeds 000/002, gold Thông báo 623 and news 15."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO, require
from store_fixtures import fresh_store
from truyvet.graph.build import build_graph, document_fragment
from truyvet.queries.derived_views import refresh_matches
from truyvet.loaders.keys import fold
from truyvet.loaders.parse import parse_file
from truyvet.queries.pack import run_query

GOLD = Path(os.environ.get("TRUYVET_GOLD", REPO.parent / "shared" / "gold"))
PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
EVENT = "event:working_session/2024-11-27/to-lam"
NEW_RELS = {"MENTIONS", "DIRECTED_BY", "SIGNED_BY", "REPORTS_EVENT", "RECORDED_IN", "CHAIRED_BY",
            "ATTENDED_BY", "HELD_WITH"}


def gold_doc(name: str):
    return parse_file(require(GOLD / "docs" / name, "gold document (set TRUYVET_GOLD)"))


def edges(g, rel, u=None, v=None):
    return [(a, b, d) for a, b, d in g.edges(data=True)
            if d["rel"] == rel and (u is None or a == u) and (v is None or b == v)]


def news_id(g):
    (nid,) = [n for n, d in g.nodes(data=True) if d.get("title") == "Tổng Bí thư Tô Lâm làm việc với Ban Thường vụ Thành ủy Hà Nội"]
    return nid


def test_the_news_of_seed_002_reports_the_session_that_thong_bao_111_records(graph):
    ev = graph.nodes[EVENT]
    assert (ev["type"], ev["date"], ev["kind_text"], ev["name"]) == (
        "Event", "2024-11-27", "buổi làm việc", "Ban Thường vụ Thành ủy Hà Nội")
    (_, _, rep), = edges(graph, "REPORTS_EVENT", news_id(graph), EVENT)
    assert rep["quote"].startswith("Ngày 27-11, Tổng Bí thư Tô Lâm dẫn đầu Đoàn công tác")
    (_, chair, _), = edges(graph, "CHAIRED_BY", EVENT)
    (_, body, _), = edges(graph, "HELD_WITH", EVENT)
    assert chair == "person:to-lam" and body == "agency:ban-thuong-vu-thanh-uy@ha-noi"
    attended = {graph.nodes[b]["name"] for _, b, _ in edges(graph, "ATTENDED_BY", EVENT)}
    assert {"Nguyễn Hòa Bình", "Bùi Thị Minh Hoài", "Nguyễn Duy Ngọc", "Trần Sỹ Thanh", "Hà Minh Hải"} <= attended
    # 111 (03/12/2024) records it; 95 (21/8/2024), the same pair's earlier session, does not.
    (_, rec, d), = edges(graph, "RECORDED_IN", EVENT)
    assert rec == "doc:111-TB/VPTW" and d["role"] == "matched" and d["source_id"] == PLAN
    assert "Thông báo số 111-TB/VPTW ngày 03/12/2024" in d["quote"] and d["cue"].endswith("27/11/2024 → 03/12/2024")
    assert d["quote"] == Path(graph.nodes[PLAN]["file"]).read_text(encoding="utf-8")[d["span_start"]:d["span_end"]]


def test_to_lam_is_one_person_with_his_role_in_both_seeds(graph):
    person = graph.nodes["person:to-lam"]
    assert (person["name"], person["place"]) == ("Tô Lâm", None)
    roles = {(a, d["role"]) for a, _, d in edges(graph, "MENTIONS", v="person:to-lam")}
    assert {(PLAN, "Tổng Bí thư"), (news_id(graph), "Tổng Bí thư")} <= roles
    assert [n for n, d in graph.nodes(data=True) if d["type"] == "Person" and fold(d["name"]) == "to lam"] == [
        "person:to-lam"]
    directed = {a for a, _, _ in edges(graph, "DIRECTED_BY", v="person:to-lam")}
    assert {"doc:111-TB/VPTW", "doc:95-TB/VPTW"} <= directed


def test_a_local_official_is_keyed_by_place_and_one_across_sign_and_news(graph):
    # Signs 000 (Hà Nội) and is "Phó Bí thư Thường trực Thành ủy" in the Hà Nội news.
    pid = "person:nguyen-van-phong@ha-noi"
    assert graph.nodes[pid]["place"] == "Hà Nội"
    assert edges(graph, "SIGNED_BY", PLAN, pid)
    (_, _, d), = edges(graph, "MENTIONS", news_id(graph), pid)
    assert d["role"] == "Phó Bí thư Thường trực Thành ủy"
    # Ủy viên Bộ Chính trị and Bí thư Thành ủy Hà Nội: the narrower role keys her.
    roles = {d["role"] for _, _, d in edges(graph, "MENTIONS", v="person:bui-thi-minh-hoai@ha-noi")}
    assert "Ủy viên Bộ Chính trị; Bí thư Thành ủy Hà Nội" in roles and "UVBCT; Bí thư Thành ủy" in roles


def test_places_are_not_people(graph):
    names = {fold(d["name"]) for _, d in graph.nodes(data=True) if d["type"] == "Person"}
    assert not names & {"ha noi", "hai ba trung", "dong da", "thuong tin"}
    doc = gold_doc("18_qd2820-ubnd-hcm-csdl-quyhoach.txt")
    assert "Hồ Chí Minh" in doc.text and not [p for p in doc.people if fold(p.name) == "ho chi minh"]


def test_a_thong_bao_ket_luan_records_its_own_session_and_keeps_its_signer_title():
    doc = gold_doc("25_tb623-vpcp-daklak.txt")
    g = build_graph([doc])
    (sig,) = [d for _, v, d in g.edges(data=True) if d["rel"] == "SIGNED_BY"]
    assert g.nodes[[v for _, v, d in g.edges(data=True) if d["rel"] == "SIGNED_BY"][0]]["name"] == "Trịnh Mạnh Linh"
    assert sig["role"] == "KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM"
    (ev,) = [n for n, d in g.nodes(data=True) if d["type"] == "Event"]
    assert ev == "event:working_session/2025-11-09/mai-van-chinh"
    assert g.nodes[ev]["venue"] == "trụ sở Ủy ban nhân dân tỉnh Đắk Lắk"
    assert [v for _, v in edges_of(g, ev, "RECORDED_IN")] == ["doc:623/TB-VPCP"]
    assert [g.nodes[v]["name"] for _, v in edges_of(g, ev, "CHAIRED_BY")] == ["Mai Văn Chính"]


def edges_of(g, n, rel):
    return [(u, v) for u, v, d in g.out_edges(n, data=True) if d["rel"] == rel]


def test_news_of_a_thong_bao_links_the_politburo_session_it_records():
    doc = gold_doc("15_tin-tb75-bct.txt")
    (e,) = doc.events
    assert (e.kind, e.date, [r.symbol for r in e.recorded_in]) == ("meeting", "2025-02-20", ["75-TB/TW"])
    assert [(p.name, p.roles) for p in doc.people] == [("Trần Cẩm Tú", ["Thường trực Ban Bí thư"])]


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_stores_round_trip_people_and_meetings(kind, parsed, graph, tmp_path):
    with fresh_store(kind, tmp_path) as store:
        for d in parsed.values():
            store.ingest(document_fragment(d))
        assert refresh_matches(store) == 1 and refresh_matches(store) == 1
        got = store.to_networkx()
        for label in ("Person", "Event"):
            want = {n: d for n, d in graph.nodes(data=True) if d["type"] == label}
            assert {n: d for n, d in got.nodes(data=True) if d["type"] == label} == want
        for rel in NEW_RELS:
            want = sorted((u, v, k) for u, v, k, d in graph.edges(keys=True, data=True) if d["rel"] == rel)
            assert sorted((u, v, k) for u, v, k, d in got.edges(keys=True, data=True) if d["rel"] == rel) == want, rel
        rows = run_query(store, "meeting_reports", {})
        assert [(r["event"], r["date"], r["recorded_in"], r["how"]) for r in rows] == [
            (EVENT, "2024-11-27", "doc:111-TB/VPTW", "matched")]
        # Removing the news removes its meeting and the inferred link.
        store.remove_documents([news_id(graph)])
        refresh_matches(store)
        assert not store.query("MATCH (e:Event) RETURN e.id AS id")


def test_a_person_is_named_by_name_with_or_without_diacritics(graph):
    from truyvet.queries.api import resolve
    assert resolve(graph, "Tô Lâm") == resolve(graph, "to lam") == "person:to-lam"
    assert resolve(graph, "Nguyễn Văn Phong") == "person:nguyen-van-phong@ha-noi"
