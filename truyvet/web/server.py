"""``truyvet serve``: a local, read-only web explorer over a graph or a store.

The web stack is the standard library's ``http.server`` (a threading
server): the explorer answers a handful of GET routes for one person on
their own machine, so a framework would add dependencies and nothing the
routes need. The graph work is serialised behind one lock (a
:class:`~truyvet.queries.store_graph.StoreGraph` fills itself as questions
come); static files are served beside it. Only GET and HEAD are answered,
and only for a Host naming this machine (a page elsewhere cannot reach the
explorer through a rebound DNS name).

Routes: ``/`` · ``/search?q=`` · ``/node/{id}`` (a document, agency or task
page) · ``/graph/{id}`` (the graph view, growing on demand) ·
``/api/search?q=`` · ``/api/node/{id}`` · ``/api/neighbours/{id}`` ·
``/api/document/{id}`` · ``/api/agency/{id}`` · ``/static/{file}``.
"""
from __future__ import annotations

import json
import mimetypes
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import networkx as nx

from truyvet.errors import QueryError
from truyvet.queries import explore
from truyvet.queries.viz import explorer_page
from truyvet.queries.viz.page import asset_path
from truyvet.web import pages

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Explorer:
    """The answers, as (status, content type, body): testable without a socket."""

    def __init__(self, g: nx.MultiDiGraph, store: str = "", counts: dict | None = None):
        self.g = g
        self.store = store
        self.counts = counts or {}
        self.lock = threading.Lock()

    def handle(self, path: str) -> tuple[int, str, bytes, dict]:
        parts = urlsplit(path)
        route, _, rest = parts.path.lstrip("/").partition("/")
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        node_id = unquote(rest)
        try:
            if route == "api":
                return self._api(node_id, query)
            if route == "static":
                return self._static(rest)
            with self.lock:
                return self._page(route, node_id, query)
        except explore.NotFound as exc:
            return self._error(HTTPStatus.NOT_FOUND, str(exc), route == "api")
        except QueryError as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc), route == "api")

    # --- JSON ---------------------------------------------------------------------------
    def _api(self, rest: str, query: dict):
        what, _, node_id = rest.partition("/")
        with self.lock:
            if what == "search":
                if not query.get("q", "").strip():
                    raise QueryError("thiếu ?q= (what to search for)")
                body = explore.search(self.g, query["q"])
            elif what == "node" and node_id:
                body = explore.node(self.g, node_id)
            elif what == "neighbours" and node_id:
                body = explore.neighbours(self.g, node_id, _limit(query))
            elif what == "document" and node_id:
                body = explore.document(self.g, node_id)
            elif what == "agency" and node_id:
                body = explore.agency(self.g, node_id)
            else:
                return self._error(HTTPStatus.NOT_FOUND, f"không có đường dẫn /api/{rest}", True)
        return 200, "application/json; charset=utf-8", json.dumps(body, ensure_ascii=False).encode(), {}

    # --- pages ----------------------------------------------------------------------------
    def _page(self, route: str, node_id: str, query: dict):
        if route == "favicon.ico":
            return 204, "image/x-icon", b"", {}
        if route == "" and not node_id:
            return _html(pages.home(self.counts, self.store))
        if route == "search":
            q = query.get("q", "").strip()
            if not q:
                return 302, "text/plain", b"", {"Location": "/"}
            result = explore.search(self.g, q)
            if result["count"] == 1:
                return 302, "text/plain", b"", {"Location": pages.href("node", result["matches"][0]["id"])}
            return _html(pages.search(result))
        if route == "node" and node_id:
            rec = explore.node(self.g, node_id)
            if rec["type"] == "Document":
                return _html(pages.document(explore.document(self.g, node_id)))
            if rec["type"] == "Agency":
                return _html(pages.agency(explore.agency(self.g, node_id)))
            around = explore.neighbours(self.g, node_id)
            return _html(pages.task(rec, around) if rec["type"] == "Task" else pages.other(rec, around))
        if route == "graph" and node_id:
            view = explore.neighbours(self.g, node_id)
            rec = next(r for r in view["nodes"] if r["id"] == node_id)
            nav = (f'<a href="{pages.href("node", node_id)}">← trang chi tiết</a> <a href="/">Trang chủ</a>')
            return _html(explorer_page(view, node_id, f"Đồ thị: {rec['label']}", static="/static", api="/api",
                                       nav=nav, note="Bấm đúp một nút để tải các liên kết của nó từ kho."))
        return self._error(HTTPStatus.NOT_FOUND, f"không có trang /{route}", False)

    def _static(self, name: str):
        name = unquote(name)
        path = Path(str(resources.files("truyvet.web").joinpath("assets", name))) if name == "site.css" \
            else asset_path(name)
        if path is None or "/" in name or not path.is_file():
            return self._error(HTTPStatus.NOT_FOUND, f"không có tệp {name}", False)
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return 200, f"{kind}; charset=utf-8", path.read_bytes(), {"Cache-Control": "max-age=3600"}

    def _error(self, status: int, message: str, as_json: bool):
        if as_json:
            return status, "application/json; charset=utf-8", json.dumps(
                {"error": message}, ensure_ascii=False).encode(), {}
        return status, "text/html; charset=utf-8", pages.error(status, message).encode(), {}


def _limit(query: dict) -> int:
    try:
        return max(1, min(int(query.get("limit", explore.LIMIT)), 5000))
    except ValueError:
        raise QueryError("limit phải là một số (limit must be a number)") from None


def _html(text: str):
    return 200, "text/html; charset=utf-8", text.encode(), {}


class _Handler(BaseHTTPRequestHandler):
    explorer: Explorer
    server_version = "truyvet"
    quiet = False

    def do_GET(self):
        self._answer(send_body=True)

    def do_HEAD(self):
        self._answer(send_body=False)

    def _answer(self, send_body: bool):
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        bound = self.server.server_address[0]
        if host not in LOCAL_HOSTS | {bound}:
            status, kind, body, extra = 421, "text/plain; charset=utf-8", b"wrong Host\n", {}
        else:
            started = time.perf_counter()
            status, kind, body, extra = self.explorer.handle(self.path)
            extra = {**extra, "Server-Timing": f"app;dur={(time.perf_counter() - started) * 1000:.1f}"}
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in extra.items():
            self.send_header(k, quote(v, safe="/:;=,.%-_ ") if k == "Location" else v)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)


def make_server(explorer: Explorer, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False) -> ThreadingHTTPServer:
    """A server for ``explorer`` (port 0: any free port); ``serve_forever`` it."""
    handler = type("Handler", (_Handler,), {"explorer": explorer, "quiet": quiet})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
