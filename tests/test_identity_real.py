"""Identity, references and recipients on real copies (issue 11, point 4).

Every value asserted here is read from a real document: the hand-annotated
gold set (../shared/gold/docs, annotations in ../shared/gold/gold), the seeds,
or files of the crawled corpus (../shared/corpus/vn-mixed.tar.gz). Where a test
needs text that the corpus does not hold (PDF extraction with glued or
letter-spaced words, e-signed copies with a blank number or day), it makes it
from a real document by the edit that such a copy shows, and says so.
"""
from __future__ import annotations

import os
import re
import tarfile
from functools import lru_cache
from pathlib import Path

from truyvet.loaders.parse import parse_file, parse_text
from conftest import missing

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TRUYVET_SHARED", REPO.parent / "shared"))


def _missing(what: Path):
    msg = f"{what} not found (set TRUYVET_SHARED to the shared folder)"
    missing(msg)


def gold_path(prefix: str) -> Path:
    folder = SHARED / "gold" / "docs"
    found = sorted(folder.glob(f"{prefix}_*.txt")) if folder.is_dir() else []
    if not found:
        _missing(folder / f"{prefix}_*.txt")
    return found[0]


@lru_cache(maxsize=None)
def gold(prefix: str):
    return parse_file(gold_path(prefix))


@lru_cache(maxsize=None)
def corpus_text(name: str) -> str:
    """One crawled file, read from the corpus archive."""
    archive = SHARED / "corpus" / "vn-mixed.tar.gz"
    if not archive.is_file():
        _missing(archive)
    with tarfile.open(archive) as tar:
        return tar.extractfile(f"vn-mixed/{name}").read().decode("utf-8")


def seed_text(name: str) -> str:
    path = Path(os.environ.get("TRUYVET_SEEDS", SHARED / "seeds")) / name
    if not path.is_file():
        _missing(path)
    return path.read_text(encoding="utf-8")


def refs(doc, symbol=None, name=None):
    return [r for r in doc.references if (symbol and r.symbol == symbol) or (name and r.name == name)]


def collapsed(text: str) -> str:
    return " ".join(text.split())


# --- issuer as the text names it ----------------------------------------------

def test_header_cell_wrapped_anywhere_is_one_name():
    # "**ỦY\nBAN NHÂN DÂN **\nTHÀNH PHỐ HỒ CHÍ MINH" between lone "|" lines.
    assert gold("18").identity.issuer == "Ủy ban nhân dân Thành phố Hồ Chí Minh"
    # "**VĂN PHÒNG CHÍNH\nPHỦ**"
    assert gold("24").identity.issuer == "Văn phòng Chính phủ"


def test_authority_line_names_the_office_that_issues():
    # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" above "Căn\ncứ Luật …"
    assert gold("28").identity.issuer == "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert gold("17").identity.issuer == "Thủ tướng Chính phủ"


def test_the_body_speaking_in_its_preamble():
    assert gold("04").identity.issuer == "Bộ Chính trị"            # "Bộ Chính trị yêu cầu …"
    assert gold("02").identity.issuer == "Ban Tuyên giáo và Dân vận Trung ương"
    assert gold("30").identity.issuer == "Chủ tịch Ủy ban nhân dân Thành phố"   # "… có ý kiến chỉ đạo như sau"
    # The header's name rebuilt from capitals yields to the preamble's own words.
    assert gold("27").identity.issuer == "UBND tỉnh"                # "UBND tỉnh ban hành Kế hoạch …"


def test_central_committee_line_yields_to_the_organ_that_acts():
    assert gold("06").identity.issuer == "Bộ Chính trị"              # "Bộ Chính trị đã có Kết luận 223-KL/TW"
    assert gold("07").identity.issuer == "Ban Tổ chức Trung ương"    # 9671-CV/BTCTW, "Ban Tổ chức Trung ương đề nghị"
    assert gold("08").identity.issuer == "Văn phòng Trung ương Đảng"
    # Nothing more precise in the text: the page's own words stay.
    assert gold("11").identity.issuer == "Ban Chấp hành Trung ương"
    assert gold("01").identity.issuer == "Bộ Chính trị, Ban Bí thư"  # "KẾT LUẬN … CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ"


