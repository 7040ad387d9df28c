/**
 * DOM adapter for the estimator page (/estimator/): reads the form, calls the shared core
 * (lib/estimator-core.mjs, the same code the Node tests and the Python reference agree on),
 * shows every step, and keeps the inputs in the URL so an estimate can be shared.
 * Nothing is sent anywhere: the only request is for the presets file of this site.
 */
import { EstimateError, estimate } from "./lib/estimator-core.mjs"
import { formatYuan, parseAmount, parsePercent } from "./lib/amount.mjs"

// The core names fields by JSON path; the page shows each message next to its input.
const INPUT_FOR_FIELD = {
  "bill.total": "est-total",
  "bill.out_of_catalog": "est-ooc",
  "bill.class_b_copay": "est-classb",
  "policy.deductible": "est-deductible",
  "policy.annual_cap": "est-cap",
  "policy.fund_used": "est-used",
  "filing.reduction.value": "est-reduction",
}
const STATE_FIELDS = ["preset", "scheme", "person", "level", "deductible", "ratio", "cap", "used", "total", "ooc", "classb", "filing", "reduction"]
const CHOICES = [["scheme", "scheme"], ["person", "person_type"], ["level", "hospital_level"]]
// 医保发〔2022〕22号: at most 10 points for referral and emergency, 20 for other temporary trips.
const MAX_REDUCTION = { referral: 10, emergency: 10, temporary: 20 }

/** @param {HTMLFormElement} $form - the estimator form */
async function wire($form) {
  $form.dataset.wired = "1"
  const presets = await loadPresets()
  const $preset = $form.elements.preset
  for (const group of [...new Map(presets.map(p => [p.group, p])).values()]) {
    $preset.add(new Option(group.name, group.group))
  }
  const params = new URLSearchParams(location.search)
  for (const name of STATE_FIELDS) {
    if (params.has(name) && $form.elements[name]) $form.elements[name].value = params.get(name)
  }
  const refresh = () => showPreset($form, presets)
  $preset.addEventListener("change", refresh)
  for (const [name] of CHOICES) $form.elements[name].addEventListener("change", () => showPreset($form, presets, false))
  $form.elements.filing.addEventListener("change", () => showReduction($form, presets))
  refresh()
  showReduction($form, presets)
  $form.addEventListener("submit", event => {
    event.preventDefault()
    run($form, presets, true)
  })
  if (params.has("total")) run($form, presets, false)
}

/** @returns {Promise<object[]>} the presets, or none when the file cannot be had */
async function loadPresets() {
  try {
    const response = await fetch(new URL("../assets/data/policy-presets.json", location.href))
    return response.ok ? await response.json() : []
  } catch {
    return []
  }
}

/** Rows of the chosen place that match the chosen scheme, person type and hospital level. */
function chosenRow($form, presets) {
  const rows = presets.filter(p => p.group === $form.elements.preset.value)
  return rows.find(row => CHOICES.every(([name, key]) => !$form.elements[name].value || row[key] === $form.elements[name].value)) || rows[0]
}

function showPreset($form, presets, rebuildChoices = true) {
  const group = $form.elements.preset.value
  const rows = presets.filter(p => p.group === group)
  $form.querySelector(".app-estimator__manual").hidden = Boolean(group)
  for (const [name, key] of CHOICES) {
    const $select = $form.elements[name]
    const values = [...new Set(rows.map(row => row[key]))]
    if (rebuildChoices) {
      const keep = $select.value
      $select.replaceChildren(...values.map(value => new Option(value, value)))
      if (values.includes(keep)) $select.value = keep
    }
    $form.querySelector(`[data-app-choice="${key}"]`).hidden = values.length < 2
  }
  const row = chosenRow($form, presets)
  $form.querySelector("#est-preset-note").textContent = row
    ? `${row.note ? row.note + "。" : ""}来源：${row.source}（${row.as_of}）。以参保地经办机构为准。`
    : "请按参保地的待遇通知填写起付线和支付比例；以参保地经办机构为准。"
}

function showReduction($form, presets) {
  const type = $form.elements.filing.value
  const $field = $form.querySelector("[data-app-reduction]")
  $field.hidden = !(type in MAX_REDUCTION)
  const row = chosenRow($form, presets)
  const preset = row && (type === "temporary" ? row.reduction_temporary : row.reduction_referral)
  if (!$field.hidden && preset != null && !$form.elements.reduction.value) {
    $form.elements.reduction.value = String(Math.round(preset * 10000) / 100)
  }
}

