/**
 * Data loading and the search itself: HospitalData loads the files of one build on demand
 * (generator/search/FORMAT.md), caches them, and runs a search in five steps (`// => n`):
 *   1. Normalise the query into terms (text.mjs).
 *   2. Candidate cells from the region filters and, per term, the indexes (candidates.mjs).
 *   3. Load those cells and match every row (cells.mjs, rank.mjs); without a province, in the
 *      steps steps.mjs plans.
 *   4. Rank (rank.mjs).
 *   5. Load the detail blocks (address, phone, id) of the rows shown.
 */

import { makePlace, prepareCell } from "./cells.mjs"
import { pinyinCells, startCells, strongCells, termCells } from "./candidates.mjs"
import { chunkOf, decodeCells } from "./keys.mjs"
import { preparePinyin, pinyinQuery } from "./pinyin.mjs"
import { compareHits, matchPlace, rankRows, startsWithPlace } from "./rank.mjs"
import { cleanState } from "./state.mjs"
import { GLOBAL_ROW_BUDGET, PRIORITY, planSteps, prioritise } from "./steps.mjs"
import { isPinyinTerm, parseQuery, parseT2S } from "./text.mjs"

export const FORMAT_VERSION = 2 // the manifest version this reader understands (FORMAT.md, "Versions")
export const DEFAULT_LIMIT = 20

/**
 * The hospital data of one build, loaded on demand and cached.
 *
 * @example
 *   const data = new HospitalData("data/3f2a/manifest.json", url => fetch(url).then(r => r.json()))
 *   const result = await data.search({ q: "济宁附属" })
 */
export class HospitalData {
  /**
   * @param {string} manifestURL - absolute URL (or path the fetcher understands) of manifest.json
   * @param {(url: string) => Promise<any>} fetchJSON - loads and parses one file
   */
  constructor(manifestURL, fetchJSON) {
    this.base = manifestURL.slice(0, manifestURL.lastIndexOf("/") + 1)
    this.manifestURL = manifestURL
    this.fetchJSON = fetchJSON
    this.files = new Map() // path -> Promise of parsed JSON
    this.cells = new Map() // number -> Promise of prepared cell
    this.decoded = new Map() // index key -> Uint8Array
    this.manifest = null
    this.requested = [] // paths in the order they were first requested (the bench reads it)
  }

  /** @param {string} path - relative to the data folder @returns {Promise<any>} */
  file(path) {
    if (!this.files.has(path)) {
      this.requested.push(path)
      const promise = this.fetchJSON(path === "manifest.json" ? this.manifestURL : this.base + path)
      promise.catch(() => this.files.delete(path)) // a failed fetch may be retried
      this.files.set(path, promise)
    }
    return this.files.get(path)
  }

  /** Load the manifest once. @returns {Promise<object>} */
  async load() {
    if (this.manifest) return this.manifest
    const json = await this.file("manifest.json")
    if (this.manifest) return this.manifest
    // The page names its manifest, so a mismatch means a cached page or script of another build.
    if (json.version !== FORMAT_VERSION) throw new Error(`hospital search data version ${json.version}, expected ${FORMAT_VERSION}`)
    const regions = json.regions.map(([code, name, parent, hospitals, pinyin]) => ({ ...makePlace(code, name, pinyin), parent, hospitals }))
    for (const region of regions) region.parent = region.parent >= 0 ? regions[region.parent] : null
    let first = 0
    const cells = json.cells.map(([city, count], number) => {
      const cell = { number, first, count, city: regions[city], province: regions[city].parent || regions[city] }
      first += count
      return cell
    })
    this.manifest = {
      ...json,
      t2s: parseT2S(json.t2s),
      regions,
      byCode: new Map(regions.map(r => [r.code, r])),
      provinces: regions.filter(r => !r.parent),
      cells
    }
    return this.manifest
  }

  /** @returns {Promise<object>} pinyin readings, loaded once */
  async pinyin() {
    if (!this.pinyinData) this.pinyinData = this.file("readings.json").then(preparePinyin)
    return this.pinyinData
  }

