"""The service worker's shell (generator/offline.py): what a first visit precaches, and nothing more."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from generator.offline import shell_files, write_service_worker

HOME = """<!doctype html><html lang="zh-CN"><head>
<link rel="next" href="guide/">
<link rel="icon" href="assets/images/favicon.svg">
<link rel="stylesheet" href="assets/stylesheets/main.1a2b3c.min.css">
<link rel="manifest" href="manifest.webmanifest">
<link rel="alternate feed" type="application/atom+xml" href="changes/feed.xml">
</head><body>
<script id="__config" type="application/json">{"base": ".", "search": "assets/javascripts/workers/search.9f8e.min.js"}</script>
<script src="assets/javascripts/bundle.1a2b3c.min.js"></script>
<script src="assets/javascripts/site.js"></script>
<script src="https://example.org/x.js"></script>
</body></html>"""


def _shell(site: Path) -> list[list[str]]:
    """The SHELL list of the site's sw.js, as the worker sees it: [url, integrity] pairs."""
    script = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const SHELL = (\[.*?\n\])\n", script, re.S)[1])


@pytest.fixture
def small_site(tmp_path) -> Path:
    """A built site in miniature: the home page and what it loads, other pages, data files."""
    site = tmp_path / "site"
    for name, text in {
        "index.html": HOME,
        "guide/index.html": "guide",
        "estimator/index.html": "estimator",
        "offices/index.html": "offices",
        "offices/440300/index.html": "one city's offices",
        "assets/images/favicon.svg": "<svg/>",
        "assets/stylesheets/main.1a2b3c.min.css": "css",
        "assets/javascripts/bundle.1a2b3c.min.js": "bundle",
        "assets/javascripts/site.js": "site",
        "assets/javascripts/estimator.js": "estimator",
        "assets/javascripts/workers/search.9f8e.min.js": "worker",
        "assets/javascripts/lunr/min/lunr.zh.min.js": "lunr zh",
        "assets/javascripts/lunr/min/lunr.ja.min.js": "lunr ja",
        "manifest.webmanifest": "{}",
        "assets/data/policy-presets.json": "[]",
        "assets/data/more/extra.json": "{}",
        "search/search_index.json": "{}",
        "changes/feed.xml": "<feed/>",
        "hospitals/data/abc123/manifest.json": "{}",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.mark.parametrize("url,precached", [
    ("", True),  # the home page: also the installed app's start page
    ("assets/images/favicon.svg", True),
    ("assets/stylesheets/main.1a2b3c.min.css", True),
    ("assets/javascripts/bundle.1a2b3c.min.js", True),
    ("assets/javascripts/site.js", True),
    ("manifest.webmanifest", True),
    ("assets/javascripts/workers/search.9f8e.min.js", True),  # Material starts it on every page
    ("assets/javascripts/lunr/min/lunr.zh.min.js", True),  # imported by that worker, which no page owns
    ("assets/data/policy-presets.json", True),  # the estimator's 参保地 list, needed with no signal
    ("assets/data/more/extra.json", True),  # any other data file the pages fetch
    ("guide/", False),  # the link rel="next": a page, kept when visited
    ("estimator/", False),
    ("offices/", False),
    ("offices/440300/", False),  # one city among 300: kept when its people open it
    ("assets/javascripts/estimator.js", False),  # a page's own script: kept with the page
    ("assets/javascripts/lunr/min/lunr.ja.min.js", False),
    ("search/search_index.json", False),  # 2.6 MB at national scale: fetched and kept on a search
    ("hospitals/data/abc123/manifest.json", False),
    ("changes/feed.xml", False),  # the Atom feed the head links (rel="alternate feed"): not the page's
    ("https://example.org/x.js", False),
])
def test_shell_is_the_home_page_and_what_it_loads(small_site, url, precached):
    assert (url in shell_files(small_site)) is precached


def test_every_shell_file_carries_its_integrity_hash(small_site):
    write_service_worker(small_site)
    for url, integrity in _shell(small_site):
        path = small_site / url / "index.html" if url.endswith("/") else small_site / url
        digest = base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()
        assert integrity == f"sha256-{digest}", url


def test_a_changed_presets_file_changes_the_cache_name(small_site):
    version = lambda: re.search(r'const VERSION = "(\w+)"', (small_site / "sw.js").read_text(encoding="utf-8"))[1]
    write_service_worker(small_site)
    before = version()
    (small_site / "assets/data/policy-presets.json").write_text('[{"id": "new"}]', encoding="utf-8")
    write_service_worker(small_site)
    assert version() != before, "a new build's presets replace the cached ones"


def test_built_workers_precache_their_own_shell(built_site):
    for site in (built_site, built_site / "zh-Hant"):
        shell = dict(_shell(site))
        [presets] = (site / "assets" / "data").glob("policy-presets.*.json")  # named by content hash
        assert "./" in shell and f"./assets/data/{presets.name}" in shell
        assert not [url for url in shell if "/offices/" in url or url.endswith("search_index.json")]
        for url in shell:
            assert (site / url / ("index.html" if url.endswith("/") else "")).is_file(), url
    # The mirror's home page is converted, so its worker checks other bytes than the site's.
    assert dict(_shell(built_site))["./"] != dict(_shell(built_site / "zh-Hant"))["./"]
    [script_map] = (built_site / "zh-Hant" / "assets" / "data").glob("s2t.*.json")  # named by content hash
    assert f"./assets/data/{script_map.name}" in dict(_shell(built_site / "zh-Hant"))
