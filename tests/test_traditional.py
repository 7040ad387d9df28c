"""The 繁體 mirror (generator/traditional.py): what is converted, and what must stay as it is."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.traditional import MIRROR, build_mirror

PRESET = {  # the shape of policy-presets.json; made up, not any place's policy
    "id": "staff-retired", "group": "jining", "name": "济宁市（职工医保）", "region_code": "370800",
    "scheme": "职工医保", "person_type": "退休", "hospital_level": "不区分",
    "policy": {"deductible": 800.0, "bands": [{"from": 0.0, "to": None, "ratio": 0.9}], "band_basis": "absolute",
               "annual_cap": 300000.0},
    "reduction_referral": 0.1, "reduction_temporary": 0.2, "reduction_mode": "points",
    "note": "退休人员支付比例较高，以参保地经办机构为准", "source": "济宁市医疗保障局关于调整待遇的通知", "as_of": "2024-01-01",
}


def _mirror_presets(site: Path) -> list[dict]:
    [path] = (site / MIRROR / "assets" / "data").glob("policy-presets.*.json")  # named by content hash
    return json.loads(path.read_text(encoding="utf-8"))


def test_presets_text_is_converted_and_codes_and_numbers_are_not(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "data").mkdir(parents=True)
    (site / "assets" / "data" / "policy-presets.0123456789ab.json").write_text(json.dumps([PRESET], ensure_ascii=False), encoding="utf-8")
    build_mirror(site)
    [mirrored] = _mirror_presets(site)
    assert mirrored["name"] == "濟寧市（職工醫保）"
    assert mirrored["note"] == "退休人員支付比例較高，以參保地經辦機構爲準"
    assert mirrored["source"] == "濟寧市醫療保障局關於調整待遇的通知"
    # The estimator matches these against its own simplified values (ANY = "不区分"): codes, not text.
    unchanged = {key: value for key, value in PRESET.items() if key not in ("name", "note", "source")}
    assert {key: mirrored[key] for key in unchanged} == unchanged
    assert set(mirrored) == set(PRESET)


def test_built_mirror_estimator_gets_traditional_presets(built_site):
    [path] = (built_site / "assets" / "data").glob("policy-presets.*.json")
    simplified = json.loads(path.read_text(encoding="utf-8"))
    traditional = _mirror_presets(built_site)
    assert [p["id"] for p in traditional] == [p["id"] for p in simplified]
    assert traditional[0]["name"] == "示例（易曉保手冊中的老張）"
    assert traditional[0]["note"].startswith("示例（易曉保手冊中的老張）：用於理解計算方法，不是任何地區的真實政策")
    assert traditional[0]["policy"] == simplified[0]["policy"]


def test_script_map_covers_what_scripts_write_and_only_what_changes(tmp_path):
    from generator.traditional import script_map

    (tmp_path / "hospitals" / "data" / "abc" / "cells").mkdir(parents=True)
    (tmp_path / "hospitals" / "data" / "abc" / "cells" / "0.json").write_text('{"names":["济宁医院"]}', encoding="utf-8")
    (tmp_path / "assets" / "javascripts" / "lib").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "lib" / "a.mjs").write_text('const m = "请填写"', encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>发</p>", encoding="utf-8")  # pages are converted whole, not here
    pairs = script_map(tmp_path)
    mapping = dict(zip(pairs[::2], pairs[1::2]))
    assert mapping == {"济": "濟", "宁": "寧", "医": "醫", "请": "請", "写": "寫"}


def test_script_map_is_named_by_its_content_and_every_page_names_it(tmp_path):
    import hashlib

    from generator.traditional import build_mirror

    site = _shared_site(tmp_path)
    (site / "assets" / "data" / "places").mkdir(parents=True)
    (site / "assets" / "data" / "places" / "x.json").write_text('{"name":"济宁市"}', encoding="utf-8")  # data pages fetch
    build_mirror(site)
    [script_map] = (site / "zh-Hant" / "assets" / "data").glob("s2t.*.json")
    text = script_map.read_text(encoding="utf-8")
    assert script_map.name == f"s2t.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.json"
    assert "济濟" in json.loads(text)  # place names from assets/data/ are covered too
    assert not (site / "zh-Hant" / "assets" / "data" / "s2t.json").exists()
    pages = [p.read_text(encoding="utf-8") for p in (site / "zh-Hant").rglob("*.html")]
    whole = [html for html in pages if "<html" in html]  # the fixture's other pages are fragments
    assert whole and all(f'<html lang="zh-Hant" data-app-s2t="{script_map.name}"' in html for html in whole)


SHARED_PAGE = """<html lang="zh-CN"><body>
<section data-app-hospital-lookup data-manifest="data/abc/manifest.json"></section>
<a href="downloads/370000.csv">下载</a>
<a href="../offices/vcf/sz-futian.vcf" download="福田分局.vcf">保存到通讯录</a>
<a href="370000/">山东省</a>
<a href="tel:+8675582978745">电话</a>
<a href="downloads/missing.csv">不存在</a>
</body></html>"""


def _shared_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for name, text in {
        "hospitals/index.html": SHARED_PAGE,
        "hospitals/370000/index.html": "<p>山东省</p>",
        "hospitals/data/abc/manifest.json": "{}",
        "hospitals/data/abc/cells/0.json": '{"names":["济宁医院"]}',
        "hospitals/downloads/370000.csv": "id,name\n",
        "offices/vcf/sz-futian.vcf": "BEGIN:VCARD\r\n",
        "assets/javascripts/site.js": "// 繁体",
        "assets/data/policy-presets.json": "[]",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.mark.parametrize("mirrored,copied", [
    ("hospitals/data/abc/manifest.json", False),  # search files: one copy, in the simplified site
    ("hospitals/data/abc/cells/0.json", False),
    ("hospitals/downloads/370000.csv", False),
    ("offices/vcf/sz-futian.vcf", False),
    ("assets/javascripts/site.js", True),  # scripts find the mirror's s2t.json next to them
    ("hospitals/370000/index.html", True),
])
def test_data_files_are_stored_once(tmp_path, mirrored, copied):
    site = _shared_site(tmp_path)
    build_mirror(site)
    assert (site / MIRROR / mirrored).exists() is copied


@pytest.mark.parametrize("link,target", [
    ('data-manifest="../../hospitals/data/abc/manifest.json"', "hospitals/data/abc/manifest.json"),
    ('href="../../hospitals/downloads/370000.csv"', "hospitals/downloads/370000.csv"),
    ('href="../../offices/vcf/sz-futian.vcf"', "offices/vcf/sz-futian.vcf"),
    ('href="370000/"', "zh-Hant/hospitals/370000/index.html"),  # pages stay in the mirror
    ('href="tel:+8675582978745"', None),
    ('href="downloads/missing.csv"', None),  # no such file: left as it was
])
def test_mirror_pages_link_to_the_one_copy(tmp_path, link, target):
    site = _shared_site(tmp_path)
    build_mirror(site)
    html = (site / MIRROR / "hospitals" / "index.html").read_text(encoding="utf-8")
    assert link in html
    if target:
        assert (site / target).is_file()


def test_built_mirror_stores_no_data_file_twice(built_site):
    from generator.traditional import SHARED

    assert not [p for p in SHARED if (built_site / MIRROR / p).exists()]
    page = (built_site / MIRROR / "hospitals" / "index.html").read_text(encoding="utf-8")
    manifest = re.search(r'data-manifest="([^"]+)"', page)[1]
    assert manifest.startswith("../../hospitals/data/")
    assert (built_site / MIRROR / "hospitals" / manifest).resolve().is_file()
