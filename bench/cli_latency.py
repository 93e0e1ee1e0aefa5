#!/usr/bin/env python3
"""How long a lookup takes from the command line, start-up included: what a
user waits for after typing ``truyvet trace …``.

    python bench/cli_latency.py                       # the corpus ingested into a temporary store first
    python bench/cli_latency.py --home .truyvet       # an existing store, with the corpus's questions
    python bench/cli_latency.py --runs 9 --json

Each command runs --runs times as its own process (``python -m truyvet``);
the median wall time is printed with the fastest and slowest. ``--help``
and ``--version`` show the floor: the interpreter and the command line's
own start-up. The questions are real ones of the corpus: a symbol, a name
that matches nothing (the hint then reads every document), an agency by
name (every stored name is compared), a document's card and task table, a
named Cypher query of the pack.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sweep  # noqa: E402

def commands(symbol: str, agency: str, missing: str) -> dict[str, tuple[list[str], int]]:
    """Figure name -> (arguments, the exit code that answers it: 1 for the hint of a query naming nothing)."""
    return {
        "--version": (["--version"], 0),
        "--help": (["--help"], 0),
        "trace by symbol": (["trace", symbol, "--brief", "--max", "3"], 0),
        "trace, no match": (["trace", missing, "--brief"], 1),
        "show a document": (["show", symbol, "--json"], 0),
        "tasks of a document": (["tasks", symbol, "--json"], 0),
        "agency by name": (["agency", agency, "--json"], 0),
        "a pack query (run)": (["run", "lineage_down", "-p", f"doc_id={symbol}", "--json"], 0),
    }


def timed(args: list[str], code: int, home: str) -> float:
    start = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "truyvet", *args, *(["--home", home] if args[0][0] != "-" else [])],
                       capture_output=True, text=True)
    took = time.perf_counter() - start
    if p.returncode != code:
        sys.exit(f"truyvet {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()[-300:]}")
    return took


def measure(home: str, runs: int, questions: dict) -> dict:
    out = {}
    for name, (args, code) in questions.items():
        times = [timed(args, code, home) for _ in range(runs)]
        out[name] = {"median_s": round(statistics.median(times), 3),
                     "min_s": round(min(times), 3), "max_s": round(max(times), 3)}
        print(f"  {name:<22} {out[name]['median_s']:6.2f} s   ({out[name]['min_s']:.2f}–{out[name]['max_s']:.2f})",
              file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", help="an ingested store (default: the corpus, ingested into a temporary one)")
    ap.add_argument("--corpus", type=Path, default=sweep.CORPUS)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--symbol", default="Nghị quyết 57-NQ/TW", help="a document the store holds")
    ap.add_argument("--agency", default="UBND tỉnh Lâm Đồng", help="an agency the store holds, by name")
    ap.add_argument("--missing", default="Thông báo 111", help="a query that names nothing in the store")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON on stdout")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="truyvet-cli-") as tmp:
        home = args.home
        if home is None:
            folder = sweep.unpack(args.corpus, Path(tmp) / "corpus")
            home = str(Path(tmp) / "store")
            print(f"nạp kho thử (ingesting) {folder} …", file=sys.stderr)
            p = subprocess.run([sys.executable, "-m", "truyvet", "ingest", str(folder), "--home", home, "--json"],
                               capture_output=True, text=True)
            if p.returncode not in (0, 1):  # 1: some files could not be read, the rest is stored
                sys.exit(f"truyvet ingest {folder}: exit {p.returncode}: {p.stderr.strip()[-300:]}")
        figures = measure(home, args.runs, commands(args.symbol, args.agency, args.missing))
    if args.json:
        print(json.dumps({"runs": args.runs, "commands": figures}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
