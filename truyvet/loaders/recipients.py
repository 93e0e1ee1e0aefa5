"""Recipients: the "Kính gửi:" list of letters and the "Nơi nhận:" list at the end.

Two views of one list. *Entries* are the list's items as written, in order,
wrapped lines joined, without the leading "- " and the final "," ";" "." (a
"+" sub-item belongs to the entry above it), archive copies ("Lưu: VT, …")
included: that is what the document says it was sent to. *Recipients* are the
bodies those entries name, for the graph: a purpose in brackets ("(để b/c)",
"} (để báo cáo)") applies to its line, or to every line a brace groups;
"Văn phòng: Thành ủy, UBND TP" names several offices; "Lưu VT" is the archive
copy and "Như trên" points back to the Kính gửi list, so neither is a body.

>>> from truyvet.loaders.normalize import normalize
>>> n = normalize("Nơi nhận:\\n- Ban Bí thư, } (để báo cáo)\\n- Văn phòng Trung ương Đảng, }\\n- Văn phòng: Thành ủy, UBND TP,\\n- Lưu VT.\\n")
>>> rs, _, spans = parse_recipients(n.text)
>>> [(r.name, r.purpose) for r in rs]
[('Ban Bí thư', 'để báo cáo'), ('Văn phòng Trung ương Đảng', 'để báo cáo'), ('Văn phòng Thành ủy', None), ('Văn phòng UBND TP', None)]
>>> entry_texts(n, spans)
['Ban Bí thư, } (để báo cáo)', 'Văn phòng Trung ương Đảng', 'Văn phòng: Thành ủy, UBND TP', 'Lưu VT']
>>> n = normalize("*Kính gửi:*\\n- Các cơ quan chuyên môn, cơ quan hành chính\\nkhác thuộc Ủy ban nhân dân Thành phố;\\n- Bộ trưởng *(để báo cáo);*\\n")
>>> entry_texts(n, parse_recipients(n.text)[2])
['Các cơ quan chuyên môn, cơ quan hành chính khác thuộc Ủy ban nhân dân Thành phố', 'Bộ trưởng *(để báo cáo);*']
"""
from __future__ import annotations

import re

from truyvet.loaders.records import Recipient

_HEADS = ("ính gửi", "ínhgửi", "Nơi nhận", "Nơinhận", "ÍNH GỬI", "NƠI NHẬN")
# The heads, also with their space dropped by PDF extraction ("Nơinhận:").
_BLOCK = re.compile(
    r"(?m)^[ \t\-*]*(?P<head>(?:Đồng ?k|đồng ?k|K)ính ?gửi|Nơi ?nhận|KÍNH ?GỬI|NƠI ?NHẬN|ĐỒNG ?KÍNH ?GỬI)\s*:?[ \t*]*(?P<inline>[^\n]*)$"
)
_ITEM = re.compile(r"^[ \t]*(?P<mark>[-+•])\s*(?P<body>.*)$")
_PURPOSE = re.compile(r"\(\s*\*?(?P<p>để [^)*]{1,40}|đ/b|đ/c)\*?\s*\)")
_ARCHIVE = re.compile(r"^(?:Lưu|LƯU)\b")
# Entries that point elsewhere instead of naming a body.
_POINTER = re.compile(r"^(?:Như|NHƯ)\s+(?:trên|kính gửi|Kính gửi|Điều|điều|mục|Mục|khoản)\b|^(?:Mục|mục)\s+[IVXL\d]+\b")
# Lines that end a list: a signature title, an annex, a new heading.
_AFTER_LIST = re.compile(r"[ \t]*(?:T/M|TM\.|K/T|KT\.|TL\.|T/L|Q\.|THAY MẶT|PHỤ LỤC|Phụ lục|[IVX]+\.|\d+\.\s)")


def parse_recipients(text: str) -> tuple[list[Recipient], list[tuple[int, int]], list[tuple[int, int]]]:
    """Recipients, the spans of the blocks they came from, and the spans of
    the entries (see :func:`entry_texts`)."""
    out: list[Recipient] = []
    blocks: list[tuple[int, int]] = []
    entries: list[tuple[int, int]] = []
    if not any(head in text for head in _HEADS):
        return out, blocks, entries           # most texts of a mixed folder: no block
    for bm in _BLOCK.finditer(text):
        block = "noi_nhan" if bm["head"].lower().startswith("n") else "kinh_gui"
        items, end = _block_items(text, bm)
        blocks.append((bm.start(), end))
        for body, off in items:
            if re.search(r"[^\W\d_]", body):
                entries.append((off, off + len(body)))
        out.extend(_items(items, block))
    # "Như kính gửi (để thực hiện)", "Như trên" send the copy to the Kính gửi list.
    for r in [r for r in out if _POINTER.match(r.name)]:
        out.remove(r)
        if re.match(r"(?i)như (?:trên|kính gửi)", r.name):
            for k in out:
                if k.block == "kinh_gui" and k.purpose is None:
                    k.purpose = r.purpose
    return out, blocks, entries


