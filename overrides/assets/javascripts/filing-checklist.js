/**
 * DOM adapter for the "我该办哪种备案？" checklist (docs/checklist.md). It builds the radio
 * buttons from the option lists of lib/filing-checklist.mjs, shows the form (hidden until
 * then, so people without JavaScript see only the <noscript> table) and renders recommend()'s
 * answer into the page's aria-live region. All logic lives in the lib module.
 *
 * Loaded as <script type="module"> from the page. Material's instant navigation re-inserts the
 * script on every visit, but a module runs only once per page load, so it subscribes to
 * Material's document$ and mounts again on every new document; mount() is idempotent.
 */

import { REASONS, SCHEMES, recommend } from "./lib/filing-checklist.mjs";

/** Field name -> option list, for the fieldsets marked data-app-field="…". */
const OPTIONS = { scheme: SCHEMES, reason: REASONS };

/**
 * Create an element with a class and text.
 * @param {Document} doc - the document to create it in
 * @param {string} tag - tag name
 * @param {string} [className] - CSS class (app- prefixed)
 * @param {string} [text] - text content
 * @returns {HTMLElement}
 */
function el(doc, tag, className, text) {
  const $el = doc.createElement(tag);
  if (className) $el.className = className;
  if (text !== undefined) $el.textContent = text;
  return $el;
}

/**
 * Fill one fieldset with a radio button and label per option.
 * @param {HTMLFieldSetElement} $fieldset - fieldset with data-app-field
 * @param {{value: string, label: string, hint: string}[]} options - from the lib module
 */
function buildOptions($fieldset, options) {
  const doc = $fieldset.ownerDocument;
  const name = $fieldset.dataset.appField;
  for (const option of options) {
    const id = `app-checklist-${name}-${option.value}`;
    const $row = el(doc, "div", "app-checklist__option");
    const $input = el(doc, "input");
    $input.type = "radio";
    $input.name = name;
    $input.id = id;
    $input.value = option.value;
    const $label = el(doc, "label");
    $label.htmlFor = id;
    $label.append(el(doc, "span", "app-checklist__label", option.label));
    $label.append(el(doc, "span", "app-checklist__hint", `：${option.hint}`));
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
 * @param {Document} doc - current document
 * @param {string} title - section heading
 * @param {string[]} items - list items
 * @returns {HTMLElement}
 */
function section(doc, title, items) {
  const $section = el(doc, "section", "app-checklist__section");
  $section.append(el(doc, "h3", "", title));
  const $list = el(doc, "ul");
  for (const item of items) $list.append(el(doc, "li", "", item));
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
    $result.append(el(doc, "p", "app-checklist__prompt", "请在上面两组里各选一项，这里会显示结果。"));
    return;
  }
  const answer = recommend({ scheme, reason });
  if (!answer.ok) {
    $result.append(el(doc, "p", "app-checklist__error", answer.error.message));
    return;
  }
  const $type = el(doc, "p", "app-checklist__type");
  $type.append("你需要办理：", el(doc, "strong", "", answer.filingLabel));
  $result.append($type, el(doc, "p", "app-checklist__summary", answer.summary));
  $result.append(section(doc, "要准备什么", answer.prepare));
  $result.append(section(doc, "在哪里办、找谁", answer.where));
  const $missing = el(doc, "section", "app-checklist__section");
  $missing.append(el(doc, "h3", "", "不备案会怎样"), el(doc, "p", "", answer.ifNotFiled));
  $result.append($missing);
  for (const note of answer.notes) $result.append(el(doc, "p", "app-checklist__note", note));
  const $links = el(doc, "section", "app-checklist__section");
  $links.append(el(doc, "h3", "", "接着看"));
  const $list = el(doc, "ul");
  for (const link of answer.links) {
    const href = hrefFor(doc, link);
    const $item = el(doc, "li");
    if (href) {
      const $a = el(doc, "a", "", link.text);
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
 * Wire the checklist on the current page, if it has one; safe to call again.
 * @param {Document} doc - the (new) document Material emitted
 */
function mount(doc) {
  const $form = doc.querySelector("form.app-checklist");
  const $result = doc.getElementById("app-checklist-result");
  if (!$form || !$result || $form.dataset.appReady === "1") return;
  $form.dataset.appReady = "1";
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

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe((doc) => mount(doc));
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mount(document));
} else {
  mount(document);
}
