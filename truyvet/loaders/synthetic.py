"""A deterministic synthetic corpus of Party and state documents with known truth.

Five real seeds teach a parser one phrasing of each cue; this module writes any
number of documents from project-written templates and phrase pools, with the
facts a parser should recover stored next to each file, so parsers can be scored
and benchmarked from 30 to 100k documents.

Determinism: every choice comes from ``random.Random`` seeded with strings (never
``hash()`` or set order), so one seed gives byte-identical output; the corpus
for size n is a prefix of the corpus for any larger size.

Truth conventions (what a parser is scored against):

* symbols are canonical (``12-KH/TU``, ``125/KH-UBND``, ``45/2022/NĐ-CP``) even when
  the text writes ``12 -KH/TU`` or ``12 – KH/TU``;
* issuer, agencies and recipients are canonical names with the jurisdiction spelt
  out, "ủy/hóa" tone style ("Ban Tuyên giáo Tỉnh ủy Nghệ An" for "Ban Tuyên giáo
  Tỉnh uỷ"); a document of a Ban Thường vụ is issued by the committee owning the
  symbol's code ("Tỉnh ủy Nghệ An" for ``/TU``);
* a reference carries the identity of its target (kind, date, issuer) even where
  the text leaves some of it implicit; one entry per target with the strongest
  relation (implements > based_on > cites); a target without a number has
  ``"name"`` (its kind word, a law's name, a congress resolution's name);
* a target only named inside the title of an implemented document ("Thực hiện
  Kế hoạch số 53-KH/TU ... về triển khai thực hiện Nghị quyết số 15-NQ/TW") is cited,
  not implemented: that link is the other document's;
* tasks are the leaf items of task sections (NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP, TỔ CHỨC
  THỰC HIỆN, PHÂN CÔNG; whole body of letters and notices); headings that only
  assign ("1. Ban Tuyên giáo Tỉnh ủy", "1.1. Giao X chủ trì ... như sau:") are not
  tasks; vague tails ("các cơ quan, đơn vị liên quan") are not agencies;
* deadlines: ISO date, ``YYYY-Qn`` for a quarter, ``YYYY-MM`` for a month.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator

__all__ = ["CorpusTruth", "FileTruth", "DocumentTruth", "ReferenceTruth", "TaskTruth",
           "generate_corpus", "iter_documents"]


# ---------------------------------------------------------------- truth records
@dataclass
class DocumentTruth:
    kind: str
    symbol: str | None
    number: str | None
    date: str
    issuer: str
    place: str | None
    signer: str | None

    def to_dict(self) -> dict:     # by hand: dataclasses.asdict was 40% of the generation time
        return {"kind": self.kind, "symbol": self.symbol, "number": self.number, "date": self.date,
                "issuer": self.issuer, "place": self.place, "signer": self.signer}


@dataclass
class ReferenceTruth:
    kind: str
    date: str | None
    issuer: str | None
    relation: str
    symbol: str | None = None
    name: str | None = None

    def to_dict(self) -> dict:
        head = {"symbol": self.symbol} if self.symbol else {"name": self.name}
        return {**head, "kind": self.kind, "date": self.date, "issuer": self.issuer,
                "relation": self.relation}


@dataclass
class TaskTruth:
    label: str
    lead: list[str]
    coordinate: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    deadline: str | None = None

    def to_dict(self) -> dict:
        return {"label": self.label, "lead": self.lead, "coordinate": self.coordinate,
                "monitor": self.monitor, "deadline": self.deadline}


@dataclass
class FileTruth:
    file: str
    document: DocumentTruth
    references: list[ReferenceTruth]
    tasks: list[TaskTruth]
    recipients: list[str]

    def to_dict(self) -> dict:
        return {"file": self.file, "document": self.document.to_dict(),
                "references": [r.to_dict() for r in self.references],
                "tasks": [t.to_dict() for t in self.tasks], "recipients": self.recipients}


@dataclass
class CorpusTruth:
    out_dir: str
    seed: int
    files: list[FileTruth]
    sha256: str          # over every file name and byte written, to compare runs

    def by_file(self) -> dict[str, FileTruth]:
        return {f.file: f for f in self.files}


# ---------------------------------------------------------------- phrase pools
_KINDS = {"NQ": ("resolution", "Nghị quyết"), "KL": ("conclusion", "Kết luận"),
          "TB": ("notice", "Thông báo"), "KH": ("plan", "Kế hoạch"), "CT": ("directive", "Chỉ thị"),
          "CTr": ("programme", "Chương trình"), "HD": ("guidance", "Hướng dẫn"),
          "CV": ("official_letter", "Công văn"), "NĐ": ("decree", "Nghị định")}
_BASE = {"NQ": (10, 40), "CT": (5, 30), "KL": (20, 90), "TB": (40, 160), "KH": (30, 140),
         "CTr": (1, 15), "CV": (300, 1400), "HD": (1, 25), "NĐ": (10, 90), "UBND": (60, 320)}
# (name, city?, districts as (name, urban?), provincial congress number)
_PROVINCES = (
    ("Hà Nội", True, (("Ba Đình", 1), ("Đống Đa", 1), ("Hai Bà Trưng", 1), ("Hoài Đức", 0), ("Gia Lâm", 0)), "XVII"),
    ("Nghệ An", False, (("Nam Đàn", 0), ("Diễn Châu", 0), ("Quỳnh Lưu", 0), ("Đô Lương", 0)), "XIX"),
    ("Thanh Hóa", False, (("Hoằng Hóa", 0), ("Quảng Xương", 0), ("Thọ Xuân", 0)), "XIX"),
    ("Hải Phòng", True, (("Lê Chân", 1), ("Ngô Quyền", 1), ("Thủy Nguyên", 0)), "XVI"),
    ("Đà Nẵng", True, (("Hải Châu", 1), ("Thanh Khê", 1), ("Hòa Vang", 0)), "XXII"),
    ("Quảng Ninh", False, (("Tiên Yên", 0), ("Đầm Hà", 0), ("Vân Đồn", 0)), "XV"),
    ("Bắc Ninh", False, (("Yên Phong", 0), ("Quế Võ", 0), ("Tiên Du", 0)), "XX"),
    ("Cần Thơ", True, (("Ninh Kiều", 1), ("Cái Răng", 1), ("Phong Điền", 0)), "XIV"),
    ("Thái Bình", False, (("Vũ Thư", 0), ("Kiến Xương", 0), ("Đông Hưng", 0)), "XX"),
    ("Lâm Đồng", False, (("Đức Trọng", 0), ("Di Linh", 0), ("Lâm Hà", 0)), "XI"),
)
_COMMUNES = ("Nam Thanh", "Hưng Đạo", "Quang Trung", "Tân Lập", "Đông Sơn", "Xuân Lâm", "Thanh Bình",
             "Hòa Bình", "Phú Lộc", "Minh Khai", "Tiên Phong", "Hồng Phong", "Đại Đồng", "Yên Sơn")
_TOPICS = (  # (title after "về", objects of task sentences)
    ("đẩy mạnh chuyển đổi số, xây dựng chính quyền số", ("cơ sở dữ liệu dùng chung của các cơ quan đảng",
     "dịch vụ công trực tuyến toàn trình", "hạ tầng số và bảo đảm an toàn thông tin", "kỹ năng số cho cán bộ, công chức")),
    ("tiếp tục sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
     ("phương án sắp xếp các cơ quan, đơn vị", "chức năng, nhiệm vụ của các cơ quan sau sắp xếp",
      "chính sách đối với cán bộ dôi dư", "vị trí việc làm và biên chế")),
    ("lãnh đạo tổ chức đại hội đảng bộ các cấp nhiệm kỳ 2025 - 2030", ("văn kiện đại hội đảng bộ các cấp",
     "công tác nhân sự cấp ủy khóa mới", "đại hội điểm cấp cơ sở", "công tác bảo vệ chính trị nội bộ")),
    ("xây dựng nông thôn mới gắn với cơ cấu lại ngành nông nghiệp", ("tiêu chí xã nông thôn mới nâng cao",
     "chuỗi liên kết sản xuất nông sản", "hạ tầng giao thông nông thôn", "chương trình mỗi xã một sản phẩm")),
    ("tăng cường công tác phòng, chống tham nhũng, lãng phí, tiêu cực", ("kê khai tài sản, thu nhập",
     "các vụ việc, vụ án được dư luận quan tâm", "công tác kiểm tra, giám sát đảng viên", "thực hành tiết kiệm, chống lãng phí")),
    ("chỉnh trang, phát triển đô thị và kinh tế đô thị", ("quy hoạch chi tiết các khu vực trọng điểm",
     "cải tạo chung cư cũ", "hệ thống thoát nước và chống úng ngập", "tuyến đường vành đai và các nút giao")),
    ("phát triển văn hóa, con người đáp ứng yêu cầu phát triển bền vững", ("thiết chế văn hóa cơ sở",
     "bảo tồn và phát huy giá trị di sản", "phong trào toàn dân đoàn kết xây dựng đời sống văn hóa", "công nghiệp văn hóa")),
    ("bảo vệ môi trường, chủ động ứng phó với biến đổi khí hậu", ("xử lý chất thải rắn sinh hoạt",
     "kiểm soát ô nhiễm không khí", "bảo vệ nguồn nước các dòng sông", "trồng cây xanh và không gian công cộng")),
    ("phát triển nguồn nhân lực chất lượng cao", ("mạng lưới cơ sở giáo dục nghề nghiệp",
     "chính sách thu hút nhân tài", "đào tạo, bồi dưỡng đội ngũ cán bộ trẻ", "liên kết giữa nhà trường và doanh nghiệp")),
    ("nâng cao chất lượng sinh hoạt chi bộ", ("nội dung sinh hoạt chuyên đề", "công tác phát triển đảng viên",
     "việc đánh giá, xếp loại chất lượng tổ chức đảng", "tự phê bình và phê bình trong chi bộ")),
    ("bảo đảm quốc phòng, an ninh, trật tự an toàn xã hội", ("thế trận lòng dân và khu vực phòng thủ",
     "phong trào toàn dân bảo vệ an ninh Tổ quốc", "phòng, chống tội phạm công nghệ cao", "lực lượng dân quân tự vệ")),
)
_VERBS = ("Nghiên cứu, đề xuất", "Xây dựng kế hoạch triển khai", "Tổ chức thực hiện", "Rà soát, hoàn thiện",
          "Tăng cường kiểm tra, giám sát việc thực hiện", "Đẩy mạnh", "Tham mưu ban hành cơ chế, chính sách về",
          "Tập trung lãnh đạo, chỉ đạo", "Hướng dẫn, đôn đốc thực hiện", "Quán triệt, tuyên truyền về",
          "Sơ kết, đánh giá kết quả", "Huy động nguồn lực cho", "Đổi mới cách thức triển khai")
_TAILS = ("", " trên địa bàn", " bảo đảm thiết thực, hiệu quả", " phù hợp với tình hình thực tiễn của địa phương",
          " gắn với trách nhiệm của người đứng đầu", "; định kỳ báo cáo kết quả thực hiện", " trong toàn Đảng bộ")
_AREAS = ("Về công tác xây dựng Đảng và hệ thống chính trị", "Về phát triển kinh tế - xã hội",
          "Về công tác tuyên truyền, quán triệt", "Về công tác kiểm tra, giám sát", "Về bảo đảm nguồn lực thực hiện")
_PURPOSE = ("Tạo sự thống nhất về nhận thức và hành động trong cấp ủy, chính quyền, cán bộ, đảng viên và Nhân dân.",
            "Cụ thể hóa các nhiệm vụ, giải pháp phù hợp với điều kiện thực tế của địa phương, đơn vị.",
            "Xác định rõ nội dung công việc, trách nhiệm của các cơ quan, đơn vị và cá nhân có liên quan.",
            "Việc triển khai phải nghiêm túc, đồng bộ, gắn với kiểm tra, giám sát và sơ kết, tổng kết định kỳ.",
            "Phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu.")
_TASK_SECTIONS = ("NỘI DUNG", "NHIỆM VỤ TRỌNG TÂM", "NHIỆM VỤ, GIẢI PHÁP", "NỘI DUNG, NHIỆM VỤ CHỦ YẾU")
_LAWS = (("Luật Tổ chức chính quyền địa phương", date(2015, 6, 19)), ("Luật Tổ chức Chính phủ", date(2015, 6, 19)),
         ("Luật Ban hành văn bản quy phạm pháp luật", date(2015, 6, 22)), ("Luật Bảo vệ môi trường", date(2020, 11, 17)),
         ("Luật Phòng, chống tham nhũng", date(2018, 11, 20)), ("Luật Giao dịch điện tử", date(2023, 6, 22)))
_DECREE_TITLES = ("quy định chi tiết một số điều về quản lý và sử dụng cơ sở dữ liệu dùng chung",
                  "quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh",
                  "về chính sách hỗ trợ phát triển sản xuất nông nghiệp", "về quản lý chất thải và phế liệu")
_SURN = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
         "Lưu", "Trịnh", "Đinh", "Mai", "Hà", "Cao")
_MID = (("Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công", "Đình", "Bá", "Thanh"),
        ("Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Minh"))
_GIVEN = (("Hùng", "Dũng", "Tuấn", "Thắng", "Hải", "Sơn", "Long", "Phong", "Bình", "Cường", "Nam", "Quân", "Trung",
           "Vinh", "Khoa", "Phúc", "Lộc", "Tùng", "Đạt", "Hòa", "Thành", "Hiếu"),
          ("Lan", "Hương", "Trâm", "Hoa", "Thảo", "Hà", "Tâm", "Hiền", "Yến", "Mai", "Tuyền", "Huyền", "Ngân"))
_DASHES = ("-",) * 10 + (" -", "- ", " - ", "–", " – ", "‐")
_OLD_TONES = (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"), ("óa", "oá"), ("òa", "oà"), ("ÓA", "OÁ"), ("ÒA", "OÀ"))
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_PRIORITY = {"implements": 3, "based_on": 2, "cites": 1}
_START, _SPAN = date(2021, 3, 1), 1550   # dates wrap inside khóa XIII; numbers keep growing

# Agencies: key -> (canonical template, surface templates). {C}/{c}: committee with place /
# as written inside its own jurisdiction; {S}/{s}: the state unit likewise.
_AG = {
    "cm": ("{C}", ("{c}",)), "btv": ("Ban Thường vụ {C}", ("Ban Thường vụ {c}", "BTV {c}")),
    "tt": ("Thường trực {C}", ("Thường trực {c}",)),
    "uv": ("các đồng chí Ủy viên Ban Thường vụ {C}", ("Các đ/c Ủy viên BTV {c}", "Các đồng chí Ủy viên Ban Thường vụ {c}")),
    "tc": ("Ban Tổ chức {C}", ("Ban Tổ chức {c}",)), "tg": ("Ban Tuyên giáo {C}", ("Ban Tuyên giáo {c}",)),
    "dv": ("Ban Dân vận {C}", ("Ban Dân vận {c}",)), "kt": ("Ủy ban Kiểm tra {C}", ("Ủy ban Kiểm tra {c}", "UBKT {c}")),
    "vp": ("Văn phòng {C}", ("Văn phòng {c}",)),
    "bcs": ("Ban cán sự đảng UBND {S}", ("Ban cán sự đảng UBND {s}", "BCS đảng UBND {s}", "Ban cán sự đảng Ủy ban nhân dân {s}")),
    "dd": ("Đảng đoàn HĐND {S}", ("Đảng đoàn HĐND {s}", "Đảng đoàn Hội đồng nhân dân {s}")),
    "mt": ("Ủy ban MTTQ Việt Nam {S}", ("MTTQ {s}", "MTTQ Việt Nam {s}", "Ủy ban Mặt trận Tổ quốc Việt Nam {s}")),
    "ub": ("UBND {S}", ("UBND {s}", "Ủy ban nhân dân {s}")), "vpub": ("Văn phòng UBND {S}", ("Văn phòng UBND {s}",)),
    "hd": ("Thường trực HĐND {S}", ("Thường trực HĐND {s}",)),
    "duk": ("Đảng ủy Khối các cơ quan {S}", ("Đảng ủy Khối các cơ quan {s}", "ĐUK các cơ quan {s}")),
    "doan": ("Đoàn Thanh niên {S}", ("Đoàn Thanh niên {s}", "Đoàn TNCS Hồ Chí Minh {s}")),
    "g_sub": ("{SUB} trực thuộc {C}", ("{SUB} trực thuộc {c}", "{SUB2}")),
    "g_ban": ("các ban Đảng {C}", ("các ban Đảng {c}", "các ban xây dựng Đảng {c}")),
    "g_so": ("các sở, ban, ngành {S}", ("các sở, ban, ngành {s}",)),
    "g_ct": ("các tổ chức chính trị - xã hội {S}", ("các tổ chức chính trị - xã hội {s}", "các tổ chức CT-XH {s}")),
    "g_ubh": ("UBND các {SUBU} thuộc {S}", ("UBND các {SUBU}",)),
    "s_nv": ("Sở Nội vụ {S}", ("Sở Nội vụ",)), "s_kh": ("Sở Kế hoạch và Đầu tư {S}", ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT")),
    "s_tt": ("Sở Thông tin và Truyền thông {S}", ("Sở Thông tin và Truyền thông", "Sở TT&TT")),
    "s_tc": ("Sở Tài chính {S}", ("Sở Tài chính",)), "s_xd": ("Sở Xây dựng {S}", ("Sở Xây dựng",)),
    "ca": ("Công an {S}", ("Công an {s}",)),
}
_CENTRAL = {"bct": ("Bộ Chính trị",), "bbt": ("Ban Bí thư", "Ban Bí thư Trung ương Đảng"),
            "bch": ("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng"),
            "vptw": ("Văn phòng Trung ương Đảng", "Văn phòng Trung ương"), "tc": ("Ban Tổ chức Trung ương",),
            "tg": ("Ban Tuyên giáo Trung ương",), "kt": ("Ủy ban Kiểm tra Trung ương", "UBKT Trung ương"),
            "kte": ("Ban Kinh tế Trung ương",), "nc": ("Ban Nội chính Trung ương",), "dv": ("Ban Dân vận Trung ương",),
            "dqh": ("Đảng đoàn Quốc hội",), "cp": ("Ban cán sự đảng Chính phủ",), "gov": ("Chính phủ",),
            "g_sub": ("các tỉnh ủy, thành ủy trực thuộc Trung ương", "các tỉnh ủy, thành ủy")}
_LEADS = {"central": ("tc", "tg", "kt", "kte", "nc", "dv", "cp", "dqh"),
          "province": ("tc", "tg", "dv", "kt", "bcs", "dd", "mt", "duk"), "district": ("tc", "tg", "dv", "kt", "ub", "mt"),
          "commune": ("ub", "mt", "doan"), "bloc": ("tc", "tg", "kt"), "state": ("s_nv", "s_kh", "s_tt", "s_tc", "s_xd", "ca")}
_COORDS = {"central": ("g_sub", "vptw"), "province": ("g_sub", "g_so", "g_ct", "g_ban", "vp"),
           "district": ("g_sub", "g_ban", "vp"), "commune": ("g_sub",), "bloc": ("g_sub", "vp"), "state": ("g_ubh", "g_so")}


@dataclass(eq=False)
class _Juris:
    key: str
    level: str           # central | province | district | commune | bloc
    name: str
    committee: str       # "Tỉnh ủy", "Quận ủy", "Đảng ủy xã", "Đảng ủy Khối các cơ quan tỉnh"
    unit: str            # "tỉnh", "thành phố", "huyện", "quận", "xã"
    code: str            # the symbol's issuer code: TU, HU, QU, ĐU, ĐUK
    c_forms: tuple
    s_forms: tuple
    sub: str             # subordinate committees, canonical and a looser form
    sub2: str
    subu: str = ""
    parent: "_Juris | None" = None
    districts: tuple = ()
    congress: str = ""

    @property
    def C(self) -> str:
        return f"{self.committee} {self.name}"

    @property
    def S(self) -> str:
        return f"{self.unit} {self.name}"

    def chain(self) -> list["_Juris"]:
        out, j = [], self
        while j is not None:
            out.append(j)
            j = j.parent
        return out


@dataclass(eq=False)
class _Doc:
    code: str
    date: date
    issuer: str
    juris: _Juris | None
    ag: tuple            # agency keys that name the issuer in a citation
    topic: int
    symbol: str | None = None
    number: str | None = None
    kind: str = ""
    word: str = ""

    def __post_init__(self):
        if not self.kind:
            self.kind, self.word = _KINDS[self.code]


# ---------------------------------------------------------------- small helpers
def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _join(rng: random.Random, xs: list[str]) -> str:
    if len(xs) > 1 and rng.random() < 0.5:
        return ", ".join(xs[:-1]) + " và " + xs[-1]
    return ", ".join(xs)


def _dmy(rng: random.Random, d: date) -> str:
    r = rng.random()
    if r < 0.45:
        return f"{d.day}/{d.month}/{d.year}"
    if r < 0.8:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day} tháng {d.month} năm {d.year}"


def _long_date(rng: random.Random, d: date) -> str:
    if rng.random() < 0.7:
        return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
    return f"ngày {d.day} tháng {d.month} năm {d.year}"


def _date_ref(rng: random.Random, d: date) -> str:
    r = rng.random()
    if r < 0.15:
        return f" (ngày {d.day}-{d.month}-{d.year})"
    return (", ngày " if r < 0.4 else " ngày ") + _dmy(rng, d)


def _symtext(rng: random.Random, sym: str) -> str:
    """Write a Party symbol the way copies do: stray spaces and odd dashes."""
    if "/" in sym and "-" in sym.split("/", 1)[0]:
        num, rest = sym.split("-", 1)
        return num + rng.choice(_DASHES) + rest
    return sym


def _name(rng: random.Random) -> str:
    g = 1 if rng.random() < 0.35 else 0
    return f"{rng.choice(_SURN)} {rng.choice(_MID[g])} {rng.choice(_GIVEN[g])}"


def _wrap_title(rng: random.Random, s: str) -> str:
    if rng.random() < 0.5 or len(s) < 70:
        return s
    out, line = [], ""
    for word in s.split(" "):
        if line and len(line) + len(word) > 58:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(out + [line])


def _deadline(rng: random.Random, d0: date) -> tuple[str, str]:
    """A deadline phrase and its truth value (ISO day, YYYY-Qn or YYYY-MM)."""
    r = rng.random()
    if r < 0.45:
        d = d0 + timedelta(days=rng.randint(15, 240))
        s = _dmy(rng, d)
        return "trước ngày " + (f"**{s}**" if rng.random() < 0.15 else s), d.isoformat()
    d = d0 + timedelta(days=rng.randint(30, 300))
    if r < 0.85:
        q = (d.month - 1) // 3 + 1
        s = rng.choice((f"Quý {_ROMAN[q - 1]}/{d.year}", f"quý {_ROMAN[q - 1]}/{d.year}", f"quý {_ROMAN[q - 1]} năm {d.year}"))
        return "trong " + s, f"{d.year}-Q{q}"
    return rng.choice((f"trong tháng {d.month}/{d.year}", f"trong tháng {d.month} năm {d.year}")), f"{d.year}-{d.month:02d}"


# ---------------------------------------------------------------- one document being written
class _W:
    """Collects paragraphs and truth for one document."""

    def __init__(self, world: "_World", d: _Doc, juris: _Juris | None, lvl: str):
        self.w, self.rng, self.d, self.j, self.lvl = world, world.rng, d, juris, lvl
        self.anc = juris.chain() if juris else []
        self.out: list[str] = []
        self.refs: dict = {}
        self.tasks: list[TaskTruth] = []
        self.seen: dict[str, str] = {}     # canonical -> surface, for the Nơi nhận list
        r = self.rng.random()              # per-document share of old-style tone marks
        self.old = 0.0 if r < 0.5 else (0.25 if r < 0.85 else 0.9)

    def p(self, s: str, wrap: bool = True) -> None:
        rng = self.rng
        if self.old and rng.random() < self.old:
            for a, b in _OLD_TONES:
                if a in s:
                    s = s.replace(a, b)
        if wrap and len(s) > 140 and rng.random() < 0.12:   # hard line wraps of copied text
            i = s.find(" ", len(s) // 2)
            if 0 < i < len(s) - 1 and s[i - 1].isalpha() and s[i + 1].isalpha():
                s = s[:i] + ("\n\n" if rng.random() < 0.2 else "\n") + s[i + 1:]
        self.out.append(s)

    def head(self, n: int, title: str) -> str:
        roman = _ROMAN[n - 1]
        self.p(f"**{roman}. {title}**" if self.rng.random() < 0.15 else f"{roman}. {title}", wrap=False)
        return roman

    def a(self, key: str, j: _Juris | None = None) -> tuple[str, str]:
        j = j or self.j
        canon, forms = self.w.agency(j, key)
        if j.level != "central" and j not in self.anc:    # outside its jurisdiction the place is spelt out
            s = canon
        else:
            s = forms[0] if self.rng.random() < 0.6 else self.rng.choice(forms)
        self.seen.setdefault(canon, s)
        return canon, s

    def pick(self, keys: tuple, k: int, avoid: tuple = ()) -> list[tuple[str, str]]:
        pool = [x for x in keys if x not in avoid]
        return [self.a(x) for x in self.rng.sample(pool, min(k, len(pool)))]

    def tt(self) -> str:
        rng = self.rng
        obj = rng.choice(_TOPICS[self.d.topic][1] if rng.random() < 0.9 else rng.choice(_TOPICS)[1])
        s = f"{rng.choice(_VERBS)} {obj}{rng.choice(_TAILS)}"
        if rng.random() < 0.08 and self.w.recent:
            old = self.citable()
            if old:
                s += " theo " + self.cite(rng.choice(old), "cites")
        return s

    def citable(self) -> list[_Doc]:
        """Earlier numbered documents this writer would know: central ones and its own chain's."""
        return [x for x in self.w.recent if x.date < self.d.date and x.symbol
                and (x.juris is self.w.central or x.juris in self.anc)]

    def task(self, label: str, lead=(), coord=(), mon=(), dl: str | None = None) -> None:
        self.tasks.append(TaskTruth(label, [x[0] for x in lead], [x[0] for x in coord], [x[0] for x in mon], dl))

    def dl(self, p: float = 0.3) -> tuple[str, str | None]:
        if self.rng.random() >= p:
            return ".", None
        s, v = _deadline(self.rng, self.d.date)
        return self.rng.choice((f". Thời gian hoàn thành: {_cap(s)}.", f"; hoàn thành {s}.", f" (hoàn thành {s}).",
                                f". Thời hạn: {s}.")), v

    def issuer_phrase(self, d: _Doc) -> str:
        if d.juris is None or d.juris.level == "central":
            forms = _CENTRAL[d.ag[0]]
            return forms[0] if self.rng.random() < 0.6 else self.rng.choice(forms)
        canon, forms = self.w.agency(d.juris, self.rng.choice(d.ag))
        return self.rng.choice(forms) if d.juris in self.anc else canon   # place implicit inside its jurisdiction

    def cite(self, d: _Doc, rel: str, title: bool = False, iss: bool | None = None) -> str:
        rng = self.rng
        word = d.word
        if rel == "cites" and d.code == "KH" and rng.random() < 0.03:
            word = "Kết luận"                          # real text: "Kết luận số 175-KH/TU"
        if d.symbol:
            s = f"{word} {'số ' if rng.random() < 0.85 else ''}{_symtext(rng, d.symbol)}"
            if rng.random() < 0.8:
                s += _date_ref(rng, d.date)
            if iss is None:
                iss = rng.random() < 0.8
        else:
            s = word + _date_ref(rng, d.date)
            iss = True
        if iss:
            s += " của " + self.issuer_phrase(d)
        if title and rng.random() < 0.6:
            t = _TOPICS[d.topic][0]
            s += rng.choice((f" về {t}", f' về "{t}"', f" về “{t}”"))
        self.ref(ReferenceTruth(d.kind, d.date.isoformat(), d.issuer, rel, d.symbol, None if d.symbol else d.word))
        return s

    def ref(self, r: ReferenceTruth) -> None:
        key = r.symbol and (r.symbol, r.issuer) or (r.name, r.kind, r.date, r.issuer)
        old = self.refs.get(key)
        if old is None or _PRIORITY[r.relation] > _PRIORITY[old.relation]:
            self.refs[key] = r

    def congress(self) -> str:
        p = next((j for j in self.anc if j.level == "province"), None)
        if p is None or self.rng.random() < 0.5:
            self.ref(ReferenceTruth("resolution", None, None, "cites", name="Nghị quyết Đại hội XIII của Đảng"))
            return self.rng.choice(("Nghị quyết Đại hội XIII của Đảng", "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"))
        self.ref(ReferenceTruth("resolution", None, None, "cites", name=f"Nghị quyết Đại hội {p.congress} Đảng bộ {p.S}"))
        s = self.rng.choice(p.s_forms if self.j is p else (p.S,))
        return self.rng.choice((f"Nghị quyết Đại hội {p.congress} Đảng bộ {s}",
                                f"Nghị quyết Đại hội đại biểu Đảng bộ {s} lần thứ {p.congress}"))

    def law(self, rel: str) -> str:
        name, d = self.rng.choice([x for x in _LAWS if x[1] < self.d.date])
        self.ref(ReferenceTruth("law", d.isoformat(), "Quốc hội", rel, name=name))
        return f"{name} ngày {d.day} tháng {d.month} năm {d.year}"

    def closing(self, up: list[tuple[str, str]], sign: tuple, signer: str, archive: str,
                kinh_gui: list[str] = (), state: bool = False) -> list[str]:
        rng, end = self.rng, (";" if state else ",")
        lines, recips = ["Nơi nhận:"], list(kinh_gui)
        if kinh_gui:
            lines.append(f"- Như kính gửi (để thực hiện){end}" if not state else "- Như trên;")
        brace = len(up) == 2 and rng.random() < 0.3
        for i, (canon, s) in enumerate(up):
            purpose = rng.choice(("để b/c", "để báo cáo", "*để báo cáo*"))
            if brace:
                lines.append(f"- {_cap(s)}{end} }}" + (f" ({purpose})" if i == 0 else ""))
            else:
                lines.append(f"- {_cap(s)} ({purpose}){end}")
            recips.append(canon)
        for canon, s in list(self.seen.items())[:8]:
            if canon not in recips:
                lines.append(f"- {_cap(s)}{' (để thực hiện)' if rng.random() < 0.2 else ''}{end}")
                recips.append(canon)
        lines.append(f"- {archive}.")
        block = "\n".join(lines if rng.random() < 0.7 else [lines[0]] + [" " + x for x in lines[1:]])
        if self.old and rng.random() < self.old:
            for a, b in _OLD_TONES:
                block = block.replace(a, b)
        sig = "\n".join(sign)
        if sig and rng.random() < 0.2:
            sig = f"**{sig}**"
        sig = (sig + "\n\n" if sig else "") + ("(đã ký)\n\n" if rng.random() < 0.1 else "\n") + signer
        self.out.extend((block, sig) if rng.random() < 0.7 else (sig, block))
        return recips

    def done(self, doc: DocumentTruth, recips: list[str]) -> tuple[str, FileTruth]:
        sep = "\n\n" if self.rng.random() < 0.8 else "\n"
        text = unicodedata.normalize("NFC", sep.join(self.out) + "\n")
        return text, FileTruth("", doc, list(self.refs.values()), self.tasks, list(dict.fromkeys(recips)))


