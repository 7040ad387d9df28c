"""Settlement estimator core (Python reference); overrides/assets/javascripts/lib/estimator-core.mjs must agree.

Both implementations take the same JSON and return the same JSON; tests/vectors/estimator.json
pins the shared behaviour. Policy meanings: 起付线 (deductible), 支付比例 (band ratio),
最高支付限额 (annual cap), 大病保险 (serious-illness insurance). Under 医保发〔2022〕22号 the
treatment place's catalogue and the insured place's payment rules apply; this module only does
the arithmetic, the presets carry the numbers.

Calculation steps (the code marks them `# => n`):

1. Validate and convert: money to integer fen, ratios to integer 1/10000 units. Nothing below
   uses binary floating point.
2. Eligible amount E = total - out_of_catalog (全自费) - class_b_copay (乙类先行自付).
3. Reduction `pay_first`: the patient first pays P = value x E; the rest R = E - P takes the
   place of E in steps 4-6. Without pay_first, P = 0 and R = E.
4. Deductible applied D = min(deductible, R).
5. Bands. `absolute`: a band covers the part of R between its `from` and `to` that lies above D.
   `above_deductible`: a band covers the part of (R - D) between `from` and `to`. Reduction
   `points` lowers every band ratio by `value`, never below 0. Each band's fund share is rounded
   to the fen on its own. Gaps between bands and the part above the last `to` are paid by the
   patient (ratio 0) and shown as step `band_gap`.
6. Annual cap (basic fund only): basic = min(sum of band shares, max(0, annual_cap - fund_used)).
7. Serious illness (optional) on S = E - basic: the patient's whole in-catalogue burden after the
   basic fund, including the pay_first share and the deductible, excluding out_of_catalog and
   class_b_copay. `absolute`: bands cover the part of S above the threshold; `above_threshold`:
   bands cover (S - threshold). Points reductions do not apply here (22号 limits the basic
   insurance ratio). The cap is per estimate; earlier serious-illness payouts are not tracked.
8. fund_total = basic + serious illness; patient_pays = total - fund_total.

Decisions where the contract is silent:
- Rounding: half up to the fen, once per band share and once for the pay_first share; every
  other amount is an exact sum or difference of fen.
- Money must be a JSON number (a numeric string is rejected), 0 to 1亿元, at most 2 decimals;
  ratios 0 to 1 with at most 4 decimals. A number's decimals are those of its shortest
  round-trip text (Python repr, JavaScript String), so both sides judge the same double alike.
- Optional keys: out_of_catalog, class_b_copay and fund_used default to 0; annual_cap, band `to`,
  filing.reduction, serious_illness and its cap default to null. Unknown keys are rejected so a
  misspelt field is never silently ignored.
- Bands must be listed from low to high and must not overlap; only the last may have `to` null;
  gaps are allowed (see step 5).
- filing.type "none" (no 备案): same arithmetic, plus a first step `no_filing` whose amount is the
  whole bill the patient must advance before claiming back at the insured place.
- The 22号 ceilings on reductions (10 points for referral/emergency, 20 for other temporary
  trips) are policy data, not arithmetic: the presets must respect them; this core does not.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, TextIO

from .models import REDUCTION_MODES

MAX_YUAN = 100_000_000  # 1亿元: far above any single bill, keeps fen x ratio exact in JS doubles
MAX_BANDS = 20
FEN_SCALE = 2
RATIO_SCALE = 4
RATIO_ONE = 10**RATIO_SCALE
FILING_TYPES = ("long_term", "referral", "emergency", "temporary", "none")

MONEY_MESSAGE = "{name}必须是不小于 0 的数字，最多两位小数"
TOO_LARGE_MESSAGE = "{name}不能超过 1 亿元"
RATIO_MESSAGE = "{name}必须是 0 到 1 之间的数字，最多四位小数（例如 70% 写作 0.7）"
MISSING_MESSAGE = "请填写{name}"
NOT_OBJECT_MESSAGE = "{name}的格式不对，应为一个 JSON 对象"
UNKNOWN_KEY_MESSAGE = "无法识别的字段“{key}”，请检查拼写"
FILING_TYPE_MESSAGE = (
    "备案类型只能是 long_term（长期备案）、referral（转诊）、emergency（急诊）、"
    "temporary（其他临时外出就医）或 none（未备案）"
)
BAND_BASIS_MESSAGE = "分段计算方式只能是 absolute（按医保范围内费用分段）或 above_deductible（按超过起付线的部分分段）"
SI_BAND_BASIS_MESSAGE = (
    "大病保险分段计算方式只能是 absolute（按个人负担金额分段）或 above_threshold（按超过大病保险起付线的部分分段）"
)
REDUCTION_MODE_MESSAGE = "待遇降低方式只能是 points（报销比例降低若干百分点）或 pay_first（个人先行自付一定比例）"
INPUT_NOT_UTF8_MESSAGE = "输入不是 UTF-8 编码的文字"
TOO_DEEP_MESSAGE = "输入的 JSON 嵌套层数太多"
LONE_SURROGATE_MESSAGE = "含有无效的字符（不成对的 UTF-16 代理项），请删去"
BILL_SUM_MESSAGE = "目录外费用与乙类先行自付费用之和不能超过医疗总费用"

BILL_KEYS = ("total", "out_of_catalog", "class_b_copay")
POLICY_KEYS = ("deductible", "bands", "band_basis", "annual_cap", "fund_used")
FILING_KEYS = ("type", "reduction")
REDUCTION_KEYS = ("mode", "value")
SERIOUS_ILLNESS_KEYS = ("threshold", "bands", "band_basis", "cap")
BAND_KEYS = ("from", "to", "ratio")
ROOT_KEYS = ("bill", "policy", "filing", "serious_illness")
_SURROGATE = re.compile("[\ud800-\udfff]")
_REQUIRED = object()  # marks a key that has no default


class EstimateError(ValueError):
    """Invalid estimator input; `.errors` lists {field, message} for every problem found."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


