"""At national scale, in headless Chromium: the hospital lookup without a province on a site built
from tests/fixtures/search-data (hospitals in eight provinces; the shipped data has one city, so
every search there is complete), and the office directory with a synthetic list of 400 offices."""

from __future__ import annotations

import pytest

from generator.build import build_site
from tests.conftest import ROOT, external_requests, serve_directory


@pytest.fixture(scope="module")
def nationwide_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("nationwide") / "site"
    assert build_site(ROOT / "tests" / "fixtures" / "search-data", site)
    url, server = serve_directory(site)
    yield url
    server.shutdown()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def _ids(page) -> list[str]:
    return page.locator(".app-lookup__results [data-hospital-id]").evaluate_all("els => els.map(e => e.dataset.hospitalId)")


def _cells_loaded(page) -> int:
    return sum(1 for url in page.requests if "/hospitals/data/" in url and "/cells/" in url)


def test_a_typed_start_is_searched_first_and_the_rest_on_request(phone, nationwide_url):
    page = phone
    page.goto(nationwide_url + "hospitals/?q=rmyy")
    page.wait_for_function("document.querySelector('[data-app-hospital-lookup]').dataset.shown === 'q=rmyy'")
    # Only 人民医院 (深圳) starts r-m-y-y: one city's file is loaded, the page says more cities are left.
    assert _ids(page) == ["search-shenzhen-people"]
    assert _cells_loaded(page) == 1
    status = page.locator(".app-lookup__status").inner_text()
    assert "还有" in status and "个城市没有查找" in status, status
    more = page.get_by_role("button", name="继续查找其他城市")
    assert more.is_visible()
    more.click()
    page.wait_for_function("document.querySelectorAll('.app-lookup__results [data-hospital-id]').length > 1")
    ids = _ids(page)
    assert ids[0] == "search-shenzhen-people"  # the exact initials still come first
    assert {"search-beijing-renmin", "search-luan-renmin", "sd-jining-08"} <= set(ids)
    assert _cells_loaded(page) > 1
    assert not more.is_visible()  # everything searched now
    assert external_requests(page.requests) == []


def test_a_chinese_start_finds_the_hospital_in_the_first_step(phone, nationwide_url):
    page = phone
    page.goto(nationwide_url + "hospitals/")
    page.wait_for_selector("[data-app-hospital-lookup][data-ready]")
    page.fill("#app-lookup-q", "北京协和")
    page.press("#app-lookup-q", "Enter")
    page.wait_for_function("document.querySelector('[data-app-hospital-lookup]').dataset.shown.startsWith('q=')")
    assert _ids(page) == ["search-beijing-xiehe"]
    assert _cells_loaded(page) == 1


@pytest.fixture(scope="module")
def long_directory_url(tmp_path_factory):
    """A synthetic national-size office list (marked synthetic; never written to data/)."""
    from generator.devtools.synth import write_dataset

    data = tmp_path_factory.mktemp("long-directory") / "data"
    write_dataset(data, hospitals=40, offices=400, seed=3)
    site = data.parent / "site"
    assert build_site(data, site)
    url, server = serve_directory(site)
    yield url, site
    server.shutdown()


def test_a_long_office_directory_links_the_choice_to_its_region_page(phone, long_directory_url):
    url, site = long_directory_url
    entry = (site / "offices" / "index.html").read_text(encoding="utf-8")
    assert "<template" not in entry  # 400 offices: no card is carried twice
    page = phone
    page.goto(url + "offices/")
    select = page.locator("#app-finder-select")
    option = select.locator("option").nth(1)
    label, value = option.inner_text(), option.get_attribute("value")
    select.select_option(value=value)
    link = page.locator("[data-app-finder-output] a")
    assert label in link.inner_text()
    link.click()
    page.wait_for_url(f"**/#office-{value}")
    card = page.locator(f"#office-{value}")
    assert card.is_visible()
    assert external_requests(page.requests) == []
