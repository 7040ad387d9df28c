"""The office directory in real Chromium: every number of seed 000 in its place, call, copy, save, print, search, axe.

The expected numbers are written out here from the seed (深圳市康宁医院《跨省异地就医直接结算相关政策解读及指引》,
2018-08-27, 资料来源：深圳市社会保险基金管理局), not read from data/offices.csv, so a wrong CSV fails these tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, external_requests, screenshot, site_search
from tests.test_offices import vcard_fields

REGION = "offices/440300/"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Seed 000, question 8 (各分局对外咨询电话): district as the seed names it -> office -> consultation phone.
SEED_PHONES = [
    ("福田", "福田分局", "0755-82978745"),
    ("罗湖", "罗湖分局", "0755-82229636"),
    ("南山", "南山分局", "0755-26079166"),
    ("盐田", "盐田分局", "0755-25210615"),
    ("宝安", "宝安分局", "0755-27880256"),
    ("龙岗", "龙岗分局", "0755-28921510"),
    ("龙华", "龙华分局", "0755-28024419"),
    ("光明", "光明分局", "0755-27400518"),
    ("大鹏", "大鹏分局", "0755-84206962"),
    ("坪山", "坪山分局", "0755-84131258"),
    ("直属", "直属分局", "0755-83460844"),
    ("人才园", "人才园", "0755-88100506"),
]

# Seed 000, table 深圳市社保局各分局及管理站传真电话号码: (branch, station or None, fax).
SEED_FAXES = [
    ("直属分局", None, "0755-83467950"),
    ("福田分局", None, "0755-82978719"),
    ("罗湖分局", None, "0755-82224303"),
    ("南山分局", None, "0755-26520716"),
    ("盐田分局", None, "0755-22359765"),
    ("宝安分局", None, "0755-27591052"),
    ("宝安分局", "新安站", "0755-29613610"),
    ("宝安分局", "松岗站", "0755-23354546"),
    ("宝安分局", "石岩站", "0755-29003321"),
    ("宝安分局", "西乡站", "0755-27932773"),
    ("宝安分局", "沙井站", "0755-27686213"),
    ("宝安分局", "福永站", "0755-27395546"),
    ("龙岗分局", None, "0755-28908046"),
    ("龙岗分局", "龙岗站", "0755-28307098"),
    ("龙岗分局", "布吉站", "0755-28530223"),
    ("龙岗分局", "南湾站", "0755-89532218"),
    ("龙岗分局", "坂田站", "0755-89331568"),
    ("龙岗分局", "横岗站", "0755-28316817"),
    ("龙岗分局", "平湖站", "0755-84689166"),
    ("龙岗分局", "坪地站", "0755-84099132"),
    ("龙岗分局", "龙城站", "0755-28960766"),
    ("光明分局", None, "0755-27403395"),
    ("光明分局", "公明站", "0755-81738851"),
    ("坪山分局", None, "0755-84133741"),
    ("龙华分局", None, "0755-28025876"),
    ("大鹏分局", None, "0755-84206910"),
]


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _tel(number: str) -> str:
    """0755-82978745 -> tel:+8675582978745 (E.164: country code, area code without its 0)."""
    return "tel:+86" + _digits(number)[1:]


EXPECTED_PHONES = {office: [_tel(phone)] for _, office, phone in SEED_PHONES}
EXPECTED_FAXES = {(branch, station): [_digits(fax)] for branch, station, fax in SEED_FAXES}

# Reads the cards of a region page: name, branch (for a station), own tel: links, fax numbers.
_READ_CARDS = """root => [...root.querySelectorAll('article.app-office')].map(card => {
  const name = card.querySelector('.app-office__name').firstChild.textContent.trim();
  const stations = card.parentElement.closest('.app-office__stations');
  const branch = stations ? stations.previousElementSibling.querySelector('.app-office__name').firstChild.textContent.trim() : null;
  return {
    name, branch,
    tels: [...card.querySelectorAll('.app-phone:not(.app-phone--parent) a.app-tel')].map(a => a.getAttribute('href')),
    telText: [...card.querySelectorAll('.app-phone:not(.app-phone--parent) a.app-tel')].map(a => a.textContent),
    faxes: [...card.querySelectorAll('.app-fax__number')].map(f => f.textContent),
    faxLinks: [...card.querySelectorAll('.app-fax a[href^="tel:"]')].length,
  };
})"""

_READ_TABLE = """table => { let branch = null; return [...table.querySelectorAll('tbody tr')].map(tr => {
  const name = tr.querySelector('th a').textContent.trim();
  const isStation = tr.classList.contains('app-office-table__station');
  if (!isStation) branch = name;
  return {
    branch: isStation ? branch : name, station: isStation ? name : null,
    tels: [...tr.querySelectorAll('a.app-tel')].map(a => a.getAttribute('href')),
    faxes: [...tr.querySelectorAll('.app-fax__number')].map(f => f.textContent),
  };
}); }"""


def _fax_map(items) -> dict:
    return {(i["branch"], i["station"]): [_digits(f) for f in i["faxes"]] for i in items if i["faxes"]}


def _phone_map(items) -> dict:
    return {i["name"]: i["tels"] for i in items if i["tels"]}


def test_every_seed_number_is_on_the_region_page_in_its_place(page, site_url, width):
    page.goto(site_url + REGION, wait_until="networkidle")
    cards = page.locator(".app-office-cards").evaluate(_READ_CARDS)
    for card in cards:  # branch/station naming as the fax table of the seed does
        card["branch"], card["station"] = (card["branch"], card["name"]) if card["branch"] else (card["name"], None)
    assert _phone_map(cards) == EXPECTED_PHONES
    assert _fax_map(cards) == EXPECTED_FAXES
    assert all(card["faxLinks"] == 0 for card in cards), "a fax number is never a tel: link"
    # Shown the way it is written in China, and dialled in E.164.
    futian = next(c for c in cards if c["name"] == "福田分局")
    assert futian["telText"] == ["0755-8297 8745"] and futian["faxes"] == ["0755-8297 8719"]

    rows = page.locator("table.app-office-table").evaluate(_READ_TABLE)
    assert _fax_map(rows) == EXPECTED_FAXES
    assert {r["branch"]: r["tels"] for r in rows if r["station"] is None and r["tels"]} == EXPECTED_PHONES
    assert all(r["tels"] == [] for r in rows if r["station"]), "stations have no consultation phone of their own"
    assert page.locator(".app-hotline a[href='tel:12333']").is_visible()
    assert page.locator(".app-footer-hotline a[href='tel:12333']").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    screenshot(page, f"offices-region-{width}")
    assert external_requests(page.requests) == []


def test_find_my_office_shows_each_district_with_its_numbers(page, site_url, width):
    page.goto(site_url + "offices/", wait_until="networkidle")
    assert page.locator(".app-hotline a[href='tel:12333']").is_visible()
    select = page.locator("#app-finder-select")
    assert select.is_visible() and not page.locator("[data-app-finder-list]").is_visible()
    labels = select.locator("option").evaluate_all("os => os.filter(o => o.value).map(o => o.textContent)")
    for district, office, phone in SEED_PHONES:
        label = next(x for x in labels if x.startswith(district))  # 宝安区; 大鹏分局, 直属分局, 人才园
        select.select_option(label=label)
        shown = page.locator("[data-app-finder-output]")
        assert shown.is_visible()
        cards = shown.evaluate(_READ_CARDS)
        assert cards[0]["name"] == office and cards[0]["tels"] == [_tel(phone)]
        assert {(c["branch"] or c["name"], c["branch"] and c["name"]): [_digits(f) for f in c["faxes"]] for c in cards if c["faxes"]} == {
            key: faxes for key, faxes in EXPECTED_FAXES.items() if key[0] == office
        }
        if office != "人才园":
            assert "窗口、传真" in shown.locator(".app-accepts").first.inner_text()
    select.select_option(label="宝安区")
    page.wait_for_function("document.querySelector('[data-app-status]').textContent.startsWith('已显示 宝安分局')")
    # The copy buttons of the shown cards work like those of the region page.
    assert shown.locator("button.app-copy:visible").count() == 7
    screenshot(page, f"offices-finder-{width}")
    assert external_requests(page.requests) == []


def test_entry_page_shows_every_number_without_choosing(page, site_url):
    page.goto(site_url + "offices/", wait_until="networkidle")
    rows = page.locator("table.app-office-table").evaluate(_READ_TABLE)
    assert _fax_map(rows) == EXPECTED_FAXES
    assert {r["branch"]: r["tels"] for r in rows if r["station"] is None and r["tels"]} == EXPECTED_PHONES
    assert page.locator("table.app-office-table a[href$='/offices/440300/#office-sz-baoan-xixiang']").count() == 1
    # The finder's cards wait in <template>s: nothing hidden is in the page until a district is chosen.
    assert page.locator("article.app-office").count() == 0


def test_directory_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "offices/")
    assert not page.locator("#app-finder-select").is_visible()
    links = page.locator("[data-app-finder-list] a")
    assert links.first.is_visible()
    hrefs = links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(SEED_PHONES) and "440300/#office-sz-baoan" in hrefs
    page.locator("[data-app-finder-list] a", has_text="宝安区").click()
    page.wait_for_url("**/offices/440300/#office-sz-baoan")
    assert page.locator("#office-sz-baoan").is_visible()
    assert page.locator("button.app-copy:visible").count() == 0, "copy needs JavaScript, so the button stays hidden"
    assert page.locator("#office-sz-baoan-xixiang ~ dl .app-fax__number").inner_text() == "0755-2793 2773"
    context.close()


def test_tapping_a_phone_at_390_opens_its_tel_link(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.goto(site_url + REGION, wait_until="networkidle")
    # Record where the tap goes, and stop the browser from handing tel: to the (absent) phone app.
    page.evaluate("""() => document.addEventListener('click', e => {
        const a = e.target.closest('a'); window.__tapped = a && a.href; e.preventDefault(); }, true)""")
    link = page.locator("article[data-office-id='sz-futian'] .app-phone a.app-tel")
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box["height"] >= 44, "a finger-sized target"
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.evaluate("window.__tapped") == "tel:+8675582978745"
    context.close()


def test_copy_button_copies_the_fax_number(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + REGION, wait_until="networkidle")
    button = page.locator("article[data-office-id='sz-baoan'] button.app-copy")
    assert button.is_visible() and button.get_attribute("aria-label") == "复制传真号码 0755-2759 1052"
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "075527591052"
    page.wait_for_function("document.querySelector('[data-app-status]').textContent.includes('已复制')")
    assert button.inner_text() == "已复制"


def test_copy_falls_back_to_selection_without_the_clipboard_api(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.add_init_script("""window.__clipboard = navigator.clipboard;
        Object.defineProperty(Navigator.prototype, 'clipboard', {get() { return undefined }, configurable: true});""")
    page.goto(site_url + REGION, wait_until="networkidle")
    page.locator("article[data-office-id='sz-baoan-xixiang'] button.app-copy").click()
    page.wait_for_function("document.querySelector('[data-app-status]').textContent.includes('已复制')")
    assert page.evaluate("window.__clipboard.readText()") == "075527932773"


def test_vcard_downloads_and_parses_back(page, site_url, tmp_path):
    page.goto(site_url + REGION, wait_until="networkidle")
    with page.expect_download() as info:
        page.locator("article[data-office-id='sz-baoan'] a.app-vcard").click()
    download = info.value
    assert download.suggested_filename == "深圳市社保 宝安分局.vcf"
    data = Path(download.path()).read_bytes()
    fields = vcard_fields(data)
    assert fields["fn"] == "深圳市社保 宝安分局"
    assert fields["voice"] == ["+8675527880256"] and fields["fax"] == ["+8675527591052"]
    assert "2018-08-27" in fields["note"] and "深圳市社会保险基金管理局" in fields["note"]
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_every_vcard_link_resolves_and_parses(page, site_url, built_site):
    page.goto(site_url + REGION)
    hrefs = page.locator("a.app-vcard").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == 1 + 27  # 12333, 12 branches and the like, 15 stations
    numbers = set()
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200 and response.headers["content-type"].startswith("text/")
        fields = vcard_fields(response.body())
        numbers.update(fields["voice"] + fields["fax"])
    seed = {_tel(p)[4:] for _, _, p in SEED_PHONES} | {_tel(f)[4:] for _, _, f in SEED_FAXES} | {"12333"}
    assert numbers == seed


def test_region_table_prints_on_one_a4_page_without_chrome(page, site_url, width):
    if width != 1280:
        pytest.skip("print layout does not depend on the screen; checked once")
    page.goto(site_url + REGION, wait_until="networkidle")
    pdf = page.pdf(format="A4")
    (ROOT / "test-output").mkdir(exist_ok=True)
    (ROOT / "test-output" / "offices-440300.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar", ".md-footer", ".app-footer-hotline", ".md-search",
                   "button.app-copy", "button.app-print", ".app-office-cards", ".app-office-jump"):
        assert page.locator(hidden).evaluate_all("els => els.every(e => e.getClientRects().length === 0)"), hidden
    assert page.locator("table.app-office-table").is_visible()
    assert page.locator("table.app-office-table tbody tr").count() == 27
    assert page.locator(".app-hotline a[href='tel:12333']").is_visible()
    assert "截至 2018-08-27" in page.locator("table.app-office-table caption").inner_text()
    screenshot(page, "offices-print")


@pytest.mark.parametrize(
    "query,anchor",
    [("宝安", "#office-sz-baoan"), ("西乡", "#office-sz-baoan-xixiang"), ("82978745", "#office-sz-futian")],
)
def test_site_search_finds_offices(page, site_url, width, query, anchor):
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut: opens the search at any width
    first_hit = f'.md-search-result__item a[href*="{REGION}"][href$="{anchor}"]'
    site_search(page, query, results=first_hit)
    links = page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    sections = [href for href in links if "#" in href]
    assert sections and sections[0].endswith(anchor), links  # the best section is the office itself
    assert not any("/offices/?" in href or href.endswith("/offices/") for href in sections), "finder copies stay out"


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
    }""")


@pytest.mark.parametrize("path,choose", [("offices/", None), ("offices/", "宝安区"), (REGION, None)], ids=["entry", "finder", "region"])
def test_no_serious_or_critical_accessibility_violations(page, site_url, path, choose):
    page.goto(site_url + path, wait_until="networkidle")
    if choose:
        page.locator("#app-finder-select").select_option(label=choose)
    assert _axe(page) == []


def test_instant_navigation_wires_the_region_page(page, site_url):
    page.goto(site_url + "offices/", wait_until="networkidle")
    page.locator(".app-region-link a", has_text="深圳市").click()
    page.wait_for_url("**/" + REGION)
    page.locator("button.app-copy").first.wait_for(state="visible")
    assert page.locator("button.app-print").is_visible()
