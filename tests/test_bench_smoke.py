"""The benchmark runs (tiny sizes): it must keep working, its numbers are not tested."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import missing

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_smoke_run(tmp_path):
    corpus = ROOT.parent / "shared" / "corpus" / "vn-mixed.tar.gz"
    if not corpus.is_file():
        missing(f"corpus not found at {corpus}")
    out = tmp_path / "bench.json"
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--stores", "embedded",
                        "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "upstream lineage from a task" in p.stdout and "≥ 25 MB/s" in p.stdout and "× floor" in p.stdout
    res = json.loads(out.read_text())
    assert res["corpus"]["ingest_crashes"] == 0 and res["stores"][0]["nodes"] > 0
    assert res["corpus"]["floor_seconds"] > 0 and res["corpus"]["ratio_to_floor"] > 1


def test_command_line_latency_times_every_question(seeds, tmp_path):
    home = tmp_path / "store"
    p = subprocess.run([sys.executable, "-m", "truyvet", "ingest", str(seeds), "--home", str(home)],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-2000:]
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "cli_latency.py"), "--home", str(home), "--runs", "1",
                        "--symbol", "Thông báo 111", "--agency", "Ban Tổ chức Thành ủy Hà Nội",
                        "--missing", "Thông báo 11", "--json"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    figures = json.loads(p.stdout)["commands"]
    assert len(figures) == 8 and all(f["median_s"] > 0 for f in figures.values())
    assert "trace by symbol" in p.stderr and "agency by name" in p.stderr


def test_prefilter_measure_counts_what_a_cue_filter_would_lose():
    corpus = ROOT.parent / "shared" / "corpus" / "vn-mixed.tar.gz"
    if not corpus.is_file():
        missing(f"corpus not found at {corpus}")
    p = subprocess.run([sys.executable, str(ROOT / "bench" / "prefilter.py"), "--limit", "300", "--json"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    res = json.loads(p.stdout)
    assert res["files"] == 300 and 0 < res["unclassified_with_findings"] < res["unclassified"] <= 300
    # Even the widest cue set filters pages on which the full parse finds tasks or people.
    widest = res["cues"]["assignment verbs and thực hiện"]
    assert 0 < widest["pages_losing_findings"] < widest["pages_filtered"] < res["unclassified"]
