"""Who is to do a task: the assignment grammar of directives and plans.

Real documents assign work in a handful of constructions, and each is a rule
here, read on a span of the flattened text (hard line breaks as spaces):

* "Giao X chủ trì, phối hợp với Y …", "Giao cho X …"      → X leads, Y coordinates
* "X chủ trì[, phối hợp với Y] …", "X là cơ quan chủ trì"  → X leads
* "Cơ quan/Đơn vị chủ trì (thực hiện): X", "Cơ quan thực hiện: X",
  "Cơ quan/Đơn vị phối hợp: Y", "Thời gian thực hiện/hoàn thành: Z" fields
* "Đề nghị X …", "Yêu cầu X …"                              → X leads
* "X có trách nhiệm …", "X chịu trách nhiệm (thi hành …)"  → X leads
* "Trách nhiệm của X: …"                                   → X leads
* "X: Theo dõi, đôn đốc …"                                  → X monitors; "X: <tasks>" → X leads
* "X giúp Y …", "X <action> …" at the start of an item      → X leads
* "Phối hợp với Y …" with no subject                        → Y coordinates (the lead is inherited)

X and Y are lists of bodies (:mod:`truyvet.loaders.name_lists`) read by the
agency-name grammar (:mod:`truyvet.loaders.agencies`): a statement holds only
when its names are bodies and what follows them is a verb, so "những hành vi
nghiêm cấm" or "Hội nghị được đồng chí …" never lead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders.agencies import is_agency, split_agencies
from truyvet.loaders.dates import Deadline
from truyvet.loaders.deadlines import find_deadline, value_deadline
from truyvet.loaders.name_lists import Name, read_names

LEAD, COORDINATE, MONITOR = "lead", "coordinate", "monitor"


@dataclass
class Facts:
    """What one span (an item's head, a bullet, a paragraph) says."""
    leads: list[Name] = field(default_factory=list)
    coordinates: list[Name] = field(default_factory=list)
    monitors: list[Name] = field(default_factory=list)
    deadline: Deadline | None = None
    deadline_at: int = 0            # where the deadline was found (flat offset)
    cue: str | None = None          # the construction that gave the lead
    introduces: bool = False        # ends by opening a list ("… như sau:")
    field_role: str | None = None   # the span is a field line: lead | coordinate | deadline | content
    statements: list[int] = field(default_factory=list)   # where each clause that names a lead starts

    @property
    def has_lead(self) -> bool:
        return bool(self.leads or self.monitors)


# Field lines of state plans and their tables-in-text.
_FIELD = re.compile(
    r"(?P<label>(?:Cơ quan|Đơn vị|Bộ phận)\s+(?:chủ trì(?:\s+(?:thực hiện|tham mưu|soạn thảo))?|thực hiện(?:\s+chính)?|tham mưu"
    r"|phối hợp(?:\s+thực hiện)?|theo dõi(?:,\s*đôn đốc)?)"
    r"|Chủ trì(?:\s+thực hiện)?|Phối hợp(?:\s+thực hiện)?|Trách nhiệm thực hiện|Phân công thực hiện"
    r"|Nhiệm vụ|Nội dung(?:\s+(?:thực hiện|công việc|nhiệm vụ))?|Kết quả(?:\s+dự kiến)?|Sản phẩm(?:\s+đầu ra)?"
    r"|(?:Nguồn\s+)?[Kk]inh phí(?:\s+thực hiện)?"
    r"|(?:Thời gian|Thời hạn|Tiến độ)(?:\s+(?:hoàn thành|thực hiện|ban hành|trình|báo cáo|triển khai))?)\s*:\s*",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"(?:^|(?<=[.;:!?])\s+|(?<=\n)|(?<=[a-zà-ỹđ] )(?=(?:Giao|Đề nghị|Yêu cầu|Phân công) ))(?=\S)")
_GIAO = re.compile(r"(?P<verb>[Gg]iao(?:\s+cho)?|Đề nghị|Kính đề nghị|Yêu cầu|đề nghị|yêu cầu|Phân công)\s*:?\s+(?=\S)")
_LEAD_AFTER = re.compile(
    r"\s*,?\s*(?:\((?:cơ quan|đơn vị) chủ trì\)|(?:là|làm|giữ vai trò)\s+(?:cơ quan|đơn vị)\s+(?:chủ trì|đầu mối)"
    r"|(?:là|làm)\s+đầu mối|chủ trì|được giao chủ trì)\b", re.IGNORECASE)
_COORD_AFTER = re.compile(
    r"\s*,?\s*(?:và\s+|có trách nhiệm\s+|chủ động\s+|tích cực\s+)?phối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+(?=\S)",
    re.IGNORECASE)
_RESPONSIBLE = re.compile(r"\s*(?:có|chịu)\s+trách nhiệm\b")
_HELPS = re.compile(r"\s*giúp\s+")
# "Sở Tài chính, trên cơ sở đề xuất …, chủ trì …", "các Sở, ngành theo chức năng, nhiệm vụ triển khai …":
# a qualifying phrase between the subject and its duty.
_INTERPOSED = re.compile(
    r"\s*,?\s*(?:trên cơ sở|căn cứ|theo|trong phạm vi|trong|sau khi|đối với)\b[^.;:]{3,160}?[,\s]\s*"
    r"(?:là cơ quan |làm )?(?:chủ trì|có trách nhiệm|chịu trách nhiệm|triển khai|thực hiện|tổ chức|chủ động|"
    r"khẩn trương|tập trung)\b")
# The issuer speaking ("Ủy ban Thường vụ Quốc hội quyết nghị:", "Bộ Chính trị kết luận như sau:"):
# what follows is the document's content, not this body's task.
_SPEAKS = re.compile(
    r"\s*(?:quyết nghị|quyết định|kết luận|chỉ thị|thông báo|có ý kiến(?: chỉ đạo)?|nhất trí|đồng ý|ghi nhận|"
    r"đánh giá cao|nhận thấy|cho rằng)(?:\s+(?:như sau|một số nội dung sau|các nội dung sau))?\s*:")
_DELEGATES = re.compile(r"\s*(?:giao(?:\s+cho)?|đề nghị|yêu cầu|phân công)\s+(?=\S)")
_TRACH_NHIEM_CUA = re.compile(r"(?:Trách nhiệm|Nhiệm vụ) của\s+", re.IGNORECASE)
_MONITOR = re.compile(r"\s*(?:Theo dõi|Giám sát|Kiểm tra, giám sát|Đôn đốc|Kiểm tra, đôn đốc|Chủ trì theo dõi)", re.IGNORECASE)
_INTRODUCES = re.compile(r"(?:sau|như sau|dưới đây|cụ thể)\s*:\s*$|:\s*$")
# Words after a body that show it is not the subject of an action.
_NOT_A_VERB = re.compile(
    r"\s*(?:của|về|đã|đang|vừa|là|và|với|tại|trong|theo|thuộc|trực thuộc|có liên quan|liên quan|nêu|này|đó|"
    r"cho|các|những|năm|ngày|số|khóa|khoá|nhiệm kỳ|ban hành|lần|được(?!\s+(?:giao|phân công)))\b"
)


def is_field_line(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` open with a field label? Exactly when
    :func:`read_facts` gives it a ``field_role``, without reading the rest."""
    return _field_match(text[start:end].lstrip()) is not None


def _field_match(span: str) -> re.Match | None:
    return _FIELD.match(span.lstrip(" -+*•\t"))


def read_facts(text: str, start: int, end: int, *, at_item_start: bool = True) -> Facts:
    """Assignments, deadline and list opening stated in ``text[start:end]``."""
    facts = Facts()
    while start < end and text[start].isspace():
        start += 1
    span = text[start:end]
    fm = _field_match(span)
    if fm:
        _field_line(text, start + len(span) - len(span.lstrip(" -+*•\t")), end, fm, facts)
        return facts
    for cm in _CLAUSE_START.finditer(span):
        pos = start + cm.end()
        if pos >= end:
            break
        first = pos == start + len(span) - len(span.lstrip())
        before = len(facts.leads) + len(facts.monitors)
        _clause(text, pos, end, facts, at_item_start and (first or text[pos - 2:pos].strip() in (".", ";")))
        if before == 0 and not facts.leads and _OPENER.match(text, pos, end):
            _after_opener(text, pos, end, facts)
        if len(facts.leads) + len(facts.monitors) > before:
            facts.statements.append(pos)
    if not facts.leads and not facts.monitors:
        _labelled(text, start, end, facts)
    if not facts.leads and not facts.monitors:
        _inline_fields(text, start, end, facts)
    d = find_deadline(span)
    if d is not None:
        facts.deadline, facts.deadline_at = d, start + d.start
    facts.introduces = bool(_INTRODUCES.search(span.rstrip()))
    return facts


# Adverbials that may open a clause before its subject: "Căn cứ kế hoạch …, Trung tâm thông báo …",
# "Hằng năm, Trung tâm tổ chức …". Conditions ("Trường hợp …, đơn vị chịu trách nhiệm") are rules, not duties.
_OPENER = re.compile(
    r"(?:Căn cứ|Trên cơ sở|Để|Nhằm|Sau khi|Đối với|Hằng năm|Hàng năm|Hằng quý|Hằng tháng|Định kỳ|Tháng \d{1,2}|"
    r"Trong (?:năm|quý|tháng|thời gian|quá trình|ngày|\d{1,3} ngày)|Sau \d{1,3} ngày|Đồng thời|Ngoài ra|Bên cạnh đó|Theo đó|Từ nay|Trước ngày|Chậm nhất)\b"
)


_SUBJECT_START = re.compile(r"[A-ZĐÀ-Ỹ]|(?:các|những|mỗi|từng|cấp|tỉnh|thành phố|huyện|xã|phường)\s")
_CONDITION = re.compile(r"\b(?:nếu|trường hợp|khi có|trong trường hợp)\b", re.IGNORECASE)


def _after_opener(text: str, pos: int, end: int, facts: Facts) -> None:
    """The subject after an opening adverbial: the first comma followed by bodies and a verb."""
    stop = min(end, pos + 500)
    m = re.search(r"[.;:]", text[pos:stop])
    if m:
        stop = pos + m.start()
    if _CONDITION.search(text, pos, stop):
        return      # "nếu có vướng mắc, các cơ quan … báo cáo": a rule for a case, not a duty
    for cm in re.finditer(r",\s+", text[pos:stop]):
        at = pos + cm.end()
        gm = _GIAO.match(text, at, end)
        if gm:
            # "Trên cơ sở …, đề nghị các cấp ủy Đảng, chính quyền … rà soát …"
            names, after = read_names(text, gm.end(), end)
            if names:
                _add_leads(facts, names, "request")
                _coordinates(text, after, end, facts)
                return
            continue
        if not _SUBJECT_START.match(text, at, end):
            continue        # ", ban, ngành chuyên môn": the comma is inside a list, not before a subject
        names, after = read_names(text, at, end)
        vm = _DELEGATES.match(text, after, end) if names else None
        if vm:
            # "Để …, Bộ Chính trị yêu cầu các tỉnh ủy, thành ủy …": the bodies asked lead.
            given, after = read_names(text, vm.end(), end)
            if given:
                _add_leads(facts, given, "request")
                _coordinates(text, after, end, facts)
                return
        if names and (_LEAD_AFTER.match(text, after, end) or _RESPONSIBLE.match(text, after, end)
                      or _COORD_AFTER.match(text, after, end) or _is_action(text, after, end)
                      or _INTERPOSED.match(text, after, end)):
            _add_leads(facts, names, "subject")
            _coordinates(text, after, end, facts)
            return


_INLINE_FIELD = re.compile(r"[(;]\s*(?=(?:Cơ quan|Đơn vị|cơ quan|đơn vị) (?:chủ trì|thực hiện|phối hợp)|(?:Thời gian|Thời hạn|thời gian|thời hạn)\b[^:;)]{0,20}:)")


def _inline_fields(text: str, start: int, end: int, facts: Facts) -> None:
    """ "… (Cơ quan chủ trì: X; cơ quan phối hợp: Y; thời gian hoàn thành: Z)": fields inside an item."""
    for m in _INLINE_FIELD.finditer(text, start, end):
        close = text.find(")", m.end(), end)
        stop = min(p for p in (text.find(";", m.end(), end), close, end) if p != -1)
        part = Facts()
        fm = _FIELD.match(text, m.end(), stop)
        if fm:
            _field_line(text, m.end(), stop, _FIELD.match(text[m.end():stop]), part)
            facts.leads.extend(part.leads)
            facts.coordinates.extend(part.coordinates)
            facts.monitors.extend(part.monitors)
            if part.deadline is not None and facts.deadline is None:
                facts.deadline, facts.deadline_at = part.deadline, part.deadline_at
            if part.leads:
                facts.cue = facts.cue or "field"


def _field_line(text: str, pos: int, end: int, fm: re.Match, facts: Facts) -> None:
    label = fm["label"].lower()
    value_start = pos + fm.end()
    if label.startswith(("nhiệm vụ", "nội dung", "kết quả", "sản phẩm", "nguồn", "kinh phí")):
        facts.field_role = "content"
        return
    line_end = text.find("\n\n", value_start, end)
    value_end = end if line_end == -1 else line_end
    if label.startswith(("thời gian", "thời hạn", "tiến độ")):
        facts.field_role = "deadline"
        value = text[value_start:value_end].strip()
        if value:
            facts.deadline, facts.deadline_at = value_deadline(value), value_start
        return
    role = COORDINATE if "phối hợp" in label else MONITOR if "theo dõi" in label else LEAD
    facts.field_role = role
    names, _ = read_names(text, value_start, value_end)
    if names and role == LEAD:
        # "Cơ quan thực hiện: Sở A tiến hành …; các sở, ngành … rà soát …": every clause's subject.
        for sm in re.finditer(r";\s*", text[value_start:value_end]):
            more, after = read_names(text, value_start + sm.end(), value_end)
            if more and _is_action(text, after, value_end):
                names.extend(n for n in more if n.text not in {x.text for x in names})
    if not names:
        raw = re.split(r"[.;\n]", text[value_start:value_end], maxsplit=1)[0].strip()
        if raw and len(raw) < 160:
            names = [Name(re.sub(r"\s+", " ", raw), value_start, value_start + len(raw))]
    {LEAD: facts.leads, COORDINATE: facts.coordinates, MONITOR: facts.monitors}[role].extend(names)
    if role == LEAD:
        facts.cue = "field"


def _clause(text: str, pos: int, end: int, facts: Facts, item_start: bool) -> None:
    """One clause: "Giao X …", "Đề nghị X …", "X chủ trì …", "X có trách nhiệm …"."""
    gm = _GIAO.match(text, pos, end)
    if gm:
        names, stop = read_names(text, gm.end(), end)
        if names:
            lead_m = _LEAD_AFTER.match(text, stop, end)
            after = lead_m.end() if lead_m else stop
            _add_leads(facts, names, "giao" if gm["verb"].lower().startswith(("giao", "phân")) else "request")
            _coordinates(text, after, end, facts)
        return
    if text.startswith(("Phối hợp", "phối hợp"), pos):
        cm = _COORD_AFTER.match(text, pos, end)
        if cm:
            names, _ = read_names(text, cm.end(), end)
            facts.coordinates.extend(names)
        return
    tm = _TRACH_NHIEM_CUA.match(text, pos, end)
    if tm:
        names, stop = read_names(text, tm.end(), end)
        if names and text[stop:stop + 3].lstrip().startswith(":"):
            _add_leads(facts, names, "responsibility")
        else:
            # "Trách nhiệm của đối tượng thực hiện kiểm kê:" names its party by definition.
            m = re.match(r"([^:;.()\n]{3,90}?)\s*(?:\([^)]{0,200}\))?\s*:", text[tm.end():end])
            if m:
                a = tm.end()
                _add_leads(facts, [Name(re.sub(r"\s+", " ", m[1]), a, a + len(m[1]))], "responsibility")
        return
    names, stop = read_names(text, pos, end)
    if not names:
        return
    vm = _DELEGATES.match(text, stop, end)
    if vm:
        # "Bộ Chính trị giao Ủy ban Kiểm tra Trung ương …": the body given the work leads.
        given, after = read_names(text, vm.end(), end)
        if given:
            _add_leads(facts, given, "giao")
            _coordinates(text, after, end, facts)
            return
    lead_m = _LEAD_AFTER.match(text, stop, end)
    if lead_m:
        _add_leads(facts, names, "chu_tri")
        _coordinates(text, lead_m.end(), end, facts)
        return
    if _RESPONSIBLE.match(text, stop, end):
        _add_leads(facts, names, "responsibility")
        return
    cm = _COORD_AFTER.match(text, stop, end)
    if cm:
        if facts.leads and facts.cue in ("giao", "chu_tri", "request"):
            # "Giao X chủ trì; Y, Z phối hợp thực hiện …": Y and Z coordinate.
            facts.coordinates.extend(n for n in names if n.text not in {c.text for c in facts.coordinates})
            return
        _add_leads(facts, names, "subject")
        _coordinates(text, stop, end, facts)
        return
    if _HELPS.match(text, stop, end) or (item_start and _is_action(text, stop, end)):
        _add_leads(facts, names, "subject")
        return
    im = _INTERPOSED.match(text, stop, end)
    if im:
        # "Sở Tài chính, trên cơ sở đề xuất của các cơ quan, chủ trì tổng hợp …"
        _add_leads(facts, names, "chu_tri")
        _coordinates(text, im.end(), end, facts)


def _is_action(text: str, pos: int, end: int) -> bool:
    """Does an action verb (a lower-case word that is not a preposition,
    a tense or a connective) follow the names at ``pos``?"""
    rest = text[pos:min(end, pos + 40)]
    if not re.match(r"\s*[a-zà-ỹđ]", rest):
        return False
    return not _NOT_A_VERB.match(rest) and not _SPEAKS.match(rest)


def _coordinates(text: str, pos: int, end: int, facts: Facts) -> None:
    cm = _COORD_AFTER.match(text, pos, end) or _COORD_AFTER.search(text, pos, min(end, pos + 120))
    if cm:
        names, _ = read_names(text, cm.end(), end)
        facts.coordinates.extend(names)


def _add_leads(facts: Facts, names: list[Name], cue: str) -> None:
    for n in names:
        if n.text not in {x.text for x in facts.leads}:
            facts.leads.append(n)
    facts.cue = facts.cue or cue


# A sentence that opens a list ("Người lao động có các quyền sau đây:") is not a body's label.
_NOT_A_LABEL = re.compile(r"\b(?:sau đây|sau|gồm|bao gồm|được|có|là|quyền|nghĩa vụ)\s*$|\s(?:được|có quyền|có các|có nghĩa vụ)\s")


def _labelled(text: str, start: int, end: int, facts: Facts) -> None:
    """ "Văn phòng Thành ủy: Theo dõi, đôn đốc …" and "Sở Tư pháp: <tasks>"."""
    pos = start + len(text[start:end]) - len(text[start:end].lstrip())
    colon = text.find(":", pos, min(end, pos + 160))
    if colon == -1:
        return
    head = text[pos:colon]
    if "\n\n" in head or not is_agency(head) or _NOT_A_LABEL.search(head):
        return
    names = [Name(n, a, b) for n, a, b in split_agencies(head, pos)]
    if not names:
        return
    if _MONITOR.match(text, colon + 1, end):
        facts.monitors.extend(names)
        facts.cue = "label-monitor"
    else:
        _add_leads(facts, names, "label")


_ROLE_NOTE = re.compile(r"\s*\((?:cơ quan|đơn vị) (?:chủ trì|đầu mối|thường trực)\)\s*$", re.IGNORECASE)
_ROLE_TAIL = re.compile(r"\s*[-–]\s*(?:Cơ quan|Đơn vị) (?:thường trực|chủ trì|đầu mối)[^,;.]*$")
_DUTIES_OF = re.compile(r"(?:nhiệm vụ|trách nhiệm|nhiệm vụ, quyền hạn|chức năng, nhiệm vụ)(?:\s+và\s+quyền hạn)?\s+của\s+",
                        re.IGNORECASE)
_BODIES_MEANT = re.compile(r"(.+?)\s*\(([^()]{3,300})\)$")


def heading_names(text: str, start: int, end: int) -> list[Name]:
    """Bodies named by a heading line ("1. Sở Tài chính (cơ quan chủ trì)")."""
    head = text[start:end].strip()
    # Every heading of an outline is read here: the patterns run only on a
    # line that ends with a bracket or names a role.
    if head.endswith(")"):
        head = _ROLE_NOTE.sub("", head)
    if "Cơ quan" in head or "Đơn vị" in head:
        head = _ROLE_TAIL.sub("", head)
    head = head.rstrip(" :.")
    dm = _DUTIES_OF.match(head)
    if dm:
        # "NHIỆM VỤ CỦA CƠ QUAN ỦY BAN KIỂM TRA TRUNG ƯƠNG": whose duties the items are.
        names, _ = read_names(text, start + text[start:end].index(head) + dm.end(), end)
        return names
    pm = _BODIES_MEANT.match(head) if head.endswith(")") else None
    if pm and is_agency(pm[1]) and is_agency(pm[2]):
        # "Các cơ quan đăng ký đầu tư (Sở Tài chính, Ban quản lý …)": the bodies meant.
        off = start + text[start:end].index(pm[2])
        return [Name(n, a, b) for n, a, b in split_agencies(pm[2], off)]
    if not head or not is_agency(head) or _NOT_A_LABEL.search(head):
        return []
    off = start + text[start:end].index(head[:8]) if head[:8] in text[start:end] else start
    return [Name(n, a, b) for n, a, b in split_agencies(head, off)]
