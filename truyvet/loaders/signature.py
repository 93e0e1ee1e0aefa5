"""The signer of a document and the author of a news article.

A signature block follows the recipients: "T/M BAN THƯỜNG VỤ", "KT. CHỦ
TỊCH", a title in capitals ("PHÓ CHỦ TỊCH", "THỦ TƯỚNG"), then the name on
its own line. Web copies wrap the name too ("Bùi / Xuân Cường"), so the lines
after the title are joined while they still read as a name. A line in
capitals is a title unless it starts with a family name ("NGUYỄN VĂN A").

>>> from truyvet.loaders.segments import split_lines
>>> t = "Nơi nhận:\\n- Lưu: VT.\\n\\nTHỦ TƯỚNG\\nPhạm Minh Chính\\n"
>>> signer(t, split_lines(t))[0]
'Phạm Minh Chính'
>>> t = "KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\\nBùi\\nXuân Cường\\n"
>>> signer(t, split_lines(t))[0::2]
('Bùi Xuân Cường', 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH')
"""
from __future__ import annotations

import re

from truyvet.loaders.keys import fold
from truyvet.loaders.scan import LineStart
from truyvet.loaders.segments import Line, is_caps_line

_SIGN_BLOCK = LineStart(r"[ \t]*(?:T/M|TM\.|K/T|KT\.|Q\.|TL\.|T/L|THAY MẶT|Nơi nhận|NƠI NHẬN)")
_SIGN_TITLE = re.compile(r"(?:T/M|TM\.|K/T|KT\.|Q\.|TL\.|T/L|THAY MẶT)")
# Family names (folded) that open a Vietnamese personal name.
SURNAMES = frozenset("""
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao doan vuong trinh truong dinh
lam phung mai to ha ta luong luu cao chau quach la thai kieu tong khong than lo trieu giang kim nong luc
hua nghiem chu au diep doan mac mach ong quan tang tu vi hau la lai bach cu dam han khuc ninh phi tieu ung
yen sam thach kha danh ma khuong lang giap nhu thieu van y ksor rmah nie h siu
""".split())
# Words of bodies and titles; a line with two of them is not a person's name.
_NOT_NAME_WORDS = {"thanh", "tinh", "ban", "dang", "uy", "noi", "nhan", "phong", "bi", "thu", "chu", "tich",
                   "pho", "ke", "hoach", "thuong", "truc", "vu", "hoi", "dong", "dan", "khoi", "trung", "uong",
                   "luu", "nhu", "kinh", "gui", "tuong", "chinh", "phu", "giam", "doc", "truong"}
# Words of office: a line holding one is a title ("CHỦ NHIỆM", "PHÓ CHỦ TỊCH").
_TITLE_WORDS = re.compile(r"\b(?:chu tich|chu nhiem|bo truong|thu truong|thu tuong|bi thu|truong ban|pho|giam doc|"
                          r"chanh|tong cuc truong|cuc truong|vu truong|vien truong|uy vien|thuong truc|tong thu ky)\b")
_WORD = re.compile(r"[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF9][a-zđâăêôơư\u00E0-\u1EF9]*$|[A-ZĐÂĂÊÔƠƯ\u00C0-\u1EF8]+$")


def plausible_name(name: str) -> bool:
    """2 to 5 capitalised words that are not a body's or a title's words; in
    capitals only when the first word is a family name."""
    words = name.split()
    # One letter is a name's word only as "Y" ("Y Thanh Hà Niê Kdăm"), never "I" of "Chương I".
    if not 2 <= len(words) <= 5 or not all(_WORD.match(w) and len(w) <= 7 and (len(w) > 1 or w == "Y") for w in words):
        return False
    folded = [fold(w) for w in words]
    if name.isupper() and (folded[0] not in SURNAMES or _TITLE_WORDS.search(" ".join(folded))):
        return False
    return sum(f in _NOT_NAME_WORDS for f in folded) < 2 or folded[0] in SURNAMES and folded[1] not in _NOT_NAME_WORDS


def _display(name: str) -> str:
    return " ".join(w[:1] + w[1:].lower() for w in name.split()) if name.isupper() else name


# A military or police rank before the name ("Đại tướng Nguyễn Tân Cương").
_RANK = re.compile(r"^(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+")


def signer(text: str, lines: list[Line]):
    """(name, span, title) from the signature block, or None."""
    start = _SIGN_BLOCK.find(text)
    if start is None:
        return None
    titles: list[str] = []
    i = next(k for k, ln in enumerate(lines) if ln.end >= start)
    after_title = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.text.strip(" *_\t|")
        i += 1
        if not s:
            continue
        if titles:
            # The name follows its title within a few lines, or it is not there.
            after_title += 1
            if after_title > 8:
                return None
        if re.match(r"[-+•]", s) or ":" in s and not _SIGN_TITLE.match(s):
            continue
        if re.match(r"(?:PHỤ LỤC|Phụ lục)", s):
            return None
        if _SIGN_TITLE.match(s):
            titles, after_title = [s], 0
            continue
        # The name: this line, joined with the next ones while it still reads as one.
        name, last, j = s, ln, i
        while not plausible_name(_RANK.sub("", name)) and j < len(lines) and len(name.split()) < 6:
            nxt = lines[j].text.strip(" *_\t|")
            if not nxt or _SIGN_TITLE.match(nxt) or is_caps_line(nxt) != is_caps_line(name):
                break
            name, last, j = f"{name} {nxt}", lines[j], j + 1
        rank = _RANK.match(name)
        bare = name[rank.end():] if rank else name
        if plausible_name(bare) and not (titles and bare.isupper() and fold(bare.split()[0]) not in SURNAMES):
            first, final = bare.split()[0], bare.split()[-1]
            a = ln.start + ln.text.index(first) if first in ln.text else ln.start + ln.text.index(s)
            b = last.start + last.text.rindex(final) + len(final)
            return _display(bare), (a, b), " ".join(titles) or None
        if is_caps_line(s) and (titles or len(s.split()) <= 6):
            titles.append(s)
    return None


_AUTHOR = re.compile(r"(?m)^[ \t*_]*(?:Tác giả|Bài và ảnh|Bài, ảnh)\s*:\s*(?P<name>[^\n*_]{3,60}?)[ \t*_]*$")
_SOURCE_LINE = re.compile(r"[ \t*_]*(?:\(?Theo\b|Nguồn\s*:|Link bài|Giờ đăng|Ngày đăng|https?://|\(?TTXVN\)?)")


def news_author(text: str, lines: list[Line]):
    """(name, span) of a news article's author: "Tác giả: X", or a short name
    line closing the article before its source lines."""
    m = _AUTHOR.search(text, max(0, len(text) - 3000))
    if m and plausible_name(m["name"].strip()):
        name = m["name"].strip()
        return _display(name), (m.start("name"), m.start("name") + len(name))
    for ln in reversed(lines[-12:]):
        s = ln.text.strip(" *_\t")
        if not s or _SOURCE_LINE.match(ln.text):
            continue
        if plausible_name(s) and len(s) <= 40:
            a = ln.start + ln.text.index(s)
            return _display(s), (a, a + len(s))
        return None
    return None
