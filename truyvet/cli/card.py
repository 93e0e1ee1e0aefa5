"""One node (:func:`truyvet.queries.api.show`) as a card: its facts under
Vietnamese labels, then its links grouped by relation, each with the sentence
that proves it (printed once, numbered), the file and the span."""
from __future__ import annotations

import textwrap

from rich.console import Console, Group
from rich.markup import escape
from rich.text import Text

from truyvet.cli.clip import centre
from truyvet.cli.words import FACTS, ROLE, TYPE, relation

_ORDER = ("HAS_TASK", "IMPLEMENTS", "BASED_ON", "ASSIGNS", "CITES", "ISSUED_BY", "SIGNED_BY", "SENT_TO", "SUCCEEDED_BY")


def _value(key: str, value) -> str:
    s = str(value)
    if key in ("date", "deadline_date") and len(s) == 10 and s[4] == "-":
        return f"{s[8:]}/{s[5:7]}/{s[:4]}"
    return s


def render(info: dict, width: int = 100, quote_width: int = 320) -> Group:
    """The card of :func:`truyvet.queries.api.show`'s ``info``, for a console ``width`` wide."""
    facts = info["facts"]
    kind = facts.get("type")
    title = info.get("description") or info["label"]
    if kind in ("Agency", "Person", "Event"):
        title += f" — {TYPE[kind]}" + (", một nhóm cơ quan" if facts.get("collective") else "")
    parts = [Text.from_markup(f"[bold]{escape(title)}[/bold]")]
    rows = [(label, _value(key, facts.get(key))) for key, label in FACTS.get(kind, ())
            if facts.get(key) not in (None, "", False)]
    if kind == "Task" and facts.get("span_start") is not None:
        rows.append(("vị trí", f"ký tự {facts['span_start']}–{facts['span_end']}"))
    rows.append(("mã", info["id"]))
    w = max(len(label) for label, _ in rows)
    for label, value in rows:
        lines = textwrap.wrap(value, max(width - w - 4, 30), break_long_words=True) or [""]
        body = ("\n" + " " * (w + 4)).join(escape(x) for x in lines)
        parts.append(Text.from_markup(f"  [dim]{escape(label.ljust(w))}[/dim]  {body}"))
    roles = list(ROLE)
    edges = sorted(info["edges"], key=lambda e: (_ORDER.index(e["rel"]) if e["rel"] in _ORDER else 99, e["direction"],
                                                 roles.index(e["role"]) if e.get("role") in roles else 9))
    if edges:
        parts.append(Text.from_markup(f"[bold]Liên kết[/bold] [dim]({len(edges)})[/dim]"))
    seen: dict = {}
    for e in edges:
        words = relation(e["rel"], e.get("role"), e["direction"] == "out")
        line = f"[dim]{escape(words)}[/dim] {escape(e.get('other_description') or e['other_label'])}"
        if e.get("reported_by"):
            line += f" [dim](theo {escape(e.get('reported_by_label') or e['reported_by'])})[/dim]"
        quote = e.get("quote")
        key = (e.get("file"), e.get("span_start"), e.get("span_end"))
        if quote and key in seen:
            line += f" [dim][{seen[key]}][/dim]"
        parts.append(_indent(Text.from_markup(line), 2, width))
        if quote and key not in seen:
            seen[key] = len(seen) + 1
            text = centre(quote, [e.get("mention")], quote_width)
            where = f"{e.get('file')}:{e.get('span_start')}-{e.get('span_end')}"
            parts.append(_indent(Text.from_markup(
                f"[dim][{seen[key]}][/dim] [italic]“{escape(text)}”[/italic] [dim]{escape(where)}[/dim]"), 6, width))
    for w in info.get("warnings") or ():
        parts.append(_indent(Text.from_markup(f"[yellow]cảnh báo:[/yellow] {escape(w)}"), 2, width))
    return Group(*parts)


def _indent(text: Text, n: int, width: int) -> Text:
    """``text`` wrapped to ``width`` with every line indented by ``n``, and
    no padding after the last word of a line."""
    lines = text.wrap(_measure, max(width - n, 20))
    for line in lines:
        line.rstrip()
    return Text("\n").join(Text(" " * n) + line for line in lines)


_measure = Console(width=10_000)
