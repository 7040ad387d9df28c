"""Guide pages, glossary, checklist and document list in Chromium: readable, accessible, searchable."""

from __future__ import annotations

import pytest

from tests.conftest import axe_violations, external_requests, screenshot, site_search

GUIDE_PAGES = [
    "guide/", "guide/principles/", "guide/eligibility/", "guide/steps/", "guide/settlement-failed/",
    "guide/outpatient-inpatient/", "guide/in-province/", "guide/supplementary/", "glossary/", "checklist/",
]


@pytest.mark.parametrize("path", GUIDE_PAGES)
def test_guide_page_is_dated_sourced_and_accessible(page, site_url, width, path):
    page.goto(site_url + path)
    main = page.locator("main").inner_text()
    if path.startswith("guide/") and path != "guide/":
        assert "更新日期" in main and "依据" in main, "every guide page says when it was written and what it rests on"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_violations(page) == []
    assert external_requests(page.requests) == []
    screenshot(page, f"{path.strip('/').replace('/', '-')}-{width}")


# query -> the pages that explain it; one of them must be among the first three results.
SEARCHES = [
    ("备案", ("guide/steps/", "checklist/")),
    ("起付线", ("glossary/", "guide/principles/")),
    ("传真", ("offices/", "offices/440300/")),
    ("刷卡失败", ("guide/settlement-failed/",)),
    ("门诊", ("guide/outpatient-inpatient/",)),
    # The rules of 医保发〔2022〕22号: temporary trips, emergencies counted as filed, the commitment.
    ("临时外出", ("guide/eligibility/",)),
    ("视同已备案", ("guide/steps/",)),
    ("承诺", ("guide/steps/",)),
]


@pytest.mark.parametrize("query,expected", SEARCHES, ids=[s[0] for s in SEARCHES])
def test_site_search_finds_the_right_page(browser, site_url, query, expected):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    site_search(page, query)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.href)")
    # Sections count as their page; the query string (?h=…) only highlights.
    pages = list(dict.fromkeys(h.split("#")[0].split("?")[0] for h in hrefs))
    assert any(site_url + e in pages[:3] for e in expected), pages
    context.close()


def test_glossary_terms_are_linkable_and_explained_in_place(page, site_url, built_site):
    page.goto(site_url + "glossary/#qifuxian")
    assert page.locator("#qifuxian").is_visible()
    # Terms inside Chinese sentences carry their explanation (shown by Material as a tooltip).
    html = (built_site / "guide" / "principles" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="医保基金开始支付之前，先由个人负担的那一段费用；金额以参保地规定为准">起付线</abbr>' in html
    page.goto(site_url + "guide/principles/")
    assert "起付线" in page.locator("main abbr").all_inner_texts()


def test_document_list_filters_by_region_and_sorts_by_date(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "documents/")
    visible = lambda: page.locator("table.app-documents tbody tr:not([hidden])").evaluate_all("els => els.map(e => e.dataset.date)")
    dated = [d for d in visible() if d]
    assert dated == sorted(dated, reverse=True)
    page.select_option("#app-documents-order", "oldest")
    dated = [d for d in visible() if d]
    assert dated == sorted(dated)
    page.select_option("#app-documents-region", "330000")
    assert page.locator("table.app-documents tbody tr:not([hidden])").count() == 1
    assert "浙江" in page.locator("table.app-documents tbody tr:not([hidden])").inner_text()
    assert page.locator(".app-documents-count").inner_text() == "显示 1 份文件"
    context.close()


def test_document_list_is_complete_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "documents/")
    assert page.locator("table.app-documents tbody tr").count() == 6
    assert not page.locator("form.app-documents-controls").is_visible()
    context.close()


# reason, status -> the filing shown, the first words of what to do now (医保发〔2022〕22号 arts. 8, 16, 34)
CHECKLIST = [
    ("emergency", "admitted", "不用事先备案：急诊抢救视同已备案", "急诊抢救视同已备案"),
    ("other_temporary", "admitted", "临时外出备案（其他临时外出就医）", "在出院结算之前补办临时外出备案"),
    ("long_term_resident", "not_filed", "长期备案（跨省异地长期居住）", "看病之前先办长期备案"),
]


@pytest.mark.parametrize("reason,status,filing,action", CHECKLIST, ids=[f"{c[0]}-{c[1]}" for c in CHECKLIST])
def test_checklist_answers_in_the_live_region(page, site_url, reason, status, filing, action):
    page.goto(site_url + "checklist/")
    page.locator(f"#app-checklist-reason-{reason}").check()
    page.locator(f"#app-checklist-status-{status}").check()
    result = page.locator("#app-checklist-result")
    result.locator(".app-checklist__type strong").wait_for()
    assert result.locator(".app-checklist__type strong").inner_text() == filing
    assert result.locator(".app-checklist__action").inner_text().startswith(action)
    assert "医保发〔2022〕22号" in result.inner_text()
    # Every "接着看" link points at a heading that exists on its page.
    for href in result.locator("a").evaluate_all("els => els.map(a => a.href)"):
        if "#" in href:
            target = page.context.new_page()
            target.goto(href)
            assert target.locator(f"[id='{href.split('#')[1]}']").count() == 1, href
            target.close()
    assert axe_violations(page) == []


def test_guide_pages_show_their_sources_from_front_matter(page, site_url):
    page.goto(site_url + "guide/steps/")
    sources = page.locator("#sources + .app-sources")
    assert "医保发〔2022〕22号" in sources.inner_text() and "以上依据最近核对于" in sources.inner_text()
    sources.locator("a[href*='documents/nhsa-2022-22']").click()
    page.wait_for_url("**/documents/nhsa-2022-22/")
    assert "两类人" in page.locator("main").inner_text()
