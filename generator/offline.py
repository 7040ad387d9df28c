"""Offline support: the service worker (sw.js), written after the build.

The web app manifest is a static file (overrides/manifest.webmanifest); only the worker is generated.

The worker's precache list names the hashed assets of this very build, so it is generated after
MkDocs has written them; its cache name is a hash of their content, so a new build replaces the
old cache and no stale page outlives an update by more than one visit.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# Pages a person may need with no signal, cached at install. Others are cached when visited.
CORE_PAGES = ("", "offices/", "estimator/", "checklist/", "hospitals/", "guide/", "glossary/")
_CORE_ASSET_GLOBS = (
    "assets/javascripts/bundle.*.min.js",
    "assets/javascripts/workers/search.*.min.js",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    "assets/javascripts/lunr/min/lunr.zh.min.js",
    "assets/javascripts/lunr/min/lunr.multi.min.js",
    "assets/javascripts/*.js",
    "assets/javascripts/lib/*.mjs",
    "assets/stylesheets/*.css",
    "assets/images/*",
    "search/search_index.json",
    # Data the pages fetch, such as the estimator's policy-presets.json: without it the estimator
    # page, though cached, would open offline with an empty 参保地 list.
    "assets/data/**/*",
)

SW_TEMPLATE = Path(__file__).parent / "templates" / "sw.js"


def core_files(site_dir: Path) -> list[str]:
    """URLs (relative to the site root) precached at install."""
    files = [p for p in CORE_PAGES if (site_dir / p / "index.html").exists()]
    # Every region's office page: the phone-and-fax table is what people need with no signal.
    files += sorted(f"{p.parent.relative_to(site_dir)}/" for p in site_dir.glob("offices/*/index.html"))
    for pattern in _CORE_ASSET_GLOBS:
        files += sorted(str(p.relative_to(site_dir)) for p in site_dir.glob(pattern) if p.is_file())
    return list(dict.fromkeys(files))


def write_service_worker(site_dir: Path) -> Path:
    """Write site_dir/sw.js."""
    files = core_files(site_dir)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode())
        digest.update((site_dir / name / "index.html" if name == "" or name.endswith("/") else site_dir / name).read_bytes())
    script = SW_TEMPLATE.read_text(encoding="utf-8")
    script = script.replace("__VERSION__", digest.hexdigest()[:12]).replace("__CORE__", json.dumps(["./" + f for f in files], indent=2))
    target = site_dir / "sw.js"
    target.write_text(script, encoding="utf-8")
    return target
