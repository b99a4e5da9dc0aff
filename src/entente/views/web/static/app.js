// entente workbench charts. Data comes from <script type="application/json"> blocks
// rendered by the server (escaped with tojson); nothing is evaluated from strings.
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function params(obj) {
    var p = new URLSearchParams();
    Object.keys(obj).forEach(function (k) {
      var v = obj[k];
      if (v !== null && v !== undefined && v !== "" && v !== false) p.set(k, v);
    });
    return p.toString();
  }
  var QUADS = [
    ["verbal_coop", "verbal cooperation", "#3b82c4", 1],
    ["material_coop", "material cooperation", "#1a9c6b", 2],
    ["verbal_conflict", "verbal conflict", "#e0a020", 3],
    ["material_conflict", "material conflict", "#c8433a", 4]
  ];
  var FONT = { family: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", size: 12, color: "#1d2430" };
  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function indexChart(q, rows) {
    var el = document.getElementById("chart-index");
    if (!el || !window.Plotly) return;
    if (!rows.length) { el.textContent = "No events for this dyad and filter."; return; }
    var x = rows.map(function (r) { return r.period_start; });
    var labels = rows.map(function (r) { return r.period; });
    var traces = [{
      x: x, y: rows.map(function (r) { return r.net_cooperation; }), customdata: labels,
      name: "net cooperation (Goldstein)", type: "scatter", mode: "lines+markers",
      line: { color: "#17202e", width: 2 }, marker: { size: 6 }, yaxis: "y",
      hovertemplate: "%{customdata}<br>net cooperation %{y:.1f}<extra></extra>"
    }];
    QUADS.forEach(function (qd) {
      traces.push({
        x: x, y: rows.map(function (r) { return r[qd[0]]; }), customdata: labels, name: qd[1],
        type: "bar", marker: { color: qd[2] }, yaxis: "y2", meta: qd[3],
        hovertemplate: "%{customdata}<br>" + qd[1] + " %{y}<extra></extra>"
      });
    });
    var layout = {
      font: FONT, margin: { l: 56, r: 16, t: 8, b: 40 }, barmode: "stack", hovermode: "closest",
      legend: { orientation: "h", y: -0.12, traceorder: "normal" }, plot_bgcolor: "#fff", paper_bgcolor: "#fff",
      yaxis: { domain: [0.48, 1], title: { text: "net cooperation" }, zeroline: true, zerolinecolor: "#9aa5b4", gridcolor: "#eef1f5" },
      yaxis2: { domain: [0, 0.4], title: { text: "events" }, gridcolor: "#eef1f5" },
      xaxis: { type: "date", gridcolor: "#eef1f5" }
    };
    Plotly.newPlot(el, traces, layout, CONFIG).then(function () {
      el.on("plotly_click", function (ev) {
        if (!ev.points || !ev.points.length) return;
        var pt = ev.points[0];
        var quad = pt.data.meta || null;
        window.location.href = "/evidence?" + params({
          source: q.source, target: q.target, period: q.period, label: pt.customdata,
          dimension: q.dimension, undirected: q.undirected, quad_class: quad
        });
      });
    });
  }

  function breakdownChart(q, rows) {
    var el = document.getElementById("chart-breakdown");
    if (!el || !window.Plotly) return;
    if (!rows.length) { el.textContent = "No events to break down."; return; }
    rows = rows.slice().sort(function (a, b) { return (a.n_events || 0) - (b.n_events || 0); });
    var y = rows.map(function (r) { return r.label || r.dimension; });
    var ids = rows.map(function (r) { return r.dimension; });
    var traces = QUADS.map(function (qd) {
      return { y: y, x: rows.map(function (r) { return r[qd[0]] || 0; }), customdata: ids, name: qd[1],
               type: "bar", orientation: "h", marker: { color: qd[2] }, meta: qd[3],
               hovertemplate: "%{y}<br>" + qd[1] + " %{x}<extra></extra>" };
    });
    var layout = { font: FONT, barmode: "stack", margin: { l: 10, r: 12, t: 6, b: 40 }, showlegend: false,
                   yaxis: { automargin: true },
                   plot_bgcolor: "#fff", paper_bgcolor: "#fff", xaxis: { title: { text: "events" }, gridcolor: "#eef1f5" } };
    Plotly.newPlot(el, traces, layout, CONFIG).then(function () {
      el.on("plotly_click", function (ev) {
        if (!ev.points || !ev.points.length) return;
        var pt = ev.points[0];
        window.location.href = "/events?" + params({
          source: q.source, target: q.target, undirected: q.undirected, dimension: pt.customdata,
          quad_class: pt.data.meta, start: q.start, end: q.end
        });
      });
    });
  }

  var q = data("query-data");
  if (q) {
    indexChart(q, data("index-data") || []);
    breakdownChart(q, data("breakdown-data") || []);
  }
})();
