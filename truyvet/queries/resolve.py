"""What a user types → the nodes it names, and only those.

One resolver for every command that takes a query (trace, agency, show, viz,
tasks, the named queries' id parameters). A query is read, in this order, as:

1. a node id (``doc:111-TB/VPTW``);
2. a task label with words naming its document (``II.2.(14) Hà Nội 20/01/2025``);
3. a document symbol (``111-TB/VPTW``, ``111 - TB/VPTW``, ``141/KH-UBND``), whole;
4. a kind with a number, a symbol or words (``Thông báo 111``, ``thong bao so 111``,
   ``TB 111``, ``NQ 57``, ``Kế hoạch Hà Nội 20/01/2025``): the number is
   compared whole with the document's own number, never as a prefix;
5. an agency's name, alias or abbreviation (``BCS đảng UBND TP``), with or
   without its place;
6. words, each of which must be a whole word of a document's or agency's
   description.

A query that has the shape of 2–4 is answered by that reading only: "Thông
báo 11" never falls through to a word search that would find 111-TB/VPTW.
Comparison is on folded keys (:func:`truyvet.loaders.keys.fold`), so
diacritics, tone placement and case do not matter.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("doc:111-TB/VPTW", type="Document", kind="notice", symbol="111-TB/VPTW",
...            label="Thông báo 111-TB/VPTW", date="2024-12-03")
>>> [c.id for c in resolve(g, "thong bao so 111").matches]
['doc:111-TB/VPTW']
>>> resolve(g, "Thông báo 11").matches, [c.id for c in resolve(g, "Thông báo 11").near]
((), ['doc:111-TB/VPTW'])
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from truyvet.errors import QueryError, Unresolved
from truyvet.graph.lineage import label_key, node_label
from truyvet.loaders.keys import fold, symbol_key
from truyvet.loaders.kinds import KIND_WORDS, kind_of_code, kind_word
from truyvet.loaders.symbols import find_symbols

# A task label path: "II.2.(14)", "1.a", "PL.I.1.-1". A bare number or
# numeral ("3", "II") is not taken for one: it reads as a number.
TASK_LABEL = re.compile(r"(?<!\S)((?:[IVXL]+|PL|\d+)(?:\.(?:[IVXL]+|\d+|\(\d+\)|[a-z]|-\d+))*(?:\.\(\d+\))?)(?!\S)")

_KIND_PHRASES = sorted(KIND_WORDS, key=len, reverse=True)
_KIND_RE = re.compile(r"^(?:%s)(?=\s|\d|$)" % "|".join(re.escape(k) for k in _KIND_PHRASES))
# Words that join a query's parts and name nothing ("Kế hoạch số 53 ngày 20/01/2025").
_FILLER = {"so", "ngay", "thang", "nam", "cua", "va"}
_TYPE_ORDER = {"Document": 0, "Task": 1, "Agency": 2, "Person": 3, "Event": 4}
SHOWN = 12          # candidates listed in a message


@dataclass(frozen=True)
class Candidate:
    """One node a query may name: its id, type, a readable description, and
    the reading of the query that found it."""
    id: str
    type: str
    label: str
    how: str


@dataclass(frozen=True)
class Resolution:
    """The nodes a query names (``matches``) and, when it names none, the
    nearest ones (``near``) as a hint."""
    query: str
    matches: tuple[Candidate, ...] = ()
    near: tuple[Candidate, ...] = ()

    def node(self, pick: int | None = None) -> str:
        """The one node meant: the only match, or match number ``pick`` (1-based).
        :class:`NoMatch` or :class:`Ambiguous` otherwise."""
        if not self.matches:
            raise NoMatch(self)
        if pick is not None:
            if not 1 <= pick <= len(self.matches):
                raise QueryError(f"--pick {pick}: {self.query!r} has {len(self.matches)} candidate(s)")
            return self.matches[pick - 1].id
        if len(self.matches) > 1:
            raise Ambiguous(self)
        return self.matches[0].id


class NoMatch(Unresolved):
    def __init__(self, resolution: Resolution):
        lines = [f"không có văn bản, nhiệm vụ hay cơ quan nào khớp với {resolution.query!r} (nothing matches)"]
        if resolution.near:
            lines.append("gần nhất:")
            lines += _listing(resolution.near)
        super().__init__(resolution, "\n".join(lines))


class Ambiguous(Unresolved):
    def __init__(self, resolution: Resolution):
        n = len(resolution.matches)
        lines = [f"{resolution.query!r} khớp với {n} mục: chọn một bằng --pick N, hoặc viết rõ hơn (ambiguous)"]
        lines += _listing(resolution.matches)
        super().__init__(resolution, "\n".join(lines))


def _listing(cands) -> list[str]:
    out = [f"  {i}. {c.label}  [{c.id}]" for i, c in enumerate(cands[:SHOWN], 1)]
    if len(cands) > SHOWN:
        out.append(f"  … và {len(cands) - SHOWN} mục khác")
    return out


# --- the query --------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A query taken apart. ``words`` are what is left once the recognised
    parts are removed: folded, numbers without leading zeros."""
    text: str
    label: str | None = None
    symbol: str | None = None       # compact folded key of a symbol
    kind: str | None = None
    number: str | None = None
    words: tuple[str, ...] = ()


