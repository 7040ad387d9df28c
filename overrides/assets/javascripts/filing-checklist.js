/**
 * DOM adapter for the "我该办哪种备案？" checklist (docs/checklist.md). It builds the radio
 * buttons from the option lists of lib/filing-checklist.mjs, shows the form (hidden until
 * then, so people without JavaScript see only the <noscript> table) and renders recommend()'s
 * answer into the page's aria-live region. All logic lives in the lib module.
 *
 * An ES module loaded by the page template (overrides/tool.html); onPage() from lib/dom.mjs
 * mounts it on every page Material shows, once per form.
 */

import { el, onPage } from "./lib/dom.mjs";
import { REASONS, SCHEMES, recommend } from "./lib/filing-checklist.mjs";

/** Field name -> option list, for the fieldsets marked data-app-field="…". */
const OPTIONS = { scheme: SCHEMES, reason: REASONS };

/**
 * Fill one fieldset with a radio button and label per option.
 * @param {HTMLFieldSetElement} $fieldset - fieldset with data-app-field
 * @param {{value: string, label: string, hint: string}[]} options - from the lib module
 */
function buildOptions($fieldset, options) {
  const name = $fieldset.dataset.appField;
  for (const option of options) {
    const id = `app-checklist-${name}-${option.value}`;
    const $row = el("div", { className: "app-checklist__option" });
    const $input = el("input");
    $input.type = "radio";
    $input.name = name;
    $input.id = id;
    $input.value = option.value;
    const $label = el("label");
    $label.htmlFor = id;
    $label.append(el("span", { className: "app-checklist__label", textContent: option.label }));
    $label.append(el("span", { className: "app-checklist__hint", textContent: `：${option.hint}` }));
    $row.append($input, $label);
    $fieldset.append($row);
  }
}

/**
 * The href of a guide page, taken from the page's own list of related links (rendered by
 * MkDocs, so it is right whatever the URL layout), plus the heading anchor.
 * @param {Document} doc - current document
 * @param {{page: string, anchor: string}} link - from recommend()
 * @returns {string | null} null when the page has no such link
 */
function hrefFor(doc, link) {
  const $a = doc.querySelector(`a[data-app-page="${CSS.escape(link.page)}"]`);
  if (!$a) return null;
  const url = new URL($a.href);
  url.hash = link.anchor ? `#${link.anchor}` : "";
  return url.href;
}

/**
 * A titled list section of the result.
 * @param {string} title - section heading
 * @param {string[]} items - list items
 * @returns {HTMLElement}
 */
function section(title, items) {
  const $section = el("section", { className: "app-checklist__section" });
  $section.append(el("h3", { textContent: title }));
  const $list = el("ul");
  for (const item of items) $list.append(el("li", { textContent: item }));
  $section.append($list);
  return $section;
}

/**
 * Render the answer for the current choices into the result region.
 * @param {HTMLFormElement} $form - the checklist form
 * @param {HTMLElement} $result - the aria-live region
 */
function render($form, $result) {
  const doc = $form.ownerDocument;
  const data = new FormData($form);
  const scheme = data.get("scheme");
  const reason = data.get("reason");
  $result.replaceChildren();
  if (!scheme || !reason) {
    $result.append(el("p", { className: "app-checklist__prompt", textContent: "请在上面两组里各选一项，这里会显示结果。" }));
    return;
  }
  const answer = recommend({ scheme, reason });
  if (!answer.ok) {
    $result.append(el("p", { className: "app-checklist__error", textContent: answer.error.message }));
    return;
  }
  const $type = el("p", { className: "app-checklist__type" });
  $type.append("你需要办理：", el("strong", { textContent: answer.filingLabel }));
  $result.append($type, el("p", { className: "app-checklist__summary", textContent: answer.summary }));
  $result.append(section("要准备什么", answer.prepare));
  $result.append(section("在哪里办、找谁", answer.where));
  const $missing = el("section", { className: "app-checklist__section" });
  $missing.append(el("h3", { textContent: "不备案会怎样" }), el("p", { textContent: answer.ifNotFiled }));
  $result.append($missing);
  for (const note of answer.notes) $result.append(el("p", { className: "app-checklist__note", textContent: note }));
  const $links = el("section", { className: "app-checklist__section" });
  $links.append(el("h3", { textContent: "接着看" }));
  const $list = el("ul");
  for (const link of answer.links) {
    const href = hrefFor(doc, link);
    const $item = el("li");
    if (href) {
      const $a = el("a", { textContent: link.text });
      $a.href = href;
      $item.append($a);
    } else {
      $item.textContent = link.text;
    }
    $list.append($item);
  }
  $links.append($list);
  $result.append($links);
}

/**
 * Wire one checklist form (onPage mounts each form once).
 * @param {HTMLFormElement} $form - the checklist form
 */
function mount($form) {
  const $result = $form.ownerDocument.getElementById("app-checklist-result");
  if (!$result) return;
  for (const $fieldset of $form.querySelectorAll("fieldset[data-app-field]")) {
    const options = OPTIONS[$fieldset.dataset.appField];
    if (options) buildOptions($fieldset, options);
  }
  $form.addEventListener("change", () => render($form, $result));
  $form.addEventListener("submit", (event) => {
    event.preventDefault();
    render($form, $result);
  });
  // The reset event fires before the fields are cleared.
  $form.addEventListener("reset", () => setTimeout(() => render($form, $result), 0));
  // Shown only now: without JavaScript the page offers its <noscript> table instead.
  $form.hidden = false;
  $result.hidden = false;
}

onPage("form.app-checklist", mount);
