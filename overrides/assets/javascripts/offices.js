/**
 * Office directory (经办机构): DOM wiring for /offices/ and the region pages.
 *
 * - Copy buttons for fax numbers: navigator.clipboard, else select + execCommand("copy");
 *   the result is announced in the page's status region ("已复制").
 * - Find my office: a <select> of insured districts (参保地) that shows the matching branch and
 *   its stations. Without JavaScript the page shows a plain list of links instead.
 * - Print button on region pages.
 *
 * The pages work without this file; it only adds. Material swaps pages without a reload
 * (instant navigation), so the wiring runs from document$.
 */
(function () {
  "use strict"

  var COPIED_MS = 2500

  /**
   * @param {Element} $root - the directory's container ([data-app-offices])
   * @param {string} message - what screen readers announce
   */
  function announce($root, message) {
    var $status = $root.querySelector("[data-app-status]")
    if (!$status) return
    // Clear first so the same message twice in a row is announced twice.
    $status.textContent = ""
    window.setTimeout(function () { $status.textContent = message }, 50)
  }

  /**
   * Copy with the selection API, for browsers or contexts without navigator.clipboard (plain http).
   * @param {string} text - what to copy
   * @returns {boolean} whether the browser reports success
   */
  function copyBySelection(text) {
    var $area = document.createElement("textarea")
    $area.value = text
    $area.setAttribute("readonly", "")
    $area.setAttribute("aria-hidden", "true")
    $area.style.position = "fixed"
    $area.style.top = "0"
    $area.style.opacity = "0"
    document.body.appendChild($area)
    $area.select()
    var ok = false
    try { ok = document.execCommand("copy") } catch (e) { ok = false }
    document.body.removeChild($area)
    return ok
  }

  /**
   * @param {string} text - what to copy
   * @returns {Promise<boolean>} whether it was copied
   */
  function copyText(text) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      return navigator.clipboard.writeText(text).then(
        function () { return true },
        function () { return copyBySelection(text) }
      )
    }
    return Promise.resolve(copyBySelection(text))
  }

  /**
   * Select the number on the page so a person can copy it by hand when copying failed.
   * @param {Element} $button - the copy button next to the number
   */
  function selectNumber($button) {
    var $number = $button.parentElement && $button.parentElement.querySelector(".app-fax__number")
    if (!$number || !window.getSelection) return
    var range = document.createRange()
    range.selectNodeContents($number)
    var selection = window.getSelection()
    selection.removeAllRanges()
    selection.addRange(range)
  }

  /**
   * @param {Element} $root - the directory's container (announcements go to its status region)
   * @param {ParentNode} $scope - where to look for copy buttons
   */
  function wireCopyButtons($root, $scope) {
    $scope.querySelectorAll("button.app-copy[data-copy]").forEach(function ($button) {
      $button.hidden = false
      $button.addEventListener("click", function () {
        var number = $button.getAttribute("data-copy")
        copyText(number).then(function (ok) {
          if (ok) {
            $button.textContent = "已复制"
            $button.setAttribute("data-copied", "")
            announce($root, "已复制传真号码 " + number)
            window.setTimeout(function () {
              $button.textContent = "复制"
              $button.removeAttribute("data-copied")
            }, COPIED_MS)
          } else {
            selectNumber($button)
            announce($root, "没能自动复制，号码已选中，请长按或按 Ctrl+C 复制")
          }
        })
      })
    })
  }

  /**
   * Find my office: the chosen district's cards come from a <template> into the output; in a
   * long directory (no templates) the output links to the office on its region page.
   * @param {Element} $root - the directory's container
   */
  function wireFinder($root) {
    var $finder = $root.querySelector("[data-app-finder]")
    if (!$finder) return
    var $form = $finder.querySelector("[data-app-finder-form]")
    var $select = $finder.querySelector("[data-app-finder-select]")
    var $list = $finder.querySelector("[data-app-finder-list]")
    var $output = $finder.querySelector("[data-app-finder-output]")

    function show() {
      var $template = $finder.querySelector('template[data-app-finder-result="' + CSS.escape($select.value) + '"]')
      var $option = $select.selectedOptions[0]
      var href = $option && $option.value ? $option.getAttribute("data-href") : null
      $output.replaceChildren()
      $output.hidden = !$template && !href
      if (!$template && href) {
        var $p = document.createElement("p")
        var $link = document.createElement("a")
        $link.href = href
        $link.className = "md-button md-button--primary"
        $link.textContent = "查看" + $option.textContent + "的电话和传真 →"
        $p.appendChild($link)
        $output.appendChild($p)
        announce($root, "已找到，点击链接查看" + $option.textContent + "的电话和传真")
        return
      }
      if (!$template) return
      $output.appendChild($template.content.cloneNode(true))
      wireCopyButtons($root, $output)
      var $name = $output.querySelector(".app-office__name")
      announce($root, "已显示 " + ($name ? $name.textContent : ""))
    }

    $form.hidden = false
    $list.hidden = true
    $select.addEventListener("change", show)
    // A browser that restores the form on "back" restores the choice; show it again.
    if ($select.value) show()
  }

  /** @param {Element} $root - the directory's container */
  function wirePrint($root) {
    $root.querySelectorAll("[data-app-print]").forEach(function ($button) {
      $button.hidden = false
      $button.addEventListener("click", function () { window.print() })
    })
  }

  function onPage() {
    document.querySelectorAll("[data-app-offices]").forEach(function ($root) {
      wireCopyButtons($root, $root)
      wireFinder($root)
      wirePrint($root)
    })
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage)
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage)
  } else {
    onPage()
  }
})()
