"""Saved web page -> the article's text, one paragraph a line.

trafilatura finds the main content (dropping menus, footers and "Tin cùng
chuyên mục" link lists) from a string, offline.  The page's charset is taken
from a BOM or its <meta> tag; failing that, the text-file decoder (which also
knows the legacy Vietnamese encodings) decides.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from truyvet.errors import LoaderError
from truyvet.loaders.formats.limits import check_elements
from truyvet.loaders.formats.plain import decode_text

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


def decode_html(data: bytes, *, path: str | None = None, encoding: str | None = None
                ) -> tuple[str, str, list[str]]:
    """(markup, encoding used, warnings)."""
    if encoding is None:
        for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
            if data.startswith(bom):
                return data.decode(name, errors="replace"), name, []
        m = _META_CHARSET.search(data[:8192])
        if m:
            try:
                declared = codecs.lookup(m[1].decode("ascii")).name
                if declared in ("utf-16", "utf-32"):
                    raise LookupError  # an ASCII-readable page is not UTF-16, whatever it says
                text = data.decode(declared)
                return (unicodedata.normalize("NFC", text) if declared == "cp1258" else text), declared, []
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration is common; detect instead
    text, enc, warnings = decode_text(data, path=path, encoding=encoding)
    return text, enc, list(warnings)


# Headings of the link boxes news sites put beside or under an article.
_RELATED = re.compile(
    r"^(?:tin|bài|bài viết)\s+(?:cùng chuyên mục|cùng chủ đề|liên quan|khác|mới(?: nhất)?|"
    r"đọc nhiều|xem nhiều|nổi bật)|^(?:đọc|xem)\s+(?:thêm|nhiều nhất|nhiều)|^có thể bạn quan tâm",
    re.IGNORECASE,
)
_STOP = {"html", "body", "main", "article"}


def _text_len(el) -> int:
    return len("".join(el.itertext()).strip())


def _link_share(el, heading) -> float:
    total = _text_len(el) - _text_len(heading)
    links = sum(_text_len(a) for a in el.iter("a") if heading not in a.iterancestors() and a is not heading)
    return 1.0 if total <= 0 else links / total


def drop_related_boxes(root) -> int:
    """Remove "Tin cùng chuyên mục"-style boxes: a short heading and the
    smallest enclosing block that is otherwise links.  trafilatura drops the
    links but can keep the heading as if it ended the article."""
    removed = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        text = " ".join("".join(el.itertext()).split())
        if not text or len(text) > 60 or not _RELATED.match(text):
            continue
        box, parent = el, el.getparent()
        while parent is not None and parent.tag not in _STOP and _link_share(parent, el) >= 0.7:
            box, parent = parent, parent.getparent()
        if box.getparent() is not None:
            box.drop_tree()
            removed += 1
    return removed


def drop_page_chrome(root) -> None:
    """Menus, sidebars and footers are never the document; a page header is
    chrome unless it sits inside the article."""
    for el in list(root.iter("nav", "aside", "footer", "form", "header", "script", "style", "noscript")):
        if el.getparent() is None:
            continue
        if el.tag == "header" and any(a.tag in ("article", "main") for a in el.iterancestors()):
            continue
        el.drop_tree()


def _extract(markup: str) -> str | None:
    import lxml.html
    import trafilatura

    tree = lxml.html.document_fromstring(markup)
    drop_page_chrome(tree)
    drop_related_boxes(tree)
    return trafilatura.extract(
        tree,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
        deduplicate=False,
    )


def html_text(data: bytes, *, path: str | None = None, encoding: str | None = None
              ) -> tuple[str, str | None, list[str]]:
    """Returns (text, encoding of the page, warnings)."""
    check_elements(data.count(b"<"), path, "the HTML page")
    markup, enc, warnings = decode_html(data, path=path, encoding=encoding)
    # lxml refuses str input that still carries an XML encoding declaration.
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", markup.lstrip("\ufeff"))
    try:
        text = _extract(markup)
    except ImportError as e:
        raise LoaderError(path, f"HTML support needs trafilatura: {e}") from None
    except Exception as e:  # lxml/trafilatura errors on broken markup
        raise LoaderError(path, f"unreadable HTML: {type(e).__name__}: {e}") from None
    if not text or not text.strip():
        raise LoaderError(path, "no main text found in the HTML page")
    return text, enc, warnings
