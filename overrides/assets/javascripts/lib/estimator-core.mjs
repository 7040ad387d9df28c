/**
 * Settlement estimator core: a pure ES module (no window, no document).
 *
 * The Python reference generator/estimator.py must agree with it; tests/vectors/estimator.json
 * pins the shared behaviour. Policy meanings: 起付线 (deductible), 支付比例 (band ratio),
 * 最高支付限额 (annual cap), 大病保险 (serious-illness insurance). Under 医保发〔2022〕22号 the
 * treatment place's catalogue and the insured place's payment rules apply; this module only
 * does the arithmetic, the presets carry the numbers.
 *
 * Calculation steps (the code marks them `// => n`):
 *
 * 1. Validate and convert: money to integer fen, ratios to integer 1/10000 units, both as
 *    BigInt. Nothing below uses binary floating point.
 * 2. Eligible amount E = total - out_of_catalog (全自费) - class_b_copay (乙类先行自付).
 * 3. Reduction `pay_first`: the patient first pays P = value x E; the rest R = E - P takes the
 *    place of E in steps 4-6. Without pay_first, P = 0 and R = E.
 * 4. Deductible applied D = min(deductible, R).
 * 5. Bands. `absolute`: a band covers the part of R between its `from` and `to` that lies above
 *    D. `above_deductible`: a band covers the part of (R - D) between `from` and `to`. Reduction
 *    `points` lowers every band ratio by `value`, never below 0. Each band's fund share is
 *    rounded to the fen on its own. Gaps between bands and the part above the last `to` are
 *    paid by the patient (ratio 0) and shown as step `band_gap`.
 * 6. Annual cap (basic fund only): basic = min(sum of band shares, max(0, annual_cap - fund_used)).
 * 7. Serious illness (optional) on S = E - basic: the patient's whole in-catalogue burden after
 *    the basic fund, including the pay_first share and the deductible, excluding out_of_catalog
 *    and class_b_copay. `absolute`: bands cover the part of S above the threshold;
 *    `above_threshold`: bands cover (S - threshold). Points reductions do not apply here (22号
 *    limits the basic insurance ratio). The cap is per estimate; earlier payouts are not tracked.
 * 8. fund_total = basic + serious illness; patient_pays = total - fund_total.
 *
 * Decisions where the contract is silent (the same in the Python reference):
 * - Rounding: half up to the fen, once per band share and once for the pay_first share; every
 *   other amount is an exact sum or difference of fen.
 * - Money must be a JSON number (a numeric string is rejected), 0 to 1亿元, at most 2 decimals;
 *   ratios 0 to 1 with at most 4 decimals. A number's decimals are those of its shortest
 *   round-trip text (String here, repr in Python), so both sides judge the same double alike.
 * - Optional keys: out_of_catalog, class_b_copay and fund_used default to 0; annual_cap, band
 *   `to`, filing.reduction, serious_illness and its cap default to null. Unknown keys are
 *   rejected so a misspelt field is never silently ignored.
 * - Bands must be listed from low to high and must not overlap; only the last may have `to`
 *   null; gaps are allowed (see step 5).
 * - filing.type "none" (no 备案): same arithmetic, plus a first step `no_filing` whose amount is
 *   the whole bill the patient must advance before claiming back at the insured place.
 * - The 22号 ceilings on reductions (10 points for referral/emergency, 20 for other temporary
 *   trips) are policy data, not arithmetic: the presets must respect them; this core does not.
 *
 * @module estimator-core
 */

/** 1亿元: far above any single bill; keeps every amount a safe integer when shown as a Number. */
const MAX_YUAN = 100000000;
const MAX_BANDS = 20;
const FEN_SCALE = 2;
const RATIO_SCALE = 4;
const RATIO_ONE = 10000n;
const FILING_TYPES = ["long_term", "referral", "emergency", "temporary", "none"];
const REDUCTION_MODES = ["points", "pay_first"];

