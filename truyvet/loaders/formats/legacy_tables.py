"""Vietnamese legacy 8-bit encodings: TCVN3 (ABC), VNI-Windows, VISCII.

Sources and licence
-------------------
The mappings are facts about published character sets, written out here once
(MIT, as the rest of this project):

* VISCII: RFC 1456 (1993); checked byte by byte against glibc's ``iconv -f VISCII``.
* TCVN3: the ``VN3`` subset of TCVN 5712:1993 used by the ABC keyboard and the
  ``.VnTime`` fonts; checked against glibc's ``TCVN5712-1`` (which agrees on every
  byte VN3 uses) and against the table in ``viparse`` 0.1.31 (MIT, © minhtridinh).
  VN3 has no upper-case toned letters: headings were typed with the same bytes
  in a ``.VnTimeH`` font that *draws* them upper case.
* VNI-Windows: the composite layout of the ``VNI-Times`` fonts (base letter
  followed by a mark byte); checked against the corpus-derived table in
  ``viparse`` 0.1.31, which lacks ẳ/Ẳ only because its corpus never had them.

Every table works on *surface* characters: the character a byte shows as in
Windows-1252 (Latin-1 for the five bytes cp1252 leaves undefined).  That is a
bijection with bytes, and it is also what a .docx written with a legacy font
stores, so the same converter serves raw bytes and text taken from a document.
"""
from __future__ import annotations

import re
import unicodedata

# byte -> surface character; a bijection, so surface text maps back to bytes.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
SURFACE = "".join(
    chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in range(256)
)
_SURFACE_TO_BYTE = {ch: b for b, ch in enumerate(SURFACE)}

LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii")

# --- TCVN3 (VN3) -------------------------------------------------------------
# Byte -> letter.  Rows follow the vowel; within a row: huyền, hỏi, ngã, sắc, nặng.
_TCVN3_BYTES = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}

# --- VISCII (RFC 1456) -------------------------------------------------------
# Only the bytes that differ from ASCII; 0x02..0x1E are letters, not controls.
_VISCII_BYTES = dict(zip(
    [0x02, 0x05, 0x06, 0x14, 0x19, 0x1E, *range(0x80, 0x100)],
    "ẲẴẪỶỸỴ"
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ",
    strict=True,
))

# --- VNI-Windows ---------------------------------------------------------------
# Mark byte (lower-case surface) -> combining marks it adds to the base letter.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
_VNI_MARKS = {
    "ø": _GRAVE, "ù": _ACUTE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "à": _CIRC + _GRAVE, "á": _CIRC + _ACUTE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "è": _BREVE + _GRAVE, "é": _BREVE + _ACUTE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}
# Which marks each base may take: a breve only on a, a circumflex on a/e/o.
_VNI_BASES = {
    "a": "øùûõïâàáåãäêèéúüë", "e": "øùûõïâàáåãä", "o": "øùûõïâàáåãä",
    "u": "øùûõï", "y": "øùûõï", "i": "øù",
    "ô": "øùûõï", "ö": "øùûõï",  # ô is ơ and ö is ư in VNI
}
# Letters VNI stores as one byte (no plain i-letter in Latin-1 carries these tones).
_VNI_SINGLE = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ò": "ị", "æ": "ỉ", "ó": "ĩ", "î": "ỵ"}


# Lower-case letters TCVN3 can only write lower case (their capitals have no byte).
TCVN3_CASELESS = frozenset(
    c for c in _TCVN3_BYTES.values() if c.islower() and c.upper() not in _TCVN3_BYTES.values()
)


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for base, marks in _VNI_BASES.items():
        base_letter = _VNI_SINGLE.get(base, base)
        for mark in marks:
            letter = _nfc(base_letter + _VNI_MARKS[mark])
            # Typists used upper-case marks after upper-case bases; accept any mix.
            for b in {base, base.upper()}:
                for m in {mark, mark.upper()}:
                    pairs[b + m] = letter.upper() if b.isupper() else letter
    return pairs