  /** @param {number} number @returns {Promise<object>} the prepared cell */
  cell(number) {
    if (!this.cells.has(number)) {
      const where = this.manifest.cells[number]
      const promise = this.file(`cells/${number}.json`).then(json => prepareCell(json, where, this.manifest.t2s))
      promise.catch(() => this.cells.delete(number))
      this.cells.set(number, promise)
    }
    return this.cells.get(number)
  }

  /** @param {string} key - a name index key @returns {Promise<Uint8Array>} cells that have it */
  async keyCells(key) {
    if (!this.decoded.has(key)) {
      const chunk = await this.file(`index/${chunkOf(key, this.manifest.chunks)}.json`)
      this.decoded.set(key, chunk[key] === undefined ? new Uint8Array(this.manifest.cells.length) : decodeCells(chunk[key], this.manifest.cells.length))
    }
    return this.decoded.get(key)
  }

  /** @param {string} key - "ji ning" or "jns" @returns {Promise<Uint8Array>} cells that have it */
  async pinyinKeyCells(key) {
    const cacheKey = "#" + key
    if (!this.decoded.has(cacheKey)) {
      const chunk = await this.file(`pinyin/${chunkOf(key, this.manifest.pinyinChunks)}.json`)
      const total = this.manifest.cells.length
      this.decoded.set(cacheKey, chunk[key] === undefined ? new Uint8Array(total) : decodeCells(chunk[key], total))
    }
    return this.decoded.get(cacheKey)
  }

  /** Clean a state against the manifest (state.mjs cleanState). @param {object} state @returns {object} */
  cleanState(state) {
    return cleanState(state, this.manifest)
  }

  /** @param {string} term @returns {Promise<Uint8Array|null>} cells that can match it (candidates.mjs) */
  termCells(term) {
    return termCells(this, term)
  }

  /** @param {string} term @returns {Promise<Uint8Array|null>} cells that can match a pinyin term */
  pinyinCells(term) {
    return pinyinCells(this, term)
  }

  /** @param {string} term @returns {Promise<Uint8Array|null>} cells with a name that starts as the term does */
  startCells(term) {
    return startCells(this, term)
  }

  /**
   * Run a search.
   * @param {object} state - {q, province, city, district, level, service} (URL parameters)
   * @param {{limit?: number, budget?: number, focus?: boolean}} [options] - results to return; rows to
   *   search per step without a province; whether the first step keeps to the preferred cells
   *   (by default only when no budget is given)
   * @returns {Promise<object>} {status, state, terms, total, complete, results, searchedRows,
   *   candidateRows, searchedCities, candidateCities}
   */
  async search(state, options = {}) {
    const limit = options.limit || DEFAULT_LIMIT
    const budget = options.budget || GLOBAL_ROW_BUDGET
    const m = await this.load()
    state = this.cleanState(state)
    // => 1
    const terms = parseQuery(state.q, m.t2s)
    const region = m.byCode.get(state.city) || m.byCode.get(state.province) || null
    const base = { state, terms, total: 0, complete: true, results: [], searchedRows: 0, candidateRows: 0, searchedCities: 0, candidateCities: 0 }
    if (!terms.length && !region) return { ...base, status: "empty" }
    const pinyin = terms.some(isPinyinTerm) ? await this.pinyin() : null
    // => 2
    let candidates = m.cells.filter(c => !region || c.city === region || c.province === region)
    const sets = await Promise.all(terms.map(t => this.termCells(t)))
    for (const set of sets) if (set) candidates = candidates.filter(c => set[c.number])
    let focus = 0
    if (!region && terms.length) ({ ordered: candidates, focus } = await this.prioritise(candidates, terms))
    const filters = {}
    if (state.level) filters.level = m.levels.indexOf(state.level)
    if (state.service) filters.service = 1 << m.services.indexOf(state.service)
    if (state.district) filters.district = state.district
    // => 3 With a region, every candidate; without, the planned steps, up to the first that finds something.
    const wider = options.focus === false || (options.focus === undefined && options.budget !== undefined)
    const ends = region ? [candidates.length] : planSteps(candidates.map(c => c.count), { budget, focus, pinyin: Boolean(pinyin), wider })
    let searched = 0
    let hits = []
    for (const end of ends) {
      const more = await Promise.all(candidates.slice(searched, end).map(c => this.cell(c.number)))
      searched = end
      hits = hits.concat(rankRows(more, terms, filters, pinyin))
      if (hits.length || searched === candidates.length) break
    }
    // => 4 (rankRows ranks each step's hits; steps are merged here)
    if (!region) hits.sort(compareHits)
    // => 5
    const shown = hits.slice(0, limit)
    const blocks = await Promise.all(
      [...new Set(shown.map(h => Math.floor((h.cell.first + h.row) / m.detailRows)))].map(async b => [b, await this.file(`details/${b}.json`)])
    )
    const details = new Map(blocks)
    const chosen = candidates.slice(0, searched)
    return {
      ...base,
      status: "ok",
      total: hits.length,
      complete: chosen.length === candidates.length,
      results: shown.map(h => this.result(h, details)),
      searchedRows: chosen.reduce((n, c) => n + c.count, 0),
      candidateRows: candidates.reduce((n, c) => n + c.count, 0),
      searchedCities: new Set(chosen.map(c => c.city)).size,
      candidateCities: new Set(candidates.map(c => c.city)).size
    }
  }

