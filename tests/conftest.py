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


def missing(msg: str):
    """Something a test needs is not here: a failure under CI, where
    ../shared and every tool are always installed; a skip saying so elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(msg)
    pytest.skip(reason=msg)


def require(path: Path, what: str) -> Path:
    """``path`` when it exists; else :func:`missing`."""
    if not path.exists():
        missing(f"{what} not found at {path}")
    return path


def seeds_dir() -> Path:
    """The seeds folder; else :func:`missing`."""
    if not all((SEEDS / f).is_file() for f in SEED_FILES.values()):
        missing(f"seed documents not found in {SEEDS} (set TRUYVET_SEEDS)")
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
