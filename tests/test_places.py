"""The journey page's places file (generator/places.py): every province and city, counts, offices, hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import regions
from generator.load import load_or_raise
from generator.places import build_places, places_file
from generator.policies import MAX_REDUCTION_POINTS

GOOD = Path(__file__).parent / "fixtures" / "good-data"


@pytest.fixture(scope="module")
def places() -> dict:
    return build_places(load_or_raise(GOOD))


@pytest.fixture(scope="module")
def by_code(places) -> dict[str, dict]:
    return {p["code"]: p for p in places["places"]}


def test_every_province_and_city_of_the_table(by_code):
    expected = {
        code for code, r in regions.table().items()
        if r.level == "city" or (r.level == "province" and any(c.parent == code for c in regions.table().values() if c.level == "city"))
    }
    assert set(by_code) == expected
    assert len(expected) > 350  # 31 provinces and 330+ prefecture-level cities


@pytest.mark.parametrize("code,field,value", [
    ("370800", "hospitals", {"住院": 2, "普通门诊": 1}),  # syn-1: 住院;普通门诊, syn-2: 住院
    ("440300", "hospitals", {"门诊慢特病": 1}),
    ("370800", "asOf", "2024-01-01"),
    ("370100", "hospitals", {}),  # 济南: nothing listed
    ("440300", "offices", True),  # the fixture's branch serves a 深圳 district: /offices/440300/
    ("440300", "pinyin", "shen zhen shi"),
    ("370800", "pinyin", "ji ning shi"),
    ("370000", "cities", 16),
    ("110100", "name", "北京市"),
    ("429000", "name", "湖北省直辖县级行政区"),  # counties under the province, not a city named 湖北省
    ("500100", "name", "重庆市"),
    ("500200", "name", "重庆市直辖县级行政区"),  # 重庆's counties, named apart from its districts
])
def test_place_fields(by_code, code, field, value):
    assert by_code[code][field] == value


@pytest.mark.parametrize("code", ["370800", "370000", "110000"])
def test_no_office_page_no_flag(by_code, code):
    assert "offices" not in by_code[code]


def test_hotlines_and_list_date(places):
    assert [phone[0] for hotline in places["hotlines"] for phone in hotline["phones"]] == ["12333"]
    assert all(h["source"] and h["asOf"] for h in places["hotlines"])
    assert places["asOf"] == "2024-01-01"
    assert places["services"] == ["住院", "普通门诊", "门诊慢特病"]


def test_cut_ceilings_come_from_the_one_declaration(places):
    # 医保发〔2022〕22号 notice part 2, declared once in policies.py; the JS fixture must say the same.
    assert places["maxReductionPoints"] == MAX_REDUCTION_POINTS == {"referral": 10, "emergency": 10, "temporary": 20}
    fixture = json.loads((Path(__file__).parent / "js" / "fixtures" / "journey" / "places.json").read_text(encoding="utf-8"))
    assert fixture["maxReductionPoints"] == MAX_REDUCTION_POINTS


def test_traditional_map_covers_place_names(places):
    pairs = places["t2s"]
    t2s = dict(zip(pairs[0::2], pairs[1::2]))
    assert t2s["寧"] == "宁" and t2s["廣"] == "广"


def test_file_name_is_a_hash_of_the_same_bytes_each_build():
    dataset = load_or_raise(GOOD)
    first, second = places_file(dataset), places_file(dataset)
    assert first == second
    path, data = first
    assert path.startswith("assets/data/places/") and path.endswith(".json")
    assert json.loads(data)["version"] == 1
