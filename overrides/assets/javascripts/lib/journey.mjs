/**
 * "能直接结算吗？" (the journey page) without the DOM: from a trip (insured place, city of
 * treatment, kind of care, why one is away, filed or not, optionally a hospital) to one of five
 * verdicts, the reasons with the fact each rests on, and the next steps. Shared by the page's
 * adapter (../journey.js) and the Node tests (tests/js/journey.test.mjs).
 *
 * decide() works in steps (marked `// => n`):
 *   1. Read the places: codes (or names from the home page's form) -> provinces and cities.
 *   2. Same city: not 异地就医 at all (`local`).
 *   3. Check the other answers are there; same province: the province's own rules (`unknown`).
 *   4. A chronic disease outside the five settles by a manual claim (`manual`).
 *   5. The hospital, or the city's listed hospitals, for that kind of care: a listed hospital
 *      without it -> `manual`; not in the list, or none listed -> `unknown`.
 *   6. Filed, or an emergency (counts as filed) -> `direct`; else `file-first`.
 *
 * Facts are those of 医保发〔2022〕22号 (the notice and its attached 经办规程, "art." below), as
 * /work/shared/facts/nhsa-2022-22.md records them; the guide pages explain each one, and every
 * reason links the guide anchor of its fact.
 *
 * @module journey
 */
import { makePlace, matchPlace, normalize, parseT2S, pinyinQuery, isPinyinTerm } from "./hospital-search.mjs"

/** URL query parameters of a journey, in form order. */
export const STATE_KEYS = ["insured", "treat", "care", "disease", "reason", "filed", "hospital"]

/** Kinds of care, with the hospital list's service (data/hospitals.csv `services`) for each. */
export const CARES = Object.freeze([
  { value: "inpatient", label: "住院", service: "住院" },
  { value: "outpatient", label: "普通门诊", service: "普通门诊" },
  { value: "chronic", label: "门诊慢特病", service: "门诊慢特病" },
])

/**
 * Outpatient chronic and special diseases. The first five settled across provinces in the 2023
 * source (沈阳市医疗保障局, 2023-11-30; facts file, fact 13); any other goes through a manual claim.
 */
export const DISEASES = Object.freeze([
  { value: "hypertension", label: "高血压", settles: true },
  { value: "diabetes", label: "糖尿病", settles: true },
  { value: "cancer", label: "恶性肿瘤门诊放化疗", settles: true },
  { value: "dialysis", label: "尿毒症透析", settles: true },
  { value: "transplant", label: "器官移植术后抗排异治疗", settles: true },
  { value: "other", label: "其他门诊慢特病", settles: false },
])

/**
 * Why one is away: the six kinds of people of 22号 art. 7, in two groups. `filing` is the
 * estimator's filing type (lib/estimator-form.mjs), `filingLabel` what to ask for.
 */
export const REASONS = Object.freeze([
  { value: "resettled_retiree", label: "异地安置退休", person: "异地安置退休人员", group: "long-term", filing: "long_term", filingLabel: "长期备案（异地安置退休人员）" },
  { value: "long_term_resident", label: "异地长期居住", person: "异地长期居住人员", group: "long-term", filing: "long_term", filingLabel: "长期备案（异地长期居住人员）" },
  { value: "posted_worker", label: "常驻异地工作", person: "常驻异地工作人员", group: "long-term", filing: "long_term", filingLabel: "长期备案（常驻异地工作人员）" },
  { value: "referral", label: "转诊到外地医院", person: "异地转诊就医人员", group: "temporary", filing: "referral", filingLabel: "异地转诊备案" },
  { value: "emergency", label: "在外地急诊抢救", person: "异地急诊抢救人员", group: "temporary", filing: "emergency", filingLabel: "急诊抢救：视同已备案，不用事先备案" },
  { value: "temporary", label: "其他临时外出（出差、旅游、探亲等）", person: "其他跨省临时外出就医人员", group: "temporary", filing: "temporary", filingLabel: "其他临时外出就医备案" },
])

