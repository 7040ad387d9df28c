"""Estimator core: the Python reference and the JS module against the shared vectors, the CLI, and properties."""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import ROOT
from generator.estimator import EstimateError, estimate, run_cli, validate

VECTORS = json.loads((ROOT / "tests" / "vectors" / "estimator.json").read_text(encoding="utf-8"))
JS_RUNNER = ROOT / "tests" / "js" / "run_estimator_vectors.mjs"
AMOUNT_KEYS = ("eligible", "deductible_applied", "basic_fund", "serious_illness_fund", "fund_total", "patient_pays")
SEED = next(v["input"] for v in VECTORS if v["name"] == "seed_002_example")


def _python(data) -> dict:
    """The Python result in the vectors' shape: the output, or {"errors": [...]}."""
    try:
        return estimate(data)
    except EstimateError as exc:
        return {"errors": exc.errors}


def _javascript(inputs: list) -> list:
    """Results of the JS module for a batch of inputs, in one Node process."""
    node = shutil.which("node")
    assert node, "node is required: the JS estimator must be checked against the Python reference"
    done = subprocess.run(
        [node, str(JS_RUNNER)], input=json.dumps(inputs), capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(done.stdout)


def _fen(amount) -> int:
    """A yuan amount as exact integer fen; fails when it is not a whole number of fen."""
    fen = Decimal(repr(amount)) * 100
    assert fen == fen.to_integral_value(), f"{amount} is not a whole number of fen"
    return int(fen)


# ---------------------------------------------------------------- shared vectors


def test_vectors_cover_the_contract():
    """The vector file keeps the cases the contract asks for; a deletion is caught here."""
    names = {v["name"] for v in VECTORS}
    assert len(names) == len(VECTORS), "vector names must be unique"
    required = {
        "seed_002_example", "bands_absolute_with_deductible", "bands_above_deductible", "annual_cap_reached",
        "fund_used_near_cap", "fund_used_above_cap", "points_referral_10", "points_temporary_20", "pay_first_20",
        "points_clamped_at_zero", "serious_illness_absolute_with_basic_cap",
        "serious_illness_above_threshold_cap_reached", "rounding_exactly_half_fen", "out_of_catalog_and_class_b",
        "deductible_larger_than_eligible_absolute", "zero_bill", "no_filing_same_arithmetic_with_warning",
        "negative_total", "non_numeric_string_total", "three_decimals", "exclusions_exceed_total", "ratio_above_one",
        "ratio_below_zero", "overlapping_bands", "band_from_above_to", "unknown_band_basis", "unknown_filing_type",
        "unknown_reduction_mode", "reduction_value_above_one", "negative_fund_used", "missing_top_level",
    }
    assert required <= names


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_python_matches_vector(vector):
    """The Python reference gives exactly the expected output or errors (fields and messages)."""
    assert _python(vector["input"]) == vector["expected"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_validate_agrees_with_estimate(vector):
    """validate() lists the same errors estimate() raises, and nothing for valid input."""
    assert validate(vector["input"]) == vector["expected"].get("errors", [])


@pytest.fixture(scope="module")
def js_results() -> dict:
    """JS results for every vector, from a single Node run."""
    return dict(zip([v["name"] for v in VECTORS], _javascript([v["input"] for v in VECTORS]), strict=True))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_javascript_matches_python_and_vector(vector, js_results):
    """The JS module agrees with the Python reference and the vector, labels and messages included."""
    assert js_results[vector["name"]] == _python(vector["input"]) == vector["expected"]


def test_seed_002_worked_example():
    """Seed 002: a 25,000-yuan stay at 70% leaves 7,500 to the patient and 17,500 to the fund."""
    result = estimate(SEED)
    assert (result["patient_pays"], result["fund_total"]) == (7500, 17500)


# ---------------------------------------------------------------- Python-only inputs


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize(
    ("path", "field"),
    [(("bill", "total"), "bill.total"), (("policy", "bands", 0, "ratio"), "policy.bands[0].ratio")],
    ids=["money", "ratio"],
)
def test_non_finite_numbers_are_rejected(bad, path, field):
    """NaN and infinities (Python's json accepts them, JSON does not) name the field."""
    data = copy.deepcopy(SEED)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad
    with pytest.raises(EstimateError) as caught:
        estimate(data)
    assert [e["field"] for e in caught.value.errors] == [field]


def test_decimal_input_is_exact():
    """Decimal money from Python callers is read exactly; a third decimal is still rejected."""
    data = copy.deepcopy(SEED)
    data["bill"]["total"] = Decimal("0.05")
    data["policy"]["bands"][0]["ratio"] = Decimal("0.5")
    assert estimate(data)["basic_fund"] == 0.03
    data["bill"]["total"] = Decimal("0.050000000000000000000000000000001")
    assert [e["field"] for e in validate(data)] == ["bill.total"]


def test_estimate_does_not_change_its_input():
    """The caller's dict is left as it was."""
    data = copy.deepcopy(VECTORS[0]["input"])
    estimate(data)
    assert data == VECTORS[0]["input"]


def test_error_text_names_every_field():
    """str(EstimateError) lists each field, so a log line is enough to fix the input."""
    with pytest.raises(EstimateError) as caught:
        estimate({"bill": {"total": -1}, "policy": {}, "filing": {"type": "x"}})
    text = str(caught.value)
    for field in ("bill.total", "policy.deductible", "policy.bands", "policy.band_basis", "filing.type"):
        assert field in text


# ---------------------------------------------------------------- CLI


def _cli(text: str) -> tuple[int, str, str]:
    """Run run_cli on text; returns (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_cli(io.StringIO(text), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def test_cli_writes_result_with_sorted_keys():
    """Valid input: exit 0, the estimate as JSON with sorted keys and readable Chinese, nothing on stderr."""
    code, out, err = _cli(json.dumps(SEED))
    assert (code, err) == (0, "")
    assert json.loads(out) == estimate(SEED)
    assert out == json.dumps(estimate(SEED), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert "医疗总费用" in out


def test_cli_reports_invalid_input():
    """Invalid input: exit 2, {"errors": [...]} on stdout and one "field: message" line per error on stderr."""
    data = copy.deepcopy(SEED)
    data["bill"]["total"] = -1
    data["filing"]["type"] = "x"
    code, out, err = _cli(json.dumps(data))
    assert code == 2
    errors = json.loads(out)["errors"]
    assert [e["field"] for e in errors] == ["bill.total", "filing.type"]
    assert err.splitlines() == [f"{e['field']}: {e['message']}" for e in errors]


@pytest.mark.parametrize("text", ["", "{", "{'bill': 1}", "[1,]"], ids=["empty", "unclosed", "single-quotes", "comma"])
def test_cli_rejects_malformed_json(text):
    """Text that is not JSON: exit 2 with an error on the whole input."""
    code, out, err = _cli(text)
    assert code == 2
    assert [e["field"] for e in json.loads(out)["errors"]] == ["input"]
    assert err.startswith("input: 输入不是合法的 JSON")


def test_cli_rejects_nan_literal():
    """Python's json reads NaN; the estimator still rejects it with the field named."""
    code, out, _err = _cli(json.dumps(SEED).replace('"total": 25000', '"total": NaN'))
    assert code == 2
    assert [e["field"] for e in json.loads(out)["errors"]] == ["bill.total"]


def test_python_m_generator_estimate():
    """The installed command reaches run_cli: exit 0 with the estimate, exit 2 on bad input."""
    command = [sys.executable, "-m", "generator", "estimate"]
    good = subprocess.run(command, input=json.dumps(SEED), capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["patient_pays"] == 7500
    bad = subprocess.run(command, input="{}", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2
    assert "bill: 请填写费用信息" in bad.stderr


# ---------------------------------------------------------------- properties

FEN = st.one_of(st.integers(0, 10_000), st.integers(0, 10**7), st.integers(0, 10**10))
RATIO = st.one_of(st.sampled_from([0, 5000, 7000, 9000, 10_000]), st.integers(0, 10_000))


def _yuan(fen: int):
    """Fen as the JSON number a client would send (an int when whole)."""
    return fen // 100 if fen % 100 == 0 else fen / 100


def _up_to(total: int):
    """Amounts on the scale of the bill (so deductibles, bands and caps bite), now and then beyond it."""
    return st.one_of(st.integers(0, max(1, total)), st.integers(0, max(1, total // 10)), FEN)


@st.composite
def band_lists(draw, total: int) -> list[dict]:
    """1-4 ordered, non-overlapping bands, sometimes with gaps, the last sometimes open."""
    bands, cursor = [], draw(st.sampled_from([0, 0, 0, max(1, total // 20)]))
    for _ in range(draw(st.integers(1, 4))):
        low = cursor + draw(st.sampled_from([0, 0, 0, max(1, total // 50)]))
        high = low + draw(st.integers(1, max(1, total // 2)))
        bands.append({"from": _yuan(low), "to": _yuan(high), "ratio": draw(RATIO) / 10_000})
        cursor = high
    if draw(st.booleans()):
        bands[-1]["to"] = None
    return bands


@st.composite
def serious_illness(draw, total: int) -> dict:
    """A serious-illness layer scaled to the bill."""
    return {
        "threshold": _yuan(draw(_up_to(total // 4))),
        "bands": draw(band_lists(total // 2)),
        "band_basis": draw(st.sampled_from(["absolute", "above_threshold"])),
        "cap": draw(st.one_of(st.none(), _up_to(total // 4).map(_yuan))),
    }


@st.composite
def valid_inputs(draw) -> dict:
    """Any valid estimator input."""
    total = draw(FEN)
    out_of_catalog = draw(st.integers(0, total // 2))
    class_b = draw(st.integers(0, (total - out_of_catalog) // 2))
    cap = draw(st.one_of(st.none(), _up_to(total)))
    used = draw(st.one_of(st.just(0), st.integers(0, cap or 1), _up_to(total)))
    points = st.builds(lambda v: {"mode": "points", "value": v / 10_000}, st.sampled_from([1000, 2000]) | RATIO)
    pay_first = st.builds(lambda v: {"mode": "pay_first", "value": v / 10_000}, st.sampled_from([1000, 2000]) | RATIO)
    return {
        "bill": {"total": _yuan(total), "out_of_catalog": _yuan(out_of_catalog), "class_b_copay": _yuan(class_b)},
        "policy": {
            "deductible": _yuan(draw(_up_to(total // 5))),
            "bands": draw(band_lists(total)),
            "band_basis": draw(st.sampled_from(["absolute", "above_deductible"])),
            "annual_cap": None if cap is None else _yuan(cap),
            "fund_used": _yuan(used),
        },
        "filing": {
            "type": draw(st.sampled_from(["long_term", "referral", "emergency", "temporary", "none"])),
            "reduction": draw(st.none() | points | pay_first),
        },
        "serious_illness": draw(st.none() | serious_illness(total)),
    }


JSON_JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=3), st.just([]), st.just({}), st.sampled_from([0.005, 1.5, -0.01, 1e-7, 1e9, "0.7"]),
)


def _leaf_paths(value, path=()):
    """Paths to every value inside a JSON document."""
    yield path
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _leaf_paths(child, (*path, key))


@st.composite
def perturbed_inputs(draw) -> dict:
    """A valid input with one value (or the whole input) replaced by something else."""
    data = draw(valid_inputs())
    path = draw(st.sampled_from(list(_leaf_paths(data))))
    if not path:
        return draw(JSON_JUNK)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = draw(JSON_JUNK)
    return data


@settings(max_examples=300, deadline=None)
@given(valid_inputs())
def test_estimate_properties(data):
    """Shares add up to the bill to the fen, nothing is negative, and caps hold."""
    result = estimate(data)
    fen = {key: _fen(result[key]) for key in AMOUNT_KEYS}
    steps = {s["key"]: _fen(s["amount"]) for s in result["steps"]}
    total = _fen(data["bill"]["total"])
    assert fen["fund_total"] + fen["patient_pays"] == total
    assert fen["basic_fund"] + fen["serious_illness_fund"] == fen["fund_total"]
    assert min(fen.values()) >= 0 and min(steps.values()) >= 0
    assert fen["patient_pays"] >= _fen(data["bill"]["out_of_catalog"]) + _fen(data["bill"]["class_b_copay"])
    assert fen["deductible_applied"] <= _fen(data["policy"]["deductible"])
    policy = data["policy"]
    if policy["annual_cap"] is not None:
        assert fen["basic_fund"] <= max(0, _fen(policy["annual_cap"]) - _fen(policy["fund_used"]))
    if data["serious_illness"] is not None:
        assert steps["serious_illness_base"] == fen["eligible"] - fen["basic_fund"]
        if data["serious_illness"]["cap"] is not None:
            assert fen["serious_illness_fund"] <= _fen(data["serious_illness"]["cap"])
    patient_parts = ("out_of_catalog", "class_b_copay", "pay_first", "deductible", "band_gap", "band_copay", "cap")
    assert sum(steps.get(key, 0) for key in patient_parts) == total - fen["basic_fund"], "the steps explain the total"


def test_javascript_agrees_on_generated_inputs():
    """About 200 generated inputs, valid and broken, give identical results in JS and Python (one Node run)."""
    batch = []

    # Drawing one list of 200 inputs is slow in Hypothesis; collecting single examples is fast.
    @settings(max_examples=200, deadline=None, database=None)
    @given(st.one_of(valid_inputs(), perturbed_inputs()))
    def collect(data):
        batch.append(data)

    collect()
    assert len(batch) >= 150
    for data, js in zip(batch, _javascript(batch), strict=True):
        assert js == _python(data), json.dumps(data, ensure_ascii=False)
