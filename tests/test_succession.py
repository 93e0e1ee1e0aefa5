"""Agency succession: the curated table, statements read from real text, SUCCEEDED_BY edges
in the graph and in both stores, and the lookups that follow them."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from store_fixtures import require_neo4j
from truyvet.graph.build import build_graph, document_fragment
from truyvet.graph.stores import open_store
from truyvet.loaders.bodies.lexicon import CENTRAL
from truyvet.loaders.keys import fold
from truyvet.loaders.parse import parse_file
from truyvet.loaders.places import provinces
from truyvet.loaders.succession import find_successions
from truyvet.loaders.succession_table import ROWS, TABLE_FILE, TABLE_SHA256, TABLE_TEXT, rows_for
from truyvet.queries import api
from truyvet.queries.pack import run_query

DATA = Path(__file__).parent / "data" / "succession"
BCS = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
DU = "agency:dang-uy-ubnd-thanh-pho@ha-noi"
KH_HN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"


# --- the table ------------------------------------------------------------------------------

def test_table_rows_for_ban_tuyen_giao_va_dan_van_trung_uong():
    rows = [r for r in ROWS if "Ban Tuyên giáo và Dân vận Trung ương" in r.successors]
    assert [(r.predecessor, r.kind, r.effective, r.scope) for r in rows] == [
        ("Ban Tuyên giáo Trung ương", "merged_into", "2025-02-03", "central"),
        ("Ban Dân vận Trung ương", "merged_into", "2025-02-03", "central")]
    assert {r.source for r in rows} == {"Kết luận 121-KL/TW ngày 24/01/2025; Quyết định 246-QĐ/TW ngày 24/01/2025"}
    for r in rows:                          # the evidence span is the source, as written in the file
        assert TABLE_TEXT[r.span[0]:r.span[1]] == r.source


def test_table_shape_and_provinces():
    assert len(ROWS) == 73
    units = [r for r in ROWS if r.scope == "unit"]
    # one row per old province whose name did not survive the merger (63 → 34)
    assert len(units) == sum(1 for p in provinces("2008") if p.short != p.now_part_of) == 29
    assert {(r.predecessor, r.successors) for r in units} >= {
        ("tỉnh Hải Dương", ("thành phố Hải Phòng",)), ("tỉnh Phú Yên", ("tỉnh Đắk Lắk",)),
        ("tỉnh Bình Dương", ("thành phố Hồ Chí Minh",))}
    assert all(r.source == "Nghị quyết 202/2025/QH15 ngày 12/6/2025" and r.effective == "2025-07-01" for r in units)
    assert rows_for("ban can su dang ubnd thanh pho")[0].successors == ("Đảng ủy UBND Thành phố",)


def test_table_agrees_with_the_lexicon_of_former_bodies():
    """Each central body the lexicon marks "former" with a successor has the same successors here."""
    former = {k.name: k.successor for first in CENTRAL.written for k in CENTRAL.values_of(first)
              if k.status == "former" and k.successor}
    assert len(former) >= 20
    for name, successor in former.items():
        rows = [r for r in rows_for(name) if r.scope == "central"]
        assert rows, name
        assert {fold(s) for r in rows for s in r.successors} == {fold(s) for s in successor.split(";")}, name


# --- statements in real text --------------------------------------------------------------------

def test_statements_of_ket_luan_121():
    text = (DATA / "kl121_a2ad48be01d03c40.md").read_text(encoding="utf-8")
    got = {(tuple(s.predecessors), tuple(s.successors), s.kind) for s in find_successions(text)}
    assert (("Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương"), ("Ban Tuyên giáo và Dân vận Trung ương",),
            "merged_into") in got
    assert (("Ban Kinh tế Trung ương",), ("Ban Chính sách, chiến lược Trung ương",), "renamed") in got
    assert (("Ban Đối ngoại Trung ương",), ("Bộ Ngoại giao", "Đảng ủy Bộ Ngoại giao"), "ended") in got
    merged = next(s for s in find_successions(text) if s.kind == "merged_into")
    assert text[merged.span[0]:merged.span[1]] == merged.evidence == (
        "- Hợp nhất Ban Tuyên giáo Trung ương và Ban Dân vận Trung ương thành Ban Tuyên giáo và Dân vận Trung ương.")
    assert [text[a:b] for a, b in merged.names] == [
        "Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương", "Ban Tuyên giáo và Dân vận Trung ương"]


def test_statement_with_its_effective_date():
    text = (DATA / "qd316_27d73701b21b8ca6.md").read_text(encoding="utf-8")
    (s,) = find_successions(text)
    assert (s.predecessors, s.successors, s.kind, s.effective) == (
        ["Đảng bộ tỉnh Kon Tum"], ["Đảng bộ tỉnh Quảng Ngãi"], "merged_into", "2025-07-01")
    assert s.cue == "trên cơ sở hợp nhất"


def test_province_merger_moves_the_bodies_a_document_names():
    text = (DATA / "haiduong_8eaf05f9cd5a1659.md").read_text(encoding="utf-8")
    (s,) = find_successions(text)
    assert (s.predecessors, s.successors, s.unit) == (["tỉnh Hải Dương"], ["thành phố Hải Phòng"], True)
    doc = parse_file(DATA / "haiduong_8eaf05f9cd5a1659.md")
    assert [x.kind for x in doc.successions] == ["merged_into"]
    assert doc.to_json()["successions"][0]["predecessors"] == ["tỉnh Hải Dương"]


def test_graph_edge_from_a_statement_carries_its_sentence():
    doc = parse_file(DATA / "qd316_27d73701b21b8ca6.md")
    frag = document_fragment(doc)
    (e,) = [e for e in frag.edges if e.rel == "SUCCEEDED_BY"]
    assert (e.source, e.target) == ("agency:dang-bo-tinh@kon-tum", "agency:dang-bo-tinh@quang-ngai")
    assert e.props["role"] == "merged_into" and e.props["effective"] == "2025-07-01"
    assert doc.text[e.props["span_start"]:e.props["span_end"]] == e.props["quote"]
    assert e.props["file"] == doc.file and e.props["sha256"] == doc.sha256


# --- the table applied to real seeds ----------------------------------------------------------

@pytest.fixture(scope="module")
def seed_graph(parsed):
    return build_graph(parsed.values())


def test_seed_plan_edge_from_the_table(seed_graph):
    edges = [(u, d) for u, v, d in seed_graph.in_edges(DU, data=True) if d["rel"] == "SUCCEEDED_BY"]
    assert {u for u, _ in edges} == {BCS}
    d = next(d for _, d in edges if d["source_id"] == KH_HN)
    assert (d["role"], d["effective"], d["quote"], d["file"], d["sha256"]) == (
        "ended", "2025-02", "Kết luận 121-KL/TW ngày 24/01/2025", TABLE_FILE, TABLE_SHA256)
    assert TABLE_TEXT[d["span_start"]:d["span_end"]] == d["quote"]
    assert seed_graph.nodes[DU]["name"] == "Đảng ủy UBND Thành phố" and seed_graph.nodes[DU]["place"] == "Hà Nội"


def test_successor_lists_the_tasks_it_inherits(seed_graph):
    node, groups = api.agency(seed_graph, "Đảng ủy UBND Thành phố")
    assert node == DU
    inherited = [g for g in groups if g.get("inherited_from")]
    assert inherited and all(g["inherited_from"]["id"] == BCS for g in inherited)
    plan = next(g for g in inherited if g["document"] == KH_HN)
    assert "II.2.(14)" in {t["label"] for t in plan["tasks"]}      # the headline task of seed 000
    links = api.succession(seed_graph, BCS)
    assert [x["id"] for x in links["succeeded_by"]] == [DU]


def test_agency_cli_text_and_json(seeds):
    runner = CliRunner()
    from truyvet.cli import main
    out = runner.invoke(main, ["agency", "Đảng ủy UBND Thành phố", "--docs", str(seeds), "--max", "1"])
    assert out.exit_code == 0, out.output
    assert "kế thừa từ Ban cán sự đảng UBND Thành phố (Hà Nội)" in out.output
    js = runner.invoke(main, ["agency", "Đảng ủy UBND Thành phố", "--docs", str(seeds), "--json"])
    data = json.loads(js.output[js.output.index("{"):])
    assert data["predecessors"][0]["id"] == BCS
    assert {g["inherited_from"]["label"] for g in data["documents"]} == {"Ban cán sự đảng UBND Thành phố (Hà Nội)"}
    old = runner.invoke(main, ["agency", "Ban cán sự đảng UBND Thành phố", "--docs", str(seeds), "--brief"])
    assert "đã được kế tiếp bởi Đảng ủy UBND Thành phố (Hà Nội)" in old.output


# --- both stores ------------------------------------------------------------------------------

def _succession_rows(store):
    return sorted((r["a"], r["b"], r["src"], r["kind"], r["eff"], r["q"]) for r in store.query(
        "MATCH (a:Agency)-[e:SUCCEEDED_BY]->(b:Agency) RETURN a.id AS a, b.id AS b, e.source_id AS src, "
        "e.role AS kind, e.effective AS eff, e.quote AS q"))


def _check_store(store, parsed):
    frags = [document_fragment(parsed[k]) for k in ("000", "001", "003")]
    store.ingest_many(frags)
    rows = _succession_rows(store)
    assert (BCS, DU, KH_HN, "ended", "2025-02", "Kết luận 121-KL/TW ngày 24/01/2025") in rows
    assert len(rows) == sum(1 for f in frags for e in f.edges if e.rel == "SUCCEEDED_BY") == 4
    g = store.to_networkx()
    assert sum(1 for *_, d in g.edges(data=True) if d["rel"] == "SUCCEEDED_BY") == 4
    chain = run_query(store, "successor_chain", {"agency_id": BCS})
    assert chain == [{"successor": DU, "name": "Đảng ủy UBND Thành phố", "place": "Hà Nội", "hops": 1}]
    inherited = run_query(store, "inherited_tasks", {"agency_id": DU})
    assert {r["inherited_from"] for r in inherited} == {BCS}
    assert {r["document"] for r in inherited} == {KH_HN, "doc:1021-CV/TU@ha-noi"}
    assert len(inherited) == 32
    store.remove_documents([KH_HN])               # the edges go with the document that carried them
    assert (BCS, DU, KH_HN, "ended", "2025-02", "Kết luận 121-KL/TW ngày 24/01/2025") not in _succession_rows(store)
    return chain, inherited


def test_embedded_store_round_trip(tmp_path, parsed):
    with open_store("embedded", path=tmp_path / "graph.lbdb") as s:
        _check_store(s, parsed)


def test_neo4j_store_round_trip(tmp_path, parsed):
    require_neo4j()
    with open_store("embedded", path=tmp_path / "graph.lbdb") as e:
        expected = _check_store(e, parsed)
    with open_store("neo4j") as s:
        s.clear()
        assert _check_store(s, parsed) == expected
        s.clear()


def test_store_made_before_the_effective_property_takes_succession_edges(tmp_path, parsed):
    path = tmp_path / "old.lbdb"
    with open_store("embedded", path=path) as s:
        for rel in ("SUCCEEDED_BY", "ASSIGNS"):
            s.query(f"ALTER TABLE {rel} DROP effective", write=True)
    with open_store("embedded", path=path) as s:             # reopening adds the column back
        s.ingest(document_fragment(parsed["000"]))
        assert (BCS, DU, KH_HN, "ended", "2025-02", "Kết luận 121-KL/TW ngày 24/01/2025") in _succession_rows(s)
