"""One interface for every reading command: --docs PATH, or --store with
--home; --json; --csv where the answer is a table; -o - for standard output."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from truyvet.cli import main

READING = ("trace", "agency", "show", "tasks", "viz", "run", "query", "export", "sparql")
TABULAR = ("agency", "tasks", "run", "query", "sparql")
PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"

# The same question put to every reading command.
ASK = {
    "trace": ["Thông báo 111", "--json"],
    "agency": ["Ban Tổ chức Thành ủy Hà Nội", "--json"],
    "show": ["Thông báo 111", "--json"],
    "tasks": ["Kế hoạch Hà Nội 20/01/2025", "--json"],
    "run": ["implementing", "-p", "doc_id=Thông báo 111", "--json"],
    "query": ["MATCH (d:Document) WHERE d.id = $id RETURN d.label AS label", "-p", f"id={PLAN}", "--json"],
    "sparql": ["lineage_down", "-p", "doc_id=Thông báo 111", "--json"],
}


def cli(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == 0, (args, r.stderr)
    return r.stdout


def test_every_reading_command_has_the_same_options():
    for name in READING:
        opts = {o for p in main.get_command(click.Context(main), name).params for o in p.opts}
        assert {"--docs", "--store", "--home"} <= opts, name
        if name not in ("viz", "export"):
            assert "--json" in opts, name
        if name in TABULAR:
            assert "--csv" in opts, name


@pytest.fixture(scope="module")
def home(seeds, tmp_path_factory):
    folder = tmp_path_factory.mktemp("home")
    cli("ingest", seeds, "--home", folder)
    return folder


@pytest.mark.parametrize("command", sorted(ASK))
def test_files_and_the_embedded_store_give_the_same_answer(seeds, home, command):
    from_files = json.loads(cli(command, *ASK[command], "--docs", seeds))
    from_store = json.loads(cli(command, *ASK[command], "--store", "embedded", "--home", home))
    assert from_files == from_store and from_files


def test_a_lookup_in_the_store_loads_only_what_it_needs(home):
    # A command's module, the parser and the body-name rules are loaded on
    # demand: a lookup by symbol from the store pays for none of them.
    code = ("import sys; from truyvet.cli import main\n"
            "try: main(['trace', '111-TB/VPTW', '--home', sys.argv[1], '--json'])\n"
            "except SystemExit as exc: assert not exc.code, exc.code\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('truyvet'))))")
    p = subprocess.run([sys.executable, "-c", code, str(home)], capture_output=True, text=True)
    assert p.returncode == 0 and json.loads(p.stdout)["label"] == "Thông báo 111-TB/VPTW", p.stderr
    loaded = p.stderr.splitlines()[-1]
    assert "'truyvet.cli.lineage'" in loaded and "'truyvet.queries.store_graph'" in loaded
    for unneeded in ("truyvet.cli.store", "truyvet.cli.rdf", "truyvet.loaders.parse", "truyvet.loaders.bodies.lexicon",
                     "truyvet.graph.build"):
        assert f"'{unneeded}'" not in loaded, unneeded


@pytest.mark.parametrize("command", TABULAR)
def test_tables_come_as_csv(seeds, command):
    args = [a for a in ASK[command] if a != "--json"]
    rows = list(csv.DictReader(io.StringIO(cli(command, *args, "--docs", seeds, "--csv"))))
    as_json = json.loads(cli(command, *ASK[command], "--docs", seeds))
    n = sum(len(d["tasks"]) for d in as_json["documents"]) if command == "agency" else len(as_json)
    assert rows and len(rows) == n


def test_dash_means_standard_output(seeds, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    page = cli("viz", "Thông báo 111", "--docs", seeds, "-o", "-")
    assert page.startswith("<!DOCTYPE html>")
    table = cli("tasks", "Kế hoạch Hà Nội 20/01/2025", "--docs", seeds, "-o", "-", "--csv")
    assert table.splitlines()[0].startswith("document,label,text,lead,coordinate")
    assert cli("export", "--docs", seeds, "-o", "-").startswith("@prefix")
    assert not (tmp_path / "-").exists()


def test_a_missing_store_or_query_says_so_in_one_line(tmp_path):
    r = CliRunner().invoke(main, ["trace", "Thông báo 111", "--home", str(tmp_path / "nothing")])
    assert r.exit_code == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = CliRunner().invoke(main, ["query", "MATCH (n) DETACH DELETE n", "--write", "--docs", str(tmp_path)])
    assert r.exit_code == 2 and "--docs" in r.stderr


def test_the_group_help_names_every_command():
    text = main.get_help(click.Context(main, info_name="truyvet"))
    for name in READING:
        assert name in text
