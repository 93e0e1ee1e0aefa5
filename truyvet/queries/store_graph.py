"""A store read as a graph, one neighbourhood at a time.

The lineage functions (:mod:`truyvet.graph.lineage`) walk a networkx graph.
Reading a whole store into one costs seconds at 10k documents and minutes at
100k; a lineage question touches a few hundred nodes. :class:`StoreGraph` is
a ``MultiDiGraph`` that holds the documents and agencies (what
:func:`~truyvet.queries.resolve.resolve` searches) and fetches the edges of
a node from the store the first time a lineage function asks for them, so
the same functions give the same answers as on the whole graph.

A query read exactly needs no search: an id, a symbol the store's key
finds, a kind and number (the documents the engine's filter finds with that
number), or a name without a kind word (the agencies alone). The graph then
starts with just those nodes (``whole`` is false) instead of every document
and agency (2–4 s at 100k documents), and
:func:`~truyvet.queries.resolve.resolve` reads the rest
(:meth:`StoreGraph.load_all`) only when the exact reading does not answer.
"""
from __future__ import annotations

import networkx as nx

from truyvet.graph.stores.interface import SHARED_VALUES, intern_values
from truyvet.queries.resolve import TASK_LABEL, Query, parse_query
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES

_PREFIX_LABEL = {"task:": "Task", "agency:": "Agency", "person:": "Person"}
# Ids of nodes a whole graph does not hold either until an edge reaches them.
_UNLISTED = ("task:", "person:", "event:")
# LadybugDB answers an UNWIND of ids by scanning the tables (1.5–2 s at 100k
# documents, however few the ids) and a pattern keyed by one id from its
# index (~1.5 ms): up to this many nodes, one query each is faster.
PER_NODE_UP_TO = 500
# Ids per UNWIND: each costs that scan (2–3 s at 100k documents) whether it
# carries 5,000 ids or 50,000.
BATCH = 50_000