def parse_query(text: str) -> Query:
    """Take a query apart.

    >>> parse_query("Thông báo số 111")
    Query(text='Thông báo số 111', label=None, symbol=None, kind='notice', number='111', words=())
    >>> parse_query("II.2.(14) Hà Nội").label, parse_query("II.2.(14) Hà Nội").words
    ('II.2.(14)', ('ha', 'noi'))
    >>> parse_query("tb 111-tb/vptw").symbol
    '111-tb/vptw'
    """
    q = unicodedata.normalize("NFC", text).strip()
    m = TASK_LABEL.search(q)
    if m and any(ch in m.group(1) for ch in ".("):
        return Query(q, label=m.group(1), words=words(q[:m.start()] + " " + q[m.end():]))
    rest = fold(q)
    kind = None
    km = _KIND_RE.match(rest)
    if km:
        kind, rest = KIND_WORDS[km.group()], rest[km.end():]
    else:
        head, _, tail = rest.partition(" ")
        if tail and re.match(r"\d", tail) and kind_of_code(head):
            kind, rest = kind_of_code(head), tail
    rest = re.sub(r"^\s*so\b", "", rest).strip()
    symbol, rest = _symbol(rest)
    number = None
    nm = re.match(r"(\d+)(?=\s|$)", rest)
    if symbol is None and nm and kind is not None:
        number, rest = nm.group(1).lstrip("0") or "0", rest[nm.end():]
    return Query(q, symbol=symbol, kind=kind, number=number, words=words(rest))


def _symbol(folded: str) -> tuple[str | None, str]:
    """The symbol at the head of a folded query, as a compact key, and the rest."""
    found = find_symbols(folded.upper())
    if found and found[0].start == 0 and len(folded.upper()) == len(folded):
        s = found[0]
        return symbol_key(s.canonical), folded[s.end:]
    return None, folded


def words(text: str) -> tuple[str, ...]:
    """Folded words, numbers without leading zeros, fillers dropped.

    >>> words("Hà Nội, ngày 20/01/2025")
    ('ha', 'noi', '20', '1', '2025')
    """
    out = []
    for w in re.findall(r"[a-z0-9]+", fold(text)):
        if w.isdigit():
            w = w.lstrip("0") or "0"
        if w not in _FILLER:
            out.append(w)
    return tuple(out)


# --- what a node is called ----------------------------------------------------------


def describe(g: nx.MultiDiGraph, n: str) -> str:
    """A label that tells candidates apart: a document with its issuer or
    place and date, a task with its document."""
    d = g.nodes[n]
    t = d.get("type")
    if t == "Task":
        doc = d.get("doc_id")
        return f"nhiệm vụ {d.get('label')} — {node_label(g, doc) if doc in g else doc}"
    label = node_label(g, n)
    if t != "Document":
        return label
    return document_line(label, d.get("issuer") or d.get("place"), d.get("date"), bool(d.get("stub")))


def document_line(label: str, issuer: str | None = None, date: str | None = None, stub: bool = False) -> str:
    """A document's label with what tells it apart: who issued it, when, and
    whether it was read or is only known from citations.

    >>> document_line("Thông báo 111-TB/VPTW", "Văn phòng Trung ương Đảng", "2024-12-03", stub=True)
    'Thông báo 111-TB/VPTW · Văn phòng Trung ương Đảng · 03/12/2024 · chỉ được dẫn chiếu'
    """
    extra = [x for x in (issuer, vn_date(date)) if x and x not in label]
    return " · ".join([label, *extra, *(["chỉ được dẫn chiếu"] if stub else [])])


