"""Hospital search at national scale: our static shards against Pagefind, on the same rows.

python -m generator bench [--hospitals 150000] [--offices 3000] [--no-pagefind]

1. Write a synthetic dataset (generator.devtools.synth) unless --data is given.
2. Build the whole site in a child process: wall time and peak memory (getrusage of the child).
3. Sizes of the search files, raw and gzip, per kind of shard; lunr for comparison on one province.
4. Serve the site with gzip (generator.devtools.static_server) and drive headless Chromium: bytes on the
   wire (compressed, as Chromium counts them) for a first and a second query in a fresh browser,
   in four scenarios; then query latency percentiles with the data loaded.
5. Index the same rows with Pagefind's Node API (tools/bench/pagefind-index.mjs) and measure it the
   same way. Benchmarks print numbers; nothing here asserts a time.
6. A first visit of the home page, the lookup and the office directory, page and service worker
   together (generator.page_weight.first_visit), and the site's size and bytes stored twice, next
   to the numbers issue 16 measured before the work on them.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

from generator import ROOT
from generator.devtools.chromium import launch
from generator.devtools.page_weight import first_visit, format_first_visit, format_footprint, site_footprint
from generator.devtools.static_server import serve

PAGEFIND_PAGE = "pagefind-bench/index.html"
SHOWN = 20  # results a person sees at once; Pagefind loads one fragment per result shown
# Issue 16's numbers at 150,000 hospitals and 3,000 offices, before the first-visit and size work:
# every first visit ~1,940 KB (page + worker), 352 MB in 19,401 files, 76 MB of it copied data
# files in the mirror, a 109 s build on a busy machine.
ISSUE_16_BEFORE = {"first_visit_kb": 1940, "site_mb": 352, "site_files": 19401, "duplicated_mb": 76, "build_seconds": 109}

# The page Pagefind is measured on: its own JS API, the same 20 results shown.
_PAGEFIND_HTML = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Pagefind bench</title>
<script type="module">
let pagefind
window.benchSearch = async (q, province) => {
  pagefind = pagefind || await import("./pagefind/pagefind.js")
  const found = await pagefind.search(q, province ? { filters: { province } } : {})
  const shown = await Promise.all(found.results.slice(0, %d).map(r => r.data()))
  return { total: found.results.length, urls: shown.map(d => d.url) }
}
window.benchReady = true
</script></html>""" % SHOWN  # noqa: UP031 (the script is full of braces; % leaves them alone)


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


# Runs a command and reports the peak memory of it and everything it started: getrusage of the
# children of this small wrapper only, so one measurement never includes another.
_MEASURE = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print('\\nCPU_S', usage.ru_utime + usage.ru_stime); "
    "print('\\nPEAK_KB', usage.ru_maxrss); sys.exit(done.returncode)"
)


