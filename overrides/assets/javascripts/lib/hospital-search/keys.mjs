/**
 * Index keys and cell lists (FORMAT.md, "Cell lists" and "Keys and chunks"): which keys a term
 * looks up, which chunk file holds a key, and cell lists as membership arrays.
 */

const MAX_INDEX_KEYS = 4 // bigrams looked up per term: enough to narrow, few files to fetch
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"

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
 * Which index chunk holds a key: FNV-1a over UTF-16 code units (generator/search/keys.py chunk_of; FORMAT.md "Keys and chunks").
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
 * Decode a cell list (generator/search/keys.py encode_cells; FORMAT.md "Cell lists") into a membership array.
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
/** @param {Uint8Array} a @param {Uint8Array} b @returns {Uint8Array} cells in both (a new array) */
export function intersect(a, b) {
  const out = new Uint8Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i]
  return out
}


/** @param {Uint8Array} target - changed in place @param {Uint8Array} b @returns {Uint8Array} target, with b's cells added */
export function union(target, b) {
  for (let i = 0; i < target.length; i++) target[i] |= b[i]
  return target
}
