import { test } from "node:test"
import assert from "node:assert/strict"

import { selectDocuments } from "../../overrides/assets/javascripts/lib/document-list.mjs"

const ROWS = [
  { id: "zj", region: "330000", date: "2010-06-08" },
  { id: "mohrss", region: "000000", date: "2009-12-31" },
  { id: "hunan", region: "430000", date: "" },
  { id: "hlj", region: "230000", date: "2011-12-05" },
  { id: "zj2", region: "330000", date: "2011-01-01" },
]

const CASES = [
  ["all, newest first", {}, ["hlj", "zj2", "zj", "mohrss", "hunan"]],
  ["all, oldest first", { order: "oldest" }, ["mohrss", "zj", "zj2", "hlj", "hunan"]],
  ["one region", { region: "330000" }, ["zj2", "zj"]],
  ["one region, oldest first", { region: "330000", order: "oldest" }, ["zj", "zj2"]],
  ["region without documents", { region: "110000" }, []],
  ["undated stays last", { region: "430000" }, ["hunan"]],
]

for (const [name, view, expected] of CASES) {
  test(`selectDocuments: ${name}`, () => {
    assert.deepEqual(selectDocuments(ROWS, view).map(row => row.id), expected)
  })
}

test("selectDocuments does not reorder its input", () => {
  const before = ROWS.map(row => row.id)
  selectDocuments(ROWS, { order: "oldest" })
  assert.deepEqual(ROWS.map(row => row.id), before)
})

test("selectDocuments rejects an unknown order", () => {
  assert.throws(() => selectDocuments(ROWS, { order: "random" }), RangeError)
})
