"""The ``truyvet`` group: help text, version, and the one place errors become a message.

Every command prints one clear line and exits non-zero on bad input; no
traceback reaches the user. ``--json`` output is meant for pipes (jq).
Commands are defined in the sibling modules and attached in
:mod:`truyvet.cli`, so this module imports none of them.
"""
from __future__ import annotations

import logging
import os
import sys

import click
from rich.console import Console
from rich.markup import escape

from truyvet.errors import TruyvetError

err = Console(stderr=True, soft_wrap=True)   # one message, one line: pipes and grep see it whole
out = Console(highlight=False)


def fail(message: str, code: int = 2):
    """Print one error line (never wrapped, so a pipe sees one line) and exit."""
    err.print(f"[red]error:[/red] {escape(' '.join(message.split()))}", soft_wrap=True)
    sys.exit(code)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TruyvetError as exc:
            fail(str(exc))
        except OSError as exc:
            # Writing -o into a missing folder, a read-only place, a full disk.
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"cannot write or read {where}{exc.strerror or exc}")
        except KeyboardInterrupt:
            err.print("interrupted")
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="truyvet")
def main():
    """Trace Vietnamese Party directives: which documents implement which,
    the tasks they assign and the agencies that carry them — every step with
    the sentence that proves it.

    \b
    Quick start:
      truyvet demo                                   # a generated corpus, end to end
      truyvet ingest ../shared/seeds                 # into ./.truyvet (or $TRUYVET_HOME)
      truyvet trace "Thông báo 111"                  # down to plans, tasks, agencies
      truyvet trace "II.2.(14) Hà Nội" --up          # up to the root directives
      truyvet agency "Ban cán sự đảng UBND Thành phố"
      truyvet run agencies_by_lead --json            # named Cypher queries: truyvet queries
      truyvet parse FILE --json | jq .tasks          # the extraction of one file

    Every reading command also takes --docs PATH (read files, no store) and
    --store neo4j (NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD).
    Set TRUYVET_LOG=FILE to keep what the readers' libraries report
    (repaired PDFs …), each line naming its file.
    """
    log = os.environ.get("TRUYVET_LOG")
    if log:
        handler = logging.FileHandler(log, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger = logging.getLogger("truyvet")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
