"""Documents named without a symbol, and the titles that hide names.

A name is a reference only when it is specific: a capitalised kind word
followed by its own words ("Luật Đầu tư công", "Chiến lược quốc gia về dinh
dưỡng", "Chương trình Tiêm chủng mở rộng", "Đề án 06", "Điều lệ Đảng",
"Hiến pháp năm 2013", "Nghị quyết Hội nghị Trung ương 11 khoá XIII"). It is
not one when it is

* generic, lower case ("các chương trình, chiến lược mục tiêu quốc gia") or a
  self-reference ("Luật này");
* still to be issued ("trình Quốc hội ban hành Luật …", "chưa ban hành Luật
  Quy hoạch (sửa đổi)", "dự thảo Nghị quyết sửa đổi … của Hiến pháp …");
* only part of another document's title ("Quyết định số 06/QĐ-TTg … phê
  duyệt Đề án …", "Luật sửa đổi, bổ sung một số điều của Luật Đầu tư, …").

>>> [n.name for n in find_named("theo quy định của Luật Ngân sách nhà nước và các văn bản hướng dẫn.")]
['Luật Ngân sách nhà nước']
>>> [n.name for n in find_named("thực hiện Chiến lược quốc gia về dinh dưỡng, Chương trình Tiêm chủng mở rộng.")]
['Chiến lược quốc gia về dinh dưỡng', 'Chương trình Tiêm chủng mở rộng']
>>> find_named("xây dựng và trình Quốc hội ban hành Luật Toà án chuyên biệt tại Trung tâm tài chính quốc tế.")
[]
"""
from __future__ import annotations

import re
from dataclasses import dataclass



@dataclass
class Named:
    start: int
    end: int
    kind: str
    kind_text: str
    name: str


_CAP = "A-ZĐÂĂÊÔƠƯÀ-Ỹ"
# Words that end a descriptive name: verbs, prepositions and pronouns of the
# sentence around it (names themselves are nouns and their complements).
_STOPS = frozenset("""
do được đã đang sẽ theo tại nhằm để khi thì này đó là mà như nêu gắn phải cần trình các những còn vẫn
cũng đều kèm ngày tới bằng thuộc bị cả
""".split())
# Two-word verbs of the sentence ("… Luật X quy định", "… Luật Y và các văn bản hướng dẫn").
_STOP_PHRASES = re.compile(r"(?:thực hiện|triển khai|ban hành|quy định|hướng dẫn|bảo đảm|đảm bảo|hiện hành|bao gồm"
                           r"|hoặc|có(?! công))\b|số\s*\d")
_LAW_STOPS = _STOPS | {"về", "của", "cho", "với", "trong", "từ", "đến", "năm", "đối", "sau", "trước", "và", "mới"}
_KIND_WORDS = re.compile(r"(?:Luật|Bộ luật|Nghị quyết|Nghị định|Quyết định|Thông tư|Kế hoạch|Chỉ thị|Kết luận|"
                         r"Chương trình|Đề án|Chiến lược|Quy hoạch|Quy chế|Quy định|Pháp lệnh|Hướng dẫn|Công văn)\b")
_WORD = re.compile(r"[^\s,;:.()“”\"'!?]+")

# The descriptive heads: a capitalised kind word that names one document.
_HEADS = {
    "Chiến lược": "other", "Quy hoạch": "other", "Đề án": "scheme", "Chương trình": "programme",
    "Quy chế": "rules", "Pháp lệnh": "law", "Cương lĩnh": "other",
}
_HEAD_RE = re.compile(r"(?<![\w])(?P<head>%s) (?=[^\s])" % "|".join(map(re.escape, _HEADS)))
# "Chương trình hành động", "Chương trình công tác" are kinds of programmes,
# named by their symbol; "Chương trình công tác năm 2025" is one document.
_NOT_NAME_START = re.compile(r"(?:hành động|công tác(?! (?:năm \d{4}|toàn khóa|toàn khoá))|này|đó|số|của|và|"
                             r"trên|đã|được|sẽ|là|có|cụ thể|chi tiết|tổng thể(?! quốc gia)|nêu|tại|theo|mới|\d)\b")
