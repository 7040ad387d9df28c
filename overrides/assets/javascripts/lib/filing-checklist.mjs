/**
 * "Which filing applies to me" (我该办哪种备案) checklist core: a pure ES module (no window,
 * no document). The DOM adapter ../filing-checklist.js builds the form from REASONS and
 * STATUSES and renders what recommend() returns; tests/js/filing-checklist.test.mjs pins it.
 *
 * The rules are those of 医保发〔2022〕22号 (国家医疗保障局、财政部, published 2022-07-26) and its
 * attached 经办规程; "art. n" below is an article of the 经办规程, "facts #n" the row of the
 * project's fact sheet (shared/facts/nhsa-2022-22.md) that confirms it. City rules of 2018 appear
 * only as dated examples:
 * - [SZ2018]  深圳市康宁医院《跨省异地就医直接结算相关政策解读及指引》(2018-08-27)
 * - [JN2018]  齐鲁晚报 2018《异地就医即时报销省时又省心》(济宁)
 *
 * @module filing-checklist
 */

/**
 * @typedef {object} Option
 * @property {string} value - the form value
 * @property {string} label - what the person reads
 * @property {string} hint - one line that helps them choose
 */

/**
 * Why the person is (or will be) treated in another province: the six cases of art. 7 (facts #2),
 * three long-term and three temporary.
 */
export const REASONS = Object.freeze([
  Object.freeze({ value: "resettled_retiree", label: "异地安置退休", hint: "退休后搬到外地定居，户口也迁过去了" }),
  Object.freeze({ value: "long_term_resident", label: "异地长期居住", hint: "在外地长住，例如跟着子女一起生活" }),
  Object.freeze({ value: "posted_worker", label: "常驻异地工作", hint: "单位派你到外地长期工作" }),
  Object.freeze({ value: "referral", label: "转诊", hint: "参保地看不了或治不了，按规定转到外省医院" }),
  Object.freeze({ value: "emergency", label: "急诊抢救", hint: "在外省突发急病，急诊抢救" }),
  Object.freeze({ value: "other_temporary", label: "出差、旅游、探亲等临时外出", hint: "短时间在外省，需要看病" }),
]);

/** Where the person stands now: the answer differs once admitted (art. 16, facts #7). */
export const STATUSES = Object.freeze([
  Object.freeze({ value: "not_filed", label: "还没备案", hint: "还没去看病，想先办好" }),
  Object.freeze({ value: "filed", label: "已经备案", hint: "已经在参保地办好了" }),
  Object.freeze({ value: "admitted", label: "已经住院，还没备案", hint: "人已经住进外省的医院" }),
]);

/** Filing types (备案类型) the checklist can name, with the label shown. */
export const FILING_TYPES = Object.freeze({
  long_term: "长期备案（跨省异地长期居住）",
  referral: "转诊备案（临时外出就医）",
  emergency: "不用事先备案：急诊抢救视同已备案",
  temporary: "临时外出备案（其他临时外出就医）",
});

