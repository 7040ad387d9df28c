/**
 * Hospital search core (查医院): pure functions and a loader over the files that
 * generator/search_index.py writes. No window, no document: the page's DOM adapter
 * (../hospital-lookup.js) and the Node tests (tests/js/hospital-search.test.mjs) run this code.
 *
 * A search runs in five steps (marked `// => n` below):
 *   1. Normalise the query as the build normalised the names: NFKC (full-width -> half-width),
 *      lower case, traditional -> simplified with the build's OpenCC map, letters and digits
 *      only. Spaces and punctuation split it into terms, all of which must match, in any order.
 *   2. Choose candidate cells (a cell is the hospitals of one city): the region filters, then per
 *      term the name index (characters and bigrams -> cells) or, for a pinyin term, the pinyin
 *      index (syllable pairs and initial triples -> cells). No cell that can match is left out.
 *   3. Load those cells (each file once, cached) and match every row: a term matches as a
 *      substring of the name, as pinyin of the name (full, initials or mixed), or as the name
 *      of the row's province, city or district.
 *   4. Rank: exact name, name prefix, match right after the place name (济宁市|第一人民医院),
 *      other substring, pinyin, place only; ties by level (三级 first), shorter name, list order.
 *   5. Load the detail blocks (address, phone, id) of the rows shown.
 */

export const MAX_QUERY_CHARS = 64 // longer input is cut: nobody types a 64-character name
export const MAX_TERMS = 6
export const GLOBAL_ROW_BUDGET = 8000 // rows searched per step when no province is chosen (~60 KB)
export const DEFAULT_LIMIT = 20
const MAX_INDEX_KEYS = 4 // bigrams looked up per term: enough to narrow, few files to fetch
const MAX_PINYIN_PREFILTER = 30 // letters of a pinyin term used to choose cells
const MAX_PINYIN_KEYS = 4 // pinyin index keys looked up per term
const START_PIECES = 8 // initials of a term's start compared with the starts of names
const MAX_START_KEYS = 64 // ways to read a term's start; more and it is too vague to prefer cells

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"
const ALNUM = /^[\p{L}\p{N}]$/u
const LATIN = /[a-z]/
const PLACE_SUFFIX = /(特别行政区|自治区|自治州|自治县|地区|新区|林区|省|市|县|区|盟|旗)$/u

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

/* ------------------------------------------------------------------------------------------
 * Text
 * ---------------------------------------------------------------------------------------- */

/**
 * The build's traditional -> simplified map, stored as one string of character pairs.
 * @param {string} pairs - "濟济寧宁…"
 * @returns {Map<string, string>}
 */
export function parseT2S(pairs) {
  const chars = Array.from(pairs || "")
  const map = new Map()
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1])
  return map
}

/**
 * Normalise text exactly as generator/search_index.py's normalize() does.
 * @param {string} text - a name or a query term
 * @param {Map<string, string>} [t2s] - traditional -> simplified characters
 * @returns {string} lower-case simplified letters and digits
 */
export function normalize(text, t2s) {
  let out = ""
  for (let ch of String(text ?? "").normalize("NFKC").toLowerCase()) {
    if (t2s && t2s.has(ch)) ch = t2s.get(ch)
    const code = ch.codePointAt(0)
    if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || ALNUM.test(ch)) {
      out += ch
    }
  }
  return out
}

/**
 * Split a query into normalised terms.
 * @param {string} raw - what the person typed
 * @param {Map<string, string>} [t2s] - traditional -> simplified characters
 * @returns {string[]} distinct terms, at most MAX_TERMS, each at most MAX_QUERY_CHARS characters
 */
export function parseQuery(raw, t2s) {
  const text = Array.from(String(raw ?? "")).slice(0, MAX_QUERY_CHARS * 2).join("")
  const terms = []
  let used = 0
  for (const part of text.normalize("NFKC").split(/[^\p{L}\p{N}]+/u)) {
    const term = Array.from(normalize(part, t2s)).slice(0, MAX_QUERY_CHARS - used).join("")
    if (term && !terms.some(t => t.includes(term))) {
      for (let i = terms.length - 1; i >= 0; i--) if (term.includes(terms[i])) terms.splice(i, 1)
      terms.push(term)
      used += Array.from(term).length
    }
    if (terms.length === MAX_TERMS || used >= MAX_QUERY_CHARS) break
  }
  return terms
}

