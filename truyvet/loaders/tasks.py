"""Numbered tasks, who leads, coordinates and monitors them, and by when.

The outline (:mod:`truyvet.loaders.outline`) gives the numbered items; this
module reads each leaf item as units — its head, its bullets, its further
paragraphs — and each unit with the assignment grammar
(:mod:`truyvet.loaders.assignments`). A unit that names no lead takes the one
in force above it: its bullet's, its item's head ("Giao X chủ trì …, như
sau:"), its heading ("1. Sở Tư pháp"), or an ancestor's, up to the section;
the coordinators named with an inherited lead come with it. Field lines
("Cơ quan chủ trì: X", "Thời gian thực hiện: Z") state the facts of the unit
they sit in. An item whose units all agree on lead and deadline is one task;
one whose units differ gives one task per unit, all with the item's label.

Items under a heading such as "MỤC ĐÍCH, YÊU CẦU" or "QUAN ĐIỂM", and lists a
sentence introduces as principles or targets, are not tasks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders.agencies import is_agency
from truyvet.loaders.assignments import LEAD, COORDINATE, MONITOR, heading_names, is_field_line, read_facts
from truyvet.loaders.name_lists import Name
from truyvet.loaders.dates import Deadline
from truyvet.loaders.deadlines import value_deadline
from truyvet.loaders.keys import fold
from truyvet.loaders.normalize import NormText, display
from truyvet.loaders.outline import Item, build_outline
from truyvet.loaders.records import Assignment, Task
from truyvet.loaders.segments import Segmenter
from truyvet.loaders.units import Unit, content_units, own_deadline, own_facts

# Section titles whose items describe, not assign.
_NON_TASK_TITLE = re.compile(
    r"^(?:[IVXLC\d]+[.)\-]\s*)?(?:muc dich|yeu cau|quan diem|muc tieu|doi tuong|pham vi|tinh hinh|ket qua|danh gia"
    r"|nguyen tac|can cu|su can thiet|giai thich tu ngu|boi canh|thuc trang|han che|nguyen nhan|bai hoc"
    r"|ton tai|uu diem|khuyet diem|thuan loi|kho khan|chi tieu|dinh huong|chuc nang|to chuc,? bo may|co cau to chuc)\b"
)
# A sentence that opens a list of principles or criteria, not of duties.
_NON_TASK_LIST = re.compile(
    r"(?:nguyên tắc|quan điểm|mục tiêu|tiêu chí|tiêu chuẩn|điều kiện|định hướng|trường hợp|hành vi)[^.;:]{0,80}:\s*$",
    re.IGNORECASE,
)

# Where an item's head ends: a blank line, or the space after its first stop.
_HEAD_END = re.compile(r"\n\s*\n|(?<=[.:;])\s")

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


# What a subject must be followed by to hand its list of items down: a duty, not an act.
_MODAL = re.compile(r"[\s,]*(?:cần|phải|tập trung|khẩn trương|chủ động|tiếp tục|có trách nhiệm|chịu trách nhiệm|chủ trì|"
                    r"lãnh đạo|chỉ đạo|thực hiện tốt|triển khai thực hiện|nghiêm túc)\b")


@dataclass
class _Scope:
    """The assignment in force: inherited by the units below it."""
    leads: list[Name] = field(default_factory=list)
    coordinates: list[Name] = field(default_factory=list)
    monitors: list[Name] = field(default_factory=list)
    deadline: Deadline | None = None
    deadline_at: int = 0


def extract_tasks(norm: NormText, seg: Segmenter, flat: str, body_start: int,
                  skip: list[tuple[int, int]] = ()) -> list[Task]:
    """Tasks of a document (``flat`` is ``norm.text`` with single line breaks as spaces)."""
    outline = build_outline(norm, seg.lines, body_start, is_agency, list(skip))
    items = outline.items
    first = next((it for it in items if it.kind != "annex"), None)
    reader = _Reader(norm, seg, flat, (body_start, first.start if first else body_start))
    tasks: list[Task] = []
    for it in items:
        if it.kind in ("annex", "bullet") or reader.non_task(it):
            continue
        if it.kind == "row":
            task = reader.row_task(it)
            if task is not None:
                tasks.append(task)
            continue
        if reader.is_field_item(it):
            continue        # "b) Cơ quan thực hiện: …" is a fact of its parent
        if any(c.kind != "bullet" and not reader.is_field_item(c) for c in it.children):
            # A heading: its numbered items are the tasks, unless it assigns
            # work of its own before the sentence that opens them.
            tasks.extend(reader.heading_task(it))
            continue
        tasks.extend(reader.item_tasks(it))
    _number(tasks)
    return tasks


def _number(tasks: list[Task]) -> None:
    """Give each task a key unique in its document; repeated labels stay as written."""
    seen: dict[str, int] = {}
    for t in tasks:
        n = seen[t.label] = seen.get(t.label, 0) + 1
        t.key = t.label if n == 1 else f"{t.label}#{n}"


class _Reader:
    def __init__(self, norm: NormText, seg: Segmenter, flat: str, preamble: tuple[int, int]):
        self.norm, self.seg, self.flat = norm, seg, flat
        self.preamble = preamble
        self._scopes: dict[int, _Scope] = {}
        self._non_task: dict[int, bool] = {}
        self._unit_cache: dict[int, Unit] = {}
        self._field_items: dict[int, bool] = {}

    # -- which items are tasks --------------------------------------------
    def non_task(self, it: Item) -> bool:
        key = id(it)
        if key not in self._non_task:
            self._non_task[key] = self._title_says_non_task(it) or (
                it.parent is not None and self.non_task(it.parent)) or self._introduced_as_non_task(it)
        return self._non_task[key]

    def _title_says_non_task(self, it: Item) -> bool:
        if it.kind in ("row", "annex", "bullet"):
            return False
        head = self._head_text(it)
        if head[-1:] in ".;" or not (it.children or head.isupper()):
            return False        # a sentence that starts "Đánh giá …" is a task, not a section title
        return len(head) <= 100 and bool(_NON_TASK_TITLE.match(fold(head))) and not _names_body_after(head)

    def _introduced_as_non_task(self, it: Item) -> bool:
        """ "… theo một số nguyên tắc chính sau:" opens principles, not duties."""
        parent = it.parent
        if parent is None or parent.kind == "annex" or it.kind == "row":
            return False
        own = self.flat[parent.text_start:parent.end].rstrip()
        return bool(_NON_TASK_LIST.search(own[-200:]))

    def _head_text(self, it: Item) -> str:
        text = self.flat[it.text_start:it.end]
        cut = _HEAD_END.search(text)
        return text[:cut.start() if cut else len(text)].strip()

    # -- inheritance ------------------------------------------------------
    def scope_of(self, it: Item | None) -> _Scope:
        """What an item hands down to the items below it: its own assignment
        (head statement, fields, or a heading that names bodies), else its parent's."""
        if it is None or it.kind == "annex":
            key = id(it)
            if key not in self._scopes:
                start, end = self.preamble if it is None else (it.text_start, it.end)
                self._scopes[key] = self._opening_scope(start, end)
            return self._scopes[key]
        key = id(it)
        if key not in self._scopes:
            parent = self.scope_of(it.parent)
            own = _Scope()
            if it.kind not in ("annex", "row"):
                root = self._units(it)
                leads, monitors, coords, _ = own_facts(root)
                if not leads and not monitors:
                    leads = heading_names(self.flat, it.text_start, self._head_end(it))
                if not leads and not monitors:
                    # "Để …, tỉnh Đắk Lắk cần tập trung thực hiện tốt các nhiệm vụ sau:"
                    intro = next((u for u in reversed(root.children) if u.facts.field_role is None), None)
                    if intro is not None and intro.facts.introduces and intro.facts.has_lead:
                        leads, monitors = intro.facts.leads, intro.facts.monitors
                        coords = coords + intro.facts.coordinates
                own.leads, own.monitors, own.coordinates = leads, monitors, coords
                d = own_deadline(root)
                if d is not None:
                    own.deadline, own.deadline_at = d
            if not own.leads and not own.monitors:
                own.leads, own.monitors = parent.leads, parent.monitors
                own.coordinates = own.coordinates or parent.coordinates
            if own.deadline is None:
                own.deadline, own.deadline_at = parent.deadline, parent.deadline_at
            self._scopes[key] = own
        return self._scopes[key]

    def _opening_scope(self, start: int, end: int) -> _Scope:
        """ "Đề nghị Ban Thường vụ … thực hiện các nhiệm vụ sau:" before a
        document's (or an annex's) first item assigns the items that follow."""
        text = self.flat[start:end].rstrip()
        if not text.endswith(":"):
            return _Scope()
        para = max(text.rfind("\n\n"), -1) + 1
        facts = read_facts(self.flat, start + para, start + len(text))
        if facts.cue == "subject" and facts.leads and not _MODAL.match(self.flat, facts.leads[-1].end):
            return _Scope()     # "Ban Thường vụ … xây dựng Kế hoạch … như sau:" is the issuer speaking
        return _Scope(list(facts.leads), list(facts.coordinates), list(facts.monitors),
                      facts.deadline, facts.deadline_at)

    # -- units ------------------------------------------------------------
    def _head_end(self, it: Item) -> int:
        m = _BLANK_LINE.search(self.flat, it.text_start, it.end)
        return m.start() if m else it.end

    def _units(self, it: Item) -> Unit:
        """The item's head as a unit; its further paragraphs, bullets and
        field items ("b) Cơ quan thực hiện:") as the units below it."""
        key = id(it)
        cached = self._unit_cache.get(key)
        if cached is not None:
            return cached
        head_end = self._para_end(it.text_start, it.end)
        root = self._unit(it.text_start, head_end)
        pos = head_end
        while pos < it.end:
            while pos < it.end and self.flat[pos].isspace():
                pos += 1
            if pos >= it.end:
                break
            nxt = self._para_end(pos, it.end)
            root.children.append(self._unit(pos, nxt))
            pos = nxt
        for child in it.children:
            if child.kind == "bullet" or self.is_field_item(child):
                root.children.append(self._units(child))
        self._unit_cache[key] = root
        return root

    def _unit(self, start: int, end: int) -> Unit:
        """A unit of text; one that names different leads in successive
        clauses ("Giao X chủ trì …; Y chịu trách nhiệm …") holds each clause
        from the second on as a unit of its own."""
        facts = read_facts(self.flat, start, end)
        unit = Unit(start, end, facts)
        cuts = [p for p in facts.statements if p > start + 2]
        if cuts and facts.field_role is None:
            bounds = [start, *cuts, end]
            parts = [(a, b) for a, b in zip(bounds, bounds[1:])]
            first = read_facts(self.flat, *parts[0])
            rest = [Unit(a, b, read_facts(self.flat, a, b)) for a, b in parts[1:]]
            names = {tuple(n.text for n in u.facts.leads) for u in [Unit(0, 0, first), *rest]}
            if len(names) > 1:
                unit = Unit(start, parts[0][1], first, rest)
        return unit

    def is_field_item(self, it: Item) -> bool:
        """ "b) Cơ quan thực hiện:", "c) Thời gian thực hiện: …": a field of its parent, not an item."""
        if it.kind in ("row", "annex", "bullet") or it.parent is None:
            return False
        key = id(it.parent)            # the answer is the same for every child
        if key not in self._field_items:
            self._field_items[key] = all(is_field_line(self.flat, c.text_start, min(c.end, c.text_start + 200))
                                         for c in it.parent.children if c.kind != "bullet")
        return self._field_items[key]

    def _para_end(self, start: int, end: int) -> int:
        """End of the paragraph at ``start``: a blank line before a capital,
        after a finished sentence or a heading line."""
        text = self.flat
        pos = start
        while True:
            m = _BLANK_LINE.search(text, pos, end)
            if not m:
                return end
            before = text[start:m.start()].rstrip()
            if before and text[m.end():m.end() + 1].isupper() and (before[-1:] in ".:;!?…)" or len(before) < 120):
                return m.start()
            pos = m.end()

    # -- tasks ------------------------------------------------------------
    def item_tasks(self, it: Item) -> list[Task]:
        scope = self.scope_of(it.parent)
        root = self._units(it)
        resolved = []
        for unit, chain in content_units(root, self.flat):
            leads, monitors, coords, source = [], [], [], None
            for u in (unit, *chain):
                leads, monitors, c, _ = own_facts(u)
                if leads or monitors:
                    source = u
                    break
            if source is None:
                leads, monitors = heading_names(self.flat, it.text_start, self._head_end(it)), []
                if not leads:
                    leads, monitors = scope.leads, scope.monitors
                    coords = list(scope.coordinates)
            for u in (unit, *chain):
                coords.extend(x for x in own_facts(u)[2] if x.text not in {c.text for c in coords})
                if u is source:
                    break
            d = None
            for u in (unit, *chain):
                d = own_deadline(u)
                if d is not None:
                    break
            deadline, at = d if d is not None else (scope.deadline, scope.deadline_at)
            resolved.append((unit, leads, monitors, coords, deadline))
        resolved = [r for r in resolved if (r[1] or r[2]) and self.flat[r[0].start:r[0].end].strip()]
        if not resolved:
            return []
        if len({(tuple(n.text for n in r[1]), r[4].text if r[4] else None) for r in resolved}) == 1:
            _, leads, monitors, _, deadline = resolved[0]
            coords: list[Name] = []
            for r in resolved:
                coords.extend(c for c in r[3] if c.text not in {x.text for x in coords})
            return [self._task(it.label, it.start, it.stop, leads, monitors, coords, deadline, it.text_start)]
        return [self._task(it.label, it.start if u is root else u.start, it.stop if u is root and not u.children else u.end,
                           leads, monitors, coords, deadline, u.start)
                for u, leads, monitors, coords, deadline in resolved]

    def _task(self, label: str, start: int, end: int, leads, monitors, coords, deadline: Deadline | None,
              text_start: int | None = None) -> Task:
        s, e = self.norm.span_to_orig(start, end)
        ts = self.norm.span_to_orig(text_start, end)[0] if text_start is not None else s
        task = Task(label=label, text=display(self.norm.original[ts:e]), span=(s, e))
        seen = set()
        for role, names in ((LEAD, leads), (MONITOR, monitors), (COORDINATE, coords)):
            for n in names:
                key = (fold(n.text), role)
                if key in seen or (role == COORDINATE and (fold(n.text), LEAD) in seen):
                    continue
                seen.add(key)
                a, b = self.seg.sentence_at(n.start)
                os_, oe = self.norm.span_to_orig(a, b)
                task.assignments.append(Assignment(n.text, role, self.norm.original[os_:oe], (os_, oe)))
        if deadline is not None:
            task.deadline = deadline.iso or deadline.text
            task.deadline_text = deadline.text
            task.deadline_period = deadline.period
        return task

    def heading_task(self, it: Item) -> list[Task]:
        """ "1. Về …" / "Đề nghị X …: tổ chức …, hoàn thành trước …" / "Một số vấn đề
        lưu ý:" / (1) (2) …: the paragraph before the list is a task of item 1."""
        root = self._units(it)
        paras = [root, *(u for u in root.children if u.facts.field_role is None)]
        if len(paras) < 2 or not paras[-1].facts.introduces or paras[-1].facts.has_lead:
            return []
        for u in paras[:-1]:
            if u.facts.has_lead and u.facts.cue not in ("label", None) and not u.facts.introduces:
                d = (u.facts.deadline, u.facts.deadline_at) if u.facts.deadline else (None, 0)
                return [self._task(it.label, u.start, u.end, u.facts.leads, u.facts.monitors,
                                   u.facts.coordinates, d[0])]
        return []

    def row_task(self, it: Item) -> Task | None:
        row = it.row
        content = row.cells.get("content")
        if content is None:
            return None
        s, e = self.norm.span_to_orig(row.start, row.end)
        task = Task(label=it.label, text=content.text, span=(s, e))
        evidence = self.norm.original[s:e]
        seen: set[str] = set()
        for role, key in ((LEAD, "lead"), (COORDINATE, "coordinate")):
            cell = row.cells.get(key)
            if cell is None:
                continue
            for name in _split_cell(cell.text):
                if fold(name) not in seen:      # a body is lead or coordinator, not both
                    seen.add(fold(name))
                    task.assignments.append(Assignment(name, role, evidence, (s, e)))
        if not any(a.role == LEAD for a in task.assignments):
            return None
        due = row.cells.get("deadline")
        if due is not None and due.text:
            d = value_deadline(due.text)
            task.deadline, task.deadline_text, task.deadline_period = d.iso or d.text, d.text, d.period
        return task


def _split_cell(text: str) -> list[str]:
    from truyvet.loaders.agencies import split_agencies
    return [n for n, _, _ in split_agencies(text.replace(";", ","))] or [text]


def _names_body_after(head: str) -> bool:
    """ "Yêu cầu các cấp uỷ …" is a request, not the title "Yêu cầu"."""
    words = head.split(None, 1)
    if len(words) < 2:
        return False
    rest = words[1]
    return is_agency(rest.split(",")[0][:90]) or is_agency(" ".join(rest.split()[:6]))
