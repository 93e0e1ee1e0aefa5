"""Write the graph for other tools: RDF (ttl, jsonld, nt), GraphML, neo4j-admin CSV.

* ``ttl`` / ``jsonld`` / ``nt``: the RDF of :func:`truyvet.ontology.rdf.to_rdf`.
  N-Triples lines are sorted, so two exports of the same graph are identical.
* ``graphml``: the property graph as is (Gephi and yEd open it); ``None``
  values are left out and every node gets ``iri`` and ``label``.
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

FORMATS = ("ttl", "jsonld", "nt", "graphml", "csv")
_RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
_SUFFIXES = {".ttl": "ttl", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "nt",
             ".graphml": "graphml", ".zip": "csv", ".csv": "csv"}
# schema type -> neo4j-admin header type (STRING is the default, left implicit)
_NEO4J_TYPES = {"INT64": "long", "BOOLEAN": "boolean"}
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


def export_graph(g: nx.MultiDiGraph, fmt: str, path: str | os.PathLike) -> Export:
    """Write ``g`` to ``path`` in ``fmt`` (one of FORMATS)."""
    path = os.fspath(path)
    if fmt not in FORMATS:
        raise TruyvetError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in _RDF_FORMATS:
        return _rdf(g, fmt, path)
    if fmt == "graphml":
        nx.write_graphml(graphml_graph(g), path, encoding="utf-8")
        return Export(fmt, path, g.number_of_nodes() + g.number_of_edges(), "nodes and edges")
    files = neo4j_csv(g)
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, text in files.items():
                z.writestr(name, text)
    else:
        Path(path).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (Path(path) / name).write_text(text, encoding="utf-8", newline="")
    return Export(fmt, path, g.number_of_nodes() + g.number_of_edges(), "nodes and edges")


def _rdf(g: nx.MultiDiGraph, fmt: str, path: str) -> Export:
    from truyvet.ontology.rdf import PREFIXES, to_rdf

    rdf = to_rdf(g)
    if fmt == "nt":
        lines = sorted(set(rdf.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()) - {""})
        data = ("\n".join(lines) + "\n").encode("utf-8")
    elif fmt == "jsonld":
        doc = json.loads(rdf.serialize(format="json-ld", context=PREFIXES))
        data = json.dumps(_ordered(doc), ensure_ascii=False, indent=1).encode("utf-8")
    else:
        data = rdf.serialize(format="turtle", encoding="utf-8")
    Path(path).write_bytes(data)
    return Export(fmt, path, len(rdf), "triples")


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


def graphml_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML can hold: no None values, schema types, graph data as JSON."""
    from truyvet.ontology.rdf import iri_for

    out = nx.MultiDiGraph()
    out.graph["warnings"] = json.dumps(g.graph.get("warnings", {}), ensure_ascii=False, sort_keys=True)
    for n, d in sorted(g.nodes(data=True)):
        cols = NODE_TABLES.get(d.get("type"), {})
        attrs = {k: _typed(v, cols.get(k)) for k, v in d.items() if v is not None}
        attrs["iri"] = str(iri_for(n))
        # Gephi and yEd show "label"; tasks keep their label path, the rest a readable name.
        attrs.setdefault("label", node_label(g, n))
        out.add_node(n, **attrs)
    for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        out.add_edge(u, v, key=k, **{a: _typed(x, EDGE_PROPS.get(a)) for a, x in d.items() if x is not None})
    return out


# --- neo4j-admin CSV -----------------------------------------------------------------------

def _header(name: str, typ: str) -> str:
    t = _NEO4J_TYPES.get(typ)
    return f"{name}:{t}" if t else name


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
            files[name] = _csv(["id:ID"] + [_header(c, t) for c, t in cols.items() if c != "id"] + [":LABEL"], rows)
            args.append(f"--nodes={name}")
    edge_cols = list(EDGE_PROPS)
    for rel in REL_TABLES:
        rows = [[u, v, rel] + [d.get(c) for c in edge_cols]
                for u, v, k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
                if d.get("rel") == rel]
        if rows:
            name = f"rels_{rel}.csv"
            files[name] = _csv([":START_ID", ":END_ID", ":TYPE"] + [_header(c, EDGE_PROPS[c]) for c in edge_cols], rows)
            args.append(f"--relationships={name}")
    files["neo4j-import.sh"] = (
        "#!/bin/sh\n"
        "# Load these files into an empty Neo4j 5 database (the server stopped), from this folder:\n"
        "#   sh neo4j-import.sh [database]\n"
        "neo4j-admin database import full --multiline-fields=true --overwrite-destination=true \\\n  "
        + " \\\n  ".join(args) + ' \\\n  "${1:-neo4j}"\n')
    return files
