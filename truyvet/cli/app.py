"""The ``truyvet`` group: help text, version, and the one place errors become a message.

Every command prints one clear line and exits non-zero on bad input; no
traceback reaches the user. ``--json`` output is meant for pipes (jq).
Commands are defined in the sibling modules and named in :mod:`truyvet.cli`;
a command's module is imported only when that command runs (or --help lists
them all), so a lookup does not pay for the parser, RDF or the web server.
"""
from __future__ import annotations

import importlib
import logging
import os
import sys

import click
from rich.console import Console
from rich.markup import escape

from truyvet.errors import TruyvetError, Unresolved

class _Console(Console):
    def on_broken_pipe(self) -> None:
        # The reader stopped early (`| head`): not a failure (rich and click would exit 1).
        self.quiet = True
        _quiet_stdout()
        raise SystemExit(0)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


err = Console(stderr=True, soft_wrap=True)     # an error is one line, however long
out = _Console(highlight=False)
if not out.is_terminal and "COLUMNS" not in os.environ:
    # Into a file or a pipe, a line is one record (for grep, head): wrap late.
    out.width = 200


def fail(message: str, code: int = 2):
    """Print one error line (never wrapped, so a pipe sees one line) and exit."""
    err.print(f"[red]error:[/red] {escape(' '.join(message.split()))}", soft_wrap=True)
    sys.exit(code)


class _Group(click.Group):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy: dict[str, str] = {}      # name -> "module:attribute" under truyvet.cli, imported on first use

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, name):
        if name not in self.commands and name in self.lazy:
            module, attr = self.lazy[name].split(":")
            command = getattr(importlib.import_module(f"truyvet.cli.{module}"), attr)
            self.add_command(command)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Unresolved as exc:
            # Not an error of use: the answer is "no such node" or "which one?".
            err.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True)
            sys.exit(1)
        except TruyvetError as exc:
            fail(str(exc))
        except BrokenPipeError:              # click.echo into a closed pipe
            _quiet_stdout()
            sys.exit(0)
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
    Quick start (a generated demo corpus, so it runs anywhere):
      truyvet demo --keep demo                       # demo/corpus, traced end to end
      truyvet ingest demo/corpus                     # into ./.truyvet (or --home, $TRUYVET_HOME)
      truyvet trace "Thông báo 92"                   # down to plans, tasks, agencies
      truyvet trace "I.1.2 Hà Nội" --up              # a task up to the root directives
      truyvet agency "BCS đảng UBND TP Hà Nội"       # what an agency is given, by document
      truyvet tasks "Thông báo 92" -o tasks.xlsx     # the task table for a spreadsheet
      truyvet run lineage_down -p doc_id="Thông báo 92" --csv

    Every reading command takes --docs PATH (read files, no store), --home DIR
    (the embedded store) or --store neo4j (NEO4J_URI / NEO4J_USERNAME /
    NEO4J_PASSWORD), and --json. A QUERY names one node or the command exits 1
    with the nearest candidates, or with a numbered list to --pick from.
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
