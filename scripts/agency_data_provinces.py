#!/usr/bin/env python3
"""Regenerate truyvet/loaders/bodies/data/provinces.tsv from vietnamadminunits.

usage: scripts/agency_data_provinces.py PATH/TO/vietnamadminunits-1.0.4-py3-none-any.whl

The package (MIT, (c) 2025 Tran Ngoc Minh Hieu,
https://github.com/tranngocminhhieu/vietnamadminunits) carries the 63 provinces
before the 2025 merger, the 34 after it, and which old provinces each new one
absorbed. Only those three tables are derived; truyvet does not depend on the
package at run time.
"""
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "truyvet/loaders/bodies/data/provinces.tsv"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        def load(name):
            return json.loads(z.read(f"vietnamadminunits/data/{name}.json"))
        new = load("parser_from_2025")["DICT_PROVINCE"]
        old = load("parser_legacy")["DICT_PROVINCE"]
        merged = load("converter_2025")["DICT_PROVINCE"]
    into = {o: n for n, olds in merged.items() for o in olds}
    rows = []
    for key, p in sorted(new.items(), key=lambda kv: kv[1]["provinceCode"]):
        rows.append(("2025", p["provinceCode"], p["province"], p["provinceShort"], p["provinceShort"]))
    for key, p in sorted(old.items(), key=lambda kv: kv[1]["provinceCode"]):
        rows.append(("2008", p["provinceCode"], p["province"], p["provinceShort"], new[into[key]]["provinceShort"]))
    header = (
        "# Provinces and centrally governed cities of Vietnam: the 34 in force from 1 July 2025\n"
        "# (era 2025) and the 63 in force from 1 August 2008 until the merger (era 2008), each old one with\n"
        "# the new unit it became part of. Derived by scripts/agency_data_provinces.py from the\n"
        "# package vietnamadminunits 1.0.4 (MIT licence, (c) 2025 Tran Ngoc Minh Hieu,\n"
        "# https://github.com/tranngocminhhieu/vietnamadminunits), data/parser_from_2025.json,\n"
        "# parser_legacy.json and converter_2025.json.\n"
        "era\tcode\tname\tshort\tnow_part_of\n"
    )
    OUT.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
