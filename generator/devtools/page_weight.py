"""Page weight benchmark: each layout's first load over a throttled 3G link in headless Chromium.

Prints, per layout, the bytes transferred (compressed, headers included, as Chromium counts them),
the number of requests, first contentful paint and the load event. A cold cache for every layout:
this is what a person on a slow phone sees the first time. Run: python -m generator perf

first_visit() counts what a first visit really costs on a metered plan: the page and everything the
service worker fetches when it installs (its precache), until the network is quiet.
site_footprint() sums the published site and the bytes stored more than once (identical files).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import time
from collections import defaultdict
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
# The layouts of issue 16's first-visit budget (page and service worker together).
FIRST_VISIT = {"home": "", "hospital lookup": "hospitals/", "office directory": "offices/"}
FIRST_VISIT_BUDGET_KB = 300
_QUIET_SECONDS = 1.5  # the network counts as idle when no request starts or ends for this long


def _in_own_browser(measurement, *args):
    """measurement(*args, browser) in a Chromium started for it, for callers that bring none."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        own = launch(pw)
        try:
            return measurement(*args, own)
        finally:
            own.close()


def measure(base_url: str, layouts: dict[str, str] = LAYOUTS, browser=None) -> list[dict]:
    """One cold, throttled load per layout; returns a row of numbers per layout.

    Pass a running Playwright browser to reuse it (tests); otherwise one is started here.
    """
    if browser is None:
        return _in_own_browser(measure, base_url, layouts)
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


def first_visit(base_url: str, layouts: dict[str, str] = FIRST_VISIT, browser=None) -> list[dict]:
    """One first visit per layout with the service worker allowed; bytes of the page and of the worker.

    Counted as Chromium reports them (compressed body plus headers), per finished request of the
    page and of its service worker (sw.js and every request the worker makes, its precache
    included), until the worker is active and nothing has moved for a moment.
    """
    if browser is None:
        return _in_own_browser(first_visit, base_url, layouts)
    rows = []
    for name, path in layouts.items():
        context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="allow")
        started, finished = [], []
        # Playwright marks its handlers, so they are Python functions (not list.append), bound now.
        context.on("request", lambda r, started=started: started.append(r))
        context.on("requestfinished", lambda r, finished=finished: finished.append(r))
        context.on("requestfailed", lambda r, finished=finished: finished.append(r))
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("() => 'serviceWorker' in navigator && navigator.serviceWorker.ready.then(() => true)")
        _wait_quiet(started, finished)
        page_bytes = worker_bytes = 0
        urls = []
        for request in finished:
            if request.failure:
                continue
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            if request.service_worker or request.url.endswith("/sw.js"):
                worker_bytes += size
            else:
                page_bytes += size
            urls.append((size, request.url.removeprefix(base_url), bool(request.service_worker)))
        rows.append({"layout": name, "path": "/" + path, "page_kb": page_bytes / 1024, "worker_kb": worker_bytes / 1024,
                     "kb": (page_bytes + worker_bytes) / 1024, "requests": len(urls),
                     "largest": sorted(urls, reverse=True)[:5]})
        context.close()
    return rows


def _wait_quiet(started: list, finished: list, timeout: float = 120) -> None:
    """Wait until every request that started has ended and none started or ended for a moment."""
    deadline = time.monotonic() + timeout
    seen = (-1, -1)
    while time.monotonic() < deadline:
        now = (len(started), len(finished))
        if now == seen and now[0] <= now[1]:
            return
        seen = now
        time.sleep(_QUIET_SECONDS)


def format_first_visit(rows: list[dict], before: dict[str, float] | None = None) -> str:
    """A Markdown table of first visits, next to earlier numbers where given (layout -> KB)."""
    head = "| first visit (page + service worker, gzip) | page | service worker | total | requests |"
    lines = [head + (" before |" if before else ""), "|---|---:|---:|---:|---:|" + ("---:|" if before else "")]
    for r in rows:
        budget = HOME_BUDGET_KB if r["layout"] == "home" else FIRST_VISIT_BUDGET_KB
        verdict = "within" if r["kb"] <= budget else "OVER"
        line = (f"| {r['layout']} `{r['path']}` | {r['page_kb']:,.1f} KB | {r['worker_kb']:,.1f} KB | "
                f"**{r['kb']:,.1f} KB** ({verdict} {budget} KB) | {r['requests']} |")
        if before:
            line += f" {before.get(r['layout'], before.get('any', 0)):,.0f} KB |"
        lines.append(line)
    return "\n".join(lines)


def site_footprint(site_dir: Path) -> dict:
    """Files and bytes of a built site, and the bytes of files whose content is stored more than once."""
    by_content: dict[str, list[tuple[str, int]]] = defaultdict(list)
    total = files = 0
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        total += len(data)
        files += 1
        by_content[hashlib.sha256(data).hexdigest()].append((str(path.relative_to(site_dir)), len(data)))
    duplicated = 0
    by_folder: dict[str, int] = defaultdict(int)
    for copies in by_content.values():
        for relative, size in sorted(copies)[1:]:  # every copy after the first is stored twice
            duplicated += size
            by_folder["/".join(Path(relative).parts[:3][:-1]) or "."] += size
    mirror = site_dir / "zh-Hant"
    mirror_bytes = sum(p.stat().st_size for p in mirror.rglob("*") if p.is_file()) if mirror.is_dir() else 0
    top = sorted(by_folder.items(), key=lambda item: -item[1])[:5]
    return {"bytes": total, "files": files, "duplicated_bytes": duplicated, "mirror_bytes": mirror_bytes, "duplicated_by_folder": top}


def format_footprint(f: dict) -> str:
    """site_footprint()'s numbers on one line, in MiB."""
    mib = lambda n: f"{n / 1048576:,.1f} MB"
    where = ", ".join(f"{folder} {mib(size)}" for folder, size in f["duplicated_by_folder"]) or "none"
    return (f"site: {mib(f['bytes'])} in {f['files']:,} files (繁體 mirror {mib(f['mirror_bytes'])}); "
            f"stored twice: {mib(f['duplicated_bytes'])} ({where})")


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
        visits = first_visit(base_url)
        footprint = site_footprint(site_dir)
    finally:
        server.shutdown()
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
    print("Page weight, cold cache, Chromium with DevTools' Fast 3G throttling (562.5 ms RTT, 1.44 Mbit/s), 390 px, gzip on:")
    print(format_table(rows))
    home = next(r for r in rows if r["layout"] == "home")
    verdict = "within" if home["kb"] <= HOME_BUDGET_KB else "OVER"
    print(f"home page: {home['kb']:.1f} KB, {verdict} the {HOME_BUDGET_KB} KB budget")
    print()
    print(format_first_visit(visits))
    print(format_footprint(footprint))
    if record_in:
        from generator.devtools.record import record

        record(record_in, "perf", "python -m generator perf", "\n\n".join((format_table(rows), format_first_visit(visits), format_footprint(footprint))))
    return 0
