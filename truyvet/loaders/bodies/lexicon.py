"""The words of body names: head nouns, titles, levels, and the curated names.

The grammar (``reader.py``) asks this module what a run of tokens is: a head
noun ("Sở", "Ủy ban nhân dân", "Ban cán sự đảng"), a title ("Giám đốc",
"Phó Trưởng ban Thường trực"), a determiner ("các", "mỗi"), a level or place
word ("tỉnh", "cấp xã", "Thành phố"), a known field ("Khoa học và Công
nghệ"), a known central body, or a predicate that ends a name. Curated names
live in ``data/`` (see ``data/README.md`` for sources and licences).

>>> HEADS.match(tokenize("Ban cán sự đảng UBND"), 0)
(4, 'party')
>>> FIELDS["sở"].match(tokenize("Văn hoá, Thể thao và Du lịch"), 0)
(8, 'Văn hóa, Thể thao và Du lịch')
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from truyvet.loaders.bodies.tokens import Tok, first_word, tokenize


_NONE = object()


class Phrases:
    """Phrases keyed by their tokens' keys, matched longest first."""

    def __init__(self, items: list[tuple[str, object]] = ()):
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        # first key -> [(length, {keys: value})], longest first: a lookup per
        # length instead of a walk over every phrase sharing the first word
        # ("sở" starts hundreds); the tokenizer's hottest caller.
        self._tables: dict[str, list[tuple[int, dict[tuple[str, ...], object]]]] = {}
        self.written: dict[tuple[str, ...], str] = {}     # keys -> the phrase as first written
        for phrase, value in items:
            self.add(phrase, value)

    def add(self, phrase: str, value: object = True) -> None:
        keys = tuple(t.key for t in tokenize(phrase))
        if not keys:
            return
        self.written.setdefault(keys, phrase)
        self._by_first.setdefault(keys[0], []).append((keys, value))
        tables = self._tables.setdefault(keys[0], [])
        table = next((t for n, t in tables if n == len(keys)), None)
        if table is None:
            table = {}
            tables.append((len(keys), table))
            tables.sort(key=lambda e: -e[0])
        table.setdefault(keys, value)            # the first value added wins, as before

    def match(self, toks: list[Tok], i: int) -> tuple[int, object] | None:
        """(number of tokens, value) of the longest phrase at ``toks[i]``."""
        return next(self._found(toks, i), None)

    def lengths(self, toks: list[Tok], i: int) -> list[int]:
        """Lengths of every phrase at ``toks[i]``, longest first."""
        return [n for n, _ in self._found(toks, i)]

    def _found(self, toks: list[Tok], i: int):
        """(number of tokens, value) of each phrase at ``toks[i]``, longest first."""
        tables = self._tables.get(toks[i].key) if i < len(toks) else None
        if not tables:
            return
        keys = tuple([t.key for t in toks[i:i + tables[0][0]]])
        for n, table in tables:
            if n <= len(keys):
                value = table.get(keys[:n], _NONE)
                if value is not _NONE:
                    yield n, value

    def values_of(self, keys: tuple[str, ...]) -> list[object]:
        """Every value stored under exactly these keys."""
        return [v for k, v in self._by_first.get(keys[0], ()) if k == keys] if keys else []


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("truyvet.loaders.bodies").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


# --- grammar words -----------------------------------------------------------

