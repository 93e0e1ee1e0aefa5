"""Numbered tasks, who leads, coordinates and monitors them, and their deadlines.

The numbering is read as an outline: a marker type seen before ("1.", "(1).")
closes the items back to its level; a new type opens a deeper level; a roman
numeral starts a section. Assignments are inherited down the outline, which
is how these documents are written: "Giao X chủ trì, phối hợp với Y …, như
sau:" applies to every item below it until the next sibling or section; a
heading that names a body ("1. Ban Tuyên giáo Đảng uỷ") assigns its bullets;
"Văn phòng Thành ủy: Theo dõi, đôn đốc …" names a monitor. Appendix tables
("STT | Nội dung | Cơ quan chủ trì tham mưu") give one task per row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders.agencies import end_of_agency_list, looks_like_agency, split_agencies
from truyvet.loaders.dates import find_deadline
from truyvet.loaders.keys import fold, strip_marks
from truyvet.loaders.normalize import NormText, display
from truyvet.loaders.records import Assignment, Task
from truyvet.loaders.segments import MARKER_RE, Line, Segmenter, is_caps_line, is_table_row

_END_OF_BODY = re.compile(
    r"^[ \t\-*]*(?:Nơi nhận|NƠI NHẬN|Trên đây là|T/M |TM\. |K/T |KT\. |THAY MẶT|TL\. |T/L )"
)
_APPENDIX = re.compile(r"^[ \t*]*(?:PHỤ LỤC|Phụ lục|DANH MỤC|BẢNG|\(?Kèm theo)")
_NON_TASK_SECTION = re.compile(r"MỤC ĐÍCH|YÊU CẦU|QUAN ĐIỂM|TÌNH HÌNH|KẾT QUẢ|ĐÁNH GIÁ|CĂN CỨ|SỰ CẦN THIẾT")
_GIAO = re.compile(r"(?:^|[.;:]\s+|\n\s*)(?P<verb>Giao(?: cho)?|Đề nghị|Yêu cầu)\s+(?=[A-ZĐÂĂÊÔƠƯÀ-Ỹa-zđ])")
_LEAD_VERB = re.compile(r"\s*(?:,\s*)?(?:là cơ quan |làm cơ quan |giữ vai trò )?chủ trì\b", re.IGNORECASE)
_COORD = re.compile(r"\s*,?\s*(?:và |có trách nhiệm |chủ động )?phối hợp (?:chặt chẽ )?(?:với|cùng)\s+", re.IGNORECASE)
_LABELLED = re.compile(r"^(?P<who>[^:\n]{3,90}?)\s*:\s*(?P<rest>\S.*)", re.DOTALL)
_MONITOR = re.compile(r"^(?:Theo dõi|Giám sát|Kiểm tra, giám sát|Đôn đốc|Kiểm tra, đôn đốc|Chủ trì theo dõi)", re.IGNORECASE)
_FIELD = re.compile(r"(?P<field>Cơ quan chủ trì|Đơn vị chủ trì|Cơ quan phối hợp|Đơn vị phối hợp)\s*:\s*(?P<who>[^\n;.]+)", re.IGNORECASE)
_INTRODUCES_LIST = re.compile(r"(?:sau|như sau|dưới đây)\s*:")
_IMPLEMENTATION_SECTION = re.compile(r"TỔ CHỨC THỰC HIỆN|PHÂN CÔNG|TRÁCH NHIỆM")
_DEADLINE_ONLY = re.compile(r"^(?:Thời gian|Thời hạn|Tiến độ)(?: hoàn thành| thực hiện)?\s*:", re.IGNORECASE)


@dataclass
class _Item:
    mtype: str
    part: str
    start: int
    text_start: int
    end: int = 0
    parent: "_Item | None" = None
    children: list = field(default_factory=list)
    label: str = ""
    own: list = field(default_factory=list)        # Assignment
    deadline = None
    table_row: bool = False
    non_task: bool = False
    display: str | None = None                    # a table row's content cell


def extract_tasks(norm: NormText, seg: Segmenter, flat: str, body_start: int,
                  skip: list[tuple[int, int]]) -> list[Task]:
    """Tasks from the outline of ``norm.text``; phrases are read in ``flat``."""
    text, lines = norm.text, seg.lines
    items: list[_Item] = []
    stack: list[_Item] = []
    # "body" → "closing" (from Nơi nhận / the signature on) → "appendix"
    # (a PHỤ LỤC heading after it): only tables count once the body is over.
    zone = "body"
    bullet_counts: dict[int, int] = {}
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.start < body_start or ln.blank:
            i += 1
            continue
        if _END_OF_BODY.match(ln.text):
            zone = "closing"
            i += 1
            continue
        if any(a <= ln.start < b for a, b in skip):
            i += 1
            continue
        if zone == "closing" and _APPENDIX.match(ln.text):
            zone = "appendix"
        if is_table_row(ln.text):
            j = i
            while j < len(lines) and (is_table_row(lines[j].text) or lines[j].blank and j + 1 < len(lines) and is_table_row(lines[j + 1].text)):
                j += 1
            parent = None if zone == "appendix" else (stack[-1] if stack else None)
            items.extend(_table_items(norm, lines[i:j], parent, "PL" if zone == "appendix" else None))
            i = j
            continue
        if _may_head_plain_table(ln.text) and _PLAIN_HEAD.match(fold(ln.text)):
            j = i + 1
            while j < len(lines) and not _END_OF_BODY.match(lines[j].text) and not (
                    is_caps_line(lines[j].text.strip(" *")) or (lines[j].blank and j + 1 < len(lines) and lines[j + 1].blank)):
                j += 1
            parent = None if zone == "appendix" else (stack[-1] if stack else None)
            items.extend(_plain_table_items(norm, lines[i + 1:j], parent, "PL" if zone == "appendix" else None))
            i = j
            continue
        if zone != "body":
            i += 1
            continue
        m = MARKER_RE.match(ln.text)
        if not m or m.end() == len(m["indent"] or ""):
            i += 1
            continue
        mtype, part = _marker(m)
        item = _Item(mtype, part, ln.start, ln.start + m.end())
        _place(item, stack)
        if mtype == "bullet":
            key = id(item.parent)
            bullet_counts[key] = bullet_counts.get(key, 0) + 1
            item.part = f"-{bullet_counts[key]}"
        item.label = _label(item)
        section = _section(item)
        if section is not None and _NON_TASK_SECTION.search(text[section.text_start:section.text_start + 80].upper()):
            item.non_task = mtype == "bullet"
        items.append(item)
        i += 1
    body_items = [it for it in items if not it.table_row]
    _set_ends(body_items, text, lines)
    tasks = []
    for it in items:
        if not it.table_row:
            _own_assignments(it, flat, norm, seg)
    _preamble_scope(body_items, body_start, flat, norm, seg)
    for it in items:
        if it.non_task:
            continue
        tasks.append(_task(it, text, norm))
    # A numbering that restarts without a new section ("1." again after an
    # unnumbered heading) repeats labels; a task id must stay unique.
    seen: dict[str, int] = {}
    for t in tasks:
        n = seen[t.label] = seen.get(t.label, 0) + 1
        if n > 1:
            t.label = f"{t.label}~{n}"
    return tasks


def _marker(m: re.Match) -> tuple[str, str]:
    for name in ("roman", "dotted", "arabic", "paren", "letter", "bullet"):
        if m[name]:
            if name == "dotted":
                return f"dotted{m[name].count('.')}", m[name]
            if name == "paren":
                return name, f"({m[name]})"
            return name, m[name]
    raise AssertionError(m)


def _place(item: _Item, stack: list[_Item]) -> None:
    if item.mtype == "roman":
        stack.clear()
    else:
        for k in range(len(stack) - 1, -1, -1):
            if stack[k].mtype == item.mtype:
                del stack[k:]
                break
        if item.mtype.startswith("dotted"):
            # "1.1." sits under the "1." whose number it extends.
            prefix = item.part.rsplit(".", 1)[0]
            for k in range(len(stack) - 1, -1, -1):
                if stack[k].part == prefix:
                    del stack[k + 1:]
                    break
    item.parent = stack[-1] if stack else None
    if item.parent:
        item.parent.children.append(item)
    stack.append(item)


def _label(item: _Item) -> str:
    parent = item.parent
    if item.mtype.startswith("dotted") and parent is not None and item.part.startswith(parent.part + "."):
        base = parent.parent.label if parent.parent else ""
        return f"{base}.{item.part}" if base else item.part
    if parent is None:
        return item.part
    return f"{parent.label}.{item.part}"


def _section(item: _Item) -> _Item | None:
    while item.parent is not None:
        item = item.parent
    return item if item.mtype == "roman" else None


def _set_ends(items: list[_Item], text: str, lines: list[Line]) -> None:
    for a, b in zip(items, items[1:]):
        a.end = b.start
    if items:
        last = items[-1]
        m = re.compile(r"(?m)^[ \t\-*]*(?:Nơi nhận|NƠI NHẬN|Trên đây là|T/M |K/T |TM\. |KT\. )").search(text, last.start)
        last.end = m.start() if m else len(text)
    for it in items:
        while it.end > it.start and text[it.end - 1].isspace():
            it.end -= 1
        # A table that follows inside the item belongs to its rows, not its text.
        nl = text.find("\n", it.text_start)
        while nl != -1 and nl < it.end:
            nxt = text.find("\n", nl + 1)
            line = text[nl + 1: nxt if nxt != -1 else len(text)]
            if is_table_row(line):
                it.end = nl
                break
            nl = nxt


def _own_assignments(it: _Item, text: str, norm: NormText, seg: Segmenter) -> None:
    own = text[it.text_start:it.end]
    base = it.text_start

    def add(name: str, start: int, end: int, role: str) -> None:
        s, e = seg.sentence_at(start)
        os_, oe = norm.span_to_orig(s, e)
        it.own.append(Assignment(name, role, norm.original[os_:oe], (os_, oe)))

    # The first line comes from the line view: ``text`` is the flat one.
    nl = norm.text.find("\n", it.text_start, it.end)
    first_line_end = nl - base if nl != -1 else len(own)
    # "Cơ quan chủ trì: X" fields (state plans)
    for fm in _FIELD.finditer(own):
        role = "lead" if "chủ trì" in fm["field"].lower() else "coordinate"
        for name, a, b in split_agencies(fm["who"], base + fm.start("who")):
            add(name, a, b, role)
    # "Giao X chủ trì, phối hợp với Y …" and "X chủ trì, phối hợp với Y …"
    # Sentence and line starts come from the line view of the same span.
    starts = [(gm.end(), gm["verb"]) for gm in _GIAO.finditer(norm.text[it.text_start:it.end])]
    if not starts and re.match(r"\s*\S", own) and _LEAD_VERB.search(own[:min(len(own), 200)]):
        starts = [(len(own) - len(own.lstrip()), None)]
    for pos, verb in starts:
        stop = end_of_agency_list(own, pos)
        names = split_agencies(own[pos:stop], base + pos)
        if not names or not all(looks_like_agency(n) or n[:1].islower() for n, _, _ in names):
            continue
        rest = own[stop:]
        lead_m = _LEAD_VERB.match(rest)
        coord_m = _COORD.match(rest[lead_m.end():] if lead_m else rest)
        if verb is None and not lead_m:
            continue
        if verb in ("Đề nghị", "Yêu cầu") and not (lead_m or coord_m or _INTRODUCES_LIST.search(own[stop:stop + 300].split(".")[0])):
            continue  # a request to a body is an assignment only when it introduces tasks
        for name, a, b in names:
            add(name, a, b, "lead")
        if coord_m:
            cpos = stop + (lead_m.end() if lead_m else 0) + coord_m.end()
            cstop = end_of_agency_list(own, cpos)
            for name, a, b in split_agencies(own[cpos:cstop], base + cpos):
                add(name, a, b, "coordinate")
    if it.own:
        return
    # "Văn phòng Thành ủy: Theo dõi, đôn đốc …" / "Ban X: <tasks>"
    lm = _LABELLED.match(own)
    if lm and looks_like_agency(lm["who"]) and lm.start("rest") <= first_line_end + 1:
        role = "monitor" if _MONITOR.match(lm["rest"]) else "lead"
        for name, a, b in split_agencies(lm["who"], base):
            add(name, a, b, role)
        return
    # In "Tổ chức thực hiện" sections an item may open with its subject:
    # "Các tỉnh ủy, thành ủy trực thuộc Trung ương tổ chức học tập …".
    section = _section(it)
    if section is not None and it is not section and \
            _IMPLEMENTATION_SECTION.search(norm.text[section.text_start:section.text_start + 60].upper()):
        lead_len = len(own) - len(own.lstrip())
        stop = end_of_agency_list(own, lead_len)
        names = split_agencies(own[lead_len:stop], base + lead_len)
        # "Các đơn vị được giao chủ trì …" points back at other assignments.
        if names and stop < first_line_end and own[stop - 1:stop] == " " and not own.startswith("được", stop) and \
                all(looks_like_agency(n) or n[:1].islower() for n, _, _ in names) and looks_like_agency(names[0][0]):
            for name, a, b in names:
                add(name, a, b, "lead")
            return
    # "1. Ban Tuyên giáo Đảng uỷ" heading over bullets or a paragraph
    head = own[:first_line_end].strip()
    if looks_like_agency(head) and (it.children or len(own.strip()) > len(head)):
        off = base + own.index(head)
        for name, a, b in [(head.strip(" :"), off, off + len(head.strip(" :")))]:
            add(name, a, b, "lead")


def _preamble_scope(items: list[_Item], body_start: int, flat: str, norm: NormText, seg: Segmenter) -> None:
    """ "Đề nghị Ban Thường vụ Thành ủy … các nhiệm vụ sau:" before the list
    assigns the top-level items that follow it."""
    tops = [it for it in items if it.parent is None and it.mtype != "roman"]
    if not tops or any(it.mtype == "roman" for it in items):
        return
    first = tops[0]
    end = len(norm.text[:first.start].rstrip())
    para_start = max(body_start, norm.text.rfind("\n\n", body_start, end) + 2)
    root = _Item("root", "", para_start, para_start, first.start)
    _own_assignments(root, flat, norm, seg)
    if root.own and _INTRODUCES_LIST.search(norm.text[root.text_start:root.end]):
        for it in tops:
            it.parent = root


def _effective(it: _Item) -> list[Assignment]:
    node = it
    while node is not None:
        if any(a.role in ("lead", "monitor") for a in node.own):
            return node.own
        node = node.parent
    return []


def _effective_deadline(it: _Item, text: str):
    node = it
    while node is not None:
        d = _deadline_of(node, text)
        if d is not None:
            return d
        node = node.parent
    return None


def _deadline_of(it: _Item, text: str):
    if it.deadline is None:
        own = text[it.text_start:it.end]
        it.deadline = find_deadline(own) or False
        if it.deadline is False:
            # "3. Thời gian hoàn thành: Quý III/2022" states the section's deadline.
            for child in it.children:
                child_text = text[child.text_start:child.end]
                if _DEADLINE_ONLY.match(child_text.strip()):
                    it.deadline = find_deadline(child_text) or False
                    break
    return it.deadline or None


def _task(it: _Item, text: str, norm: NormText) -> Task:
    s, e = norm.span_to_orig(it.start, it.end)
    own = text[it.text_start:it.end]
    d = _effective_deadline(it, text)
    task = Task(
        label=it.label,
        text=it.display or display(own),
        span=(s, e),
        assignments=list(_effective(it)),
        heading=bool(it.children),
    )
    if d is not None:
        task.deadline = d.iso or d.text
        task.deadline_text = d.text
        task.deadline_period = d.period
    return task


def _table_items(norm: NormText, rows: list[Line], parent: _Item | None, prefix: str | None) -> list[_Item]:
    """Tasks from a table with a "Nội dung" column and a "chủ trì" column."""
    real_rows = [r for r in rows if not r.blank]
    cells = [r.text.split("\t") for r in real_rows]
    for k, row in enumerate(cells[:4]):
        folded = [fold(c) for c in row]
        if any("noi dung" in c or "nhiem vu" in c for c in folded) and any("chu tri" in c for c in folded):
            body = [(r.start, r.end, c) for r, c in zip(real_rows[k + 1:], cells[k + 1:])]
            return _rows_to_items(norm, folded, body, parent, prefix)
    return []


_PLAIN_HEAD = re.compile(r"^\s*(?:stt|tt)\b.*\b(?:noi dung|nhiem vu)\b.*\bchu tri\b")


def _may_head_plain_table(line: str) -> bool:
    """Cheap test that rules out most lines for _PLAIN_HEAD, whose folded
    line starts with "stt" or "tt": folding is per character, so the line's
    first characters fold to the start of that."""
    head = strip_marks(line.lstrip()[:4]).casefold()
    return len(head) < 2 or head.startswith(("st", "tt"))


_ROW_MARK = re.compile(r"^\s*(?P<stt>[IVXL]{1,5}|\d{1,3})[.)]?\s+(?=\S)")


def _plain_table_items(norm: NormText, lines: list[Line], parent: _Item | None,
                       prefix: str | None) -> list[_Item]:
    """A table whose cell separators were lost (PDF text): the header line
    names the columns, a row starts with its number, and the body named at
    the end of a row is the lead ("… thủy sản) Ban cán sự đảng UBND Thành phố")."""
    text = norm.text
    rows: list[list] = []          # [start, end, stt, content_start]
    for ln in lines:
        if ln.blank:
            continue
        m = _ROW_MARK.match(ln.text)
        complete = bool(rows) and _agency_suffix(text[rows[-1][3]:rows[-1][1]]) is not None
        if m or not rows or (complete and ln.text.lstrip()[:1].isupper()):
            rows.append([ln.start, ln.end, m["stt"] if m else "", ln.start + (m.end() if m else 0)])
        else:
            rows[-1][1] = ln.end
    body = []
    for start, end, stt, c_start in rows:
        row_text = re.sub(r"\s+", " ", text[c_start:end]).strip()
        at = _agency_suffix(row_text)
        content, lead = (row_text[:at], row_text[at:]) if at is not None else (row_text, "")
        body.append((start, end, [stt, content.strip(), lead.strip()]))
    return _rows_to_items(norm, ["stt", "noi dung", "chu tri"], body, parent, prefix)


def _agency_suffix(line: str) -> int | None:
    """Start of the longest body name that ends the line, if any."""
    for m in re.finditer(r"(?:(?<=\s)|(?<=\)))(?=[A-ZĐÂĂÊÔƠƯÀ-Ỹ])", line):
        if m.start() > 0 and looks_like_agency(line[m.start():]):
            return m.start()
    return None


def _rows_to_items(norm: NormText, header: list[str], body: list[tuple[int, int, list[str]]],
                   parent: _Item | None, prefix: str | None) -> list[_Item]:
    def col(*keys: str) -> int | None:
        for k, c in enumerate(header):
            if any(key in c for key in keys):
                return k
        return None

    c_stt, c_text = col("stt", "tt"), col("noi dung", "nhiem vu")
    c_lead, c_coord = col("chu tri"), col("phoi hop")
    c_due = col("thoi gian", "thoi han", "tien do", "hoan thanh")
    base = parent.label if parent else (prefix or "")
    out: list[_Item] = []
    section = None
    last_numbered = None
    sub = 0
    text = norm.text
    for start, end, row in body:
        def cell(c):
            return row[c].strip() if c is not None and c < len(row) else ""
        stt, content = cell(c_stt).rstrip("."), cell(c_text)
        if not content:
            continue
        it = _Item("row", stt, start, start, end, table_row=True)
        if re.fullmatch(r"[IVXL]+", stt):
            section, last_numbered, sub = stt, None, 0
            it.label = ".".join(p for p in (base, stt) if p)
        elif stt:
            last_numbered, sub = stt, 0
            it.label = ".".join(p for p in (base, section, stt) if p)
        else:
            sub += 1
            it.label = ".".join(p for p in (base, section, last_numbered, f"-{sub}") if p)
        first_words = content.split()[0] if content.split() else content
        at = text.find(first_words, start, end)
        it.text_start = at if at >= 0 else start
        it.end = min(end, it.text_start + len(content)) if "\n" not in text[start:end] else end
        rs, re_ = norm.span_to_orig(start, end)
        for c, role in ((c_lead, "lead"), (c_coord, "coordinate")):
            who = cell(c)
            if who:
                for name, _, _ in split_agencies(who):
                    it.own.append(Assignment(name, role, norm.original[rs:re_], (rs, re_)))
        due = cell(c_due)
        if due:
            it.deadline = find_deadline("Thời hạn: " + due) or False
        it.display = content
        out.append(it)
    return out
