"""The lineage page: pure selection and rendering, then the real page in headless Chromium.

The browser tests read the network back from the page's own vis DataSets,
check every request the page made (Chrome's network log and the Resource
Timing API) stayed on file://, and leave a screenshot in artifacts/ for a
person to look at. Under CI=true a missing Chromium is a failure, elsewhere a
skip with the reason.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from truyvet.queries import viz
from truyvet.cli.app import _Group
from truyvet.cli.viz import viz as viz_command

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

TB = "doc:111-TB/VPTW"
PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
TASK = f"task:{PLAN}#II.2.(14)"
LEAD = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"


# --- pure parts ----------------------------------------------------------------

def test_seeds_lineage_holds_the_headline_chain(graph):
    sub = viz.lineage_subgraph(graph, TB)
    assert sub.graph["direction"] == "down" and sub.graph["grouped"] == 0
    assert {TB, PLAN, TASK, LEAD} <= set(sub)
    rels = {(u, v, d["rel"], d.get("role")) for u, v, d in sub.edges(data=True)}
    assert {(PLAN, TB, "IMPLEMENTS", None), (PLAN, TASK, "HAS_TASK", None), (TASK, LEAD, "ASSIGNS", "lead")} <= rels
    # Left to right: directive, plan, task, agency.
    lv = {n: sub.nodes[n]["level"] for n in (TB, PLAN, TASK, LEAD)}
    assert lv[TB] < lv[PLAN] < lv[TASK] < lv[LEAD]


def test_up_from_a_task_reaches_the_directive_and_keeps_the_assignees(graph):
    sub = viz.lineage_subgraph(graph, TASK)
    assert sub.graph["direction"] == "up"
    assert {TASK, PLAN, TB, LEAD} <= set(sub)


@pytest.mark.parametrize("limit", [5, 10, 15, 30, 50, 300])
def test_grouping_keeps_the_promise(graph, limit):
    sub = viz.lineage_subgraph(graph, TB, max_nodes=limit)
    groups = [d for _, d in sub.nodes(data=True) if d["type"] == "Group"]
    assert sub.number_of_nodes() <= limit
    total = viz.lineage_subgraph(graph, TB, max_nodes=10**6).graph["total"]
    assert sub.graph["drawn"] + sub.graph["grouped"] == sub.graph["total"] == total
    assert sum(sum(g["hidden"].values()) for g in groups) == sub.graph["grouped"]
    assert TB in sub
    # Whatever is drawn hangs together; only the one "+N agencies" node stands apart (tasks' tooltips name them).
    loose = [n for n, d in sub.nodes(data=True) if d["type"] == "Group" and d["parent"] is None]
    assert all(sub.nodes[n]["member_type"] == "Agency" for n in loose) and len(loose) <= 1
    assert nx.is_weakly_connected(sub.subgraph(set(sub) - set(loose)))


def test_page_is_offline_deterministic_and_utf8(graph):
    sub = viz.lineage_subgraph(graph, TB)
    page = viz.page_html(sub, TB)
    assert page == viz.page_html(viz.lineage_subgraph(graph, TB), TB)
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)
    assert "<link" not in page
    assert "Kế hoạch (Hà Nội, 20/01/2025)" in page  # UTF-8 as written, not \\u escapes


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("doc:x", type="Document", kind="plan", label="Kế hoạch <b>x</b> & y",
               title="</script><script>window.pwned = 1</script><!-- đ")
    g.add_node("doc:y", type="Document", kind="notice", label="Thông báo 1-TB/TW", stub=True)
    g.add_edge("doc:x", "doc:y", rel="IMPLEMENTS", quote="Thực hiện </script> “Thông báo”", file="x.txt",
               span_start=0, span_end=10)
    return g


def test_cli_writes_the_page_and_says_what_it_drew(seeds, tmp_path):
    group = _Group(commands={"viz": viz_command})
    runner = CliRunner()
    out = tmp_path / "l.html"
    r = runner.invoke(group, ["viz", "Thông báo 111", "--docs", str(seeds), "-o", str(out), "--max-nodes", "20"])
    assert r.exit_code == 0, r.output
    drawn = re.search(rf"wrote {re.escape(str(out))}: (\d+) nodes, \d+ edges", r.output)
    assert drawn and int(drawn[1]) <= 20 and "folded" in r.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = runner.invoke(group, ["viz", "--overview", "--docs", str(seeds), "-o", str(tmp_path / "o.html")])
    assert r.exit_code == 0 and "wrote" in r.output
    assert runner.invoke(group, ["viz", "--docs", str(seeds)]).exit_code == 2
    assert runner.invoke(group, ["viz", "x", "--overview", "--docs", str(seeds)]).exit_code == 2
    r = runner.invoke(group, ["viz", "no such thing at all", "--docs", str(seeds)])
    assert r.exit_code == 1 and not (tmp_path / "lineage.html").exists()


# --- in Chromium -------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("the selenium Python package")
    if missing:
        msg = f"browser tests need {', '.join(missing)} (Debian: chromium chromium-driver; pip: selenium)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(reason=msg)
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1600,1000", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> dict:
    """Load ``path``, wait until vis has drawn it, return its DataSets and every URL it asked for."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get_log("performance")  # drop what the browser did before our page
    driver.get(path.as_uri())
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return !!(window.truyvet && truyvet.ready)"))
    page = driver.execute_script("""
        return {nodes: network.body.data.nodes.get(), edges: network.body.data.edges.get(),
                meta: {focus: truyvet.focus, note: truyvet.note, stats: truyvet.stats},
                note: document.getElementById('tv-note').textContent,
                charset: document.characterSet, heading: document.querySelector('h1').textContent,
                positions: network.getPositions(),
                resources: performance.getEntriesByType('resource').map(function (e) { return e.name; })};""")
    sent = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            sent.append(msg["params"].get("request", {}).get("url") or msg["params"].get("url"))
    page["requests"] = sent
    return page


