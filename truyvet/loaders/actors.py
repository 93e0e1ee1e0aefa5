"""People, directions and meetings of one document, as records with evidence.

Runs the pattern finders of :mod:`truyvet.loaders.people` and
:mod:`truyvet.loaders.events` on the flattened normalised text and maps
every span back to the file's text, so each record's ``evidence`` is the
file's slice at its ``span`` like every other record's.
"""
from __future__ import annotations

from truyvet.loaders.events import find_event
from truyvet.loaders.normalize import NormText
from truyvet.loaders.people import direction_cues, find_people
from truyvet.loaders.records import Direction, EventRecord, Identity, PersonRef, Reference
from truyvet.loaders.segments import Segmenter

_RECORD_KINDS = ("notice", "conclusion")


def read_actors(norm: NormText, seg: Segmenter, flat: str, idn: Identity, body_start: int,
                refs: list[Reference], mention_spans: list[tuple[int, int]]):
    """(people, directions, events) of a document."""
    orig = norm.original

    def to_orig(span: tuple[int, int]) -> tuple[int, int]:
        return norm.span_to_orig(*span)

    found = find_people(flat)
    refs_of: dict[int, PersonRef] = {}
    people: list[PersonRef] = []
    for m in found:
        sa, sb = to_orig(seg.sentence_at(m.span[0]))
        p = PersonRef(m.name, to_orig(m.span), m.roles, m.cue, orig[sa:sb], (sa, sb))
        refs_of[id(m)] = p
        people.append(p)

    directions: list[Direction] = []
    for a, b in direction_cues(flat):
        m = next((x for x in found if x.start == b or x.span[0] == b), None)
        if m is None:
            continue
        sa, sb = to_orig(seg.sentence_at(a))
        ca = to_orig((a, b))[0]
        targets = [r for r in refs if sa <= r.mention_span[0] and r.mention_span[1] <= ca
                   and ";" not in orig[r.mention_span[1]:ca]]
        directions.append(Direction(refs_of[id(m)], targets, " ".join(flat[a:b].split()), orig[sa:sb], (sa, sb)))

    events: list[EventRecord] = []
    sentences = seg.sentences_from(body_start, 40)
    guard = [(x, y + 30) for x, y in mention_spans]
    # A news copy without its date: a meeting precedes the notice that records it.
    fallback = next((r.date for r in refs if r.kind in _RECORD_KINDS and r.date), None)
    hit = find_event(flat, sentences, idn.kind, idn.title, idn.date or fallback, found, guard)
    if hit:
        (a, b), f = hit
        sa, sb = to_orig((a, b))
        prev = len(flat[:a].rstrip()) - 1
        before = to_orig(seg.sentence_at(prev))[0] if prev >= 0 else sa
        recorded = [r for r in refs if before <= r.mention_span[0] < sb and r.kind in _RECORD_KINDS]
        events.append(EventRecord(
            kind=f["kind"], kind_text=f["kind_text"], date=f["date"], name=f["name"],
            chair=refs_of[id(f["chair"])] if f["chair"] else None, bodies=f["bodies"], venue=f["venue"],
            participants=[refs_of[id(p)] for p in f["participants"]], evidence=orig[sa:sb], span=(sa, sb),
            recorded_here=f["recorded_here"], recorded_in=recorded))
    return people, directions, events