export const FILED = Object.freeze([
  { value: "yes", label: "已经备案" },
  { value: "no", label: "还没有备案" },
])

/** The five verdicts, with the headline shown for each. */
export const VERDICTS = Object.freeze({
  local: "不算异地就医",
  direct: "能直接结算",
  "file-first": "备案以后能直接结算",
  manual: "不能直接结算：先付费，再回参保地报销",
  unknown: "本站无法判断，请先核实",
})

const DOC = "医保发〔2022〕22号"
/** Guide pages and anchors (agreed in COMMON.md); paths are relative to the site root. */
export const GUIDE = Object.freeze({
  eligibility: "guide/eligibility/",
  longTerm: "guide/eligibility/#long-term",
  temporary: "guide/eligibility/#temporary",
  bring: "guide/steps/#what-to-bring",
  where: "guide/steps/#where-to-file",
  emergency: "guide/steps/#emergency",
  beforeDischarge: "guide/steps/#before-discharge",
  reduction: "guide/principles/#reduction",
  decides: "guide/principles/#insured-place-decides",
  chronic: "guide/outpatient-inpatient/#chronic",
  manualClaim: "guide/settlement-failed/#manual-claim",
  inProvince: "guide/in-province/",
})

const OFFICIAL_LOOKUP = "国家医保服务平台（网上服务大厅或 App）的“定点医疗机构查询”"

const byValue = list => new Map(list.map(item => [item.value, item]))
const CARE = byValue(CARES)
const DISEASE = byValue(DISEASES)
const REASON = byValue(REASONS)
const FILED_VALUES = byValue(FILED)

/* ------------------------------------------------------------------------------------------
 * State
 * ---------------------------------------------------------------------------------------- */

/**
 * Read a journey from URL parameters. Values are trimmed and cut short; nothing is checked here.
 * @param {URLSearchParams|string} params
 * @returns {Record<string, string>} every key of STATE_KEYS, "" when absent
 */
export function stateFromParams(params) {
  const p = typeof params === "string" ? new URLSearchParams(params) : params
  const state = {}
  for (const key of STATE_KEYS) state[key] = (p.get(key) || "").trim().slice(0, 64)
  return state
}

/**
 * Write a journey as URL parameters, in STATE_KEYS order, leaving out what is empty and the
 * disease unless the care is chronic.
 * @param {Record<string, string>} state
 * @returns {string}
 */
export function stateToParams(state) {
  const p = new URLSearchParams()
  for (const key of STATE_KEYS) {
    if (key === "disease" && state.care !== "chronic") continue
    if (state[key]) p.set(key, state[key])
  }
  return p.toString()
}

/* ------------------------------------------------------------------------------------------
 * Places
 * ---------------------------------------------------------------------------------------- */

/**
 * The places file the build writes (generator/places.py): provinces and prefecture-level cities
 * with pinyin, office pages, hospital counts by service and the list's dates.
 */
export class Places {
  /** @param {object} json - the parsed places file */
  constructor(json) {
    this.json = json
    this.asOf = json.asOf || ""
    this.hotlines = json.hotlines || []
    // 医保发〔2022〕22号's ceilings on the cut, by filing type, as the build declares them (policies.py).
    this.maxReductionPoints = json.maxReductionPoints || {}
    this.t2s = parseT2S(json.t2s)
    this.all = json.places.map(p => ({ ...p, match: makePlace(p.code, p.name, p.pinyin) }))
    this.byCode = new Map(this.all.map(p => [p.code, p]))
    // A municipality (北京市, 重庆市) is a province whose xx0100 city has its name: list it once, as the city.
    this.choices = this.all.filter(p => p.province || !this.municipalCity(p))
  }

  /** @param {object} province @returns {object|null} its xx0100 city when that has the province's name */
  municipalCity(province) {
    const city = this.byCode.get(province.code.slice(0, 2) + "0100")
    return city && city.province === province.code && city.name === province.name ? city : null
  }

