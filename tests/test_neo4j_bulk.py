"""The bulk load into Neo4j (`truyvet push --to neo4j --bulk`, neo4j-admin
database import full) against a server of its own.

The server is made, loaded, refused a second load and stopped through
scripts/neo4j-server.sh, in a folder and on a port of its own, so the shared
test server is never touched. The graph it holds must equal the embedded
store it came from, and the named queries must answer alike. Nothing here
skips under CI: a missing Java, Maven or seed file fails.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys

import pytest

from conftest import REPO, SEED_FILES, seeds_dir
from store_fixtures import graph_snapshot
from test_pack_seeds import CASES
from truyvet.graph.stores import open_store
from truyvet.queries.derived_views import refresh_matches
from truyvet.graph.stores.neo4j_admin import read_conf
from truyvet.queries.ingest import ingest_paths
from truyvet.queries.pack import run_query

SCRIPT = REPO / "scripts" / "neo4j-server.sh"
PASSWORD = "truyvet-bulk-test"
# The queries on the tracking view read tables that no push copies.
TRACKING = {"task_figures", "overdue_tasks"}


def _free_port(preferred: int) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
        except OSError:
            s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    base = tmp_path_factory.mktemp("bulk")
    port = _free_port(int(os.environ.get("TRUYVET_BULK_TEST_PORT", "7691")))
    env = {**os.environ, "TRUYVET_NEO4J_DIR": str(base / "neo4j"), "NEO4J_PORT": str(port),
           "NEO4J_PASSWORD": PASSWORD, "PYTHON": sys.executable,
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    home, docs = base / "store", base / "seeds"
    docs.mkdir()
    for name in SEED_FILES.values():
        shutil.copyfile(seeds_dir() / name, docs / name)
    plan = docs / SEED_FILES["000"]
    text = plan.read_text(encoding="utf-8")
    with open_store("embedded", path=home / "graph.lbdb") as store:   # as `truyvet ingest` leaves it
        # An earlier version of one file, then the file: its tasks are written
        # again, and the rows deleted leave holes in the tables' offsets.
        plan.write_text(text + "\n", encoding="utf-8")
        assert ingest_paths(store, [docs]).ok
        plan.write_text(text, encoding="utf-8")
        report = ingest_paths(store, [docs])
        assert report.ok and report.files == 5
        refresh_matches(store)
        last = store.query("MATCH (t:Task) RETURN max(offset(ID(t))) AS m, count(t) AS n")[0]
        assert last["m"] >= last["n"]
    try:
        yield env, home, base
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120)


def _script(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=600)


def _push(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "truyvet", "push", "--to", "neo4j", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def _neo4j(env):
    return open_store("neo4j", uri=f"bolt://127.0.0.1:{env['NEO4J_PORT']}", username="neo4j",
                      password=PASSWORD, database="neo4j")


def _one_error_line(res: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    return lines[0]


def test_bulk_load_equals_the_embedded_store(setup):
    env, home, base = setup
    # No server yet in its folder: `import` makes one, loads the store, starts it, builds the indexes.
    res = _script(env, "import", "--home", str(home))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "đã nạp khối 169 nút, 332 quan hệ vào cơ sở dữ liệu 'neo4j'" in res.stderr
    assert "constraints and indexes online" in res.stdout
    with open_store("embedded", path=home / "graph.lbdb", read_only=True) as e, _neo4j(env) as n:
        snapshot = graph_snapshot(n)
        assert snapshot == graph_snapshot(e)
        counts = snapshot[0]
        assert counts["Document"] == 31 and counts["ASSIGNS"] == 150 and counts["RECORDED_IN"] == 1
        # typed properties: a long, a boolean; a null is no property
        row = n.query("MATCH (t:Task) WHERE t.id = $i RETURN t.span_start AS s, keys(t) AS k",
                      {"i": CASES["lineage_up"]["task_id"]})
        assert row[0]["s"] == 7824 and "deadline" not in row[0]["k"]
        assert n.query("MATCH (d:Document {id: 'doc:111-TB/VPTW'}) RETURN d.stub AS s") == [{"s": True}]
        # the constraints and indexes truyvet makes are online, so a later transactional push can MERGE
        indexes = {r["name"]: r["state"] for r in n._read("SHOW INDEXES YIELD name, state", {})}
        assert {"document_id", "task_id", "assigns_source_id", "task_doc_id"} <= set(indexes)
        assert set(indexes.values()) == {"ONLINE"}
        for name, params in CASES.items():
            if name not in TRACKING:
                assert run_query(n, name, params) == run_query(e, name, params), name
        up = run_query(n, "lineage_up", CASES["lineage_up"])
        assert {r["document"] for r in up if r["root"]} == {"doc:111-TB/VPTW", "doc:95-TB/VPTW"}


def test_refusals_are_one_line_and_change_nothing(setup):
    env, home, base = setup
    with _neo4j(env) as n:
        before = graph_snapshot(n)
    # the server is running
    res = _push(env, "--bulk", "--neo4j-home", str(base / "neo4j"), "--home", str(home))
    assert res.returncode == 2 and "đang chạy" in _one_error_line(res)
    # no Neo4j there; no home given
    res = _push(env, "--bulk", "--neo4j-home", str(base / "nothing"), "--home", str(home))
    assert res.returncode == 2 and "không tìm thấy Neo4j" in _one_error_line(res)
    res = _push(env, "--bulk", "--home", str(home))
    assert res.returncode == 2 and "--neo4j-home" in _one_error_line(res)
    with _neo4j(env) as n:
        assert graph_snapshot(n) == before
    # A stopped Neo4j of the test's own (the server's jars, its own data dir): the first
    # load goes in, a second is refused and leaves the database's files as they were.
    offline = base / "offline"
    (offline / "conf").mkdir(parents=True)
    lib = read_conf(base / "neo4j" / "conf" / "neo4j.conf")["server.directories.lib"]
    (offline / "conf" / "neo4j.conf").write_text(f"server.directories.lib={lib}\n")
    res = _push(env, "--bulk", "--neo4j-home", str(offline), "--home", str(home))
    assert res.returncode == 0, res.stderr
    files = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                   for p in (offline / "data" / "databases" / "neo4j").iterdir())
    assert dict(f[:2] for f in files)["neostore.relationshipstore.db"] > 0
    res = _push(env, "--bulk", "--neo4j-home", str(offline), "--home", str(home))
    assert res.returncode == 2 and "không rỗng" in _one_error_line(res)
    assert sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                  for p in (offline / "data" / "databases" / "neo4j").iterdir()) == files
    assert not list((offline / "data").glob(".truyvet-import-*"))
