"""The tokens a body name is made of, and the record the grammar fills in.

``reader`` starts a name, ``complement`` extends it, ``relative`` reads the
clause a group may carry; all ask these helpers what a token is.
"""
from __future__ import annotations

from dataclasses import dataclass

from truyvet.loaders.bodies.lexicon import HEADS, LEVEL, NOT_HEAD, PREDICATES, TITLES
from truyvet.loaders.bodies.tokens import Tok


@dataclass
class Name:
    """A name read from tokens ``i`` to ``j`` (exclusive)."""
    i: int
    j: int
    head: str | None
    cls: str                  # organ | local | party | restricted | generic | role | place | known
    kind: str = "body"        # body | collective | role
    closed: bool = False      # its field is a curated one: only levels, places, modifiers follow
    filled: bool = False      # something follows the head
    last: str = "head"        # what was read last: head | field | level | place | word | mod | det |
    #                           plural (a list of body nouns) | linked (a parent after "thuộc") | acting | rel
    sub_head: str | None = None   # head of the last body inside the complement
    linked: bool = False          # ends with a parent body after "thuộc", "của" ...
    det: bool = False             # led by a determiner ("các", "mỗi")
    terminal: bool = False        # a whole body that takes no parent after it ("Sở Tư pháp", "Bộ Công an")

    @property
    def field_head(self) -> str | None:
        """The head whose field may come next ("Sở" in "Đảng ủy Sở ...")."""
        return (self.sub_head or self.head) if self.last == "head" else None


def word_at(toks: list[Tok], k: int) -> Tok | None:
    return toks[k] if k < len(toks) and toks[k].word else None


def is_marker(toks: list[Tok], k: int) -> bool:
    """A list marker at a line start ("- ", "+ ", "2.", "b)"); "b)" anywhere, since
    the flat view of a text runs lines together ("… Thành phố a) Chủ trì …")."""
    t = toks[k]
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if len(t.text) == 1 and t.text.isalpha() and nxt is not None and nxt.key == ")":
        return True
    if t.nl == 0 and k > 0:
        return False
    if t.key in {"-", "+", "•"}:
        return True
    return bool(nxt and nxt.key in {".", ")"} and (t.num or len(t.text) <= 4 and t.text.isalpha()))


def predicate_at(toks: list[Tok], k: int) -> tuple[int, str] | None:
    """A predicate word at ``k`` when written in lower case (or in capitals)."""
    t = toks[k]
    if not (t.lower or t.caps):
        return None
    return PREDICATES.match(toks, k)


def head_at(toks: list[Tok], k: int, after_det: bool = False) -> tuple[int, str] | None:
    """A head noun at ``k``: (tokens, class)."""
    t = word_at(toks, k)
    if t is None:
        return None
    found, other = HEADS.match(toks, k), NOT_HEAD.match(toks, k)
    if other and not (found and found[0] > other[0]):
        return None                   # "Bộ đội" is a noun, "Bộ đội Biên phòng" a body
    if found and (t.cap or after_det or found[1] == "party"):
        n, cls = found
        if cls == "restricted":
            nxt = word_at(toks, k + n)
            if nxt is None or not (nxt.cap and not nxt.caps or LEVEL.match(toks, k + n) or nxt.key == "các"):
                # "Thuế tỉnh", "Kho bạc Nhà nước", not "Thuế thu nhập", "Thuế GTGT"
                return None
        return found
    return None


def titles_at(toks: list[Tok], k: int) -> list[int]:
    """Lengths of the titles at ``k``, longest first ("Phó Trưởng ban Thường trực", ...)."""
    t = word_at(toks, k)
    if t is None:
        return []
    return [n for n in TITLES.lengths(toks, k) if n <= 6]
