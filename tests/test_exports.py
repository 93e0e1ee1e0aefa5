"""Exports others can use, written by the real CLI from real documents: RDF
in ELI's terms under any base IRI, SHACL on a corpus sample with a summary,
GraphML for networkx and Gephi, the task table as XLSX and CSV."""
from __future__ import annotations

import csv
import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from truyvet.cli import main
from truyvet.queries.api import TASK_COLUMNS
from conftest import missing

ELI = Namespace("http://data.europa.eu/eli/ontology#")
TV = Namespace("https://truyvet.org/ontology#")
BASE = "https://example.org/truyvet/"
GOLD_DOCS = Path(__file__).resolve().parents[2] / "shared" / "gold" / "docs"
PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"


def cli(*args, ok=True):
    r = CliRunner().invoke(main, [str(a) for a in args])
    if ok:
        assert r.exit_code == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def docs(seeds, tmp_path_factory):
    """The seeds and the gold documents in one folder."""
    folder = tmp_path_factory.mktemp("docs")
    for src in [*Path(seeds).glob("*.txt"), *GOLD_DOCS.glob("*.txt")]:
        (folder / src.name).write_bytes(src.read_bytes())
    return folder


@pytest.fixture(scope="module")
def eli_rdf(docs, tmp_path_factory):
    out = tmp_path_factory.mktemp("rdf") / "all.ttl"
    r = cli("export", "--docs", docs, "-o", out, "--base-iri", BASE, "--validate")
    assert "SHACL: conforms" in r.stderr
    return Graph().parse(out)


def node(nid: str) -> URIRef:
    from truyvet.ontology.rdf import iri_for
    return iri_for(nid, BASE)


def test_documents_and_tasks_in_eli_terms(eli_rdf):
    g = eli_rdf
    docs = set(g.subjects(RDF.type, TV.Document))
    assert docs and docs == set(g.subjects(RDF.type, ELI.LegalResource))
    tb = node("doc:111-TB/VPTW")
    assert g.value(tb, ELI.id_local) == Literal("111-TB/VPTW")
    assert g.value(tb, ELI.date_document) == Literal("2024-12-03", datatype=XSD.date)
    plan = node(PLAN)
    assert set(g.objects(plan, ELI.ensures_implementation_of)) >= {tb, node("doc:95-TB/VPTW")}
    assert g.value(plan, ELI.passed_by) == node("agency:ban-thuong-vu-thanh-uy@ha-noi")
    assert (node("agency:ban-thuong-vu-thanh-uy@ha-noi"), RDF.type, ELI.Organization) in g
    assert (plan, ELI.cites, node("doc:35-CT/TW")) in g
    assert len(set(g.subject_objects(ELI.based_on))) > 5            # the state documents' "Căn cứ …" lists
    task = node(f"task:{PLAN}#II.1.1.(1)")
    assert (task, RDF.type, ELI.LegalResourceSubdivision) in g
    assert g.value(task, ELI.is_part_of) == plan and (plan, ELI.has_part, task) in g
    assert g.value(task, ELI.number) == Literal("II.1.1.(1)")
    assert (task, TV.assignsLead, node("agency:ban-to-chuc-thanh-uy@ha-noi")) in g   # roles stay tv:


def test_the_base_iri_is_configurable(eli_rdf, docs, tmp_path):
    subjects = {str(s) for s in eli_rdf.subjects() if isinstance(s, URIRef)}
    ours = {s for s in subjects if not s.startswith(("https://truyvet.org/ontology", "http://"))}
    assert ours and all(s.startswith(BASE) for s in ours)
    assert not any("truyvet.org/id/" in s for s in subjects)
    # SPARQL on the file maps its IRIs back to node ids.
    rdf_file = tmp_path / "x.nt"
    cli("export", "--docs", docs, "-o", rdf_file, "--base-iri", BASE)
    rows = json.loads(cli("sparql", "lineage_up", "-p", f"task_id=task:{PLAN}#II.1.1.(1)", "--rdf", rdf_file,
                          "--base-iri", BASE, "--json").stdout)
    assert {r["document"] for r in rows if r["root"]} == {"doc:111-TB/VPTW", "doc:95-TB/VPTW"}
    r = cli("export", "--docs", docs, "-o", tmp_path / "y.ttl", "--base-iri", "example.org", ok=False)
    assert r.exit_code == 2 and "--base-iri" in r.stderr and not (tmp_path / "y.ttl").exists()


