/**
 * The DOM helpers every page adapter shares: build elements, fill a <select>, mount on a page.
 *
 * Adapters (overrides/assets/javascripts/*.js) are ES modules that call `onPage` once; the
 * decisions and texts they show live in pure lib/ modules tested in Node. Nothing here runs
 * at import time, so Node can import this file too.
 */

/**
 * Create an element with properties and children. Text goes in as textContent, never as markup.
 * @param {string} tag - tag name
 * @param {Object<string, any>} [props] - properties (className, textContent, hidden, ...); keys
 *   starting with "data-" or "aria-", and "for", "role", "scope", are set as attributes
 * @param {...(Node|string)} children - appended in order; strings become text nodes
 * @returns {HTMLElement}
 */
export function el(tag, props = {}, ...children) {
  const $el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue
    if (/^(data-|aria-)/.test(key) || key === "for" || key === "role" || key === "scope") $el.setAttribute(key, String(value))
    else $el[key] = value
  }
  $el.append(...children)
  return $el
}

/**
 * Replace a <select>'s options: an empty choice first, then one per option.
 * @param {HTMLSelectElement} $select
 * @param {string} emptyLabel - label of the first option, whose value is ""
 * @param {{value: string, label: string}[]} options
 */
export function fillSelect($select, emptyLabel, options) {
  $select.replaceChildren(new Option(emptyLabel, ""), ...options.map(o => new Option(o.label, o.value)))
}

const mounted = new WeakSet()

/**
 * Run `mount` once for every element matching `selector` on each page shown.
 *
 * Material swaps pages without a reload (instant navigation) and announces each one on
 * `document$`; without Material (a test page) the current document is used. The WeakSet is the
 * one "already wired" guard: an element is mounted once however often the page is announced.
 * @param {string} selector - CSS selector of the tool's root element
 * @param {(root: HTMLElement) => void|Promise<void>} mount
 */
export function onPage(selector, mount) {
  const run = () => {
    for (const $root of document.querySelectorAll(selector)) {
      if (mounted.has($root)) continue
      mounted.add($root)
      mount($root)
    }
  }
  if (globalThis.document$ && typeof globalThis.document$.subscribe === "function") globalThis.document$.subscribe(run)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run)
  else run()
}
