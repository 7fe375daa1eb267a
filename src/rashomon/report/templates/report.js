
/* rashomon report: open or close every evidence sentence at once; open them all for printing. */
(function () {
  "use strict";
  var button = document.getElementById("toggle-evidence");
  function evidence() { return Array.prototype.slice.call(document.querySelectorAll("details.ev")); }
  function setAll(open) {
    evidence().forEach(function (d) { d.open = open; });
    if (button) {
      button.textContent = open ? "Hide all evidence" : "Show all evidence";
      button.setAttribute("aria-pressed", open ? "true" : "false");
    }
  }
  if (button) {
    button.addEventListener("click", function () { setAll(button.getAttribute("aria-pressed") !== "true"); });
  }
  var before = [];
  window.addEventListener("beforeprint", function () {
    before = Array.prototype.slice.call(document.querySelectorAll("details")).map(function (d) { return [d, d.open]; });
    before.forEach(function (pair) { pair[0].open = true; });
  });
  window.addEventListener("afterprint", function () {
    before.forEach(function (pair) { pair[0].open = pair[1]; });
  });
})();
