"""The typed graph schema shared by every store.

Embedded engines of the Kùzu family need declared node and relationship
tables, and Neo4j needs uniqueness constraints for safe MERGE; both are
generated from this one description so the stores cannot drift apart.

Every relationship carries the same evidence properties, so any edge can be
traced back to the file, the character span and the sentence that proves it.
"""
from __future__ import annotations

# Node label -> ordered {property: type}. "id" is the primary key everywhere.
NODE_TABLES: dict[str, dict[str, str]] = {
    "Document": {
        "id": "STRING",
        "kind": "STRING",        # enum, see truyvet.loaders.kinds.KINDS
        "kind_text": "STRING",   # the kind word as written
        "symbol": "STRING",      # canonical symbol, e.g. 111-TB/VPTW
        "number": "STRING",
        "date": "STRING",        # ISO YYYY-MM-DD
        "issuer": "STRING",
        "place": "STRING",
        "title": "STRING",
        "term": "STRING",        # Party term (khóa), e.g. XIII
        "signer": "STRING",
        "label": "STRING",       # short display label
        "stub": "BOOLEAN",       # referenced but not ingested
        "file": "STRING",
        "sha256": "STRING",
    },
    "Task": {
        "id": "STRING",
        "label": "STRING",       # label path, e.g. II.2.(14)
        "text": "STRING",
        "doc_id": "STRING",
        "deadline": "STRING",    # as written
        "deadline_date": "STRING",  # ISO date when the deadline is a day
        "period": "STRING",      # normalised period, e.g. 2022-Q3
        "file": "STRING",
        "sha256": "STRING",
        "span_start": "INT64",
        "span_end": "INT64",
    },
    "Agency": {
        "id": "STRING",
        "name": "STRING",        # display name, city resolved
        "key": "STRING",         # folded comparison key
        "place": "STRING",
        "collective": "BOOLEAN", # a group such as "các sở, ban, ngành"
    },
    "Person": {
        "id": "STRING",
        "name": "STRING",
    },
}

# Relationship type -> (from label, to label).
REL_TABLES: dict[str, tuple[str, str]] = {
    "IMPLEMENTS": ("Document", "Document"),
    "BASED_ON": ("Document", "Document"),
    "CITES": ("Document", "Document"),
    "HAS_TASK": ("Document", "Task"),
    "ASSIGNS": ("Task", "Agency"),
    "ISSUED_BY": ("Document", "Agency"),
    "SIGNED_BY": ("Document", "Person"),
    "SENT_TO": ("Document", "Agency"),
    "SUCCEEDED_BY": ("Agency", "Agency"),
    # A later document stating where the tasks of another stand (a status
    # row or sentence, see truyvet.loaders.status); the target is the
    # reporting document itself when the statement names no other.
    "REPORTS": ("Document", "Document"),
}

# Properties every relationship carries (uniform, so one bulk path loads all).
EDGE_PROPS: dict[str, str] = {
    "source_id": "STRING",    # id of the document whose text asserts the edge
    "file": "STRING",
    "sha256": "STRING",
    "span_start": "INT64",
    "span_end": "INT64",
    "quote": "STRING",        # the evidence sentence, exactly as in the file
    "role": "STRING",         # ASSIGNS: lead | coordinate | monitor; REPORTS: done | not_done | in_progress;
                              # SUCCEEDED_BY: renamed | merged_into | split_into | ended
    "effective": "STRING",    # SUCCEEDED_BY: ISO date (or YYYY-MM, YYYY) the successor took over
    "purpose": "STRING",      # SENT_TO: e.g. "để báo cáo"
    "cue": "STRING",          # the words that decided the relation
    "reported_by": "STRING",  # set when a third document reports the link
}

DOC_RELATIONS = ("IMPLEMENTS", "BASED_ON", "CITES")
ROLES = ("lead", "coordinate", "monitor")
