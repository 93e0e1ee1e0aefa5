"""A deterministic synthetic corpus of Party and state documents with known ground truth.

The five seeds teach a parser one phrasing of each cue. This module composes any number of documents
from project-written templates and phrase pools and records, next to each file, the facts a parser
should recover, so parsers can be scored and benchmarked from 30 to 100k documents.

The same seed and size give byte-identical output (string-seeded ``random.Random`` only, no ``hash()``
or set order), and the corpus of n documents is a prefix of the corpus of any larger n.

Truth conventions:

* symbols are canonical (``12-KH/TU``, ``125/KH-UBND``, ``45/2022/NĐ-CP``) however the text spaces them;
* issuer, agencies and recipients are canonical, the jurisdiction spelt out, "ủy/hóa" tones ("Ban
  Tuyên giáo Tỉnh ủy Nghệ An" for "Ban Tuyên giáo Tỉnh uỷ"); a Ban Thường vụ's document is issued by
  the committee that owns the symbol's code ("Tỉnh ủy Nghệ An" for ``/TU``);
* a reference carries its target's identity (kind, date, issuer) even where the text leaves it
  implicit; one entry per target with the strongest relation (implements > based_on > cites); a target
  without a number has ``name`` (its kind word, a law's name, a congress resolution's name);
* a document named only in the title of the one implemented ("Thực hiện Kế hoạch số 53-KH/TU ... về
  việc triển khai thực hiện Nghị quyết số 15-NQ/TW") is cited, not implemented: that link is not ours;
* tasks are the leaf items of task sections (NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP, TỔ CHỨC THỰC HIỆN, PHÂN
  CÔNG; the whole body of letters and notices); headings that only assign are not tasks; vague tails
  ("các cơ quan, đơn vị liên quan") are not agencies; deadlines are ISO days, ``YYYY-Qn`` or ``YYYY-MM``.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import textwrap
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
        return {**head, "kind": self.kind, "date": self.date, "issuer": self.issuer, "relation": self.relation}


@dataclass
class TaskTruth:
    label: str
    lead: list[str]
    coordinate: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    deadline: str | None = None


@dataclass
class FileTruth:
    file: str
    document: DocumentTruth
    references: list[ReferenceTruth]
    tasks: list[TaskTruth]
    recipients: list[str]

    def to_dict(self) -> dict:
        # vars() rather than dataclasses.asdict, which took 40% of the generation time
        return {"file": self.file, "document": dict(vars(self.document)),
                "references": [r.to_dict() for r in self.references],
                "tasks": [dict(vars(t)) for t in self.tasks], "recipients": self.recipients}


@dataclass
class CorpusTruth:
    out_dir: str
    seed: int
    files: list[FileTruth]
    sha256: str          # over every file name and byte written, to compare runs

    def by_file(self) -> dict[str, FileTruth]:
        return {f.file: f for f in self.files}


# ---------------------------------------------------------------- phrase pools
_KINDS = {"NQ": ("resolution", "Nghị quyết"), "KL": ("conclusion", "Kết luận"), "TB": ("notice", "Thông báo"),
          "KH": ("plan", "Kế hoạch"), "CT": ("directive", "Chỉ thị"), "CTr": ("programme", "Chương trình"),
          "CV": ("official_letter", "Công văn"), "NĐ": ("decree", "Nghị định")}
_BASE = {"NQ": (10, 40), "CT": (5, 30), "KL": (20, 90), "TB": (40, 160), "KH": (30, 140), "CTr": (1, 15),
         "CV": (300, 1400), "NĐ": (10, 90), "UBND": (60, 320)}
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
    ("phát triển nguồn nhân lực chất lượng cao", ("mạng lưới cơ sở giáo dục nghề nghiệp", "chính sách thu hút nhân tài",
     "đào tạo, bồi dưỡng đội ngũ cán bộ trẻ", "liên kết giữa nhà trường và doanh nghiệp")),
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
_DECREES = ("quy định chi tiết một số điều về quản lý và sử dụng cơ sở dữ liệu dùng chung",
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
_ROMAN = ("I", "II", "III", "IV", "V", "VI")
_PRIORITY = {"implements": 3, "based_on": 2, "cites": 1}
_START, _SPAN = date(2021, 3, 1), 1550   # dates wrap inside khóa XIII while numbers keep growing

# Agencies: key -> (canonical template, surface templates). {C}/{c}: the committee with its place /
# as written inside its own jurisdiction; {S}/{s}: the state unit likewise.
_AG = {
    "cm": ("{C}", ("{c}",)), "btv": ("Ban Thường vụ {C}", ("Ban Thường vụ {c}", "BTV {c}")),
    "tt": ("Thường trực {C}", ("Thường trực {c}",)), "tc": ("Ban Tổ chức {C}", ("Ban Tổ chức {c}",)),
    "tg": ("Ban Tuyên giáo {C}", ("Ban Tuyên giáo {c}",)), "dv": ("Ban Dân vận {C}", ("Ban Dân vận {c}",)),
    "kt": ("Ủy ban Kiểm tra {C}", ("Ủy ban Kiểm tra {c}", "UBKT {c}")), "vp": ("Văn phòng {C}", ("Văn phòng {c}",)),
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
    """Where a committee rules; fills the {C} {c} {S} {s} {SUB} {SUB2} {SUBU} agency templates."""
    key: str
    level: str           # central | province | district | commune | bloc
    name: str
    C: str               # "Tỉnh ủy Nghệ An"
    c_forms: tuple       # ("Tỉnh ủy",): the committee as written inside its jurisdiction
    S: str               # "tỉnh Nghệ An"
    s_forms: tuple
    code: str            # the symbol's issuer code: TU, HU, QU, ĐU, ĐUK
    SUB: str = ""        # subordinate committees, canonical and loose; subordinate state units
    SUB2: str = ""
    SUBU: str = ""
    parent: "_Juris | None" = None
    districts: tuple = ()
    congress: str = ""
    anc: tuple = ()

    def __post_init__(self):
        self.anc = (self,) + (self.parent.anc if self.parent else ())


@dataclass(eq=False)
class _Doc:
    code: str
    date: date
    issuer: str
    juris: _Juris
    ag: tuple            # agency keys that can name the issuer in a citation
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
    return ", ".join(xs[:-1]) + " và " + xs[-1] if len(xs) > 1 and rng.random() < 0.5 else ", ".join(xs)


def _dmy(rng: random.Random, d: date) -> str:
    r = rng.random()
    return (f"{d.day}/{d.month}/{d.year}" if r < 0.45 else f"{d.day:02d}/{d.month:02d}/{d.year}" if r < 0.8
            else f"{d.day} tháng {d.month} năm {d.year}")


def _long_date(rng: random.Random, d: date) -> str:
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}" if rng.random() < 0.7 else f"ngày {d.day} tháng {d.month} năm {d.year}"


def _date_ref(rng: random.Random, d: date) -> str:
    r = rng.random()
    return f" (ngày {d.day}-{d.month}-{d.year})" if r < 0.15 else (", ngày " if r < 0.4 else " ngày ") + _dmy(rng, d)


def _symtext(rng: random.Random, sym: str) -> str:
    """A Party symbol as copies write it: stray spaces, odd dashes."""
    if "-" not in sym.split("/", 1)[0]:
        return sym                                   # state symbols are kept clean
    num, rest = sym.split("-", 1)
    return num + rng.choice(_DASHES) + rest


def _name(rng: random.Random) -> str:
    g = 1 if rng.random() < 0.35 else 0
    return f"{rng.choice(_SURN)} {rng.choice(_MID[g])} {rng.choice(_GIVEN[g])}"


def _wrap_title(rng: random.Random, s: str) -> str:
    return textwrap.fill(s, 58) if len(s) > 70 and rng.random() < 0.5 else s      # titles centred over lines


def _deadline(rng: random.Random, d0: date) -> tuple[str, str]:
    """A deadline phrase and its truth value."""
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
    """Collects the paragraphs and the truth of one document."""

    def __init__(self, world: "_World", d: _Doc, lvl: str):
        self.w, self.rng, self.d, self.j, self.lvl = world, world.rng, d, d.juris, lvl
        self.anc = d.juris.anc if d.juris else ()
        self.out: list[str] = []
        self.refs: dict = {}
        self.tasks: list[TaskTruth] = []
        self.seen: dict[str, str] = {}     # canonical -> surface, for the Nơi nhận list
        r = self.rng.random()              # this document's share of old-style tone marks
        self.old = 0.0 if r < 0.5 else (0.25 if r < 0.85 else 0.9)

    def tones(self, s: str) -> str:
        if self.old and self.rng.random() < self.old:
            for a, b in _OLD_TONES:
                s = s.replace(a, b)
        return s

    def p(self, s: str, wrap: bool = True) -> None:
        s, rng = self.tones(s), self.rng
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
        """(canonical, surface) of an agency; outside its jurisdiction the place is spelt out."""
        j = j or self.j
        canon, forms = self.w.agency(j, key)
        inside = j.level == "central" or j in self.anc
        s = (forms[0] if self.rng.random() < 0.6 else self.rng.choice(forms)) if inside else canon
        self.seen.setdefault(canon, s)
        return canon, s

    def pick(self, keys: tuple, k: int, avoid: tuple = ()) -> list[tuple[str, str]]:
        pool = [x for x in keys if x not in avoid]
        return [self.a(x) for x in self.rng.sample(pool, min(k, len(pool)))]

    def citable(self) -> list[_Doc]:
        """Earlier numbered documents this writer would know: central ones and its own chain's."""
        return [x for x in self.w.recent if x.date < self.d.date and x.symbol and x.juris in self.anc + (self.w.central,)]

    def tt(self) -> str:
        rng = self.rng
        obj = rng.choice(_TOPICS[self.d.topic][1] if rng.random() < 0.9 else rng.choice(_TOPICS)[1])
        s = f"{rng.choice(_VERBS)} {obj}{rng.choice(_TAILS)}"
        old = self.citable() if rng.random() < 0.08 else None
        return s + " theo " + self.cite(rng.choice(old), "cites") if old else s

    def task(self, label: str, lead=(), coord=(), mon=(), dl: str | None = None) -> None:
        self.tasks.append(TaskTruth(label, [x[0] for x in lead], [x[0] for x in coord], [x[0] for x in mon], dl))

    def dl(self, p: float = 0.3) -> tuple[str, str | None]:
        if self.rng.random() >= p:
            return ".", None
        s, v = _deadline(self.rng, self.d.date)
        return self.rng.choice((f". Thời gian hoàn thành: {_cap(s)}.", f"; hoàn thành {s}.", f" (hoàn thành {s}).",
                                f". Thời hạn: {s}.")), v

    def issuer_phrase(self, d: _Doc) -> str:
        if d.juris.level == "central":
            forms = _CENTRAL[d.ag[0]]
            return forms[0] if self.rng.random() < 0.6 else self.rng.choice(forms)
        canon, forms = self.w.agency(d.juris, self.rng.choice(d.ag))
        return self.rng.choice(forms) if d.juris in self.anc else canon

    def cite(self, d: _Doc, rel: str, title: bool = False, iss: bool | None = None) -> str:
        rng, word = self.rng, d.word
        if rel == "cites" and d.code == "KH" and rng.random() < 0.03:
            word = "Kết luận"                          # real text: "Kết luận số 175-KH/TU"
        if d.symbol:
            s = f"{word} {'số ' if rng.random() < 0.85 else ''}{_symtext(rng, d.symbol)}"
            s += _date_ref(rng, d.date) if rng.random() < 0.8 else ""
            iss = rng.random() < 0.8 if iss is None else iss
        else:
            s, iss = word + _date_ref(rng, d.date), True     # no number: date and issuer are the identity
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

    def law(self) -> str:
        name, d = self.rng.choice([x for x in _LAWS if x[1] < self.d.date])
        self.ref(ReferenceTruth("law", d.isoformat(), "Quốc hội", "based_on", name=name))
        return f"{name} ngày {d.day} tháng {d.month} năm {d.year}"

    def close(self, up: list, sign: tuple, signer: str, archive: str, place: str | None,
              kinh_gui: list[str] = (), state: bool = False) -> tuple[str, FileTruth]:
        """Nơi nhận and signature (either order, as flattened copies have them); the text and its truth."""
        rng, end = self.rng, (";" if state else ",")
        lines, recips = ["Nơi nhận:"], list(kinh_gui)
        if kinh_gui:
            lines.append("- Như trên;" if state else "- Như kính gửi (để thực hiện),")
        brace = len(up) == 2 and rng.random() < 0.3
        for i, (canon, s) in enumerate(up):
            purpose = rng.choice(("để b/c", "để báo cáo", "*để báo cáo*"))
            lines.append(f"- {_cap(s)}{end} }}" + (f" ({purpose})" if i == 0 else "") if brace else f"- {_cap(s)} ({purpose}){end}")
            recips.append(canon)
        for canon, s in list(self.seen.items())[:8]:
            if canon not in recips:
                lines.append(f"- {_cap(s)}{' (để thực hiện)' if rng.random() < 0.2 else ''}{end}")
                recips.append(canon)
        lines.append(f"- {archive}.")
        block = self.tones("\n".join(lines if rng.random() < 0.7 else [lines[0]] + [" " + x for x in lines[1:]]))
        sig = "\n".join(sign)
        sig = f"**{sig}**" if sig and rng.random() < 0.2 else sig
        sig = (sig + "\n\n" if sig else "") + ("(đã ký)\n\n" if rng.random() < 0.1 else "\n") + signer
        self.out.extend((block, sig) if rng.random() < 0.7 else (sig, block))
        d = self.d
        return self.done(DocumentTruth(d.kind, d.symbol, d.number, d.date.isoformat(), d.issuer, place, signer), recips)

    def done(self, doc: DocumentTruth, recips: list[str]) -> tuple[str, FileTruth]:
        sep = "\n\n" if self.rng.random() < 0.8 else "\n"
        text = unicodedata.normalize("NFC", sep.join(self.out) + "\n")
        return text, FileTruth("", doc, list(self.refs.values()), self.tasks, list(dict.fromkeys(recips)))