# Head nouns and what they need. "organ": a proper head, capitalised, that
# takes a field or a proper complement; "local": an organ of a level of
# government whose bare form can share the next head's complement ("HĐND,
# UBND các xã"); "party": party committees and their organs, also written in
# lower case ("đảng ủy các bộ", "ban thường vụ tỉnh ủy"); "restricted": heads
# that are bodies only with a level, place or "Nhà nước" after them ("Thuế
# tỉnh", "Kho bạc Nhà nước") and common nouns otherwise ("Thuế thu nhập").
_ORGAN = """Ban; Ban Chỉ đạo; Ban Quản lý; Ban Giám đốc; Ban Giám hiệu; Ban Bí thư; Bộ; Bộ Chính trị;
Sở; Cục; Tổng cục; Chi cục; Vụ; Văn phòng; VP; Trung tâm; Trung tâm chính trị; Viện; Học viện;
Trường; Đại học; Bệnh viện; Báo; Đài; Tạp chí; Nhà xuất bản; Thông tấn xã; Hội; Hiệp hội; Liên minh;
Liên hiệp; Liên đoàn; Tổng Liên đoàn; Đoàn; Tổ; Tổ công tác; Tổ giúp việc; Tổ biên tập; Tiểu ban;
Hội đồng; Tập đoàn; Tổng công ty; Công ty; Phòng; Ủy ban; Bộ Tư lệnh; Bộ Chỉ huy; Quân khu; Quân đoàn;
Bảo hiểm xã hội; Ngân hàng; Chính phủ; Quốc hội; Thủ tướng Chính phủ; Chủ tịch nước; Kiểm toán Nhà nước;
Kho bạc Nhà nước; Ngân hàng Nhà nước; Ban Chấp hành; BCH; BCĐ; Đoàn đại biểu Quốc hội; Đoàn ĐBQH;
Ủy ban Kiểm tra; UBKT; Ủy ban Thường vụ Quốc hội; Bộ đội Biên phòng; Cảnh sát; Lữ đoàn; Sư đoàn;
Trung đoàn; Hạt; Đội; Ban Tổ chức; Ban Tuyên giáo; Ban Dân vận; Ban Nội chính; Ban Kinh tế"""
_LOCAL = """Ủy ban nhân dân; UBND; Hội đồng nhân dân; HĐND; Thường trực Hội đồng nhân dân;
Thường trực HĐND; Ủy ban Mặt trận Tổ quốc Việt Nam; Ủy ban Mặt trận Tổ quốc; Ủy ban MTTQ Việt Nam;
Ủy ban MTTQ; UBMTTQ; Mặt trận Tổ quốc Việt Nam; Mặt trận Tổ quốc; MTTQ Việt Nam; MTTQ; Tòa án nhân dân;
TAND; Viện kiểm sát nhân dân; VKSND; Công an; CA; Bộ Chỉ huy Quân sự; BCHQS; Bộ Chỉ huy Bộ đội Biên phòng;
Ban Chỉ huy Quân sự; Ban Chỉ huy Phòng thủ dân sự; Thanh tra; Kiểm toán Nhà nước khu vực"""
_PARTY = """Đảng ủy; Đảng ủy Khối; ĐUK; Đảng đoàn; Ban cán sự đảng; Ban cán sự Đảng; Ban cán sự; BCS đảng; BCS;
BCSĐ; Tỉnh ủy; Thành ủy; Huyện ủy; Quận ủy; Thị ủy; Quân ủy; Đảng bộ; Chi bộ; Chi ủy; Ban Thường vụ;
BTV; Thường trực; Thường vụ; Cấp ủy; VPTU; Văn phòng Tỉnh ủy; Văn phòng Thành ủy; Ban Xây dựng Đảng"""
_RESTRICTED = "Thuế; Hải quan; Kho bạc; Kiểm toán; Tòa án; Viện kiểm sát"

