/**
 * Cells (FORMAT.md, "Cells"): a cell file made ready for matching (names with their place put
 * back, districts per row, readings on the first pinyin query) and places (provinces, cities,
 * districts) with their phrase readings.
 */

import { normalize, shortPlaceName } from "./text.mjs"
import { readingsMask, syllables } from "./pinyin.mjs"

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
  // Names stored without the place they start with (FORMAT.md "Place markers"; generator/search/cells.py split_place_prefix).
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
