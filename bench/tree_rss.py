"""Peak resident memory of a process and its children at the same moment.

``ru_maxrss`` gives each process's own peak, not when it happened: adding
the parent's peak to the largest child's counts workers that have already
left when the parent peaks (an ingest's workers exit before its last write).
:class:`TreePeak` samples the RSS of this process and its live children
together; the parent's own ``ru_maxrss`` is a floor, since sampling can miss
a short spike.

>>> with TreePeak() as peak:
...     data = bytearray(50 << 20)
>>> peak.mb >= 50
True
"""
from __future__ import annotations

import os
import resource
import threading


def _rss_mb(pid: str) -> float:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0               # gone between the listing and the read


def _children(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return f.read().split()
    except OSError:
        return []


def tree_rss_mb(pid: int | None = None) -> float:
    """RSS of ``pid`` (this process) and all its descendants now, in MB."""
    todo, total = [str(pid or os.getpid())], 0.0
    while todo:
        p = todo.pop()
        total += _rss_mb(p)
        todo += _children(int(p))
    return total


class TreePeak:
    """Context manager: ``mb`` is the largest sampled RSS of the process tree."""

    def __init__(self, every: float = 0.05):
        self.every, self.mb = every, 0.0
        self._stop = threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.mb = max(self.mb, tree_rss_mb())
            self._stop.wait(self.every)

    def __enter__(self) -> "TreePeak":
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> bool:
        self._stop.set()
        self._thread.join()
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.mb = max(self.mb, tree_rss_mb(), own)
        return False
