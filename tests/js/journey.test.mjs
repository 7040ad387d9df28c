import { test } from "node:test"
import assert from "node:assert/strict"
import { readFileSync } from "node:fs"

import {
  CARES, DISEASES, FILED, GUIDE, Places, REASONS, STATE_KEYS, VERDICTS, decide, findHospital, stateFromParams, stateToParams,
} from "../../overrides/assets/javascripts/lib/journey.mjs"

// A few real places as generator/places.py writes them; 成都市's hospital counts are made up.
const PLACES = new Places(JSON.parse(readFileSync(new URL("./fixtures/journey/places.json", import.meta.url), "utf8")))

// Hospitals in the shape of the lookup's result rows (HospitalData.search); made up for the tests.
const WARD = { id: "t-ward", name: "测试住院医院", level: "三级", services: ["住院"] }
const ALL_CARE = { id: "t-all", name: "测试综合医院", level: "二级", services: ["住院", "普通门诊", "门诊慢特病"] }

const trip = (extra = {}) => ({ insured: "440300", treat: "510100", care: "inpatient", disease: "", reason: "referral", filed: "yes", hospital: "", ...extra })

/** Every reason id, step id and text of an answer, for the assertions below. */
const ids = answer => answer.reasons.map(r => r.id)
const stepIds = answer => answer.steps.map(s => s.id)

// [name, state, hospital, verdict, reason ids that must be there, step ids that must be there]
const CASES = [
  // Verdicts
  ["same city: local", trip({ insured: "440300", treat: "440300" }), undefined, "local", ["same-city"], ["offices"]],
  ["municipality as a province is its city: local", trip({ insured: "110000", treat: "110100" }), undefined, "local", ["same-city"], ["hotline"]],
  ["filed, city lists the care: direct", trip(), undefined, "direct", ["temporary", "city-listed", "filed", "insured-place-decides"], ["filing", "reduction", "offices", "hospitals", "estimator"]],
  ["not filed, inpatient: file-first, can file before discharge", trip({ filed: "no" }), undefined, "file-first", ["not-filed", "before-discharge"], ["filing", "where", "reduction"]],
  ["not filed, outpatient: file-first, nothing about discharge", trip({ filed: "no", care: "outpatient" }), undefined, "file-first", ["not-filed"], ["filing", "where"]],
  ["listed hospital without that care: manual", trip({ care: "outpatient", hospital: "t-ward" }), WARD, "manual", ["hospital-lacks-care"], ["manual-claim"]],
  ["listed hospital with that care: direct", trip({ care: "outpatient", hospital: "t-all" }), ALL_CARE, "direct", ["hospital-listed", "filed"], ["estimator"]],
  ["hospital id not in the list: unknown", trip({ hospital: "no-such-id" }), null, "unknown", ["hospital-not-listed"], ["check-official"]],
  ["no listed hospital in the city: unknown", trip({ treat: "370100" }), undefined, "unknown", ["city-not-listed"], ["check-official", "hospitals"]],
  ["city lists other care only: unknown", trip({ treat: "370800", insured: "440300", care: "outpatient" }), undefined, "unknown", ["city-not-listed"], ["check-official"]],
  // Reasons (22号 art. 7)
  ["resettled retiree: long-term", trip({ reason: "resettled_retiree" }), undefined, "direct", ["long-term"], ["filing"]],
  ["long-term resident: long-term", trip({ reason: "long_term_resident", filed: "no" }), undefined, "file-first", ["long-term", "not-filed"], ["filing", "where"]],
  ["posted worker: long-term", trip({ reason: "posted_worker" }), undefined, "direct", ["long-term"], ["filing"]],
  ["referral: temporary", trip({ reason: "referral", filed: "no" }), undefined, "file-first", ["temporary", "not-filed"], ["reduction"]],
  ["emergency counts as filed, even without filing", trip({ reason: "emergency", filed: "no" }), undefined, "direct", ["temporary", "emergency-counts-as-filed"], ["filing", "reduction"]],
  ["emergency without an answer to filed", trip({ reason: "emergency", filed: "" }), undefined, "direct", ["emergency-counts-as-filed"], ["filing"]],
  ["other temporary trip", trip({ reason: "temporary", filed: "no" }), undefined, "file-first", ["temporary", "not-filed"], ["reduction"]],
  // Same province: the province's own rules
  ["same province", trip({ insured: "370800", treat: "370100" }), undefined, "unknown", ["same-province"], ["hotline", "hospitals"]],
  ["insured as a province, treated inside it", trip({ insured: "440000", treat: "440100" }), undefined, "unknown", ["same-province"], ["hospitals"]],
  // Chronic diseases: the five of the 2023 source settle, any other is a manual claim
  ...DISEASES.map(d => [
    `chronic ${d.value}`, trip({ care: "chronic", disease: d.value }), undefined,
    d.settles ? "direct" : "manual", [d.settles ? "chronic-five" : "chronic-other"], d.settles ? ["estimator"] : ["manual-claim"],
  ]),
  ["chronic other beats a listed hospital", trip({ care: "chronic", disease: "other", hospital: "t-all" }), ALL_CARE, "manual", ["chronic-other"], ["manual-claim"]],
  ["chronic: one of five, hospital not in the list", trip({ care: "chronic", disease: "dialysis", hospital: "x" }), null, "unknown", ["chronic-five", "hospital-not-listed"], []],
]