const MONEY_MESSAGE = (name) => `${name}必须是不小于 0 的数字，最多两位小数`;
const TOO_LARGE_MESSAGE = (name) => `${name}不能超过 1 亿元`;
const RATIO_MESSAGE = (name) => `${name}必须是 0 到 1 之间的数字，最多四位小数（例如 70% 写作 0.7）`;
const MISSING_MESSAGE = (name) => `请填写${name}`;
const NOT_OBJECT_MESSAGE = (name) => `${name}的格式不对，应为一个 JSON 对象`;
const UNKNOWN_KEY_MESSAGE = (key) => `无法识别的字段“${key}”，请检查拼写`;
const FILING_TYPE_MESSAGE =
  "备案类型只能是 long_term（长期备案）、referral（转诊）、emergency（急诊）、" +
  "temporary（其他临时外出就医）或 none（未备案）";
const BAND_BASIS_MESSAGE =
  "分段计算方式只能是 absolute（按医保范围内费用分段）或 above_deductible（按超过起付线的部分分段）";
const SI_BAND_BASIS_MESSAGE =
  "大病保险分段计算方式只能是 absolute（按个人负担金额分段）或 above_threshold（按超过大病保险起付线的部分分段）";
const REDUCTION_MODE_MESSAGE =
  "待遇降低方式只能是 points（报销比例降低若干百分点）或 pay_first（个人先行自付一定比例）";
const BILL_SUM_MESSAGE = "目录外费用与乙类先行自付费用之和不能超过医疗总费用";

const BILL_KEYS = ["total", "out_of_catalog", "class_b_copay"];
const POLICY_KEYS = ["deductible", "bands", "band_basis", "annual_cap", "fund_used"];
const FILING_KEYS = ["type", "reduction"];
const REDUCTION_KEYS = ["mode", "value"];
const SERIOUS_ILLNESS_KEYS = ["threshold", "bands", "band_basis", "cap"];
const BAND_KEYS = ["from", "to", "ratio"];
const ROOT_KEYS = ["bill", "policy", "filing", "serious_illness"];
/** Marks a key that has no default. */
const REQUIRED = Symbol("required");

/**
 * Invalid estimator input.
 * @property {{field: string, message: string}[]} errors - every problem found, in input order
 */
export class EstimateError extends Error {
  /** @param {{field: string, message: string}[]} errors - the problems found */
  constructor(errors) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join("; "));
    this.name = "EstimateError";
    this.errors = errors;
  }
}

// ---------------------------------------------------------------- numbers

/**
 * Integer units (10 ** -scale) of a JSON number.
 * @param {unknown} value - the raw value
 * @param {number} scale - decimals allowed
 * @param {number} maximum - largest allowed value
 * @returns {{units: bigint | null, problem: null | "invalid" | "too_large"}}
 */
function toUnits(value, scale, maximum) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    return { units: null, problem: "invalid" };
  }
  if (value > maximum) return { units: null, problem: "too_large" };
  // String() is the shortest round-trip text, the same digits as Python's repr. Within
  // 0..1e8 only non-zero numbers below 1e-6 print with an exponent: too many decimals anyway.
  const text = String(value);
  if (text.includes("e")) return { units: null, problem: "invalid" };
  const [whole, fraction = ""] = text.split(".");
  if (fraction.length > scale) return { units: null, problem: "invalid" };
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
  return { units, problem: null };
}

/**
 * numerator / denominator rounded half up.
 * @param {bigint} numerator - non-negative
 * @param {bigint} denominator - positive
 * @returns {bigint}
 */
function halfUp(numerator, denominator) {
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Fen as a yuan number; the division is correctly rounded, as Python's int / int is.
 * @param {bigint} fen - amount in fen
 * @returns {number}
 */
function yuan(fen) {
  return Number(fen) / 100;
}

/**
 * Units as decimal text without trailing zeros: 3000000n fen -> "30000".
 * @param {bigint} units - the amount
 * @param {number} scale - decimals the units carry
 * @returns {string}
 */
function plain(units, scale) {
  const base = 10n ** BigInt(scale);
  const text = (units % base).toString().padStart(scale, "0").replace(/0+$/, "");
  return text ? `${units / base}.${text}` : `${units / base}`;
}

/**
 * A ratio in 1/10000 units as percent text: 7050n -> "70.5".
 * @param {bigint} ratio - the ratio
 * @returns {string}
 */
function percent(ratio) {
  return plain(ratio, RATIO_SCALE - 2);
}

/** @param {bigint} a @param {bigint} b @returns {bigint} */
const min = (a, b) => (a < b ? a : b);
/** @param {bigint} a @param {bigint} b @returns {bigint} */
const max = (a, b) => (a > b ? a : b);
/** @param {bigint[]} values @returns {bigint} */
const sum = (values) => values.reduce((a, b) => a + b, 0n);

/**
 * Compares strings by code point, as Python's sorted() does (sort() alone uses UTF-16 units).
 * @param {string} a - first string
 * @param {string} b - second string
 * @returns {number}
 */
function byCodePoint(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const difference = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (difference) return difference;
  }
  return x.length - y.length;
}

