"""What changed between releases: /changes/, the Atom feed, the history carried forward, the shrink guard."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import ROOT
from generator.build import build_site
from generator.changes import FEED, HISTORY, SNAPSHOT

GOOD = Path(__file__).parent / "fixtures" / "good-data"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _save(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header or list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _second_release(tmp_path: Path) -> Path:
    """The good fixture with one hospital renamed, one moved, one added; a fax changed; a document added."""
    data = tmp_path / "release-2"
    shutil.copytree(GOOD, data)
    hospitals = _table(data / "hospitals.csv")
    hospitals[1]["name"] = "测试县第一人民医院"
    hospitals[2]["district_code"] = "440303"
    hospitals.append({**hospitals[1], "id": "syn-4", "name": "测试新医院"})
    _save(data / "hospitals.csv", hospitals)
    offices = _table(data / "offices.csv")
    offices[1]["faxes"] = "0755-82978700"
    _save(data / "offices.csv", offices)
    documents = _table(data / "documents.csv")
    documents.append({**documents[0], "id": "doc-b", "title": "测试新文件"})
    _save(data / "documents.csv", documents)
    return data


def _feed(site: Path) -> ET.Element:
    return ET.fromstring((site / FEED).read_bytes())


def _check_atom(feed: ET.Element) -> None:
    """RFC 4287's required elements: feed id, title, updated (and an author); each entry id, title, updated, a link."""
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{tag}")) == 1, f"feed needs exactly one {tag}"
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert RFC3339.match(feed.find(f"{ATOM}updated").text)
    assert re.match(r"^[a-z][a-z0-9+.-]*:", feed.find(f"{ATOM}id").text), "an id is an absolute IRI"
    for entry in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, f"entry needs exactly one {tag}"
        assert re.match(r"^urn:uuid:[0-9a-f-]{36}$", entry.find(f"{ATOM}id").text)
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")


def test_two_releases_publish_the_changes_and_the_feed(tmp_path, monkeypatch):
    site = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")  # 2024-05-01T00:00:00Z
    assert build_site(GOOD, site)
    first = _feed(site)
    _check_atom(first)
    assert [e.find(f"{ATOM}title").text for e in first.findall(f"{ATOM}entry")] == ["2024-05-01 数据更新"]
    first_entry = ET.tostring(first.find(f"{ATOM}entry"))

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717200000")  # 2024-06-01T00:00:00Z
    assert build_site(_second_release(tmp_path), site)

    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    for text in (
        'id="release-2"', "2024-06-01 第 2 次发布", 'id="release-1"',
        "新增的联网医院（1 家）", "测试新医院<small>（山东省 济宁市）</small>",
        "改名的医院（1 家）", "测试县人民医院 → 测试县第一人民医院",
        "地址或所在地区变更的医院（1 家）", "测试市中心医院：广东省 深圳市 福田区 → 广东省 深圳市 罗湖区",
        "电话或传真号码变更的经办机构（1 个）", "测试分局：电话 0755-8297 8745；传真 0755-8297 8719 → 电话 0755-8297 8745；传真 0755-8297 8700",
        "新增的政策文件（1 份）", "测试新文件",
    ):
        assert text in page, text
    feed = _feed(site)
    _check_atom(feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["2024-06-01 数据更新", "2024-05-01 数据更新"]
    assert entries[0].find(f"{ATOM}updated").text == feed.find(f"{ATOM}updated").text == "2024-06-01T00:00:00Z"
    assert entries[0].find(f"{ATOM}link").get("href") == "./#release-2"
    assert "新增医院 1 家" in entries[0].find(f"{ATOM}summary").text
    assert ET.tostring(entries[1]) == first_entry, "the earlier release is carried forward unchanged"
    head = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate feed" type="application/atom+xml" title="异地就医结算指南：数据更新记录" href="changes/feed.xml">' in head


def test_rebuilding_the_same_data_is_no_new_release(tmp_path):
    site = tmp_path / "site"
    assert build_site(GOOD, site)
    feed, history, snapshot = (site / FEED).read_bytes(), (site / HISTORY).read_bytes(), (site / SNAPSHOT).read_bytes()
    assert build_site(GOOD, site)
    assert ((site / FEED).read_bytes(), (site / HISTORY).read_bytes(), (site / SNAPSHOT).read_bytes()) == (feed, history, snapshot)


def test_previous_names_the_release_replaced(tmp_path):
    old = tmp_path / "old"
    assert build_site(GOOD, old)
    new = tmp_path / "new"
    assert build_site(_second_release(tmp_path), new, previous=old)
    assert len(_feed(new).findall(f"{ATOM}entry")) == 2
    assert "测试新医院" in (new / "changes" / "index.html").read_text(encoding="utf-8")


def _drop(data: Path, table: str, keep: int | None) -> None:
    """Keep the first `keep` rows of a table (None: an empty file)."""
    path = data / f"{table}.csv"
    if keep is None:
        path.write_bytes(b"")
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[: 1 + keep]), encoding="utf-8")


