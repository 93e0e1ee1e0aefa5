"""The outline of a document: its numbered items as a tree, with labels.

One model for every document. Each line that opens with a numbering marker
(:mod:`truyvet.loaders.markers`) becomes an item; its place in the tree
follows the way these documents number:

* a marker style seen before among the open items closes the items back to
  it and becomes their sibling ("2." after "1.", "b)" after "a)"), if its
  value continues theirs — "2025 -" after item 3 is text, not item 2025;
* a new style opens a deeper level, if it starts a list (1, a, i, or 2 when
  the first was lost);
* a dotted path sits under the item whose number it extends ("2.1" under
  "2."), whatever its depth;
* roman sections, parts, chapters and articles close everything below them;
* bullets ("-", "+") are items without a number of their own.

Labels are the numbering path as written with parents prefixed ("II.2.(14)",
"Điều 18.2.đ)", "IV.1.a)"); chapters and "Mục" headings are not part of
them, since articles are numbered across chapters. What follows the main
text's signature belongs to an annex, whose outline starts afresh: an annexed
regulation prefixes its articles with its kind ("Quy chế Điều 5.1"), an
appendix its items with "Phụ lục" ("Phụ lục.I.1"), and an annexed plan adds
nothing (its sections do not collide with the decision's articles).

Tables inside the body or an appendix give one item per row
(:mod:`truyvet.loaders.tables`). Every step is one pass over the lines with a
stack no deeper than the numbering, so the time is linear in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from truyvet.loaders.markers import Marker, read_marker
from truyvet.loaders.normalize import NormText
from truyvet.loaders.plain_tables import may_head as may_head_plain_table, plain_table
from truyvet.loaders.scan import LineStart
from truyvet.loaders.segments import Line, is_caps_line, lines_within
from truyvet.loaders.tables import Row, TaskTable, is_pipe_line, pipe_table, tab_table

_CLOSING = r"[ \t\-*]*(?:Nơi nhận|NƠI NHẬN|Trên đây là|T/M[ .]|TM\.? |K/T |KT\.? |THAY MẶT|TL\. |T/L |Q\. )"
END_OF_BODY = re.compile("^" + _CLOSING)
_CLOSING_LINES = LineStart(_CLOSING)
# Headings that open an annex after the signature.
_ANNEX_HEAD = re.compile(
    r"^[ \t]*(?P<kind>KẾ HOẠCH|QUY CHẾ|QUY ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|ĐIỀU LỆ|DANH MỤC|BIỂU|BẢNG|PHỤ LỤC)"
    r"(?P<num>\s+(?:SỐ\s+)?(?:[IVXLC]{1,6}|\d{1,3}[a-z]?))?\b"
)
_KEM_THEO = re.compile(r"(?i)kèm theo|ban hành theo")


@dataclass(eq=False)
class Item:
    kind: str                         # a marker kind, "row" (table row) or "annex" (an annex root)
    start: int                        # start of the item's line
    text_start: int                   # start of its text, after the marker
    marker: Marker | None = None
    end: int = 0                      # end of its own text (the next item's start)
    stop: int = 0                     # end of its whole subtree
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    label: str = ""
    annex: str = ""                   # an annex root's style: appendix | regulation | plan
    prefix: str = ""                  # an annex root's label prefix: "Phụ lục", "Quy chế"
    row: Row | None = None            # the cells of a table row
    closed_at: int | None = None      # where a heading or a paragraph closed it
    base: str = ""                    # the label its own part extends

    @property
    def numbered(self) -> bool:
        return self.kind not in ("bullet", "annex")

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass
class Outline:
    items: list[Item]                 # document order, annex roots included
    warnings: list[str]


_TRANSPARENT = ("chapter", "mucsec")
_STRUCTURAL_RANK = {"annex": 0, "part": 1, "upper": 1, "chapter": 2, "mucsec": 3, "article": 4, "roman": 5}


def build_outline(norm: NormText, lines: list[Line], body_start: int,
                  is_agency: Callable[[str], bool], skip: list[tuple[int, int]] = ()) -> Outline:
    """Items of ``norm.text`` from ``body_start`` on (``lines`` are its lines)."""
    text = norm.text
    closing_lines = _CLOSING_LINES.starts(text)
    closes, skipped = set(closing_lines), lines_within(lines, skip)
    items: list[Item] = []
    stack: list[Item] = []
    root: Item | None = None            # the current annex, if any
    last: dict[str, int] = {}           # last value of each top-level style in this part
    closing = False
    prev_line = ""                      # the last non-blank line before this one
    blank_before = False
    no_table_until = 0                  # a block already read and found not to be a task table
    no_pipe_until = 0                   # no pipe table starts before this line
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.end <= body_start or i in skipped:
            i += 1
            continue
        if not ln.text.strip():
            if is_pipe_line(ln) and i >= no_table_until and i >= no_pipe_until:
                table, j, no_pipe_until = pipe_table(lines, i, is_agency)
                if table is not None:
                    root, stack, closing = _place_table(table, items, root, stack, closing, ln.start)
                    i = j
                    continue
                no_table_until = j
            blank_before = True
            i += 1
            continue
        head = _annex_head(lines, i, closing)
        if head is not None and not (root is not None and items[-1] is root):   # "PHỤ LỤC" over "DANH MỤC …"
            root = Item("annex", ln.start, ln.start, annex=head[0], prefix=head[1])
            items.append(root)
            stack, last, closing = [root], {}, False
            i += 1
            continue
        if ln.start in closes and items:
            closing = True
        if "\t" in ln.text and i >= no_table_until:
            table, j = tab_table(lines, i, is_agency)
            if table is not None:
                root, stack, closing = _place_table(table, items, root, stack, closing, ln.start)
                i = j
                continue
            no_table_until = j
        if i >= no_table_until and may_head_plain_table(ln.text):
            table, j = plain_table(lines, i, text, is_agency, lambda s: bool(END_OF_BODY.match(s)))
            if table is not None:
                root, stack, closing = _place_table(table, items, root, stack, closing, ln.start)
                i = j
                continue
        if closing:
            i += 1
            continue
        marker = read_marker(ln.text)
        if marker is None and _section_heading(norm, ln):
            _close(stack, ln.start, lambda it: it.kind not in _STRUCTURAL_RANK)
        elif marker is None and blank_before and stack and stack[-1].kind == "bullet" and \
                prev_line[-1:] in ".;!?:" and ln.text.lstrip()[:1].isupper() and \
                not _FIELD_START.match(ln.text.strip() + " " + (lines[i + 1].text.strip() if i + 1 < len(lines) else "")):
            # A paragraph after a list of bullets belongs to the item above them.
            _close(stack, ln.start, lambda it: it.kind == "bullet")
        if marker is not None and marker.kind == "bullet" and ln.text.lstrip()[1:].lstrip()[:1].islower() \
                and prev_line and prev_line[-1:] not in ".;:!?":
            marker = None      # "chính trị\n- xã hội": a hyphen the copy wrapped to the line start
        if marker is not None and (marker.kind != "bullet" or marker.end < len(ln.text.rstrip())
                                   or _text_follows(lines, i)):
            marker = _top_level_reading(marker, last)
            if marker is not None and marker.kind != "bullet" and not prev_line.endswith(":"):
                # A numbered item closes the bullets above it unless they introduced it.
                while stack and stack[-1].kind == "bullet":
                    stack.pop()
            parent = _attach(marker, stack, root, prev_line.endswith(":")) if marker is not None else False
            if parent is not False:
                item = Item(marker.kind, ln.start, ln.start + marker.end, marker, parent=parent)
                if parent is not None:
                    parent.children.append(item)
                item.label = _label(item)
                items.append(item)
                stack.append(item)
                if marker.kind in _STRUCTURAL_RANK:
                    last[marker.kind] = marker.value
                    for lower, rank in _STRUCTURAL_RANK.items():
                        if rank > _STRUCTURAL_RANK[marker.kind]:
                            last.pop(lower, None)
        prev_line = ln.text.rstrip()
        blank_before = False
        i += 1
    _set_ends(items, text, closing_lines)
    return Outline(items, [])


def _text_follows(lines: list[Line], i: int) -> bool:
    """A bullet alone on its line ("-" then the text on the next line of a wrapped copy)."""
    nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
    return bool(nxt) and nxt[:1].isalpha() and read_marker(nxt) is None


def _top_level_reading(marker: Marker, last: dict[str, int]) -> Marker | None:
    """A roman numeral, a part letter or an article in its sequence, or None.

    "C." after "B." is a part letter, not roman 100; "V." that does not follow
    "IV." is an initial ("V. I. Lênin"), not a section.
    """
    if marker.kind == "roman" and len(marker.part) == 1 and last.get("upper") == ord(marker.part) - 65:
        return Marker("upper", "upper", marker.part, ord(marker.part) - 64, marker.end, marker.caps_title)
    if marker.kind in ("roman", "upper"):
        prev = last.get(marker.kind)
        if prev is None:
            return marker if marker.value <= 3 else None
        return marker if marker.value == 1 or 1 <= marker.value - prev <= 2 else None
    return marker


# "Thời gian thực hiện: …" after a bullet is that bullet's, even after a blank line.
_FIELD_START = re.compile(
    r"(?:Thời gian|Thời hạn|Tiến độ|Cơ quan|Đơn vị|Chủ trì|Phối hợp|Nội dung|Kết quả|Sản phẩm)\b[^:\n.;]{0,40}:"
)


def _section_heading(norm: NormText, ln: Line) -> bool:
    """A bold or Markdown heading that is a question or in capitals
    ("**Tổ chức thực hiện Nghị quyết 72-NQ/TW thế nào?**"): a new section of
    a web page, which closes the numbered items above it."""
    s = ln.text.strip()
    if len(s) > 200 or not (s.endswith("?") or is_caps_line(s) and len(s.split()) >= 2):
        return False
    a, b = norm.span_to_orig(ln.start, ln.end)
    orig = norm.original
    end = orig.find("\n", b)
    raw = orig[orig.rfind("\n", 0, a) + 1:end if end != -1 else len(orig)].strip()
    return raw.startswith(("**", "#", "__")) or raw.endswith("**")


def _close(stack: list[Item], at: int, closes) -> None:
    """Pop the items ``closes`` accepts off the top of ``stack``; their text ends at ``at``."""
    while stack and closes(stack[-1]):
        item = stack.pop()
        item.closed_at = at


def _annex_head(lines: list[Line], i: int, after_body: bool) -> tuple[str, str] | None:
    """(style, prefix) of an annex whose heading is line ``i``, else None.

    An annex heading is a capitalised kind word on its own line (a copy may
    wrap it: "PHỤ" / "LỤC II"). An appendix heading counts anywhere; another
    kind ("KẾ HOẠCH", "QUY CHẾ") after the signature, or where a "kèm theo"
    line follows it.
    """
    s = lines[i].text.strip(" \t*_#")
    if not s or len(s) > 160:
        return None
    m = _ANNEX_HEAD.match(s)
    if m is None and len(s) >= 12 or not is_caps_line(s):
        return None     # the kind word first: it rules out most lines at their first letter
    if (m is None or m.end() < len(s) and not m["num"]) and i + 1 < len(lines) and len(s) < 12:
        joined = s + " " + lines[i + 1].text.strip(" \t*_#")
        m = _ANNEX_HEAD.match(joined) if is_caps_line(joined) else None
    if m is None:
        return None
    word = m["kind"]
    num = m["num"].split()[-1] if m["num"] else ""
    if word == "PHỤ LỤC":
        return "appendix", "Phụ lục" + (f" {num}" if num else "")
    near = " ".join(ln.text for ln in lines[i + 1:i + 8])
    if not (after_body or _KEM_THEO.search(near)):
        return None
    if word in ("DANH MỤC", "BIỂU", "BẢNG"):
        return "appendix", "Phụ lục" + (f" {num}" if num else "")
    if word in ("QUY CHẾ", "QUY ĐỊNH", "ĐIỀU LỆ"):
        return "regulation", word.capitalize()
    return "plan", ""


def _attach(marker: Marker, stack: list[Item], root: Item | None, introduced: bool = False):
    """The parent of a new item with ``marker`` (None: top level), popping
    ``stack``; False when the marker is text, not numbering. ``introduced``:
    the line before ends with ":", so a list that restarts opens below it."""
    kind = marker.kind
    floor = 1 if root is not None else 0          # the annex root stays
    if kind in _STRUCTURAL_RANK:
        rank = _STRUCTURAL_RANK[kind]
        keep = floor
        for k in range(len(stack) - 1, floor - 1, -1):
            other = _STRUCTURAL_RANK.get(stack[k].kind)
            if other is not None and other < rank:
                keep = k + 1
                break
        del stack[keep:]
        return stack[-1] if stack else None
    if kind == "appendix":
        del stack[floor:]
        return stack[-1] if stack else None
    if kind == "dotted":
        prefix = marker.part.rsplit(".", 1)[0]
        for k in range(len(stack) - 1, floor - 1, -1):
            if stack[k].marker is not None and stack[k].marker.part.rstrip(".)") == prefix:
                del stack[k + 1:]
                return stack[k]
    for k in range(len(stack) - 1, floor - 1, -1):
        other = stack[k]
        if other.marker is not None and other.marker.style == marker.style:
            if kind != "bullet" and not _in_sequence(other.marker, marker):
                if marker.value > 1 or kind == "dotted":
                    return False
                if introduced:
                    break          # "… như sau:" then "(1)" again: a list one level down
            del stack[k:]
            del stack[k:]
            return stack[-1] if stack else None
    # A new list opens below the open items: it starts at its first value
    # (the second, when a copy lost the first).
    if kind not in ("bullet", "dotted") and stack[floor:] and marker.value > 2:
        return False
    return stack[-1] if stack else None


def _in_sequence(prev: Marker, new: Marker) -> bool:
    step = new.value - prev.value
    if prev.kind == "letter" or prev.style == "paren-letter":
        return 0 <= step <= 2          # "b), b)" and a skipped letter happen in real copies
    return 1 <= step <= 2


def _base(item: Item | None, article: bool = False) -> str:
    """The label that an item's children extend."""
    while item is not None and item.kind in _TRANSPARENT:
        item = item.parent
    if item is None:
        return ""
    if item.kind == "annex":
        return item.prefix if item.annex == "appendix" else ""
    return item.label


