/**
 * "Which filing applies to me" (我该办哪种备案) checklist core: a pure ES module (no window,
 * no document). The DOM adapter ../filing-checklist.js builds the form from SCHEMES and
 * REASONS and renders what recommend() returns; tests/js/filing-checklist.test.mjs pins it.
 *
 * Every statement below rests on the site's sources, named where it is used:
 * - [SZ2018]  深圳市康宁医院《跨省异地就医直接结算相关政策解读及指引》(2018-08-27)
 * - [YXB]     人社部医疗保险异地结算管理中心《易晓保》问答及《跨省异地就医住院费用直接结算十问》
 * - [MX2021]  闽西日报 2021-12-24《门诊费跨省直接结算咋办理？》
 * - [JN2018]  齐鲁晚报 2018《异地就医即时报销省时又省心》(济宁)
 * - [190]     人社部发〔2009〕190号; [LN10] 辽人社发[2010]10号
 * Nothing here states a national rule for short trips (临时外出就医): the sources only have the
 * 2009 rule that the insured place reimburses, so the checklist sends people to ask.
 *
 * @module filing-checklist
 */

/**
 * @typedef {object} Option
 * @property {string} value - the form value
 * @property {string} label - what the person reads
 * @property {string} hint - one line that helps them choose
 */

/** Insurance schemes (医保种类). */
export const SCHEMES = Object.freeze([
  Object.freeze({ value: "employee", label: "职工医保", hint: "城镇职工基本医疗保险，在职职工和退休人员" }),
  Object.freeze({ value: "resident", label: "城乡居民医保", hint: "城乡居民基本医疗保险" }),
]);

/** Why the person is away from the insured place; the first four are [YXB]'s groups. */
export const REASONS = Object.freeze([
  Object.freeze({ value: "resettled_retiree", label: "异地安置退休", hint: "退休后到外地定居，户口也迁过去了" }),
  Object.freeze({ value: "long_term_resident", label: "异地长期居住", hint: "在外地长期生活，例如随子女居住、帮忙带孩子" }),
  Object.freeze({ value: "posted_worker", label: "常驻异地工作", hint: "被单位派到外地长期工作，或长期在外地务工" }),
  Object.freeze({ value: "referral", label: "转诊", hint: "当地看不了或治疗条件不够，要转到外地医院" }),
  Object.freeze({ value: "emergency", label: "急诊", hint: "在外地突发急病，急诊住院" }),
  Object.freeze({ value: "short_trip", label: "短期出行（出差、旅游、探亲）", hint: "短时间在外地，担心临时要看病" }),
]);

/** Filing types (备案类型) the checklist can recommend, with the label shown. */
export const FILING_TYPES = Object.freeze({
  long_term: "长期备案",
  referral: "转诊备案",
  emergency: "急诊入院备案（部分地区，入院后补办）",
  short_trip: "短期出行：按参保地规定，出发前先问",
});

/** Which filing type each reason leads to (the noscript table on the page says the same). */
export const FILING_BY_REASON = Object.freeze({
  resettled_retiree: "long_term",
  long_term_resident: "long_term",
  posted_worker: "long_term",
  referral: "referral",
  emergency: "emergency",
  short_trip: "short_trip",
});

/**
 * @typedef {object} Link
 * @property {string} page - docs-relative Markdown path, e.g. "guide/steps.md"
 * @property {string} anchor - heading id on that page, "" for the top
 * @property {string} text - link text
 */

/**
 * @typedef {object} Recommendation
 * @property {true} ok
 * @property {string} scheme - the scheme value given
 * @property {string} reason - the reason value given
 * @property {string} filingType - key of FILING_TYPES
 * @property {string} filingLabel - FILING_TYPES[filingType]
 * @property {string} summary - one or two sentences: why this filing
 * @property {string[]} prepare - what to prepare (要准备什么)
 * @property {string[]} where - where to file (在哪里办)
 * @property {string} ifNotFiled - what happens without a filing (不备案会怎样)
 * @property {string[]} notes - caveats; always ends with the "rules differ" reminder
 * @property {Link[]} links - pages of the guide to read next
 */