def vn_date(iso: str | None) -> str:
    """An ISO day as Vietnamese write it ("2025-01-20" → "20/01/2025"); anything else as it is."""
    if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        return iso or ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def _doc_number(d: dict) -> str | None:
    raw = d.get("number") or (re.match(r"\d+", d.get("symbol") or "") or [None])[0]
    return (raw.lstrip("0") or "0") if raw and raw.isdigit() else None


def _code_kind(d: dict) -> str | None:
    """The kind the code of a document's symbol names (KH → plan, NĐ → decree)."""
    return _symbol_kind(d.get("symbol") or "")


@lru_cache(maxsize=1 << 16)
def _symbol_kind(symbol: str) -> str | None:
    found = find_symbols(symbol)
    return kind_of_code(found[0].code) if found and found[0].code else None


def _doc_words(d: dict) -> set[str]:
    return set(words(" ".join(str(x) for x in (
        kind_word(d.get("kind") or ""), d.get("kind_text"), d.get("label"), d.get("title"), d.get("issuer"),
        d.get("place"), d.get("symbol"), d.get("date")) if x)))


def _has_words(d: dict, q: Query) -> bool:
    return not q.words or set(q.words) <= _doc_words(d)


def _agency_display(name: str) -> str:
    # The body-name rules load their lexicon on import (0.2 s); a lookup by
    # symbol or number never reaches a name, so it does not pay for them.
    from truyvet.graph.identity import agency_display
    return agency_display(name)


def _agency_names(d: dict) -> set[str]:
    name, place = d.get("name") or "", d.get("place")
    names = {fold(name), fold(_agency_display(name))}
    if place:
        names |= {f"{x} {fold(place)}" for x in set(names)}
    return names


# --- resolving ----------------------------------------------------------------------


def resolve(g: nx.MultiDiGraph, text: str, types: set[str] | frozenset[str] | None = None) -> Resolution:
    """The nodes of ``g`` that ``text`` names, restricted to ``types`` if given.

    A graph read from a store on demand (a
    :class:`~truyvet.queries.store_graph.StoreGraph`, ``whole`` false) may
    hold only the nodes an exact reading (an id, a symbol by the store's
    key, a kind and number, an agency name) names; any other answer, and the
    hint when nothing matches, needs every document and agency, so it reads
    them and reads the query again.
    """
    q = parse_query(text)
    r = _resolve(g, q, types)
    if getattr(g, "whole", True) or (r.matches and _final(r.matches[0].how, q)):
        return r
    g.load_all()
    return _resolve(g, q, types)


def _final(how: str, q: Query) -> bool:
    """Do matches found this way stand without every document? A name
    matches agencies only once no kind word could make it a document's."""
    return how in ("id", "symbol", "kind and number") or (how == "agency name" and q.kind is None)


def _resolve(g: nx.MultiDiGraph, q: Query, types) -> Resolution:
    ok = (lambda n: g.nodes[n].get("type") in types) if types else (lambda n: True)

    def found(ids, how: str) -> Resolution:
        hits = [n for n in ids if ok(n)]
        return Resolution(q.text, _candidates(g, hits, how), _near(g, q, ok) if not hits else ())

    if q.text in g and ok(q.text):
        return found([q.text], "id")
    if q.label:
        return found(_tasks(g, q), "task label")
    nodes = g.nodes(data=True)
    if q.symbol:
        # A store's key gives the documents with this symbol without a search.
        keyed = g.symbol_nodes(q.symbol) if hasattr(g, "symbol_nodes") else None
        pool = _documents(g) if keyed is None else [(n, g.nodes[n]) for n in keyed]
        return found([n for n, d in pool if d.get("symbol") and symbol_key(d["symbol"]) == q.symbol
                      and (q.kind is None or q.kind in (d.get("kind"), _code_kind(d))) and _has_words(d, q)],
                     "symbol")
    if q.kind:
        # A store read on demand gives the documents that may carry the number without a search.
        numbered = g.number_nodes(q.number) if q.number and hasattr(g, "number_nodes") else None
        docs = _documents(g) if numbered is None else [(n, g.nodes[n]) for n in numbered]
        hits = [n for n, d in docs if (q.number is None or _doc_number(d) == q.number)
                and q.kind in (d.get("kind"), _code_kind(d)) and _has_words(d, q)]
        # With a number the reading is certain; a kind word alone may begin a name ("Luật sư …").
        if q.number or any(ok(n) for n in hits):
            return found(hits, "kind and number" if q.number else "kind")
    # The display rules know abbreviations as they are written ("TP", "BCS");
    # the upper-cased query gives them a typed-lower-case one as well.
    keys = {fold(q.text), fold(_agency_display(q.text)), fold(_agency_display(q.text.upper()))}
    exact = [n for n, d in nodes if d.get("type") == "Agency" and keys & _agency_names(d) and ok(n)]
    if exact:
        return found(exact, "agency name")
    # A person's name written whole names the person (namesakes of other places are listed).
    people = [n for n, d in nodes if d.get("type") == "Person" and fold(d.get("name") or "") == fold(q.text) and ok(n)]
    if people:
        return found(people, "person name")
    want = set(words(q.text))
    if not want:
        return found([], "words")
    hits = [n for n, d in nodes if ok(n) and (
        (d.get("type") == "Document" and want <= _doc_words(d))
        or (d.get("type") in ("Agency", "Person", "Event") and want <= set(words(node_label(g, n)))))]
    return found(hits, "words")


