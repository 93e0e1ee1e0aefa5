"""Bytes of a text file -> ``str``, with Vietnamese legacy encodings detected.

The returned text is the decoded bytes and nothing else (no normalisation, the
BOM kept) so that character spans found later index straight into it.  Only a
legacy 8-bit file is rewritten (into NFC Unicode), and that is reported.
"""
from __future__ import annotations

import codecs
from collections import Counter
import re
import unicodedata

from truyvet.errors import LoaderError
from truyvet.loaders.formats.legacy_tables import (
    LEGACY_ENCODINGS,
    TCVN3_CASELESS,
    bytes_to_surface,
    convert_surface,
    decode_legacy,
    surface_to_bytes,
)

# Windows-1258 writes tones as combining marks after the letter, so it is
# decoded by Python's codec and then composed.
CANDIDATES = (*LEGACY_ENCODINGS, "cp1258")
_NAMES = {"tcvn3": "TCVN3", "vni": "VNI", "viscii": "VISCII", "cp1258": "Windows-1258"}
_ALIASES = {
    "abc": "tcvn3", "tcvn": "tcvn3", "vn3": "tcvn3", "tcvn5712": "tcvn3",
    "vni-windows": "vni", "windows-1258": "cp1258", "cp-1258": "cp1258",
}
# A winning table must explain this share of the non-ASCII words ...
MIN_SCORE = 0.80
# ... and beat the runner-up clearly (right table ~1.00, others <= ~0.6).
MIN_MARGIN = 0.15

# --- Vietnamese syllables -----------------------------------------------------
# A syllable is onset + rhyme + tone.  Generating the language's ~150 rhymes is
# far smaller than shipping a word list and accepts every real syllable; the
# tone rule (a stop final takes only sắc or nặng) rejects much of what a wrong
# table produces.
_ONSET = r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_RHYMES = """
a ai ao au ay am an ang anh ap at ac ach ăm ăn ăng ăp ăt ăc âu ây âm ân âng âp ât âc
e eo em en eng ep et ec ê êu êm ên ênh êp êt êch
i ia iu im in inh ip it ich iêu iêm iên iêng iêp iêt iêc yêu yêm yên yêng yêt
o oi om on ong op ot oc oong ooc ô ôi ôm ôn ông ôp ôt ôc ơ ơi ơm ơn ơp ơt
u ua ui um un ung up ut uc uôi uôm uôn uông uôt uôc
ư ưa ưi ưu ưm ưn ưng ưt ưc ươi ươu ươm ươn ương ươp ươt ươc y
oa oai oay oam oan oang oanh oap oat oac oach oăm oăn oăng oăt oăc oe oeo oen oet oem
uê uênh uêch uân uâng uât uây uy uya uyu uynh uych uyt uyn uyên uyêt uơ
êng êt ên êm
""".split()
_RHYME = "(?:" + "|".join(sorted(set(_RHYMES), key=len, reverse=True)) + ")"
_SYLLABLE = re.compile(rf"{_ONSET}{_RHYME}")
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_STOP_TONES = {"", "\u0301", "\u0323"}  # a -p/-t/-c/-ch rhyme has sắc or nặng
_WORD = re.compile(r"[^\W\d_]+")