/**
 * @param {unknown} value - anything
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * @param {Record<string, unknown>} parent - an object
 * @param {string} key - a key
 * @returns {boolean} true when the key is present (undefined counts as absent)
 */
function has(parent, key) {
  return Object.hasOwn(parent, key) && parent[key] !== undefined;
}

// ---------------------------------------------------------------- validation

/** Walks raw input, converts it, and collects every problem with the field that has it. */
class Reader {
  constructor() {
    /** @type {{field: string, message: string}[]} */
    this.errors = [];
  }

  /** @param {string} field @param {string} message */
  fail(field, message) {
    this.errors.push({ field, message });
  }

  /**
   * The object itself, after reporting unknown keys; null (reported) when not an object.
   * @param {unknown} value - raw value
   * @param {string} field - its path
   * @param {string} name - its name for people
   * @param {string[]} keys - the keys it may have
   * @returns {Record<string, unknown> | null}
   */
  obj(value, field, name, keys) {
    if (!isObject(value)) {
      this.fail(field, NOT_OBJECT_MESSAGE(name));
      return null;
    }
    const prefix = field ? `${field}.` : "";
    for (const key of Object.keys(value).filter((k) => !keys.includes(k)).sort(byCodePoint)) {
      this.fail(prefix + key, UNKNOWN_KEY_MESSAGE(key));
    }
    return value;
  }

  /**
   * Money ("money") in fen or a ratio ("ratio") in 1/10000; null when invalid or null.
   * @param {Record<string, unknown>} parent - the object holding it
   * @param {string} key - its key
   * @param {string} field - its path
   * @param {string} name - its name for people
   * @param {"money" | "ratio"} kind - what it holds
   * @param {bigint | null | typeof REQUIRED} [fallback] - value when absent; null also allows null
   * @returns {bigint | null}
   */
  number(parent, key, field, name, kind, fallback = REQUIRED) {
    if (!has(parent, key)) {
      if (fallback === REQUIRED) {
        this.fail(field, MISSING_MESSAGE(name));
        return null;
      }
      return fallback;
    }
    const value = parent[key];
    if (value === null && fallback === null) return null;
    if (kind === "ratio") {
      const { units, problem } = toUnits(value, RATIO_SCALE, 1);
      if (problem) this.fail(field, RATIO_MESSAGE(name));
      return units;
    }
    const { units, problem } = toUnits(value, FEN_SCALE, MAX_YUAN);
    if (problem) this.fail(field, problem === "too_large" ? TOO_LARGE_MESSAGE(name) : MONEY_MESSAGE(name));
    return units;
  }

