// Draws each chart of the report from its JSON block (data, never executed) with plotly.
(function () {
  "use strict";
  document.querySelectorAll("script[data-chart]").forEach(function (block) {
    var figure = JSON.parse(block.textContent);
    Plotly.newPlot(block.dataset.chart, figure.data, figure.layout, { displaylogo: false, responsive: true });
  });
})();
