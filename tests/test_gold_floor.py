"""Accuracy on the real gold documents never drops below the floors in bench/gold_floors.json.

The floors are the figures reached so far; `python bench/gold.py --update-floors`
raises them. The scorer and the gold set live in ../shared (CI keeps it beside
the checkout; TRUYVET_SHARED points elsewhere).
"""
from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import gold  # noqa: E402
from conftest import missing


@pytest.fixture(scope="module")
def figures() -> dict:
    paths = gold.default_paths()
    if not all(p.exists() for p in paths):
        msg = f"gold set or scorer not found: {[str(p) for p in paths]} (set TRUYVET_SHARED)"
        missing(msg)
    return gold.run_scorer(*paths)[0]


def test_figures_hold_their_floors(figures):
    assert figures["docs"] == 30 and figures["missing"] == 0
    below = gold.below_floors(figures, gold.load_floors())
    assert not below, "accuracy on ../shared/gold dropped:\n" + "\n".join(below)


def test_every_figure_has_a_dated_floor():
    floors = gold.load_floors()
    assert sorted(floors) == sorted(gold.FLOORED)
    for key, f in floors.items():
        assert 0 <= f["floor"] <= 1, key
        datetime.date.fromisoformat(f["set_on"])
        assert re.fullmatch(r"[0-9a-f]{40}(\+uncommitted)?", f["commit"]), key


def test_a_figure_under_its_floor_is_reported(figures):
    at = {k: {"floor": figures[k], "set_on": "2026-01-01", "commit": "0" * 40} for k in gold.FLOORED}
    assert gold.below_floors(figures, at) == []
    above = {k: v | {"floor": v["floor"] + 0.01} for k, v in at.items()}
    below = gold.below_floors(figures, above)
    assert [line.split()[0] for line in below] == list(above)
    assert gold.below_floors({k: v for k, v in figures.items() if k != "lead_acc"}, at) == \
        [f"lead_acc None < floor {figures['lead_acc']} (set 2026-01-01 at 000000000000)"]


def test_update_raises_floors_and_never_lowers_them(figures):
    high = {k: {"floor": 1.0, "set_on": "2026-01-01", "commit": "a" * 40} for k in gold.FLOORED}
    assert gold.raised_floors(high, figures, "b" * 40, "2026-02-02") == high
    low = {k: v | {"floor": figures[k] - 0.01} for k, v in high.items()}
    new = gold.raised_floors(low, figures, "b" * 40, "2026-02-02")
    for k in gold.FLOORED:
        assert figures[k] - 1e-4 < new[k]["floor"] <= figures[k]
        assert (new[k]["set_on"], new[k]["commit"]) == ("2026-02-02", "b" * 40)


def test_table_rows_follow_the_issue(figures):
    rows = gold.table(figures).splitlines()[2:]
    assert len(rows) == len(gold.TARGETS)
    for (key, label, target), row in zip(gold.TARGETS, rows):
        assert row.startswith(f"| {label}") and f"| {figures[key]:.2f} |" in row
        assert row.endswith("| met |" if figures[key] >= target else "| missed |")
    assert f"(symbol {figures['symbol_ref_f1']:.2f}, named {figures['named_ref_f1']:.2f})" in rows[5]
