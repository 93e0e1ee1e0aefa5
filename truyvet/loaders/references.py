"""Mentions of other documents: find them and attach their attributes.

The pipeline follows the grammar of the documents:

1. *find* mentions: symbols with the kind phrase before them ("Thông báo số
   111-TB/VPTW"), numbers a central organ's name completes ("các Nghị quyết
   57, 59 của Bộ Chính trị"), named documents (:mod:`truyvet.loaders.named`),
   short mentions ("Chương trình số 01") and defined short forms ("(sau đây
   gọi tắt là Nghị quyết số 15-NQ/TW)", later "Nghị quyết");
2. *attach* the date that follows a mention and the issuer ("của X"), which
   applies to every item of a list before it.

Relations are decided in :mod:`truyvet.loaders.relations`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from truyvet.loaders import scan
from truyvet.loaders.dates import TERM_RE, TRAILING_DATE_RE, make_date
from truyvet.loaders.kinds import KIND_PHRASES, kind_of_word
from truyvet.loaders.keys import fold
from truyvet.loaders.named import START_WORDS, find_named
from truyvet.loaders.symbols import Symbol, find_symbols

_KIND_ALT = "|".join(re.escape(k) for k in sorted(KIND_PHRASES, key=len, reverse=True))


def _glued(phrases) -> str:
    """The phrases, also written without their spaces by PDF extraction
    ("Kếhoạchsố 53-KH/TU"), longest first. Grouped by first letter, behind a
    look at it: a search tries them at every character, and phrases of two
    first letters never match at one place."""
    by_first: dict[str, list[str]] = {}
    for k in sorted(phrases, key=len, reverse=True):
        by_first.setdefault(k[0], []).append(r"\s*".join(map(re.escape, k[1:].split(" "))))
    alts = "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in by_first.items())
    return f"(?=[{''.join(map(re.escape, by_first))}])(?:{alts})"


# The kind phrase before a symbol.
_KIND_BEFORE = re.compile(rf"(?P<kind>{_glued(KIND_PHRASES)})?\s*(?:số|Số|số hiệu)?\s*:?\s*$", re.IGNORECASE)
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
_DEFINE = re.compile(r"\((?:sau đây |dưới đây )?(?:được )?(?:gọi|viết)(?: tắt)? là\s+(?P<alias>[^()]{2,80}?)\s*\)")
_ISSUER_AFTER = re.compile(r"\s*,?\s*(?:(?:[Cc]ủa|CỦA)\s*|(?:do|DO)\s+)(?P<iss>[A-ZĐÂĂÊÔƠƯÀ-Ỹ][^\n;.,“”\"()]{1,120})")
# Central organs that issue together: "của Bộ Chính trị, Ban Bí thư".
_CO_ISSUER = re.compile(r",\s*(?:Ban Bí thư|BAN BÍ THƯ|Bộ Chính trị|BỘ CHÍNH TRỊ)(?![\w])")
_ISSUER_END = re.compile(
    r"\s(?:về|ngày|kh(?:óa|oá)|thực hiện|đã|và(?= [a-zđà-ỹ])|tại|trong|theo|nhằm|để|với|đến|cho|gắn|là|được|triển khai|cụ thể"
    r"|vào|trên|bằng|lên|tới|gửi|như|phải|cần|nêu|sẽ|đang|này|ra|mà|nhưng|đề ra"
    r"|[Pp]hê duyệt|[Bb]an hành|[Qq]uy định|[Hh]ướng dẫn|[Ss]ửa đổi|[Kk]iện toàn|[Tt]hành lập|[Đđ]iều chỉnh)\b"
)
# What may stand between two items of one list: "A, B", "A và B".
GROUP_GAP = re.compile(r"[\s,;]*(?:và|cùng|,)?[\s,]*")
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
    issuer_start: int | None = None     # where the issuer's name starts in the text
    attrs_end: int = 0        # end of date + issuer attributes
    group: list = field(default_factory=list)

    @property
    def key(self):
        if self.symbol:
            return ("symbol", self.symbol.canonical)
        return ("name", fold(self.name or ""))


def symbol_mention(text: str, s: Symbol) -> Mention:
    """The mention of one symbol: the kind phrase before it ("Thông báo số"),
    its kind (the word decides over the code) and the date after it."""
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
    return m


def attach_issuer(text: str, m: Mention) -> Mention:
    """The issuer of one mention on its own ("… của Bộ Chính trị")."""
    _attach_issuers(text, [m])
    return m


def find_mentions(text: str) -> list[Mention]:
    """All document mentions in order, with dates and issuers attached."""
    mentions: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and b > x for x, y in taken)

    starts = _word_starts(text)
    for s in find_symbols(text):
        m = symbol_mention(text, s)
        mentions.append(m)
        taken.append((m.start, m.end))
    _number_lists(text, mentions, taken, starts)
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
    mentions.sort(key=lambda m: m.start)
    _attach_issuers(text, mentions)
    symbols_at = {m.symbol.start: m for m in mentions if m.symbol and not m.via}
    for n in find_named(text, title_regions(text, mentions), starts):
        inner = [m for m in mentions if m.symbol and n.start <= m.symbol.start < n.end]
        own = _own_symbol(text, n, inner, symbols_at)
        if own is not None:
            # "Luật Đất đai số 31/2024/QH15": the name is the symbol's document.
            own.start, own.name, own.kind, own.kind_text = n.start, n.name, n.kind, n.kind_text
            continue
        if any(n.start < y and n.end > x for x, y in taken) and not inner:
            continue
        m = Mention(n.start, n.end, n.kind, n.kind_text, name=n.name)
        if n.kind == "resolution":
            tm = _PARTY_TERM.search(n.name)
            m.term = tm["t"] if tm else None
        _attach_date(text, m)
        mentions.append(m)
        taken.append((m.start, m.end))
    mentions.sort(key=lambda m: m.start)
    _attach_issuers(text, mentions)
    _short_mentions(text, mentions, taken, starts)
    mentions.sort(key=lambda m: m.start)
    return mentions


# What opens a document's title after its number, date and issuer.
_TITLE_OPEN = re.compile(
    r"\s*,?\s*(?:\(?kh(?:óa|oá) [IVXLC\d]+\)?\s*)?(?:năm \d{4}\s*)?,?\s*(?:về|V/v|[Bb]an hành|[Pp]hê duyệt|[Qq]uy định|[Hh]ướng dẫn|[Ss]ửa đổi|thực hiện|triển khai|tiếp tục"
    r"|kiện toàn|thành lập|điều chỉnh|bãi bỏ|tổ chức|“|\")"
)
_TITLE_END = re.compile(r"[;:)]|\.(?=\s|$)|\n\n")


def title_regions(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Spans of the titles that follow mentions ("Quyết định số 06/QĐ-TTg …
    phê duyệt Đề án …"): names inside them belong to the title."""
    out = []
    for m in mentions:
        if not m.symbol or m.via:
            continue
        t = _TITLE_OPEN.match(text, max(m.end, m.attrs_end))
        if not t:
            continue
        e = _TITLE_END.search(text, t.end())
        out.append((t.start(), e.start() if e else len(text)))
    return out


