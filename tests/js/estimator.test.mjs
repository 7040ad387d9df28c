/**
 * node --test for the estimator core: the shared vectors (tests/vectors/estimator.json, the same
 * ones the Python reference passes) plus inputs only JavaScript can build (NaN, Infinity, undefined).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { estimate, validate, EstimateError } from "../../overrides/assets/javascripts/lib/estimator-core.mjs";

const VECTORS = JSON.parse(readFileSync(new URL("../vectors/estimator.json", import.meta.url), "utf8"));
const SEED = VECTORS.find((v) => v.name === "seed_002_example").input;
const AMOUNT_KEYS = ["eligible", "deductible_applied", "basic_fund", "serious_illness_fund", "fund_total", "patient_pays"];

/**
 * @param {unknown} input - estimator input
 * @returns {object} the output, or {errors} as the vectors write it
 */
function run(input) {
  try {
    return estimate(input);
  } catch (error) {
    if (error instanceof EstimateError) return { errors: error.errors };
    throw error;
  }
}

/**
 * A yuan amount as integer fen; fails unless it is a finite number of whole fen.
 * @param {unknown} amount - an output amount
 * @returns {number}
 */
function fen(amount) {
  assert.equal(typeof amount, "number");
  assert.ok(Number.isFinite(amount), `${amount} is not finite`);
  const whole = Math.round(amount * 100);
  assert.equal(whole / 100, amount, `${amount} has more than two decimals`);
  return whole;
}

/**
 * The seed input with one value replaced.
 * @param {(input: any) => void} change - edits the copy
 * @returns {object}
 */
function seedWith(change) {
  const input = structuredClone(SEED);
  change(input);
  return input;
}

describe("shared vectors", () => {
  for (const vector of VECTORS) {
    test(vector.name, () => {
      assert.deepEqual(run(vector.input), vector.expected);
      assert.deepEqual(validate(vector.input), vector.expected.errors ?? []);
    });
  }
});

describe("outputs", () => {
  const valid = VECTORS.filter((v) => !v.expected.errors);

  test("every amount is a finite number of whole fen, never NaN", () => {
    for (const vector of valid) {
      const result = estimate(vector.input);
      for (const key of AMOUNT_KEYS) fen(result[key]);
      for (const step of result.steps) fen(step.amount);
    }
  });

  test("fund and patient shares add up to the bill to the fen", () => {
    for (const vector of valid) {
      const result = estimate(vector.input);
      assert.equal(fen(result.fund_total) + fen(result.patient_pays), fen(vector.input.bill.total), vector.name);
    }
  });

  test("step keys are unique within an estimate", () => {
    for (const vector of valid) {
      const keys = estimate(vector.input).steps.map((s) => s.key);
      assert.equal(new Set(keys).size, keys.length, vector.name);
    }
  });

  test("the input is not changed", () => {
    const input = structuredClone(VECTORS.find((v) => v.name === "serious_illness_counts_pay_first_share").input);
    const before = structuredClone(input);
    estimate(input);
    assert.deepEqual(input, before);
  });
});

describe("errors name the field", () => {
  const cases = [
    ["NaN total", (i) => { i.bill.total = NaN; }, "bill.total"],
    ["Infinity total", (i) => { i.bill.total = Infinity; }, "bill.total"],
    ["-Infinity deductible", (i) => { i.policy.deductible = -Infinity; }, "policy.deductible"],
    ["NaN ratio", (i) => { i.policy.bands[0].ratio = NaN; }, "policy.bands[0].ratio"],
    ["BigInt money", (i) => { i.policy.fund_used = 5n; }, "policy.fund_used"],
    ["Infinity reduction", (i) => { i.filing.reduction = { mode: "points", value: Infinity }; }, "filing.reduction.value"],
  ];
  for (const [name, change, field] of cases) {
    test(name, () => {
      assert.deepEqual(validate(seedWith(change)).map((e) => e.field), [field]);
    });
  }

  test("undefined counts as missing", () => {
    assert.deepEqual(validate(seedWith((i) => { i.bill.total = undefined; })), [
      { field: "bill.total", message: "请填写医疗总费用" },
    ]);
  });

  test("estimate throws an EstimateError carrying every error", () => {
    const input = seedWith((i) => {
      i.bill.total = -1;
      i.filing.type = "x";
    });
    assert.throws(
      () => estimate(input),
      (error) => {
        assert.ok(error instanceof EstimateError && error instanceof Error);
        assert.deepEqual(error.errors.map((e) => e.field), ["bill.total", "filing.type"]);
        assert.match(error.message, /bill\.total: .*; filing\.type: /);
        return true;
      },
    );
  });

  test("non-object inputs", () => {
    for (const input of [null, undefined, 5, "x", []]) {
      assert.deepEqual(validate(input), [{ field: "input", message: "输入必须是一个 JSON 对象" }]);
    }
  });
});
