"""``truyvet serve``: browse the store (or files) in a local, read-only web explorer."""
from __future__ import annotations

import ipaddress
from collections import Counter

import click

from truyvet.cli.app import err
from truyvet.cli.options import docs_option, load_graph, store_options


@click.command()
@docs_option
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address shows the store to the network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="0: any free port.")
def serve(docs, store_spec, host, port):
    """Browse documents, tasks and agencies in a web browser, on this machine.

    Search as every command does ("thông báo 111", "II.2.(14) Hà Nội", an
    agency), read a document's page (what it implements and what implements
    it, its tasks with lead, coordinating agencies, deadlines and evidence),
    an agency's page, and a graph that loads neighbours as you expand them.
    Read-only; JSON at /api/search?q=…, /api/node/ID, /api/neighbours/ID.

    \b
    Examples:
      truyvet serve                         # the embedded store ($TRUYVET_HOME or ./.truyvet)
      truyvet serve --store neo4j --port 8800
      truyvet serve --docs demo/corpus
    """
    from truyvet.web.server import Explorer, make_server

    if not _loopback(host):
        err.print(f"[yellow]cảnh báo:[/yellow] nghe trên {host}: mọi máy thấy được địa chỉ này đều đọc được kho "
                  "(listening beyond this machine)")
    with load_graph(docs, store_spec, "") as g:
        if hasattr(g, "store"):
            counts, where = g.store.counts(), f"{store_spec.kind}"
        else:
            counts, where = dict(Counter(d.get("type") for _, d in g.nodes(data=True))), f"tệp {docs}"
        server = make_server(Explorer(g, where, counts), host, port)
        shown = f"[{host}]" if ":" in host else host
        err.print(f"truyvet serve: http://{shown}:{server.server_address[1]}/  (Ctrl+C để dừng)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            err.print("đã dừng")
        finally:
            server.server_close()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