# --- kind, symbol and date of web copies --------------------------------------

def test_title_and_statement_of_a_qa_page():
    idn = gold("07").identity     # "Ngày 17/9/2025, Ban chấp hành Trung ương đã ban hành Công văn 9671-CV/BTCTW"
    assert (idn.kind, idn.symbol, idn.date) == ("official_letter", "9671-CV/BTCTW", "2025-09-17")
    idn = gold("06").identity     # "Ngày 02 tháng 12 năm 2025, … đã ban hành Kết luận 223-KL/TW"
    assert (idn.kind, idn.symbol, idn.date) == ("conclusion", "223-KL/TW", "2025-12-02")
    assert gold("10").identity.issuer == "Ban chính sách, chiến lược Ban Chấp hành Trung ương"


def test_full_text_title_without_date():
    idn = gold("01").identity     # "TOÀN VĂN: KẾT LUẬN 155-KL/TW …", no date anywhere
    assert (idn.kind, idn.symbol, idn.date) == ("conclusion", "155-KL/TW", None)


def test_source_line_and_annex_heading_give_the_document():
    idn = gold("05").identity     # "(Theo Quyết định số 219-QĐ/TW ngày 28/12/2024 của Bộ Chính trị …)"
    assert (idn.kind, idn.symbol, idn.date, idn.issuer) == ("decision", "219-QĐ/TW", "2024-12-28", "Bộ Chính trị")
    idn = gold("02").identity     # "(Kèm theo Hướng dẫn số 40-HD/BTGDVTW, ngày 27/11/2025 …)"
    assert (idn.kind, idn.symbol, idn.date) == ("guidance", "40-HD/BTGDVTW", "2025-11-27")


def test_closing_words_and_kinh_gui_give_the_kind():
    assert gold("04").identity.kind == "resolution"      # "Nghị quyết này phổ biến đến chi bộ."
    assert gold("30").identity.kind == "official_letter"  # opens with "Kính gửi:"


def test_state_symbols_kept_with_their_suffix():
    assert gold("24").identity.symbol == "11554/VPCP-V.I"
    assert gold("18").identity.symbol == "2820/QĐ-UBND"   # "Số:\n2820/QĐ-UBND"
    assert refs(gold("23"), "15972/SXD-QLN&TTBĐS")        # "15972/SXD-QLN& TTBĐS"
    assert refs(gold("18"), "66.2/2025/NQ-CP")
    assert refs(gold("10"), "336-QĐ/BCSCLTW")              # written "336- QD/BCSCLTW"
    assert refs(gold("08"), "TCVN 14423:2025")


def test_a_page_about_a_form_is_not_the_document_it_cites():
    # "Tải về Mẫu phiếu nhập kho … theo Thông tư 99/2025/TT-BTC": the copy word
    # is not the Thông tư's; the lead names it without reproducing it.
    text = corpus_text("d0ba56e223f70030.md")
    assert parse_text(text).identity.symbol in (None, "99/2025/TT-BTC")
    assert "Tải về Mẫu" in text.splitlines()[0]


# --- news ---------------------------------------------------------------------

def test_news_articles_cite_everything():
    for prefix in ("13", "14", "15"):
        doc = gold(prefix)
        assert doc.identity.kind == "news_article", prefix
        assert doc.references and all(r.relation == "cites" for r in doc.references), prefix
        assert doc.identity.issuer is None
    # "Thực hiện Nghị quyết số 60-NQ/TW …" reported by TTXVN is still cited.
    assert refs(gold("13"), "60-NQ/TW")[0].relation == "cites"


