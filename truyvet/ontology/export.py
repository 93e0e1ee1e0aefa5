"""Write the graph for other tools: RDF (ttl, jsonld, nt), GraphML, neo4j-admin CSV.

* ``ttl`` / ``jsonld`` / ``nt``: the RDF of :func:`truyvet.ontology.rdf.to_rdf`.
  N-Triples lines are sorted, so two exports of the same graph are identical.
* ``graphml``: the property graph as is (Gephi, yEd and networkx open it);
  ``None`` values are left out, every node has ``iri``, ``label`` and
  ``type``, every edge a Vietnamese ``label``.
* ``csv``: one file per node label and per relationship type, with
  neo4j-admin headers (``id:ID``, ``:START_ID``, ``:END_ID``, typed columns),
  plus ``neo4j-import.sh`` holding the import command. Written into a folder,
  or into a zip when the path ends in ``.zip``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from truyvet.errors import TruyvetError
from truyvet.graph.lineage import node_label
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES
from truyvet.graph.stores.neo4j_csv import admin_header

FORMATS = ("ttl", "jsonld", "nt", "graphml", "csv")
_RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
_SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "nt",
             ".graphml": "graphml", ".zip": "csv", ".csv": "csv"}
_PY_TYPES = {"INT64": int, "BOOLEAN": bool}


@dataclass
class Export:
    format: str
    path: str
    count: int          # triples for RDF, nodes + edges otherwise
    unit: str


def format_for(path: str) -> str:
    """The format a path's suffix implies; a path without one is a CSV folder."""
    suffix = Path(path).suffix.lower()
    if not suffix:
        return "csv"
    if suffix not in _SUFFIXES:
        raise TruyvetError(f"{path}: cannot tell the format from {suffix!r}; pass --format "
                           f"({', '.join(FORMATS)})")
    return _SUFFIXES[suffix]


def _name(target) -> str:
    """A path as a string; a stream by its name."""
    return getattr(target, "name", "<stream>") if hasattr(target, "write") else os.fspath(target)


def export_graph(g: nx.MultiDiGraph, fmt: str, target, base: str | None = None) -> Export:
    """Write ``g`` in ``fmt`` (one of FORMATS) to ``target``: a path, or for
    every format but csv a binary stream; node IRIs under ``base``."""
    if fmt not in FORMATS:
        raise TruyvetError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in _RDF_FORMATS:
        from truyvet.ontology.rdf import BASE, to_rdf
        return export_rdf(to_rdf(g, base or BASE), fmt, target)
    size = g.number_of_nodes() + g.number_of_edges()
    if fmt == "graphml":
        nx.write_graphml(graphml_graph(g, base), target if hasattr(target, "write") else _name(target),
                         encoding="utf-8")
        return Export(fmt, _name(target), size, "nodes and edges")
    if hasattr(target, "write"):
        raise TruyvetError("csv writes one file per table: give a folder or a .zip")
    path = _name(target)
    files = neo4j_csv(g)
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for fname, text in files.items():
                z.writestr(fname, text)
    else:
        Path(path).mkdir(parents=True, exist_ok=True)
        for fname, text in files.items():
            (Path(path) / fname).write_text(text, encoding="utf-8", newline="")
    return Export(fmt, path, size, "nodes and edges")


def export_rdf(rdf, fmt: str, target) -> Export:
    """Write an RDF graph (:func:`truyvet.ontology.rdf.to_rdf`) as ttl, jsonld
    or nt to a path or a binary stream. N-Triples lines and JSON-LD nodes are
    sorted, so the same graph always gives the same bytes."""
    from truyvet.ontology.rdf import PREFIXES

    if fmt == "nt":
        lines = sorted(set(rdf.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()) - {""})
        data = ("\n".join(lines) + "\n").encode("utf-8")
    elif fmt == "jsonld":
        doc = json.loads(rdf.serialize(format="json-ld", context=PREFIXES))
        data = json.dumps(_ordered(doc), ensure_ascii=False, indent=1).encode("utf-8")
    else:
        data = rdf.serialize(format="turtle", encoding="utf-8")
    if hasattr(target, "write"):
        target.write(data)
    else:
        Path(target).write_bytes(data)
    return Export(fmt, _name(target), len(rdf), "triples")


