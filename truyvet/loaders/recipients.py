"""Recipients: the "Kính gửi:" list of letters and the "Nơi nhận:" list at the end.

A purpose in brackets ("(để b/c)", "} (để báo cáo)") applies to its line, or
to every line a brace groups. "Văn phòng: Thành ủy, UBND TP" names several
offices. "Lưu VT" is the archive copy, not a recipient.

>>> rs = parse_recipients("Nơi nhận:\\n- Ban Bí thư, } (để báo cáo)\\n- Văn phòng Trung ương Đảng, }\\n- Văn phòng: Thành ủy, UBND TP,\\n- Lưu VT.\\n")[0]
>>> [(r.name, r.purpose) for r in rs]
[('Ban Bí thư', 'để báo cáo'), ('Văn phòng Trung ương Đảng', 'để báo cáo'), ('Văn phòng Thành ủy', None), ('Văn phòng UBND TP', None)]
"""
from __future__ import annotations

import re

from truyvet.loaders.records import Recipient

_HEADS = ("Kính gửi", "Nơi nhận", "KÍNH GỬI", "NƠI NHẬN")
_BLOCK = re.compile(r"(?m)^[ \t\-*]*(?P<head>Kính gửi|Nơi nhận|KÍNH GỬI|NƠI NHẬN)\s*:?[ \t*]*(?P<inline>[^\n]*)$")
_ITEM = re.compile(r"^[ \t]*[-+•]\s*(?P<body>.*)$")
_PURPOSE = re.compile(r"\(\s*\*?(?P<p>để [^)*]{1,40}|đ/b|đ/c)\*?\s*\)")
_ARCHIVE = re.compile(r"^(?:Lưu|LƯU)\b")


def parse_recipients(text: str) -> tuple[list[Recipient], list[tuple[int, int]]]:
    """Recipients and the spans of the blocks they came from."""
    out: list[Recipient] = []
    blocks: list[tuple[int, int]] = []
    if not any(head in text for head in _HEADS):
        return out, blocks            # most texts of a mixed folder: no block
    for bm in _BLOCK.finditer(text):
        block = "kinh_gui" if bm["head"].lower().startswith("k") else "noi_nhan"
        pos = bm.end() + 1
        items: list[tuple[str, int]] = []
        inline = bm["inline"].strip(" *")
        if inline:
            items.append((inline, bm.start("inline") + bm["inline"].index(inline)))
        end = bm.end()
        blank_run = 0
        while pos < len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl < 0 else nl
            line = text[pos:nl]
            im = _ITEM.match(line)
            if im:
                items.append((im["body"], pos + im.start("body")))
                end, blank_run = nl, 0
            elif not line.strip():
                blank_run += 1
                # A page break can put a blank line inside the list: go on
                # only if the next text line is another item.
                rest = text[nl + 1:nl + 400].lstrip("\n")
                if blank_run > 1 or (items and not _ITEM.match(rest.split("\n", 1)[0])):
                    break
            else:
                break
            pos = nl + 1
        blocks.append((bm.start(), end))
        out.extend(_items(items, block))
    # "Như kính gửi (để thực hiện)" sends the copy to the Kính gửi list.
    for r in [r for r in out if r.name.lower() == "như kính gửi"]:
        out.remove(r)
        for k in out:
            if k.block == "kinh_gui" and k.purpose is None:
                k.purpose = r.purpose
    return out, blocks


def _items(items: list[tuple[str, int]], block: str) -> list[Recipient]:
    out: list[Recipient] = []
    pending: list[Recipient] = []  # lines grouped by a brace, waiting for its purpose
    for body, off in items:
        purpose = None
        pm = _PURPOSE.search(body)
        if pm:
            purpose = pm["p"].strip()
            if purpose in ("để b/c", "đ/b"):
                purpose = "để báo cáo"
        braced = "}" in body
        name_part = _PURPOSE.sub("", body).replace("}", "")
        name_part = name_part.strip(" ,.;*")
        if not name_part or _ARCHIVE.match(name_part):
            continue
        recs = []
        head = re.match(r"^(?P<h>Văn phòng|VP|Các đồng chí|Các đ/c)\s*:\s*(?P<rest>.+)$", name_part)
        if head:
            for part in re.split(r"\s*,\s*", head["rest"]):
                if part:
                    at = body.find(part)
                    a, b = (off + at, off + at + len(part)) if at >= 0 else (off, off + len(body))
                    recs.append(Recipient(f"{head['h']} {part}", purpose, (a, b), block))
        else:
            at = body.find(name_part)
            a, b = (off + at, off + at + len(name_part)) if at >= 0 else (off, off + len(body))
            recs.append(Recipient(name_part, purpose, (a, b), block))
        if braced:
            pending.extend(recs)
            group_purpose = next((r.purpose for r in pending if r.purpose), None)
            for r in pending:
                r.purpose = group_purpose
        else:
            pending = []
        out.extend(recs)
    return out
