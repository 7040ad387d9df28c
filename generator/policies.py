"""Estimator presets (data/policies.csv): the insured place's 三条线 with their source and date.

Each row is one combination of scheme, person type and hospital level for a region (`group`);
the estimator page lets people pick the row that fits them. Only numbers a source states go in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .models import Source

# 医保发〔2022〕22号: the payment ratio of people away without long-term filing may be lowered by at
# most 10 percentage points (referral, emergency) or 20 points (other temporary trips).
MAX_REDUCTION_REFERRAL = 0.10
MAX_REDUCTION_TEMPORARY = 0.20
SCHEMES = ("职工医保", "城乡居民医保", "不区分")
PERSON_TYPES = ("在职", "退休", "不区分")
HOSPITAL_LEVELS = ("一级", "二级", "三级", "不区分")
BAND_BASES = ("absolute", "above_deductible")


@dataclass(frozen=True)
class PolicyPreset:
    """The payment rules of one insured place for one kind of person and hospital."""

    id: str
    group: str
    name: str
    region_code: str
    scheme: str
    person_type: str
    hospital_level: str
    deductible: float
    bands: tuple[dict, ...]  # {"from", "to", "ratio"} as the estimator takes them
    band_basis: str
    annual_cap: float | None
    reduction_referral: float | None
    reduction_temporary: float | None
    note: str
    source: Source

    def as_json(self) -> dict:
        """What the estimator page needs, in the estimator's own field names."""
        return {
            "id": self.id, "group": self.group, "name": self.name, "region_code": self.region_code,
            "scheme": self.scheme, "person_type": self.person_type, "hospital_level": self.hospital_level,
            "policy": {"deductible": self.deductible, "bands": list(self.bands), "band_basis": self.band_basis,
                       "annual_cap": self.annual_cap},
            "reduction_referral": self.reduction_referral, "reduction_temporary": self.reduction_temporary,
            "note": self.note, "source": self.source.text, "as_of": self.source.as_of,
        }


def parse_bands(text: str) -> tuple[list[dict], str | None]:
    """"0-30000:0.85;30000-:0.90" -> bands, or an error message saying what is wrong."""
    bands: list[dict] = []
    for part in [p.strip() for p in text.replace("；", ";").split(";") if p.strip()]:
        span, sep, ratio_text = part.partition(":")
        low_text, dash, high_text = span.partition("-")
        try:
            if not sep or not dash:
                raise ValueError
            low = float(low_text)
            high = float(high_text) if high_text.strip() else None
            ratio = float(ratio_text)
        except ValueError:
            return [], f'has "{part}", which is not a band like 0-30000:0.85 (an open end: 30000-:0.90)'
        if not 0 <= ratio <= 1:
            return [], f"has ratio {ratio_text}, which is not between 0 and 1"
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


def build_presets(rows, file: str, add) -> list[PolicyPreset]:
    """Rows already cell-checked by the loader -> presets; add(file, row, column, value, rule) reports."""
    presets = []
    for row, c in rows:
        bands, problem = parse_bands(c["bands"])
        if problem:
            add(file, row, "bands", c["bands"], problem)
        for column, limit, why in (
            ("reduction_referral", MAX_REDUCTION_REFERRAL, "referral and emergency"),
            ("reduction_temporary", MAX_REDUCTION_TEMPORARY, "other temporary trips"),
        ):
            value = _number(c[column])
            if value is not None and not 0 <= value <= limit:
                add(file, row, column, c[column], f"is not between 0 and {limit:.2f}: 医保发〔2022〕22号 allows at most {int(limit * 100)} points for {why}")
        presets.append(PolicyPreset(
            id=c["id"], group=c["group"], name=c["name"], region_code=c["region_code"], scheme=c["scheme"],
            person_type=c["person_type"], hospital_level=c["hospital_level"], deductible=_number(c["deductible"]) or 0.0,
            bands=tuple(bands), band_basis=c["band_basis"], annual_cap=_number(c["annual_cap"]),
            reduction_referral=_number(c["reduction_referral"]), reduction_temporary=_number(c["reduction_temporary"]),
            note=c["note"], source=Source(c["source"], c["as_of"]),
        ))
    return presets


def presets_json(presets) -> list[dict]:
    """All presets for the page, in a stable order."""
    return [p.as_json() for p in sorted(presets, key=lambda p: (p.group, p.id))]


def policies_file(data_dir: Path) -> Path:
    return data_dir / "policies.csv"