# Common nouns for bodies, used for groups ("các sở, ban, ngành", "cơ quan,
# tổ chức khác có liên quan") and, after "các", for heads written lower case.
_GENERIC = """cơ quan; cơ quan chuyên môn; cơ quan chức năng; đơn vị; đơn vị sự nghiệp; địa phương; tổ chức;
tổ chức đảng; tổ chức cơ sở đảng; tổ chức chính trị - xã hội; tổ chức chính trị; cá nhân; doanh nghiệp;
sở; ban; ngành; bộ; cấp ủy; chi bộ; đảng bộ; đảng ủy; đảng đoàn; chi ủy; chính quyền; chính quyền địa phương;
đoàn thể; hội; lực lượng; lực lượng chức năng; trường; trung tâm; viện; cục; vụ; phòng; tỉnh ủy; thành ủy;
huyện ủy; quận ủy; thị ủy; đảng ủy cơ sở; ban đảng; ủy ban; hội đồng; văn phòng; ban giám đốc; ban giám hiệu;
ban thường vụ; ban chấp hành; ban cán sự; ban cán sự đảng; ban chỉ đạo; ban quản lý; ban tuyên giáo;
ban tuyên giáo và dân vận; ban tổ chức; ban xây dựng đảng; hợp tác xã; hiệp hội; tập đoàn; tổng công ty;
công ty; bệnh viện; cơ sở giáo dục; cơ sở đào tạo; cơ quan báo chí; nhà mạng; đối tượng; bộ phận;
tỉnh; thành phố; xã; phường; đặc khu; huyện; quận; thị xã; thị trấn; thôn; tổ dân phố; khu phố;
ngành chức năng; chi; cơ quan quản lý; cơ quan quản lý nhà nước; đơn vị quản lý; cơ quan thường trực;
cơ quan đầu mối; cơ quan chủ quản; cơ quan thẩm định; cơ quan đăng ký; cơ quan tham mưu; cơ quan thuế; đồn; trạm; chi nhánh; đài; báo; bộ, ngành"""

# Persons that regulations and plans give duties to, named by their role.
_ROLE_NOUNS = """giảng viên; học viên; giáo vụ; chủ nhiệm lớp; giáo viên; nhà đầu tư; chủ đầu tư; thành viên;
cán bộ; công chức; viên chức; đảng viên; hội viên; đoàn viên; người lao động; người sử dụng lao động;
nhà cung cấp; chủ sở hữu; chủ quản; người đứng đầu; lãnh đạo; đại biểu; báo cáo viên; tuyên truyền viên;
kiểm toán viên; thanh tra viên; chuyên viên; công an viên; nhân viên; hộ gia đình; hộ kinh doanh"""

# Titles that make a role of the body after them ("Giám đốc Sở Nội vụ").
_TITLES = """Giám đốc; Tổng Giám đốc; Chủ tịch; Thủ trưởng; Bộ trưởng; Thứ trưởng; Thủ tướng; Chánh Văn phòng;
Chánh Thanh tra; Chánh án; Viện trưởng; Vụ trưởng; Cục trưởng; Tổng cục trưởng; Chi cục trưởng; Trưởng ban;
Trưởng Ban; Trưởng phòng; Trưởng đoàn; Trưởng; Tổ trưởng; Bí thư; Hiệu trưởng; Tổng Biên tập; Chủ nhiệm;
Tư lệnh; Chính ủy; Chỉ huy trưởng; Tổng Kiểm toán; Kiểm toán trưởng; Người đứng đầu; Tổng Thư ký; Ủy viên;
Thành viên; Lãnh đạo; Chủ tịch nước"""

DETERMINERS = """các; những; mỗi; mọi; từng; tất cả các; toàn thể; hệ thống các; toàn bộ các; một số;
lãnh đạo các; đại diện các; toàn bộ"""

# Words of level and jurisdiction that complete a body's name ("UBND tỉnh",
# "Công an cấp xã", "các cơ quan Trung ương").
LEVELS = """Trung ương; Nhà nước; tỉnh; thành phố; TP; Tp; huyện; quận; thị xã; thị trấn; xã; phường; đặc khu; thôn; bản; ấp; tổ dân phố;
khu phố; cấp tỉnh; cấp huyện; cấp xã; cấp cơ sở; cấp trung ương; cấp bộ; cấp trên; cấp trên trực tiếp;
cấp quận; cấp phường; cấp thành phố; cấp thị xã; cấp thôn; cấp ủy; cấp ủy cấp tỉnh; cấp ủy cấp xã;
cấp dưới; các cấp; trung ương; Trung ương; TW; quốc gia; nhà nước; Nhà nước; khu vực; vùng; Việt Nam;
địa phương; tối cao; cấp cao; toàn quốc;
tỉnh ủy; thành ủy; huyện ủy; quận ủy; thị ủy; đảng ủy; đảng ủy trực thuộc Trung ương"""

