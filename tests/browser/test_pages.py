"""The foundation's pages in real headless Chromium: they render, and nothing is requested from outside."""

from __future__ import annotations

import pytest

from tests.conftest import external_requests, screenshot

PAGES = [
    ("home", "", "异地就医结算指南"),
    ("province", "hospitals/370000/", "山东省的联网定点医院"),
    ("city", "hospitals/370000/370800/", "济宁市的联网定点医院"),
    ("offices", "offices/", "经办机构电话与传真"),
]


@pytest.mark.parametrize("name,path,heading", PAGES, ids=[p[0] for p in PAGES])
def test_page_renders_without_outside_requests(page, site_url, width, name, path, heading):
    response = page.goto(site_url + path, wait_until="networkidle")
    assert response.status == 200
    assert page.locator("h1").first.inner_text().replace("¶", "").strip() == heading
    assert page.locator("html").get_attribute("lang").startswith("zh")
    # Nothing is wider than the screen: no sideways scrolling on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, f"{name}-{width}")
    assert external_requests(page.requests) == []


def test_province_page_lists_every_hospital_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "hospitals/370000/")
    ids = page.locator("[data-hospital-id]").evaluate_all("els => els.map(e => e.dataset.hospitalId)")
    assert sorted(ids) == [f"sd-jining-{i:02d}" for i in range(1, 21)]
    assert "济宁市第一人民医院" in page.locator("main").inner_text()
    context.close()


def test_footer_hotline_on_every_page(page, site_url):
    for path in ("", "hospitals/", "offices/"):
        page.goto(site_url + path)
        link = page.locator(".app-footer-hotline a[href='tel:12333']")
        assert link.count() == 1
