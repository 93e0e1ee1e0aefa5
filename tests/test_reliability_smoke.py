"""The reliability suite's smoke run (bench/reliability --smoke): it must keep
working, and what it counts must hold: every kill survived, every payload
refused, every hostile file handled, no reader refused, and no foreign
exception outside the outline parser (whose figures the suite only reports)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from store_fixtures import neo4j_available

ROOT = Path(__file__).resolve().parents[1]
# Modules being rewritten elsewhere (issue 17 point 2): counted, not held to zero here.
OUTLINE = ("tasks.py", "outline.py", "markers.py", "tables.py", "assignments.py", "segments.py")


def test_reliability_smoke_run(tmp_path):
    out = tmp_path / "reliability.json"
    args = [sys.executable, str(ROOT / "bench" / "reliability"), "--smoke", "--out", str(out)]
    if neo4j_available() is not None and os.environ.get("CI") != "true":
        args.append("--no-neo4j")
    p = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    assert "summary" in p.stdout and "kills survived" in p.stdout
    res = json.loads(out.read_text())
    k = res["kills"]
    assert k["killed"] >= 1 and k["survived"] == k["killed"] and k["unreadable_after_kill"] == 0
    stores = {k: g for k, g in res["guard"].items() if isinstance(g, dict)}
    assert "embedded" in stores and (res["neo4j"] == ("neo4j" in stores))
    for store, g in stores.items():
        assert g["payloads"] > 600 and g["refused"] == g["payloads"] and not g["store_changed"], store
    h = res["hostile"]
    assert h["handled"] == h["files"] and h["refused_as_expected"] == h["must_refuse"] and h["noisy"] == 0
    assert set(h["parse_seconds"]) == {"numbered-items.txt", "one-long-line.txt"}
    f = res["fuzz"]
    assert f["inputs"] == 3000
    assert not [kind for kind in f["foreign_kinds"] if not kind.split(" at ")[1].startswith(OUTLINE)]
    r = res["readers"]
    assert r["reads"] >= 5 and r["refused"] == 0
