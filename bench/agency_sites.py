"""Body names read at every assignment site of a corpus.

    python bench/agency_sites.py [CORPUS_DIR] [--sample 50] [--seed 7] [--json]

Finds the places where Vietnamese documents name who acts ("Giao X …", "X chủ
trì", "phối hợp với X", "Đề nghị X", "Yêu cầu X", "Đơn vị chủ trì: X", "X có
trách nhiệm", "X chịu trách nhiệm"), reads the list of bodies there with
``read_agencies``, and prints how many sites and distinct names it found, the
names most often read, and a random sample to judge by hand. ``--reader old``
runs the same sites through a module with the former API
(``end_of_agency_list``/``split_agencies``) given by ``--old-module``, so a rule
change is seen before → after on the whole corpus.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
from collections import Counter

from truyvet.loaders.agencies import read_agencies
from truyvet.loaders.normalize import normalize
from truyvet.loaders.segments import flatten

# The list starts right after these.
_AFTER = re.compile(
    r"(?:(?<=[\s.;:(])|^)(?:Giao(?: cho)?|Đề nghị|Yêu cầu|phối hợp (?:chặt chẽ )?(?:với|cùng)"
    r"|(?:Đơn vị|Cơ quan) (?:chủ trì|phối hợp)(?: thực hiện)?\s*:)[ \t]+(?=\S)",
    re.MULTILINE,
)
# The list ends right before these; it starts at the clause's start.
_BEFORE = re.compile(r"[ \t\n]+(?:chủ trì|có trách nhiệm|chịu trách nhiệm)\b")
_CLAUSE_START = re.compile(r"(?:^|[.;:!?]\s|\n)[ \t]*(?:[-+•]|\d+(?:\.\d+)*[.)]|[a-zđ]\)|\(\d+\))?[ \t]*", re.MULTILINE)


def sites(text: str):
    """(kind, start) of every list of bodies an assignment names."""
    for m in _AFTER.finditer(text):
        yield m.group().split()[0], m.end()
    for m in _BEFORE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        starts = [c.end() for c in _CLAUSE_START.finditer(text, line_start, m.start())]
        start = starts[-1] if starts else line_start
        if start < m.start():
            yield m.group().split()[0], start


def new_reader(text: str, start: int) -> list[str]:
    return [n.text for n in read_agencies(text, start)[0]]


def old_reader(path: str):
    spec = importlib.util.spec_from_file_location("old_agencies", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)

    def read(text: str, start: int) -> list[str]:
        stop = mod.end_of_agency_list(text, start)
        return [n for n, _, _ in mod.split_agencies(text[start:stop], start)]
    return read


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default="/tmp/corpus/vn-mixed")
    ap.add_argument("--reader", choices=["new", "old"], default="new")
    ap.add_argument("--old-module", help="path of a module with the former API")
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    read = new_reader if args.reader == "new" else old_reader(args.old_module)
    names: Counter = Counter()
    where: dict[str, str] = {}
    n_sites = n_files = 0
    for fn in sorted(os.listdir(args.corpus)):
        raw = open(os.path.join(args.corpus, fn), encoding="utf-8", errors="replace").read()
        # Phrases are read in the flat view, as the parser reads them: single
        # line breaks (PDF and HTML wrapping) become spaces, blank lines stay.
        text = flatten(normalize(raw).text)
        found = False
        for kind, start in sites(text):
            n_sites += 1
            for name in read(text, start):
                name = " ".join(name.split())
                if name:
                    found = True
                    names[name] += 1
                    where.setdefault(name, f"{fn} [{kind}]")
        n_files += found
    rnd = random.Random(args.seed)
    sample = rnd.sample(sorted(names), min(args.sample, len(names)))
    result = {"sites": n_sites, "files_with_names": n_files, "names_read": sum(names.values()),
              "distinct_names": len(names), "top": names.most_common(30),
              "sample": [(s, where[s]) for s in sample]}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"sites {n_sites}, files with names {n_files}, names read {result['names_read']}, "
          f"distinct {len(names)}")
    for name, k in result["top"]:
        print(f"{k:6d}  {name}")
    print("-- sample")
    for s, w in result["sample"]:
        print(f"  {s}    <{w}>")


if __name__ == "__main__":
    main()
