"""Relationship patterns the schema makes empty, refused in writes.

``(a:Agency)-[r:ASSIGNS]->(t:Task)`` can match nothing: ASSIGNS goes from
Task to Agency. A read over such a pattern returns no rows, as it should. A
write over one (``SET r.role = 'x'``, or ``SET a.name = …``) kills the
LadybugDB process outright, with no message (exit 139; the store is left
as it was). So both stores refuse a write whose relationship pattern
contradicts the schema, naming the direction the relationship has.

The labels read are those written in the pattern, or given to the same
variable elsewhere in the query (``MATCH (t:Document) WITH t MATCH
(t)-[:ASSIGNS]->() SET …``); a variable given different labels in
different places is not read. A query that hides its labels further (a
variable renamed by ``WITH t AS x``) is not caught.

>>> empty_pattern("MATCH (a:Agency)-[r:ASSIGNS]->(t:Task) SET r.role = 'x'")
('(:Agency)-[:ASSIGNS]->(:Task)', 'ASSIGNS goes from Task to Agency')
>>> empty_pattern("MATCH (t:Task)-[r:ASSIGNS]->(a:Agency) SET r.role = 'x'") is None
True
"""
from __future__ import annotations

from functools import lru_cache

from truyvet.errors import QueryError
from truyvet.graph.schema import KEY_RELS, KEY_TABLES, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.guard import tokens

_RELS = {**REL_TABLES, **KEY_RELS}
_LABELS = {*NODE_TABLES, *KEY_TABLES}


@lru_cache(maxsize=1024)
def ensure_possible(cypher: str) -> None:
    """Raise QueryError when a write's relationship pattern can match nothing."""
    found = empty_pattern(cypher)
    if found:
        pattern, why = found
        raise QueryError(f"mẫu {pattern} không bao giờ khớp ({why}): câu lệnh ghi bị từ chối "
                         "(this pattern matches nothing; the write is refused)")


def empty_pattern(cypher: str) -> tuple[str, str] | None:
    """(pattern, the direction its relationship has) of the first
    relationship pattern of ``cypher`` that no edge of the schema fits; None
    if all may match."""
    toks = [text for _, text in tokens(cypher)]
    var_labels = _variable_labels(toks)
    for i, tok in enumerate(toks):
        if tok != "[" or i < 2 or toks[i - 1] not in ("-", "<-") or toks[i - 2] != ")":
            continue
        close = _partner(toks, i)
        if close is None or close + 2 >= len(toks) or toks[close + 1] not in ("-", "->") \
                or toks[close + 2] != "(":
            continue
        types = _names(toks, i)[1]
        if not types or any(t not in _RELS for t in types):
            continue
        left = _node_labels(toks, _partner(toks, i - 2), var_labels)
        right = _node_labels(toks, close + 2, var_labels)
        into_left, into_right = toks[i - 1] == "<-", toks[close + 1] == "->"
        ways = [(left, right)] if into_right and not into_left else \
               [(right, left)] if into_left and not into_right else [(left, right), (right, left)]
        if not any(_fits(_RELS[t], src, dst) for t in types for src, dst in ways):
            shown = f"({_shown(left)}){toks[i - 1]}[:{'|'.join(types)}]{toks[close + 1]}({_shown(right)})"
            goes = "; ".join(f"{t} goes from {_RELS[t][0]} to {_RELS[t][1]}" for t in types)
            return shown, goes
    return None


def _fits(ends: tuple[str, str], src: set[str] | None, dst: set[str] | None) -> bool:
    return (src is None or ends[0] in src) and (dst is None or ends[1] in dst)


def _shown(labels: set[str] | None) -> str:
    return ":" + "|".join(sorted(labels)) if labels else ""


def _variable_labels(toks: list[str]) -> dict[str, set[str]]:
    """The labels each variable is given in node patterns, when it is given one set only."""
    seen: dict[str, set[frozenset[str]]] = {}
    for i, tok in enumerate(toks):
        if tok == "(":
            var, labels = _names(toks, i)
            if var and labels:
                seen.setdefault(var, set()).add(frozenset(labels))
    return {var: set(next(iter(sets))) for var, sets in seen.items() if len(sets) == 1}


def _node_labels(toks: list[str], open_at: int | None, var_labels) -> set[str] | None:
    """The labels of the node pattern opening at ``open_at``; None when any
    node may stand there (no label, or one this schema does not know)."""
    if open_at is None:
        return None
    var, names = _names(toks, open_at)
    labels = set(names)
    if not labels and var:
        labels = set(var_labels.get(var, ()))
    return labels if labels and labels <= _LABELS else None


def _names(toks: list[str], open_at: int) -> tuple[str | None, list[str]]:
    """(variable, labels or types) of the node or relationship pattern whose
    bracket opens at ``open_at``: ``(t:Task)``, ``[r:A|B]``, ``[:A|:B]``, ``(x:A:B)``."""
    j = open_at + 1
    var = toks[j] if j < len(toks) and toks[j].isidentifier() else None
    j += var is not None
    names = []
    while j + 1 < len(toks) and toks[j] in (":", "|"):
        j += toks[j] == "|" and toks[j + 1] == ":"          # the older "|:" between types
        if not (toks[j + 1].isidentifier() or toks[j + 1].startswith("`")):
            break
        names.append(toks[j + 1].strip("`"))
        j += 2
    return var, names


_PARTNER = {"(": ")", "[": "]", ")": "(", "]": "["}


def _partner(toks: list[str], i: int) -> int | None:
    """The index of the bracket that closes (or, for a closing one, opens) the one at ``i``."""
    step = 1 if toks[i] in "([" else -1
    depth = 0
    for j in range(i, len(toks) if step == 1 else -1, step):
        depth += toks[j] == toks[i]
        depth -= toks[j] == _PARTNER[toks[i]]
        if depth == 0:
            return j
    return None
