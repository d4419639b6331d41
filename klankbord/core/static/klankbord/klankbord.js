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
  // The menu: open by default so that it works without JavaScript; on small screens it becomes a menu button.
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 48rem)") : null;
  function fitMenu() {
    var menu = document.querySelector("[data-site-menu]");
    if (!menu || !narrow) { return; }
    if (narrow.matches) { menu.removeAttribute("open"); } else { menu.setAttribute("open", ""); }
  }
  document.addEventListener("DOMContentLoaded", fitMenu);
  if (narrow && narrow.addEventListener) { narrow.addEventListener("change", fitMenu); }
  // Submenus: one open at a time; Escape or a click elsewhere closes them (focus back on the group's button).
  function closeGroups(except) {
    document.querySelectorAll("[data-nav-group][open]").forEach(function (group) {
      if (group !== except) { group.removeAttribute("open"); }
    });
  }
  document.addEventListener("toggle", function (event) {
    var group = event.target;
    if (group.matches && group.matches("[data-nav-group]") && group.open) { closeGroups(group); }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.activeElement && document.activeElement.closest("[data-nav-group][open]");
    if (open) { open.removeAttribute("open"); open.querySelector("summary").focus(); }
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest("[data-nav-group]")) { closeGroups(null); }
  });
  // Every htmx action shows that it is busy: aria-busy on the region being replaced (screen readers wait for
  // it), and the element's .htmx-indicator (a "Bezig…" text) through htmx's own htmx-request class.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (target) { target.setAttribute("aria-busy", "true"); }
    if (event.detail.elt && event.detail.elt.tagName === "BUTTON") { event.detail.elt.setAttribute("aria-disabled", "true"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail.target;
    if (target) { target.removeAttribute("aria-busy"); }
    if (event.detail.elt && event.detail.elt.tagName === "BUTTON") { event.detail.elt.removeAttribute("aria-disabled"); }
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