_VNI_PAIRS = _vni_pairs()
_VNI_SINGLES = {**_VNI_SINGLE, **{k.upper(): v.upper() for k, v in _VNI_SINGLE.items()}}
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted({*_VNI_PAIRS, *_VNI_SINGLES}, key=len, reverse=True))
)


def _single_byte_table(byte_map: dict[int, str]) -> dict[int, str]:
    return {ord(SURFACE[b]): letter for b, letter in byte_map.items()}


_TRANSLATE = {
    "tcvn3": _single_byte_table(_TCVN3_BYTES),
    "viscii": _single_byte_table(_VISCII_BYTES),
}


def bytes_to_surface(data: bytes) -> str:
    """Bytes as the characters a Windows-1252 font would show (lossless)."""
    return data.decode("latin-1").translate({b: SURFACE[b] for b in range(0x80, 0xA0)})


def surface_to_bytes(text: str) -> bytes:
    """The bytes behind surface text; characters no byte shows as are dropped."""
    return bytes(_SURFACE_TO_BYTE[c] for c in text if c in _SURFACE_TO_BYTE)


def convert_surface(text: str, encoding: str) -> str:
    """Surface characters of a legacy ``encoding`` -> Unicode Vietnamese, NFC."""
    if encoding == "vni":
        out = _VNI_RE.sub(lambda m: _VNI_PAIRS.get(m[0]) or _VNI_SINGLES[m[0]], text)
    elif encoding in _TRANSLATE:
        out = text.translate(_TRANSLATE[encoding])
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return _nfc(out)


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode bytes of a legacy Vietnamese encoding to NFC Unicode."""
    return convert_surface(bytes_to_surface(data), encoding)


# --- encoders (tests, round trips) --------------------------------------------

def _inverse(table: dict[int, str]) -> dict[str, int]:
    return {letter: b for b, letter in table.items()}


_TCVN3_INV = _inverse(_TCVN3_BYTES)
_VISCII_INV = _inverse(_VISCII_BYTES)


def _vni_inverse() -> dict[str, str]:
    inverse: dict[str, str] = {}
    for seq, letter in sorted(_VNI_PAIRS.items()):
        # The canonical spelling: the mark's case follows the base letter's.
        if seq[1].isupper() == seq[0].isupper() and letter not in inverse:
            inverse[letter] = seq
    inverse.update({v: k for k, v in _VNI_SINGLES.items()})
    # VNI writes ì and í as the Latin-1 letters themselves.
    for letter in "ìíÌÍ":
        del inverse[letter]
    return inverse


_VNI_INV = _vni_inverse()


def encode_legacy(text: str, encoding: str) -> bytes:
    """Unicode -> legacy bytes.  TCVN3 has no upper-case toned letters, so they
    are written lower case, as in a real ``.VnTimeH`` document.  A character
    with no legacy form, or whose byte the table uses for a letter, raises
    ``ValueError``."""
    if encoding not in LEGACY_ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    out = bytearray()
    for ch in _nfc(text):
        if ord(ch) < 0x80 and not (encoding == "viscii" and ord(ch) in _VISCII_BYTES):
            out.append(ord(ch))
            continue
        if encoding == "vni":
            seq = _VNI_INV.get(ch)
        else:
            inv = _TCVN3_INV if encoding == "tcvn3" else _VISCII_INV
            code = inv.get(ch)
            if code is None and encoding == "tcvn3":
                code = inv.get(ch.lower())
            seq = SURFACE[code] if code is not None else None
        if seq is None:
            # Not a letter of the table: fine if its byte decodes back to itself.
            code = _SURFACE_TO_BYTE.get(ch)
            if code is None or convert_surface(ch, encoding) != ch:
                raise ValueError(f"{ch!r} has no {encoding} form")
            seq = ch
        out.extend(_SURFACE_TO_BYTE[s] for s in seq)
    return bytes(out)