def _ordered(value):
    """JSON-LD with nodes and multiple values sorted: rdflib emits them in set
    order, which changes from run to run. The export has no rdf:List, so no
    list order carries meaning."""
    if isinstance(value, dict):
        return {k: _ordered(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_ordered(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


# --- GraphML -------------------------------------------------------------------------------

def _typed(value, typ: str | None):
    """GraphML declares one type per attribute, so values follow the schema's."""
    cast = _PY_TYPES.get(typ or "", str)
    return cast(value)


def graphml_graph(g: nx.MultiDiGraph, base: str | None = None) -> nx.MultiDiGraph:
    """A copy GraphML can hold: no None values, schema types, graph data as
    JSON. Gephi and yEd show ``label``: every node has one (tasks their label
    path, the rest a readable name) and its ``type``; every edge has its
    relation in Vietnamese as ``label`` beside ``rel`` and ``role``."""
    from truyvet.ontology.rdf import BASE, iri_for

    out = nx.MultiDiGraph()
    out.graph["warnings"] = json.dumps(g.graph.get("warnings", {}), ensure_ascii=False, sort_keys=True)
    for n, d in sorted(g.nodes(data=True)):
        cols = NODE_TABLES.get(d.get("type"), {})
        attrs = {k: _typed(v, cols.get(k)) for k, v in d.items() if v is not None}
        attrs["iri"] = str(iri_for(n, base or BASE))
        attrs.setdefault("label", node_label(g, n))
        out.add_node(n, **attrs)
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        attrs = {a: _typed(x, EDGE_PROPS.get(a)) for a, x in d.items() if x is not None}
        attrs["label"] = edge_label(d.get("rel"), d.get("role"))
        out.add_edge(u, v, key=k, **attrs)
    return out


def edge_label(rel: str | None, role: str | None = None) -> str:
    """The Vietnamese label the ontology gives a relation (or an assignment role).

    >>> edge_label("IMPLEMENTS"), edge_label("ASSIGNS", "lead")
    ('thực hiện', 'giao chủ trì')
    """
    from rdflib import Literal, RDFS

    from truyvet.ontology.rdf import REL_PROPS, ontology, role_property

    prop = role_property(role) if rel == "ASSIGNS" and role else REL_PROPS.get(rel or "")
    labels = [o for o in ontology().objects(prop, RDFS.label) if isinstance(o, Literal) and o.language == "vi"]
    return str(labels[0]) if labels else (rel or "").lower()


# --- neo4j-admin CSV -----------------------------------------------------------------------

def _cell(value):
    if value is None:
        return None                  # an empty unquoted field: no property
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows([[_cell(v) for v in r] for r in rows])
    return buf.getvalue()


def neo4j_csv(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> CSV text, for ``neo4j-admin database import full``.

    Node ids are globally unique (they carry their kind), so one ID space
    serves every label. Text may span lines, hence --multiline-fields.
    """
    files: dict[str, str] = {}
    args = []
    for label, cols in NODE_TABLES.items():
        rows = [[n] + [d.get(c) for c in cols if c != "id"] + [label]
                for n, d in sorted(g.nodes(data=True)) if d.get("type") == label]
        if rows:
            name = f"nodes_{label}.csv"
            files[name] = _csv(["id:ID"] + [admin_header(c, t) for c, t in cols.items() if c != "id"] + [":LABEL"], rows)
            args.append(f"--nodes={name}")
    edge_cols = list(EDGE_PROPS)
    for rel in REL_TABLES:
        rows = [[u, v, rel] + [d.get(c) for c in edge_cols]
                for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
                if d.get("rel") == rel]
        if rows:
            name = f"rels_{rel}.csv"
            files[name] = _csv([":START_ID", ":END_ID", ":TYPE"] + [admin_header(c, EDGE_PROPS[c]) for c in edge_cols], rows)
            args.append(f"--relationships={name}")
    files["neo4j-import.sh"] = (
        "#!/bin/sh\n"
        "# Load these files into an empty Neo4j 5 database (the server stopped), from this folder:\n"
        "#   sh neo4j-import.sh [database]\n"
        "neo4j-admin database import full --multiline-fields=true --overwrite-destination=true \\\n  "
        + " \\\n  ".join(args) + ' \\\n  "${1:-neo4j}"\n')
    return files
