"""Hand-built Fragments modelled on the seed documents, and store fixtures.

The fragments mirror what the loaders will produce for /work/shared/seeds:
the Hà Nội Kế hoạch of 2025-01-20 implements Thông báo 111-TB/VPTW (a stub
until that notice is ingested) and assigns task II.2.(14) to the Ban cán sự
đảng UBND Thành phố; Công văn 1021-CV/TU reports a link between two other
documents; the province plan of 003 implements a Tỉnh ủy plan. Imported by
the store test modules (pytest_plugins is reserved for the root conftest).
"""
from __future__ import annotations

import os

import pytest

from truyvet.graph.model import Edge, Fragment, Node

KH_HN = "KH-TU-HN-2025-01-20"       # 000: Kế hoạch without a number of its own
TB111 = "111-TB/VPTW"
TB95 = "95-TB/VPTW"
CV1021 = "1021-CV/TU"               # 001
KH_KHOI = "KH-DUKCQ-2022-09-12"     # 003: province plan, no number
KH_BD = "KH-QU-BD-2025-02-10"       # a district plan implementing KH_HN

BCS_UBND = "ban-can-su-dang-ubnd-thanh-pho-ha-noi"
BTC_TU = "ban-to-chuc-thanh-uy-ha-noi"
BTG_TU = "ban-tuyen-giao-thanh-uy-ha-noi"
SO_NGANH = "cac-so-ban-nganh-thanh-pho-ha-noi"
BTV_TU = "ban-thuong-vu-thanh-uy-ha-noi"
VPTW = "van-phong-trung-uong-dang"


def doc(id, kind, date=None, symbol=None, stub=True, **props):
    return Node(id, "Document", dict(kind=kind, date=date, symbol=symbol, stub=stub,
                                     label=symbol or id, **props))


def agency(id, name, collective=False, place="Hà Nội"):
    return Node(id, "Agency", dict(name=name, key=id, place=place, collective=collective))


def task(doc_id, label, text, deadline=None, span=(0, 0)):
    return Node(f"{doc_id}#{label}", "Task", dict(
        label=label, text=text, doc_id=doc_id, deadline=deadline,
        span_start=span[0], span_end=span[1]))


def edge(rel, src, dst, doc_id, quote="", **props):
    return Edge(rel, src, dst, dict(source_id=doc_id, quote=quote, **props))


def sha(tag: str) -> str:
    return (tag * 64)[:64]


def _stamp(f: Fragment) -> Fragment:
    """The document node carries its file and sha256, as build.document_fragment's does."""
    for n in f.nodes:
        if n.id == f.doc_id:
            n.props.update(sha256=f.sha256, file=f.file)
    return f


