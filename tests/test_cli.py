"""The real CLI, run as a user runs it."""
from __future__ import annotations

import json
import subprocess
import sys


def run(*args, ok=True):
    p = subprocess.run([sys.executable, "-m", "truyvet", *args], capture_output=True, text=True)
    if ok:
        assert p.returncode == 0, p.stderr
    return p


def test_parse_json_contract(seeds):
    p = run("parse", str(seeds / "000_60a44d443366fbee.txt"), "--json")
    [line] = p.stdout.splitlines()
    obj = json.loads(line)
    assert set(obj) >= {"file", "document", "references", "reported_links", "tasks", "recipients", "warnings"}
    d = obj["document"]
    assert (d["kind"], d["date"], d["issuer"], d["signer"], d["symbol"], d["number"]) == (
        "plan", "2025-01-20", "Ban Thường vụ Thành ủy Hà Nội", "Nguyễn Văn Phong", None, None)
    r = obj["references"][0]
    assert set(r) >= {"kind", "kind_text", "symbol", "name", "date", "issuer", "relation", "evidence", "span"}
    t = [t for t in obj["tasks"] if t["label"] == "II.2.(14)"][0]
    assert t["lead"] == ["Ban cán sự đảng UBND Thành phố"] and t["deadline"] is None


def test_headline_trace(seeds):
    p = run("trace", "Thông báo 111", "--docs", str(seeds), "--depth", "2")
    out = p.stdout
    assert "Thông báo 111-TB/VPTW" in out and "Kế hoạch (Hà Nội, 20/01/2025)" in out
    assert "II.2.(14) Nghiên cứu triển khai" in out and "Ban cán sự đảng UBND Thành phố" in out
    assert "Thực hiện Thông báo số 111-TB/VPTW" in out


def test_trace_json_up_from_task(seeds):
    p = run("trace", "II.2.(14) Hà Nội", "--docs", str(seeds), "--json")
    tree = json.loads(p.stdout)
    assert tree["label"] == "task II.2.(14)"
    plan = tree["children"][0]
    assert plan["label"] == "Kế hoạch (Hà Nội, 20/01/2025)"
    assert {c["label"] for c in plan["children"]} == {"Thông báo 111-TB/VPTW", "Thông báo 95-TB/VPTW"}


def test_agency_and_show(seeds):
    p = run("agency", "BCS đảng UBND Thành phố", "--docs", str(seeds), "--json")
    data = json.loads(p.stdout)
    assert data["agency"] == "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
    p = run("show", "111-TB/VPTW", "--docs", str(seeds), "--json")
    info = json.loads(p.stdout)
    assert info["facts"]["stub"] is True
    assert {e["other_label"] for e in info["edges"]} >= {"Kế hoạch (Hà Nội, 20/01/2025)", "Kết luận 175-KH/TU"}


def test_errors_are_one_line_without_traceback(seeds, tmp_path):
    p = run("trace", "Kế hoạch", "--docs", str(seeds), ok=False)
    assert p.returncode == 1 and "ambiguous" in p.stderr and "Traceback" not in p.stderr
    bad = tmp_path / "x.png.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    p = run("parse", str(bad), str(seeds / "002_32d77b9e17cb1270.txt"), ok=False)
    assert p.returncode == 1 and str(bad) in p.stderr and "Traceback" not in p.stderr
    assert "002_32d77b9e17cb1270.txt" in p.stdout   # the good file still parsed