def _run_measured(argv: list[str], cwd: Path = ROOT) -> tuple[float, int, str, float]:
    """Run a child process; returns (seconds, peak RSS in MB of it and its children, its output,
    CPU seconds of it and its children: on a shared machine the wall time says more about the load)."""
    started = time.perf_counter()
    process = subprocess.run([sys.executable, "-c", _MEASURE, *argv], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    out = process.stdout + process.stderr
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{out[-3000:]}")
    peak_kb = int(out.rsplit("PEAK_KB", 1)[1].split()[0])
    cpu_seconds = float(out.rsplit("CPU_S", 1)[1].split()[0])
    return seconds, peak_kb // 1024, out.rsplit("CPU_S", 1)[0], cpu_seconds


def _shard_table(folder: Path) -> list[dict]:
    kinds: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for path in sorted(folder.rglob("*.json")):
        rel = path.relative_to(folder)
        kind = rel.parts[0] if len(rel.parts) > 1 else rel.name
        data = path.read_bytes()
        kinds[kind].append((len(data), _gz(data)))
    rows = []
    for kind, sizes in sorted(kinds.items()):
        gz = [g for _, g in sizes]
        rows.append({"kind": kind, "files": len(sizes), "raw": sum(r for r, _ in sizes), "gzip": sum(gz),
                     "gzip_median": statistics.median(gz), "gzip_max": max(gz)})
    return rows


def _lunr_one_province(dataset) -> dict:
    """lunr (lunr.py -> lunr.js format) over the names of the largest province, as character bigrams."""
    from lunr.builder import Builder

    from generator.search_index import normalize

    by_province = defaultdict(list)
    for h in dataset.hospitals:
        by_province[h.province_code].append(h)
    code, rows = max(by_province.items(), key=lambda item: len(item[1]))
    started = time.perf_counter()
    builder = Builder()  # a bare builder: lunr's default trimmer strips Han characters
    builder.ref("id")

    def bigrams(doc):
        n = normalize(doc["name"], {})
        return [n[i : i + 2] for i in range(len(n) - 1)] + list(n)

    builder.field("name", extractor=bigrams)
    for h in rows:
        builder.add({"id": h.id, "name": h.name})
    data = json.dumps(builder.build().serialize(), ensure_ascii=False, separators=(",", ":")).encode()
    return {"province": code, "rows": len(rows), "seconds": time.perf_counter() - started, "raw": len(data), "gzip": _gz(data)}


def _queries(dataset, count: int, seed: int) -> list[dict]:
    """Queries people type for one hospital, as 济宁附属 is typed for 济宁医学院附属医院: the short
    place name and the first two characters after it; or its pinyin initials; or the first in
    traditional characters."""
    from opencc import OpenCC
    from pypinyin import Style, lazy_pinyin

    from generator import regions
    from generator.search_index import short_place_name, split_place_prefix

    s2t = OpenCC("s2t")
    rng = random.Random(seed)
    picked = rng.sample(list(dataset.hospitals), min(count, len(dataset.hospitals)))
    out = []
    for n, h in enumerate(picked):
        marker, rest = split_place_prefix(h)
        if marker != "0":
            place = regions.name(h.district_code if marker in "13" else h.city_code)
            piece = short_place_name(place) + rest[:2]
        else:
            piece = h.name[:4]
        kind = ("name", "pinyin", "traditional")[n % 3]
        q = {"name": piece, "pinyin": "".join(lazy_pinyin(h.name, style=Style.FIRST_LETTER)), "traditional": s2t.convert(piece)}[kind]
        out.append({"q": q, "kind": kind, "id": h.id, "province": h.province_code if n % 2 else ""})
    return out


class _Wire:
    """Bytes on the wire per finished request: the compressed body plus headers, as Chromium
    reports them (Playwright's request.sizes()), workers included (Pagefind searches in one)."""

    def __init__(self, context, page):
        self.done: list = []
        context.on("requestfinished", lambda request: self.done.append(request))

    def mark(self) -> int:
        return len(self.done)

    def since(self, mark: int, keep=lambda url: True) -> tuple[int, int]:
        requests = [r for r in self.done[mark:] if keep(r.url)]
        sizes = [r.sizes() for r in requests]
        return sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes), len(requests)