/** @param {string} term - a normalised term @returns {boolean} whether it has Latin letters (pinyin) */
export function isPinyinTerm(term) {
  return LATIN.test(term)
}

/**
 * Index keys to look up for a term that matches literally: its bigrams (at most MAX_INDEX_KEYS,
 * spread over the term), or the character itself. Every key of a matching name is in the index.
 * @param {string} term - a normalised term (or a run of one without Latin letters)
 * @returns {string[]}
 */
export function indexKeys(term) {
  const chars = Array.from(term)
  if (chars.length <= 1) return chars
  const bigrams = []
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1])
  if (bigrams.length <= MAX_INDEX_KEYS) return [...new Set(bigrams)]
  const picked = new Set()
  for (let k = 0; k < MAX_INDEX_KEYS; k++) picked.add(bigrams[Math.round(k * (bigrams.length - 1) / (MAX_INDEX_KEYS - 1))])
  return [...picked]
}

/**
 * Which index chunk holds a key: FNV-1a over UTF-16 code units (search_index.chunk_of).
 * @param {string} key
 * @param {number} chunks
 * @returns {number}
 */
export function chunkOf(key, chunks) {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % chunks
}

/**
 * Decode a cell list (search_index.encode_cells) into a membership array.
 * @param {string} text - gaps in base 32, "!" prefix for the complement
 * @param {number} total - number of cells
 * @returns {Uint8Array} 1 for each cell in the list
 */
export function decodeCells(text, total) {
  const complement = text.startsWith("!")
  const set = new Uint8Array(total)
  if (complement) set.fill(1)
  let previous = -1
  let gap = 0
  let shift = 0
  for (let i = complement ? 1 : 0; i < text.length; i++) {
    const digit = ALPHABET.indexOf(text[i])
    if (digit >= 32) {
      gap |= (digit - 32) << shift
      shift += 5
    } else {
      previous += (gap | (digit << shift)) + 1
      if (previous < total) set[previous] = complement ? 0 : 1
      gap = 0
      shift = 0
    }
  }
  return set
}

/**
 * The short form of a place name that hospital names often use: 济宁市 -> 济宁.
 * @param {string} name
 * @returns {string}
 */
export function shortPlaceName(name) {
  const short = name.replace(PLACE_SUFFIX, "")
  return Array.from(short).length >= 2 ? short : name
}

/* ------------------------------------------------------------------------------------------
 * Pinyin
 * ---------------------------------------------------------------------------------------- */

/**
 * The build's readings.json (character -> space-separated readings), ready for matching.
 * @param {Object<string, string>} json
 * @returns {{readings: Map<string, string[]>, prefixes: Set<string>, whole: Set<string>}}
 */
export function preparePinyin(json) {
  const readings = new Map()
  const prefixes = new Set()
  const whole = new Set()
  for (const [ch, text] of Object.entries(json || {})) {
    const list = text.split(" ")
    readings.set(ch, list)
    for (const r of list) {
      whole.add(r)
      for (let i = 1; i <= r.length; i++) prefixes.add(r.slice(0, i))
    }
  }
  return { readings, prefixes, whole }
}

/**
 * Readings per character of a normalised name; a character without one reads as itself.
 * @param {string[]} chars - the name's characters
 * @param {Map<string, string[]>} readings
 * @returns {string[][]}
 */
export function syllables(chars, readings) {
  return chars.map(ch => readings.get(ch) || [ch])
}

let reachA = new Uint8Array(MAX_QUERY_CHARS + 2)
let reachB = new Uint8Array(MAX_QUERY_CHARS + 2)

/**
 * How many letters of a reading may stand for the syllable in the middle of a query: all of it
 * (ning), its first letter (n), or zh/ch/sh. Only the query's last syllable may be cut anywhere
 * (jiningsh while typing), so 江宁 (jiang ning) is not found by "jining".
 * @param {string} r - a reading
 * @param {number} l - letters taken
 * @returns {boolean}
 */
