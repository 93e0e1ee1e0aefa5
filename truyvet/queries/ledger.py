"""Which file owns which stored document, and what an ingest run does to each.

A file owns the facts it produced, whatever the id of its document: a news
page whose id is a hash of its text gets a new id when the text changes, and
the old document must go with the old text. So a run compares what each file
says now with what the store holds from that file:

* a new document id from a known file *replaces* the file's old documents
  (removed at the end of the run, unless another file of the run claims them);
* the same document from another path whose old file is gone is *renamed*:
  it is rewritten so every fact points at the new path;
* a document another run stored from a file that still exists outside this
  run's folders stays that file's: the new file is a *duplicate*;
* in one run, the first file in path order claims a document (so a re-run
  gives the same store) and later copies are duplicates;
* stored files under the run's folders that are gone are reported, and their
  facts removed with ``prune``.

Paths are absolute, so a store fed from different working directories still
knows its files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Decision:
    status: str                 # added | replaced | unchanged | renamed | duplicate
    write: bool                 # write the fragment
    rewrite: bool = False       # write it even though its SHA-256 is stored (new path)
    note: str | None = None     # for duplicates and renames: what happened, for the report


def _copy_note(first: str, doc: str, identical: bool, where: str = "") -> str:
    what = "identical copy of" if identical else "same document as"
    tail = "" if identical else ", with different text"
    return f"{what} {first}{where} ({doc}){tail}; kept {first}"


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


@dataclass
class Ledger:
    """The stored documents by file, and this run's claims on them.

    >>> led = Ledger(["/d"], [("doc:a", "/d/a.md", "s1"), ("doc:h1", "/d/news.md", "s2")])
    >>> led.decide("/d/a.md", "doc:a", "s1").status
    'unchanged'
    >>> led.decide("/d/news.md", "doc:h2", "s3").status      # new text, new hash id
    'replaced'
    >>> led.seen_file("/d/b.md"); led.orphans()               # the old news id goes
    ['doc:h1']
    """
    roots: list[str]
    stored: list[tuple[str, str, str]]            # (doc id, file, sha256) of ingested documents
    exists: Callable[[str], bool] = os.path.exists
    shown: Callable[[str], str] = str               # how a path is named in notes
    by_doc: dict[str, tuple[str, str]] = field(init=False)
    by_file: dict[str, set[str]] = field(init=False)
    claims: dict[str, tuple[str, str]] = field(default_factory=dict)    # doc id -> (file, sha) this run
    produced: set[str] = field(default_factory=set)     # files that gave a document this run
    seen: set[str] = field(default_factory=set)         # every file this run looked at

    def __post_init__(self):
        self.roots = [os.path.abspath(r) for r in self.roots]
        self.by_doc, self.by_file = {}, {}
        for doc, file, sha in self.stored:
            file = os.path.abspath(file) if file else ""
            self.by_doc[doc] = (file, sha)
            self.by_file.setdefault(file, set()).add(doc)

    def seen_file(self, path: str) -> None:
        """A file of this run that gave no document (it failed): its stored facts stay."""
        self.seen.add(path)

    def decide(self, path: str, doc: str, sha: str) -> Decision:
        """What to do with the document ``doc`` (text ``sha``) read from ``path``."""
        self.seen.add(path)
        self.produced.add(path)
        if doc in self.claims:
            first, first_sha = self.claims[doc]
            return Decision("duplicate", False, note=_copy_note(self.shown(first), doc, first_sha == sha))
        self.claims[doc] = (path, sha)
        old = self.by_doc.get(doc)
        if old is None:
            return Decision("replaced" if self.by_file.get(path) else "added", True)
        old_file, old_sha = old
        if old_file == path:
            return Decision("unchanged", False) if old_sha == sha else Decision("replaced", True)
        if self.exists(old_file) and not _under(old_file, self.roots):
            return Decision("duplicate", False, note=_copy_note(old_file, doc, old_sha == sha, " (in the store)"))
        if self.exists(old_file):        # both in this run: the first in path order owns it
            return Decision("replaced", True, rewrite=True)
        return Decision("renamed", True, rewrite=True, note=f"{old_file} → {self.shown(path)}")

    def orphans(self) -> list[str]:
        """Stored documents of files that now give another document: they go."""
        return sorted(d for f in self.produced for d in self.by_file.get(f, ()) if d not in self.claims)

    def gone(self) -> dict[str, list[str]]:
        """{file: its stored documents} for stored files under this run's
        folders that no longer exist (a renamed file's documents excepted)."""
        out: dict[str, list[str]] = {}
        for file, docs in self.by_file.items():
            if file in self.seen or not _under(file, self.roots) or self.exists(file):
                continue
            left = sorted(d for d in docs if d not in self.claims)
            if left:
                out[file] = left
        return out
