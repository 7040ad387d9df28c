// Bytes a later query fetches, over many queries: for each one a fresh HospitalData that has the
// manifest and the pinyin readings already (as after a first query), then the search files the
// query itself loads, gzip-compressed as a web server sends them. Run by `python -m generator bench`:
//   node tools/bench/later-queries.mjs <search data folder>/ <queries.json>
// Prints one JSON line: {kind: {count, found, p50, p95, max, worst: {q, bytes}}}.
import { readFile } from "node:fs/promises"
import { gzipSync } from "node:zlib"

import { HospitalData } from "../../overrides/assets/javascripts/lib/hospital-search.mjs"

const [folder, queriesFile] = process.argv.slice(2)
const queries = JSON.parse(await readFile(queriesFile, "utf8"))
const gzipped = new Map()
async function size(path) {
  if (!gzipped.has(path)) gzipped.set(path, gzipSync(await readFile(path), { level: 6 }).length)
  return gzipped.get(path)
}

const byKind = {}
for (const q of queries) {
  const data = new HospitalData(folder + "manifest.json", async path => JSON.parse(await readFile(path, "utf8")))
  await data.load()
  await data.pinyin()
  const before = data.requested.length
  const result = await data.search({ q: q.q, province: q.province || "" })
  let bytes = 0
  for (const path of data.requested.slice(before)) bytes += await size(folder + path)
  const entry = (byKind[q.kind] ||= { bytes: [], found: 0, worst: null })
  entry.bytes.push(bytes)
  if (result.results.some(r => r.id === q.id)) entry.found++
  if (!entry.worst || bytes > entry.worst.bytes) entry.worst = { q: q.q, province: q.province || "", bytes }
}
const pick = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]
const out = {}
for (const [kind, e] of Object.entries(byKind)) {
  const sorted = e.bytes.sort((a, b) => a - b)
  out[kind] = { count: sorted.length, found: e.found, p50: pick(sorted, 0.5), p95: pick(sorted, 0.95), max: sorted.at(-1), worst: e.worst }
}
console.log(JSON.stringify(out))
