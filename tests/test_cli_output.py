"""What trace, agency and show print, read as a person reads it, on the seeds,
the gold documents and the demo corpus."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from truyvet.cli import main
from truyvet.cli.clip import centre, clip
from truyvet.graph.lineage import label_key

GOLD_DOCS = Path(__file__).resolve().parents[2] / "shared" / "gold" / "docs"
ENGLISH = re.compile(r"\b(has_task|assigns|implements|IMPLEMENTS|HAS_TASK|ASSIGNS|lead|coordinate|monitor)\b")


def cli(*args):
    r = CliRunner().invoke(main, [str(a) for a in args])
    assert r.exit_code == 0, r.stderr
    return r.stdout


def test_trace_opens_with_a_summary_and_speaks_vietnamese(seeds):
    out = cli("trace", "Thông báo 111", "--docs", seeds)
    first = out.splitlines()[0]
    assert re.match(r"\d+ văn bản · \d+ nhiệm vụ · \d+ cơ quan — thực hiện 2 \(1 do văn bản khác nêu\)", first)
    assert "chủ trì" in first and out.splitlines()[1].startswith("Thông báo 111-TB/VPTW · Văn phòng Trung ương Đảng")
    assert "được thực hiện bởi Kế hoạch (Hà Nội, 20/01/2025)" in out
    assert not ENGLISH.search(out), ENGLISH.search(out)
    tree = json.loads(cli("trace", "Thông báo 111", "--docs", seeds, "--json"))
    assert {c["via"]["rel"] for c in tree["children"]} == {"IMPLEMENTS"}     # English stays in JSON


def test_each_evidence_sentence_is_printed_once(seeds):
    out = cli("trace", "Thông báo 111", "--docs", seeds)
    quotes = re.findall(r"^[│├└─ ]*\[(\d+)\] “", out, re.M)
    assert quotes == [str(i) for i in range(1, len(quotes) + 1)]       # numbered as they first appear
    # The plan's basis sentence proves both of its links: quoted once, referred to after.
    assert out.count("Thực hiện Thông báo số 111-TB/VPTW") == 1
    assert re.search(r"Kế hoạch \(Hà Nội, 20/01/2025\).* \[1\]$", out, re.M)
    # 'Giao Ban Tổ chức Thành ủy chủ trì …' assigns several tasks: one quote above them.
    assert out.count("Giao Ban Tổ chức Thành ủy chủ trì") == 1


def test_quotes_are_cut_at_words_around_what_they_prove(seeds):
    out = cli("trace", "Thông báo 95", "--docs", seeds)
    basis = next(ln for ln in out.splitlines() if "“" in ln and "95-TB/VPTW" in ln)
    assert "95-TB/VPTW" in basis                          # the symbol the quote proves is never cut away
    for ln in out.splitlines():
        q = re.search(r"“(.*)”", ln)
        if q and q.group(1).endswith("…"):
            assert not q.group(1)[:-1].endswith((" ", ",")), ln
    text = "Thực hiện Thông báo số 111-TB/VPTW ngày 03/12/2024 và Thông báo số 95-TB/VPTW ngày 21/8/2024 " * 3
    for width in range(30, 120, 7):
        s = centre(text, ["95-TB/VPTW"], width)
        assert "95-TB/VPTW" in s and len(s) <= width + 2
        assert s.endswith("…") and s[-2] != " " and (not s.startswith("…") or s[1] != " ")
        assert clip(text, width).endswith("…") and text.startswith(clip(text, width)[:-1])


def test_tasks_in_label_order_and_brief_and_max(seeds):
    out = cli("trace", "Thông báo 111", "--docs", seeds)
    brief = cli("trace", "Thông báo 111", "--docs", seeds, "--brief")
    assert "“" not in brief and "[1]" not in brief and len(brief.splitlines()) < len(out.splitlines())
    capped = cli("trace", "Thông báo 111", "--docs", seeds, "--max", 1)
    assert re.search(r"… \d+ nhiệm vụ nữa \(--max \d+ để xem hết\)", capped)
    labels = re.findall(r"^[│├└─ ]+([IVX]+(?:\.[\w()]+)+) ", out, re.M)
    assert len(labels) >= 5


def test_labels_are_ordered_naturally_in_every_document(seeds, tmp_path):
    """II.2.(2) before II.2.(10): over the seeds and the gold documents, every
    document's tasks come out in natural order, and some pair proves it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for src in [*Path(seeds).glob("*.txt"), *GOLD_DOCS.glob("*.txt")]:
        (folder / src.name).write_bytes(src.read_bytes())
    rows = json.loads(cli("tasks", "--docs", folder, "--json", "--headings"))
    by_doc: dict[str, list[str]] = {}
    for r in rows:
        by_doc.setdefault(r["document_id"], []).append(r["label"])
    numeric = lambda s: [int(x) if x.isdigit() else x for x in re.findall(r"\d+|[^\W\d_]+", s)]
    bites = 0
    for labels in by_doc.values():
        for a, b in zip(labels, labels[1:]):
            if numeric(a) and numeric(b) and all(isinstance(x, int) for x in numeric(a) + numeric(b)):
                assert numeric(a) <= numeric(b), (a, b)
            bites += a > b                      # string order would have put them the other way
    assert bites >= 1
    assert sorted(["II.2.(10)", "II.2.(2)", "II.10", "II.9", "IX", "IV"], key=label_key) == \
        ["II.2.(2)", "II.2.(10)", "II.9", "II.10", "IV", "IX"]


