"""A lineage :class:`~truyvet.graph.lineage.Step` as a rich tree: one line per step, quote below."""
from __future__ import annotations

from rich.markup import escape
from rich.tree import Tree

from truyvet.graph.lineage import Step


def step_tree(step: Step) -> Tree:
    """The whole tree under ``step``, ready for ``Console.print``."""
    tree = Tree(_line(step))
    _add(tree, step)
    return tree


def _line(s: Step) -> str:
    colour = {"Document": "bold cyan", "Task": "green", "Agency": "magenta", "Person": "yellow"}.get(s.type, "")
    via = ""
    if s.rel:
        via = f"[dim]{s.rel.lower()}{'/' + s.role if s.role else ''}{' (reported)' if s.reported_by else ''}[/dim] "
    text = f"{via}[{colour}]{escape(s.label)}[/{colour}]"
    if s.type == "Task" and s.extra.get("deadline"):
        text += f" [dim]· hạn {escape(s.extra['deadline'])}[/dim]"
    if s.quote:
        q = s.quote if len(s.quote) <= 220 else s.quote[:217] + "…"
        text += f"\n[italic dim]“{escape(q)}”[/italic dim]"
    return text


def _add(tree: Tree, step: Step) -> None:
    for c in step.children:
        _add(tree.add(_line(c)), c)
