"""Any supported file -> one decoded ``str`` (the text every span indexes into).

Text files are returned exactly as decoded (BOM included, no normalisation),
because the text pipeline maps its spans back to that string.  For .docx,
.pdf, .html and .doc the text is *produced* here, so it is NFC-normalised and
that produced string is the reference.
"""
from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from dataclasses import dataclass

from truyvet.errors import LoaderError

_FORMATS = {
    ".txt": "text", ".md": "text", ".markdown": "text",
    ".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".doc": "doc",
}
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMATS)
DEFAULT_MAX_BYTES = 50 * 2**20


@dataclass(frozen=True)
class SourceText:
    path: str  # as given
    text: str  # decoded text; spans downstream index into this string
    format: str  # "text" | "docx" | "pdf" | "html" | "doc"
    encoding: str | None  # "utf-8", "utf-8-sig", "utf-16", "tcvn3", "vni", "viscii", "cp1258", ...
    sha256: str  # of the file's bytes
    warnings: tuple[str, ...] = ()


def format_for(path: str | os.PathLike) -> str | None:
    """The format name for a path's suffix, or None if unsupported."""
    return _FORMATS.get(os.path.splitext(os.fspath(path))[1].lower())


def _size_text(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def read_bytes(path: str, max_bytes: int) -> bytes:
    """A regular file's bytes, refusing what is not one or is over the limit."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise LoaderError(path, "no such file") from None
    except OSError as e:
        raise LoaderError(path, f"cannot read: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise LoaderError(path, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise LoaderError(path, "not a regular file")
    if st.st_size > max_bytes:
        raise LoaderError(
            path, f"file too large: {_size_text(st.st_size)} > limit {_size_text(max_bytes)}"
        )
    try:
        with open(path, "rb") as f:
            # One byte over the limit tells a file that grew after stat().
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise LoaderError(path, f"cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise LoaderError(path, f"file too large: over limit {_size_text(max_bytes)}")
    return data


def read_document(
    path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText:
    """Read one file into a :class:`SourceText`, dispatching on its suffix.

    ``encoding`` overrides detection for text files (a legacy name such as
    "tcvn3", "vni", "viscii", "cp1258", or any Python codec).  Every failure
    the file can cause is a :class:`LoaderError`."""
    path = os.fspath(path)
    fmt = format_for(path)
    if fmt is None:
        suffix = os.path.splitext(path)[1] or "(none)"
        raise LoaderError(
            path, f"unsupported file type {suffix}; supported: {' '.join(sorted(SUPPORTED_SUFFIXES))}"
        )
    data = read_bytes(path, max_bytes)
    if not data:
        raise LoaderError(path, "empty file")
    digest = hashlib.sha256(data).hexdigest()

    if fmt == "text":
        from truyvet.loaders.formats.plain import decode_text

        text, enc, warnings = decode_text(data, path=path, encoding=encoding)
        return SourceText(path, text, fmt, enc, digest, warnings)

    if fmt == "docx":
        from truyvet.loaders.formats.docx import docx_text

        text, enc, warnings = docx_text(data, path=path)
    elif fmt == "pdf":
        from truyvet.loaders.formats.pdf import pdf_text

        text, enc, warnings = pdf_text(data, path=path)
    elif fmt == "html":
        from truyvet.loaders.formats.html import html_text

        text, enc, warnings = html_text(data, path=path, encoding=encoding)
    else:
        from truyvet.loaders.formats.doc import doc_text

        text, enc, warnings = doc_text(data, path=path)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise LoaderError(path, f"no text found in the {fmt} file")
    return SourceText(path, text, fmt, enc, digest, tuple(warnings))
