"""The page itself: one HTML file with its data, styles and scripts.

A static page (``truyvet viz``) inlines everything, vis-network included, so
it opens from disk with no network at all; the explorer (``truyvet serve``)
links the same files from its own server. vis-network is the copy pyvis
ships (pyvis < 0.4 pins vis-network 9.1.2); pyvis's own page pulls Bootstrap
and vis from CDNs, so only its files are used. The output is byte-identical
for the same graph.
"""
from __future__ import annotations

import html
import importlib.util
import json
import sys
from functools import lru_cache
from importlib import resources
from pathlib import Path

from truyvet.queries.viz.style import style_json

VIS_FILES = ("vis-network.min.js", "vis-network.css")
SCRIPTS = {"lineage": ("common.js", "records.js", "layout.js", "panel.js", "explore.js"),
           "overview": ("common.js", "panel.js", "overview.js")}


def assemble(data: dict, meta: dict, *, mode: str, title: str, note: str, legend: str, counts: str = "",
             grouped: bool = False, static: str | None = None, nav: str = "", filters: str = "") -> str:
    """The page for ``data`` (records) and ``meta`` (focus, api, …); ``static``
    is the URL the scripts are served from, None to inline them."""
    if static is None:
        head = f"<style>{asset_text('vis-network.css')}</style>\n<style>{asset_text('page.css')}</style>"
        scripts = "\n".join(f"<script>{asset_text(n)}</script>" for n in ("vis-network.min.js", *SCRIPTS[mode]))
    else:
        head = "\n".join(f'<link rel="stylesheet" href="{static}/{n}">' for n in ("vis-network.css", "page.css"))
        scripts = "\n".join(f'<script src="{static}/{n}"></script>' for n in ("vis-network.min.js", *SCRIPTS[mode]))
    return asset_text("page.html").format(
        title=html.escape(title), heading=html.escape(title), head=head, mode=mode,
        counts=html.escape(counts), note=html.escape(note), note_class="grouped" if grouped else "all",
        nav=nav, filters=filters, legend=legend, legend_open="" if mode == "lineage" else " open",
        style=to_json(style_json()), meta=to_json(meta), data=to_json(data), scripts=scripts)


def write(text: str, path: str | Path) -> Path:
    """``text`` to ``path`` ("-": standard output)."""
    if str(path) == "-":
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return Path("-")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def to_json(obj) -> str:
    """JSON safe inside <script>: no "</script>", no "<!--", same bytes for the same data."""
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def asset_path(name: str) -> Path | None:
    """Where a served file lives: vis-network from pyvis's package, the rest beside this module."""
    if name in VIS_FILES:
        # Found without importing pyvis, which imports IPython (a second of start-up).
        spec = importlib.util.find_spec("pyvis")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("pyvis is not installed: it ships the vis-network files the pages use")
        return Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2" / name
    if name in {"page.css", "page.html"} | {s for names in SCRIPTS.values() for s in names}:
        return Path(str(resources.files("truyvet.queries.viz").joinpath("assets", name)))
    return None


@lru_cache(maxsize=None)
def asset_text(name: str) -> str:
    path = asset_path(name)
    if path is None:
        raise KeyError(name)
    text = path.read_text(encoding="utf-8")
    if name in VIS_FILES and ("</script" in text.lower() or "</style" in text.lower() or "<!--" in text):
        raise RuntimeError(f"pyvis's {name} cannot be inlined safely")
    return text
