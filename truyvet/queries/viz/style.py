"""How the pages look: colours, shapes and line styles, the vis-network options, and the legend.

The tables are handed to the page as JSON (the browser styles records with
them) and drawn in the legend here, so the two cannot disagree. A node or
link type the tables do not know is drawn in neutral grey with its own name.
"""
from __future__ import annotations

import html

from truyvet.graph.schema import REL_TABLES
from truyvet.loaders.kinds import kind_word
from truyvet.queries.words import FACTS, ROLE, TYPE, relation

# (border, fill) per document kind; related kinds share a hue so the legend stays short.
KIND_COLOUR = {
    "resolution": ("#7b3fb8", "#ece1f7"), "conclusion": ("#2f5fb3", "#dfe8f8"),
    "notice": ("#2f5fb3", "#dfe8f8"), "directive": ("#a8398f", "#f6e0f1"),
    "plan": ("#16877a", "#d9f1ee"), "programme": ("#1a86a8", "#daeff6"),
    "scheme": ("#1a86a8", "#daeff6"), "decision": ("#4e5fb0", "#e3e6f6"),
    "regulation": ("#5b4fa0", "#e6e3f3"), "rules": ("#5b4fa0", "#e6e3f3"),
    "guidance": ("#3f8f8a", "#dff0ef"), "official_letter": ("#4f7396", "#e2eaf2"),
    "report": ("#6f7f90", "#e9edf1"), "submission": ("#6f7f90", "#e9edf1"),
    "law": ("#8a6236", "#f2e8dc"), "decree": ("#8a6236", "#f2e8dc"), "circular": ("#8a6236", "#f2e8dc"),
    "constitution": ("#8a6236", "#f2e8dc"), "charter": ("#8a6236", "#f2e8dc"),
    "news_article": ("#7d7d7d", "#eeeeee"), "other": ("#7d7d7d", "#eeeeee"),
}
# type -> (corners, border, fill); "other" is any type the pages do not know yet.
TYPE_STYLE = {
    "Task": ("round", "#3c8d40", "#e3f4e1"),
    "Agency": ("round", "#c46a16", "#fde7d2"),
    "Person": ("round", "#6a5d8f", "#ebe7f5"),
    "Group": ("square", "#8a8a8a", "#f3f3f3"),
    "Handle": ("square", "#6b6b6b", "#eeeeee"),
    "other": ("square", "#5f6b76", "#e8ecef"),
}
# A task's tracking state on a day (truyvet.tracking.events.STATES) -> (border, fill, words).
STATE_STYLE = {
    "done_on_time": ("#2e7d32", "#c8e6c9", "hoàn thành đúng hạn"),
    "done_late": ("#8d6e00", "#fff3b0", "hoàn thành quá hạn"),
    "in_progress": ("#1f6fb2", "#d6eaf8", "đang thực hiện trong hạn"),
    "overdue": ("#b71c1c", "#f8c9c4", "quá hạn"),
    "done": ("#2e7d32", "#c8e6c9", "đã hoàn thành (không có hạn)"),
}
# key (relation, role, or IMPLEMENTS* for a link a third document reports) -> line style;
# ``tag`` is written on the line itself (only lineage links: role labels would pile up).
EDGE_STYLE = {
    "IMPLEMENTS": {"label": "thực hiện", "color": "#1f4e9c", "width": 2.6, "dashes": False, "tag": "thực hiện"},
    "IMPLEMENTS*": {"label": "thực hiện, theo một văn bản khác nêu", "color": "#5b84c9", "width": 2.0,
                    "dashes": [10, 6], "tag": "thực hiện*"},
    "BASED_ON": {"label": "căn cứ", "color": "#16877a", "width": 2.0, "dashes": False, "tag": "căn cứ"},
    "CITES": {"label": "dẫn chiếu", "color": "#9a9a9a", "width": 1.2, "dashes": [2, 5]},
    "HAS_TASK": {"label": "có nhiệm vụ", "color": "#9fb7a1", "width": 1.2, "dashes": False},
    "ISSUED_BY": {"label": "ban hành bởi", "color": "#b0a48a", "width": 1.0, "dashes": [4, 4]},
    "SIGNED_BY": {"label": "người ký", "color": "#8e7fb8", "width": 1.0, "dashes": [4, 4]},
    "SENT_TO": {"label": "gửi", "color": "#cfc6b0", "width": 0.8, "dashes": [1, 4]},
    "SUCCEEDED_BY": {"label": "được kế tiếp bởi", "color": "#6d6d6d", "width": 1.4, "dashes": [8, 3]},
    "lead": {"label": "chủ trì", "color": "#c0392b", "width": 2.4, "dashes": False},
    "coordinate": {"label": "phối hợp", "color": "#e0a33a", "width": 1.3, "dashes": [6, 4]},
    "monitor": {"label": "theo dõi, đôn đốc", "color": "#8e44ad", "width": 1.6, "dashes": [2, 4]},
    "ASSIGNS": {"label": "giao nhiệm vụ", "color": "#c0392b", "width": 1.6, "dashes": False},
}
FONT = "DejaVu Sans, Arial, sans-serif"
MIN_SCALE = 0.62     # below this a 14 px label is under 9 px on screen: the first view never goes lower
READ_SCALE = 1.0     # a search hit is shown at this scale


