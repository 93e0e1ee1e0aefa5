"""Injection payloads against the read-only guard of ``store.query``.

Every write or side-effect clause either engine has, hidden every way a
tokenizer can be fooled (a comment ended by each line-break character, block
comments, UNION, CALL {}, WITH *, a second statement, odd case and spaces),
run as a read query on the real embedded store and the real Neo4j server. A
payload is refused when the query raises and nothing changed: the graph,
LadybugDB's catalog comments, and an HTTP listener a LOAD CSV would call.
"""
from __future__ import annotations

import http.server
import threading
from pathlib import Path

from common import store_digest

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
WRITES = [
    "CREATE (x:Document {{id: 'pwned'}})", "MERGE (x:Document {{id: 'pwned'}})",
    "MATCH (x:Document) SET x.title = 'pwned'", "MATCH (x:Document) DETACH DELETE x",
    "MATCH (x:Document) REMOVE x.title", "LOAD CSV FROM '{url}' AS l RETURN l",
    "LOAD FROM '{url}' RETURN *", "COMMENT ON TABLE Document IS 'pwned'", "CALL threads=1",
    "INSTALL httpfs", "UNINSTALL json", "DROP TABLE Person", "ALTER TABLE Person ADD pwned STRING",
    "COPY Person FROM '{url}'", "EXPORT DATABASE '{tmp}/export'", "ATTACH '{tmp}/x.lbdb' AS x",
    "USE x MATCH (d) RETURN d", "CHECKPOINT", "BEGIN TRANSACTION", "UPDATE Document SET title = 'pwned'",
    "FOREACH (i IN [1] | CREATE (:Document {{id: 'pwned'}}))",
]
HIDES = (["{w}", "{w_lower}", "/* c */ {w}", "/* c\n*/{w}", "MATCH (d:Document) WITH * {w}",
          "MATCH (d:Document) WITH d {w}", "MATCH (d:Document) RETURN d.id AS id; {w}",
          "RETURN 1 AS x UNION ALL {w}", "CALL {{ {w} }} RETURN 1 AS one",
          "MATCH (d:Document) WHERE EXISTS {{ {w} }} RETURN d", "{w_nbsp}"]
         + [f"MATCH (d:Document) // c{b}{{w}}" for b in LINE_BREAKS]
         + [f"// c{b}{{w}}" for b in LINE_BREAKS])


def payloads(url: str, tmp: str) -> list[str]:
    out = []
    for w in WRITES:
        text = w.format(url=url, tmp=tmp)
        forms = {"w": text, "w_lower": text.lower().replace(url.lower(), url),
                 "w_nbsp": text.replace(" ", "\u00a0", 1)}
        out += [h.format(**forms) for h in HIDES]
    return out


class Listener:
    """A local HTTP server counting the requests it receives."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"id\npwned\n")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/x.csv"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _state(store) -> tuple:
    catalog = store._read("CALL show_tables() RETURN *", {}) if store.kind == "embedded" else []
    return store_digest(store), repr(catalog)


def attack(store, tmp: Path, log=print) -> dict:
    """Run every payload as a read query on ``store``; count what it let through.

    A query that raised was rolled back, so the state is compared after the
    ones that ran (and once at the end, to be sure)."""
    lst = Listener()
    refused = executed = harmful = 0
    shown = 0
    try:
        start = before = _state(store)
        for p in payloads(lst.url, str(tmp)):
            hits = len(lst.hits)
            try:
                store.query(p)
                ok, executed = False, executed + 1
            except Exception:
                ok = True
            now = before if ok else _state(store)
            harm = now != before or len(lst.hits) > hits
            if harm:
                harmful += 1
                before = now
            if ok and not harm:
                refused += 1
            elif shown < 8:
                shown += 1
                log(f"    {'HARM' if harm else 'ran '} {p[:100]!r}")
        if _state(store) != before:
            harmful += 1
            log("    HARM: the store changed under a refused payload")
        changed = _state(store) != start
    finally:
        lst.close()
    total = len(payloads("u", "t"))
    log(f"  {store.kind}: {refused}/{total} payloads refused, {executed} ran, {harmful} changed something "
        f"or fetched a URL")
    return {"payloads": total, "refused": refused, "executed": executed, "harmful": harmful,
            "store_changed": changed}


def run(work: Path, seeds: Path, neo4j: bool, log=print) -> dict:
    from truyvet.graph.stores import open_store
    from truyvet.queries.ingest import ingest_paths

    work.mkdir(parents=True, exist_ok=True)
    out = {}
    with open_store("embedded", path=work / "graph.lbdb") as s:
        ingest_paths(s, [str(seeds)], workers=1)
        out["embedded"] = attack(s, work, log)
    if neo4j:
        with open_store("neo4j") as s:
            s.clear()
            ingest_paths(s, [str(seeds)], workers=1)
            out["neo4j"] = attack(s, work, log)
    return out