class StoreGraph(nx.MultiDiGraph):
    """The part of ``store`` a query about ``query`` needs, grown on demand.

    >>> from truyvet.graph.stores import open_store                 # doctest: +SKIP
    >>> from truyvet.queries.api import trace
    >>> with open_store() as store:                                  # doctest: +SKIP
    ...     step = trace(StoreGraph(store, "Thông báo 111"), "Thông báo 111")
    """

    def __init__(self, store, query: str | None = ""):
        super().__init__()
        self.store = store
        self._loaded: set[tuple[str, str, bool]] = set()
        self._keyed: dict[str, list[str] | None] = {}
        self._numbered: dict[str, list[str]] = {}
        self._agencies = False           # every agency read
        self._absent: set[str] = set()   # ids asked for that the store does not hold
        self.whole = False               # every document and agency read
        if query is not None:            # None: start empty, the caller reads what it needs
            self.prepare(query)

    def prepare(self, query: str) -> None:
        """Fetch what resolving ``query`` needs: the node it names by id, or
        the documents its symbol's key finds; else every document and agency,
        and the tasks with the label it names."""
        q = query.strip()
        if q and q not in self:
            self.load_node(q)
        if not (self.whole or (q and q in self) or (q and self._read_exact(parse_query(q)))):
            self.load_all()
        lm = TASK_LABEL.search(q)
        if lm and any(ch in lm.group(1) for ch in ".("):     # a task label: its tasks
            add_nodes(self, "Task", self._nodes("WHERE n.label = $task_label", "Task", task_label=lm.group(1)))

    def _read_exact(self, q: Query) -> bool:
        """Read what an exact reading of ``q`` needs, without a search: the
        documents of its symbol or of its number, or the agencies a name
        without a kind word may be. False when the query needs every document;
        :func:`~truyvet.queries.resolve.resolve` also reads them when this
        reading does not answer."""
        if q.label:
            return False
        if q.symbol:
            return bool(self.symbol_nodes(q.symbol))
        if q.number:
            return bool(self.number_nodes(q.number))
        if q.kind is None:
            self.load_agencies()
            return True
        return False

    def __contains__(self, n) -> bool:
        """``n in g`` as on a graph holding every document and agency: one
        not read yet is read now (lineage and pages ask for the document
        that reported a link, or a task's document, this way)."""
        if super().__contains__(n):
            return True
        if self.whole or not isinstance(n, str) or n in self._absent or n.startswith(_UNLISTED):
            return False
        label = "Agency" if n.startswith("agency:") else None
        for lb in [label] if label else ["Document", "Agency"]:
            rows = self._nodes("WHERE n.id = $id", lb, id=n)
            if rows:
                add_nodes(self, lb, rows)
                return True
        self._absent.add(n)
        return False

    def load_all(self) -> None:
        """Read every document and agency (what a search needs), once."""
        if not self.whole:
            self.whole = True
            add_nodes(self, "Document", self._nodes("", "Document"))
            self.load_agencies()

    def load_tasks(self, task_id: str | None = None, doc_id: str | None = None) -> None:
        """Read the task of this id when the store has it, else the tasks of
        this document, else every task (what a search of labels and text needs)."""
        rows = self._nodes("WHERE n.id = $v", "Task", v=task_id) if task_id else []
        if not rows:
            rows = self._nodes("WHERE n.doc_id = $v", "Task", v=doc_id) if doc_id else self._nodes("", "Task")
        add_nodes(self, "Task", rows)

    def load_agencies(self) -> None:
        """Read every agency, once: a few thousand where documents are 100,000s."""
        if not self._agencies:
            self._agencies = True
            add_nodes(self, "Agency", self._nodes("", "Agency"))

    def number_nodes(self, number: str) -> list[str]:
        """The documents that may carry this number (as
        :func:`~truyvet.queries.resolve.parse_query` gives it, without
        leading zeros): their own number, or the digits their symbol starts
        with. A superset the resolver narrows, read by the engine's own
        filter instead of every document."""
        if number not in self._numbered:
            rows = self._nodes("WHERE n.number =~ $number OR n.symbol =~ $symbol", "Document",
                               number=f"0*{number}", symbol=f"0*{number}([^0-9].*)?")
            add_nodes(self, "Document", rows)
            self._numbered[number] = [r["id"] for r in rows]
        return self._numbered[number]

    def symbol_nodes(self, key: str) -> list[str] | None:
        """The documents whose symbol has this folded key
        (:func:`~truyvet.loaders.keys.symbol_key`), read by the store's
        key; None when the store has no key (the caller searches)."""
        if key not in self._keyed:
            if not self.store.keyed:
                self._keyed[key] = None
            else:
                rows = self.store.query(f"MATCH (:Symbol {{id: $key}})<-[:HAS_SYMBOL]-(n:Document) "
                                        f"RETURN {columns('Document')} ORDER BY n.id", {"key": key})
                add_nodes(self, "Document", rows)
                self._keyed[key] = [r["id"] for r in rows]
        return self._keyed[key]

    # reading ---------------------------------------------------------------
    def _nodes(self, where: str, label: str, **params) -> list[dict]:
        return self.store.query(f"MATCH (n:{label}) {where} RETURN {columns(label)} ORDER BY n.id", params)

    def load_nodes(self, label: str, ids) -> None:
        """Fetch the ``label`` nodes of these ids not held yet (absent ones are skipped)."""
        add_nodes(self, label, node_rows(self.store, label, [i for i in ids if i not in self._node]))

    def load_node(self, node_id: str) -> bool:
        """Fetch one node by id; False if the store has none."""
        if node_id in self:
            return True
        labels = [lb for p, lb in _PREFIX_LABEL.items() if node_id.startswith(p)] or list(NODE_TABLES)
        for label in labels:
            rows = self._nodes("WHERE n.id = $id", label, id=node_id)
            if rows:
                add_nodes(self, label, rows)
                return True
        return False

    def load_edges(self, node: str, rels, incoming: bool, limit: int | None = None) -> None:
        """Fetch the ``rels`` edges into (or out of) ``node``, with their
        other ends, unless done before. With a ``limit``, at most that many
        per relation (by the other end's id), and the node is not marked done."""
        label = self.nodes[node].get("type")
        for rel in rels:
            a, b = REL_TABLES[rel]
            if (b if incoming else a) != label or (node, rel, incoming) in self._loaded:
                continue
            if limit is None:
                self._loaded.add((node, rel, incoming))
            tail = " ORDER BY o.id LIMIT $limit" if limit is not None else ""
            rows = self.store.query(f"MATCH {self._pattern(rel, incoming)} RETURN {returned(rel, incoming)}{tail}",
                                    {"id": node, **({"limit": limit} if limit is not None else {})})
            add_edges(self, rel, incoming, rows, lambda row: node)

    def load_edges_of(self, nodes, rels, incoming: bool) -> None:
        """:meth:`load_edges` for many nodes: one query a relation for up to
        :data:`BATCH` of them, where a lineage through thousands of tasks would ask
        thousands of times (a few hundred are still asked one at a time of
        the embedded store, see :data:`PER_NODE_UP_TO`)."""
        for rel in rels:
            a, b = REL_TABLES[rel]
            label = b if incoming else a
            todo = {n for n in nodes if self.nodes[n].get("type") == label and (n, rel, incoming) not in self._loaded}
            rows = rows_by_id(self.store, lambda key: self._pattern(rel, incoming, key),
                              f"n.id AS n_id, {returned(rel, incoming)}", todo)
            self._loaded.update((n, rel, incoming) for n in todo)
            add_edges(self, rel, incoming, rows, lambda row: row["n_id"])

    def count_edges(self, node: str, rel: str, incoming: bool) -> dict:
        """How many ``rel`` edges go into (or out of) ``node``, by role (None for a relation without roles)."""
        a, b = REL_TABLES[rel]
        if (b if incoming else a) != self.nodes[node].get("type"):
            return {}
        rows = self.store.query(f"MATCH {self._pattern(rel, incoming)} RETURN r.role AS role, count(*) AS n",
                                {"id": node})
        return {row["role"]: row["n"] for row in rows}

    @staticmethod
    def _pattern(rel: str, incoming: bool, key: str = "$id") -> str:
        """``n`` (its id ``key``) joined by ``rel`` to ``o``."""
        a, b = REL_TABLES[rel]
        return (f"(o:{a})-[r:{rel}]->(n:{b} {{id: {key}}})" if incoming
                else f"(n:{a} {{id: {key}}})-[r:{rel}]->(o:{b})")


