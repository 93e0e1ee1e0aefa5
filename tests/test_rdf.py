"""RDF export: stable IRIs, the ontology, SHACL validation, every export format,
and SPARQL lineage answering as the graph functions and the Cypher pack do."""
from __future__ import annotations

import csv
import io
import json
import unicodedata
import zipfile
from importlib import resources

import networkx as nx
import pytest
from click.testing import CliRunner
import rdflib
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from truyvet.errors import QueryError
from truyvet.graph.lineage import agency_tasks, roots, trace_down, trace_up
from truyvet.graph.schema import NODE_TABLES, REL_TABLES, ROLES
from truyvet.loaders.kinds import KINDS
from truyvet.ontology.export import FORMATS, export_graph, format_for
from truyvet.ontology.rdf import (ELI, TV, TVR, evidence_iri, iri_for, node_id_for, ontology,
                                  to_rdf, validate)
from truyvet.queries import sparql

TB111 = "doc:111-TB/VPTW"
KH_HN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
KH_KHOI = "doc:plan/ban-thuong-vu-dang-uy-khoi-cac-co-quan-tinh/t-9f8ff46bc6"
TASK14 = f"task:{KH_HN}#II.2.(14)"
BCS = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
HDND = "agency:dang-doan-hdnd-thanh-pho@ha-noi"


@pytest.fixture(scope="module")
def rdf(graph):
    return to_rdf(graph)


@pytest.fixture(scope="module")
def report(rdf):
    return validate(rdf)


# --- IRIs ---------------------------------------------------------------------------------

def test_iris_come_from_the_canonical_ids():
    assert str(iri_for(TB111)) == "https://truyvet.org/id/doc/111-TB%2FVPTW"
    assert str(iri_for(BCS)) == "https://truyvet.org/id/agency/ban-can-su-dang-ubnd-thanh-pho%40ha-noi"
    assert str(iri_for(TASK14)) == ("https://truyvet.org/id/task/doc%3Aplan%2Fban-thuong-vu-thanh-uy-ha-noi"
                                    "%2F2025-01-20%23II.2.%2814%29")
    assert str(iri_for("doc:07-QĐ/TU@ha-noi")) == "https://truyvet.org/id/doc/07-Q%C4%90%2FTU%40ha-noi"
    # the same text in another Unicode normal form is the same document
    assert iri_for(unicodedata.normalize("NFD", "doc:07-QĐ/TU@ha-noi")) == iri_for("doc:07-QĐ/TU@ha-noi")
    # ids of no known kind cannot collide with the kinds, files or evidence
    assert str(iri_for("file:abc")) == "https://truyvet.org/id/_/file%3Aabc"


def test_every_node_has_its_own_iri_and_it_leads_back(graph):
    iris = {iri_for(n) for n in graph}
    assert len(iris) == graph.number_of_nodes()
    assert all(node_id_for(iri_for(n)) == n for n in graph)
    with pytest.raises(QueryError):
        node_id_for("https://example.org/doc/1")
    u, v, k = next(iter(graph.edges(keys=True)))
    assert evidence_iri(u, k) == evidence_iri(u, k) != evidence_iri(v, k)


# --- ontology and package data -----------------------------------------------------------------

def test_ontology_files_ship_with_the_package():
    onto = resources.files("truyvet.ontology")
    assert onto.joinpath("truyvet.ttl").is_file() and onto.joinpath("shapes.ttl").is_file()
    rq = {e.name for e in resources.files("truyvet.queries").joinpath("sparql").iterdir()}
    assert {"lineage_down.rq", "lineage_up.rq", "agency_tasks.rq"} <= rq


def test_ontology_is_aligned_labelled_and_complete(rdf):
    ont = ontology()
    sub = lambda a, b: (a, RDFS.subPropertyOf, b) in ont or (a, RDFS.subClassOf, b) in ont
    assert sub(TV.implements, ELI.ensures_implementation_of) and sub(TV.basedOn, ELI.based_on)
    assert sub(TV.cites, ELI.cites) and sub(TV.assigns, ELI.responsibility_of_agent)
    assert sub(TV.date, ELI.date_document) and sub(TV.issuedBy, ELI.passed_by)
    assert sub(TV.Document, ELI.LegalResource) and sub(TV.Task, ELI.LegalResourceSubdivision)
    declared = {s for s in ont.subjects(RDF.type, None) if str(s).startswith(str(TV))}
    for term in declared - {TV[""]}:
        if (term, RDF.type, SKOS.ConceptScheme) in ont:
            continue
        langs = {o.language for o in ont.objects(term, RDFS.label)}
        assert {"vi", "en"} <= langs, term
    used = {p for p in rdf.predicates() if str(p).startswith(str(TV))}
    used |= {o for o in rdf.objects(None, RDF.type) if str(o).startswith(str(TV))}
    assert used <= declared
    notations = lambda scheme: {str(ont.value(c, SKOS.notation)) for c in ont.subjects(SKOS.inScheme, scheme)}
    assert notations(TV.DocumentKinds) == set(KINDS)
    assert notations(TV.AssignmentRoles) == set(ROLES)


