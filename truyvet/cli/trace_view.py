"""A lineage tree (:class:`~truyvet.graph.lineage.Step`) as a person reads it.

A summary first (documents, tasks, agencies, each relation); then documents
before tasks, tasks in label order. Tasks given to the same agencies by the
same sentence ("Giao X chủ trì, phối hợp với Y …" above a list) stand under
that one assignment, as in the document. Each evidence sentence is printed
once, numbered, and cut around the mention it proves; later uses give its
number. Headings are hidden unless asked for.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from rich.markup import escape
from rich.tree import Tree

from truyvet.cli.clip import centre, clip, one_line
from truyvet.cli.words import ROLE, relation
from truyvet.graph.headings import headings_of, strip_marker  # noqa: F401  (agency_view, tasks)
from truyvet.graph.lineage import Step, label_key
from truyvet.queries.resolve import document_line

_DOC_RELS = {"IMPLEMENTS", "BASED_ON", "CITES"}


@dataclass
class View:
    """How much to print: ``brief`` drops the quotes, ``max_tasks`` (0 = all)
    caps the tasks listed per document, ``headings`` shows section headings."""
    brief: bool = False
    headings: bool = False
    max_tasks: int = 0
    quote_width: int = 180
    text_width: int = 110


@dataclass
class Evidence:
    """Numbers each evidence sentence the first time it is printed."""
    seen: dict = field(default_factory=dict)

    def cite(self, step: Step, needles, width: int) -> tuple[str, str | None]:
        """("[n]", the cut quote) the first time, ("[n]", None) after."""
        key = (step.file, step.span) if step.span else one_line(step.quote)
        if key in self.seen:
            return f"[{self.seen[key]}]", None
        self.seen[key] = len(self.seen) + 1
        return f"[{self.seen[key]}]", centre(step.quote, needles, width)


def needles(step: Step) -> list[str]:
    """What a quote about ``step`` mentions: its symbol, name or label."""
    x = step.extra
    return [v for v in (x.get("symbol"), x.get("name"), step.label) if v]


def describe(step: Step) -> str:
    """A document with its issuer, date and whether it was read or only cited."""
    if step.type != "Document":
        return step.label
    x = step.extra
    return document_line(step.label, x.get("issuer") or x.get("place"), x.get("date"), bool(x.get("stub")))


def _label(task: Step) -> str:
    return task.label.removeprefix("task ")


def headings(tasks: list[Step]) -> set[str]:
    assigned = {t.id for t in tasks if any(c.rel == "ASSIGNS" for c in t.children)}
    return headings_of([(t.id, _label(t), t.extra.get("text") or "") for t in tasks], assigned)


def summary(root: Step, hidden: set[str] = frozenset()) -> str:
    """One line: how many documents, tasks and agencies, and the links by kind
    (the ``hidden`` headings and their links left out, and counted apart)."""
    ids: dict[str, set] = {"Document": set(), "Task": set(), "Agency": set()}
    rels: Counter = Counter()
    reported = 0

    def walk(s: Step) -> None:
        nonlocal reported
        for c in s.children:
            if c.id in hidden:
                continue
            ids.setdefault(c.type, set()).add(c.id)
            rels[(c.rel, c.role)] += 1
            reported += bool(c.reported_by)
            walk(c)

    walk(root)
    parts = [f"{len(ids['Document'])} văn bản", f"{len(ids['Task'])} nhiệm vụ", f"{len(ids['Agency'])} cơ quan"]
    by = []
    for rel in ("IMPLEMENTS", "BASED_ON", "CITES"):
        n = sum(v for (r, _), v in rels.items() if r == rel)
        if n:
            note = f" ({reported} do văn bản khác nêu)" if rel == "IMPLEMENTS" and reported else ""
            by.append(f"{relation(rel)} {n}{note}")
    by += [f"{ROLE[r]} {rels[('ASSIGNS', r)]}" for r in ROLE if rels[("ASSIGNS", r)]]
    line = " · ".join(parts) + (" — " + " · ".join(by) if by else "")
    if hidden:
        line += f" · {len(hidden)} đề mục ẩn (--headings để hiện)"
    return line


def summary_up(root: Step) -> str:
    """The documents above, and the roots among them: parallel roots are named as such."""
    docs, roots = set(), []

    def walk(s: Step) -> None:
        for c in s.children:
            if c.type == "Document":
                docs.add(c.id)
                if not any(x.type == "Document" for x in c.children) and c.label not in roots:
                    roots.append(c.label)
                walk(c)

    walk(root)
    head = f"{len(docs)} văn bản phía trên"
    if len(roots) > 1:
        return f"{head} · {len(roots)} văn bản gốc song song: " + "; ".join(roots)
    return f"{head} · văn bản gốc: {roots[0]}" if roots else head


class _Printer:
    def __init__(self, view: View, down: bool):
        self.view, self.down, self.ev = view, down, Evidence()
        self.hidden: set[str] = set()

    def cite(self, step: Step, target: Step) -> tuple[str, str | None]:
        """("[n]", the quote cut around ``target``'s mention) the first time,
        ("[n]", None) later, ("", None) with --brief."""
        if self.view.brief or not step.quote:
            return "", None
        return self.ev.cite(step, needles(target), self.view.quote_width)

    @staticmethod
    def quoted(ref: str, text: str | None) -> str:
        """The quote on a line of its own the first time, else the number after the line."""
        if text:
            return f"\n[dim]{ref}[/dim] [italic]“{escape(text)}”[/italic]"
        return f" [dim]{ref}[/dim]" if ref else ""

    def doc_line(self, s: Step, parent: Step) -> str:
        # Down the tree the child is the edge's source ("được thực hiện bởi" the
        # child); up, the parent is ("thực hiện" the child), except that a task
        # belongs to ("thuộc") its document.
        outgoing = (s.rel in _DOC_RELS) != self.down
        line = f"[dim]{relation(s.rel, s.role, outgoing)}[/dim] [bold cyan]{escape(describe(s))}[/bold cyan]"
        if s.reported_by:
            line += f" [dim](theo {escape(s.extra.get('reported_by_label') or s.reported_by)})[/dim]"
        if s.rel == "HAS_TASK":
            return line                      # its quote is the task's own text, shown with the task
        return line + self.quoted(*self.cite(s, s if outgoing else parent))

    def task_line(self, t: Step, heading: bool = False, root: bool = False) -> str:
        width = self.view.text_width - (30 if self.view.brief else 0)
        style = "bold green" if heading or root else "green"
        line = (("[dim]nhiệm vụ[/dim] " if root else "")
                + f"[{style}]{escape(_label(t))}[/{style}] {escape(clip(strip_marker(t.extra.get('text') or ''), width))}")
        if t.extra.get("deadline"):
            line += f" [yellow]· hạn {escape(t.extra['deadline'])}[/yellow]"
        return line

    def assignees(self, agencies: list[Step], place: str | None, note: str = "") -> str:
        """"chủ trì: A · phối hợp: B; C" with the evidence of the assignment:
        its number after the line, or after each agency when they differ."""
        cites = [(a, *self.cite(a, a)) for a in _by_role(agencies)]
        per_agency = len({ref for _, ref, _ in cites if ref}) > 1
        groups = []
        for role, words in ROLE.items():
            names = [escape(_agency(a, place)) + (f" [dim]{ref}[/dim]" if per_agency and ref else "")
                     for a, ref, _ in cites if a.role == role]
            if names:
                groups.append(f"[dim]{words}:[/dim] [magenta]{'; '.join(names)}[/magenta]")
        quotes = "".join(self.quoted(ref, text) for _, ref, text in cites if text)
        if not per_agency and not quotes and cites and cites[0][1]:
            quotes = f" [dim]{cites[0][1]}[/dim]"
        return " · ".join(groups) + note + quotes

    def tasks(self, branch: Tree, step: Step) -> None:
        """A document's tasks, those with one assignment in common under it."""
        tasks = sorted((c for c in step.children if c.type == "Task"), key=lambda t: label_key(_label(t)))
        heads = headings(tasks)
        if not self.view.headings:
            self.hidden |= heads
            tasks = [t for t in tasks if t.id not in heads]
        cap = self.view.max_tasks or len(tasks)
        place = step.extra.get("place")
        for _, run in groupby(tasks[:cap], key=_assignment):
            run = list(run)
            agencies = [c for c in run[0].children if c.type in ("Agency", "Person")]
            if len(run) == 1 or not agencies:
                for t in run:
                    line = self.task_line(t, t.id in heads)
                    mine = [c for c in t.children if c.type in ("Agency", "Person")]
                    branch.add(line + ("\n" + self.assignees(mine, place) if mine else ""))
                continue
            under = branch.add(self.assignees(agencies, place, f" [dim]— {len(run)} nhiệm vụ[/dim]"))
            for t in run:
                under.add(self.task_line(t, t.id in heads))
        if len(tasks) > cap:
            branch.add(f"[dim]… {len(tasks) - cap} nhiệm vụ nữa (--max {len(tasks)} để xem hết)[/dim]")

    def documents(self, branch: Tree, step: Step) -> None:
        for c in step.children:
            if c.type == "Document":
                self.documents(branch.add(self.doc_line(c, step)), c)
        self.tasks(branch, step)


def _assignment(t: Step) -> tuple:
    """Who is given a task, in which role, by which sentence."""
    return tuple(sorted((c.id, c.role or "", c.file or "", c.span or ()) for c in t.children
                        if c.type in ("Agency", "Person")))


def _by_role(agencies: list[Step]) -> list[Step]:
    order = list(ROLE)
    return sorted(agencies, key=lambda a: (order.index(a.role) if a.role in order else 9, a.label))


def _agency(a: Step, place: str | None) -> str:
    """An agency's name, with its place only when it is not the document's."""
    name = a.extra.get("name")
    return name if name and place and a.extra.get("place") == place else a.label


def render(root: Step, direction: str, view: View) -> tuple[str, Tree]:
    """(summary line, tree) for a down-trace from a document or an up-trace
    from a task or document."""
    p = _Printer(view, direction == "down")
    if root.type == "Task":
        agencies = [c for c in root.children if c.type in ("Agency", "Person")]
        place = next((c.extra.get("place") for c in root.children if c.type == "Document"), None)
        head = p.task_line(root, root=True) + ("\n" + p.assignees(agencies, place) if agencies else "")
        tree = Tree(head)
        for c in root.children:
            if c.type == "Document":
                p.documents(tree.add(p.doc_line(c, root)), c)
        return summary_up(root), tree
    tree = Tree(f"[bold cyan]{escape(describe(root))}[/bold cyan]")
    p.documents(tree, root)
    return (summary(root, p.hidden) if p.down else summary_up(root)), tree
