import { test } from "node:test"
import assert from "node:assert/strict"

import {
  estimateForm, groupsOf, pickPreset, placeErrors, presetChoices, presetNote, presetReduction, readForm,
} from "../../overrides/assets/javascripts/lib/estimator-form.mjs"

// The 22号 ceilings as the build writes them into the page (generator/policies.py MAX_REDUCTION_POINTS;
// tests/test_policies.py checks the built page carries exactly those).
const CEILINGS = { referral: 10, emergency: 10, temporary: 20 }

// Made-up rows in the shape of policy-presets.json (not any place's policy): one place whose
// rules differ by scheme, person type and hospital level, and the seed-002 example.
const row = (id, scheme, person_type, hospital_level, ratio, extra = {}) => ({
  id, group: "test-place", name: "测试地区", region_code: "370800", scheme, person_type, hospital_level,
  policy: { deductible: 1000, bands: [{ from: 0, to: null, ratio }], band_basis: "absolute", annual_cap: null },
  reduction_referral: null, reduction_temporary: null, reduction_mode: null,
  note: "", source: "测试", as_of: "2026-01-01", ...extra,
})
const PRESETS = [
  row("staff-working-3", "职工医保", "在职", "三级", 0.8, { reduction_referral: 0.1, reduction_temporary: 0.15, reduction_mode: "points" }),
  row("staff-retired-3", "职工医保", "退休", "三级", 0.85),
  row("staff-any-2", "职工医保", "不区分", "二级", 0.9),
  row("resident-any-any", "城乡居民医保", "不区分", "不区分", 0.6, { reduction_temporary: 0.2, reduction_mode: "pay_first" }),
  {
    ...row("example", "不区分", "不区分", "不区分", 0.7), group: "example", name: "示例",
    policy: { deductible: 0, bands: [{ from: 0, to: null, ratio: 0.7 }], band_basis: "absolute", annual_cap: null },
    note: "示例：不是任何地区的真实政策",
  },
]

test("groups are listed once each, in file order", () => {
  assert.deepEqual(groupsOf(PRESETS), [{ group: "test-place", name: "测试地区" }, { group: "example", name: "示例" }])
})

const PICKS = [
  [{ scheme: "职工医保", person: "在职", level: "三级" }, "staff-working-3"],
  [{ scheme: "职工医保", person: "退休", level: "三级" }, "staff-retired-3"],
  [{ scheme: "职工医保", person: "退休", level: "二级" }, "staff-any-2"], // 不区分 covers 退休
  [{ scheme: "城乡居民医保", person: "", level: "" }, "resident-any-any"],
  [{ scheme: "职工医保", person: "在职", level: "一级" }, null], // no row says anything about 一级
]

for (const [selection, expected] of PICKS) {
  test(`pickPreset(${Object.values(selection).join("/")}) -> ${expected}`, () => {
    assert.equal(pickPreset(PRESETS, "test-place", selection)?.id ?? null, expected)
  })
}

test("choices narrow with each answer so every combination offered has a row", () => {
  const shown = selection => presetChoices(PRESETS, "test-place", selection).map(c => [c.name, c.values, c.value])
  assert.deepEqual(shown({}), [
    ["scheme", ["职工医保", "城乡居民医保"], "职工医保"],
    ["person", ["在职", "退休"], "在职"],
    ["level", ["三级", "二级"], "三级"],
  ])
  // Residents: one row for everyone, so nothing more is asked.
  assert.deepEqual(shown({ scheme: "城乡居民医保", person: "在职", level: "三级" }), [
    ["scheme", ["职工医保", "城乡居民医保"], "城乡居民医保"],
    ["person", [], ""],
    ["level", [], ""],
  ])
  // 退休 has its own 三级 row, and the 不区分 row covers 二级.
  assert.deepEqual(presetChoices(PRESETS, "test-place", { scheme: "职工医保", person: "退休" })[2].values, ["三级", "二级"])
  assert.deepEqual(presetChoices(PRESETS, "example", {}).map(c => c.values.length), [0, 0, 0])
})

test("a preset's reduction fills the form by filing type", () => {
  const [working] = PRESETS
  assert.deepEqual(presetReduction(working, "referral", CEILINGS), { mode: "points", reduction: "10" })
  assert.deepEqual(presetReduction(working, "emergency", CEILINGS), { mode: "points", reduction: "10" })
  assert.deepEqual(presetReduction(working, "temporary", CEILINGS), { mode: "points", reduction: "15" })
  assert.deepEqual(presetReduction(PRESETS[1], "temporary", CEILINGS), { mode: "points", reduction: "" })
  assert.deepEqual(presetReduction(working, "long_term", CEILINGS), { mode: "points", reduction: "" })
})

test("a preset's note names its source, date and 以参保地经办机构为准", () => {
  assert.equal(presetNote(PRESETS[0]), "适用于：职工医保、在职、三级医院。来源：测试（2026-01-01）。以参保地经办机构为准。")
  assert.equal(presetNote(PRESETS[4]), "示例：不是任何地区的真实政策。来源：测试（2026-01-01）。以参保地经办机构为准。")
  assert.match(presetNote(null), /以参保地经办机构为准/)
})

