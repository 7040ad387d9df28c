"""Estimator presets: loading, every rule, and the JSON the page reads."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator import ROOT
from generator.estimator import estimate
from generator.load import load_dataset, load_or_raise
from generator.policies import parse_bands, presets_json


def _data_with_policies(tmp_path: Path, extra_rows: tuple[dict[str, str], ...] = (), **changes: str) -> Path:
    """The good fixture data with the shipped policies.csv; `changes` edit its first row, `extra_rows` add copies of it."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "good-data", data)
    shutil.copy(ROOT / "data" / "policies.csv", data / "policies.csv")
    if changes or extra_rows:
        rows = list(csv.reader((data / "policies.csv").open(encoding="utf-8")))
        header = rows[0]
        for column, value in changes.items():
            rows[1][header.index(column)] = value
        for extra in extra_rows:
            rows.append([extra.get(column, value) for column, value in zip(header, rows[1])])
        with (data / "policies.csv").open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    return data


def test_shipped_preset_reproduces_seed_002():
    (preset,) = load_or_raise(ROOT / "data").policies
    assert preset.source.text and preset.source.as_of
    out = estimate({"bill": {"total": 25000}, "policy": {**presets_json([preset])[0]["policy"], "fund_used": 0},
                    "filing": {"type": "long_term", "reduction": None}, "serious_illness": None})
    assert (out["fund_total"], out["patient_pays"]) == (17500, 7500)


CASES = [
    ("bands", "0-:1.2", 'column "bands": "0-:1.2" has ratio 1.2, which is not between 0 and 1'),
    ("bands", "0-30000:0.8;20000-:0.9", 'column "bands": "0-30000:0.8;20000-:0.9" has "20000-:0.9", which overlaps the band before it'),
    ("bands", "0-:0.8;30000-:0.9", 'column "bands": "0-:0.8;30000-:0.9" has "30000-:0.9", which overlaps the band before it'),
    ("bands", "七成", 'column "bands": "七成" has "七成", which is not a band like 0-30000:0.85 (yuan to the fen, ratio to 4 decimals; an open end: 30000-:0.90)'),
    ("bands", "nan-:0.7", 'column "bands": "nan-:0.7" has "nan-:0.7", which is not a band like 0-30000:0.85 (yuan to the fen, ratio to 4 decimals; an open end: 30000-:0.90)'),
    ("bands", "0-:0.123456", 'column "bands": "0-:0.123456" has "0-:0.123456", which is not a band like 0-30000:0.85 (yuan to the fen, ratio to 4 decimals; an open end: 30000-:0.90)'),
    ("bands", "5000-1000:0.8", 'column "bands": "5000-1000:0.8" has "5000-1000:0.8", whose end is not above its start'),
    ("deductible", "1,000", 'column "deductible": "1,000" is not a non-negative number (digits, at most 4 decimals, no commas)'),
    ("deductible", "1000.125", 'column "deductible": "1000.125" has more than 2 decimals: amounts are in yuan, to the fen'),
    ("annual_cap", "-5", 'column "annual_cap": "-5" is not a non-negative number (digits, at most 4 decimals, no commas)'),
    ("source", "", 'column "source": "" is required but empty'),
    ("as_of", "", 'column "as_of": "" is required but empty'),
    ("scheme", "公费", 'column "scheme": "公费" is not one of 职工医保, 城乡居民医保, 不区分'),
]


@pytest.mark.parametrize("column,value,expected", CASES, ids=[f"{c[0]}-{c[1] or 'empty'}" for c in CASES])
def test_each_preset_rule(tmp_path, column, value, expected):
    data = _data_with_policies(tmp_path, **{column: value})
    dataset, problems = load_dataset(data)
    assert dataset is None
    assert f"{data / 'policies.csv'}:2: {expected}" in [str(p) for p in problems]


# 医保发〔2022〕22号: at most 10 points for referral and emergency, 20 for other temporary trips.
# A share paid first lowers a ratio r by r x share, so 0.25 paid first under a highest ratio of 0.9 is 22.5 points.
REDUCTIONS = [
    ({"reduction_referral": "0.15", "reduction_mode": "points"},
     'column "reduction_referral": "0.15" is not between 0 and 0.10: 医保发〔2022〕22号 allows at most 10 points for referral and emergency'),
    ({"reduction_temporary": "0.25", "reduction_mode": "points"},
     'column "reduction_temporary": "0.25" is not between 0 and 0.20: 医保发〔2022〕22号 allows at most 20 points for other temporary trips'),
    ({"bands": "0-:0.9", "reduction_temporary": "0.25", "reduction_mode": "pay_first"},
     'column "reduction_temporary": "0.25" paid first lowers the highest ratio (0.9) by 22.5 points: 医保发〔2022〕22号 allows at most 20 points for other temporary trips'),
    ({"reduction_referral": "1.5", "reduction_mode": "pay_first"},
     'column "reduction_referral": "1.5" is not between 0 and 1 (the share of the eligible amount paid first)'),
    ({"reduction_temporary": "0.1"},
     'column "reduction_mode": "" is required when reduction_temporary is given (points or pay_first)'),
    ({"reduction_mode": "halve"}, 'column "reduction_mode": "halve" is not one of points, pay_first'),
]


