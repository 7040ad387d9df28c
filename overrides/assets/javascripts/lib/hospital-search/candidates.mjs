/**
 * Candidate cells (step 2 of a search): the cells that can hold a match for a term, from the name
 * index (characters and bigrams), the pinyin index (syllable pairs, initial triples) and starts/
 * (typed initials). Each function takes the HospitalData whose files it reads (data.keyCells,
 * data.pinyinKeyCells, data.pinyin, data.file) and returns a membership array over the cells.
 */

import { decodeCells, indexKeys, intersect, union } from "./keys.mjs"
import { pinyinPieces } from "./pinyin.mjs"
import { isPinyinTerm } from "./text.mjs"

const MAX_PINYIN_PREFILTER = 30 // letters of a pinyin term used to choose cells
const MAX_PINYIN_KEYS = 4 // pinyin index keys looked up per term
const START_PIECES = 8 // initials of a term's start compared with the starts of names
const MAX_START_KEYS = 64 // ways to read a term's start; more and it is too vague to prefer cells

/**
 * Cells that can hold a match for one term (null: the index cannot narrow it).
 * @param {string} term
 * @returns {Promise<Uint8Array|null>}
 */
export async function termCells(data, term) {
  const total = data.manifest.cells.length
  if (isPinyinTerm(term) && /^[a-z0-9]+$/.test(term)) return pinyinCells(data, term)
  // A mixed term (济宁dy) matches its characters literally: look those up.
  const runs = term.split(/[a-z]+/).filter(Boolean)
  let set = null
  for (const run of runs) {
    const cells = await runCells(data, run)
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
export async function strongCells(data, term) {
  if (isPinyinTerm(term) && /^[a-z0-9]+$/.test(term)) return null
  let set = null
  for (const run of term.split(/[a-z]+/).filter(Boolean)) {
    for (const key of indexKeys(run)) {
      const cells = await data.keyCells(key)
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
export async function runCells(data, run) {
  const chars = Array.from(run)
  const n = chars.length
  const total = data.manifest.cells.length
  if (n === 1) return data.keyCells(chars[0])
  const keys = indexKeys(run)
  const sets = await Promise.all(keys.map(key => data.keyCells(key)))
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

/**
 * Cells that can match a pinyin term. The term is cut into syllables every way matchPinyin
 * allows (jining: ji|ning; jnsd: j|n|s|d). Two neighbours that can only be whole syllables
 * are looked up as a syllable pair ("ji ning"; a last piece stands for the few syllables it
 * can begin: an -> an, ang), and every three neighbours as their initials (jns). Each way
 * gives the cells that have all its keys; the union over the ways is the answer.
 * @param {string} term
 * @returns {Promise<Uint8Array|null>} null when the index cannot narrow it
 */
export async function pinyinCells(data, term) {
  const pinyin = await data.pinyin()
  const total = data.manifest.cells.length
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
  const found = new Map(await Promise.all([...wanted].map(async key => [key, await data.pinyinKeyCells(key)])))
  const sets = new Map([[start.id, new Uint8Array(total).fill(1)]])
  const result = new Uint8Array(total)
  for (const t of transitions) {
    let cells = sets.get(t.from)
    if (!cells) continue
    for (const alternatives of t.keys) {
      const narrow = new Uint8Array(total)
      for (const key of alternatives) union(narrow, found.get(key))
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
export async function startCells(data, term) {
  const starts = new Set()
  if (isPinyinTerm(term)) {
    if (!/^[a-z0-9]+$/.test(term)) return null
    const q = term.slice(0, MAX_PINYIN_PREFILTER)
    const pieces = pinyinPieces(q, await data.pinyin())
    const walk = (p, initials) => {
      if (starts.size > MAX_START_KEYS) return
      if (initials.length === START_PIECES || (p === q.length && initials.length >= 3)) starts.add(initials)
      else if (p < q.length) for (const next of pieces[p]) walk(next.end, initials + next.initial)
    }
    walk(0, "")
  } else {
    const chars = Array.from(term).slice(0, START_PIECES)
    if (chars.length < 3) return null // before loading the readings: 济宁 alone never needs them
    const pinyin = await data.pinyin()
    const walk = (i, initials) => {
      if (starts.size > MAX_START_KEYS) return
      if (i === chars.length) return void starts.add(initials)
      for (const first of new Set((pinyin.readings.get(chars[i]) || []).map(r => r[0]))) walk(i + 1, initials + first)
    }
    walk(0, "")
  }
  if (!starts.size || starts.size > MAX_START_KEYS) return null
  const m = data.manifest
  const cells = new Uint8Array(m.cells.length)
  const present = new Set(String(m.starts || "").split(" "))
  const files = [...new Set([...starts].map(key => key.slice(0, 2)))].filter(prefix => present.has(prefix))
  const chunks = await Promise.all(files.map(prefix => data.file(`starts/${prefix}.json`)))
  for (const chunk of chunks) {
    for (const [key, list] of Object.entries(chunk)) {
      for (const start of starts) if (key.startsWith(start)) { union(cells, decodeCells(list, m.cells.length)); break }
    }
  }
  return cells
}