  /** @param {string} code @returns {object|null} */
  get(code) {
    return this.byCode.get(code) || null
  }

  /** @param {string} code - a province @returns {object[]} its cities */
  citiesOf(code) {
    return this.all.filter(p => p.province === code)
  }

  /**
   * The place as a journey uses it: a municipality's province code stands for its city.
   * @param {string} code
   * @returns {object|null}
   */
  place(code) {
    const p = this.get(code)
    return (p && !p.province && this.municipalCity(p)) || p
  }

  /** @param {object} p - a place @returns {string} its name with its province: 济宁市（山东省） */
  label(p) {
    const province = p.province ? this.get(p.province) : null
    return province && province.name !== p.name && !p.name.startsWith(province.name) ? `${p.name}（${province.name}）` : p.name
  }

  /**
   * Places whose name a text starts with: characters (简体 or 繁體), pinyin or initials, or a code.
   * Exact names first, then cities before provinces, then table order.
   * @param {string} text
   * @param {{citiesOnly?: boolean, limit?: number}} [options]
   * @returns {object[]}
   */
  search(text, { citiesOnly = false, limit = 8 } = {}) {
    const raw = String(text ?? "").trim()
    if (/^\d{6}$/.test(raw)) {
      const p = this.place(raw)
      return p && (!citiesOnly || p.province) ? [p] : []
    }
    const term = normalize(raw, this.t2s)
    if (!term) return []
    const q = isPinyinTerm(term) ? pinyinQuery(term) : null
    const hits = []
    for (const p of this.choices) {
      if (citiesOnly && !p.province) continue
      const exact = p.match.norm === term || normalize(shortName(p.name)) === term
      if (exact || (term.length === 1 ? p.match.norm.startsWith(term) : matchPlace(p.match, term, q))) {
        hits.push({ p, rank: (exact ? 0 : 2) + (p.province ? 0 : 1) })
      }
    }
    return hits.sort((a, b) => a.rank - b.rank).slice(0, limit).map(h => h.p)
  }

  /**
   * One place for a form value: a code from the URL, or a name typed on the home page.
   * @param {string} value
   * @param {{citiesOnly?: boolean, label: string}} options - label names the field in messages
   * @returns {{place: object} | {error: string, choices: object[]}}
   */
  resolve(value, { citiesOnly = false, label }) {
    const raw = String(value ?? "").trim()
    if (!raw) return { error: `请选择${label}`, choices: [] }
    if (/^\d+$/.test(raw)) {
      const p = /^\d{6}$/.test(raw) ? this.place(raw) : null
      if (!p) return { error: `地区代码“${raw}”不在本站的行政区划代码表（GB/T 2260）里：请重新输入${label}`, choices: [] }
      if (citiesOnly && !p.province) return { error: `${p.name}是一个省，请选择${label}所在的城市`, choices: this.citiesOf(p.code) }
      return { place: p }
    }
    const found = this.search(raw, { citiesOnly, limit: 8 })
    const exact = found.filter(p => p.match.norm === normalize(raw, this.t2s) || normalize(shortName(p.name)) === normalize(raw, this.t2s))
    if (exact.length === 1) return { place: exact[0] }
    if (found.length === 1) return { place: found[0] }
    if (!found.length) return { error: `没有找到“${raw}”：请换个写法，例如“深圳”、“shenzhen”或“sz”`, choices: [] }
    return { error: `“${raw}”可能是几个地方，请选一个`, choices: found }
  }
}

/** @param {string} name - 深圳市 @returns {string} without the trailing 市, 省, 地区 ... (深圳) */
function shortName(name) {
  const short = name.replace(/(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|省|市|盟)$/u, "")
  return short.length >= 2 ? short : name
}

/* ------------------------------------------------------------------------------------------
 * The hospital
 * ---------------------------------------------------------------------------------------- */

