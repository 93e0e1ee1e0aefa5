"""Opening a LadybugDB file so that readers are not refused by a checkpoint.

LadybugDB refuses a read-only open while checkpoint recovery is pending: for
as long as a writer checkpoints (46 % of read-only opens failed during an
incremental ingest), and for good after a writer was killed in the middle of
a checkpoint, until something opens the file read-write. It also refuses one
that meets the writer's half-written last WAL record ("checksum verification
failed"), which the next attempt no longer sees. A reader here waits
for a live writer to finish, and finishes a dead writer's checkpoint itself
by opening the file read-write once (which replays it, as any writer would):
the write lock tells the two apart, since only a live writer holds it.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from truyvet.errors import StoreError

PENDING = "checkpoint recovery is pending"
# A read-only open replays the WAL; while a writer appends to it, the last
# record may be half written and fail its checksum. Transient like PENDING.
TORN_WAL = "the WAL file is corrupted"
LOCKED = "Could not set lock"
# Seconds a reader waits for a writer's checkpoint ($TRUYVET_WAIT overrides).
DEFAULT_WAIT = 60.0


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def open_database(path: Path, read_only: bool, buffer_pool_size: int = 0,
                  wait: float | None = None, threads: int = 0):
    """(Database, Connection) for ``path``, its queries on ``threads`` threads
    (0: every core); a read-only open waits out or finishes a pending
    checkpoint, up to ``wait`` seconds."""
    import ladybug

    wait = float(os.environ.get("TRUYVET_WAIT", DEFAULT_WAIT)) if wait is None else wait
    deadline = time.monotonic() + wait
    pause = 0.02
    while True:
        try:
            db = ladybug.Database(str(path), read_only=read_only, buffer_pool_size=buffer_pool_size,
                                  max_num_threads=threads)
            return db, ladybug.Connection(db)
        except Exception as exc:
            reason = _one_line(exc)
            if not (read_only and (PENDING in reason or TORN_WAL in reason)):
                raise StoreError(f"cannot open {path}: {reason}") from None
        if _finish_checkpoint(path, buffer_pool_size):
            continue
        if time.monotonic() > deadline:
            raise StoreError(f"cannot open {path} read-only: a writer has been checkpointing it for "
                             f"over {wait:.0f} s (set TRUYVET_WAIT to wait longer)")
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def _finish_checkpoint(path: Path, buffer_pool_size: int) -> bool:
    """Replay a checkpoint no live process holds; False if a writer holds the file."""
    import ladybug

    try:
        db = ladybug.Database(str(path), buffer_pool_size=buffer_pool_size)
    except Exception as exc:
        if LOCKED in str(exc):
            return False                 # a live writer: it will finish its checkpoint
        raise StoreError(f"cannot open {path}: {_one_line(exc)}") from None
    db.close()
    return True
