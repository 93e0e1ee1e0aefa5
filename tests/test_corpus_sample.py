"""A sample of the real mixed corpus goes through ingest without a crash.

The whole sweep (13,965 files) is `python bench/sweep.py`; this keeps the
script working and every loader honest on real, messy input.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import sweep  # noqa: E402
from conftest import missing


def test_corpus_sample_ingests_without_crash(tmp_path):
    corpus = Path(os.environ.get("TRUYVET_CORPUS", sweep.CORPUS))
    if not corpus.is_file():
        missing(f"corpus not found at {corpus} (set TRUYVET_CORPUS)")
    folder = sweep.unpack(corpus, tmp_path / "corpus", limit=600)
    result = sweep.sweep(folder, workers=2, store_home=tmp_path / "store")
    assert result["files"] == 600 and result["crashes"] == 0, result["failures"]
    assert result["failed"] == 0, result["failures"]
    assert result["references_by_relation"].get("cites", 0) > 100
    assert result["store"]["Task"] == result["tasks"]        # task ids are unique per document
    assert sum(result["documents_by_kind"].values()) + result["statuses"].get("duplicate", 0) \
        + result["statuses"].get("unchanged", 0) >= 590