_NUMBERED = re.compile(r"(?<![\w])Đề án (?:số )?(?P<num>0\d{1,2}|\d{1,3})(?![\d/\-–.,]\d|[\w/-])")

_LAW = re.compile(r"(?<![\w])(?P<head>Bộ luật|Luật) (?P<first>[^\W\d][^\s,;.()“”\"]*)")
_AMENDING = re.compile(r"(?<![\w])Luật [Ss]ửa đổi,? bổ sung (?:một số điều )?(?:của )?")
_FIXED = re.compile(
    r"(?<![\w])(?P<name>Hiến pháp(?: năm \d{4}| \d{4})?|Điều lệ Đảng(?: Cộng sản Việt Nam)?|Cương lĩnh chính trị"
    r"|Cương lĩnh xây dựng đất nước trong thời kỳ quá độ lên chủ nghĩa xã hội(?: \([^)]{0,40}\))?)"
)
# "Nghị quyết Hội nghị Trung ương 11 khoá XIII", "Nghị quyết Trung ương 4 khóa XII",
# "Nghị quyết Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII".
_PLENUM = re.compile(
    r"(?<![\w])Nghị quyết (?:của )?(?:Hội nghị )?(?:lần thứ [\wÀ-ỹ]+,? (?:của )?Ban Chấp hành )?Trung ương"
    r"(?: Đảng)?(?: lần thứ)? (?P<n>\d{1,2}|[a-zà-ỹ]+)?,?\s*\(?(?:kh(?:óa|oá)) (?P<t>[IVXL]{1,6})\)?"
)
# Verbs that make the name a document still to be made or changed.
_TO_BE_ISSUED = re.compile(
    r"(?:ban hành(?: kèm theo \w+(?: \w+)? này)?|xây dựng|soạn thảo|dự thảo|trình|thông qua|phê duyệt"
    r"|sửa đổi(?:,? bổ sung)?(?: một số điều)?(?: của)?|nghiên cứu|đề xuất|lấy ý kiến(?: về)?(?: dự thảo)?)"
    r"(?:\s*(?:,|và)\s*(?:triển khai|tổ chức thực hiện|trình|ban hành|hoàn thiện))?"
    r"\s+(?:(?:dự thảo|các|việc|mới|một số|(?:luật|nghị quyết|nghị định|chính sách|cơ chế),)\s+)*$",
    re.IGNORECASE,
)
# A kind word inside a body's name ("Sở Quy hoạch - Kiến trúc") or after a
# plural ("các Chương trình mục tiêu quốc gia") names no one document.
_NOT_ONE = re.compile(r"(?:\b(?:Sở|Viện|Cục|Vụ|Phòng|Ban|Trung tâm|Văn phòng|phòng|Pháp|pháp)|\b(?:các|những|mọi))\s+$")


def _to_be_issued(text: str, start: int) -> bool:
    return bool(_TO_BE_ISSUED.search(text, max(0, start - 60), start))


# Every name starts with one of these words: one scan finds where to look.
START_WORDS = ("Luật ", "Bộ luật ", "Hiến pháp", "Điều lệ Đảng", "Cương lĩnh", "Nghị quyết", "Chiến lược ",
               "Quy hoạch ", "Đề án ", "Chương trình ", "Quy chế ", "Pháp lệnh ")
_STARTS = re.compile("|".join(map(re.escape, START_WORDS)))