def frag_kh_hn(version: str = "a") -> Fragment:
    """000: the Hà Nội plan.

    Version "b" (a corrected file) drops task (15) and its citation of
    18-NQ/TW, and re-words task (14).
    """
    d = KH_HN
    f = Fragment(d, sha(version), "000_60a44d443366fbee.txt")
    f.nodes = [
        doc(d, "plan", "2025-01-20", None, stub=False, kind_text="Kế hoạch",
            issuer="Ban Thường vụ Thành ủy Hà Nội", place="Hà Nội", term="XVII",
            signer="Nguyễn Văn Phong",
            title="Triển khai thực hiện các nội dung, nhiệm vụ theo kết luận làm việc "
                  "của đồng chí Tổng Bí thư Tô Lâm với Ban Thường vụ Thành ủy Hà Nội"),
        doc(TB111, "notice", "2024-12-03", TB111, issuer="Văn phòng Trung ương Đảng"),
        doc(TB95, "notice", "2024-08-21", TB95, issuer="Văn phòng Trung ương Đảng"),
        doc("175-KH/TU", "conclusion", "2024-12-12", "175-KH/TU"),
        doc("35-CT/TW", "directive", None, "35-CT/TW"),
        doc("18-NQ/TW", "resolution", "2017-10-25", "18-NQ/TW"),
        agency(BCS_UBND, "Ban cán sự đảng UBND Thành phố Hà Nội"),
        agency(BTC_TU, "Ban Tổ chức Thành ủy Hà Nội"),
        agency(BTG_TU, "Ban Tuyên giáo Thành ủy Hà Nội"),
        agency(SO_NGANH, "các sở, ban, ngành Thành phố", collective=True),
        agency(BTV_TU, "Ban Thường vụ Thành ủy Hà Nội"),
        Node("nguyen-van-phong", "Person", {"name": "Nguyễn Văn Phong"}),
    ]
    tasks = [
        task(d, "II.1.1.(1)", "Lãnh đạo Đại hội Đảng bộ các cấp bảo đảm tiến độ, chất lượng "
             "theo yêu cầu Chỉ thị số 35-CT/TW", span=(2900, 3010)),
        task(d, "II.1.2.(1)", "Cụ thể hóa, quán triệt các tư tưởng, quan điểm chỉ đạo của Đảng",
             span=(4100, 4300)),
        task(d, "II.2.(14)", "Nghiên cứu triển khai đầu tư xây dựng các cầu lớn qua Sông Hồng"
             + ("" if version == "a" else ", trước mắt các cầu Tứ Liên, Ngọc Hồi, Trần Hưng Đạo"),
             deadline="Năm 2025", span=(9000, 9160)),
    ]
    if version == "a":
        tasks.append(task(d, "II.2.(15)", "Nghiên cứu triển khai đầu tư xây dựng các nút giao "
                          "thông cửa ngõ Thủ đô", span=(9162, 9400)))
    f.nodes += tasks
    q = "Thực hiện Thông báo số 111-TB/VPTW ngày 03/12/2024 và Thông báo số 95-TB/VPTW"
    f.edges = [
        edge("IMPLEMENTS", d, TB111, d, q, cue="Thực hiện", span_start=120, span_end=200),
        edge("IMPLEMENTS", d, TB95, d, q, cue="Thực hiện", span_start=120, span_end=200),
        edge("CITES", d, "175-KH/TU", d, "cụ thể hóa tại Kết luận số 175-KH/TU"),
        edge("CITES", d, "35-CT/TW", d, "theo yêu cầu Chỉ thị số 35-CT/TW"),
        edge("ISSUED_BY", d, BTV_TU, d, "BAN THƯỜNG VỤ THÀNH ỦY"),
        edge("SIGNED_BY", d, "nguyen-van-phong", d, "Nguyễn Văn Phong"),
    ]
    if version == "a":
        f.edges.append(edge("CITES", d, "18-NQ/TW", d, "tổng kết Nghị quyết số 18-NQ/TW"))
    else:
        f.nodes = [n for n in f.nodes if n.id != "18-NQ/TW"]
    lead = {"II.1.1.(1)": BTC_TU, "II.1.2.(1)": BTG_TU, "II.2.(14)": BCS_UBND,
            "II.2.(15)": BCS_UBND}
    for t in tasks:
        f.edges.append(edge("HAS_TASK", d, t.id, d, t.props["text"][:40]))
        f.edges.append(edge("ASSIGNS", t.id, lead[t.props["label"]], d, "Giao ... chủ trì",
                            role="lead", cue="chủ trì"))
        f.edges.append(edge("ASSIGNS", t.id, SO_NGANH, d, "phối hợp với các sở, ban, ngành",
                            role="coordinate", cue="phối hợp"))
    return _stamp(f)


def frag_tb111() -> Fragment:
    """The notice itself, ingested after the plan that cites it (stub upgrade)."""
    d = TB111
    f = Fragment(d, sha("1"), "tb111.txt")
    f.nodes = [
        doc(d, "notice", "2024-12-03", TB111, stub=False, kind_text="Thông báo",
            issuer="Văn phòng Trung ương Đảng", number="111",
            title="Kết luận của đồng chí Tổng Bí thư Tô Lâm tại buổi làm việc với "
                  "Ban Thường vụ Thành ủy Hà Nội"),
        doc("35-CT/TW", "directive", "2024-06-14", "35-CT/TW"),
        agency(VPTW, "Văn phòng Trung ương Đảng", place=None),
        agency(BTV_TU, "Ban Thường vụ Thành ủy Hà Nội"),
    ]
    f.edges = [
        edge("CITES", d, "35-CT/TW", d, "Chỉ thị số 35-CT/TW"),
        edge("ISSUED_BY", d, VPTW, d, "VĂN PHÒNG TRUNG ƯƠNG"),
        edge("SENT_TO", d, BTV_TU, d, "Kính gửi", purpose="để thực hiện"),
    ]
    return _stamp(f)