def test_news_author_and_publication_stamp():
    text = corpus_text("83af743ec9326bb5.md")   # "Tác giả: Tuyết Thư", "Giờ đăng: 16/07/2025 16:04"
    idn = parse_text(text).identity
    assert (idn.kind, idn.signer, idn.date) == ("news_article", "Tuyết Thư", "2025-07-16")


def test_encyclopedia_page_is_not_news():
    # A Wikipedia copy ("[sửa | sửa mã nguồn]") quoting poems "(Tác giả: Tố Hữu)".
    assert parse_text(corpus_text("45252cc4f4593290.md")).identity.kind == "other"


# --- signer --------------------------------------------------------------------

def test_signer_after_a_title_in_capitals_and_wrapped():
    assert gold("17").identity.signer == "Phạm Minh Chính"     # "THỦ TƯỚNG" is a title, not a name
    assert gold("23").identity.signer == "Bùi Xuân Cường"      # "**Bùi\nXuân Cường**"
    assert gold("24").identity.signer == "Trịnh Mạnh Linh"     # "KT. BỘ TRƯỞNG,\nCHỦ NHIỆM / PHÓ CHỦ NHIỆM"


def test_rank_before_a_signers_name():
    # Consolidated text signed "KT. BỘ TRƯỞNG / THỨ TRƯỞNG / **Đại\ntướng Nguyễn Tân Cương**".
    assert parse_text(corpus_text("1e6fb98e16a75e3d.md")).identity.signer == "Nguyễn Tân Cương"


# --- e-signed copies: blank number and day -------------------------------------

def test_blank_day_and_number_are_kept_not_invented():
    # Gold 19 as an e-signed copy leaves them: the number and the day are blanked
    # the way such copies print them ("Số:      /KH-UBND", "ngày     tháng 11").
    text = gold_path("19").read_text(encoding="utf-8")
    text = text.replace("Số: 310/KH-UBND", "Số:      /KH-UBND").replace("ngày\n24 tháng 11", "ngày\n   tháng 11")
    idn = parse_text(text).identity
    assert (idn.symbol, idn.number, idn.date) == (None, None, None)
    assert (idn.date_text, idn.date_period, idn.kind) == ("ngày tháng 11 năm 2025", "2025-11", "plan")
    assert idn.place == "Hà Nội"


def test_blank_party_number_is_taken_from_the_annex_not_made_up():
    # Seed 001's header with its number blanked the way a draft writes it
    # ("Số -CV/TU"): the symbol then comes only from the text's own annex
    # heading "(Kèm theo văn bản số 1021 - CV/VPTU, …)", as written there.
    text = seed_text("001_d2eac3ada0b09243.txt").replace("Số 1021 -CV/TU", "Số -CV/TU")
    idn = parse_text(text).identity
    assert (idn.kind, idn.symbol) == ("official_letter", "1021-CV/VPTU")
    assert text[idn.symbol_span[0]:idn.symbol_span[1]] == "1021 - CV/VPTU"


# --- PDF extraction: glued and letter-spaced words -----------------------------

def test_glued_words_keep_identity_and_references():
    # Seed 001 with the spaces PDF extraction drops around short words removed.
    text = seed_text("001_d2eac3ada0b09243.txt")
    glued = (text.replace("Thực hiện Kế hoạch số 134-KH/TU ngày 17/02/2023 của Ban",
                          "Thựchiện Kếhoạchsố134-KH/TU ngày17/02/2023 củaBan")
             .replace("Hà Nội, ngày 06 tháng 02 năm 2024", "HàNội,ngày06tháng02năm2024")
             .replace("Nơi nhận", "Nơinhận"))
    doc = parse_text(glued)
    assert doc.identity.date == "2024-02-06"
    r = refs(doc, "134-KH/TU")[0]
    assert (r.kind, r.date, r.issuer, r.relation) == ("plan", "2023-02-17", "Ban Thường vụ Thành ủy", "implements")
    assert glued[r.mention_span[0]:r.mention_span[1]] == r.mention == "Kếhoạchsố134-KH/TU ngày17/02/2023"
    assert "Ban Bí thư Trung ương Đảng, } (để báo cáo)" in doc.recipient_entries


