"""A real headless Chromium for the page tests (imported by the test modules, not a plugin).

The window is a laptop's 1366×768. Every request the browser makes is read
back from Chrome's network log, so a test can say that nothing left the
machine. Screenshots go to artifacts/ (git-ignored) for a person to look at.
Under CI=true a missing Chromium is a failure, elsewhere a skip with the reason.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from conftest import missing

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def start_chromium(profile: Path):
    lacking = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        lacking.append("the selenium Python package")
    if lacking:
        missing(f"browser tests need {', '.join(lacking)} (Debian: chromium chromium-driver; pip: selenium)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-default-apps", "--window-size=1366,768", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def load(driver, url: str, timeout: float = 30) -> None:
    """Open ``url`` (after dropping what the browser logged before) and wait
    until the page says it is ready (graph pages) or has loaded (others)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(url)
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && (!window.vis || !!(window.truyvet && truyvet.ready))"))


def requests(driver) -> list[str]:
    """Every URL the page asked for since :func:`load`, and every resource it fetched."""
    sent = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            sent.append(msg["params"].get("request", {}).get("url") or msg["params"].get("url"))
    sent += driver.execute_script("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    return sent


def errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    time.sleep(0.2)          # one more frame after the last change
    driver.save_screenshot(str(path))
    assert path.stat().st_size > 15_000, f"{path} looks empty"
    return path


def dom_box(driver, node_id: str) -> dict:
    """Where ``node_id`` is drawn, in the graph container's pixels, and the container's size."""
    return driver.execute_script("""
        var id = arguments[0], b = network.getBoundingBox(id), c = document.getElementById('mynetwork');
        var tl = network.canvasToDOM({x: b.left, y: b.top}), br = network.canvasToDOM({x: b.right, y: b.bottom});
        return {left: tl.x, top: tl.y, right: br.x, bottom: br.y, width: c.clientWidth, height: c.clientHeight,
                scale: network.getScale()};""", node_id)


def in_view(box: dict, margin: float = 0) -> bool:
    return (box["left"] >= margin and box["top"] >= margin and box["right"] <= box["width"] - margin
            and box["bottom"] <= box["height"] - margin)


def click_node(driver, node_id: str, double: bool = False) -> None:
    """A real mouse click (or double click) on the middle of a drawn node."""
    from selenium.webdriver.common.action_chains import ActionChains

    box = dom_box(driver, node_id)
    canvas = driver.find_element("css selector", "#mynetwork canvas")
    x = (box["left"] + box["right"]) / 2 - box["width"] / 2
    y = (box["top"] + box["bottom"]) / 2 - box["height"] / 2
    chain = ActionChains(driver).move_to_element_with_offset(canvas, int(x), int(y))
    (chain.double_click() if double else chain.click()).perform()
    time.sleep(0.3)
