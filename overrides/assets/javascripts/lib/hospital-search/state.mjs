/**
 * A search as URL parameters (q, province, city, district, level, service), and a state
 * cleaned against the manifest.
 */

import { MAX_QUERY_CHARS } from "./text.mjs"

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
 * Clean a state against the manifest: unknown codes and values are dropped, a district implies
 * its city and a city its province.
 * @param {object} state - from stateFromParams
 * @param {{byCode: Map<string, object>, levels: string[], services: string[]}} manifest - as HospitalData.load gives it
 * @returns {object} the same shape
 */
export function cleanState(state, manifest) {
  const m = manifest
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
