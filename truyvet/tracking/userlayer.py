"""The user layer: statuses and corrections users record, with who, when and why.

A :class:`UserFact` is never edited and never deleted: reverting one stamps
it with who reverted it, when and why, and it stays listed and exported. A
fact is one of

* ``status``  — task ``target`` was ``value`` (done / not_done / in_progress) on ``date``;
* ``lead``    — task ``target`` is led by agency ``value`` (replaces the extracted leads);
* ``link``    — document ``target`` ``relation`` document ``value`` (a link extraction missed);
* ``unlink``  — no ``relation`` from ``target`` to ``value`` (a wrong link rejected);
* ``merge``   — agency or document ``target`` is the same as ``value``;
* ``confirm`` — the extracted fact ``target`` (a review key) was checked and is right.

Facts live in the store's ``UserFact`` table (:mod:`truyvet.tracking.tables`),
apart from extracted facts: ingest never touches them.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields

from truyvet.errors import TruyvetError
from truyvet.tracking import tables

KINDS = ("status", "lead", "link", "unlink", "merge", "confirm")
STATUSES = ("done", "not_done", "in_progress")
RELATIONS = ("implements", "based_on", "cites")


@dataclass
class UserFact:
    kind: str
    target: str
    value: str | None = None
    who: str = ""
    why: str | None = None
    at: str = ""
    target_label: str | None = None
    relation: str | None = None
    date: str | None = None
    note: str | None = None
    source_file: str | None = None
    source_sha256: str | None = None
    source_row: str | None = None
    reverted_at: str | None = None
    reverted_by: str | None = None
    reverted_why: str | None = None
    id: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise TruyvetError(f"unknown correction kind {self.kind!r}; use one of {', '.join(KINDS)}")
        if self.kind == "status" and self.value not in STATUSES:
            raise TruyvetError(f"status {self.value!r}: use one of {', '.join(STATUSES)}")
        self.at = self.at or now()
        self.who = self.who or default_user()
        if not self.id:
            key = json.dumps([self.kind, self.target, self.value, self.relation, self.date, self.at,
                              self.source_sha256, self.source_row], ensure_ascii=False)
            self.id = "u" + hashlib.sha256(key.encode()).hexdigest()[:10]

    @property
    def active(self) -> bool:
        return self.reverted_at is None

    def row(self) -> dict:
        return asdict(self)

    @classmethod
    def from_row(cls, row: dict) -> "UserFact":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def default_user() -> str:
    """Who is recording: $TRUYVET_USER, else the login name."""
    try:
        return os.environ.get("TRUYVET_USER") or getpass.getuser()
    except Exception:
        return "unknown"


def load(store) -> list[UserFact]:
    """Every fact of the store, reverted ones included, in the order recorded."""
    facts = [UserFact.from_row(r) for r in tables.read(store, "UserFact")]
    return sorted(facts, key=lambda f: (f.at, f.id))


def unrecorded(store, facts: list[UserFact]) -> list[UserFact]:
    """The facts not recorded yet (by id)."""
    known = {f.id for f in load(store)}
    return [f for f in facts if f.id not in known]


def add(store, facts: list[UserFact]) -> list[UserFact]:
    """Record facts; a fact already recorded (same id) is skipped. Returns the new ones."""
    new = unrecorded(store, facts)
    write(store, new)
    return new


def write(store, new: list[UserFact]) -> None:
    """Record facts known not to be recorded yet (:func:`unrecorded`)."""
    tables.ensure(store)
    tables.write(store, "UserFact", [f.row() for f in new])


def active_fact(store, fact_id: str) -> UserFact:
    """The recorded fact ``fact_id``, which must not be reverted yet."""
    match = [f for f in load(store) if f.id == fact_id]
    if not match:
        raise TruyvetError(f"no recorded fact {fact_id!r}: `truyvet correct list --all` shows them")
    fact = match[0]
    if not fact.active:
        raise TruyvetError(f"{fact_id} was already reverted on {fact.reverted_at} by {fact.reverted_by}")
    return fact


def stamp_reverted(store, fact: UserFact, why: str, who: str | None = None) -> UserFact:
    """Stamp an active fact reverted; it stays in the layer, listed and exported."""
    fact.reverted_at, fact.reverted_by, fact.reverted_why = now(), who or default_user(), why
    store.query("MATCH (n:UserFact) WHERE n.id = $id SET n.reverted_at = $at, n.reverted_by = $who, "
                "n.reverted_why = $why", {"id": fact.id, "at": fact.reverted_at, "who": fact.reverted_by,
                                          "why": why}, write=True)
    return fact


def export_lines(facts: list[UserFact]) -> list[str]:
    """JSON Lines, one fact each, with its whole provenance."""
    return [json.dumps(f.row(), ensure_ascii=False, sort_keys=True) for f in facts]


def import_lines(lines, source: str) -> list[UserFact]:
    """Facts from exported JSON Lines; a bad line is one error naming ``source`` and the line."""
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            out.append(UserFact.from_row(json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise TruyvetError(f"{source}:{n}: not an exported fact ({exc})") from None
    return out
