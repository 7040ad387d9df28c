"""The page weight benchmark's parts behave: gzip server, per-layout measurement, table."""

from __future__ import annotations

import gzip
import urllib.request

from generator.devtools.page_weight import format_table, measure
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
