"""The lineage pages: pure selection and records, then the real page in headless Chromium.

The browser tests read what the page draws back from the page itself (the
shown nodes, their boxes on screen, the thread a click lights), act with a
real mouse and keyboard, check that every request stayed on file://, and
leave a screenshot of each page in artifacts/ for a person to look at.
"""
from __future__ import annotations

import re
import time

import networkx as nx
import pytest
from click.testing import CliRunner

from browser import click_node, dom_box, errors, in_view, load, requests, screenshot, start_chromium
from truyvet.cli.app import _Group
from truyvet.cli.viz import viz as viz_command
from truyvet.queries import viz
from truyvet.queries.viz.view import lineage_view

TB = "doc:111-TB/VPTW"
TB95 = "doc:95-TB/VPTW"
KL175 = "doc:175-KH/TU@ha-noi"
PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
TASK = f"task:{PLAN}#II.2.(14)"
GROUP = f"tasks:{PLAN}"
LEAD = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
QUOTE = "Giao Ban cán sự đảng UBND Thành phố chủ trì, phối hợp với Đảng đoàn HĐND Thành phố"


# --- pure parts ----------------------------------------------------------------

def test_seeds_lineage_holds_the_headline_chain_drawn_one_way(graph):
    sub = viz.lineage_subgraph(graph, TB)
    assert sub.graph["direction"] == "down" and sub.graph["grouped"] == 0
    assert {TB, PLAN, TASK, LEAD} <= set(sub)
    data = lineage_view(graph, sub)
    edges = {(e["from"], e["to"], e["rel"], e["role"]): e for e in data["edges"]}
    # One direction everywhere: the directive to what implements it, a task to its agencies.
    implements = edges[(TB, PLAN, "IMPLEMENTS", None)]
    assert (implements["source"], implements["target"]) == (PLAN, TB)
    assert implements["sentence"] == "Kế hoạch (Hà Nội, 20/01/2025) thực hiện Thông báo 111-TB/VPTW"
    assert "111-TB/VPTW" in implements["statements"][0]["quote"]
    lead = edges[(TASK, LEAD, "ASSIGNS", "lead")]
    assert lead["sentence"] == "Ban cán sự đảng UBND Thành phố (Hà Nội) chủ trì nhiệm vụ II.2.(14)"
    st = lead["statements"][0]
    assert st["quote"].startswith(QUOTE) and st["file"].endswith("000_60a44d443366fbee.txt")
    with open(st["file"], encoding="utf-8") as f:       # the span points into the file
        assert f.read()[st["span"][0]:st["span"][1]].startswith("Giao Ban cán sự đảng")


def test_tasks_fold_into_one_group_per_document_without_headings(graph):
    data = lineage_view(graph, viz.lineage_subgraph(graph, TB))
    groups = {g["id"]: g for g in data["groups"]}
    plan_tasks = [v for _, v, d in graph.out_edges(PLAN, data=True) if d["rel"] == "HAS_TASK"]
    group = groups[GROUP]
    assert group["anchor"] == PLAN and TASK in group["members"]
    assert len(group["members"]) + group["headings"] == len(set(plan_tasks))
    assert group["label"] == f"{len(group['members'])} nhiệm vụ"
    records = {r["id"]: r for r in data["nodes"]}
    assert records[TASK]["group"] == GROUP
    # A task is drawn with its label and the first words of its text.
    assert records[TASK]["caption"].startswith("II.2.(14)\nNghiên cứu triển khai đầu tư")
    # The paths up to the root directives: the plan implements two notices.
    assert sorted(records[PLAN]["chains"], key=str) == [[{"id": TB, "label": "Thông báo 111-TB/VPTW"}],
                                                        [{"id": TB95, "label": "Thông báo 95-TB/VPTW"}]]
    # The page opens on the focus and one level: the documents implementing it; tasks stay folded.
    assert set(data["initial"]) >= {TB, PLAN, KL175} and TASK not in data["initial"]


def test_headings_are_not_drawn_as_tasks():
    g = nx.MultiDiGraph()
    g.add_node("doc:a", type="Document", kind="plan", label="Kế hoạch 1-KH/TU")
    for label, text in (("II", "II. NHIỆM VỤ TRỌNG TÂM"), ("II.1", "1. Về quy hoạch"),
                        ("II.1.(1)", "(1) Rà soát quy hoạch hai bên bờ sông."), ("II.1.(2)", "(2) Xây dựng cầu mới.")):
        g.add_node(f"task:doc:a#{label}", type="Task", label=label, text=text, doc_id="doc:a")
        g.add_edge("doc:a", f"task:doc:a#{label}", rel="HAS_TASK")
    data = lineage_view(g, viz.lineage_subgraph(g, "doc:a"))
    assert data["groups"][0]["members"] == ["task:doc:a#II.1.(1)", "task:doc:a#II.1.(2)"]
    assert data["groups"][0]["headings"] == 2
    assert {r["id"] for r in data["nodes"]} == {"doc:a", "task:doc:a#II.1.(1)", "task:doc:a#II.1.(2)"}


