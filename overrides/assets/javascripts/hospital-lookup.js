/**
 * 查医院 page: wires the lookup form to the search core (lib/hospital-search.mjs); the texts and
 * decisions it shows come from lib/hospital-lookup.mjs (pure, tested in Node).
 *
 * The search lives in the URL query (q, province, city, district, level, service), so a search
 * is a link to share and the back button returns to the previous one. Typing replaces the
 * current history entry; a new entry starts with the first change after a finished search
 * (Enter, a filter change, or a search restored from the URL). Results are built with
 * textContent only: the data never becomes markup.
 *
 * This file runs on every page; the search code loads only where a lookup is mounted. The
 * loaded data is kept across Material's instant navigation.
 */

import { el, fillSelect, onPage } from "./lib/dom.mjs"

let modules = null
/** The search core and the page texts, loaded the first time a lookup is shown. */
const load = () => (modules ||= Promise.all([import("./lib/hospital-search.mjs"), import("./lib/hospital-lookup.mjs")]))
const datasets = new Map() // manifest URL -> HospitalData, kept across instant navigation

/** @param {string} url @returns {Promise<any>} parsed JSON; rejects on HTTP errors */
function fetchJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then(response => {
    if (!response.ok) throw new Error(`${response.status} ${url}`)
    return response.json()
  })
}