# After a name: words that continue it although they are not capitalised.
MODIFIERS = """có liên quan; liên quan; có thẩm quyền; có chức năng; khác; chuyên môn; chức năng; nhân dân;
trực thuộc; thuộc; ở; của; trên địa bàn; trong khu vực; tại địa phương; trong tỉnh; ngang bộ; ngang Bộ;
sự nghiệp; công lập; hành chính; tham mưu; giúp việc; lớp; đảng; hữu quan; thành viên; cơ sở"""

# First words that look like heads but begin other nouns or verbs.
NOT_HEADS = """Ban hành; Ban đầu; Ban ngày; Bộ máy; Bộ luật; Bộ tiêu chí; Bộ chỉ số; Bộ hồ sơ; Bộ đội; Bộ phận;
Bộ câu hỏi; Bộ công cụ; Bộ mã; Bộ sách; Bộ dữ liệu; Sở hữu; Sở thích; Sở dĩ; Cục bộ; Vụ việc; Vụ án;
Báo cáo; Báo chí; Hội nghị; Hội thảo; Hội thi; Hội nhập; Hội đủ; Hội tụ; Hội họp; Hội viên; Đoàn kết;
Đoàn viên; Trường hợp; Viện dẫn; Viện trợ; Phòng chống; Phòng ngừa; Phòng, chống; Tổ chức;
Đài loan; Trung tâm thương mại; Thuế thu nhập; Thuế giá trị; Thanh tra, kiểm tra; Kiểm toán viên;
Công an viên; Hội đồng thi; Đại hội; Trung tâm hội nghị; Ủy ban này; Văn phòng phẩm;
Chi phí; Chi tiêu; Chi trả; Chi tiết; Chi ngân sách; Đội ngũ"""


# Words whose second syllable alone would read as a verb ("ký", "tạo", "chọn").
_COMPOUNDS = """đăng ký; thư ký; độc lập; cử tri; đào tạo; sáng tạo; cải tạo; chế tạo; thu hoạch; hàng không;
trực tiếp; viễn thông; hạ tầng; dịch vụ; phát thanh; truyền hình; báo chí; xuất bản; quy hoạch;
giao thông; giao dịch; hợp tác xã; thông tin; tư vấn; đường bộ; đường sắt; đường thủy; đường thủy nội địa; trù bị; sở tại; bầu cử; nghĩa vụ; nghĩa vụ quân sự; phục vụ; nhà ở; nhà chung cư; liên ngành; liên vùng; chuyên ngành; đất thu hồi; xảy ra; thường trực; thường vụ; truyền thông; thông tin đại chúng;
trung cấp; xuất nhập khẩu; xuất nhập cảnh"""


def _phrases(spec: str, value: object = True) -> list[tuple[str, object]]:
    return [(p.strip(), value) for p in spec.replace("\n", " ").split(";") if p.strip()]


HEADS = Phrases(_phrases(_ORGAN, "organ") + _phrases(_LOCAL, "local") + _phrases(_PARTY, "party")
                + _phrases(_RESTRICTED, "restricted"))
GENERIC = Phrases(_phrases(_GENERIC))
ROLE_NOUNS = Phrases(_phrases(_ROLE_NOUNS))
TITLES = Phrases([(f"{pre}{t}{post}", True) for t, _ in _phrases(_TITLES)
                  for pre in ("", "Phó ") for post in ("", " Thường trực")])
DETS = Phrases(_phrases(DETERMINERS))
LEVEL = Phrases(_phrases(LEVELS))
MODS = Phrases(_phrases(MODIFIERS))
NOT_HEAD = Phrases(_phrases(NOT_HEADS))
COMPOUNDS = Phrases(_phrases(_COMPOUNDS))
# After a comma, these go on with a list of bodies: "…, cơ quan ngang bộ, đặc biệt là người đứng đầu".
CONNECTORS = Phrases(_phrases("đặc biệt là; nhất là; kể cả; trong đó có"))
# Heads after whose complete name the same head, or any of these, starts a
# new body even without a comma (PDF tables: "Sở Khoa học và Công nghệ Sở
# Công Thương"); other heads may be a complement ("Đảng ủy Bộ Tài chính").
TERMINAL = {"sở", "bộ", "ủy ban nhân dân", "ubnd"}


