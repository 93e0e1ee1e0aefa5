#!/usr/bin/env python3
"""Corpus diff: parse the corpus at two revisions, report per field what was gained and lost.

    python bench/corpus_diff.py                       # base → working tree (see below)
    python bench/corpus_diff.py --old HEAD~3 --new HEAD --samples 10
    python bench/corpus_diff.py --corpus /tmp/corpus/vn-mixed --limit 500 --sample-seed 7
    python bench/corpus_diff.py --json > diff.json

A revision is anything git names (branch, tag, SHA, ``HEAD~1``) or ``worktree``:
the files as they are now, uncommitted changes included. The default old side is
the merge base with ``main`` (``HEAD~1`` when HEAD is on main); the new side is
``worktree``. Each side runs its own code: ``git archive`` of its ``truyvet/`` into
a temporary folder, put first on PYTHONPATH for ``bench/corpus_parse.py`` (2 processes).

Each parse is cached as gzip JSON Lines in ``~/.cache/truyvet/corpus-diff/`` (or
``$TRUYVET_CACHE/corpus-diff``), keyed by the git tree of ``truyvet/`` at that commit
(commits that leave it alone share one parse; a clean working tree shares HEAD's),
else by a hash of the working tree's ``truyvet/`` files, and by a hash of the corpus
files parsed. A diff against an already parsed commit costs one parse.

The corpus is ../shared/corpus/vn-mixed.tar.gz (13,965 Markdown files), or
$TRUYVET_CORPUS, or ``--corpus`` (an archive or a folder). Exit code 2 on error.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_facts import FIELDS, diff, facts_by_file, summary  # noqa: E402
from shared import REPO, shared_path  # noqa: E402
from sweep import unpack  # noqa: E402

CACHE = Path(os.environ.get("TRUYVET_CACHE") or Path.home() / ".cache" / "truyvet") / "corpus-diff"
WORKER = Path(__file__).with_name("corpus_parse.py")


class DiffError(Exception):
    """One line for the user: a revision git does not know, a parse that died."""


def git(*args: str) -> str:
    r = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True)
    if r.returncode:
        raise DiffError(f"git {' '.join(args)}: {r.stderr.decode(errors='replace').strip()}")
    return r.stdout.decode()


def default_revs() -> tuple[str, str]:
    """(old, new): the merge base with main, or HEAD~1 on main itself; then the working tree."""
    head = git("rev-parse", "HEAD").strip()
    try:
        base = git("merge-base", "main", "HEAD").strip()
    except DiffError:                     # no main branch in this clone
        base = head
    return (base if base != head else "HEAD~1"), "worktree"


def code_key(rev: str) -> tuple[str, str]:
    """(cache key, label) of the code a revision runs."""
    if rev == "worktree":
        if not git("status", "--porcelain", "--untracked-files=all", "--", "truyvet").strip():
            return git("rev-parse", "HEAD:truyvet").strip(), "worktree (clean)"
        h = hashlib.sha256()
        for name in git("ls-files", "-co", "--exclude-standard", "--", "truyvet").splitlines():
            path = REPO / name
            if path.is_file():
                h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        return "wt-" + h.hexdigest()[:24], "worktree"
    try:
        sha = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except DiffError:
        raise DiffError(f"{rev}: not a revision of this repository (or 'worktree')") from None
    return git("rev-parse", f"{sha}:truyvet").strip(), f"{rev} {sha[:10]}"


def corpus_files(root: Path, limit: int | None, seed: int) -> list[str]:
    """File names under ``root`` (relative, sorted); ``limit`` of them drawn with ``seed``."""
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    if limit and limit < len(files):
        files = sorted(random.Random(seed).sample(files, limit))
    return files


def fingerprint(root: Path, files: list[str]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.encode() + b"\0" + hashlib.sha256((root / f).read_bytes()).digest())
    return h.hexdigest()[:16]


def parse_side(rev: str, root: Path, files: list[str], *, cache: Path = CACHE,
               corpus_key: str, workers: int = 2) -> tuple[Path, str, float | None]:
    """Parse ``files`` with the code of ``rev`` unless cached: (output, label, seconds or None)."""
    key, label = code_key(rev)
    out = cache / f"{key}-{corpus_key}.jsonl.gz"
    if out.is_file():
        return out, label, None
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="truyvet-diff-") as tmp:
        tree = REPO
        if rev != "worktree":
            tree = Path(tmp)
            archive = subprocess.run(["git", "-C", str(REPO), "archive", key], capture_output=True, check=True)
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(tree / "truyvet", filter="data")
        partial = out.with_suffix(f".{os.getpid()}.part")
        env = dict(os.environ, PYTHONPATH=str(tree))
        r = subprocess.run([sys.executable, str(WORKER), str(root), str(partial), "--workers", str(workers)],
                           input="\n".join(files), capture_output=True, text=True, env=env)
        if r.returncode:
            partial.unlink(missing_ok=True)
            last = (r.stderr.strip().splitlines() or ["no message"])[-1]
            raise DiffError(f"parse at {label} failed (exit {r.returncode}): {last}")
        partial.rename(out)
    return out, label, time.perf_counter() - started


def load(path: Path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return facts_by_file(json.loads(line) for line in f)


def differing_records(a: Path, b: Path) -> list[str]:
    """Files whose whole ``parse --json`` record differs between two parses:
    every field, span and evidence string, not only those :func:`diff` counts."""
    def lines(path: Path) -> dict[str, str]:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return {json.loads(line)["file"]: line for line in f}
    old, new = lines(a), lines(b)
    return sorted(f for f in old.keys() | new.keys() if old.get(f) != new.get(f))


def run(old: str, new: str, corpus: Path, *, limit: int | None = None, seed: int = 0,
        cache: Path = CACHE, workers: int = 2) -> tuple[dict, dict]:
    """The full diff (corpus_facts.diff) of ``corpus`` between two revisions, and run notes."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="truyvet-corpus-") as tmp:
        root = corpus
        if corpus.is_file():
            root = unpack(corpus, Path(tmp))
            while len(entries := list(root.iterdir())) == 1 and entries[0].is_dir():
                root = entries[0]         # the archive's own top folder
        elif not corpus.is_dir():
            raise DiffError(f"{corpus}: corpus not found (an archive or a folder)")
        files = corpus_files(root, limit, seed)
        if not files:
            raise DiffError(f"{corpus}: no files")
        corpus_key = fingerprint(root, files)
        prepared = time.perf_counter()
        sides = [parse_side(rev, root, files, cache=cache, corpus_key=corpus_key, workers=workers)
                 for rev in (old, new)]
    loaded = time.perf_counter()
    d = diff(load(sides[0][0]), load(sides[1][0]))
    notes = {"corpus": str(corpus), "files": len(files),
             "old": {"rev": sides[0][1], "parse_seconds": sides[0][2], "cache": str(sides[0][0])},
             "new": {"rev": sides[1][1], "parse_seconds": sides[1][2], "cache": str(sides[1][0])},
             "records_differing": differing_records(sides[0][0], sides[1][0]),
             "prepare_seconds": round(prepared - started, 2), "diff_seconds": round(time.perf_counter() - loaded, 2),
             "seconds": round(time.perf_counter() - started, 2)}
    return d, notes


