"""Document kinds: the enum, the words that name them, the symbol codes.

>>> kind_of_word("Thông báo kết luận")
'notice'
>>> kind_of_code("CTr"), kind_of_code("NĐ"), kind_of_code("QĐ")
('programme', 'decree', 'decision')
"""
from __future__ import annotations

from truyvet.loaders.keys import fold

KINDS = (
    "resolution", "conclusion", "notice", "plan", "directive", "programme",
    "decision", "regulation", "rules", "guidance", "official_letter", "report",
    "submission", "scheme", "law", "decree", "circular", "constitution",
    "charter", "news_article", "other",
)

# Folded kind phrase -> kind. Longest phrases are tried first by the regex.
KIND_WORDS: dict[str, str] = {
    "nghi quyet": "resolution",
    "nghi quyet lien tich": "resolution",
    "ket luan": "conclusion",
    "thong bao": "notice",
    "thong bao ket luan": "notice",
    "ke hoach": "plan",
    "chi thi": "directive",
    "chuong trinh": "programme",
    "chuong trinh hanh dong": "programme",
    "chuong trinh cong tac": "programme",
    "quyet dinh": "decision",
    "quy dinh": "regulation",
    "quy che": "rules",
    "huong dan": "guidance",
    "cong van": "official_letter",
    "cong dien": "official_letter",
    "van ban": "official_letter",
    "bao cao": "report",
    "to trinh": "submission",
    "de an": "scheme",
    "luat": "law",
    "bo luat": "law",
    "nghi dinh": "decree",
    "thong tu": "circular",
    "thong tu lien tich": "circular",
    "hien phap": "constitution",
    "dieu le": "charter",
}

# The kind words as written in running text (capitalised), for regexes.
KIND_PHRASES = (
    "Thông báo kết luận", "Thông báo", "Nghị quyết liên tịch", "Nghị quyết",
    "Kết luận", "Kế hoạch", "Chỉ thị", "Chương trình hành động",
    "Chương trình công tác", "Chương trình", "Quyết định", "Quy định",
    "Quy chế", "Hướng dẫn", "Công văn", "Công điện", "Văn bản", "Báo cáo",
    "Tờ trình", "Đề án", "Nghị định", "Thông tư liên tịch", "Thông tư",
    "Bộ luật", "Luật", "Hiến pháp", "Điều lệ",
)

# Party and state type codes (case as usually written) -> kind. QĐ is both
# Quyết định and Quy định: the word decides when present.
CODE_KINDS: dict[str, str] = {
    "NQ": "resolution", "NQLT": "resolution", "KL": "conclusion", "TB": "notice",
    "KH": "plan", "CT": "directive", "CTR": "programme", "QĐ": "decision",
    "QĐI": "regulation", "QC": "rules", "HD": "guidance", "HĐ": "guidance",
    "CV": "official_letter", "CĐ": "official_letter", "BC": "report",
    "TTR": "submission", "ĐA": "scheme", "NĐ": "decree", "TT": "circular",
    "TTLT": "circular", "L": "law", "PL": "law", "QH": "law",
}
# Canonical spelling of codes whose case varies in real text, and of codes
# written without "Đ" (ASCII or PDF copies: "336- QD/BCSCLTW").
CODE_CASE = {"CTR": "CTr", "TTR": "TTr", "QĐI": "QĐi", "THU": "ThU",
             "QD": "QĐ", "DA": "ĐA", "DU": "ĐU", "DUK": "ĐUK"}

_FOLDED_CODES = {fold(k).upper(): v for k, v in CODE_KINDS.items()}


# The same phrases without spaces, as PDF extraction glues them ("Kếhoạch").
_GLUED_WORDS = {k.replace(" ", ""): v for k, v in KIND_WORDS.items()}


# The word a reader is shown for each kind (one per kind; KIND_WORDS maps many to one).
_KIND_WORD = {
    "resolution": "Nghị quyết", "conclusion": "Kết luận", "notice": "Thông báo", "plan": "Kế hoạch",
    "directive": "Chỉ thị", "programme": "Chương trình", "decision": "Quyết định", "regulation": "Quy định",
    "rules": "Quy chế", "guidance": "Hướng dẫn", "official_letter": "Công văn", "report": "Báo cáo",
    "submission": "Tờ trình", "scheme": "Đề án", "law": "Luật", "decree": "Nghị định",
    "circular": "Thông tư", "constitution": "Hiến pháp", "charter": "Điều lệ", "news_article": "Tin bài",
    "other": "Văn bản",
}


def kind_word(kind: str) -> str:
    """
    >>> kind_word("notice"), kind_word("official_letter"), kind_word("unknown")
    ('Thông báo', 'Công văn', 'Văn bản')
    """
    return _KIND_WORD.get(kind, "Văn bản")


def kind_of_word(phrase: str | None) -> str | None:
    """
    >>> kind_of_word("Kế hoạch"), kind_of_word("Kếhoạch"), kind_of_word("K Ế H O Ạ C H")
    ('plan', 'plan', 'plan')
    """
    if not phrase:
        return None
    key = fold(phrase)
    return KIND_WORDS.get(key) or _GLUED_WORDS.get(key.replace(" ", ""))


def kind_of_code(code: str | None) -> str | None:
    if not code:
        return None
    up = code.upper()
    return CODE_KINDS.get(up) or _FOLDED_CODES.get(fold(up).upper())


def canonical_code(code: str) -> str:
    up = code.upper()
    return CODE_CASE.get(up, up)
