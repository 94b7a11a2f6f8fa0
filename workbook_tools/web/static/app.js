/* Findings: a click on a finding (or Enter/Space on it: each is focusable) highlights its cells and scrolls
   the first into view; a cell shows its findings on hover (title).  File fields show the chosen name.
   Status chart: drawn with ECharts when it is served, else the server's SVG stays. No inline script. */
(function () {
  "use strict";
  function cellsOf(li) {
    return (li.getAttribute("data-cells") || "").split(" ").filter(Boolean);
  }
  function highlight(li) {
    document.querySelectorAll("td.is-highlighted").forEach(function (td) { td.classList.remove("is-highlighted"); });
    document.querySelectorAll("li.finding.is-active").forEach(function (x) { x.classList.remove("is-active"); });
    li.classList.add("is-active");
    var first = null;
    cellsOf(li).forEach(function (addr) {
      document.querySelectorAll("td[data-cell]").forEach(function (td) {
        if (td.getAttribute("data-cell") === addr) {
          td.classList.add("is-highlighted");
          if (!first) { first = td; }
        }
      });
    });
    if (first && first.scrollIntoView) {  // the cells may be far below (or beside, in a wide table)
      var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      first.scrollIntoView({block: "center", inline: "nearest", behavior: still ? "auto" : "smooth"});
    }
  }
  function fileNames() {  // our own file button (the browser's says "Choose File" in every language)
    document.querySelectorAll("label.file input[type=file]").forEach(function (input) {
      var shown = input.parentNode.querySelector("[data-file-name]");
      input.addEventListener("change", function () {
        var f = input.files && input.files[0];
        if (shown) { shown.textContent = f ? f.name : input.getAttribute("data-none"); }
      });
    });
  }
  function chart() {
    var el = document.getElementById("chart");
    if (!el || typeof window.echarts === "undefined") { return; }
    var labels = (el.getAttribute("data-labels") || "").split("|");
    var values = (el.getAttribute("data-values") || "").split("|").map(Number);
    var colours = (el.getAttribute("data-colours") || "").split("|");
    var box = document.createElement("div");
    box.className = "echart";
    el.appendChild(box);
    var c = window.echarts.init(box, null, {renderer: "svg"});
    c.setOption({
      animation: false, grid: {left: 40, right: 10, top: 20, bottom: 30},
      xAxis: {type: "category", data: labels}, yAxis: {type: "value", minInterval: 1},
      series: [{type: "bar", data: values.map(function (v, i) { return {value: v, itemStyle: {color: colours[i]}}; })}]
    });
    el.classList.add("has-echarts");
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("li.finding").forEach(function (li) {
      li.addEventListener("click", function () { highlight(li); });
      li.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); highlight(li); }
      });
    });
    document.querySelectorAll("[data-back]").forEach(function (a) {
      a.addEventListener("click", function (e) { if (history.length > 1) { e.preventDefault(); history.back(); } });
    });
    document.querySelectorAll("button[data-confirm]").forEach(function (b) {
      b.addEventListener("click", function (e) { if (!window.confirm(b.getAttribute("data-confirm"))) { e.preventDefault(); } });
    });
    fileNames();
    chart();
  });
})();
