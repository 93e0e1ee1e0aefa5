"""Expand the files and folders a user names into the documents to read.

Problems are *yielded* as LoaderError items, not raised, so one bad path in a
batch is reported and the rest still load.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator

from truyvet.errors import LoaderError
from truyvet.loaders.formats import SUPPORTED_SUFFIXES


def suffix(name: str) -> str:
    """The file type a name gives, lower-cased: "Báo cáo.DOCX" → ".docx"."""
    return os.path.splitext(name)[1].lower()


def file_digest(path: str) -> tuple[str, int] | None:
    """(SHA-256, size) of a file's bytes; None when it cannot be read (its parse says why)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest(), len(data)


_NOT_DOCUMENTS = re.compile(r"^(?:readme|license|licence|changelog|contributing)(?:\.[^.]*)?$", re.IGNORECASE)


def _skipped_name(name: str) -> bool:
    # Hidden entries, Word's "~$name.docx" lock files (owner stubs, not
    # documents), and a folder's own README/LICENSE (they describe the folder).
    return name.startswith(".") or name.startswith("~$") or bool(_NOT_DOCUMENTS.match(name))


def _readable_file(path: str) -> LoaderError | None:
    if not os.access(path, os.R_OK):
        return LoaderError(path, "cannot read: permission denied")
    return None


def iter_input_files(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    suffixes: Iterable[str] = SUPPORTED_SUFFIXES,
    unsupported: list[str] | None = None,
) -> Iterator[str | LoaderError]:
    """Yield each input file's path (as spelt from the given path), or a
    LoaderError for a path that cannot be used.

    Folders are walked recursively in sorted order, skipping hidden entries and
    files whose suffix is not in ``suffixes``; a folder reached again through a
    symlink (a loop or a second route) is walked once, and a file reached twice
    is yielded once.  An explicitly named file with another suffix is an error;
    one found in a folder is skipped, and appended to ``unsupported`` if given.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    wanted = frozenset(s.lower() if s.startswith(".") else "." + s.lower() for s in suffixes)
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()

    def file_item(path: str, explicit: bool, real: str | None = None) -> Iterator[str | LoaderError]:
        if suffix(path) not in wanted:
            if explicit:
                yield LoaderError(
                    path,
                    f"unsupported file type {suffix(path) or '(none)'}; "
                    f"supported: {' '.join(sorted(wanted))}",
                )
            elif unsupported is not None:
                unsupported.append(path)
            return
        real = real or os.path.realpath(path)
        if real in seen_files:
            return
        seen_files.add(real)
        problem = _readable_file(path)
        yield problem if problem else path

    def walk(top: str) -> Iterator[str | LoaderError]:
        stack = [top]
        while stack:
            folder = stack.pop()
            real = os.path.realpath(folder)
            if real in seen_dirs:
                continue
            seen_dirs.add(real)
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as e:
                yield LoaderError(folder, f"cannot read folder: {e.strerror or e}")
                continue
            subfolders = []
            for entry in entries:
                if _skipped_name(entry.name):
                    continue
                try:
                    is_dir = entry.is_dir()  # follows symlinks
                    is_file = entry.is_file()
                except OSError as e:
                    yield LoaderError(entry.path, f"cannot read: {e.strerror or e}")
                    continue
                if is_dir:
                    subfolders.append(entry.path)
                elif is_file:
                    # A plain file's real path is its real folder's and its name:
                    # resolving each of thousands of files costs more than the walk.
                    yield from file_item(entry.path, explicit=False,
                                         real=None if entry.is_symlink() else os.path.join(real, entry.name))
                elif entry.is_symlink() and suffix(entry.name) in wanted:
                    yield LoaderError(entry.path, "broken symbolic link")
            # Depth-first in name order: files of a folder, then its subfolders.
            stack.extend(reversed(subfolders))

    for given in paths:
        path = os.fspath(given)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            problem = "broken symbolic link" if os.path.islink(path) else "no such file or folder"
            yield LoaderError(path, problem)
            continue
        except OSError as e:
            yield LoaderError(path, f"cannot read: {e.strerror or e}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from walk(path)
        elif stat.S_ISREG(st.st_mode):
            yield from file_item(path, explicit=True)
        else:
            yield LoaderError(path, "not a regular file or folder")