# ---------------------------------------------------------------- body sections
def _sec_purpose(w: _W, n: int, title: str = "MỤC ĐÍCH, YÊU CẦU") -> None:
    w.head(n, title)
    if w.rng.random() < 0.7:
        for k, sub in ((1, "Mục đích"), (2, "Yêu cầu")):
            w.p(f"{k}. {sub}", wrap=False)
            for s in w.rng.sample(_PURPOSE, 2):
                w.p("- " + s)
    else:
        for s in w.rng.sample(_PURPOSE, 3):
            w.p("- " + s)


def _sec_giao(w: _W, n: int, force_lead: str | None = None) -> None:
    """Groups under a "Giao X chủ trì, phối hợp với Y ... như sau:" sentence, inherited by the items below."""
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
            w.p(mark + (f"Giao {L} chủ trì tham mưu thực hiện các nội dung sau:" if not coord else rng.choice((
                f"Giao {L} chủ trì, phối hợp với {co} và các cơ quan, đơn vị liên quan tham mưu triển khai thực hiện các nội dung như sau:",
                f"Giao {L} chủ trì, phối hợp {co} triển khai các nhiệm vụ sau:",
                f"{L} chủ trì, phối hợp với {co} thực hiện các nhiệm vụ sau:",
                f"Giao {L} chủ trì; {co} phối hợp thực hiện các nội dung như sau:",
                f"Đề nghị {L} chủ trì, phối hợp với {co} lãnh đạo, chỉ đạo thực hiện các nội dung sau:"))))
            fmt = rng.choice(("({}).", "({}).", "({})"))
            for k in range(1, rng.randint(2, 6) + 1):
                end, dl = w.dl()
                w.p(f"{fmt.format(k)} {w.tt()}{end}")
                w.task(f"{prefix}.({k})", [lead], coord, (), dl)