def _short(s: str, n: int = 110) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def render(s: dict, notes: dict) -> str:
    """The readable report: counts per field, then samples of each."""
    def when(side: dict) -> str:
        t = side["parse_seconds"]
        return "cached" if t is None else f"parsed in {t:.1f} s"

    lines = [f"corpus diff · {notes['files']:,} files of {notes['corpus']}",
             f"  old: {notes['old']['rev']} ({when(notes['old'])})",
             f"  new: {notes['new']['rev']} ({when(notes['new'])})", "",
             f"{'field':14}{'gained':>9}{'lost':>9}{'files':>8}"]
    for f in FIELDS:
        v = s["fields"][f]
        lines.append(f"{f:14}{'+' + str(v['gained']):>9}{'−' + str(v['lost']):>9}{v['files']:>8}")
    ag, fl = s["agencies"], s["failures"]
    lines += [f"agency names  {ag['old_distinct']:,} distinct → {ag['new_distinct']:,} "
              f"(+{ag['gained']} new names, −{ag['lost']} gone)",
              f"failures      {fl['new']['count']} new, {fl['fixed']['count']} fixed, "
              f"{fl['both']['count']} at both, {fl['missing']['count']} not parsed",
              f"whole records {len(notes['records_differing']):,} of {notes['files']:,} files differ anywhere "
              f"(spans, evidence, people, events included)"
              + (": " + ", ".join(notes["records_differing"][:5]) if notes["records_differing"] else "")]
    for f in FIELDS:
        v = s["fields"][f]
        if not v["files"]:
            continue
        lines += ["", f"── {f}: +{v['gained']} −{v['lost']} in {v['files']} files "
                      f"({len(v['samples'])} shown)"]
        for c in v["samples"]:
            lines.append(f"  {c['file']}")
            for sign, items in (("−", c["lost"]), ("+", c["gained"])):
                lines += [f"    {sign} {_short(x)}" for x in items[:6]]
                if len(items) > 6:
                    lines.append(f"    {sign} … {len(items) - 6} more")
    for title, rows in (("agency names gained (most frequent)", ag["gained_top"]),
                        ("agency names lost (most frequent)", ag["lost_top"])):
        if rows:
            lines += ["", f"── {title}"] + [f"  {_short(n)} ({c})" for n, c in rows]
    if ag["random_new"]:
        lines += ["", "── agency names after, at random"] + [f"  {_short(n)}" for n in ag["random_new"]]
    for k, title in (("new", "fail only in new"), ("fixed", "fail only in old"), ("missing", "parsed on one side")):
        if fl[k]["count"]:
            lines += ["", f"── {title}: {fl[k]['count']}"] + [f"  {x['file']}: {x['error']}" for x in fl[k]["samples"]]
    lines += ["", f"{notes['seconds']:.1f} s in all (corpus unpacked and hashed in {notes['prepare_seconds']:.1f} s, "
                  f"diff {notes['diff_seconds']:.1f} s)"]
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", help="revision before (default: merge base with main, or HEAD~1)")
    ap.add_argument("--new", help="revision after (default: worktree)")
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("TRUYVET_CORPUS")
                                                        or shared_path("corpus", "vn-mixed.tar.gz")))
    ap.add_argument("--limit", type=int, help="only N files, drawn with --sample-seed")
    ap.add_argument("--sample-seed", type=int, default=0, help="seed for --limit and the samples shown")
    ap.add_argument("--samples", type=int, default=5, help="examples shown per field")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--json", action="store_true", help="counts and samples as one JSON object")
    args = ap.parse_args(argv)
    try:
        old, new = (args.old, args.new) if args.old and args.new else default_revs()
        d, notes = run(args.old or old, args.new or new, args.corpus, limit=args.limit,
                       seed=args.sample_seed, cache=args.cache, workers=args.workers)
    except DiffError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    s = summary(d, args.samples, args.sample_seed)
    print(json.dumps(s | {"run": notes}, ensure_ascii=False) if args.json else render(s, notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
