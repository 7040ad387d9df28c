// ESLint flat config: the recommended rules over every script we ship, test and benchmark.
// Run by `./dev test` before the tests (`npx eslint .`).
import js from "@eslint/js"
import globals from "globals"

export default [
  { ignores: ["site/**", "bench-output/**", "test-output/**", "node_modules/**", ".venv/**"] },
  js.configs.recommended,
  // A catch that ignores its error says so by its body; naming the error there is not a mistake.
  { rules: { "no-unused-vars": ["error", { caughtErrors: "none" }] } },
  {
    // Page adapters and their pure lib/ modules: ES modules in the browser (lib/ runs in Node too).
    files: ["overrides/assets/javascripts/**/*.{js,mjs}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser, document$: "readonly", __md_scope: "readonly" },
    },
  },
  {
    files: ["tests/**/*.{js,mjs}", "tools/**/*.{js,mjs}", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    // The service worker template (generator/offline.py fills in __VERSION__ and __SHELL__).
    files: ["generator/templates/sw.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: { ...globals.serviceworker, __SHELL__: "readonly" } },
  },
]
