(function () {
  "use strict";
  var root = document.documentElement;
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var lists = Array.prototype.slice.call(document.querySelectorAll("div.checklist"));
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter=severity]"));
  var suppressedBox = document.getElementById("f-suppressed");
  var checklistSelect = document.getElementById("f-checklist");
  var shownCount = document.getElementById("shown-count");

  function hasGroup(el, group) {
    return (" " + el.getAttribute("data-groups") + " ").indexOf(" " + group + " ") >= 0;
  }

  function apply() {
    var wanted = {};
    severityBoxes.forEach(function (box) { wanted[box.value] = box.checked; });
    var group = checklistSelect.value;
    var shown = 0;
    findings.forEach(function (el) {
      var visible = wanted[el.getAttribute("data-severity")] === true &&
        (suppressedBox.checked || el.getAttribute("data-suppressed") !== "1") &&
        (group === "" || hasGroup(el, group));
      el.hidden = !visible;
      if (visible) { shown += 1; }
    });
    lists.forEach(function (el) {
      el.hidden = group !== "" && el.getAttribute("data-checklist") !== group;
    });
    shownCount.textContent = shown + " of " + findings.length + " findings shown";
  }

  Array.prototype.slice.call(document.querySelectorAll(".bar span[data-n]")).forEach(function (span) {
    span.style.flexGrow = span.getAttribute("data-n");
  });
  severityBoxes.concat([suppressedBox, checklistSelect]).forEach(function (el) {
    el.addEventListener("change", apply);
  });
  document.getElementById("filters").hidden = false;
  apply();
  root.setAttribute("data-guidelint-ready", "yes");
}());
