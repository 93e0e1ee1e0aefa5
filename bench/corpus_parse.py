#!/usr/bin/env python3
"""Parse corpus files with whatever truyvet is first on PYTHONPATH; gzip JSON Lines out.

    printf '%s\\n' a.md b.md | PYTHONPATH=/tmp/tree python bench/corpus_parse.py ROOT OUT.jsonl.gz

bench/corpus_diff.py runs it once per side, with PYTHONPATH at that commit's code.
It imports nothing but the stable ``truyvet.loaders.parse.parse_file``, so it
runs against old commits too. One line per file, ``file`` relative to ROOT: the
``parse --json`` object, or ``{"file": ..., "error": "one line"}`` when it fails.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from multiprocessing import Pool
from pathlib import Path

from truyvet.loaders.parse import parse_file

_ROOT = Path(".")


def _parse(rel: str) -> str:
    try:
        out = parse_file(_ROOT / rel).to_json() | {"file": rel}
    except Exception as exc:  # a bad file or a parser bug: both are part of the diff
        out = {"file": rel, "error": " ".join(f"{type(exc).__name__}: {exc}".split())[:300]}
    return json.dumps(out, ensure_ascii=False)


def _init(root: str) -> None:
    global _ROOT
    _ROOT = Path(root)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", help="corpus folder; file names (relative to it) come on stdin")
    ap.add_argument("out", type=Path, help="gzip JSON Lines to write")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    files = [line.strip() for line in sys.stdin if line.strip()]
    with Pool(args.workers, _init, (args.root,)) as pool, \
            gzip.open(args.out, "wt", encoding="utf-8", compresslevel=3) as out:
        for line in pool.imap(_parse, files, chunksize=16):
            out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
