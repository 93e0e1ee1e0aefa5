"""Where the read-only ``shared`` folder (gold, scorer, corpus) sits.

CI keeps it beside the checkout (``<repo>/../shared``). A linked git worktree
(``git worktree add``) lives elsewhere, so its main checkout's neighbour is
tried next; ``TRUYVET_SHARED`` overrides both.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _candidates() -> list[Path]:
    if os.environ.get("TRUYVET_SHARED"):
        return [Path(os.environ["TRUYVET_SHARED"])]
    out = [REPO.parent / "shared"]
    try:
        common = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
                                cwd=REPO, capture_output=True, text=True, timeout=10).stdout.strip()
    except OSError:                       # no git: only the neighbour of this checkout
        common = ""
    if common:
        out.append(Path(common).parent.parent / "shared")
    return out


def shared_path(*parts: str) -> Path:
    """``shared/<parts>`` in the first candidate folder that has it (else the first candidate)."""
    paths = [c.joinpath(*parts) for c in _candidates()]
    return next((p for p in paths if p.exists()), paths[0])