def _own_symbol(text: str, n, inner: list[Mention], symbols_at: dict[int, Mention]) -> Mention | None:
    """The symbol mention that a name introduces: right after it ("Luật Đất đai
    số 31/2024/QH15"), or the one symbol closing an amending law's title
    ("Luật sửa đổi, bổ sung một số điều của Luật xây dựng số 62/2020/QH14")."""
    after = _NAME_THEN_SYMBOL.match(text, n.end)
    if after and after.end() in symbols_at:
        return symbols_at[after.end()]
    if len(inner) == 1 and not text[inner[0].symbol.end:n.end].strip(" ,"):
        return inner[0]
    return None


_NAME_THEN_SYMBOL = re.compile(r"\s*(?:số|Số)?\s*:?\s*")
# Central organs number their documents "N-XX/TW": "các Nghị quyết 57, 59, 66
# của Bộ Chính trị" names 57-NQ/TW, 59-NQ/TW and 66-NQ/TW.
_NUMBER_LIST = re.compile(
    r"(?<![\w])(?P<kind>Nghị quyết|Kết luận|Chỉ thị|Quy định|Quyết định|Thông báo|Hướng dẫn)(?: số)? "
    r"(?P<nums>\d{1,4}(?:\s*,\s*\d{1,4})*(?:\s*(?:,|và)\s*\d{1,4})?)"
    r"(?: năm (?:19|20)\d\d)?\s*,?\s*của (?:Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương)(?![\w])"
)
_NUMBER_WORDS = ("Nghị quyết", "Kết luận", "Chỉ thị", "Quy định", "Quyết định", "Thông báo", "Hướng dẫn")
_PARTY_CODES = {"resolution": "NQ", "conclusion": "KL", "directive": "CT", "regulation": "QĐ", "decision": "QĐ",
                "notice": "TB", "guidance": "HD"}


