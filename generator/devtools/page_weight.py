"""Page weight benchmark: each layout's first load over a throttled 3G link in headless Chromium.

Prints, per layout, the bytes transferred (compressed, headers included, as Chromium counts them),
the number of requests, first contentful paint and the load event. A cold cache for every layout:
this is what a person on a slow phone sees the first time. Run: python -m generator perf
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from generator import ROOT
from generator.build import build_site
from generator.devtools.chromium import launch
from generator.devtools.static_server import serve

# Chrome DevTools' "Fast 3G" profile (the same numbers DevTools applies).
FAST_3G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9, "uploadThroughput": 750 * 1024 / 8 * 0.9}
LAYOUTS = {
    "home": "",
    "guide": "guide/principles/",
    "glossary": "glossary/",
    "document": "documents/mohrss-2009-190/",
    "hospital lookup": "hospitals/",
    "province list": "hospitals/370000/",
    "city list": "hospitals/370000/370800/",
    "office directory": "offices/",
    "estimator": "estimator/",
    "filing checklist": "checklist/",
}
HOME_BUDGET_KB = 250


def measure(base_url: str, layouts: dict[str, str] = LAYOUTS, browser=None) -> list[dict]:
    """One cold, throttled load per layout; returns a row of numbers per layout.

    Pass a running Playwright browser to reuse it (tests); otherwise one is started here.
    """
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            own = launch(pw)
            try:
                return measure(base_url, layouts, own)
            finally:
                own.close()
    rows = []
    for name, path in layouts.items():
        context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", FAST_3G)
        sizes: dict[str, float] = {}
        cdp.on("Network.loadingFinished", lambda e, s=sizes: s.__setitem__(e["requestId"], e["encodedDataLength"]))
        response = page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        timing = page.evaluate(
            """() => {
              const paint = performance.getEntriesByName('first-contentful-paint')[0]
              const nav = performance.getEntriesByType('navigation')[0]
              return {fcp: paint ? paint.startTime : null, load: nav ? nav.loadEventEnd : null}
            }"""
        )
        rows.append({
            "layout": name, "path": "/" + path, "status": response.status if response else 0,
            "kb": sum(sizes.values()) / 1024, "requests": len(sizes),
            "fcp_ms": timing["fcp"], "load_ms": timing["load"],
        })
        context.close()
    return rows


def format_table(rows: list[dict]) -> str:
    """A Markdown table of the measurements."""
    lines = ["| layout | path | transferred (KB) | requests | first contentful paint (ms) | load (ms) |", "|---|---|---:|---:|---:|---:|"]
    for r in rows:
        fcp = f"{r['fcp_ms']:.0f}" if r["fcp_ms"] is not None else "—"
        load = f"{r['load_ms']:.0f}" if r["load_ms"] is not None else "—"
        status = "" if r["status"] == 200 else f" (HTTP {r['status']})"
        lines.append(f"| {r['layout']} | `{r['path']}`{status} | {r['kb']:.1f} | {r['requests']} | {fcp} | {load} |")
    return "\n".join(lines)


def run(site_dir: Path | None = None, record_in: Path | None = None) -> int:
    """Build the shipped site (unless given one), measure every layout, print the table (and record it)."""
    temp = None
    if site_dir is None:
        temp = Path(tempfile.mkdtemp(prefix="perf-"))
        site_dir = temp / "site"
        if not build_site(ROOT / "data", site_dir):
            return 1
    base_url, server = serve(site_dir)
    try:
        rows = measure(base_url)
    finally:
        server.shutdown()
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
    print("Page weight, cold cache, Chromium with DevTools' Fast 3G throttling (562.5 ms RTT, 1.44 Mbit/s), 390 px, gzip on:")
    print(format_table(rows))
    home = next(r for r in rows if r["layout"] == "home")
    verdict = "within" if home["kb"] <= HOME_BUDGET_KB else "OVER"
    print(f"home page: {home['kb']:.1f} KB, {verdict} the {HOME_BUDGET_KB} KB budget")
    if record_in:
        from generator.devtools.record import record

        record(record_in, "perf", "python -m generator perf", format_table(rows))
    return 0
