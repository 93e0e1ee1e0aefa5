"""Shared fixtures: the seed documents, parsed once per session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("TRUYVET_SEEDS", REPO.parent / "shared" / "seeds"))
SEED_FILES = {
    "000": "000_60a44d443366fbee.txt", "001": "001_d2eac3ada0b09243.txt",
    "002": "002_32d77b9e17cb1270.txt", "003": "003_44747714cf472d38.txt",
    "004": "004_793ec0f2b8db1aa0.txt",
}


def require(path: Path, what: str) -> Path:
    """``path`` when it exists; else a skip with a reason outside CI and a
    failure under CI, where ../shared is always beside the checkout."""
    if not path.exists():
        msg = f"{what} not found at {path}"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(reason=msg)
    return path


def seeds_dir() -> Path:
    """The seeds folder; a skip with a reason outside CI, a failure under CI."""
    if not all((SEEDS / f).is_file() for f in SEED_FILES.values()):
        msg = f"seed documents not found in {SEEDS} (set TRUYVET_SEEDS)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(reason=msg)
    return SEEDS


@pytest.fixture(scope="session")
def seeds() -> Path:
    return seeds_dir()


@pytest.fixture(scope="session")
def parsed(seeds):
    from truyvet.loaders.parse import parse_file
    return {k: parse_file(seeds / f) for k, f in SEED_FILES.items()}


@pytest.fixture(scope="session")
def graph(parsed):
    from truyvet.graph.build import build_graph
    return build_graph(parsed.values())
