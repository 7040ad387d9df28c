/**
 * The estimator form without the DOM: which preset row fits the person, the core's input from
 * what was typed, and which field each message belongs to. Pure functions, shared by the page's
 * adapter (estimator.js) and the Node tests.
 *
 * Form field names (the page's ids are `est-<name>`, the URL query uses the same names):
 * preset, scheme, person, level (pick a row of data/policies.csv); deductible, ratio, cap (the
 * "not listed" mode); used, total, ooc, classb; filing, mode, reduction.
 *
 * @module estimator-form
 */
import { EstimateError, estimate } from "./estimator-core.mjs"
import { parseAmount, parsePercent } from "./amount.mjs"

/** A preset cell that applies to everyone (data/policies.csv). */
export const ANY = "不区分"

/** Form fields that pick a preset row, with the row's column for each, in the order asked. */
export const CHOICES = [["scheme", "scheme"], ["person", "person_type"], ["level", "hospital_level"]]

/** Form fields kept in the URL query, in form order. */
export const STATE_FIELDS = [
  "preset", "scheme", "person", "level", "deductible", "ratio", "cap", "used",
  "total", "ooc", "classb", "filing", "mode", "reduction",
]

/**
 * @typedef {Record<string, number>} Ceilings - 医保发〔2022〕22号: filing type -> the most points the
 *   payment ratio may be lowered by, for the filing types that may have a reduction. Declared once,
 *   in generator/policies.py (MAX_REDUCTION_POINTS); the build writes them into the estimator page
 *   (the form's data-max-reduction-points), and the adapter passes them in.
 */
const FILING_NAMES = { referral: "转诊", emergency: "急诊", temporary: "其他临时外出" }

// The shared core names fields by JSON path; the form has one field for each of these.
const FIELD_OF_PATH = {
  "bill.total": "total",
  "bill.out_of_catalog": "ooc",
  "bill.class_b_copay": "classb",
  "policy.fund_used": "used",
  "policy.deductible": "deductible",
  "policy.annual_cap": "cap",
  "filing.reduction.value": "reduction",
}
const MANUAL_FIELDS = ["deductible", "ratio", "cap"]

/**
 * The insured places in the list, one per group, in file order.
 * @param {object[]} presets - rows of policy-presets.json
 * @returns {{group: string, name: string}[]}
 */
export function groupsOf(presets) {
  const groups = new Map()
  for (const row of presets) if (!groups.has(row.group)) groups.set(row.group, { group: row.group, name: row.name })
  return [...groups.values()]
}

/**
 * @param {object} row - a preset row
 * @param {Record<string, string>} selection - form values
 * @param {number} upTo - how many CHOICES to compare
 * @returns {boolean} true when the row applies to the first `upTo` choices made
 */
function fits(row, selection, upTo = CHOICES.length) {
  return CHOICES.slice(0, upTo).every(([name, key]) => row[key] === ANY || !selection[name] || row[key] === selection[name])
}

/**
 * What to offer for scheme, person type and hospital level, each narrowed by the earlier
 * choices, so that every combination offered has a row. A field with fewer than two values
 * need not be asked.
 * @param {object[]} presets - rows of policy-presets.json
 * @param {string} group - the chosen place
 * @param {Record<string, string>} selection - current form values
 * @returns {{name: string, values: string[], value: string}[]} value: the choice to show
 */
export function presetChoices(presets, group, selection) {
  const rows = presets.filter(row => row.group === group)
  const chosen = { ...selection }
  return CHOICES.map(([name, key], index) => {
    const values = [...new Set(rows.filter(row => fits(row, chosen, index)).map(row => row[key]))].filter(v => v !== ANY)
    chosen[name] = values.includes(chosen[name]) ? chosen[name] : (values[0] ?? "")
    return { name, values, value: chosen[name] }
  })
}

/**
 * The row of the place that fits the choices, the most specific first (fewest 不区分).
 * @param {object[]} presets - rows of policy-presets.json
 * @param {string} group - the chosen place
 * @param {Record<string, string>} selection - form values (scheme, person, level)
 * @returns {object | null} null when no row fits
 */
export function pickPreset(presets, group, selection) {
  const specific = row => CHOICES.filter(([, key]) => row[key] !== ANY).length
  const rows = presets.filter(row => row.group === group && fits(row, selection))
  return rows.sort((a, b) => specific(b) - specific(a))[0] ?? null
}

/**
 * What the form shows for a preset's reduction under a filing type.
 * @param {object | null} row - the preset row
 * @param {string} filing - filing type
 * @param {Ceilings} ceilings - the 22号 ceilings
 * @returns {{mode: string, reduction: string}} reduction in percent, "" when the source gives none
 */
export function presetReduction(row, filing, ceilings) {
  const ratio = !row || !(filing in ceilings) ? null
    : filing === "temporary" ? row.reduction_temporary : row.reduction_referral
  if (ratio === null || ratio === undefined) return { mode: row?.reduction_mode || "points", reduction: "" }
  return { mode: row.reduction_mode || "points", reduction: String(Math.round(ratio * 10000) / 100) }
}

/**
 * Who sees a preset: its note, what it applies to, its source and date.
 * @param {object | null} row - the preset row, null in the "not listed" mode
 * @returns {string}
 */
export function presetNote(row) {
  if (!row) return "请按参保地的待遇通知填写起付线和支付比例；以参保地经办机构为准。"
  const scope = [row.scheme, row.person_type].filter(value => value !== ANY)
  if (row.hospital_level !== ANY) scope.push(`${row.hospital_level}医院`)
  return [
    row.note ? `${row.note}。` : "",
    scope.length ? `适用于：${scope.join("、")}。` : "",
    `来源：${row.source}（${row.as_of}）。以参保地经办机构为准。`,
  ].join("")
}