# --- curated names -----------------------------------------------------------

@dataclass(frozen=True)
class Known:
    """A curated body: its official name and where it stands now."""
    name: str
    sphere: str
    status: str
    successor: str


def _central() -> Phrases:
    table = Phrases()
    for row in _rows("central.tsv"):
        known = Known(row["name"], row["sphere"], row["status"], row["successor"])
        table.add(row["name"], known)
        for alias in filter(None, (row["abbreviations"] or "").split("|")):
            table.add(alias, known)
    return table


def _fields() -> dict[str, Phrases]:
    by_head: dict[str, Phrases] = {}
    for row in _rows("fields.tsv"):
        heads = ["sở", "bộ", "phòng"] if row["head"] == "*" else [" ".join(t.key for t in tokenize(row["head"]))]
        for head in heads:
            table = by_head.setdefault(head, Phrases())
            table.add(row["field"], row["field"])
            for alias in filter(None, (row["abbreviations"] or "").split("|")):
                table.add(alias, row["field"])
    return by_head


CENTRAL = _central()
FIELDS = _fields()
PROVINCES = Phrases([(r["short"], r) for r in _rows("provinces.tsv")])
PREDICATES = Phrases([(r["phrase"], r["strength"] or "verb") for r in _rows("predicates.tsv")])
# Two syllables that are one word ("cán bộ", "môi trường"): a name never ends between them.
# The value is how often the first syllable opens this word ("thiết bị" 0.31, "chỉ được" 0.03).
WORDS = {tuple(r["word"].split()): float(r["share"]) for r in _rows("words.tsv")} | {
    k: 1.0 for k in COMPOUNDS.written if len(k) == 2}


# A name starts with a phrase of one of these tables: one word long, or
# beginning with a known pair of words (a cheap test before reading it).
_STARTERS = (DETS, HEADS, GENERIC, ROLE_NOUNS, TITLES, CENTRAL, LEVEL)
_FIRST_ALONE = {keys[0] for table in _STARTERS for keys in table.written if len(keys) == 1}
_FIRST_PAIRS = {keys[:2] for table in _STARTERS for keys in table.written if len(keys) > 1}


_PAIR_FIRSTS = {first for first, _ in _FIRST_PAIRS}


def may_start_at(text: str, start: int, end: int) -> bool:
    """Could a body name begin at the first word of ``text[start:end]``? (False
    means it cannot.) Reads the keys of one word, or two, not tokens: most
    places asked are no name at all.

    >>> may_start_at("Sở Tư pháp", 0, 10), may_start_at("Kiểm tra việc", 0, 13), may_start_at("Ban hành", 0, 8)
    (True, False, True)
    """
    words, after = first_word(text, start, end)
    if not words:
        return False
    first = words[0][1]
    if first in _FIRST_ALONE:
        return True
    if first not in _PAIR_FIRSTS:
        return False
    if len(words) == 1:
        words += first_word(text, after, end)[0]
    return len(words) > 1 and (first, words[1][1]) in _FIRST_PAIRS


@lru_cache(maxsize=None)
def province(short: str) -> dict[str, str] | None:
    """The row of a province by its short name ("Phú Yên"), newest era first."""
    found = PROVINCES.match(tokenize(short), 0)
    return found[1] if found and found[0] == len(tokenize(short)) else None


def is_central(name: str) -> bool:
    """Is this a central body, or a unit named with one ("Vụ Pháp chế Bộ Tài chính")?

    >>> is_central("Học viện Chính trị quốc gia Hồ Chí Minh"), is_central("Sở Tư pháp")
    (True, False)
    """
    toks = tokenize(name, limit=400)
    return any(t.cap and (m := CENTRAL.match(toks, k)) and k + m[0] == len(toks) for k, t in enumerate(toks))
