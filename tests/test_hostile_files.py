"""Hostile files (bench/reliability/hostile.py builds them) through the real
readers: refused in one line naming the file, quickly, never with a foreign
exception; library noise kept off the terminal; ids bounded in length."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from truyvet.errors import LoaderError
from truyvet.graph.build import document_fragment
from truyvet.graph.identity import MAX_ID
from truyvet.loaders.formats import limits, read_document
from truyvet.loaders.parse import parse_file, parse_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench" / "reliability"))
import hostile  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold" / "docs"


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return {c.name: c for c in hostile.build(tmp_path_factory.mktemp("hostile"), scale=0.02)}


def test_every_hostile_file_is_refused_or_read(cases):
    for case in cases.values():
        started = time.perf_counter()
        try:
            doc = parse_file(case.path)
            outcome = "read"
            assert doc.text
        except LoaderError as exc:
            outcome = "refused"
            assert str(case.path) in str(exc) and "\n" not in str(exc), case.name
        assert case.expect in ("either", outcome.replace("refused", "refuse")), (case.name, outcome)
        if not case.timed:
            assert time.perf_counter() - started < 10, case.name


def test_bombs_are_refused_before_they_are_unpacked(cases):
    bomb = cases["zip-bomb.docx"].path
    assert bomb.stat().st_size < 5 * 2**20               # 300 MB of XML in a few MB
    started = time.perf_counter()
    with pytest.raises(LoaderError, match=r"unpacks to 300 MB \(limit 256 MB"):
        read_document(bomb)
    with pytest.raises(LoaderError, match=r"word/document.xml has [\d,]+ tags \(limit 2,000,000\)"):
        read_document(cases["many-elements.docx"].path)
    with pytest.raises(LoaderError, match="streams inflate to over 256 MB"):
        read_document(cases["flate-bomb.pdf"].path)
    with pytest.raises(LoaderError, match=r"the HTML page has [\d,]+ tags"):
        read_document(cases["many-elements.html"].path)
    assert time.perf_counter() - started < 5


def test_limits_leave_real_documents_alone(seeds, tmp_path):
    text = (seeds / "000_60a44d443366fbee.txt").read_text(encoding="utf-8")
    import docx
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    d.save(tmp_path / "plan.docx")
    assert "Giao Ban cán sự đảng UBND Thành phố chủ trì" in read_document(tmp_path / "plan.docx").text
    assert limits.MAX_TEXT > 50 * len(text)


def test_malformed_document_xml_is_one_loader_error(cases):
    for name in ("no-body.docx", "wrong-root.docx", "malformed-xml.docx", "no-document-part.docx"):
        with pytest.raises(LoaderError) as info:
            read_document(cases[name].path)
        assert str(cases[name].path) in str(info.value)


def test_pdf_repairs_go_to_the_log_not_the_terminal(cases, tmp_path):
    broken = cases["truncated.pdf"].path
    log = tmp_path / "truyvet.log"
    env = dict(os.environ, TRUYVET_LOG=str(log), PYTHONIOENCODING="utf-8")
    p = subprocess.run([sys.executable, "-m", "truyvet", "parse", str(broken)], capture_output=True,
                       text=True, env=env)
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {broken}: unreadable PDF")
    assert f"{broken}: pypdf: EOF marker not found" in log.read_text(encoding="utf-8")


def test_ids_are_bounded_on_real_documents():
    doc = parse_file(GOLD / "04_nq71-giaoduc.txt")      # no symbol: its id comes from kind, issuer and title
    frag = document_fragment(doc)
    assert frag.doc_id.startswith("doc:resolution/") and len(frag.doc_id) <= MAX_ID
    name = "Chủ tịch UBND xã, phường, đặc khu " + "sau khi tìm hiểu quy định về trợ cấp hưu trí xã hội " * 20
    text = f"KẾ HOẠCH\n\n1. Rà soát chính sách.\nGiao {name} chủ trì, phối hợp với Sở Tài chính thực hiện.\n"
    frags = [frag, document_fragment(parse_text(text))]
    ids = [n.id for f in frags for n in f.nodes]
    assert max(len(i) for i in ids) <= MAX_ID + 70          # a task id: document id # bounded label
    assert all(len(n.id) <= MAX_ID for f in frags for n in f.nodes if n.type != "Task")
    assert len(set(ids)) == len(ids)
