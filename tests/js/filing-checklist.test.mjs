// Tests of the "我该办哪种备案？" checklist core (overrides/assets/javascripts/lib/filing-checklist.mjs)
// and of its agreement with the page that shows it (docs/checklist.md). Run: node --test tests/js/
//
// Each case names the rule it rests on: an article of the 经办规程 attached to 医保发〔2022〕22号
// ("22号 art. n", or "notice part n" for the notice itself) and the row of the fact sheet
// shared/facts/nhsa-2022-22.md that confirms it ("facts #n").
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  FILING_BY_REASON,
  FILING_TYPES,
  REASONS,
  STATUSES,
  recommend,
} from "../../overrides/assets/javascripts/lib/filing-checklist.mjs";

const PAGE = readFileSync(new URL("../../docs/checklist.md", import.meta.url), "utf8");
// The tool's markup (form, result region, <noscript> table) lives in its page template.
const TOOL = readFileSync(new URL("../../overrides/partials/tools/filing-checklist.html", import.meta.url), "utf8");
const DOCS = new URL("../../docs/", import.meta.url);
const all = (answer) => JSON.stringify(answer);

describe("recommend(): every reason, not filed yet", () => {
  // reason, filing type, phrases the answer must contain, the rule
  const cases = [
    ["resettled_retiree", "long_term", ["户口也迁了过去", "看病之前先办长期备案"], "22号 art. 7, facts #2"],
    ["long_term_resident", "long_term", ["异地长期居住人员", "个人承诺书"], "22号 art. 8, facts #4 (承诺制)"],
    ["posted_worker", "long_term", ["由单位派到外地", "自己到外地找的工作不算"], "22号 art. 7, facts #2 (常驻异地工作 = posted)"],
    ["referral", "referral", ["转诊证明", "不超过 10 个百分点"], "22号 art. 8, facts #4; notice part 2, facts #11"],
    ["emergency", "emergency", ["视同已备案", "不用事先办"], "22号 arts. 8, 34, facts #5"],
    ["other_temporary", "temporary", ["临时外出备案", "不超过 20 个百分点"], "22号 art. 7, facts #2, #3; notice part 2, facts #11"],
  ];
  for (const [reason, filingType, phrases, rule] of cases) {
    test(`${reason} -> ${filingType} (${rule})`, () => {
      const answer = recommend({ reason, status: "not_filed" });
      assert.equal(answer.ok, true);
      assert.equal(answer.filingType, filingType);
      assert.equal(answer.filingLabel, FILING_TYPES[filingType]);
      for (const phrase of phrases) assert.ok(all(answer).includes(phrase), `answer should mention "${phrase}"`);
    });
  }
});

describe("recommend(): every reason, already filed", () => {
  // reason, what the action says, the rule
  const cases = [
    ["resettled_retiree", "你已经办了长期备案", "22号 art. 17, facts #9"],
    ["long_term_resident", "你已经办了长期备案", "22号 art. 17, facts #9"],
    ["posted_worker", "你已经办了长期备案", "22号 art. 17, facts #9"],
    ["referral", "你已经办了转诊备案", "22号 art. 17, facts #9"],
    ["emergency", "急诊抢救视同已备案", "22号 arts. 8, 34, facts #5"],
    ["other_temporary", "你已经办了临时外出备案", "22号 art. 17, facts #9"],
  ];
  for (const [reason, action, rule] of cases) {
    test(`${reason}, filed (${rule})`, () => {
      const answer = recommend({ reason, status: "filed" });
      assert.equal(answer.ok, true);
      assert.ok(answer.action.startsWith(action), answer.action);
      // Registering as insured elsewhere, with a credential, is what a filed person does next.
      assert.ok(answer.action.includes("医保电子凭证或社保卡") && answer.action.includes("外地参保"), answer.action);
    });
  }
});

