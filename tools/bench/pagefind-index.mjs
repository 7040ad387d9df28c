// Index the benchmark's hospital rows with Pagefind's Node API, as custom records, for comparison
// with our own search files. Run by generator/devtools/bench.py; not part of the site.
//   node tools/bench/pagefind-index.mjs RECORDS.jsonl OUTPUT_DIR
// RECORDS.jsonl: one JSON object per line: {url, content, meta, filters}. Prints one JSON line:
// {records, seconds, errors}.
import { createReadStream } from "node:fs"
import { createInterface } from "node:readline"

const [records, outputPath] = process.argv.slice(2)
let pagefind
try {
  pagefind = await import("pagefind")
} catch (error) {
  console.error("pagefind is not installed: run ./dev bench (it installs pagefind@1.6.0 without saving it)")
  process.exit(3)
}

const started = performance.now()
const { index, errors } = await pagefind.createIndex({ forceLanguage: "zh" })
if (!index) {
  console.error(errors.join("\n"))
  process.exit(1)
}
const problems = []
let count = 0
let batch = []
const flush = async () => {
  const answers = await Promise.all(batch)
  for (const answer of answers) problems.push(...answer.errors)
  batch = []
}
for await (const line of createInterface({ input: createReadStream(records, "utf8"), crlfDelay: Infinity })) {
  if (!line) continue
  const record = JSON.parse(line)
  batch.push(index.addCustomRecord({ ...record, language: "zh" }))
  count++
  if (batch.length === 500) await flush()
}
await flush()
const written = await index.writeFiles({ outputPath })
problems.push(...written.errors)
await pagefind.close()
console.log(JSON.stringify({ records: count, seconds: (performance.now() - started) / 1000, errors: problems.slice(0, 5) }))
