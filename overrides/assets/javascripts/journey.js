/**
 * 能直接结算吗？ page: wires the journey form to the pure core (lib/journey.mjs).
 *
 * The journey lives in the URL query (insured, treat, care, disease, reason, filed, hospital), so
 * an answer is a link to send to family. Submitting pushes a history entry; Back shows the
 * previous answer. Places are picked by name, pinyin or initials from the build's places file;
 * the hospital with the lookup's search (lib/hospital-search.mjs). Everything is written with
 * textContent (lib/dom.mjs `el`): the data never becomes markup.
 */
import { el, fillSelect, onPage } from "./lib/dom.mjs"
import { HospitalData } from "./lib/hospital-search.mjs"
import { CARES, DISEASES, FILED, Places, REASONS, decide, findHospital, stateFromParams, stateToParams } from "./lib/journey.mjs"

const PLACE_FIELDS = ["insured", "treat"]
const FIELD_NAMES = { insured: "参保地", treat: "就医城市", care: "看病的类型", disease: "病种", reason: "原因", filed: "是否备案" }

/** @param {string} url @returns {Promise<any>} parsed JSON; rejects on HTTP errors */
function fetchJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then(response => {
    if (!response.ok) throw new Error(`${response.status} ${url}`)
    return response.json()
  })
}

