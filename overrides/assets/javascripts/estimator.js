/**
 * DOM adapter for the estimator page (/estimator/): fills the form from the presets, hands what
 * was typed to lib/estimator-form.mjs (which calls the shared core, lib/estimator-core.mjs), and
 * shows the result, every step, and each message next to its field. The inputs are kept in the
 * URL so an estimate can be shared. Nothing typed is sent anywhere: the only request is for
 * this site's presets file, and everything is written with textContent.
 *
 * An ES module loaded by the page template (overrides/tool.html); onPage() from lib/dom.mjs
 * wires the form on every page Material shows (instant navigation included), once per form.
 */
import {
  CHOICES, STATE_FIELDS, estimateForm, groupsOf, pickPreset, presetChoices, presetNote,
  presetReduction,
} from "./lib/estimator-form.mjs"
import { formatYuan } from "./lib/amount.mjs"
import { el, onPage } from "./lib/dom.mjs"

// Steps that sum up: shown in bold.
const TOTAL_STEPS = new Set(["basic_fund", "serious_illness", "fund_total", "patient_pays"])
let presetsPromise = null // the presets file, fetched once while this module lives
// Material replaces the page's content (and runs this module again) on its first in-page link (the
// skip link, a table-of-contents entry): what was typed is kept in this tab's sessionStorage.
const DRAFT_KEY = "app-estimator-draft:"

/** @returns {Promise<object[]>} the presets, or none when the file cannot be had (the manual mode still works) */
function loadPresets() {
  // The file's name carries a hash of its content (generator/hooks.py); the page says which it is.
  const name = document.querySelector("[data-app-presets]")?.getAttribute("data-app-presets")
  presetsPromise ||= (name ? fetch(new URL(name, location.href), { credentials: "same-origin" }) : Promise.reject(new Error("no presets file")))
    .then(response => (response.ok ? response.json() : []))
    .catch(() => [])
  return presetsPromise
}

/** @param {HTMLFormElement} $form @returns {Record<string, string>} field name -> value; hidden fields are left out */
function formValues($form) {
  const values = {}
  for (const name of STATE_FIELDS) {
    const $field = $form.elements[name]
    if ($field && !$field.closest("[hidden]")) values[name] = $field.value
  }
  return values
}

/** @param {HTMLSelectElement} $select @param {string | undefined} value - set only when it is one of the options */
function choose($select, value) {
  if ([...$select.options].some($option => $option.value === value)) $select.value = value
}

/**
 * Offer the scheme, person type and hospital level the chosen place has rows for.
 * @param {HTMLFormElement} $form @param {object[]} presets @param {Record<string, string>} wanted - values to keep
 */
function showChoices($form, presets, wanted) {
  for (const { name, values, value } of presetChoices(presets, $form.elements.preset.value, wanted)) {
    const $select = $form.elements[name]
    $select.replaceChildren(...values.map(v => new Option(v, v)))
    $select.value = value
    $select.closest(".app-field").hidden = values.length < 2
  }
  $form.querySelector(".app-estimator__manual").hidden = Boolean($form.elements.preset.value)
  $form.querySelector("#est-preset-note").textContent = presetNote(chosenRow($form, presets))
}

/** @returns {object | null} the preset row that fits the form, null in the manual mode */
function chosenRow($form, presets) {
  const values = Object.fromEntries(CHOICES.map(([name]) => [name, $form.elements[name].value]))
  return $form.elements.preset.value ? pickPreset(presets, $form.elements.preset.value, values) : null
}

/** @param {HTMLFormElement} $form @returns {Record<string, number>} the 22号 ceilings the build wrote into the form */
function ceilingsOf($form) {
  return JSON.parse($form.dataset.maxReductionPoints)
}

/** Show the reduction fields for filing types that may have one; a preset fills them in. */
function showReduction($form, presets, fromPreset) {
  const type = $form.elements.filing.value
  const ceilings = ceilingsOf($form)
  $form.querySelector("[data-app-reduction]").hidden = !(type in ceilings)
  const row = chosenRow($form, presets)
  if (fromPreset && row) {
    const { mode, reduction } = presetReduction(row, type, ceilings)
    $form.elements.mode.value = mode
    $form.elements.reduction.value = reduction
  }
  $form.querySelector("label[for=est-reduction]").textContent = $form.elements.mode.value === "pay_first"
    ? "先自付的比例（%，没有就留空）"
    : "支付比例下调几个百分点（没有就留空）"
}

/** @param {HTMLFormElement} $form @param {Record<string, string>} errors - message by field name */
function showErrors($form, errors) {
  for (const name of STATE_FIELDS) {
    const $field = $form.elements[name]
    const $error = $form.querySelector(`#est-${name}-error`)
    if (!$field || !$error) continue
    $error.textContent = errors[name] || ""
    if (errors[name]) $field.setAttribute("aria-invalid", "true")
    else $field.removeAttribute("aria-invalid")
  }
  $form.querySelector("#est-form-error").textContent = errors.form || ""
}

