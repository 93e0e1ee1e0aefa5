"""What a synthetic document should yield: the records a parser is scored against."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DocumentTruth:
    kind: str
    symbol: str | None
    number: str | None
    date: str
    issuer: str
    place: str | None
    signer: str | None


@dataclass
class ReferenceTruth:
    kind: str
    date: str | None
    issuer: str | None
    relation: str
    symbol: str | None = None
    name: str | None = None

    def to_dict(self) -> dict:
        head = {"symbol": self.symbol} if self.symbol else {"name": self.name}
        return {**head, "kind": self.kind, "date": self.date, "issuer": self.issuer, "relation": self.relation}


@dataclass
class TaskTruth:
    label: str
    lead: list[str]
    coordinate: list[str] = field(default_factory=list)
    monitor: list[str] = field(default_factory=list)
    deadline: str | None = None


@dataclass
class FileTruth:
    file: str
    document: DocumentTruth
    references: list[ReferenceTruth]
    tasks: list[TaskTruth]
    recipients: list[str]

    def to_dict(self) -> dict:
        # vars() rather than dataclasses.asdict, which took 40% of the generation time
        return {"file": self.file, "document": dict(vars(self.document)),
                "references": [r.to_dict() for r in self.references],
                "tasks": [dict(vars(t)) for t in self.tasks], "recipients": self.recipients}


@dataclass
class CorpusTruth:
    out_dir: str
    seed: int
    files: list[FileTruth]
    sha256: str          # over every file name and byte written, to compare runs

    def by_file(self) -> dict[str, FileTruth]:
        return {f.file: f for f in self.files}
