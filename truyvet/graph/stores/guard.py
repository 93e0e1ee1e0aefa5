"""The read-only guard: is a Cypher text made of read clauses only?

A deny-list of write words was bypassed twice: Neo4j ends a ``//`` comment
at ``\\r`` where the guard looked only for ``\\n``, so a ``LOAD CSV`` hidden
behind it ran; and LadybugDB has clauses nobody listed (``COMMENT ON``,
``UNINSTALL``, ``CALL threads=1``). So the text is tokenised the way the
engines do it, taking the widest reading of every ambiguity (a comment ends
at *any* line-break character, an unterminated string or comment is
refused), and every word that stands where a clause may start must be one of
a short allow-list of read words. A word where only an expression can stand
(after ``RETURN``, ``AND``, ``=``, ``(`` …) is a name or a function and is
left alone, so ``RETURN d.set AS create`` is fine.

>>> ensure_read_only("MATCH (d:Document {id: $id}) RETURN d.title AS set ORDER BY set")
>>> ensure_read_only("// x\\rLOAD CSV FROM 'http://127.0.0.1/x' AS l RETURN l")
Traceback (most recent call last):
...
truyvet.errors.QueryError: LOAD CSV reads files and URLs: refused in a read-only query
"""
from __future__ import annotations

import re
from functools import lru_cache

from truyvet.errors import QueryError

# Every character str.splitlines() breaks at: the engines end a line comment
# at some of them, so the guard ends it at the first of any.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

# Words that may stand where a clause starts (or continue a finished
# expression there: AS, AND, DESC …). Nothing else may.
READ_WORDS = frozenset("""
    MATCH OPTIONAL WHERE WITH RETURN UNWIND ORDER BY SKIP LIMIT OFFSET UNION ALL DISTINCT
    AS ASC ASCENDING DESC DESCENDING AND OR XOR NOT IN IS NULL TRUE FALSE STARTS ENDS CONTAINS
    CASE WHEN THEN ELSE END CALL YIELD EXPLAIN PROFILE
    SHORTEST ANY PATH PATHS GROUPS ACYCLIC TRAIL WALK DIFFERENT REPEATABLE RELATIONSHIPS ELEMENTS
""".split())

# After these words only an expression (or a name) can follow, never a
# clause. DISTINCT is one too, except after UNION, where a query restarts.
_OPERAND_AFTER = frozenset("""
    AND OR XOR NOT IN IS CASE WHEN THEN ELSE WHERE RETURN WITH UNWIND SKIP LIMIT OFFSET BY AS
    MATCH YIELD CONTAINS
""".split())
_OPERAND_AFTER_SYMBOLS = frozenset("( [ { , = <> < > <= >= =~ + - / % ^ | : :: += ->".split())

# Procedures a read query may call: schema listings on both engines.
READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties", "show_tables", "table_info",
})

_TOKEN = re.compile(r"""
      (?P<space>\s+)
    | (?P<line>//[^""" + LINE_BREAKS + r"""]*)
    | (?P<block>/\*.*?\*/)
    | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<name>`(?:[^`]|``)*`)
    | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
    | (?P<number>0x[0-9A-Fa-f]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    | (?P<word>[^\W\d]\w*)
    | (?P<sym><>|<=|>=|=~|->|<-|\.\.|\+=|::|\S)
""", re.S | re.X)


def tokens(cypher: str) -> list[tuple[str, str]]:
    """(kind, text) pairs, comments and blanks dropped.

    >>> tokens("RETURN n.x // c\\u2028LIMIT 1")
    [('word', 'RETURN'), ('word', 'n'), ('sym', '.'), ('word', 'x'), ('word', 'LIMIT'), ('number', '1')]
    """
    out, pos = [], 0
    while pos < len(cypher):
        m = _TOKEN.match(cypher, pos)
        kind = m.lastgroup
        if kind == "sym" and m.group() in "'\"`" or cypher.startswith("/*", pos) and kind != "block":
            what = "comment" if m.group() == "/" else "string or name"
            raise QueryError(f"unterminated {what} at offset {pos}: this query is read-only and "
                             "must be read whole")
        if kind not in ("space", "line", "block"):
            out.append((kind, m.group()))
        pos = m.end()
    return out


def _refuse(word: str) -> QueryError:
    if word == "LOAD":
        return QueryError("LOAD CSV reads files and URLs: refused in a read-only query")
    return QueryError(f"{word} is not a read clause: this query is read-only "
                      "(use --write, or write=True in Python, to modify the graph)")


