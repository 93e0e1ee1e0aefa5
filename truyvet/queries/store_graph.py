"""A store read as a graph, one neighbourhood at a time.

The lineage functions (:mod:`truyvet.graph.lineage`) walk a networkx graph.
Reading a whole store into one costs seconds at 10k documents and minutes at
100k; a lineage question touches a few hundred nodes. :class:`StoreGraph` is
a ``MultiDiGraph`` that holds the documents and agencies (what
:func:`~truyvet.queries.resolve.resolve` searches) and fetches the edges of
a node from the store the first time a lineage function asks for them, so
the same functions give the same answers as on the whole graph.
"""
from __future__ import annotations

import networkx as nx

from truyvet.queries.resolve import TASK_LABEL
from truyvet.graph.schema import EDGE_PROPS, NODE_TABLES, REL_TABLES

_PREFIX_LABEL = {"task:": "Task", "agency:": "Agency", "person:": "Person"}


class StoreGraph(nx.MultiDiGraph):
    """The part of ``store`` a query about ``query`` needs, grown on demand.

    >>> from truyvet.graph.stores import open_store                 # doctest: +SKIP
    >>> from truyvet.queries.api import trace
    >>> with open_store() as store:                                  # doctest: +SKIP
    ...     step = trace(StoreGraph(store, "Thông báo 111"), "Thông báo 111")
    """

    def __init__(self, store, query: str = ""):
        super().__init__()
        self.store = store
        self._loaded: set[tuple[str, str, bool]] = set()
        for label in ("Document", "Agency"):
            self._add_rows(label, self._nodes("", label))
        self.prepare(query)

    def prepare(self, query: str) -> None:
        """Fetch what resolving ``query`` needs beyond documents and agencies:
        the node it names by id, or the tasks with the label it names."""
        q = query.strip()
        if q and q not in self:
            self.load_node(q)
        lm = TASK_LABEL.search(q)
        if lm and any(ch in lm.group(1) for ch in ".("):     # a task label: its tasks
            self._add_rows("Task", self._nodes("WHERE n.label = $task_label", "Task", task_label=lm.group(1)))

    # reading ---------------------------------------------------------------
    def _nodes(self, where: str, label: str, **params) -> list[dict]:
        ret = ", ".join(f"n.{c} AS {c}" for c in NODE_TABLES[label])
        return self.store.query(f"MATCH (n:{label}) {where} RETURN {ret} ORDER BY n.id", params)

    def _add_rows(self, label: str, rows: list[dict], prefix: str = "") -> None:
        for row in rows:
            attrs = {c: row[prefix + c] for c in NODE_TABLES[label]}
            self.add_node(attrs.pop("id"), type=label, **attrs)

    def load_node(self, node_id: str) -> bool:
        """Fetch one node by id; False if the store has none."""
        if node_id in self:
            return True
        labels = [lb for p, lb in _PREFIX_LABEL.items() if node_id.startswith(p)] or list(NODE_TABLES)
        for label in labels:
            rows = self._nodes("WHERE n.id = $id", label, id=node_id)
            if rows:
                self._add_rows(label, rows)
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
            other = a if incoming else b
            ret = ", ".join([f"o.{c} AS o_{c}" for c in NODE_TABLES[other]]
                            + [f"r.{c} AS r_{c}" for c in EDGE_PROPS])
            tail = " ORDER BY o.id LIMIT $limit" if limit is not None else ""
            rows = self.store.query(f"MATCH {self._pattern(rel, incoming)} RETURN {ret}{tail}",
                                    {"id": node, **({"limit": limit} if limit is not None else {})})
            for row in rows:
                oid = row["o_id"]
                if oid not in self:
                    self._add_rows(other, [row], prefix="o_")
                props = {c: row["r_" + c] for c in EDGE_PROPS}
                u, v = (oid, node) if incoming else (node, oid)
                self.add_edge(u, v, key=f"{rel}|{props['source_id']}|{props['span_start']}|{v}",
                              rel=rel, **props)

    def count_edges(self, node: str, rel: str, incoming: bool) -> dict:
        """How many ``rel`` edges go into (or out of) ``node``, by role (None for a relation without roles)."""
        a, b = REL_TABLES[rel]
        if (b if incoming else a) != self.nodes[node].get("type"):
            return {}
        rows = self.store.query(f"MATCH {self._pattern(rel, incoming)} RETURN r.role AS role, count(*) AS n",
                                {"id": node})
        return {row["role"]: row["n"] for row in rows}

    @staticmethod
    def _pattern(rel: str, incoming: bool) -> str:
        a, b = REL_TABLES[rel]
        return (f"(o:{a})-[r:{rel}]->(n:{b} {{id: $id}})" if incoming
                else f"(n:{a} {{id: $id}})-[r:{rel}]->(o:{b})")
