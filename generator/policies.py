"""Estimator presets (data/policies.csv): the insured place's 三条线 with their source and date.

Each row is one combination of scheme, person type and hospital level for a region (`group`);
the estimator page lets people pick the row that fits them. Only numbers a source states go in.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

from .models import GRADES, PolicyPreset, Source

# 医保发〔2022〕22号: the payment ratio of people away without long-term filing may be lowered by at
# most 10 percentage points (referral, emergency) or 20 points (other temporary trips). Keyed by the
# estimator's filing types; the build writes them into the estimator page (hooks.on_config), whose
# form applies them to what people type.
MAX_REDUCTION_POINTS = {"referral": 10, "emergency": 10, "temporary": 20}
MAX_REDUCTION_REFERRAL = MAX_REDUCTION_POINTS["referral"] / 100
MAX_REDUCTION_TEMPORARY = MAX_REDUCTION_POINTS["temporary"] / 100
SCHEMES = ("职工医保", "城乡居民医保", "不区分")
PERSON_TYPES = ("在职", "退休", "不区分")
HOSPITAL_LEVELS = (*reversed(GRADES), "不区分")  # 一级, 二级, 三级: the grades of models.GRADES
BAND_BASES = ("absolute", "above_deductible")
_AMOUNT = r"\d+(?:\.\d{1,2})?"  # yuan, to the fen: the estimator core takes no more decimals
_BAND = re.compile(rf"({_AMOUNT})-({_AMOUNT})?:(\d+(?:\.\d{{1,4}})?)")


def parse_bands(text: str) -> tuple[list[dict], str | None]:
    """"0-30000:0.85;30000-:0.90" -> bands, or an error message saying what is wrong."""
    bands: list[dict] = []
    for part in [p.strip() for p in text.replace("；", ";").split(";") if p.strip()]:
        match = _BAND.fullmatch(part.replace(" ", ""))
        if not match:
            return [], f'has "{part}", which is not a band like 0-30000:0.85 (yuan to the fen, ratio to 4 decimals; an open end: 30000-:0.90)'
        low, high, ratio = float(match[1]), float(match[2]) if match[2] else None, float(match[3])
        if not 0 <= ratio <= 1:
            return [], f"has ratio {match[3]}, which is not between 0 and 1"
        if high is not None and high <= low:
            return [], f'has "{part}", whose end is not above its start'
        if bands and (bands[-1]["to"] is None or low < bands[-1]["to"]):
            return [], f'has "{part}", which overlaps the band before it'
        bands.append({"from": low, "to": high, "ratio": ratio})
    if not bands:
        return [], "has no band"
    return bands, None


def _number(text: str) -> float | None:
    """The cell as a number; None when empty or already reported as invalid by the loader."""
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _reduction_problems(c: dict[str, str], bands: list[dict]) -> list[tuple[str, str]]:
    """(column, rule) for reductions beyond 医保发〔2022〕22号 or without a mode."""
    given = [(column, limit, why) for column, limit, why in (
        ("reduction_referral", MAX_REDUCTION_REFERRAL, "referral and emergency"),
        ("reduction_temporary", MAX_REDUCTION_TEMPORARY, "other temporary trips"),
    ) if _number(c[column]) is not None]
    mode = c["reduction_mode"]
    if given and not mode:
        return [("reduction_mode", f"is required when {given[0][0]} is given (points or pay_first)")]
    highest = max((Decimal(str(b["ratio"])) for b in bands), default=Decimal(0))
    problems = []
    for column, limit, why in given:
        value = Decimal(c[column])
        ceiling = f"医保发〔2022〕22号 allows at most {int(limit * 100)} points for {why}"
        if mode == "points" and value > Decimal(str(limit)):
            problems.append((column, f"is not between 0 and {limit:.2f}: {ceiling}"))
        elif mode == "pay_first" and value > 1:
            problems.append((column, "is not between 0 and 1 (the share of the eligible amount paid first)"))
        elif mode == "pay_first" and highest * value > Decimal(str(limit)):
            # Paying a share v first turns a ratio r into r x (1 - v): a drop of r x v points.
            drop = (highest * value * 100).normalize()
            problems.append((column, f"paid first lowers the highest ratio ({highest}) by {drop:f} points: {ceiling}"))
    return problems


def _group_problems(presets: list[tuple[int, PolicyPreset]]) -> list[tuple[int, str, str, str]]:
    """(row, column, value, rule) where rows of one group disagree or cannot be told apart."""
    problems = []
    first: dict[str, tuple[int, PolicyPreset]] = {}
    kinds: dict[tuple[str, str, str, str], int] = {}
    for row, p in presets:
        if p.group in first:
            row_1, p_1 = first[p.group]
            for column in ("name", "region_code"):
                if getattr(p, column) != getattr(p_1, column):
                    problems.append((row, column, getattr(p, column), f'differs from row {row_1}, the first of group "{p.group}" ("{getattr(p_1, column)}"): a group is one place'))
        else:
            first[p.group] = (row, p)
        kind = (p.group, p.scheme, p.person_type, p.hospital_level)
        if kind in kinds:
            problems.append((row, "group", p.group, f"repeats row {kinds[kind]}: same scheme, person_type and hospital_level, so the page could not tell them apart"))
        else:
            kinds[kind] = row
    return problems


def build_presets(rows, file: str, add) -> list[PolicyPreset]:
    """Rows already cell-checked by the loader -> presets; add(file, row, column, value, rule) reports."""
    presets = []
    for row, c in rows:
        bands, problem = parse_bands(c["bands"])
        if problem:
            add(file, row, "bands", c["bands"], problem)
        for column in ("deductible", "annual_cap"):
            if c[column] and _number(c[column]) is not None and not re.fullmatch(_AMOUNT, c[column]):
                add(file, row, column, c[column], "has more than 2 decimals: amounts are in yuan, to the fen")
        for column, rule in _reduction_problems(c, bands):
            add(file, row, column, c[column], rule)
        presets.append((row, PolicyPreset(
            id=c["id"], group=c["group"], name=c["name"], region_code=c["region_code"], scheme=c["scheme"],
            person_type=c["person_type"], hospital_level=c["hospital_level"], deductible=_number(c["deductible"]) or 0.0,
            bands=tuple(bands), band_basis=c["band_basis"], annual_cap=_number(c["annual_cap"]),
            reduction_referral=_number(c["reduction_referral"]), reduction_temporary=_number(c["reduction_temporary"]),
            reduction_mode=c["reduction_mode"] or None, note=c["note"], source=Source(c["source"], c["as_of"]),
        )))
    for row, column, value, rule in _group_problems(presets):
        add(file, row, column, value, rule)
    return [p for _, p in presets]


def presets_json(presets) -> list[dict]:
    """All presets for the page, in a stable order."""
    return [p.as_json() for p in sorted(presets, key=lambda p: (p.group, p.id))]


def presets_file(text: str) -> str:
    """Site path of the presets file, named by a hash of its content (as the hospital shards are), so
    a service worker that still holds last release's file never serves it for this release's page."""
    return f"assets/data/policy-presets.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}.json"