def _assert_offline(page, path: Path):
    assert path.as_uri() in page["requests"]
    outside = [u for u in page["requests"] + page["resources"] if not u.startswith(("file://", "data:"))]
    assert outside == [], f"the page asked the network for {outside}"


def test_seeds_lineage_page_in_chromium(browser, graph, tmp_path):
    out = tmp_path / "lineage.html"
    viz.render_html(viz.lineage_subgraph(graph, TB), TB, out)
    page = open_page(browser, out)
    _assert_offline(page, out)
    assert page["charset"] == "UTF-8" and "Thông báo 111-TB/VPTW" in page["heading"]

    nodes = {n["id"]: n for n in page["nodes"]}
    assert nodes[TB]["isFocus"] and nodes[TB]["label"] == "Thông báo 111-TB/VPTW" and nodes[TB]["stub"]
    assert nodes[PLAN]["shapeProperties"].get("borderDashes") is None and not nodes[PLAN]["stub"]
    assert nodes[PLAN]["label"] == "Kế hoạch (Hà Nội, 20/01/2025)" and nodes[PLAN]["type"] == "Document"
    assert nodes[TASK]["label"] == "II.2.(14)" and nodes[TASK]["type"] == "Task"
    assert nodes[LEAD]["label"].startswith("Ban cán sự đảng UBND Thành phố") and nodes[LEAD]["type"] == "Agency"
    assert "Nhiệm vụ (task) II.2.(14) — Kế hoạch (Hà Nội, 20/01/2025)" in nodes[TASK]["title"]
    assert "file: " in nodes[TASK]["title"]

    edges = {(e["from"], e["to"], e["rel"], e["role"]): e for e in page["edges"]}
    implements = edges[(PLAN, TB, "IMPLEMENTS", None)]
    assert implements["label"] == "implements" and "111-TB/VPTW" in implements["title"]
    assert (PLAN, TASK, "HAS_TASK", None) in edges
    lead = edges[(TASK, LEAD, "ASSIGNS", "lead")]
    assert "Ban cán sự đảng UBND Thành phố chủ trì" in lead["title"] and ".txt:" in lead["title"]
    reported = [e for e in page["edges"] if e["reported"]]
    assert reported and all(e["dashes"] for e in reported)

    x = {n: page["positions"][n]["x"] for n in (TB, PLAN, TASK, LEAD)}
    assert x[TB] < x[PLAN] < x[TASK] < x[LEAD]

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "viz-seeds.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 20_000

    # The search box folds diacritics both ways, as people type Vietnamese without them.
    hits = browser.execute_script("return search('ban can su dang ubnd');")
    assert LEAD in hits and browser.execute_script("return network.getSelectedNodes();") == hits
    assert TASK in browser.execute_script("return search('II.2.(14)');")


def test_grouping_in_chromium(browser, graph, tmp_path):
    out = tmp_path / "small.html"
    viz.render_html(viz.lineage_subgraph(graph, TB, max_nodes=15), TB, out)
    page = open_page(browser, out)
    _assert_offline(page, out)
    assert len(page["nodes"]) <= 15
    groups = [n for n in page["nodes"] if n["type"] == "Group"]
    tasks = [n for n in groups if re.fullmatch(r"\+\d+ tasks", n["label"])]
    assert tasks, [n["label"] for n in groups]
    assert any(e["from"] == PLAN and e["to"] == tasks[0]["id"] for e in page["edges"])
    assert "folded" in page["note"] and "--max-nodes 15" in page["note"]
    stats = page["meta"]["stats"]
    assert stats["grouped"] == stats["total"] - stats["drawn"] > 0
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "viz-seeds-grouped.png"))


def test_overview_in_chromium(browser, graph, tmp_path):
    out = tmp_path / "overview.html"
    viz.render_html(viz.overview_subgraph(graph), None, out)
    page = open_page(browser, out)
    _assert_offline(page, out)
    assert {n["type"] for n in page["nodes"]} == {"Document", "Agency"}
    degree = {n["id"]: n["value"] for n in page["nodes"]}
    assert degree[PLAN] == max(degree.values())
    assert any(e["from"] == PLAN and e["to"] == LEAD and e["rel"] == "ASSIGNS" for e in page["edges"])
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "viz-overview.png"))


def test_hostile_text_stays_text_in_chromium(browser, tmp_path):
    g = _hostile_graph()
    out = tmp_path / "hostile.html"
    viz.render_html(viz.lineage_subgraph(g, "doc:y"), "doc:y", out)
    page = open_page(browser, out)
    assert browser.execute_script("return window.pwned === undefined")
    nodes = {n["id"]: n for n in page["nodes"]}
    assert nodes["doc:x"]["label"] == "Kế hoạch <b>x</b> & y"
    assert "</script><script>window.pwned = 1</script><!-- đ" in nodes["doc:x"]["title"]
