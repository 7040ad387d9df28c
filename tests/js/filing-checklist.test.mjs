// Tests of the "我该办哪种备案？" checklist core (overrides/assets/javascripts/lib/filing-checklist.mjs)
// and of its agreement with the page that shows it (docs/checklist.md). Run: node --test tests/js/
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import {
  FILING_BY_REASON,
  FILING_TYPES,
  REASONS,
  SCHEMES,
  recommend,
} from "../../overrides/assets/javascripts/lib/filing-checklist.mjs";

const PAGE = readFileSync(new URL("../../docs/checklist.md", import.meta.url), "utf8");
// The tool's markup (form, result region, <noscript> table) lives in its page template.
const TOOL = readFileSync(new URL("../../overrides/partials/tools/filing-checklist.html", import.meta.url), "utf8");
const DOCS = new URL("../../docs/", import.meta.url);

describe("recommend(): the filing type for each situation", () => {
  // scheme, reason, expected filing type, a phrase the answer must contain (where it matters)
  const cases = [
    ["employee", "resettled_retiree", "long_term", "户口已迁入定居地"],
    ["employee", "long_term_resident", "long_term", "异地长期居住人员"],
    ["employee", "posted_worker", "long_term", "由单位派驻"],
    ["employee", "referral", "referral", "经济宁市社保经办机构同意"],
    ["resident", "resettled_retiree", "long_term", "按“异地长期居住”"],
    ["resident", "long_term_resident", "long_term", "6 个月以上"],
    ["resident", "posted_worker", "long_term", "务工"],
    ["resident", "referral", "referral", "二、三级定点医院"],
    ["employee", "emergency", "emergency", "部分急诊入院人员"],
    ["resident", "emergency", "emergency", "住院后 5 个工作日内"],
    ["employee", "short_trip", "short_trip", "一般由参保地按参保地规定报销"],
    ["resident", "short_trip", "short_trip", "一般由参保地按参保地规定报销"],
  ];
  for (const [scheme, reason, filingType, phrase] of cases) {
    test(`${scheme} + ${reason} -> ${filingType}`, () => {
      const answer = recommend({ scheme, reason });
      assert.equal(answer.ok, true);
      assert.equal(answer.filingType, filingType);
      assert.equal(answer.filingLabel, FILING_TYPES[filingType]);
      assert.ok(JSON.stringify(answer).includes(phrase), `answer should mention "${phrase}"`);
    });
  }

  test("every scheme x reason gives a complete answer", () => {
    for (const { value: scheme } of SCHEMES) {
      for (const { value: reason } of REASONS) {
        const answer = recommend({ scheme, reason });
        assert.equal(answer.ok, true, `${scheme} + ${reason}`);
        assert.equal(answer.filingType, FILING_BY_REASON[reason]);
        for (const key of ["summary", "ifNotFiled"]) assert.ok(answer[key].length > 0, `${scheme} + ${reason}: ${key}`);
        for (const key of ["prepare", "where", "notes", "links"]) assert.ok(answer[key].length > 0, `${scheme} + ${reason}: ${key}`);
        // The reminder that rules differ by place is always there.
        assert.ok(answer.notes.some((n) => n.includes("以参保地经办机构规定为准")), `${scheme} + ${reason}: notes`);
      }
    }
  });

  test("city rules are presented as examples, not as national rules", () => {
    for (const { value: scheme } of SCHEMES) {
      for (const { value: reason } of REASONS) {
        const answer = recommend({ scheme, reason });
        const texts = [answer.summary, answer.ifNotFiled, ...answer.prepare, ...answer.where, ...answer.notes];
        for (const text of texts) {
          const city = text.search(/济宁|深圳|辽宁/);
          if (city < 0) continue;
          const framed = text.slice(0, city).includes("例如") || text.includes("只是一个例子");
          assert.ok(framed, `${scheme} + ${reason}: "${text}" names a place without 例如`);
        }
      }
    }
  });

  test("short trips do not claim a national filing rule the sources lack", () => {
    const answer = recommend({ scheme: "employee", reason: "short_trip" });
    assert.ok(answer.summary.includes("各地做法不同"));
    assert.ok(!JSON.stringify(answer).includes("临时外出就医备案"));
  });

  test("the answer is a fresh copy each time", () => {
    const first = recommend({ scheme: "employee", reason: "referral" });
    first.prepare.push("changed");
    first.links[0].page = "changed";
    const second = recommend({ scheme: "employee", reason: "referral" });
    assert.ok(!second.prepare.includes("changed"));
    assert.notEqual(second.links[0].page, "changed");
  });
});

describe("recommend(): invalid input gives an error object", () => {
  const cases = [
    ["null", null, "input", "not_an_object"],
    ["a string", "employee", "input", "not_an_object"],
    ["an array", ["employee", "referral"], "input", "not_an_object"],
    ["no scheme", { reason: "referral" }, "scheme", "missing"],
    ["empty scheme", { scheme: "", reason: "referral" }, "scheme", "missing"],
    ["unknown scheme", { scheme: "新农合", reason: "referral" }, "scheme", "unknown"],
    ["scheme in wrong case", { scheme: "Employee", reason: "referral" }, "scheme", "unknown"],
    ["no reason", { scheme: "employee" }, "reason", "missing"],
    ["unknown reason", { scheme: "resident", reason: "tourism" }, "reason", "unknown"],
    ["label instead of value", { scheme: "employee", reason: "转诊" }, "reason", "unknown"],
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
    const answer = recommend({ scheme: "x", reason: "referral" });
    assert.match(answer.error.message, /employee/);
    assert.match(answer.error.message, /resident/);
  });
});

describe("the option lists and the page agree", () => {
  test("option values are unique and every reason has a filing type", () => {
    for (const list of [SCHEMES, REASONS]) {
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
  });

  test("the page has a fieldset for each field the adapter fills", () => {
    for (const field of ["scheme", "reason"]) assert.ok(TOOL.includes(`data-app-field="${field}"`), field);
    assert.ok(TOOL.includes('aria-live="polite"'));
  });

  test("every linked page exists and is listed on the page for the adapter", () => {
    const pages = new Set();
    for (const { value: scheme } of SCHEMES)
      for (const { value: reason } of REASONS)
        for (const link of recommend({ scheme, reason }).links) pages.add(link.page);
    for (const page of pages) {
      assert.ok(PAGE.includes(`data-app-page="${page}"`), `docs/checklist.md lacks data-app-page="${page}"`);
      // offices/index.md is generated by the build, not a file under docs/.
      if (page !== "offices/index.md") readFileSync(new URL(page, DOCS));
    }
  });

  test("every linked anchor is an explicit heading id on its page", () => {
    for (const { value: scheme } of SCHEMES)
      for (const { value: reason } of REASONS)
        for (const link of recommend({ scheme, reason }).links) {
          if (!link.anchor) continue;
          const text = readFileSync(new URL(link.page, DOCS), "utf8");
          assert.ok(text.includes(`{#${link.anchor}}`), `${link.page} has no heading {#${link.anchor}}`);
        }
  });
});
