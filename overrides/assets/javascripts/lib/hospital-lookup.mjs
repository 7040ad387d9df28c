/**
 * 查医院 page texts and decisions: what the status line says, what help a search that found
 * nothing gets, which buttons widen it, the labels of the filter lists. Pure (no DOM): the
 * adapter ../hospital-lookup.js reads the form and writes the page; tests/js/hospital-lookup.test.mjs
 * tests this module.
 */

export const PAGE = 20 // results shown at a time
export const TYPING_DELAY_MS = 150

export const TEXT = {
  empty: "输入医院名称，或选择一个地区。",
  loadFailed: "数据加载失败，请检查网络后再试。下面的地区列表不需要联网加载数据。",
  helpTitle: "可以这样试试：",
  typo: "检查名称有没有错别字，或者少输几个字，只输名称中最有特点的部分（如“附属”“第一人民”）。",
  pinyin: "也可以输入拼音或拼音首字母，如 jining 或 jnsdyrmyy。",
  allProvinces: "全国",
  allCities: "全部城市",
  chooseProvince: "请先选省份",
  allDistricts: "全部区县",
  noDistricts: "（不分区县）",
  chooseCity: "请先选城市",
  loading: "正在加载…",
  any: "不限"
}

/** @param {number} n @returns {string} 1,234 */
export function count(n) {
  return n.toLocaleString("zh-CN")
}

/** @param {string} name @param {number} hospitals @returns {string} a filter option: 济宁市（20） */
export function optionLabel(name, hospitals) {
  return `${name}（${count(hospitals)}）`
}

/** @param {string} label - an option's text @returns {string} the name without its count */
export function optionName(label) {
  return label.replace(/（.*$/, "")
}

/**
 * Where a search looked, for the status line.
 * @param {string[]} names - province, city and district names of the state (empty ones left out)
 * @returns {string} "在山东省济宁市", or "在全国"
 */
export function regionLabel(names) {
  const unique = names.filter((n, i) => n && names.indexOf(n) === i) // 北京市 is province and city
  return unique.length ? `在${unique.join("")}` : "在全国"
}

/**
 * The chosen filters, next to the fold's label.
 * @param {string[]} regionNames - province, city, district names
 * @param {{level: string, service: string}} state
 * @returns {string} "：山东省 济宁市 · 未定级", or "" when nothing is chosen
 */
export function filterSummary(regionNames, state) {
  const region = regionNames.filter((n, i) => n && regionNames.indexOf(n) === i)
  const parts = [region.join(" "), state.level, state.service].filter(Boolean)
  return parts.length ? `：${parts.join(" · ")}` : ""
}

/**
 * Filters stay folded on phones until used, so results start near the top of the screen.
 * @param {{province: string, level: string, service: string}} state
 * @param {boolean} wide - a screen wide enough to show them without pushing results down
 * @returns {boolean}
 */
export function filtersOpen(state, wide) {
  return Boolean(state.province || state.level || state.service || wide)
}

/**
 * The status line and which "more" buttons show.
 * @param {object} result - from HospitalData.search
 * @param {string} where - regionLabel of the result's state
 * @returns {{status: string, help: boolean, moreResults: boolean, moreRegions: boolean}}
 */
export function statusOf(result, where) {
  if (result.status === "empty") return { status: TEXT.empty, help: false, moreResults: false, moreRegions: false }
  if (result.total === 0 && result.complete) {
    return { status: `${where}没有找到符合条件的医院。`, help: true, moreResults: false, moreRegions: false }
  }
  const shown = result.results.length
  let status = result.total > shown ? `${where}找到 ${count(result.total)} 家，显示前 ${shown} 家。` : `${where}找到 ${count(result.total)} 家。`
  if (!result.complete) {
    const left = result.candidateCities - result.searchedCities
    status = `在 ${count(result.searchedCities)} 个城市中找到 ${count(result.total)} 家；还有 ${count(left)} 个城市没有查找。选择省份可以查得更全。`
  }
  return { status, help: result.total === 0, moreResults: result.total > shown, moreRegions: !result.complete }
}

/**
 * What to tell someone whose search found nothing, and the buttons that widen it.
 * @param {{q: string, province: string, city: string, district: string, level: string, service: string}} state
 * @param {string} coverage - what the list holds and its date, as the page states it
 *   ("本站名单收录 20 家（山东省济宁市，名单日期 2018-06-21）")
 * @returns {{tips: string[], widen: {label: string, change: object}[]}}
 */
export function helpFor(state, coverage) {
  const tips = []
  if (state.q) tips.push(TEXT.typo, TEXT.pinyin)
  const widen = []
  if (state.level || state.service) widen.push({ label: "不限级别和结算类别", change: { level: "", service: "" } })
  if (state.district) widen.push({ label: "在全市查找", change: { district: "" } })
  if (state.city) widen.push({ label: "在全省查找", change: { city: "", district: "" } })
  if (state.province) widen.push({ label: "在全国查找", change: { province: "", city: "", district: "" } })
  // The list is one source's list of its date, not the national one: not found here says
  // nothing about whether a hospital settles directly.
  if (!state.province && state.q) tips.push(notListed(coverage))
  return { tips, widen }
}

/**
 * @param {string} coverage - see helpFor
 * @returns {string} where to look for a hospital the list does not hold
 */
export function notListed(coverage) {
  const list = coverage || "本站名单不全"
  return `${list}：这里找不到，不等于不能直接结算。全国最新的联网定点医疗机构，可以在国家医保服务平台 App 的“定点医疗机构查询”里查，或者问参保地的医保经办机构。`
}