def _sec_inline(w: _W, n: int, title: str | None = None, state: bool = False) -> None:
    """Items naming their own lead, a parenthesised assignment, a) b) sub-items, or no assignee at all."""
    rng = w.rng
    roman = w.head(n, title or rng.choice(_TASK_SECTIONS))
    leads, coords = _LEADS["state" if state else w.lvl], _COORDS["state" if state else w.lvl]
    for k in range(1, rng.randint(3, 6) + 1):
        lead, coord = w.pick(leads, 1)[0], w.pick(coords, rng.randint(1, 2))
        co, r, label = _join(rng, [c[1] for c in coord]), rng.random(), f"{roman}.{k}"
        if r < 0.3:
            end, dl = w.dl()
            t = w.tt()
            w.p(f"{k}. {lead[1]} chủ trì, phối hợp với {co} {t[0].lower()}{t[1:]}{end}")
        elif r < 0.6:
            s, dl = _deadline(rng, w.d.date) if rng.random() < 0.6 else ("", None)
            w.p(f"{k}. {w.tt()} (Cơ quan chủ trì: {lead[1]}; cơ quan phối hợp: {co}{'; thời gian hoàn thành: ' + s if s else ''}).")
        elif r < 0.8:
            w.p(f"{k}. {lead[1]} chủ trì, phối hợp với {co} thực hiện các nhiệm vụ sau:")
            for letter in "abc"[:rng.randint(2, 3)]:
                end, dl = w.dl(0.2)
                w.p(f"{letter}) {w.tt()}{end}")
                w.task(f"{label}.{letter}", [lead], coord, (), dl)
            continue
        else:
            end, dl = w.dl(0.2)
            w.p(f"{k}. {w.tt()}{end}")
            lead, coord = None, ()
        w.task(label, [lead] if lead else (), coord, (), dl)


