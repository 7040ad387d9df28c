// The lookup page's texts and decisions (lib/hospital-lookup.mjs): status line, help, widening
// buttons and filter labels, for every kind of result the search core returns.
import { test } from "node:test"
import assert from "node:assert/strict"

import {
  TEXT,
  filterSummary,
  filtersOpen,
  helpFor,
  notListed,
  optionLabel,
  optionName,
  regionLabel,
  statusOf
} from "../../overrides/assets/javascripts/lib/hospital-lookup.mjs"

const COVERAGE = "本站名单收录 20 家（山东省济宁市，名单日期 2018-06-21）"
const state = (fields = {}) => ({ q: "", province: "", city: "", district: "", level: "", service: "", ...fields })
const result = (fields = {}) => ({ status: "ok", total: 0, complete: true, results: [], searchedCities: 0, candidateCities: 0, ...fields })
const rows = n => Array.from({ length: n }, (_, i) => ({ id: String(i) }))

// [what, result, where, expected status, help, more results, more regions]
const STATUSES = [
  ["nothing typed or chosen", result({ status: "empty" }), "在全国", TEXT.empty, false, false, false],
  ["none found, everything searched", result(), "在山东省济宁市", "在山东省济宁市没有找到符合条件的医院。", true, false, false],
  ["a few found", result({ total: 2, results: rows(2) }), "在全国", "在全国找到 2 家。", false, false, false],
  ["more than shown", result({ total: 1234, results: rows(20) }), "在山东省", "在山东省找到 1,234 家，显示前 20 家。", false, true, false],
  ["cities left without a province", result({ total: 3, results: rows(3), complete: false, searchedCities: 2, candidateCities: 40 }), "在全国",
    "在 2 个城市中找到 3 家；还有 38 个城市没有查找。选择省份可以查得更全。", false, false, true],
  ["none found yet, cities left: help and more", result({ complete: false, searchedCities: 5, candidateCities: 9 }), "在全国",
    "在 5 个城市中找到 0 家；还有 4 个城市没有查找。选择省份可以查得更全。", true, false, true]
]

test("statusOf: the status line and which buttons show", async t => {
  for (const [what, r, where, status, help, moreResults, moreRegions] of STATUSES) {
    await t.test(what, () => assert.deepEqual(statusOf(r, where), { status, help, moreResults, moreRegions }))
  }
})

// [what, state, tips (by start), widening labels]
const HELP = [
  ["a name, no filters: spelling, pinyin, and what the list covers", state({ q: "北京协和" }), [TEXT.typo, TEXT.pinyin, COVERAGE], []],
  ["a name in a city with a level", state({ q: "中医院", province: "370000", city: "370800", level: "三级" }), [TEXT.typo, TEXT.pinyin],
    ["不限级别和结算类别", "在全省查找", "在全国查找"]],
  ["a district", state({ q: "x", province: "370000", city: "370800", district: "370830", service: "住院" }), [TEXT.typo, TEXT.pinyin],
    ["不限级别和结算类别", "在全市查找", "在全省查找", "在全国查找"]],
  ["only a region", state({ province: "370000", level: "一级" }), [], ["不限级别和结算类别", "在全国查找"]]
]

test("helpFor: what to try, and the buttons that widen the search", async t => {
  for (const [what, s, tips, labels] of HELP) {
    await t.test(what, () => {
      const help = helpFor(s, COVERAGE)
      assert.equal(help.tips.length, tips.length)
      tips.forEach((start, i) => assert.ok(help.tips[i].startsWith(start), help.tips[i]))
      assert.deepEqual(help.widen.map(w => w.label), labels)
    })
  }
})

test("widening changes only what it names", () => {
  const { widen } = helpFor(state({ q: "x", province: "370000", city: "370800", district: "370830", level: "三级", service: "住院" }), COVERAGE)
  assert.deepEqual(Object.fromEntries(widen.map(w => [w.label, w.change])), {
    不限级别和结算类别: { level: "", service: "" },
    在全市查找: { district: "" },
    在全省查找: { city: "", district: "" },
    在全国查找: { province: "", city: "", district: "" }
  })
})

test("a hospital not in the list: the list's extent and date, and the official lookup by name", () => {
  const text = notListed(COVERAGE)
  assert.ok(text.startsWith(COVERAGE))
  assert.ok(text.includes("不等于不能直接结算"))
  assert.ok(text.includes("国家医保服务平台 App") && text.includes("定点医疗机构查询"))
  assert.ok(!text.includes("不能直接结算，"), "never says a missing hospital cannot settle")
  assert.ok(notListed("").startsWith("本站名单不全"))
})

test("labels: regions, filter summary, options", () => {
  const cases = [
    [regionLabel(["山东省", "济宁市", ""]), "在山东省济宁市"],
    [regionLabel(["北京市", "北京市", "东城区"]), "在北京市东城区"],
    [regionLabel(["", "", ""]), "在全国"],
    [filterSummary(["山东省", "济宁市", ""], state({ level: "来源未注明" })), "：山东省 济宁市 · 来源未注明"],
    [filterSummary(["北京市", "北京市", ""], state({ service: "住院" })), "：北京市 · 住院"],
    [filterSummary(["", "", ""], state()), ""],
    [optionLabel("济宁市", 1500), "济宁市（1,500）"],
    [optionName("济宁市（1,500）"), "济宁市"]
  ]
  for (const [got, expected] of cases) assert.equal(got, expected)
})

test("filters are unfolded when one is set or the screen is wide", () => {
  const cases = [
    [state(), false, false],
    [state(), true, true],
    [state({ province: "370000" }), false, true],
    [state({ level: "三级" }), false, true],
    [state({ service: "住院" }), false, true],
    [state({ q: "济宁" }), false, false]
  ]
  for (const [s, wide, expected] of cases) assert.equal(filtersOpen(s, wide), expected, JSON.stringify(s))
})
