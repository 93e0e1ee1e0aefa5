r"""The subject (trích yếu) a citation gives for the document it names.

"Nghị quyết số 1679/NQ-UBTVQH15 về việc sắp xếp các đơn vị hành chính cấp xã
của tỉnh Quảng Ninh năm 2025" names a document by its number and also says
what it is about: the words after "về" are its title as the citing text
knows it. That title is what lets a copy of the same document that lost its
number (a crawled page without a header) be recognised as the numbered one
(:mod:`truyvet.graph.docmerge`).

>>> t = 'Nghị quyết số 1679/NQ-UBTVQH15 về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025".*Cổng'
>>> cited_subject(t, 30)
'về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Quảng Ninh năm 2025'
>>> cited_subject("Kế hoạch số 12-KH/TU ngày 03/5/2024 của Ban Thường vụ Thành ủy về thực hiện Chỉ thị 35; giao", 20)
'về thực hiện Chỉ thị 35'
>>> cited_subject("Công điện số 225/CĐ-TTg ngày 20/11/2025 về việc tập trung ứng phó\nmưa lũ; tiếp", 23)
'về việc tập trung ứng phó mưa lũ'
>>> cited_subject("Thông báo số 111-TB/VPTW và Thông báo số 95-TB/VPTW", 24) is None
True
"""
from __future__ import annotations

import re

from truyvet.loaders.symbols import find_symbols

# What may stand between the symbol and the subject: its date and its issuer.
_DATE = (r"(?:,?\s*\(?(?:ngày|Ngày)\s*\d{1,2}\s*(?:tháng|/|-|\.)\s*\d{1,2}\s*(?:năm|/|-|\.)\s*\d{4}\)?"
         r"|,?\s*năm\s+\d{4})")
_OF = r"(?:,?\s*của\s+[^,;.\n\"“”]{2,90}?)"
_SUBJECT = re.compile(
    r"\s*(?:" + _DATE + r")?\s*(?:" + _OF + r")?\s*(?:" + _DATE + r")?\s*,?\s*"
    r"(?P<subject>(?:về việc|về|V/v|v/v)\s+[^;\n\"“”()\[\]|*]{6,240}?)"
    r"(?=\s*(?:[.;\n\"“”()\[\]|*]|$|,\s*(?:ngày|đã|đồng thời|trong đó|theo đó|giao|yêu cầu)\b))"
)


_WRAPPED = re.compile(r"(?<!\n)\n(?![ \t]*\n)")


def cited_subject(text: str, end: int) -> str | None:
    """The subject a citation gives right after its mention, which ends at
    ``end``: "về …" up to the end of the clause; None when none follows."""
    # Wrapped lines ("khắc phục hậu quả\nmưa lũ") are one clause; a blank line is not.
    window = _WRAPPED.sub(" ", text[end:end + 420])
    m = _SUBJECT.match(window)
    if not m:
        return None
    subject = " ".join(m["subject"].split()).rstrip(" ,:")
    return subject if len(subject.split()) >= 3 else None


def subjects_in(quote: str, symbol: str) -> list[str]:
    """Every subject a citing sentence gives after ``symbol`` (as canonical).

    >>> subjects_in("Ngày 16 tháng 6 năm 2025, Ủy ban Thường vụ Quốc hội ban hành Nghị quyết số 1657/NQ-UBTVQH15 "
    ...             "của Ủy ban Thường vụ Quốc hội về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Cao Bằng năm 2025.",
    ...             "1657/NQ-UBTVQH15")
    ['về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Cao Bằng năm 2025']
    """
    out = []
    for s in find_symbols(quote):
        if s.canonical == symbol:
            sub = cited_subject(quote, s.end)
            if sub and sub not in out:
                out.append(sub)
    return out