def test_up_from_a_task_reaches_the_directive_and_keeps_the_assignees(graph):
    sub = viz.lineage_subgraph(graph, TASK)
    assert sub.graph["direction"] == "up"
    data = lineage_view(graph, sub)
    assert {TASK, PLAN, TB, LEAD} <= set(data["initial"])
    assert not data["groups"]          # one task of its document: drawn as itself


@pytest.mark.parametrize("limit", [5, 10, 15, 30, 50, 300])
def test_grouping_keeps_the_promise(graph, limit):
    sub = viz.lineage_subgraph(graph, TB, max_nodes=limit)
    groups = [d for _, d in sub.nodes(data=True) if d["type"] == "Group"]
    assert sub.number_of_nodes() <= limit
    total = viz.lineage_subgraph(graph, TB, max_nodes=10**6).graph["total"]
    assert sub.graph["drawn"] + sub.graph["grouped"] == sub.graph["total"] == total
    assert sum(sum(g["hidden"].values()) for g in groups) == sub.graph["grouped"]
    assert TB in sub
    loose = [n for n, d in sub.nodes(data=True) if d["type"] == "Group" and d["parent"] is None]
    assert all(sub.nodes[n]["member_type"] == "Agency" for n in loose) and len(loose) <= 1
    assert nx.is_weakly_connected(sub.subgraph(set(sub) - set(loose)))
    # What was cut away opens with its document's tasks.
    data = lineage_view(graph, sub)
    cut = [n for n, d in sub.nodes(data=True) if d["type"] == "Group" and d["member_type"] == "Task"]
    members = {m for g in data["groups"] for m in g["members"]}
    assert set(cut) <= members


def test_page_is_offline_deterministic_and_utf8(graph):
    sub = viz.lineage_subgraph(graph, TB)
    page = viz.page_html(sub, TB, g=graph)
    assert page == viz.page_html(viz.lineage_subgraph(graph, TB), TB, g=graph)
    assert '<meta charset="utf-8">' in page and '<html lang="vi">' in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page, re.IGNORECASE)
    assert "<link" not in page
    assert "Kế hoạch (Hà Nội, 20/01/2025)" in page  # UTF-8 as written, not \\u escapes


def test_overview_has_no_isolated_nodes_and_clusters_by_issuer(graph):
    sub = viz.overview_subgraph(graph)
    isolated = [n for n, d in graph.nodes(data=True) if d["type"] in ("Document", "Agency") and not graph.degree(n)]
    assert all(sub.degree(n) for n in sub)
    assert sub.graph["isolated"] == len(isolated)
    assert sub.nodes[PLAN]["cluster"] == "Ban Thường vụ Thành ủy Hà Nội"
    assert sub.nodes[LEAD]["cluster"] == sub.nodes[PLAN]["cluster"]      # where its work comes from
    hubs = [n for n, d in sub.nodes(data=True) if d.get("hub")]
    assert PLAN in hubs and all("x" in sub.nodes[n] for n in sub)


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("doc:x", type="Document", kind="plan", label="Kế hoạch <b>x</b> & y",
               title="</script><script>window.pwned = 1</script><!-- đ")
    g.add_node("doc:y", type="Document", kind="notice", label="Thông báo 1-TB/TW", stub=True)
    g.add_node("event:z", type="Event", name="Hội nghị <i>z</i>")          # a type the pages do not know yet
    g.add_edge("doc:x", "doc:y", rel="IMPLEMENTS", quote="Thực hiện </script> “Thông báo”", file="x.txt",
               span_start=0, span_end=10)
    g.add_edge("doc:y", "event:z", rel="ANNOUNCED_AT", quote="tại Hội nghị")
    return g


def test_cli_writes_the_page_and_says_what_it_drew(seeds, tmp_path):
    group = _Group(commands={"viz": viz_command})
    runner = CliRunner()
    out = tmp_path / "l.html"
    r = runner.invoke(group, ["viz", "Thông báo 111", "--docs", str(seeds), "-o", str(out), "--max-nodes", "20"])
    assert r.exit_code == 0, r.output
    drawn = re.search(rf"wrote {re.escape(str(out))}: (\d+) nodes, \d+ edges", r.output)
    assert drawn and int(drawn[1]) <= 20 and "--max-nodes 20" in r.output
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
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