def _ours_session(browser, base: str, steps: list[dict]) -> list[dict]:
    """One person's session on /hospitals/ in a fresh browser: the queries typed one after another."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    wire = _Wire(context, page)
    start = wire.mark()
    page.goto(base + "hospitals/")
    page.wait_for_selector("[data-app-hospital-lookup][data-ready]", timeout=60_000)
    page_bytes = wire.since(start, lambda u: "/hospitals/data/" not in u and "hospital-" not in u)[0]
    ours = lambda u: "/hospitals/data/" in u or "hospital-search" in u or u.endswith(("hospital-lookup.js", "hospital-lookup.mjs"))
    mark = start
    out = []
    for step in steps:
        state = {"q": step["q"], "province": step.get("province", "")}
        expected = urlencode({k: v for k, v in state.items() if v})
        page.evaluate(
            """s => { const f = document.querySelector('.app-lookup__form'); f.q.value = s.q;
                     f.province.value = s.province; f.requestSubmit() }""",
            state,
        )
        page.wait_for_function("e => document.querySelector('[data-app-hospital-lookup]').dataset.shown === e", arg=expected, timeout=60_000)
        page.wait_for_load_state("networkidle")
        ids = page.locator(".app-lookup__results [data-hospital-id]").evaluate_all("els => els.map(e => e.dataset.hospitalId)")
        sent, requests = wire.since(mark, ours)
        out.append({"bytes": sent, "requests": requests, "found": step["id"] in ids if step.get("id") else None, "page_bytes": page_bytes})
        mark = wire.mark()
    context.close()
    return out


def _pagefind_session(browser, base: str, steps: list[dict], provinces: dict[str, str]) -> list[dict]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    wire = _Wire(context, page)
    page.goto(base + PAGEFIND_PAGE)
    page.wait_for_function("window.benchReady === true")
    mark = wire.mark()
    out = []
    for step in steps:
        result = page.evaluate("([q, p]) => window.benchSearch(q, p)", [step["q"], provinces.get(step.get("province", ""), "")])
        page.wait_for_load_state("networkidle")
        sent, requests = wire.since(mark, lambda u: "/pagefind-bench/pagefind/" in u)
        out.append({"bytes": sent, "requests": requests,
                    "found": any(u.endswith(f"/h/{step['id']}") for u in result["urls"]) if step.get("id") else None})
        mark = wire.mark()
    context.close()
    return out


_OURS_LATENCY = """async (queries) => {
  const { HospitalData } = await import(new URL("../assets/javascripts/lib/hospital-search.mjs", location.href).href)
  const root = document.querySelector("[data-app-hospital-lookup]")
  const data = new HospitalData(new URL(root.dataset.manifest, location.href).href, u => fetch(u).then(r => r.json()))
  const times = [], found = []
  for (const q of queries) {
    const state = { q: q.q, province: q.province }
    await data.search(state)                       // loads what this query needs
    const t = performance.now()
    const result = await data.search(state)        // the same query with its data loaded
    times.push(performance.now() - t)
    found.push(result.results.some(r => r.id === q.id))
  }
  return { times, found }
}"""

_PAGEFIND_LATENCY = """async ([queries, provinces]) => {
  const times = [], found = []
  for (const q of queries) {
    const p = provinces[q.province] || ""
    await window.benchSearch(q.q, p)
    const t = performance.now()
    const result = await window.benchSearch(q.q, p)
    times.push(performance.now() - t)
    found.push(result.urls.some(u => u.endsWith("/h/" + q.id)))
  }
  return { times, found }
}"""


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    at = lambda p: ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
    return {"p50": at(50), "p95": at(95), "p99": at(99), "max": ordered[-1]}


def _pagefind_records(dataset, path: Path) -> None:
    from generator import regions

    with path.open("w", encoding="utf-8") as f:
        for h in dataset.hospitals:
            place = " ".join(dict.fromkeys(regions.name(c) for c in (h.province_code, h.city_code, h.district_code) if c))
            record = {
                "url": f"/h/{h.id}",
                "content": f"{h.name} {place}",
                "meta": {"title": h.name, "level": h.level, "services": "、".join(h.services), "address": h.address,
                         "phone": h.phone.display if h.phone else "", "place": place},
                "filters": {"province": [regions.name(h.province_code)]},
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def run(hospitals: int, offices: int, out: Path, data: Path | None, pagefind: bool, queries: int, sessions: int, seed: int = 1) -> dict:
    """Run the benchmark; returns the numbers (also written to out/bench.json) after printing them."""
    from playwright.sync_api import sync_playwright

    from generator.devtools.synth import write_dataset
    from generator.load import load_or_raise

    out.mkdir(parents=True, exist_ok=True)
    if data is None:
        data = out / "data"
        if data.exists():
            shutil.rmtree(data)
        print(f"synthesising {hospitals:,} hospitals and {offices:,} offices into {data} ...", flush=True)
        write_dataset(data, hospitals, offices, seed)
    site = out / "site"
    print("building the site (child process) ...", flush=True)
    build_seconds, build_mb, build_output, build_cpu = _run_measured(
        # --allow-shrink: each run's synthetic rows replace the last run's, whatever their number.
        [sys.executable, "-m", "generator", "build", "--data", str(data), "--site-dir", str(site), "--allow-shrink"]
    )
    dataset = load_or_raise(data)
    folder = next((site / "hospitals" / "data").iterdir())
    shards = _shard_table(folder)
    search_seconds = _time_search_files(dataset)
    lunr = _lunr_one_province(dataset)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    table = manifest["regions"]
    lunr["ours_gzip"] = sum(
        _gz((folder / "cells" / f"{n}.json").read_bytes())
        for n, (city, _) in enumerate(manifest["cells"])
        if table[city][2] >= 0 and table[table[city][2]][0] == lunr["province"]
    )
    results: dict = {
        "hospitals": len(dataset.hospitals), "build_seconds": build_seconds, "build_peak_mb": build_mb,
        "build_cpu_seconds": build_cpu, "build_phases": _phases(build_output, "build phases:"),
        "build_phases_cpu": _phases(build_output, "build phases, CPU time:"), "footprint": site_footprint(site),
        "search_files_seconds": search_seconds, "shards": shards, "lunr": lunr,
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
    }

    pagefind_info = None
    if pagefind:
        records = out / "pagefind-records.jsonl"
        _pagefind_records(dataset, records)
        target = site / "pagefind-bench" / "pagefind"
        print("indexing the same rows with Pagefind (Node API) ...", flush=True)
        seconds, peak_mb, output, _ = _run_measured(["node", str(ROOT / "tools" / "bench" / "pagefind-index.mjs"), str(records), str(target)])
        info = json.loads(output.strip().splitlines()[-1])
        (site / PAGEFIND_PAGE).write_text(_PAGEFIND_HTML, encoding="utf-8")
        files = [p for p in target.rglob("*") if p.is_file()]
        pagefind_info = {"seconds": seconds, "peak_mb": peak_mb, "records": info["records"], "errors": info["errors"],
                         "files": len(files), "bytes": sum(p.stat().st_size for p in files)}
        results["pagefind"] = pagefind_info

    rng = random.Random(seed + 11)
    sample = _queries(dataset, max(queries, 2 * sessions + 2), seed + 5)
    province_names = {h.province_code: "" for h in dataset.hospitals}
    from generator import regions

    province_names = {code: regions.name(code) for code in province_names}
    busiest = max(province_names, key=lambda c: sum(1 for h in dataset.hospitals if h.province_code == c))
    scenarios = {
        "name, no province": [[{**q, "province": ""} for q in rng.sample([s for s in sample if s["kind"] == "name"], 2)] for _ in range(sessions)],
        "pinyin initials, no province": [[{**q, "province": ""} for q in rng.sample([s for s in sample if s["kind"] == "pinyin"], 2)] for _ in range(sessions)],
        "traditional, no province": [[{**q, "province": ""} for q in rng.sample([s for s in sample if s["kind"] == "traditional"], 2)] for _ in range(sessions)],
        "largest province: 人民医院, then 中医院": [[{"q": "人民医院", "province": busiest}, {"q": "中医院", "province": busiest}]],
    }
    # Later queries over the whole sample, in Node with the page's own search module: the bytes of
    # the files each query fetches once the manifest and readings are loaded.
    later = out / "later-queries.json"
    later.write_text(json.dumps([{**q, "province": ""} for q in sample], ensure_ascii=False), encoding="utf-8")
    print(f"later queries: {len(sample)} without a province (Node) ...", flush=True)
    done = subprocess.run(["node", str(ROOT / "tools" / "bench" / "later-queries.mjs"), f"{folder}/", str(later)],
                          capture_output=True, text=True, check=True)
    results["later_queries"] = json.loads(done.stdout.strip().splitlines()[-1])
    url, server = serve(site)
    try:
        with sync_playwright() as pw:
            browser = launch(pw)
            try:
                print("browser: first visits (page + service worker) ...", flush=True)
                results["first_visit"] = first_visit(url, browser=browser)
                results["scenarios"] = {}
                for name, runs in scenarios.items():
                    print(f"browser: {name} ...", flush=True)
                    entry = {"ours": [_ours_session(browser, url, steps) for steps in runs]}
                    if pagefind:
                        entry["pagefind"] = [_pagefind_session(browser, url, steps, province_names) for steps in runs]
                    results["scenarios"][name] = entry
                print("browser: latency with data loaded ...", flush=True)
                latency_queries = sample[:queries]
                context = browser.new_context(service_workers="block")
                page = context.new_page()
                page.goto(url + "hospitals/")
                page.wait_for_selector("[data-app-hospital-lookup][data-ready]", timeout=60_000)
                ours = page.evaluate(_OURS_LATENCY, latency_queries)
                results["latency"] = {"ours": {**_percentiles(ours["times"]), "found": sum(ours["found"]) / len(ours["found"])}}
                if pagefind:
                    page.goto(url + PAGEFIND_PAGE)
                    page.wait_for_function("window.benchReady === true")
                    theirs = page.evaluate(_PAGEFIND_LATENCY, [latency_queries, province_names])
                    results["latency"]["pagefind"] = {**_percentiles(theirs["times"]), "found": sum(theirs["found"]) / len(theirs["found"])}
                results["latency_by_kind"] = {
                    kind: _percentiles([t for t, q in zip(ours["times"], latency_queries) if q["kind"] == kind])
                    for kind in ("name", "pinyin", "traditional")
                }
                context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
    (out / "bench.json").write_text(json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    print(report(results))
    return results


def _time_search_files(dataset) -> float:
    from generator.search_index import build_search_files

    started = time.perf_counter()
    build_search_files(dataset)
    return time.perf_counter() - started


def _scenario_numbers(sessions: list[list[dict]], step: int) -> tuple[list[int], str]:
    values = [s[step]["bytes"] for s in sessions]
    targets = [s[step]["found"] for s in sessions if s[step]["found"] is not None]
    found = f"; target found {sum(targets) / len(targets):.0%}" if targets else ""
    return values, found


def _phases(build_output: str, prefix: str) -> dict[str, float]:
    """The build's phase times, from a line `python -m generator build` prints (generator.phases)."""
    for line in build_output.splitlines():
        if line.startswith(prefix):
            return {name: float(seconds.rstrip("s")) for name, seconds in
                    (part.strip().rsplit(" ", 1) for part in line.removeprefix(prefix).split(","))}
    return {}


