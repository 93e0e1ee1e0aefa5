#!/usr/bin/env python3
"""Accuracy on real documents: the gold scorer's figures next to their targets.

    python bench/gold.py                  # figure | now | target | met, and the floors
    python bench/gold.py --verbose        # first the scorer's misses, document by document
    python bench/gold.py --json           # the figures as one JSON object
    python bench/gold.py --gold G --docs D --scorer S   # another gold set, same scorer
    python bench/gold.py --update-floors  # raise bench/gold_floors.json to today's figures

It runs ``../shared/eval/score.py --json`` on ``../shared/gold/{gold,docs}`` with the
truyvet of this checkout (``python -m truyvet parse --json``, or the ``truyvet`` script
beside this interpreter where the package has no ``__main__``). The exit code is 1 when
a figure of the development gold set is below its floor, 2 when scoring failed.
What each figure means: docs/accuracy.md. The synthetic harness (bench/accuracy.py)
measures the generator's phrasings, not real documents.
"""
from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared import REPO, shared_path  # noqa: E402

FLOORS = Path(__file__).with_name("gold_floors.json")

# (scorer key, what it is, target): the table of issue 11, identity split per field.
TARGETS = [
    ("task_recall", "task recall (same label path as gold)", 0.92),
    ("task_precision", "task precision (predicted tasks with a lead that the gold has)", 0.85),
    ("lead_acc", "lead accuracy (over all gold tasks)", 0.90),
    ("coord_acc", "coordinate accuracy (found tasks)", 0.90),
    ("deadline_acc", "deadline accuracy", 0.90),
    ("ref_f1", "reference F1", 0.95),
    ("rel_acc", "relation accuracy", 0.95),
    ("kind_acc", "identity: kind", 0.95),
    ("symbol_acc", "identity: symbol", 0.95),
    ("date_acc", "identity: date", 0.95),
    ("issuer_acc", "identity: issuer", 0.90),
    ("signer_acc", "identity: signer", 0.95),
    ("recipients_f1", "recipients F1", 0.95),
]
# Figures with a floor but no target of their own (shown inside the reference row).
FLOORED = [k for k, _, _ in TARGETS] + ["symbol_ref_f1", "named_ref_f1"]


class GoldError(Exception):
    """Scoring could not run; the message is one line for the user."""


def default_paths() -> tuple[Path, Path, Path]:
    """The development set: (gold dir, docs dir, scorer) under ../shared."""
    return shared_path("gold", "gold"), shared_path("gold", "docs"), shared_path("eval", "score.py")


def parse_command(repo: Path = REPO) -> list[str]:
    """The parse command the scorer runs: this checkout's truyvet, JSON Lines out."""
    if (repo / "truyvet" / "__main__.py").is_file():
        return [sys.executable, "-m", "truyvet", "parse", "--json"]
    script = Path(sys.executable).with_name("truyvet")
    if not script.is_file():
        raise GoldError(f"{repo}: truyvet has no __main__ and there is no {script}")
    return [str(script), "parse", "--json"]