@pytest.mark.parametrize("changes,expected", REDUCTIONS, ids=["points-referral", "points-temporary", "pay-first-drop", "pay-first-above-1", "no-mode", "unknown-mode"])
def test_reductions_respect_22(tmp_path, changes, expected):
    data = _data_with_policies(tmp_path, **changes)
    dataset, problems = load_dataset(data)
    assert dataset is None
    assert [str(p) for p in problems] == [f"{data / 'policies.csv'}:2: {expected}"]


@pytest.mark.parametrize("changes", [
    {"reduction_referral": "0.10", "reduction_temporary": "0.20", "reduction_mode": "points"},
    {"reduction_temporary": "0.25", "reduction_mode": "pay_first"},  # under a 70% ratio: 17.5 points
])
def test_reductions_within_22_are_accepted(tmp_path, changes):
    (preset,) = load_or_raise(_data_with_policies(tmp_path, **changes)).policies
    assert preset.reduction_mode == changes["reduction_mode"]


GROUP_CASES = [
    ({"id": "second"},
     'policies.csv:3: column "group": "example-laozhang" repeats row 2: same scheme, person_type and hospital_level, so the page could not tell them apart'),
    ({"id": "second", "scheme": "职工医保", "name": "别的名字"},
     'policies.csv:3: column "name": "别的名字" differs from row 2, the first of group "example-laozhang" ("示例（易晓保手册中的老张）"): a group is one place'),
]


@pytest.mark.parametrize("extra,expected", GROUP_CASES, ids=["same-kind-twice", "two-names"])
def test_rows_of_one_group_agree(tmp_path, extra, expected):
    data = _data_with_policies(tmp_path, extra_rows=(extra,))
    dataset, problems = load_dataset(data)
    assert dataset is None
    assert [str(p).removeprefix(f"{data}/") for p in problems] == [expected]


def test_a_group_may_hold_one_row_per_kind_of_person(tmp_path):
    data = _data_with_policies(tmp_path, extra_rows=({"id": "staff-retired", "scheme": "职工医保", "person_type": "退休"},))
    assert [p.id for p in load_or_raise(data).policies] == ["example-laozhang", "staff-retired"]


def test_parse_bands_reads_open_and_closed_bands():
    assert parse_bands("0-30000:0.85；30000-:0.9") == (
        [{"from": 0.0, "to": 30000.0, "ratio": 0.85}, {"from": 30000.0, "to": None, "ratio": 0.9}], None)


def test_presets_file_is_optional(tmp_path):
    data = _data_with_policies(tmp_path)
    (data / "policies.csv").unlink()
    assert load_or_raise(data).policies == ()


def test_built_site_ships_the_presets(built_site):
    import json

    [path] = (built_site / "assets" / "data").glob("policy-presets.*.json")  # named by content hash
    presets = json.loads(path.read_text(encoding="utf-8"))
    assert [p["id"] for p in presets] == ["example-laozhang"]
    assert presets[0]["policy"]["bands"] == [{"from": 0.0, "to": None, "ratio": 0.7}]
    assert presets[0]["name"] == "示例（易晓保手册中的老张）"
    assert presets[0]["note"].startswith("示例（易晓保手册中的老张）：用于理解计算方法，不是任何地区的真实政策")
    assert presets[0]["source"] == "人社部医疗保险异地结算管理中心《易晓保》问答“十问”第6问"


def test_built_estimator_page_carries_the_22_ceilings_declared_once(built_site):
    import html
    import json
    import re

    from generator.policies import MAX_REDUCTION_POINTS

    page = (built_site / "estimator" / "index.html").read_text(encoding="utf-8")
    carried = re.search(r"data-max-reduction-points='([^']*)'", page)
    assert carried and json.loads(html.unescape(carried.group(1))) == MAX_REDUCTION_POINTS
    assert f"转诊和急诊最多下调 {MAX_REDUCTION_POINTS['referral']} 个百分点，其他临时外出最多下调 {MAX_REDUCTION_POINTS['temporary']} 个百分点" in page
