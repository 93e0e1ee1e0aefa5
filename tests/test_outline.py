"""The outline grammar on real documents: markers, nesting, annexes, tables, labels."""
from __future__ import annotations

from pathlib import Path

import pytest

from truyvet.loaders.agencies import looks_like_agency
from truyvet.loaders.header import parse_header
from truyvet.loaders.markers import read_marker
from truyvet.loaders.normalize import normalize
from truyvet.loaders.outline import build_outline
from truyvet.loaders.segments import Segmenter, flatten
from conftest import missing

GOLD_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "docs"


def _gold(prefix: str) -> str:
    if not GOLD_DOCS.is_dir():
        msg = f"gold documents not found in {GOLD_DOCS}"
        missing(msg)
    return next(GOLD_DOCS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def outline_of(text: str):
    norm = normalize(text)
    seg = Segmenter(norm.text)
    header = parse_header(norm.text, seg.lines, flatten(norm.text))
    return build_outline(norm, seg.lines, header.body_start, looks_like_agency).items


def labels(text: str, kind: str | None = None) -> list[str]:
    return [it.label for it in outline_of(text) if it.kind not in ("annex", "bullet") and (kind is None or it.kind == kind)]


@pytest.mark.parametrize("line, kind, part", [
    ("II- NHIỆM VỤ", "roman", "II"),
    ("III – TỔ CHỨC THỰC HIỆN", "roman", "III"),
    ("IV) Kinh phí", "roman", "IV"),
    ("Điều 18. Điều khoản thi hành", "article", "Điều 18"),
    ("2.2.1. Xây dựng cơ sở dữ liệu", "dotted", "2.2.1"),
    ("(14). Nghiên cứu triển khai", "paren", "(14)"),
    ("(ii) ban thường vụ tỉnh ủy", "paren", "(ii)"),
    ("đ) Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh", "letter", "đ)"),
    ("1- Nội dung", "arabic", "1"),
    ("+ Sở Xây dựng: hướng dẫn", "bullet", ""),
])
def test_markers_as_real_documents_write_them(line, kind, part):
    m = read_marker(line)
    assert (m.kind, m.part) == (kind, part)


@pytest.mark.parametrize("line", [
    "16-KH/ĐU, Hướng dẫn số 01-HD/BTCTU",      # a symbol at a line start, not item 16
    "Mục III Nghị quyết 72-NQ/TW năm 2025",     # a sentence about a section
    "Phụ lục kèm theo Kế hoạch số 47",          # a sentence about an appendix
    "V/v nâng cao hiệu quả công tác",
])
def test_not_markers(line):
    assert read_marker(line) is None


def test_annexed_plan_and_appendix_table_of_a_decision():
    items = outline_of(_gold("18"))
    got = [it.label for it in items if it.kind != "annex"]
    # The decision's own articles, then the annexed plan without a prefix.
    assert got[:3] == ["Điều 1", "Điều 2", "Điều 3"]
    assert "IV.1" in got and "IV.8" in got
    rows = [it for it in items if it.kind == "row"]
    assert [r.label for r in rows[:6]] == ["Phụ lục.I.1", "Phụ lục.I.2", "Phụ lục.I.3", "Phụ lục.I.4",
                                          "Phụ lục.II.1", "Phụ lục.II.1"]
    # A row whose STT cell was merged with the one above continues it, and
    # takes the merged coordinate and time cells.
    cont = rows[5].row
    assert cont.stt == "" and cont.cells["lead"].text == "Trung tâm Chuyển đổi số Thành phố"
    assert cont.cells["deadline"].text == "Quý IV/2026"
    assert rows[-1].label == "Phụ lục.VI.5"


def test_annexed_regulation_prefixes_its_articles():
    got = labels(_gold("03"))
    assert "Điều 3" in got
    assert {"Quy chế Điều 5.4", "Quy chế Điều 9.3.a", "Quy chế Điều 10.1.a)", "Quy chế Điều 18"} <= set(got)
    # The forms in "PHỤ LỤC II" after the last article are not clauses of it.
    assert not any(label.startswith("Quy chế Điều 18.") for label in got)


def test_question_heading_of_a_web_page_restarts_the_list():
    got = labels(_gold("11"))
    assert got.count("(1)") == 3 and "(6).(1)" not in got
    assert "(7)" in got


def test_numbered_items_close_the_recipient_bullets_above_them():
    items = outline_of(_gold("24"))
    numbered = [it for it in items if it.kind in ("arabic", "dotted")]
    assert [it.label for it in numbered] == ["1", "2", "3", "3.1", "3.2", "3.3", "4", "5"]
    assert all(it.parent is None for it in numbered if it.kind == "arabic")


def test_dotted_paths_under_roman_sections():
    assert {"II.3.1.a)", "II.3.2.b)"} <= set(labels(_gold("22")))
    assert {"I.2.1.a)", "I.2.2.đ)", "I.2.2.h)"} <= set(labels(_gold("26")))


def test_hyphen_wrapped_to_a_line_start_is_not_a_bullet():
    items = outline_of(_gold("03"))
    assert not any(it.kind == "bullet" and it.label == "Quy chế Điều 5.2" for it in items)


def test_numbering_of_any_width_never_swallows_items():
    text = "KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n" + "\n".join(f"{n}. Sở Tư pháp chủ trì việc số {n}." for n in range(1, 2501))
    got = labels(text, "arabic")
    assert got == [f"I.{n}" for n in range(1, 2501)]
    deep = "KẾ HOẠCH\n\n" + "\n".join(f"{'.'.join(['1'] * d)}. Mục {d}" for d in range(1, 9))
    assert labels(deep)[-1] == "1.1.1.1.1.1.1.1"