function wholeOrInitial(r, l) {
  return l === 1 || l === r.length || (l === 2 && r[1] === "h" && (r[0] === "z" || r[0] === "c" || r[0] === "s"))
}

/**
 * Does a term match the pinyin of a name, starting at a syllable? Each syllable is typed in
 * full, by its initial (zh/ch/sh or the first letter), or cut anywhere when it is the last one:
 * full pinyin (jiningshi), initials (jnsdyrmyy) and mixtures (jiningdyrmyy) all match. A
 * character other than a Latin letter in the term must be the name's character itself.
 * @param {string[][]} sylls - readings per character of the name
 * @param {string[]} chars - the name's characters
 * @param {string[]} q - the term's characters
 * @param {boolean} anchored - only a match from the first syllable counts
 * @param {boolean} [firstReading] - use only each character's first (everyday) reading
 * @returns {boolean}
 */
export function matchPinyin(sylls, chars, q, anchored, firstReading = false) {
  const m = q.length
  if (m === 0 || m > MAX_QUERY_CHARS) return false
  let cur = reachA
  let next = reachB
  cur.fill(0, 0, m + 1)
  for (let i = 0; i < sylls.length; i++) {
    if (i === 0 || !anchored) cur[0] = 1
    next.fill(0, 0, m + 1)
    let any = false
    for (let k = 0; k < m; k++) {
      if (!cur[k]) continue
      const qc = q[k]
      if (qc < "a" || qc > "z") {
        if (chars[i] === qc) { next[k + 1] = 1; any = true }
        continue
      }
      const rs = sylls[i]
      for (let j = 0, n = firstReading ? rs.n1 || 1 : rs.length; j < n; j++) {
        const r = rs[j]
        for (let l = 1; l <= r.length && k + l <= m && r[l - 1] === q[k + l - 1]; l++) {
          if (k + l === m || wholeOrInitial(r, l)) {
            next[k + l] = 1
            any = true
          }
        }
      }
    }
    if (next[m]) return true
    const swap = cur
    cur = next
    next = swap
    if (anchored && !any) return false
  }
  return false
}

const maskCache = new WeakMap()

/** @param {string[]} rs - readings of one character @returns {number} bit i set when letter a+i occurs */
function readingsMask(rs) {
  let mask = maskCache.get(rs)
  if (mask === undefined) {
    mask = 0
    for (const r of rs) for (let i = 0; i < r.length; i++) mask |= letterBit(r[i])
    maskCache.set(rs, mask)
  }
  return mask
}

function letterBit(ch) {
  const code = ch.charCodeAt(0) - 97
  return code >= 0 && code < 26 ? 1 << code : 0
}

/**
 * A pinyin term as matchPinyin takes it, with the letters it needs (a row whose readings lack
 * one of them cannot match and is skipped without running the matcher).
 * @param {string} term
 * @returns {string[] & {mask: number}}
 */
export function pinyinQuery(term) {
  const q = Array.from(term)
  q.mask = q.reduce((mask, ch) => mask | letterBit(ch), 0)
  return q
}

/* ------------------------------------------------------------------------------------------
 * Cells and matching
 * ---------------------------------------------------------------------------------------- */

/**
 * A cell file made ready for searching.
 * @param {object} json - cells/<n>.json
 * @param {{number: number, first: number, city: object, province: object|null}} where - its place in the manifest
 * @param {Map<string, string>} t2s
 * @returns {object}
 */
