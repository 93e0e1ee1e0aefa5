"""Real values read from the five seed documents (see ../shared/seeds/README.md)."""
from __future__ import annotations


def refs(doc, symbol=None, name=None, via=False):
    return [r for r in doc.references
            if (symbol is None or r.symbol == symbol) and (name is None or r.name == name)
            and (via or not r.via)]


def task(doc, label):
    found = [t for t in doc.tasks if t.label == label]
    assert found, f"no task {label}: {[t.label for t in doc.tasks]}"
    return found[0]


# --- 000: Kế hoạch of Ban Thường vụ Thành ủy Hà Nội, 20/01/2025 -------------

def test_000_identity(parsed):
    idn = parsed["000"].identity
    assert (idn.kind, idn.kind_text) == ("plan", "KẾ HOẠCH")
    assert idn.issuer == "Ban Thường vụ Thành ủy Hà Nội"
    assert idn.date == "2025-01-20"
    assert idn.place == "Hà Nội"
    assert idn.signer == "Nguyễn Văn Phong"
    assert idn.number is None and idn.symbol is None
    assert idn.title.startswith("Triển khai thực hiện các nội dung, nhiệm vụ theo kết luận làm việc")


def test_000_implements_both_notices_of_vptw(parsed):
    doc = parsed["000"]
    for symbol, date in (("111-TB/VPTW", "2024-12-03"), ("95-TB/VPTW", "2024-08-21")):
        implements = [r for r in refs(doc, symbol) if r.relation == "implements"]
        assert implements, symbol
        r = implements[0]
        assert r.date == date
        assert r.issuer == "Văn phòng Trung ương Đảng"
        assert r.cue == "Thực hiện"
        assert doc.text[r.span[0]:r.span[1]] == r.evidence
        assert r.evidence.startswith("Thực hiện Thông báo số 111-TB/VPTW ngày 03/12/2024")


def test_000_cites(parsed):
    doc = parsed["000"]
    cited = {r.symbol or r.name for r in doc.references if r.relation == "cites"}
    assert {"175-KH/TU", "35-CT/TW", "18-NQ/TW", "21-KL/TW", "Luật Thủ đô (sửa đổi)",
            "Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội XVII Đảng bộ Thành phố"} <= cited
    r18 = refs(doc, "18-NQ/TW")[0]
    assert (r18.date, r18.issuer, r18.term) == ("2017-10-25", "Ban Chấp hành Trung ương", "XII")
    assert refs(doc, "21-KL/TW")[0].term == "XIII"   # "khoá XIII", old tone placement


def test_000_kind_word_disagrees_with_code(parsed):
    doc = parsed["000"]
    r = refs(doc, "175-KH/TU")[0]
    assert (r.kind, r.code_kind, r.date) == ("conclusion", "plan", "2024-12-12")
    assert any("kind mismatch" in w and "175-KH/TU" in w for w in doc.warnings)


def test_000_reported_link_175_concretises_the_notices(parsed):
    links = {(l.source.symbol, l.target.symbol) for l in parsed["000"].reported_links}
    assert ("175-KH/TU", "111-TB/VPTW") in links and ("175-KH/TU", "95-TB/VPTW") in links


def test_000_tasks_of_section_ii2_inherit_lead_and_coordinators(parsed):
    doc = parsed["000"]
    labels = [t.label for t in doc.tasks if t.label.startswith("II.2.(")]
    assert labels == [f"II.2.({i})" for i in range(1, 26)]
    for label in labels:
        t = task(doc, label)
        assert t.agencies("lead") == ["Ban cán sự đảng UBND Thành phố"]
        assert "Đảng đoàn HĐND Thành phố" in t.agencies("coordinate")
        assert "các quận, huyện, thị ủy" in t.agencies("coordinate")
    t14 = task(doc, "II.2.(14)")
    assert t14.text.startswith("Nghiên cứu triển khai đầu tư xây dựng các cầu lớn qua Sông Hồng")
    lead = [a for a in t14.assignments if a.role == "lead"][0]
    assert lead.evidence.startswith("Giao Ban cán sự đảng UBND Thành phố chủ trì, phối hợp với Đảng đoàn HĐND Thành phố")
    assert doc.text[lead.span[0]:lead.span[1]] == lead.evidence
    assert doc.text[t14.span[0]:t14.span[1]].startswith("(14). Nghiên cứu")


