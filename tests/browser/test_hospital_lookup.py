"""The hospital lookup (/hospitals/) on the site built from the shipped data, in headless Chromium."""

from __future__ import annotations

import csv
import io
import zipfile
from urllib.parse import urlencode

import pytest
from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

from generator.load import load_or_raise
from tests.conftest import ROOT, axe_violations, external_requests, screenshot

JINING = [h for h in load_or_raise(ROOT / "data").hospitals if h.city_code == "370800"]


def _query_url(site_url: str, **state: str) -> str:
    return site_url + "hospitals/" + ("?" + urlencode(state) if state else "")


def _wait_shown(page, **state: str) -> None:
    """Wait until the results on screen are those of this search (the adapter marks them)."""
    expected = urlencode({k: v for k, v in state.items() if v})
    page.wait_for_function(
        "expected => { const el = document.querySelector('[data-app-hospital-lookup]'); return el && el.dataset.shown === expected }",
        arg=expected,
        timeout=10_000,
    )


def _ids(page) -> list[str]:
    return page.locator(".app-lookup__results [data-hospital-id]").evaluate_all("els => els.map(e => e.dataset.hospitalId)")


def _search(page, q: str) -> list[str]:
    page.fill("#app-lookup-q", q)
    page.press("#app-lookup-q", "Enter")
    _wait_shown(page, q=q)
    return _ids(page)


def _open_filters(page) -> None:
    """Unfold the filters (folded on phones until a filter is set)."""
    if not page.locator(".app-lookup__filter-box").evaluate("el => el.open"):
        page.locator(".app-lookup__filter-box > summary").click()


def _substring(name: str) -> str:
    return name[1:-1]  # without the first and last character: a substring from the middle


def _initials(name: str) -> str:
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))


def _traditional(name: str) -> str:
    return OpenCC("s2t").convert(name)


