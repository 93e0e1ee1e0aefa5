#!/usr/bin/env python3
"""How long lineage pages take to generate, and to become interactive in Chromium.

    python bench/viz_bench.py                       # lineages and overviews of 60, 300 and 2,000 nodes
    python bench/viz_bench.py --sizes 5000 --runs 5

The graph is synthetic and deterministic (--seed): one central directive
(a stub), provincial plans implementing it, district plans implementing
those, tasks under every plan, each assigned a lead and often coordinating
agencies drawn from a skewed pool. Drawn whole, the directive's lineage page
has about that many nodes (a few less where some agencies get no task); the
page holds them all and opens on the directive and one level.

Generation: lineage_subgraph + render_html, in this process, median of --runs
(the first, cold run with pyvis's import is shown apart). Interactive: from
WebDriver's navigation to the first frame vis draws once its layout is done
(the page sets ``truyvet.ready``; a physics page waits for
``stabilizationIterationsDone`` first); the page's own ``performance.now()``
at that moment is given too, and, for a lineage, the time from a click on
its largest "N nhiệm vụ" group to the next frame drawn with the group open.
The window is 1366×768. Needs /usr/bin/chromium, /usr/bin/chromedriver and
the selenium package. "shown" and "scale": the nodes drawn at first, and the zoom
they are drawn at (below about 0.6 a label is too small to read).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from truyvet.queries import viz  # noqa: E402

ROOT = "doc:111-TB/VPTW"


def synthetic(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    # Small lineages have fewer plans and agencies, so most of their nodes are still tasks.
    provinces, districts, agencies = min(12, max(2, nodes // 150)), 3 if nodes >= 300 else 1, min(150, nodes // 8)
    rnd = random.Random(f"viz-bench-{seed}")
    g = nx.MultiDiGraph()
    g.add_node(ROOT, type="Document", kind="notice", symbol="111-TB/VPTW", label="Thông báo 111-TB/VPTW", stub=True)
    docs = []
    for p in range(provinces):
        pid = f"doc:{p + 1}-KH/TU@tinh-{p}"
        g.add_node(pid, type="Document", kind="plan", label=f"Kế hoạch {p + 1}-KH/TU", date="2025-01-20",
                   title=f"Kế hoạch thực hiện Thông báo số 111-TB/VPTW của tỉnh {p}", stub=False, file=f"p{p}.txt")
        g.add_edge(pid, ROOT, rel="IMPLEMENTS", quote="Thực hiện Thông báo số 111-TB/VPTW", file=f"p{p}.txt",
                   span_start=0, span_end=34)
        docs.append(pid)
        for d in range(districts):
            did = f"doc:{d + 1}-KH/HU@huyen-{p}-{d}"
            g.add_node(did, type="Document", kind="programme", label=f"Chương trình {d + 1}-CTr/HU (huyện {p}-{d})",
                       stub=False, file=f"d{p}-{d}.txt")
            g.add_edge(did, pid, rel="IMPLEMENTS", quote=f"Thực hiện Kế hoạch số {p + 1}-KH/TU", file=f"d{p}-{d}.txt",
                       span_start=0, span_end=30)
            docs.append(did)
    pool = [f"agency:co-quan-{i}" for i in range(agencies)]
    for i, a in enumerate(pool):
        g.add_node(a, type="Agency", name=f"Cơ quan số {i} (Ban, Sở, Ngành)", place="Tỉnh")
    n_tasks = nodes - g.number_of_nodes()
    weights = [1 / (i + 1) for i in range(agencies)]  # a few agencies carry most tasks, as in real plans
    for t in range(n_tasks):
        doc = docs[t % len(docs)]
        label = f"II.{t // len(docs) // 9 + 1}.({t // len(docs) % 9 + 1})"
        tid = f"task:{doc}#{label}"
        g.add_node(tid, type="Task", label=label, doc_id=doc, text=f"Nhiệm vụ {t}: triển khai, đôn đốc thực hiện.",
                   deadline="Quý IV/2025" if t % 4 == 0 else None, file="x.txt", span_start=t, span_end=t + 40)
        g.add_edge(doc, tid, rel="HAS_TASK", file="x.txt", span_start=t, span_end=t + 40)
        chosen = rnd.choices(pool, weights, k=3)
        for role, a in zip(("lead", "coordinate", "coordinate"), dict.fromkeys(chosen)):
            if role == "coordinate" and rnd.random() < 0.5:
                continue
            g.add_edge(tid, a, rel="ASSIGNS", role=role, quote=f"Giao {g.nodes[a]['name']} chủ trì", file="x.txt",
                       span_start=t, span_end=t + 40)
    return g


def overview_store(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """A store whose overview (documents and agencies only) has ``nodes`` nodes."""
    rnd = random.Random(f"viz-overview-{seed}")
    g = nx.MultiDiGraph()
    n_agencies = nodes // 8
    n_docs = nodes - n_agencies
    for i in range(n_agencies):
        g.add_node(f"agency:a{i}", type="Agency", name=f"Cơ quan {i}")
    for i in range(n_docs):
        d = f"doc:{i}"
        g.add_node(d, type="Document", kind=rnd.choice(["plan", "programme", "notice", "resolution"]),
                   label=f"Văn bản {i}", stub=i % 5 == 0)
        g.add_edge(d, f"agency:a{int(rnd.paretovariate(1.2)) % n_agencies}", rel="ISSUED_BY")
        if i:
            g.add_edge(d, f"doc:{rnd.randrange(max(1, i // 4))}", rel="IMPLEMENTS")
        if i > 10 and rnd.random() < 0.5:
            g.add_edge(d, f"doc:{rnd.randrange(i)}", rel="CITES")
        for k in range(2):
            t = f"task:{d}#{k}"
            g.add_node(t, type="Task", label=str(k), doc_id=d)
            g.add_edge(d, t, rel="HAS_TASK")
            g.add_edge(t, f"agency:a{int(rnd.paretovariate(1.0)) % n_agencies}", rel="ASSIGNS", role="lead")
    return g


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1366,768", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def interactive(driver, path: Path, timeout: float = 120.0) -> tuple[float, float]:
    """Seconds from navigation to ``truyvet.ready`` seen by WebDriver, and the page's own clock then."""
    driver.get("about:blank")
    started = time.perf_counter()
    driver.get(path.as_uri())
    while not driver.execute_script("return !!(window.truyvet && truyvet.ready)"):
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{path} not interactive after {timeout}s")
        time.sleep(0.01)
    return time.perf_counter() - started, driver.execute_script("return truyvet.readyMs") / 1000