def frag_cv1021() -> Fragment:
    """001: a letter that also reports a link between two other documents."""
    d = CV1021
    f = Fragment(d, sha("c"), "001_d2eac3ada0b09243.txt")
    f.nodes = [
        doc(d, "official_letter", "2024-02-06", CV1021, stub=False, kind_text="Công văn",
            number="1021", issuer="Thành ủy Hà Nội", place="Hà Nội",
            title="V/v lãnh đạo, chỉ đạo thực hiện một số nhiệm vụ trọng tâm"),
        doc("134-KH/TU", "plan", "2023-02-17", "134-KH/TU"),
        doc("128-KH/TU", "plan", None, "128-KH/TU"),
        doc("28-NQ/TW", "resolution", None, "28-NQ/TW"),
        doc("24-CT/TU", "directive", None, "24-CT/TU"),
        agency(BCS_UBND, "Ban cán sự đảng UBND Thành phố Hà Nội"),
        agency(BTC_TU, "Ban Tổ chức Thành ủy Hà Nội"),
        task(d, "1", "Lãnh đạo thực hiện các công trình trọng điểm", span=(5000, 5100)),
        task(d, "2", "Sơ kết công tác cán bộ", deadline="Quý II/2024", span=(5101, 5200)),
    ]
    f.nodes[-1].props.update(deadline_date=None, period="2024-Q2")
    f.edges = [
        edge("IMPLEMENTS", d, "134-KH/TU", d, "Thực hiện Kế hoạch số 134-KH/TU", cue="Thực hiện"),
        edge("CITES", d, "128-KH/TU", d, "Kế hoạch số 128-KH/TU"),
        edge("CITES", d, "24-CT/TU", d, "Chỉ thị 24-CT/TU"),
        edge("IMPLEMENTS", "128-KH/TU", "28-NQ/TW", d,
             "Kế hoạch số 128-KH/TU ... thực hiện Nghị quyết số 28-NQ/TW",
             cue="thực hiện", reported_by=d),
        edge("SENT_TO", d, BCS_UBND, d, "Kính gửi: Ban cán sự đảng UBND Thành phố"),
        edge("HAS_TASK", d, f"{d}#1", d, "1"),
        edge("HAS_TASK", d, f"{d}#2", d, "2"),
        edge("ASSIGNS", f"{d}#1", BCS_UBND, d, "Ban cán sự đảng UBND", role="lead"),
        edge("ASSIGNS", f"{d}#2", BTC_TU, d, "Ban Tổ chức Thành ủy", role="lead"),
        edge("ASSIGNS", f"{d}#2", BCS_UBND, d, "phối hợp", role="coordinate"),
    ]
    return _stamp(f)


def frag_kh_khoi() -> Fragment:
    """003: a province plan implementing a Tỉnh ủy plan, based on 15-NQ/TW."""
    d = KH_KHOI
    f = Fragment(d, sha("k"), "003_44747714cf472d38.txt")
    btg = "ban-tuyen-giao-dang-uy-khoi"
    f.nodes = [
        doc(d, "plan", "2022-09-12", None, stub=False, issuer="Ban Thường vụ Đảng ủy Khối",
            signer="Lưu Ngọc Trâm"),
        doc("53-KH/TU@tinh", "plan", None, "53-KH/TU"),
        doc("15-NQ/TW", "resolution", None, "15-NQ/TW"),
        agency(btg, "Ban Tuyên giáo Đảng uỷ Khối", place=None),
        task(d, "IV.1", "Tham mưu tổ chức quán triệt Nghị quyết", deadline="trước ngày 07/10/2022"),
    ]
    f.nodes[-1].props.update(deadline_date="2022-10-07", period="2022-Q4")
    f.edges = [
        edge("IMPLEMENTS", d, "53-KH/TU@tinh", d, "Thực hiện Kế hoạch số 53-KH/TU"),
        edge("BASED_ON", d, "15-NQ/TW", d, "Nghị quyết số 15-NQ/TW"),
        edge("IMPLEMENTS", "53-KH/TU@tinh", "15-NQ/TW", d, "53-KH/TU ... thực hiện", reported_by=d),
        edge("HAS_TASK", d, f"{d}#IV.1", d, "1. Ban Tuyên giáo"),
        edge("ASSIGNS", f"{d}#IV.1", btg, d, "1. Ban Tuyên giáo Đảng uỷ", role="lead"),
    ]
    return _stamp(f)