for (const [name, state, hospital, verdict, reasons, steps] of CASES) {
  test(`decide: ${name}`, () => {
    const answer = decide(state, PLACES, hospital)
    assert.equal(answer.ok, true, JSON.stringify(answer.errors))
    assert.equal(answer.verdict, verdict)
    assert.equal(answer.headline, VERDICTS[verdict])
    for (const id of reasons) assert.ok(ids(answer).includes(id), `reason ${id} in ${ids(answer)}`)
    for (const id of steps) assert.ok(stepIds(answer).includes(id), `step ${id} in ${stepIds(answer)}`)
    // Every reason rests on a stated fact and links the page that explains it.
    for (const r of answer.reasons) {
      assert.ok(r.fact.length > 4, `${r.id} has a fact`)
      assert.ok(Object.values(GUIDE).includes(r.href) || r.href.startsWith("hospitals/?city="), `${r.id} links ${r.href}`)
    }
  })
}

test("every verdict, reason and filed answer has a case", () => {
  const seen = new Set(CASES.map(c => c[1].reason))
  assert.deepEqual(REASONS.map(r => r.value).filter(v => !seen.has(v)), [])
  assert.deepEqual(Object.keys(VERDICTS).filter(v => !CASES.some(c => c[3] === v)), [])
  assert.deepEqual(FILED.map(f => f.value).filter(v => !CASES.some(c => c[1].filed === v)), [])
  assert.deepEqual(CARES.map(c => c.value).filter(v => !CASES.some(c => c[1].care === v)), [])
})

// Filing types and the 22号 notice part 2 ceiling: 10 points for referral and emergency, 20 for other trips.
const FILINGS = [
  ["resettled_retiree", "长期备案", null, "filing=long_term"],
  ["long_term_resident", "长期备案", null, "filing=long_term"],
  ["posted_worker", "长期备案", null, "filing=long_term"],
  ["referral", "异地转诊备案", 10, "filing=referral"],
  ["emergency", "视同已备案", 10, "filing=emergency"],
  ["temporary", "其他临时外出就医备案", 20, "filing=temporary"],
]
for (const [reason, filing, points, estimator] of FILINGS) {
  test(`filing and reduction: ${reason}`, () => {
    const answer = decide(trip({ reason, filed: "no" }), PLACES)
    assert.match(answer.card.filing, new RegExp(filing))
    const cut = answer.steps.find(s => s.id === "reduction")
    if (points === null) assert.equal(cut, undefined)
    else {
      assert.match(cut.text, new RegExp(`最多降低 ${points} 个百分点`))
      assert.equal(cut.href, GUIDE.reduction)
    }
    assert.ok(answer.steps.find(s => s.id === "estimator").href.endsWith(estimator))
  })
}

test("filed and not filed: the filing step differs", () => {
  const yes = decide(trip({ filed: "yes" }), PLACES)
  const no = decide(trip({ filed: "no" }), PLACES)
  assert.match(yes.steps[0].text, /已办异地转诊备案/)
  assert.match(no.steps[0].text, /办理异地转诊备案，要准备：参保地要求的转诊证明/)
  assert.ok(!stepIds(yes).includes("where"))
})

test("long-term filing lists the 承诺制 alternative", () => {
  const answer = decide(trip({ reason: "long_term_resident", filed: "no" }), PLACES)
  assert.match(answer.steps[0].text, /个人承诺书/)
})

// Places: codes, names, pinyin, initials, traditional characters.
const LOOKUPS = [
  ["440300", "440300"],
  ["深圳", "440300"],
  ["深圳市", "440300"],
  ["shenzhen", "440300"],
  ["sz", "440300"],
  ["濟寧", "370800"],
  ["jining", "370800"],
  ["廣州", "440100"],
  ["北京", "110100"], // a municipality is listed once, as its city
  ["110000", "110100"],
  ["重庆", "500100"], // 重庆 has a second "city" for its counties, named apart
  ["500000", "500100"],
  ["重庆市直辖县", "500200"],
  ["chengdu", "510100"],
]
for (const [text, code] of LOOKUPS) {
  test(`places: "${text}" finds ${code}`, () => {
    const found = PLACES.resolve(text, { label: "参保地" })
    assert.equal(found.place?.code, code, JSON.stringify(found))
  })
}