/** Estimate from the form; on success show it and put the inputs in the URL. */
function run($form, presets, { focus }) {
  const values = formValues($form)
  const outcome = estimateForm(values, presets, ceilingsOf($form))
  const $status = document.getElementById("est-status")
  const $result = document.getElementById("est-result")
  if (outcome.errors) {
    showErrors($form, outcome.errors)
    $result.replaceChildren()
    const fields = Object.keys(outcome.errors).filter(name => name !== "form").length
    $status.textContent = fields ? `有 ${fields} 处需要修改，请看标出的栏目。` : outcome.errors.form
    const $first = STATE_FIELDS.map(name => $form.elements[name]).find($f => $f && $f.getAttribute("aria-invalid"))
    if (focus && $first) $first.focus()
    return
  }
  showErrors($form, {})
  const out = outcome.result
  const total = out.steps.find(step => step.key === "total").amount
  $status.textContent = `估算结果：医疗总费用 ${formatYuan(total)} 中，医保基金支付 ${formatYuan(out.fund_total)}，个人支付 ${formatYuan(out.patient_pays)}。`
  render($result, out)
  saveState(values)
}

/** Keep what the form holds, and whether a result is shown, for when the page's content is replaced. */
function remember($form) {
  const shown = document.getElementById("est-result").childElementCount > 0
  try {
    sessionStorage.setItem(DRAFT_KEY + location.pathname, JSON.stringify({ values: formValues($form), shown }))
  } catch { /* storage off: the form still works, a replaced page starts empty */ }
}

/** @returns {{values: Record<string, string>, shown: boolean} | null} this tab's draft for this page */
function draftOf() {
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY + location.pathname))
    return draft && typeof draft.values === "object" && draft.values ? draft : null
  } catch {
    return null
  }
}

/** @param {Record<string, string>} values - the form's visible values */
function saveState(values) {
  const params = new URLSearchParams()
  for (const name of STATE_FIELDS) if (values[name]) params.set(name, values[name])
  // An emptied reduction is a choice too: without it, a preset's reduction would fill the shared form.
  if (values.reduction === "") params.set("reduction", "")
  history.replaceState(history.state, "", `${location.pathname}?${params}`)
}

/** @param {HTMLElement} $result - where the result goes @param {object} out - the core's output */
function render($result, out) {
  const $summary = el("div", { className: "app-estimator__summary" },
    el("p", {}, el("span", { textContent: "医保基金支付" }), el("strong", { className: "app-estimator__fund", textContent: formatYuan(out.fund_total) })),
    el("p", {}, el("span", { textContent: "个人支付" }), el("strong", { className: "app-estimator__patient", textContent: formatYuan(out.patient_pays) })),
  )
  const $rows = out.steps.map((step, index) => {
    const $row = el("tr", {},
      el("td", { textContent: String(index + 1) }),
      el("td", { textContent: step.label }),
      el("td", { textContent: formatYuan(step.amount) }))
    $row.dataset.step = step.key
    if (TOTAL_STEPS.has(step.key)) $row.className = "app-estimator__total"
    return $row
  })
  const $table = el("table", { className: "app-estimator__steps" },
    el("caption", { textContent: "计算步骤（金额单位：元）" }),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col", textContent: "序号" }),
      el("th", { scope: "col", textContent: "步骤" }),
      el("th", { scope: "col", textContent: "金额" }))),
    el("tbody", {}, ...$rows),
  )
  const $share = el("p", { className: "app-estimator__share", textContent: "本页地址已记下这次填写的数字：复制浏览器地址栏里的地址，就可以分享或下次再看。估算不是结算，实际金额以医院结算单为准。" })
  $result.replaceChildren(el("h2", { id: "result", textContent: "估算结果" }), $summary, $table, $share)
}

/** @param {HTMLFormElement} $form - the estimator form, not yet wired */
async function wire($form) {
  $form.dataset.wired = "1"
  const presets = await loadPresets()
  const $preset = $form.elements.preset
  for (const { group, name } of groupsOf(presets)) $preset.add(new Option(name, group))
  // A shared link, else this visit's draft: put its values back in form order, so that the
  // choices it names exist when set.
  const query = Object.fromEntries(new URLSearchParams(location.search))
  const draft = draftOf()
  const fromLink = STATE_FIELDS.some(name => name in query) || !draft
  const state = fromLink ? query : draft.values
  choose($preset, state.preset)
  showChoices($form, presets, state)
  for (const name of STATE_FIELDS) {
    const $field = $form.elements[name]
    if (name in state && $field.tagName === "INPUT") $field.value = state[name]
  }
  choose($form.elements.filing, state.filing)
  choose($form.elements.mode, state.mode)
  showReduction($form, presets, !("reduction" in state))

  const refresh = () => {
    showChoices($form, presets, formValues($form))
    showReduction($form, presets, true)
  }
  $preset.addEventListener("change", refresh)
  for (const [name] of CHOICES) $form.elements[name].addEventListener("change", refresh)
  $form.elements.filing.addEventListener("change", () => showReduction($form, presets, true))
  $form.elements.mode.addEventListener("change", () => showReduction($form, presets, false))
  $form.addEventListener("submit", event => {
    event.preventDefault()
    run($form, presets, { focus: true })
    remember($form)
  })
  $form.addEventListener("input", () => remember($form))
  $form.addEventListener("change", () => remember($form))
  if (fromLink ? state.total : draft.shown) run($form, presets, { focus: false })
}

onPage("#app-estimator", wire)
