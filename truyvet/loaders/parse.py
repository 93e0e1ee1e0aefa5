"""Text → :class:`ParsedDocument`: the loaders' one entry point.

``parse_text`` is pure (text in, records out); ``parse_file`` adds reading
and hashing. Every span in the result indexes the text as decoded, and every
evidence string is that text's slice.
"""
from __future__ import annotations

import hashlib
import os
import re

from truyvet.errors import LoaderError
from truyvet.loaders.actors import read_actors
from truyvet.loaders.formats import read_document
from truyvet.loaders.header import parse_header
from truyvet.loaders.normalize import NormText, normalize
from truyvet.loaders.recipients import entry_texts, parse_recipients
from truyvet.loaders.records import ParsedDocument, Reference, ReportedLink
from truyvet.loaders.keys import fold
from truyvet.loaders.references import Mention, find_mentions
from truyvet.loaders.relations import decide, issuer_place, reported_links
from truyvet.loaders.segments import MARKER_RE, Segmenter, flatten
from truyvet.loaders.succession import extract_successions
from truyvet.loaders.tasks import extract_tasks

_KEM_THEO = re.compile(r"(?:[Kk]èm theo|KÈM THEO)[^\n()]{0,30}$")
# Kinds whose code and word legitimately differ ("Quy định số 07-QĐ/TU").
_COMPATIBLE = {frozenset({"decision", "regulation"}), frozenset({"notice", "conclusion"})}


def parse_text(text: str, file: str = "<text>", sha256: str | None = None) -> ParsedDocument:
    """Extract a document's identity, references, tasks and recipients.

    >>> d = parse_text("Hà Nội, ngày 03 tháng 12 năm 2024\\n\\nKẾ HOẠCH\\n\\nThực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị.")
    >>> d.identity.kind, d.identity.date, [(r.symbol, r.relation, r.issuer) for r in d.references]
    ('plan', '2024-12-03', [('35-CT/TW', 'implements', 'Bộ Chính trị')])
    """
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    norm = normalize(text)
    clean = norm.text
    seg = Segmenter(clean)
    flat = flatten(clean)
    header = parse_header(clean, seg.lines, flat)
    idn = header.identity
    warnings = list(header.warnings)
    for attr in ("symbol_span", "date_span", "issuer_span", "signer_span"):
        span = getattr(idn, attr)
        if span:
            setattr(idn, attr, norm.span_to_orig(*span))

    recipients, blocks, entries = parse_recipients(clean)
    for r in recipients:
        r.span = norm.span_to_orig(*r.span)

    head_end = _head_end(clean, seg, header.body_start)
    mentions = find_mentions(flat)
    doc = ParsedDocument(file=file, sha256=sha256, text=text, identity=idn, recipients=recipients,
                         recipient_entries=entry_texts(norm, entries))

    relations = decide(flat, mentions, head_end, header.title_span, news=idn.kind == "news_article", lined=clean)
    refs: list[Reference] = []
    for m in mentions:
        if _is_self(flat, m, idn, doc, norm, warnings):
            continue
        sentence = seg.sentence_at(m.start)
        relation, cue = relations[id(m)]
        refs.append(_reference(m, relation, cue, sentence, norm))
        _check(m, warnings, norm)
    doc.references = _one_per_name(refs)
    _date_conflicts(refs, warnings)

    seen_links = set()
    for sentence in sorted({seg.sentence_at(m.start) for m in mentions if not m.via}):
        for a, b, cue in reported_links(flat, sentence, mentions):
            if _is_own(a, idn) or _is_own(b, idn):
                continue
            key = (a.key, b.key)
            if key in seen_links:
                continue
            seen_links.add(key)
            ref_a = _reference(a, "implements", cue, sentence, norm)
            ref_b = _reference(b, "implements", cue, sentence, norm)
            doc.reported_links.append(ReportedLink(ref_a, ref_b, "implements", ref_a.evidence, ref_a.span))
    doc.reported_links.sort(key=lambda l: (l.span, l.source.mention_span))

    doc.tasks = extract_tasks(norm, seg, flat, header.body_start, blocks)
    doc.people, doc.directions, doc.events = read_actors(
        norm, seg, flat, idn, header.body_start, doc.references, [(m.start, m.end) for m in mentions])
    doc.successions = extract_successions(norm, seg, flat)
    doc.warnings = warnings
    return doc


def parse_file(path: str | os.PathLike, *, encoding: str | None = None) -> ParsedDocument:
    """Read one file (any supported format) and parse it."""
    src = read_document(path, encoding=encoding)
    try:
        doc = parse_text(src.text, os.fspath(path), src.sha256)
    except RecursionError as exc:  # pathological nesting must not crash a run
        raise LoaderError(path, f"cannot parse: {exc}") from None
    doc.warnings[:0] = list(src.warnings)
    return doc


# The enacting words after a legal basis: "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "Điều 1".
_ENACTING = re.compile(r"\n[ \t]*(?:(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|NGHỊ QUYẾT|CHỈ THỊ|QUY ĐỊNH)[ \t]*:|Điều 1\b)")


