/**
 * Site-wide behaviour on every page: the 大字版 toggle, the offline notice, and the service
 * worker that keeps visited pages readable without signal. Material swaps pages without a
 * reload (instant navigation), so per-page wiring runs from document$.
 */
(function () {
  "use strict"

  /**
   * On the 繁體 mirror, text that scripts write (hospital results, messages) comes from simplified
   * sources: convert it character by character with the map the build wrote (assets/data/s2t.json).
   * Only what changes after this script runs is touched; the page itself is converted already,
   * phrase by phrase. Changes made before the map arrives wait for it.
   */
  function convertScriptText() {
    var script = document.currentScript
    if (document.documentElement.lang !== "zh-Hant" || !script || !window.MutationObserver) return
    var map = null
    var waiting = []
    var skip = { SCRIPT: 1, STYLE: 1, TEXTAREA: 1, TEMPLATE: 1 }
    function convert(node) {
      if (node.nodeType === 3) {
        var out = ""
        for (var ch of node.data) out += map.get(ch) || ch
        if (out !== node.data) node.data = out
      } else if (node.nodeType === 1 && !skip[node.tagName]) {
        node.childNodes.forEach(convert)
      }
    }
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        var nodes = record.type === "characterData" ? [record.target] : Array.from(record.addedNodes)
        if (map) nodes.forEach(convert)
        else waiting.push.apply(waiting, nodes)
      })
    }).observe(document.body, { childList: true, subtree: true, characterData: true })
    fetch(new URL("../data/s2t.json", script.src)).then(function (r) { return r.json() }).then(function (pairs) {
      map = new Map()
      var chars = Array.from(pairs)
      for (var i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1])
      waiting.forEach(function (node) { if (node.isConnected) convert(node) })
      waiting = []
    }).catch(function () { /* offline without the map: the text stays simplified, still readable */ })
  }
  convertScriptText()

  var KEY = "app-large"

  /** @param {boolean} on - whether large print is on */
  function setLarge(on) {
    document.documentElement.classList.toggle("app-large", on)
    try { localStorage.setItem(KEY, on ? "1" : "0") } catch (e) { /* private mode: still works for this page */ }
    syncToggle()
  }

  function syncToggle() {
    var on = document.documentElement.classList.contains("app-large")
    document.querySelectorAll("[data-app-large-toggle]").forEach(function ($button) {
      $button.setAttribute("aria-pressed", on ? "true" : "false")
    })
  }

  function showOfflineNotice() {
    var $main = document.querySelector(".md-content__inner")
    if (!$main || $main.querySelector(".app-offline")) return
    var $note = document.createElement("p")
    $note.className = "app-offline"
    $note.setAttribute("role", "status")
    $note.textContent = "您现在处于离线状态：显示的是上次访问时保存的内容，名单和政策可能已经更新。" + asOfText()
    $main.insertBefore($note, $main.firstChild)
  }

  /** The newest data date the page states (sources "截至 …", or the page's 更新日期). */
  function asOfText() {
    var $dated = document.querySelectorAll(".app-sources, .app-updated, .app-source, [class*='source']")
    var dates = []
    $dated.forEach(function ($el) { dates = dates.concat($el.textContent.match(/\d{4}-\d{2}-\d{2}/g) || []) })
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
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function ($wrap, i) {
      if ($wrap.hasAttribute("tabindex")) return
      $wrap.setAttribute("tabindex", "0")
      $wrap.setAttribute("role", "region")
      $wrap.setAttribute("aria-label", "表格 " + (i + 1) + "（可左右滑动查看）")
    })
  }

  document.addEventListener("click", function (ev) {
    var $button = ev.target.closest && ev.target.closest("[data-app-large-toggle]")
    if ($button) setLarge(!document.documentElement.classList.contains("app-large"))
  })
  window.addEventListener("offline", showOfflineNotice)

  // 繁體/简体 lives in a separate copy of the site: load it fully (capture phase, before
  // Material's instant navigation would swap only the content and keep the old site's search).
  window.addEventListener("click", function (ev) {
    var $link = ev.target.closest && ev.target.closest("[data-app-script-switch]")
    if (!$link || ev.ctrlKey || ev.metaKey || ev.shiftKey) return
    ev.preventDefault()
    ev.stopPropagation()
    location.href = $link.href
  }, true)

  function onPage() {
    syncToggle()
    labelScrollRegions()
    checkOnline()
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage)
  } else {
    document.addEventListener("DOMContentLoaded", onPage)
  }

  registerServiceWorker()

  /**
   * The worker lives at the site root so its scope covers every page (the 繁體 mirror has its own).
   * It keeps only the shell at install; this page was loaded before the worker existed, so it
   * tells the worker what it loaded (its own address included), which the worker keeps from the
   * HTTP cache. It does so again when a new worker takes over, whose cache starts empty.
   */
  function registerServiceWorker() {
    if (!("serviceWorker" in navigator) || location.protocol === "file:") return
    var root = (typeof __md_scope !== "undefined") ? __md_scope : new URL(".", location.href)
    var controlled = !!navigator.serviceWorker.controller
    function sendLoaded() {
      navigator.serviceWorker.ready.then(function (registration) {
        var urls = [location.href].concat(performance.getEntriesByType("resource").map(function (e) { return e.name }))
        if (registration.active) registration.active.postMessage({ type: "app-keep-loaded", urls: urls })
      })
    }
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: new URL(".", root).pathname })
        .then(function () { if (!controlled) sendLoaded() })
        .catch(function () { /* no offline support; the site still works online */ })
    })
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (controlled) sendLoaded()
      controlled = true
    })
  }
})()