# --- SHACL ----------------------------------------------------------------------------------

def test_the_seed_export_validates(graph, report):
    assert report["conforms"] and report["violations"] == 0, report["text"]
    led = {u for u, _, d in graph.edges(data=True) if d["rel"] == "ASSIGNS" and d["role"] == "lead"}
    leadless = {n for n, d in graph.nodes(data=True) if d["type"] == "Task"} - led
    warned = {node_id_for(f) for f in report["results"].objects(None, URIRef("http://www.w3.org/ns/shacl#focusNode"))}
    assert warned == leadless and report["warnings"] == len(leadless)


@pytest.fixture(scope="module")
def small(graph):
    """Two tasks of the Hà Nội plan (one with lead and coordinator) and what they touch."""
    keep = {KH_HN, TB111, TASK14, f"task:{KH_HN}#II.2.(2)", BCS, HDND}
    return to_rdf(graph.subgraph(keep).copy())


def _without_lead(g: Graph) -> Graph:
    task = iri_for(f"task:{KH_HN}#II.2.(2)")
    for a in list(g.subjects(RDF.subject, task)):
        if (a, TV.role, TVR.lead) in g:
            g.remove((task, TV.assigns, g.value(a, RDF.object)))
            g.remove((a, None, None))
    g.remove((task, TV.assignsLead, None))
    return g


def _second_document(g: Graph) -> Graph:
    g.add((iri_for(TB111), TV.hasTask, iri_for(TASK14)))
    return g


def _no_evidence(g: Graph) -> Graph:
    for a in list(g.subjects(RDF.predicate, TV.implements)):
        g.remove((a, None, None))
    return g


def _evidence_of_nothing(g: Graph) -> Graph:
    a = next(g.subjects(RDF.predicate, TV.implements))
    g.set((a, RDF.object, iri_for(KH_HN)))
    return g


def _date_as_text(g: Graph) -> Graph:
    g.set((iri_for(KH_HN), TV.date, Literal("20/01/2025")))
    return g


def _impossible_date(g: Graph) -> Graph:
    g.set((iri_for(KH_HN), TV.date, Literal("2025-02-30", datatype=rdflib.XSD.date)))
    return g


@pytest.mark.parametrize("break_it,message", [
    (_without_lead, "has at least one lead"),
    (_second_document, "exactly one source document"),
    (_no_evidence, "has no evidence"),
    (_evidence_of_nothing, "which is not in the graph"),
    (_date_as_text, "xsd:date"),
    (_impossible_date, "xsd:date"),
])
def test_shapes_reject_broken_exports(small, break_it, message):
    assert validate(small)["violations"] == 0
    bad = validate(break_it(Graph() + small))
    assert not bad["conforms"] and bad["violations"] >= 1
    messages = {str(m) for m in bad["results"].objects(None, URIRef("http://www.w3.org/ns/shacl#resultMessage"))}
    assert any(message in m for m in messages), messages


# --- formats ---------------------------------------------------------------------------------

_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_rdf_exports_parse_back_identically(graph, rdf, tmp_path, fmt):
    path = tmp_path / f"seeds.{fmt}"
    result = export_graph(graph, fmt, path)
    assert result.count == len(rdf) and result.unit == "triples"
    assert set(Graph().parse(path, format=_RDFLIB_FORMAT[fmt])) == set(rdf)


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "graphml"])
def test_exports_are_byte_stable(graph, tmp_path, fmt):
    part = graph.subgraph({KH_HN, TB111, TASK14, f"task:{KH_HN}#II.2.(2)", BCS, HDND}).copy()
    # the same facts inserted in the other order: set and dict order must not leak out
    reordered = nx.MultiDiGraph(**part.graph)
    reordered.add_nodes_from(reversed(list(part.nodes(data=True))))
    reordered.add_edges_from(reversed(list(part.edges(keys=True, data=True))))
    export_graph(part, fmt, tmp_path / f"a.{fmt}")
    export_graph(reordered, fmt, tmp_path / f"b.{fmt}")
    assert (tmp_path / f"a.{fmt}").read_bytes() == (tmp_path / f"b.{fmt}").read_bytes()