# ---------------------------------------------------------------- body sections
def _sec_purpose(w: _W, n: int) -> None:
    w.head(n, "MỤC ĐÍCH, YÊU CẦU")
    rng = w.rng
    if rng.random() < 0.7:
        for k, title in ((1, "Mục đích"), (2, "Yêu cầu")):
            w.p(f"{k}. {title}", wrap=False)
            for s in rng.sample(_PURPOSE, 2):
                w.p("- " + s)
    else:
        for s in rng.sample(_PURPOSE, 3):
            w.p("- " + s)


def _sec_giao(w: _W, n: int, force_lead: str | None = None) -> None:
    """Groups led by a "Giao X chủ trì, phối hợp với Y ... như sau:" sentence."""
    rng = w.rng
    roman = w.head(n, rng.choice(_TASK_SECTIONS))
    for gi in range(1, rng.randint(2, 3) + 1):
        w.p(f"{gi}. {rng.choice(_AREAS)}", wrap=False)
        nsub = rng.choice((0, 0, 2, 3))
        for si in range(1, max(nsub, 1) + 1):
            prefix, mark = (f"{roman}.{gi}.{si}", f"{gi}.{si}. ") if nsub else (f"{roman}.{gi}", "")
            if nsub and rng.random() < 0.2:        # several leads, one unnumbered paragraph
                leads = w.pick(_LEADS[w.lvl], 2)
                w.p(f"{mark}Giao {_join(rng, [x[1] for x in leads])} triển khai thực hiện nội dung như sau:")
                w.p(w.tt() + ".")
                w.task(prefix, leads)
                continue
            key = force_lead or rng.choice(_LEADS[w.lvl])
            force_lead, lead = None, w.a(key)
            coord = w.pick(_COORDS[w.lvl] + _LEADS[w.lvl], rng.randint(0, 2), avoid=(key,))
            L, co = lead[1], _join(rng, [c[1] for c in coord])
            if not coord:
                s = f"Giao {L} chủ trì tham mưu thực hiện các nội dung sau:"
            else:
                s = rng.choice((f"Giao {L} chủ trì, phối hợp với {co} và các cơ quan, đơn vị liên quan tham mưu triển khai thực hiện các nội dung như sau:",
                                f"Giao {L} chủ trì, phối hợp {co} triển khai các nhiệm vụ sau:",
                                f"{L} chủ trì, phối hợp với {co} thực hiện các nhiệm vụ sau:",
                                f"Giao {L} chủ trì; {co} phối hợp thực hiện các nội dung như sau:",
                                f"Đề nghị {L} chủ trì, phối hợp với {co} lãnh đạo, chỉ đạo thực hiện các nội dung sau:"))
            w.p(mark + s)
            fmt = rng.choice(("({}).", "({}).", "({})"))
            for k in range(1, rng.randint(2, 6) + 1):
                end, dl = w.dl()
                w.p(f"{fmt.format(k)} {w.tt()}{end}")
                w.task(f"{prefix}.({k})", [lead], coord, (), dl)


