/**
 * DOM adapter for the "我该办哪种备案？" checklist (docs/checklist.md). It builds the radio
 * buttons from the option lists of lib/filing-checklist.mjs, shows the form (hidden until
 * then, so people without JavaScript see only the <noscript> table) and renders recommend()'s
 * answer into the page's aria-live region. All texts and decisions live in the lib module.
 */

import { el, onPage } from "./lib/dom.mjs"
import { REASONS, STATUSES, recommend } from "./lib/filing-checklist.mjs"

/** Field name -> option list, for the fieldsets marked data-app-field="…". */
const OPTIONS = { reason: REASONS, status: STATUSES }
const PROMPT = "请在上面两组里各选一项，这里会显示结果。"

/**
 * Fill one fieldset with a radio button and label per option.
 * @param {HTMLFieldSetElement} $fieldset - fieldset with data-app-field
 * @param {{value: string, label: string, hint: string}[]} options - from the lib module
 */
function buildOptions($fieldset, options) {
  const name = $fieldset.dataset.appField
  for (const option of options) {
    const id = `app-checklist-${name}-${option.value}`
    $fieldset.append(
      el("div", { className: "app-checklist__option" },
        el("input", { type: "radio", name, id, value: option.value }),
        el("label", { for: id },
          el("span", { className: "app-checklist__label", textContent: option.label }),
          el("span", { className: "app-checklist__hint", textContent: `：${option.hint}` }))))
  }
}

/**
 * The href of a guide page, taken from the page's own list of related links (rendered by
 * MkDocs, so it is right whatever the URL layout), plus the heading anchor.
 * @param {{page: string, anchor: string}} link - from recommend()
 * @returns {string | null} null when the page has no such link
 */
function hrefFor(link) {
  const $a = document.querySelector(`a[data-app-page="${CSS.escape(link.page)}"]`)
  if (!$a) return null
  const url = new URL($a.href)
  url.hash = link.anchor ? `#${link.anchor}` : ""
  return url.href
}

/**
 * A titled section of the result: a list, or one paragraph. Its heading is an h2: the result
 * sits under the page's h1, before the page's own h2 sections.
 * @param {string} title - section heading
 * @param {string[]|string} body - list items, or a paragraph's text
 * @returns {HTMLElement}
 */
function section(title, body) {
  const content = Array.isArray(body)
    ? el("ul", {}, ...body.map((item) => el("li", { textContent: item })))
    : el("p", { textContent: body })
  return el("section", { className: "app-checklist__section" }, el("h2", { textContent: title }), content)
}

/**
 * Render the answer for the current choices into the result region.
 * @param {HTMLFormElement} $form - the checklist form
 * @param {HTMLElement} $result - the aria-live region
 */
function render($form, $result) {
  const data = new FormData($form)
  const reason = data.get("reason")
  const status = data.get("status")
  if (!reason || !status) {
    $result.replaceChildren(el("p", { className: "app-checklist__prompt", textContent: PROMPT }))
    return
  }
  const answer = recommend({ reason, status })
  if (!answer.ok) {
    $result.replaceChildren(el("p", { className: "app-checklist__error", textContent: answer.error.message }))
    return
  }
  const links = answer.links.map((link) => {
    const href = hrefFor(link)
    return el("li", {}, href ? el("a", { href, textContent: link.text }) : link.text)
  })
  $result.replaceChildren(
    el("p", { className: "app-checklist__type" }, "你的情况：", el("strong", { textContent: answer.filingLabel })),
    el("p", { className: "app-checklist__action" }, el("strong", { textContent: answer.action })),
    el("p", { className: "app-checklist__summary", textContent: answer.summary }),
    section("要准备什么", answer.prepare),
    section("在哪里办", answer.where),
    section("没有备案会怎样", answer.ifNotFiled),
    ...answer.notes.map((note) => el("p", { className: "app-checklist__note", textContent: note })),
    section("依据", answer.basis.join("；")),
    el("section", { className: "app-checklist__section" }, el("h2", { textContent: "接着看" }), el("ul", {}, ...links)),
  )
}

onPage("form.app-checklist", ($form) => {
  const $result = document.getElementById("app-checklist-result")
  if (!$result) return
  for (const $fieldset of $form.querySelectorAll("fieldset[data-app-field]")) {
    const options = OPTIONS[$fieldset.dataset.appField]
    if (options) buildOptions($fieldset, options)
  }
  $form.addEventListener("change", () => render($form, $result))
  $form.addEventListener("submit", (event) => {
    event.preventDefault()
    render($form, $result)
  })
  // The reset event fires before the fields are cleared.
  $form.addEventListener("reset", () => setTimeout(() => render($form, $result), 0))
  // Shown only now: without JavaScript the page offers its <noscript> table instead.
  $form.hidden = false
  $result.hidden = false
})
