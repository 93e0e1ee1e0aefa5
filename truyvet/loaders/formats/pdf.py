"""PDF -> text from its text layer: pypdfium2, with pypdf as the fallback.

pypdfium2 (PDFium) keeps Vietnamese marks and reading order at 2-3 ms a page;
pypdf is pure Python and sometimes opens files PDFium refuses.  Pages are
separated by a blank line.  A PDF without a text layer is a scan: say so rather
than return nothing, since OCR is out of scope here.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re

from truyvet.errors import LoaderError
from truyvet.loaders.formats.limits import MAX_PAGES, check_pdf_streams, check_text
from truyvet.loaders.formats.plain import convert_legacy_text, detect_legacy_text

_log = logging.getLogger(__name__)
_NAMES = {"tcvn3": "TCVN3", "vni": "VNI", "viscii": "VISCII"}
# How a .VnTime PDF's text layer spells TCVN3's "ư" and "ã" (font encoding
# quirks): U+2212 MINUS SIGN and U+2219 BULLET OPERATOR next to a letter.
_TCVN3_GLYPHS = re.compile(r"(?<=[^\W\d_])[\u2212\u2219]|[\u2212\u2219](?=[^\W\d_])")


class _Budget:
    """Pages and characters read so far, refused past the limits."""

    def __init__(self, path: str | None, count: int):
        self.path, self.chars = path, 0
        if count > MAX_PAGES:
            raise LoaderError(path, f"refused: the PDF has {count:,} pages (limit {MAX_PAGES:,})")

    def add(self, text: str) -> str:
        self.chars += len(text)
        check_text(self.chars, self.path, "PDF")
        return text


def _pages_pdfium(data: bytes, path: str | None) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        budget = _Budget(path, len(pdf))
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(budget.add(textpage.get_text_range()))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pages_pypdf(data: bytes, path: str | None) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("Incorrect password")
    budget = _Budget(path, len(reader.pages))
    return [budget.add(page.extract_text() or "") for page in reader.pages]


@contextlib.contextmanager
def _library_log(path: str | None, notes: list[str]):
    """pypdf reports repairs ("EOF marker not found") on its logger, which
    without a handler prints to the terminal with no file name: keep them as
    the document's notes and pass them to truyvet's log, naming the file."""
    class Keep(logging.Handler):
        def emit(self, record):
            msg = record.getMessage()
            notes.append(msg)
            _log.info("%s: pypdf: %s", path, msg)

    logger = logging.getLogger("pypdf")
    handler, propagate = Keep(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _clean_page(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # PDFium marks a hyphen it inserted at a line end as U+FFFE/U+0002.
    return text.replace("\ufffe", "").replace("\x02", "")


def pdf_text(data: bytes, *, path: str | None = None) -> tuple[str, str | None, list[str]]:
    """Returns (text, legacy encoding or None, warnings)."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoaderError(path, "not a PDF file (no %PDF header)")
    check_pdf_streams(data, path)
    warnings: list[str] = []
    errors: list[str] = []
    notes: list[str] = []
    pages = None
    for name, reader in (("pypdfium2", _pages_pdfium), ("pypdf", _pages_pypdf)):
        try:
            with _library_log(path, notes):
                pages = reader(data, path)
            break
        except ImportError:
            errors.append(f"{name} not installed")
        except LoaderError:
            raise
        except Exception as e:  # each library has its own error types
            errors.append(f"{name}: {e}")
            if "password" in str(e).lower():
                raise LoaderError(path, "encrypted PDF (needs a password)") from None
    if pages is None:
        raise LoaderError(path, "unreadable PDF (" + "; ".join(errors + notes) + ")")
    if errors:
        warnings.append("read with the fallback reader (" + "; ".join(errors + notes) + ")")

    text = "\n\n".join(_clean_page(p).strip("\n") for p in pages)
    if not any(c.isalnum() for c in text):
        raise LoaderError(path, "no text layer (scanned PDF?)")

    encoding = detect_legacy_text(_TCVN3_GLYPHS.sub("\xad", text))
    if encoding:
        if encoding == "tcvn3":
            text = _TCVN3_GLYPHS.sub(lambda m: "\xad" if m[0] == "\u2212" else "\xb7", text)
        text = convert_legacy_text(text, encoding)
        warnings.append(f"legacy encoding {_NAMES[encoding]} detected in the text layer and converted")
    return text, encoding, warnings
