"""Tasks done with the keyboard alone, and a hospital search that still works with no signal."""

from __future__ import annotations

import re
from urllib.parse import quote


def _tab_to(page, element_id: str, limit: int = 80) -> int:
    """Press Tab until the element has focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return presses
    raise AssertionError(f"#{element_id} was not reached with Tab")


def test_hospital_lookup_by_keyboard_alone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(site_url + "hospitals/")
    page.wait_for_selector("[data-app-hospital-lookup]:not([hidden])")
    _tab_to(page, "app-lookup-q")
    page.keyboard.type("第一人民")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.app-lookup__results [data-hospital-id]').length > 0")
    names = page.locator(".app-lookup__results [data-hospital-id]").all_inner_texts()
    assert any("济宁市第一人民医院" in n for n in names)
    # The count is announced to screen readers.
    status = page.locator(".app-lookup__status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.search(rf"找到 {len(names)} 家", status.inner_text()), status.inner_text()
    # Focus moves on from the box into the results with Tab: nothing traps the keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "app-lookup-q"
    context.close()


def test_previous_search_works_offline(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 900}, service_workers="allow")
    page = context.new_page()
    page.goto(site_url + "hospitals/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    url = site_url + "hospitals/?q=" + quote("兖州")
    page.goto(url)  # now controlled by the worker: the shards this search needs are cached
    page.wait_for_function("() => document.querySelectorAll('.app-lookup__results [data-hospital-id]').length >= 2")
    context.set_offline(True)
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('.app-lookup__results [data-hospital-id]').length >= 2")
    names = " ".join(page.locator(".app-lookup__results [data-hospital-id]").all_inner_texts())
    assert "兖州区人民医院" in names and "兖州区中医院" in names
    assert "离线" in page.locator(".app-offline").inner_text()
    context.set_offline(False)
    context.close()