def frag_kh_bd() -> Fragment:
    """A district plan implementing the city plan: a second lineage level."""
    d = KH_BD
    f = Fragment(d, sha("d"), "kh-bd.txt")
    qu = "quan-uy-ba-dinh"
    f.nodes = [
        doc(d, "plan", "2025-02-10", None, stub=False, issuer="Quận ủy Ba Đình"),
        doc(KH_HN, "plan", "2025-01-20", None),
        agency(qu, "Quận ủy Ba Đình"),
        agency(BCS_UBND, "Ban cán sự đảng UBND Thành phố Hà Nội"),
        task(d, "1", "Phối hợp triển khai quy hoạch hai bên bờ Sông Hồng"),
    ]
    f.edges = [
        edge("IMPLEMENTS", d, KH_HN, d, "Thực hiện Kế hoạch ngày 20/01/2025 của BTV Thành ủy"),
        edge("HAS_TASK", d, f"{d}#1", d, "1."),
        edge("ASSIGNS", f"{d}#1", qu, d, "Quận ủy Ba Đình chủ trì", role="lead"),
        edge("ASSIGNS", f"{d}#1", BCS_UBND, d, "báo cáo Ban cán sự đảng", role="monitor"),
    ]
    return _stamp(f)


def seed_fragments() -> list[Fragment]:
    return [frag_kh_hn(), frag_cv1021(), frag_kh_khoi(), frag_kh_bd(), frag_tb111()]


def bad_fragment() -> Fragment:
    """An edge whose target exists, but as an Agency where a Document is required.

    Nothing in the fragment alone shows it: the write fails half-way, after
    nodes were merged, which is what the atomicity tests need."""
    d = "BAD-1"
    f = Fragment(d, sha("x"), "bad.txt")
    f.nodes = [doc(d, "plan", "2025-03-01", None, stub=False),
               doc("999-TB/VPTW", "notice", None, "999-TB/VPTW"),
               agency(BCS_UBND, "Ban cán sự đảng UBND Thành phố (renamed?)"),
               task(d, "1", "a task")]
    f.edges = [edge("IMPLEMENTS", d, "999-TB/VPTW", d, "Thực hiện"),
               edge("HAS_TASK", d, f"{d}#1", d, "1"),
               edge("IMPLEMENTS", d, BCS_UBND, d, "wrong: an agency is not a document")]
    return _stamp(f)


# --- store fixtures -------------------------------------------------------------

_NEO4J_STATE: dict = {}


def neo4j_available() -> str | None:
    """None when a Neo4j server answers at NEO4J_URI, else the reason it does not."""
    if "reason" not in _NEO4J_STATE:
        from truyvet.graph.stores import open_store
        try:
            open_store("neo4j").close()
            _NEO4J_STATE["reason"] = None
        except Exception as exc:         # StoreError, or the driver is not installed
            _NEO4J_STATE["reason"] = str(exc)
    return _NEO4J_STATE["reason"]


def fresh_store(kind: str, folder):
    """An empty store of ``kind``: a new embedded file in ``folder``, or the
    test server cleared (skipped, or failed on CI, without one)."""
    from truyvet.graph.stores import open_store
    if kind == "embedded":
        return open_store("embedded", path=folder / "graph.lbdb")
    require_neo4j()
    s = open_store("neo4j")
    s.clear()
    return s


def require_neo4j() -> None:
    """Skip without a server, except on CI where a missing server is a failure."""
    reason = neo4j_available()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"Neo4j is required on CI: {reason}", pytrace=False)
    pytest.skip(reason=f"no Neo4j server ({reason}); start one with `scripts/neo4j-server.sh start` "
                "and `eval \"$(scripts/neo4j-server.sh env)\"`")


@pytest.fixture
def neo4j_store():
    require_neo4j()
    from truyvet.graph.stores import open_store
    store = open_store("neo4j")
    store.clear()                        # MATCH (n) DETACH DELETE n: a clean database
    yield store
    store.close()