def _key(kind: str, text: str) -> str | None:
    """The keyword a token may be: ASCII words only (engines match keywords
    letter by letter, so "lımıt" is a name, not LIMIT)."""
    return text.upper() if kind == "word" and text.isascii() else None


def _brace_opens_query(toks, i: int) -> bool:
    """Does the ``{`` at ``i`` open a subquery (CALL, EXISTS, COUNT, COLLECT,
    ``CALL (x) {``), rather than a map? When unsure, say yes: the content
    is then checked clause by clause."""
    prev = toks[i - 1] if i else ("sym", "")
    if _key(*prev) in ("CALL", "EXISTS", "COUNT", "COLLECT") or prev == ("sym", ")"):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else ("sym", "}")
    after = toks[i + 2] if i + 2 < len(toks) else ("sym", "")
    return nxt[0] == "word" and after != ("sym", ":")


def _operand_follows(prev, before) -> bool:
    """After ``prev`` (preceded by ``before``), must an expression come next?"""
    kind, text = prev
    key = _key(kind, text)
    if key == "DISTINCT":
        return _key(*before) != "UNION"
    if key is not None:
        return key in _OPERAND_AFTER
    if kind == "sym" and text == "*":
        # "WITH *" / "RETURN *" end a projection; anything else multiplies.
        return _key(*before) not in ("WITH", "RETURN", "DISTINCT", "YIELD")
    return kind == "sym" and (text in _OPERAND_AFTER_SYMBOLS or text == ".")


@lru_cache(maxsize=1024)
def ensure_read_only(cypher: str) -> None:
    """Raise QueryError unless every clause of ``cypher`` is a read clause.

    >>> ensure_read_only("MATCH (n) RETURN n UNION ALL CALL { MATCH (m) RETURN m AS n } RETURN n")
    >>> ensure_read_only("MATCH (n) WITH * CREATE (m)")
    Traceback (most recent call last):
    ...
    truyvet.errors.QueryError: CREATE is not a read clause: this query is read-only (use --write, or write=True in Python, to modify the graph)
    """
    toks = tokens(cypher)
    stack = ["query"]              # per open bracket: "query" (clauses) or "nested" (an expression)
    prev, before = ("sym", ";"), ("sym", "")
    skip_to = -1                   # the procedure name after CALL
    for i, tok in enumerate(toks):
        kind, text = tok
        in_query = stack[-1] == "query" and i > skip_to
        if kind == "sym" and text in "([{":
            stack.append("query" if text == "{" and _brace_opens_query(toks, i) else "nested")
            # A subquery starts a fresh clause sequence.
            prev, before = (("sym", ";"), ("sym", "")) if stack[-1] == "query" else (tok, prev)
            continue
        if kind == "sym" and text in ")]}":
            if len(stack) == 1:
                raise QueryError(f"unbalanced {text!r}: this query is read-only and must be read whole")
            stack.pop()
        elif in_query and kind == "word" and not _operand_follows(prev, before):
            key = _key(kind, text)
            if key not in READ_WORDS:
                raise _refuse(key or text)
            if key == "CALL":
                skip_to = _check_call(toks, i)
        prev, before = tok, prev
    if len(stack) != 1:
        raise QueryError("unbalanced brackets: this query is read-only and must be read whole")


def _check_call(toks, i: int) -> int:
    """CALL opens a subquery (``CALL {``, ``CALL (x) {``) or names a procedure,
    which must be a read-only one; returns the index of the name's last token."""
    nxt = toks[i + 1] if i + 1 < len(toks) else ("sym", "")
    if nxt in (("sym", "{"), ("sym", "(")):
        if nxt == ("sym", "("):
            depth = 0
            for j in range(i + 1, len(toks)):
                depth += toks[j] == ("sym", "(")
                depth -= toks[j] == ("sym", ")")
                if depth == 0:
                    if toks[j + 1:j + 2] != [("sym", "{")]:
                        raise QueryError("CALL (…) must open a subquery here: this query is read-only")
                    return i
        return i
    name, j = [], i + 1
    while j < len(toks) and toks[j][0] == "word":
        name.append(toks[j][1])
        if toks[j + 1:j + 2] != [("sym", ".")]:
            break
        j += 2
    proc = ".".join(name).lower()
    if proc not in READ_PROCEDURES or toks[j + 1:j + 2] != [("sym", "(")]:
        raise QueryError(f"CALL {'.'.join(name) or '…'} is not allowed in a read-only query "
                         f"(allowed procedures: {', '.join(sorted(READ_PROCEDURES))})")
    return j
