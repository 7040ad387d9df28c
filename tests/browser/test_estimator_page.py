"""The estimator page in Chromium: seed 002's example, shareable URL, field messages, keyboard only."""

from __future__ import annotations

from tests.conftest import axe_violations, external_requests, screenshot


def _result(page) -> tuple[str, str, dict[str, str]]:
    page.locator(".app-estimator__fund").wait_for()
    steps = page.locator("#est-result tbody tr").evaluate_all(
        "rows => Object.fromEntries(rows.map(r => [r.dataset.step, r.cells[1].textContent]))"
    )
    return page.inner_text(".app-estimator__fund"), page.inner_text(".app-estimator__patient"), steps


def test_seed_002_example_and_share_url(page, site_url, width):
    page.goto(site_url + "estimator/")
    page.select_option("#est-preset", "example-laozhang")
    assert "不是任何地区的真实政策" in page.inner_text("#est-preset-note")
    assert "以参保地经办机构为准" in page.inner_text("#est-preset-note")
    page.fill("#est-total", "25000")
    page.click("button[type=submit]")
    fund, patient, steps = _result(page)
    assert (fund, patient) == ("¥17,500.00", "¥7,500.00")
    assert steps["eligible"] == "¥25,000.00" and steps["band_1"] == "¥17,500.00" and steps["band_copay"] == "¥7,500.00"
    assert "NaN" not in page.inner_text("#est-result")
    screenshot(page, f"estimator-{width}")
    shared = page.url
    assert "total=25000" in shared and "preset=example-laozhang" in shared
    # A fresh visit to the shared link shows the same estimate without touching the form.
    other = page.context.new_page()
    other.goto(shared)
    assert _result(other)[:2] == ("¥17,500.00", "¥7,500.00")
    assert external_requests(page.requests) == []
    assert axe_violations(page) == []


def test_manual_mode_with_deductible_cap_and_reduction(page, site_url):
    page.goto(site_url + "estimator/")
    page.fill("#est-deductible", "1000")
    page.fill("#est-ratio", "80")
    page.fill("#est-cap", "10000")
    page.fill("#est-total", "25000")
    page.select_option("#est-filing", "referral")
    page.fill("#est-reduction", "10")
    page.click("button[type=submit]")
    fund, patient, steps = _result(page)
    # (25000 - 1000) x (80% - 10 points) = 16800, capped at 10000
    assert (fund, patient) == ("¥10,000.00", "¥15,000.00")
    assert steps["deductible"] == "¥1,000.00"


def test_nonsense_input_gets_a_message_next_to_the_field(page, site_url):
    page.goto(site_url + "estimator/")
    page.fill("#est-total", "二万五")
    page.fill("#est-ratio", "120")
    page.fill("#est-ooc", "25,000.5.3")
    page.select_option("#est-filing", "temporary")
    page.fill("#est-reduction", "30")
    page.click("button[type=submit]")
    assert "请填写阿拉伯数字" in page.inner_text("#est-total-error")
    assert page.get_attribute("#est-total", "aria-invalid") == "true"
    assert "0 到 100" in page.inner_text("#est-ratio-error")
    assert "请填写阿拉伯数字" in page.inner_text("#est-ooc-error")
    assert "请填写起付线" in page.inner_text("#est-deductible-error")
    assert "最多下调 20 个百分点" in page.inner_text("#est-reduction-error")
    assert page.inner_text("#est-result") == ""
    assert page.evaluate("document.activeElement.id") == "est-deductible"  # first invalid field in the form
    # A bill smaller than its parts is caught by the shared core and shown at the field too.
    page.fill("#est-total", "100")
    page.fill("#est-ratio", "70")
    page.fill("#est-deductible", "0")
    page.fill("#est-ooc", "200")
    page.fill("#est-reduction", "")
    page.click("button[type=submit]")
    assert "不能超过医疗总费用" in page.inner_text("#est-ooc-error")
    assert "NaN" not in page.inner_text("main")


def test_keyboard_only_estimate(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "estimator/")
    page.locator("#est-preset").focus()
    # Fields in tab order: preset, used, total … reach them with Tab only and type.
    order = []
    for _ in range(40):
        page.keyboard.press("Tab")
        active = page.evaluate("document.activeElement.id")
        order.append(active)
        if active == "est-deductible":
            page.keyboard.type("0")
        elif active == "est-ratio":
            page.keyboard.type("70")
        elif active == "est-total":
            page.keyboard.type("25000")
            page.keyboard.press("Enter")  # submits the form
            break
    assert order[-1] == "est-total"
    fund, patient, _ = _result(page)
    assert (fund, patient) == ("¥17,500.00", "¥7,500.00")
    assert page.get_attribute("#est-result", "aria-live") == "polite"
    context.close()