/**
 * @typedef {object} ChecklistError
 * @property {false} ok
 * @property {{field: string, code: string, message: string}} error
 */

// [SZ2018] 社保卡是身份凭证和结算工具; [MX2021] 持社保卡或医保电子凭证直接结算.
const CARD = "社会保障卡（全国统一标准的社保卡），或手机上的医保电子凭证";
const VARIES = "以上是一般情况和个别城市的例子，各地规定不同，以参保地经办机构规定为准；也可以拨打 12333 咨询。";

// window: [SZ2018] 31 个经办窗口; app: [MX2021] App 和小程序备案，无需回参保地;
// fax: [SZ2018] 电话传真备案，材料与窗口相同; phone: [JN2018] 可打电话问参保地经办机构, [SZ2018] 12333.
const WHERE = Object.freeze({
  window: "参保地经办机构的窗口（例如深圳 2018 年在各分局、管理站设有 31 个窗口）",
  app: "手机上的国家医保服务平台 App 或国家异地就医备案小程序，不用回参保地",
  fax: "部分地方可以电话、传真备案（例如深圳 2018 年），号码见本站“经办机构电话与传真”",
  phone: "先打电话问参保地经办机构，或拨打 12333",
});

const LINKS = Object.freeze({
  groups: { page: "guide/eligibility.md", anchor: "groups", text: "谁可以直接结算（四类人员）" },
  jining: { page: "guide/eligibility.md", anchor: "jining", text: "济宁市的具体条件（例子）" },
  shortTrip: { page: "guide/eligibility.md", anchor: "short-trip", text: "出差、旅游时突然生病" },
  channels: { page: "guide/steps.md", anchor: "channels", text: "在哪里办备案：窗口、App、电话传真" },
  offices: { page: "offices/index.md", anchor: "", text: "经办机构电话与传真" },
  failed: { page: "guide/settlement-failed.md", anchor: "manual-claim", text: "结算不了：先付费，再申请报销" },
});

// [SZ2018] 跨省直接结算须提前备案方可刷卡; [YXB] 以前先垫付再回参保地报销; [SZ2018] 待遇可能不同.
const NOT_FILED =
  "没有备案，就不能在外地医院直接刷卡结算：一般要先自己垫付全部费用，再按参保地规定申请报销（手工报销），" +
  "报销结果也可能和直接结算不同。";

const SCHEME_VALUES = SCHEMES.map((o) => o.value);
const REASON_VALUES = REASONS.map((o) => o.value);

/**
 * Build a validation error.
 * @param {string} field - "scheme", "reason" or "input"
 * @param {string} code - machine-readable reason
 * @param {string} message - what the person (or developer) should do
 * @returns {ChecklistError}
 */
function fail(field, code, message) {
  return { ok: false, error: { field, code, message } };
}

/**
 * The long-term filing (长期备案) for resettled retirees, long-term residents and posted workers.
 * @param {string} scheme - "employee" or "resident"
 * @param {string} reason - one of the three long-term reasons
 */
