// Small progressive enhancements. No inline scripts anywhere (CSP: script-src 'self').
(function () {
  "use strict";
  // After a failed submit, move focus to the error summary so screen-reader users hear what to fix.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
  // Move focus to content swapped in by htmx when it asks for it, so screen readers follow.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target.querySelector("[data-focus-after-swap]");
    if (target) { target.focus(); }
  });
  // Buttons that copy a value (e.g. a receipt code) to the clipboard.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button || !navigator.clipboard) { return; }
    var source = document.getElementById(button.getAttribute("data-copy-target"));
    if (source) {
      navigator.clipboard.writeText(source.textContent.trim());
      button.setAttribute("data-copied", "true");
    }
  });
  // Confirm dangerous actions without inline handlers.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
