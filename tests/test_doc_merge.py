"""Document identity over time, on real files: a copy that lost its number
joins the numbered document; copies of one document are one node.

Corpus files (../shared/corpus/vn-mixed.tar.gz):

* 682d787d7d7e0ef7.md — Nghị quyết of Ủy ban Thường vụ Quốc hội "Về việc sắp
  xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025", crawled
  without its header: no number, no date;
* 9b39ed299656c722.md — a page citing it: "Nghị quyết số 1679/NQ-UBTVQH15 về
  việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025";
* e507ed3e72fc9f60.md — Nghị quyết 1677/NQ-UBTVQH15, the same words but for
  tỉnh Quảng Ngãi: another document;
* 0326977b5d611b9a.md and a72b000da303d20c.md — two copies of Nghị quyết
  08/2025/NQ-CP of Chính phủ, with different text.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from truyvet.graph.build import build_graph
from truyvet.graph.stores import open_store
from truyvet.loaders.parse import parse_file, parse_text
from truyvet.queries.ingest import ingest_paths
from conftest import corpus_files
from store_fixtures import graph_snapshot

QN, QN_CITE, QNGAI = "682d787d7d7e0ef7.md", "9b39ed299656c722.md", "e507ed3e72fc9f60.md"
NQ08 = ("0326977b5d611b9a.md", "a72b000da303d20c.md")
N1679 = "doc:1679/NQ-UBTVQH15"
ANNEX, REPLACES = "fa2cf9f23caa6d83.md", "e04c051ee54f2690.md"
TELEGRAM, CARRIES_OUT = "ac3686f6b1d64932.md", "a8e9e9675ab618ee.md"
# Two Quốc hội resolutions crawled without their numbers, and one page that cites both by number.
RAIL_HN, RAIL_LC, RAIL_CITE = "38acb0a43418a36c.md", "7c1170e3b6032492.md", "93cd6fd2a7a99d51.md"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return corpus_files([QN, QN_CITE, QNGAI, *NQ08, ANNEX, REPLACES, TELEGRAM, CARRIES_OUT,
                         RAIL_HN, RAIL_LC, RAIL_CITE],
                        tmp_path_factory.mktemp("corpus"))


def _graph(corpus, names):
    return build_graph([parse_file(corpus / n) for n in names])


def _docs(g):
    return {n: d for n, d in g.nodes(data=True) if d["type"] == "Document" and not d.get("stub")}


def test_unnumbered_copy_takes_the_number_a_citation_gives(corpus):
    g = _graph(corpus, [QN, QN_CITE])
    node = g.nodes[N1679]
    assert node["stub"] is False and node["file"].endswith(QN)
    assert node["number"] == "1679" and node["symbol"] == "1679/NQ-UBTVQH15"
    assert node["title"] == "Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025"
    (m,) = json.loads(node["merged_from"])
    assert m["alias"] == "doc:resolution/uy-ban-thuong-vu-quoc-hoi/t-7e531585ca"
    assert m["by"] == "citation" and m["fields"] == ["kind", "issuer", "title"]
    assert m["file"].endswith(QN_CITE)
    assert "Nghị quyết số 1679/NQ-UBTVQH15 về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh" in m["quote"]
    assert m["warning"] == "ngày chỉ có ở một bên"      # the crawled copy has no date
    assert m["alias"] not in g
    # Its tasks moved with it, and the evidence still quotes its own file.
    tasks = [v for _, v, d in g.out_edges(N1679, data=True) if d["rel"] == "HAS_TASK"]
    assert tasks and all(v.startswith(f"task:{N1679}#") for v in tasks)
    assert all(g.nodes[t]["doc_id"] == N1679 for t in tasks)
    lines = g.graph["warnings"][N1679]
    assert any(w.startswith("merged document (uncertain): gộp văn bản Nghị quyết (Ủy ban Thường vụ Quốc hội) "
                            "với Nghị quyết 1679/NQ-UBTVQH15 (cùng loại, cơ quan ban hành, trích yếu;") for w in lines)


def test_merge_is_the_same_in_any_order(corpus):
    a, b = _graph(corpus, [QN, QN_CITE]), _graph(corpus, [QN_CITE, QN])
    assert sorted(a.nodes(data=True)) == sorted(b.nodes(data=True))
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_same_words_for_another_province_are_not_merged(corpus):
    g = _graph(corpus, [QN, QNGAI])
    docs = _docs(g)
    assert "doc:1677/NQ-UBTVQH15" in docs and "doc:resolution/uy-ban-thuong-vu-quoc-hoi/t-7e531585ca" in docs
    assert all(d.get("merged_from") is None for d in docs.values())
    notes = g.graph["warnings"]["doc:resolution/uy-ban-thuong-vu-quoc-hoi/t-7e531585ca"]
    assert any(w.startswith("possible same document: có thể cùng văn bản, chưa gộp") and "1677/NQ-UBTVQH15" in w
               and "trích yếu gần giống nhưng khác chữ" in w for w in notes)


def test_two_copies_of_one_document_are_one_node_with_both_files(corpus):
    g = _graph(corpus, NQ08)
    node = g.nodes["doc:08/2025/NQ-CP"]
    files = [Path(s["file"]).name for s in json.loads(node["sources"])]
    assert files == list(NQ08)                        # the owner first, then the other copy
    assert Path(node["file"]).name == NQ08[0]
    assert len([n for n in _docs(g) if "08/2025/NQ-CP" in n]) == 1


def test_seed_000_without_a_number_stays_itself(seeds):
    # No seed, gold document or corpus file gives the Hà Nội plan of
    # 20/01/2025 a number: it must not be merged with a plan that has one.
    docs = [parse_file(p) for p in sorted(seeds.glob("0*.txt"))]
    g = build_graph(docs)
    node = g.nodes["doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"]
    assert node["stub"] is False and node["symbol"] is None and node.get("merged_from") is None


def test_blank_e_signed_number_keeps_its_code():
    # The header as e-signed copies print it: number and day left blank.
    text = ("ĐẢNG BỘ XÃ EA KAO\n*\nSố -KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Đắk Lắk, ngày   tháng 9 năm 2025\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 57-NQ/TW\n\n"
            "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.")
    idn = parse_text(text, "kh.txt").identity
    assert (idn.kind, idn.code, idn.number, idn.symbol) == ("plan", "KH/ĐU", None, None)
    assert idn.date_period == "2025-09"


def test_annex_template_number_is_not_a_document_number(corpus):
    # A form printed in a page ("Số: /KH –TỔ CM NT"): no code, no number made up.
    idn = parse_file(corpus / ANNEX).identity
    assert (idn.symbol, idn.number, idn.code) == (None, None, None)


def _ingest(store, corpus, folder, *names):
    for n in names:
        shutil.copy(corpus / n, folder / n)
    return ingest_paths(store, [str(folder)], workers=1)


@pytest.mark.parametrize("first, second", [(QN, QN_CITE), (QN_CITE, QN)])
def test_embedded_store_ends_with_one_node_in_either_order(tmp_path, first, second, corpus):
    folder = tmp_path / "docs"
    folder.mkdir()
    with open_store("embedded", path=tmp_path / "one.lbdb") as one:
        _ingest(one, corpus, folder, first)
        report = _ingest(one, corpus, folder, second)
        assert any("gộp văn bản" in t for rows in report.warning_files.values() for _, t in rows)
        rows = one.query("MATCH (d:Document) WHERE d.id STARTS WITH 'doc:1679/' OR d.id STARTS WITH "
                         "'doc:resolution/uy-ban-thuong-vu' RETURN d.id AS id, d.stub AS stub, d.file AS file")
        assert [(r["id"], r["stub"], Path(r["file"]).name) for r in rows] == [(N1679, False, QN)]
        snap = graph_snapshot(one)
        again = ingest_paths(one, [str(folder)], workers=1)
        assert again.statuses["unchanged"] == 2 and graph_snapshot(one) == snap
    both = tmp_path / "both"
    both.mkdir()
    with open_store("embedded", path=tmp_path / "two.lbdb") as two:
        _ingest(two, corpus, both, first, second)
        a, b = two.to_networkx(), build_graph([parse_file(folder / QN), parse_file(folder / QN_CITE)])
        assert a.nodes[N1679]["merged_from"] is not None
        assert sorted(n for n, d in a.nodes(data=True) if d["type"] == "Document") == \
            sorted(n for n, d in b.nodes(data=True) if d["type"] == "Document")


def test_one_run_applies_every_merge_it_finds(tmp_path, corpus):
    folder = tmp_path / "docs"
    folder.mkdir()
    with open_store("embedded", path=tmp_path / "g.lbdb") as store:
        report = _ingest(store, corpus, folder, RAIL_HN, RAIL_LC, RAIL_CITE)
        assert sum("gộp văn bản" in t for rows in report.warning_files.values() for _, t in rows) == 2
        rows = store.query("MATCH (d:Document) WHERE d.merged_from IS NOT NULL "
                           "RETURN d.id AS id, d.stub AS stub, d.file AS file ORDER BY id")
        assert [(r["id"], r["stub"], Path(r["file"]).name) for r in rows] == [
            ("doc:187/2025/QH15", False, RAIL_LC), ("doc:188/2025/QH15", False, RAIL_HN)]
        built = build_graph([parse_file(folder / n) for n in (RAIL_HN, RAIL_LC, RAIL_CITE)])
        assert sorted(store.to_networkx().nodes) == sorted(built.nodes)
        snap = graph_snapshot(store)
        assert ingest_paths(store, [str(folder)], workers=1).statuses["unchanged"] == 3
        assert graph_snapshot(store) == snap


def test_embedded_store_lists_both_copies(tmp_path, corpus):
    folder = tmp_path / "docs"
    folder.mkdir()
    with open_store("embedded", path=tmp_path / "g.lbdb") as store:
        _ingest(store, corpus, folder, NQ08[0])
        _ingest(store, corpus, folder, NQ08[1])
        (row,) = store.query("MATCH (d:Document) WHERE d.id = 'doc:08/2025/NQ-CP' RETURN d.sources AS s")
        assert [Path(s["file"]).name for s in json.loads(row["s"])] == list(NQ08)
        snap = graph_snapshot(store)
        again = ingest_paths(store, [str(folder)], workers=1)
        assert graph_snapshot(store) == snap
        # The second copy's bytes are known to give this document: not read again, reported alike.
        assert again.not_reread == 2 and again.statuses == {"unchanged": 1, "duplicate": 1}
        assert [Path(line.split(":")[0]).name for line in again.duplicates] == [NQ08[1]]
        assert "same document as" in again.duplicates[0] and "different text" in again.duplicates[0]
        copy = folder / NQ08[1]
        copy.write_text(copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        changed = ingest_paths(store, [str(folder)], workers=1)
        assert changed.not_reread == 1 and changed.statuses["duplicate"] == 1


def test_rdf_names_every_file_and_the_merge(corpus):
    from truyvet.ontology.rdf import TV, file_iri, iri_for, to_rdf, validate
    g = _graph(corpus, [QN, QN_CITE, *NQ08])
    rdf = to_rdf(g)
    assert validate(rdf)["conforms"]
    nq08 = iri_for("doc:08/2025/NQ-CP")
    other = json.loads(g.nodes["doc:08/2025/NQ-CP"]["sources"])[1]["sha256"]
    assert list(rdf.objects(nq08, TV.alsoInFile)) == [file_iri(other)]
    assert [str(o) for o in rdf.objects(iri_for(N1679), TV.mergedFrom)] == \
        ["doc:resolution/uy-ban-thuong-vu-quoc-hoi/t-7e531585ca"]


def test_a_document_is_not_the_one_it_replaces(corpus):
    # e04c051ee54f2690.md: the 2025 Nghị quyết "Về cơ cấu tổ chức của Chính phủ
    # nhiệm kỳ Quốc hội khóa XV", crawled without number or date, replaces
    # Nghị quyết 08/2021/QH15 of the same title, which it cites: not itself.
    g = _graph(corpus, ["e04c051ee54f2690.md"])
    assert g.nodes["doc:08/2021/QH15"]["stub"] is True
    (doc_id,) = _docs(g)
    assert doc_id.startswith("doc:resolution/quoc-hoi/") and g.nodes[doc_id].get("merged_from") is None


def test_telegram_takes_its_number_from_the_letter_that_carries_it_out(corpus):
    # ac3686f6b1d64932.md: a Công điện of Thủ tướng, no header, citing 217 to
    # 223/CĐ-TTg; a8e9e9675ab618ee.md: "Triển khai chỉ đạo của Thủ tướng Chính
    # phủ tại Công điện 225/CĐ-TTg ngày 20/11/2025 về việc tập trung ứng phó và
    # khắc phục hậu quả mưa lũ đặc biệt lớn tại khu vực Trung Bộ".
    g = _graph(corpus, [TELEGRAM, CARRIES_OUT])
    node = g.nodes["doc:225/CĐ-TTg"]
    assert node["stub"] is False and node["file"].endswith("ac3686f6b1d64932.md")
    (m,) = json.loads(node["merged_from"])
    assert m["file"].endswith("a8e9e9675ab618ee.md")
    assert "Công điện 225/CĐ-TTg ngày 20/11/2025 về việc tập trung ứng phó" in m["quote"]
