"""References to other documents: find mentions, attach attributes, decide relations.

The pipeline follows the grammar of the documents:

1. *find* mentions: symbols with the kind phrase before them ("Thông báo số
   111-TB/VPTW"), named documents ("Luật Thủ đô (sửa đổi)", "Nghị quyết Đại hội
   XIII của Đảng"), short mentions ("Chương trình số 01") and defined short
   forms ("(sau đây gọi tắt là Nghị quyết số 15-NQ/TW)", later "Nghị quyết");
2. *attach* the date that follows a mention and the issuer ("của X"), which
   applies to every item of a list before it;
3. *decide* the relation from the cue of the sentence: "Thực hiện …" at the
   document's head → implements; "Căn cứ …" → based_on; anything else → cites;
4. *report* links between two other documents ("Kế hoạch A … thực hiện
   Nghị quyết B"; "… cụ thể hóa tại Kết luận C").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders import scan
from truyvet.loaders.dates import TERM_RE, TRAILING_DATE_RE, make_date
from truyvet.loaders.kinds import KIND_PHRASES, kind_of_word
from truyvet.loaders.keys import fold
from truyvet.loaders.places import place_in
from truyvet.loaders.symbols import Symbol, find_symbols

_KIND_ALT = "|".join(re.escape(k) for k in sorted(KIND_PHRASES, key=len, reverse=True))
_KIND_BEFORE = re.compile(rf"(?P<kind>{_KIND_ALT})?\s*(?:số|Số|số hiệu)?\s*:?\s*$", re.IGNORECASE)
_SHORT_MENTION = re.compile(
    rf"(?<![\w])(?P<kind>{_KIND_ALT})\s+(?P<so>số\s+)?(?P<num>\d{{1,4}})(?![\d/\-–.,]\d|\s*-\s*[A-ZĐ]|\s*/)",
)
_CONGRESS = re.compile(
    r"Nghị quyết (?:của )?Đại hội(?: đại biểu)?(?: toàn quốc)?(?: lần thứ)? (?P<n>[IVXL]{1,6})\b"
    r"(?P<rest>(?: của Đảng)|(?: Đảng bộ (?:[Tt]hành phố|[Tt]ỉnh|TP|[Hh]uyện|[Qq]uận)(?: [A-ZĐ][\wÀ-ỹ]*){0,3}))?"
)
# "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XX": the same, other word order.
_CONGRESS_LOCAL = re.compile(
    r"Nghị quyết (?:của )?Đại hội(?: đại biểu)? Đảng bộ (?P<lvl>[Tt]ỉnh|[Tt]hành phố|TP|[Hh]uyện|[Qq]uận)"
    r"(?P<place>(?: [A-ZĐ][\wÀ-ỹ]*){0,3}?)(?: lần thứ)? (?P<n>[IVXL]{1,6})\b"
)
_LAW_STOP = r"(?:và|của|ngày|số|được|đã|theo|tại|với|để|cho|trong|là|có|các|sau|hiện|mới|về|nhằm|đối|từ|khi|thì|này|đó|năm)"
_LAW = re.compile(
    r"(?<![\w])(?P<head>Bộ luật|Luật) (?P<name>[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^\s,;.()“”\"]*"
    rf"(?:(?:,(?= [a-zà-ỹđ]))? (?!{_LAW_STOP}\b)[^\s,;.()“”\"]+){{0,7}})"
    r"(?P<suffix> \((?:sửa đổi|sửa đổi, bổ sung)\)| sửa đổi| năm \d{4}| \d{4})?(?=[\s,;.()“”\"]|$)"
)
_OTHER_NAMED = re.compile(r"(?<![\w])(?P<name>Hiến pháp(?: năm \d{4})?|Điều lệ Đảng)")
_DEFINE = re.compile(r"\((?:sau đây |dưới đây )?(?:được )?(?:gọi|viết)(?: tắt)? là\s+(?P<alias>[^()]{2,80}?)\s*\)")
_ISSUER_AFTER = re.compile(r"\s*,?\s*(?:của|do)\s+(?P<iss>[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^\n;.,“”\"()]{1,120})")
_ISSUER_END = re.compile(
    r"\s(?:về|ngày|kh(?:óa|oá)|thực hiện|đã|và|tại|trong|theo|nhằm|để|với|đến|cho|gắn|là|được|triển khai|cụ thể"
    r"|vào|trên|bằng|lên|tới|gửi|như|phải|cần|nêu|sẽ|đang|này|ra|mà|nhưng|đề ra)\b"
)
_IMPLEMENT_CUE = re.compile(
    r"^[\s\-+*•]*(?P<cue>(?:Để |Nhằm )?(?:tiếp tục )?(?:Tiếp thu, )?(?:cụ thể hóa, |cụ thể hoá, )?"
    r"(?:Triển khai thực hiện|Tổ chức thực hiện|Thực hiện|Triển khai|Quán triệt(?:,| và) triển khai(?: thực hiện)?|cụ thể hóa|cụ thể hoá))\b",
    re.IGNORECASE,
)
_BASED_CUE = re.compile(r"^[\s\-+*•]*(?P<cue>Căn cứ)\b", re.IGNORECASE)
_GROUP_GAP = re.compile(r"^[\s,;]*(?:và|cùng|,)?[\s,]*$")
_IMPLEMENT_VERB_BEFORE = re.compile(r"(?:triển khai thực hiện|thực hiện|triển khai|cụ thể hóa|cụ thể hoá)\s*$", re.IGNORECASE)
_CONCRETISED_AT = re.compile(r"(?:được )?cụ thể (?:hóa|hoá) (?:tại|bằng|trong|thành)\s*$", re.IGNORECASE)
# Longer than any match of the two patterns above, trailing spaces aside.
_CUE_LONGEST = 24
_PARTY_TERM = re.compile(r"\(?\s*kh(?:óa|oá)\s+(?P<t>[IVXLC]{1,7}|\d{1,2})\s*\)?")


@dataclass
class Mention:
    start: int                # including the kind phrase
    end: int                  # including a trailing date
    kind: str
    kind_text: str | None
    symbol: Symbol | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    via: str | None = None
    target: "Mention | None" = None     # for short mentions: what they stand for
    invalid_date: str | None = None
    code_kind: str | None = None
    congress_local: bool = False
    attrs_end: int = 0        # end of date + issuer attributes
    group: list = field(default_factory=list)

    @property
    def key(self):
        if self.symbol:
            return ("symbol", self.symbol.canonical)
        return ("name", fold(self.name or ""))


def find_mentions(text: str) -> list[Mention]:
    """All document mentions in order, with dates and issuers attached."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and b > x for x, y in taken)

    for s in find_symbols(text):
        before = text[max(0, s.start - 45):s.start]
        km = _KIND_BEFORE.search(before)
        kind_text = km["kind"] if km and km["kind"] else None
        if km and km.group().strip():
            lead = len(km.group()) - len(km.group().lstrip())
            start = s.start - (len(before) - km.start()) + lead
        else:
            start = s.start
        word_kind = kind_of_word(kind_text) if kind_text else None
        if word_kind == "official_letter" and fold(kind_text) == "van ban":
            word_kind = None  # "văn bản số …" names no kind: the code does
        code_kind = s.kind
        if code_kind == "decision" and word_kind == "regulation":
            code_kind = "regulation"
        m = Mention(start, s.end, word_kind or code_kind or "other", kind_text or s.code, symbol=s,
                    code_kind=code_kind)
        _attach_date(text, m)
        mentions.append(m)
        taken.append((m.start, m.end))
    has_congress = "Đại hội" in text
    for cm in (_CONGRESS.finditer(text) if has_congress else ()):
        if overlaps(*cm.span()):
            continue
        rest = (cm["rest"] or "").strip()
        local = rest.startswith("Đảng bộ")
        name = f"Nghị quyết Đại hội {cm['n']} " + (rest if rest else "của Đảng")
        m = Mention(cm.start(), cm.end(), "resolution", "Nghị quyết", name=name, congress_local=local)
        m.term = cm["n"]
        mentions.append(m)
        taken.append(cm.span())
    for cm in (_CONGRESS_LOCAL.finditer(text) if has_congress else ()):
        if overlaps(*cm.span()):
            continue
        name = f"Nghị quyết Đại hội {cm['n']} Đảng bộ {cm['lvl']}{cm['place']}"
        m = Mention(cm.start(), cm.end(), "resolution", "Nghị quyết", name=name, congress_local=True)
        m.term = cm["n"]
        mentions.append(m)
        taken.append(cm.span())
    for lm in scan.finditer(_LAW, text, ("Luật ", "Bộ luật ")):
        if overlaps(*lm.span()):
            continue
        suffix = (lm["suffix"] or "").strip()
        base = lm["name"]
        if base.endswith(" sửa đổi"):
            base, suffix = base[: -len(" sửa đổi")], "sửa đổi"
        if suffix == "sửa đổi":
            suffix = "(sửa đổi)"
        name = f"{lm['head']} {base}" + (f" {suffix}" if suffix else "")
        mentions.append(Mention(lm.start(), lm.end(), "law", lm["head"], name=name))
        taken.append(lm.span())
    for om in scan.finditer(_OTHER_NAMED, text, ("Hiến pháp", "Điều lệ Đảng")):
        if overlaps(*om.span()):
            continue
        kind = "constitution" if om["name"].startswith("Hiến") else "charter"
        mentions.append(Mention(om.start(), om.end(), kind, om["name"].split(" năm")[0], name=om["name"]))
        taken.append(om.span())
    mentions.sort(key=lambda m: m.start)
    _attach_issuers(text, mentions)
    _short_mentions(text, mentions, taken)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _attach_date(text: str, m: Mention) -> None:
    dm = TRAILING_DATE_RE.match(text, m.end)
    if dm:
        iso = make_date(int(dm["y"]), int(dm["m"]), int(dm["d"]))
        if iso is None:
            m.invalid_date = f"{dm['d']}/{dm['m']}/{dm['y']}"
        m.date = iso
        m.end = dm.end()
    m.attrs_end = m.end


