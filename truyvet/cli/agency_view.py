"""What an agency is given to do (:func:`truyvet.queries.api.agency`), as a person reads it.

One branch per document, with the agency's role counts there and the lines
of descent above it (parallel roots named as parallel); under it the tasks in
label order with their deadlines, those given by one sentence in one role
standing together under that sentence, printed once.
"""
from __future__ import annotations

from collections import Counter
from itertools import groupby

from rich.markup import escape
from rich.tree import Tree

from truyvet.cli.clip import centre, clip
from truyvet.cli.trace_view import View, headings_of, strip_marker
from truyvet.cli.words import ROLE
from truyvet.graph.lineage import label_key
from truyvet.queries.resolve import document_line


def counts(tasks) -> str:
    """The roles of these tasks, counted.

    >>> counts([{"role": "lead"}, {"role": "lead"}, {"role": "monitor"}])
    'chủ trì 2 · theo dõi 1'
    """
    c = Counter(t.get("role") for t in tasks)
    return " · ".join(f"{words} {c[role]}" for role, words in ROLE.items() if c[role])


def lines_up(chains: list[list[str]]) -> str:
    """The documents above one document: "thực hiện: A → B" for one line of
    descent; several lines are named as parallel, not chained.

    >>> lines_up([["Thông báo 111-TB/VPTW"], ["Thông báo 95-TB/VPTW"]])
    'thực hiện song song 2 văn bản: Thông báo 111-TB/VPTW; Thông báo 95-TB/VPTW'
    >>> lines_up([["Kế hoạch 53-KH/TU", "Nghị quyết 15-NQ/TW"]])
    'thực hiện: Kế hoạch 53-KH/TU → Nghị quyết 15-NQ/TW'
    """
    if not chains:
        return "không rõ văn bản cấp trên"
    paths = [" → ".join(c) for c in chains]
    if len(paths) == 1:
        return f"thực hiện: {paths[0]}"
    return f"thực hiện song song {len(paths)} văn bản: " + "; ".join(paths)




def _visible(tasks: list[dict], view: View) -> tuple[list[dict], set[str]]:
    tasks = sorted(tasks, key=lambda t: label_key(t.get("label")))
    heads = headings_of([(t["id"], t.get("label") or "", t.get("text") or "") for t in tasks], {t["id"] for t in tasks})
    return (tasks if view.headings else [t for t in tasks if t["id"] not in heads]), heads


def succession_lines(links: dict | None) -> list[str]:
    """The bodies an agency passed its tasks to, and those it took them over from.

    >>> succession_lines({"succeeded_by": [{"label": "Đảng ủy UBND Thành phố (Hà Nội)", "kind": "ended",
    ...     "effective": "2025-02", "quote": "Kết luận 121-KL/TW ngày 24/01/2025"}], "predecessors": []})
    ['đã được kế tiếp bởi Đảng ủy UBND Thành phố (Hà Nội) từ 2025-02 (Kết luận 121-KL/TW ngày 24/01/2025)']
    """
    links = links or {}
    out = [f"đã được kế tiếp bởi {x['label']}" + (f" từ {x['effective']}" if x.get("effective") else "")
           + (f" ({x['quote']})" if x.get("quote") else "") for x in links.get("succeeded_by", [])]
    out += [f"kế thừa nhiệm vụ của {x['label']}" + (f" từ {x['effective']}" if x.get("effective") else "")
            for x in links.get("predecessors", [])]
    return out


def render(title: str, groups: list[dict], view: View, name: str = "", links: dict | None = None) -> tuple[str, Tree]:
    """(summary line, tree) of an agency's tasks by document; ``name`` is the
    agency's name as quotes write it, to centre them on; ``links`` its successors
    and predecessors (:func:`truyvet.queries.api.succession`). Tasks inherited
    from a predecessor are marked "kế thừa từ …" on their document."""
    shown = [(grp, *_visible(grp["tasks"], view)) for grp in groups]
    every = [t for _, tasks, _ in shown for t in tasks]
    hidden = 0 if view.headings else sum(len(h) for _, _, h in shown)
    summary = f"{len({t['id'] for t in every})} nhiệm vụ trong {len(groups)} văn bản"
    inherited = {t["id"] for grp, tasks, _ in shown if grp.get("inherited_from") for t in tasks}
    summary += (f" — {counts(every)}" if every else "") + (f" · {len(inherited)} kế thừa" if inherited else "") + (f" · {hidden} đề mục ẩn (--headings để hiện)" if hidden else "")
    if not groups:
        summary = "không có nhiệm vụ nào giao cho cơ quan này trong các văn bản đã đọc (`truyvet show` cho các liên kết khác)"
    tree = Tree(f"[bold magenta]{escape(title)}[/bold magenta]"
                + "".join(f"\n[yellow]{escape(line)}[/yellow]" for line in succession_lines(links)))
    seen: dict = {}
    for grp, tasks, heads in sorted(shown, key=lambda x: (bool(x[0].get("inherited_from")), -len(x[1]),
                                                          label_key(x[0]["label"]))):
        head = document_line(grp["label"], grp.get("issuer"), grp.get("date"), grp.get("stub"))
        if grp.get("inherited_from"):
            head += f" — kế thừa từ {grp['inherited_from']['label']}"
        branch = tree.add(f"[bold cyan]{escape(head)}[/bold cyan] [dim]— {counts(tasks)}[/dim]"
                          f"\n[dim]{escape(lines_up(grp.get('chains') or []))}[/dim]")
        cap = view.max_tasks or len(tasks)
        for (role, _), run in groupby(tasks[:cap], key=lambda t: (t.get("role"), _evidence_key(t))):
            run = list(run)
            words = ROLE.get(role, role or "")
            if len(run) == 1:
                branch.add(f"[dim]{words}[/dim] " + _task(run[0], view, heads) + _quote(run[0], view, seen, name))
                continue
            under = branch.add(f"[dim]{words} — {len(run)} nhiệm vụ[/dim]" + _quote(run[0], view, seen, name))
            for t in run:
                under.add(_task(t, view, heads))
        if len(tasks) > cap:
            branch.add(f"[dim]… {len(tasks) - cap} nhiệm vụ nữa (--max {len(tasks)} để xem hết)[/dim]")
    return summary, tree


def _evidence_key(t: dict) -> tuple:
    return t.get("file"), tuple(t.get("span") or ())


def _task(t: dict, view: View, heads: set) -> str:
    width = view.text_width - (30 if view.brief else 0)
    style = "bold green" if t["id"] in heads else "green"
    line = f"[{style}]{escape(t.get('label') or '')}[/{style}] {escape(clip(strip_marker(t.get('text') or ''), width))}"
    if t.get("deadline"):
        line += f" [yellow]· hạn {escape(t['deadline'])}[/yellow]"
    return line


def _quote(t: dict, view: View, seen: dict, name: str) -> str:
    """The assigning sentence the first time (numbered), its number after."""
    if view.brief or not t.get("evidence"):
        return ""
    key = _evidence_key(t)
    if key in seen:
        return f" [dim][{seen[key]}][/dim]"
    seen[key] = len(seen) + 1
    return f"\n[dim][{seen[key]}][/dim] [italic]“{escape(centre(t['evidence'], [name], view.quote_width))}”[/italic]"