describe("recommend(): every reason, already admitted without a filing", () => {
  // reason, what the action says, the rule
  const cases = [
    ["resettled_retiree", "在出院结算之前补办长期备案", "22号 art. 16, facts #7"],
    ["long_term_resident", "在出院结算之前补办长期备案", "22号 art. 16, facts #7"],
    ["posted_worker", "在出院结算之前补办长期备案", "22号 art. 16, facts #7"],
    ["referral", "在出院结算之前补办转诊备案", "22号 art. 16, facts #7"],
    ["emergency", "急诊抢救视同已备案", "22号 arts. 8, 34, facts #5; art. 16, facts #7"],
    ["other_temporary", "在出院结算之前补办临时外出备案", "22号 art. 16, facts #7"],
  ];
  for (const [reason, action, rule] of cases) {
    test(`${reason}, admitted (${rule})`, () => {
      const answer = recommend({ reason, status: "admitted" });
      assert.equal(answer.ok, true);
      assert.ok(answer.action.startsWith(action), answer.action);
      assert.ok(answer.action.includes("出院结算之前"), "the deadline is discharge settlement");
      assert.ok(answer.links.some((l) => l.anchor === "before-discharge" || l.anchor === "emergency"));
    });
  }
});

describe("recommend(): what every answer carries", () => {
  const combinations = REASONS.flatMap(({ value: reason }) => STATUSES.map(({ value: status }) => [reason, status]));

  test("every reason x status gives a complete answer", () => {
    for (const [reason, status] of combinations) {
      const answer = recommend({ reason, status });
      assert.equal(answer.ok, true, `${reason} + ${status}`);
      assert.equal(answer.filingType, FILING_BY_REASON[reason]);
      for (const key of ["action", "summary", "ifNotFiled"]) assert.ok(answer[key].length > 0, `${reason} + ${status}: ${key}`);
      for (const key of ["prepare", "where", "notes", "basis", "links"]) assert.ok(answer[key].length > 0, `${reason} + ${status}: ${key}`);
      // The reminder that the insured place decides the details is always the last note.
      assert.ok(answer.notes.at(-1).includes("以参保地经办机构的答复为准"), `${reason} + ${status}: notes`);
      // Every answer cites the 2022 notice.
      assert.ok(answer.basis.every((b) => b.startsWith("医保发〔2022〕22号")), `${reason} + ${status}: basis`);
    }
  });

  // reason, the 22号 articles the answer must cite, the rule
  const basis = [
    ["resettled_retiree", ["经办规程第七条", "经办规程第八条", "经办规程第九条"], "facts #2, #4, #6"],
    ["referral", ["经办规程第八条", "通知第二部分"], "facts #4, #11"],
    ["emergency", ["经办规程第八条", "经办规程第三十四条"], "facts #5"],
    ["other_temporary", ["经办规程第七条", "经办规程第十六条", "通知第二部分"], "facts #2, #7, #11"],
  ];
  for (const [reason, articles, rule] of basis) {
    test(`${reason} cites ${articles.join(", ")} (${rule})`, () => {
      const cited = recommend({ reason, status: "not_filed" }).basis.join(" ");
      for (const article of articles) assert.ok(cited.includes(article), article);
    });
  }

  test("the five filing channels are offered wherever a filing is made (22号 art. 9, facts #6)", () => {
    for (const [reason, status] of combinations) {
      const where = recommend({ reason, status }).where.join(" ");
      for (const channel of ["窗口", "网上渠道", "国家医保服务平台 App", "国家异地就医备案小程序", "国务院客户端小程序"]) {
        assert.ok(where.includes(channel), `${reason} + ${status}: ${channel}`);
      }
    }
  });

  test("the cut for temporary trips is 10 points for referral and emergency, 20 for others, none for long-term (notice part 2, facts #11)", () => {
    for (const { value: reason } of REASONS) {
      const text = all(recommend({ reason, status: "not_filed" }));
      const expected = { referral: "10", emergency: "10", temporary: "20", long_term: null }[FILING_BY_REASON[reason]];
      for (const points of ["10", "20"]) {
        assert.equal(text.includes(`不超过 ${points} 个百分点`), points === expected, `${reason}: ${points} points`);
      }
    }
  });

  test("no answer sends a short trip back to the 2009 rule (22号 art. 7, facts #3)", () => {
    for (const [reason, status] of combinations) {
      const text = all(recommend({ reason, status }));
      assert.ok(!text.includes("出发前先问"), `${reason} + ${status}`);
      assert.ok(!text.includes("一般由参保地按参保地规定报销"), `${reason} + ${status}`);
    }
  });

  test("city rules are presented as examples, not as national rules", () => {
    for (const [reason, status] of combinations) {
      const answer = recommend({ reason, status });
      for (const text of [answer.action, answer.summary, answer.ifNotFiled, ...answer.prepare, ...answer.where, ...answer.notes]) {
        const city = text.search(/济宁|深圳|辽宁/);
        if (city < 0) continue;
        assert.ok(text.slice(0, city).includes("例如"), `${reason} + ${status}: "${text}" names a place without 例如`);
      }
    }
  });

  test("the answer is a fresh copy each time", () => {
    const first = recommend({ reason: "referral", status: "filed" });
    first.prepare.push("changed");
    first.basis.push("changed");
    first.links[0].page = "changed";
    const second = recommend({ reason: "referral", status: "filed" });
    assert.ok(!second.prepare.includes("changed"));
    assert.ok(!second.basis.includes("changed"));
    assert.notEqual(second.links[0].page, "changed");
  });
});

