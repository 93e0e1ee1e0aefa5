"""Which extraction code produced a stored document.

Every document node records a fingerprint of the code that turns a file into
its fragment (the loaders and the graph builder, with their data files and
the succession table). A
re-ingest can then skip a file whose path and bytes are stored *and* whose
facts came from this very code: it would only parse it to the same fragment.
After an upgrade the fingerprint differs and every file is read again.

>>> len(fingerprint()), fingerprint() == fingerprint()
(16, True)
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
# The parts of the package a fragment depends on (the succession table in
# data/ included); the stores only write it.
_PARTS = ("loaders", "graph", "data")
_SKIP = ("stores", "__pycache__")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of the extraction code and data, stable across machines."""
    h = hashlib.sha256()
    for part in _PARTS:
        for path in sorted((_PACKAGE / part).rglob("*")):
            rel = path.relative_to(_PACKAGE)
            if path.is_file() and not any(s in rel.parts for s in _SKIP) and path.suffix != ".pyc":
                h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]