export function prepareCell(json, where, t2s) {
  const count = json.names.length
  const districts = json.districts.map(([code, name, hospitals, pinyin]) => ({ ...makePlace(code, name, pinyin), hospitals }))
  const districtOf = new Int16Array(count)
  for (let i = 0, row = 0; i < json.runs.length; i += 2) {
    districtOf.fill(json.runs[i], row, row + json.runs[i + 1])
    row += json.runs[i + 1]
  }
  const places = new Set()
  for (const region of [where.province, where.city, ...districts]) {
    if (!region) continue
    places.add(normalize(region.name, t2s))
    places.add(normalize(shortPlaceName(region.name), t2s))
  }
  // Names stored without the place they start with (search_index.split_place_prefix).
  const cityName = where.city.name
  const names = json.names.map((rest, row) => {
    const district = districts[districtOf[row]]
    switch (json.places[row]) {
      case "1": return district.name + rest
      case "2": return cityName + rest
      case "3": return shortPlaceName(district.name) + rest
      case "4": return shortPlaceName(cityName) + rest
      default: return rest
    }
  })
  return {
    ...where,
    count,
    placeOf: json.places,
    names,
    norm: names.map(name => normalize(name, t2s)),
    levels: Uint8Array.from(json.levels, Number),
    services: Uint8Array.from(json.services, Number),
    districtOf,
    districts,
    places, // normalised place names a hospital name may start with
    sylls: null, // pinyin per row, made on the first pinyin query
    chars: null
  }
}

const merged = new Map()

/**
 * Give a prepared cell the readings of its names. A name that starts with its place takes the
 * place's own reading first there (重庆市中医院: chong qing, not zhong qing).
 * @param {object} cell - a prepared cell
 * @param {Map<string, string[]>} readings
 */