/**
 * Find a hospital by id among the listed hospitals of a city, with the lookup's own search.
 * @param {{search: Function}} hospitalData - a HospitalData (lib/hospital-search.mjs)
 * @param {string} cityCode - the city of treatment
 * @param {string} id - the hospital's id (data/hospitals.csv)
 * @param {number} count - hospitals listed in the city (the places file), to fetch them all
 * @returns {Promise<object|null>} the lookup's result row, or null when the city lists no such id
 */
export async function findHospital(hospitalData, cityCode, id, count) {
  if (!id || !count) return null
  const found = await hospitalData.search({ city: cityCode }, { limit: count })
  return found.results.find(row => row.id === id) || null
}

/* ------------------------------------------------------------------------------------------
 * The decision
 * ---------------------------------------------------------------------------------------- */

/**
 * @typedef {object} Reason
 * @property {string} id - stable name of the reason (tests and CSS use it)
 * @property {string} text - what the person reads
 * @property {string} fact - the source it rests on (22号 article, the list and its date)
 * @property {string} href - guide page (site-root relative) that explains the fact
 */

/**
 * @typedef {object} Step
 * @property {string} id
 * @property {string} text
 * @property {string} [href] - site-root relative link
 * @property {string} [linkText]
 */

/**
 * The answer for a journey.
 * @param {Record<string, string>} state - from stateFromParams (or the form)
 * @param {Places} places
 * @param {object|null|undefined} [hospital] - the lookup's row for state.hospital (findHospital);
 *   null when the id was given and not found; undefined when none was given
 * @returns {{ok: false, errors: Record<string, string>, choices: Record<string, object[]>, state: object} |
 *   {ok: true, verdict: string, headline: string, summary: string, reasons: Reason[], steps: Step[], card: object, state: object}}
 */
