"""Named SPARQL queries over the RDF export: the lineage queries of the Cypher
pack, answering with the same columns and rows.

Each ``sparql/NAME.rq`` file opens with a header::

    # name: lineage_down
    # answers: which documents implement this one ...
    #   (an indented comment line continues the previous field)
    # params: $doc_id (meaning), $role? (meaning; a trailing ? marks it optional)

Parameters are bound with rdflib's ``initBindings``, never pasted into the
text. A parameter named ``*_id`` takes a node id and is bound as that node's
IRI; any other is bound as a plain literal. Answers are plain rows: node ids
and lexical forms as ``str``, integers as ``int``, booleans as ``bool``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from truyvet.errors import QueryError
from truyvet.queries.pack import Param, read_header
from truyvet.ontology.rdf import BASE, iri_for, node_id_for

_PARAM = re.compile(r"\$(\w+)(\?)?\s*(?:\(([^)]*)\))?")
_INTEGERS = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger,
             XSD.positiveInteger, XSD.unsignedInt, XSD.unsignedLong}


@dataclass(frozen=True)
class SparqlQuery:
    name: str
    answers: str
    params: tuple[Param, ...]
    text: str


def parse_query(text: str, source: str = "<query>") -> SparqlQuery:
    """A query and its header; QueryError when the header lacks a field."""
    head = read_header(text, "#", source)
    params = tuple(Param(m.group(1), (m.group(3) or "").strip(), required=not m.group(2))
                   for m in _PARAM.finditer(head["params"]))
    return SparqlQuery(head["name"], head["answers"], params, text)


@lru_cache(maxsize=None)
def _pack() -> dict[str, SparqlQuery]:
    out = {}
    for entry in resources.files("truyvet.queries").joinpath("sparql").iterdir():
        if entry.name.endswith(".rq"):
            q = parse_query(entry.read_text(encoding="utf-8"), entry.name)
            if q.name != entry.name[:-3]:
                raise QueryError(f"{entry.name}: header names it {q.name!r}")
            out[q.name] = q
    return out


def list_queries() -> list[SparqlQuery]:
    return [_pack()[n] for n in sorted(_pack())]


def get_query(name: str) -> SparqlQuery:
    """A packaged query by name, or a query read from a path ending in .rq."""
    if name.endswith(".rq") and Path(name).is_file():
        return parse_query(Path(name).read_text(encoding="utf-8"), name)
    q = _pack().get(name)
    if q is None:
        raise QueryError(f"no SPARQL query named {name!r}; known: {', '.join(sorted(_pack()))}")
    return q


@lru_cache(maxsize=None)
def _prepared(text: str):
    # Parsing costs more than running on a small graph: parse each text once.
    return prepareQuery(text)


def bindings(query: SparqlQuery, params: dict | None, base: str = BASE) -> dict:
    """initBindings for ``params``: unknown or missing parameters are refused."""
    given = {k: v for k, v in (params or {}).items() if v is not None}
    unknown = set(given) - {p.name for p in query.params}
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
    for p in query.params:
        if p.required and p.name not in given:
            raise QueryError(f"{query.name}: missing parameter ${p.name} ({p.meaning})")
    return {k: param_term(k, v, base) for k, v in given.items()}


def param_term(name: str, value, base: str = BASE):
    """The RDF term a parameter value is bound as: a node IRI (under ``base``) for ``*_id``."""
    if isinstance(value, (URIRef, Literal)):
        return value
    if name.endswith("_id"):
        s = str(value)
        return URIRef(s) if s.startswith(("http://", "https://")) else iri_for(s, base)
    return Literal(value)


def _plain(term, base: str = BASE):
    if term is None:
        return None
    if isinstance(term, URIRef):
        s = str(term)
        return node_id_for(s, base) if s.startswith(base) else s
    if isinstance(term, Literal):
        if term.datatype == XSD.boolean:
            return bool(term.toPython())
        if term.datatype in _INTEGERS:
            return int(term)
        return str(term)             # dates stay ISO strings, as in the graph
    return str(term)


def run(rdf: Graph, name: str, params: dict | None = None, base: str = BASE) -> list[dict]:
    """Run a named query (or a .rq file) on an RDF graph whose node IRIs are
    under ``base``; rows as plain dicts."""
    q = get_query(name)
    try:
        result = rdf.query(_prepared(q.text), initBindings=bindings(q, params, base))
    except QueryError:
        raise
    except Exception as exc:  # a syntax or evaluation error in a user's .rq file
        raise QueryError(f"{q.name}: {type(exc).__name__}: {exc}") from exc
    cols = [str(v) for v in result.vars]
    return [{c: _plain(row[i], base) for i, c in enumerate(cols)} for row in result]