def test_graphml_opens_with_every_node_and_edge(graph, tmp_path):
    export_graph(graph, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert back.nodes[TB111]["iri"] == str(iri_for(TB111))
    assert back.nodes[BCS]["label"] and back.nodes[TASK14]["type"] == "Task"
    assert back.nodes[TASK14]["span_start"] == graph.nodes[TASK14]["span_start"]


@pytest.mark.parametrize("target", ["csv", "neo4j.zip"])
def test_csv_is_shaped_for_neo4j_admin_import(graph, tmp_path, target):
    out = tmp_path / target
    export_graph(graph, "csv", out)
    if target.endswith(".zip"):
        with zipfile.ZipFile(out) as z:
            files = {n: z.read(n).decode("utf-8") for n in z.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    rows = {n: list(csv.reader(io.StringIO(t))) for n, t in files.items() if n.endswith(".csv")}
    doc = rows["nodes_Document.csv"]
    assert doc[0][0] == "id:ID" and doc[0][-1] == ":LABEL" and "stub:boolean" in doc[0]
    for label in NODE_TABLES:
        n = sum(1 for _, d in graph.nodes(data=True) if d["type"] == label)
        assert len(rows.get(f"nodes_{label}.csv", [[]])) - 1 == n
    for rel in REL_TABLES:
        n = sum(1 for *_, d in graph.edges(data=True) if d["rel"] == rel)
        assert len(rows.get(f"rels_{rel}.csv", [[]])) - 1 == n
    assigns = rows["rels_ASSIGNS.csv"]
    assert assigns[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and "span_start:long" in assigns[0]
    task = next(r for r in rows["nodes_Task.csv"] if r[0] == TASK14)
    assert task[rows["nodes_Task.csv"][0].index("text")] == graph.nodes[TASK14]["text"]   # multi-line safe
    assert "--nodes=nodes_Document.csv" in files["neo4j-import.sh"]


def test_format_follows_the_suffix():
    assert [format_for(p) for p in ("a.ttl", "a.jsonld", "a.nt", "a.graphml", "a.zip", "out")] == \
        ["ttl", "jsonld", "nt", "graphml", "csv", "csv"]
    assert set(FORMATS) == {"ttl", "jsonld", "nt", "graphml", "csv"}


# --- SPARQL ----------------------------------------------------------------------------------

def test_the_query_pack_has_headers():
    by_name = {q.name: q for q in sparql.list_queries()}
    assert set(by_name) == {"lineage_down", "lineage_up", "agency_tasks", "successor_chain", "inherited_tasks"}
    assert [(p.name, p.required) for p in by_name["agency_tasks"].params] == [("agency_id", True), ("role", False)]
    assert all(q.answers.endswith("?") for q in by_name.values())
    with pytest.raises(QueryError, match=r"missing parameter \$doc_id"):
        sparql.run(Graph(), "lineage_down", {})
    with pytest.raises(QueryError, match="unknown parameter"):
        sparql.run(Graph(), "lineage_up", {"task_id": TASK14, "depth": 3})
    with pytest.raises(QueryError, match="no SPARQL query named"):
        sparql.get_query("lineage_sideways")


def test_sparql_lineage_reaches_task_14_and_the_ban_can_su(rdf):
    rows = sparql.run(rdf, "lineage_down", {"doc_id": TB111})
    assert {"depth": 1, "document": KH_HN, "kind": "plan", "date": "2025-01-20", "task": TASK14,
            "task_label": "II.2.(14)", "role": "lead", "agency": BCS,
            "agency_name": "Ban cán sự đảng UBND Thành phố"} in rows
    up = sparql.run(rdf, "lineage_up", {"task_id": TASK14})
    assert up[0]["document"] == KH_HN and up[0]["depth"] == 0 and up[0]["root"] is False
    assert {(r["document"], r["root"]) for r in up if r["depth"] == 1} >= {(TB111, True)}


def _down_sets(step, depth=0, docs=None, tasks=None, assigned=None):
    if docs is None:
        docs, tasks, assigned = {}, set(), set()
    for c in step.children:
        if c.type == "Document":
            docs[c.id] = min(docs.get(c.id, 99), depth + 1)
            _down_sets(c, depth + 1, docs, tasks, assigned)
        elif c.type == "Task" and depth > 0:               # the root's own tasks are not lineage
            tasks.add((step.id, c.id))
            assigned |= {(c.id, a.role, a.id) for a in c.children}
    return docs, tasks, assigned


@pytest.mark.parametrize("doc", [TB111, "doc:15-NQ/TW", "doc:28-NQ/TW"])
def test_sparql_down_agrees_with_the_graph(graph, rdf, doc):
    # the graph walk also follows BASED_ON down; the query, like the Cypher one, does not
    only_implements = nx.subgraph_view(graph, filter_edge=lambda u, v, k: graph.edges[u, v, k]["rel"] != "BASED_ON")
    docs, tasks, assigned = _down_sets(trace_down(only_implements, doc, depth=6))
    rows = sparql.run(rdf, "lineage_down", {"doc_id": doc})
    assert docs and {r["document"]: r["depth"] for r in rows} == docs
    assert {(r["document"], r["task"]) for r in rows if r["task"]} == tasks
    assert {(r["task"], r["role"], r["agency"]) for r in rows if r["role"]} == assigned


@pytest.mark.parametrize("task", [TASK14, f"task:{KH_KHOI}#IV.1"])
def test_sparql_up_agrees_with_the_graph(graph, rdf, task):
    levels: dict[str, int] = {}

    def walk(step, level):
        for c in step.children:
            if c.type == "Document":       # the task's own agencies stand beside it, not above
                levels[c.id] = min(levels.get(c.id, 99), level)
                walk(c, level + 1)

    walk(trace_up(graph, task, depth=6), 0)
    rows = sparql.run(rdf, "lineage_up", {"task_id": task})
    assert {r["document"]: r["depth"] for r in rows} == levels
    assert {r["document"] for r in rows if r["root"]} == set(roots(graph, task))


@pytest.mark.parametrize("agency", [BCS, HDND, "agency:van-phong-thanh-uy@ha-noi"])
def test_sparql_agency_tasks_agree_with_the_graph(graph, rdf, agency):
    expected = {(grp["document"], t["id"], t["role"]) for grp in agency_tasks(graph, agency) for t in grp["tasks"]}
    rows = sparql.run(rdf, "agency_tasks", {"agency_id": agency})
    assert expected and {(r["document"], r["task"], r["role"]) for r in rows} == expected
    for role in ROLES:
        only = sparql.run(rdf, "agency_tasks", {"agency_id": agency, "role": role})
        assert only == [r for r in rows if r["role"] == role]


# --- the same answers as the Cypher pack --------------------------------------------------------

CYPHER_CASES = [
    ("lineage_down", {"doc_id": TB111}, {"doc_id": TB111}),
    ("lineage_down", {"doc_id": "doc:15-NQ/TW"}, {"doc_id": "doc:15-NQ/TW"}),
    ("lineage_up", {"task_id": TASK14}, {"task_id": TASK14}),
    ("lineage_up", {"task_id": f"task:{KH_KHOI}#IV.1"}, {"task_id": f"task:{KH_KHOI}#IV.1"}),
    ("agency_tasks", {"agency_id": BCS}, {"agency_id": BCS}),
    ("agency_tasks", {"agency_id": HDND, "roles": ["coordinate"]}, {"agency_id": HDND, "role": "coordinate"}),
]


@pytest.fixture(scope="module")
def embedded(parsed, tmp_path_factory):
    from truyvet.graph.build import document_fragment
    from truyvet.graph.stores import open_store
    with open_store("embedded", path=tmp_path_factory.mktemp("rdf") / "graph.lbdb") as store:
        store.ingest_many([document_fragment(d) for d in parsed.values()])
        yield store


@pytest.mark.parametrize("name,cypher_params,sparql_params", CYPHER_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CYPHER_CASES)])
def test_sparql_answers_as_the_cypher_pack_does(embedded, rdf, name, cypher_params, sparql_params):
    from truyvet.queries.pack import run_query
    expected = run_query(embedded, name, cypher_params)
    got = sparql.run(rdf, name, sparql_params)
    assert expected and got == expected
    assert [[type(v) for v in r.values()] for r in got] == [[type(v) for v in r.values()] for r in expected]
    assert [list(r) for r in got] == [list(r) for r in expected]


# --- command line ----------------------------------------------------------------------------------

def test_cli_export_and_sparql(seeds, tmp_path):
    from truyvet.cli.rdf import export, sparql as sparql_cmd
    plan = str(seeds / "000_60a44d443366fbee.txt")
    runner = CliRunner()
    out = tmp_path / "plan.nt"
    res = runner.invoke(export, ["--docs", plan, "-o", str(out), "--validate"])
    assert res.exit_code == 0, res.output
    assert "SHACL: conforms" in res.output and len(Graph().parse(out)) > 100
    res = runner.invoke(sparql_cmd, ["lineage_down", "-p", "doc_id=Thông báo 111", "--docs", plan, "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert any(r["task"] == TASK14 and r["agency"] == BCS for r in rows)
    res = runner.invoke(sparql_cmd, ["agency_tasks", "-p", f"agency_id={BCS}", "-p", "role=lead",
                                     "--rdf", str(out), "--json"])
    assert res.exit_code == 0, res.output
    assert TASK14 in {r["task"] for r in json.loads(res.stdout)}
