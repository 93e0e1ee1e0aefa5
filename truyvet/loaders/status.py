"""Status statements: what a later document says about the tasks of others.

Reports, Thông báo kết luận and plans say where assigned work stands, in two
shapes:

* a table row with a status cell — the Government Office's tracking tables
  ("STT | Tên nhiệm vụ | Đơn vị chủ trì | Thời hạn | Kết quả thực hiện | Tiến
  độ" with "Đã hoàn thành", "Đã hoàn thành quá hạn", "Chưa hoàn thành"), or a
  table under a heading that gives the status of every row ("Các nhiệm vụ …
  quá hạn chưa hoàn thành");
* a sentence: "Bộ X đã hoàn thành việc xây dựng Đề án …", "… chưa hoàn thành
  công tác giải phóng mặt bằng theo chỉ đạo tại Thông báo số …".

:func:`find_status_statements` finds them in a parsed document, each with its
evidence (exactly ``text[span]``), the document whose task it is (a reference
in the row or sentence, else the one the table's heading names) and the
parts :func:`read_statement` recovers from the evidence alone — so a store
that keeps only the evidence can read the statement again the same way.

A sentence is taken only when it names the document whose task it reports
on, and never where a condition is stated ("sau khi đã hoàn thành …",
"trường hợp chưa hoàn thành …"): laws and regulations use the same words for
rules, not for progress.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from truyvet.loaders.agencies import looks_like_agency
from truyvet.loaders.due import normalise_deadline
from truyvet.loaders.keys import fold
from truyvet.loaders.records import ParsedDocument, Reference
from truyvet.loaders.scan import literal_spans, lowered

# A whole cell that is a status (folded). Order matters: "chua hoan thanh"
# before "hoan thanh".
_CELL_STATUS = (
    ("not_done", re.compile(r"(?:qua han,? )?chua (?:hoan thanh|thuc hien|xong)(?: qua han)?|cham tien do|qua han")),
    ("done", re.compile(r"(?:da )?(?:co ban )?hoan thanh(?: (?:qua han|dung han|dung tien do|truoc han|tre han))?"
                        r"|da (?:thuc hien )?xong|da thuc hien")),
    ("in_progress", re.compile(r"dang (?:trien khai|thuc hien|hoan thien|xay dung|trien khai thuc hien|lam)"
                               r"|dang tiep tuc thuc hien")),
)
_LATE = re.compile(r"qua han|tre han|cham")

# A status in running text, and the words around it that make it a rule.
_SENTENCE_CUE = re.compile(
    r"\b(?:đã (?:cơ bản )?hoàn thành|cơ bản hoàn thành|chưa hoàn thành|đang (?:triển khai|thực hiện)"
    r"|đã thực hiện xong)\b", re.IGNORECASE)
_CUE_TAILS = ("hoàn thành", "đang triển khai", "đang thực hiện", "đã thực hiện xong")
_CONDITION = re.compile(
    r"\b(?:sau khi|khi|nếu|trường hợp|đến khi|cho đến khi|chỉ được|mới được|giấy tờ chứng minh|điều kiện"
    r"|đối với|thì|phải|bảo đảm|đảm bảo)\b", re.IGNORECASE)
# A heading: bold, or a line in capitals.
_CAPTION = re.compile(r"(?m)\*\*([^*]{10,400})\*\*|^[^a-zà-ỹ\n]{10,300}$")
# Headings that give every row below them one status.
# (Matched on lower-cased text: IGNORECASE is slow on long Vietnamese texts.)
_CAPTION_STATUS = re.compile(r"quá hạn,? chưa hoàn thành|chưa hoàn thành|chậm,? muộn|chậm tiến độ|đã hoàn thành")

_CELL_LINE = re.compile(r"[ \t|*]*([^\n|\t]{4,40}?)[ \t*]*(?=\||\t|\n|$)")
_STATUS_WORD = re.compile(r"hoàn|thực hiện|triển khai|xong|xây dựng|tiến độ|quá hạn|làm")
_SEP_LINE = re.compile(r"^[ \t]*\|?[ \t]*$")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)"
                   r"|ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# A cell that names the document a task comes from ("Nghị quyết số 71/NQ-CP").
_DOC_CELL = re.compile(r"(?:Nghị quyết|Thông báo|Kế hoạch|Quyết định|Chỉ thị|Kết luận|Công văn|Văn bản|Chương trình"
                       r"|Nghị định|Thông tư|Đề án|Công điện)\b[^|\n]{0,90}$", re.IGNORECASE)
_STT = re.compile(r"^\s*(?:\*\*)?[IVXLC]{1,6}\.?(?:\*\*)?\s*$|^\s*\d{1,4}(?:\.\d{1,3}){0,3}\.?\s*$")


@dataclass
class Statement:
    """One status statement. ``target`` is the document whose task it reports
    on (None: the reporting document itself)."""
    status: str                        # done | not_done | in_progress
    cue: str                           # the status words as written
    evidence: str                      # text[span]: the row or the sentence
    span: tuple[int, int]
    target: Reference | None = None
    subject: str = ""                  # the task as the report names it
    lead: str | None = None            # the body named with it
    deadline: str | None = None        # the deadline the report repeats
    stated: str | None = None          # ISO date the report gives for the result
    late: bool = False                 # the report itself says it was late
    form: str = "sentence"             # "row" | "sentence"


@dataclass
class Parts:
    stt: str = ""
    subject: str = ""
    lead: str | None = None
    deadline: str | None = None
    stated: str | None = None
    late: bool = False


def cell_status(cell: str) -> str | None:
    """The status a short cell states, or None.

    >>> cell_status("Đã hoàn thành quá hạn"), cell_status("Chưa hoàn thành"), cell_status("Đang triển khai")
    ('done', 'not_done', 'in_progress')
    >>> cell_status("Bộ Khoa học và Công nghệ") is None
    True
    """
    key = fold(cell).strip(" .;*_:")
    if not key or len(key) > 40:
        return None
    return next((s for s, pat in _CELL_STATUS if pat.fullmatch(key)), None)


def status_of_cue(cue: str) -> str:
    """done / not_done / in_progress for the words of a sentence cue or a heading."""
    key = fold(cue)
    if "chua" in key or "cham" in key or "muon" in key:
        return "not_done"
    if key.startswith("dang"):
        return "in_progress"
    return "done"


# --- table rows --------------------------------------------------------------

def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cell spans of one row: "|" lines between cells (a copied web table), or
    pipes and TABs inside one line (Markdown, TSV)."""
    seg = text[start:end]
    if "\n" in seg.strip("\n"):
        out, pos = [], start
        for line in seg.splitlines(keepends=True):
            if _SEP_LINE.match(line.rstrip("\n")) and line.strip():
                out.append((pos, start + seg.index(line, pos - start)))
                pos = start + seg.index(line, pos - start) + len(line)
        out.append((pos, end))
    else:
        out, pos = [], start
        for m in re.finditer(r"[|\t]", seg):
            out.append((pos, start + m.start()))
            pos = start + m.end()
        out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip(" \t\n|*")]


