"""Write a synthetic corpus with ground truth: python scripts/gen_corpus.py OUT_DIR -n 1000 --seed 0"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir))

from truyvet.synthetic import generate_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic corpus of Party/state documents with truth.jsonl.")
    ap.add_argument("out_dir", help="directory to write *.txt and truth.jsonl into")
    ap.add_argument("-n", "--n-documents", type=int, default=1000, help="number of documents (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = ap.parse_args(argv)
    if args.n_documents < 1:
        ap.error("-n must be at least 1")
    t0 = time.perf_counter()
    truth = generate_corpus(args.out_dir, args.n_documents, seed=args.seed)
    dt = time.perf_counter() - t0
    print(f"{len(truth.files)} documents in {args.out_dir} ({dt:.1f} s, {len(truth.files) / dt:.0f} docs/s); "
          f"sha256 {truth.sha256[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