test("places: a name two places start with asks to choose", () => {
  const found = PLACES.resolve("ji", { label: "参保地" })
  assert.match(found.error, /可能是几个地方/)
  assert.ok(found.choices.length > 1)
  // 吉林 is the short name of both the province and its city: ask, do not guess.
  assert.deepEqual(PLACES.resolve("吉林", { label: "参保地" }).choices.map(p => p.code), ["220200", "220000"])
  // As a city of treatment only the city fits.
  assert.equal(PLACES.resolve("吉林", { label: "就医城市", citiesOnly: true }).place.code, "220200")
})

// Clear messages, never a blank answer.
const ERRORS = [
  ["unknown region code", trip({ insured: "999999" }), "insured", /地区代码“999999”不在本站的行政区划代码表/],
  ["malformed code", trip({ treat: "12345" }), "treat", /地区代码“12345”/],
  ["unknown name", trip({ insured: "火星" }), "insured", /没有找到“火星”/],
  ["treatment in a whole province", trip({ treat: "440000" }), "treat", /广东省是一个省，请选择就医城市所在的城市/],
  ["missing insured place", trip({ insured: "" }), "insured", /请选择参保地/],
  ["missing care", trip({ care: "" }), "care", /请选择看病的类型/],
  ["unknown care", trip({ care: "dental" }), "care", /“dental”不是可选的就医类型/],
  ["chronic without disease", trip({ care: "chronic" }), "disease", /请选择门诊慢特病的病种/],
  ["unknown reason", trip({ reason: "holiday" }), "reason", /“holiday”不是可选的原因/],
  ["missing filed", trip({ filed: "" }), "filed", /请选择是否已经备案/],
]
for (const [name, state, field, message] of ERRORS) {
  test(`error: ${name}`, () => {
    const answer = decide(state, PLACES)
    assert.equal(answer.ok, false)
    assert.match(answer.errors[field], message)
  })
}

test("the card carries the answer, the hospital, the filing, the numbers and the date", () => {
  const card = decide(trip({ care: "outpatient", hospital: "t-all" }), PLACES, ALL_CARE).card
  assert.equal(card.verdict, VERDICTS.direct)
  assert.equal(card.insured, "深圳市（广东省）")
  assert.equal(card.hospital, "测试综合医院（级别：二级；可结算：住院、普通门诊、门诊慢特病）")
  assert.equal(card.filing, "异地转诊备案")
  assert.ok(card.phones.some(c => c.phones.some(p => p[0] === "12333")))
  assert.ok(card.phones.some(c => c.name === "直属分局"))
  assert.equal(card.asOf, "2026-01-01")
})

test("URL state round-trips, in order, without empty values or a stray disease", () => {
  const state = stateFromParams("treat=510100&insured=440300&care=inpatient&disease=diabetes&reason=referral&filed=yes&x=1")
  assert.deepEqual(Object.keys(state), STATE_KEYS)
  assert.equal(stateToParams(state), "insured=440300&treat=510100&care=inpatient&reason=referral&filed=yes")
  const chronic = { ...state, care: "chronic" }
  assert.deepEqual(stateFromParams(stateToParams(chronic)), chronic)
})

test("findHospital uses the lookup's search of the city and matches the id", async () => {
  const calls = []
  const lookup = { search: async (state, options) => (calls.push([state, options]), { results: [WARD, ALL_CARE] }) }
  assert.equal(await findHospital(lookup, "510100", "t-all", 3), ALL_CARE)
  assert.equal(await findHospital(lookup, "510100", "gone", 3), null)
  assert.deepEqual(calls[0], [{ city: "510100" }, { limit: 3 }])
  assert.equal(await findHospital(lookup, "370100", "t-all", 0), null) // no listed hospital: no fetch
  assert.equal(calls.length, 2)
})

test("an error keeps the places that could be read, as codes", () => {
  const answer = decide({ insured: "sz", treat: "jining", care: "inpatient" }, PLACES)
  assert.equal(answer.ok, false)
  assert.deepEqual([answer.state.insured, answer.state.treat], ["440300", "370800"])
  assert.match(answer.errors.reason, /请选择为什么在外地看病/)
  assert.equal(decide({ insured: "999999", treat: "jining" }, PLACES).state.insured, "999999")
})

test("filing before discharge is offered for a stay in hospital only", () => {
  assert.ok(ids(decide(trip({ filed: "no", care: "inpatient" }), PLACES)).includes("before-discharge"))
  assert.ok(!ids(decide(trip({ filed: "no", care: "outpatient" }), PLACES)).includes("before-discharge"))
  assert.ok(!ids(decide(trip({ filed: "yes", care: "inpatient" }), PLACES)).includes("before-discharge"))
})
