"""`truyvet serve` over the seed documents in a real embedded store (and a real Neo4j when one runs).

The JSON endpoints are checked against values read from the seeds; the pages
in headless Chromium: a document page with its task table, an agency page,
and the graph view growing from the store on a double click. Every request
the browser makes must go to the explorer itself.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest

from browser import click_node, errors, load, requests, screenshot, start_chromium
from store_fixtures import require_neo4j
from truyvet.queries.store_graph import StoreGraph
from truyvet.web.server import Explorer, make_server

TB = "doc:111-TB/VPTW"
KL175 = "doc:175-KH/TU@ha-noi"
PLAN = "doc:plan/ban-thuong-vu-thanh-uy-ha-noi/2025-01-20"
TASK = f"task:{PLAN}#II.2.(14)"
LEAD = "agency:ban-can-su-dang-ubnd-thanh-pho@ha-noi"
QUOTE = "Giao Ban cán sự đảng UBND Thành phố chủ trì, phối hợp với Đảng đoàn HĐND Thành phố"


def _ingest(store, seeds):
    from truyvet.queries.ingest import ingest_paths

    report = ingest_paths(store, [str(seeds)], workers=1)
    assert report.files == 5 and not report.failed


@pytest.fixture(scope="module")
def embedded(seeds, tmp_path_factory):
    from truyvet.graph.stores import open_store

    path = tmp_path_factory.mktemp("serve-store") / "graph.lbdb"
    with open_store("embedded", path=path) as store:
        _ingest(store, seeds)
    with open_store("embedded", path=path, read_only=True) as store:
        yield store


def _start(store):
    server = make_server(Explorer(StoreGraph(store, ""), "embedded", store.counts()), port=0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def site(embedded):
    server, base = _start(embedded)
    yield base
    server.shutdown()
    server.server_close()


def get(base, path, headers=None):
    req = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def api(base, path):
    status, _, body = get(base, path)
    assert status == 200, body
    return json.loads(body)


def seg(node_id):
    return quote(node_id, safe="")


# --- the JSON endpoints -------------------------------------------------------------

def test_search_uses_the_shared_resolver(site):
    assert [m["id"] for m in api(site, "/api/search?q=" + quote("thong bao 111"))["matches"]] == [TB]
    assert [m["id"] for m in api(site, "/api/search?q=" + quote("II.2.(14) Hà Nội"))["matches"]] == [TASK]
    found = api(site, "/api/search?q=" + quote("Thông báo 11"))
    assert found["matches"] == [] and TB in [n["id"] for n in found["near"]]
    status, _, body = get(site, "/api/search?q=")
    assert status == 400 and "q=" in json.loads(body)["error"]


def test_node_and_neighbours_carry_evidence_and_groups(site):
    task = api(site, "/api/node/" + seg(TASK))
    assert task["type"] == "Task" and task["facts"]["label"] == "II.2.(14)"
    assert [[s["id"] for s in path] for path in task["chains"]] == [[PLAN, TB], [PLAN, "doc:95-TB/VPTW"]]
    around = api(site, "/api/neighbours/" + seg(PLAN))
    groups = {g["id"]: g for g in around["groups"]}
    assert TASK in groups[f"tasks:{PLAN}"]["members"]
    edges = {(e["from"], e["to"], e["rel"], e["role"]): e for e in around["edges"]}
    lead = edges[(TASK, LEAD, "ASSIGNS", "lead")]
    assert lead["statements"][0]["quote"].startswith(QUOTE)
    assert lead["statements"][0]["file"].endswith("000_60a44d443366fbee.txt")
    assert (TB, PLAN, "IMPLEMENTS", None) in edges                  # drawn from the directive down
    # The first view: the node and its neighbours, its tasks folded into their group (in the page).
    assert set(around["initial"]) >= {PLAN, TB, KL175, TASK}
    direct = {e["source"] for e in around["edges"] if e["target"] == PLAN} | \
        {e["target"] for e in around["edges"] if e["source"] == PLAN}
    assert set(around["initial"]) == direct | {PLAN}      # agencies of its tasks come when the group opens
    assert next(n for n in around["nodes"] if n["id"] == TASK)["group"] == f"tasks:{PLAN}"
    few = api(site, "/api/neighbours/" + seg(PLAN) + "?limit=3")
    more = [n for n in few["nodes"] if n["type"] == "Group"]
    assert more and all(n["facts"]["count"] > 0 for n in more)


def test_document_and_agency_data(site):
    doc = api(site, "/api/document/" + seg(PLAN))
    row = next(r for r in doc["tasks"] if r["id"] == TASK)
    assert [a["id"] for a in row["lead"]] == [LEAD] and row["evidence"][0]["quote"].startswith(QUOTE)
    assert {e["target"] for e in doc["links"]["implements"]["items"]} == {TB, "doc:95-TB/VPTW"}
    assert doc["counts"]["tasks"] == len([r for r in doc["tasks"] if not r["heading"]])
    agency = api(site, "/api/agency/" + seg(LEAD))
    assert agency["roles"]["lead"] == sum(1 for d in agency["documents"] for t in d["tasks"] if t["role"] == "lead")
    tasks = {t["id"]: t for d in agency["documents"] for t in d["tasks"]}
    assert tasks[TASK]["role"] == "lead"


def test_errors_read_only_and_local_only(site):
    status, _, body = get(site, "/api/node/" + seg("doc:no-such-thing"))
    assert status == 404 and "no such node" in json.loads(body)["error"]
    status, _, body = get(site, "/node/" + seg("doc:no-such-thing"))
    assert status == 404 and "<html" in body
    status, _, _ = get(site, "/", {"Host": "attacker.example:80"})
    assert status == 421
    req = urllib.request.Request(site + "/api/search?q=x", data=b"{}", method="POST")
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=10)
    assert exc.value.code in (405, 501)
    status, headers, _ = get(site, "/search?q=" + quote("thông báo 111"))
    assert status == 200 and "Thông báo 111-TB/VPTW" in _   # one match: redirected to its page


def test_cli_binds_to_loopback_and_answers(seeds):
    proc = subprocess.Popen([sys.executable, "-m", "truyvet", "serve", "--docs", str(seeds), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        line = ""
        while time.time() < deadline and "http://" not in line:
            line = proc.stderr.readline()
        m = re.search(r"http://(127\.0\.0\.1):(\d+)/", line)
        assert m, line
        found = api(f"http://127.0.0.1:{m[2]}", "/api/search?q=" + quote("BCS đảng UBND TP"))
        assert LEAD in [c["id"] for c in found["matches"]]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_neo4j_answers_as_the_embedded_store(embedded, seeds):
    require_neo4j()
    from truyvet.graph.stores import open_store

    with open_store("neo4j") as neo:
        neo.clear()
        _ingest(neo, seeds)
        a, b = Explorer(StoreGraph(embedded, "")), Explorer(StoreGraph(neo, ""))
        for path in ("/api/neighbours/" + seg(PLAN), "/api/document/" + seg(PLAN), "/api/agency/" + seg(LEAD),
                     "/api/node/" + seg(TASK), "/api/search?q=" + quote("thong bao 111")):
            ra, rb = a.handle(path), b.handle(path)
            assert ra[0] == rb[0] == 200
            assert json.loads(ra[2]) == json.loads(rb[2]), path


# --- in Chromium -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = start_chromium(tmp_path_factory.mktemp("chromium-serve"))
    yield driver
    driver.quit()


def _visit(driver, site, path):
    load(driver, site + path)
    outside = [u for u in requests(driver) if not u.startswith(site + "/") and not u.startswith("data:")]
    assert outside == [], f"the page asked for {outside}"
    assert errors(driver) == []


def test_search_box_to_document_page(browser, site):
    from selenium.webdriver.common.keys import Keys

    _visit(browser, site, "/")
    screenshot(browser, "serve-home.png")
    browser.find_element("name", "q").send_keys("Kế hoạch Hà Nội 20/01/2025", Keys.ENTER)
    time.sleep(0.5)
    assert browser.current_url == site + "/node/" + seg(PLAN)
    assert browser.find_element("css selector", "h1").text == "Kế hoạch (Hà Nội, 20/01/2025)"
    row = browser.find_element("id", TASK)
    cells = [c.text for c in row.find_elements("css selector", "td")]
    assert cells[0] == "II.2.(14)" and cells[1].startswith("Nghiên cứu triển khai đầu tư xây dựng các cầu lớn qua Sông Hồng")
    assert cells[2] == "Ban cán sự đảng UBND Thành phố (Hà Nội)" and "Đảng đoàn HĐND Thành phố (Hà Nội)" in cells[3]
    # The sentence that assigns it, printed once on the page, numbered; later rows point back to it.
    ref = re.fullmatch(r"như câu \[(\d+)\] phía trên", cells[6])
    number = ref[1] if ref else re.match(r"\[(\d+)\]", cells[6])[1]
    quoted = [q.text for q in browser.find_elements("css selector", "table.tasks blockquote")]
    first = next(q for q in quoted if q.startswith(f"[{number}] "))
    assert QUOTE in " ".join(first.split())
    assert "000_60a44d443366fbee.txt · ký tự" in browser.find_element("css selector", "table.tasks .src").text
    up = browser.find_elements("css selector", "ol.chains li")
    assert [li.text for li in up] == ["Thông báo 111-TB/VPTW", "Thông báo 95-TB/VPTW"]
    screenshot(browser, "serve-document.png")
    browser.find_element("link text", "Bảng nhiệm vụ (" + str(len(quoted) and browser.execute_script(
        "return document.querySelectorAll('table.tasks tbody tr:not(.heading)').length")) + ")").click()
    time.sleep(0.3)
    screenshot(browser, "serve-document-tasks.png")


def test_agency_page(browser, site):
    _visit(browser, site, "/node/" + seg(LEAD))
    assert browser.find_element("css selector", "h1").text == "Ban cán sự đảng UBND Thành phố (Hà Nội)"
    body = browser.find_element("tag name", "main").text
    assert re.search(r"Nhiệm vụ được giao \(\d+\)", body) and "chủ trì" in body
    assert "Kế hoạch (Hà Nội, 20/01/2025)" in body and "Nghiên cứu triển khai đầu tư xây dựng các cầu lớn" in body
    screenshot(browser, "serve-agency.png")


def test_graph_view_grows_from_the_store(browser, site):
    _visit(browser, site, "/graph/" + seg(TB))
    shown = set(browser.execute_script("return truyvet.shown()"))
    assert {TB, PLAN, KL175} <= shown and TASK not in shown
    screenshot(browser, "serve-graph.png")
    # A double click on a neighbour fetches its links from the store.
    click_node(browser, PLAN, double=True)
    deadline = time.time() + 10
    while time.time() < deadline and "doc:95-TB/VPTW" not in browser.execute_script("return truyvet.shown()"):
        time.sleep(0.1)
    shown = set(browser.execute_script("return truyvet.shown()"))
    assert {"doc:95-TB/VPTW", f"tasks:{PLAN}"} <= shown
    fetched = [u for u in requests(browser) if "/api/neighbours/" in u]
    assert fetched and all(u.startswith(site + "/api/") for u in fetched)
    # The group it brought opens onto the task and its lead.
    click_node(browser, f"tasks:{PLAN}")
    assert {TASK, LEAD} <= set(browser.execute_script("return truyvet.shown()"))
    # Search: the page's records first, then the store's resolver.
    from selenium.webdriver.common.keys import Keys

    browser.find_element("id", "tv-search").send_keys("song Hong", Keys.ENTER)
    time.sleep(0.5)
    hit = browser.execute_script("return network.getSelectedNodes()")
    assert hit and hit[0].startswith(f"task:{PLAN}#II.2.(1")
    screenshot(browser, "serve-graph-expanded.png")
    assert errors(browser) == []
