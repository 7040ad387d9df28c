"""The 繁體 mirror: a copy of the built site under zh-Hant/ with its text converted by OpenCC.

Converting the finished HTML (rather than the Markdown) covers generated pages, templates and
Material's own interface strings alike. Search keeps working because the search index is
converted too, with jieba's word boundaries (zero-width spaces) left in place. The estimator's
presets get their names, notes and sources converted; their ids, codes and numbers stay as they are.
Data files that need no conversion (hospital search files, CSV downloads, vCards: 90 MB at national
scale) are not copied: the mirror's pages link to the one copy in the simplified site.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import shutil
from functools import lru_cache
from pathlib import Path

import opencc

MIRROR = "zh-Hant"
# Converted: pages, the site search index and the estimator's presets. Copied as they are: everything
# else (scripts, styles, images, hospital data shards whose simplified names the search core matches
# against); what scripts write into a page is converted in the browser (script_map, site.js).
_SEARCH_INDEX = Path("search") / "search_index.json"
_PRESETS = re.compile(r"assets/data/policy-presets(\.[0-9a-f]+)?\.json")  # named by content hash
# The script map, written into the mirror only and named by its content (s2t.<sha256[:12]>.json), so a
# service worker holding last release's map never serves it to this release's pages; every mirror
# page names it on <html data-app-s2t>, where site.js finds it.
_SCRIPT_MAP_FOLDER = Path("assets") / "data"
_NOT_FOUND = Path("404.html")
# The presets' text for people. Not scheme, person_type or hospital_level: lib/estimator-form.mjs
# matches those against its own simplified values (ANY = "不区分"), so they are codes to it.
_PRESET_TEXT = ("name", "note", "source")
# Stored once, in the simplified site; the mirror's links lead there. The search files hold simplified
# names on purpose (the search core matches them; site.js converts what it shows), downloads keep
# data/hospitals.csv's own text, and a vCard goes into a phone's address book as the source wrote it.
SHARED = ("hospitals/data/", "hospitals/downloads/", "offices/vcf/")
_LINK = re.compile(r'(\s(?:href|src|data-[\w-]+)=")([^"#?:]+)(["#?])')
_SWITCH = re.compile(r'(<a [^>]*data-app-script-switch href=")([^"]*?)zh-Hant/([^"]*)"([^>]*)>(.*?)</a>', re.S)


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified -> traditional Chinese (OpenCC s2t, phrase-aware: 干部 -> 幹部, 面条 -> 麪條)."""
    return _converter().convert(text)