def _documents(g) -> list[tuple[str, dict]]:
    return [(n, d) for n, d in g.nodes(data=True) if d.get("type") == "Document"]


def resolve_one(g: nx.MultiDiGraph, text: str, types=None, pick: int | None = None) -> str:
    """The id of the one node ``text`` names; :class:`NoMatch` / :class:`Ambiguous`
    (both :class:`~truyvet.errors.QueryError`) list the candidates otherwise."""
    return resolve(g, text, types).node(pick)


def _tasks(g, q: Query) -> list[str]:
    want = set(q.words)
    out = []
    for n, d in g.nodes(data=True):
        if d.get("type") == "Task" and d.get("label") == q.label:
            doc = d.get("doc_id")
            if not want or (doc in g and want <= _doc_words(g.nodes[doc])):
                out.append(n)
    return out


def _candidates(g, ids, how: str) -> tuple[Candidate, ...]:
    def order(n):
        d = g.nodes[n]
        return (_TYPE_ORDER.get(d.get("type"), 9), bool(d.get("stub")), label_key(node_label(g, n)), n)

    return tuple(Candidate(n, g.nodes[n].get("type", "?"), describe(g, n), how) for n in sorted(set(ids), key=order))


def _near(g, q: Query, ok, n: int = 5) -> tuple[Candidate, ...]:
    """A hint, never an answer: documents of the kind whose number begins
    with the one asked ("Thông báo 11" → 111-TB/VPTW), then the nodes whose
    folded label is closest to the query."""
    ids: list[str] = []
    shared: list[tuple[int, str, str]] = []          # (words in common, folded label, node)
    want = set(words(q.text))
    for node, d in g.nodes(data=True):
        if d.get("type") not in ("Document", "Agency", "Task") or not ok(node):
            continue
        if q.number and q.kind in (d.get("kind"), _code_kind(d)) and (_doc_number(d) or "").startswith(q.number):
            ids.append(node)
        label = fold(describe(g, node) if d.get("type") == "Task" else node_label(g, node))
        common = len(want & set(re.findall(r"[a-z0-9]+", label)))
        if common:
            shared.append((common, label, node))
    # Only labels that share a word with the query are compared letter by letter.
    pool: dict[str, list[str]] = {}
    for _, label, node in sorted(shared, key=lambda x: -x[0])[:500]:
        pool.setdefault(label, []).append(node)
    close = difflib.get_close_matches(fold(q.text), list(pool), n=n, cutoff=0.5)
    ids = list(dict.fromkeys(sorted(ids) + [node for key in close for node in pool[key]]))[:n]
    return tuple(Candidate(i, g.nodes[i].get("type", "?"), describe(g, i), "near") for i in ids)


def resolve_params(params, values: dict, graph_for, pick: int | None = None) -> dict:
    """``values`` with every parameter that names a node (a pack
    :class:`~truyvet.queries.pack.Param` with a ``node_type``) given as a
    user query replaced by the id it names; an id stays as it is.
    ``graph_for(value)`` gives the graph to search for that value."""
    out = dict(values)
    for p in params:
        value = out.get(p.name)
        if p.node_type is None or not isinstance(value, str):
            continue
        g = graph_for(value)
        if value in g:
            continue
        try:
            out[p.name] = resolve_one(g, value, {p.node_type}, pick)
        except QueryError as exc:
            exc.args = (f"${p.name}: {exc}",)
            raise
    return out
