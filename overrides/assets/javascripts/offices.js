/**
 * Office directory (经办机构): DOM wiring for /offices/ and the region pages.
 *
 * - Copy buttons for fax numbers: navigator.clipboard, else select + execCommand("copy");
 *   the result is announced in the page's status region ("已复制").
 * - Find my office: a <select> of insured districts (参保地) that shows the matching branch and
 *   its stations. Without JavaScript the page shows a plain list of links instead.
 * - Print button on region pages.
 *
 * The pages work without this file; it only adds. An ES module loaded by the page template
 * (overrides/tool.html); onPage() from lib/dom.mjs mounts each directory once per page shown.
 */
import { el, onPage } from "./lib/dom.mjs"

const COPIED_MS = 2500

/**
 * @param {Element} $root - the directory's container ([data-app-offices])
 * @param {string} message - what screen readers announce
 */
function announce($root, message) {
  const $status = $root.querySelector("[data-app-status]")
  if (!$status) return
  // Clear first so the same message twice in a row is announced twice.
  $status.textContent = ""
  window.setTimeout(() => { $status.textContent = message }, 50)
}

/**
 * Copy with the selection API, for browsers or contexts without navigator.clipboard (plain http).
 * @param {string} text - what to copy
 * @returns {boolean} whether the browser reports success
 */
function copyBySelection(text) {
  const $area = el("textarea", { value: text, readOnly: true, "aria-hidden": "true" })
  $area.style.position = "fixed"
  $area.style.top = "0"
  $area.style.opacity = "0"
  document.body.appendChild($area)
  $area.select()
  let ok
  try { ok = document.execCommand("copy") } catch { ok = false }
  document.body.removeChild($area)
  return ok
}

/**
 * @param {string} text - what to copy
 * @returns {Promise<boolean>} whether it was copied
 */
function copyText(text) {
  if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
    return navigator.clipboard.writeText(text).then(() => true, () => copyBySelection(text))
  }
  return Promise.resolve(copyBySelection(text))
}

/**
 * Select the number on the page so a person can copy it by hand when copying failed.
 * @param {Element} $button - the copy button next to the number
 */
function selectNumber($button) {
  const $number = $button.parentElement && $button.parentElement.querySelector(".app-fax__number")
  if (!$number || !window.getSelection) return
  const range = document.createRange()
  range.selectNodeContents($number)
  const selection = window.getSelection()
  selection.removeAllRanges()
  selection.addRange(range)
}

/**
 * @param {Element} $root - the directory's container (announcements go to its status region)
 * @param {ParentNode} $scope - where to look for copy buttons
 */
function wireCopyButtons($root, $scope) {
  for (const $button of $scope.querySelectorAll("button.app-copy[data-copy]")) {
    $button.hidden = false
    $button.addEventListener("click", () => {
      const number = $button.getAttribute("data-copy")
      copyText(number).then(ok => {
        if (ok) {
          $button.textContent = "已复制"
          $button.setAttribute("data-copied", "")
          announce($root, "已复制传真号码 " + number)
          window.setTimeout(() => {
            $button.textContent = "复制"
            $button.removeAttribute("data-copied")
          }, COPIED_MS)
        } else {
          selectNumber($button)
          announce($root, "没能自动复制，号码已选中，请长按或按 Ctrl+C 复制")
        }
      })
    })
  }
}

/**
 * Find my office: the chosen district's cards come from a <template> into the output; in a
 * long directory (no templates) the output links to the office on its region page.
 * @param {Element} $root - the directory's container
 */
function wireFinder($root) {
  const $finder = $root.querySelector("[data-app-finder]")
  if (!$finder) return
  const $form = $finder.querySelector("[data-app-finder-form]")
  const $select = $finder.querySelector("[data-app-finder-select]")
  const $list = $finder.querySelector("[data-app-finder-list]")
  const $output = $finder.querySelector("[data-app-finder-output]")

  function show() {
    const $template = $finder.querySelector('template[data-app-finder-result="' + CSS.escape($select.value) + '"]')
    const $option = $select.selectedOptions[0]
    const href = $option && $option.value ? $option.getAttribute("data-href") : null
    $output.replaceChildren()
    $output.hidden = !$template && !href
    if (!$template && href) {
      $output.append(el("p", {}, el("a", { href, className: "md-button md-button--primary", textContent: "查看" + $option.textContent + "的电话和传真 →" })))
      announce($root, "已找到，点击链接查看" + $option.textContent + "的电话和传真")
      return
    }
    if (!$template) return
    $output.appendChild($template.content.cloneNode(true))
    wireCopyButtons($root, $output)
    const $name = $output.querySelector(".app-office__name")
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
  for (const $button of $root.querySelectorAll("[data-app-print]")) {
    $button.hidden = false
    $button.addEventListener("click", () => window.print())
  }
}

onPage("[data-app-offices]", $root => {
  wireCopyButtons($root, $root)
  wireFinder($root)
  wirePrint($root)
})