def _label(item: Item) -> str:
    m = item.marker
    parent = item.parent
    while parent is not None and parent.kind in _TRANSPARENT:
        parent = parent.parent
    if m is None or m.kind == "bullet":
        return _base(parent)
    if m.kind == "article" and parent is not None and parent.kind == "annex" and parent.annex == "regulation":
        return f"{parent.prefix} {m.part}"
    if m.kind == "dotted" and parent is not None and parent.marker is not None \
            and parent.marker.part.rstrip(".)") == m.part.rsplit(".", 1)[0]:
        base = parent.base                # "2.1" spells out its parent "2"
    else:
        base = _base(parent)
    item.base = base
    return f"{base}.{m.part}" if base else m.part


def _place_table(table: TaskTable, items: list[Item], root: Item | None, stack: list[Item], closing: bool,
                 at: int):
    """Add the rows of ``table`` to ``items`` under the open item or, after
    the signature, under an appendix of its own (a table of tasks annexed
    under a heading of any wording); returns the new (root, stack, closing)."""
    if closing:
        root = Item("annex", at, at, annex="appendix", prefix="Phụ lục")
        items.append(root)
        stack, closing = [root], False
    parent = next((it for it in reversed(stack) if it.kind != "bullet"), root)
    items.extend(_table_items(table, parent))
    return root, stack, closing


