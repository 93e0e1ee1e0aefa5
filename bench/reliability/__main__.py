"""The reliability suite: kills, fuzzing, hostile files, injection payloads,
readers during an ingest. Prints what each part counted and writes JSON.

    python bench/reliability                       # by hand: 30 kills, 100k fuzz inputs, full-size files
    python bench/reliability --smoke               # seconds: what CI runs (tests/test_reliability_smoke.py)
    python bench/reliability --parts fuzz --fuzz 20000
    TRUYVET_CODE=/path/to/old/checkout python bench/reliability   # the same suite on another revision

Neo4j parts need a server at $NEO4J_URI (scripts/neo4j-server.sh start);
without one they are skipped and say so. Under CI=true a missing server fails.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CODE, seeds_dir  # noqa: E402

PARTS = ("guard", "hostile", "fuzz", "readers", "kills")


def neo4j_reason() -> str | None:
    try:
        from truyvet.graph.stores import open_store
        open_store("neo4j").close()
        return None
    except Exception as exc:
        return " ".join(str(exc).split())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="a quick run with small sizes")
    ap.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS))
    ap.add_argument("--fuzz", type=int, help="fuzz inputs (default 100,000; smoke 3,000)")
    ap.add_argument("--kills", type=int, help="embedded ingest kills (default 30; smoke 2)")
    ap.add_argument("--push-kills", type=int, help="Neo4j push kills (default 4; smoke 1)")
    ap.add_argument("--no-neo4j", action="store_true")
    ap.add_argument("--out", type=Path, help="JSON results")
    args = ap.parse_args(argv)
    smoke = args.smoke
    reason = None if not args.no_neo4j else "--no-neo4j"
    if reason is None:
        reason = neo4j_reason()
    if reason and os.environ.get("CI") == "true" and not args.no_neo4j:
        print(f"Neo4j is required on CI: {reason}")
        return 2
    neo4j = reason is None
    seeds = seeds_dir()
    gold = seeds.parent / "gold" / "docs"
    print(f"reliability suite on {CODE} ({'smoke' if smoke else 'full'}); "
          f"Neo4j: {'yes' if neo4j else 'skipped: ' + reason}")
    res: dict = {"code": str(CODE), "smoke": smoke, "neo4j": neo4j}
    out_path = args.out.resolve() if args.out else None
    with tempfile.TemporaryDirectory(prefix="truyvet-reliability-") as tmp:
        tmp = Path(tmp)
        # Children run "python -m truyvet" / "python -c": both put the working
        # directory first on sys.path, which must not be a checkout other
        # than the one under test.
        os.chdir(tmp)
        for part in args.parts:
            started = time.perf_counter()
            print(f"\n[{part}]")
            if part == "guard":
                import guard
                res[part] = guard.run(tmp / "guard", seeds, neo4j)
            elif part == "hostile":
                import hostile
                res[part] = hostile.run(tmp / "hostile", 0.02 if smoke else 1.0, 60 if smoke else 600, 4096)
                for name, secs in res[part]["parse_seconds"].items():
                    print(f"  parse time of {name}: {secs} s (issue 17 point 2)")
            elif part == "fuzz":
                import fuzz
                res[part] = fuzz.run(args.fuzz or (3000 if smoke else 100_000), [seeds, gold])
            elif part == "readers":
                import readers
                res[part] = readers.run(tmp / "readers", 60 if smoke else 400, 150 if smoke else 1000,
                                        1 if smoke else 2)
            elif part == "kills":
                import kills
                res[part] = kills.run(tmp / "kills", 40 if smoke else 300,
                                      args.kills if args.kills is not None else (2 if smoke else 30),
                                      (args.push_kills if args.push_kills is not None else (1 if smoke else 4))
                                      if neo4j else 0)
            res[part]["seconds"] = round(time.perf_counter() - started, 1)
    print("\nsummary")
    for line in summary(res):
        print("  " + line)
    if out_path:
        out_path.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str))
    return 0


def summary(res: dict) -> list[str]:
    out = []
    if "kills" in res:
        k = res["kills"]
        out.append(f"kills survived: {k['survived']}/{k['killed']} ({k['embedded_kills']} embedded ingests, "
                   f"{k['neo4j_kills']} Neo4j pushes); unreadable right after a kill: {k['unreadable_after_kill']}")
    if "fuzz" in res:
        f = res["fuzz"]
        out.append(f"fuzz inputs: {f['inputs']}; foreign exceptions: {f['foreign']} ({len(f['foreign_kinds'])} kinds)")
    if "hostile" in res:
        h = res["hostile"]
        out.append(f"hostile files handled: {h['handled']}/{h['files']}; refused as they must be: "
                   f"{h['refused_as_expected']}/{h['must_refuse']}; library noise on the terminal: {h['noisy']}")
    if "guard" in res:
        for kind, g in res["guard"].items():
            if isinstance(g, dict):
                out.append(f"guard payloads refused ({kind}): {g['refused']}/{g['payloads']}; "
                           f"ran: {g['executed']}; changed something or fetched a URL: {g['harmful']}")
    if "readers" in res:
        r = res["readers"]
        out.append(f"reader refusals during an incremental ingest: {r['refused']}/{r['reads']} ({r['refused_pct']} %)")
    return out


if __name__ == "__main__":
    sys.exit(main())