/** Which filing each reason leads to (art. 7, facts #2 and #3; emergency: arts. 8, 34, facts #5). */
export const FILING_BY_REASON = Object.freeze({
  resettled_retiree: "long_term",
  long_term_resident: "long_term",
  posted_worker: "long_term",
  referral: "referral",
  emergency: "emergency",
  other_temporary: "temporary",
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
 * @property {string} reason - the reason value given
 * @property {string} status - the status value given
 * @property {string} filingType - key of FILING_TYPES
 * @property {string} filingLabel - FILING_TYPES[filingType]
 * @property {string} action - what to do now, given the status (现在该做什么)
 * @property {string} summary - which group the person is in, and why this filing
 * @property {string[]} prepare - what to prepare (要准备什么)
 * @property {string[]} where - where to file (在哪里办)
 * @property {string} ifNotFiled - what happens without a filing (不备案会怎样)
 * @property {string[]} notes - caveats; always ends with the "ask the insured place" reminder
 * @property {string[]} basis - the articles of 医保发〔2022〕22号 the answer rests on
 * @property {Link[]} links - pages of the guide to read next
 */

/**
 * @typedef {object} ChecklistError
 * @property {false} ok
 * @property {{field: string, code: string, message: string}} error
 */

const N22 = "医保发〔2022〕22号";
// art. 8 (facts #4): the identity credentials; art. 17 (facts #9): show one when registering.
const CREDENTIAL = "身份凭证：手机上的医保电子凭证、身份证或社保卡，任选一样";
const SHOW_CARD = "看病挂号时出示医保电子凭证或社保卡，并告诉医院你是外地参保的";
const VARIES = "以上是全国的规则；具体条件、材料和报销比例由参保地定，以参保地经办机构的答复为准。";

// art. 9 (facts #6): the five channels.
const CHANNELS = Object.freeze([
  "参保地经办机构的窗口",
  "参保地的网上渠道（网站、手机应用等）",
  "手机上的国家医保服务平台 App",
  "国家异地就医备案小程序，或国务院客户端小程序",
]);

const LINKS = Object.freeze({
  longTerm: { page: "guide/eligibility.md", anchor: "long-term", text: "长期在外地的三种人" },
  temporary: { page: "guide/eligibility.md", anchor: "temporary", text: "临时外出看病的三种人" },
  bring: { page: "guide/steps.md", anchor: "what-to-bring", text: "要带什么（含承诺制）" },
  where: { page: "guide/steps.md", anchor: "where-to-file", text: "在哪里办：窗口、网上、App、小程序" },
  emergency: { page: "guide/steps.md", anchor: "emergency", text: "急诊算已备案" },
  discharge: { page: "guide/steps.md", anchor: "before-discharge", text: "已经住院、还没备案：出院前补办" },
  reduction: { page: "guide/principles.md", anchor: "reduction", text: "临时外出的报销比例" },
  offices: { page: "offices/index.md", anchor: "", text: "经办机构电话与传真" },
  failed: { page: "guide/settlement-failed.md", anchor: "manual-claim", text: "结算不了：先付费，再申请报销" },
});

// art. 16 (facts #7): filed before discharge settlement -> the networked hospital settles directly;
// after it, only the insured place's own reimbursement is left (art. 14, facts #8 for the manual claim).
const NOT_FILED =
  "出院结算时还没有备案，就不能在医院直接结算：一般要先自己付清，再按参保地的规定申请报销（手工报销），" +
  "要哪些单据、多久内交，问参保地。";

const REASON_VALUES = REASONS.map((o) => o.value);
const STATUS_VALUES = STATUSES.map((o) => o.value);

/**
 * Build a validation error.
 * @param {string} field - "reason", "status" or "input"
 * @param {string} code - machine-readable reason
 * @param {string} message - what the person (or developer) should do
 * @returns {ChecklistError}
 */
function fail(field, code, message) {
  return { ok: false, error: { field, code, message } };
}

/**
 * What to do now for a filing that has to be made (every type but emergency).
 * @param {string} status - one of STATUSES' values
 * @param {string} label - the filing's name
 */
function actionFor(status, label) {
  if (status === "filed") return `你已经办了${label}：去联网定点医院看病，${SHOW_CARD}。`; // art. 17, facts #9
  if (status === "admitted") return `在出院结算之前补办${label}，联网定点医院就要给你直接结算。`; // art. 16, facts #7
  return `看病之前先办${label}。`;
}

/**
 * The long-term filing (长期备案): art. 7 (facts #2), art. 8 (facts #4).
 * @param {string} reason - one of the three long-term reasons
 * @param {string} status - one of STATUSES' values
 */
function longTerm(reason, status) {
  const summary = {
    resettled_retiree: "你属于“异地安置退休人员”：退休后在外地定居、户口也迁了过去。这是跨省异地长期居住的一种，办长期备案。",
    long_term_resident: "你属于“异地长期居住人员”：在外地长住，并符合参保地的条件。这是跨省异地长期居住的一种，办长期备案。",
    posted_worker: "你属于“常驻异地工作人员”：由单位派到外地长期工作，并符合参保地的条件。自己到外地找的工作不算这一种，可以看是否符合“异地长期居住”。",
  }[reason];
  return {
    filingType: "long_term",
    action: actionFor(status, "长期备案"),
    summary,
    prepare: [
      CREDENTIAL,
      "填好的备案表",
      "在外地长期居住的证明；拿不出证明的，可以签一份个人承诺书代替（承诺制）",
    ],
    where: [...CHANNELS],
    ifNotFiled: NOT_FILED,
    notes: ["住多久才算长期、证明要哪几种、承诺书怎么写，由参保地规定。", VARIES],
    basis: [`${N22}经办规程第七条`, `${N22}经办规程第八条`, `${N22}经办规程第九条`],
    links: [LINKS.longTerm, LINKS.bring, LINKS.where, LINKS.discharge, LINKS.offices],
  };
}

/**
 * The referral filing (转诊备案): art. 7 (facts #2), art. 8 (facts #4), notice part 2 (facts #11).
 * @param {string} status - one of STATUSES' values
 */
function referral(status) {
  return {
    filingType: "referral",
    action: actionFor(status, "转诊备案"),
    summary: "你属于“异地转诊人员”：按参保地的转诊规定转到外省医院治疗。这是跨省临时外出就医的一种，办转诊备案。",
    prepare: [CREDENTIAL, "参保地要求的转诊证明"],
    where: [
      ...CHANNELS,
      // [SZ2018] 有转诊权限的医院在院内办理转诊，经办机构不再审批盖章.
      "有的地方由开转诊的医院直接办好（例如深圳 2018 年），先问参保地",
    ],
    ifNotFiled: NOT_FILED,
    notes: [
      "转诊属于临时外出：参保地可以把报销比例调低，国家规定原则上不超过 10 个百分点；实际调多少问参保地。",
      "谁能开转诊证明、要不要经办机构同意，由参保地规定。",
      VARIES,
    ],
    basis: [`${N22}经办规程第七条`, `${N22}经办规程第八条`, `${N22}经办规程第九条`, `${N22}通知第二部分`],
    links: [LINKS.temporary, LINKS.bring, LINKS.where, LINKS.reduction, LINKS.discharge],
  };
}

/**
 * Emergency treatment (急诊抢救) counts as filed: arts. 8 and 34 (facts #5), notice part 2 (facts #11).
 * @param {string} status - one of STATUSES' values
 */
function emergency(status) {
  const action =
    status === "admitted"
      ? "急诊抢救视同已备案，不用因为没备案而耽误治疗。如果你不是急诊抢救、而是自己去住院的，请在出院结算之前补办备案。"
      : `急诊抢救视同已备案，不用事先办。${SHOW_CARD}。`;
  return {
    filingType: "emergency",
    action,
    summary: "你属于“异地急诊抢救人员”：在外省突发急病、急诊抢救。这是跨省临时外出就医的一种，按规定视同已经备案。",
    prepare: [CREDENTIAL],
    where: [
      "不用事先去办；急诊后转入住院的，要不要补手续，请医院医保办或参保地经办机构确认",
      ...CHANNELS,
    ],
    ifNotFiled:
      "急诊抢救本身视同已备案。医院不是跨省联网定点医院、或结算不成功时，先付费，再按参保地的规定申请报销。",
    notes: [
      "急诊抢救属于临时外出：参保地可以把报销比例调低，国家规定原则上不超过 10 个百分点；实际调多少问参保地。",
      VARIES,
    ],
    basis: [`${N22}经办规程第八条`, `${N22}经办规程第三十四条`, `${N22}经办规程第十七条`, `${N22}通知第二部分`],
    links: [LINKS.emergency, LINKS.temporary, LINKS.reduction, LINKS.failed, LINKS.offices],
  };
}

/**
 * Other temporary trips (其他临时外出: 出差、旅游、探亲): art. 7 (facts #2, #3), notice part 2 (facts #11).
 * @param {string} status - one of STATUSES' values
 */
function temporary(status) {
  return {
    filingType: "temporary",
    action: actionFor(status, "临时外出备案"),
    summary:
      "出差、旅游、探亲等短时间在外省看病的，属于“其他跨省临时外出就医人员”。2022 年起这是全国统一的一种备案，办好后可以直接结算。",
    prepare: [CREDENTIAL, "其他材料以参保地的要求为准"],
    where: [...CHANNELS],
    ifNotFiled: NOT_FILED,
    notes: [
      "参保地可以把临时外出的报销比例调低，国家规定原则上不超过 20 个百分点；实际调多少问参保地。",
      "如果是在外省突发急病、急诊抢救，请看“急诊抢救”一项：视同已备案。",
      VARIES,
    ],
    basis: [`${N22}经办规程第七条`, `${N22}经办规程第九条`, `${N22}经办规程第十六条`, `${N22}通知第二部分`],
    links: [LINKS.temporary, LINKS.where, LINKS.reduction, LINKS.discharge, LINKS.failed],
  };
}

/**
 * Recommend the filing (备案) for a reason for being away and where the person stands now.
 *
 * @param {object} input - the person's answers
 * @param {string} input.reason - one of REASONS' values
 * @param {string} input.status - one of STATUSES' values
 * @returns {Recommendation | ChecklistError} ok: false with error.field/code/message on bad input
 */
export function recommend(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return fail("input", "not_an_object", "请传入 {reason, status} 对象");
  }
  const { reason, status } = input;
  if (reason === undefined || reason === null || reason === "") {
    return fail("reason", "missing", "请选择为什么在外省看病：异地安置退休、长期居住、常驻工作、转诊、急诊抢救或其他临时外出");
  }
  if (!REASON_VALUES.includes(reason)) {
    return fail("reason", "unknown", `不认识的外地就医原因 "${String(reason)}"，应为 ${REASON_VALUES.join("、")} 之一`);
  }
  if (status === undefined || status === null || status === "") {
    return fail("status", "missing", "请选择现在的情况：还没备案、已经备案，或已经住院还没备案");
  }
  if (!STATUS_VALUES.includes(status)) {
    return fail("status", "unknown", `不认识的情况 "${String(status)}"，应为 ${STATUS_VALUES.join("、")} 之一`);
  }
  const type = FILING_BY_REASON[reason];
  const body =
    type === "long_term" ? longTerm(reason, status)
    : type === "referral" ? referral(status)
    : type === "emergency" ? emergency(status)
    : temporary(status);
  return {
    ok: true,
    reason,
    status,
    filingType: body.filingType,
    filingLabel: FILING_TYPES[body.filingType],
    action: body.action,
    summary: body.summary,
    prepare: [...body.prepare],
    where: [...body.where],
    ifNotFiled: body.ifNotFiled,
    notes: [...body.notes],
    basis: [...body.basis],
    links: body.links.map((l) => ({ ...l })),
  };
}