export function addPinyin(cell, readings) {
  cell.chars = cell.norm.map(n => Array.from(n))
  cell.sylls = cell.chars.map((chars, row) => {
    const sylls = syllables(chars, readings)
    const marker = cell.placeOf[row]
    const place = marker === "1" || marker === "3" ? cell.districts[cell.districtOf[row]] : marker === "2" || marker === "4" ? cell.city : null
    if (place) {
      for (let i = 0; i < place.sylls.length && i < sylls.length; i++) {
        if (place.chars[i] !== chars[i]) break
        const key = place.sylls[i].join("|") + "/" + chars[i]
        if (!merged.has(key)) {
          const both = [...new Set([...place.sylls[i], ...sylls[i]])]
          both.n1 = place.sylls[i].length // the place's own readings count as everyday ones
          merged.set(key, both)
        }
        sylls[i] = merged.get(key)
      }
    }
    return sylls
  })
  cell.masks = cell.sylls.map(sylls => sylls.reduce((mask, rs) => mask | readingsMask(rs), 0))
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
 * A province, city or district ready for matching; its pinyin is the build's reading of the
 * whole name as a phrase (六安 lu an), so place names match without heteronym noise.
 * @param {string} code
 * @param {string} name
 * @param {string} pinyin - one syllable per normalised character, space-separated
 * @returns {{code: string, name: string, norm: string, chars: string[], sylls: string[][]}}
 */
export function makePlace(code, name, pinyin) {
  const norm = normalize(name)
  const chars = Array.from(norm)
  const readings = String(pinyin || "").split(" ")
  return { code, name, norm, chars, sylls: chars.map((ch, i) => (readings[i] ? readings[i].split("|") : [ch])) }
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

/* ------------------------------------------------------------------------------------------
 * State and loading
 * ---------------------------------------------------------------------------------------- */

/** The URL query parameters that make up a search. */
export const STATE_KEYS = ["q", "province", "city", "district", "level", "service"]

/**
 * Read a search from URL parameters.
 * @param {URLSearchParams|string} params
 * @returns {{q: string, province: string, city: string, district: string, level: string, service: string}}
 */
export function stateFromParams(params) {
  const p = typeof params === "string" ? new URLSearchParams(params) : params
  const state = {}
  for (const key of STATE_KEYS) state[key] = (p.get(key) || "").trim().slice(0, key === "q" ? MAX_QUERY_CHARS * 2 : 12)
  return state
}

/**
 * Write a search as URL parameters, leaving out what is empty.
 * @param {object} state
 * @returns {string} e.g. "q=%E6%B5%8E%E5%AE%81&province=370000", "" for no search
 */
export function stateToParams(state) {
  const p = new URLSearchParams()
  for (const key of STATE_KEYS) if (state[key]) p.set(key, state[key])
  return p.toString()
}

/**
 * The ways a pinyin term can be cut, as pieces starting at each position: a whole syllable, an
 * initial (one letter, zh/ch/sh), or at the end the start of a syllable. A piece that can only be
 * whole syllables lists them (a last piece the few it can begin: an -> an, ang).
 * @param {string} q - the term
 * @param {{prefixes: Set<string>, whole: Set<string>}} pinyin - from preparePinyin
 * @returns {{end: number, syllables: string[]|null, initial: string, desc: string}[][]}
 */
export function pinyinPieces(q, pinyin) {
  const m = q.length
  const pieces = []
  for (let p = 0; p < m; p++) {
    pieces.push([])
    for (let end = p + 1; end <= m; end++) {
      const piece = q.slice(p, end)
      if (!pinyin.prefixes.has(piece)) break
      const last = end === m
      const whole = pinyin.whole.has(piece)
      if (!(whole || last || piece.length === 1 || /^[zcs]h$/.test(piece))) continue
      let syllables = null
      if (piece.length > 1 && !last && whole) syllables = [piece]
      else if (piece.length > 1 && last) {
        const completions = [...pinyin.whole].filter(r => r.startsWith(piece))
        if (completions.length <= 3) syllables = completions
      }
      pieces[p].push({ end, syllables, initial: piece[0], desc: syllables ? syllables.join(",") : "~" + piece[0] })
    }
  }
  return pieces
}

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

  /**
   * Clean a state against the manifest: unknown codes and values are dropped, a district implies
   * its city and a city its province.
   * @param {object} state - from stateFromParams
   * @returns {object} the same shape
   */
  cleanState(state) {
    const m = this.manifest
    const out = {}
    for (const key of STATE_KEYS) out[key] = String((state && state[key]) ?? "").trim()
    const region = code => m.byCode.get(code)
    if (out.district && !/^\d{6}$/.test(out.district)) out.district = ""
    if (out.district && !out.city) out.city = out.district.slice(0, 4) + "00"
    if (out.city && !region(out.city)?.parent) out.city = out.district = ""
    if (out.city && !out.province) out.province = region(out.city).parent.code
    if (out.province && (!region(out.province) || region(out.province).parent)) out.province = out.city = out.district = ""
    if (out.city && region(out.city).parent.code !== out.province) out.city = out.district = ""
    if (out.district && out.district.slice(0, 4) !== out.city.slice(0, 4)) out.district = ""
    if (!m.levels.includes(out.level)) out.level = ""
    if (!m.services.includes(out.service)) out.service = ""
    return out
  }

  /**
   * Cells that can hold a match for one term (null: the index cannot narrow it).
   * @param {string} term
   * @returns {Promise<Uint8Array|null>}
   */
  async termCells(term) {
    const total = this.manifest.cells.length
    if (isPinyinTerm(term) && /^[a-z0-9]+$/.test(term)) return this.pinyinCells(term)
    // A mixed term (济宁dy) matches its characters literally: look those up.
    const runs = term.split(/[a-z]+/).filter(Boolean)
    let set = null
    for (const run of runs) {
      const cells = await this.runCells(run)
      set = set ? intersect(set, cells) : cells
    }
    return set || (total ? null : new Uint8Array(0))
  }

  /**
   * Cells that have every bigram of a term looked up, so likely hold it in one piece: searched
   * early when the budget cannot cover every candidate (null for pinyin terms).
   * @param {string} term
   * @returns {Promise<Uint8Array|null>}
   */
  async strongCells(term) {
    if (isPinyinTerm(term) && /^[a-z0-9]+$/.test(term)) return null
    let set = null
    for (const run of term.split(/[a-z]+/).filter(Boolean)) {
      for (const key of indexKeys(run)) {
        const cells = await this.keyCells(key)
        set = set ? intersect(set, cells) : cells
      }
    }
    return set
  }

  /**
   * Cells that can hold a run of characters, whole or (four or more) in pieces of two or more
   * (matchGapped): the union over the ways to cut it of the cells that have every piece's
   * bigrams. Bigrams not looked up (at most MAX_INDEX_KEYS are) count as present everywhere.
   * @param {string} run
   * @returns {Promise<Uint8Array>}
   */
  async runCells(run) {
    const chars = Array.from(run)
    const n = chars.length
    const total = this.manifest.cells.length
    if (n === 1) return this.keyCells(chars[0])
    const keys = indexKeys(run)
    const sets = await Promise.all(keys.map(key => this.keyCells(key)))
    const known = new Map(keys.map((key, i) => [key, sets[i]]))
    const bigram = i => known.get(chars[i] + chars[i + 1]) || null
    if (n < 4 || n > 16) {
      // Too short to cut, or too long to try every cut: the first and last bigram are in every way.
      let set = null
      for (let i = 0; i + 1 < n; i++) if (bigram(i) && (n < 4 || i === 0 || i === n - 2)) set = set ? intersect(set, bigram(i)) : bigram(i)
      return set || new Uint8Array(total).fill(1)
    }
    const at = [new Uint8Array(total).fill(1)] // at[j]: cells for the pieces so far, ending before character j
    for (let j = 1; j <= n; j++) at.push(null)
    for (let i = 0; i + 2 <= n; i++) {
      if (!at[i]) continue
      let piece = at[i]
      for (let j = i + 2; j <= n; j++) {
        if (bigram(j - 2)) piece = intersect(piece, bigram(j - 2))
        if (j === n - 1) continue // a piece may not leave one character alone
        at[j] = at[j] ? union(at[j], piece) : Uint8Array.from(piece)
      }
    }
    return at[n]
  }

  /** @param {string} key @returns {Promise<Uint8Array>} */
  async keyCells(key) {
    if (!this.decoded.has(key)) {
      const chunk = await this.file(`index/${chunkOf(key, this.manifest.chunks)}.json`)
      this.decoded.set(key, chunk[key] === undefined ? new Uint8Array(this.manifest.cells.length) : decodeCells(chunk[key], this.manifest.cells.length))
    }
    return this.decoded.get(key)
  }

  /**
   * Cells that can match a pinyin term. The term is cut into syllables every way matchPinyin
   * allows (jining: ji|ning; jnsd: j|n|s|d). Two neighbours that can only be whole syllables
   * are looked up as a syllable pair ("ji ning"; a last piece stands for the few syllables it
   * can begin: an -> an, ang), and every three neighbours as their initials (jns). Each way
   * gives the cells that have all its keys; the union over the ways is the answer.
   * @param {string} term
   * @returns {Promise<Uint8Array|null>} null when the index cannot narrow it
   */
  async pinyinCells(term) {
    const pinyin = await this.pinyin()
    const total = this.manifest.cells.length
    const q = term.slice(0, MAX_PINYIN_PREFILTER)
    const m = q.length
    const pieces = pinyinPieces(q, pinyin)
    // States: where the next piece starts, the piece before it and the initial before that.
    const start = { id: "0", p: 0, prev: null, before: "" }
    const states = new Map([[start.id, start]])
    const order = [start]
    const transitions = []
    for (let n = 0; n < order.length; n++) {
      const from = order[n]
      for (const next of pieces[from.p] || []) {
        const keys = []
        if (from.prev && from.prev.syllables && next.syllables) {
          keys.push(from.prev.syllables.flatMap(a => next.syllables.map(b => a + " " + b)))
        }
        if (from.before) keys.push([from.before + from.prev.initial + next.initial])
        const before = from.prev ? from.prev.initial : ""
        const to = { id: `${next.end}|${next.desc}|${before}`, p: next.end, prev: next, before }
        transitions.push({ from: from.id, at: from.p, to: to.id, end: next.end, keys })
        if (next.end < m && !states.has(to.id)) {
          states.set(to.id, to)
          order.push(to)
          if (order.length > 400) return null
        }
      }
    }
    // Every way into a state must be counted before the ways out of it: take transitions by
    // position (positions only grow along a cut). Keys are looked up from the term's start, at
    // most MAX_PINYIN_KEYS (the start names the place and narrows most; each key costs a file
    // of ~3 KB); a key not looked up counts as present everywhere.
    transitions.sort((a, b) => a.at - b.at)
    const wanted = new Set()
    for (const t of transitions) {
      t.keys = t.keys.filter(alternatives => {
        const fresh = alternatives.filter(key => !wanted.has(key))
        if (wanted.size + fresh.length > MAX_PINYIN_KEYS) return false
        for (const key of fresh) wanted.add(key)
        return true
      })
    }
    await Promise.all([...wanted].map(key => this.pinyinKeyCells(key)))
    const sets = new Map([[start.id, new Uint8Array(total).fill(1)]])
    const result = new Uint8Array(total)
    for (const t of transitions) {
      let cells = sets.get(t.from)
      if (!cells) continue
      for (const alternatives of t.keys) {
        const narrow = new Uint8Array(total)
        for (const key of alternatives) union(narrow, this.decoded.get("#" + key))
        cells = intersect(cells, narrow)
      }
      if (t.end === m) union(result, cells)
      else if (sets.has(t.to)) union(sets.get(t.to), cells)
      else sets.set(t.to, Uint8Array.from(cells))
    }
    return result
  }

  /**
   * Cells with a name that starts the way a term does, compared by initials (starts/ holds each
   * name's initials, everyday readings). A pinyin term: over every way to cut it, its first
   * START_PIECES pieces' initials (jinxiangxian: jxx from jin|xiang|xian, jnxx from
   * ji|n|xiang|xian, ...). A Chinese term of three or more characters: their initials, every
   * reading (双洼乡卫: swxw; the search keeps to cells that can hold the characters). A name that
   * starts with a full place name is also listed without its 县, 区 or 市 (金乡人民: jxrm).
   * Files go by the first two letters, so a term costs one or two small fetches.
   * @param {string} term
   * @returns {Promise<Uint8Array|null>} null when the term is too short or vague to tell
   */
  async startCells(term) {
    const starts = new Set()
    if (isPinyinTerm(term)) {
      if (!/^[a-z0-9]+$/.test(term)) return null
      const q = term.slice(0, MAX_PINYIN_PREFILTER)
      const pieces = pinyinPieces(q, await this.pinyin())
      const walk = (p, initials) => {
        if (starts.size > MAX_START_KEYS) return
        if (initials.length === START_PIECES || (p === q.length && initials.length >= 3)) starts.add(initials)
        else if (p < q.length) for (const next of pieces[p]) walk(next.end, initials + next.initial)
      }
      walk(0, "")
    } else {
      const chars = Array.from(term).slice(0, START_PIECES)
      if (chars.length < 3) return null // before loading the readings: 济宁 alone never needs them
      const pinyin = await this.pinyin()
      const walk = (i, initials) => {
        if (starts.size > MAX_START_KEYS) return
        if (i === chars.length) return void starts.add(initials)
        for (const first of new Set((pinyin.readings.get(chars[i]) || []).map(r => r[0]))) walk(i + 1, initials + first)
      }
      walk(0, "")
    }
    if (!starts.size || starts.size > MAX_START_KEYS) return null
    const m = this.manifest
    const cells = new Uint8Array(m.cells.length)
    const present = new Set(String(m.starts || "").split(" "))
    const files = [...new Set([...starts].map(key => key.slice(0, 2)))].filter(prefix => present.has(prefix))
    const chunks = await Promise.all(files.map(prefix => this.file(`starts/${prefix}.json`)))
    for (const chunk of chunks) {
      for (const [key, list] of Object.entries(chunk)) {
        for (const start of starts) if (key.startsWith(start)) { union(cells, decodeCells(list, m.cells.length)); break }
      }
    }
    return cells
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

  /**
   * Run a search.
   * @param {object} state - {q, province, city, district, level, service} (URL parameters)
   * @param {{limit?: number, budget?: number}} [options] - results to return; rows to search without a province
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
    let focus = 0 // leading candidates that the first step may keep to (see 3)
    if (!region && terms.length) {
      // The budget goes where the answer likely is: first cells with a name that starts the
      // way each term does (jxxrmyy: a name there reads jxxrmyy..., 双洼乡卫); then cells whose
      // city or province a term names (济宁 人民医院); then those whose place name a term
      // begins with (济宁附属, cqszyy); then those that hold every looked-up bigram of the
      // Chinese terms (the term in one piece).
      const qs = terms.map(t => (isPinyinTerm(t) ? pinyinQuery(t) : null))
      const starts = (await Promise.all(terms.map(t => this.startCells(t)))).filter(Boolean)
      const strong = (await Promise.all(terms.map(t => this.strongCells(t)))).filter(Boolean)
      const every = (list, c) => list.length > 0 && list.every(set => set[c.number])
      const priority = c =>
        (every(starts, c) ? 8 : 0) +
        (terms.some((t, i) => matchPlace(c.city, t, qs[i]) || matchPlace(c.province, t, qs[i])) ? 4 : 0) +
        (terms.some((t, i) => startsWithPlace(t, qs[i], c.city) || startsWithPlace(t, qs[i], c.province)) ? 2 : 0) +
        (every(strong, c) ? 1 : 0)
      const ranked = candidates.map(c => [priority(c), c])
      candidates = ranked.sort((a, b) => b[0] - a[0] || a[1].number - b[1].number).map(([, c]) => c)
      // The first step keeps to every cell with a name that starts as typed, or else to the
      // best group (济宁附属: the cities whose name it starts with, not every cell with 附属).
      const top = ranked.length ? ranked[0][0] : 0
      focus = top >= 8 ? ranked.filter(([p]) => p >= 8).length : top > 0 ? ranked.filter(([p]) => p === top).length : 0
    }
    const candidateRows = candidates.reduce((n, c) => n + c.count, 0)
    const filters = {}
    if (state.level) filters.level = m.levels.indexOf(state.level)
    if (state.service) filters.service = 1 << m.services.indexOf(state.service)
    if (state.district) filters.district = state.district
    // => 3 Without a province, search in steps and stop at the first that finds something:
    // (a) the preferred cells alone, up to half the budget (a few KB when a name starts as
    // typed; a start ten cities share stays under 60 KB), unless the caller asked to search wider;
    // (b) up to the budget; (c) for a Chinese term, one more budget (pinyin narrows less, and
    // an extra step rarely found the hospital).
    let chosen = region ? candidates : []
    let hits = []
    if (region) hits = rankRows(await Promise.all(chosen.map(c => this.cell(c.number))), terms, filters, pinyin)
    else {
      const wider = options.focus === false || (options.focus === undefined && options.budget !== undefined)
      const limits = []
      if (focus && focus < candidates.length && !wider) limits.push([focus, budget / 2])
      limits.push([candidates.length, budget])
      if (!pinyin) limits.push([candidates.length, 2 * budget])
      let rows = 0
      for (const [upTo, rowLimit] of limits) {
        const from = chosen.length
        for (const c of candidates.slice(from, upTo)) {
          if (chosen.length && rows + c.count > rowLimit) break // the first cell always goes in
          chosen.push(c)
          rows += c.count
        }
        if (chosen.length === from) continue
        const more = await Promise.all(chosen.slice(from).map(c => this.cell(c.number)))
        hits = hits.concat(rankRows(more, terms, filters, pinyin))
        if (hits.length || chosen.length === candidates.length) break
      }
    }
    if (!region) hits.sort(compareHits)
    // => 5
    const shown = hits.slice(0, limit)
    const blocks = await Promise.all(
      [...new Set(shown.map(h => Math.floor((h.cell.first + h.row) / m.detailRows)))].map(async b => [b, await this.file(`details/${b}.json`)])
    )
    const details = new Map(blocks)
    const results = shown.map(h => this.result(h, details))
    const searchedRows = chosen.reduce((n, c) => n + c.count, 0)
    return {
      ...base,
      status: "ok",
      total: hits.length,
      complete: chosen.length === candidates.length,
      results,
      searchedRows,
      candidateRows,
      searchedCities: new Set(chosen.map(c => c.city)).size,
      candidateCities: new Set(candidates.map(c => c.city)).size
    }
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

function intersect(a, b) {
  const out = new Uint8Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i]
  return out
}

function union(target, b) {
  for (let i = 0; i < target.length; i++) target[i] |= b[i]
  return target
}
