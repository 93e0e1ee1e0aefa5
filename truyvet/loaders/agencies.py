"""Agency names in running text: where a list of bodies starts, ends and splits.

Assignments name bodies by grammar, not from a fixed list: "Giao X chủ trì,
phối hợp với Y, Z và các cơ quan, đơn vị liên quan triển khai ...". A list
splits on commas and "và", except that a lower-case fragment continues the
group before it ("các quận, huyện, thị ủy" is one collective body).

>>> [n for n, _, _ in split_agencies("Đảng đoàn HĐND Thành phố, các quận, huyện, thị ủy và các cơ quan, đơn vị liên quan")]
['Đảng đoàn HĐND Thành phố', 'các quận, huyện, thị ủy', 'các cơ quan, đơn vị liên quan']
>>> looks_like_agency("Ban Tuyên giáo Đảng uỷ"), looks_like_agency("Mục đích")
(True, False)
"""
from __future__ import annotations

import re

from truyvet.loaders.keys import fold

# First words of a body's name (folded), longest first when matched.
_HEADS = [
    "ban can su dang", "ban can su", "ban thuong vu", "ban chi dao", "ban chap hanh",
    "ban bi thu", "bo chinh tri", "ban tuyen giao", "ban to chuc", "ban dan van",
    "ban noi chinh", "ban kinh te", "ban quan ly", "ban", "van phong", "dang doan",
    "dang uy", "dang bo", "thanh uy", "tinh uy", "huyen uy", "quan uy", "thi uy",
    "thuong truc", "thuong vu", "uy ban", "ubnd", "hdnd", "hoi dong", "mttq", "mat tran",
    "so", "bo", "cuc", "chi cuc", "phong", "tong cuc", "vien", "truong", "trung tam",
    "cong an", "bo chi huy", "bo tu lenh", "quan khu", "toa an", "vien kiem sat",
    "kho bac", "ngan hang", "thanh tra", "hoi", "lien doan", "doan", "thanh doan",
    "tinh doan", "bao", "dai", "chinh phu", "thu tuong", "quoc hoi", "cap uy",
    "chi bo", "cac", "nhung", "ca nhan", "nguoi dung dau", "to cong tac", "tieu ban",
    "vp", "bcs", "btv", "ubkt", "uy ban kiem tra", "bch", "duk", "dang uy khoi",
    "tap doan", "tong cong ty", "cong ty", "hop tac xa", "doanh nghiep",
]
_HEAD_RE = re.compile(r"^(?:%s)\b" % "|".join(sorted(map(re.escape, _HEADS), key=len, reverse=True)))

# Verbs and phrases that end a list of bodies in an assignment sentence.
_STOP_WORDS = [
    "chủ trì", "phối hợp", "chịu trách nhiệm", "có trách nhiệm", "tham mưu", "triển khai",
    "thực hiện", "chỉ đạo", "theo dõi", "nghiên cứu", "rà soát", "hướng dẫn", "kiểm tra",
    "tổng hợp", "đôn đốc", "căn cứ", "bảo đảm", "đảm bảo", "quán triệt", "tuyên truyền",
    "xây dựng", "tổ chức", "lãnh đạo", "giám sát", "khẩn trương", "tiếp tục", "phải",
    "cần", "làm", "là cơ quan", "được giao", "giúp", "ban hành", "báo cáo", "đề xuất",
    "cụ thể hóa", "cụ thể hoá", "quản lý", "định kỳ", "thường xuyên", "như sau",
    "các nội dung", "nội dung", "nhiệm vụ", "tập trung", "đẩy mạnh", "tăng cường", "nâng cao",
    "quan tâm", "chủ động", "nghiêm túc", "sớm", "kịp thời", "hoàn thành", "tiến hành", "phát huy",
]
# Case-sensitive on purpose: verbs in running text are lower case, while the
# same words capitalised are parts of names ("Sở Xây dựng", "Ban Tổ chức").
_STOP_RE = re.compile(
    r"(?:^|(?<=[\s,]))(?:%s)(?=[\s,.:;]|$)" % "|".join(sorted(map(re.escape, _STOP_WORDS), key=len, reverse=True)),
)
# "xây dựng", "tổ chức", "lãnh đạo", "kiểm tra" are also parts of names
# ("các ban xây dựng Đảng", "các tổ chức chính trị - xã hội", "Ủy ban Kiểm tra").
_NAME_CONTEXT = re.compile(r"(?:\bban|\bcác|\bvà|\bnhững|\bỦy ban|\bUỷ ban|\bđoàn|\bhội)\s*$", re.IGNORECASE)


_LIST_END = re.compile(r"[:;.(]")


def end_of_agency_list(text: str, start: int = 0) -> int:
    """Index where the list of bodies starting at ``start`` ends."""
    m = _LIST_END.search(text, start)
    end = m.start() if m else len(text)
    for m in _STOP_RE.finditer(text, start, end):
        if _NAME_CONTEXT.search(text[max(start, m.start() - 12):m.start()]):
            continue
        return m.start()
    return end


_SPLIT = re.compile(r",\s*|\s+và\s+|\s*;\s*")


def split_agencies(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Split a coordinated list of bodies into (name, start, end) with offsets."""
    parts: list[list[int]] = []
    pos = 0
    pieces = []
    prev_sep = ""
    for m in _SPLIT.finditer(text):
        pieces.append((pos, m.start(), m.group()))
        pos = m.end()
    pieces.append((pos, len(text), ""))
    for a, b, sep in pieces:
        frag = text[a:b].strip()
        if not frag:
            continue
        continues = bool(parts) and frag[:1].islower() and "và" not in prev_sep \
            and not re.match(r"(?:các|những|cá nhân|người)\b", frag)
        if continues:
            parts[-1][1] = b
        else:
            parts.append([a, b])
        prev_sep = sep
    out = []
    for a, b in parts:
        frag = text[a:b]
        lead = len(frag) - len(frag.lstrip())
        name = frag.strip(" ,.;:\n")
        if name:
            out.append((re.sub(r"\s+", " ", name), offset + a + lead, offset + a + lead + len(name)))
    return out


def looks_like_agency(text: str) -> bool:
    """Is this short phrase (a heading, a label before ':') the name of a body?"""
    s = text.strip(" :.*")
    if not s or len(s) > 90 or " " not in s or not (s[0].isupper() or s.startswith(("các", "những"))):
        return False
    key = fold(s)
    if not _HEAD_RE.match(key):
        return False
    if _STOP_RE.search(s) and not _NAME_CONTEXT.search(s[:_STOP_RE.search(s).start()]):
        return False
    return not re.search(r"\d{3,}|[.;!?]", s)


def is_collective(name: str) -> bool:
    """A group of bodies ("các sở, ban, ngành") rather than one body."""
    return fold(name).startswith(("cac ", "nhung ", "moi ")) or "," in name

