"""The networkx graph as RDF: stable IRIs, ELI terms beside truyvet's, evidence as PROV.

IRIs come from the graph's canonical node ids, never from counters or run
state, so the same document gets the same IRI on every run and machine
(under the default base, or one given with ``--base-iri``)::

    doc:111-TB/VPTW                      -> https://truyvet.org/id/doc/111-TB%2FVPTW
    agency:thanh-uy@ha-noi               -> https://truyvet.org/id/agency/thanh-uy%40ha-noi
    task:doc:plan/x/2025-01-20#II.2.(14) -> https://truyvet.org/id/task/doc%3Aplan%2Fx%2F2025-01-20%23II.2.%2814%29

Each link is a plain triple (so queries stay simple) and is also reified as a
``tv:Assertion`` that carries its evidence: the asserting document, the
source file (``id/file/<sha256>``), the span and the quote. Every fact
whose ``tv:`` term has an ELI counterpart is also stated in ELI's term
(:mod:`truyvet.ontology.eli`), so an ELI-aware consumer needs no reasoner.

>>> str(iri_for("doc:111-TB/VPTW"))
'https://truyvet.org/id/doc/111-TB%2FVPTW'
>>> node_id_for(iri_for("task:doc:plan/x/2025-01-20#II.2.(14)"))
'task:doc:plan/x/2025-01-20#II.2.(14)'
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import lru_cache
from importlib import resources
from urllib.parse import quote, unquote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from truyvet.errors import QueryError
from truyvet.graph.lineage import node_label
from truyvet.ontology.eli import ELI, eli_classes, eli_properties

BASE = "https://truyvet.org/id/"
TV = Namespace("https://truyvet.org/ontology#")
TVK = Namespace("https://truyvet.org/ontology/kind/")
TVR = Namespace("https://truyvet.org/ontology/role/")

# No prefix for BASE: node IRIs are percent-encoded, which neither Turtle nor
# JSON-LD compaction abbreviates, and "id" would read as JSON-LD's @id.
PREFIXES = {"tv": str(TV), "tvk": str(TVK), "tvr": str(TVR), "eli": str(ELI), "rdf": str(RDF),
            "rdfs": str(RDFS), "xsd": str(XSD), "skos": str(SKOS)}

# Node-id prefixes that get a path segment of their own. Anything else goes
# under "_/" so it can never collide with them or with file/ and evidence/.
_NODE_PREFIXES = ("doc", "task", "agency", "person", "event")

REL_PROPS = {
    "IMPLEMENTS": TV.implements, "BASED_ON": TV.basedOn, "CITES": TV.cites,
    "HAS_TASK": TV.hasTask, "ASSIGNS": TV.assigns, "ISSUED_BY": TV.issuedBy,
    "SIGNED_BY": TV.signedBy, "SENT_TO": TV.sentTo, "SUCCEEDED_BY": TV.succeededBy,
    "REPORTS": TV.reportsOn, "MENTIONS": TV.mentions, "DIRECTED_BY": TV.directedBy,
    "REPORTS_EVENT": TV.reportsEvent, "RECORDED_IN": TV.recordedIn, "CHAIRED_BY": TV.chairedBy,
    "ATTENDED_BY": TV.attendedBy, "HELD_WITH": TV.heldWith,
}
# Relations whose role is free text as written ("Tổng Bí thư"), not a role concept.
_ROLE_TEXT = {"SIGNED_BY", "MENTIONS", "DIRECTED_BY", "RECORDED_IN", "CHAIRED_BY", "ATTENDED_BY"}

_VI = "vi"
# attribute -> (property, literal kind): "vi" = Vietnamese text, None = plain string.
_DOC_PROPS = {
    "symbol": (TV.symbol, None), "number": (TV.number, None), "date": (TV.date, XSD.date),
    "kind_text": (TV.kindText, _VI), "issuer": (TV.issuerName, _VI), "place": (TV.place, _VI),
    "title": (TV.title, _VI), "term": (TV.partyTerm, None), "signer": (TV.signerName, _VI),
    "label": (RDFS.label, _VI), "stub": (TV.stub, XSD.boolean), "code": (TV.blankNumberCode, None),
}
_TASK_PROPS = {
    "label": (TV.taskLabel, None), "text": (TV.text, _VI), "deadline": (TV.deadline, _VI),
    "deadline_date": (TV.deadlineDate, XSD.date), "period": (TV.period, None),
    "span_start": (TV.spanStart, XSD.integer), "span_end": (TV.spanEnd, XSD.integer),
}
_AGENCY_PROPS = {
    "name": (TV.name, _VI), "key": (TV.key, None), "place": (TV.place, _VI),
    "collective": (TV.collective, XSD.boolean),
}
_EVENT_PROPS = {
    "date": (TV.eventDate, XSD.date), "kind": (TV.eventKind, None), "kind_text": (TV.kindText, _VI),
    "name": (TV.name, _VI), "venue": (TV.venue, _VI),
}
_EVIDENCE_PROPS = {
    "span_start": (TV.spanStart, XSD.integer), "span_end": (TV.spanEnd, XSD.integer),
    "quote": (TV.quote, _VI), "cue": (TV.cue, _VI), "purpose": (TV.purpose, _VI),
    "effective": (TV.effective, None),
}


# --- IRIs -------------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def iri_for(node_id: str, base: str = BASE) -> URIRef:
    """The IRI of a node, from its canonical id alone (NFC, percent-encoded),
    under ``base`` (``--base-iri``; default https://truyvet.org/id/)."""
    nid = unicodedata.normalize("NFC", node_id)
    prefix, sep, rest = nid.partition(":")
    if sep and prefix in _NODE_PREFIXES:
        return URIRef(f"{base}{prefix}/{quote(rest, safe='')}")
    return URIRef(f"{base}_/{quote(nid, safe='')}")


def check_base(base: str) -> str:
    """A base IRI nodes can be appended to: absolute, ending in "/" or "#"."""
    if not base.startswith(("http://", "https://", "urn:")) or not base.endswith(("/", "#")):
        raise QueryError(f"--base-iri {base!r}: give an absolute IRI ending in / or #, "
                         f"such as https://example.org/truyvet/")
    return base


def node_id_for(iri: str, base: str = BASE) -> str:
    """The node id an IRI was made from; QueryError for IRIs that name no node."""
    s = str(iri)
    if not s.startswith(base):
        raise QueryError(f"{s} is not a truyvet node IRI")
    head, _, rest = s[len(base):].partition("/")
    if head == "_":
        return unquote(rest)
    if head not in _NODE_PREFIXES:
        raise QueryError(f"{s} is not a truyvet node IRI")
    return f"{head}:{unquote(rest)}"


def file_iri(sha256: str, base: str = BASE) -> URIRef:
    """Files are named by content, so the same bytes read anywhere are one entity."""
    return URIRef(f"{base}file/{sha256}")


def evidence_iri(source: str, key: str, base: str = BASE) -> URIRef:
    """One IRI per asserted edge: hash of its start node and edge key (which holds
    the relation, asserting document, span start and end node)."""
    digest = hashlib.sha256(f"{source}\n{key}".encode("utf-8")).hexdigest()[:32]
    return URIRef(f"{base}evidence/{digest}")


# --- ontology and shapes ------------------------------------------------------------

def _resource(name: str) -> Graph:
    text = resources.files("truyvet.ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@lru_cache(maxsize=None)
def ontology() -> Graph:
    """The OWL ontology with its SKOS concept schemes (truyvet.ttl)."""
    return _resource("truyvet.ttl")


@lru_cache(maxsize=None)
def shapes() -> Graph:
    """The SHACL shapes a valid export satisfies (shapes.ttl)."""
    return _resource("shapes.ttl")


@lru_cache(maxsize=None)
def _kinds() -> dict[str, tuple[URIRef, URIRef]]:
    """kind notation -> (concept, class); "other" has no class beyond tv:Document."""
    ont = ontology()
    out = {}
    for concept in ont.subjects(SKOS.inScheme, TV.DocumentKinds):
        cls = next(ont.subjects(TV.kindConcept, concept), TV.Document)
        out[str(ont.value(concept, SKOS.notation))] = (concept, cls)
    return out


def role_property(role: str) -> URIRef | None:
    """The sub-property of tv:assigns for a role notation ("lead" → tv:assignsLead)."""
    return _roles().get(role, (None, None))[1]


@lru_cache(maxsize=None)
def _roles() -> dict[str, tuple[URIRef, URIRef]]:
    """role notation -> (concept, role-specific sub-property of tv:assigns)."""
    ont = ontology()
    return {str(ont.value(c, SKOS.notation)): (c, ont.value(predicate=TV.roleConcept, object=c))
            for c in ont.subjects(SKOS.inScheme, TV.AssignmentRoles)}


# --- conversion ----------------------------------------------------------------------

def _lit(value, kind) -> Literal:
    if kind == _VI:
        return Literal(str(value), lang=_VI)
    if kind is None:
        return Literal(str(value))
    if kind == XSD.boolean:
        return Literal(bool(value))
    if kind == XSD.integer:
        return Literal(int(value))
    # Dates go out typed as they are: a malformed one is SHACL's to report.
    return Literal(str(value), datatype=kind)


class _Writer:
    """Adds one graph's triples; remembers the files and concepts already written."""

    def __init__(self, g: nx.MultiDiGraph, base: str = BASE):
        self.g = g
        self.base = base
        # The default store, not the faster SimpleMemory: pyshacl needs a
        # context-aware store.
        self.out = Graph()
        for prefix, ns in PREFIXES.items():
            self.out.bind(prefix, ns)
        self.files: set[str] = set()
        self.concepts: set[URIRef] = set()
        self.eli_classes, self.eli_properties = eli_classes(), eli_properties()

    def add(self, triple) -> None:
        """The triple, and beside it the same fact in ELI's terms where ELI has them."""
        s, p, o = triple
        self.out.add(triple)
        for q in self.eli_properties.get(p, ()):
            self.out.add((s, q, o))
        if p == RDF.type:
            for c in self.eli_classes.get(o, ()):
                self.out.add((s, RDF.type, c))

    def iri(self, node_id: str) -> URIRef:
        return iri_for(node_id, self.base)

    def props(self, s: URIRef, d: dict, table: dict) -> None:
        for attr, (prop, kind) in table.items():
            value = d.get(attr)
            if value is not None and value != "":
                self.add((s, prop, _lit(value, kind)))

    def source_file(self, s: URIRef, d: dict, prop: URIRef = TV.sourceFile) -> None:
        sha256 = d.get("sha256")
        if not sha256:
            return
        f = file_iri(sha256, self.base)
        self.add((s, prop, f))
        path = d.get("file")
        if (sha256, path) in self.files:
            return
        self.files.add((sha256, path))
        self.add((f, RDF.type, TV.SourceFile))
        self.add((f, TV.sha256, Literal(sha256)))
        if path:
            self.add((f, TV.path, Literal(path)))

    def node(self, n: str, d: dict) -> None:
        s = self.iri(n)
        self.add((s, TV.id, Literal(n)))
        t = d.get("type")
        if t == "Document":
            self.document(s, d)
        elif t == "Task":
            self.task(n, s, d)
        elif t in ("Agency", "Person"):
            self.add((s, RDF.type, TV[t]))
            self.props(s, d, _AGENCY_PROPS)
            self.add((s, RDFS.label, Literal(node_label(self.g, n), lang=_VI)))
        elif t == "Event":
            self.add((s, RDF.type, TV.Event))
            self.props(s, d, _EVENT_PROPS)
            self.add((s, RDFS.label, Literal(node_label(self.g, n), lang=_VI)))
        else:
            raise QueryError(f"node {n}: type {t!r} has no RDF class")

    def document(self, s: URIRef, d: dict) -> None:
        concept, cls = _kinds().get(d.get("kind") or "other", _kinds()["other"])
        self.concepts.add(concept)
        self.add((s, RDF.type, TV.Document))
        if cls != TV.Document:
            self.add((s, RDF.type, cls))
        self.add((s, TV.kind, concept))
        self.props(s, {**d, "stub": bool(d.get("stub"))}, _DOC_PROPS)
        self.source_file(s, d)
        # Other files of the same document, and the ids it had without a number.
        for src in json.loads(d["sources"]) if d.get("sources") else []:
            if src.get("sha256") != d.get("sha256"):
                self.source_file(s, src, TV.alsoInFile)
        for rec in json.loads(d["merged_from"]) if d.get("merged_from") else []:
            self.add((s, TV.mergedFrom, Literal(rec["alias"])))

    def task(self, n: str, s: URIRef, d: dict) -> None:
        g = self.g
        self.add((s, RDF.type, TV.Task))
        self.props(s, d, _TASK_PROPS)
        doc = d.get("doc_id")
        if doc:
            self.add((s, TV.taskOf, self.iri(doc)))
        doc_label = node_label(g, doc) if doc in g else doc
        self.add((s, RDFS.label, Literal(f"Nhiệm vụ {d.get('label')} · {doc_label}", lang=_VI)))
        self.source_file(s, d)
        roles = {data.get("role") for _, _, data in g.out_edges(n, data=True) if data.get("rel") == "ASSIGNS"}
        if roles & {"lead", "coordinate"}:
            self.add((s, RDF.type, TV.AssignedTask))

    def edge(self, u: str, v: str, key: str, d: dict) -> None:
        prop = REL_PROPS.get(d.get("rel"))
        if prop is None:
            raise QueryError(f"edge {u} -> {v}: relation {d.get('rel')!r} has no RDF property")
        s, o = self.iri(u), self.iri(v)
        self.add((s, prop, o))
        a = evidence_iri(u, key, self.base)
        self.add((a, RDF.type, TV.Assertion))
        self.add((a, RDF.subject, s))
        self.add((a, RDF.predicate, prop))
        self.add((a, RDF.object, o))
        role = _roles().get(d.get("role"))
        if d.get("rel") in _ROLE_TEXT and d.get("role"):
            self.add((a, TV.roleText, Literal(d["role"], lang=_VI)))
        elif role is not None:
            concept, sub = role
            self.concepts.add(concept)
            self.add((a, TV.role, concept))
            self.add((s, sub, o))
        if d.get("source_id"):
            self.add((a, TV.assertedIn, self.iri(d["source_id"])))
        if d.get("reported_by"):
            self.add((a, TV.reportedBy, self.iri(d["reported_by"])))
        self.source_file(a, d)
        self.props(a, d, _EVIDENCE_PROPS)

    def concept_descriptions(self) -> None:
        ont = ontology()
        for concept in self.concepts:
            for p, o in ont.predicate_objects(concept):
                self.add((concept, p, o))


def to_rdf(g: nx.MultiDiGraph, base: str = BASE) -> Graph:
    """The whole graph as RDF, with the SKOS concepts it uses (so kind and role
    notations can be queried from the export alone), node IRIs under ``base``."""
    w = _Writer(g, check_base(base))
    for n, d in g.nodes(data=True):
        w.node(n, d)
    for u, v, key, d in g.edges(keys=True, data=True):
        w.edge(u, v, key, d)
    w.concept_descriptions()
    return w.out


# --- validation ------------------------------------------------------------------------

SH = Namespace("http://www.w3.org/ns/shacl#")


def validate(data: Graph, examples: int = 3, base: str = BASE) -> dict:
    """SHACL-validate an export. Warnings (tasks without a lead) do not make it
    non-conforming; the counts say how many of each severity were found, and
    ``summary`` groups the findings by shape and path (one entry per kind,
    most frequent first) with its count, a message and a few example nodes."""
    from pyshacl import validate as shacl_validate

    conforms, results, text = shacl_validate(data, shacl_graph=shapes(), allow_warnings=True,
                                             inference="none", advanced=False)
    if not isinstance(results, Graph):      # pyshacl reports a broken shapes graph this way
        raise QueryError(f"SHACL validation could not run: {results}")
    counts = {"Violation": 0, "Warning": 0, "Info": 0}
    kinds: dict[tuple, dict] = {}
    for r, severity in results.subject_objects(SH.resultSeverity):
        sev = str(severity).rpartition("#")[2]
        counts[sev] += 1
        key = (sev, results.value(r, SH.sourceShape), results.value(r, SH.sourceConstraint),
               results.value(r, SH.resultPath))
        kind = kinds.setdefault(key, {"severity": sev, "message": str(results.value(r, SH.resultMessage) or ""),
                                      "count": 0, "examples": []})
        kind["count"] += 1
        focus = results.value(r, SH.focusNode)
        if len(kind["examples"]) < examples and focus is not None:
            kind["examples"].append(_short_name(focus, base))
    summary = sorted(kinds.values(), key=lambda k: (k["severity"] != "Violation", -k["count"], k["message"]))
    return {"conforms": bool(conforms), "violations": counts["Violation"],
            "warnings": counts["Warning"], "infos": counts["Info"], "summary": summary,
            "results": results, "text": text}


def _short_name(term, base: str) -> str:
    """A node id where the IRI is one of ours, else the IRI."""
    try:
        return node_id_for(term, base)
    except QueryError:
        return str(term)