def first_visit_report(r: dict) -> str:
    """First visits, site size and build, next to issue 16's numbers."""
    before = ISSUE_16_BEFORE
    lines = [f"## First visit and site size, {r['hospitals']:,} hospitals", ""]
    if r.get("first_visit"):
        lines += [format_first_visit(r["first_visit"], {"any": before["first_visit_kb"]}), ""]
    f = r["footprint"]
    mib = lambda n: n / 1048576
    lines += ["| | issue 16 before | now | target |", "|---|---:|---:|---:|",
              f"| published site | {before['site_mb']} MB, {before['site_files']:,} files | {mib(f['bytes']):,.1f} MB, {f['files']:,} files | ≤ 250 MB |",
              f"| stored twice (identical files) | {before['duplicated_mb']} MB | {mib(f['duplicated_bytes']):,.1f} MB | data files once |",
              f"| build (child process) | {before['build_seconds']} s (busy machine) | {r['build_seconds']:.1f} s wall, "
              f"{r.get('build_cpu_seconds', 0):.1f} s CPU, peak {r['build_peak_mb']:,} MB; load {os.getloadavg()[0]:.1f} now | ≤ 60 s, ≤ 1 GB |",
              "", format_footprint(f)]
    for key, label in (("build_phases", "build phases (wall)"), ("build_phases_cpu", "build phases (CPU)")):
        if r.get(key):
            lines.append(f"{label}: " + ", ".join(f"{k} {v:.1f} s" for k, v in r[key].items()))
    return "\n".join(lines)


