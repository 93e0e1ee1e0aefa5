"""The synthetic corpus: deterministic, its truth matches its text, and it holds the cases the parser needs."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from truyvet.synthetic import generate_corpus, iter_documents

DEMO = 30
KINDS = {"resolution", "conclusion", "notice", "plan", "directive", "programme", "decision", "regulation", "rules",
         "guidance", "official_letter", "report", "submission", "scheme", "law", "decree", "circular",
         "constitution", "charter", "news_article", "other"}
DEADLINE = re.compile(r"^\d{4}-(\d{2}-\d{2}|Q[1-4]|\d{2})$")


def _tree_hash(d: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(d.iterdir()):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _truth(d: Path) -> list[dict]:
    return [json.loads(line) for line in (d / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


def _sym_pattern(sym: str) -> re.Pattern:
    # the text may write "12 -KH/TU", "12 – KH/TU", "12‐KH/TU"
    return re.compile(r"\s*[-–‐]\s*".join(re.escape(part) for part in sym.split("-")))


def _markers(label: str) -> list[str]:
    """Numbering markers a task label promises to find at the start of some line."""
    parts = label.split(".")
    out, arabic = [], []
    for p in parts:
        if p.isdigit():
            arabic.append(p)
            continue
        if arabic:
            out.append(".".join(arabic) + ".")
            arabic = []
        if p.startswith("("):
            out.append(p)
        elif p.startswith("-"):
            out.append("-")
        elif len(p) == 1 and p.islower():
            out.append(p + ")")
        else:
            out.append(p + ".")                    # roman section
    if arabic:
        out.append(".".join(arabic) + ".")
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    return out, generate_corpus(out, DEMO, seed=0)


@pytest.fixture(scope="module")
def demo_records(demo):
    return _truth(demo[0])


def test_same_seed_gives_identical_bytes(demo, tmp_path):
    out, truth = demo
    again = generate_corpus(tmp_path / "again", DEMO, seed=0)
    assert _tree_hash(tmp_path / "again") == _tree_hash(out)
    assert again.sha256 == truth.sha256


def test_different_seed_gives_different_corpus(demo, tmp_path):
    other = generate_corpus(tmp_path / "other", DEMO, seed=1)
    assert other.sha256 != demo[1].sha256
    assert _tree_hash(tmp_path / "other") != _tree_hash(demo[0])


def test_iter_documents_matches_written_files(demo, demo_records):
    out, _ = demo
    docs = list(iter_documents(DEMO, seed=0))
    assert [n for n, _, _ in docs] == [r["file"] for r in demo_records]
    for (name, text, truth), rec in zip(docs, demo_records):
        assert (out / name).read_text(encoding="utf-8") == text
        assert truth == rec


def test_smaller_corpus_is_a_prefix():
    small, large = list(iter_documents(10, seed=5)), list(iter_documents(25, seed=5))
    assert small == large[:10]


def test_truth_lists_every_file_once(demo, demo_records):
    out, truth = demo
    names = [r["file"] for r in demo_records]
    assert len(names) == len(set(names)) == DEMO
    assert set(names) == {p.name for p in out.glob("*.txt")}
    assert [f.to_dict() for f in truth.files] == demo_records


def test_text_is_nfc(demo, demo_records):
    for rec in demo_records:
        text = (demo[0] / rec["file"]).read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text


def test_truth_shape(demo_records):
    for rec in demo_records:
        doc = rec["document"]
        assert doc["kind"] in KINDS
        date.fromisoformat(doc["date"])
        assert doc["issuer"]
        if doc["symbol"]:
            assert " " not in doc["symbol"] and doc["number"] == re.split(r"[-/]", doc["symbol"])[0]
        for ref in rec["references"]:
            assert ("symbol" in ref) != ("name" in ref)
            assert ref["kind"] in KINDS and ref["relation"] in {"implements", "based_on", "cites"}
            if ref["date"]:
                date.fromisoformat(ref["date"])
        for task in rec["tasks"]:
            assert task["deadline"] is None or DEADLINE.match(task["deadline"]), task
        assert all(isinstance(r, str) and r for r in rec["recipients"])


def test_every_truth_symbol_is_in_its_text(demo, demo_records):
    for rec in demo_records:
        text = (demo[0] / rec["file"]).read_text(encoding="utf-8")
        syms = [rec["document"]["symbol"]] + [r["symbol"] for r in rec["references"] if "symbol" in r]
        for sym in filter(None, syms):
            assert _sym_pattern(sym).search(text), (rec["file"], sym)


def test_every_task_marker_is_in_its_text(demo, demo_records):
    for rec in demo_records:
        text = (demo[0] / rec["file"]).read_text(encoding="utf-8")
        for task in rec["tasks"]:
            for m in _markers(task["label"]):
                assert re.search(rf"(?m)^\s*\**{re.escape(m)}", text), (rec["file"], task["label"], m)


def test_signer_name_is_in_its_text(demo, demo_records):
    for rec in demo_records:
        signer = rec["document"]["signer"]
        if signer:
            assert signer in (demo[0] / rec["file"]).read_text(encoding="utf-8")


def _implements_index(records: list[dict]):
    """child file -> parent files, resolving references by (symbol, issuer) or (kind, issuer, date)."""
    by_key = {}
    for r in records:
        d = r["document"]
        key = (d["symbol"], d["issuer"]) if d["symbol"] else (d["kind"], d["issuer"], d["date"])
        by_key[key] = r
    parents = {}
    for r in records:
        for ref in r["references"]:
            if ref["relation"] != "implements":
                continue
            key = (ref["symbol"], ref["issuer"]) if "symbol" in ref else (ref["kind"], ref["issuer"], ref["date"])
            if key in by_key:
                parents.setdefault(r["file"], []).append(by_key[key])
    return parents


def test_demo_has_a_three_level_chain_through_a_led_task(demo_records):
    parents = _implements_index(demo_records)
    chains = []
    for r in demo_records:                               # district plan -> city plan -> central notice
        if not r["document"]["issuer"].startswith(("Huyện ủy", "Quận ủy")):
            continue
        for city in parents.get(r["file"], []):
            for top in parents.get(city["file"], []):
                if top["document"]["kind"] == "notice" and any(t["lead"] for t in city["tasks"]):
                    chains.append((top["file"], city["file"], r["file"]))
    assert chains


def test_same_local_symbol_in_two_provinces(demo_records):
    issuers: dict[str, set] = {}
    for r in demo_records:
        sym = r["document"]["symbol"]
        if sym and sym.endswith("/TU"):
            issuers.setdefault(sym, set()).add(r["document"]["issuer"])
    assert any(len(v) > 1 for v in issuers.values()), issuers


def test_grammar_variants_are_present():
    texts, recs = [], []
    for _, text, truth in iter_documents(400, seed=0):
        texts.append(text)
        recs.append(truth)
    blob = "\n".join(texts)
    for needle in ("uỷ", "ủy", "oá", "**", "Căn cứ", "Giao ", "chủ trì, phối hợp", "Theo dõi, đôn đốc",
                   "Nơi nhận:", "Kính gửi:", "sau đây gọi tắt là", "(Cơ quan chủ trì:", "Quý ", "quý ", "trước ngày"):
        assert needle in blob, needle
    assert re.search(r"\d+ [-–]\s?[A-Z]", blob) and "‐" in blob            # odd spacing and dashes in symbols
    labels = [t["label"] for r in recs for t in r["tasks"]]
    assert any(x.endswith(")") for x in labels)
    # Bullets share their item's label (one task per bullet, as the gold conventions count them).
    assert len(labels) > len(set(labels))
    assert any(re.search(r"\.[a-c]$", x) for x in labels)
    assert any(t["monitor"] for r in recs for t in r["tasks"])
    assert any(r["document"]["symbol"] is None and r["document"]["kind"] == "plan" for r in recs)
    assert any(any("name" in x and x["kind"] == "plan" for x in r["references"]) for r in recs)
    assert {"based_on", "cites", "implements"} <= {x["relation"] for r in recs for x in r["references"]}
    kinds = {r["document"]["kind"] for r in recs}
    assert {"notice", "plan", "decree", "news_article", "official_letter", "programme"} <= kinds


def test_two_thousand_documents():
    n = 0
    names = set()
    for name, text, truth in iter_documents(2000, seed=3):
        n += 1
        names.add(name)
        assert text and truth["file"] == name
    assert n == 2000 and len(names) == 2000
