"""Hospital search files: normalisation, encodings, determinism, and the shards the JS tests read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import ROOT, search_index
from generator.load import load_or_raise
from generator.search import cells as search_cells
from generator.search_index import (
    build_search_files,
    chunk_of,
    decode_cells,
    encode_cells,
    keys_of,
    name_initials,
    normalize,
    place_pinyin,
    short_place_name,
    t2s_map,
)

SEARCH_DATA = Path(__file__).parent / "fixtures" / "search-data"
# What the build writes for SEARCH_DATA; tests/js/hospital-search.test.mjs loads it with the JS core.
SHARDS = Path(__file__).parent / "js" / "fixtures" / "hospital-search"


@pytest.fixture(scope="module")
def fixture_files():
    return build_search_files(load_or_raise(SEARCH_DATA))


def test_checked_in_shards_are_what_the_build_writes(fixture_files):
    """Build, then reload: the Node tests query these files, so they must be the build's own output."""
    files = {path[len(fixture_files.folder) + 1 :]: data for path, data in fixture_files.files.items()}
    if os.environ.get("UPDATE_SHARDS"):
        if SHARDS.exists():
            for old in sorted(SHARDS.rglob("*.json"), reverse=True):
                old.unlink()
        for path, data in files.items():
            (SHARDS / path).parent.mkdir(parents=True, exist_ok=True)
            (SHARDS / path).write_bytes(data)
    checked_in = {str(p.relative_to(SHARDS)): p.read_bytes() for p in sorted(SHARDS.rglob("*.json"))}
    assert checked_in == files, "search files changed: run UPDATE_SHARDS=1 python -m pytest tests/test_search_index.py"


def test_build_is_deterministic(fixture_files):
    again = build_search_files(load_or_raise(SEARCH_DATA))
    assert again.files == fixture_files.files
    assert again.manifest == fixture_files.manifest


def test_files_are_sorted_compact_json(fixture_files):
    for path, data in fixture_files.files.items():
        value = json.loads(data)
        assert data == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(), path


def test_no_search_file_holds_anything_but_the_hospital_fields(fixture_files):
    text = b"".join(fixture_files.files.values()).decode()
    assert "SYNTHETIC" not in text and "齐鲁晚报" not in text, "sources stay on the pages and in the CSV, not in shards"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("济宁市第一人民医院", "济宁市第一人民医院"),
        ("深圳市ＡＢＣ口腔医院（２号院）", "深圳市abc口腔医院2号院"),  # full-width -> half-width, punctuation out
        ("濟寧醫學院", "济宁医学院"),  # traditional -> simplified through the map
        ("Jining  Shi-1", "jiningshi1"),
        ("<script>", "script"),
        ("%", ""),
        ("", ""),
    ],
)
def test_normalize(text, expected):
    t2s = {"濟": "济", "寧": "宁", "醫": "医", "學": "学"}
    assert normalize(text, t2s) == expected


def test_t2s_map_covers_traditional_forms_and_leaves_characters_in_names_alone():
    mapping = t2s_map(set("济宁医学院附属乾县卫生"))
    assert mapping["濟"] == "济" and mapping["寧"] == "宁" and mapping["醫"] == "医" and mapping["屬"] == "属"
    assert mapping["衞"] == "卫" and mapping["衛"] == "卫"  # Hong Kong and Taiwan variants
    assert "乾" not in mapping, "乾 occurs in 乾县, so it must find itself, not 干"
    assert all(s in set("济宁医学院附属乾县卫生") for s in mapping.values())


@pytest.mark.parametrize(
    "name,expected",
    [("六安市", "lu|liu an shi"), ("重庆市", "chong|zhong qing shi"), ("济宁市", "ji ning shi"), ("番禺区", "pan|fan yu qu")],
)
def test_place_pinyin_reads_the_name_as_a_phrase(name, expected):
    assert place_pinyin(name, {}) == expected


READINGS = {"金": ["jin"], "乡": ["xiang"], "县": ["xian"], "人": ["ren"], "民": ["min"], "医": ["yi"],
            "院": ["yuan"], "长": ["zhang", "chang"], "城": ["cheng"], "六": ["liu", "lu"], "安": ["an"], "市": ["shi"],
            "北": ["bei"], "京": ["jing"], "协": ["xie"], "和": ["he", "hu"], "1": ["1"]}


@pytest.mark.parametrize(
    "name,place,expected",
    [
        ("金乡县人民医院", "jin xiang xian", "jxxrmyy"),
        ("金乡县人民医院", "", "jxxrmyy"),
        ("六安市人民医院", "lu|liu an shi", "lasrmyy"),  # the place read as a phrase, its first reading
        ("北京协和医院", "bei jing", "bjxhyy"),  # the short form 北京 of 北京市
        ("长城医院", "", "zcyy"),  # no place: every character by its first reading
        ("长城医院", "chang", "ccyy"),  # the place's reading wins where the name starts with it
        ("金乡县1院", "jin xiang xian", "jxx1y"),  # digits read as themselves
        ("金乡县𠀀医院", "jin xiang xian", "jxx"),  # cut where a character has no Latin reading
        ("人民医院" * 4, "", "rmyyrmyyrmyy"),  # START_MAX_INITIALS
    ],
)
def test_name_initials_are_what_people_type(name, place, expected):
    assert name_initials(name, READINGS, place) == expected