export function decide(state, places, hospital) {
  const errors = {}
  const choices = {}
  // => 1
  const insured = places.resolve(state.insured, { label: "参保地" })
  const treat = places.resolve(state.treat, { label: "就医城市", citiesOnly: true })
  if (insured.error) [errors.insured, choices.insured] = [insured.error, insured.choices]
  if (treat.error) [errors.treat, choices.treat] = [treat.error, treat.choices]
  // The state with the places that could be read as codes (a name from the home page becomes its code).
  const resolved = { ...state, insured: insured.place?.code ?? state.insured, treat: treat.place?.code ?? state.treat }
  if (Object.keys(errors).length) return { ok: false, errors, choices, state: resolved }
  const home = insured.place
  const city = treat.place
  const clean = { ...state, insured: home.code, treat: city.code }

  // => 2 The same city: the pooling area is the same, so nothing here is 异地.
  const contact = contactSteps(home, places)
  if (home.code === city.code) {
    return answer("local", clean, {
      summary: `参保地和就医地都是${city.name}：在参保地看病，不需要异地就医备案，按${city.name}的规定直接用医保结算。`,
      reasons: [{
        id: "same-city",
        text: `参保地和就医地是同一个城市（${city.name}），不属于异地就医。`,
        fact: `${DOC} 经办规程第7条：需要备案的都是离开参保地就医的人`,
        href: GUIDE.eligibility,
      }],
      steps: contact,
    }, places, home, city)
  }

  // => 3
  const care = CARE.get(state.care)
  const reason = REASON.get(state.reason)
  const filed = FILED_VALUES.get(state.filed)
  const disease = care?.value === "chronic" ? DISEASE.get(state.disease) : null
  if (!care) errors.care = state.care ? `“${state.care}”不是可选的就医类型，请重新选择` : "请选择看病的类型"
  if (care?.value === "chronic" && !disease) errors.disease = state.disease ? `“${state.disease}”不是可选的病种，请重新选择` : "请选择门诊慢特病的病种"
  if (!reason) errors.reason = state.reason ? `“${state.reason}”不是可选的原因，请重新选择` : "请选择为什么在外地看病"
  if (!filed && reason?.value !== "emergency") errors.filed = state.filed ? `“${state.filed}”不是可选的答案，请重新选择` : "请选择是否已经备案"
  if (Object.keys(errors).length) return { ok: false, errors, choices, state: clean }
  const sameProvince = (home.province || home.code) === city.province
  const hospitalGiven = Boolean(state.hospital)
  const reasons = []
  const steps = []
  const filingStep = filingSteps(reason, filed, sameProvince, places.maxReductionPoints)

  if (sameProvince) {
    reasons.push({
      id: "same-province",
      text: `${city.name}和参保地在同一个省（${places.get(city.province).name}）：省内异地就医按本省自己的规定办理，本站没有各省的省内规定。`,
      fact: `${DOC} 规定的是跨省异地就医；省内异地就医由各省规定`,
      href: GUIDE.inProvince,
    })
    return answer("unknown", clean, {
      summary: `省内异地就医能不能直接结算、要不要备案，按本省的规定：请先问参保地经办机构。`,
      reasons,
      steps: [...contact, hospitalsStep(city, care)],
    }, places, home, city, { reason, hospital })
  }

  reasons.push(groupReason(reason))
  let verdict = null
  // => 4
  if (disease) {
    reasons.push(disease.settles
      ? { id: "chronic-five", text: `${disease.label}是 2023 年可以跨省直接结算的五种门诊慢特病之一。`, fact: "沈阳市医疗保障局 2023-11-30 的通知（五种门诊慢特病：高血压、糖尿病、恶性肿瘤门诊放化疗、尿毒症透析、器官移植术后抗排异治疗）；之后是否扩大，请问参保地", href: GUIDE.chronic }
      : { id: "chronic-other", text: "这个病种不在 2023 年可以跨省直接结算的五种门诊慢特病里：要先自己付费，再回参保地申请报销。", fact: "沈阳市医疗保障局 2023-11-30 的通知：五种以外的门诊慢特病回参保地手工报销；之后是否扩大，请问参保地", href: GUIDE.chronic })
    if (!disease.settles) verdict = "manual"
  }

  // => 5
  const count = city.hospitals?.[care.service] || 0
  const listDate = city.asOf || places.asOf
  if (!verdict && hospitalGiven) {
    if (!hospital) {
      reasons.push({ id: "hospital-not-listed", text: `编号“${state.hospital}”的医院不在本站${city.name}的联网医院名单里（名单日期 ${listDate || "不详"}）。不在名单里不等于不能结算：本站名单可能不全或已过时。`, fact: `本站名单（${listDate || "日期不详"}）；请用${OFFICIAL_LOOKUP}核实`, href: `hospitals/?city=${city.code}` })
      verdict = "unknown"
    } else if (!hospital.services.includes(care.service)) {
      reasons.push({ id: "hospital-lacks-care", text: `${hospital.name}在名单上，但名单没有写它可以直接结算${care.label}费用（名单日期 ${listDate}）：这类费用要先自己付，再回参保地报销。`, fact: `${DOC} 经办规程第14条：不能直接结算的费用按参保地规定报销；名单 ${listDate}`, href: GUIDE.manualClaim })
      verdict = "manual"
    } else {
      reasons.push({ id: "hospital-listed", text: `${hospital.name}在名单上，可以直接结算${care.label}费用（名单日期 ${listDate}）。`, fact: `本站联网医院名单（${listDate}）`, href: `hospitals/?city=${city.code}&service=${encodeURIComponent(care.service)}` })
    }
  } else if (!verdict) {
    if (!count) {
      reasons.push({ id: "city-not-listed", text: `本站名单（日期 ${places.asOf || "不详"}）里没有${city.name}可以直接结算${care.label}费用的医院。这不等于那里没有联网医院：本站名单还不全。`, fact: `本站联网医院名单（${places.asOf || "日期不详"}）；请用${OFFICIAL_LOOKUP}核实`, href: `hospitals/?city=${city.code}` })
      verdict = "unknown"
    } else {
      reasons.push({ id: "city-listed", text: `本站名单上${city.name}有 ${count} 家医院可以直接结算${care.label}费用（名单日期 ${listDate}）：在这些医院看病。`, fact: `本站联网医院名单（${listDate}）`, href: `hospitals/?city=${city.code}&service=${encodeURIComponent(care.service)}` })
    }
  }

  // => 6
  const counted = reason.value === "emergency"
  if (counted) reasons.push({ id: "emergency-counts-as-filed", text: "急诊抢救视同已经备案：不用事先备案，也能直接结算。", fact: `${DOC} 经办规程第8条、第34条`, href: GUIDE.emergency })
  else if (filed.value === "yes") reasons.push({ id: "filed", text: "已经备案：在联网医院挂号时出示医保电子凭证或社保卡，说明是异地参保，就能直接结算。", fact: `${DOC} 经办规程第17条；通知第三部分（备案到就医城市，住院可以在当地任一联网医院直接结算）`, href: GUIDE.where })
  else {
    reasons.push({ id: "not-filed", text: `还没有备案：办好${reason.filingLabel}以后才能直接结算。`, fact: `${DOC} 经办规程第7条至第9条`, href: GUIDE.where })
    if (care.value === "inpatient") reasons.push({ id: "before-discharge", text: "已经住院也来得及：出院结算前补办备案，联网医院就要给你直接结算。", fact: `${DOC} 经办规程第16条`, href: GUIDE.beforeDischarge })
  }
  if (!verdict) verdict = counted || filed.value === "yes" ? "direct" : "file-first"
  reasons.push({ id: "insured-place-decides", text: "报销多少（起付线、支付比例、最高支付限额）按参保地的规定算。", fact: `${DOC} 经办规程第32条、第33条；通知第二部分`, href: GUIDE.decides })

  steps.push(...filingStep)
  if (verdict === "manual") steps.push({ id: "manual-claim", text: "先自己付费，保留好发票、费用清单、病历等单据，回参保地按当地规定申请报销。", href: GUIDE.manualClaim, linkText: "结算不了怎么办" })
  if (verdict === "unknown") steps.push({ id: "check-official", text: `出发前用${OFFICIAL_LOOKUP}查这家医院能不能跨省直接结算，或打电话问参保地经办机构。` })
  steps.push(...contact, hospitalsStep(city, care))
  if (verdict !== "manual") steps.push(estimatorStep(reason, home))
  const summary = {
    direct: `去${city.name}名单上的联网医院，出示医保电子凭证或社保卡，就能直接结算${care.label}费用。`,
    "file-first": `先办${reason.filingLabel}，备案以后在${city.name}的联网医院可以直接结算${care.label}费用。`,
    manual: "这次的费用不能在医院直接结算：先自己付费，保留单据，回参保地申请报销。",
    unknown: "本站的名单不能确定能否直接结算：请按下面的步骤先核实。",
  }[verdict]
  return answer(verdict, clean, { summary, reasons, steps }, places, home, city, { reason, care, disease, hospital })
}

