"""What changed between releases: /changes/, its Atom feed, and the guard against a release that loses data.

Each build compares its data with the release it replaces. The built site carries what the next
build needs for that: changes/snapshot.json.gz (the compared fields of every row) and
changes/history.json (every earlier release's changes), so the history is carried forward from
site to site without any database.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from . import regions
from .load import _display_path
from .models import Dataset
from .read import find_table_file

PREVIOUS_ENV = "APP_PREVIOUS_SITE"  # the site this build replaces (build --site-dir, or --previous)
ALLOW_SHRINK_ENV = "APP_ALLOW_SHRINK"  # "1": publish a release that drops many rows, on purpose
SNAPSHOT = "changes/snapshot.json.gz"
HISTORY = "changes/history.json"
FEED = "changes/feed.xml"
PAGE = "changes/index.md"
# A new list that drops more than this share of the rows it replaces is more often a truncated
# export or a wrong file than a real change; a maintainer confirms it with --allow-shrink.
SHRINK_LIMIT = 0.10
MAX_LISTED = 200  # rows listed per kind of change in one release; the count says how many in all
_FEED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:app:yidi-jiuyi-jiesuan-zhinan:changes")
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Previous:
    """The release a build replaces: its folder, its rows' snapshot and its history."""

    site_dir: Path
    snapshot: dict
    history: list[dict]


def snapshot(dataset: Dataset) -> dict:
    """The fields a change is reported on, per row id (compact: 150,000 hospitals are ~3 MB gzipped)."""
    return {
        "hospitals": {
            h.id: [h.name, h.province_code, h.city_code, h.district_code, h.address] for h in dataset.hospitals
        },
        "offices": {
            o.id: [o.name, [p.display for p in o.phones], [p.display for p in o.faxes]] for o in dataset.all_offices()
        },
        "documents": {d.id: [d.title, d.number] for d in dataset.documents},
    }


def set_release_env(previous: Path, allow_shrink: bool):
    """Tell the hook which release is replaced and whether it may shrink; returns a function that undoes it."""
    saved = {name: os.environ.get(name) for name in (PREVIOUS_ENV, ALLOW_SHRINK_ENV)}
    os.environ[PREVIOUS_ENV] = str(Path(previous).resolve())
    os.environ[ALLOW_SHRINK_ENV] = "1" if allow_shrink else "0"

    def restore() -> None:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    return restore


def previous_site(default: str | os.PathLike) -> Path:
    """The folder of the release being replaced: $APP_PREVIOUS_SITE, else the site being built over."""
    return Path(os.environ.get(PREVIOUS_ENV) or default)