def _open(driver, path):
    load(driver, path.as_uri())
    sent = requests(driver)
    assert path.as_uri() in sent
    outside = [u for u in sent if not u.startswith(("file://", "data:"))]
    assert outside == [], f"the page asked the network for {outside}"
    assert errors(driver) == []


def _shown(driver) -> set:
    return set(driver.execute_script("return truyvet.shown()"))


@pytest.fixture
def lineage_111(browser, graph, tmp_path):
    out = tmp_path / "lineage.html"
    viz.render_html(viz.lineage_subgraph(graph, TB), TB, out, g=graph)
    _open(browser, out)
    return out


def test_first_view_is_readable_on_a_laptop(browser, lineage_111):
    assert browser.execute_script("return [window.innerWidth, document.characterSet]") == [1366, "UTF-8"]
    shown = _shown(browser)
    assert shown == {TB, PLAN, KL175, GROUP}
    for n in shown:
        box = dom_box(browser, n)
        assert in_view(box, margin=8), (n, box)
    assert dom_box(browser, TB)["scale"] >= 0.62
    labels = browser.execute_script("return network.body.data.nodes.get().map(function (n) { return [n.id, n.label]; })")
    labels = dict(labels)
    assert labels[TB] == "Thông báo 111-TB/VPTW\n03/12/2024" and labels[PLAN] == "Kế hoạch (Hà Nội, 20/01/2025)"
    assert re.fullmatch(r"\d+ nhiệm vụ  ▸", labels[GROUP])
    screenshot(browser, "viz-lineage-111.png")


def test_task_group_opens_and_closes_with_a_click(browser, lineage_111):
    click_node(browser, GROUP)
    shown = _shown(browser)
    assert {TASK, LEAD} <= shown and len(shown) > 30
    edges = browser.execute_script("return truyvet.edgesShown()")
    assert any(e["from"] == GROUP and e["to"] == TASK for e in edges)
    assert any(e["from"] == TASK and e["to"] == LEAD and e["role"] == "lead" for e in edges)
    screenshot(browser, "viz-lineage-111-open.png")
    click_node(browser, GROUP)
    assert _shown(browser) == {TB, PLAN, KL175, GROUP}


def test_search_finds_song_hong_lists_and_moves_to_it(browser, lineage_111):
    from selenium.webdriver.common.keys import Keys

    box = browser.find_element("id", "tv-search")
    box.send_keys("song Hong", Keys.ENTER)
    time.sleep(0.3)
    items = browser.find_elements("css selector", "#tv-results li")
    texts = [li.text for li in items]
    assert len(texts) == 3 and all("II.2.(1" in t for t in texts), texts
    assert browser.find_element("id", "tv-count").text == "1/3"
    first = items[0].get_attribute("data-id")
    assert first in _shown(browser)
    assert browser.execute_script("return network.getSelectedNodes()") == [first]
    box1 = dom_box(browser, first)
    assert in_view(box1, margin=20) and box1["scale"] >= 1.0       # zoomed to a readable scale
    browser.find_element("id", "tv-next").click()
    time.sleep(0.3)
    second = browser.execute_script("return network.getSelectedNodes()")[0]
    assert second != first and in_view(dom_box(browser, second), margin=20)
    browser.find_element("id", "tv-next").click()
    browser.find_element("id", "tv-prev").click()
    assert browser.execute_script("return network.getSelectedNodes()") == [second]
    screenshot(browser, "viz-lineage-search.png")