/** The reason that names the person's group (22号 art. 7). */
function groupReason(reason) {
  return reason.group === "long-term"
    ? { id: "long-term", text: `你属于“跨省异地长期居住人员”中的${reason.person}，办长期备案。`, fact: `${DOC} 经办规程第7条`, href: GUIDE.longTerm }
    : { id: "temporary", text: `你属于“跨省临时外出就医人员”中的${reason.person}。`, fact: `${DOC} 经办规程第7条`, href: GUIDE.temporary }
}

/** Which filing, what to bring, where; the ceiling on the cut for temporary trips. */
function filingSteps(reason, filed, sameProvince, ceilings) {
  if (!reason || sameProvince) return []
  const steps = []
  if (reason.value === "emergency") {
    steps.push({ id: "filing", text: "备案：急诊抢救视同已经备案，不用事先办理（其他手续按参保地要求）。", href: GUIDE.emergency, linkText: "急诊视同备案" })
  } else if (filed?.value === "yes") {
    steps.push({ id: "filing", text: `备案：已办${reason.filingLabel}。就医时带上医保电子凭证或社保卡，挂号时说明是异地参保。`, href: GUIDE.bring, linkText: "要带什么" })
  } else {
    const bring = reason.group === "long-term"
      ? "有效身份凭证（医保电子凭证、身份证或社保卡）、备案表，以及长期居住的证明，或者签一份个人承诺书代替证明（承诺制）"
      : reason.value === "referral" ? "参保地要求的转诊证明" : "参保地要求的材料"
    steps.push({ id: "filing", text: `办理${reason.filingLabel}，要准备：${bring}。`, href: GUIDE.bring, linkText: "备案要带什么" })
    steps.push({ id: "where", text: "在哪里办：参保地经办机构的窗口、参保地的网上渠道、国家医保服务平台 App、国家异地就医备案小程序或国务院客户端小程序。", href: GUIDE.where, linkText: "在哪里备案" })
  }
  if (reason.group === "temporary") {
    const points = ceilings[reason.filing]
    const who = reason.value === "temporary" ? "其他临时外出就医" : "异地转诊和急诊抢救"
    steps.push({ id: "reduction", text: `参保地可以降低临时外出就医的报销比例：${who}原则上最多降低 ${points} 个百分点（${DOC} 通知第二部分）。具体降多少，问参保地。`, href: GUIDE.reduction, linkText: "报销比例会降多少" })
  }
  return steps
}