def test_starts_files_hold_each_name_by_its_first_two_letters(fixture_files):
    files = {path[len(fixture_files.folder) + 1 :]: data for path, data in fixture_files.files.items()}
    manifest = json.loads(files["manifest.json"])
    starts = {path[len("starts/") : -len(".json")]: json.loads(data) for path, data in files.items() if path.startswith("starts/")}
    assert manifest["starts"] == " ".join(sorted(starts))
    for prefix, entries in starts.items():
        assert len(prefix) == 2 and all(key.startswith(prefix) and len(key) >= 3 for key in entries)
    assert "jxxrmyy" in starts["jx"] and "bjxhyy" in starts["bj"]  # 金乡县人民医院, 北京协和医院
    assert "jxrmyy" in starts["jx"] and "jndyrmyy" in starts["jn"]  # typed without 县 or 市: 金乡人民医院, 济宁第一人民医院


@pytest.mark.parametrize("name,short", [("济宁市", "济宁"), ("金乡县", "金乡"), ("县", "县"), ("内蒙古自治区", "内蒙古"), ("朝阳区", "朝阳")])
def test_short_place_name(name, short):
    assert short_place_name(name) == short


def test_keys_of_a_name_are_its_characters_and_bigrams():
    assert keys_of("济宁市") == {"济", "宁", "市", "济宁", "宁市"}


@given(st.lists(st.integers(min_value=0, max_value=2000), unique=True), st.integers(min_value=0, max_value=400))
def test_cell_lists_round_trip(cells, extra):
    cells = sorted(cells)
    total = (cells[-1] + 1 if cells else 0) + extra
    assert decode_cells(encode_cells(cells, total), total) == cells


# FNV-1a over UTF-16 code units, modulo a large prime; tests/js/hospital-search.test.mjs checks
# the same numbers, so Python and the browser put every key in the same chunk.
FNV_REFERENCE = {"济宁": 155403, "jns": 363570, "ji ning": 999350, "𠀀": 472461}


@pytest.mark.parametrize("key", FNV_REFERENCE)
def test_chunk_of_matches_the_reference_shared_with_js(key):
    assert chunk_of(key, 1000003) == FNV_REFERENCE[key]


def test_big_cities_are_split_along_district_lines(monkeypatch):
    monkeypatch.setattr(search_cells, "CELL_MAX_ROWS", 5)
    dataset = load_or_raise(ROOT / "data")
    cells = search_index.make_cells(dataset.hospitals)
    assert sum(len(c.hospitals) for c in cells) == 20
    assert all(c.city_code == "370800" for c in cells) and len(cells) > 1
    for cell in cells:
        districts = [h.district_code for h in cell.hospitals]
        assert districts == sorted(districts)
    boundaries = [(a.hospitals[-1].district_code, b.hospitals[0].district_code) for a, b in zip(cells, cells[1:])]
    assert all(x != y for x, y in boundaries), "a district is never split between two cells"


def test_a_level_the_source_does_not_give_is_empty_and_shown_as_unstated():
    jining = [h for h in load_or_raise(ROOT / "data").hospitals if h.city_code == "370800"]
    assert {h.level for h in jining} == {""}, "seed 004 gives no grade for Jining's 20 hospitals"
    assert {h.level_shown for h in jining} == {"来源未注明"}


@pytest.mark.parametrize(
    "levels,order",
    [
        (["未定级", "三级", "", "一级", "二级"], ["三级", "二级", "一级", "未定级", ""]),  # stated grades, then 未定级, then none
        (["", "三级"], ["三级", ""]),
    ],
)
def test_one_display_order_for_pages_downloads_and_cells(levels, order):
    from dataclasses import replace

    from generator.models import hospital_order
    from generator.open_data import download_path, render_downloads, whole_list_csv
    from generator.pages import group_by_city

    template = load_or_raise(SEARCH_DATA).hospitals[0]
    rows = [replace(template, id=f"row-{i}", level=level) for i, level in enumerate(levels)]
    assert [h.level for h in sorted(rows, key=hospital_order)] == order
    assert [h.level for h in search_index.make_cells(rows)[0].hospitals] == order
    assert [h.level for h in group_by_city(rows)[template.province_code][template.city_code]] == order
    dataset = load_or_raise(SEARCH_DATA)
    csv_text = whole_list_csv(render_downloads(replace(dataset, hospitals=tuple(rows)))[download_path()]).decode("utf-8-sig")
    assert [line.split(",")[5] for line in csv_text.splitlines()[1:]] == order
