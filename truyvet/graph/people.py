"""People of one document → Person nodes and MENTIONS / SIGNED_BY / DIRECTED_BY edges.

**One person, one node, when name and role agree.** A person's key is the
folded name plus the jurisdiction of the roles a document gives them:

* a role of a place ("Bí thư Thành ủy Hà Nội", "Chủ tịch UBND tỉnh …", or a
  local role such as "Phó Bí thư Thường trực Thành ủy" in a Hà Nội document)
  → ``person:nguyen-van-phong@ha-noi``;
* only central roles ("Tổng Bí thư", "Ủy viên Bộ Chính trị", "Bộ trưởng …",
  "Phó Thủ tướng") → ``person:to-lam``;
* no role: the jurisdiction of the document (central or its place);
* a local role or document of an unknown place → qualified by the document
  (``@?<hash>``), never merged by guess.

The narrowest wins, and it holds for every mention of that name in the
document: "Ủy viên Bộ Chính trị, Bí thư Thành ủy Hà Nội Bùi Thị Minh Hoài"
is Hà Nội's. So two namesakes in different provinces stay apart, a central
leader named in a Hà Nội plan and in a news article is one node, and a
person who moved from a province to a central post is two (a conflicting
role keeps homonyms apart; it cannot tell them from a career).

Roles are not node properties: each MENTIONS edge carries the roles of its
mention as written (``role``, joined by "; ") and its evidence, dated by the
asserting document (``source_id``).
"""
from __future__ import annotations

import re

from truyvet.graph.identity import Context, bounded
from truyvet.graph.model import Edge, Node
from truyvet.loaders.keys import fold, slug
from truyvet.loaders.places import place_in
from truyvet.loaders.records import ParsedDocument

_CENTRAL_ROLE = re.compile(
    r"Tổng Bí thư|Chủ tịch nước|Thủ tướng|Quốc hội|Bộ Chính trị|Ban Bí thư|Trung ương|Chính phủ|Việt Nam|"
    r"^UV(?:BCT|TW)$|^(?:nguyên\s+)?(?:Phó\s+)?(?:Bộ trưởng|Thứ trưởng)\b", re.IGNORECASE)
CENTRAL = ""


def role_scope(role: str, ctx: Context) -> str | None:
    """"" for a central role, else the place it belongs to (None if unknown).

    >>> from truyvet.graph.identity import Context
    >>> ctx = Context("doc:x", "Hà Nội", "city", "abc")
    >>> role_scope("Tổng Bí thư", ctx), role_scope("Bí thư Tỉnh ủy Nghệ An", ctx), role_scope("Phó Chủ tịch UBND", ctx)
    ('', 'Nghệ An', 'Hà Nội')
    """
    named = place_in(role)[0]
    if named:
        return named
    if _CENTRAL_ROLE.search(role):
        return CENTRAL
    return ctx.place


def _doc_scope(ctx: Context) -> str | None:
    return CENTRAL if ctx.level == "central" else ctx.place


def person_key(name: str, scope: str | None, ctx: Context) -> str:
    """``nguyen-van-phong@ha-noi``, ``to-lam``, ``nguyen-van-a@?<hash>``."""
    base = bounded(slug(name), 120)
    if scope == CENTRAL:
        return base
    return base + ctx.qualifier(scope)


def _scopes(doc: ParsedDocument, ctx: Context) -> dict[str, str | None]:
    """Folded name → the narrowest jurisdiction this document gives it."""
    found: dict[str, list[str | None]] = {}
    for p in doc.people:
        found.setdefault(fold(p.name), []).extend(role_scope(r, ctx) for r in p.roles)
    out = {}
    for name, scopes in found.items():
        local = [s for s in scopes if s != CENTRAL]
        out[name] = local[0] if local else (CENTRAL if scopes else _doc_scope(ctx))
    return out


def people_parts(doc: ParsedDocument, ctx: Context, evidence, stub) -> tuple[list[Node], list[Edge], dict[str, str]]:
    """(Person nodes, their edges, folded name → person id) of one document.

    ``evidence(span, **props)`` builds an edge's evidence properties;
    ``stub(reference)`` gives the id of a document the text names.
    """
    scopes = _scopes(doc, ctx)
    nodes: dict[str, Node] = {}

    def person(name: str) -> str:
        f = fold(name)
        scope = scopes.get(f, _doc_scope(ctx))
        key = person_key(name, scope, ctx)
        pid = f"person:{key}"
        if pid not in nodes:
            nodes[pid] = Node(pid, "Person", {"name": name, "key": key, "place": scope or None})
        return pid

    edges: list[Edge] = []
    idn = doc.identity
    if idn.signer:
        edges.append(Edge("SIGNED_BY", ctx.doc_id, person(idn.signer),
                          evidence(idn.signer_span, role=idn.signer_title)))
    seen = set()
    for p in doc.people:
        pid = person(p.name)
        role = "; ".join(p.roles) or None
        if (pid, role) in seen:
            continue
        seen.add((pid, role))
        edges.append(Edge("MENTIONS", ctx.doc_id, pid, evidence(p.evidence_span, role=role, cue=p.cue)))
    for d in doc.directions:
        pid = person(d.person.name)
        sources = [s for s in (stub(t) for t in d.targets) if s] or [ctx.doc_id]
        for s in dict.fromkeys(sources):
            edges.append(Edge("DIRECTED_BY", s, pid, evidence(
                d.span, role="; ".join(d.person.roles) or None, cue=d.cue)))
    return list(nodes.values()), edges, {fold(n.props["name"]): n.id for n in nodes.values()}
