"""Shared fixtures: the seed documents, parsed once per session."""
from __future__ import annotations

import os
import shutil
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("TRUYVET_SEEDS", REPO.parent / "shared" / "seeds"))
CORPUS_TAR = REPO.parent / "shared" / "corpus" / "vn-mixed.tar.gz"
CORPUS_DIR = Path(os.environ.get("TRUYVET_CORPUS_DIR", "/tmp/corpus/vn-mixed"))
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


def corpus_files(names, folder: Path) -> Path:
    """``folder`` holding these real corpus files: copied from an unpacked
    corpus (``TRUYVET_CORPUS_DIR``) when there is one, else read from the
    shared archive in one pass (CI has only the archive)."""
    todo = set(names)
    for name in sorted(todo):
        if (CORPUS_DIR / name).is_file():
            shutil.copy(CORPUS_DIR / name, folder / name)
            todo.discard(name)
    if todo:
        with tarfile.open(require(CORPUS_TAR, "corpus"), "r|gz") as tar:
            for m in tar:
                if (name := Path(m.name).name) in todo and m.isfile():
                    (folder / name).write_bytes(tar.extractfile(m).read())
                    todo.discard(name)
                    if not todo:
                        break
    if todo:
        missing(f"{', '.join(sorted(todo))} not in the corpus at {CORPUS_TAR}")
    return folder


def corpus_file(name: str, folder: Path) -> Path:
    """One real corpus file, put in ``folder`` (see :func:`corpus_files`)."""
    return corpus_files([name], folder) / name


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
