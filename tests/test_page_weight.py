"""The page weight benchmark's parts behave: gzip server, per-layout measurement, table."""

from __future__ import annotations

import gzip
import urllib.request

import pytest

from generator.devtools.page_weight import first_visit, format_first_visit, format_footprint, format_table, measure, site_footprint
from generator.devtools.static_server import serve


def test_static_server_gzips_text_and_serves_the_same_bytes(built_site):
    base, server = serve(built_site)
    try:
        request = urllib.request.Request(base + "offices/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body = gzip.decompress(response.read())
        assert body == (built_site / "offices" / "index.html").read_bytes()
        with urllib.request.urlopen(base + "assets/images/icon-192.png") as response:
            assert response.headers.get("Content-Encoding") is None
    finally:
        server.shutdown()


def test_measure_reports_bytes_requests_and_paint(built_site, browser):
    base, server = serve(built_site)
    try:
        rows = measure(base, {"home": "", "offices": "offices/"}, browser)
    finally:
        server.shutdown()
    home, offices = rows
    assert home["status"] == 200 and offices["status"] == 200
    html_gzip_kb = len(gzip.compress((built_site / "index.html").read_bytes())) / 1024
    assert home["kb"] > html_gzip_kb  # the page plus its styles and scripts
    assert home["requests"] >= 3
    assert home["fcp_ms"] and home["fcp_ms"] > 0
    table = format_table(rows)
    assert table.splitlines()[2].startswith("| home | `/` |")


@pytest.mark.parametrize("files,duplicated", [
    ({"a.txt": "x" * 10, "b.txt": "y" * 7}, 0),
    ({"a.txt": "x" * 10, "zh-Hant/a.txt": "x" * 10}, 10),  # a copy in the mirror
    ({"a.csv": "x" * 10, "b.csv": "x" * 10, "c.csv": "x" * 10}, 20),  # every copy after the first
])
def test_site_footprint_counts_bytes_stored_twice(tmp_path, files, duplicated):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    footprint = site_footprint(tmp_path)
    assert footprint["files"] == len(files)
    assert footprint["bytes"] == sum(len(t) for t in files.values())
    assert footprint["duplicated_bytes"] == duplicated
    assert "stored twice" in format_footprint(footprint)


def test_first_visit_counts_the_page_and_the_workers_precache(built_site, browser):
    base, server = serve(built_site)
    try:
        [home] = first_visit(base, {"home": ""}, browser)
    finally:
        server.shutdown()
    assert home["page_kb"] > len(gzip.compress((built_site / "index.html").read_bytes())) / 1024
    assert home["worker_kb"] > 0  # sw.js at least; the shell comes from the HTTP cache where it can
    assert home["kb"] == pytest.approx(home["page_kb"] + home["worker_kb"])
    assert not [url for _, url, _ in home["largest"] if "search_index" in url]
    assert format_first_visit([home]).splitlines()[2].startswith("| home `/` |")