def _sec_inline(w: _W, n: int, title: str | None = None, state: bool = False) -> None:
    """Items that name their own lead, or none, or sub-items a), b) under a leading item."""
    rng = w.rng
    roman = w.head(n, title or rng.choice(_TASK_SECTIONS))
    leads, coords = _LEADS["state" if state else w.lvl], _COORDS["state" if state else w.lvl]
    for k in range(1, rng.randint(3, 6) + 1):
        lead = w.pick(leads, 1)[0]
        coord = w.pick(coords, rng.randint(1, 2))
        co, r = _join(rng, [c[1] for c in coord]), rng.random()
        if r < 0.3:
            end, dl = w.dl()
            t = w.tt()
            w.p(f"{k}. {lead[1]} chủ trì, phối hợp với {co} {t[0].lower()}{t[1:]}{end}")
            w.task(f"{roman}.{k}", [lead], coord, (), dl)
        elif r < 0.6:
            s, dl = _deadline(rng, w.d.date) if rng.random() < 0.6 else ("", None)
            extra = f"; thời gian hoàn thành: {s}" if s else ""
            w.p(f"{k}. {w.tt()} (Cơ quan chủ trì: {lead[1]}; cơ quan phối hợp: {co}{extra}).")
            w.task(f"{roman}.{k}", [lead], coord, (), dl)
        elif r < 0.8:
            w.p(f"{k}. {lead[1]} chủ trì, phối hợp với {co} thực hiện các nhiệm vụ sau:")
            for letter in "abc"[:rng.randint(2, 3)]:
                end, dl = w.dl(0.2)
                w.p(f"{letter}) {w.tt()}{end}")
                w.task(f"{roman}.{k}.{letter}", [lead], coord, (), dl)
        else:
            end, dl = w.dl(0.2)
            w.p(f"{k}. {w.tt()}{end}")
            w.task(f"{roman}.{k}", (), (), (), dl)


