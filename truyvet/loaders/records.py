"""Plain records produced by the loaders: one :class:`ParsedDocument` per file.

Spans are half-open character offsets into the file's text as decoded
(``ParsedDocument.text``), and every ``evidence`` string is exactly
``text[span[0]:span[1]]``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Identity:
    kind: str
    kind_text: str | None = None
    symbol: str | None = None          # canonical
    symbol_text: str | None = None     # as written
    number: str | None = None
    code: str | None = None            # "KH/ĐU" of "Số -KH/ĐU": the number left blank, the code kept
    date: str | None = None
    date_text: str | None = None       # as written when only part is known ("ngày   tháng 9 năm 2025")
    date_period: str | None = None     # what that part gives: "2025-09", "2025"
    issuer: str | None = None
    place: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    title: str | None = None
    term: str | None = None
    symbol_span: tuple[int, int] | None = None
    date_span: tuple[int, int] | None = None
    issuer_span: tuple[int, int] | None = None
    signer_span: tuple[int, int] | None = None


@dataclass
class Reference:
    kind: str
    kind_text: str | None
    symbol: str | None                 # canonical symbol, if any
    name: str | None                   # a named document without a symbol
    date: str | None
    issuer: str | None
    relation: str                      # implements | based_on | cites
    evidence: str
    span: tuple[int, int]              # of the evidence sentence
    mention: str = ""
    mention_span: tuple[int, int] = (0, 0)
    cue: str | None = None             # the words that decided the relation
    via: str | None = None             # "short form" when resolved through a definition
    code_kind: str | None = None       # kind implied by the symbol's code
    local: bool = False                # symbol only unique within a place
    issuer_place: str | None = None    # place named with the issuer, if any
    term: str | None = None


@dataclass
class ReportedLink:
    """A link between two other documents, asserted by this document."""
    source: Reference                  # the implementing document
    target: Reference                  # the implemented document
    relation: str
    evidence: str
    span: tuple[int, int]


@dataclass
class Assignment:
    agency: str                        # as written
    role: str                          # lead | coordinate | monitor
    evidence: str
    span: tuple[int, int]


@dataclass
class Task:
    label: str
    text: str                          # display text, markup removed
    span: tuple[int, int]
    assignments: list[Assignment] = field(default_factory=list)
    deadline: str | None = None        # ISO day, else the text as written
    deadline_text: str | None = None
    deadline_period: str | None = None
    heading: bool = False              # a numbered heading that holds other items
    key: str = ""                      # unique in the document: the label, "#2" … when it repeats

    def agencies(self, role: str) -> list[str]:
        return [a.agency for a in self.assignments if a.role == role]


@dataclass
class Recipient:
    name: str
    purpose: str | None
    span: tuple[int, int]
    block: str                         # "kinh_gui" | "noi_nhan"
    entry: str = ""                    # the list entry that names it, as written


@dataclass
class ParsedDocument:
    file: str
    sha256: str
    text: str
    identity: Identity
    references: list[Reference] = field(default_factory=list)
    reported_links: list[ReportedLink] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    # Every "Kính gửi" and "Nơi nhận" entry as written, archive copies included.
    recipient_entries: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)   # other names of this document
    people: list["PersonRef"] = field(default_factory=list)
    directions: list["Direction"] = field(default_factory=list)
    events: list["EventRecord"] = field(default_factory=list)
    # Statements that a body or province took over from another (truyvet.loaders.succession).
    successions: list = field(default_factory=list)

    def to_json(self) -> dict:
        """The ``truyvet parse --json`` contract (extra keys allowed)."""
        idn = self.identity
        return {
            "file": self.file,
            "sha256": self.sha256,
            "document": {
                "kind": idn.kind, "kind_text": idn.kind_text, "symbol": idn.symbol,
                "symbol_text": idn.symbol_text, "number": idn.number, "code": idn.code, "date": idn.date,
                "date_text": idn.date_text, "date_period": idn.date_period,
                "issuer": idn.issuer, "place": idn.place, "signer": idn.signer,
                "signer_title": idn.signer_title, "title": idn.title, "term": idn.term,
            },
            "references": [_ref_json(r) for r in self.references],
            "reported_links": [
                {"from": _ref_brief(l.source), "to": _ref_brief(l.target),
                 "relation": l.relation, "evidence": l.evidence, "span": list(l.span)}
                for l in self.reported_links
            ],
            "tasks": [
                {"label": t.label, "key": t.key or t.label, "text": t.text, "lead": t.agencies("lead"),
                 "coordinate": t.agencies("coordinate"), "monitor": t.agencies("monitor"),
                 "deadline": t.deadline, "deadline_text": t.deadline_text,
                 "deadline_period": t.deadline_period, "heading": t.heading, "span": list(t.span),
                 "assignments": [asdict(a) | {"span": list(a.span)} for a in t.assignments]}
                for t in self.tasks
            ],
            "recipients": list(self.recipient_entries),
            "recipients_detail": [
                {"name": r.name, "purpose": r.purpose, "block": r.block, "entry": r.entry, "span": list(r.span)}
                for r in self.recipients
            ],
            "aliases": self.aliases,
            "people": [_person_json(p) for p in self.people],
            "directions": [{"person": d.person.name, "roles": d.person.roles, "cue": d.cue,
                            "targets": [_ref_brief(t) for t in d.targets], "evidence": d.evidence,
                            "span": list(d.span)} for d in self.directions],
            "events": [{"kind": e.kind, "kind_text": e.kind_text, "date": e.date, "name": e.name,
                        "chair": e.chair.name if e.chair else None, "bodies": e.bodies, "venue": e.venue,
                        "participants": [p.name for p in e.participants], "recorded_here": e.recorded_here,
                        "recorded_in": [_ref_brief(r) for r in e.recorded_in], "evidence": e.evidence,
                        "span": list(e.span)} for e in self.events],
            "successions": [asdict(x) | {"span": list(x.span), "names": [list(n) for n in x.names]}
                            for x in self.successions],
            "warnings": list(self.warnings),
        }


def _ref_json(r: Reference) -> dict:
    out = {
        "kind": r.kind, "kind_text": r.kind_text, "symbol": r.symbol, "name": r.name,
        "date": r.date, "issuer": r.issuer, "relation": r.relation,
        "evidence": r.evidence, "span": list(r.span), "mention": r.mention,
        "mention_span": list(r.mention_span), "cue": r.cue,
    }
    if r.via:
        out["via"] = r.via
    if r.code_kind and r.code_kind != r.kind:
        out["code_kind"] = r.code_kind
    return out


def _person_json(p: "PersonRef") -> dict:
    return {"name": p.name, "roles": p.roles, "cue": p.cue, "span": list(p.span),
            "evidence": p.evidence, "evidence_span": list(p.evidence_span)}


def _ref_brief(r: Reference) -> dict:
    return {"kind": r.kind, "symbol": r.symbol, "name": r.name, "date": r.date, "issuer": r.issuer}


@dataclass
class PersonRef:
    """A person the text names, with the roles it gives them there."""
    name: str
    span: tuple[int, int]              # of the name
    roles: list[str]                   # as written: "Tổng Bí thư", "Bí thư Thành ủy Hà Nội"
    cue: str                           # "đồng chí", or the first role
    evidence: str                      # the sentence
    evidence_span: tuple[int, int]


@dataclass
class Direction:
    """ "theo chỉ đạo của đồng chí X", "kết luận làm việc của đồng chí X"."""
    person: PersonRef
    targets: list[Reference]           # the documents directed; empty: this document
    cue: str
    evidence: str
    span: tuple[int, int]


@dataclass
class EventRecord:
    """A working session, conference or meeting the text reports or records."""
    kind: str                          # working_session | conference | meeting | seminar
    kind_text: str                     # as written: "buổi làm việc", "Hội nghị", "phiên họp"
    date: str                          # ISO day
    name: str                          # "Hội nghị Ban Chấp hành …", or the body met
    chair: PersonRef | None
    bodies: list[str]                  # the bodies met with or holding it, as written
    venue: str | None
    participants: list[PersonRef]
    evidence: str
    span: tuple[int, int]
    recorded_here: bool = False        # a Thông báo kết luận of this meeting
    recorded_in: list[Reference] = field(default_factory=list)
