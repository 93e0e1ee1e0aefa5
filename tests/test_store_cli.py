"""The store commands as a user runs them: ingest, re-ingest, change a file, query, demo."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import SEED_FILES


def run(home, *args, ok=True):
    env = {"TRUYVET_HOME": str(home), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    p = subprocess.run([sys.executable, "-m", "truyvet", *args], capture_output=True,
                       text=True, env=env)
    if ok:
        assert p.returncode == 0, p.stderr
    return p


def nonzero(statuses: dict) -> dict:
    return {k: n for k, n in statuses.items() if n}


def test_ingest_is_idempotent_and_replaces_only_a_changed_file(seeds, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in SEED_FILES.values():
        shutil.copy(seeds / f, docs / f)
    home = tmp_path / "home"
    first = json.loads(run(home, "ingest", str(docs), "--json").stdout)
    assert nonzero(first["statuses"]) == {"added": 5} and first["failed"] == []
    counts = run(home, "query", "MATCH (t:Task) RETURN count(t) AS n", "--json").stdout
    again = json.loads(run(home, "ingest", str(docs), "--json").stdout)
    assert again["statuses"]["unchanged"] == 5
    assert run(home, "query", "MATCH (t:Task) RETURN count(t) AS n", "--json").stdout == counts

    plan = docs / SEED_FILES["000"]
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "(25). Củng cố tiềm lực quốc phòng, an ninh; bảo đảm an ninh, an toàn tuyệt đối Thủ đô trong mọi tình huống.\n", ""),
        encoding="utf-8")
    changed = json.loads(run(home, "ingest", str(docs), "--json").stdout)
    assert nonzero(changed["statuses"]) == {"unchanged": 4, "replaced": 1}
    n = json.loads(run(home, "query", "MATCH (t:Task) RETURN count(t) AS n", "--json").stdout)[0]["n"]
    assert n == json.loads(counts)[0]["n"] - 1
    # The shared agency and the stub the plan cites are still there.
    rows = json.loads(run(home, "query", "MATCH (a:Agency) WHERE a.id = 'agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi' "
                                        "MATCH (d:Document) WHERE d.id = 'doc:111-TB/VPTW' RETURN a.name AS a, d.stub AS s",
                          "--json").stdout)
    assert rows == [{"a": "Ban cán sự đảng UBND Thành phố", "s": True}]


def test_trace_and_run_read_the_store(seeds, tmp_path):
    home = tmp_path / "home"
    run(home, "ingest", str(seeds / SEED_FILES["000"]), str(seeds / SEED_FILES["001"]))
    out = run(home, "trace", "Thông báo 111", "--depth", "2").stdout
    assert "được thực hiện bởi Kế hoạch (Hà Nội, 20/01/2025)" in out and "II.2.(14) Nghiên cứu triển khai" in out
    top = json.loads(run(home, "run", "agencies_by_lead", "-p", "limit=1", "--json").stdout)
    assert top[0]["name"] == "Ban cán sự đảng UBND Thành phố"
    p = run(home, "query", "MATCH (d:Document) DETACH DELETE d", ok=False)
    assert p.returncode == 2 and "--write" in p.stderr and "Traceback" not in p.stderr
    p = run(home, "run", "no_such_query", ok=False)
    assert p.returncode == 2 and "no_such_query" in p.stderr


def test_a_bad_file_fails_alone(seeds, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(seeds / SEED_FILES["003"], docs / "003.txt")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    home = tmp_path / "home"
    p = run(home, "ingest", str(docs), "--json", ok=False)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    assert report["statuses"]["added"] == 1 and len(report["failed"]) == 2
    assert "empty.txt" in p.stderr and "binary.txt" in p.stderr


def test_demo_traces_a_chain(tmp_path):
    p = run(tmp_path, "demo", "--keep", str(tmp_path / "demo"))
    assert "-TB/VPTW" in p.stdout and "được thực hiện bởi" in p.stdout and "chủ trì:" in p.stdout


def test_two_copies_of_one_document_keep_the_first(seeds, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (seeds / SEED_FILES["001"]).read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text(text.replace("Nguyễn Thị Tuyền", "Nguyễn Thị Tuyền (đã ký)"), encoding="utf-8")
    home = tmp_path / "home"
    for _ in range(2):
        report = json.loads(run(home, "ingest", str(docs), "--json").stdout)
        assert report["statuses"].get("duplicate") == 1
        assert "b.txt" in report["duplicates"][0] and "a.txt" in report["duplicates"][0]
    rows = json.loads(run(home, "query", "MATCH (d:Document) WHERE d.id = 'doc:1021-CV/TU@ha-noi' RETURN d.file AS f",
                          "--json").stdout)
    assert rows[0]["f"].endswith("a.txt")
