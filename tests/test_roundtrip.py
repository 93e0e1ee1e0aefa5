"""The seeds written in other formats parse to the same facts as the .txt files.

The conversions (docx with Word numbering, PDF through reportlab, a news page
with menus, legacy 8-bit bytes) are the ones tests/test_formats.py builds.
"""
from __future__ import annotations

import pytest

from test_formats import news_page, seed_to_docx, seed_to_pdf, viscii_safe
from truyvet.loaders.formats.legacy_tables import encode_legacy
from truyvet.loaders.parse import parse_file


def facts(doc) -> dict:
    idn = doc.identity
    return {
        "identity": (idn.kind, idn.symbol, idn.date, idn.issuer, idn.signer),
        "references": sorted({(r.symbol or r.name, r.relation, r.date, r.issuer) for r in doc.references}, key=repr),
        "reported": sorted({(l.source.symbol, l.target.symbol) for l in doc.reported_links}),
        "tasks": [(t.label, tuple(t.agencies("lead")), tuple(t.agencies("coordinate")),
                   tuple(t.agencies("monitor")), t.deadline) for t in doc.tasks],
    }


def _parse_str(text: str):
    from truyvet.loaders.parse import parse_text
    return parse_text(text)


def _write(fmt: str, text: str, path):
    if fmt == "docx":
        seed_to_docx(text, path)
    elif fmt == "pdf":
        seed_to_pdf(text, path)
    elif fmt == "html":
        path.write_text(news_page(text), encoding="utf-8")
    else:
        # VISCII has no bytes for typographic quotes and dashes.
        path.write_bytes(encode_legacy(viscii_safe(text) if fmt == "viscii" else text, fmt))


@pytest.mark.parametrize("fmt,suffix", [("docx", ".docx"), ("html", ".html"), ("tcvn3", ".txt"),
                                        ("vni", ".txt"), ("viscii", ".txt"), ("pdf", ".pdf")])
@pytest.mark.parametrize("seed", ["000", "001", "003"])
def test_same_facts_as_text(parsed, seeds, tmp_path, fmt, suffix, seed):
    from conftest import SEED_FILES
    text = (seeds / SEED_FILES[seed]).read_text(encoding="utf-8")
    original = parse_file(seeds / SEED_FILES[seed]) if fmt != "viscii" else _parse_str(viscii_safe(text))
    path = tmp_path / f"{seed}{suffix}"
    _write(fmt, text, path)
    converted = parse_file(path)
    want, got = facts(original), facts(converted)
    if fmt == "html":
        # A news page is read as an article: its title line and body, not a
        # plan's header; what must survive is every reference and its relation.
        assert {(s, r) for s, r, *_ in want["references"]} <= {(s, r) for s, r, *_ in got["references"]}
        return
    if fmt == "pdf" and seed == "001":
        # PDF text keeps no cell separators: rows of the appendix table are
        # recovered from their numbers and the body named at their end, but a
        # row with an empty "chủ trì" cell merges with the next. All else holds.
        appendix = lambda f: [t for t in f["tasks"] if t[0].startswith("Phụ lục.")]
        assert [t for t in appendix(got) if t[1]] and len(appendix(got)) >= len(appendix(want)) - 1
        for f in (want, got):
            f["tasks"] = [t for t in f["tasks"] if not t[0].startswith("Phụ lục.")]
    if fmt == "pdf" and seed == "003":
        # PDF text loses the blank line between an item's title and the
        # paragraph under it ("1. Một số nhiệm vụ …" / "Cấp uỷ cơ sở căn cứ …"):
        # the paragraph's subject then reads as part of the title, and the items
        # below lose the lead it hands down (and with it their task). No task is invented.
        assert {(t[0], t[4]) for t in got["tasks"]} <= {(t[0], t[4]) for t in want["tasks"]}
        for f in (want, got):
            f["tasks"] = [t for t in f["tasks"] if not t[0].startswith(("II.1.", "IV.2"))]
    assert got == want
    for r in converted.references:
        assert converted.text[r.span[0]:r.span[1]] == r.evidence