def test_a_task_without_text_is_a_warning_an_empty_text_a_violation(seeds):
    from truyvet.ontology.rdf import to_rdf, validate
    from truyvet.queries.api import graph_from_paths

    g, _ = graph_from_paths([seeds])
    task = f"task:{PLAN}#II.1.1.(1)"
    g.nodes[task]["text"] = ""                       # a bare "-" bullet: nothing written
    report = validate(to_rdf(g))
    assert report["violations"] == 0
    kinds = {k["message"]: k for k in report["summary"]}
    bare = next(k for m, k in kinds.items() if "no text of its own" in m)
    assert bare["count"] == 1 and bare["examples"] == [task] and bare["severity"] == "Warning"
    rdf = to_rdf(graph_from_paths([seeds])[0])
    from truyvet.ontology.rdf import iri_for
    rdf.set((iri_for(task), TV.text, Literal("", lang="vi")))
    assert validate(rdf)["violations"] == 1


def test_validate_on_a_corpus_sample_conforms_with_a_summary(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import sweep

    corpus = Path(os.environ.get("TRUYVET_CORPUS", sweep.CORPUS))
    if not corpus.is_file():
        missing(f"corpus not found at {corpus} (set TRUYVET_CORPUS)")
    folder = sweep.unpack(corpus, tmp_path / "corpus", limit=300)
    r = cli("export", "--docs", folder, "-o", tmp_path / "c.nt", "--validate")
    lines = [ln for ln in r.stderr.splitlines() if ln.strip() and not ln.startswith(("read ", "error:"))]
    assert lines[-1].startswith("SHACL: conforms (0 violation(s), ")
    findings = [ln for ln in lines if ln.startswith("  Warning") or ln.startswith("  Violation")]
    assert len(lines) <= 3 + len(findings) and len(findings) <= 6           # summarised, not dumped
    assert all(" — e.g. " in ln for ln in findings)


def test_graphml_opens_in_networkx_with_labelled_typed_nodes(docs, tmp_path):
    out = tmp_path / "g.graphml"
    cli("export", "--docs", docs, "-o", out)
    g = nx.read_graphml(out, force_multigraph=True)
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"Document", "Task", "Agency", "Person", "Event"}
    assert all(d.get("label") for _, d in g.nodes(data=True))
    assert g.nodes[PLAN]["label"] == "Kế hoạch (Hà Nội, 20/01/2025)"
    labels = {d["label"] for _, _, d in g.edges(data=True)}
    assert {"thực hiện", "giao chủ trì", "có nhiệm vụ"} <= labels
    # What Gephi reads: a directed graph whose node and edge keys include "label".
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    keys = {(k.get("for"), k.get("attr.name")) for k in root.findall("g:key", ns)}
    assert {("node", "label"), ("node", "type"), ("edge", "label")} <= keys
    assert root.find("g:graph", ns).get("edgedefault") == "directed"


def test_export_to_stdout_and_from_the_store(seeds, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli("export", "--docs", seeds, "-o", "-", "--format", "nt")
    assert r.stdout.count("\n") > 1000 and not (tmp_path / "-").exists()
    assert Graph().parse(data=r.stdout, format="nt")
    cli("ingest", seeds, "--home", tmp_path / "home")
    from_store = cli("export", "--home", tmp_path / "home", "-o", "-", "--format", "nt").stdout
    assert set(from_store.splitlines()) == set(r.stdout.splitlines())
    assert cli("export", "--docs", seeds, "-o", "-", "--format", "csv", ok=False).exit_code == 2


def test_task_table_as_xlsx_and_csv(seeds, tmp_path):
    from openpyxl import load_workbook

    cli("tasks", "--docs", seeds, "-o", tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == TASK_COLUMNS
    table = [dict(zip(rows[0], r)) for r in rows[1:]]
    one = next(r for r in table if r["label"] == "II.1.1.(1)")
    assert one["document"] == "Kế hoạch (Hà Nội, 20/01/2025)" and one["lead"] == "Ban Tổ chức Thành ủy (Hà Nội)"
    assert one["evidence"].startswith("1.1. Giao Ban Tổ chức Thành ủy chủ trì")
    assert one["file"].endswith("000_60a44d443366fbee.txt") and one["span"]
    cli("tasks", "--docs", seeds, "-o", tmp_path / "t.csv")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                     # spreadsheets read it as UTF-8
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as fh:
        assert [dict(r) for r in csv.DictReader(fh)] == [{k: ("" if v is None else str(v)) for k, v in r.items()}
                                                         for r in table]
    by_agency = json.loads(cli("tasks", "Ban Tổ chức Thành ủy Hà Nội", "--docs", seeds, "--json").stdout)
    assert by_agency and all("Ban Tổ chức Thành ủy" in r["lead"] + r["coordinate"] + r["monitor"] for r in by_agency)
