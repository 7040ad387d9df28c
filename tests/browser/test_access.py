"""Elder-friendly and accessible on every layout: 大字版, axe-core, 繁體 mirror, offline reading."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.conftest import axe_violations, screenshot, site_search

# One page per layout. Every later layout is added here so the checks stay true for it.
LAYOUTS = {
    "home": "",
    "guide": "guide/principles/",
    "glossary": "glossary/",
    "documents": "documents/",
    "document": "documents/mohrss-2009-190/",
    "province": "hospitals/370000/",
    "city": "hospitals/370000/370800/",
    "offices": "offices/",
    "data": "about/data/",
    "changes": "changes/",
    "checklist": "checklist/",
    "estimator": "estimator/",
    "lookup": "hospitals/",
}


def _set_large(page, on: bool) -> None:
    page.evaluate("on => localStorage.setItem('app-large', on ? '1' : '0')", on)
    page.reload()


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_layout_is_axe_clean_and_fits_the_screen(page, site_url, width, layout, large):
    page.goto(site_url + LAYOUTS[layout])
    _set_large(page, large)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "no sideways scrolling"
    assert axe_violations(page) == []
    assert page.locator("html").get_attribute("lang") == "zh-CN"


def test_large_print_toggle_enlarges_and_persists(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site_url + "guide/principles/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    normal = size()
    toggle = page.locator("[data-app-large-toggle]")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert size() >= 1.25 * normal
    screenshot(page, "large-print-guide-390")
    # Remembered across visits and pages
    page.goto(site_url + "offices/")
    assert page.locator("html").evaluate("el => el.classList.contains('app-large')")
    assert page.locator("[data-app-large-toggle]").get_attribute("aria-pressed") == "true"
    targets = page.locator("a.app-tel").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert targets and min(targets) >= 48
    page.locator("[data-app-large-toggle]").click()
    page.reload()
    assert size() == pytest.approx(normal)
    context.close()


def test_traditional_switch_round_trips_and_search_works(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "guide/eligibility/")
    page.locator("[data-app-script-switch]").click()
    page.wait_for_url("**/zh-Hant/guide/eligibility/")
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert "濟寧" in page.locator("main").inner_text()
    # Site search in the traditional view finds traditional text.
    site_search(page, "濟寧")  # shown in the header at desktop width
    assert "濟寧" in page.locator(".md-search-result").inner_text()
    page.keyboard.press("Escape")
    page.locator("[data-app-script-switch]").click()
    page.wait_for_url(site_url + "guide/eligibility/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "济宁" in page.locator("main").inner_text()
    context.close()


def test_visited_pages_work_offline(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 800}, service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "offices/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto(site_url + "guide/steps/")  # a page visited once, cached on the way
    page.goto(site_url + "offices/")
    context.set_offline(True)
    page.reload()
    assert "0755-8297 8745" in page.locator("main").inner_text()
    notice = page.locator(".app-offline").inner_text()
    assert "离线" in notice and "本页数据截至 2018-08-27" in notice  # the office data's as-of date
    page.goto(site_url + "guide/steps/")
    assert page.locator("h1").count() == 1
    screenshot(page, "offline-offices-390")
    context.set_offline(False)
    context.close()


def test_manifest_makes_the_site_installable(page, site_url):
    page.goto(site_url)
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest_url = urljoin(page.url, href)
    manifest = page.request.get(manifest_url).json()
    assert manifest["lang"] == "zh-CN" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(urljoin(manifest_url, icon["src"])).ok