def test_000_other_scopes_and_monitor(parsed):
    doc = parsed["000"]
    for i in range(1, 5):
        assert task(doc, f"II.1.1.({i})").agencies("lead") == ["Ban Tổ chức Thành ủy"]
    assert [t.label for t in doc.tasks if t.label.startswith("II.1.1.(")] == [f"II.1.1.({i})" for i in range(1, 5)]
    assert task(doc, "II.1.2.(2)").agencies("lead") == ["Ban Tuyên giáo Thành ủy"]
    assert task(doc, "III.2").agencies("monitor") == ["Văn phòng Thành ủy"]
    assert task(doc, "III.2").agencies("lead") == []


def test_000_recipients(parsed):
    names = [r.name for r in parsed["000"].recipients]
    assert "BCS đảng UBND Thành phố" in names and "Văn phòng UBND TP" in names
    assert not any(n.startswith("Lưu") for n in names)


# --- 001: Công văn 1021-CV/TU of Thành ủy Hà Nội ---------------------------

def test_001_identity(parsed):
    idn = parsed["001"].identity
    assert (idn.kind, idn.symbol, idn.symbol_text, idn.number) == ("official_letter", "1021-CV/TU", "1021 -CV/TU", "1021")
    assert (idn.date, idn.issuer, idn.place) == ("2024-02-06", "Thành ủy Hà Nội", "Hà Nội")
    assert idn.signer == "Nguyễn Thị Tuyền"
    assert "PHÓ BÍ THƯ THƯỜNG TRỰC" in idn.signer_title


def test_001_references_and_reported_link(parsed):
    doc = parsed["001"]
    r134 = refs(doc, "134-KH/TU")[0]
    assert (r134.relation, r134.date, r134.issuer) == ("implements", "2023-02-17", "Ban Thường vụ Thành ủy")
    assert refs(doc, "24-CT/TU")[0].relation == "cites"
    assert refs(doc, "128-KH/TU")[0].relation == "cites"
    assert refs(doc, "28-NQ/TW")[0].date == "2022-11-17"
    [link] = doc.reported_links
    assert (link.source.symbol, link.target.symbol, link.relation) == ("128-KH/TU", "28-NQ/TW", "implements")
    assert "Kế hoạch số 128-KH/TU ngày 18/01/2023 của Thành ủy thực hiện Nghị quyết số 28-NQ/TW" in link.evidence


def test_001_inconsistent_self_reference_is_warned_not_merged(parsed):
    doc = parsed["001"]
    assert not refs(doc, "1021-CV/VPTU")
    [w] = [w for w in doc.warnings if "inconsistent identity" in w]
    assert "1021-CV/VPTU" in w and "2024-01-06" in w and "2024-02-06" in w
    assert doc.aliases[0]["symbol"] == "1021-CV/VPTU"


def test_001_appendix_rows_are_tasks_with_their_lead(parsed):
    doc = parsed["001"]
    rows = [t for t in doc.tasks if t.label.startswith("Phụ lục.")]
    # The table after the signature is an appendix: "Phụ lục.<section>.<STT>";
    # a row without its STT continues the numbered row above (same label, own key).
    assert [t.label for t in rows] == ["Phụ lục.I.1", "Phụ lục.I.1", "Phụ lục.I.2", "Phụ lục.I.3",
                                       "Phụ lục.I.4", "Phụ lục.II.1", "Phụ lục.II.2"]
    assert [t.key for t in rows[:2]] == ["Phụ lục.I.1", "Phụ lục.I.1#2"]
    assert rows[0].text.startswith("Tốc độ tăng trưởng bình quân Tổng sản phẩm")
    assert rows[1].text.startswith("Cơ cấu kinh tế năm 2025")
    assert all(t.agencies("lead") == ["Ban cán sự đảng UBND Thành phố"] for t in rows)
    assert rows[-1].text == "Tỷ lệ vận tải hành khách công cộng"


def test_001_letter_tasks_and_kinh_gui(parsed):
    doc = parsed["001"]
    assert task(doc, "5").agencies("lead") == ["Văn phòng Thành ủy"]
    assert task(doc, "5").agencies("coordinate") == ["các ban Đảng Thành ủy", "các cơ quan liên quan"]
    kg = [r for r in doc.recipients if r.block == "kinh_gui"]
    assert kg[1].name == "Đảng đoàn HĐND Thành phố" and kg[1].purpose == "để thực hiện"
    bbt = [r for r in doc.recipients if r.name == "Văn phòng Trung ương Đảng"][0]
    assert bbt.purpose == "để báo cáo"   # grouped by a brace with the line above


