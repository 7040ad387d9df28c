/**
 * Site-wide behaviour on every page: the 大字版 toggle, the offline notice, and the service
 * worker that keeps visited pages readable without signal. Material swaps pages without a
 * reload (instant navigation), so per-page wiring mounts with onPage() on each page's content.
 * An ES module, loaded on every page from mkdocs.yml (extra_javascript, type: module).
 */
import { el, onPage } from "./lib/dom.mjs"

/**
 * On the 繁體 mirror, text that scripts write (hospital results, messages) comes from simplified
 * sources: convert it character by character with the map the build wrote (assets/data/s2t.<hash>.json).
 * Only what changes after this script runs is touched; the page itself is converted already,
 * phrase by phrase. Changes made before the map arrives wait for it. Page adapters mount on
 * Material's first document$ (DOMContentLoaded), after this module has run.
 */
function convertScriptText() {
  const name = document.documentElement.dataset.appS2t // named by its content: generator/traditional.py
  if (document.documentElement.lang !== "zh-Hant" || !name || !window.MutationObserver) return
  let map = null
  let waiting = []
  const skip = { SCRIPT: 1, STYLE: 1, TEXTAREA: 1, TEMPLATE: 1 }
  function convert(node) {
    if (node.nodeType === 3) {
      let out = ""
      for (const ch of node.data) out += map.get(ch) || ch
      if (out !== node.data) node.data = out
    } else if (node.nodeType === 1 && !skip[node.tagName]) {
      node.childNodes.forEach(convert)
    }
  }
  new MutationObserver(records => {
    for (const record of records) {
      const nodes = record.type === "characterData" ? [record.target] : Array.from(record.addedNodes)
      if (map) nodes.forEach(convert)
      else waiting.push(...nodes)
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true })
  fetch(new URL(`../data/${name}`, import.meta.url)).then(r => r.json()).then(pairs => {
    map = new Map()
    const chars = Array.from(pairs)
    for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1])
    for (const node of waiting) if (node.isConnected) convert(node)
    waiting = []
  }).catch(() => { /* offline without the map: the text stays simplified, still readable */ })
}
convertScriptText()

const KEY = "app-large"

/** @param {boolean} on - whether large print is on */
function setLarge(on) {
  document.documentElement.classList.toggle("app-large", on)
  try { localStorage.setItem(KEY, on ? "1" : "0") } catch { /* private mode: still works for this page */ }
  syncToggle()
}

function syncToggle() {
  const on = document.documentElement.classList.contains("app-large")
  for (const $button of document.querySelectorAll("[data-app-large-toggle]")) {
    $button.setAttribute("aria-pressed", on ? "true" : "false")
  }
}

function showOfflineNotice() {
  const $main = document.querySelector(".md-content__inner")
  if (!$main || $main.querySelector(".app-offline")) return
  const $note = el("p", {
    className: "app-offline",
    role: "status",
    textContent: "您现在处于离线状态：显示的是上次访问时保存的内容，名单和政策可能已经更新。" + asOfText(),
  })
  $main.insertBefore($note, $main.firstChild)
}

/** The newest data date the page states (sources "截至 …", or the page's 更新日期). */
function asOfText() {
  const dates = []
  for (const $dated of document.querySelectorAll(".app-sources, .app-updated, .app-source, [class*='source']")) {
    dates.push(...($dated.textContent.match(/\d{4}-\d{2}-\d{2}/g) || []))
  }
  dates.sort()
  return dates.length ? "本页数据截至 " + dates[dates.length - 1] + "。" : "请以页面注明的数据日期为准。"
}

/** A page shown from the offline cache says so: one tiny HEAD request tells us (it bypasses the worker). */
function checkOnline() {
  if (!navigator.onLine) return showOfflineNotice()
  if (!window.fetch || location.protocol === "file:") return
  fetch(location.href, { method: "HEAD", cache: "no-store" }).catch(showOfflineNotice)
}

/** Wide tables scroll sideways inside their wrapper; make that wrapper reachable by keyboard. */
function labelScrollRegions() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(($wrap, i) => {
    if ($wrap.hasAttribute("tabindex")) return
    $wrap.setAttribute("tabindex", "0")
    $wrap.setAttribute("role", "region")
    $wrap.setAttribute("aria-label", "表格 " + (i + 1) + "（可左右滑动查看）")
  })
}

document.addEventListener("click", ev => {
  const $button = ev.target.closest && ev.target.closest("[data-app-large-toggle]")
  if ($button) setLarge(!document.documentElement.classList.contains("app-large"))
})
window.addEventListener("offline", showOfflineNotice)

// 繁體/简体 lives in a separate copy of the site: load it fully (capture phase, before
// Material's instant navigation would swap only the content and keep the old site's search).
window.addEventListener("click", ev => {
  const $link = ev.target.closest && ev.target.closest("[data-app-script-switch]")
  if (!$link || ev.ctrlKey || ev.metaKey || ev.shiftKey) return
  ev.preventDefault()
  ev.stopPropagation()
  location.href = $link.href
}, true)

// Material's container holds everything instant navigation replaces: a new one is a new page.
onPage("[data-md-component=container]", () => {
  syncToggle()
  labelScrollRegions()
  checkOnline()
})

/**
 * The worker lives at the site root so its scope covers every page (the 繁體 mirror has its own).
 * It keeps only the shell at install; this page was loaded before the worker existed, so it
 * tells the worker what it loaded (its own address included), which the worker keeps from the
 * HTTP cache. It does so again when a new worker takes over, whose cache starts empty.
 */
function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return
  const root = (typeof __md_scope !== "undefined") ? __md_scope : new URL(".", location.href)
  let controlled = !!navigator.serviceWorker.controller
  const sendLoaded = () => {
    navigator.serviceWorker.ready.then(registration => {
      const urls = [location.href, ...performance.getEntriesByType("resource").map(e => e.name)]
      if (registration.active) registration.active.postMessage({ type: "app-keep-loaded", urls })
    })
  }
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: new URL(".", root).pathname })
      .then(() => { if (!controlled) sendLoaded() })
      .catch(() => { /* no offline support; the site still works online */ })
  })
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (controlled) sendLoaded()
    controlled = true
  })
}
registerServiceWorker()