def open_group(driver) -> float | None:
    """Seconds from opening the page's largest task group to the frame drawn with it open."""
    return driver.execute_async_script("""
        var done = arguments[arguments.length - 1], best = null;
        truyvet.shown().forEach(function (id) {
          var g = truyvet.record(id);
          if (id.indexOf('tasks:') === 0 && (!best || g.members.length > best.members.length)) best = g;
        });
        if (!best) return done(null);
        var t = performance.now();
        network.once('afterDrawing', function () { done((performance.now() - t) / 1000); });
        truyvet.toggleGroup(best.id);
        network.redraw();""")


def measure(name, make, driver, out: Path, runs: int, g=None) -> dict:
    gen = []
    for _ in range(runs):
        t = time.perf_counter()
        sub = make()
        viz.render_html(sub, sub.graph.get("focus"), out, g=g)
        gen.append(time.perf_counter() - t)
    tti, opened = [], []
    for _ in range(runs if driver else 0):
        tti.append(interactive(driver, out))
        if sub.graph.get("mode") == "lineage":
            opened.append(open_group(driver))
    shown = driver.execute_script("return truyvet.shown().length") if driver else None
    scale = driver.execute_script("return network.getScale()") if driver else None
    row = {"page": name, "nodes": sub.number_of_nodes(), "edges": sub.number_of_edges(), "first_view": shown,
           "scale": scale, "size_kb": out.stat().st_size // 1024, "generate_s": statistics.median(gen),
           "interactive_s": statistics.median(x[0] for x in tti) if tti else None,
           "page_clock_s": statistics.median(x[1] for x in tti) if tti else None,
           "open_group_s": statistics.median(opened) if opened and None not in opened else None}
    cells = [f"{row['interactive_s']:.3f}", f"{row['page_clock_s']:.3f}",
             f"{row['open_group_s']:.3f}" if row["open_group_s"] is not None else "–"] if tti else ["(no browser)"] * 3
    print(f"{name:<30} {row['nodes']:>6} {row['edges']:>6} {str(shown or '–'):>6} "
          f"{f'{scale:.2f}' if scale else '–':>6} {row['size_kb']:>7} "
          f"{row['generate_s']:>10.3f} " + " ".join(f"{c:>13}" for c in cells), flush=True)
    return row


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[60, 300, 2000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-browser", action="store_true", help="Generation times only.")
    ap.add_argument("--keep", type=Path, help="Folder to keep the pages in (default: a temporary one).")
    args = ap.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="truyvet-viz-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    small = synthetic(60, args.seed)
    viz.render_html(viz.lineage_subgraph(small, ROOT, max_nodes=10), ROOT, folder / "warm.html", g=small)
    print(f"cold start (vis-network read, first small page): {time.perf_counter() - t:.3f}s")
    profile = tempfile.TemporaryDirectory(prefix="truyvet-bench-chromium-")
    driver = None if args.no_browser else browser(Path(profile.name))
    try:
        print(f"{'page':<30} {'nodes':>6} {'edges':>6} {'shown':>6} {'scale':>6} {'size_kb':>7} {'generate_s':>10} "
              f"{'interactive_s':>13} {'page_clock_s':>13} {'open_group_s':>13}")
        for n in args.sizes:
            g = synthetic(n, args.seed)
            store = overview_store(n, args.seed)
            measure(f"lineage, {n}", lambda: viz.lineage_subgraph(g, ROOT, max_nodes=n + 1),
                    driver, folder / f"lineage-{n}.html", args.runs, g)
            measure(f"overview, {n}", lambda: viz.overview_subgraph(store, max_nodes=n),
                    driver, folder / f"overview-{n}.html", args.runs)
    finally:
        if driver:
            driver.quit()
        profile.cleanup()
    print(f"pages in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