# --- 002 and 004: news articles ---------------------------------------------

def test_002_news_cites_chi_thi_35(parsed):
    doc = parsed["002"]
    assert doc.identity.kind == "news_article"
    assert doc.identity.date == "2024-11-27"
    r = refs(doc, "35-CT/TW")[0]
    assert (r.relation, r.date, r.issuer) == ("cites", "2024-06-14", "Bộ Chính trị")
    assert refs(doc, name="Luật Thủ đô (sửa đổi)")
    assert doc.tasks == []


def test_004_news_cites_programmes(parsed):
    doc = parsed["004"]
    assert doc.identity.kind == "news_article"
    cited = {r.symbol for r in doc.references if r.symbol and r.relation == "cites"}
    assert {"01-CTr/TU", "03-CTr/TU", "04-CTr/TU", "08-CTr/TU", "04-NQ/TU", "07-QĐ/TU", "02-CTr/QU"} <= cited
    assert refs(doc, "07-QĐ/TU")[0].kind == "regulation"   # the word decides QĐ
    short = [r for r in doc.references if r.via == "short mention"]
    assert {r.symbol for r in short} == {"01-CTr/TU", "04-CTr/TU"}


# --- 003: Kế hoạch of a provincial Đảng ủy Khối ----------------------------

def test_003_identity(parsed):
    idn = parsed["003"].identity
    assert (idn.kind, idn.issuer, idn.signer) == ("plan", "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh", "Lưu Ngọc Trâm")
    assert idn.date is None and idn.place is None


def test_003_implements_53_and_15_with_short_form(parsed):
    doc = parsed["003"]
    r53 = refs(doc, "53-KH/TU")[0]
    assert (r53.relation, r53.date, r53.issuer) == ("implements", "2022-07-07", "Ban Thường vụ Tỉnh ủy")
    assert any(r.relation == "implements" for r in refs(doc, "15-NQ/TW"))
    short = [r for r in doc.references if r.via == "short form"]
    assert short and all(r.symbol == "15-NQ/TW" for r in short)
    assert ("53-KH/TU", "15-NQ/TW") in {(l.source.symbol, l.target.symbol) for l in doc.reported_links}


def test_003_heading_assignees_and_deadlines(parsed):
    doc = parsed["003"]
    # "1. Ban Tuyên giáo Đảng uỷ" heads bullets with different deadlines: one task per bullet.
    iv1 = [t for t in doc.tasks if t.label == "IV.1"]
    assert len(iv1) == 3 and all(t.agencies("lead") == ["Ban Tuyên giáo Đảng uỷ"] for t in iv1)
    assert [t.deadline for t in iv1] == [None, None, "2022-10-07"]
    iv3 = [t for t in doc.tasks if t.label == "IV.3"]
    assert [t.agencies("lead") for t in iv3] == [["Các chi, đảng ủy cơ sở"]] * 2
    assert iv3[-1].deadline == "2022-09-20"
    assert task(doc, "IV.2").agencies("lead") == ["Văn phòng Đảng ủy Khối"]
    # "Cấp uỷ cơ sở căn cứ … chủ động …" under item II.1 assigns its numbered items.
    assert task(doc, "II.1.3").agencies("lead") == ["Cấp uỷ cơ sở"]
    # "3. Thời gian hoàn thành: Trong Quý III/2022." names no body: not a task.
    assert "II.3" not in [t.label for t in doc.tasks]


# --- every seed: evidence is an exact slice of the file ----------------------

def test_every_span_slices_to_its_evidence(parsed):
    for doc in parsed.values():
        for r in doc.references:
            assert doc.text[r.span[0]:r.span[1]] == r.evidence
            assert doc.text[r.mention_span[0]:r.mention_span[1]] == r.mention
        for t in doc.tasks:
            for a in t.assignments:
                assert doc.text[a.span[0]:a.span[1]] == a.evidence
        for l in doc.reported_links:
            assert doc.text[l.span[0]:l.span[1]] == l.evidence
