"""A first visit stays light (issue 16) and still leaves what was visited usable offline.

The service worker keeps the shell and the pages a person opens, not every city's office page;
Material's site search fetches its index only when someone searches, and then still finds what
people look for (shipped data).
"""

from __future__ import annotations

import re
import shutil

import pytest

from generator.devtools.static_server import serve
from tests.conftest import site_search

# Resolves once this page's worker controls it and has kept the page itself (polled in the page:
# wait_for_function would take the pending promise of an async check for a true value).
_WAIT_PAGE_KEPT = """async (url) => {
  url = new URL(url || location.href, location.href).href
  const kept = async () => {
    if (!navigator.serviceWorker.controller) return false
    for (const key of await caches.keys()) {
      if (await (await caches.open(key)).match(url, { ignoreSearch: true })) return true
    }
    return false
  }
  const deadline = Date.now() + 30000
  while (!(await kept())) {
    if (Date.now() > deadline) throw new Error("the worker did not keep " + url)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return true
}"""

# The search box has the focus and, on a phone, has opened over the page, as a person sees before
# typing. Typed earlier, Chrome reset the caret when the box opened: "传真" became "真传" (CI).
# Reading offsetWidth makes the browser lay the page out first.
_SEARCH_BOX_OPEN = """() => {
  const box = document.querySelector("input.md-search__input")
  return document.activeElement === box && document.getElementById("__search").checked && box.offsetWidth > 0
}"""

_KEPT_URLS = """async () => {
  const urls = []
  for (const key of await caches.keys()) {
    for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname)
  }
  return urls
}"""


def _first_visit(browser, url: str):
    """A fresh browser (empty caches) on its first visit, waiting until the worker has kept the page."""
    context = browser.new_context(viewport={"width": 390, "height": 900}, service_workers="allow")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    context.on("request", lambda request: page.requests.append(request.url))  # the worker's too
    page.goto(url)
    page.evaluate(_WAIT_PAGE_KEPT)
    return context, page


@pytest.mark.parametrize("path,ready,expected", [
    ("offices/440300/", "main", "0755-8297 8745"),  # one's own city's phone and fax sheet
    ("hospitals/", "[data-app-hospital-lookup]:not([hidden])", "医院名称"),  # the lookup's form needs its manifest
    ("estimator/", "#est-preset option:nth-child(2)", "示例（易晓保手册中的老张）"),  # presets in the 参保地 list
    # The mirror's own worker keeps the search files it shares with the simplified site.
    ("zh-Hant/hospitals/", "[data-app-hospital-lookup]:not([hidden])", "醫院名稱"),
])
def test_the_page_of_a_first_visit_opens_offline(browser, site_url, path, ready, expected):
    context, page = _first_visit(browser, site_url + path)
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(ready, state="attached")
    assert expected in page.locator("main").inner_text() + " ".join(page.locator("select option").all_inner_texts())
    notice = page.locator(".app-offline").inner_text()
    assert ("離線" if path.startswith("zh-Hant/") else "离线") in notice
    context.close()


def test_only_the_shell_and_what_was_visited_is_kept(browser, site_url):
    context, page = _first_visit(browser, site_url)
    kept = page.evaluate(_KEPT_URLS)
    assert "/" in kept and any(u.endswith(".css") for u in kept)
    assert not [u for u in kept if u.startswith("/offices/4")], "no city's office page before anyone opens one"
    assert not [u for u in kept if "search_index" in u], "the site search's index waits for a search"
    page.goto(site_url + "offices/440300/")
    page.evaluate(_WAIT_PAGE_KEPT)
    assert "/offices/440300/" in page.evaluate(_KEPT_URLS)
    context.close()


@pytest.mark.parametrize("query,result", [
    ("备案", "备案"),
    ("传真", "传真"),
    ("12333", "12333"),
    ("罗湖", "罗湖分局"),  # an office found by its district
])
def test_site_search_loads_its_index_only_when_someone_searches(browser, site_url, query, result):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + "guide/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "search_index" in u], "no index before anyone searches"
    site_search(page, query)  # shown in the header at desktop width
    assert [u for u in requested if u.endswith("search/search_index.json")]
    assert result in page.locator(".md-search-result").inner_text().replace("\u200b", "")  # jieba's word breaks
    if query == "罗湖":
        links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        assert any("/offices/440300/" in href for href in links), links
    context.close()


def test_site_search_opens_with_the_keyboard_and_finds_offline_once_used(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900}, service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "guide/")
    page.evaluate(_WAIT_PAGE_KEPT)
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.wait_for_function(_SEARCH_BOX_OPEN)
    page.keyboard.type("传真")
    page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    page.evaluate(_WAIT_PAGE_KEPT, "../search/search_index.json")  # the worker keeps it as it passes
    context.set_offline(True)
    page.reload()
    page.wait_for_selector(".app-offline")  # site.js has run: the page is wired
    page.keyboard.press("/")
    page.wait_for_function(_SEARCH_BOX_OPEN)
    page.keyboard.type("12333")
    page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    assert "12333" in page.locator(".md-search-result").inner_text().replace("\u200b", "")
    context.close()


def test_text_from_an_input_method_is_searched_after_the_index_is_ready(browser, site_url):
    """An input method or a paste fires `input` and no keyup; Material reads the query only on keyup
    or when its index becomes ready, so text that arrives after that found nothing (CI, 2026-12)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "guide/")
    meta = page.locator(".md-search-result__meta")
    initializing = meta.inner_text()
    page.locator("input.md-search__input").focus()  # releases the index
    page.wait_for_function(
        "([el, text]) => el.textContent.trim() !== text.trim()", arg=[meta.element_handle(), initializing], timeout=60_000,
    )  # the worker is ready: Material has replaced its "initializing" line
    page.keyboard.insert_text("传真")  # what an IME commits: an input event, no key events
    page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
    assert "传真" in page.locator(".md-search-result").inner_text().replace("\u200b", "")
    context.close()


def test_after_a_release_a_page_gets_the_scripts_of_its_own_release(browser, built_site, tmp_path):
    """Our scripts have no hash in their names; served from the worker's cache first, the first page
    opened after a release would pair new HTML with the old release's scripts."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    url, server = serve(site)
    try:
        context, page = _first_visit(browser, url + "guide/")
        page.reload()  # now through the worker: site.js is kept in its cache
        assert page.evaluate("window.__release") is None
        script = site / "assets" / "javascripts" / "site.js"
        script.write_text(script.read_text(encoding="utf-8") + "\nwindow.__release = 2\n", encoding="utf-8")
        page.reload()
        page.wait_for_function("window.__release === 2", timeout=60_000)
        # Content-hashed files still come from the cache: they cannot change under their name.
        kept = [u for u in page.evaluate(_KEPT_URLS) if re.search(r"/bundle\.[0-9a-f]{8,}\.min\.js$", u)]
        assert kept, "Material's bundle is kept"
        context.close()
    finally:
        server.shutdown()
