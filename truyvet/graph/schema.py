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
        "code": "STRING",        # the symbol's code when the number is left blank ("Số -KH/ĐU": KH/ĐU)
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
        "parser": "STRING",      # fingerprint of the extraction code (truyvet.graph.extractor)
        # JSON list of every file that gives this document when there are
        # several ({file, sha256, why}): the owner of its facts (file, sha256
        # above) first. See truyvet.graph.docmerge.
        "sources": "STRING",
        # JSON list of the merges into this node: the id it had without a
        # number, which fields agreed, the citing sentence or copy's file.
        "merged_from": "STRING",
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
        "key": "STRING",         # folded name + jurisdiction, see truyvet.graph.people
        "place": "STRING",       # the place of a local official; None for a central one
    },
    # A working session, conference or meeting (truyvet.loaders.events).
    "Event": {
        "id": "STRING",
        "kind": "STRING",        # working_session | conference | meeting | seminar
        "kind_text": "STRING",   # as written: "buổi làm việc", "Hội nghị"
        "date": "STRING",        # ISO YYYY-MM-DD
        "name": "STRING",        # the conference's name, or the body met
        "venue": "STRING",
        "label": "STRING",
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
    # People (truyvet.graph.people): role holds the roles the text gives, as
    # written and joined by "; ", dated by the asserting document (source_id).
    "MENTIONS": ("Document", "Person"),
    # "theo chỉ đạo / kết luận làm việc của đồng chí X": the source may be a
    # document the asserting one names, not itself.
    "DIRECTED_BY": ("Document", "Person"),
    # Meetings (truyvet.graph.events). News reach the documents they are
    # about through the meeting: Document -REPORTS_EVENT-> Event -RECORDED_IN->
    # Document (the Thông báo kết luận); REPORTS stays the task-status relation.
    "REPORTS_EVENT": ("Document", "Event"),
    "RECORDED_IN": ("Event", "Document"),
    "CHAIRED_BY": ("Event", "Person"),
    "ATTENDED_BY": ("Event", "Person"),
    "HELD_WITH": ("Event", "Agency"),
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
                              # people's edges: the roles as written; RECORDED_IN: "matched" when inferred;
                              # SUCCEEDED_BY: renamed | merged_into | split_into | ended
    "effective": "STRING",    # SUCCEEDED_BY: ISO date (or YYYY-MM, YYYY) the successor took over
    "purpose": "STRING",      # SENT_TO: e.g. "để báo cáo"
    "cue": "STRING",          # the words that decided the relation
    "reported_by": "STRING",  # set when a third document reports the link
}

# Lookup keys: access paths a store keeps beside the graph, not facts.
# LadybugDB indexes only a node table's primary key, so "the documents with
# this symbol" was a scan of every Document (26 ms at 100k documents); a
# Symbol node per folded symbol (truyvet.loaders.keys.symbol_key), joined to
# every document that carries it, makes it two key lookups. A local symbol
# (53-KH/TU) names one document per province, so one key has many documents.
# The stores derive these from Document.symbol on every write (see
# truyvet.graph.stores.keys); they are not in NODE_TABLES / REL_TABLES, so the
# graph readers, the fragments and the RDF export never see them: the symbol
# itself is already a property of each document.
KEY_TABLES: dict[str, dict[str, str]] = {
    "Symbol": {"id": "STRING"},          # symbol_key of Document.symbol
}
KEY_RELS: dict[str, tuple[str, str]] = {
    "HAS_SYMBOL": ("Document", "Symbol"),
}

DOC_RELATIONS = ("IMPLEMENTS", "BASED_ON", "CITES")
# Relations a document may assert from a node other than itself or its tasks.
UNANCHORED = DOC_RELATIONS + ("DIRECTED_BY",)
ROLES = ("lead", "coordinate", "monitor")
