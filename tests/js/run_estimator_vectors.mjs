/**
 * Runs the JS estimator on a JSON array of inputs read from stdin and prints a JSON array of
 * results: the output, or {"errors": [...]} for invalid input. tests/test_estimator.py calls it
 * once per batch so Python can compare both implementations on the same inputs.
 */
import { readFileSync } from "node:fs";
import { estimate, EstimateError } from "../../overrides/assets/javascripts/lib/estimator-core.mjs";

/**
 * @param {unknown} input - one estimator input
 * @returns {object} the estimate, or {errors} when the input is invalid
 */
function run(input) {
  try {
    return estimate(input);
  } catch (error) {
    if (error instanceof EstimateError) return { errors: error.errors };
    throw error;
  }
}

const inputs = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(inputs.map(run)));