  /**
   * A string from `allowed`; null (reported) otherwise.
   * @param {Record<string, unknown>} parent - the object holding it
   * @param {string} key - its key
   * @param {string} field - its path
   * @param {string} name - its name for people
   * @param {string[]} allowed - the values it may take
   * @param {string} message - what to say when it is something else
   * @returns {string | null}
   */
  choice(parent, key, field, name, allowed, message) {
    if (!has(parent, key)) {
      this.fail(field, MISSING_MESSAGE(name));
      return null;
    }
    const value = parent[key];
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.fail(field, message);
      return null;
    }
    return value;
  }

  /**
   * Validated bands in fen and 1/10000 units; null when any band is invalid.
   * @param {Record<string, unknown>} parent - the object holding `bands`
   * @param {string} field - the path of `bands`
   * @param {string} prefix - "" or "大病保险"
   * @returns {Band[] | null}
   */
  bands(parent, field, prefix) {
    const name = `${prefix}报销分段`;
    if (!has(parent, "bands")) {
      this.fail(field, MISSING_MESSAGE(name));
      return null;
    }
    const raw = parent.bands;
    if (!Array.isArray(raw)) {
      this.fail(field, `${name}必须是一个列表`);
      return null;
    }
    if (raw.length === 0 || raw.length > MAX_BANDS) {
      this.fail(field, raw.length === 0 ? `${name}至少要有一段` : `${name}最多 ${MAX_BANDS} 段`);
      return null;
    }
    const bands = raw.map((item, i) => this.band(item, `${field}[${i}]`, `${prefix}第 ${i + 1} 段`));
    if (bands.some((band) => band === null)) return null;
    return this.bandOrder(bands, field, prefix) ? bands : null;
  }

  /**
   * One band {from, to, ratio}; null (reported) when invalid.
   * @param {unknown} raw - the raw band
   * @param {string} field - its path
   * @param {string} name - its name for people
   * @returns {Band | null}
   */
  band(raw, field, name) {
    const band = this.obj(raw, field, name, BAND_KEYS);
    if (band === null) return null;
    const errorsBefore = this.errors.length;
    const low = this.number(band, "from", `${field}.from`, `${name}的起点`, "money");
    const high = this.number(band, "to", `${field}.to`, `${name}的终点`, "money", null);
    const ratio = this.number(band, "ratio", `${field}.ratio`, `${name}的报销比例`, "ratio");
    if (this.errors.length > errorsBefore) return null;
    if (high !== null && high <= low) {
      this.fail(`${field}.to`, `${name}的终点必须大于起点`);
      return null;
    }
    return { from: low, to: high, ratio };
  }

  /**
   * True when bands run from low to high without overlap; reports each offending pair.
   * @param {Band[]} bands - valid bands
   * @param {string} field - the path of `bands`
   * @param {string} prefix - "" or "大病保险"
   * @returns {boolean}
   */
  bandOrder(bands, field, prefix) {
    let ok = true;
    for (let i = 1; i < bands.length; i += 1) {
      const previous = bands[i - 1];
      const current = bands[i];
      if (previous.to === null) {
        this.fail(`${field}[${i - 1}].to`, `${prefix}只有最后一段可以不设终点`);
        ok = false;
      } else if (current.from < previous.to) {
        const message = `${prefix}第 ${i + 1} 段与第 ${i} 段重叠：各段须从低到高排列，起点不能小于上一段的终点`;
        this.fail(`${field}[${i}].from`, message);
        ok = false;
      }
    }
    return ok;
  }
}

/**
 * @typedef {{from: bigint, to: bigint | null, ratio: bigint}} Band
 * @typedef {{key: string, label: string, amount: number}} Step
 */

/**
 * bill -> {total, out_of_catalog, class_b_copay} in fen.
 * @param {Reader} reader @param {Record<string, unknown>} root
 */
function readBill(reader, root) {
  if (!has(root, "bill")) {
    reader.fail("bill", MISSING_MESSAGE("费用信息"));
    return null;
  }
  const bill = reader.obj(root.bill, "bill", "费用信息", BILL_KEYS);
  if (bill === null) return null;
  const total = reader.number(bill, "total", "bill.total", "医疗总费用", "money");
  const outOfCatalog = reader.number(bill, "out_of_catalog", "bill.out_of_catalog", "目录外费用", "money", 0n);
  const classB = reader.number(bill, "class_b_copay", "bill.class_b_copay", "乙类先行自付费用", "money", 0n);
  if (total === null || outOfCatalog === null || classB === null) return null;
  if (outOfCatalog + classB > total) {
    reader.fail("bill.out_of_catalog", BILL_SUM_MESSAGE);
    return null;
  }
  return { total, outOfCatalog, classB };
}

/**
 * policy -> deductible, bands, basis, cap and fund_used in fen / 1/10000 units.
 * @param {Reader} reader @param {Record<string, unknown>} root
 */
