"""parse_files: every file's fragment, in the order given; a text that
several files hold (same bytes, same suffix) is parsed once."""
from __future__ import annotations

import shutil

import pytest

from conftest import SEED_FILES
from truyvet.graph.build import document_fragment
from truyvet.loaders.parse import parse_file
from truyvet.queries import parsing


@pytest.fixture
def folder(seeds, tmp_path):
    """Two folders of seeds: b/ holds copies of a/'s files, one also as .md."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = []
    for name in SEED_FILES.values():
        files.append(shutil.copy(seeds / name, tmp_path / "a" / name))
    files.append(shutil.copy(seeds / SEED_FILES["001"], tmp_path / "b" / "copy.txt"))
    files.append(shutil.copy(seeds / SEED_FILES["001"], tmp_path / "b" / "copy.md"))
    files.append(shutil.copy(seeds / SEED_FILES["003"], tmp_path / "b" / "z.txt"))
    (tmp_path / "b" / "empty.txt").write_text("")
    (tmp_path / "b" / "empty2.txt").write_text("")
    return [str(f) for f in files] + [str(tmp_path / "b" / "empty.txt"), str(tmp_path / "b" / "empty2.txt")]


@pytest.mark.parametrize("workers", [1, 2])
def test_copies_are_parsed_once_each_filed_under_its_own_path(folder, workers, monkeypatch):
    monkeypatch.setattr(parsing, "_CHUNK", 2)           # five units: the pool's path with two workers
    copies = parsing.same_bytes(folder)
    a001, a003 = folder[1], folder[3]
    assert copies == {a001: [folder[5]], a003: [folder[7]], folder[8]: [folder[9]]}

    got = list(parsing.parse_files(folder, workers=workers))
    assert [g[0] for g in got] == folder
    for path, frag, error, size in got:
        assert (frag, error, size) == parsing.parse_one(path, None)   # as parsed alone
    by_path = {g[0]: g[1] for g in got}
    # The copy is the same document, citing its own file.
    copy = by_path[folder[5]]
    assert copy.doc_id == by_path[a001].doc_id and copy.file == folder[5]
    cited = {e.props["file"] for e in copy.edges if "file" in e.props}
    assert folder[5] in cited and a001 not in cited
    # An error names each file: the copy of an empty file is read on its own.
    assert [g[2] for g in got[-2:]] == [f"{folder[-2]}: empty file", f"{folder[-1]}: empty file"]


def test_a_copy_costs_no_parse(folder, monkeypatch):
    seen = []
    monkeypatch.setattr(parsing, "parse_file", lambda path, **kw: seen.append(path) or parse_file(path, **kw))
    list(parsing.parse_files(folder, workers=1))
    # The copies of 001 and 003 are not read; the empty file's copy is (its error names it).
    assert sorted(seen) == sorted(p for p in folder if p not in (folder[5], folder[7]))


def test_a_copy_equals_its_own_parse(folder):
    first, copy = folder[1], folder[5]
    doc = parse_file(first)
    assert parsing._parse(first, [copy], None)[1][0] == document_fragment(parse_file(copy))
    assert document_fragment(doc) != document_fragment(parse_file(copy))   # the file is part of every fact