  /**
   * Candidates in the order the budget goes where the answer likely is (steps.mjs PRIORITY):
   * cells with a name that starts the way each term does (jxxrmyy, 双洼乡卫); then cells whose
   * city or province a term names (济宁 人民医院); then those whose place name a term begins with
   * (济宁附属, cqszyy); then those that hold every looked-up bigram of the Chinese terms.
   * @private
   */
  async prioritise(candidates, terms) {
    const qs = terms.map(t => (isPinyinTerm(t) ? pinyinQuery(t) : null))
    const starts = (await Promise.all(terms.map(t => this.startCells(t)))).filter(Boolean)
    const strong = (await Promise.all(terms.map(t => strongCells(this, t)))).filter(Boolean)
    const every = (list, c) => list.length > 0 && list.every(set => set[c.number])
    const priority = c =>
      (every(starts, c) ? PRIORITY.start : 0) +
      (terms.some((t, i) => matchPlace(c.city, t, qs[i]) || matchPlace(c.province, t, qs[i])) ? PRIORITY.namesPlace : 0) +
      (terms.some((t, i) => startsWithPlace(t, qs[i], c.city) || startsWithPlace(t, qs[i], c.province)) ? PRIORITY.startsWithPlace : 0) +
      (every(strong, c) ? PRIORITY.strong : 0)
    return prioritise(candidates.map(c => [priority(c), c]))
  }

  /** The districts of a city, for its filter list. @param {string} cityCode @returns {Promise<object[]>} */
  async districtsOf(cityCode) {
    const m = await this.load()
    const city = m.byCode.get(cityCode)
    const cells = await Promise.all(m.cells.filter(c => c.city === city).map(c => this.cell(c.number)))
    return cells.flatMap(c => c.districts)
  }

  /** @private */
  result(hit, details) {
    const m = this.manifest
    const global = hit.cell.first + hit.row
    const block = details.get(Math.floor(global / m.detailRows))
    const i = global % m.detailRows
    const d = hit.cell.districtOf[hit.row]
    const phone = block.phones[i]
    return {
      id: block.ids[i],
      name: hit.cell.names[hit.row],
      level: m.levels[hit.cell.levels[hit.row]],
      services: m.services.filter((_, bit) => hit.cell.services[hit.row] & (1 << bit)),
      address: block.addresses[i],
      phone: phone ? { display: phone[0], tel: phone[1] } : null,
      province: { code: hit.cell.province.code, name: hit.cell.province.name },
      city: { code: hit.cell.city.code, name: hit.cell.city.name },
      district: d >= 0 ? { code: hit.cell.districts[d].code, name: hit.cell.districts[d].name } : null,
      score: hit.score
    }
  }
}