def _sec_heads(w: _W, n: int, keys: tuple, monitor: str, state: bool = False) -> None:
    """"1. Ban Tuyên giáo Tỉnh ủy" headings over bullets or a paragraph; a "Văn phòng ...: Theo dõi" monitor."""
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
            continue
        end, dl = w.dl()
        if r < 0.75:
            w.p(head, wrap=False)
            w.p(w.tt() + end)
        else:
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
    else:                                      # "Giao X phối hợp với Y theo dõi": X leads, Y coordinates
        ban = w.a("g_ban")
        w.p(f"{k}. Giao {vp[1]} phối hợp với {ban[1]} theo dõi việc triển khai thực hiện để kịp thời tổng hợp, tham mưu {w.a('btv')[1]}.")
        w.task(f"{roman}.{k}", [vp], [ban])


# ---------------------------------------------------------------- the world
class _World:
    def __init__(self, seed: int):
        self.seed, self.rng = seed, random.Random(f"truyvet/synthetic/{seed}")
        self.count, self.base, self.cache, self.names, self.last_tb = {}, {}, {}, {}, {}
        self.recent: deque = deque(maxlen=48)
        self.decrees: deque = deque(maxlen=6)
        self.unnumbered: set = set()
        self.central = _Juris("TW", "central", "Trung ương", "Trung ương", ("Trung ương",), "", ("",), "TW")
        self.provinces = [self._province(i, *p) for i, p in enumerate(_PROVINCES)]
        self.background = [self._old_central(i) for i in range(10)]

    # jurisdictions, agencies, people
    def _province(self, i, name, city, districts, congress) -> _Juris:
        c, u, s = ("Thành ủy", "thành phố", ("Thành phố", "thành phố", "TP")) if city else ("Tỉnh ủy", "tỉnh", ("tỉnh", "Tỉnh"))
        return _Juris(f"P{i}", "province", name, f"{c} {name}", (c,), f"{u} {name}", s, "TU",
                      "các quận ủy, huyện ủy, thị ủy" if city else "các huyện ủy, thị ủy, thành ủy",
                      "các quận, huyện, thị ủy" if city else "các huyện, thị, thành ủy",
                      "quận, huyện, thị xã" if city else "huyện, thị xã, thành phố", None, districts, congress)

    def _sub(self, key: str, make) -> _Juris:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def district(self, p: _Juris, name: str, urban: int) -> _Juris:
        c, u, code = ("Quận ủy", "quận", "QU") if urban else ("Huyện ủy", "huyện", "HU")
        return self._sub(f"{p.key}/{name}", lambda: _Juris(f"{p.key}/{name}", "district", name, f"{c} {name}", (c,),
                         f"{u} {name}", (u, _cap(u)), code, "các chi, đảng bộ cơ sở", "các chi, đảng bộ cơ sở", "phường, xã", p))

    def commune(self, d: _Juris) -> _Juris:
        name = _COMMUNES[(sum(map(ord, d.key)) + self.rng.randint(0, 2)) % len(_COMMUNES)]    # stable, no hash()
        return self._sub(f"{d.key}/{name}", lambda: _Juris(f"{d.key}/{name}", "commune", name, f"Đảng ủy xã {name}",
                         ("Đảng ủy xã", "Đảng ủy"), f"xã {name}", ("xã",), "ĐU", "các chi bộ", "các chi bộ", "thôn", d))

    def bloc(self, p: _Juris) -> _Juris:
        return self._sub(f"{p.key}/ĐUK", lambda: _Juris(f"{p.key}/ĐUK", "bloc", p.name, f"Đảng ủy Khối các cơ quan {p.S}",
                         ("Đảng ủy Khối", "Đảng ủy"), p.S, p.s_forms, "ĐUK", "các chi, đảng bộ cơ sở", "Các chi, đảng ủy cơ sở", "", p))

    def agency(self, j: _Juris, key: str) -> tuple[str, tuple]:
        hit = self.cache.get((j.key, key))
        if hit is None:
            if j.level == "central":
                hit = (_CENTRAL[key][0], _CENTRAL[key])
            else:
                canon_t, forms_t = _AG[key]
                sub = dict(C=j.C, S=j.S, SUB=j.SUB, SUB2=j.SUB2, SUBU=j.SUBU)
                forms = [f.format(c=c, s=s, **sub) for f in forms_t for c in j.c_forms for s in j.s_forms]
                hit = (canon_t.format(**sub), tuple(dict.fromkeys(forms)))
            self.cache[(j.key, key)] = hit
        return hit

    def signer(self, j: _Juris, role: str) -> str:
        key = f"{self.seed}/{j.key}/{role}"          # one person per post, stable across the corpus
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

    def doc(self, code: str, org: str, j: _Juris, issuer: str, ag: tuple, when: date, topic: int,
            numbered: bool = True, twin: int | None = None) -> _Doc:
        d = _Doc(code, when, issuer, j, ag, topic)
        if not numbered:
            while (issuer, d.date) in self.unnumbered:     # issuer + date must stay an identity
                d.date += timedelta(days=1)
            self.unnumbered.add((issuer, d.date))
        elif org in ("UBND", "CP"):                        # state numbering runs per year
            d.number = str(self.number(issuer, code if org == "CP" else org, "state", when.year))
            d.symbol = f"{d.number}/{when.year}/NĐ-CP" if org == "CP" else f"{d.number}/{code}-UBND"
        else:
            d.number = str(self.number(issuer, code, j.level, twin=twin))
            d.symbol = f"{d.number}-{code}/{org}"
        return d

    def _old_central(self, i: int) -> _Doc:
        r = random.Random(f"{self.seed}/old/{i}")
        code, ag = r.choice((("NQ", "bct"), ("NQ", "bch"), ("CT", "bct"), ("CT", "bbt"), ("KL", "bct")))
        d = _Doc(code, date(2016, 3, 1) + timedelta(days=r.randint(0, 1700)), _CENTRAL[ag][0], self.central,
                 (ag,), r.randrange(len(_TOPICS)), number=str(r.randint(1, 60)))
        d.symbol = f"{d.number}-{code}/TW"
        return d

    # ------------------------------------------------------------ documents
    def _party_head(self, w: _W, lines: list[str], place: str, word: str, title: str, subject: str | None = None) -> None:
        rng, d = w.rng, w.d
        dl = f"{place}, {_long_date(rng, d.date)}"
        if d.symbol is None and rng.random() < 0.7:
            head = [dl]                                             # header lost in the copy
        else:
            num = ((f"Số {_symtext(rng, d.symbol)}" if rng.random() < 0.7 else f"Số: {_symtext(rng, d.symbol)}"),) if d.symbol else ()
            extra = [subject] if subject else []
            if num and rng.random() < 0.2:                          # two columns flattened by tabs
                head = lines[:-1] + [f"{lines[-1]}\t\tĐẢNG CỘNG SẢN VIỆT NAM", "*", f"{num[0]}\t\t{dl}"] + extra
            else:
                head = lines + ["*", *num] + extra + ["ĐẢNG CỘNG SẢN VIỆT NAM", dl]
        w.out.append("\n\n".join(head) if rng.random() < 0.6 else "\n".join(head))
        if word:
            t = _wrap_title(rng, _cap(title))
            w.out.append(word.upper())
            w.p(f"**{t}**" if rng.random() < 0.3 else t, wrap=False)

    def _state_head(self, w: _W, org: list[str], place: str, word: str, title: str) -> None:
        w.out.append("\n".join(org + ["-------", f"Số: {w.d.symbol}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                      "Độc lập - Tự do - Hạnh phúc", "---------------", f"{place}, {_long_date(w.rng, w.d.date)}"]))
        w.out.append(word.upper())
        w.p(_wrap_title(w.rng, _cap(title)), wrap=False)

    def notice(self, when: date, p: _Juris, topic: int) -> tuple:
        """Thông báo kết luận of the General Secretary's working session with one province."""
        d = self.doc("TB", "VPTW", self.central, "Văn phòng Trung ương Đảng", ("vptw",), when, topic)
        w, rng = _W(self, d, "central"), self.rng
        btv = w.a("btv", p)
        self._party_head(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG", "VĂN PHÒNG"], "Hà Nội", "THÔNG BÁO",
                         f"KẾT LUẬN CỦA ĐỒNG CHÍ TỔNG BÍ THƯ\ntại buổi làm việc với {btv[0]}")
        m = d.date - timedelta(days=rng.randint(5, 25))
        w.p(f"Ngày {m.day}/{m.month}/{m.year}, đồng chí {self.signer(self.central, 'TBT')}, Tổng Bí thư đã làm việc với "
            f"{btv[0]} về {_TOPICS[topic][0]}. Sau khi nghe báo cáo và ý kiến phát biểu của các đại biểu, đồng chí Tổng Bí thư kết luận như sau:")
        w.p(f"Ghi nhận, đánh giá cao những kết quả mà Đảng bộ, chính quyền và Nhân dân {p.S} đạt được; "
            f"việc thực hiện {w.congress()} có nhiều chuyển biến tích cực.")
        w.p(f"Đề nghị {btv[0]} tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ trọng tâm sau:")
        k = rng.randint(3, 6)
        for i in range(1, k + 1):
            end, dl = w.dl(0.15)
            w.p(f"{i}. {w.tt()}{end}")
            w.task(str(i), [btv], (), (), dl)
        lead, coord = w.a("cp"), w.a(rng.choice(("tc", "kte", "dqh")))     # an item's own lead beats the inherited one
        w.p(f"{k + 1}. Giao {lead[1]} chủ trì, phối hợp với {coord[1]} chỉ đạo các bộ, ngành liên quan hỗ trợ {p.C} tháo gỡ khó khăn, vướng mắc.")
        w.task(str(k + 1), [lead], [coord])
        sign, role = (("T/L BỘ CHÍNH TRỊ", "CHÁNH VĂN PHÒNG"), "CVP") if rng.random() < 0.5 else (("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"), "PCVP")
        self.last_tb[p.key] = d
        return d, *w.close([w.a("bct")], sign, self.signer(self.central, role), "Lưu Văn phòng Trung ương Đảng", "Hà Nội")

    def central_doc(self, when: date, topic: int) -> tuple:
        """Nghị quyết, Chỉ thị or Kết luận of Bộ Chính trị / Ban Bí thư / Ban Chấp hành Trung ương."""
        rng = self.rng
        code, ag = rng.choice((("NQ", "bct"), ("NQ", "bch"), ("CT", "bbt"), ("CT", "bct"), ("KL", "bct"), ("KL", "bbt")))
        body = _CENTRAL[ag][0]
        d = self.doc(code, "TW", self.central, body, (ag,), when, topic)
        w = _W(self, d, "central")
        self._party_head(w, ["BAN CHẤP HÀNH TRUNG ƯƠNG"], "Hà Nội", d.word, f"CỦA {body.upper()}\nvề {_TOPICS[topic][0]}")
        old = rng.choice([x for x in self.background if x.date < when] or self.background)
        w.p(f"Sau nhiều năm thực hiện {w.cite(old, 'cites', title=True)}, công tác {_TOPICS[topic][0]} đã đạt được những kết quả "
            f"quan trọng; tuy nhiên vẫn còn hạn chế, chưa đáp ứng yêu cầu đặt ra trong {w.congress()}.")
        if code == "CT":                        # "yêu cầu X ... các nhiệm vụ sau:" assigns X to every item below
            g = w.a("g_sub")
            w.p(f"Để khắc phục hạn chế, {body} yêu cầu {g[1]} tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ sau:")
            k = rng.randint(3, 5)
            for i in range(1, k + 1):
                end, dl = w.dl(0.1)
                w.p(f"{i}. {w.tt()}{end}")
                w.task(str(i), [g], (), (), dl)
            lead, coord = w.a("tg"), w.a(rng.choice(("tc", "vptw")))
            w.p(f"{k + 1}. {lead[1]} chủ trì, phối hợp với {coord[1]} hướng dẫn, theo dõi việc thực hiện Chỉ thị này.")
            w.task(str(k + 1), [lead], [coord])
        else:
            if code == "NQ":
                _sec_purpose(w, 1, "QUAN ĐIỂM, MỤC TIÊU")
            n = 2 if code == "NQ" else 1
            _sec_inline(w, n, "NHIỆM VỤ, GIẢI PHÁP" if code == "NQ" else "NHIỆM VỤ TRỌNG TÂM")
            roman = w.head(n + 1, "TỔ CHỨC THỰC HIỆN")
            g, lead, coord, mon = w.a("g_sub"), w.a("tg"), w.a("tc"), w.a("vptw")
            w.p(f"1. {_cap(g[1])} tổ chức học tập, quán triệt và xây dựng chương trình hành động thực hiện {d.word} này.")
            w.p(f"2. {lead[1]} chủ trì, phối hợp với {coord[1]} hướng dẫn việc nghiên cứu, học tập, quán triệt.")
            w.p(f"3. {mon[1]}: Theo dõi, đôn đốc, kiểm tra việc thực hiện; định kỳ báo cáo {body}.")
            w.task(f"{roman}.1", [g]), w.task(f"{roman}.2", [lead], [coord]), w.task(f"{roman}.3", (), (), [mon])
        w.p(f"{d.word} này phổ biến đến chi bộ.")
        w.seen = {"các tỉnh ủy, thành ủy trực thuộc Trung ương": "Các tỉnh ủy, thành ủy",
                  "các đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Trung ương": "Các đảng đoàn, ban cán sự đảng, đảng ủy trực thuộc Trung ương", **w.seen}
        sign = ("T/M BỘ CHÍNH TRỊ", "TỔNG BÍ THƯ") if ag != "bbt" else ("T/M BAN BÍ THƯ",)
        return d, *w.close([], sign, self.signer(self.central, "TBT" if ag != "bbt" else "TTBBT"), "Lưu Văn phòng Trung ương Đảng", "Hà Nội")

    def local_doc(self, code: str, j: _Juris, when: date, topic: int, impl: list[_Doc], nested: _Doc | None,
                  up: list, force_lead: str | None = None, numbered: bool = True, twin: int | None = None) -> tuple:
        """Kế hoạch / Chương trình / Công văn of a Party committee: province, district, commune or bloc."""
        rng = self.rng
        d = self.doc(code, j.code, j, j.C, ("btv", "cm"), when, topic, numbered, twin)
        w = _W(self, d, j.level)
        lines = [j.C.upper()] if j.level == "province" else [f"ĐẢNG BỘ {j.parent.S.upper()}", j.C.upper()]
        place = j.parent.name if j.level == "bloc" else j.name
        kinh_gui, word, title = [], ("CHƯƠNG TRÌNH HÀNH ĐỘNG" if code == "CTr" else d.word), _TOPICS[topic][0]
        if code == "CV":
            self._party_head(w, lines, place, "", "", f"V/v triển khai thực hiện một số nhiệm vụ\nvề {title}")
            ks = [w.a(k) for k in rng.sample(_LEADS[j.level] + ("g_sub",), 3)]
            w.p("Kính gửi:\n" + "\n".join(f"{rng.choice((' - ', '- '))}{_cap(s)}," for _, s in ks), wrap=False)
            kinh_gui, w.seen = [c for c, _ in ks], {}
        else:
            if impl[0].symbol and rng.random() < 0.4:
                title = f"thực hiện {w.cite(impl[0], 'implements', iss=True)} về {title}"
            self._party_head(w, lines, place, word, title)
        # the head: what this document implements
        if len(impl) == 2 and rng.random() < 0.6:       # "Thông báo số A ngày .. và Thông báo số B ngày .. của X"
            refs = f"{w.cite(impl[0], 'implements', iss=False)} và {w.cite(impl[1], 'implements', iss=False)} của {w.issuer_phrase(impl[0])}"
        else:
            refs = " và ".join(w.cite(x, "implements", title=nested is None) for x in impl)
        if nested is not None:
            refs += f" về việc triển khai thực hiện {w.cite(nested, 'cites', title=True)}"
            if nested.symbol and rng.random() < 0.5:
                refs += f" (sau đây gọi tắt là {nested.word} số {nested.symbol})"
        me = w.a(rng.choice(("btv", "btv", "tt")))[1]
        w.seen.pop(self.agency(j, "btv")[0], None), w.seen.pop(self.agency(j, "tt")[0], None)
        kw = {"KH": "Kế hoạch", "CTr": "Chương trình"}.get(code, "văn bản")
        cue = rng.choice(("Thực hiện", "Thực hiện", "Triển khai thực hiện", "Để triển khai", "Để triển khai thực hiện"))
        w.p(f"{cue} {refs}" + rng.choice((f"; {me} ban hành {kw} triển khai thực hiện như sau:",
                                          f", {me} xây dựng {kw} thực hiện với những nội dung chủ yếu sau:",
                                          f"; {me} xây dựng {kw.lower()} triển khai, cụ thể như sau:")))
        old = [x for x in w.citable() if x not in impl and x is not nested]
        if rng.random() < 0.6:                           # cites later in the body are not implements
            cited = w.cite(rng.choice(old), "cites", title=True) if old and rng.random() < 0.6 else w.congress()
            w.p(rng.choice((f"Bám sát {cited}, ", f"Trên cơ sở kết quả thực hiện {cited}, ", f"Gắn với việc thực hiện {cited}, "))
                + "đồng thời căn cứ tình hình thực tiễn, xác định các nội dung trọng tâm như sau.")
        if code == "CV":
            for i in range(1, rng.randint(3, 5) + 1):
                lead, coord = w.pick(_LEADS[j.level], 1)[0], w.pick(_COORDS[j.level], rng.randint(0, 2))
                end, dl = w.dl(0.3)
                t = w.tt()
                if coord and rng.random() < 0.6:
                    w.p(f"{i}. Giao {lead[1]} chủ trì, phối hợp với {_join(rng, [c[1] for c in coord])} {t[0].lower()}{t[1:]}{end}")
                else:
                    w.p(f"{i}. Đề nghị {lead[1]} {t[0].lower()}{t[1:]}{end}")
                    coord = ()
                w.task(str(i), [lead], coord, (), dl)
            vp, ban = w.a("vp"), w.a("g_ban")
            w.p(f"{i + 1}. Giao {vp[1]} phối hợp với {ban[1]} theo dõi việc triển khai thực hiện của các cơ quan, đơn vị "
                f"để kịp thời tổng hợp, tham mưu {w.a('tt')[1]}.")
            w.task(str(i + 1), [vp], [ban])
        else:
            n = 1
            if rng.random() < 0.85:
                _sec_purpose(w, n)
                n += 1
            r = rng.random()
            if force_lead or r < 0.45:
                _sec_giao(w, n, force_lead)
            elif r < 0.8:
                _sec_inline(w, n)
            else:
                n -= 1                                   # only the headings section
            _sec_heads(w, n + 1, _LEADS[j.level] + ("g_sub",), "vp")
            if rng.random() < 0.4:
                w.p(f"Trên đây là {kw} của {me}. Đề nghị {w.a('g_sub')[1]} nghiêm túc triển khai thực hiện.")
        t = rng.choice((("T/M BAN THƯỜNG VỤ", "BÍ THƯ"), ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
                        ("K/T BÍ THƯ", "PHÓ BÍ THƯ"), (f"T/M {j.c_forms[0].upper()}", "BÍ THƯ")))
        archive = rng.choice(("Lưu VT", f"Lưu Văn phòng {j.c_forms[0]}", "Lưu Văn thư") + (("Lưu VPTU",) if j.code == "TU" else ()))
        return d, *w.close(up, () if rng.random() < 0.12 else t, self.signer(j, t[-1]), archive, place, kinh_gui)

    def ubnd_plan(self, p: _Juris, when: date, top: _Doc) -> tuple:
        """The province's People's Committee plan: Căn cứ a law and a decree, Thực hiện the Party plan."""
        d = self.doc("KH", "UBND", p, self.agency(p, "ub")[0], ("ub",), when, top.topic)
        w = _W(self, d, "province")
        self._state_head(w, ["ỦY BAN NHÂN DÂN", p.S.upper()], p.name, "KẾ HOẠCH",
                         f"triển khai thực hiện {top.word} của {self.agency(p, 'btv')[0]} về {_TOPICS[d.topic][0]}")
        w.p(f"Căn cứ {w.law()};", wrap=False)
        dec = [x for x in self.decrees if x.date < when]
        if dec:
            w.p(f"Căn cứ {w.cite(dec[-1], 'based_on', title=True)};")
        w.p(f"Thực hiện {w.cite(top, 'implements', title=True)};")
        w.p(f"Ủy ban nhân dân {self.rng.choice(p.s_forms)} ban hành Kế hoạch thực hiện như sau:")
        _sec_purpose(w, 1)
        _sec_inline(w, 2, "NHIỆM VỤ, GIẢI PHÁP", state=True)
        _sec_heads(w, 3, _LEADS["state"], "vpub", state=True)
        return d, *w.close([w.a("tt"), w.a("hd")], ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                           self.signer(p, "PCT"), "Lưu: VT, KGVX", p.name, state=True)

    def decree(self, when: date, topic: int) -> tuple:
        rng = self.rng
        d = self.doc("NĐ", "CP", self.central, "Chính phủ", ("gov",), when, topic)
        w, title = _W(self, d, "central"), rng.choice(_DECREES)
        self._state_head(w, ["CHÍNH PHỦ"], "Hà Nội", "NGHỊ ĐỊNH", title)
        w.p(f"Căn cứ {w.law()};", wrap=False)
        w.p(f"Căn cứ {w.law()};", wrap=False)
        w.p(f"Theo đề nghị của Bộ trưởng Bộ {rng.choice(('Nội vụ', 'Tài chính', 'Thông tin và Truyền thông', 'Xây dựng'))};")
        w.p(f"Chính phủ ban hành Nghị định {title}.")
        w.p("Chương I\nQUY ĐỊNH CHUNG", wrap=False)
        for i, (art, text) in enumerate((
                ("Phạm vi điều chỉnh", f"Nghị định này {title}."),
                ("Đối tượng áp dụng", "Nghị định này áp dụng đối với cơ quan, tổ chức, cá nhân có liên quan."),
                ("Nguyên tắc thực hiện", "Việc thực hiện phải bảo đảm công khai, minh bạch, đúng quy định của pháp luật."),
                ("Hiệu lực thi hành", f"Nghị định này có hiệu lực thi hành kể từ ngày {_dmy(rng, when + timedelta(days=45))}."),
                ("Trách nhiệm thi hành", "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Chủ tịch Ủy ban nhân dân các tỉnh, "
                 "thành phố trực thuộc trung ương chịu trách nhiệm thi hành Nghị định này.")), 1):
            w.p(f"Điều {i}. {art}", wrap=False)
            w.p(text)
        w.seen = {"Ban Bí thư Trung ương Đảng": "Ban Bí thư Trung ương Đảng",
                  "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                  "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương": "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương"}
        self.decrees.append(d)
        return d, *w.close([], ("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG"), self.signer(self.central, "TTg"),
                           "Lưu: VT, TCCV", "Hà Nội", state=True)

    def news(self, p: _Juris, when: date, top: _Doc, root: _Doc) -> tuple:
        """A provincial newspaper's report: cites the plan and what it implements, assigns nothing."""
        rng, topic = self.rng, _TOPICS[top.topic][0]
        d = _Doc("NEWS", when, f"Báo {p.name}", p, ("btv",), top.topic, kind="news_article", word="Bài báo")
        w, author, t = _W(self, d, "province"), _name(rng), top.date
        w.anc = ()                                         # an outsider: places are spelt out
        w.p(f"{p.name}: {_cap(topic)}", wrap=False)
        w.p(f"{p.C} đang tập trung triển khai nhiều giải pháp đồng bộ để {topic}, tạo chuyển biến rõ nét từ tỉnh đến cơ sở.")
        w.out.append(f"{author}\n{_WEEKDAYS[when.weekday()]}, {when.day:02d}/{when.month:02d}/{when.year} "
                     f"{rng.randint(6, 21):02d}:{rng.choice((0, 15, 30, 45)):02d}")
        w.p(f"Ngày {t.day}/{t.month}, {self.agency(p, 'btv')[0]} đã ban hành {w.cite(top, 'cites', iss=False)} "
            f"{rng.choice(('thực hiện', 'triển khai', 'cụ thể hóa'))} {w.cite(root, 'cites')}.")
        w.p(f"Theo {top.word}, {self.agency(p, rng.choice(_LEADS['province']))[0]} được giao chủ trì tham mưu nhiều nội dung "
            "quan trọng; các cấp ủy, tổ chức đảng xây dựng chương trình, kế hoạch cụ thể phù hợp với thực tiễn.")
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
        if i == 0 or (i > 1 and rng.random() < 0.3):     # family 0: the demo chain starts at a notice to Hà Nội
            provs = [self.provinces[0] if i == 0 else rng.choice(self.provinces)]
            prev = self.last_tb.get(provs[0].key)
            out = self.notice(when, provs[0], topic)
            extra = [prev] if prev is not None and rng.random() < 0.7 else []
        else:                                            # family 1: two provinces, the same first plan number
            provs = rng.sample(self.provinces[1:], 2) if i == 1 else rng.sample(self.provinces, rng.randint(1, 3))
            out, extra = self.central_doc(when, topic), []
        root = out[0]
        yield out
        self.recent.append(root)
        tops = []
        for p in provs:
            code = "KH" if i < 2 else rng.choice(("KH", "KH", "KH", "CTr" if root.code == "NQ" else "KH", "CV"))
            twin = int(tops[-1].number) if tops and tops[-1].number and (i == 1 or rng.random() < 0.2) else None
            out = self.local_doc(code, p, root.date + timedelta(days=rng.randint(7, 40)), topic, [root] + extra, None,
                                 [(root.issuer, rng.choice(_CENTRAL[root.ag[0]]))], "bcs" if i == 0 else None,
                                 i < 2 or rng.random() > 0.07, twin)
            yield out
            tops.append(out[0])
            self.recent.append(out[0])
        for p, top in zip(provs, tops):
            up = [(self.agency(p, "tt")[0], f"Thường trực {p.c_forms[0]}"), (self.agency(p, "tg")[0], f"Ban Tuyên giáo {p.c_forms[0]}")]
            for name, urban in rng.sample(p.districts, 2 if i == 0 else rng.choice((0, 1, 1, 2))) if top.code != "CV" else ():
                dj = self.district(p, name, urban)
                dd = self.local_doc("KH", dj, top.date + timedelta(days=rng.randint(5, 30)), topic, [top],
                                    root if rng.random() < 0.6 else None, up, numbered=rng.random() > 0.07)
                yield dd
                if rng.random() < 0.35:
                    yield self.local_doc("KH", self.commune(dj), dd[0].date + timedelta(days=rng.randint(5, 25)), topic,
                                         [dd[0]], None, [(self.agency(dj, "tt")[0], f"Thường trực {dj.c_forms[0]}")],
                                         numbered=rng.random() > 0.3)
            if i == 0 or rng.random() < 0.3:
                if i == 0 or rng.random() < 0.5:
                    yield self.decree(top.date + timedelta(days=rng.randint(1, 10)), topic)
                yield self.ubnd_plan(p, top.date + timedelta(days=rng.randint(12, 40)), top)
            if rng.random() < 0.3:
                yield self.local_doc("KH", self.bloc(p), top.date + timedelta(days=rng.randint(5, 30)), topic, [top], root,
                                     up, numbered=rng.random() < 0.5)
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
    """Yield (file name, text, truth dict) for n documents, lazily and without touching the disk."""
    for name, text, truth in _records(n_documents, seed):
        yield name, text, truth.to_dict()


def generate_corpus(out_dir: str | os.PathLike, n_documents: int, seed: int = 0) -> CorpusTruth:
    """Write ``out_dir/*.txt`` (UTF-8, NFC) and ``out_dir/truth.jsonl``; return the truth."""
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