def _attach_issuers(text: str, mentions: list[Mention]) -> None:
    """ "của X" after a mention; it also applies to the list items before it."""
    group: list[Mention] = []
    for i, m in enumerate(mentions):
        if group and _GROUP_GAP.match(text[group[-1].attrs_end:m.start]):
            group.append(m)
        else:
            group = [m]
        m.group = group
        im = _ISSUER_AFTER.match(text, m.end)
        if not im:
            continue
        raw = im["iss"]
        cut = _ISSUER_END.search(raw)
        iss = raw[:cut.start()] if cut else raw
        iss = iss.strip()
        if iss.startswith("Hội nghị"):
            # "của Hội nghị lần thứ 6, Ban Chấp hành Trung ương Đảng (khóa 13)"
            after = text[im.end("iss"):im.end("iss") + 120]
            nxt = re.match(r"\s*,\s*(?P<org>[A-ZĐ][^\n;.,“”\"()]{3,80})", after)
            if nxt:
                org = nxt["org"]
                cut2 = _ISSUER_END.search(org)
                iss = (org[:cut2.start()] if cut2 else org).strip()
        if not iss or iss.split()[0].lower() in {"đồng", "các", "nhân"}:
            continue
        end = im.start("iss") + len(iss)
        tm = _PARTY_TERM.match(text, end + 1) or TERM_RE.match(text, end + 1)
        for g in group:
            if g.issuer is None:
                g.issuer = iss
                g.attrs_end = max(g.attrs_end, end)
                if tm:
                    g.term = tm["t"]