def report(r: dict) -> str:
    """The benchmark's numbers as Markdown tables."""
    lines = [first_visit_report(r), "", f"## Hospital search, {r['hospitals']:,} hospitals", ""]
    pf = r.get("pagefind")
    lines += ["| | ours (static shards) | Pagefind 1.6 (Node API, custom records) |", "|---|---|---|"]
    lines.append(f"| full site build | {r['build_seconds']:.1f} s, peak {r['build_peak_mb']:,} MB "
                 f"(search files alone {r['search_files_seconds']:.1f} s) | "
                 + (f"index only: {pf['seconds']:.1f} s, peak {pf['peak_mb']:,} MB |" if pf else "not run |"))
    ours_total = sum(s["gzip"] for s in r["shards"])
    ours_raw = sum(s["raw"] for s in r["shards"])
    ours_files = sum(s["files"] for s in r["shards"])
    lines.append(f"| search files | {ours_files:,} files, {ours_raw / 1048576:,.1f} MB raw, {ours_total / 1048576:,.1f} MB gzip | "
                 + (f"{pf['files']:,} files, {pf['bytes'] / 1048576:,.1f} MB (already compressed) |" if pf else "|"))
    for name, entry in r.get("scenarios", {}).items():
        for step, label in ((0, "first query"), (1, "second query")):
            ours, found = _scenario_numbers(entry["ours"], step)
            cell = f"{_kb(statistics.median(ours))} median, {_kb(max(ours))} max{found}"
            other = ""
            if "pagefind" in entry:
                theirs, tfound = _scenario_numbers(entry["pagefind"], step)
                other = f"{_kb(statistics.median(theirs))} median, {_kb(max(theirs))} max{tfound}"
            lines.append(f"| {label}: {name} ({len(entry['ours'])} runs) | {cell} | {other} |")
    for kind, e in sorted(r.get("later_queries", {}).items()):
        lines.append(f"| later query, {kind}, no province, search files only ({e['count']} queries, Node) | "
                     f"{_kb(e['p50'])} median, {_kb(e['p95'])} p95, {_kb(e['max'])} max (`{e['worst']['q']}`); "
                     f"target in top {SHOWN}: {e['found']}/{e['count']} | |")
    lat = r.get("latency", {})
    if lat:
        fmt = lambda x: f"p50 {x['p50']:.1f} ms, p95 {x['p95']:.1f} ms, p99 {x['p99']:.1f} ms, max {x['max']:.1f} ms; target in top {SHOWN}: {x['found']:.0%}"
        lines.append(f"| query latency, data loaded (Chromium) | {fmt(lat['ours'])} | {fmt(lat['pagefind']) if 'pagefind' in lat else ''} |")
    first_page = next(iter(r.get("scenarios", {}).values()), {}).get("ours", [[{}]])[0][0].get("page_bytes")
    if first_page:
        lines.append(f"| the lookup page itself (HTML, CSS, Material's JS), before any query | {_kb(first_page)} | |")
    lines += ["", "| shard kind | files | raw | gzip | gzip median | gzip max |", "|---|---:|---:|---:|---:|---:|"]
    for s in r["shards"]:
        lines.append(f"| {s['kind']} | {s['files']:,} | {_kb(s['raw'])} | {_kb(s['gzip'])} | {_kb(s['gzip_median'])} | {_kb(s['gzip_max'])} |")
    lu = r["lunr"]
    lines += ["", f"lunr (lunr.py bigram index of the largest province, {lu['rows']:,} names): {_kb(lu['gzip'])} gzip, "
              f"built in {lu['seconds']:.1f} s; our cells for the same province: {_kb(lu['ours_gzip'])} gzip."]
    if "latency_by_kind" in r:
        lines.append("Latency by query kind (ours): " + "; ".join(
            f"{k}: p50 {v['p50']:.1f} / p95 {v['p95']:.1f} ms" for k, v in r["latency_by_kind"].items()))
    return "\n".join(lines)


def main(args) -> int:
    """Entry point of `python -m generator bench`."""
    if args.data is None and os.path.realpath(args.out) == os.path.realpath(ROOT / "data"):
        print("refusing to write synthetic data into data/", file=sys.stderr)
        return 2
    results = run(args.hospitals, args.offices, Path(args.out), Path(args.data) if args.data else None, not args.no_pagefind,
                  args.queries, args.sessions, args.seed)
    if args.record:
        from generator.devtools.record import record

        command = f"python -m generator bench --hospitals {args.hospitals} --offices {args.offices} --seed {args.seed} --sessions {args.sessions}"
        record(Path(args.record), "bench", command + (f" --data {args.data}" if args.data else ""), report(results))
    return 0
