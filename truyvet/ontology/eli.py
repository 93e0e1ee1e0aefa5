"""The ELI terms an export states next to truyvet's own.

A consumer that knows the European Legislation Identifier ontology but not
truyvet's should read the data without a reasoner: a document is stated to
be an ``eli:LegalResource`` with ``eli:id_local``, ``eli:date_document``,
``eli:passed_by``, ``eli:ensures_implementation_of`` …, a task an
``eli:LegalResourceSubdivision`` that ``eli:is_part_of`` its document. Which
ELI term goes with which ``tv:`` term is read from the ontology's own
``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` axioms (``truyvet.ttl``), so the
mapping has one source.

>>> from truyvet.ontology.rdf import TV
>>> [str(t) for t in eli_properties()[TV.implements]]
['http://data.europa.eu/eli/ontology#ensures_implementation_of']
>>> [str(t) for t in eli_classes()[TV.Plan]]
['http://data.europa.eu/eli/ontology#LegalResource']
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import RDFS, Namespace, URIRef

ELI = Namespace("http://data.europa.eu/eli/ontology#")


def _closure(relation: URIRef) -> dict[URIRef, tuple[URIRef, ...]]:
    from truyvet.ontology.rdf import TV, ontology

    ont = ontology()
    out = {}
    for term in set(ont.subjects(relation, None)):
        if str(term).startswith(str(TV)):
            supers = sorted(t for t in ont.transitive_objects(term, relation) if str(t).startswith(str(ELI)))
            if supers:
                out[term] = tuple(supers)
    return out


@lru_cache(maxsize=None)
def eli_classes() -> dict[URIRef, tuple[URIRef, ...]]:
    """tv: class -> the ELI classes above it."""
    return _closure(RDFS.subClassOf)


@lru_cache(maxsize=None)
def eli_properties() -> dict[URIRef, tuple[URIRef, ...]]:
    """tv: property -> the ELI properties above it."""
    return _closure(RDFS.subPropertyOf)