@pytest.fixture(scope="module")
def lookup(browser, site_url):
    """One desktop page on the lookup, reused by the per-hospital searches."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(_query_url(site_url))
    page.wait_for_selector("[data-app-hospital-lookup]:not([hidden])")
    yield page
    context.close()


def test_shipped_data_has_the_20_jining_hospitals():
    assert len(JINING) == 20


@pytest.mark.parametrize("kind,query", [("substring", _substring), ("pinyin initials", _initials), ("traditional", _traditional)])
@pytest.mark.parametrize("hospital", JINING, ids=[h.id for h in JINING])
def test_every_jining_hospital_is_found(lookup, hospital, kind, query):
    q = query(hospital.name)
    assert q and q != hospital.name or kind == "traditional"
    assert hospital.id in _search(lookup, q), f"{kind} {q!r} does not find {hospital.name}"


def test_traditional_queries_really_are_traditional():
    assert _traditional("济宁医学院附属医院") == "濟寧醫學院附屬醫院"
    assert _initials("济宁市第一人民医院") == "jnsdyrmyy"


def test_url_state_round_trips(page, site_url, width):
    # The source gives no grade for Jining's hospitals: their level is 来源未注明 (a filter value too).
    state = {"q": "人民医院", "province": "370000", "city": "370800", "district": "370812", "level": "来源未注明", "service": "住院"}
    page.goto(_query_url(site_url, **state))
    _wait_shown(page, **state)
    assert _ids(page) == ["sd-jining-11"]
    form = page.locator(".app-lookup__form")
    assert form.locator("#app-lookup-q").input_value() == "人民医院"
    for name, value in list(state.items())[1:]:
        assert form.locator(f"[name={name}]").input_value() == value, name
    # Material's own site search must not take ?q= for itself.
    assert not page.locator("[data-md-toggle=search]").is_checked()
    # Changing a filter writes the URL; loading that URL shows the same search.
    page.select_option("#app-lookup-district", "")
    _wait_shown(page, **{**state, "district": ""})
    assert "district" not in page.url and "city=370800" in page.url
    url = page.url
    page.goto(url)
    _wait_shown(page, **{**state, "district": ""})
    assert sorted(_ids(page)) == sorted(h.id for h in JINING if "人民医院" in h.name)
    screenshot(page, f"hospital-lookup-state-{width}")
    assert external_requests(page.requests) == []


def test_filters_combine(page, site_url):
    page.goto(_query_url(site_url, q="中医院"))
    _wait_shown(page, q="中医院")
    all_tcm = set(_ids(page))
    assert {"sd-jining-03", "sd-jining-09", "sd-jining-12", "sd-jining-14", "sd-jining-17"} == all_tcm
    _open_filters(page)
    page.select_option("#app-lookup-province", "370000")
    _wait_shown(page, q="中医院", province="370000")
    page.select_option("#app-lookup-city", "370800")
    _wait_shown(page, q="中医院", province="370000", city="370800")
    page.wait_for_function("() => document.querySelector('#app-lookup-district').options.length > 1")
    page.select_option("#app-lookup-district", "370830")
    _wait_shown(page, q="中医院", province="370000", city="370800", district="370830")
    assert _ids(page) == ["sd-jining-17"]
    page.select_option("#app-lookup-service", "门诊慢特病")
    _wait_shown(page, q="中医院", province="370000", city="370800", district="370830", service="门诊慢特病")
    assert _ids(page) == []
    assert "没有找到" in page.locator(".app-lookup__status").inner_text()
    help_text = page.locator(".app-lookup__help").inner_text()
    assert "错别字" in help_text and "在全市查找" in help_text
    page.get_by_role("button", name="不限级别和结算类别").click()
    _wait_shown(page, q="中医院", province="370000", city="370800", district="370830")
    assert _ids(page) == ["sd-jining-17"]


def test_back_button_restores_the_previous_search(page, site_url):
    page.goto(_query_url(site_url))
    page.wait_for_selector("[data-app-hospital-lookup]:not([hidden])")
    assert set(_search(page, "兖州")) == {"sd-jining-11", "sd-jining-12"}
    _open_filters(page)
    page.select_option("#app-lookup-province", "370000")
    _wait_shown(page, q="兖州", province="370000")
    page.fill("#app-lookup-q", "金乡")
    page.press("#app-lookup-q", "Enter")
    _wait_shown(page, q="金乡", province="370000")
    assert set(_ids(page)) == {"sd-jining-08", "sd-jining-09"}
    page.go_back()
    _wait_shown(page, q="兖州", province="370000")
    assert page.locator("#app-lookup-q").input_value() == "兖州"
    assert page.locator("#app-lookup-province").input_value() == "370000"
    assert set(_ids(page)) == {"sd-jining-11", "sd-jining-12"}
    page.go_back()
    _wait_shown(page, q="兖州")
    assert page.locator("#app-lookup-province").input_value() == ""
    page.go_forward()
    _wait_shown(page, q="兖州", province="370000")


def test_typing_searches_as_you_type_and_keeps_one_history_entry(page, site_url):
    page.goto(_query_url(site_url))
    page.wait_for_selector("[data-app-hospital-lookup]:not([hidden])")
    length = page.evaluate("history.length")
    page.locator("#app-lookup-q").press_sequentially("jnsdyrmyy", delay=30)
    _wait_shown(page, q="jnsdyrmyy")
    assert _ids(page) == ["sd-jining-02"]
    assert page.evaluate("history.length") == length + 1
    assert "q=jnsdyrmyy" in page.url


def test_results_show_everything_and_are_accessible(page, site_url, width):
    page.goto(_query_url(site_url, q="济宁附属"))
    _wait_shown(page, q="济宁附属")
    result = page.locator("[data-hospital-id=sd-jining-01]")
    text = result.inner_text()
    for part in ("济宁医学院附属医院", "级别", "来源未注明", "住院", "山东省", "济宁市"):
        assert part in text
    assert result.locator("h3").count() == 1
    assert page.locator(".app-lookup__status").get_attribute("aria-live") == "polite"
    assert "找到 1 家" in page.locator(".app-lookup__status").inner_text()
    for control in ("q", "province", "city", "district", "level", "service"):
        assert page.locator(f"label[for=app-lookup-{control}]").count() == 1, control
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    screenshot(page, f"hospital-lookup-{width}")
    # One accessibility check for the layout, with results on screen.
    assert axe_violations(page) == []


def test_no_result_help_and_keyboard(page, site_url, width):
    page.goto(_query_url(site_url))
    page.wait_for_selector("[data-app-hospital-lookup]:not([hidden])")
    page.locator("#app-lookup-q").focus()
    page.keyboard.type("北京协和")
    page.keyboard.press("Enter")
    _wait_shown(page, q="北京协和")
    assert _ids(page) == []
    assert page.locator(".app-lookup__help").is_visible()
    # Not found in a list of one city (2018) says nothing about settling: the help says what the
    # list holds, its date, and names the official lookup.
    help_text = page.locator(".app-lookup__help").inner_text()
    assert "本站名单收录 20 家（山东省济宁市，名单日期 2018-06-21）" in help_text
    assert "国家医保服务平台 App" in help_text and "定点医疗机构查询" in help_text
    assert "不等于不能直接结算" in help_text
    screenshot(page, f"hospital-lookup-none-{width}")
    # Tab reaches every control in order; city and district wait for a province (disabled, skipped).
    _open_filters(page)
    page.locator("#app-lookup-q").focus()
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert order == ["SUMMARY", "app-lookup-province", "app-lookup-level", "app-lookup-service", "BUTTON", "BUTTON"]


def test_odd_queries_are_shown_as_text(page, site_url):
    page.goto(_query_url(site_url, q="<img src=x onerror=alert(1)>"))
    page.wait_for_selector("[data-app-hospital-lookup][data-shown]")
    assert page.locator(".app-lookup__results img").count() == 0
    assert page.locator("#app-lookup-q").input_value() == "<img src=x onerror=alert(1)>"


def test_navigating_in_and_out_of_the_lookup(browser, site_url):
    # Desktop, where the navigation is on screen. Material's instant navigation swaps pages without
    # a reload where it is active; the adapter is wired from document$ and works either way.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url, wait_until="networkidle")
    assert not [u for u in requests if "hospital-search" in u or "/hospitals/data/" in u], "other pages load no search code or data"
    page.locator(".md-nav a[href$='hospitals/']").first.click()
    page.wait_for_selector("[data-app-hospital-lookup]:not([hidden])")
    assert _search(page, "微山") == ["sd-jining-10"]
    # Away and back again: the search is restored from the URL, wired once.
    page.locator(".md-nav a[href$='offices/']").first.click()
    page.wait_for_url("**/offices/")
    page.go_back()
    _wait_shown(page, q="微山")
    assert _ids(page) == ["sd-jining-10"]
    assert page.locator("[data-app-hospital-lookup][data-ready]").count() == 1
    context.close()


def test_without_javascript_the_page_links_every_province_and_city(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "hospitals/")
    assert page.locator("[data-app-hospital-lookup]").is_hidden()
    lead = page.locator(".app-lead").inner_text()
    assert "本站名单收录 20 家（山东省济宁市，名单日期 2018-06-21）" in lead and "定点医疗机构查询" in lead
    assert page.locator(".app-region-links a[href='370000/']").count() == 1
    assert page.locator(".app-region-links a[href='370000/370800/']").count() == 1
    page.goto(site_url + "hospitals/370000/370800/")
    assert page.locator("[data-hospital-id]").count() == 20
    # The source gives no grade: every row says so rather than 未定级, a grade of its own.
    levels = page.locator(".app-hospital dt:text-is('级别') + dd").all_inner_texts()
    assert levels == ["来源未注明"] * 20
    context.close()


def test_a_city_page_lists_its_hospitals_by_district(page, site_url):
    """One heading per district says where (no 所在地 on every row), with a link to each from the top."""
    page.goto(site_url + "hospitals/370000/370800/")
    shown = page.locator("h2[id^='district-']").evaluate_all(
        """hs => hs.map(h => [h.id, h.textContent.replace('¶', '').trim(),
                              [...h.nextElementSibling.querySelectorAll('[data-hospital-id]')].map(li => li.dataset.hospitalId)])"""
    )
    expected = {}
    for h in JINING:
        expected.setdefault(h.district_code, []).append(h.id)
    assert sorted(i for _, _, ids in shown for i in ids) == sorted(h.id for h in JINING)
    assert {heading_id: sorted(ids) for heading_id, _, ids in shown} == {
        f"district-{code or 'unstated'}": sorted(ids) for code, ids in expected.items()
    }
    names = {heading_id: name for heading_id, name, _ in shown}
    assert names["district-370812"] == "兖州区" and names["district-unstated"] == "来源未注明区县"
    links = page.locator("nav.app-region-links a").evaluate_all("els => els.map(e => e.hash)")
    assert links == ["#" + heading_id for heading_id, _, _ in shown]
    assert page.locator(".app-hospital dt:text-is('所在地')").count() == 0


def test_csv_downloads(page, site_url, built_site):
    page.goto(site_url + "hospitals/")
    links = page.locator("a[download]").evaluate_all("els => els.map(e => e.href)")
    assert site_url + "hospitals/downloads/hospitals.zip" in links and site_url + "hospitals/downloads/370000.csv" in links
    with zipfile.ZipFile(built_site / "hospitals" / "downloads" / "hospitals.zip") as archive:
        whole = list(csv.DictReader(io.StringIO(archive.read("hospitals.csv").decode("utf-8-sig"))))
    assert sorted(r["id"] for r in whole) == sorted(h.id for h in JINING)
    data = (built_site / "hospitals" / "downloads" / "370000.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == sorted(h.id for h in JINING)


def test_traditional_mirror_shows_results_in_traditional(page, site_url):
    page.goto(site_url + "zh-Hant/hospitals/?q=" + "濟寧附屬")
    page.wait_for_function("document.querySelector('[data-app-hospital-lookup]')?.dataset.shown")
    first = page.locator(".app-lookup__results [data-hospital-id]").first
    page.wait_for_function("document.querySelector('.app-lookup__results').textContent.includes('濟寧醫學院附屬醫院')")
    assert first.get_attribute("data-hospital-id") == "sd-jining-01"
    assert "济宁" not in page.inner_text(".app-lookup__results")
