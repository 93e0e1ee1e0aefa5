"""What `truyvet ingest` tells a person (issue 13, point 4), and one-line
errors for -o and Neo4j URIs (issue 17, point 5), through the real CLI."""
from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys

from conftest import SEED_FILES
from store_fixtures import require_neo4j
from truyvet.queries.ingest import ingest_paths


def run(home, *args, env_extra=None):
    env = dict(os.environ, TRUYVET_HOME=str(home), PYTHONIOENCODING="utf-8", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "truyvet", *map(str, args)], capture_output=True,
                          text=True, env=env)


def test_empty_or_unsupported_folder_says_so_and_fails(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    p = run(tmp_path / "home", "ingest", empty)
    assert p.returncode == 1 and p.stderr.strip().splitlines() == [
        f"error: {empty}: không có tệp nào để nạp — thư mục trống (no document to ingest: empty folder)"]
    other = tmp_path / "other"
    other.mkdir()
    for name in ("bang.xlsx", "anh.jpg", "so-lieu.xlsx"):
        (other / name).write_bytes(b"PK\x03\x04")
    p = run(tmp_path / "home", "ingest", other, "--json")
    assert p.returncode == 1 and ".xlsx ×2, .jpg" in p.stderr and "anh.jpg" in p.stderr
    report = json.loads(p.stdout)
    assert report["files"] == 0 and len(report["unsupported"]) == 3


def test_summary_names_the_files_behind_each_count(seeds, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for f in SEED_FILES.values():
        shutil.copy(seeds / f, docs / f)
    shutil.copy(docs / SEED_FILES["001"], docs / "zz-ban-sao.txt")       # a byte-identical copy
    (docs / "bang-tong-hop.xlsx").write_bytes(b"PK\x03\x04")
    p = run(tmp_path / "home", "ingest", docs)
    assert p.returncode == 0, p.stderr
    err = p.stderr
    assert "mới 5 (added) · bản trùng 1 (duplicate)" in err and "unchanged" not in err
    assert f"duplicate: {docs / 'zz-ban-sao.txt'}: identical copy of {docs / SEED_FILES['001']}" in err
    assert f"(unsupported): {docs / 'bang-tong-hop.xlsx'}" in err
    # Every warning kind names its files; --warnings lists each warning.
    warned = [ln for ln in err.splitlines() if ln.startswith("    ") and " — " in ln]
    assert warned and all(" tệp: " in ln and str(docs) in ln for ln in warned)
    full = run(tmp_path / "home2", "ingest", docs, "--warnings").stderr
    details = [ln for ln in full.splitlines() if ln.startswith("      ")]
    assert len(details) == sum(int(ln.split()[0]) for ln in warned)
    assert all(ln.strip().startswith(str(docs)) for ln in details)
    # --json carries every warning with its file.
    report = json.loads(run(tmp_path / "home3", "ingest", docs, "--json").stdout)
    assert report["statuses"]["duplicate"] == 1 and report["statuses"]["unchanged"] == 0
    assert len(report["warnings_by_file"]) == sum(report["warnings"].values())
    assert {w["file"] for w in report["warnings_by_file"]} <= {str(p) for p in docs.iterdir()}
    assert report["unsupported"] == [str(docs / "bang-tong-hop.xlsx")]


def test_progress_knows_the_total_before_parsing(seeds, tmp_path):
    seen = []
    ingest_paths(None, [seeds], workers=1, on_total=lambda n: seen.append(("total", n)),
                 progress=lambda size, path: seen.append(("file", path)))
    assert seen[0] == ("total", 5) and len(seen) == 6
    # On a terminal the bar shows done/total and the time left.
    master, slave = pty.openpty()
    env = dict(os.environ, TRUYVET_HOME=str(tmp_path / "home"), PYTHONIOENCODING="utf-8", COLUMNS="160")
    proc = subprocess.Popen([sys.executable, "-m", "truyvet", "ingest", str(seeds), "--workers", "1"],
                            stderr=slave, stdout=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0 and "/5" in screen and "còn" in screen


def test_output_errors_are_one_line(seeds, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    p = run(tmp_path / "home", "export", "--docs", seeds, "-o", blocker / "out.ttl")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert p.stderr.strip().splitlines()[-1].startswith(f"error: cannot write or read {blocker}")


def test_credentials_in_the_uri_are_used_and_never_printed(tmp_path):
    p = run(tmp_path / "home", "query", "RETURN 1 AS x", "--store", "neo4j",
            env_extra={"NEO4J_URI": "bolt://alice:s3cret-pw@127.0.0.1:9", "NEO4J_PASSWORD": ""})
    assert p.returncode == 2 and "s3cret-pw" not in p.stderr and "alice" not in p.stderr
    assert p.stderr.strip().splitlines() == [ln for ln in p.stderr.strip().splitlines()
                                             if ln.startswith("error: cannot connect to bolt://127.0.0.1:9:")]
    require_neo4j()
    uri, user, secret = (os.environ.get(k, "") for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD"))
    host = uri.split("://", 1)[1]
    p = run(tmp_path / "home", "query", "RETURN 1 AS x", "--store", "neo4j", "--json",
            env_extra={"NEO4J_URI": f"bolt://{user or 'neo4j'}:{secret}@{host}", "NEO4J_PASSWORD": ""})
    assert p.returncode == 0 and json.loads(p.stdout) == [{"x": 1}], p.stderr
    p = run(tmp_path / "home", "query", "RETURN 1 AS x", "--store", "neo4j",
            env_extra={"NEO4J_URI": f"bolt://{user or 'neo4j'}:wrong-{secret}@{host}", "NEO4J_PASSWORD": ""})
    assert p.returncode == 2 and secret not in p.stderr and f"cannot connect to bolt://{host}" in p.stderr
