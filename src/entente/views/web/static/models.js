// Model charts: figures built by the server as plain data (a JSON block), drawn with Plotly.
(function () {
  "use strict";
  var el = document.getElementById("model-charts");
  if (!el || !window.Plotly) return;
  var FONT = { family: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", size: 12 };
  JSON.parse(el.textContent).forEach(function (c) {
    var layout = Object.assign({ margin: { l: 50, r: 10, t: 10, b: 40 }, font: FONT, height: c.small ? 260 : 380,
      legend: { orientation: "h" } }, c.layout || {});
    window.Plotly.newPlot(c.id, c.traces, layout, { displaylogo: false, responsive: true });
  });
})();