/**
 * Read the form into the core's input, or say what is wrong with each field.
 * @param {Record<string, string>} values - form field name -> text as typed
 * @param {object[]} presets - rows of policy-presets.json
 * @param {Ceilings} ceilings - the 22号 ceilings
 * @returns {{input: object, errors: Record<string, string>}} errors by field name; "form" for the form as a whole
 */
export function readForm(values, presets, ceilings) {
  const errors = {}
  /** @param {string} name @param {{value?: number | null, error?: string}} parsed */
  const take = (name, parsed) => {
    if ("error" in parsed) errors[name] = parsed.error
    return parsed.value ?? null
  }
  const total = take("total", parseAmount(values.total, { label: "医疗总费用", required: true }))
  const ooc = take("ooc", parseAmount(values.ooc, { label: "目录外费用" }))
  const classb = take("classb", parseAmount(values.classb, { label: "乙类先行自付费用" }))
  const used = take("used", parseAmount(values.used, { label: "今年已支付金额" }))
  let policy = null
  if (values.preset) {
    const row = pickPreset(presets, values.preset, values)
    if (row) policy = { ...row.policy }
    else errors.form = "列表里没有与所选参保类型、人员类别和医院级别相符的资料：请改选，或在“参保地”里选“不在列表里”，按待遇通知自己填"
  } else {
    const deductible = take("deductible", parseAmount(values.deductible, { label: "起付线", required: true }))
    const ratio = take("ratio", parsePercent(values.ratio, { label: "医保支付比例", required: true }))
    const cap = take("cap", parseAmount(values.cap, { label: "最高支付限额" }))
    policy = { deductible, bands: [{ from: 0, to: null, ratio }], band_basis: "absolute", annual_cap: cap }
  }
  if (policy) policy.fund_used = used ?? 0
  const filing = values.filing || "long_term"
  let reduction = null
  if (filing in ceilings) {
    const percent = take("reduction", parseAmount(values.reduction, { label: "下调幅度" }))
    const mode = values.mode === "pay_first" ? "pay_first" : "points"
    const problem = percent === null ? null : reductionProblem(mode, percent, ceilings[filing], filing, policy)
    if (problem) errors.reduction = problem
    else if (percent !== null) reduction = { mode, value: Math.round(percent * 100) / 10000 }
  }
  const input = {
    bill: { total, out_of_catalog: ooc ?? 0, class_b_copay: classb ?? 0 },
    policy,
    filing: { type: filing, reduction },
    serious_illness: null,
  }
  return { input, errors }
}

/**
 * The 22号 ceiling, checked on what was typed. Paying a share v first lowers a ratio r to
 * r x (1 - v): a drop of r x v points, so that is what the ceiling applies to.
 * @param {string} mode - "points" or "pay_first"
 * @param {number} percent - the reduction as typed (points, or percent paid first)
 * @param {number} limit - the ceiling for this filing type, in points
 * @param {string} filing - filing type
 * @param {object | null} policy - the policy, for its highest ratio
 * @returns {string | null} a message, or null when allowed
 */
function reductionProblem(mode, percent, limit, filing, policy) {
  const who = FILING_NAMES[filing]
  if (mode === "points") {
    return percent > limit ? `按医保发〔2022〕22号，${who}最多下调 ${limit} 个百分点` : null
  }
  if (percent > 100) return "先自付的比例请填写 0 到 100 之间的数字"
  const ratios = (policy?.bands ?? []).map(band => band.ratio).filter(ratio => typeof ratio === "number")
  if (!ratios.length) return null
  // In 1/10000 x 1/100 units, so the comparison is exact.
  const drop = Math.round(Math.max(...ratios) * 10000) * Math.round(percent * 100)
  if (drop <= limit * 1000000) return null
  return `先自付 ${percent}% 相当于支付比例下调 ${drop / 1000000} 个百分点；按医保发〔2022〕22号，${who}最多下调 ${limit} 个百分点`
}

/**
 * Place the core's messages next to the fields they are about.
 * @param {{field: string, message: string}[]} coreErrors - EstimateError.errors
 * @param {boolean} manual - true in the "not listed" mode (the policy fields are on the form)
 * @returns {Record<string, string>} messages by field name; "form" for the rest
 */
export function placeErrors(coreErrors, manual) {
  const errors = {}
  for (const { field, message } of coreErrors) {
    let name = FIELD_OF_PATH[field] ?? (field.startsWith("policy.bands") ? "ratio" : "form")
    // A preset's own numbers are not on the form: a problem with them is the page's, not the person's.
    if (!manual && MANUAL_FIELDS.includes(name)) name = "form"
    errors[name] = errors[name] ? `${errors[name]}；${message}` : message
  }
  return errors
}

/**
 * The whole estimate from the form: the core's result, or messages by field.
 * @param {Record<string, string>} values - form field name -> text as typed
 * @param {object[]} presets - rows of policy-presets.json
 * @param {Ceilings} ceilings - the 22号 ceilings
 * @returns {{result: object} | {errors: Record<string, string>}}
 */
export function estimateForm(values, presets, ceilings) {
  const { input, errors } = readForm(values, presets, ceilings)
  if (Object.keys(errors).length) return { errors }
  try {
    return { result: estimate(input) }
  } catch (error) {
    if (!(error instanceof EstimateError)) throw error
    return { errors: placeErrors(error.errors, !values.preset) }
  }
}
