"""Property tests: any text parses without surprises, spans stay honest."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from truyvet.loaders.normalize import normalize
from truyvet.loaders.parse import parse_text

PIECES = st.sampled_from([
    "Thực hiện ", "Thông báo số 111-TB/VPTW ", "ngày 03/12/2024 ", "của Văn phòng Trung ương Đảng", "; ",
    "\n\n", "\r\n", "II. NỘI DUNG\n", "(14). ", "1.1. ", "- ", "Giao Ban cán sự đảng UBND Thành phố chủ trì, ",
    "phối hợp với Đảng đoàn HĐND Thành phố ", "như sau:\n", "**", "*", "| STT | Nội dung | Cơ quan chủ trì |\n",
    "Nơi nhận:\n", "Hà Nội, ngày 31 tháng 02 năm 2024\n", "KẾ HOẠCH\n", "trước ngày 20/9/2022", "Quý III/2022",
    "\u0301", "\ufeff", "\u00a0", "–", "Nghị quyết", " (sau đây gọi tắt là Nghị quyết số 15-NQ/TW)", "Luật Thủ đô ",
    "Kèm theo văn bản số 1021 - CV/VPTU", "Số 1021 -CV/TU\n", "Nguyễn Văn Phong\n", "\t",
])
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=300))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_parse_never_raises_and_spans_slice_to_evidence(text):
    doc = parse_text(text, "x.txt")
    n = len(text)
    for r in doc.references:
        assert 0 <= r.span[0] <= r.span[1] <= n and text[r.span[0]:r.span[1]] == r.evidence
    for t in doc.tasks:
        assert 0 <= t.span[0] <= t.span[1] <= n
        for a in t.assignments:
            assert text[a.span[0]:a.span[1]] == a.evidence
    for l in doc.reported_links:
        assert text[l.span[0]:l.span[1]] == l.evidence
    assert parse_text(text, "x.txt").to_json() == doc.to_json()


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_normalised_positions_map_into_the_original(text):
    norm = normalize(text)
    for i in range(0, len(norm.text) + 1, max(1, len(norm.text) // 20 or 1)):
        assert 0 <= norm.to_orig(i) <= len(text)


# --- fast paths agree with the plain patterns they replace --------------------

MARKUP = st.lists(st.sampled_from([
    "a", "Đ", " ", "\t", "\n", "\r\n", "#", "## ", "> ", "  # ", " >", "*", "**", "_", "__", "x__y", "\u200b",
    "\u00ad", "| a | b |", "|", "- ", "* item", "1. ", ".", "Tiếp. Theo", "\n\n", "(1). ", "KẾ HOẠCH",
]), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(MARKUP)
def test_literal_led_deletions_equal_the_plain_pattern(text):
    import re

    from truyvet.loaders import normalize as n
    plain = re.compile("(" + n._DELETE + ")")
    if not (n._INDENTED_MARK.search(text) or n._FIRST_INDENTED_MARK.match(text)):
        assert n._DELETE_FAST.split(text) == plain.split(text)
    assert n._DELETE_SPLIT.split(text) == plain.split(text)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_line_start_rewrites_equal_multiline_anchors(text):
    import re

    from truyvet.loaders import normalize as n
    assert n._STAR_BULLET.sub(lambda b: b[:-1] + "-", text) == \
        re.sub(r"(?m)^([ \t]*)\*(?=[ \t]+\S)", r"\1-", text)
    assert n._LONE_PIPE.sub(lambda s: " " * len(s), text) == \
        re.sub(r"(?m)^[ \t]*\|[ \t]*(?=\r?$)", lambda m: " " * len(m.group()), text)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_sentences_found_around_a_position_equal_all_boundaries(text):
    from bisect import bisect_right

    from truyvet.loaders.segments import Segmenter
    seg = Segmenter(text)
    bounds = seg._all_bounds()
    for pos in range(len(text) + 2):
        k = min(bisect_right(bounds, pos) - 1, len(bounds) - 2)
        expected = seg._strip(bounds[k], bounds[k + 1]) if len(bounds) > 1 else (0, 0)
        assert seg.sentence_at(pos) == expected, pos


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_named_documents_start_where_the_one_scan_looks(text):
    from truyvet.loaders import named as n
    looked = {m.start() for m in n._STARTS.finditer(text)}
    for pattern in (n._LAW, n._FIXED, n._AMENDING, n._PLENUM, n._HEAD_RE, n._NUMBERED):
        assert {m.start() for m in pattern.finditer(text)} <= looked


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "\t", "\n", "T/M", "Nơi nhận", "Số: 12/", "x"]), max_size=30).map("".join))
def test_line_start_find_equals_a_multiline_search(text):
    import re

    from truyvet.loaders.scan import LineStart
    body = r"[ \t]*(?:T/M|Nơi nhận|Số\s*:?\s*\d{1,6}\s*[/-])"
    for end in (len(text), len(text) // 2):
        m = re.compile("(?m)^" + body).search(text, 0, end)
        assert LineStart(body).find(text, end) == (m.start() if m else None)
