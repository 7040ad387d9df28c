"""The service worker's precache list (generator/offline.py): what a first visit makes usable offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.offline import core_files, write_service_worker


def _precached(site: Path) -> list[str]:
    """The CORE list of the site's sw.js, as the worker sees it."""
    script = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"const CORE = (\[.*?\])\n", script, re.S)[1])


@pytest.fixture
def small_site(tmp_path) -> Path:
    """A built site in miniature: two pages, a hashed bundle and the data the pages fetch."""
    site = tmp_path / "site"
    for name, text in {
        "index.html": "home",
        "estimator/index.html": "estimator",
        "assets/javascripts/bundle.1a2b3c.min.js": "bundle",
        "assets/data/policy-presets.json": "[]",
        "assets/data/more/extra.json": "{}",
        "hospitals/data/abc123/shard-0.json": "[]",  # fetched per search, cached when used
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.mark.parametrize("url,precached", [
    ("", True),
    ("estimator/", True),
    ("assets/javascripts/bundle.1a2b3c.min.js", True),
    ("assets/data/policy-presets.json", True),  # the estimator's 参保地 list, needed with no signal
    ("assets/data/more/extra.json", True),  # any other data file the pages fetch
    ("hospitals/data/abc123/shard-0.json", False),
])
def test_core_files_hold_pages_assets_and_page_data(small_site, url, precached):
    assert (url in core_files(small_site)) is precached


def test_a_changed_presets_file_changes_the_cache_name(small_site):
    version = lambda: re.search(r'const VERSION = "(\w+)"', (small_site / "sw.js").read_text(encoding="utf-8"))[1]
    write_service_worker(small_site)
    before = version()
    (small_site / "assets/data/policy-presets.json").write_text('[{"id": "new"}]', encoding="utf-8")
    write_service_worker(small_site)
    assert version() != before, "a new build's presets replace the cached ones"


def test_built_worker_precaches_the_estimator_and_its_presets(built_site):
    precached = _precached(built_site)
    [presets] = (built_site / "assets" / "data").glob("policy-presets.*.json")  # named by content hash
    assert {"./estimator/", f"./assets/data/{presets.name}"} <= set(precached)
    for url in precached:
        assert (built_site / url / ("index.html" if url.endswith("/") else "")).is_file(), url