@pytest.mark.parametrize(
    ("table", "keep", "expected"),
    [
        ("hospitals", 2, "hospitals.csv: 2 hospitals, the release it replaces ({site}) has 3: 1 (33%) would be dropped, more than 10%."),
        ("hospitals", 0, "hospitals.csv: 0 hospitals, the release it replaces ({site}) has 3: 3 (100%) would be dropped, more than 10%."),
        ("hospitals", None, "hospitals.csv: 0 hospitals, the release it replaces ({site}) has 3: 3 (100%) would be dropped, more than 10%."),
        # A station whose branch is kept: the row dropped is the station only.
        ("offices", 2, "offices.csv: 2 offices, the release it replaces ({site}) has 3: 1 (33%) would be dropped, more than 10%."),
    ],
    ids=["a third fewer", "header only", "empty file", "offices"],
)
def test_shrink_guard_refuses_and_keeps_the_site(tmp_path, table, keep, expected):
    site = tmp_path / "site"
    assert build_site(GOOD, site)
    before = _tree(site)
    data = tmp_path / "smaller"
    shutil.copytree(GOOD, data)
    _drop(data, table, keep)

    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(data), "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )

    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{data}/" + expected.format(site=site) in output
    assert "Nothing was built; if this is on purpose, build again with --allow-shrink." in output
    assert _tree(site) == before, "the published site is left exactly as it was"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "smaller"], "no staging folder is left"


def test_allow_shrink_publishes_a_smaller_release(tmp_path):
    site = tmp_path / "site"
    assert build_site(GOOD, site)
    data = tmp_path / "smaller"
    shutil.copytree(GOOD, data)
    _drop(data, "hospitals", 1)
    assert not build_site(data, site)
    assert build_site(data, site, allow_shrink=True)
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "移出名单的医院（2 家）" in page
    assert len(_feed(site).findall(f"{ATOM}entry")) == 2


def test_a_small_loss_is_not_refused(tmp_path):
    """Dropping 10% or less goes through: lists change, and the changes page says how."""
    site = tmp_path / "site"
    data = tmp_path / "big"
    shutil.copytree(GOOD, data)
    rows = _table(GOOD / "hospitals.csv")
    rows += [{**rows[1], "id": f"extra-{i}", "name": f"测试医院{i}"} for i in range(7)]  # 10 hospitals
    _save(data / "hospitals.csv", rows)
    assert build_site(data, site)
    _save(data / "hospitals.csv", rows[:-1])
    assert build_site(data, site)
    assert "移出名单的医院（1 家）" in (site / "changes" / "index.html").read_text(encoding="utf-8")


def test_previous_must_be_a_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(GOOD), "--site-dir", str(tmp_path / "site"), "--previous", str(tmp_path / "nope")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert f"--previous {tmp_path / 'nope'}: is not a folder" in result.stderr
    assert not (tmp_path / "site").exists()
