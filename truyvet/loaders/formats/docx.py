"""Word .docx -> text: body paragraphs and tables in document order.

python-docx opens the package, but its ``paragraph.text`` misses what a reader
sees: Word's automatic list numbers ("1.", "1.1.", "a)") live in numbering.xml,
and the soft-hyphen element is TCVN3's "ư".  So the XML is walked here.

Tables come out one row per line, cells joined by TAB.  Runs set in a legacy
font (``.VnTime`` = TCVN3, ``VNI-Times`` = VNI) are converted to Unicode.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator

from truyvet.errors import LoaderError
from truyvet.loaders.formats.docx_numbering import W, Numbering, val
from truyvet.loaders.formats.legacy_tables import SURFACE
from truyvet.loaders.formats.limits import check_package, check_text
from truyvet.loaders.formats.plain import (
    convert_legacy_text,
    detect_legacy_text,
)

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}
# Inline elements whose text a reader does not see (deleted, field codes) or
# that repeat content (mc:Fallback duplicates mc:Choice).
_SKIP_INLINE = {W + "del", W + "moveFrom", W + "pPr", W + "rPr", MC + "Fallback"}


def legacy_encoding_of_font(font: str | None) -> tuple[str, bool] | None:
    """(encoding, upper-case font) for a legacy Vietnamese font name."""
    if not font:
        return None
    name = font.strip()
    if name.lower().startswith(".vn"):
        # .VnTimeH, .VnArialH: the H fonts draw every letter upper case.
        return "tcvn3", name.endswith("H")
    if name.lower().startswith("vni"):
        return "vni", False
    return None


# --- styles: fonts and list numbering inherited through basedOn ----------------

class _Styles:
    def __init__(self, styles_el):
        self.by_id = {}
        self.default_font = None
        self.default_paragraph = None  # "Normal": what a paragraph without pStyle uses
        if styles_el is None:
            return
        for st in styles_el.iter(W + "style"):
            self.by_id[val(st, "styleId")] = st
            if val(st, "type") == "paragraph" and val(st, "default") in ("1", "true", "on"):
                self.default_paragraph = val(st, "styleId")
        rfonts = styles_el.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        self.default_font = self._font_of(rfonts)

    @staticmethod
    def _font_of(rfonts) -> str | None:
        return None if rfonts is None else (val(rfonts, "ascii") or val(rfonts, "hAnsi"))

    def _chain(self, style_id: str | None) -> Iterator:
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            style_id = val(st.find(W + "basedOn"))

    def font(self, style_id: str | None) -> str | None:
        for st in self._chain(style_id):
            font = self._font_of(st.find(f"{W}rPr/{W}rFonts"))
            if font:
                return font
        return None

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        for st in self._chain(style_id):
            num_pr = st.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                ilvl = val(num_pr.find(W + "ilvl"))
                return val(num_pr.find(W + "numId")), int(ilvl) if ilvl else None
        return None, None


# --- walking the document ----------------------------------------------------

def _nested_or_fallback(box, top) -> bool:
    """Inside mc:Fallback (a copy of mc:Choice) or inside another text box."""
    for anc in box.iterancestors():
        if anc is top:
            return False
        if anc.tag in (MC + "Fallback", W + "txbxContent"):
            return True
    return False


_SURFACE_CHARS = frozenset(SURFACE)


def _already_unicode(text: str) -> bool:
    """Unicode Vietnamese left in a legacy font (a half-converted document):
    converting it would turn "Thủ đô" into "Thủ đụ"."""
    return any(c.isalpha() and ord(c) > 0xFF and c not in _SURFACE_CHARS for c in text)


def _cells(tr) -> Iterator:
    for child in tr:
        if child.tag == W + "tc":
            yield child
        elif child.tag == W + "sdt":  # a content control wrapping cells
            content = child.find(W + "sdtContent")
            yield from (content.iterchildren(W + "tc") if content is not None else ())


class _Walker:
    def __init__(self, styles: _Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering
        self.legacy_runs: dict[str, int] = {}

    # A segment is (text, legacy key) where the key is (encoding, upper) or None.
    def _run_key(self, run, para_font: str | None):
        rpr = run.find(W + "rPr")
        font = None
        if rpr is not None:
            font = _Styles._font_of(rpr.find(W + "rFonts")) or self.styles.font(
                val(rpr.find(W + "rStyle"))
            )
        return legacy_encoding_of_font(font or para_font)

    def _inline(self, el, para_font, segments: list, boxes: list) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP_INLINE:
                continue
            if tag == W + "r":
                key = self._run_key(child, para_font)
                for rc in child:
                    if rc.tag == W + "softHyphen" and key is None:
                        continue  # an optional hyphen, invisible mid-line
                    piece = self._run_child(rc, boxes)
                    if piece:
                        segments.append((piece, key))
            else:  # hyperlink, ins, smartTag, sdt, fldSimple, customXml, moveTo, ...
                self._inline(child, para_font, segments, boxes)

    @staticmethod
    def _run_child(rc, boxes: list) -> str:
        tag = rc.tag
        if tag == W + "t":
            return rc.text or ""
        if tag == W + "tab":
            return "\t"
        if tag in (W + "br", W + "cr"):
            return "\n"
        if tag == W + "softHyphen":
            return "\xad"  # in a .VnTime run this is the letter ư
        if tag == W + "noBreakHyphen":
            return "-"
        if tag == W + "sym":
            try:
                code = int(val(rc, "char") or "0", 16)
            except ValueError:
                return ""
            code = code - 0xF000 if code >= 0xF000 else code
            return chr(code) if 0x20 <= code and chr(code).isprintable() else ""
        # Text boxes (drawings, VML) hold real text, e.g. a document's number.
        for box in rc.iter(W + "txbxContent"):
            if not _nested_or_fallback(box, rc):
                boxes.append(box)
        return ""

    def _join(self, segments: list) -> str:
        # Merge neighbours in one legacy font first: VNI's base letter and its
        # mark byte can sit in separate runs.
        out, buf, key = [], [], None
        for text, k in [*segments, ("", "end")]:
            if k != key and buf:
                chunk = "".join(buf)
                if key and not _already_unicode(chunk):
                    enc, upper = key
                    self.legacy_runs[enc] = self.legacy_runs.get(enc, 0) + 1
                    chunk = convert_legacy_text(chunk, enc)
                    chunk = chunk.upper() if upper else chunk
                out.append(chunk)
                buf = []
            key = k
            buf.append(text)
        return "".join(out)

    def paragraph(self, p) -> list[str]:
        ppr = p.find(W + "pPr")
        style_id = val(ppr.find(W + "pStyle")) if ppr is not None else None
        style_id = style_id or self.styles.default_paragraph
        para_font = self.styles.font(style_id) or self.styles.default_font
        segments: list = []
        boxes: list = []
        self._inline(p, para_font, segments, boxes)
        text = self._join(segments)

        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id = val(num_pr.find(W + "numId")) if num_pr is not None else None
        ilvl_s = val(num_pr.find(W + "ilvl")) if num_pr is not None else None
        style_num, style_ilvl = self.styles.num_pr(style_id)
        num_id = num_id or style_num
        ilvl = int(ilvl_s) if ilvl_s else (style_ilvl or 0)
        label = self.numbering.label(num_id, ilvl)
        lines = [(label or "") + text]
        for box in boxes:
            lines.extend(self.blocks(box))
        return lines

    def table(self, tbl) -> list[str]:
        lines = []
        for tr in tbl.iterchildren(W + "tr"):
            cells = []
            for tc in _cells(tr):
                # One row is one line: a cell's own lines are joined by spaces.
                cell = " ".join(s.strip() for s in "\n".join(self.blocks(tc)).split("\n") if s.strip())
                cells.append(cell.replace("\t", " "))
            if any(cells):
                lines.append("\t".join(cells))
        return lines

    def blocks(self, container) -> list[str]:
        lines: list[str] = []
        for child in container:
            if child.tag == W + "p":
                lines.extend(self.paragraph(child))
            elif child.tag == W + "tbl":
                lines.extend(self.table(child))
            elif child.tag in (W + "sdt", W + "customXml"):
                content = child.find(W + "sdtContent")
                lines.extend(self.blocks(content if content is not None else child))
        return lines


def _iter_lines(document) -> tuple[list[str], dict[str, int]]:
    part = document.part
    styles_el = part._styles_part.element if _has(part, "_styles_part") else None
    numbering_el = part.numbering_part.element if _has(part, "numbering_part") else None
    styles = _Styles(styles_el)
    walker = _Walker(styles, Numbering(numbering_el, styles))
    return walker.blocks(document.element.find(W + "body")), walker.legacy_runs


def _has(part, attr: str) -> bool:
    try:
        getattr(part, attr)
    except (KeyError, NotImplementedError, AttributeError):
        return False
    return True


def _convert_unmarked_legacy(lines: Iterable[str]) -> tuple[list[str], str | None]:
    """A legacy document whose fonts were renamed still reads as Latin-1
    gibberish: convert it when the text itself says so, line by line, and only
    lines with no Unicode Vietnamese letters."""
    lines = list(lines)
    enc = detect_legacy_text("\n".join(lines))
    if enc is None:
        return lines, None
    out = []
    for line in lines:
        if any(ord(c) > 0xFF and c.isalpha() for c in line):
            out.append(line)
        else:
            out.append(convert_legacy_text(line, enc))
    return out, enc


def docx_text(data: bytes, *, path: str | None = None) -> tuple[str, str | None, list[str]]:
    """Returns (text, legacy encoding or None, warnings)."""
    import docx  # python-docx

    if not data.startswith(b"PK"):
        raise LoaderError(path, "not a .docx file (not a zip package)")
    check_package(data, path, ".docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoaderError(path, f"not a readable .docx file: {e}") from None
    except Exception as e:  # python-docx raises its own types for broken packages
        raise LoaderError(path, f"not a readable .docx file: {type(e).__name__}: {e}") from None
    root = document.element
    if root.tag != W + "document" or root.find(W + "body") is None:
        raise LoaderError(path, "malformed .docx file: its main part is not a <w:document> with a <w:body>")
    lines, legacy_runs = _iter_lines(document)
    check_text(sum(len(line) + 1 for line in lines), path, ".docx")
    warnings = []
    encoding = None
    if legacy_runs:
        encoding = max(legacy_runs, key=legacy_runs.get)
        for enc, n in sorted(legacy_runs.items()):
            warnings.append(f"legacy font ({_NAMES[enc]}) detected and converted to Unicode in {n} runs")
    else:
        lines, encoding = _convert_unmarked_legacy(lines)
        if encoding:
            warnings.append(f"legacy encoding {_NAMES.get(encoding, encoding)} detected and converted")
    return "\n".join(lines), encoding, warnings