function longTerm(scheme, reason) {
  const notes = [];
  let summary;
  const prepare = [CARD];
  if (scheme === "employee") {
    summary = {
      resettled_retiree: "你属于“异地安置退休人员”：退休后在外地定居、户口已迁入定居地。一般办理长期备案，之后在定居地的联网定点医院看病可以直接结算。",
      long_term_resident: "你属于“异地长期居住人员”：在外地居住生活，并符合参保地规定。一般办理长期备案。",
      posted_worker: "你属于“常驻异地工作人员”：由单位派驻外地工作，并符合参保地规定。一般办理长期备案。",
    }[reason];
    // [JN2018] 职工医保：带身份证在医保经办机构登记备案.
    prepare.push("身份证（例如济宁市 2018 年：职工医保参保人带身份证到医保经办机构登记备案）");
    if (reason === "posted_worker") prepare.push("能说明由单位派驻外地工作的材料，具体要哪些以参保地规定为准");
  } else {
    // [JN2018] 城乡居民：因探亲、上学、务工等在市外居住 6 个月以上，持居住证和备案表办理市外长期居住备案.
    summary = {
      resettled_retiree: "“异地安置退休”一般指职工医保的退休人员。城乡居民医保参保人在外地定居、长期生活的，可以按“异地长期居住”办理长期备案，以参保地规定为准。",
      long_term_resident: "你属于“异地长期居住人员”。城乡居民医保参保人在外地长期居住的，一般办理长期居住备案（长期备案）。",
      posted_worker: "城乡居民医保参保人长期在外地务工的，一般按“异地长期居住”办理长期备案。",
    }[reason];
    prepare.push("居住证和参保地的异地居住备案表（例如济宁市 2018 年：因探亲、上学、务工等需要在市外居住 6 个月以上的，带《居住证》和《济宁市医疗保险异地居住人员备案表（市外）》等办理）");
    notes.push("住满多久才能办、要什么证明，各地不同；济宁市的 6 个月只是一个例子。");
  }
  // [JN2018] 全国统一备案表，写清备案原因和就医地点、选择定点医疗机构.
  prepare.push("填好备案表：写清备案原因（异地安置、长期居住、常驻工作等）和就医地点，并选好定点医院");
  notes.push(VARIES);
  return {
    filingType: "long_term",
    summary,
    prepare,
    where: [WHERE.window, WHERE.app, WHERE.fax],
    ifNotFiled: NOT_FILED,
    notes,
    links: [LINKS.groups, LINKS.channels, LINKS.offices, LINKS.failed],
  };
}

/**
 * The referral filing (转诊备案).
 * @param {string} scheme - "employee" or "resident"
 */
function referral(scheme) {
  // [JN2018] 职工：经社保经办机构同意; 居民：二、三级定点医院诊治后无法确诊或暂不具备治疗条件.
  // [SZ2018] 有转诊权限的医院在院内办理转诊，经办机构不再审批盖章.
  const prepare = [
    scheme === "employee"
      ? "按参保地转诊规定办好转诊转院手续（例如济宁市 2018 年：职工医保转外地治疗，要经济宁市社保经办机构同意）"
      : "按参保地转诊规定办好转诊转院手续（例如济宁市 2018 年：城乡居民医保参保人要先在市内二、三级定点医院或二级以上专科定点医院诊治，仍无法确诊、或确诊后暂不具备治疗条件的疑难危重病，才办理市外转诊转院）",
    CARD,
  ];
  return {
    filingType: "referral",
    summary: "你属于“异地转诊人员”：当地看不了或治疗条件不够，符合参保地转诊规定，要转到外地医院治疗。办理转诊备案（转诊转院手续）。",
    prepare,
    where: [
      "有的地方由有转诊权限的医院在院内直接办理，你不用再跑经办机构（例如深圳 2018 年）",
      WHERE.window,
      WHERE.app,
    ],
    ifNotFiled: NOT_FILED,
    notes: ["谁能开转诊、要不要经办机构同意，各地不同。", VARIES],
    links: [LINKS.groups, LINKS.jining, LINKS.channels, LINKS.failed],
  };
}

/**
 * The emergency-admission filing (急诊入院备案), which only some places allow.
 * @param {string} scheme - "employee" or "resident"
 */
