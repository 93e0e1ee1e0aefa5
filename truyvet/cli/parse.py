"""``truyvet parse``: the extraction of files, as a summary or as the JSON Lines parse contract."""
from __future__ import annotations

import json
import sys

import click
from rich.markup import escape

from truyvet.cli.app import err, out
from truyvet.errors import LoaderError
from truyvet.queries import api


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per file (the parse contract).")
@click.option("--encoding", help="Force a text encoding (utf-8, utf-16, tcvn3, vni, viscii, cp1258).")
def parse(paths, as_json, encoding):
    """Extract identity, references, tasks and recipients from FILES or folders.

    Without --json, prints a short summary per file. Files that cannot be read
    are reported on stderr, one line each; the exit code is 1 if any failed.
    """
    failed = 0
    for item in api.parse_paths(paths, encoding=encoding):
        if isinstance(item, LoaderError):
            failed += 1
            err.print(f"[red]error:[/red] {escape(str(item))}")
            continue
        if as_json:
            click.echo(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            _print_summary(item)
    if failed:
        sys.exit(1)


def _print_summary(doc) -> None:
    idn = doc.identity
    out.print(f"[bold]{escape(doc.file)}[/bold]")
    out.print(f"  {idn.kind} {escape(idn.symbol or '(no number)')} · {idn.date or '?'} · "
              f"{escape(idn.issuer or '?')} · signed {escape(idn.signer or '?')}")
    rels = {}
    for r in doc.references:
        rels[r.relation] = rels.get(r.relation, 0) + 1
    out.print(f"  references: {rels or 0} · reported links: {len(doc.reported_links)} · "
              f"tasks: {len(doc.tasks)} · recipients: {len(doc.recipients)}")
    for w in doc.warnings:
        out.print(f"  [yellow]warning:[/yellow] {escape(w)}")