def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` (any case, any normal form) is a well-formed syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("ð", "đ"))
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if not _SYLLABLE.fullmatch(bare):
        return False
    if bare.endswith(("p", "t", "c", "ch")):
        return (tones[0] if tones else "") in _STOP_TONES and bool(tones)
    return True


def syllable_score(text: str) -> tuple[float, int]:
    """Share of the non-ASCII words of ``text`` that are Vietnamese syllables,
    and how many such words there were.  ASCII words say nothing about the
    encoding, so they are left out."""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    if not words:
        return 0.0, 0
    return sum(map(is_vietnamese_syllable, words)) / len(words), len(words)


# --- legacy detection ---------------------------------------------------------

def letter_profile(text: str) -> tuple[float, float]:
    """(share of letters outside Latin-1, share of Latin-1 accented letters).

    Unicode Vietnamese has ~23 % of its letters outside Latin-1; legacy text
    read as Latin-1/cp1252 has none there and 20-27 % accented Latin-1."""
    # Counted per distinct character: a text has a few hundred, not 250k.
    letters = outside = accented = 0
    for c, n in Counter(text).items():
        if c.isalpha():
            letters += n
            if ord(c) > 0xFF:
                outside += n
            elif ord(c) >= 0xC0:
                accented += n
    if not letters:
        return 0.0, 0.0
    return outside / letters, accented / letters


def _decode_candidate(data: bytes, encoding: str) -> str:
    if encoding == "cp1258":
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    return decode_legacy(data, encoding)


# Detection reads a sample: a few hundred words already decide (see tests).
_SAMPLE = 256 * 1024


def rank_legacy(data: bytes) -> list[tuple[float, str]]:
    """Each candidate encoding with its syllable score, best first."""
    sample = data[:_SAMPLE]
    scores = [(syllable_score(_decode_candidate(sample, enc))[0], enc) for enc in CANDIDATES]
    return sorted(scores, reverse=True)


def detect_legacy_bytes(data: bytes) -> tuple[str | None, list[tuple[float, str]]]:
    """The legacy encoding ``data`` is in, or None if none fits clearly."""
    ranking = rank_legacy(data)
    (best, enc), (second, _) = ranking[0], ranking[1]
    if best >= MIN_SCORE and best - second >= MIN_MARGIN:
        return enc, ranking
    return None, ranking


_UNICODE_SHARE = 0.002
# Latin Extended-A/B and Latin Extended Additional: letters only.
_VIETNAMESE_LETTER = re.compile("[\u0100-\u024f\u1e00-\u1eff]")


def detect_legacy_text(text: str) -> str | None:
    """For text already in Unicode (a .docx run, a PDF text layer): the legacy
    encoding its characters are the surface of, or None.  Only text with no
    Vietnamese letters outside Latin-1 qualifies, so real Unicode Vietnamese
    is never converted."""
    sample = text[:_SAMPLE]
    # Vietnamese letters beyond Latin-1 are all letters, and a text has no
    # more letters than characters: many of them decide without a full count.
    enough = _UNICODE_SHARE * len(sample)
    if len(_VIETNAMESE_LETTER.findall(sample, 0, 4096)) > enough or \
            len(_VIETNAMESE_LETTER.findall(sample)) > enough:
        return None
    outside, accented = letter_profile(sample)
    if outside > _UNICODE_SHARE or accented < 0.05:
        return None
    enc, _ = detect_legacy_bytes(surface_to_bytes(sample))
    return None if enc == "cp1258" else enc


_CASELESS = "".join(sorted(TCVN3_CASELESS))
_TOKEN = re.compile(r"(?<![\w/-])[^\W\d_]{2,}(?![\w/-])")
_SENTENCE_START = re.compile(
    rf"(?:^[ \t]*(?:[-+*\u2022][ \t]+)?|[.!?][ \t]+)([{_CASELESS}])", re.M
)


def restore_tcvn3_case(text: str) -> str:
    """TCVN3 has no upper-case toned letters: typists set capitals in a
    ``.VnTimeH`` font, which plain bytes do not record.  Put the capitals back
    where the context leaves no doubt: in a word whose other letters are upper
    case, in an all-capitals line, and at the start of a sentence or line."""
    def caseless(w: str) -> bool:
        return any(c in _CASELESS for c in w)

    def others_upper(w: str, at_least: int) -> bool:
        others = [c for c in w if c.isalpha() and c not in _CASELESS]
        return len(others) >= at_least and all(c.isupper() for c in others)

    def fix_line(line: str) -> str:
        # "VIếT" -> "VIẾT": the word itself says it is upper case.
        line = _TOKEN.sub(
            lambda m: m[0].upper() if caseless(m[0]) and others_upper(m[0], 2) else m[0], line
        )
        # "Kế HOẠCH" -> "KẾ HOẠCH": the rest of the line says so.
        evidence = [w for w in _TOKEN.findall(line) if not caseless(w)]
        if evidence and all(w.isupper() for w in evidence):
            line = _TOKEN.sub(
                lambda m: m[0].upper() if caseless(m[0]) and others_upper(m[0], 0) else m[0], line
            )
        return line

    text = "".join(fix_line(line) for line in text.splitlines(keepends=True))
    return _SENTENCE_START.sub(lambda m: m[0][:-1] + m[1].upper(), text)


def convert_legacy_text(text: str, encoding: str) -> str:
    """Legacy surface text (already a ``str``) -> NFC Vietnamese."""
    out = convert_surface(text, encoding)
    return restore_tcvn3_case(out) if encoding == "tcvn3" else out


# --- bytes -> text ------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
# C0 bytes a text file may hold: whitespace, ^Z (DOS end of file), ESC, and the
# six that VISCII uses for letters.
_TEXT_CONTROLS = set(b"\t\n\r\x0b\x0c\x1a\x1b\x02\x05\x06\x14\x19\x1e")
_BINARY_CONTROLS = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS)
_BINARY_SHARE = 0.01


def _bom_codec(data: bytes) -> tuple[str, str] | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM shows as text with every other byte NUL."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls > _BINARY_SHARE * len(sample)


def canonical_encoding(name: str) -> str:
    key = name.strip().lower().replace("_", "-")
    key = _ALIASES.get(key, key)
    if key in CANDIDATES:
        return key
    try:
        return codecs.lookup(key).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None


def _strict_decode(data: bytes, codec: str, path: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise LoaderError(
            path, f"undecodable bytes: not valid {codec} (byte 0x{data[e.start]:02x} at offset {e.start})"
        ) from None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few damaged bytes (a crawl cut mid-character), or None.

    Legacy 8-bit text fails UTF-8 almost everywhere, so a handful of bad
    sequences in text full of Vietnamese Unicode letters means damage, not
    another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad and bad <= max(1, len(data) // 2000) and letter_profile(text)[0] > 0.05:
        return text, bad
    return None


def decode_text(
    data: bytes, *, path: str | None = None, encoding: str | None = None
) -> tuple[str, str, tuple[str, ...]]:
    """Decode a text file's bytes.  Returns (text, encoding name, warnings).

    Raises LoaderError for an empty file, binary content or bytes that fit no
    encoding.  ``encoding`` skips detection (a legacy name or any codec)."""
    if not data:
        raise LoaderError(path, "empty file")
    if encoding is not None:
        try:
            enc = canonical_encoding(encoding)
        except ValueError as e:
            raise LoaderError(path, str(e)) from None
        if enc in LEGACY_ENCODINGS:
            text = convert_legacy_text(bytes_to_surface(data), enc)
            return text, enc, (f"legacy encoding {_NAMES[enc]} given and converted to Unicode",)
        text = _strict_decode(data, enc, path)
        if enc == "cp1258":
            text = unicodedata.normalize("NFC", text)
        return text, enc, ()

    bom = _bom_codec(data)
    if bom is not None:
        codec, name = bom
        # The BOM stays in the text; the pipeline strips it with the rest.
        return _strict_decode(data, codec, path), name, ()
    codec16 = _utf16_without_bom(data)
    if codec16 is not None:
        return _strict_decode(data, codec16, path), "utf-16", ("UTF-16 without a byte-order mark",)
    if _looks_binary(data):
        raise LoaderError(path, "binary content, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad = e.start
        repaired = _mostly_utf8(data)
        if repaired is not None:
            text, n = repaired
            return text, "utf-8", (f"damaged UTF-8: {n} invalid UTF-8 byte sequence(s) replaced with "
                                   f"U+FFFD (first at offset {bad}; a truncated file?)",)
    else:
        warnings: tuple[str, ...] = ()
        legacy = detect_legacy_text(text) if not text.isascii() else None
        if legacy:
            warnings = (
                f"text looks like {_NAMES[legacy]} characters stored as Unicode; left unconverted",
            )
        return text, "utf-8", warnings

    enc, ranking = detect_legacy_bytes(data)
    if enc is None:
        best = ", ".join(f"{_NAMES[e]} {s:.2f}" for s, e in ranking[:2])
        raise LoaderError(
            path,
            f"undecodable bytes: not UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and no "
            f"Vietnamese legacy encoding fits (syllable scores: {best}); pass encoding=",
        )
    text = _decode_candidate(data, enc)
    if enc == "tcvn3":
        text = restore_tcvn3_case(text)
    score = ranking[0][0]
    return text, enc, (
        f"legacy encoding {_NAMES[enc]} detected and converted to Unicode "
        f"(syllable score {score:.2f})",
    )