function readPolicy(reader, root) {
  if (!has(root, "policy")) {
    reader.fail("policy", MISSING_MESSAGE("医保政策"));
    return null;
  }
  const policy = reader.obj(root.policy, "policy", "医保政策", POLICY_KEYS);
  if (policy === null) return null;
  const errorsBefore = reader.errors.length;
  const result = {
    deductible: reader.number(policy, "deductible", "policy.deductible", "起付线", "money"),
    bands: reader.bands(policy, "policy.bands", ""),
    bandBasis: reader.choice(
      policy, "band_basis", "policy.band_basis", "分段计算方式", ["absolute", "above_deductible"], BAND_BASIS_MESSAGE,
    ),
    annualCap: reader.number(policy, "annual_cap", "policy.annual_cap", "年度最高支付限额", "money", null),
    fundUsed: reader.number(policy, "fund_used", "policy.fund_used", "本年度医保已支付金额", "money", 0n),
  };
  return reader.errors.length === errorsBefore ? result : null;
}

/**
 * filing -> {type, reduction: null | {mode, value}}.
 * @param {Reader} reader @param {Record<string, unknown>} root
 */
function readFiling(reader, root) {
  if (!has(root, "filing")) {
    reader.fail("filing", MISSING_MESSAGE("备案信息"));
    return null;
  }
  const filing = reader.obj(root.filing, "filing", "备案信息", FILING_KEYS);
  if (filing === null) return null;
  const errorsBefore = reader.errors.length;
  const type = reader.choice(filing, "type", "filing.type", "备案类型", FILING_TYPES, FILING_TYPE_MESSAGE);
  let reduction = null;
  if (has(filing, "reduction") && filing.reduction !== null) {
    const raw = reader.obj(filing.reduction, "filing.reduction", "待遇降低设置", REDUCTION_KEYS);
    if (raw !== null) {
      const mode = reader.choice(
        raw, "mode", "filing.reduction.mode", "待遇降低方式", REDUCTION_MODES, REDUCTION_MODE_MESSAGE,
      );
      const value = reader.number(raw, "value", "filing.reduction.value", "降低幅度", "ratio");
      reduction = { mode, value };
    }
  }
  return reader.errors.length === errorsBefore ? { type, reduction } : null;
}

/**
 * serious_illness -> {threshold, bands, bandBasis, cap}.
 * @param {Reader} reader @param {Record<string, unknown>} root
 */
function readSeriousIllness(reader, root) {
  const si = reader.obj(root.serious_illness, "serious_illness", "大病保险设置", SERIOUS_ILLNESS_KEYS);
  if (si === null) return null;
  const errorsBefore = reader.errors.length;
  const result = {
    threshold: reader.number(si, "threshold", "serious_illness.threshold", "大病保险起付线", "money"),
    bands: reader.bands(si, "serious_illness.bands", "大病保险"),
    bandBasis: reader.choice(
      si,
      "band_basis",
      "serious_illness.band_basis",
      "大病保险分段计算方式",
      ["absolute", "above_threshold"],
      SI_BAND_BASIS_MESSAGE,
    ),
    cap: reader.number(si, "cap", "serious_illness.cap", "大病保险最高支付限额", "money", null),
  };
  return reader.errors.length === errorsBefore ? result : null;
}

/**
 * Convert raw input to fen / 1/10000 units.
 * @param {unknown} input - raw input
 * @returns {{parsed: object | null, errors: {field: string, message: string}[]}}
 */
function read(input) {
  if (!isObject(input)) {
    return { parsed: null, errors: [{ field: "input", message: "输入必须是一个 JSON 对象" }] };
  }
  const reader = new Reader();
  const root = reader.obj(input, "", "输入", ROOT_KEYS);
  const parsed = {
    bill: readBill(reader, root),
    policy: readPolicy(reader, root),
    filing: readFiling(reader, root),
    seriousIllness: null,
  };
  if (has(root, "serious_illness") && root.serious_illness !== null) {
    parsed.seriousIllness = readSeriousIllness(reader, root);
  }
  return { parsed: reader.errors.length ? null : parsed, errors: reader.errors };
}

/**
 * Every problem in the input; empty when estimate() will succeed.
 * @param {unknown} input - the estimator input (parsed JSON)
 * @returns {{field: string, message: string}[]}
 */