def load_previous(site_dir: Path) -> Previous | None:
    """The previous release's snapshot and history; None for a site built before either existed."""
    try:
        data = json.loads(gzip.decompress((site_dir / SNAPSHOT).read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    try:
        history = json.loads((site_dir / HISTORY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        history = []
    return Previous(site_dir, data, history if isinstance(history, list) else [])


# -- the shrink guard ------------------------------------------------------------------------------


def shrink_problems(data_dir: Path, dataset: Dataset | None, previous: Previous | None) -> list[str]:
    """Why this release may not replace the previous one: each message names the file and both counts."""
    if previous is None or os.environ.get(ALLOW_SHRINK_ENV) == "1":
        return []
    messages = []
    for table, label in (("hospitals", "hospitals"), ("offices", "offices")):
        before = previous.snapshot.get(table, {})
        path = find_table_file(Path(data_dir), table) or Path(data_dir) / f"{table}.csv"
        if dataset is not None:
            now = {h.id for h in dataset.hospitals} if table == "hospitals" else {o.id for o in dataset.all_offices()}
        elif path.exists() and not path.read_bytes().strip():
            now = set()  # an empty file: the loader reports it too, but this says what it would cost
        else:
            continue
        dropped = sum(1 for row_id in before if row_id not in now)
        if before and (dropped > SHRINK_LIMIT * len(before) or not now):
            messages.append(
                f"{_display_path(path)}: {len(now)} {label}, the release it replaces ({_display_path(previous.site_dir)}) has {len(before)}:"
                f" {dropped} ({dropped / len(before):.0%}) would be dropped, more than {SHRINK_LIMIT:.0%}."
                f" Nothing was built; if this is on purpose, build again with --allow-shrink."
            )
    return messages


# -- comparing two releases ------------------------------------------------------------------------


def _listed(items: list) -> dict:
    return {"total": len(items), "items": items[:MAX_LISTED]}


def _place(row: list) -> str:
    """A hospital's place as people read it: 山东省 济宁市 任城区."""
    return " ".join(regions.name(code) for code in dict.fromkeys(row[1:4]) if code)


def compare(before: dict | None, after: dict) -> dict:
    """The changes from one snapshot to the next (before None: the first release, counts only)."""
    counts = {table: len(after.get(table, {})) for table in ("hospitals", "offices", "documents")}
    release: dict = {"counts": counts}
    if before is None:
        release["first"] = True
        return release
    old_h, new_h = before.get("hospitals", {}), after["hospitals"]
    release["hospitals_added"] = _listed([[i, r[0], _place(r)] for i, r in new_h.items() if i not in old_h])
    release["hospitals_removed"] = _listed([[i, r[0], _place(r)] for i, r in old_h.items() if i not in new_h])
    release["hospitals_renamed"] = _listed(
        [[i, old_h[i][0], r[0]] for i, r in new_h.items() if i in old_h and old_h[i][0] != r[0]]
    )
    release["hospitals_moved"] = _listed([
        [i, r[0], " ".join(filter(None, [_place(old_h[i]), old_h[i][4]])), " ".join(filter(None, [_place(r), r[4]]))]
        for i, r in new_h.items() if i in old_h and old_h[i][1:] != r[1:]
    ])
    old_o, new_o = before.get("offices", {}), after["offices"]
    release["offices_added"] = _listed([[i, r[0]] for i, r in new_o.items() if i not in old_o])
    release["offices_removed"] = _listed([[i, r[0]] for i, r in old_o.items() if i not in new_o])
    release["offices_changed"] = _listed([
        [i, r[0], _numbers(old_o[i]), _numbers(r)] for i, r in new_o.items() if i in old_o and old_o[i][1:] != r[1:]
    ])
    old_d = before.get("documents", {})
    release["documents_added"] = _listed([[i, r[0]] for i, r in after["documents"].items() if i not in old_d])
    release["documents_removed"] = _listed([[i, r[0]] for i, r in old_d.items() if i not in after["documents"]])
    return release


def _numbers(row: list) -> str:
    phones, faxes = "、".join(row[1]), "、".join(row[2])
    return "；".join(filter(None, [f"电话 {phones}" if phones else "", f"传真 {faxes}" if faxes else ""])) or "无号码"


def changed(release: dict) -> bool:
    """Whether a comparison found anything (a first release always counts)."""
    return release.get("first", False) or any(
        value["total"] for key, value in release.items() if isinstance(value, dict) and "total" in value
    )


def release_time() -> dt.datetime:
    """Now, or $SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def history(dataset: Dataset, previous: Previous | None, when: dt.datetime | None = None) -> tuple[list[dict], dict]:
    """Every release, newest first (this one added when anything changed), and this release's snapshot."""
    current = snapshot(dataset)
    earlier = previous.history if previous is not None else []
    release = compare(previous.snapshot if previous is not None else None, current)
    if previous is not None and not changed(release):
        return earlier, current  # rebuilding the same data is no new release
    when = when or release_time()
    number = max((r.get("number", 0) for r in earlier), default=0) + 1
    release.update(
        number=number, date=when.date().isoformat(), updated=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        id=f"urn:uuid:{uuid.uuid5(_FEED_NAMESPACE, f'release-{number}-{when.isoformat()}')}",
    )
    return [release, *earlier], current


def summary(release: dict) -> str:
    """One line for a release: what changed, in counts."""
    if release.get("first"):
        c = release["counts"]
        return f"首次发布：联网医院 {c['hospitals']} 家，经办机构 {c['offices']} 个，政策文件 {c['documents']} 份"
    parts = []
    for key, label, unit in _KINDS:
        total = release.get(key, {}).get("total", 0)
        if total:
            parts.append(f"{label} {total} {unit}")
    return "，".join(parts) or "无变化"


_KINDS = (
    ("hospitals_added", "新增医院", "家"),
    ("hospitals_removed", "移出医院", "家"),
    ("hospitals_renamed", "医院改名", "家"),
    ("hospitals_moved", "医院地址或地区变更", "家"),
    ("offices_changed", "经办机构号码变更", "个"),
    ("offices_added", "新增经办机构", "个"),
    ("offices_removed", "移出经办机构", "个"),
    ("documents_added", "新增政策文件", "份"),
    ("documents_removed", "移出政策文件", "份"),
)


# -- output ----------------------------------------------------------------------------------------


def render_page(releases: list[dict], raw_html) -> str:
    """/changes/ as Markdown (the lists are HTML blocks, autoescaped, kept in raw_html: pages.RawHtml)."""
    from .pages import _environment  # the templates' one environment; imported late, pages is heavy

    env = _environment()
    env.globals["raw_html"] = raw_html.jinja_call
    return env.get_template("changes.md.j2").render(releases=releases, summary=summary, feed="feed.xml")


def render_feed(releases: list[dict], site_url: str | None) -> str:
    """An Atom 1.0 feed (RFC 4287), one entry per release, newest first."""
    base = (site_url.rstrip("/") + "/changes/") if site_url else ""  # relative links resolve against the feed
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN"})

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    sub(feed, "title", "异地就医结算指南：数据更新记录")
    sub(feed, "subtitle", "每次发布新增、移出、改名或变更的联网医院、经办机构号码和政策文件")
    sub(feed, "id", f"urn:uuid:{_FEED_NAMESPACE}")
    sub(feed, "updated", releases[0]["updated"] if releases else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + "feed.xml")
    sub(feed, "link", rel="alternate", type="text/html", href=base or "./")
    sub(sub(feed, "author"), "name", "异地就医结算指南")
    for release in releases:
        entry = sub(feed, "entry")
        sub(entry, "title", f"{release['date']} 数据更新")
        sub(entry, "id", release["id"])
        sub(entry, "updated", release["updated"])
        sub(entry, "link", rel="alternate", type="text/html", href=f"{base or './'}#release-{release['number']}")
        sub(entry, "summary", summary(release), type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write_release_files(site_dir: Path, releases: list[dict], current: dict) -> None:
    """What the next build compares against: the snapshot (gzip, no timestamp: reproducible) and the history."""
    (site_dir / HISTORY).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / HISTORY).write_text(json.dumps(releases, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
    data = json.dumps(current, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    (site_dir / SNAPSHOT).write_bytes(gzip.compress(data, mtime=0))