def test_click_shows_selectable_evidence_and_lights_the_thread(browser, lineage_111):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("truyvet.reveal(arguments[0])", TASK)
    time.sleep(0.2)
    click_node(browser, TASK)
    panel = browser.find_element("id", "tv-panel")
    assert "nhiệm vụ II.2.(14)" in panel.text and "Nghiên cứu triển khai đầu tư xây dựng các cầu lớn qua Sông Hồng" in panel.text
    assert "chủ trì" in panel.text and "Ban cán sự đảng UBND Thành phố (Hà Nội)" in panel.text
    assert "000_60a44d443366fbee.txt · ký tự" in panel.text
    # The path up to the root directive.
    chains = [li.text for li in panel.find_elements("css selector", ".tv-chains li")]
    assert "Kế hoạch (Hà Nội, 20/01/2025) → Thông báo 111-TB/VPTW" in chains
    # The evidence is text a reader can select with the mouse (and copy).
    quote = panel.find_element("css selector", "blockquote.tv-quote")
    assert quote.text.startswith(QUOTE)
    ActionChains(browser).move_to_element_with_offset(quote, -quote.size["width"] // 2 + 2, -quote.size["height"] // 2 + 4) \
        .click_and_hold().move_to_element_with_offset(quote, quote.size["width"] // 2 - 4, 0).release().perform()
    selected = browser.execute_script("return window.getSelection().toString()")
    assert len(selected) > 40 and " ".join(selected.split())[:30] in " ".join(quote.text.split())
    # The whole thread is lit, edges too: directive → plan → group → task → its agencies.
    thread = browser.execute_script("return truyvet.thread")
    assert {TB, PLAN, GROUP, TASK, LEAD} <= set(thread["nodes"])
    lit = set(thread["edges"])
    assert f"h|{GROUP}" in lit and any(e.startswith(f"{TASK}|ASSIGNS|lead|") for e in lit)
    faded = browser.execute_script("""return network.body.data.nodes.get().filter(function (n) {
        return n.opacity < 1; }).map(function (n) { return n.id; })""")
    assert KL175 in faded and TASK not in faded
    screenshot(browser, "viz-lineage-panel.png")


def test_headline_chain_visible_and_labelled_at_first_load(browser, graph, tmp_path):
    out = tmp_path / "task.html"
    viz.render_html(viz.lineage_subgraph(graph, TASK), TASK, out, g=graph)
    _open(browser, out)
    chain = [TB, PLAN, TASK, LEAD]
    assert set(chain) <= _shown(browser)
    boxes = {n: dom_box(browser, n) for n in chain}
    assert all(in_view(b, margin=8) for b in boxes.values()), boxes
    assert boxes[TB]["scale"] >= 0.62
    # Left to right, every arrow the same way.
    assert boxes[TB]["right"] < boxes[PLAN]["left"] < boxes[PLAN]["right"] < boxes[TASK]["left"] \
        < boxes[TASK]["right"] < boxes[LEAD]["left"]
    labels = dict(browser.execute_script("return network.body.data.nodes.get().map(function (n) { return [n.id, n.label]; })"))
    assert labels[TASK].startswith("II.2.(14)\nNghiên cứu triển khai") and labels[LEAD].startswith("Ban cán sự đảng UBND")
    screenshot(browser, "viz-lineage-task.png")


def test_overview_filters_and_labels_hubs(browser, graph, tmp_path):
    out = tmp_path / "overview.html"
    viz.render_html(viz.overview_subgraph(graph), None, out)
    _open(browser, out)
    everything = browser.execute_script("return truyvet.shown().length")
    visible_edges = browser.execute_script("""return network.body.data.edges.get().filter(function (e) {
        return !e.hidden; }).map(function (e) { return [e.from, e.to]; })""")
    ends = {n for e in visible_edges for n in e}
    assert set(browser.execute_script("return truyvet.shown()")) == ends        # nothing drawn alone
    screenshot(browser, "viz-overview.png")
    for box in browser.find_elements("css selector", 'input[name="kind"]'):
        if box.get_attribute("value") != "plan":
            box.click()
    plans = browser.execute_script("return truyvet.shown()")
    assert PLAN in plans and TB not in plans and len(plans) < everything
    assert all(graph.nodes[n]["type"] == "Agency" or graph.nodes[n]["kind"] == "plan" for n in plans)
    screenshot(browser, "viz-overview-plans.png")


def test_hostile_text_and_unknown_types_in_chromium(browser, tmp_path):
    g = _hostile_graph()
    out = tmp_path / "hostile.html"
    viz.render_html(viz.lineage_subgraph(g, "doc:y"), "doc:y", out)
    load(browser, out.as_uri())
    assert browser.execute_script("return window.pwned === undefined")
    rec = browser.execute_script("return truyvet.record('doc:x')")
    assert rec["label"] == "Kế hoạch <b>x</b> & y"
    assert rec["facts"]["title"] == "</script><script>window.pwned = 1</script><!-- đ"
    # A node type and a relation the pages do not know are drawn, named, in neutral grey.
    sub = nx.MultiDiGraph(g.subgraph(["doc:y", "event:z"]), mode="lineage", focus="doc:y", direction="down")
    viz.render_html(sub, "doc:y", out, g=g)
    load(browser, out.as_uri())
    assert "event:z" in _shown(browser)
    edge = browser.execute_script("return network.body.data.edges.get()")[0]
    assert edge["label"] == "announced_at" and edge["from"] == "doc:y"