def test_letter_spaced_and_glued_kind_lines():
    # Seed 000's "KẾ HOẠCH" as PDF extraction writes titles: letter-spaced or glued.
    text = seed_text("000_60a44d443366fbee.txt")
    for line in ("K Ế H O Ạ C H", "KẾHOẠCH"):
        idn = parse_text(text.replace("KẾ HOẠCH", line, 1)).identity
        assert (idn.kind, idn.kind_text) == ("plan", line)


# --- named references ------------------------------------------------------------

def test_specific_names_are_references():
    names = {r.name for r in gold("11").references if not r.symbol}
    assert {"Chiến lược quốc gia về dinh dưỡng", "Chương trình Tiêm chủng mở rộng",
            "Luật khám bệnh, chữa bệnh 2023"} <= names
    assert refs(gold("21"), name="Đề án 06")
    assert refs(gold("16"), name="Điều lệ Đảng")


def test_one_entry_per_name():
    assert len(refs(gold("17"), name="Luật Ngân sách nhà nước")) == 1
    assert len(refs(gold("22"), name="Luật Đầu tư công")) == 1


def test_names_inside_titles_or_still_to_be_issued_are_not_references():
    names = lambda p: {r.name for r in gold(p).references if not r.symbol}
    assert "Điều lệ Đảng" not in names("02")         # only in "Quy định số 294-QĐ/TW … về thi hành Điều lệ Đảng"
    assert "Luật Đầu tư" not in names("18")          # only inside an amending law's title
    assert "Hiến pháp năm 2013" not in names("01")   # "dự thảo Nghị quyết sửa đổi … của Hiến pháp năm 2013"
    assert not any(n.startswith("Luật Toà án chuyên biệt") for n in names("06"))  # "trình Quốc hội ban hành Luật …"
    assert "Chương trình mục tiêu quốc gia" not in names("25")                  # a kind of programme, not one
    assert not any(n.startswith("Quy chế bồi dưỡng") for n in names("03"))        # its own annex


def test_amending_law_is_one_name():
    r = refs(gold("18"), name="Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, "
                              "Luật Đầu tư theo phương thức đối tác công tư và Luật Đấu thầu")
    assert r and r[0].relation == "based_on"
    # A single number closing the title is the amending law's own.
    assert refs(gold("18"), "62/2020/QH14")[0].relation == "based_on"


def test_numbers_completed_by_a_central_organ():
    # "các Nghị quyết 57, 59, 66, 68, 70, 71, 72 của Bộ Chính trị"
    syms = {r.symbol for r in gold("08").references if r.via == "number and issuer"}
    assert syms == {f"{n}-NQ/TW" for n in (57, 59, 66, 68, 70, 71, 72)}


# --- relations --------------------------------------------------------------------

def test_every_item_of_a_basis_list_is_implemented():
    doc = gold("19")   # "Triển khai thực hiện A …; B …; C …; D …; E … về thực hiện F …"
    for sym in ("57-NQ/TW", "03/NQ-CP", "1132/QĐ-TTg", "1569/QĐ-TTg", "912/QĐ-BKHCN", "139/KH-UBND"):
        assert refs(doc, sym)[0].relation == "implements", sym
    assert refs(doc, "71/NQ-CP")[0].relation == "cites"        # inside 139/KH-UBND's title


def test_documents_inside_a_basis_items_title_are_cited():
    doc = gold("02")
    assert refs(doc, "06-HD/BTCTW-BTGTW")[0].relation == "based_on"
    assert refs(doc, "13-TB/TW")[0].relation == "cites"         # "… theo Thông báo số 13-TB/TW"
    for sym in ("27/2023/QH15", "29/2023/QH15", "459-KHHĐ/TU"):
        assert refs(gold("18"), sym)[0].relation == "cites", sym
    assert refs(gold("30"), "89/2024/QĐ-UBND")[0].relation == "cites"