def _sec_heads(w: _W, n: int, keys: tuple, monitor: str, state: bool = False) -> None:
    """"1. Ban Tuyên giáo Tỉnh ủy" headings over bullets; a "Văn phòng: Theo dõi" monitor."""
    rng = w.rng
    roman = w.head(n, "TỔ CHỨC THỰC HIỆN" if rng.random() < 0.8 else "PHÂN CÔNG NHIỆM VỤ")
    k = 0
    for key in rng.sample(keys, min(len(keys), rng.randint(2, 4))):
        k += 1
        ag = w.a(key)
        r, head = rng.random(), f"{k}. {_cap(ag[1])}"
        if r < 0.5:
            w.p(f"**{head}**" if rng.random() < 0.15 else head + (":" if rng.random() < 0.2 else ""), wrap=False)
            for b in range(1, rng.randint(2, 4) + 1):
                end, dl = w.dl()
                w.p(f"{'-' if rng.random() < 0.85 else ' -'} {w.tt()}{end}")
                w.task(f"{roman}.{k}.-{b}", [ag], (), (), dl)
        elif r < 0.75:
            w.p(head, wrap=False)
            end, dl = w.dl()
            w.p(w.tt() + end)
            w.task(f"{roman}.{k}", [ag], (), (), dl)
        else:
            end, dl = w.dl()
            w.p(f"{head}: {w.tt()}{end}")
            w.task(f"{roman}.{k}", [ag], (), (), dl)
    k += 1
    vp = w.a(monitor)
    if rng.random() < 0.75 or state or w.lvl not in ("province", "district"):
        what = rng.choice((f"Theo dõi, đôn đốc các cơ quan, đơn vị triển khai thực hiện {w.d.word} này",
                           "Theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ tổng hợp, báo cáo kết quả",
                           "theo dõi, đôn đốc, tổng hợp tình hình thực hiện, kịp thời báo cáo những vướng mắc phát sinh"))
        w.p(f"{k}. {_cap(vp[1])}: {_cap(what) if rng.random() < 0.7 else what}.")
        w.task(f"{roman}.{k}", (), (), [vp])
    else:
        ban = w.a("g_ban")
        w.p(f"{k}. Giao {vp[1]} phối hợp với {ban[1]} theo dõi việc triển khai thực hiện để kịp thời tổng hợp, tham mưu {w.a('btv')[1]}.")
        w.task(f"{roman}.{k}", [vp], [ban])


