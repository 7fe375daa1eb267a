/* rashomon report: filters over each story's facts (conflicts only; one source and what the others
   say beside it), a hint when a table scrolls sideways, and every evidence sentence opened at once
   (and for printing). Without this script the page shows everything: the filters stay hidden. */
(function () {
  "use strict";
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function applyFilters(story, filters) {
    var conflictsOnly = filters.querySelector("input[name=conflicts]").checked;
    var col = filters.querySelector("select[name=source]").value;
    var shown = 0;
    all(story, "tr.facet-row").forEach(function (row) {
      var keep = (!conflictsOnly || row.dataset.verdict === "conflict") &&
        (col === "" || row.querySelector('td.cell.stated[data-col="' + col + '"]') !== null);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    all(story, ".table-wrap").forEach(function (wrap) {
      wrap.hidden = wrap.querySelector("tr.facet-row:not([hidden])") === null;
    });
    all(story, "details.singles").forEach(function (d) {
      d.hidden = d.querySelector("tr.facet-row:not([hidden])") === null;
    });
    all(story, "[data-col]").forEach(function (c) { c.classList.toggle("chosen", c.dataset.col === col); });
    all(story, "li.diff-item").forEach(function (li) {
      li.hidden = (col !== "" && li.dataset.cols.indexOf(" " + col + " ") < 0) ||
        (conflictsOnly && !li.classList.contains("verdict-conflict"));
    });
    filters.querySelector(".filter-empty").hidden = shown > 0;
  }

  all(document, "article.story").forEach(function (story) {
    var filters = story.querySelector(".filters");
    if (filters) {
      filters.hidden = false;
      all(filters, "input, select").forEach(function (control) {
        control.addEventListener("change", function () { applyFilters(story, filters); });
      });
    }
    var hint = story.querySelector(".scroll-hint");
    var wrap = story.querySelector(".table-wrap");
    function showHint() { if (hint && wrap) { hint.hidden = wrap.scrollWidth <= wrap.clientWidth + 1; } }
    showHint();
    window.addEventListener("resize", showHint);
  });

  var button = document.getElementById("toggle-evidence");
  function setAll(open) {
    all(document, "details.ev").forEach(function (d) { d.open = open; });
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
    before = all(document, "details").map(function (d) { return [d, d.open]; });
    before.forEach(function (pair) { pair[0].open = true; });
  });
  window.addEventListener("afterprint", function () {
    before.forEach(function (pair) { pair[0].open = pair[1]; });
  });
})();
