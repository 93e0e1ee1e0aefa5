"""What a user types names one node, or the command says it does not: the
resolver behind trace, agency, show, viz, tasks, run and sparql, on the seeds."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from store_fixtures import fresh_store
from truyvet.cli import main
from truyvet.graph.build import document_fragment
from truyvet.queries.resolve import Ambiguous, NoMatch, resolve, resolve_one

PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
TB111, TB95 = "doc:111-TB/VPTW", "doc:95-TB/VPTW"
BCS = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def ids(g, query, types=None):
    return [c.id for c in resolve(g, query, types).matches]


@pytest.mark.parametrize("query", ["Thông báo 111", "thong bao 111", "Thông báo số 111", "TB 111", "tb so 111",
                                   "111-TB/VPTW", "111 - TB/VPTW", "111-tb/vptw", "Thông báo 111-TB/VPTW",
                                   "doc:111-TB/VPTW"])
def test_every_way_of_writing_a_notice_names_it(graph, query):
    assert ids(graph, query) == [TB111]


@pytest.mark.parametrize("query,near", [("Thông báo 11", TB111), ("11-TB/VPTW", TB111), ("Thông báo 9", TB95),
                                        ("TB 1", TB111)])
def test_a_number_is_matched_whole_never_as_a_prefix(graph, query, near):
    r = resolve(graph, query)
    assert r.matches == () and near in [c.id for c in r.near]
    with pytest.raises(NoMatch, match="nothing matches"):
        r.node()


def test_kinds_codes_and_words(graph):
    assert ids(graph, "NQ 15") == ids(graph, "Nghị quyết 15") == ids(graph, "nghi quyet so 15") == ["doc:15-NQ/TW"]
    # The kind word or the code of the symbol: 175-KH/TU is a "Kết luận" written with a KH code.
    assert ids(graph, "Kết luận 175") == ids(graph, "KH 175") == ["doc:175-KH/TU@ha-noi"]
    assert ids(graph, "Kế hoạch Hà Nội 20/01/2025") == [PLAN]
    assert ids(graph, "Kế hoạch Hà Nội 20/1/2025") == [PLAN]          # a date without its zeros


def test_task_label_with_words_naming_its_document(graph):
    task = f"task:{PLAN}#II.1.1.(1)"
    assert ids(graph, "II.1.1.(1) Hà Nội 20/01/2025") == ids(graph, "II.1.1.(1) Ha Noi") == [task]
    assert ids(graph, "II.1.1.(1) Nghệ An") == []              # no document of that place holds it


def test_agency_names_aliases_and_abbreviations(graph):
    for q in ("BCS đảng UBND TP", "Ban cán sự đảng Ủy ban nhân dân Thành phố", "ban can su dang ubnd thanh pho",
              "Ban cán sự đảng UBND Thành phố Hà Nội", "Ban cán sự Đảng UBND TP"):
        assert ids(graph, q) == [BCS], q
    assert ids(graph, "Thông báo 111", {"Agency"}) == []        # a type restriction is honoured


def test_several_candidates_are_listed_and_picked(graph):
    r = resolve(graph, "Kế hoạch")
    assert len(r.matches) >= 4 and PLAN in [c.id for c in r.matches]
    with pytest.raises(Ambiguous) as exc:
        r.node()
    assert "--pick N" in str(exc.value) and "  1. " in str(exc.value)
    n = [c.id for c in r.matches].index(PLAN) + 1
    assert resolve_one(graph, "Kế hoạch", pick=n) == PLAN


def test_cli_no_match_exits_1_with_the_nearest(seeds):
    for query, hint in (("Thông báo 11", "111-TB/VPTW"), ("11-TB/VPTW", "111-TB/VPTW"), ("Thông báo 9", "95-TB/VPTW")):
        r = cli("trace", query, "--docs", seeds)
        assert r.exit_code == 1 and r.stdout == "", (query, r.stdout)
        assert "nothing matches" in r.stderr and hint in r.stderr and "Traceback" not in r.stderr


def test_cli_several_give_a_numbered_list_and_pick_takes_one(seeds):
    r = cli("show", "Kế hoạch", "--docs", seeds)
    assert r.exit_code == 1 and "ambiguous" in r.stderr and "\n  1. " in r.stderr and "--pick N" in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("  ") and "[doc:plan/ban-thuong-vu-thanh-uy" in ln]
    n = int(lines[0].split(".")[0])
    r = cli("show", "Kế hoạch", "--docs", seeds, "--pick", n, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["id"] == PLAN
    assert cli("show", "Kế hoạch", "--docs", seeds, "--pick", 99).exit_code == 2


def test_every_reading_command_uses_the_resolver(seeds, tmp_path):
    for args in (("trace", "Thông báo 11"), ("agency", "Thông báo 111"), ("show", "11-TB/VPTW"),
                 ("tasks", "Thông báo 9"), ("viz", "Thông báo 11", "-o", tmp_path / "x.html")):
        r = cli(*args, "--docs", seeds)
        assert r.exit_code == 1 and "nothing matches" in r.stderr, args
    assert not (tmp_path / "x.html").exists()
    r = cli("agency", "ban can su dang ubnd tp", "--docs", seeds, "--json")
    assert json.loads(r.stdout)["agency"] == BCS


def test_named_queries_take_what_trace_takes(seeds):
    by_id = json.loads(cli("run", "lineage_down", "-p", f"doc_id={TB111}", "--docs", seeds, "--json").stdout)
    by_name = cli("run", "lineage_down", "-p", "doc_id=Thông báo 111", "--docs", seeds, "--json")
    assert by_name.exit_code == 0 and json.loads(by_name.stdout) == by_id
    assert {r["document"] for r in by_id} >= {PLAN}
    r = cli("run", "lineage_down", "-p", "doc_id=Thông báo 11", "--docs", seeds)
    assert r.exit_code == 1 and "$doc_id" in r.stderr and "111-TB/VPTW" in r.stderr
    up = json.loads(cli("run", "lineage_up", "-p", "task_id=II.1.1.(1) Hà Nội", "--docs", seeds, "--json").stdout)
    assert {r["document"] for r in up if r["root"]} == {TB111, TB95}
    sparql = json.loads(cli("sparql", "lineage_up", "-p", "task_id=II.1.1.(1) Hà Nội", "--docs", seeds, "--json").stdout)
    assert {r["document"] for r in sparql if r["root"]} == {TB111, TB95}


def test_run_resolves_on_the_embedded_store(seeds, parsed, tmp_path):
    with fresh_store("embedded", tmp_path) as s:
        for d in parsed.values():
            s.ingest(document_fragment(d))
    r = cli("run", "implementing", "-p", "doc_id=thong bao so 111", "--home", tmp_path, "--json")
    assert r.exit_code == 0 and PLAN in {row["document"] for row in json.loads(r.stdout)}
    r = cli("trace", "Thông báo 11", "--home", tmp_path)
    assert r.exit_code == 1 and "111-TB/VPTW" in r.stderr


def test_run_resolves_on_neo4j(parsed, tmp_path):
    with fresh_store("neo4j", tmp_path) as s:
        for d in parsed.values():
            s.ingest(document_fragment(d))
    r = cli("run", "lineage_down", "-p", "doc_id=TB 111", "--store", "neo4j", "--json")
    assert r.exit_code == 0 and PLAN in {row["document"] for row in json.loads(r.stdout)}
    r = cli("agency", "BCS đảng UBND TP", "--store", "neo4j", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["agency"] == BCS
    r = cli("trace", "Thông báo 9", "--store", "neo4j")
    assert r.exit_code == 1 and "95-TB/VPTW" in r.stderr
