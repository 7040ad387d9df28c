"""能直接结算吗？ (/journey/) in Chromium at 390 px: journeys from the shipped data, the URL, keyboard, print.

The shipped data lists 20 Jining hospitals that settle 住院 only (齐鲁晚报, 2018-06-21) and the
Shenzhen office directory (深圳市康宁医院, 2018-08-27); the journeys below are chosen around them.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import axe_violations, external_requests, screenshot

SZ, JN, JINAN = "440300", "370800", "370100"
JINING_HOSPITAL = "sd-jining-01"  # 济宁医学院附属医院, 住院 only


@pytest.fixture
def width() -> int:
    """Phone width only: the page is built for phones; the card is checked on paper."""
    return 390


def _query(**state) -> str:
    return "journey/?" + "&".join(f"{k}={v}" for k, v in state.items())


def _answer(page) -> str:
    page.wait_for_selector("[data-journey-verdict]")
    return page.get_attribute("[data-journey-verdict]", "data-journey-verdict")


def _reasons(page) -> list[str]:
    return page.locator(".app-journey__reasons li").evaluate_all("items => items.map(li => li.dataset.reason)")


def _steps(page) -> dict[str, str]:
    return dict(page.locator(".app-journey__steps li").evaluate_all("items => items.map(li => [li.dataset.step, li.textContent])"))


# name, URL state, verdict, reasons that must be listed, text that must be in the steps
JOURNEYS = [
    ("referral-filed-jining", dict(insured=SZ, treat=JN, care="inpatient", reason="referral", filed="yes"),
     "direct", ["temporary", "city-listed", "filed", "insured-place-decides"], ["最多降低 10 个百分点"]),
    ("trip-not-filed-jining", dict(insured=SZ, treat=JN, care="inpatient", reason="temporary", filed="no"),
     "file-first", ["not-filed", "before-discharge"], ["最多降低 20 个百分点", "国家医保服务平台 App"]),
    ("emergency-not-filed", dict(insured=SZ, treat=JN, care="inpatient", reason="emergency", filed="no"),
     "direct", ["emergency-counts-as-filed"], ["视同已经备案"]),
    ("retiree-hospital-listed", dict(insured=SZ, treat=JN, care="inpatient", reason="resettled_retiree", filed="yes", hospital=JINING_HOSPITAL),
     "direct", ["long-term", "hospital-listed"], ["已办长期备案"]),
    ("outpatient-hospital-inpatient-only", dict(insured=SZ, treat=JN, care="outpatient", reason="long_term_resident", filed="yes", hospital=JINING_HOSPITAL),
     "manual", ["hospital-lacks-care"], ["保留好发票"]),
    ("chronic-other", dict(insured=SZ, treat=JN, care="chronic", disease="other", reason="posted_worker", filed="yes"),
     "manual", ["chronic-other"], ["回参保地按当地规定申请报销"]),
    ("chronic-diabetes-none-listed", dict(insured=SZ, treat=JN, care="chronic", disease="diabetes", reason="posted_worker", filed="yes"),
     "unknown", ["chronic-five", "city-not-listed"], ["定点医疗机构查询"]),
    ("hospital-not-in-list", dict(insured=SZ, treat=JN, care="inpatient", reason="referral", filed="yes", hospital="no-such-hospital"),
     "unknown", ["hospital-not-listed"], ["定点医疗机构查询"]),
    ("same-city", dict(insured=SZ, treat=SZ), "local", ["same-city"], ["深圳市经办机构电话"]),
    ("same-province", dict(insured=JINAN, treat=JN, care="inpatient", reason="referral", filed="yes"),
     "unknown", ["same-province"], ["12333"]),
]


@pytest.mark.parametrize("name,state,verdict,reasons,steps", JOURNEYS, ids=[j[0] for j in JOURNEYS])
def test_journey_answers(page, site_url, name, state, verdict, reasons, steps):
    page.goto(site_url + _query(**state))
    assert _answer(page) == verdict
    found = _reasons(page)
    assert set(reasons) <= set(found), found
    text = " ".join(_steps(page).values())
    for fragment in steps:
        assert fragment in text
    # Every reason links the page that explains its fact, and every link resolves on this site.
    for href in page.locator(".app-journey__answer a[href]").evaluate_all("links => links.map(a => a.href)"):
        if href.startswith("http"):
            path = urlparse(href).path.removeprefix(urlparse(site_url).path)
            assert page.request.get(site_url + path).ok, href
    headline = page.inner_text("#app-journey-answer-title")
    assert page.inner_text("[data-app-journey-status]").startswith(f"答案：{headline}。")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "no sideways scrolling"
    assert external_requests(page.requests) == []
    if name in ("trip-not-filed-jining", "outpatient-hospital-inpatient-only", "same-city", "chronic-diabetes-none-listed"):
        screenshot(page, f"journey-{name}")


def test_hospital_and_estimator_links_carry_the_journey(page, site_url):
    page.goto(site_url + _query(insured=SZ, treat=JN, care="inpatient", reason="temporary", filed="no"))
    _answer(page)
    hospitals = page.get_attribute("[data-step=hospitals] a", "href")
    assert parse_qs(urlparse(hospitals).query) == {"city": [JN], "service": ["住院"]}
    estimator = page.get_attribute("[data-step=estimator] a", "href")
    assert parse_qs(urlparse(estimator).query) == {"filing": ["temporary"]}
    assert page.get_attribute("[data-step=offices] a", "href").endswith(f"/offices/{SZ}/")
    page.click("[data-step=estimator] a")
    # The estimator reads its URL after instant navigation has shown the page: wait for that.
    page.wait_for_function("document.querySelector('#est-filing')?.value === 'temporary'")
    assert "filing=temporary" in page.url


def _pick_place(page, field: str, typed: str, label: str):
    """Type a place and choose it from the suggestions with the keyboard only."""
    page.focus(f"#app-journey-{field}")
    page.keyboard.type(typed)
    choice = page.locator(f"[data-app-place={field}] .app-journey__choice", has_text=label)
    choice.wait_for()
    while page.evaluate("document.activeElement.textContent") != choice.inner_text():
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.get_attribute(f"#app-journey-{field}", "data-code")


def test_keyboard_only_and_url_round_trip(page, site_url):
    page.goto(site_url + "journey/")
    page.wait_for_selector("[data-app-journey]:not([hidden])")
    _pick_place(page, "insured", "shenzhen", "深圳市")
    _pick_place(page, "treat", "濟寧", "济宁市")
    for field, label in (("care", "住院"), ("reason", "转诊到外地医院"), ("filed", "还没有备案")):
        while page.evaluate("document.activeElement.id") != f"app-journey-{field}":
            page.keyboard.press("Tab")
        page.select_option(f"#app-journey-{field}", label=label)  # a <select> takes arrow keys; the value is what matters
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _answer(page) == "file-first"
    assert page.evaluate("document.activeElement.id") == "app-journey-answer-title", "focus moves to the answer"
    assert parse_qs(urlparse(page.url).query) == {
        "insured": [SZ], "treat": [JN], "care": ["inpatient"], "reason": ["referral"], "filed": ["no"],
    }
    # Tab from the answer reaches its links in order.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.app-journey__answer') !== null")
    screenshot(page, "journey-keyboard-answer")
    # The link alone gives the same answer and the same form.
    first = page.url
    other = page.context.new_page()
    other.goto(first)
    assert _answer(other) == "file-first"
    assert other.input_value("#app-journey-insured") == "深圳市（广东省）"
    assert other.input_value("#app-journey-filed") == "no"
    # A second answer, then Back shows the first again.
    page.select_option("#app-journey-filed", "yes")
    page.click(".app-journey__form button[type=submit]")
    page.wait_for_selector("[data-journey-verdict=direct]")
    page.go_back()
    page.wait_for_selector("[data-journey-verdict=file-first]")
    assert page.url == first


def test_hospital_picked_with_the_lookup_search(page, site_url):
    page.goto(site_url + _query(insured=SZ, treat=JN, care="outpatient", reason="referral", filed="yes"))
    assert _answer(page) == "unknown"  # no Jining hospital is listed for 普通门诊
    page.fill("#app-journey-treat", "jining")  # typed, not chosen: the search still knows the city
    page.fill("#app-journey-hospital-q", "jnyxyfs")  # initials of 济宁医学院附属医院
    page.click("[data-app-hospital-search]")
    page.wait_for_function("document.querySelector('#app-journey-hospital').value !== ''")
    assert page.input_value("#app-journey-hospital") == JINING_HOSPITAL
    page.click(".app-journey__form button[type=submit]")
    page.wait_for_selector("[data-journey-verdict=manual]")
    assert parse_qs(urlparse(page.url).query)["hospital"] == [JINING_HOSPITAL]
    assert "济宁医学院附属医院" in page.inner_text(".app-journey__card")


@pytest.mark.parametrize("state,field,message", [
    (dict(insured="999999", treat=JN, care="inpatient", reason="referral", filed="yes"), "insured", "地区代码“999999”不在本站的行政区划代码表"),
    (dict(insured=SZ, treat="440000", care="inpatient", reason="referral", filed="yes"), "treat", "广东省是一个省"),
    (dict(insured=SZ, treat=JN, care="chronic", reason="referral", filed="yes"), "disease", "请选择门诊慢特病的病种"),
    (dict(insured="sz", treat=JN, care="inpatient", reason="referral", filed="yes"), "insured", "“sz”可能是几个地方，请选一个"),
], ids=["unknown-code", "province-as-city", "chronic-without-disease", "ambiguous-name"])
def test_bad_url_gives_a_clear_message(page, site_url, state, field, message):
    page.goto(site_url + _query(**state))
    page.wait_for_selector("[data-app-journey][data-ready]")
    assert message in page.inner_text(f"#app-journey-{field}-error")
    assert page.get_attribute(f"#app-journey-{field}", "aria-invalid") == "true"
    assert page.inner_text("[data-app-journey-status]").startswith("请先补充或改正")
    assert page.locator("[data-journey-verdict]").count() == 0
    if state["insured"] == "sz":  # the places it may be are offered as buttons
        assert page.locator("[data-app-place=insured] .app-journey__choice", has_text="深圳市").count() == 1
    if state["insured"] == "999999":
        screenshot(page, "journey-unknown-code")
        assert axe_violations(page) == []


def test_home_form_sends_names_that_become_codes(page, site_url):
    page.goto(site_url)
    page.fill("#app-short-insured", "深圳")
    page.fill("#app-short-treat", "jining")
    page.click(".app-journey-short button[type=submit]")
    page.wait_for_selector("[data-app-journey][data-ready]")
    assert parse_qs(urlparse(page.url).query) == {"insured": [SZ], "treat": [JN], "care": ["inpatient"]}
    assert "请选择为什么在外地看病" in page.inner_text("#app-journey-reason-error")


def test_no_axe_violations_on_an_answer(page, site_url):
    page.goto(site_url + _query(insured=SZ, treat=JN, care="inpatient", reason="referral", filed="yes", hospital=JINING_HOSPITAL))
    _answer(page)
    assert axe_violations(page) == []


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("state", [
    dict(insured=SZ, treat=JN, care="inpatient", reason="temporary", filed="no", hospital=JINING_HOSPITAL),
    dict(insured=SZ, treat=JN, care="chronic", disease="other", reason="posted_worker", filed="yes"),
], ids=["longest-steps", "manual"])
def test_printed_card_fits_one_a4_page(page, site_url, state):
    page.goto(site_url + _query(**state))
    _answer(page)
    pdf = page.pdf(format="A4", print_background=True)
    assert _pdf_pages(pdf) == 1
    page.emulate_media(media="print")
    assert page.locator(".app-journey__form").is_hidden()
    assert page.locator(".app-journey__card").is_visible()
    screenshot(page, f"journey-print-{'manual' if state['care'] == 'chronic' else 'card'}")


def test_reached_by_instant_navigation_from_the_home_page(page, site_url):
    """Material swaps pages without a reload: the module in the page's content must still mount."""
    page.goto(site_url)
    page.wait_for_function("typeof window.document$ !== 'undefined'")
    page.click(".app-journey-short h2 a")
    page.wait_for_selector("[data-app-journey][data-ready]")
    page.fill("#app-journey-insured", "深圳")
    page.fill("#app-journey-treat", "济宁")
    page.select_option("#app-journey-care", "inpatient")
    page.select_option("#app-journey-reason", "emergency")
    page.click(".app-journey__form button[type=submit]")
    assert _answer(page) == "direct"
    assert parse_qs(urlparse(page.url).query)["insured"] == [SZ]


def test_traditional_mirror_answers_too(page, site_url):
    page.goto(site_url + "zh-Hant/" + _query(insured="深圳", treat="濟寧", care="inpatient", reason="referral", filed="yes"))
    assert _answer(page) == "direct"
    assert parse_qs(urlparse(page.url).query)["treat"] == [JN]
    page.wait_for_function("document.querySelector('#app-journey-answer-title').textContent.includes('結算')")