/** The insured place's offices page when the directory has one, else the hotline. */
function contactSteps(home, places) {
  const withPage = [home, home.province ? places.get(home.province) : null].find(p => p && p.offices)
  if (withPage) return [{ id: "offices", text: `问参保地经办机构：${withPage.name}的分局、管理站电话和备案传真。`, href: `offices/${withPage.code}/`, linkText: `${withPage.name}经办机构电话` }]
  const lines = places.hotlines.map(h => h.phones.map(p => p[0]).join("、")).join("、")
  return [{ id: "hotline", text: `本站还没有${home.name}经办机构的电话：可以拨打 ${lines || "参保地的医保咨询电话"} 咨询，或到参保地经办机构窗口询问。`, href: "offices/", linkText: "经办机构电话与传真" }]
}

/** The lookup, opened on the city of treatment and the kind of care. */
function hospitalsStep(city, care) {
  const service = care ? `&service=${encodeURIComponent(care.service)}` : ""
  return { id: "hospitals", text: `查${city.name}的联网医院${care ? `（可以直接结算${care.label}）` : ""}。`, href: `hospitals/?city=${city.code}${service}`, linkText: `${city.name}的联网医院` }
}

/** The estimator, opened with the filing (and its reduction) and the insured place's preset. */
function estimatorStep(reason, home) {
  const p = new URLSearchParams()
  if (home.preset) p.set("preset", home.preset)
  p.set("filing", reason.filing)
  return { id: "estimator", text: "估算自己大概要付多少。", href: `estimator/?${p}`, linkText: "费用估算" }
}

/** Assemble an answer with its printable card. */
function answer(verdict, state, body, places, home, city, extra = {}) {
  const { reason, care, disease, hospital } = extra
  const contacts = (home.contacts || (home.province ? places.get(home.province)?.contacts : null) || [])
  return {
    ok: true,
    verdict,
    headline: VERDICTS[verdict],
    state,
    ...body,
    card: {
      verdict: VERDICTS[verdict],
      summary: body.summary,
      insured: places.label(home),
      treat: places.label(city),
      care: care ? (disease ? `${care.label}：${disease.label}` : care.label) : "",
      reason: reason ? reason.label : "",
      filing: reason && verdict !== "local" ? reason.filingLabel : "",
      hospital: hospital ? `${hospital.name}（级别：${hospital.level}；可结算：${hospital.services.join("、")}）` : "",
      phones: [...contacts, ...places.hotlines].map(c => ({ name: c.name, phones: c.phones, asOf: c.asOf })),
      asOf: city.asOf || places.asOf,
    },
  }
}
