"""Offline support: the service worker (sw.js), written after the build.

The web app manifest is a static file (overrides/manifest.webmanifest); only the worker is generated.

The worker precaches only the *shell*: the home page and what it loads (Material's bundle and styles,
our scripts and styles, the search worker script, the data pages fetch from assets/data/). Every
other page is kept when the person opens it: their own city's office page once they look at it,
not all 300 of them (1.9 MB at national scale, issue 16). Each shell file carries its SHA-256
(subresource integrity), so the worker may take it from the browser's HTTP cache, where the page
that registered the worker has just put it, at no cost on the network: a copy that does not match
this build is refused and fetched again. The cache name is a hash of the shell, so a new build
replaces the old cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

# Pages every visitor gets offline, whatever they opened: the home page (also the installed app's
# start page). Others are kept as they are visited.
SHELL_PAGES = ("",)
# Data the pages fetch, such as the estimator's policy-presets.json and the mirror's s2t.json: a
# few KB, and without them a page kept offline would open with an empty list or untranslated text.
# And lunr's Chinese support (2.8 KB gzip), which Material's search worker imports: the worker does
# not belong to the page, so nothing else would keep it for a search made offline.
_SHELL_GLOBS = (
    "assets/data/**/*",
    "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
    "assets/javascripts/lunr/min/lunr.zh.min.js",
    "assets/javascripts/lunr/min/lunr.multi.min.js",
)
# What the home page loads: its stylesheets, scripts, icon and manifest (same-site, relative links).
_REFERENCES = re.compile(r'<(?:link|script)\b[^>]*?\b(?:href|src)="(?!https?:|//|#|data:)([^"?#]+)[^"]*"[^>]*>')
_NOT_SHELL = re.compile(r'rel="(?:next|prev|canonical|alternate)\b')  # "alternate feed" too (the Atom feed)
# Material's search worker script: started on every page, so part of the shell. (The search index
# is not: it is fetched, and kept, when someone searches.)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)

SW_TEMPLATE = Path(__file__).parent / "templates" / "sw.js"


def shell_files(site_dir: Path) -> list[str]:
    """URLs (relative to the site root) precached at install: the home page and what it loads."""
    files = [p for p in SHELL_PAGES if (site_dir / p / "index.html").is_file()]
    home = site_dir / "index.html"
    if home.is_file():
        html = home.read_text(encoding="utf-8")
        for tag in re.finditer(_REFERENCES, html):
            if not _NOT_SHELL.search(tag[0]):
                files.append(tag[1].removeprefix("./"))
        config = _CONFIG.search(html)
        if config and isinstance(json.loads(config[1]).get("search"), str):
            files.append(json.loads(config[1])["search"])
    for pattern in _SHELL_GLOBS:
        files += sorted(str(p.relative_to(site_dir)) for p in site_dir.glob(pattern) if p.is_file())
    return [f for f in dict.fromkeys(files) if _path(site_dir, f).is_file()]


def _path(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html" if url == "" or url.endswith("/") else site_dir / url


def _integrity(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()


def write_service_worker(site_dir: Path) -> Path:
    """Write site_dir/sw.js with this build's shell, each file with its integrity hash."""
    digest = hashlib.sha256()
    shell = []
    for name in shell_files(site_dir):
        data = _path(site_dir, name).read_bytes()
        digest.update(name.encode())
        digest.update(data)
        shell.append(["./" + name, _integrity(data)])
    script = SW_TEMPLATE.read_text(encoding="utf-8")
    script = script.replace("__VERSION__", digest.hexdigest()[:12]).replace("__SHELL__", json.dumps(shell, indent=2))
    target = site_dir / "sw.js"
    target.write_text(script, encoding="utf-8")
    return target
