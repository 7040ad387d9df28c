"""The one way tests and benchmarks start a browser: Debian's Chromium, driven by Playwright.

`playwright install` cannot download browsers here, so Playwright is pointed at /usr/bin/chromium.
"""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def launch(playwright):
    """A headless Chromium from a started Playwright (`with sync_playwright() as pw: launch(pw)`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