describe("recommend(): invalid input gives an error object", () => {
  const cases = [
    ["null", null, "input", "not_an_object"],
    ["a string", "referral", "input", "not_an_object"],
    ["an array", ["referral", "filed"], "input", "not_an_object"],
    ["no reason", { status: "filed" }, "reason", "missing"],
    ["empty reason", { reason: "", status: "filed" }, "reason", "missing"],
    ["unknown reason", { reason: "tourism", status: "filed" }, "reason", "unknown"],
    ["the old short_trip value", { reason: "short_trip", status: "filed" }, "reason", "unknown"],
    ["label instead of value", { reason: "转诊", status: "filed" }, "reason", "unknown"],
    ["no status", { reason: "referral" }, "status", "missing"],
    ["unknown status", { reason: "referral", status: "discharged" }, "status", "unknown"],
    ["status in wrong case", { reason: "referral", status: "Filed" }, "status", "unknown"],
  ];
  for (const [name, input, field, code] of cases) {
    test(name, () => {
      const answer = recommend(input);
      assert.equal(answer.ok, false);
      assert.equal(answer.error.field, field);
      assert.equal(answer.error.code, code);
      assert.ok(answer.error.message.length > 0);
    });
  }

  test("the unknown-value message names the accepted values", () => {
    const answer = recommend({ reason: "referral", status: "x" });
    for (const { value } of STATUSES) assert.match(answer.error.message, new RegExp(value));
  });
});

describe("the option lists and the page agree", () => {
  test("option values are unique and every reason has a filing type", () => {
    for (const list of [REASONS, STATUSES]) {
      const values = list.map((o) => o.value);
      assert.equal(new Set(values).size, values.length);
      for (const o of list) assert.ok(o.label && o.hint, o.value);
    }
    for (const { value } of REASONS) assert.ok(FILING_TYPES[FILING_BY_REASON[value]], value);
  });

  test("the <noscript> table lists every reason with its filing type", () => {
    const noscript = TOOL.slice(TOOL.indexOf("<noscript>"), TOOL.indexOf("</noscript>"));
    for (const { value, label } of REASONS) {
      const row = noscript.split("\n").find((line) => line.includes(`<th scope="row">${label}</th>`));
      assert.ok(row, `no row for ${label}`);
      assert.ok(row.includes(`<td>${FILING_TYPES[FILING_BY_REASON[value]]}</td>`), `${label}: wrong filing type`);
    }
    assert.ok(noscript.includes("出院结算之前补办备案"), "the table also says what to do once admitted");
  });

  test("the page has a fieldset for each field the adapter fills", () => {
    for (const field of ["reason", "status"]) assert.ok(TOOL.includes(`data-app-field="${field}"`), field);
    assert.ok(TOOL.includes('aria-live="polite"'));
  });

  test("every linked page exists and is listed on the page for the adapter", () => {
    const pages = new Set();
    for (const { value: reason } of REASONS)
      for (const { value: status } of STATUSES)
        for (const link of recommend({ reason, status }).links) pages.add(link.page);
    for (const page of pages) {
      assert.ok(PAGE.includes(`data-app-page="${page}"`), `docs/checklist.md lacks data-app-page="${page}"`);
      // offices/index.md is generated by the build, not a file under docs/.
      if (page !== "offices/index.md") readFileSync(new URL(page, DOCS));
    }
  });

  test("every linked anchor is an explicit heading id on its page", () => {
    for (const { value: reason } of REASONS)
      for (const { value: status } of STATUSES)
        for (const link of recommend({ reason, status }).links) {
          if (!link.anchor) continue;
          const text = readFileSync(new URL(link.page, DOCS), "utf8");
          assert.ok(text.includes(`{#${link.anchor}}`), `${link.page} has no heading {#${link.anchor}}`);
        }
  });
});
