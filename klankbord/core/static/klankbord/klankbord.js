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
  // One submission per click: while a form is sending, its buttons say so and a second submit is ignored.
  // The server keeps a repeat harmless anyway (the form's submission key, core/submissions.py); this spares
  // the member the wait. Buttons are marked aria-disabled, not disabled, so the pressed button's own name and
  // value still travel with the post. Released after a while (the member may stop the page) and when the
  // page is shown again from the back-button cache.
  var SENDING_MS = 15000;
  function release(form) {
    delete form.dataset.sending;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[aria-disabled]").forEach(function (button) {
      button.removeAttribute("aria-disabled");
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    if (form.dataset.sending) { event.preventDefault(); return; }
    form.dataset.sending = "true";
    form.setAttribute("aria-busy", "true");
    form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
      button.setAttribute("aria-disabled", "true");
    });
    window.setTimeout(function () { release(form); }, SENDING_MS);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt && event.detail.elt.closest ? event.detail.elt.closest("form") : null;
    if (form && form.dataset.sending) { release(form); }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { document.querySelectorAll("form[data-sending]").forEach(release); }
  });
})();