def build_mirror(site_dir: Path) -> int:
    """Write site_dir/zh-Hant/ from site_dir; returns the number of pages converted."""
    target = site_dir / MIRROR
    if target.exists():
        shutil.rmtree(target)
    pairs = json.dumps(script_map(site_dir), ensure_ascii=False)
    map_name = f"s2t.{hashlib.sha256(pairs.encode('utf-8')).hexdigest()[:12]}.json"
    pages = 0
    for source in sorted(site_dir.rglob("*")):
        relative = source.relative_to(site_dir)
        if relative.parts[0] == MIRROR or source.is_dir() or relative.as_posix().startswith(SHARED):
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".html":
            html = _link_shared_files(source.read_text(encoding="utf-8"), relative.parent.as_posix(), site_dir)
            html = _convert_not_found(html, map_name) if relative == _NOT_FOUND else _convert_page(html, map_name)
            destination.write_text(html, encoding="utf-8")
            pages += 1
        elif relative == _SEARCH_INDEX:
            destination.write_text(_convert_search_index(source.read_text(encoding="utf-8")), encoding="utf-8")
        elif _PRESETS.fullmatch(relative.as_posix()):
            destination.write_text(_convert_presets(source.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copy2(source, destination)
    (target / _SCRIPT_MAP_FOLDER).mkdir(parents=True, exist_ok=True)
    (target / _SCRIPT_MAP_FOLDER / map_name).write_text(pairs, encoding="utf-8")
    return pages


def script_map(site_dir: Path) -> str:
    """Pairs of simplified and traditional characters ("发發后後…"), one character at a time, for the
    text that scripts write into pages: hospital names and addresses from the search files, the
    scripts' own messages. site.js converts such text on the mirror's pages with it. A character
    alone takes OpenCC's everyday form; whole pages, converted here, get phrase-aware forms."""
    chars: set[str] = set()
    # Search files, the data files pages fetch (presets, the journey's places) and the scripts' texts.
    folders = ((site_dir / "hospitals" / "data", ("*.json",)), (site_dir / "assets" / "data", ("*.json",)), (site_dir / "assets" / "javascripts", ("*.js", "*.mjs")))
    for folder, patterns in folders:
        for pattern in patterns:
            for path in folder.rglob(pattern):
                chars.update(ch for ch in path.read_text(encoding="utf-8") if "\u3400" <= ch <= "\u9fff")
    pairs = ((ch, to_traditional(ch)) for ch in sorted(chars))
    return "".join(s + t for s, t in pairs if len(t) == 1 and t != s)


def _convert_not_found(html: str, map_name: str) -> str:
    """404.html links from the site root (it is served at any depth): lead its copy into the mirror,
    or it loads the simplified site's pages and scripts, and site.js asks there for a script map
    that only the mirror has. Its 简体 switch goes to the simplified home page."""
    base = re.search(r'"base":\s*"(/[^"]*)"', html)
    if base is None:  # links are relative after all
        return _convert_page(html, map_name)
    root = base.group(1).rstrip("/") + "/"
    html = re.sub(rf'((?:href|src)="){re.escape(root)}(?!{MIRROR}/)', rf"\g<1>{root}{MIRROR}/", html)
    html = _convert_page(html.replace(base.group(0), f'"base": "{root}{MIRROR}/"', 1), map_name)
    return html.replace(f'data-app-script-switch href="{root}../"', f'data-app-script-switch href="{root}"', 1)


def _link_shared_files(html: str, folder: str, site_dir: Path) -> str:
    """Point a page's relative links to shared data files one level up, out of the mirror:
    `../vcf/x.vcf` on offices/440300/ becomes `../../../offices/vcf/x.vcf` on zh-Hant/offices/440300/."""
    mirror_folder = posixpath.join(MIRROR, folder)

    def relink(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(folder, m[2]))
        if not target.startswith(SHARED) or not (site_dir / target).is_file():
            return m[0]
        return m[1] + posixpath.relpath(target, mirror_folder) + m[3]

    return _LINK.sub(relink, html)


def _convert_page(html: str, map_name: str) -> str:
    html = to_traditional(html).replace('<html lang="zh-CN"', f'<html lang="zh-Hant" data-app-s2t="{map_name}"', 1)
    # The switch now leads back to the same page in simplified characters, one level up.
    return _SWITCH.sub(
        lambda m: (
            f'{m.group(1)}{m.group(2)}../{m.group(3)}" data-app-script="zh-Hant"'
            + m.group(4).replace('hreflang="zh-Hant" lang="zh-Hant"', 'hreflang="zh-CN" lang="zh-CN"')
            .replace("切換到繁體中文", "切换到简体中文")
            + '><span aria-hidden="true">简</span><span class="app-header-control__label">简体</span></a>'
        ),
        html,
        count=1,
    )


def _convert_search_index(text: str) -> str:
    index = json.loads(text)
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = to_traditional(doc[field])
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def _convert_presets(text: str) -> str:
    presets = json.loads(text)
    for preset in presets:
        for field in _PRESET_TEXT:
            if isinstance(preset.get(field), str):
                preset[field] = to_traditional(preset[field])
    return json.dumps(presets, ensure_ascii=False, sort_keys=True)  # as generator/hooks.py writes it
