"""Shared fixtures: the real site built once per run, served on localhost, and a headless Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator import ROOT
from generator.build import build_site
from generator.devtools.chromium import launch
from generator.devtools.static_server import serve as serve_directory  # gzip, like a real static host

OUTPUT = ROOT / "test-output"
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built from the shipped data/, exactly as `python -m generator build` does."""
    site = tmp_path_factory.mktemp("built") / "site"
    assert build_site(ROOT / "data", site), "the shipped data must build"
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (ending in /) of the built site served on 127.0.0.1."""
    url, server = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@pytest.fixture(params=[390, 1280], ids=["phone", "desktop"])
def width(request) -> int:
    return request.param


@pytest.fixture
def page(browser, width):
    """A fresh page at the test's width that records every request it makes."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def external_requests(urls: list[str]) -> list[str]:
    """The URLs that went to a host other than this machine."""
    return [u for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).hostname not in LOCAL_HOSTS]


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-output/screenshots/ for people to look at."""
    path = OUTPUT / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page, impacts: tuple[str, ...] = ("minor", "moderate", "serious", "critical")) -> list[str]:
    """Run axe-core (WCAG 2.1 A/AA + best practice) in the page; one line per violation found."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def site_search(page, query: str, results: str = ".md-search-result__item", timeout: float = 60_000) -> None:
    """Type query into Material's site search and wait until `results` shows.

    fill() fires `input` and no keyup, like a Chinese input method or a paste; the site passes it on
    to Material as a keyup (overrides/partials/search.html), so the query runs however the index
    and the typing interleave. The wait is a condition, however slow the machine is.
    """
    page.locator("input.md-search__input").fill(query)
    page.locator(results).first.wait_for(timeout=timeout)
