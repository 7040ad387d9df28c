// Hospital search core against the files the build wrote for tests/fixtures/search-data
// (tests/test_search_index.py keeps tests/js/fixtures/hospital-search identical to the build's
// output): build, then reload, then query with the same module the browser runs.
import { test } from "node:test"
import assert from "node:assert/strict"
import { readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"

import {
  HospitalData,
  chunkOf,
  decodeCells,
  indexKeys,
  matchGapped,
  normalize,
  parseQuery,
  parseT2S,
  planSteps,
  prioritise,
  stateFromParams,
  stateToParams
} from "../../overrides/assets/javascripts/lib/hospital-search.mjs"

const SHARDS = fileURLToPath(new URL("./fixtures/hospital-search/", import.meta.url))

/** A HospitalData over the fixture shards that counts how often each file is read. */
function open() {
  const reads = new Map()
  const data = new HospitalData(SHARDS + "manifest.json", async path => {
    reads.set(path, (reads.get(path) || 0) + 1)
    return JSON.parse(await readFile(path, "utf8"))
  })
  return { data, reads }
}

const JINING = Array.from({ length: 20 }, (_, i) => `sd-jining-${String(i + 1).padStart(2, "0")}`)

test("normalize matches generator/search/text.py", async t => {
  const t2s = parseT2S("濟济寧宁醫医學学")
  const cases = [
    ["济宁市第一人民医院", "济宁市第一人民医院"],
    ["深圳市ＡＢＣ口腔医院（２号院）", "深圳市abc口腔医院2号院"],
    ["濟寧醫學院", "济宁医学院"],
    ["Jining  Shi-1", "jiningshi1"],
    ["<script>", "script"],
    ["%", ""],
    ["", ""]
  ]
  for (const [text, expected] of cases) await t.test(text || "(empty)", () => assert.equal(normalize(text, t2s), expected))
})

test("chunkOf matches the Python reference values", () => {
  // the same numbers as FNV_REFERENCE in tests/test_search_index.py
  const reference = { "济宁": 155403, jns: 363570, "ji ning": 999350, "𠀀": 472461 }
  for (const [key, value] of Object.entries(reference)) assert.equal(chunkOf(key, 1000003), value, key)
})

test("decodeCells reads lists and complements", () => {
  const cases = [
    ["", 5, []],
    ["0", 5, [0]],
    ["01", 5, [0, 2]],
    ["!0", 4, [1, 2, 3]],
    ["w1", 40, [32]], // a gap of 32 takes two digits: "w" (low 5 bits, more follow) then "1"
    ["w11", 40, [32, 34]]
  ]
  for (const [text, total, expected] of cases) {
    const set = decodeCells(text, total)
    assert.deepEqual([...set.keys()].filter(i => set[i]), expected, text)
  }
})

test("parseQuery splits, normalises, caps and drops repeats", () => {
  const cases = [
    ["人民医院 兖州", ["人民医院", "兖州"]],
    ["人民医院，兖州", ["人民医院", "兖州"]],
    ["　济宁　", ["济宁"]], // ideographic spaces
    ["济宁 济宁市", ["济宁市"]],
    ["%", []],
    ["<script>alert(1)</script>", ["script", "alert", "1"]],
    ["医".repeat(200), ["医".repeat(64)]]
  ]
  for (const [raw, expected] of cases) assert.deepEqual(parseQuery(raw, new Map()), expected, raw.slice(0, 20))
})

test("indexKeys: bigrams, at most four, first and last always", () => {
  assert.deepEqual(indexKeys("济"), ["济"])
  assert.deepEqual(indexKeys("济宁"), ["济宁"])
  const keys = indexKeys("济宁市第一人民医院")
  assert.equal(keys.length, 4)
  assert.ok(keys.includes("济宁") && keys.includes("医院"))
})

test("matchGapped: pieces of two or more characters, in order", () => {
  const cases = [
    ["济宁医学院附属医院", "济宁附属", true],
    ["济宁医学院附属医院", "附属济宁", false],
    ["济宁医学院附属医院", "济宁附属医院", true],
    ["济宁医学院附属医院", "济宁附属院", false], // 附属院 is not in the name as one piece
    ["济宁医学院附属医院", "济附属院", false], // 济 alone is not a piece
    ["济宁市第一人民医院", "济宁医院", true]
  ]
  for (const [name, term, expected] of cases) assert.equal(matchGapped(name, Array.from(term)), expected, `${term} in ${name}`)
})

test("every name's index keys are in its chunk and point to its cell (Python and JS agree)", async () => {
  const { data } = open()
  const manifest = await data.load()
  for (const where of manifest.cells) {
    const cell = await data.cell(where.number)
    for (const name of cell.norm) {
      for (const key of indexKeys(name)) {
        const cells = await data.keyCells(key)
        assert.equal(cells[where.number], 1, `${key} of ${name} -> cell ${where.number}`)
      }
    }
  }
})

test("every name's pinyin initials lead to its cell", async () => {
  const { data } = open()
  const manifest = await data.load()
  const pinyin = await data.pinyin()
  for (const where of manifest.cells) {
    const cell = await data.cell(where.number)
    for (const name of cell.norm) {
      const chars = Array.from(name)
      const initials = chars.map(ch => (pinyin.readings.get(ch) || [ch])[0][0]).join("")
      const full = chars.map(ch => (pinyin.readings.get(ch) || [ch])[0]).join("")
      for (const term of [initials, full]) {
        const cells = await data.pinyinCells(term)
        assert.ok(cells === null || cells[where.number] === 1, `${term} (${name}) -> cell ${where.number}`)
      }
    }
  }
})

// [what it checks, URL query, ids that must be found, ids that must not, id that must come first]
const SEARCHES = [
  // any substring of the name
  ["substring", "q=第一人民", ["sd-jining-02", "search-beijing-renmin", "search-jinan-renmin"], ["sd-jining-07"]],
  ["substring, no province", "q=协和", ["search-beijing-xiehe"], [], "search-beijing-xiehe"],
  ["pieces in order", "q=济宁附属", ["sd-jining-01"], [], "sd-jining-01"],
  ["pieces in order, reversed is no match", "q=附属济宁", [], ["sd-jining-01"]],
  // several words in any order
  ["words", "q=人民医院 兖州", ["sd-jining-11"], ["sd-jining-12"], "sd-jining-11"],
  ["words reversed", "q=兖州 人民医院", ["sd-jining-11"], ["sd-jining-12"], "sd-jining-11"],
  ["a word names the place", "q=济宁 中医院", ["sd-jining-03", "sd-jining-09", "sd-jining-12", "sd-jining-14", "sd-jining-17"], ["search-chongqing-zyy"]],
  // pinyin
  ["initials", "q=jnsdyrmyy", ["sd-jining-02", "search-jinan-renmin"], ["sd-jining-07"]],
  ["full pinyin", "q=jiningshi", ["sd-jining-02", "sd-jining-03"], ["search-jinan-renmin"]],
  ["full pinyin and initials", "q=jiningsdyrmyy", ["sd-jining-02"], ["sd-jining-07"], "sd-jining-02"],
  ["last syllable cut", "q=jiningyixueyu", ["sd-jining-01"], [], "sd-jining-01"],
  ["pinyin place", "q=jining", JINING, ["search-xianning-center"]],
  ["heteronym: 六安 as liu an", "q=liuan", ["search-luan-renmin"], []],
  ["heteronym: 六安 as lu an", "q=luan", ["search-luan-renmin"], []],
  ["heteronym: 重庆", "q=cqszyy", ["search-chongqing-zyy"], [], "search-chongqing-zyy"],
  ["zh/ch/sh initials", "q=chqszhyy", ["search-chongqing-zyy"], []],
  ["pinyin words", "q=jining zyy", ["sd-jining-03", "sd-jining-09"], ["search-chongqing-zyy", "sd-jining-08"]],
  ["pinyin and Chinese mixed", "q=济宁sdyrm", ["sd-jining-02"], ["sd-jining-07"]],
  // traditional characters
  ["traditional", "q=濟寧", JINING, ["search-jinan-renmin"]],
  ["traditional full name", "q=濟寧醫學院附屬醫院", ["sd-jining-01"], [], "sd-jining-01"],
  ["traditional 縣, 乾 stays 乾", "q=乾縣", ["search-qianxian-renmin"], []],
  // full-width and half-width, spaces and punctuation
  ["full-width letters", "q=ＡＢＣ口腔", ["search-shenzhen-abc"], []],
  ["half-width for full-width", "q=abc口腔医院2号院", ["search-shenzhen-abc"], []],
  ["spaces inside a name", "q=济宁 第一", ["sd-jining-02"], ["sd-jining-07"]],
  ["punctuation", "q=济宁、附属", ["sd-jining-01"], []],
  // ranking: exact name, then prefix, then right after the place, then elsewhere
  ["exact first", "q=人民医院", ["search-shenzhen-people", "sd-jining-08", "search-luan-renmin"], [], "search-shenzhen-people"],
  ["exact full name first", "q=济宁市第一人民医院", ["sd-jining-02"], ["sd-jining-07"], "sd-jining-02"],
  ["prefix before place-only", "q=济宁", JINING, [], "sd-jining-03"], // 济宁市中医院: a prefix, and the shortest
  // filters combine
  ["province", "q=人民医院&province=370000", ["sd-jining-08", "search-jinan-renmin"], ["search-luan-renmin", "search-shenzhen-people"]],
  ["city", "q=人民医院&province=370000&city=370100", ["search-jinan-renmin"], ["sd-jining-08"]],
  ["district", "q=人民医院&district=370812", ["sd-jining-11"], ["sd-jining-08", "sd-jining-12"]],
  ["level", "q=人民医院&level=三级", ["search-beijing-renmin", "search-luan-renmin"], ["sd-jining-08", "search-shenzhen-people"]],
  ["service", "q=医院&service=门诊慢特病", ["search-beijing-xiehe", "search-changsha-center"], ["search-luan-renmin", "sd-jining-01"]],
  ["region without a name", "province=370000&level=未定级", JINING, ["search-jinan-renmin"]],
  ["level the source does not give", "q=医院&level=来源未注明", ["search-xianning-dental"], ["search-xianning-center", "sd-jining-01"]],
  ["all filters", "q=zyy&province=370000&city=370800&district=370812&level=未定级&service=住院", ["sd-jining-12"], ["sd-jining-03", "sd-jining-11"]]
]

test("search: substring, words, pinyin, traditional, width, ranking, filters", async t => {
  const { data } = open()
  for (const [what, query, found, notFound, first] of SEARCHES) {
    await t.test(`${what}: ${query}`, async () => {
      // A budget past the fixture's size: matching and ranking, not the no-province steps.
      const result = await data.search(stateFromParams(query), { limit: 100, budget: 1000 })
      const ids = result.results.map(r => r.id)
      assert.equal(result.status, "ok")
      assert.ok(result.complete, "the fixture is small enough to search completely")
      for (const id of found) assert.ok(ids.includes(id), `${id} missing from ${ids.join(",")}`)
      for (const id of notFound) assert.ok(!ids.includes(id), `${id} should not be found`)
      if (first) assert.equal(ids[0], first)
      assert.equal(result.total, ids.length)
    })
  }
})

test("results carry everything a result shows", async () => {
  const { data } = open()
  const { results } = await data.search({ q: "北京协和医院" })
  assert.deepEqual(results[0], {
    id: "search-beijing-xiehe",
    name: "北京协和医院",
    level: "三级",
    services: ["住院", "普通门诊", "门诊慢特病"],
    address: "北京市东城区帅府园1号",
    phone: { display: "010-6915 6114", tel: "tel:+861069156114" },
    province: { code: "110000", name: "北京市" },
    city: { code: "110100", name: "北京市" },
    district: { code: "110101", name: "东城区" },
    score: 1000
  })
})

test("empty and odd queries never throw", async t => {
  const { data } = open()
  const cases = [
    ["", "empty"],
    ["%", "empty"],
    ["   ", "empty"],
    ["<script>alert(1)</script>", "ok"],
    ["医".repeat(200), "ok"],
    ["a".repeat(200), "ok"],
    ["x".repeat(30) + "济宁", "ok"],
    ["🏥🏥", "empty"],
    ["\u0000\u200b", "empty"],
    ["'); DROP TABLE hospitals;--", "ok"],
    ["1", "ok"]
  ]
  for (const [q, status] of cases) {
    await t.test(JSON.stringify(q.slice(0, 24)), async () => {
      const result = await data.search({ q })
      assert.equal(result.status, status)
      assert.ok(Array.isArray(result.results))
    })
  }
})

test("state round-trips through the URL and is cleaned against the manifest", async () => {
  const { data } = open()
  await data.load()
  const state = { q: "人民医院 兖州", province: "370000", city: "370800", district: "370812", level: "未定级", service: "住院" }
  assert.deepEqual(stateFromParams(stateToParams(state)), state)
  assert.equal(stateToParams({ q: "", province: "" }), "")
  const cases = [
    [{ district: "370812" }, { province: "370000", city: "370800", district: "370812" }], // a district implies its city and province
    [{ city: "370800" }, { province: "370000", city: "370800", district: "" }],
    [{ province: "999999", city: "370800" }, { province: "", city: "", district: "" }],
    [{ province: "110000", city: "370800" }, { province: "110000", city: "", district: "" }], // not in that province
    [{ district: "abc" }, { province: "", city: "", district: "" }]
  ]
  for (const [input, expected] of cases) {
    const cleaned = data.cleanState(input)
    for (const [key, value] of Object.entries(expected)) assert.equal(cleaned[key], value, `${JSON.stringify(input)}.${key}`)
  }
  assert.equal(data.cleanState({ level: "4级" }).level, "")
  assert.equal(data.cleanState({ service: "住院" }).service, "住院")
})

test("files are loaded once and reused by later searches", async () => {
  const { data, reads } = open()
  await data.search({ q: "济宁附属" })
  await data.search({ q: "济宁附属" })
  await data.search({ q: "济宁 中医院" })
  await data.search({ q: "jining" })
  await data.search({ q: "jining" })
  for (const [path, n] of reads) assert.equal(n, 1, path)
  assert.ok(reads.size < 30)
})

test("without a province, a broad search stops at the budget and says so", async () => {
  const { data } = open()
  const result = await data.search({ q: "医院" }, { budget: 1 })
  assert.equal(result.complete, false)
  assert.ok(result.searchedCities < result.candidateCities)
  const all = await data.search({ q: "医院" }, { budget: 1000 })
  assert.equal(all.complete, true)
  assert.ok(all.total > result.total)
})

test("a term's start finds the cells where a name starts that way: pinyin however cut, Chinese by initials", async t => {
  const { data } = open()
  const m = await data.load()
  const cityOf = code => m.cells.filter(c => c.city.code === code).map(c => c.number)
  const jining = cityOf("370800")
  const cases = [
    ["jxxrmyy", jining], // 金乡县人民医院: initials
    ["jinxiangxian", jining], // the same, full pinyin
    ["jinxxrmyy", jining], // mixed
    ["bjxhyy", cityOf("110100")], // 北京协和医院
    ["rmyy", cityOf("440300")], // 人民医院 starts no other name
    ["济宁医学", jining], // Chinese: by initials, where the bigrams are too
    ["金乡县人", jining],
    ["金乡人民", jining], // 县 dropped, as people say it
    ["jxrmyy", jining],
    ["北京协和", cityOf("110100")],
    ["重庆市中", cityOf("500100")], // 重 read chong or zhong: either starts the name
    ["第一人民", []] // in names, but starts none
  ]
  for (const [term, expected] of cases) {
    await t.test(term, async () => {
      const cells = await data.startCells(term)
      assert.deepEqual([...cells.keys()].filter(i => cells[i]), expected)
    })
  }
  assert.equal(await data.startCells("jn"), null) // two syllables: no start of three
  assert.equal(await data.startCells("济宁"), null) // two characters: too short to prefer cells
  const none = await data.startCells("vvv")
  assert.ok(none === null || none.every(x => x === 0))
})

test("without a province, the first step keeps to the preferred cells", async () => {
  const { data, reads } = open()
  const focused = await data.search({ q: "rmyy" }, { budget: 5, focus: true })
  assert.deepEqual(focused.results.map(r => r.id), ["search-shenzhen-people"])
  assert.equal(focused.searchedCities, 1)
  assert.equal(focused.complete, false) // the page offers to go on
  assert.ok(focused.candidateCities > 1)
  const cellsRead = [...reads.keys()].filter(p => p.includes("/cells/"))
  assert.equal(cellsRead.length, 1)
  // Searching wider (继续查找其他城市) goes past the preferred cells.
  const wider = await data.search({ q: "rmyy" }, { budget: 1000 })
  assert.equal(wider.complete, true)
  assert.ok(wider.results.length > 5)
  assert.equal(wider.results[0].id, "search-shenzhen-people") // exact initials still rank first
  // Even when everything would fit the budget: loading cells costs bytes on a phone, and the
  // page offers the rest (继续查找其他城市).
  const first = await data.search({ q: "rmyy" })
  assert.equal(first.complete, false)
  assert.equal(first.searchedCities, 1)
})

test("a focused step that finds nothing is followed by the budget", async () => {
  const { data } = open()
  // The one name that starts "rmy" (人民医院, 深圳) is 一级: with 三级 asked for, the preferred
  // cell finds nothing and the search goes on to the rest of the budget.
  const result = await data.search({ q: "rmyy", level: "三级" }, { budget: 25, focus: true })
  assert.ok(result.searchedCities > 1)
  assert.ok(result.results.length > 0)
  for (const r of result.results) assert.equal(r.level, "三级")
})

test("a hospital without a level shows 来源未注明, ranked after every stated level", async () => {
  const { data } = open()
  const { results } = await data.search({ q: "咸宁市" }, { budget: 1000 })
  assert.deepEqual(results.map(r => [r.id, r.level]), [["search-xianning-center", "三级"], ["search-xianning-dental", "来源未注明"]])
})

test("a manifest of another format version is refused", async () => {
  const data = new HospitalData(SHARDS + "manifest.json", async path => {
    const json = JSON.parse(await readFile(path, "utf8"))
    return path.endsWith("manifest.json") ? { ...json, version: json.version + 1 } : json
  })
  await assert.rejects(data.load(), /version/)
})

// [what it checks, rows per candidate in priority order, options, expected step ends]
const PLANS = [
  ["everything fits one step; a Chinese term gets no more steps when all is taken", [10, 20, 30], { budget: 100 }, [3]],
  ["the budget cuts the second step; a Chinese term gets one more budget", [40, 40, 40, 40, 40, 40], { budget: 100 }, [2, 5]],
  ["pinyin: no third step", [40, 40, 40, 40, 40, 40], { budget: 100, pinyin: true }, [2]],
  ["the first cell always goes in, however big", [500, 10], { budget: 100, pinyin: true }, [1]],
  ["a focused first step, up to half the budget", [30, 30, 30, 30], { budget: 100, focus: 2, pinyin: true }, [1, 3]],
  ["the focus fits whole", [10, 20, 30, 30], { budget: 100, focus: 2, pinyin: true }, [2, 4]],
  ["searching wider skips the focused step", [10, 20, 30, 30], { budget: 100, focus: 2, pinyin: true, wider: true }, [4]],
  ["a focus over every candidate is no separate step", [10, 20], { budget: 100, focus: 2 }, [2]],
  ["a step that adds nothing is left out", [60, 60, 60], { budget: 100, pinyin: true, focus: 1 }, [1]],
  ["no candidates, no steps", [], { budget: 100 }, []]
]

test("planSteps: where each no-province step stops", async t => {
  for (const [what, counts, options, expected] of PLANS) {
    await t.test(what, () => assert.deepEqual(planSteps(counts, options), expected))
  }
})

// [what it checks, [priority, cell] in cell order, expected order, expected focus]
const PRIORITIES = [
  ["names that start as typed lead, whatever else they have", [[1, "a"], [8, "b"], [12, "c"], [4, "d"]], ["c", "b", "d", "a"], 2],
  ["else the best group alone", [[2, "a"], [4, "b"], [4, "c"], [1, "d"]], ["b", "c", "a", "d"], 2],
  ["ties keep cell order; no priority, no focus", [[0, "a"], [0, "b"]], ["a", "b"], 0],
  ["nothing to order", [], [], 0]
]

test("prioritise: candidate order and the first step's focus", async t => {
  for (const [what, ranked, order, focus] of PRIORITIES) {
    await t.test(what, () => assert.deepEqual(prioritise(ranked), { ordered: order, focus }))
  }
})
