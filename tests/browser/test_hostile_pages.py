"""Markup planted in every text column of every data file, and in every summary, runs nowhere (issue 13, class 1).

The shipped data gets tests/test_hostile.py's payload (a tag with a handler, a script, a javascript:
link, quotes that end an attribute) in each free-text cell; the site is built and every page that shows
data is opened in Chromium, in both scripts (zh-CN and the zh-Hant mirror), including what scripts
write (hospital lookup results, the estimator's presets). No dialog may open and no live element may
carry the payload, while the payload's text is on screen.
"""

from __future__ import annotations

import shutil
from urllib.parse import urlencode

import pytest

from generator.build import build_site
from generator.load import load_or_raise
from generator.offices import city_of
from tests.conftest import ROOT, serve_directory
from tests.test_hostile import plant_markup

SCRIPTS = ["", "zh-Hant/"]
SHOWN = "onerror=alert(1)"  # the payload's text, which must be on screen as text
# Every element the payload could have made live.
LIVE_MARKUP = """() => {
  const found = []
  for (const el of document.querySelectorAll("*")) {
    for (const attribute of el.attributes) {
      if (attribute.name.startsWith("on") && attribute.value.includes("alert")) found.push(el.outerHTML.slice(0, 120))
    }
    const url = (el.getAttribute("href") || el.getAttribute("src") || "").trim().toLowerCase()
    if (url.startsWith("javascript:")) found.push(el.outerHTML.slice(0, 120))
    if (el.tagName === "IMG" && el.getAttribute("src") === "x") found.push(el.outerHTML.slice(0, 120))
    if (el.tagName === "SCRIPT" && el.textContent.includes("alert(")) found.push(el.outerHTML.slice(0, 120))
  }
  return found
}"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """(base URL, dataset) of the shipped data with markup planted everywhere, built and served."""
    tmp = tmp_path_factory.mktemp("planted-browser")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    plant_markup(data)
    dataset = load_or_raise(data)
    assert build_site(data, tmp / "site")
    url, server = serve_directory(tmp / "site")
    yield url, dataset
    server.shutdown()


@pytest.fixture
def tab(browser):
    """A phone-sized page that dismisses and records every dialog."""
    context = browser.new_context(viewport={"width": 390, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _data_pages(dataset) -> list[str]:
    hospital = dataset.hospitals[0]
    office_city = next(o for o in dataset.offices if o.kind != "hotline")
    return [
        "documents/",
        *(f"documents/{d.id}/" for d in dataset.documents),
        f"hospitals/{hospital.province_code}/",
        f"hospitals/{hospital.province_code}/{hospital.city_code}/",
        "offices/",
        f"offices/{city_of(office_city.region_code)}/",
    ]


def _assert_inert(page) -> None:
    assert page.evaluate(LIVE_MARKUP) == []
    assert page.dialogs == []


@pytest.mark.parametrize("script", SCRIPTS, ids=["zh-CN", "zh-Hant"])
def test_data_pages_show_planted_markup_as_text(tab, planted, script):
    url, dataset = planted
    for path in _data_pages(dataset):
        tab.goto(url + script + path)
        tab.wait_for_function("text => document.body.innerText.includes(text)", arg=SHOWN)
        _assert_inert(tab)


@pytest.mark.parametrize("script", SCRIPTS, ids=["zh-CN", "zh-Hant"])
def test_document_title_is_text_in_tab_and_header(tab, planted, script):
    url, dataset = planted
    doc = dataset.documents[0]
    tab.goto(url + script + f"documents/{doc.id}/")
    header = tab.locator('[data-md-component="header-topic"]')
    header.wait_for(state="attached")
    assert "<img src=x onerror=alert(1)>" in header.text_content()
    assert "<img src=x onerror=alert(1)>" in tab.title()
    assert "<script>alert(2)</script>" in tab.locator("article h1").text_content()
    _assert_inert(tab)


@pytest.mark.parametrize("script", SCRIPTS, ids=["zh-CN", "zh-Hant"])
def test_lookup_results_show_planted_markup_as_text(tab, planted, script):
    url, dataset = planted
    query = dataset.hospitals[0].name[:4]
    tab.goto(url + script + "hospitals/")
    tab.fill("#app-lookup-q", query)
    tab.press("#app-lookup-q", "Enter")
    tab.wait_for_function(
        "expected => { const el = document.querySelector('[data-app-hospital-lookup]'); return el && el.dataset.shown === expected }",
        arg=urlencode({"q": query}),
    )
    results = tab.locator(".app-lookup__results [data-hospital-id]")
    results.first.wait_for()
    assert SHOWN in results.first.text_content()
    _assert_inert(tab)


@pytest.mark.parametrize("script", SCRIPTS, ids=["zh-CN", "zh-Hant"])
def test_estimator_presets_show_planted_markup_as_text(tab, planted, script):
    url, dataset = planted
    preset = dataset.policies[0]
    tab.goto(url + script + "estimator/")
    tab.wait_for_selector(f'#est-preset option[value="{preset.id}"]', state="attached")
    tab.select_option("#est-preset", preset.id)
    tab.wait_for_function("text => document.querySelector('#est-preset-note').textContent.includes(text)", arg=SHOWN)
    _assert_inert(tab)


@pytest.mark.parametrize("script", SCRIPTS, ids=["zh-CN", "zh-Hant"])
def test_not_found_page_loads_its_own_scripts(tab, planted, script):
    """404.html (both scripts) loads scripts that exist from its own script's folder."""
    url, _ = planted
    failed = []
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    if script:  # the mirror's pages fetch the script map (site.js): it must be found
        with tab.expect_response(lambda r: "s2t" in r.url) as response:
            tab.goto(url + script + "404.html")
        assert response.value.status == 200
    else:
        tab.goto(url + "404.html")
    tab.wait_for_load_state("load")
    sources = tab.locator("script[src]").evaluate_all("els => els.map(e => e.getAttribute('src'))")
    assert sources and all(s.startswith("/" + script) for s in sources if s.startswith("/"))
    assert [u for u in failed if not u.endswith("404.html")] == []
    _assert_inert(tab)