def find_named(text: str, titles: list[tuple[int, int]] = (),
               starts: dict[str, list[int]] | None = None) -> list[Named]:
    """Specific symbol-less documents in ``text``, outside ``titles``;
    ``starts`` (if given) holds where each of ``START_WORDS`` begins."""
    found: list[Named] = []
    titles = list(titles)
    if starts is None:
        starts = {}
        for m in _STARTS.finditer(text):
            starts.setdefault(m.group(), []).append(m.start())

    def at(*words: str):
        return sorted(p for w in words for p in starts.get(w, ()))

    def keep(n: Named | None) -> None:
        if n and not any(a <= n.start < b for a, b in titles) and not _to_be_issued(text, n.start) \
                and not _NOT_ONE.search(text, max(0, n.start - 12), n.start) \
                and not any(n.start < f.end and n.end > f.start for f in found):
            found.append(n)

    # Amending laws first: the laws they amend are inside their titles.
    for m in filter(None, (_AMENDING.match(text, p) for p in at("Luật "))):
        n = _amending(text, m)
        keep(n)
        if n:
            titles.append((m.end(), n.end))
    for m in filter(None, (_FIXED.match(text, p) for p in at("Hiến pháp", "Điều lệ Đảng", "Cương lĩnh"))):
        name = m["name"]
        if name.startswith("Hiến"):
            keep(Named(m.start(), m.end(), "constitution", "Hiến pháp", name))
        elif name.startswith("Điều"):
            keep(Named(m.start(), m.end(), "charter", "Điều lệ", "Điều lệ Đảng"))
        else:
            keep(Named(m.start(), m.end(), "other", "Cương lĩnh", name))
    if "Trung ương" in text:
        for m in filter(None, (_PLENUM.match(text, p) for p in at("Nghị quyết"))):
            if m["n"] or m["t"]:
                keep(Named(m.start(), m.end(), "resolution", "Nghị quyết", " ".join(m.group().split())))
    for m in filter(None, (_LAW.match(text, p) for p in at("Luật ", "Bộ luật "))):
        keep(_law(text, m))
    for m in filter(None, (_HEAD_RE.match(text, p) for p in at(*(h + " " for h in _HEADS)))):
        keep(_descriptive(text, m))
    for m in filter(None, (_NUMBERED.match(text, p) for p in at("Đề án "))):
        keep(Named(m.start(), m.end(), "scheme", "Đề án", f"Đề án {m['num']}"))
    found.sort(key=lambda n: n.start)
    return found


_BREAK = re.compile(r"[;:.()“”\"!?\n]")


def _words(text: str, pos: int, limit: int):
    """(word, start, end, separator before it) from ``pos`` on."""
    out = []
    for w in _WORD.finditer(text, pos, min(len(text), pos + 400)):
        sep = text[pos:w.start()]
        if sep != " " and _BREAK.search(sep):
            break
        out.append((w.group(), w.start(), w.end(), sep))
        pos = w.end()
        if len(out) >= limit:
            break
    return out


_DANGLING = re.compile(r"(?:\s+(?:và|hoặc|của|với|cùng))+\s*$")


def _trim(text: str, start: int, end: int) -> int:
    """A name does not end with a connective ("Luật Xây dựng và")."""
    d = _DANGLING.search(text, start, end)
    return d.start() if d else end


def _law(text: str, m: re.Match) -> Named | None:
    """ "Luật Đầu tư công", "Luật Cán bộ, công chức năm 2008", "Luật Thủ đô (sửa đổi)"."""
    if m["first"] in ("Sửa", "sửa"):
        return None
    words = _words(text, m.start("first"), 12)
    end, taken = m.start("first"), 0
    for i, (w, a, b, sep) in enumerate(words):
        if i and "," in sep:
            # "Luật Cán bộ, công chức": a short name goes on after a comma
            # with a lower-case word; "Luật A, Luật B" is a list.
            if not (w[:1].islower() and taken <= 2 and w not in _LAW_STOPS and w not in ("văn", "quy", "nghị", "thông")):
                break
        if i and w == "và":
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            if not nxt[:1].islower() or nxt in _LAW_STOPS or nxt in ("pháp", "văn"):
                break
        elif i and (w in _LAW_STOPS or _KIND_WORDS.match(w) or _STOP_PHRASES.match(text, a) or w.isdigit()):
            break
        end, taken = b, taken + 1
    suffix = _LAW_SUFFIX.match(text, end)
    if suffix:
        end = suffix.end()
    end = _trim(text, m.start(), end)
    name = " ".join(text[m.start():end].split())
    # A lower-case name is a law only when its year pins it ("Luật khám bệnh, chữa bệnh 2023");
    # a country's name alone ("Dân Luật Việt Nam", a website) names no law.
    if taken == 0 or name in ("Luật Việt Nam", "Bộ luật Việt Nam") or len(name) < 8 or m["first"][:1].islower() and not (suffix and re.search(r"\d{4}$", suffix.group())):
        return None
    if name.endswith(" sửa đổi"):
        name = name[: -len(" sửa đổi")] + " (sửa đổi)"
    return Named(m.start(), end, "law", m["head"], name)