def _head_end(text: str, seg: Segmenter, body_start: int) -> int:
    """End of the preamble: the first numbered line of the body, or the
    enacting words of a decision whose legal basis follows numbered lines (a
    consolidated text lists its amending acts first)."""
    end = min(len(text), body_start + 2500)
    for ln in seg.lines:
        if ln.start < body_start or ln.blank:
            continue
        m = MARKER_RE.match(ln.text)
        if m and (m["roman"] or m["arabic"] or m["dotted"] or m["paren"]):
            end = ln.start
            break
    enacting = _ENACTING.search(text, end, min(len(text), end + 15000))
    if enacting and "Căn cứ" in text[end:enacting.start()]:
        return enacting.start()
    return end


def _is_own(m: Mention, idn) -> bool:
    return bool(m.symbol and idn.symbol and m.symbol.canonical == idn.symbol)


def _is_self(text: str, m: Mention, idn, doc: ParsedDocument, norm: NormText, warnings: list[str]) -> bool:
    """A mention of this document itself ("Số …", "Kèm theo văn bản số …")."""
    if not m.symbol:
        return False
    if idn.symbol_span and norm.span_to_orig(m.symbol.start, m.symbol.end)[0] == idn.symbol_span[0]:
        return True
    same_number = idn.number and m.symbol.number == idn.number
    kem_theo = bool(_KEM_THEO.search(text[max(0, m.start - 40):m.start]))
    if not (m.symbol.canonical == idn.symbol or (same_number and kem_theo)):
        return False
    differs = []
    if idn.symbol and m.symbol.canonical != idn.symbol:
        differs.append(f"symbol {m.symbol.canonical}")
    if m.date and idn.date and m.date != idn.date:
        differs.append(f"date {m.date}")
    if differs:
        s, e = norm.span_to_orig(m.start, m.end)
        doc.aliases.append({"symbol": m.symbol.canonical, "date": m.date, "span": [s, e],
                            "evidence": norm.original[s:e]})
        warnings.append(
            f"inconsistent identity: this document is {idn.symbol} dated {idn.date}, "
            f"but at {s}-{e} it is named with {' and '.join(differs)} (\"{norm.original[s:e]}\")"
        )
    return True


def _reference(m: Mention, relation: str, cue: str | None, sentence: tuple[int, int], norm: NormText) -> Reference:
    src = m.target or m
    s, e = norm.span_to_orig(*sentence)
    ms, me = norm.span_to_orig(m.start, m.end)
    return Reference(
        kind=src.kind, kind_text=m.kind_text, symbol=src.symbol.canonical if src.symbol else None,
        name=src.name if not src.symbol else None, date=src.date, issuer=src.issuer,
        relation=relation, evidence=norm.original[s:e], span=(s, e),
        mention=norm.original[ms:me], mention_span=(ms, me), cue=cue, via=m.via,
        code_kind=src.code_kind, local=bool(src.symbol and src.symbol.local) or src.congress_local,
        issuer_place=issuer_place(src), term=src.term,
    )


_STRENGTH = {"cites": 0, "implements": 1, "based_on": 1}


def _one_per_name(refs: list[Reference]) -> list[Reference]:
    """A document named without a symbol is listed once: its name is its only
    key, and the mention that carries its strongest relation is its evidence."""
    best: dict[tuple[str, str], int] = {}
    out: list[Reference | None] = []
    for r in refs:
        if r.symbol or not r.name:
            out.append(r)
            continue
        key = (r.kind, fold(r.name))
        if key not in best:
            best[key] = len(out)
            out.append(r)
        elif _STRENGTH[r.relation] > _STRENGTH[out[best[key]].relation]:
            out[best[key]] = r
    return [r for r in out if r is not None]


def _check(m: Mention, warnings: list[str], norm: NormText) -> None:
    s, e = norm.span_to_orig(m.start, m.end)
    if m.invalid_date:
        warnings.append(f"invalid date: {m.invalid_date} at {s}-{e} (\"{norm.original[s:e]}\")")
    # State letters reuse type-like codes for units (5642/CT-CS is Cục Thuế), so
    # only Party symbols, whose codes are fixed, are checked.
    if m.symbol and m.symbol.system == "party" and m.code_kind and m.kind != m.code_kind and \
            frozenset({m.kind, m.code_kind}) not in _COMPATIBLE and m.kind_text and m.kind_text != m.symbol.code:
        warnings.append(
            f"kind mismatch: \"{m.kind_text}\" names a {m.kind} but the symbol {m.symbol.canonical} "
            f"has the code of a {m.code_kind} at {s}-{e}"
        )
    if m.via == "short mention" and m.target is None:
        warnings.append(f"unresolved reference: \"{norm.original[s:e]}\" at {s}-{e} names no document with that number in the text")


def _date_conflicts(refs: list[Reference], warnings: list[str]) -> None:
    dates: dict[str, set[str]] = {}
    for r in refs:
        if r.symbol and r.date and not r.via:
            dates.setdefault(r.symbol, set()).add(r.date)
    for sym, ds in sorted(dates.items()):
        if len(ds) > 1:
            warnings.append(f"inconsistent dates: {sym} is dated {', '.join(sorted(ds))} in different places")