const base = { preset: "", filing: "long_term", total: "25000" }
const ESTIMATES = [
  ["seed 002 by hand: 70%, no deductible", { ...base, deductible: "0", ratio: "70" }, [17500, 7500]],
  ["seed 002 from the example preset", { ...base, preset: "example" }, [17500, 7500]],
  ["a preset row picked by the choices", { ...base, preset: "test-place", scheme: "职工医保", person: "退休", level: "三级" }, [20400, 4600]],
  ["referral, 10 points off 80%", { ...base, preset: "test-place", scheme: "职工医保", person: "在职", level: "三级", filing: "referral", mode: "points", reduction: "10" }, [16800, 8200]],
  ["pay first 20% of 60%: a drop of 12 points", { ...base, preset: "test-place", scheme: "城乡居民医保", filing: "temporary", mode: "pay_first", reduction: "20" }, [11400, 13600]],
  ["annual cap and the fund already used", { ...base, deductible: "1000", ratio: "80", cap: "20000", used: "15000" }, [5000, 20000]],
  ["full-width digits and commas", { ...base, total: "２５,０００", deductible: "0", ratio: "70%" }, [17500, 7500]],
]

for (const [name, values, [fund, patient]] of ESTIMATES) {
  test(`estimateForm: ${name}`, () => {
    const { result, errors } = estimateForm(values, PRESETS, CEILINGS)
    assert.equal(errors, undefined)
    assert.deepEqual([result.fund_total, result.patient_pays], [fund, patient])
  })
}

const MESSAGES = [
  ["Chinese numerals", { total: "二万五" }, "total", "医疗总费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50"],
  ["two decimal points", { ooc: "25,000.5.3" }, "ooc", "目录外费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50"],
  ["an empty total", { total: "" }, "total", "请填写医疗总费用"],
  ["a ratio above 100", { ratio: "120" }, "ratio", "医保支付比例请填写 0 到 100 之间的数字（百分比），例如 70"],
  ["no deductible in manual mode", { deductible: "" }, "deductible", "请填写起付线"],
  ["NaN typed in", { used: "NaN" }, "used", "今年已支付金额请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50"],
  ["points above 22号 for referral", { filing: "referral", mode: "points", reduction: "10.5" }, "reduction", "按医保发〔2022〕22号，转诊最多下调 10 个百分点"],
  ["points above 22号 for temporary", { filing: "temporary", mode: "points", reduction: "30" }, "reduction", "按医保发〔2022〕22号，其他临时外出最多下调 20 个百分点"],
  ["pay first above 22号", { filing: "emergency", mode: "pay_first", reduction: "15" }, "reduction", "先自付 15% 相当于支付比例下调 10.5 个百分点；按医保发〔2022〕22号，急诊最多下调 10 个百分点"],
  ["pay first above 100%", { filing: "temporary", mode: "pay_first", reduction: "120" }, "reduction", "先自付的比例请填写 0 到 100 之间的数字"],
  ["a combination no row covers", { preset: "test-place", scheme: "职工医保", person: "在职", level: "一级" }, "form", "列表里没有与所选参保类型、人员类别和医院级别相符的资料：请改选，或在“参保地”里选“不在列表里”，按待遇通知自己填"],
  ["parts above the total (from the core)", { total: "100", ooc: "200" }, "ooc", "目录外费用与乙类先行自付费用之和不能超过医疗总费用"],
]

for (const [name, changes, field, message] of MESSAGES) {
  test(`message next to the field: ${name}`, () => {
    const { errors, result } = estimateForm({ ...base, deductible: "0", ratio: "70", ...changes }, PRESETS, CEILINGS)
    assert.equal(result, undefined)
    assert.equal(errors[field], message)
  })
}

test("the reduction is ignored where the filing type has none", () => {
  const { input } = readForm({ ...base, deductible: "0", ratio: "70", filing: "long_term", reduction: "50" }, PRESETS, CEILINGS)
  assert.equal(input.filing.reduction, null)
})

test("a problem with a preset's own numbers is the form's, not a field the person cannot see", () => {
  const coreErrors = [{ field: "policy.deductible", message: "x" }, { field: "policy.bands[0].ratio", message: "y" }]
  assert.deepEqual(placeErrors(coreErrors, false), { form: "x；y" })
  assert.deepEqual(placeErrors(coreErrors, true), { deductible: "x", ratio: "y" })
})

test("nothing typed ever becomes NaN or a silent zero", () => {
  for (const text of ["", " ", "abc", "1e5", "-1", "Infinity", "0x10", "1,2,3", "¥", "5..0", "２５．５"]) {
    const out = estimateForm({ ...base, deductible: "0", ratio: "70", total: text }, PRESETS, CEILINGS)
    if (out.result) {
      assert.ok(Number.isFinite(out.result.fund_total) && out.result.patient_pays > 0, text)
    } else {
      assert.ok(out.errors.total, `no message for ${JSON.stringify(text)}`)
    }
  }
})
