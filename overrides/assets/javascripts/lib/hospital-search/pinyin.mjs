/**
 * Pinyin matching: the build's readings, a term matched against the syllables of a name (full,
 * initials, mixed, the last syllable cut), and the ways a pinyin term can be cut into syllables.
 */

import { MAX_QUERY_CHARS } from "./text.mjs"

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
export function wholeOrInitial(r, l) {
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
export function readingsMask(rs) {
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