# ---------------------------------------------------------------- numbers


def _digits_and_exponent(value: Any) -> tuple[int, int] | None:
    """Exact non-negative value as (digits, exponent), or None when it is not an allowed number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    # repr of a float is its shortest round-trip text, the same digits JavaScript's String() gives.
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number < 0:
        return None
    _sign, digits, exponent = number.as_tuple()
    return int("".join(map(str, digits)) or "0"), int(exponent)


def _to_units(value: Any, scale: int, maximum: int) -> tuple[int | None, str | None]:
    """Integer units (10**-scale) of a JSON number; the problem is None, "invalid" or "too_large"."""
    parts = _digits_and_exponent(value)
    if parts is None:
        return None, "invalid"
    digits, exponent = parts
    shift = exponent + scale
    if shift >= 0:
        units, remainder = digits * 10**shift, 0
    else:
        units, remainder = divmod(digits, 10**-shift)
    if units > maximum * 10**scale or (units == maximum * 10**scale and remainder):
        return None, "too_large"
    if remainder:
        return None, "invalid"
    return units, None


def _half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half up, for non-negative integers."""
    return (2 * numerator + denominator) // (2 * denominator)


def _yuan(fen: int) -> float:
    """Fen as a yuan number; int / int is correctly rounded, as JavaScript's division is."""
    return fen / 100


def _plain(units: int, scale: int) -> str:
    """Units as decimal text without trailing zeros: 3000000 fen -> "30000", 7050 (1/10000) -> "0.705"."""
    whole, fraction = divmod(units, 10**scale)
    text = str(fraction).rjust(scale, "0").rstrip("0")
    return f"{whole}.{text}" if text else str(whole)


def _percent(ratio: int) -> str:
    """A ratio in 1/10000 units as percent text: 7050 -> "70.5"."""
    return _plain(ratio, RATIO_SCALE - 2)


# ---------------------------------------------------------------- validation