function emergency(scheme) {
  // [YXB] 一些地区急诊入院人员也可以申请; [JN2018] 居民：住院后 5 个工作日内向参保地备案.
  const example =
    scheme === "employee"
      ? "例如济宁市 2018 年：职工医保的部分急诊入院人员也可以申请跨省住院费用直接结算。"
      : "例如济宁市 2018 年：城乡居民医保参保人在市外急诊住院的，要在住院后 5 个工作日内向参保地社保经办机构备案。";
  return {
    filingType: "emergency",
    summary: `在外地突发急病、急诊住院的，一些地区允许住院后补办备案，再直接结算。${example}`,
    prepare: [
      "尽快联系参保地经办机构，问清能不能补办备案、期限多长、要哪些材料",
      CARD,
    ],
    // [SZ2018] 医院医保办联系定点医疗机构所属统筹地区的经办机构.
    where: [WHERE.phone, WHERE.window, WHERE.app, "住院医院的医保办：刷卡结算出问题时，可以请他们联系医院所在地的经办机构"],
    ifNotFiled:
      "没有按参保地规定的期限补办备案，就不能在医院直接结算，只能先付费，再按参保地规定申请报销（手工报销）。",
    notes: ["急诊能不能补办备案、期限多长，各地不同；济宁市的 5 个工作日只是一个例子。", VARIES],
    links: [LINKS.jining, LINKS.groups, LINKS.offices, LINKS.failed],
  };
}

/** Short trips (出差、旅游、探亲): [190] 第三条, [LN10] 第二条（一）. */
function shortTrip() {
  return {
    filingType: "short_trip",
    summary:
      "短期出差、旅游、探亲不属于异地安置、长期居住、常驻工作、转诊这几类人员。2009 年人社部、财政部的文件提出：短期外出时在外地突发疾病、就地紧急治疗的费用，一般由参保地按参保地规定报销。现在各地做法不同，出发前请问参保地经办机构，或在国家医保服务平台 App 上查询。",
    prepare: [
      "出发前问清参保地对临时外出看病的规定",
      CARD,
      "如果在外地看了急诊，保留好急诊单据和相关诊疗资料（例如辽宁省 2010 年的文件要求凭这些材料审核报销）",
    ],
    where: [WHERE.phone, "国家医保服务平台 App"],
    ifNotFiled:
      "没有办理参保地要求的手续，一般只能先自己付费，回参保地按规定申请报销；能报多少以参保地规定为准。",
    notes: ["如果在外地急诊住院，请再看“急诊”一项。", VARIES],
    links: [LINKS.shortTrip, LINKS.failed, LINKS.offices],
  };
}

/**
 * Recommend the filing (备案) for a scheme and a reason for being away.
 *
 * @param {object} input - the person's answers
 * @param {string} input.scheme - "employee" (职工医保) or "resident" (城乡居民医保)
 * @param {string} input.reason - one of REASONS' values
 * @returns {Recommendation | ChecklistError} ok: false with error.field/code/message on bad input
 */
export function recommend(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return fail("input", "not_an_object", "请传入 {scheme, reason} 对象");
  }
  const { scheme, reason } = input;
  if (scheme === undefined || scheme === null || scheme === "") {
    return fail("scheme", "missing", "请选择参加的是哪种医保：职工医保或城乡居民医保");
  }
  if (!SCHEME_VALUES.includes(scheme)) {
    return fail("scheme", "unknown", `不认识的医保种类 "${String(scheme)}"，应为 ${SCHEME_VALUES.join(" 或 ")}`);
  }
  if (reason === undefined || reason === null || reason === "") {
    return fail("reason", "missing", "请选择为什么在外地：异地安置退休、长期居住、常驻工作、转诊、急诊或短期出行");
  }
  if (!REASON_VALUES.includes(reason)) {
    return fail("reason", "unknown", `不认识的外地就医原因 "${String(reason)}"，应为 ${REASON_VALUES.join("、")} 之一`);
  }
  const type = FILING_BY_REASON[reason];
  const body =
    type === "long_term" ? longTerm(scheme, reason)
    : type === "referral" ? referral(scheme)
    : type === "emergency" ? emergency(scheme)
    : shortTrip();
  return {
    ok: true,
    scheme,
    reason,
    filingType: body.filingType,
    filingLabel: FILING_TYPES[body.filingType],
    summary: body.summary,
    prepare: [...body.prepare],
    where: [...body.where],
    ifNotFiled: body.ifNotFiled,
    notes: [...body.notes],
    links: body.links.map((l) => ({ ...l })),
  };
}