# --- behaviour every store must have ------------------------------------------------

def graph_snapshot(store):
    """Everything a store holds, comparable with ==: the graph and its symbol key."""
    g = store.to_networkx()
    nodes = sorted((n, sorted(d.items())) for n, d in g.nodes(data=True))
    # Sorted as text: two edges between one pair may differ only in a property None on one side.
    edges = sorted(repr((u, v, sorted(d.items(), key=lambda kv: kv[0]))) for u, v, d in g.edges(data=True))
    return store.counts(), nodes, edges, symbol_keys(store)


def symbol_keys(store) -> tuple[list, list]:
    """The (document, key) pairs of a store's symbol key, and its keys."""
    pairs = store.query("MATCH (d:Document)-[:HAS_SYMBOL]->(k:Symbol) RETURN d.id AS doc, k.id AS key")
    keys = store.query("MATCH (k:Symbol) RETURN k.id AS key")
    return sorted((r["doc"], r["key"]) for r in pairs), sorted(r["key"] for r in keys)


def expected_symbol_keys(store) -> tuple[list, list]:
    """What :func:`symbol_keys` must be: one key per document with a symbol, its folded symbol."""
    from truyvet.loaders.keys import symbol_key
    rows = store.query("MATCH (d:Document) WHERE d.symbol IS NOT NULL RETURN d.id AS doc, d.symbol AS symbol")
    pairs = sorted((r["doc"], symbol_key(r["symbol"])) for r in rows)
    return pairs, sorted({k for _, k in pairs})


