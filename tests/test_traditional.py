"""The 繁體 mirror (generator/traditional.py): what is converted, and what must stay as it is."""

from __future__ import annotations

import json
from pathlib import Path

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
