/**
 * The policy document list: filter by region and order by date. Pure functions over plain
 * records, so Node tests and the page share them.
 *
 * @typedef {{id: string, region: string, date: string}} DocumentRow
 *   date is ISO (YYYY-MM-DD) or "" when the document states none
 */

/**
 * @param {DocumentRow[]} rows - every document
 * @param {{region?: string, order?: "newest" | "oldest"}} view - "" or undefined region means all
 * @returns {DocumentRow[]} the rows to show, in order; undated documents always last
 */
export function selectDocuments(rows, { region = "", order = "newest" } = {}) {
  if (order !== "newest" && order !== "oldest") throw new RangeError(`unknown order: ${order}`)
  const direction = order === "newest" ? -1 : 1
  return rows
    .filter(row => !region || row.region === region)
    .slice()
    .sort((a, b) => {
      if (!a.date || !b.date) return (a.date ? 0 : 1) - (b.date ? 0 : 1) || a.id.localeCompare(b.id)
      return direction * a.date.localeCompare(b.date) || a.id.localeCompare(b.id)
    })
}
