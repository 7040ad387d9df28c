/**
 * Matching and ranking (steps 3 and 4 of a search): how well each term matches each row of
 * loaded cells, and the order of the hits.
 */

import { isPinyinTerm, normalize, shortPlaceName } from "./text.mjs"
import { addPinyin } from "./cells.mjs"
import { matchPinyin, pinyinQuery, wholeOrInitial } from "./pinyin.mjs"

export const SCORE = {
  exact: 1000, // the whole name
  prefix: 500, // the name starts with the term
  afterPlace: 300, // right after the place name: 济宁市 + 第一人民医院
  substring: 200,
  gapped: 120, // in pieces of two or more characters, in order: 济宁|医学院|附属 for 济宁附属
  pinyinPrefix: 150, // pinyin from the first character, everyday readings
  pinyin: 100,
  pinyinOther: 50, // only with a less common reading of a character (长 zhang/chang)
  place: 10 // only the province, city or district name matches
}

/**
 * Is the term in the name in pieces of at least two characters, in order, with other text
 * between them? 济宁附属 finds 济宁医学院附属医院. Single characters never stand alone, so
 * the pieces still say something.
 * @param {string} name - normalised name
 * @param {string[]} q - the term's characters (four or more)
 * @returns {boolean}
 */
export function matchGapped(name, q) {
  const n = q.length
  if (n < 4 || !name.includes(q[0] + q[1]) || !name.includes(q[n - 2] + q[n - 1])) return false
  const failed = new Set()
  const from = (i, start) => {
    if (i === n) return true
    if (failed.has(i * 4096 + start)) return false
    for (let len = n - i; len >= 2; len--) {
      if (n - i - len === 1) continue // would leave one character alone
      const piece = q.slice(i, i + len).join("")
      const at = name.indexOf(piece, start)
      if (at >= 0 && from(i + len, at + piece.length)) return true
    }
    failed.add(i * 4096 + start)
    return false
  }
  return from(0, 0)
}

/**
 * How well one term matches one row's name (0 when it does not).
 * @param {object} cell - a prepared cell
 * @param {number} row - row within the cell
 * @param {string} term
 * @param {string[]|null} q - the term's characters when it is a pinyin term
 * @param {string[]|null} [chars] - the term's characters when it may match in pieces (4 or more)
 * @returns {number}
 */
export function scoreName(cell, row, term, q, chars) {
  const name = cell.norm[row]
  const at = name.indexOf(term)
  if (at === 0) return name.length === term.length ? SCORE.exact : SCORE.prefix
  if (at > 0) return cell.places.has(name.slice(0, at)) ? SCORE.afterPlace : SCORE.substring
  if (chars && matchGapped(name, chars)) return SCORE.gapped
  if (q && cell.sylls && (q.mask & ~cell.masks[row]) === 0) {
    const sylls = cell.sylls[row]
    const chars = cell.chars[row]
    if (!matchPinyin(sylls, chars, q, false)) return 0
    if (!matchPinyin(sylls, chars, q, false, true)) return SCORE.pinyinOther
    return matchPinyin(sylls, chars, q, true, true) ? SCORE.pinyinPrefix : SCORE.pinyin
  }
  return 0
}

/**
 * Does a term name a place? It must be at least two characters and match from the start of
 * the place name, literally (济宁, 济宁市) or as pinyin (jining, jn): one character or a
 * fragment in the middle (州) names too many places to be meant as one.
 * @param {{norm: string, chars: string[], sylls: string[][]}} place - from makePlace
 * @param {string} term
 * @param {string[]|null} q - the term's characters when it is a pinyin term
 * @returns {boolean}
 */
export function matchPlace(place, term, q) {
  if (term.length < 2) return false
  if (place.norm.startsWith(term)) return true
  return Boolean(q) && matchPinyin(place.sylls, place.chars, q, true)
}

/**
 * Does a term begin with a place's name, full or short (济宁附属, jiningfs, cqszyy)?
 * @param {string} term
 * @param {string[]|null} q - the term's characters when it is a pinyin term
 * @param {{norm: string, chars: string[], sylls: string[][]}} place
 * @returns {boolean}
 */
export function startsWithPlace(term, q, place) {
  const short = normalize(shortPlaceName(place.name))
  if (short.length >= 2 && term.startsWith(short)) return true
  if (!q) return false
  // Some cut of the term's start reads the short name's syllables (each whole or by its initial).
  const n = Array.from(short).length
  let reach = new Set([0])
  for (let i = 0; i < n && reach.size; i++) {
    const next = new Set()
    for (const k of reach) {
      for (const r of place.sylls[i]) {
        for (let l = 1; l <= r.length && k + l <= q.length && r[l - 1] === q[k + l - 1]; l++) {
          if (wholeOrInitial(r, l)) next.add(k + l)
        }
      }
    }
    reach = next
  }
  return reach.size > 0 && n >= 2
}

/**
 * Match and rank the rows of loaded cells.
 * @param {object[]} cells - prepared cells
 * @param {string[]} terms - normalised terms
 * @param {{district?: string, level?: number, service?: number}} filters - level index, service bit
 * @param {{readings: Map<string, string[]>}|null} pinyin - needed when a term has Latin letters
 * @returns {{cell: object, row: number, score: number}[]} every match, best first
 */
export function rankRows(cells, terms, filters, pinyin) {
  const hits = []
  const qs = terms.map(t => (isPinyinTerm(t) && pinyin ? pinyinQuery(t) : null))
  const gapped = terms.map(t => (isPinyinTerm(t) || Array.from(t).length < 4 ? null : Array.from(t)))
  const placeCache = new Map()
  const placeMatches = (place, i) => {
    const key = i + "\u0000" + place.code
    if (!placeCache.has(key)) placeCache.set(key, matchPlace(place, terms[i], qs[i]))
    return placeCache.get(key)
  }
  for (const cell of cells) {
    if (qs.some(Boolean) && !cell.sylls) addPinyin(cell, pinyin.readings)
    // => 3 A place term matches every row of its province, city or district.
    const cellPlace = terms.map((_, i) => placeMatches(cell.province, i) || placeMatches(cell.city, i))
    const districtPlace = terms.map((_, i) => cell.districts.map(d => placeMatches(d, i)))
    for (let row = 0; row < cell.count; row++) {
      if (filters.level !== undefined && cell.levels[row] !== filters.level) continue
      if (filters.service !== undefined && !(cell.services[row] & filters.service)) continue
      const d = cell.districtOf[row]
      if (filters.district && (d < 0 || cell.districts[d].code !== filters.district)) continue
      let score = 0
      for (let i = 0; i < terms.length; i++) {
        let s = scoreName(cell, row, terms[i], qs[i], gapped[i])
        if (!s && (cellPlace[i] || (d >= 0 && districtPlace[i][d]))) s = SCORE.place
        if (!s) { score = 0; break }
        score += s
      }
      if (terms.length === 0) score = 1
      if (score) hits.push({ cell, row, score })
    }
  }
  // => 4
  return hits.sort(compareHits)
}

/**
 * Ranking order: score, then level (三级 first), shorter name, list order.
 * @param {{cell: object, row: number, score: number}} a
 * @param {{cell: object, row: number, score: number}} b
 * @returns {number}
 */
export function compareHits(a, b) {
  return b.score - a.score ||
    a.cell.levels[a.row] - b.cell.levels[b.row] ||
    a.cell.norm[a.row].length - b.cell.norm[b.row].length ||
    a.cell.first + a.row - (b.cell.first + b.row)
}
