"""The phrase pools of the synthetic corpus: kinds, places, topics, task wording, laws, names, agencies.

Project-written, not copied from any document; tuples and dicts only, so iteration order (and so
the corpus) never depends on hashing.
"""
from __future__ import annotations

from datetime import date

KINDS = {"NQ": ("resolution", "Nghị quyết"), "KL": ("conclusion", "Kết luận"), "TB": ("notice", "Thông báo"),
         "KH": ("plan", "Kế hoạch"), "CT": ("directive", "Chỉ thị"), "CTr": ("programme", "Chương trình"),
         "CV": ("official_letter", "Công văn"), "NĐ": ("decree", "Nghị định")}
BASE = {"NQ": (10, 40), "CT": (5, 30), "KL": (20, 90), "TB": (40, 160), "KH": (30, 140), "CTr": (1, 15),
        "CV": (300, 1400), "NĐ": (10, 90), "UBND": (60, 320)}
# (name, city?, districts as (name, urban?), provincial congress number)
PROVINCES = (
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
COMMUNES = ("Nam Thanh", "Hưng Đạo", "Quang Trung", "Tân Lập", "Đông Sơn", "Xuân Lâm", "Thanh Bình",
            "Hòa Bình", "Phú Lộc", "Minh Khai", "Tiên Phong", "Hồng Phong", "Đại Đồng", "Yên Sơn")
TOPICS = (  # (title after "về", objects of task sentences)
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
VERBS = ("Nghiên cứu, đề xuất", "Xây dựng kế hoạch triển khai", "Tổ chức thực hiện", "Rà soát, hoàn thiện",
         "Tăng cường kiểm tra, giám sát việc thực hiện", "Đẩy mạnh", "Tham mưu ban hành cơ chế, chính sách về",
         "Tập trung lãnh đạo, chỉ đạo", "Hướng dẫn, đôn đốc thực hiện", "Quán triệt, tuyên truyền về",
         "Sơ kết, đánh giá kết quả", "Huy động nguồn lực cho", "Đổi mới cách thức triển khai")
TAILS = ("", " trên địa bàn", " bảo đảm thiết thực, hiệu quả", " phù hợp với tình hình thực tiễn của địa phương",
         " gắn với trách nhiệm của người đứng đầu", "; định kỳ báo cáo kết quả thực hiện", " trong toàn Đảng bộ")
AREAS = ("Về công tác xây dựng Đảng và hệ thống chính trị", "Về phát triển kinh tế - xã hội",
         "Về công tác tuyên truyền, quán triệt", "Về công tác kiểm tra, giám sát", "Về bảo đảm nguồn lực thực hiện")
PURPOSE = ("Tạo sự thống nhất về nhận thức và hành động trong cấp ủy, chính quyền, cán bộ, đảng viên và Nhân dân.",
           "Cụ thể hóa các nhiệm vụ, giải pháp phù hợp với điều kiện thực tế của địa phương, đơn vị.",
           "Xác định rõ nội dung công việc, trách nhiệm của các cơ quan, đơn vị và cá nhân có liên quan.",
           "Việc triển khai phải nghiêm túc, đồng bộ, gắn với kiểm tra, giám sát và sơ kết, tổng kết định kỳ.",
           "Phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu.")
TASK_SECTIONS = ("NỘI DUNG", "NHIỆM VỤ TRỌNG TÂM", "NHIỆM VỤ, GIẢI PHÁP", "NỘI DUNG, NHIỆM VỤ CHỦ YẾU")
LAWS = (("Luật Tổ chức chính quyền địa phương", date(2015, 6, 19)), ("Luật Tổ chức Chính phủ", date(2015, 6, 19)),
        ("Luật Ban hành văn bản quy phạm pháp luật", date(2015, 6, 22)), ("Luật Bảo vệ môi trường", date(2020, 11, 17)),
        ("Luật Phòng, chống tham nhũng", date(2018, 11, 20)), ("Luật Giao dịch điện tử", date(2023, 6, 22)))
DECREES = ("quy định chi tiết một số điều về quản lý và sử dụng cơ sở dữ liệu dùng chung",
           "quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh",
           "về chính sách hỗ trợ phát triển sản xuất nông nghiệp", "về quản lý chất thải và phế liệu")
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
            "Lưu", "Trịnh", "Đinh", "Mai", "Hà", "Cao")
MIDDLE_NAMES = (("Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Công", "Đình", "Bá", "Thanh"),
                ("Thị", "Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Minh"))
GIVEN_NAMES = (("Hùng", "Dũng", "Tuấn", "Thắng", "Hải", "Sơn", "Long", "Phong", "Bình", "Cường", "Nam", "Quân", "Trung",
                "Vinh", "Khoa", "Phúc", "Lộc", "Tùng", "Đạt", "Hòa", "Thành", "Hiếu"),
               ("Lan", "Hương", "Trâm", "Hoa", "Thảo", "Hà", "Tâm", "Hiền", "Yến", "Mai", "Tuyền", "Huyền", "Ngân"))
DASHES = ("-",) * 10 + (" -", "- ", " - ", "–", " – ", "‐")
OLD_TONES = (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"), ("óa", "oá"), ("òa", "oà"), ("ÓA", "OÁ"), ("ÒA", "OÀ"))
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
ROMAN = ("I", "II", "III", "IV", "V", "VI")
PRIORITY = {"implements": 3, "based_on": 2, "cites": 1}
START, SPAN = date(2021, 3, 1), 1550   # dates wrap inside khóa XIII while numbers keep growing

# Agencies: key -> (canonical template, surface templates). {C}/{c}: the committee with its place /
# as written inside its own jurisdiction; {S}/{s}: the state unit likewise.
AGENCIES = {
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
CENTRAL = {"bct": ("Bộ Chính trị",), "bbt": ("Ban Bí thư", "Ban Bí thư Trung ương Đảng"),
           "bch": ("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng"),
           "vptw": ("Văn phòng Trung ương Đảng", "Văn phòng Trung ương"), "tc": ("Ban Tổ chức Trung ương",),
           "tg": ("Ban Tuyên giáo Trung ương",), "kt": ("Ủy ban Kiểm tra Trung ương", "UBKT Trung ương"),
           "kte": ("Ban Kinh tế Trung ương",), "nc": ("Ban Nội chính Trung ương",), "dv": ("Ban Dân vận Trung ương",),
           "dqh": ("Đảng đoàn Quốc hội",), "cp": ("Ban cán sự đảng Chính phủ",), "gov": ("Chính phủ",),
           "g_sub": ("các tỉnh ủy, thành ủy trực thuộc Trung ương", "các tỉnh ủy, thành ủy")}
LEADS = {"central": ("tc", "tg", "kt", "kte", "nc", "dv", "cp", "dqh"),
         "province": ("tc", "tg", "dv", "kt", "bcs", "dd", "mt", "duk"), "district": ("tc", "tg", "dv", "kt", "ub", "mt"),
         "commune": ("ub", "mt", "doan"), "bloc": ("tc", "tg", "kt"), "state": ("s_nv", "s_kh", "s_tt", "s_tc", "s_xd", "ca")}
COORDS = {"central": ("g_sub", "vptw"), "province": ("g_sub", "g_so", "g_ct", "g_ban", "vp"),
          "district": ("g_sub", "g_ban", "vp"), "commune": ("g_sub",), "bloc": ("g_sub", "vp"), "state": ("g_ubh", "g_so")}