def style_json() -> dict:
    """What the page's scripts need to style records and speak Vietnamese."""
    rel_words = {f"{rel}{'>' if out else '<'}": relation(rel, outgoing=out)
                 for rel in REL_TABLES for out in (True, False)}
    return {"kinds": KIND_COLOUR, "types": TYPE_STYLE, "edges": EDGE_STYLE, "states": STATE_STYLE, "min_scale": MIN_SCALE,
            "read_scale": READ_SCALE, "options": lineage_options(),
            "words": {"type": {**TYPE, "Group": "nhóm không vẽ"}, "role": ROLE, "rel": rel_words,
                      "facts": {t: [list(p) for p in pairs] for t, pairs in FACTS.items()}}}


def lineage_options() -> dict:
    return {
        "autoResize": True,
        "nodes": {"font": {"face": FONT, "size": 14}, "margin": 7},
        "edges": {"font": {"face": FONT, "size": 11, "align": "middle", "color": "#444444", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "selectionWidth": 2,
                  "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                             "roundness": 0.45}},
        "interaction": {"hover": True, "tooltipDelay": 3_600_000, "multiselect": False,
                        "navigationButtons": False, "keyboard": {"enabled": True, "bindToWindow": False}},
        # Positions come from the page's own layered layout: nothing moves on its own.
        "layout": {"hierarchical": {"enabled": False}, "improvedLayout": False},
        "physics": {"enabled": False},
    }


def legend(types: set[str], kinds: set[str], rels: set[str], focus: bool, stub: bool,
           states: set[str] = frozenset()) -> str:
    """The legend for what a page holds: document kinds, node types, link styles."""
    rows = []
    seen = set()
    for k in sorted(kinds):
        colour = KIND_COLOUR.get(k, KIND_COLOUR["other"])
        if colour in seen:
            continue
        seen.add(colour)
        names = sorted({kind_word(x) for x in kinds if KIND_COLOUR.get(x, KIND_COLOUR["other"]) == colour})
        rows.append(_swatch(*colour, ", ".join(names)))
    if stub:
        rows.append(_swatch("#555555", "#ffffff", "chưa có văn bản gốc, chỉ được dẫn chiếu", dashed=True))
    for t in ("Task", "Agency", "Person"):
        if t in types:
            _, border, fill = TYPE_STYLE[t]
            rows.append(_swatch(border, fill, TYPE[t], round_=True))
    for state, (border, fill, words) in STATE_STYLE.items():
        if state in states:
            rows.append(_swatch(border, fill, f"nhiệm vụ {words}", round_=True))
    if "Task" in types:
        rows.append(_swatch(*TYPE_STYLE["Handle"][1:], "N nhiệm vụ: bấm để mở / đóng", dashed=True))
    for t in sorted(types - {"Document", "Task", "Agency", "Person", "Group"}):
        rows.append(_swatch(*TYPE_STYLE["other"][1:], t))
    if focus:
        rows.append(_swatch("#111111", "#ffe066", "tâm điểm"))
    lines = []
    for key in ("IMPLEMENTS", "IMPLEMENTS*", "BASED_ON", "CITES", "HAS_TASK", "lead", "coordinate", "monitor",
                "ISSUED_BY", "SIGNED_BY", "SENT_TO", "SUCCEEDED_BY"):
        base = key.rstrip("*")
        if base in rels or (key in ROLE and "ASSIGNS" in rels) or (key == "IMPLEMENTS*" and "IMPLEMENTS*" in rels):
            st = EDGE_STYLE[key]
            dash = f' stroke-dasharray="{" ".join(map(str, st["dashes"]))}"' if st["dashes"] else ""
            lines.append(f'<div class="row"><svg width="44" height="12" aria-hidden="true"><line x1="2" y1="6" '
                         f'x2="34" y2="6" stroke="{st["color"]}" stroke-width="{st["width"]}"{dash}/><polygon '
                         f'points="34,2 42,6 34,10" fill="{st["color"]}"/></svg><span>{html.escape(st["label"])}'
                         f'</span></div>')
    for rel in sorted(rels - set(EDGE_STYLE) - {"IMPLEMENTS*"}):
        lines.append(f'<div class="row"><svg width="44" height="12" aria-hidden="true"><line x1="2" y1="6" x2="34" '
                     f'y2="6" stroke="#7a7a7a" stroke-width="1.2"/><polygon points="34,2 42,6 34,10" '
                     f'fill="#7a7a7a"/></svg><span>{html.escape(rel.lower())}</span></div>')
    return ("<h2>Chú giải</h2>" + "".join(rows) + "<h3>Liên kết (mũi tên: từ văn bản chỉ đạo đến nơi thực hiện)</h3>"
            + "".join(lines))


def _swatch(border, fill, text, dashed=False, round_=False) -> str:
    return (f'<div class="row"><span class="sw" style="border:2px {"dashed" if dashed else "solid"} {border};'
            f'background:{fill};border-radius:{"8px" if round_ else "2px"}"></span>'
            f'<span>{html.escape(text)}</span></div>')
