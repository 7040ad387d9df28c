/**
 * DOM adapter for the document list (/documents/): region filter and date order.
 * Without JavaScript the table is complete and ordered newest first.
 * An ES module loaded by the page template (overrides/tool.html), mounted with onPage().
 */
import { onPage } from "./lib/dom.mjs"
import { selectDocuments } from "./lib/document-list.mjs"

/** @param {HTMLFormElement} $form - the list's controls (form.app-documents-controls) */
function wire($form) {
  const $table = document.querySelector("table.app-documents")
  if (!$table) return
  const $body = $table.tBodies[0]
  const $rows = new Map([...$body.rows].map($row => [$row.dataset.id, $row]))
  const rows = [...$rows.values()].map($row => ({ id: $row.dataset.id, region: $row.dataset.region, date: $row.dataset.date }))
  const $status = $form.querySelector(".app-documents-count")
  const render = () => {
    const shown = selectDocuments(rows, { region: $form.region.value, order: $form.order.value })
    const visible = new Set(shown.map(row => row.id))
    for (const row of shown) $body.appendChild($rows.get(row.id))
    for (const [id, $row] of $rows) $row.hidden = !visible.has(id)
    $status.textContent = `显示 ${shown.length} 份文件`
  }
  $form.hidden = false
  $form.addEventListener("change", render)
  $form.addEventListener("submit", event => event.preventDefault())
  render()
}

onPage("form.app-documents-controls", wire)