/** @param {HTMLElement} $root - the [data-app-hospital-lookup] section */
async function mount($root) {
  const [{ HospitalData, GLOBAL_ROW_BUDGET, stateFromParams, stateToParams }, page] = await load()
  const { PAGE, TEXT, TYPING_DELAY_MS, filterSummary, filtersOpen, helpFor, optionLabel, optionName, regionLabel, statusOf } = page
  const manifestURL = new URL($root.dataset.manifest, document.baseURI).href
  if (!datasets.has(manifestURL)) datasets.set(manifestURL, new HospitalData(manifestURL, fetchJSON))
  const data = datasets.get(manifestURL)
  const coverage = $root.dataset.coverage || ""

  const $form = $root.querySelector("form")
  const $q = $form.elements.q
  const $province = $form.elements.province
  const $city = $form.elements.city
  const $district = $form.elements.district
  const $level = $form.elements.level
  const $service = $form.elements.service
  const $filterBox = $root.querySelector(".app-lookup__filter-box")
  const $filterSummary = $root.querySelector(".app-lookup__filter-summary")
  const $status = $root.querySelector(".app-lookup__status")
  const $help = $root.querySelector(".app-lookup__help")
  const $results = $root.querySelector(".app-lookup__results")
  const $more = $root.querySelector(".app-lookup__more")
  const $moreResults = $more.querySelector("[data-app-more=results]")
  const $moreRegions = $more.querySelector("[data-app-more=regions]")

  let manifest
  try {
    manifest = await data.load()
  } catch (error) {
    return // the region list below the form still works; the form stays hidden
  }
  fillSelect($province, TEXT.allProvinces, manifest.provinces.map(p => ({ value: p.code, label: optionLabel(p.name, p.hospitals) })))
  fillSelect($level, TEXT.any, manifest.levels.map(l => ({ value: l, label: l })))
  fillSelect($service, TEXT.any, manifest.services.map(s => ({ value: s, label: s })))

  // The template's head script kept ?q= from Material's site search; put it back now.
  const handed = window.__appHospitalQuery
  delete window.__appHospitalQuery
  let state = data.cleanState(stateFromParams(handed || location.search))
  if (handed) history.replaceState(history.state, "", location.pathname + handed + location.hash)
  let committed = true // the next change starts a new history entry
  let limit = PAGE
  let budget = 0 // rows to search when no province is chosen, once "继续查找其他城市" is pressed
  let searched = 0 // rows the search on screen covered
  let run = 0 // the latest search; older answers are dropped
  let timer = 0

  /** Fill the city and district lists for the chosen province and city. */
  async function syncRegionLists() {
    const province = manifest.byCode.get(state.province)
    $city.disabled = !province
    fillSelect($city, province ? TEXT.allCities : TEXT.chooseProvince, province
      ? manifest.regions.filter(r => r.parent === province && r.code !== province.code).map(c => ({ value: c.code, label: optionLabel(c.name, c.hospitals) }))
      : [])
    $district.disabled = true
    fillSelect($district, state.city ? TEXT.loading : TEXT.chooseCity, [])
    if (state.city) {
      const districts = await data.districtsOf(state.city)
      $district.disabled = districts.length === 0
      fillSelect($district, districts.length ? TEXT.allDistricts : TEXT.noDistricts, districts.map(d => ({ value: d.code, label: optionLabel(d.name, d.hospitals) })))
    }
  }

  /** Show the state in the form. */
  async function showState() {
    $q.value = state.q
    $province.value = state.province
    await syncRegionLists()
    $city.value = state.city
    $district.value = state.district
    $level.value = state.level
    $service.value = state.service
    showFilterSummary()
    if (filtersOpen(state, matchMedia("(min-width: 45em)").matches)) $filterBox.open = true
  }

  /** @param {object} s - a state @returns {string[]} its province, city and district names */
  function regionNames(s) {
    const names = [s.province, s.city].map(code => (code && manifest.byCode.get(code)?.name) || "")
    // Districts are not in the manifest: their names come from the district list.
    const option = s.district && [...$district.options].find(o => o.value === s.district)
    return [...names, option ? optionName(option.textContent) : ""]
  }

  function showFilterSummary() {
    $filterSummary.textContent = filterSummary(regionNames(state), state)
  }

  /** @param {boolean} commit - whether this change finishes a search (a new entry starts after it) */
  function writeURL(commit) {
    const query = stateToParams(state)
    const url = location.pathname + (query ? "?" + query : "") + location.hash
    if (url !== location.pathname + location.search + location.hash) {
      if (committed) history.pushState(null, "", url)
      else history.replaceState(history.state, "", url)
      committed = false
    }
    if (commit) committed = true
  }

  function readForm() {
    state = data.cleanState({
      q: $q.value, province: $province.value, city: $city.value, district: $district.value,
      level: $level.value, service: $service.value
    })
  }

  async function search() {
    const mine = ++run
    $results.setAttribute("aria-busy", "true")
    let result
    try {
      result = await data.search(state, { limit, budget: budget || undefined })
    } catch (error) {
      if (mine !== run) return
      $results.removeAttribute("aria-busy")
      $status.textContent = TEXT.loadFailed
      return
    }
    if (mine !== run) return
    render(result)
  }

  /** @param {object} result - from HospitalData.search */
  function render(result) {
    $results.removeAttribute("aria-busy")
    $root.dataset.shown = stateToParams(result.state) // which search is on screen (tests wait for it)
    searched = result.searchedRows || 0
    const previous = $results.children.length
    const grew = result.results.length > previous && previous > 0 && result.status === "ok"
    $results.replaceChildren(...result.results.map(renderResult))
    const shown = statusOf(result, regionLabel(regionNames(result.state)))
    $status.textContent = shown.status
    $moreResults.hidden = !shown.moreResults
    $moreRegions.hidden = !shown.moreRegions
    $more.hidden = !shown.moreResults && !shown.moreRegions
    $help.hidden = !shown.help
    $help.replaceChildren()
    if (shown.help) showHelp(result.state)
    if (grew) $results.children[previous].focus()
  }

  /** The "no result" help: what to check, and buttons that widen the search. @param {object} s - the state searched */
  function showHelp(s) {
    const { tips, widen } = helpFor(s, coverage)
    $help.append(el("p", { className: "app-lookup__help-title" }, TEXT.helpTitle), el("ul", {}, ...tips.map(tip => el("li", {}, tip))))
    if (!widen.length) return
    $help.append(el("p", { className: "app-lookup__widen" }, ...widen.map(({ label, change }) => {
      const $button = el("button", { className: "md-button", type: "button" }, label)
      $button.addEventListener("click", () => {
        state = { ...state, ...change }
        committed = true
        writeURL(true)
        showState().then(() => search())
      })
      return $button
    })))
  }

  /** @param {object} h - one result @returns {HTMLLIElement} */
  function renderResult(h) {
    const fact = (label, ...value) => el("div", {}, el("dt", {}, label), el("dd", {}, ...value))
    const place = [h.province.name, h.city.name, h.district ? h.district.name : ""].filter((n, i, all) => n && all.indexOf(n) === i)
    const $facts = el("dl", { className: "app-facts" },
      fact("级别", h.level),
      fact("可直接结算", h.services.join("、")),
      fact("所在地", place.join(" ")))
    if (h.address) $facts.append(fact("地址", h.address))
    if (h.phone) $facts.append(fact("电话", el("a", { className: "app-tel", href: h.phone.tel }, h.phone.display)))
    return el("li", { className: "app-result", tabIndex: -1, "data-hospital-id": h.id },
      el("h3", { className: "app-result__name" }, h.name),
      $facts,
      el("p", { className: "app-result__more" },
        el("a", { className: "app-result__city", href: `${h.province.code}/${h.city.code}/` }, `${h.city.name}的全部联网医院`)))
  }

  function scheduleSearch() {
    clearTimeout(timer)
    timer = setTimeout(() => {
      readForm()
      limit = PAGE
      budget = 0
      writeURL(false)
      search()
    }, TYPING_DELAY_MS)
  }

  $q.addEventListener("input", scheduleSearch)
  $form.addEventListener("change", async event => {
    if (event.target === $q) return
    clearTimeout(timer)
    if (event.target === $province) { $city.value = ""; $district.value = "" }
    if (event.target === $city) $district.value = ""
    readForm()
    limit = PAGE
    budget = 0
    writeURL(true)
    if (event.target === $province || event.target === $city) await syncRegionLists()
    $city.value = state.city
    $district.value = state.district
    showFilterSummary()
    search()
  })
  $form.addEventListener("submit", event => {
    event.preventDefault()
    clearTimeout(timer)
    readForm()
    limit = PAGE
    budget = 0
    writeURL(true)
    search()
  })
  $form.addEventListener("reset", event => {
    event.preventDefault()
    clearTimeout(timer)
    state = data.cleanState({})
    writeURL(true)
    showState().then(() => search())
    $q.focus()
  })
  $moreResults.addEventListener("click", () => { limit += PAGE; search() })
  $moreRegions.addEventListener("click", () => {
    budget = searched + GLOBAL_ROW_BUDGET // what was searched (loaded, so cached) and one more budget
    search()
  })

  const onPopState = () => {
    if (!document.body.contains($root)) {
      window.removeEventListener("popstate", onPopState)
      return
    }
    clearTimeout(timer)
    state = data.cleanState(stateFromParams(location.search))
    committed = true
    limit = PAGE
    budget = 0
    showState().then(() => search())
  }
  window.addEventListener("popstate", onPopState)

  await showState()
  $root.hidden = false
  await search()
  $root.dataset.ready = "true"
}

onPage("[data-app-hospital-lookup]", mount)
