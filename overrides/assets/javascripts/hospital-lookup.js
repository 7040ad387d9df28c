/**
 * 查医院 page: wires the lookup form to the search core (lib/hospital-search.mjs).
 *
 * The search lives in the URL query (q, province, city, district, level, service), so a search
 * is a link to share and the back button returns to the previous one. Typing replaces the
 * current history entry; a new entry starts with the first change after a finished search
 * (Enter, a filter change, or a search restored from the URL). Results are built with
 * textContent only: the data never becomes markup.
 *
 * Material swaps pages without a reload (instant navigation), so the page is wired from
 * document$, and the loaded data is kept across page switches.
 */

let corePromise = null
/** The search core, loaded the first time a lookup page is shown (this file runs on every page). */
const core = () => (corePromise ||= import("./lib/hospital-search.mjs"))
const datasets = new Map() // manifest URL -> HospitalData, kept across instant navigation
const PAGE = 20 // results shown at a time
const TYPING_DELAY_MS = 150

/** @param {string} url @returns {Promise<any>} parsed JSON; rejects on HTTP errors */
function fetchJSON(url) {
  return fetch(url, { credentials: "same-origin" }).then(response => {
    if (!response.ok) throw new Error(`${response.status} ${url}`)
    return response.json()
  })
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
function el(tag, className, text) {
  const $el = document.createElement(tag)
  if (className) $el.className = className
  if (text !== undefined) $el.textContent = text
  return $el
}

/**
 * @param {HTMLSelectElement} $select
 * @param {string} emptyLabel - the first option, value ""
 * @param {{value: string, label: string}[]} options
 */
function fillSelect($select, emptyLabel, options) {
  $select.replaceChildren(new Option(emptyLabel, ""), ...options.map(o => new Option(o.label, o.value)))
}

/** @param {HTMLElement} $root - the [data-app-hospital-lookup] section */
async function setUp($root) {
  const { HospitalData, stateFromParams, stateToParams } = await core()
  const manifestURL = new URL($root.dataset.manifest, document.baseURI).href
  if (!datasets.has(manifestURL)) datasets.set(manifestURL, new HospitalData(manifestURL, fetchJSON))
  const data = datasets.get(manifestURL)

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
  const count = n => n.toLocaleString("zh-CN")
  fillSelect($province, "全国", manifest.provinces.map(p => ({ value: p.code, label: `${p.name}（${count(p.hospitals)}）` })))
  fillSelect($level, "不限", manifest.levels.map(l => ({ value: l, label: l })))
  fillSelect($service, "不限", manifest.services.map(s => ({ value: s, label: s })))

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
    fillSelect($city, province ? "全部城市" : "请先选省份", province
      ? manifest.regions.filter(r => r.parent === province && r.code !== province.code).map(c => ({ value: c.code, label: `${c.name}（${count(c.hospitals)}）` }))
      : [])
    $district.disabled = true
    fillSelect($district, state.city ? "正在加载…" : "请先选城市", [])
    if (state.city) {
      const districts = await data.districtsOf(state.city)
      $district.disabled = districts.length === 0
      fillSelect($district, districts.length ? "全部区县" : "（不分区县）", districts.map(d => ({ value: d.code, label: `${d.name}（${count(d.hospitals)}）` })))
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
    // Filters stay folded on phones until used, so results start near the top of the screen.
    if (state.province || state.level || state.service || matchMedia("(min-width: 45em)").matches) $filterBox.open = true
  }

  /** The chosen filters, next to the fold's label: "：山东省 济宁市 · 未定级". */
  function showFilterSummary() {
    const region = [state.province, state.city].map(code => code && manifest.byCode.get(code)?.name).filter((n, i, all) => n && all.indexOf(n) === i)
    if (state.district) region.push([...$district.options].find(o => o.value === state.district)?.textContent.replace(/（.*$/, "") || "")
    const parts = [region.join(" "), state.level, state.service].filter(Boolean)
    $filterSummary.textContent = parts.length ? `：${parts.join(" · ")}` : ""
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
      $status.textContent = "数据加载失败，请检查网络后再试。下面的地区列表不需要联网加载数据。"
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
    $help.hidden = true
    $help.replaceChildren()
    $more.hidden = true
    if (result.status === "empty") {
      $status.textContent = "输入医院名称，或选择一个地区。"
      return
    }
    const where = regionLabel(result.state)
    if (result.total === 0 && result.complete) {
      $status.textContent = `${where}没有找到符合条件的医院。`
      showHelp(result)
      return
    }
    const shown = result.results.length
    let text = result.total > shown ? `${where}找到 ${count(result.total)} 家，显示前 ${shown} 家。` : `${where}找到 ${count(result.total)} 家。`
    if (!result.complete) {
      text = `在 ${count(result.searchedCities)} 个城市中找到 ${count(result.total)} 家；还有 ${count(result.candidateCities - result.searchedCities)} 个城市没有查找。选择省份可以查得更全。`
    }
    $status.textContent = text
    $moreResults.hidden = !(result.total > shown)
    $moreRegions.hidden = result.complete
    $more.hidden = $moreResults.hidden && $moreRegions.hidden
    if (result.total === 0) showHelp(result)
    if (grew) $results.children[previous].focus()
  }

  /** @param {object} s - a state @returns {string} "在山东省济宁市" or "全国" */
  function regionLabel(s) {
    const names = [s.province, s.city, s.district].map(code => code && (manifest.byCode.get(code) || {}).name).filter(Boolean)
    if (s.district && !manifest.byCode.get(s.district)) {
      const option = [...$district.options].find(o => o.value === s.district)
      if (option) names.push(option.textContent.replace(/（.*$/, ""))
    }
    const unique = names.filter((n, i) => names.indexOf(n) === i) // 北京市 is province and city
    return unique.length ? `在${unique.join("")}` : "在全国"
  }

  /** The "no result" help: what to check, and buttons that widen the search. */
  function showHelp(result) {
    const s = result.state
    const $list = el("ul")
    if (s.q) $list.append(el("li", "", "检查名称有没有错别字，或者少输几个字，只输名称中最有特点的部分（如“附属”“第一人民”）。"))
    if (s.q) $list.append(el("li", "", "也可以输入拼音或拼音首字母，如 jining 或 jnsdyrmyy。"))
    const widen = []
    if (s.level || s.service) widen.push(["不限级别和结算类别", { level: "", service: "" }])
    if (s.district) widen.push(["在全市查找", { district: "" }])
    if (s.city) widen.push(["在全省查找", { city: "", district: "" }])
    if (s.province) widen.push(["在全国查找", { province: "", city: "", district: "" }])
    const $buttons = el("p", "app-lookup__widen")
    for (const [label, change] of widen) {
      const $button = el("button", "md-button", label)
      $button.type = "button"
      $button.addEventListener("click", () => {
        state = { ...state, ...change }
        committed = true
        writeURL(true)
        showState().then(() => search())
      })
      $buttons.append($button)
    }
    if (!s.province && s.q) $list.append(el("li", "", "名单只收录联网定点医院；不在名单中的医院不能直接结算，可以拨打 12333 或参保地经办机构咨询。"))
    $help.replaceChildren(el("p", "app-lookup__help-title", "可以这样试试："), $list)
    if (widen.length) $help.append($buttons)
    $help.hidden = false
  }

  /** @param {object} h - one result @returns {HTMLLIElement} */
  function renderResult(h) {
    const $li = el("li", "app-result")
    $li.dataset.hospitalId = h.id
    $li.tabIndex = -1
    $li.append(el("h3", "app-result__name", h.name))
    const $facts = el("dl", "app-facts")
    const fact = (label, $value) => {
      const $row = el("div")
      $row.append(el("dt", "", label), $value)
      $facts.append($row)
    }
    fact("级别", el("dd", "", h.level))
    fact("可直接结算", el("dd", "", h.services.join("、")))
    const place = [h.province.name, h.city.name, h.district ? h.district.name : ""].filter((n, i, all) => n && all.indexOf(n) === i)
    fact("所在地", el("dd", "", place.join(" ")))
    if (h.address) fact("地址", el("dd", "", h.address))
    if (h.phone) {
      const $dd = el("dd")
      const $a = el("a", "app-tel", h.phone.display)
      $a.href = h.phone.tel
      $dd.append($a)
      fact("电话", $dd)
    }
    $li.append($facts)
    const $link = el("a", "app-result__city", `${h.city.name}的全部联网医院`)
    $link.href = `${h.province.code}/${h.city.code}/`
    const $p = el("p", "app-result__more")
    $p.append($link)
    $li.append($p)
    return $li
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
  $moreRegions.addEventListener("click", async () => {
    const { GLOBAL_ROW_BUDGET } = await core()
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

document$.subscribe(() => {
  const $root = document.querySelector("[data-app-hospital-lookup]")
  if ($root && !$root.dataset.wired) {
    $root.dataset.wired = "true"
    setUp($root)
  }
})
