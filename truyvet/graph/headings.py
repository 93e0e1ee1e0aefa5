"""Which tasks of a document are section headings, and a task's text without its marker.

The loaders keep a numbered heading ("II.2. Về quy hoạch") as a task when it
may carry an assignment of its own; readers (the terminal trace, the task
table, the pages) leave such headings out of the tasks they list.
"""
from __future__ import annotations

import re

_MARKER = re.compile(r"^(?:(?:\(?[\dIVXL]{1,4}\)?|[a-zđ])[.)]\s*)+|^[-+•–*]\s*")


def strip_marker(text: str | None) -> str:
    """A task's text on one line, without its own marker ("(14).", "1.3.", "a)", "-").

    >>> strip_marker("(14). Nghiên cứu triển khai"), strip_marker("1.3. Giao các ban"), strip_marker("- Xây dựng")
    ('Nghiên cứu triển khai', 'Giao các ban', 'Xây dựng')
    """
    return _MARKER.sub("", " ".join((text or "").split()), count=1)


def headings_of(items: list[tuple[str, str, str]], assigned: set[str] = frozenset()) -> set[str]:
    """Of (id, label, text) tasks of one document, the section headings: a
    task that holds other numbered items ("II.2" above "II.2.(14)"), or one
    given to nobody whose text is an upper-case or a short title ("Mục đích").

    >>> sorted(headings_of([("a", "II.2", "2. Về quy hoạch"), ("b", "II.2.(14)", "(14). Nghiên cứu xây cầu."),
    ...                     ("c", "III", "MỤC ĐÍCH")]))
    ['a', 'c']
    """
    labels = [lab for _, lab, _ in items]
    out = set()
    for tid, lab, text in items:
        body = strip_marker(text)
        letters = [c for c in body if c.isalpha()]
        holds = any(o != lab and o.startswith(lab + ".") for o in labels)
        title = tid not in assigned and (
            (len(letters) > 3 and all(c.isupper() for c in letters))
            or (len(body.split()) <= 5 and not re.search(r"[.;:]$", body)))
        if holds or title:
            out.add(tid)
    return out
