/**
 * Text (step 1 of a search): normalise queries exactly as generator/search/text.py normalises
 * names, split them into terms, and the short form of place names (FORMAT.md, "Text").
 */

export const MAX_QUERY_CHARS = 64 // longer input is cut: nobody types a 64-character name
export const MAX_TERMS = 6

const ALNUM = /^[\p{L}\p{N}]$/u
const LATIN = /[a-z]/
const PLACE_SUFFIX = /(特别行政区|自治区|自治州|自治县|地区|新区|林区|省|市|县|区|盟|旗)$/u

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
 * Normalise text exactly as generator/search/text.py's normalize() does (FORMAT.md "Text").
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
 * The short form of a place name that hospital names often use: 济宁市 -> 济宁.
 * @param {string} name
 * @returns {string}
 */
export function shortPlaceName(name) {
  const short = name.replace(PLACE_SUFFIX, "")
  return Array.from(short).length >= 2 ? short : name
}
