"""Limits on what a file may unpack to, checked before a reader expands it.

A 2.4 MB .docx can hold 1 GB of XML and a 1 MB PDF a content stream that
inflates to gigabytes; readers expand both in memory. Each limit is far above
what a real directive needs (the longest file of the 13,965-file corpus is
0.8 MB) and far below what exhausts a machine, and each refusal is one
line naming the file, the size and the limit.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib

from truyvet.errors import LoaderError

MAX_UNPACKED = 256 * 2**20       # bytes a package (zip members, PDF streams) may inflate to
MAX_MEMBERS = 10_000             # members of a zip package
MAX_ELEMENTS = 2_000_000         # markup tags in one XML part or HTML page
MAX_PAGES = 5_000                # pages of a PDF
MAX_TEXT = 50 * 2**20            # characters of text a document may produce


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n} bytes"


def check_zip(zf: zipfile.ZipFile, path: str | None, what: str) -> None:
    """Refuse a package that would unpack to more than the limits.

    The sizes are the central directory's: zipfile stops inflating a member at
    its declared size (and fails its CRC), so a lie there cannot unpack more.
    """
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise LoaderError(path, f"refused: the {what} package has {len(members):,} parts "
                                f"(limit {MAX_MEMBERS:,})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise LoaderError(path, f"refused: the {what} file unpacks to {_mb(total)} "
                                f"(limit {_mb(MAX_UNPACKED)}; a zip bomb?)")


def check_package(data: bytes, path: str | None, what: str) -> None:
    """Refuse a zip package (.docx) that unpacks past the limits, before a
    reader inflates every part into memory; tags are counted streaming."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(zf, path, what)
            for member in zf.infolist():
                if member.filename.endswith(".xml"):
                    tags = 0
                    with zf.open(member) as f:
                        while chunk := f.read(1 << 20):
                            tags += chunk.count(b"<")
                    check_elements(tags, path, member.filename)
    except LoaderError:
        raise
    except Exception as e:  # BadZipFile, a bad CRC, a truncated member, zlib errors
        raise LoaderError(path, f"not a readable {what} file: {type(e).__name__}: {e}") from None


def check_elements(n: int, path: str | None, what: str) -> None:
    """Refuse markup with ``n`` tags (its count of "<") over MAX_ELEMENTS."""
    if n > MAX_ELEMENTS:
        raise LoaderError(path, f"refused: {what} has {n:,} tags (limit {MAX_ELEMENTS:,})")


def check_text(chars: int, path: str | None, what: str) -> None:
    if chars > MAX_TEXT:
        raise LoaderError(path, f"refused: the {what} file holds over {chars:,} characters of text "
                                f"(limit {MAX_TEXT:,})")


_STREAM = re.compile(rb"stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")


def check_pdf_streams(data: bytes, path: str | None) -> None:
    """Refuse a PDF whose compressed streams inflate past MAX_UNPACKED.

    Each FlateDecode stream is inflated piecewise and the output thrown away,
    so the check holds at most a chunk in memory. Images are left out: a
    reader extracting text never decodes them (a scan's pages are large).
    """
    budget = MAX_UNPACKED
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 512):m.start()]
        head = head[head.rfind(b"obj") + 1:] if b"obj" in head else head
        if b"FlateDecode" not in head or _IMAGE.search(head):
            continue
        end = data.find(b"endstream", m.end())
        inflater = zlib.decompressobj()
        chunk = data[m.end():end if end > 0 else len(data)]
        try:
            while chunk and budget >= 0:
                budget -= len(inflater.decompress(chunk, 1 << 20))
                chunk = inflater.unconsumed_tail
        except zlib.error:
            continue                     # a damaged stream: the reader will say so
        if budget < 0:
            raise LoaderError(path, f"refused: the PDF's streams inflate to over "
                                    f"{_mb(MAX_UNPACKED)} (limit; a compression bomb?)")