def _block_items(text: str, bm: re.Match) -> tuple[list[tuple[str, int]], int]:
    """(item text with wrapped lines joined, offset) of one block, and its end."""
    items: list[list] = []
    inline = bm["inline"].strip(" *")
    if inline:
        # "Nơi nhận:- Như trên; - Lưu VT." written on one line.
        for part in re.finditer(r"[^;]+", inline.lstrip("-+• ")):
            piece = part.group().strip(" -")
            if piece:
                items.append([piece, bm.start("inline") + bm["inline"].index(piece)])
    pos, end, blank_run = bm.end() + 1, bm.end(), 0
    marker = None
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl < 0 else nl
        line = text[pos:nl]
        im = _ITEM.match(line)
        if im and (marker is None or im["mark"] == marker or not items):
            marker = marker or im["mark"]
            items.append([im["body"], pos + im.start("body")])
            end, blank_run = nl, 0
        elif line.strip() and items and blank_run == 0 and not _AFTER_LIST.match(line) and not _BLOCK.match(line):
            # A wrapped line, or a "+" sub-item, belongs to the entry above.
            items[-1][0] = f"{items[-1][0]}\n{line}"
            end = nl
        elif not line.strip():
            blank_run += 1
            # A page break or a table cell border can put a blank line inside
            # the list: go on only if the next text line is another item.
            rest = text[nl + 1:nl + 400].lstrip("\n")
            if blank_run > 1 or (items and not _ITEM.match(rest.split("\n", 1)[0])):
                break
        else:
            break
        pos = nl + 1
    return [(t, o) for t, o in items], end


def entry_texts(norm, spans: list[tuple[int, int]]) -> list[str]:
    """The entries as the file writes them: its own lines (markup kept, so
    each is a slice of the file once whitespace is collapsed), without the
    leading "- " and the final "," ";" "."."""
    out = []
    original = norm.original
    for a, b in spans:
        start = norm.to_orig(a)
        last = norm.to_orig(max(a, b - 1))
        nl = original.find("\n", last)
        end = len(original) if nl < 0 else nl
        out.append(" ".join(original[start:end].split()).rstrip(" ,;.}").rstrip(" ,;.").lstrip("-+• "))
    return out


def _items(items: list[tuple[str, int]], block: str) -> list[Recipient]:
    out: list[Recipient] = []
    pending: list[Recipient] = []  # lines grouped by a brace, waiting for its purpose
    for body, off in _sub_items(items):
        purpose = None
        pm = _PURPOSE.search(body)
        if pm:
            purpose = pm["p"].strip()
            if purpose in ("để b/c", "đ/b"):
                purpose = "để báo cáo"
        braced = "}" in body
        name_part = " ".join(_PURPOSE.sub("", body).replace("}", "").split()).strip(" ,.;*")
        if not name_part or _ARCHIVE.match(name_part) or not re.search(r"[^\W\d_]", name_part):
            continue
        recs = []
        head = re.match(r"^(?P<h>Văn phòng|VP)\s*:\s*(?P<rest>.+)$", name_part)
        flat = " ".join(body.split())
        if head:
            for part in re.split(r"\s*,\s*", head["rest"]):
                if part:
                    recs.append(Recipient(f"{head['h']} {part}", purpose, _span(body, off, part), block))
        else:
            recs.append(Recipient(name_part, purpose, _span(body, off, name_part), block))
        for r in recs:
            r.entry = flat.rstrip(" ,;.")
        if braced:
            pending.extend(recs)
            group_purpose = next((r.purpose for r in pending if r.purpose), None)
            for r in pending:
                r.purpose = group_purpose
        else:
            pending = []
        out.extend(recs)
    return out


def _sub_items(items: list[tuple[str, int]]):
    """Items with their "+" sub-items apart: each names its own body."""
    for body, off in items:
        pos = 0
        for m in re.finditer(r"\n[ \t]*\+\s*", body):
            yield body[pos:m.start()], off + pos
            pos = m.end()
        yield body[pos:], off + pos


def _span(body: str, off: int, name: str) -> tuple[int, int]:
    """Span of ``name`` (spaces collapsed) in ``body``, wrapped lines included."""
    at = body.find(name)
    if at >= 0:
        return off + at, off + at + len(name)
    pattern = r"\s+".join(map(re.escape, name.split()))
    m = re.search(pattern, body)
    return (off + m.start(), off + m.end()) if m else (off, off + len(body.rstrip()))
