"""Extraction accuracy on a synthetic corpus with known ground truth.

The generator (truyvet.synthetic) writes documents in many phrasings
the parser was not tuned on; these floors catch regressions in the rules.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from accuracy import measure  # noqa: E402


def test_accuracy_floors():
    r = measure(150, seed=3)
    assert r["document.symbol"] >= 0.98 and r["document.kind"] >= 0.95 and r["document.date"] >= 0.95
    assert r["references.found"] >= 0.93 and r["references.relation"] >= 0.92
    assert r["tasks.found"] >= 0.95 and r["tasks.lead"] >= 0.88 and r["tasks.deadline"] >= 0.95