export function validate(input) {
  return read(input).errors;
}

// ---------------------------------------------------------------- calculation

/**
 * One line of the breakdown shown to the citizen.
 * @param {string} key - stable key
 * @param {string} label - plain-words Chinese label
 * @param {bigint} fen - amount in fen
 * @returns {Step}
 */
function step(key, label, fen) {
  return { key, label, amount: yuan(fen) };
}

/**
 * Length of the band's range that lies between floor and top.
 * @param {Band} band @param {bigint} floor @param {bigint} top
 * @returns {bigint}
 */
function portion(band, floor, top) {
  const low = max(band.from, floor);
  const high = band.to === null ? top : min(band.to, top);
  return max(0n, high - low);
}

/**
 * Plain-words range of a band, e.g. "费用在 0 至 30000 元之间的部分".
 * @param {Band} band - the band
 * @param {string} basis - "absolute", "above_deductible" or "above_threshold"
 * @param {string} line - name of the 起付线
 * @param {string} base - name of the amount the bands divide
 * @returns {string}
 */
function rangeText(band, basis, line, base) {
  const low = plain(band.from, FEN_SCALE);
  const high = band.to === null ? null : plain(band.to, FEN_SCALE);
  if (band.from === 0n && high === null) return `${line}以上的全部费用`;
  if (basis === "absolute") {
    return high === null ? `${base}超过 ${low} 元的部分` : `${base}在 ${low} 至 ${high} 元之间的部分`;
  }
  return high === null ? `${line}以上累计超过 ${low} 元的部分` : `${line}以上累计 ${low} 至 ${high} 元的部分`;
}

/**
 * Steps, fund shares and portions for each band; a share is rounded to the fen on its own.
 * @param {Band[]} bands - the bands
 * @param {string} basis - how they divide the amount
 * @param {bigint} floor - nothing below this is paid
 * @param {bigint} top - nothing above this is paid
 * @param {string} prefix - "" or "大病保险"
 * @param {string} keyPrefix - "" or "serious_illness_"
 * @param {bigint | null} points - percentage-point reduction (1/10000 units), or null
 */
function bandSteps(bands, basis, floor, top, prefix, keyPrefix, points) {
  const steps = [];
  const shares = [];
  const portions = [];
  bands.forEach((band, index) => {
    const n = index + 1;
    const ratio = points === null ? band.ratio : max(0n, band.ratio - points);
    const part = portion(band, floor, top);
    const share = halfUp(part * ratio, RATIO_ONE);
    const text = rangeText(band, basis, `${prefix}起付线`, prefix ? "个人负担" : "费用");
    let label = `${prefix}第 ${n} 段：${text}，${prefix || "医保"}支付 ${percent(ratio)}%`;
    if (points !== null) label += `（原 ${percent(band.ratio)}%，降低 ${percent(points)} 个百分点）`;
    steps.push(step(`${keyPrefix}band_${n}`, label, share));
    shares.push(share);
    portions.push(part);
  });
  return { steps, shares, portions };
}

/**
 * Basic fund, deductible applied and steps for steps 3-6.
 * @param {bigint} eligible - E in fen
 * @param {{deductible: bigint, bands: Band[], bandBasis: string, annualCap: bigint | null, fundUsed: bigint}} policy
 * @param {{mode: string, value: bigint} | null} reduction - filing.reduction
 */