def _number_lists(text: str, mentions: list[Mention], taken: list[tuple[int, int]],
                  starts: dict[str, list[int]]) -> None:
    if "của B" not in text:
        return
    for lm in scan.matches_at(_NUMBER_LIST, text, sorted(p for w in _NUMBER_WORDS for p in starts.get(w, ()))):
        if any(lm.start() < y and lm.end() > x for x, y in taken):
            continue
        kind = kind_of_word(lm["kind"])
        code = _PARTY_CODES[kind]
        for i, num in enumerate(re.finditer(r"\d{1,4}", lm["nums"])):
            a, b = lm.start("nums") + num.start(), lm.start("nums") + num.end()
            sym = Symbol(a, b, num.group(), f"{num.group()}-{code}/TW", num.group(), code, "TW", None, "party")
            m = Mention(lm.start() if i == 0 else a, b, kind, lm["kind"], symbol=sym, code_kind=kind,
                        via="number and issuer", attrs_end=b)
            mentions.append(m)
            taken.append((m.start, m.end))


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
        if group and GROUP_GAP.fullmatch(text, group[-1].attrs_end, max(group[-1].attrs_end, m.start)):
            group.append(m)
        else:
            group = [m]
        m.group = group
        im = _ISSUER_AFTER.match(text, m.end)
        if not im:
            continue
        raw = im["iss"]
        cut = _ISSUER_END.search(raw)
        iss = (raw[:cut.start()] if cut else raw).rstrip()
        start = im.start("iss")
        if iss.startswith("Hội nghị"):
            # "của Hội nghị lần thứ 6, Ban Chấp hành Trung ương Đảng (khóa 13)"
            nxt = re.compile(r"\s*,\s*(?P<org>[A-ZĐ][^\n;.,“”\"()]{3,80})").match(text, im.end("iss"))
            if nxt:
                org = nxt["org"]
                cut2 = _ISSUER_END.search(org)
                iss, start = (org[:cut2.start()] if cut2 else org).rstrip(), nxt.start("org")
        if not iss or iss.split()[0].lower() in {"đồng", "các", "nhân"}:
            continue
        co = _CO_ISSUER.match(text, start + len(iss))
        if co:
            iss = text[start:co.end()]
        end = start + len(iss)
        tm = _PARTY_TERM.match(text, end + 1) or TERM_RE.match(text, end + 1)
        for g in group:
            if g.issuer is None:
                g.issuer, g.issuer_start = iss, start
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

# The words that begin kind phrases (by their roots) and names: one scan finds
# them all for the passes that look for mentions (each scanned the whole text
# for its own words before). No word can begin inside another one ("Luật"
# starts "Luật "), so the scan misses none.
_WORDS = sorted(set(_BY_ROOT) | set(START_WORDS), key=len, reverse=True)
assert not any(w[k:].startswith(u) or u.startswith(w[k:]) for w in _WORDS for u in _WORDS for k in range(1, len(w)))
_WORDS_RE = re.compile("|".join(map(re.escape, _WORDS)))
_PREFIXES = {w: [u for u in _WORDS if w.startswith(u)] for w in _WORDS}


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each of the words begins in ``text``."""
    starts: dict[str, list[int]] = {}
    for m in _WORDS_RE.finditer(text):
        for w in _PREFIXES[m.group()]:
            starts.setdefault(w, []).append(m.start())
    return starts


def _short_candidates(text: str, starts: dict[str, list[int]]):
    """_SHORT_MENTION matches, tried only where a kind phrase is followed by
    a number: a 27-way alternation at every position is far slower."""
    for pos, root in sorted((p, root) for root in _BY_ROOT for p in starts.get(root, ())):
        if any(text.startswith(ph, pos) and _AFTER_KIND.match(text, pos + len(ph))
               for ph in _BY_ROOT[root]):
            m = _SHORT_MENTION.match(text, pos)
            if m:
                yield m


def _short_mentions(text: str, mentions: list[Mention], taken: list[tuple[int, int]],
                    starts: dict[str, list[int]]) -> None:
    """ "Chương trình số 01" after "Chương trình số 01-CTr/TU"; defined short forms."""
    full = [m for m in mentions if m.symbol]

    def overlaps(a: int, b: int) -> bool:
        return any(a < y and b > x for x, y in taken)

    for sm in _short_candidates(text, starts):
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
        # Tried where a form is: the look-behind would make the engine try every character.
        for am in scan.finditer(pat, text, forms, dm.end()):
            if overlaps(*am.span()):
                continue
            m = Mention(am.start(), am.end(), target.kind, am.group(), via="short form", target=target)
            mentions.append(m)
            taken.append(am.span())