def test_up_from_a_task_reads_upward_with_its_agencies(seeds):
    out = cli("trace", "II.1.1.(1) Hà Nội", "--docs", seeds)
    lines = out.splitlines()
    assert lines[0].startswith("3 văn bản phía trên · 2 văn bản gốc song song: Thông báo 111-TB/VPTW; Thông báo 95-TB/VPTW")
    assert lines[1].startswith("nhiệm vụ II.1.1.(1) ") and "chủ trì: Ban Tổ chức Thành ủy" in lines[2]
    assert re.search(r"└── thuộc Kế hoạch \(Hà Nội, 20/01/2025\)", out)
    assert re.search(r"── thực hiện Thông báo 111-TB/VPTW", out) and re.search(r"── thực hiện Thông báo 95-TB/VPTW", out)
    assert "has_task" not in out and "←" not in out


def test_agency_groups_by_document_with_roles_and_parallel_roots(seeds):
    out = cli("agency", "Ban Tổ chức Thành ủy Hà Nội", "--docs", seeds)
    lines = out.splitlines()
    assert re.match(r"\d+ nhiệm vụ trong \d+ văn bản — chủ trì \d+", lines[0])
    assert lines[1] == "Ban Tổ chức Thành ủy (Hà Nội)"
    assert "thực hiện song song 2 văn bản: Thông báo 111-TB/VPTW; Thông báo 95-TB/VPTW" in out
    assert "←" not in out and "II.1.1.(1)" in out
    data = json.loads(cli("agency", "Ban Tổ chức Thành ủy Hà Nội", "--docs", seeds, "--json"))
    plan = next(d for d in data["documents"] if d["document"].startswith("doc:plan/ban-thuong-vu-thanh-uy"))
    assert sorted(plan["chains"]) == [["Thông báo 111-TB/VPTW"], ["Thông báo 95-TB/VPTW"]]


def test_agency_shows_deadlines(seeds):
    """003 gives its tasks deadlines ("trước ngày 07/10/2022", "Quý III/2022")."""
    rows = json.loads(cli("tasks", "--docs", seeds, "--json", "--headings"))
    dated = [r for r in rows if r["deadline"] and r["lead"]]
    assert dated
    lead = dated[0]["lead"].split("; ")[0]
    out = cli("agency", lead.split(" (")[0], "--docs", seeds, "--pick", 1)
    assert "· hạn " in out


def test_show_is_a_card(seeds):
    out = cli("show", "Thông báo 111", "--docs", seeds)
    assert out.splitlines()[0] == "Thông báo 111-TB/VPTW · Văn phòng Trung ương Đảng · 03/12/2024 · chỉ được dẫn chiếu"
    assert re.search(r"^  số hiệu +111-TB/VPTW$", out, re.M) and re.search(r"^  ngày +03/12/2024$", out, re.M)
    assert "stub" not in out and "type:" not in out and "Liên kết (4)" in out
    assert "được thực hiện bởi Kế hoạch (Hà Nội, 20/01/2025)" in out
    assert "theo chỉ đạo của (Tổng Bí thư) Tô Lâm" in out          # the meeting it records, and who led it
    assert not any(ln != ln.rstrip() for ln in out.splitlines())
    narrow = subprocess.run([sys.executable, "-m", "truyvet", "show", "Thông báo 111", "--docs", str(seeds)],
                            capture_output=True, text=True, env={"COLUMNS": "60", "PATH": "/usr/bin:/bin"})
    quote = narrow.stdout.split("[1] “", 1)[1].split("”", 1)[0]
    # A wrapped quote keeps its indent on every line.
    assert quote.count("\n") >= 2 and all(ln.startswith("      ") for ln in quote.split("\n")[1:])


def test_output_into_a_closed_pipe_exits_0(seeds):
    for cmd in (f"show 'Thông báo 111' --docs {seeds} | head -1", f"trace 'Thông báo 111' --docs {seeds} | head -2",
                f"tasks --docs {seeds} --csv | head -1"):
        p = subprocess.run(["bash", "-o", "pipefail", "-c", f"{sys.executable} -m truyvet {cmd}"],
                           capture_output=True, text=True)
        assert p.returncode == 0 and "Broken pipe" not in p.stderr and "Traceback" not in p.stderr, (cmd, p.stderr)
        assert p.stdout.strip()


@pytest.mark.parametrize("command,query", [("trace", "Thông báo 111"), ("agency", "Ban Tổ chức Thành ủy Hà Nội")])
def test_headings_are_hidden_unless_asked(seeds, command, query):
    hidden = cli(command, query, "--docs", seeds)
    shown = cli(command, query, "--docs", seeds, "--headings")
    m = re.search(r"(\d+) đề mục ẩn \(--headings để hiện\)", hidden.splitlines()[0])
    n = int(m.group(1)) if m else 0
    assert "đề mục ẩn" not in shown.splitlines()[0]
    assert len(shown.splitlines()) >= len(hidden.splitlines()) + n


def test_the_docstring_examples_hold():
    import doctest
    import importlib

    for name in ("truyvet.cli.clip", "truyvet.queries.words", "truyvet.graph.headings", "truyvet.cli.agency_view",
                 "truyvet.queries.resolve", "truyvet.graph.lineage", "truyvet.ontology.eli", "truyvet.ontology.export",
                 "truyvet.queries.pack"):
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0 and result.attempted > 0, name
