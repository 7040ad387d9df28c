"""Scenario builds: the real build on a good fixture, a broken one that must change nothing, and the CLI."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator import ROOT
from generator.build import build_site

GOOD = Path(__file__).parent / "fixtures" / "good-data"


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_good_fixture_builds_and_escapes_data(tmp_path):
    site = tmp_path / "site"
    assert build_site(GOOD, site)
    city = (site / "hospitals" / "370000" / "370800" / "index.html").read_text(encoding="utf-8")
    # A hospital name with markup is shown as text, never run as a script.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;测试医院" in city
    assert "<script>alert(1)</script>" not in city
    # Asterisks in an address stay literal instead of turning into emphasis.
    assert "任城区 *测试路* 1号" in city
    assert 'href="tel:+865372903000"' in city
    offices = (site / "offices" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+8675582978745"' in offices and "0755-8297 8745" in offices
    # A fax number is shown large and copyable, never as a tel: link.
    assert "tel:+8675582978719" not in offices and "0755-8297 8719" in offices
    assert (site / "documents" / "doc-a" / "index.html").exists()
    assert not list(site.parent.glob(".site.*")), "no staging folder is left behind"


def test_broken_data_fails_with_exact_message_and_keeps_old_site(tmp_path):
    site = tmp_path / "site"
    assert build_site(GOOD, site)
    before = _tree(site)
    broken = tmp_path / "broken"
    shutil.copytree(GOOD, broken)
    rows = list(csv.reader((broken / "hospitals.csv").open(encoding="utf-8")))
    rows[2][rows[0].index("level")] = "4级"
    with (broken / "hospitals.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)

    result = _cli("build", "--data", str(broken), "--site-dir", str(site))

    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f'{broken / "hospitals.csv"}:3: column "level": "4级" is not one of 三级, 二级, 一级, 未定级' in output
    assert "Data has 1 error(s); nothing was built." in output
    assert _tree(site) == before, "the previous site is left exactly as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "site"]


def _good_with_policies(tmp_path: Path) -> Path:
    """The good fixture with the shipped presets, one more row for that place and a second place."""
    data = tmp_path / "with-policies"
    shutil.copytree(GOOD, data)
    rows = list(csv.reader((ROOT / "data" / "policies.csv").open(encoding="utf-8")))
    header, first = rows[0], dict(zip(rows[0], rows[1]))
    for extra in ({"id": "staff", "scheme": "职工医保"}, {"id": "other", "group": "other", "name": "另一个示例"}):
        rows.append([extra.get(column, first[column]) for column in header])
    with (data / "policies.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return data


CHECK_SUMMARIES = [
    (lambda tmp: ROOT / "data", "ok: 20 hospitals, 28 offices, 6 documents, 1 policy presets (1 places)"),
    (lambda tmp: GOOD, "ok: 3 hospitals, 3 offices, 1 documents, 0 policy presets (0 places)"),  # no policies.csv
    (_good_with_policies, "ok: 3 hospitals, 3 offices, 1 documents, 3 policy presets (2 places)"),
]


@pytest.mark.parametrize("data,summary", CHECK_SUMMARIES, ids=["shipped", "no-presets", "two-places"])
def test_check_summary_counts_what_was_validated(tmp_path, data, summary):
    ok = _cli("check", "--data", str(data(tmp_path)))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == summary + "\n"


def test_check_command_exit_codes(tmp_path):
    ok = _cli("check")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ok: 20 hospitals, 28 offices")
    broken = tmp_path / "data"
    shutil.copytree(ROOT / "data", broken)
    text = (broken / "offices.csv").read_text(encoding="utf-8").replace("0755-82978745", "0755-829787", 1)
    (broken / "offices.csv").write_text(text, encoding="utf-8")
    bad = _cli("check", "--data", str(broken))
    assert bad.returncode == 1
    assert f'{broken / "offices.csv"}:4: column "phones": "0755-829787" is not a valid Chinese phone number' in bad.stderr


class _Refs(HTMLParser):
    """Every URL an HTML page could load or link to."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "poster", "data", "formaction") and value:
                self.urls.append(value)
            elif name == "srcset" and value:
                self.urls.extend(part.split()[0] for part in value.split(","))


def _external(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https", "ws", "wss", "") and bool(parsed.netloc) and parsed.hostname not in ("127.0.0.1", "localhost")


# Strings inside Material's bundle that name outside hosts but are never requested by this site:
# api.github.com / https://${host} fetch repository facts only when repo_url is set (it is not);
# unpkg.com loads a ResizeObserver polyfill for pre-2020 browsers and mermaid for diagrams (we have none).
# The browser tests prove no such request happens.
_DORMANT_IN_MATERIAL_BUNDLE = {"api.github.com", "unpkg.com", "${e}"}


def test_built_site_references_no_external_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {u}" for u in refs.urls if _external(u)]
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"""(?:url\(\s*["']?|@import\s+["'])([^"')\s]+)""", sheet.read_text(encoding="utf-8")):
            if _external(url):
                offenders.append(f"{sheet.relative_to(built_site)}: {url}")
    for script in built_site.rglob("*.js"):
        text = script.read_text(encoding="utf-8", errors="replace")
        for host in re.findall(r"""["'`](?:https?:)?//([\w${}-]+(?:\.[\w-]+)+|\$\{\w+\})""", text):
            if host == "www.w3.org":  # XML namespace names (SVG), not requests
                continue
            if "material" in str(script) or script.name.startswith("bundle."):
                if host in _DORMANT_IN_MATERIAL_BUNDLE:
                    continue
            offenders.append(f"{script.relative_to(built_site)}: {host}")
    assert offenders == []