function basicFund(eligible, policy, reduction) {
  const steps = [];
  let payFirst = 0n;
  if (reduction !== null && reduction.mode === "pay_first") {
    // => 3
    payFirst = halfUp(eligible * reduction.value, RATIO_ONE);
    const label = `临时外出就医，个人先行自付医保范围内费用的 ${percent(reduction.value)}%`;
    steps.push(step("pay_first", label, payFirst));
  }
  const remaining = eligible - payFirst;
  const deductible = min(policy.deductible, remaining); // => 4
  steps.push(step("deductible", "起付线以下由个人支付", deductible));
  const points = reduction !== null && reduction.mode === "points" ? reduction.value : null;
  // => 5
  const [floor, top] = policy.bandBasis === "absolute" ? [deductible, remaining] : [0n, remaining - deductible];
  const bandResult = bandSteps(policy.bands, policy.bandBasis, floor, top, "", "", points);
  steps.push(...bandResult.steps);
  const gap = remaining - deductible - sum(bandResult.portions);
  if (gap) steps.push(step("band_gap", "不在任何报销分段内的部分，由个人支付", gap));
  steps.push(step("band_copay", "分段内按比例由个人支付的部分", sum(bandResult.portions) - sum(bandResult.shares)));
  let basic = sum(bandResult.shares);
  if (policy.annualCap !== null) {
    // => 6
    const room = max(0n, policy.annualCap - policy.fundUsed);
    const capped = min(basic, room);
    steps.push(step("cap", "超出年度最高支付限额、医保不再支付的部分", basic - capped));
    basic = capped;
  }
  steps.push(step("basic_fund", "基本医保基金支付", basic));
  return { basic, deductible, steps };
}

/**
 * Serious-illness fund and steps for step 7, on the patient's in-catalogue burden.
 * @param {bigint} burden - S = E - basic fund, in fen
 * @param {{threshold: bigint, bands: Band[], bandBasis: string, cap: bigint | null}} si
 */
function seriousIllness(burden, si) {
  const steps = [
    step("serious_illness_base", "大病保险计算基数：医保范围内仍由个人负担的费用", burden),
    step("serious_illness_threshold", "大病保险起付线以下不报销", min(si.threshold, burden)),
  ];
  const [floor, top] = si.bandBasis === "absolute" ? [si.threshold, burden] : [0n, max(0n, burden - si.threshold)];
  const bandResult = bandSteps(si.bands, si.bandBasis, floor, top, "大病保险", "serious_illness_", null);
  steps.push(...bandResult.steps);
  let fund = sum(bandResult.shares);
  if (si.cap !== null) {
    const capped = min(fund, si.cap);
    steps.push(step("serious_illness_cap", "超出大病保险最高支付限额的部分", fund - capped));
    fund = capped;
  }
  steps.push(step("serious_illness", "大病保险支付", fund));
  return { fund, steps };
}

/**
 * Estimate fund and patient shares of one hospital bill.
 * @param {unknown} input - the estimator input (parsed JSON, money in yuan)
 * @returns {{eligible: number, deductible_applied: number, basic_fund: number,
 *   serious_illness_fund: number, fund_total: number, patient_pays: number, steps: Step[]}}
 * @throws {EstimateError} when the input is invalid
 */
export function estimate(input) {
  const { parsed, errors } = read(input); // => 1
  if (errors.length) throw new EstimateError(errors);
  const { bill, policy, filing } = parsed;
  const steps = [];
  if (filing.type === "none") {
    const label =
      "未办理异地就医备案：不能在就医地直接结算，需先垫付全部费用，再回参保地申请报销；以下按所填政策估算";
    steps.push(step("no_filing", label, bill.total));
  }
  const eligible = bill.total - bill.outOfCatalog - bill.classB; // => 2
  steps.push(
    step("total", "医疗总费用", bill.total),
    step("out_of_catalog", "目录外费用（医保不报销，全部由个人支付）", bill.outOfCatalog),
    step("class_b_copay", "乙类项目先行自付部分（由个人支付）", bill.classB),
    step("eligible", "医保范围内费用", eligible),
  );
  const basic = basicFund(eligible, policy, filing.reduction); // => 3-6
  steps.push(...basic.steps);
  let serious = 0n;
  if (parsed.seriousIllness !== null) {
    // => 7
    const result = seriousIllness(eligible - basic.basic, parsed.seriousIllness);
    serious = result.fund;
    steps.push(...result.steps);
  }
  const fundTotal = basic.basic + serious; // => 8
  const patient = bill.total - fundTotal;
  steps.push(step("fund_total", "医保合计支付", fundTotal), step("patient_pays", "个人合计支付", patient));
  return {
    eligible: yuan(eligible),
    deductible_applied: yuan(basic.deductible),
    basic_fund: yuan(basic.basic),
    serious_illness_fund: yuan(serious),
    fund_total: yuan(fundTotal),
    patient_pays: yuan(patient),
    steps,
  };
}
