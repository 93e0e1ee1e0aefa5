"""The named query pack: Cypher files that run unchanged on every store.

Each ``cypher/NAME.cypher`` file opens with a header::

    // name: lineage_down
    // answers: which documents implement this one ...
    //   (an indented comment line continues the previous field)
    // params: $doc_id (meaning), $limit = 20 (meaning, with a JSON default)

``NAME.ladybug.cypher`` / ``NAME.neo4j.cypher`` replace the portable file on
one engine, only where the dialects differ (shortest paths, list functions).
``NAME.scan.cypher`` answers on a store without the symbol key (written
before it and not opened for writing since, see
:mod:`truyvet.graph.stores.keys`), by scanning.

A query text may also use a parameter derived from one its header declares
(:data:`DERIVED`): ``$symbol_key`` is ``$symbol`` folded, the key a store
looks a symbol up by.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from truyvet.errors import QueryError
from truyvet.loaders.keys import symbol_key

# Store kind -> file suffix of its dialect.
DIALECTS = {"embedded": "ladybug", "ladybug": "ladybug", "neo4j": "neo4j"}
# The variant for a store without the symbol key: not a dialect.
SCAN = "scan"
# Parameter a query text may use -> (the declared parameter it comes from, how).
DERIVED = {"symbol_key": ("symbol", symbol_key)}
_PARAM = re.compile(r"\$(\w+)\s*(?:=\s*(\[[^\]]*\]|\"[^\"]*\"|[-\w.]+))?\s*(?:\(([^)]*)\))?")


@dataclass(frozen=True)
class Param:
    name: str
    meaning: str = ""
    default: object = None
    required: bool = True

    @property
    def node_type(self) -> str | None:
        """The type of node the parameter names, read from its meaning ("id
        of a Task node" → "Task"); None for a plain value. Such a parameter
        also takes what a user types to ``trace`` ("Thông báo 111").

        >>> Param("from", "id of one document").node_type, Param("limit", "how many").node_type
        ('Document', None)
        """
        m = self.meaning.lower()
        if not (self.name.endswith("_id") or re.search(r"\bid of\b", m)):
            return None
        for word, kind in (("task", "Task"), ("agency", "Agency"), ("document", "Document"), ("directive", "Document")):
            if word in m:
                return kind
        return None


@dataclass(frozen=True)
class Query:
    name: str
    answers: str
    params: tuple[Param, ...]
    text: str
    engine: str                          # "portable", "ladybug" or "neo4j"
    dialects: tuple[str, ...] = field(default=())

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def read_header(text: str, comment: str, source: str) -> dict[str, str]:
    """The name, answers and params fields of a query file's opening comment
    lines (``comment`` is "//" or "#"); an indented comment line continues
    the previous field. QueryError naming ``source`` when a field is missing.
    """
    field_re = re.compile(rf"^{re.escape(comment)}\s*(name|answers|params):\s*(.*)$")
    more_re = re.compile(rf"^{re.escape(comment)}\s{{2,}}(\S.*)$")
    head: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith(comment):
            break
        m = field_re.match(line)
        if m:
            last = m.group(1)
            head[last] = m.group(2).strip()
        elif last and (m := more_re.match(line)):
            head[last] += " " + m.group(1).strip()
        else:
            last = None                  # free comment after the header fields
    missing = {"name", "answers", "params"} - set(head)
    if missing:
        raise QueryError(f"{source}: header lacks {', '.join(sorted(missing))}")
    return head


def _parse(text: str, file: str, engine: str) -> Query:
    head = read_header(text, "//", file)
    params = []
    for m in _PARAM.finditer(head["params"]):
        default = json.loads(m.group(2)) if m.group(2) else None
        params.append(Param(m.group(1), (m.group(3) or "").strip(), default,
                            required=m.group(2) is None))
    return Query(head["name"], head["answers"], tuple(params), text, engine)


@lru_cache(maxsize=None)
def _files() -> dict[str, dict[str, Query]]:
    """name -> {engine: Query}; engine "portable" for a plain NAME.cypher."""
    out: dict[str, dict[str, Query]] = {}
    for entry in resources.files("truyvet.queries").joinpath("cypher").iterdir():
        if not entry.name.endswith(".cypher"):
            continue
        stem, _, _ = entry.name.rpartition(".cypher")
        name, _, engine = stem.partition(".")
        engine = engine or "portable"
        q = _parse(entry.read_text(encoding="utf-8"), entry.name, engine)
        if q.name != name:
            raise QueryError(f"{entry.name}: header names it {q.name!r}")
        out.setdefault(name, {})[engine] = q
    return out


def list_queries() -> list[Query]:
    """One Query per name (the portable text, or the first dialect's), sorted."""
    out = []
    for name in sorted(_files()):
        variants = _files()[name]
        q = variants.get("portable") or variants[sorted(variants)[0]]
        out.append(Query(q.name, q.answers, q.params, q.text, q.engine,
                         tuple(sorted(e for e in variants if e not in ("portable", SCAN)))))
    return out


def get_query(name: str, engine: str = "embedded", keyed: bool = True) -> Query:
    """The query text for a store kind ("embedded"/"ladybug" or "neo4j");
    its scanning variant, if it has one, for a store without the symbol key."""
    variants = _files().get(name)
    if variants is None:
        raise QueryError(f"no query named {name!r}; known: {', '.join(sorted(_files()))}")
    dialect = DIALECTS.get(engine)
    if dialect is None:
        raise QueryError(f"unknown engine {engine!r}; use one of {', '.join(sorted(DIALECTS))}")
    q = (None if keyed else variants.get(SCAN)) or variants.get(dialect) or variants.get("portable")
    if q is None:
        raise QueryError(f"query {name!r} has no variant for {dialect}")
    return q


def bind(query: Query, params: dict | None) -> dict:
    """Defaults filled in, unknown or missing parameters refused."""
    given = dict(params or {})
    unknown = set(given) - {p.name for p in query.params}
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
    out = {}
    for p in query.params:
        if p.name in given:
            out[p.name] = given[p.name]
        elif p.required:
            raise QueryError(f"{query.name}: missing parameter ${p.name} ({p.meaning})")
        else:
            out[p.name] = p.default
    return out


def derived(query: Query, values: dict) -> dict:
    """``values`` with the :data:`DERIVED` parameters ``query``'s text uses."""
    out = dict(values)
    for name, (source, derive) in DERIVED.items():
        if f"${name}" in query.text and source in out:
            out[name] = derive(out[source]) if isinstance(out[source], str) else None
    return out


def run_query(store, name: str, params: dict | None = None) -> list[dict]:
    """Run a pack query on a store (read-only); rows are plain dicts."""
    q = get_query(name, store.kind, store.keyed)
    return store.query(q.text, derived(q, bind(q, params)))
