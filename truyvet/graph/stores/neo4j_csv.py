"""The embedded store's tables as ``neo4j-admin database import`` CSV files.

One header file and one data file per node label and relationship type,
named by the schema (:mod:`truyvet.graph.schema`), so the import writes the
same labels, types and typed properties as the transactional push. The data
files are written by LadybugDB itself (``COPY (MATCH …) TO``), which streams
millions of rows a second and already writes what neo4j-admin reads: an
empty string quoted (``""``), a null as an empty unquoted field (no
property), quotes doubled. A node's id is the record id Neo4j gives it
(``--id-type=actual``): its row offset in its table, shifted past the
tables before it, so the tool maps no ids (at 100k documents the load
took 7 % less time on a quiet machine, 30 % less on a busy one). Offsets
may have holes where rows were deleted; Neo4j leaves those records unused.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from truyvet.graph.schema import EDGE_PROPS, KEY_RELS, KEY_TABLES, NODE_TABLES, REL_TABLES

# schema type -> neo4j-admin header type (STRING is the default, left implicit)
ADMIN_TYPES = {"INT64": "long", "BOOLEAN": "boolean"}


def admin_header(name: str, typ: str) -> str:
    """A typed column of a neo4j-admin header.

    >>> admin_header("span_start", "INT64"), admin_header("stub", "BOOLEAN"), admin_header("quote", "STRING")
    ('span_start:long', 'stub:boolean', 'quote')
    """
    t = ADMIN_TYPES.get(typ)
    return f"{name}:{t}" if t else name


ID_TYPE = "actual"                # what the :ID columns hold: Neo4j's record ids
# The symbol key goes too, so the server need not rebuild it on its first open.
_NODES = {**NODE_TABLES, **KEY_TABLES}
_RELS = {**REL_TABLES, **KEY_RELS}


def _props(rel: str) -> dict[str, str]:
    return EDGE_PROPS if rel in REL_TABLES else {}          # a key has no evidence


def node_header(label: str) -> list[str]:
    """
    >>> node_header("Agency")
    [':ID', 'id', 'name', 'key', 'place', 'collective:boolean']
    """
    return [":ID"] + [admin_header(c, t) for c, t in _NODES[label].items()]


def rel_header(rel: str) -> list[str]:
    """
    >>> rel_header("ASSIGNS")[:4]
    [':START_ID', ':END_ID', 'source_id', 'file']
    """
    return [":START_ID", ":END_ID"] + [admin_header(c, t) for c, t in _props(rel).items()]


def _column(var: str, name: str, typ: str) -> str:
    """A column as neo4j-admin reads it: booleans in lower case (it takes "True" for false).

    >>> _column("n", "stub", "BOOLEAN")
    'lower(CAST(n.`stub` AS STRING))'
    """
    col = f"{var}.`{name}`"
    return f"lower(CAST({col} AS STRING))" if typ == "BOOLEAN" else col


def node_query(label: str, base: int) -> str:
    """
    >>> node_query("Person", 10)
    'MATCH (n:`Person`) RETURN offset(ID(n)) + 10, n.`id`, n.`name`, n.`key`, n.`place`'
    """
    cols = ", ".join(_column("n", c, t) for c, t in _NODES[label].items())
    return f"MATCH (n:`{label}`) RETURN offset(ID(n)) + {base}, {cols}"


def rel_query(rel: str, bases: dict[str, int]) -> str:
    a, b = _RELS[rel]
    cols = "".join(", " + _column("r", c, t) for c, t in _props(rel).items())
    return (f"MATCH (a:`{a}`)-[r:`{rel}`]->(b:`{b}`) "
            f"RETURN offset(ID(a)) + {bases[a]}, offset(ID(b)) + {bases[b]}{cols}")


def id_bases(store, labels: list[str]) -> dict[str, int]:
    """Each label's first node id: past the last row offset of the labels before it."""
    bases, end = {}, 0
    for label in labels:
        bases[label] = end
        last = store.query(f"MATCH (n:`{label}`) RETURN max(offset(ID(n))) AS m")[0]["m"]
        end += 0 if last is None else last + 1
    return bases


@dataclass
class Source:
    """One ``--nodes``/``--relationships`` argument: a header and a data file."""
    name: str              # label or relationship type
    header: str
    data: str
    rows: int
    multiline: bool        # a value spans lines: the file needs --multiline-fields

    def arg(self, kind: str) -> str:
        return f"--{kind}={self.name}={self.header},{self.data}"


@dataclass
class ImportFiles:
    folder: str
    nodes: list[Source] = field(default_factory=list)
    rels: list[Source] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return sum(s.rows for s in self.nodes)

    @property
    def rel_count(self) -> int:
        return sum(s.rows for s in self.rels)

    def args(self) -> list[str]:
        """The file arguments of ``neo4j-admin database import full``."""
        out = [f"--id-type={ID_TYPE}"]
        out += [s.arg("nodes") for s in self.nodes] + [s.arg("relationships") for s in self.rels]
        multi = [s.data for s in self.nodes + self.rels if s.multiline]
        if multi:
            # v2 names the files whose fields span lines; the others keep the fast parser.
            out += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(multi)]
        return out


def _line_breaks(path: str) -> tuple[int, bool]:
    """Line feeds in a file, and whether it holds a carriage return."""
    lf, cr = 0, False
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            lf += chunk.count(b"\n")
            cr = cr or b"\r" in chunk
    return lf, cr


def write_import_csv(store, folder: str) -> ImportFiles:
    """Write every non-empty table of an embedded store into ``folder``.

    ``store`` is an :class:`~truyvet.graph.stores.embedded.EmbeddedStore`
    (read-only is enough). A file whose line count exceeds its row count
    holds a value with a line break, and is named for --multiline-fields.
    """
    os.makedirs(folder, exist_ok=True)
    files = ImportFiles(folder)
    counts = store.counts()
    nodes, rels = list(NODE_TABLES), list(REL_TABLES)
    if store.keyed:
        nodes += KEY_TABLES
        rels += KEY_RELS
        counts["Symbol"] = store.query("MATCH (k:Symbol) RETURN count(k) AS n")[0]["n"]
        counts["HAS_SYMBOL"] = store.query("MATCH ()-[r:HAS_SYMBOL]->() RETURN count(r) AS n")[0]["n"]
    bases = id_bases(store, nodes)
    jobs = [("nodes", label, node_header(label), node_query(label, bases[label])) for label in nodes if counts[label]]
    jobs += [("rels", rel, rel_header(rel), rel_query(rel, bases)) for rel in rels if counts[rel]]
    data = {name: os.path.join(folder, f"{kind}_{name}.csv") for kind, name, _, _ in jobs}

    def write(job) -> tuple[int, bool]:
        _, name, _, query = job
        store.copy_to_csv(query, data[name])
        return _line_breaks(data[name])

    # One table's COPY keeps about one core busy: two tables at a time, the
    # largest first so that both finish close together (100k documents'
    # 442 MB: 3.8-4.0 s one at a time, 2.5-2.8 s two at a time).
    largest = sorted(jobs, key=lambda j: -counts[j[1]])
    with ThreadPoolExecutor(max_workers=2) as pool:
        breaks = dict(zip((j[1] for j in largest), pool.map(write, largest)))
    for kind, name, header, _ in jobs:
        head = os.path.join(folder, f"{kind}_{name}.header.csv")
        with open(head, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(header) + "\n")
        lf, cr = breaks[name]
        rows = counts[name]
        getattr(files, kind).append(Source(name, head, data[name], rows, multiline=cr or lf != rows))
    return files