_AFTER_KIND = re.compile(r"\s+(?:số\s+)?\d")


# Kind phrases under the shortest phrase they begin with ("Thông báo" for
# "Thông báo kết luận"). The shortest phrases all start with a capital that
# none has inside, so their matches never overlap and one scan finds them all.
_BY_ROOT: dict[str, tuple[str, ...]] = {}
for _p in sorted(KIND_PHRASES, key=len):
    _root = next((r for r in _BY_ROOT if _p.startswith(r)), _p)
    _BY_ROOT[_root] = _BY_ROOT.get(_root, ()) + (_p,)
_ROOTS = re.compile("|".join(map(re.escape, _BY_ROOT)))


def _short_candidates(text: str):
    """_SHORT_MENTION matches, tried only where a kind phrase is followed by
    a number: a 27-way alternation at every position is far slower."""
    for root in _ROOTS.finditer(text):
        pos = root.start()
        if any(text.startswith(ph, pos) and _AFTER_KIND.match(text, pos + len(ph))
               for ph in _BY_ROOT[root.group()]):
            m = _SHORT_MENTION.match(text, pos)
            if m:
                yield m


def _short_mentions(text: str, mentions: list[Mention], taken: list[tuple[int, int]]) -> None:
    """ "Chương trình số 01" after "Chương trình số 01-CTr/TU"; defined short forms."""
    full = [m for m in mentions if m.symbol]

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and b > x for x, y in taken)

    for sm in _short_candidates(text):
        if overlaps(*sm.span()):
            continue
        kind = kind_of_word(sm["kind"])
        num = sm["num"].lstrip("0") or "0"
        target = None
        for f in full:
            if f.start < sm.start() and (f.symbol.number.lstrip("0") or "0") == num and \
                    (f.code_kind == kind or f.kind == kind):
                target = f
        if target is None and not sm["so"]:
            continue  # "Chương trình 10" without "số" may just be a count
        m = Mention(sm.start(), sm.end(), kind or "other", sm["kind"], via="short mention", target=target)
        if target is None:
            m.name = sm.group()
        mentions.append(m)
        taken.append(sm.span())

    for dm in _DEFINE.finditer(text):
        alias = dm["alias"].strip(" “”\"'")
        inner = [m for m in mentions if dm.start() <= m.start < dm.end() and m.symbol]
        before = [m for m in mentions if m.end <= dm.start() and (m.symbol or m.name)]
        target = inner[0] if inner else (before[-1] if before else None)
        if target is None:
            continue
        kind_word = re.match(rf"(?:{_KIND_ALT})", alias, re.IGNORECASE)
        forms = {alias}
        if kind_word:
            forms.add(kind_word.group())
        pat = re.compile(
            r"(?<![\w])(?:%s)(?![\w])(?!\s*(?:số|\d|Đại hội|Trung ương|liên tịch|của|này|đó|Hội nghị))"
            % "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        )
        for am in pat.finditer(text, dm.end()):
            if overlaps(*am.span()):
                continue
            m = Mention(am.start(), am.end(), target.kind, am.group(), via="short form", target=target)
            mentions.append(m)
            taken.append(am.span())


def relation_of(text: str, sentence: tuple[int, int], m: Mention, mentions: list[Mention],
                head_end: int, title: tuple[int, int] | None) -> tuple[str, str | None]:
    """implements / based_on / cites, with the cue words that decided it."""
    s_start, s_end = sentence
    sent = text[s_start:s_end]
    if _BASED_CUE.match(sent):
        return "based_on", _BASED_CUE.match(sent)["cue"]
    in_title = title is not None and title[0] <= m.start < title[1]
    if in_title:
        before = text[title[0]:m.start]
        verbs = re.findall(r"triển khai thực hiện|thực hiện|triển khai|cụ thể (?:hóa|hoá)|quán triệt", before, re.IGNORECASE)
        if verbs:
            return "implements", verbs[-1]
        return "cites", None
    cue = _IMPLEMENT_CUE.match(sent)
    if cue and s_start < head_end:
        head = head_group_of_sentence(text, sentence, mentions)
        # The cue governs the list right after it, not documents named later
        # in the sentence ("Thực hiện A … về việc … thực hiện B").
        if head and len(text[s_start:head[0].start]) <= len(cue.group()) + 40 and \
                any(m is h or (m.target is not None and m.target is h) for h in head):
            return "implements", cue["cue"].strip()
    return "cites", None


def head_group_of_sentence(text: str, sentence: tuple[int, int], mentions: list[Mention]) -> list[Mention]:
    inside = [m for m in mentions if sentence[0] <= m.start < sentence[1] and not m.via]
    return inside[0].group if inside else []


def reported_links(text: str, sentence: tuple[int, int], mentions: list[Mention]) -> list[tuple[Mention, Mention, str]]:
    """(implementer, implemented, cue) pairs that this sentence reports."""
    inside = [m for m in mentions if sentence[0] <= m.start < sentence[1] and (m.symbol or m.name) and not m.via]
    out = []
    for a, b in zip(inside, inside[1:]):
        gap = text[a.attrs_end:b.start]
        # Both cues end the gap: search only its last words.
        tail = max(0, len(gap.rstrip()) - _CUE_LONGEST)
        verb = _IMPLEMENT_VERB_BEFORE.search(gap, tail)
        concretised = _CONCRETISED_AT.search(gap, tail)
        if concretised:
            # "… cụ thể hóa tại C": C implements what the sentence is about.
            for h in head_group_of_sentence(text, sentence, mentions):
                if h is not b and h.key != b.key:
                    out.append((b, h, concretised.group().strip()))
        elif verb and ";" not in gap and len(gap) <= 320:
            # "Kế hoạch A … của Thành ủy thực hiện Nghị quyết B": A implements B.
            out.append((a, b, verb.group().strip()))
    return out


def issuer_place(m: Mention) -> str | None:
    return place_in(m.issuer)[0] if m.issuer else None