/** @param {HTMLElement} $root - the [data-app-journey] section */
async function mount($root) {
  const $form = $root.querySelector("form")
  const $status = $root.querySelector("[data-app-journey-status]")
  const $result = $root.querySelector("[data-app-journey-result]")
  const base = new URL($root.dataset.base, document.baseURI)
  let places
  try {
    places = new Places(await fetchJSON(new URL($root.dataset.places, document.baseURI).href))
  } catch {
    $root.hidden = false
    $form.hidden = true
    $status.textContent = "地区资料没有载入（可能没有网络）：请按下面“自己判断”的步骤判断。"
    $result.replaceChildren(el("p", { className: "app-journey__problem", textContent: $status.textContent }))
    return
  }
  const hospitals = new HospitalData(new URL($root.dataset.hospitals, document.baseURI).href, fetchJSON)
  const href = path => new URL(path, base).href

  fillSelect($form.elements.care, "请选择", CARES)
  fillSelect($form.elements.disease, "请选择", DISEASES)
  fillSelect($form.elements.reason, "请选择", REASONS)
  fillSelect($form.elements.filed, "请选择", FILED)
  fillSelect($form.elements.hospital, "不指定医院", [])
  const $disease = $root.querySelector("[data-app-disease]")
  const showDisease = () => { $disease.hidden = $form.elements.care.value !== "chronic" }
  $form.elements.care.addEventListener("change", showDisease)

  // Places: typing offers matching places as buttons; choosing one keeps its code on the input.
  for (const name of PLACE_FIELDS) {
    const $input = $form.elements[name]
    const $choices = $input.closest("[data-app-place]").querySelector(".app-journey__choices")
    $input.addEventListener("input", () => {
      delete $input.dataset.code
      showChoices(name, places.search($input.value, { citiesOnly: name === "treat", limit: 6 }))
    })
    $choices.addEventListener("click", event => {
      const $button = event.target.closest("button[data-code]")
      if (!$button) return
      choosePlace(name, places.get($button.dataset.code))
      $input.focus()
    })
  }

  /** @param {string} name @param {object[]} found */
  function showChoices(name, found) {
    const $choices = $form.elements[name].closest("[data-app-place]").querySelector(".app-journey__choices")
    $choices.replaceChildren(...found.map(p => el("li", {}, el("button", { type: "button", className: "app-journey__choice", "data-code": p.code, textContent: places.label(p) }))))
    $choices.hidden = !found.length
  }

  /** @param {string} name @param {object|null} place */
  function choosePlace(name, place) {
    const $input = $form.elements[name]
    if (!place) return
    // Another city of treatment: a hospital picked in the old one no longer fits.
    if (name === "treat" && $input.dataset.code !== place.code) fillSelect($form.elements.hospital, "不指定医院", [])
    $input.value = places.label(place)
    $input.dataset.code = place.code
    showChoices(name, [])
    setError(name, "")
  }

  /** @param {string} name @param {string} message */
  function setError(name, message) {
    const $field = $form.elements[name]
    $root.querySelector(`#app-journey-${name}-error`).textContent = message
    if (message) $field.setAttribute("aria-invalid", "true")
    else $field.removeAttribute("aria-invalid")
  }

  /** @returns {Record<string, string>} the journey as the form holds it */
  function readForm() {
    const state = {}
    for (const name of PLACE_FIELDS) state[name] = $form.elements[name].dataset.code || $form.elements[name].value.trim()
    for (const name of ["care", "disease", "reason", "filed", "hospital"]) state[name] = $form.elements[name].value
    return state
  }

  /** Put a journey (from the URL) into the form. @param {Record<string, string>} state */
  function writeForm(state) {
    for (const name of PLACE_FIELDS) {
      const place = /^\d{6}$/.test(state[name]) ? places.place(state[name]) : null
      if (place && (name === "insured" || place.province)) choosePlace(name, place)
      else {
        $form.elements[name].value = state[name]
        delete $form.elements[name].dataset.code
      }
    }
    for (const name of ["care", "disease", "reason", "filed"]) {
      const $select = $form.elements[name]
      $select.value = [...$select.options].some(o => o.value === state[name]) ? state[name] : ""
    }
    showDisease()
    // The hospital's name is known once the answer has looked the id up.
    fillSelect($form.elements.hospital, "不指定医院", state.hospital ? [{ value: state.hospital, label: `编号 ${state.hospital}` }] : [])
    $form.elements.hospital.value = state.hospital
  }

  // Hospital: the lookup's own search, kept to the city of treatment.
  const $hospitalQ = $root.querySelector("#app-journey-hospital-q")
  const $hospitalStatus = $root.querySelector("#app-journey-hospital-status")
  async function searchHospitals() {
    const city = places.resolve(readForm().treat, { citiesOnly: true, label: "就医城市" })
    if (city.error) {
      $hospitalStatus.textContent = "请先选择就医城市，再查找医院。"
      return
    }
    choosePlace("treat", city.place) // the hospitals found belong to this city
    $hospitalStatus.textContent = "正在查找……"
    try {
      const found = await hospitals.search({ q: $hospitalQ.value, city: city.place.code }, { limit: 30 })
      fillSelect($form.elements.hospital, "不指定医院", found.results.map(h => ({ value: h.id, label: `${h.name}（${h.services.join("、")}）` })))
      if (found.results.length) $form.elements.hospital.selectedIndex = 1
      $hospitalStatus.textContent = found.results.length
        ? `找到 ${found.total} 家，已选第一家；可以在“选中的医院”里换一家。`
        : `本站名单上${city.place.name}没有找到这家医院。可以不指定医院。`
    } catch {
      $hospitalStatus.textContent = "医院名单没有载入（可能没有网络）：可以不指定医院。"
    }
  }
  $root.querySelector("[data-app-hospital-search]").addEventListener("click", searchHospitals)
  $hospitalQ.addEventListener("keydown", event => {
    if (event.key === "Enter") {
      event.preventDefault()
      searchHospitals()
    }
  })

  /**
   * Answer the journey in the form; the URL already holds it.
   * @param {{focusError: boolean, focusAnswer?: boolean}} options - after a submit, focus goes to the
   *   first wrong field or to the answer (which comes before the form)
   */
  async function answer({ focusError, focusAnswer = false }) {
    const state = readForm()
    let hospital
    if (state.hospital) {
      const city = places.resolve(state.treat, { citiesOnly: true, label: "就医城市" }).place
      try {
        // Every listed row settles at least one kind of care, so the sum bounds the city's rows.
        const rows = Object.values(city?.hospitals || {}).reduce((a, b) => a + b, 0)
        hospital = city ? await findHospital(hospitals, city.code, state.hospital, rows) : null
      } catch {
        hospital = null
      }
    }
    const result = decide(state, places, hospital)
    for (const name of PLACE_FIELDS) if (/^\d{6}$/.test(result.state[name]) && !result.errors?.[name]) choosePlace(name, places.get(result.state[name]))
    for (const name of Object.keys(FIELD_NAMES)) setError(name, result.ok ? "" : result.errors[name] || "")
    if (!result.ok) {
      for (const [name, choices] of Object.entries(result.choices)) if (choices.length) showChoices(name, choices)
      const wrong = Object.keys(FIELD_NAMES).filter(name => result.errors[name])
      $status.textContent = `请先补充或改正：${wrong.map(name => FIELD_NAMES[name]).join("、")}。`
      $result.replaceChildren()
      if (focusError) $form.elements[wrong[0]].focus()
      return
    }
    if (hospital) {
      fillSelect($form.elements.hospital, "不指定医院", [{ value: hospital.id, label: `${hospital.name}（${hospital.services.join("、")}）` }])
      $form.elements.hospital.value = hospital.id
    } else if (state.hospital) {
      fillSelect($form.elements.hospital, "不指定医院", [{ value: state.hospital, label: `编号 ${state.hospital}（名单上没有）` }])
      $form.elements.hospital.value = state.hospital
    }
    $result.replaceChildren(render(result))
    $status.textContent = `答案：${result.headline}。${result.summary}`
    if (focusAnswer) $result.querySelector("h2").focus()
  }

  /** The answer: verdict, reasons with their facts, next steps, the printable card. */
  function render(result) {
    const link = (path, text) => el("a", { href: href(path), textContent: text })
    const card = result.card
    const $card = el("div", { className: "app-journey__card", "aria-labelledby": "app-journey-card-title" },
      el("h3", { id: "app-journey-card-title", textContent: "异地就医卡片" }),
      el("p", { className: "app-journey__card-verdict", textContent: card.verdict }),
      el("p", { textContent: card.summary }),
      el("dl", {}, ...[
        ["参保地", card.insured], ["就医城市", card.treat], ["看病类型", card.care], ["原因", card.reason],
        ["备案", card.filing], ["医院", card.hospital],
      ].filter(([, value]) => value).flatMap(([term, value]) => [el("dt", { textContent: term }), el("dd", { textContent: value })]),
      el("dt", { textContent: "咨询电话" }),
      el("dd", {}, el("ul", {}, ...card.phones.map(c => el("li", {}, `${c.name}：`, ...c.phones.flatMap((p, i) => [i ? "、" : "", el("a", { href: p[1], textContent: p[0] })]), `（${c.asOf}）`)))),
      el("dt", { textContent: "医院名单日期" }), el("dd", { textContent: card.asOf || "不详" })),
      el("p", { className: "app-journey__card-link", textContent: `这个答案的链接：${location.origin}${location.pathname}?${stateToParams(result.state)}` }),
      el("p", { className: "app-journey__card-note", textContent: "本站为公益参考资料，以参保地经办机构的解释为准。" }))
    return el("section", { className: `app-journey__answer app-journey__answer--${result.verdict}`, "data-journey-verdict": result.verdict, "aria-labelledby": "app-journey-answer-title" },
      el("h2", { id: "app-journey-answer-title", tabIndex: -1, textContent: result.headline }),
      el("p", { className: "app-journey__summary", textContent: result.summary }),
      el("h3", { textContent: "为什么" }),
      el("ul", { className: "app-journey__reasons" }, ...result.reasons.map(r =>
        el("li", { "data-reason": r.id }, r.text, el("span", { className: "app-journey__fact" }, `依据：${r.fact}。`, link(r.href, "看说明"))))),
      el("h3", { textContent: "下一步" }),
      el("ol", { className: "app-journey__steps" }, ...result.steps.map(s =>
        el("li", { "data-step": s.id }, s.text, ...(s.href ? [" ", link(s.href, s.linkText || "打开")] : [])))),
      $card,
      el("p", { className: "app-journey__actions" },
        el("button", { type: "button", className: "md-button", textContent: "打印卡片", onclick: () => window.print() }),
        " ", el("a", { href: "#app-journey-title", textContent: "修改这次的情况" })))
  }

  $form.addEventListener("submit", event => {
    event.preventDefault()
    // A typed name that names one place counts as chosen, so the link holds codes.
    for (const name of PLACE_FIELDS) {
      const found = places.resolve(readForm()[name], { citiesOnly: name === "treat", label: FIELD_NAMES[name] })
      if (found.place) choosePlace(name, found.place)
    }
    const query = stateToParams(readForm())
    const url = `${location.pathname}${query ? `?${query}` : ""}`
    if (url !== location.pathname + location.search) history.pushState(null, "", url)
    answer({ focusError: true, focusAnswer: true })
  })

  /** Show the journey the URL holds (on load and on Back/Forward). */
  async function fromURL() {
    const state = stateFromParams(location.search)
    writeForm(state)
    if (!STATE_PRESENT(state)) {
      $result.replaceChildren()
      return
    }
    await answer({ focusError: false })
    // Names from the home page's form become codes, so the link is the same for everyone.
    const clean = stateToParams(readForm())
    if (clean && `?${clean}` !== location.search) history.replaceState(null, "", `${location.pathname}?${clean}`)
  }
  addEventListener("popstate", () => { if ($root.isConnected) fromURL() })
  $root.hidden = false
  await fromURL()
  $root.dataset.ready = "true"
}

/** @param {Record<string, string>} state @returns {boolean} true when the URL asks something */
const STATE_PRESENT = state => Object.values(state).some(Boolean)

onPage("[data-app-journey]", mount)
