"""The corpus diff on 100 real corpus files: silent when nothing changed, exact when something did.

The full run (13,965 files, two commits) is `python bench/corpus_diff.py`.
"""
from __future__ import annotations

import copy
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import corpus_diff  # noqa: E402
from corpus_facts import FIELDS, diff, facts_by_file  # noqa: E402
from shared import shared_path  # noqa: E402
from sweep import unpack  # noqa: E402
from conftest import missing


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """100 files of the archive's first 3,000: 60 that assign work ("chủ trì"), 40 others."""
    tar = Path(os.environ.get("TRUYVET_CORPUS") or shared_path("corpus", "vn-mixed.tar.gz"))
    if not tar.is_file():
        missing(f"corpus not found at {tar} (set TRUYVET_CORPUS or TRUYVET_SHARED)")
    tmp = tmp_path_factory.mktemp("corpus")
    files = sorted(p for p in unpack(tar, tmp / "all", limit=3000).rglob("*") if p.is_file())
    assigning = {p for p in files if "chủ trì" in p.read_text(encoding="utf-8", errors="replace")}
    (tmp / "sample").mkdir()
    for p in sorted(assigning)[:60] + [p for p in files if p not in assigning][:40]:
        (tmp / "sample" / p.name).write_bytes(p.read_bytes())
    return tmp / "sample"


@pytest.fixture(scope="module")
def parses(corpus, tmp_path_factory) -> list[Path]:
    """The working tree's parse of the sample, twice, each in its own cache (so no reuse)."""
    files = corpus_diff.corpus_files(corpus, None, 0)
    key = corpus_diff.fingerprint(corpus, files)
    out = []
    for name in ("a", "b"):
        path, label, seconds = corpus_diff.parse_side("worktree", corpus, files, corpus_key=key,
                                                      cache=tmp_path_factory.mktemp(name))
        assert seconds is not None and label.startswith("worktree")
        out.append(path)
    return out


def records(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_two_parses_of_one_tree_do_not_differ(parses):
    recs = records(parses[0])
    assert len(recs) == 100 and not [r for r in recs if "error" in r]
    # Not vacuous: the sample has tasks with leads and references to compare.
    assert sum(len(t["lead"]) for r in recs for t in r["tasks"]) > 20
    assert sum(len(r["references"]) for r in recs) > 50
    d = diff(corpus_diff.load(parses[0]), corpus_diff.load(parses[1]))
    assert {f: v["changes"] for f, v in d["fields"].items()} == {f: [] for f in FIELDS}
    assert all(v == [] for v in d["failures"].values())
    assert d["agencies"]["gained"] == d["agencies"]["lost"] == []
    assert d["agencies"]["old_distinct"] == d["agencies"]["new_distinct"] > 10


def test_known_edits_are_reported_exactly(parses):
    old = records(parses[0])
    new = copy.deepcopy(old)
    r1 = next(r for r in new if any(t["lead"] for t in r["tasks"]))
    task = next(t for t in r1["tasks"] if t["lead"])
    lead = task["lead"].pop(0)
    undated = next(t for t in r1["tasks"] if not t["deadline"])
    undated["deadline"] = "2030-12-31"
    r2 = next(r for r in reversed(new) if r["references"])
    ref = r2["references"].pop(0)
    # A task with no facts of its own, added: only the task itself is gained.
    r3 = next(r for r in new if r is not r1 and r is not r2 and r.get("tasks"))
    bare = dict(r3["tasks"][0], label="Z.99", key="Z.99", lead=[], coordinate=[], monitor=[],
                deadline=None, heading=False)
    r3["tasks"].append(bare)
    r4 = new[len(new) // 2]
    kind, r4["document"]["kind"] = r4["document"]["kind"], "made_up_kind"
    failing = next(r for r in new if r not in (r1, r2, r3, r4))
    new[new.index(failing)] = {"file": failing["file"], "error": "LoaderError: made up for the test"}

    d = diff(facts_by_file(old), facts_by_file(new))
    changed = {f: v["changes"] for f, v in d["fields"].items() if v["changes"]}
    assert changed == {
        "leads": [{"file": r1["file"], "gained": [], "lost": [f"{task['label']} → {lead}"]}],
        "deadlines": [{"file": r1["file"], "gained": [f"{undated['label']} → 2030-12-31"], "lost": []}],
        "references": [{"file": r2["file"], "gained": [],
                        "lost": [f"{ref['symbol'] or ref['name']} ({ref['relation']})"]}],
        "tasks": [{"file": r3["file"], "gained": ["Z.99"], "lost": []}],
        "kind": [{"file": r4["file"], "gained": ["made_up_kind"], "lost": [kind]}],
    }
    assert d["failures"]["new"] == [{"file": failing["file"], "error": "LoaderError: made up for the test"}]
    assert d["failures"]["fixed"] == d["failures"]["both"] == d["failures"]["missing"] == []
    # An agency name is lost from the corpus only where nothing else still names it.
    left = sum(a == lead for r in new if "tasks" in r for t in r["tasks"]
               for role in ("lead", "coordinate", "monitor") for a in t[role])
    assert (lead in [n for n, _ in d["agencies"]["lost"]]) == (left == 0)


def test_command_line_on_the_sample(corpus, tmp_path):
    cmd = [sys.executable, str(BENCH / "corpus_diff.py"), "--corpus", str(corpus), "--cache", str(tmp_path),
           "--old", "HEAD", "--new", "worktree", "--json"]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    out = json.loads(p.stdout)
    assert out["files"] == out["run"]["files"] == 100
    assert out["run"]["old"]["rev"].startswith("HEAD ") and out["run"]["old"]["parse_seconds"] is not None
    assert set(out["fields"]) == set(FIELDS) and out["failures"]["new"]["count"] == 0
    bad = subprocess.run(cmd[:-5] + ["--old", "no-such-rev", "--new", "worktree"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == \
        ["error: no-such-rev: not a revision of this repository (or 'worktree')"]