def test_a_plural_kind_lists_its_numbers():
    doc = gold("29")   # "Căn cứ Các Nghị định … (Số 37/2019/NĐ-CP …, số 58/2023/NĐ-CP … và số 22/2025/NĐ-CP …)"
    for sym in ("37/2019/NĐ-CP", "58/2023/NĐ-CP", "22/2025/NĐ-CP", "1226/QĐ-BVHTTDL", "2657/QĐ-BVHTTDL"):
        assert refs(doc, sym)[0].relation == "based_on", sym


def test_the_issuers_own_words_about_what_it_carries_out():
    # "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thi hành Luật sửa đổi, …"
    r = refs(gold("22"), name="Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật")
    assert r and r[0].relation == "implements"


def test_can_cu_outside_the_preamble_is_a_citation():
    # A Q&A tail: "Căn cứ theo quy định tại Điều 14 Luật Cán bộ công chức 2025 thì …"
    assert refs(gold("07"), name="Luật Cán bộ công chức 2025")[0].relation == "cites"


# --- recipients ---------------------------------------------------------------------

def test_recipient_entries_as_written():
    doc = gold("02")
    assert doc.recipient_entries == [
        "Ban Bí thư Trung ương Đảng (để b/c)", "Ban Tổ chức Trung ương",
        "Ban Tuyên giáo và Dân vận các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương",
        "Các ban, bộ, ngành ở Trung ương", "Ủy ban Trung ương MTTQ Việt Nam",
        "Văn phòng, Vụ Thông tin - Đối ngoại", "Lưu HC-TĐKT"]
    # The archive copy is an entry, not a body the graph sends the document to.
    assert not any(r.name.startswith("Lưu") for r in doc.recipients)


def test_dong_kinh_gui_and_sub_items():
    entries = gold("24").recipient_entries
    assert entries[4] == "Thủ tướng Chính phủ Phạm Minh Chính (để báo cáo)"   # "Đồng kính gửi:", wrapped
    assert "VPUB: + CVP, các PCVP (đ/b); + Cổng TTĐT tỉnh (đưa tin)" in gold("28").recipient_entries


def test_every_entry_is_a_slice_of_the_file():
    for prefix in ("02", "17", "24", "27", "29", "30"):
        text = collapsed(gold_path(prefix).read_text(encoding="utf-8"))
        for entry in gold(prefix).recipient_entries:
            assert entry in text, (prefix, entry)


def test_spans_still_slice_to_evidence():
    for prefix in ("01", "18", "24", "28"):
        doc = gold(prefix)
        text = doc.text
        for attr in ("symbol", "date", "issuer", "signer"):
            span = getattr(doc.identity, attr + "_span")
            if span:
                assert re.sub(r"\W", "", text[span[0]:span[1]]), (prefix, attr)
        for r in doc.references:
            assert text[r.span[0]:r.span[1]] == r.evidence
            assert text[r.mention_span[0]:r.mention_span[1]] == r.mention


def test_plenum_resolutions_are_named_references():
    names = {r.name for r in gold("01").references if not r.symbol}
    assert "Nghị quyết Hội nghị Trung ương 11 khoá XIII" in names
    doc = parse_text(corpus_text("03d8c3594dc18a34.md"))
    assert any(r.name == "Nghị quyết Trung ương 5 khóa IX" for r in doc.references)


def test_ensuring_the_tasks_set_out_in_a_document_implements_it():
    # The cue "Để bảo đảm thực hiện … nêu tại …" of the issue, around gold 01's
    # real mention "Kết luận số 150-KL/TW, ngày 14/4/2025 của Bộ Chính trị".
    text = ("KẾ HOẠCH\n\nĐể bảo đảm thực hiện các nhiệm vụ nêu tại Kết luận số 150-KL/TW, ngày 14/4/2025 "
            "của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n")
    r = refs(parse_text(text), "150-KL/TW")[0]
    assert (r.relation, r.cue, r.issuer) == ("implements", "Để bảo đảm thực hiện", "Bộ Chính trị")