# Rows into any graph, shaped as :meth:`~truyvet.graph.stores.interface.Store.to_networkx`
# shapes them: the part of a store the views read (:mod:`truyvet.queries.view_scope`)
# is a plain graph built with these.

def add_nodes(g: nx.MultiDiGraph, label: str, rows, prefix: str = "") -> None:
    """Add the nodes of ``rows`` not held yet (``in`` on a StoreGraph would ask the store)."""
    cols = [(c, prefix + c) for c in NODE_TABLES[label] if c != "id"]
    shared = [c for c, _ in cols if c in SHARED_VALUES]
    held = g._node
    for row in rows:
        n = row[prefix + "id"]
        if n not in held:
            attrs = {c: row[k] for c, k in cols}
            intern_values(attrs, shared)
            g.add_node(n, type=label, **attrs)


def returned(rel: str, incoming: bool, ends: bool = True) -> str:
    """The RETURN items of ``rel`` edges ``r`` with their other ends ``o``
    (only their id without ``ends``), as :func:`add_edges` reads them."""
    a, b = REL_TABLES[rel]
    return ", ".join([f"o.{c} AS o_{c}" for c in NODE_TABLES[a if incoming else b] if ends or c == "id"]
                     + [f"r.{c} AS r_{c}" for c in EDGE_PROPS])


def add_edges(g: nx.MultiDiGraph, rel: str, incoming: bool, rows, node_of) -> None:
    """Add the ``rel`` edges of ``rows`` (:func:`returned`) into (or out of)
    the node ``node_of(row)``, with their other ends unless held (rows
    without the ends' properties need them held); a row's edge key is
    build's, so a row read twice is one edge."""
    a, b = REL_TABLES[rel]
    other = a if incoming else b
    cols = [(c, "o_" + c) for c in NODE_TABLES[other] if c != "id"]
    props = [(c, "r_" + c) for c in EDGE_PROPS]
    shared_o = [c for c, _ in cols if c in SHARED_VALUES]
    shared_r = [c for c, _ in props if c in SHARED_VALUES]
    held = g._node
    for row in rows:
        oid, node = row["o_id"], node_of(row)
        if oid not in held:
            attrs = {c: row[k] for c, k in cols}
            intern_values(attrs, shared_o)
            g.add_node(oid, type=other, **attrs)
        attrs = {c: row[k] for c, k in props}
        intern_values(attrs, shared_r)
        u, v = (oid, node) if incoming else (node, oid)
        g.add_edge(u, v, key=f"{rel}|{attrs['source_id']}|{attrs['span_start']}|{v}", rel=rel, **attrs)


def columns(label: str, var: str = "n") -> str:
    """The RETURN items of every column of ``label`` nodes bound to ``var``, as :func:`add_nodes` reads them."""
    return ", ".join(f"{var}.{c} AS {c}" for c in NODE_TABLES[label])


def label_rows(store, label: str) -> list[dict]:
    """The rows of every ``label`` node (for agencies: a few thousand where tasks are millions)."""
    return store.query(f"MATCH (n:{label}) RETURN {columns(label)}")


def node_rows(store, label: str, ids) -> list[dict]:
    """The rows of the ``label`` nodes of these ids the store holds."""
    return rows_by_id(store, lambda key: f"(n:{label} {{id: {key}}})", columns(label), ids)


def rows_by_id(store, pattern, ret: str, ids) -> list[dict]:
    """The rows ``ret`` of ``pattern(key)`` (a pattern whose node ``n`` has the
    id ``key``) for each of ``ids``, in the order of the ids. A few are asked
    one query each of the embedded store, whose UNWIND scans the table (see
    :data:`PER_NODE_UP_TO`); more go :data:`BATCH` to a query."""
    todo = sorted(set(ids))
    if store.kind == "embedded" and len(todo) <= PER_NODE_UP_TO:
        return [r for i in todo for r in store.query(f"MATCH {pattern('$id')} RETURN {ret}", {"id": i})]
    return [r for k in range(0, len(todo), BATCH)
            for r in store.query(f"UNWIND $ids AS i MATCH {pattern('i')} RETURN {ret}", {"ids": todo[k:k + BATCH]})]
