import { test } from "node:test"
import assert from "node:assert/strict"

import { formatYuan, parseAmount, parsePercent } from "../../overrides/assets/javascripts/lib/amount.mjs"

const AMOUNTS = [
  ["25000", { value: 25000 }],
  ["25,000.50", { value: 25000.5 }],
  ["２５０００", { value: 25000 }],
  ["¥ 7 500 元", { value: 7500 }],
  ["", { value: null }],
  ["二万五", { error: "医疗总费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50" }],
  ["25,000.5.3", { error: "医疗总费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50" }],
  ["-5", { error: "医疗总费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50" }],
  ["1.234", { error: "医疗总费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50" }],
  ["NaN", { error: "医疗总费用请填写阿拉伯数字，最多2位小数，例如 25000 或 25000.50" }],
]

for (const [text, expected] of AMOUNTS) {
  test(`parseAmount(${JSON.stringify(text)})`, () => {
    assert.deepEqual(parseAmount(text, { label: "医疗总费用" }), expected)
  })
}

test("a required amount left empty asks for it", () => {
  assert.deepEqual(parseAmount(" ", { label: "医疗总费用", required: true }), { error: "请填写医疗总费用" })
})

const PERCENTS = [
  ["70", { value: 0.7 }],
  ["70%", { value: 0.7 }],
  ["85.5", { value: 0.855 }],
  ["0", { value: 0 }],
  ["101", { error: "支付比例请填写 0 到 100 之间的数字（百分比），例如 70" }],
  ["七十", { error: "支付比例请填写 0 到 100 之间的数字（百分比），例如 70" }],
]

for (const [text, expected] of PERCENTS) {
  test(`parsePercent(${JSON.stringify(text)})`, () => {
    assert.deepEqual(parsePercent(text, { label: "支付比例" }), expected)
  })
}

test("formatYuan groups thousands and shows fen", () => {
  assert.equal(formatYuan(7500), "¥7,500.00")
  assert.equal(formatYuan(17500.5), "¥17,500.50")
  assert.equal(formatYuan(0), "¥0.00")
})
