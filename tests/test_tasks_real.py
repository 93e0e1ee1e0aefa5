"""The assignment and deadline grammar, one rule at a time, on real documents.

Each test reads a document of ../shared/gold/docs (crawled copies, with the
hard line breaks, Markdown and copied web tables they really have) and checks
the tasks the rule must produce there.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from truyvet.loaders.assignments import read_facts
from truyvet.loaders.deadlines import find_deadline
from truyvet.loaders.parse import parse_file
from conftest import missing

GOLD_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "docs"


@lru_cache(maxsize=None)
def doc(prefix: str):
    if not GOLD_DOCS.is_dir():
        msg = f"gold documents not found in {GOLD_DOCS}"
        missing(msg)
    return parse_file(next(GOLD_DOCS.glob(prefix + "_*.txt")))


def tasks(prefix: str, label: str):
    found = [t for t in doc(prefix).tasks if t.label == label]
    assert found, f"no task {label} in {prefix}: {[t.label for t in doc(prefix).tasks]}"
    return found


def test_giao_x_chu_tri_phoi_hop_voi_y():
    # 01 KL 155, item 4: "Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ và các cơ quan liên quan:"
    for t in tasks("01", "4"):
        assert t.agencies("lead") == ["Đảng ủy Quốc hội"]
        assert t.agencies("coordinate") == ["Đảng ủy Chính phủ", "các cơ quan liên quan"]


def test_subject_then_duty():
    # 04 NQ 71, IV.4: "Ban Tuyên giáo và Dân vận Trung ương chủ trì, phối hợp với các cơ quan liên quan …"
    t = tasks("04", "IV.4")[0]
    assert t.agencies("lead") == ["Ban Tuyên giáo và Dân vận Trung ương"]
    assert t.agencies("coordinate") == ["các cơ quan liên quan"]
    # IV.1: "Đảng ủy Quốc hội lãnh đạo, chỉ đạo …" — a body and its action.
    assert tasks("04", "IV.1")[0].agencies("lead") == ["Đảng ủy Quốc hội"]


def test_field_lines_and_staged_sub_bullets():
    # 17 QĐ 2623, annexed plan: "- Cơ quan thực hiện: Bộ Công an, Bộ Tư pháp, …" / "- Thời gian thực hiện: …"
    t = tasks("17", "II.1")[0]
    assert t.agencies("lead")[:4] == ["Bộ Công an", "Bộ Tư pháp", "Bộ Giáo dục và Đào tạo",
                                      "Bộ Văn hóa, Thể thao và Du lịch"]
    assert t.deadline == "năm 2025 và các năm tiếp theo"
    # II.4: "- Thời gian thực hiện:" over two "+" lines, each with its own body and day.
    ii4 = tasks("17", "II.4")
    assert [(t.agencies("lead")[0], t.deadline) for t in ii4[-2:]] == [
        ("Các bộ, cơ quan ngang bộ", "2025-12-15"), ("Bộ Công an", "2025-12-31")]
    # II.5: two decrees, each a bullet with its own fields: two tasks.
    assert [t.deadline for t in tasks("17", "II.5")] == ["2026-01-01", "Theo tiến độ được giao của Luật An ninh mạng 2025"]


def test_lettered_field_items_are_facts_of_their_item():
    # 21 KH 308: "a) Nhiệm vụ: …" "b) Cơ quan thực hiện: - Đơn vị chủ trì: … - Đơn vị phối hợp: …" "c) Thời gian thực hiện: …"
    t = tasks("21", "II.1.1")[0]
    assert t.agencies("lead") == ["Sở Khoa học và Công nghệ"]
    assert t.agencies("coordinate") == ["Các Sở, ban, ngành"]
    assert t.deadline == "Hoàn thành trong năm 2025"
    assert not [x for x in doc("21").tasks if x.label.startswith("II.1.1.")]


def test_de_nghi_x():
    # 20 KH 617, IV.6: "Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh" over a) b) c)
    for label in ("IV.6.a)", "IV.6.b)", "IV.6.c)"):
        assert tasks("20", label)[0].agencies("lead") == ["Hiệp hội Doanh nghiệp tỉnh", "Hội Nông dân tỉnh",
                                                           "Liên minh Hợp tác xã Tỉnh"]


def test_chiu_trach_nhiem_thi_hanh_closing_article():
    # 18 QĐ 2820, Điều 3: "Chánh Văn phòng …, Giám đốc các Sở, … chịu trách nhiệm thi hành Quyết định này."
    leads = tasks("18", "Điều 3")[0].agencies("lead")
    assert leads[:2] == ["Chánh Văn phòng Ủy ban nhân dân Thành phố", "Giám đốc các Sở"]
    assert "các đơn vị có liên quan" in leads


def test_item_headed_by_a_body_gathers_its_bullets_partners():
    # 18, IV.1 "Sở Tài chính (cơ quan chủ trì)": its bullets inherit the lead and bring their "phối hợp với …" partners.
    iv1 = tasks("18", "IV.1")
    assert all(t.agencies("lead") == ["Sở Tài chính"] for t in iv1)
    partners = {c for t in iv1 for c in t.agencies("coordinate")}
    assert {"Sở Khoa học và Công nghệ", "Sở Xây dựng", "Sở Quy hoạch - Kiến trúc"} <= partners
    # IV.5: the last bullet has a reporting period, the others none → one task per bullet.
    iv5 = tasks("18", "IV.5")
    assert len(iv5) == 5 and iv5[-1].deadline == "định kỳ hằng quý"


def test_label_x_colon_and_monitor():
    # 28 QĐ 1627, IV.1.3: "+ Sở Xây dựng: hướng dẫn …", "+ Sở Tài chính phối hợp Ban Quản lý …: hướng dẫn …"
    leads = [t.agencies("lead") for t in tasks("28", "IV.1.3")]
    assert ["Sở Xây dựng"] in leads and ["Sở Công Thương"] in leads
    # 25 TB 623, II: "Để …, tỉnh Đắk Lắk cần tập trung thực hiện tốt các nhiệm vụ sau:" opens the list.
    for n in range(1, 6):
        assert tasks("25", f"II.{n}")[0].agencies("lead") == ["tỉnh Đắk Lắk"]


def test_defined_party_and_duty_headings():
    # 28, IV.1.5 "Trách nhiệm của đối tượng thực hiện kiểm kê:" — a party named by its definition.
    assert tasks("28", "IV.1.5")[0].agencies("lead") == ["đối tượng thực hiện kiểm kê"]
    # 05, "II- NHIỆM VỤ CỦA CƠ QUAN ỦY BAN KIỂM TRA TRUNG ƯƠNG" heads items 1–15.
    assert tasks("05", "II.7")[0].agencies("lead") == ["Cơ quan Ủy ban Kiểm tra Trung ương"]


def test_regulation_clauses_after_opening_adverbials():
    # 03 Quy chế, Điều 6.8: "Hằng năm, Trung tâm tổ chức lấy ý kiến phản hồi …"
    t = tasks("03", "Quy chế Điều 6.8")[0]
    assert t.agencies("lead") == ["Trung tâm"] and t.deadline == "Hằng năm"
    # Điều 7.1: "Giảng viên chấm bài thu hoạch có trách nhiệm nộp điểm … chậm nhất 03 ngày kể từ ngày nhận bài chấm."
    t = tasks("03", "Quy chế Điều 7.1")[0]
    assert t.agencies("lead") == ["Giảng viên chấm bài thu hoạch"]
    assert t.deadline == "chậm nhất 03 ngày kể từ ngày nhận bài chấm"


def test_table_rows_with_merged_cells():
    # 18, appendix: the row without STT continues II.1 with its own lead, the coordinate
    # and time cells merged from the row above.
    rows = tasks("18", "Phụ lục.II.1")
    assert [r.agencies("lead") for r in rows] == [["Trung tâm Chuyển đổi số Thành phố"]] * 2
    assert rows[1].deadline == "Quý IV/2026" and "Sở Khoa học và Công nghệ" in rows[1].agencies("coordinate")


def test_sections_and_conditions_that_are_not_tasks():
    labels = {t.label for t in doc("17").tasks}
    assert not any(l.startswith("I.") for l in labels)          # "I. MỤC ĐÍCH, YÊU CẦU"
    # 28, VI.3: "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan … báo cáo" is a rule for a case.
    assert "VI.3" not in {t.label for t in doc("28").tasks}
    # 26, I.1.b: "Trường hợp các cơ quan …" is never a body.
    assert all("Trường hợp" not in a for t in doc("26").tasks for a in t.agencies("lead"))


def test_issuer_speech_is_not_an_assignment():
    text = "Ủy ban Thường vụ Quốc hội quyết nghị:"
    assert read_facts(text, 0, len(text)).leads == []
    text = "Bộ Chính trị giao Ủy ban Kiểm tra Trung ương cụ thể hóa nội dung này."
    assert [n.text for n in read_facts(text, 0, len(text)).leads] == ["Ủy ban Kiểm tra Trung ương"]


@pytest.mark.parametrize("sentence, deadline", [
    # 01 KL 155, item 3: a staged deadline keeps the last day.
    ("dự thảo các văn bản liên quan cần hoàn chỉnh trước ngày 01/6/2025 và ban hành trước ngày 25/6/2025.", "2025-06-25"),
    # 01, item 5: a month.
    ("để triển khai thực hiện ngay trong tháng 5/2025; các tỉnh uỷ, thành uỷ chịu trách nhiệm", "trong tháng 5/2025"),
    # 20 KH 617, IV.7: a recurring day.
    ("định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu) báo cáo", "trước ngày 01/6 và 15/11 hằng năm"),
    # 11 NQ 72, (1): an event.
    ("trình ban hành Chương trình mục tiêu quốc gia … tại Kỳ họp thứ 10 của Quốc hội khóa XV; tăng cường giám sát",
     "tại Kỳ họp thứ 10 của Quốc hội khóa XV"),
    # 07 CV 9671: a date without a cue is a fact, not a deadline.
    ("tổng hợp báo cáo thực trạng biên chế hiện có (thời điểm 31/7/2025), đề xuất biên chế", None),
])
def test_deadlines_as_written(sentence, deadline):
    d = find_deadline(sentence)
    assert (d.iso or d.text if d else None) == deadline