def run_scorer(gold: Path, docs: Path, scorer: Path, *, verbose: bool = False,
               repo: Path = REPO) -> tuple[dict, str]:
    """The scorer's figures (its ``--json`` object) and, with ``verbose``, its report.

    The scorer runs from ``repo`` with ``repo`` first on PYTHONPATH, so
    ``python -m truyvet`` imports this checkout whatever is installed.
    """
    for p in (gold, docs, scorer):
        if not p.exists():
            raise GoldError(f"{p}: not found (set TRUYVET_SHARED or pass --gold/--docs/--scorer)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(repo), os.environ.get("PYTHONPATH")])))
    cmd = [sys.executable, str(Path(scorer).resolve()), str(Path(gold).resolve()), str(Path(docs).resolve()),
           "--cmd", shlex.join(parse_command(repo))]

    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(cmd + list(extra), capture_output=True, text=True, cwd=repo, env=env)

    r = run("--json")
    try:
        figures = json.loads(r.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        said = " ".join((r.stdout + r.stderr).split())[-400:]
        raise GoldError(f"{scorer}: no figures (exit {r.returncode}): {said}") from None
    return figures, run("--verbose").stdout if verbose else ""


def load_floors(path: Path = FLOORS) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["floors"]


def below_floors(figures: dict, floors: dict) -> list[str]:
    """One line per figure under its floor (a missing figure counts as under)."""
    out = []
    for key, f in floors.items():
        now = figures.get(key)
        if now is None or now < f["floor"] - 1e-9:
            out.append(f"{key} {now if now is None else round(now, 4)} < floor {f['floor']} "
                       f"(set {f['set_on']} at {f['commit'][:12]})")
    return out


def raised_floors(floors: dict, figures: dict, commit: str, day: str) -> dict:
    """Floors moved up to today's figures (4 decimals, rounded down); never lowered."""
    out = dict(floors)
    for key in FLOORED:
        now = math.floor(figures[key] * 10_000 + 1e-6) / 10_000
        if key not in out or now > out[key]["floor"]:
            out[key] = {"floor": now, "set_on": day, "commit": commit}
    return out


def write_floors(floors: dict, path: Path = FLOORS) -> None:
    """Rewrite the floors, one figure a line so that a raise reads as a small diff."""
    about = json.loads(path.read_text(encoding="utf-8"))["about"]
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in floors.items())
    path.write_text(f'{{\n "about": {json.dumps(about)},\n "floors": {{\n{rows}\n }}\n}}\n', encoding="utf-8")


def current_commit(repo: Path = REPO) -> str:
    git = ["git", "-C", str(repo)]
    sha = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(git + ["status", "--porcelain", "--", "truyvet"], capture_output=True, text=True).stdout
    return sha + ("+uncommitted" if dirty.strip() else "")


def table(figures: dict) -> str:
    """The Markdown table of issue 11: figure | now | target | met."""
    rows = ["| figure | now | target | |", "|---|---|---|---|"]
    for key, label, target in TARGETS:
        now = figures[key]
        if key == "ref_f1":
            label += f" (symbol {figures['symbol_ref_f1']:.2f}, named {figures['named_ref_f1']:.2f})"
        rows.append(f"| {label} | {now:.2f} | ≥ {target:.2f} | {'met' if now >= target else 'missed'} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    gold, docs, scorer = default_paths()
    ap.add_argument("--gold", type=Path, default=gold, help="folder of gold JSON files")
    ap.add_argument("--docs", type=Path, default=docs, help="folder of the documents they describe")
    ap.add_argument("--scorer", type=Path, default=scorer)
    ap.add_argument("--verbose", action="store_true", help="the scorer's misses per document")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--update-floors", action="store_true", help=f"raise {FLOORS.name} to today's figures")
    args = ap.parse_args(argv)
    own_set = (args.gold.resolve(), args.docs.resolve()) == (gold.resolve(), docs.resolve())
    started = time.perf_counter()
    try:
        figures, report = run_scorer(args.gold, args.docs, args.scorer, verbose=args.verbose)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    if report:                            # kept off stdout when that carries JSON
        print(report.rstrip() + "\n", file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(figures))
    else:
        print(table(figures))
        print(f"\n{figures['docs']} documents ({figures['missing']} without a prediction), "
              f"scored in {seconds:.1f} s")
    if not own_set:
        if args.update_floors:
            print("error: floors belong to the development gold set; not updated", file=sys.stderr)
            return 2
        return 0
    floors = load_floors()
    if args.update_floors:
        new = raised_floors(floors, figures, current_commit(), datetime.date.today().isoformat())
        raised = [k for k in new if new[k] != floors.get(k)]
        write_floors(new)
        print(f"floors raised: {', '.join(raised) or 'none'}", file=sys.stderr)
        floors = new
    below = below_floors(figures, floors)
    for line in below:
        print(f"below floor: {line}", file=sys.stderr)
    if not below and not args.json:
        print(f"every figure is at or above its floor ({FLOORS.name})")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
