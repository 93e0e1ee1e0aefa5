"""iter_input_files: expanding the paths a user names into input files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from truyvet.errors import LoaderError
from truyvet.loaders import files as files_mod
from truyvet.loaders.files import iter_input_files


def touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    for rel in ["b.docx", "a.txt", "Z.md", "sub/c.pdf", "sub/d.xlsx", "sub/deeper/e.HTM",
                ".hidden/h.txt", ".f.txt", "~$lock.docx", "notes", "sub2/f.doc"]:
        touch(root / rel)
    return root


def split(items):
    paths = [i for i in items if isinstance(i, str)]
    errors = [i for i in items if isinstance(i, LoaderError)]
    assert len(paths) + len(errors) == len(items)
    return paths, errors


def test_folder_walk_sorted_filtered(tree):
    paths, errors = split(list(iter_input_files([tree])))
    rel = [os.path.relpath(p, tree) for p in paths]
    assert rel == ["Z.md", "a.txt", "b.docx", "sub/c.pdf", "sub/deeper/e.HTM", "sub2/f.doc"]
    assert errors == []
    assert all(p.startswith(str(tree)) for p in paths)  # spelt from the given path


def test_single_path_and_suffix_filter(tree):
    assert list(iter_input_files(str(tree / "a.txt"))) == [str(tree / "a.txt")]
    only = list(iter_input_files([tree], suffixes={"txt", ".MD"}))
    assert [os.path.basename(p) for p in only] == ["Z.md", "a.txt"]


def test_same_file_twice_is_yielded_once(tree):
    (tree / "alias.txt").symlink_to(tree / "a.txt")
    items = list(iter_input_files([tree / "a.txt", tree, tree / "sub", str(tree / "a.txt")]))
    paths, errors = split(items)
    assert errors == []
    assert [os.path.relpath(p, tree) for p in paths] == [
        "a.txt", "Z.md", "b.docx", "sub/c.pdf", "sub/deeper/e.HTM", "sub2/f.doc",
    ]


def test_directory_symlink_loop_terminates(tree):
    (tree / "sub" / "deeper" / "back").symlink_to(tree, target_is_directory=True)
    (tree / "sub" / "self").symlink_to(tree / "sub", target_is_directory=True)
    paths, errors = split(list(iter_input_files([tree])))
    assert errors == []
    assert len(paths) == len(set(map(os.path.realpath, paths))) == 6


def test_missing_path_is_an_error_item(tree):
    items = list(iter_input_files([tree / "nope.txt", tree / "a.txt"]))
    assert isinstance(items[0], LoaderError) and "no such file" in items[0].problem
    assert items[0].path == str(tree / "nope.txt")
    assert items[1] == str(tree / "a.txt")  # the rest still comes


def test_explicit_unsupported_suffix(tree):
    (err,) = iter_input_files([tree / "sub" / "d.xlsx"])
    assert isinstance(err, LoaderError) and "unsupported file type .xlsx" in err.problem
    (err,) = iter_input_files([tree / "notes"])
    assert isinstance(err, LoaderError) and "unsupported file type (none)" in err.problem


def test_broken_symlinks(tree):
    (tree / "dangling.txt").symlink_to(tree / "gone.txt")
    (tree / "dangling.bin").symlink_to(tree / "gone.bin")
    (err,) = iter_input_files([tree / "dangling.txt"])
    assert isinstance(err, LoaderError) and err.problem == "broken symbolic link"
    paths, errors = split(list(iter_input_files([tree])))
    # Inside a folder only a link that looks like an input is worth reporting.
    assert [e.path for e in errors] == [str(tree / "dangling.txt")]
    assert len(paths) == 6


def test_directory_named_like_a_file(tmp_path):
    d = tmp_path / "x.txt"
    touch(d / "inner.txt")
    assert list(iter_input_files([d])) == [str(d / "inner.txt")]


def test_hidden_explicit_file_is_accepted(tree):
    assert list(iter_input_files([tree / ".f.txt"])) == [str(tree / ".f.txt")]


def test_unreadable_file_and_folder(tree, monkeypatch):
    # Root reads everything, so simulate the permission checks.
    real_access, real_scandir = os.access, os.scandir
    monkeypatch.setattr(files_mod.os, "access",
                        lambda p, mode: False if str(p).endswith("a.txt") else real_access(p, mode))

    def scandir(path):
        if str(path).endswith("sub2"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(files_mod.os, "scandir", scandir)
    paths, errors = split(list(iter_input_files([tree])))
    assert sorted((os.path.basename(e.path), e.problem) for e in errors) == [
        ("a.txt", "cannot read: permission denied"),
        ("sub2", "cannot read folder: Permission denied"),
    ]
    assert [os.path.basename(p) for p in paths] == ["Z.md", "b.docx", "c.pdf", "e.HTM"]


def test_special_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (err,) = iter_input_files([fifo])
    assert isinstance(err, LoaderError) and "not a regular file" in err.problem


def test_deterministic(tree):
    assert list(iter_input_files([tree])) == list(iter_input_files([tree]))
