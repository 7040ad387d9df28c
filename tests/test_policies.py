"""Estimator presets: loading, every rule, and the JSON the page reads."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from generator.estimator import estimate
from generator.load import load_dataset, load_or_raise
from generator.policies import parse_bands, presets_json

ROOT = Path(__file__).resolve().parent.parent


def _data_with_policies(tmp_path: Path, **changes: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "good-data", data)
    shutil.copy(ROOT / "data" / "policies.csv", data / "policies.csv")
    if changes:
        rows = list(csv.reader((data / "policies.csv").open(encoding="utf-8")))
        for column, value in changes.items():
            rows[1][rows[0].index(column)] = value
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
    ("bands", "七成", 'column "bands": "七成" has "七成", which is not a band like 0-30000:0.85 (an open end: 30000-:0.90)'),
    ("bands", "5000-1000:0.8", 'column "bands": "5000-1000:0.8" has "5000-1000:0.8", whose end is not above its start'),
    ("reduction_referral", "0.15", 'column "reduction_referral": "0.15" is not between 0 and 0.10: 医保发〔2022〕22号 allows at most 10 points for referral and emergency'),
    ("reduction_temporary", "0.25", 'column "reduction_temporary": "0.25" is not between 0 and 0.20: 医保发〔2022〕22号 allows at most 20 points for other temporary trips'),
    ("deductible", "1,000", 'column "deductible": "1,000" is not a non-negative number (digits, at most 4 decimals, no commas)'),
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


def test_parse_bands_reads_open_and_closed_bands():
    assert parse_bands("0-30000:0.85；30000-:0.9") == (
        [{"from": 0.0, "to": 30000.0, "ratio": 0.85}, {"from": 30000.0, "to": None, "ratio": 0.9}], None)


def test_presets_file_is_optional(tmp_path):
    data = _data_with_policies(tmp_path)
    (data / "policies.csv").unlink()
    assert load_or_raise(data).policies == ()


def test_built_site_ships_the_presets(built_site):
    import json

    presets = json.loads((built_site / "assets" / "data" / "policy-presets.json").read_text(encoding="utf-8"))
    assert [p["id"] for p in presets] == ["example-laozhang"]
    assert presets[0]["policy"]["bands"] == [{"from": 0.0, "to": None, "ratio": 0.7}]
