/**
 * Reading numbers people type (money, percentages) and writing money back. Pure functions,
 * shared by the estimator page and its Node tests. A field never turns into NaN or a silent
 * zero: it gives a number or a message for that field.
 */

const FULL_WIDTH = /[０-９．，]/g

/** @param {string} text - as typed; full-width digits, commas, spaces, ¥ and 元 are tolerated */
function normalise(text) {
  return String(text ?? "")
    .replace(FULL_WIDTH, ch => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[,\s¥￥元]/g, "")
}

/**
 * @param {string} text - what the person typed
 * @param {{label: string, required?: boolean, decimals?: number}} field - label for messages
 * @returns {{value: number} | {error: string}} value is null for an empty optional field
 */
export function parseAmount(text, { label, required = false, decimals = 2 }) {
  const clean = normalise(text)
  if (clean === "") return required ? { error: `请填写${label}` } : { value: null }
  const pattern = new RegExp(`^\\d+(\\.\\d{1,${decimals}})?$`)
  if (!pattern.test(clean)) {
    return { error: `${label}请填写阿拉伯数字，最多${decimals}位小数，例如 25000 或 25000.50` }
  }
  return { value: Number(clean) }
}

/**
 * @param {string} text - a percentage as typed, e.g. "70" or "70%"
 * @param {{label: string, required?: boolean}} field - label for messages
 * @returns {{value: number} | {error: string}} the ratio (0.7 for 70), null when empty and optional
 */
export function parsePercent(text, { label, required = false }) {
  const parsed = parseAmount(normalise(text).replace(/[%％]$/, ""), { label, required, decimals: 2 })
  if (parsed.value === null || (parsed.error && parsed.error.startsWith("请填写"))) return parsed
  if (parsed.error || parsed.value > 100) return { error: `${label}请填写 0 到 100 之间的数字（百分比），例如 70` }
  return { value: Math.round(parsed.value * 100) / 10000 }
}

/** @param {number} yuan - an amount with at most 2 decimals; returns "¥7,500.00" */
export function formatYuan(yuan) {
  return "¥" + yuan.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}
