"""Deadlines as time, on the deadlines of the real gold documents.

``tests/data/gold_deadlines.json`` holds every gold task deadline as its
document writes it, with the due date and kind judged by hand (``why``
explains the doubtful ones). The texts are checked to be in the documents,
so the data cannot drift from them.
"""
from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import truyvet.loaders.due as due_module
from truyvet.loaders.due import normalise_deadline
from conftest import missing

DATA = Path(__file__).parent / "data" / "gold_deadlines.json"
GOLD_DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "docs"


def rows():
    return json.loads(DATA.read_text(encoding="utf-8"))


def test_doc_examples():
    assert doctest.testmod(due_module).failed == 0


def test_every_written_deadline_is_in_its_gold_document():
    if not GOLD_DOCS.is_dir():
        missing(f"gold documents not found at {GOLD_DOCS}")
    for r in rows():
        text = (GOLD_DOCS / f"{r['gold']}.txt").read_text(encoding="utf-8")
        assert r["text"] in " ".join(text.replace("*", "").split()), (r["gold"], r["text"])


def test_due_dates_of_the_gold_deadlines():
    data = rows()
    with_due = [r for r in data if r["due"]]
    right = [r for r in with_due if normalise_deadline(r["text"], r["doc_date"]).due == r["due"]]
    assert len(data) == 140 and len(with_due) == 70
    assert len(right) / len(with_due) >= 0.95, [r["text"] for r in with_due if r not in right]
    # Where the text gives no due date, none is invented.
    for r in data:
        if not r["due"]:
            d = normalise_deadline(r["text"], r["doc_date"])
            assert d.due is None and d.kind == r["kind"], (r["text"], d)


@pytest.mark.parametrize("text, doc_date, kind, due", [
    ("07/10/2022", None, "day", "2022-10-07"),                          # seed 003, IV.1
    ("trước ngày 20/9/2022", None, "day", "2022-09-20"),                # seed 003, IV.3
    ("Trong Quý III/2022", None, "period", "2022-09-30"),               # seed 003, II.3
    ("36 tháng kể từ ngày được Nhà nước bàn giao đất (Theo Quyết định 214/QĐ-TTg năm 2024", None,
     "relative", None),                                                 # corpus: the year names a decision
    ("năm học 2025-2026", None, "interval", "2026-05-31"),
    ("Tháng 11 - 12/2025", None, "interval", "2025-12-31"),
])
def test_real_deadline_phrases(text, doc_date, kind, due):
    d = normalise_deadline(text, doc_date)
    assert (d.kind, d.due) == (kind, due)