class StoreContract:
    """Tests shared by every store; a subclass provides the ``store`` fixture."""

    def test_ingest_is_idempotent(self, store):
        assert store.ingest(frag_kh_hn()) == "added"
        before = graph_snapshot(store)
        assert store.ingest(frag_kh_hn()) == "unchanged"
        assert graph_snapshot(store) == before
        assert store.document_sha(KH_HN) == sha("a")
        assert store.document_sha(TB111) is None          # a stub is not ingested
        assert store.document_sha("no-such-doc") is None

    def test_counts_and_shape(self, store):
        from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES
        for f in seed_fragments():
            store.ingest(f)
        c = store.counts()
        assert set(c) == set(NODE_TABLES) | set(REL_TABLES)
        assert c["Document"] == 15 and c["Task"] == 8 and c["Agency"] == 8
        assert c["ASSIGNS"] == 14 and c["IMPLEMENTS"] == 7 and c["SUCCEEDED_BY"] == 0
        g = store.to_networkx()
        assert g.number_of_nodes() == 32 and g.number_of_edges() == 41
        node = g.nodes[f"{KH_HN}#II.2.(14)"]
        assert node["type"] == "Task" and set(node) == {"type", *NODE_TABLES["Task"]} - {"id"}
        assert node["span_start"] == 9000 and node["doc_id"] == KH_HN
        (data,) = [d for _, v, d in g.out_edges(f"{KH_HN}#II.2.(14)", data=True) if v == BCS_UBND]
        assert set(data) == {"rel", *EDGE_PROPS}
        assert data["rel"] == "ASSIGNS" and data["role"] == "lead" and data["source_id"] == KH_HN

    def test_replacement_keeps_shared_nodes(self, store):
        for f in seed_fragments():
            store.ingest(f)
        assert store.ingest(frag_kh_hn("b")) == "replaced"
        assert store.document_sha(KH_HN) == sha("b")
        c = store.counts()
        assert c["Task"] == 7 and c["ASSIGNS"] == 12 and c["CITES"] == 5
        tasks = store.query("MATCH (t:Task) WHERE t.doc_id = $d RETURN t.id AS id, t.text AS text "
                            "ORDER BY id", {"d": KH_HN})
        assert [t["id"].split("#")[1] for t in tasks] == ["II.1.1.(1)", "II.1.2.(1)", "II.2.(14)"]
        assert tasks[2]["text"].endswith("Trần Hưng Đạo")
        # the stub it no longer cites and the agency other documents use stay
        assert store.query("MATCH (d:Document {id: '18-NQ/TW'}) RETURN d.stub AS s") == [{"s": True}]
        rows = store.query("MATCH (t:Task)-[:ASSIGNS]->(a:Agency {id: $a}) "
                           "RETURN count(t) AS n", {"a": BCS_UBND})
        assert rows == [{"n": 4}]        # 1 in the plan now, 2 in 1021-CV/TU, 1 in the district plan
        # the district plan's IMPLEMENTS edge into the replaced plan survives
        assert store.query("MATCH (:Document {id: $a})-[r:IMPLEMENTS]->(:Document {id: $b}) "
                           "RETURN count(r) AS n", {"a": KH_BD, "b": KH_HN}) == [{"n": 1}]

    def test_replace_back_equals_first_load(self, store):
        for f in seed_fragments():
            store.ingest(f)
        first = graph_snapshot(store)
        store.ingest(frag_kh_hn("b"))
        assert store.ingest(frag_kh_hn("a")) == "replaced"
        assert graph_snapshot(store)[0] == first[0]

    def test_symbol_key_follows_every_write(self, store):
        """Adds, a replacement, a stub upgrade and removals leave one key
        per document with a symbol, its folded symbol, and no key without one."""
        def check():
            assert symbol_keys(store) == expected_symbol_keys(store)
        store.ingest(frag_kh_hn())
        check()
        assert (TB111, "111-tb/vptw") in symbol_keys(store)[0]          # a stub is keyed too
        store.ingest_many(seed_fragments())
        check()
        store.ingest(frag_kh_hn("b"))
        check()
        assert store.remove_documents([TB111, CV1021]) == 2
        check()
        # 111-TB/VPTW stays a stub (the plan cites it), keyed; 1021-CV/TU is gone with its key
        assert (TB111, "111-tb/vptw") in symbol_keys(store)[0]
        assert "1021-cv/tu" not in symbol_keys(store)[1]
        store.remove_documents([f.doc_id for f in seed_fragments()])
        check()
        # left: the stub the replaced plan stopped citing (a replacement keeps stubs), with its key
        assert symbol_keys(store) == ([("18-NQ/TW", "18-nq/tw")], ["18-nq/tw"])

    def test_stub_upgrade(self, store):
        store.ingest(frag_kh_hn())
        row = "MATCH (d:Document {id: $i}) RETURN d.stub AS stub, d.title AS title, d.date AS date"
        assert store.query(row, {"i": TB111}) == [{"stub": True, "title": None, "date": "2024-12-03"}]
        assert store.ingest(frag_tb111()) == "added"          # a stub is not a stored document
        upgraded = store.query(row, {"i": TB111})
        assert upgraded[0]["stub"] is False and upgraded[0]["title"].startswith("Kết luận")
        # a later reference (the re-ingested plan) leaves it a full document
        store.ingest(frag_kh_hn("b"))
        assert store.query(row, {"i": TB111}) == upgraded
        assert store.document_sha(TB111) == sha("1")
        # a stub fills a stub's gaps but a null never erases what another text said
        assert store.query(row, {"i": "35-CT/TW"})[0]["date"] == "2024-06-14"

    def test_failed_fragment_leaves_store_as_it_was(self, store):
        for f in seed_fragments():
            store.ingest(f)
        before = graph_snapshot(store)
        with pytest.raises(StoreErrorType, match=r"IMPLEMENTS edge BAD-1 -> .*no Document"):
            store.ingest(bad_fragment())
        assert graph_snapshot(store) == before
        assert store.document_sha("BAD-1") is None

    def test_failed_replacement_keeps_old_version(self, store):
        for f in seed_fragments():
            store.ingest(f)
        before = graph_snapshot(store)
        bad = frag_kh_hn("b")
        bad.sha256 = sha("z")
        bad.edges.append(edge("ASSIGNS", f"{KH_HN}#II.2.(14)", "no-such-agency", KH_HN, "?",
                              role="lead"))
        with pytest.raises(StoreErrorType, match="no Agency 'no-such-agency'"):
            store.ingest(bad)
        assert graph_snapshot(store) == before
        assert store.document_sha(KH_HN) == sha("a")

    def test_edge_filed_under_another_document_is_refused(self, store):
        f = frag_kh_hn()
        f.edges[0].props["source_id"] = TB95
        with pytest.raises(StoreErrorType, match="source_id"):
            store.ingest(f)
        assert store.counts()["Document"] == 0

    def test_fragment_contract(self, store):
        # What a document asserts about itself must hang off its own node or
        # tasks, so that a replacement can find it without scanning the graph.
        f = frag_cv1021()
        f.edges.append(edge("ASSIGNS", f"{KH_HN}#II.2.(14)", BCS_UBND, CV1021, "?", role="lead"))
        with pytest.raises(StoreErrorType, match="must start at the document or one of its own"):
            store.ingest(f)
        f = frag_cv1021()
        f.edges = [e for e in f.edges if e.target != f"{CV1021}#2" or e.rel != "HAS_TASK"]
        with pytest.raises(StoreErrorType, match="no HAS_TASK edge"):
            store.ingest(f)
        f = frag_cv1021()
        f.nodes[-1].props["doc_id"] = KH_HN
        with pytest.raises(StoreErrorType, match="belongs to"):
            store.ingest(f)
        assert store.counts()["Document"] == 0

    def test_reported_link_is_replaced_with_its_reporter(self, store):
        store.ingest(frag_cv1021())
        store.ingest(frag_kh_khoi())
        link = ("MATCH (:Document {id: '128-KH/TU'})-[r:IMPLEMENTS]->(:Document {id: '28-NQ/TW'}) "
                "RETURN r.reported_by AS by")
        assert store.query(link) == [{"by": CV1021}]
        f = frag_cv1021()
        f.sha256 = sha("C")
        f.edges = [e for e in f.edges if e.props.get("reported_by") is None]
        assert store.ingest(f) == "replaced"
        assert store.query(link) == []
        assert store.counts()["IMPLEMENTS"] == 3     # 1021 -> 134, khoi -> 53, 53 -> 15

    def test_read_only_queries(self, store):
        store.ingest(frag_kh_hn())
        for bad in ("CREATE (d:Document {id: 'x'})", "MATCH (d:Document) SET d.title = 'x'",
                    "MATCH (d:Document) DETACH DELETE d", "MERGE (d:Document {id: 'x'})",
                    "MATCH (d:Document) REMOVE d.title", "DROP TABLE Task",
                    "match (t:Task) delete t"):
            with pytest.raises(QueryErrorType, match="read-only"):
                store.query(bad)
        assert store.counts()["Document"] == 6
        # words inside strings, comments and property names are not clauses
        ok = store.query("// CREATE nothing\nMATCH (d:Document {id: $i}) "
                         "RETURN 'SET ME' AS word, d.title AS title", {"i": KH_HN})
        assert ok[0]["word"] == "SET ME"
        store.query("MATCH (d:Document {id: $i}) SET d.term = 'XVII' RETURN d.id AS id",
                    {"i": KH_HN}, write=True)
        with pytest.raises(QueryErrorType):
            store.query("MATCH (d:Document RETURN d")          # a syntax error is one line too

    def test_ingest_many_matches_one_by_one(self, store, other_store):
        frags = seed_fragments() + [frag_kh_hn("b")]
        for f in frags:
            other_store.ingest(f)
        status = store.ingest_many(frags)
        assert status == {"added": 5, "unchanged": 0, "replaced": 1}
        assert graph_snapshot(store) == graph_snapshot(other_store)
        assert store.ingest_many(frags[:-1] + [frag_kh_hn("b")]) == \
            {"added": 0, "unchanged": 4, "replaced": 2}
        assert graph_snapshot(store) == graph_snapshot(other_store)

    def test_ingest_many_on_a_loaded_store(self, store, other_store):
        first, rest = seed_fragments()[:2], seed_fragments()[2:] + [frag_kh_hn("b")]
        for f in first + rest:
            other_store.ingest(f)
        store.ingest_many(first)
        seen = []
        store.ingest_many(rest, progress=lambda done, total: seen.append((done, total)))
        assert seen[-1] == (len(rest), len(rest))
        assert graph_snapshot(store) == graph_snapshot(other_store)

    def test_failed_bulk_writes_nothing(self, store):
        store.ingest(frag_cv1021())
        before = graph_snapshot(store)
        with pytest.raises(StoreErrorType):
            store.ingest_many([frag_kh_hn(), bad_fragment(), frag_kh_bd()])
        assert graph_snapshot(store) == before


from truyvet.errors import QueryError as QueryErrorType, StoreError as StoreErrorType  # noqa: E402