class _Reader:
    """Walks raw input, converts it, and collects every problem with the field that has it."""

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []

    def fail(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def obj(self, value: Any, field: str, name: str, keys: tuple[str, ...]) -> dict | None:
        """The dict itself, after reporting unknown keys; None (reported) when not an object."""
        if not isinstance(value, dict):
            self.fail(field, NOT_OBJECT_MESSAGE.format(name=name))
            return None
        prefix = f"{field}." if field else ""
        for key in sorted(str(k) for k in value if str(k) not in keys):
            self.fail(prefix + key, UNKNOWN_KEY_MESSAGE.format(key=key))
        return value

    def number(self, parent: dict, key: str, field: str, name: str, kind: str, default: Any = _REQUIRED):
        """Money (kind "money") in fen or a ratio (kind "ratio") in 1/10000; None when invalid or null."""
        if key not in parent:
            if default is _REQUIRED:
                self.fail(field, MISSING_MESSAGE.format(name=name))
                return None
            return default
        value = parent[key]
        if value is None and default is None:
            return None
        if kind == "ratio":
            units, problem = _to_units(value, RATIO_SCALE, 1)
            if problem:
                self.fail(field, RATIO_MESSAGE.format(name=name))
            return units
        units, problem = _to_units(value, FEN_SCALE, MAX_YUAN)
        if problem:
            template = TOO_LARGE_MESSAGE if problem == "too_large" else MONEY_MESSAGE
            self.fail(field, template.format(name=name))
        return units

    def choice(self, parent: dict, key: str, field: str, name: str, allowed: tuple[str, ...], message: str):
        """A string from `allowed`; None (reported) otherwise."""
        if key not in parent:
            self.fail(field, MISSING_MESSAGE.format(name=name))
            return None
        value = parent[key]
        if not isinstance(value, str) or value not in allowed:
            self.fail(field, message)
            return None
        return value

    def bands(self, parent: dict, field: str, prefix: str) -> list[dict] | None:
        """Validated bands in fen and 1/10000 units; None when any band is invalid."""
        name = f"{prefix}报销分段"
        if "bands" not in parent:
            self.fail(field, MISSING_MESSAGE.format(name=name))
            return None
        raw = parent["bands"]
        if not isinstance(raw, list):
            self.fail(field, f"{name}必须是一个列表")
            return None
        if not raw or len(raw) > MAX_BANDS:
            self.fail(field, f"{name}至少要有一段" if not raw else f"{name}最多 {MAX_BANDS} 段")
            return None
        bands = [self.band(item, f"{field}[{i}]", f"{prefix}第 {i + 1} 段") for i, item in enumerate(raw)]
        if any(band is None for band in bands):
            return None
        return bands if self.band_order(bands, field, prefix) else None

    def band(self, raw: Any, field: str, name: str) -> dict | None:
        """One band {from, to, ratio}; None (reported) when invalid."""
        band = self.obj(raw, field, name, BAND_KEYS)
        if band is None:
            return None
        errors_before = len(self.errors)
        low = self.number(band, "from", f"{field}.from", f"{name}的起点", "money")
        high = self.number(band, "to", f"{field}.to", f"{name}的终点", "money", default=None)
        ratio = self.number(band, "ratio", f"{field}.ratio", f"{name}的报销比例", "ratio")
        if len(self.errors) > errors_before:
            return None
        if high is not None and high <= low:
            self.fail(f"{field}.to", f"{name}的终点必须大于起点")
            return None
        return {"from": low, "to": high, "ratio": ratio}

    def band_order(self, bands: list[dict], field: str, prefix: str) -> bool:
        """True when bands run from low to high without overlap; reports each offending pair."""
        ok = True
        for i in range(1, len(bands)):
            previous, current = bands[i - 1], bands[i]
            if previous["to"] is None:
                self.fail(f"{field}[{i - 1}].to", f"{prefix}只有最后一段可以不设终点")
                ok = False
            elif current["from"] < previous["to"]:
                message = f"{prefix}第 {i + 1} 段与第 {i} 段重叠：各段须从低到高排列，起点不能小于上一段的终点"
                self.fail(f"{field}[{i}].from", message)
                ok = False
        return ok


def _read_bill(reader: _Reader, root: dict) -> dict | None:
    """bill -> {total, out_of_catalog, class_b_copay} in fen."""
    if "bill" not in root:
        reader.fail("bill", MISSING_MESSAGE.format(name="费用信息"))
        return None
    bill = reader.obj(root["bill"], "bill", "费用信息", BILL_KEYS)
    if bill is None:
        return None
    total = reader.number(bill, "total", "bill.total", "医疗总费用", "money")
    out_of_catalog = reader.number(bill, "out_of_catalog", "bill.out_of_catalog", "目录外费用", "money", default=0)
    class_b = reader.number(bill, "class_b_copay", "bill.class_b_copay", "乙类先行自付费用", "money", default=0)
    if None in (total, out_of_catalog, class_b):
        return None
    if out_of_catalog + class_b > total:
        reader.fail("bill.out_of_catalog", BILL_SUM_MESSAGE)
        return None
    return {"total": total, "out_of_catalog": out_of_catalog, "class_b_copay": class_b}


def _read_policy(reader: _Reader, root: dict) -> dict | None:
    """policy -> deductible, bands, basis, cap and fund_used in fen / 1/10000 units."""
    if "policy" not in root:
        reader.fail("policy", MISSING_MESSAGE.format(name="医保政策"))
        return None
    policy = reader.obj(root["policy"], "policy", "医保政策", POLICY_KEYS)
    if policy is None:
        return None
    errors_before = len(reader.errors)
    result = {
        "deductible": reader.number(policy, "deductible", "policy.deductible", "起付线", "money"),
        "bands": reader.bands(policy, "policy.bands", ""),
        "band_basis": reader.choice(
            policy, "band_basis", "policy.band_basis", "分段计算方式", ("absolute", "above_deductible"), BAND_BASIS_MESSAGE
        ),
        "annual_cap": reader.number(policy, "annual_cap", "policy.annual_cap", "年度最高支付限额", "money", default=None),
        "fund_used": reader.number(policy, "fund_used", "policy.fund_used", "本年度医保已支付金额", "money", default=0),
    }
    return result if len(reader.errors) == errors_before else None


def _read_filing(reader: _Reader, root: dict) -> dict | None:
    """filing -> {type, reduction: None | {mode, value}}."""
    if "filing" not in root:
        reader.fail("filing", MISSING_MESSAGE.format(name="备案信息"))
        return None
    filing = reader.obj(root["filing"], "filing", "备案信息", FILING_KEYS)
    if filing is None:
        return None
    errors_before = len(reader.errors)
    kind = reader.choice(filing, "type", "filing.type", "备案类型", FILING_TYPES, FILING_TYPE_MESSAGE)
    reduction = None
    if filing.get("reduction") is not None:
        raw = reader.obj(filing["reduction"], "filing.reduction", "待遇降低设置", REDUCTION_KEYS)
        if raw is not None:
            mode = reader.choice(
                raw, "mode", "filing.reduction.mode", "待遇降低方式", REDUCTION_MODES, REDUCTION_MODE_MESSAGE
            )
            value = reader.number(raw, "value", "filing.reduction.value", "降低幅度", "ratio")
            reduction = {"mode": mode, "value": value}
    return {"type": kind, "reduction": reduction} if len(reader.errors) == errors_before else None


def _read_serious_illness(reader: _Reader, root: dict) -> dict | None:
    """serious_illness -> None or {threshold, bands, band_basis, cap}."""
    si = reader.obj(root["serious_illness"], "serious_illness", "大病保险设置", SERIOUS_ILLNESS_KEYS)
    if si is None:
        return None
    errors_before = len(reader.errors)
    result = {
        "threshold": reader.number(si, "threshold", "serious_illness.threshold", "大病保险起付线", "money"),
        "bands": reader.bands(si, "serious_illness.bands", "大病保险"),
        "band_basis": reader.choice(
            si,
            "band_basis",
            "serious_illness.band_basis",
            "大病保险分段计算方式",
            ("absolute", "above_threshold"),
            SI_BAND_BASIS_MESSAGE,
        ),
        "cap": reader.number(si, "cap", "serious_illness.cap", "大病保险最高支付限额", "money", default=None),
    }
    return result if len(reader.errors) == errors_before else None


def _read(data: Any) -> tuple[dict | None, list[dict[str, str]]]:
    """Convert raw input to fen / 1/10000 units; returns (parsed or None, errors)."""
    if not isinstance(data, dict):
        return None, [{"field": "input", "message": "输入必须是一个 JSON 对象"}]
    reader = _Reader()
    root = reader.obj(data, "", "输入", ROOT_KEYS)
    parsed = {
        "bill": _read_bill(reader, root),
        "policy": _read_policy(reader, root),
        "filing": _read_filing(reader, root),
        "serious_illness": None,
    }
    if root.get("serious_illness") is not None:
        parsed["serious_illness"] = _read_serious_illness(reader, root)
    return (None if reader.errors else parsed), reader.errors


def validate(data: Any) -> list[dict[str, str]]:
    """Every problem in the input as {field, message}; empty when estimate() will succeed."""
    return _read(data)[1]


# ---------------------------------------------------------------- calculation


def _step(key: str, label: str, fen: int) -> dict:
    """One line of the breakdown shown to the citizen."""
    return {"key": key, "label": label, "amount": _yuan(fen)}


def _portion(band: dict, floor: int, top: int) -> int:
    """Length of the band's range that lies between floor and top."""
    low = max(band["from"], floor)
    high = top if band["to"] is None else min(band["to"], top)
    return max(0, high - low)


def _range_text(band: dict, basis: str, line: str, base: str) -> str:
    """Plain-words range of a band, e.g. "费用在 0 至 30000 元之间的部分"; line names the 起付线, base the amount."""
    low = _plain(band["from"], FEN_SCALE)
    high = None if band["to"] is None else _plain(band["to"], FEN_SCALE)
    if band["from"] == 0 and high is None:
        return f"{line}以上的全部费用"
    if basis == "absolute":
        return f"{base}超过 {low} 元的部分" if high is None else f"{base}在 {low} 至 {high} 元之间的部分"
    return f"{line}以上累计超过 {low} 元的部分" if high is None else f"{line}以上累计 {low} 至 {high} 元的部分"


def _band_steps(
    bands: list[dict], basis: str, floor: int, top: int, prefix: str, key_prefix: str, points: int | None
) -> tuple[list[dict], list[int], list[int]]:
    """(steps, fund shares, portions) for each band; a share is rounded to the fen on its own."""
    steps, shares, portions = [], [], []
    for n, band in enumerate(bands, start=1):
        ratio = max(0, band["ratio"] - points) if points is not None else band["ratio"]
        portion = _portion(band, floor, top)
        share = _half_up(portion * ratio, RATIO_ONE)
        text = _range_text(band, basis, f"{prefix}起付线", "个人负担" if prefix else "费用")
        label = f"{prefix}第 {n} 段：{text}，{prefix or '医保'}支付 {_percent(ratio)}%"
        if points is not None:
            label += f"（原 {_percent(band['ratio'])}%，降低 {_percent(points)} 个百分点）"
        steps.append(_step(f"{key_prefix}band_{n}", label, share))
        shares.append(share)
        portions.append(portion)
    return steps, shares, portions


def _basic_fund(eligible: int, policy: dict, reduction: dict | None) -> tuple[int, int, list[dict]]:
    """(basic fund, deductible applied, steps) for steps 3-6."""
    steps = []
    pay_first = 0
    if reduction is not None and reduction["mode"] == "pay_first":  # => 3
        pay_first = _half_up(eligible * reduction["value"], RATIO_ONE)
        label = f"临时外出就医，个人先行自付医保范围内费用的 {_percent(reduction['value'])}%"
        steps.append(_step("pay_first", label, pay_first))
    remaining = eligible - pay_first
    deductible = min(policy["deductible"], remaining)  # => 4
    steps.append(_step("deductible", "起付线以下由个人支付", deductible))
    points = reduction["value"] if reduction is not None and reduction["mode"] == "points" else None
    if policy["band_basis"] == "absolute":  # => 5
        floor, top = deductible, remaining
    else:
        floor, top = 0, remaining - deductible
    band_steps, shares, portions = _band_steps(policy["bands"], policy["band_basis"], floor, top, "", "", points)
    steps += band_steps
    gap = (remaining - deductible) - sum(portions)
    if gap:
        steps.append(_step("band_gap", "不在任何报销分段内的部分，由个人支付", gap))
    steps.append(_step("band_copay", "分段内按比例由个人支付的部分", sum(portions) - sum(shares)))
    basic = sum(shares)
    if policy["annual_cap"] is not None:  # => 6
        room = max(0, policy["annual_cap"] - policy["fund_used"])
        capped = min(basic, room)
        steps.append(_step("cap", "超出年度最高支付限额、医保不再支付的部分", basic - capped))
        basic = capped
    steps.append(_step("basic_fund", "基本医保基金支付", basic))
    return basic, deductible, steps


def _serious_illness(burden: int, si: dict) -> tuple[int, list[dict]]:
    """(serious-illness fund, steps) for step 7, on the patient's in-catalogue burden."""
    steps = [_step("serious_illness_base", "大病保险计算基数：医保范围内仍由个人负担的费用", burden)]
    threshold = si["threshold"]
    steps.append(_step("serious_illness_threshold", "大病保险起付线以下不报销", min(threshold, burden)))
    if si["band_basis"] == "absolute":
        floor, top = threshold, burden
    else:
        floor, top = 0, max(0, burden - threshold)
    band_steps, shares, _portions = _band_steps(
        si["bands"], si["band_basis"], floor, top, "大病保险", "serious_illness_", None
    )
    steps += band_steps
    fund = sum(shares)
    if si["cap"] is not None:
        capped = min(fund, si["cap"])
        steps.append(_step("serious_illness_cap", "超出大病保险最高支付限额的部分", fund - capped))
        fund = capped
    steps.append(_step("serious_illness", "大病保险支付", fund))
    return fund, steps


def estimate(data: Any) -> dict:
    """Estimate fund and patient shares of one hospital bill; raises EstimateError on invalid input."""
    parsed, errors = _read(data)  # => 1
    if errors:
        raise EstimateError(errors)
    bill, policy, filing = parsed["bill"], parsed["policy"], parsed["filing"]
    steps = []
    if filing["type"] == "none":
        label = "未办理异地就医备案：不能在就医地直接结算，需先垫付全部费用，再回参保地申请报销；以下按所填政策估算"
        steps.append(_step("no_filing", label, bill["total"]))
    eligible = bill["total"] - bill["out_of_catalog"] - bill["class_b_copay"]  # => 2
    steps += [
        _step("total", "医疗总费用", bill["total"]),
        _step("out_of_catalog", "目录外费用（医保不报销，全部由个人支付）", bill["out_of_catalog"]),
        _step("class_b_copay", "乙类项目先行自付部分（由个人支付）", bill["class_b_copay"]),
        _step("eligible", "医保范围内费用", eligible),
    ]
    basic, deductible, basic_steps = _basic_fund(eligible, policy, filing["reduction"])  # => 3-6
    steps += basic_steps
    serious = 0
    if parsed["serious_illness"] is not None:  # => 7
        serious, si_steps = _serious_illness(eligible - basic, parsed["serious_illness"])
        steps += si_steps
    fund_total = basic + serious  # => 8
    patient = bill["total"] - fund_total
    steps += [_step("fund_total", "医保合计支付", fund_total), _step("patient_pays", "个人合计支付", patient)]
    return {
        "eligible": _yuan(eligible),
        "deductible_applied": _yuan(deductible),
        "basic_fund": _yuan(basic),
        "serious_illness_fund": _yuan(serious),
        "fund_total": _yuan(fund_total),
        "patient_pays": _yuan(patient),
        "steps": steps,
    }


# ---------------------------------------------------------------- CLI


def _dump(value: Any) -> str:
    """JSON text as the project writes it: sorted keys, Chinese kept readable."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _parse_int(text: str) -> int | Decimal:
    """A JSON integer. Past Python's 4,300-digit limit for int() only its size matters (far above any
    limit here): a Decimal of the same magnitude, which the number checks report as too large."""
    if len(text) <= 4000:
        return int(text)
    return Decimal(f"{text[:20]}E+{len(text) - 20}")


def _lone_surrogates(data: Any) -> list[dict[str, str]]:
    """An error for each key or string holding half of a UTF-16 pair ("\\ud800"), which no output can encode."""
    errors, stack = [], [("input", data)]
    while stack:
        field, value = stack.pop()
        if isinstance(value, str) and _SURROGATE.search(value):
            errors.append({"field": field, "message": LONE_SURROGATE_MESSAGE})
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            name = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", str(key))
            path = name if field == "input" else f"{field}.{name}" if isinstance(key, str) else f"{field}[{key}]"
            if isinstance(key, str) and _SURROGATE.search(key):
                errors.append({"field": path, "message": LONE_SURROGATE_MESSAGE})
            stack.append((path, item))
    return sorted(errors, key=lambda e: e["field"])


def run_cli(stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Read one input as JSON, write the result JSON; on bad input write {"errors": [...]}, return 2."""
    try:
        data = json.loads(stdin.read(), parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        errors = [{"field": "input", "message": f"输入不是合法的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有错误"}]
    except UnicodeDecodeError:
        errors = [{"field": "input", "message": INPUT_NOT_UTF8_MESSAGE}]
    except RecursionError:
        errors = [{"field": "input", "message": TOO_DEEP_MESSAGE}]
    else:
        errors = _lone_surrogates(data)
    if not errors:
        try:
            stdout.write(_dump(estimate(data)))
            return 0
        except EstimateError as exc:
            errors = exc.errors
    stdout.write(_dump({"errors": errors}))
    for error in errors:
        stderr.write(f"{error['field']}: {error['message']}\n")
    return 2