/** Read the form into the core's input, or collect a message per field. */
function readForm($form, presets) {
  const errors = {}
  const value = (id, parsed) => {
    if ("error" in parsed) errors[id] = parsed.error
    return parsed.value
  }
  const f = $form.elements
  const total = value("est-total", parseAmount(f.total.value, { label: "医疗总费用", required: true }))
  const ooc = value("est-ooc", parseAmount(f.ooc.value, { label: "目录外费用" }))
  const classb = value("est-classb", parseAmount(f.classb.value, { label: "乙类先行自付费用" }))
  const used = value("est-used", parseAmount(f.used.value, { label: "今年已支付金额" }))
  let policy
  const row = f.preset.value ? chosenRow($form, presets) : null
  if (row) {
    policy = { ...row.policy }
  } else {
    const deductible = value("est-deductible", parseAmount(f.deductible.value, { label: "起付线（没有起付线就填 0）", required: true }))
    const ratio = value("est-ratio", parsePercent(f.ratio.value, { label: "医保支付比例", required: true }))
    const cap = value("est-cap", parseAmount(f.cap.value, { label: "最高支付限额" }))
    policy = { deductible, bands: [{ from: 0, to: null, ratio }], band_basis: "absolute", annual_cap: cap }
  }
  policy.fund_used = used ?? 0
  const type = f.filing.value
  let reduction = null
  if (type in MAX_REDUCTION) {
    const points = value("est-reduction", parseAmount(f.reduction.value, { label: "下调的百分点" }))
    if (points !== null && points !== undefined) {
      if (points > MAX_REDUCTION[type]) errors["est-reduction"] = `按医保发〔2022〕22号，这种情况最多下调 ${MAX_REDUCTION[type]} 个百分点`
      else reduction = { mode: "points", value: Math.round(points * 100) / 10000 }
    }
  }
  const input = {
    bill: { total, out_of_catalog: ooc ?? 0, class_b_copay: classb ?? 0 },
    policy,
    filing: { type, reduction },
    serious_illness: null,
  }
  return { input, errors }
}

function showErrors($form, errors) {
  for (const $input of $form.querySelectorAll("input, select")) {
    const $error = $form.querySelector(`#${$input.id}-error`)
    const message = errors[$input.id] || ""
    if ($error) $error.textContent = message
    if (message) $input.setAttribute("aria-invalid", "true")
    else $input.removeAttribute("aria-invalid")
  }
  const general = errors.form || ""
  $form.querySelector("#est-form-error").textContent = general
  const $first = [...$form.querySelectorAll("input, select")].find($input => errors[$input.id])
  if ($first) $first.focus()
}

function run($form, presets, fromSubmit) {
  const { input, errors } = readForm($form, presets)
  const $result = document.getElementById("est-result")
  if (Object.keys(errors).length === 0) {
    try {
      render($result, estimate(input))
      saveState($form)
      showErrors($form, {})
      return
    } catch (error) {
      if (!(error instanceof EstimateError)) throw error
      for (const { field, message } of error.errors) {
        const id = field.startsWith("policy.bands") ? "est-ratio" : INPUT_FOR_FIELD[field]
        const target = id && !document.getElementById(id).closest("[hidden]") ? id : "form"
        errors[target] = errors[target] ? `${errors[target]}；${message}` : message
      }
    }
  }
  $result.replaceChildren()
  showErrors($form, errors)
  if (!fromSubmit) $form.scrollIntoView()
}

function saveState($form) {
  const params = new URLSearchParams()
  for (const name of STATE_FIELDS) {
    const $field = $form.elements[name]
    if ($field && $field.value && !$field.closest("[hidden]")) params.set(name, $field.value)
  }
  history.replaceState(history.state, "", `${location.pathname}?${params}`)
}

/** @param {HTMLElement} $result - the live region; @param {object} out - the core's output */
function render($result, out) {
  const el = (tag, props = {}, ...children) => {
    const $element = Object.assign(document.createElement(tag), props)
    $element.append(...children)
    return $element
  }
  const $summary = el("div", { className: "app-estimator__summary" },
    el("p", {}, el("span", { textContent: "医保基金支付" }), el("strong", { className: "app-estimator__fund", textContent: formatYuan(out.fund_total) })),
    el("p", {}, el("span", { textContent: "个人支付" }), el("strong", { className: "app-estimator__patient", textContent: formatYuan(out.patient_pays) })),
  )
  const $rows = out.steps.map(step => {
    const $row = el("tr", {}, el("td", { textContent: step.label }), el("td", { textContent: formatYuan(step.amount) }))
    $row.dataset.step = step.key
    return $row
  })
  const $table = el("table", { className: "app-estimator__steps" },
    el("caption", { textContent: "计算步骤" }),
    el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: "步骤" }), el("th", { scope: "col", textContent: "金额" }))),
    el("tbody", {}, ...$rows),
  )
  const $share = el("p", { className: "app-estimator__share", textContent: "本页地址已记下这次填写的数字，复制地址即可分享或下次再看。" })
  $result.replaceChildren(el("h2", { id: "result", textContent: "估算结果" }), $summary, $table, $share)
}

function start() {
  const $form = document.getElementById("app-estimator")
  if ($form && !$form.dataset.wired) wire($form)
}

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start)
else start()