def _row_bounds(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The table row around the cell text[a:b], or None outside a table."""
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if line.count("|") + line.count("\t") >= 3:
        return line_start, line_end
    # A copied web table: rows end where two "|" lines meet — and so does an
    # empty cell, so a row is taken back to the boundary its number follows.
    boundary = re.compile(r"\n[ \t]*\|[ \t]*\n[ \t]*\|[ \t]*(?=\n)")
    before = [m.end() for m in boundary.finditer(text, max(0, a - 6000), a)]
    after = boundary.search(text, b)
    if not before or after is None:
        return None
    for start in reversed(before[-8:]):
        if _STT.match(text[start + 1:text.find("\n", start + 1)]):
            return start + 1, after.start() + 1
    return before[-1] + 1, after.start() + 1


def read_statement(evidence: str, status: str | None = None) -> Parts:
    """The parts of a statement, read from its evidence alone.

    A row's cells are taken by kind: the first cell of several words is the
    task, a short cell that names a body its lead, a cell that is only a time
    its deadline, the others the result (whose latest date is the stated one).

    >>> p = read_statement("5\\n|\\nKhẩn trương hoàn thiện dự thảo Luật Trí tuệ nhân tạo, trình Chính phủ\\n|\\n"
    ...                    "Bộ Khoa học và Công nghệ\\n|\\n31/12/2025\\n|\\nChính phủ đã trình QH dự án Luật tại "
    ...                    "Tờ trình số 1039/TTr-CP ngày 07/11/2025\\n|\\nĐã hoàn thành")
    >>> p.lead, p.deadline, p.stated, p.late
    ('Bộ Khoa học và Công nghệ', '31/12/2025', '2025-11-07', False)
    """
    cells = [evidence[a:b] for a, b in _cells(evidence, 0, len(evidence))]
    if len(cells) < 3:
        return _sentence_parts(evidence)
    parts = Parts()
    rest: list[str] = []
    for raw in cells:
        cell = " ".join(raw.replace("**", "").split())
        if not parts.subject:
            if _STT.match(cell) and not parts.stt:
                parts.stt = cell.strip(" .")
            if _STT.match(cell) or len(cell.split()) < 4:
                continue
            parts.subject = cell
            continue
        st = cell_status(cell)
        if _DOC_CELL.match(cell) and len(cell) < 100:
            continue
        if st:
            parts.late = parts.late or bool(_LATE.search(fold(cell)))
            continue
        due = normalise_deadline(cell) if len(cell) < 60 else None
        if parts.deadline is None and due and due.due and len(cell.split()) <= 8:
            parts.deadline = cell
        elif parts.lead is None and len(cell) < 150 and cell[:1].isupper() and not re.search(r"\d{3,}", cell):
            parts.lead = cell
        else:
            rest.append(cell)
    parts.stated = _latest_date(" ".join(rest))
    return parts


def _sentence_parts(sentence: str) -> Parts:
    s = " ".join(sentence.replace("**", "").split())
    m = _SENTENCE_CUE.search(s)
    if not m:
        return Parts(subject=s)
    before, after = s[:m.start()].strip(" ,;:-"), s[m.end():].strip(" ,;:.-")
    lead = before if before and before[:1].isupper() and len(before.split()) <= 12 else None
    subject = after if len(after.split()) >= 3 else before
    return Parts(subject=subject, lead=lead, stated=_latest_date(s),
                 late=bool(re.search(r"quá hạn|trễ hạn|chậm", s, re.IGNORECASE)))


def _latest_date(text: str) -> str | None:
    from truyvet.loaders.dates import make_date
    dates = []
    for m in _DATE.finditer(text):
        d, mo, y = (m[1], m[3], m[4]) if m[1] else (m[5], m[6], m[7])
        iso = make_date(int(y), int(mo), int(d))
        if iso:
            dates.append(iso)
    return max(dates) if dates else None


_CELL_OPEN = re.compile(r"(?:\||\t|\n[ \t]*\|[ \t]*\n)[ \t*]*$")
_CELL_CLOSE = re.compile(r"[ \t*]*(?:\||\t|\n[ \t]*\|)")


def _cell_lines(text: str):
    """Matches of _CELL_LINE at the start of each line that holds a status word."""
    haystack = lowered(text) or text
    pos = 0
    # Only a line's first status word counts: the search goes on from its end.
    while (w := _STATUS_WORD.search(haystack, pos)) is not None:
        start = text.rfind("\n", 0, w.start()) + 1
        end = text.find("\n", start)
        pos = len(text) if end < 0 else end
        if pos - start > 60 and text.find("|", start, w.start()) < 0 and text.find("\t", start, w.start()) < 0:
            continue            # a line of prose, not a cell
        m = _CELL_LINE.match(text, start)
        if m:
            yield m


def _whole_cell(text: str, a: int, b: int) -> bool:
    """Is text[a:b] a cell by itself, not the last line of a longer one
    ("Số lượng công việc / hoàn thành")?"""
    return bool(_CELL_OPEN.search(text, max(0, a - 12), a)) and bool(_CELL_CLOSE.match(text, b))


def _row_statements(doc: ParsedDocument) -> list[Statement]:
    text = doc.text
    out: list[Statement] = []
    seen: set[tuple[int, int]] = set()
    headings: list[Reference] | None = None
    # Status cells: a short line (or a piece of one) that is only a status,
    # between separators. Status words are found first (a literal search),
    # then the line around each is read: most lines hold none.
    for m in _cell_lines(text):
        status = cell_status(m.group(1))
        if not status or not _whole_cell(text, m.start(1), m.end(1)):
            continue
        bounds = _row_bounds(text, m.start(1), m.end(1))
        if not bounds or bounds in seen:
            continue
        a, b = bounds
        evidence = text[a:b]
        parts = read_statement(evidence, status)
        if not parts.subject:
            continue
        seen.add(bounds)
        headings = _heading_refs(doc) if headings is None else headings
        out.append(Statement(status, m.group(1).strip(), evidence, bounds, _target_of(doc, a, b, headings),
                             parts.subject, parts.lead, parts.deadline, parts.stated, parts.late, "row"))
    low = lowered(text) or text.lower()
    # Every caption status holds one of two literals: looking for them first halves the scan.
    if ("hoàn thành" in low or "chậm" in low) and _CAPTION_STATUS.search(low):
        out.extend(_caption_statements(doc, seen, _heading_refs(doc) if headings is None else headings))
    return sorted(out, key=lambda s: s.span)


def _caption_statements(doc: ParsedDocument, seen: set, headings: list[Reference]) -> list[Statement]:
    """Rows of a table whose heading gives their status ("… quá hạn chưa hoàn thành")."""
    text = doc.text
    out = []
    for head in _CAPTION.finditer(text):
        found = _CAPTION_STATUS.search(head.group().lower())
        if not found or "nhiệm vụ" not in head.group().lower():
            continue
        cue = head.group()[found.start():found.end()]      # as written
        # The table right below: numbered rows until the next heading.
        stop = re.compile(r"\n\*\*\d+\.|\n\*\*PHỤ LỤC|\n[IVX]+\.\s", re.IGNORECASE).search(text, head.end())
        end = stop.start() if stop else len(text)
        pos = head.end()
        for row in re.finditer(r"\n[ \t]*\|[ \t]*\n[ \t]*\|[ \t]*\n", text[pos:end]):
            a = pos + row.end()
            nxt = re.compile(r"\n[ \t]*\|[ \t]*\n[ \t]*\|[ \t]*\n").search(text, a, end)
            b = nxt.start() + 1 if nxt else end
            evidence = text[a:b]
            if (a, b) in seen or not _STT.match(evidence.split("\n", 1)[0]):
                continue
            parts = read_statement(evidence)
            if not parts.subject or not parts.deadline:
                continue
            seen.add((a, b))
            out.append(Statement(status_of_cue(cue), cue, evidence, (a, b),
                                 _target_of(doc, a, b, headings), parts.subject, parts.lead, parts.deadline,
                                 parts.stated, parts.late or bool(_LATE.search(fold(cue))), "row"))
    return out


def _heading_refs(doc: ParsedDocument) -> list[Reference]:
    """References named in table headings ("KẾT QUẢ THỰC HIỆN NHIỆM VỤ TẠI THÔNG
    BÁO KẾT LUẬN SỐ 552/TB-VPCP"), in order; not the document itself."""
    text, own = doc.text, doc.identity.symbol
    out = []
    for r in doc.references:
        if not r.symbol or r.symbol == own:
            continue
        a = text.rfind("\n", 0, r.mention_span[0]) + 1
        line = text[a:text.find("\n", r.mention_span[1]) % (len(text) + 1)]
        letters = [c for c in line if c.isalpha()]
        heading = letters and sum(c.isupper() for c in letters) > 0.7 * len(letters)
        near = fold(text[max(0, r.mention_span[0] - 200):r.mention_span[0]])
        if heading and ("nhiem vu" in near or "ket qua" in near) and "kem theo" not in near[-40:]:
            out.append(r)
    return out


def _target_of(doc: ParsedDocument, a: int, b: int, headings: list[Reference]) -> Reference | None:
    """The document whose task a row reports on: the one its "văn bản giao nhiệm
    vụ" cell names, else the one the nearest table heading above names. A
    document cited in the result cell is evidence of the work, not its source."""
    for ca, cb in _cells(doc.text, a, b):
        cell = " ".join(doc.text[ca:cb].replace("**", "").split())
        if _DOC_CELL.match(cell):
            inside = [r for r in doc.references if ca <= r.mention_span[0] < cb and r.symbol != doc.identity.symbol]
            if inside:
                return inside[0]
    above = [r for r in headings if r.mention_span[0] < a]
    return above[-1] if above else None


# --- sentences -----------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n\s*\n|\n(?=[-+•]\s)")


def _reporting_subject(text: str, a: int, cue_at: int) -> bool:
    """Is what stands before the cue a body ("Bộ Nội vụ đã hoàn thành …") or a
    piece of work ("Việc xây dựng Đề án … đã hoàn thành")? Rules in laws put a
    class of people there ("người sử dụng đất đã hoàn thành nghĩa vụ …")."""
    clause = re.split(r"[.;:\n]|, ", text[a:cue_at])[-1].strip(" *-+•")
    if not clause:
        return False
    if looks_like_agency(clause):
        return True
    # A piece of work opens its sentence, capitalised: "Việc …", "Nhiệm vụ …";
    # "dự án đang thực hiện" mid-sentence only describes the project.
    return clause[:1].isupper() and len(clause.split()) >= 2 and fold(clause).startswith(_WORK_SUBJECTS) \
        and not fold(text[cue_at:cue_at + 4]).startswith("dang")


_WORK_SUBJECTS = ("nhiem vu", "viec ", "cong tac ", "de an ", "du an ", "ke hoach ", "chuong trinh ")


def _sentence_statements(doc: ParsedDocument, taken: list[tuple[int, int]]) -> list[Statement]:
    text = doc.text
    out = []
    # Lower-case once and match without IGNORECASE: several times faster on
    # long texts; Vietnamese letters keep their length when lowered.
    low = lowered(text) or text
    # The tail of every cue is a literal; the cue is checked in a window before it.
    cues = (_SENTENCE_CUE.search(low, max(0, a - 12), b) for a, b in literal_spans(low, _CUE_TAILS))
    for m in (c for c in cues if c):
        if any(a <= m.start() < b for a, b in taken):
            continue
        a = max((e.end() for e in _SENTENCE_END.finditer(text, max(0, m.start() - 600), m.start())),
                default=max(0, m.start() - 600))
        e = _SENTENCE_END.search(text, m.end())
        b = e.start() if e else len(text)
        sentence = text[a:b]
        if _CONDITION.search(text[a:m.start()]) or len(sentence) > 700 or not _reporting_subject(text, a, m.start()):
            continue
        refs = [r for r in doc.references if a <= r.mention_span[0] < b and r.symbol != doc.identity.symbol
                and (r.symbol or r.name)]
        if not refs:
            continue
        parts = _sentence_parts(sentence)
        if len(parts.subject.split()) < 3:
            continue
        out.append(Statement(status_of_cue(m.group()), m.group(), sentence, (a, b), refs[0], parts.subject,
                             parts.lead, None, parts.stated, parts.late, "sentence"))
    return out


def find_status_statements(doc: ParsedDocument) -> list[Statement]:
    """Every status statement of ``doc``: table rows first, then sentences
    outside those rows."""
    rows = _row_statements(doc)
    return rows + _sentence_statements(doc, [s.span for s in rows])
