// Meldingen: small progressive enhancements (no inline scripts: CSP script-src 'self').
(function () {
  "use strict";
  // After a failed submit, move focus to the error summary so screen-reader users hear what to fix.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
})();