def _plan_layout(w: _W, force_lead: str | None, heads: tuple) -> None:
    rng, n = w.rng, 1
    if rng.random() < 0.85:
        _sec_purpose(w, n)
        n += 1
    r = rng.random()
    if force_lead or r < 0.45:
        _sec_giao(w, n, force_lead)
    elif r < 0.8:
        _sec_inline(w, n)
    else:
        n -= 1                              # only the headings section
    _sec_heads(w, n + 1, heads, "vp")


# ---------------------------------------------------------------- the world
class _World:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(f"truyvet/synthetic/{seed}")
        self.count: dict = {}
        self.base: dict = {}
        self.cache: dict = {}
        self.names: dict = {}
        self.recent: deque = deque(maxlen=48)
        self.last_tb: dict = {}
        self.decrees: deque = deque(maxlen=6)
        self.unnumbered: set = set()
        self.central = _Juris("TW", "central", "Trung ương", "", "", "TW", ("Trung ương",), ("",), "", "")
        self.provinces = [self._province(i, *p) for i, p in enumerate(_PROVINCES)]
        self.background = [self._old_central(i) for i in range(10)]

    # jurisdictions and agencies
    def _province(self, i, name, city, districts, congress) -> _Juris:
        c, u = ("Thành ủy", "thành phố") if city else ("Tỉnh ủy", "tỉnh")
        sub = "các quận ủy, huyện ủy, thị ủy" if city else "các huyện ủy, thị ủy, thành ủy"
        return _Juris(f"P{i}", "province", name, c, u, "TU", (c,),
                      ("Thành phố", "thành phố", "TP") if city else ("tỉnh", "Tỉnh"), sub,
                      "các quận, huyện, thị ủy" if city else "các huyện, thị, thành ủy",
                      "quận, huyện, thị xã" if city else "huyện, thị xã, thành phố", None, districts, congress)

    def district(self, p: _Juris, name: str, urban: int) -> _Juris:
        key = f"{p.key}/{name}"
        if key not in self.cache:
            c, u, code = ("Quận ủy", "quận", "QU") if urban else ("Huyện ủy", "huyện", "HU")
            self.cache[key] = _Juris(key, "district", name, c, u, code, (c,), (u, _cap(u)),
                                     "các chi, đảng bộ cơ sở", "các chi, đảng bộ cơ sở", "phường, xã", p)
        return self.cache[key]

    def commune(self, d: _Juris) -> _Juris:
        i = sum(map(ord, d.key)) + self.rng.randint(0, 2)       # stable, no hash()
        name = _COMMUNES[i % len(_COMMUNES)]
        key = f"{d.key}/{name}"
        if key not in self.cache:
            self.cache[key] = _Juris(key, "commune", name, "Đảng ủy xã", "xã", "ĐU", ("Đảng ủy xã", "Đảng ủy"),
                                     ("xã",), "các chi bộ", "các chi bộ", "thôn", d)
        return self.cache[key]

    def bloc(self, p: _Juris) -> _Juris:
        key = f"{p.key}/ĐUK"
        if key not in self.cache:
            self.cache[key] = _Juris(key, "bloc", p.name, f"Đảng ủy Khối các cơ quan {p.unit}", p.unit, "ĐUK",
                                     ("Đảng ủy Khối", "Đảng ủy"), p.s_forms, "các chi, đảng bộ cơ sở",
                                     "Các chi, đảng ủy cơ sở", "", p)
        return self.cache[key]

    def agency(self, j: _Juris, key: str) -> tuple[str, tuple]:
        ck = (j.key, key)
        hit = self.cache.get(ck)
        if hit is None:
            if j.level == "central":
                forms = _CENTRAL[key]
                hit = (forms[0], forms)
            else:
                canon_t, forms_t = _AG[key]
                S = j.parent.S if j.level == "bloc" else j.S
                sub = dict(C=j.C, S=S, SUB=j.sub, SUB2=j.sub2, SUBU=j.subu)
                forms = [f.format(c=c, s=s, **sub) for f in forms_t for c in j.c_forms for s in j.s_forms]
                hit = (canon_t.format(**sub), tuple(dict.fromkeys(forms)))
            self.cache[ck] = hit
        return hit

    def signer(self, j: _Juris | None, role: str) -> str:
        key = f"{self.seed}/{j.key if j else '-'}/{role}"
        if key not in self.names:
            self.names[key] = _name(random.Random(key))
        return self.names[key]

    # identities
    def number(self, issuer: str, code: str, level: str, year: int | None = None, twin: int | None = None) -> int:
        key = (issuer, code, year)
        n = self.count.get(key)
        if n is None:            # a shared base and a small per-issuer offset: local codes often collide
            b = (code, level, year)
            if b not in self.base:
                self.base[b] = random.Random(f"{self.seed}/{code}/{level}/{year}").randint(*_BASE[code])
            n = twin or self.base[b] + random.Random(f"{self.seed}/{issuer}/{code}").randint(0, 20)
        self.count[key] = n + 1 + (self.rng.randint(1, 5) if self.rng.random() < 0.3 else 0)
        return n

    def party_doc(self, code: str, org: str, j: _Juris, issuer: str, ag: tuple, when: date, topic: int,
                  numbered: bool = True, twin: int | None = None) -> _Doc:
        d = _Doc(code, when, issuer, j, ag, topic)
        if numbered:
            d.number = str(self.number(issuer, code, j.level, twin=twin))
            d.symbol = f"{d.number}-{code}/{org}"
        else:
            while (issuer, d.date) in self.unnumbered:     # issuer + date must stay an identity
                d.date += timedelta(days=1)
            self.unnumbered.add((issuer, d.date))
        return d

    def _old_central(self, i: int) -> _Doc:
        r = random.Random(f"{self.seed}/old/{i}")
        code, ag = r.choice((("NQ", "bct"), ("NQ", "bch"), ("CT", "bct"), ("CT", "bbt"), ("KL", "bct")))
        d = _Doc(code, date(2016, 3, 1) + timedelta(days=r.randint(0, 1700)), _CENTRAL[ag][0], self.central,
                 (ag,), r.randrange(len(_TOPICS)))
        d.number = str(r.randint(1, 60))
        d.symbol = f"{d.number}-{code}/TW"
        return d

    # ------------------------------------------------------------ documents
    def _party_header(self, w: _W, d: _Doc, lines: list[str], place: str, subject: str | None = None) -> None:
        rng = w.rng
        dl = f"{place}, {_long_date(rng, d.date)}"
        if d.symbol is None and rng.random() < 0.7:
            w.out.append(dl)                                        # header lost in the copy
            return
        sym = _symtext(rng, d.symbol) if d.symbol else None
        num = (f"Số {sym}" if rng.random() < 0.7 else f"Số: {sym}") if sym else None
        if rng.random() < 0.2 and num:                              # two columns flattened by tabs
            head = lines[:-1] + [f"{lines[-1]}\t\tĐẢNG CỘNG SẢN VIỆT NAM", "*", f"{num}\t\t{dl}"] + ([subject] if subject else [])
        else:
            head = lines + ["*"] + ([num] if num else []) + ([subject] if subject else []) + ["ĐẢNG CỘNG SẢN VIỆT NAM", dl]
        w.out.append("\n\n".join(head) if rng.random() < 0.6 else "\n".join(head))

    def _title(self, w: _W, word: str, title: str) -> None:
        t = _wrap_title(w.rng, _cap(title))
        w.out.append(word.upper())
        w.p(f"**{t}**" if w.rng.random() < 0.3 else t, wrap=False)

    def _truth(self, w: _W, d: _Doc, place: str | None, signer: str | None, recips: list[str]):
        doc = DocumentTruth(d.kind, d.symbol, d.number, d.date.isoformat(), d.issuer, place, signer)
        return w.done(doc, recips)

    def _sign(self, w: _W, j: _Juris, d: _Doc) -> tuple[tuple, str]:
        titles = (("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
                  ("K/T BÍ THƯ", "PHÓ BÍ THƯ"), (f"T/M {j.committee.upper()}", "BÍ THƯ"))
        t = w.rng.choice(titles)
        return (() if w.rng.random() < 0.12 else t), self.signer(j, t[-1])

    def notice(self, when: date, p: _Juris, topic: int) -> tuple:
        d = self.party_doc("TB", "VPTW", self.central, "Văn phòng Trung ương Đảng", ("vptw",), when, topic)
        w, rng = _W(self, d, self.central, "central"), self.rng
        self._party_header(w, d, ["BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG"], "Hà Nội")
        tbt = self.signer(None, "TBT")
        btv = w.a("btv", p)
        w.out.append("THÔNG BÁO")
        w.p(f"KẾT LUẬN CỦA ĐỒNG CHÍ TỔNG BÍ THƯ\ntại buổi làm việc với {btv[0]}", wrap=False)
        m = d.date - timedelta(days=rng.randint(5, 25))
        w.p(f"Ngày {m.day}/{m.month}/{m.year}, đồng chí {tbt}, Tổng Bí thư đã làm việc với {btv[0]} về "
            f"{_TOPICS[topic][0]}. Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, đồng chí Tổng Bí thư kết luận như sau:")
        w.p(f"Ghi nhận, đánh giá cao những kết quả mà Đảng bộ, chính quyền và Nhân dân {p.S} đạt được; "
            f"việc thực hiện {w.congress()} có nhiều chuyển biến tích cực.")
        w.p(f"Đề nghị {btv[0]} tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ trọng tâm sau:")
        k = rng.randint(3, 6)
        for i in range(1, k + 1):
            end, dl = w.dl(0.15)
            w.p(f"{i}. {w.tt()}{end}")
            w.task(str(i), [btv], (), (), dl)
        lead, coord = w.a("cp"), w.a(rng.choice(("tc", "kte", "dqh")))
        w.p(f"{k + 1}. Giao {lead[1]} chủ trì, phối hợp với {coord[1]} chỉ đạo các bộ, ngành liên quan hỗ trợ {p.C} tháo gỡ khó khăn, vướng mắc.")
        w.task(str(k + 1), [lead], [coord])
        sign, signer = ("T/L BỘ CHÍNH TRỊ", "CHÁNH VĂN PHÒNG"), self.signer(None, "CVP")
        if rng.random() < 0.5:
            sign, signer = ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"), self.signer(None, "PCVP")
        recips = w.closing([w.a("bct")], sign, signer, "Lưu Văn phòng Trung ương Đảng")
        self.last_tb[p.key] = d
        return d, *self._truth(w, d, "Hà Nội", signer, recips)

    def central_doc(self, when: date, topic: int) -> tuple:
        rng = self.rng
        code, ag = rng.choice((("NQ", "bct"), ("NQ", "bch"), ("CT", "bbt"), ("CT", "bct"), ("KL", "bct"), ("KL", "bbt")))
        d = self.party_doc(code, "TW", self.central, _CENTRAL[ag][0], (ag,), when, topic)
        w = _W(self, d, self.central, "central")
        self._party_header(w, d, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Hà Nội")
        w.out.append(d.word.upper())
        w.p(f"CỦA {_CENTRAL[ag][0].upper()}\nvề {_TOPICS[topic][0]}", wrap=False)
        old = rng.choice([x for x in self.background if x.date < when] or self.background)
        w.p(f"Sau nhiều năm thực hiện {w.cite(old, 'cites', title=True)}, công tác {_TOPICS[topic][0]} đã đạt được "
            f"những kết quả quan trọng; tuy nhiên vẫn còn hạn chế, chưa đáp ứng yêu cầu đặt ra trong {w.congress()}.")
        if code == "CT":
            g = w.a("g_sub")
            w.p(f"Để khắc phục hạn chế, {_CENTRAL[ag][0]} yêu cầu {g[1]} tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ sau:")
            for i in range(1, rng.randint(3, 5) + 1):
                end, dl = w.dl(0.1)
                w.p(f"{i}. {w.tt()}{end}")
                w.task(str(i), [g], (), (), dl)
            lead, coord = w.a("tg"), w.a(rng.choice(("tc", "vptw")))
            w.p(f"{i + 1}. {lead[1]} chủ trì, phối hợp với {coord[1]} hướng dẫn, theo dõi việc thực hiện Chỉ thị này.")
            w.task(str(i + 1), [lead], [coord])
        else:
            n = 1
            if code == "NQ":
                w.head(1, "QUAN ĐIỂM, MỤC TIÊU")
                for s in rng.sample(_PURPOSE, 2):
                    w.p("- " + s)
                n = 2
            _sec_inline(w, n, "NHIỆM VỤ, GIẢI PHÁP" if code == "NQ" else "NHIỆM VỤ TRỌNG TÂM")
            roman = w.head(n + 1, "TỔ CHỨC THỰC HIỆN")
            g, lead, coord = w.a("g_sub"), w.a("tg"), w.a("tc")
            w.p(f"1. {_cap(g[1])} tổ chức học tập, quán triệt và xây dựng chương trình hành động thực hiện {d.word} này.")
            w.task(f"{roman}.1", [g])
            w.p(f"2. {lead[1]} chủ trì, phối hợp với {coord[1]} hướng dẫn việc nghiên cứu, học tập, quán triệt.")
            w.task(f"{roman}.2", [lead], [coord])
            mon = w.a("vptw")
            w.p(f"3. {mon[1]}: Theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ báo cáo {_CENTRAL[ag][0]}.")
            w.task(f"{roman}.3", (), (), [mon])
        w.p(f"{d.word} này phổ biến đến chi bộ.")
        w.seen = {"các tỉnh ủy, thành ủy trực thuộc Trung ương": "Các tỉnh ủy, thành ủy",
                  "các đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Trung ương":
                  "Các đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Trung ương", **w.seen}
        title = ("T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ") if ag in ("bct", "bch") else ("T/M BAN BÍ THƯ",)
        signer = self.signer(None, "TBT" if ag != "bbt" else "TTBBT")
        recips = w.closing([], title, signer, "Lưu Văn phòng Trung ương Đảng")
        return d, *self._truth(w, d, "Hà Nội", signer, recips)

    def local_doc(self, code: str, j: _Juris, when: date, topic: int, impl: list[_Doc], nested: _Doc | None,
                  up: list[tuple[str, str]], force_lead: str | None = None, numbered: bool = True,
                  twin: int | None = None) -> tuple:
        """Plan / programme / letter of a Party committee (province, district, commune or bloc)."""
        rng = self.rng
        d = self.party_doc(code, j.code, j, j.C, ("btv", "cm"), when, topic, numbered, twin)
        w = _W(self, d, j, j.level)
        p = j.chain()[-1]
        lines = [j.C.upper()] if j.level == "province" else [f"ĐẢNG BỘ {j.parent.S.upper()}", j.committee.upper() + ("" if j.level == "bloc" else " " + j.name.upper())]
        place = j.name if j.level != "bloc" else p.name
        subject = f"V/v triển khai thực hiện một số nhiệm vụ\nvề {_TOPICS[topic][0]}" if code == "CV" else None
        self._party_header(w, d, lines, place, subject)
        kinh_gui = []
        if code == "CV":
            ks = [w.a(k) for k in rng.sample(_LEADS[j.level] + ("g_sub",), 3)]
            w.p("Kính gửi:\n" + "\n".join(f"{' - ' if rng.random() < 0.5 else '- '}{_cap(s)}," for _, s in ks), wrap=False)
            kinh_gui = [c for c, _ in ks]
            w.seen.clear()
        else:
            word = "CHƯƠNG TRÌNH HÀNH ĐỘNG" if code == "CTr" else d.word
            t = _TOPICS[topic][0]
            if impl[0].symbol and rng.random() < 0.4:
                t = f"thực hiện {w.cite(impl[0], 'implements', iss=True)} về {t}"
            self._title(w, word, t)
        # the head: what this document implements
        if len(impl) == 2 and rng.random() < 0.6:       # "Thông báo số A ngày .. và Thông báo số B ngày .. của X"
            a, b = (w.cite(x, "implements", iss=False) for x in impl)
            refs = f"{a} và {b} của {w.issuer_phrase(impl[0])}"
        else:
            refs = " và ".join(w.cite(x, "implements", title=nested is None) for x in impl)
        if nested is not None:
            refs += f" về việc triển khai thực hiện {w.cite(nested, 'cites', title=True)}"
            if nested.symbol and rng.random() < 0.5:
                refs += f" (sau đây gọi tắt là {nested.word} số {nested.symbol})"
        me = w.a(rng.choice(("btv", "btv", "tt")))[1]
        kw = "Kế hoạch" if code == "KH" else ("Chương trình" if code == "CTr" else "văn bản")
        cue = rng.choice(("Thực hiện", "Thực hiện", "Triển khai thực hiện", "Để triển khai", "Để triển khai thực hiện"))
        w.p(f"{cue} {refs}" + rng.choice((f"; {me} ban hành {kw} triển khai thực hiện như sau:",
                                          f", {me} xây dựng {kw} thực hiện với những nội dung chủ yếu sau:",
                                          f"; {me} xây dựng {kw.lower()} triển khai, cụ thể như sau:")))
        w.seen.pop(w.w.agency(j, "btv")[0], None), w.seen.pop(w.w.agency(j, "tt")[0], None)
        old = [x for x in w.citable() if x not in impl and x is not nested]
        if rng.random() < 0.6:
            cited = w.cite(rng.choice(old), "cites", title=True) if old and rng.random() < 0.6 else w.congress()
            w.p(rng.choice((f"Bám sát {cited}, ", f"Trên cơ sở kết quả thực hiện {cited}, ",
                            f"Gắn với việc thực hiện {cited}, ")) + "đồng thời căn cứ tình hình thực tiễn, xác định các nội dung trọng tâm như sau.")
        if code == "CV":
            for i in range(1, rng.randint(3, 5) + 1):
                lead = w.pick(_LEADS[j.level], 1)[0]
                coord = w.pick(_COORDS[j.level], rng.randint(0, 2))
                end, dl = w.dl(0.3)
                t = w.tt()
                if coord and rng.random() < 0.6:
                    w.p(f"{i}. Giao {lead[1]} chủ trì, phối hợp với {_join(rng, [c[1] for c in coord])} {t[0].lower()}{t[1:]}{end}")
                    w.task(str(i), [lead], coord, (), dl)
                else:
                    w.p(f"{i}. Đề nghị {lead[1]} {t[0].lower()}{t[1:]}{end}")
                    w.task(str(i), [lead], (), (), dl)
            vp, ban = w.a("vp"), w.a("g_ban")
            w.p(f"{i + 1}. Giao {vp[1]} phối hợp với {ban[1]} theo dõi việc triển khai thực hiện của các cơ quan, đơn vị để kịp thời tổng hợp, tham mưu {w.a('tt')[1]}.")
            w.task(str(i + 1), [vp], [ban])
        else:
            heads = _LEADS[j.level] + ("g_sub",)
            _plan_layout(w, force_lead, heads)
            if rng.random() < 0.4:
                w.p(f"Trên đây là {kw} của {me}. Đề nghị {w.a('g_sub')[1]} nghiêm túc triển khai thực hiện.")
        sign, signer = self._sign(w, j, d)
        archive = rng.choice(("Lưu VT", f"Lưu Văn phòng {j.c_forms[0]}", "Lưu Văn thư") + (("Lưu VPTU",) if j.code == "TU" else ()))
        recips = w.closing(up, sign, signer, archive, kinh_gui)
        return d, *self._truth(w, d, place, signer, recips)

    def guidance(self, p: _Juris, when: date, top: _Doc) -> tuple:
        canon = self.agency(p, "tg")[0]
        d = self.party_doc("HD", "BTGTU", p, canon, ("tg",), when, top.topic)
        w = _W(self, d, p, "province")
        self._party_header(w, d, [p.C.upper(), "BAN TUYÊN GIÁO"], p.name)
        self._title(w, "HƯỚNG DẪN", f"tuyên truyền về {_TOPICS[d.topic][0]}")
        w.p(f"Thực hiện {w.cite(top, 'implements', title=True)}, Ban Tuyên giáo {p.committee} hướng dẫn như sau:")
        w.head(1, "ĐỊNH HƯỚNG TUYÊN TRUYỀN")
        for s in self.rng.sample(_PURPOSE, 2):
            w.p("- " + s)
        _sec_heads(w, 2, ("g_sub", "mt", "g_ct", "dv"), "vp")
        signer = self.signer(p, "TBTG")
        recips = w.closing([w.a("tt")], ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), signer, "Lưu VT")
        return d, *self._truth(w, d, p.name, signer, recips)

    def ubnd_plan(self, p: _Juris, when: date, top: _Doc) -> tuple:
        rng, canon = self.rng, self.agency(p, "ub")[0]
        d = _Doc("KH", when, canon, p, ("ub",), top.topic)
        d.number = str(self.number(canon, "UBND", "state", when.year))
        d.symbol = f"{d.number}/KH-UBND"
        w = _W(self, d, p, "province")
        head = ["ỦY BAN NHÂN DÂN", p.S.upper(), "-------", f"Số: {d.symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "---------------", f"{p.name}, {_long_date(rng, d.date)}"]
        w.out.append("\n".join(head))
        self._title(w, "KẾ HOẠCH", f"triển khai thực hiện {top.word} của {self.agency(p, 'btv')[0]} về {_TOPICS[d.topic][0]}")
        w.p(f"Căn cứ {w.law('based_on')};", wrap=False)
        dec = [x for x in self.decrees if x.date < when]
        if dec:
            w.p(f"Căn cứ {w.cite(dec[-1], 'based_on', title=True)};")
        w.p(f"Thực hiện {w.cite(top, 'implements', title=True)};")
        w.p(f"Ủy ban nhân dân {rng.choice(p.s_forms)} ban hành Kế hoạch thực hiện như sau:")
        _sec_purpose(w, 1)
        _sec_inline(w, 2, "NHIỆM VỤ, GIẢI PHÁP", state=True)
        _sec_heads(w, 3, _LEADS["state"], "vpub", state=True)
        signer = self.signer(p, "PCT")
        recips = w.closing([w.a("tt"), w.a("hd")], ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), signer,
                           "Lưu: VT, KGVX", state=True)
        return d, *self._truth(w, d, p.name, signer, recips)

    def decree(self, when: date, topic: int) -> tuple:
        rng = self.rng
        d = _Doc("NĐ", when, "Chính phủ", self.central, ("gov",), topic)
        d.number = str(self.number("Chính phủ", "NĐ", "state", when.year))
        d.symbol = f"{d.number}/{when.year}/NĐ-CP"
        w = _W(self, d, self.central, "central")
        w.out.append("\n".join(["CHÍNH PHỦ", "-------", f"Số: {d.symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                "Độc lập - Tự do - Hạnh phúc", "---------------", f"Hà Nội, {_long_date(rng, when)}"]))
        title = rng.choice(_DECREE_TITLES)
        self._title(w, "NGHỊ ĐỊNH", title)
        w.p(f"Căn cứ {w.law('based_on')};", wrap=False)
        w.p(f"Căn cứ {w.law('based_on')};", wrap=False)
        w.p(f"Theo đề nghị của Bộ trưởng Bộ {rng.choice(('Nội vụ', 'Tài chính', 'Thông tin và Truyền thông', 'Xây dựng'))};")
        w.p(f"Chính phủ ban hành Nghị định {title}.")
        arts = ("Phạm vi điều chỉnh", "Đối tượng áp dụng", "Nguyên tắc thực hiện", "Hiệu lực thi hành", "Trách nhiệm thi hành")
        w.p("Chương I\nQUY ĐỊNH CHUNG", wrap=False)
        for i, a in enumerate(arts, 1):
            w.p(f"Điều {i}. {a}", wrap=False)
            w.p((f"Nghị định này {title}.", "Nghị định này áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan.",
                 "Việc thực hiện phải bảo đảm công khai, minh bạch, đúng quy định của pháp luật.",
                 f"Nghị định này có hiệu lực thi hành kể từ ngày {_dmy(rng, when + timedelta(days=45))}.",
                 "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc "
                 "trung ương chịu trách nhiệm thi hành Nghị định này.")[i - 1])
        for s in ("Ban Bí thư Trung ương Đảng", "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                  "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương"):
            w.seen[s[0].lower() + s[1:] if s.startswith("Các") else s] = s
        signer = self.signer(None, "TTg")
        recips = w.closing([], ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"), signer, "Lưu: VT, TCCV", state=True)
        self.decrees.append(d)
        return d, *self._truth(w, d, "Hà Nội", signer, recips)

    def news(self, p: _Juris, when: date, top: _Doc, root: _Doc) -> tuple:
        rng = self.rng
        d = _Doc("NEWS", when, f"Báo {p.name}", None, ("btv",), top.topic, kind="news_article", word="Bài báo")
        w = _W(self, d, None, "province")
        topic = _TOPICS[d.topic][0]
        w.p(f"{p.name}: {_cap(topic)}", wrap=False)
        w.p(f"{p.C} đang tập trung triển khai nhiều giải pháp đồng bộ để {topic}, tạo chuyển biến rõ nét từ tỉnh đến cơ sở.")
        author = _name(rng)
        w.out.append(f"{author}\n{_WEEKDAYS[when.weekday()]}, {when.day:02d}/{when.month:02d}/{when.year} "
                     f"{rng.randint(6, 21):02d}:{rng.choice((0, 15, 30, 45)):02d}")
        t = top.date
        w.p(f"Ngày {t.day}/{t.month}, {self.agency(p, 'btv')[0]} đã ban hành {w.cite(top, 'cites', iss=False)} "
            f"{rng.choice(('thực hiện', 'triển khai', 'cụ thể hóa'))} {w.cite(root, 'cites')}.")
        lead = self.agency(p, rng.choice(_LEADS["province"]))[0]
        w.p(f"Theo {top.word}, {lead} được giao chủ trì tham mưu nhiều nội dung quan trọng; các cấp ủy, tổ chức đảng "
            f"xây dựng chương trình, kế hoạch cụ thể phù hợp với thực tiễn.")
        s = rng.choice(_PURPOSE)
        w.p(f"Phát biểu tại hội nghị, đồng chí {self.signer(p, 'BÍ THƯ')}, Bí thư {p.C} nhấn mạnh yêu cầu {s[0].lower()}{s[1:]}")
        w.p(rng.choice((f"({author} ghi)", f"Theo Báo {p.name}", author)), wrap=False)
        return d, *w.done(DocumentTruth("news_article", None, None, when.isoformat(), d.issuer, None, None), [])

    # ------------------------------------------------------------ families of linked documents
    def family(self, i: int) -> Iterator[tuple]:
        """A central document and what provinces, districts, communes and agencies write to carry it out."""
        rng = self.rng
        when = _START + timedelta(days=(i * 47) % _SPAN + rng.randint(0, 20))
        topic = rng.randrange(len(_TOPICS))
        if i == 0 or (i > 1 and rng.random() < 0.3):
            provs = [self.provinces[0] if i == 0 else rng.choice(self.provinces)]
            prev = self.last_tb.get(provs[0].key)
            out = self.notice(when, provs[0], topic)
            impl_extra = [prev] if prev is not None and rng.random() < 0.7 else []
        else:
            provs = rng.sample(self.provinces[1:], 2) if i == 1 else rng.sample(self.provinces, rng.randint(1, 3))
            out = self.central_doc(when, topic)
            impl_extra = []
        root = out[0]
        yield out
        self.recent.append(root)
        tops = []
        for p in provs:
            # a first plan numbered like another province's: same symbol, different documents
            twin = int(tops[-1][1].number) if tops and tops[-1][1].number and (i == 1 or rng.random() < 0.2) else None
            code = "KH" if i < 2 else rng.choice(("KH", "KH", "KH", "CTr" if root.code == "NQ" else "KH", "CV"))
            numbered = i < 2 or rng.random() > 0.07
            up = [(root.issuer, rng.choice(_CENTRAL[root.ag[0]]))]
            out = self.local_doc(code, p, root.date + timedelta(days=rng.randint(7, 40)), topic, [root] + impl_extra,
                                 None, up, "bcs" if i == 0 else None, numbered, twin)
            yield out
            tops.append((p, out[0]))
            self.recent.append(out[0])
        for p, top in tops:
            if top.code != "CV":
                for name, urban in rng.sample(p.districts, 2 if i == 0 else rng.choice((0, 1, 1, 2))):
                    dj = self.district(p, name, urban)
                    up = [self.agency(p, "tt"), self.agency(p, "tg")]
                    dd = self.local_doc("KH", dj, top.date + timedelta(days=rng.randint(5, 30)), topic, [top],
                                        root if rng.random() < 0.6 else None, [(c, f[0]) for c, f in up],
                                        numbered=rng.random() > 0.07)
                    yield dd
                    if rng.random() < 0.35:
                        cj = self.commune(dj)
                        yield self.local_doc("KH", cj, dd[0].date + timedelta(days=rng.randint(5, 25)), topic, [dd[0]],
                                             None, [(self.agency(dj, "tt")[0], "Thường trực Huyện ủy" if dj.code == "HU" else "Thường trực Quận ủy")],
                                             numbered=rng.random() > 0.3)
            if i == 0 or rng.random() < 0.3:
                if rng.random() < 0.5 or i == 0:
                    yield self.decree(top.date + timedelta(days=rng.randint(1, 10)), topic)
                yield self.ubnd_plan(p, top.date + timedelta(days=rng.randint(12, 40)), top)
            if rng.random() < 0.3:
                bj = self.bloc(p)
                yield self.local_doc("KH", bj, top.date + timedelta(days=rng.randint(5, 30)), topic, [top], root,
                                     [(self.agency(p, "tt")[0], f"Thường trực {p.committee}"),
                                      (self.agency(p, "tg")[0], f"Ban Tuyên giáo {p.committee}")],
                                     numbered=rng.random() < 0.5)
            if rng.random() < 0.15 and top.code != "CV":
                yield self.guidance(p, top.date + timedelta(days=rng.randint(5, 20)), top)
            if rng.random() < 0.3:
                yield self.news(p, top.date + timedelta(days=rng.randint(1, 12)), top, root)


# ---------------------------------------------------------------- public API
def _records(n_documents: int, seed: int) -> Iterator[tuple[str, str, FileTruth]]:
    world, i, fam = _World(seed), 0, 0
    while i < n_documents:
        for d, text, truth in world.family(fam):
            if i >= n_documents:
                return
            truth.file = f"{i:06d}_{d.kind}.txt"
            yield truth.file, text, truth
            i += 1
        fam += 1


def iter_documents(n_documents: int, seed: int = 0) -> Iterator[tuple[str, str, dict]]:
    """Yield (file name, text, truth dict) for n documents without touching the disk."""
    for name, text, truth in _records(n_documents, seed):
        yield name, text, truth.to_dict()


def generate_corpus(out_dir: str | os.PathLike, n_documents: int, seed: int = 0) -> CorpusTruth:
    """Write ``out_dir/*.txt`` and ``out_dir/truth.jsonl``; return the truth."""
    out = os.fspath(out_dir)
    os.makedirs(out, exist_ok=True)
    digest, files = hashlib.sha256(), []
    with open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8", newline="\n") as tf:
        for name, text, truth in _records(n_documents, seed):
            data = text.encode("utf-8")
            with open(os.path.join(out, name), "wb") as fh:
                fh.write(data)
            line = json.dumps(truth.to_dict(), ensure_ascii=False) + "\n"
            tf.write(line)
            digest.update(name.encode() + b"\0" + data + b"\0" + line.encode("utf-8"))
            files.append(truth)
    return CorpusTruth(out, seed, files, digest.hexdigest())