_LAW_SUFFIX = re.compile(r"\s*(?:\((?:sửa đổi|sửa đổi, bổ sung)\)|năm \d{4}|\d{4}(?![\d/]))")


def _amending(text: str, m: re.Match) -> Named | None:
    """ "Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, … và
    Luật Đấu thầu": the title is the list of laws it amends (each maybe with its
    number), or "37 luật có liên quan đến quy hoạch"."""
    pos = end = m.end()
    many = _MANY_LAWS.match(text, pos)
    if many:
        end = many.end()
    while not many and _LAW.match(text, pos):
        # Inside the list an item runs to the next law, its date or the end.
        item_end = _ITEM_END.search(text, pos, min(len(text), pos + 160))
        end = item_end.start() if item_end else min(len(text), pos + 160)
        nxt = _NEXT_LAW.match(text, end)
        if not nxt:
            break
        pos = nxt.end()
    if end == m.end():
        return None
    return Named(m.start(), end, "law", "Luật", " ".join(text[m.start():end].split()))


_MANY_LAWS = re.compile(r"\d{1,3} luật[^,;.()“”\"]{0,80}?(?=\s+ngày\b|[,;.()]|$)")
_ITEM_END = re.compile(r"(?:,\s*|\s+và\s+)(?=(?:Bộ luật|Luật) )|\s+ngày\b|[;.()“”\"]|\s+(?:được|đã|để|nhằm)\s"
                       r"|\s+và\s+(?:các|những)\s")
_NEXT_LAW = re.compile(r"\s*(?:,|và)\s*(?=(?:Bộ luật|Luật) )")


def _descriptive(text: str, m: re.Match) -> Named | None:
    """ "Quy hoạch mạng lưới đường bộ thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"."""
    head = m["head"]
    # A heading or a sentence opening with the kind word is not a name.
    if re.search(r"(?:^|[.:;!?\n])\s*[-+*•]?\s*$", text[max(0, m.start() - 4):m.start()]):
        return None
    if _NOT_NAME_START.match(text, m.end()):
        return None
    words = _words(text, m.end(), 24)
    end, taken = m.end(), 0
    for i, (w, a, b, sep) in enumerate(words):
        # After a comma only "tầm nhìn …" or a short name's second part goes on.
        if "," in sep and not text.startswith("tầm nhìn", a) and not (w[:1].islower() and taken <= 2 and w not in _STOPS):
            break
        if w == "của":
            # "Quy chế làm việc của Ủy ban Kiểm tra Trung ương khóa XIII": a body
            # named after "của" belongs to the name.
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            if not nxt[:1].isupper() or _KIND_WORDS.match(nxt):
                break
        elif w == "và":
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            if not nxt[:1].isupper() or _KIND_WORDS.match(nxt):
                break
        elif w in _STOPS or _STOP_PHRASES.match(text, a) or (i and _KIND_WORDS.match(w)):
            break
        end, taken = b, taken + 1
    # Two words ("Quy chế làm việc") still name a kind of document, not one.
    if taken < 3 and not (words and words[0][0][:1].isupper()):
        return None
    end = _trim(text, m.start(), end)
    name = " ".join(text[m.start():end].split())
    if name.lower() in _GENERIC_NAMES:
        return None
    return Named(m.start(), end, _HEADS[head], head, name)


# Kinds of programmes and plans, not one of them.
_GENERIC_NAMES = {"chương trình mục tiêu quốc gia", "chương trình phát triển kinh tế - xã hội",
                  "quy hoạch tổng thể", "chiến lược phát triển kinh tế - xã hội"}