def _table_items(table: TaskTable, parent: Item | None) -> list[Item]:
    base = _base(parent)
    out: list[Item] = []
    section = ""
    last = ""
    for row in table.rows:
        if row.section:
            section, last = row.stt, ""
            continue
        if row.stt:
            last = row.stt
        if not last:
            continue
        it = Item("row", row.start, row.start, parent=parent, row=row)
        it.end = it.stop = row.end
        it.label = ".".join(p for p in (base, section, last) if p)
        out.append(it)
    return out


def _set_ends(items: list[Item], text: str, closing: list[int]) -> None:
    """Own text ends where the next item (or table row) starts, or where the
    body closes (at a ``closing`` line); a subtree ends where its last descendant's text ends."""
    c = 0
    for k, it in enumerate(items):
        if it.kind == "row":
            continue
        end = items[k + 1].start if k + 1 < len(items) and it.kind != "annex" else len(text)
        while c < len(closing) and closing[c] <= it.start:
            c += 1
        if c < len(closing):
            end = min(end, closing[c])
        if it.closed_at is not None:
            end = min(end, it.closed_at)
        it.end = it.stop = _rstrip(text, it.text_start, max(end, it.text_start))
    # Children come after their parents, so one backward pass carries ends up.
    for it in reversed(items):
        if it.parent is not None and it.stop > it.parent.stop:
            it.parent.stop = it.stop


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
