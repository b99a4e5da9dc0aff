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
  // The toolbar sits in the top margin (layout.margin.t), above the plot area, never over a point.
  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  // Milestones the analyst hid (kept in this browser; "show hidden" brings them back).
  var HIDDEN_KEY = "entente.hiddenMilestones";
  function hidden() {
    try { return JSON.parse(window.localStorage.getItem(HIDDEN_KEY) || "[]"); } catch (e) { return []; }
  }
  function setHidden(ids) { try { window.localStorage.setItem(HIDDEN_KEY, JSON.stringify(ids)); } catch (e) {} }
  function msDate(d) {
    d = String(d || "");
    if (d.length === 4) return d + "-07-01";      // a year: its middle, not January
    if (d.length === 7) return d + "-15";
    return d.slice(0, 10);
  }

  function indexChart(q, chart, milestones, regimes) {
    var el = document.getElementById("chart-index");
    if (!el || !window.Plotly) return;
    var rows = chart.rows || [];
    if (!rows.length) { el.textContent = "No events for this dyad and filter."; return; }
    var rateBox = document.getElementById("rate-toggle");
    var rate = !!(rateBox && rateBox.checked);
    function val(r, v) {
      if (!rate) return v;
      return r.n_docs ? v / r.n_docs : null;
    }
    // A null point before a period that follows a gap breaks the line: no coverage is not zero.
    var x = [], labels = [], pick = function (f) {
      var out = [];
      rows.forEach(function (r) { if (r.gap_before) out.push(null); out.push(f(r)); });
      return out;
    };
    rows.forEach(function (r) { if (r.gap_before) { x.push(r.period_start); labels.push(null); }
                                x.push(r.period_start); labels.push(r.period); });
    var net = pick(function (r) { return val(r, r.net_cooperation); });
    var unit = rate ? " per document" : "";
    var traces = [{
      x: x, y: net, customdata: labels, name: "net cooperation (Goldstein)" + unit, type: "scatter",
      mode: "lines+markers", connectgaps: false, line: { color: "#17202e", width: 2 }, marker: { size: 7 },
      yaxis: "y", hovertemplate: "%{customdata}<br>net cooperation" + unit + " %{y:.2f}<extra></extra>"
    }];
    QUADS.forEach(function (qd) {
      traces.push({
        x: x, y: pick(function (r) { return val(r, r[qd[0]]); }), customdata: labels, name: qd[1], type: "bar",
        marker: { color: qd[2] }, yaxis: "y2", meta: qd[3],
        hovertemplate: "%{customdata}<br>" + qd[1] + unit + " %{y}<extra></extra>"
      });
    });
    (chart.coarse || []).forEach(function (c) {
      var s = new Date(c.start).getTime(), e = new Date(c.end).getTime();
      traces.push({
        x: [new Date((s + e) / 2).toISOString().slice(0, 10)], y: [c.n], width: [e - s], type: "bar", yaxis: "y2",
        marker: { color: QUADS[c.quad_class - 1][2], opacity: 0.3 }, showlegend: false,
        name: "dated to " + c.start.slice(0, 4) + " only", hovertemplate: c.n + " " + QUADS[c.quad_class - 1][1] +
          " dated only to " + c.start.slice(0, 4) + "–" + c.end.slice(0, 4) + "<extra></extra>"
      });
    });
    traces.push({
      x: pick(function (r) { return r.period_start; }), y: pick(function (r) { return r.n_docs; }), name: "documents (coverage)",
      type: "bar", yaxis: "y3", marker: { color: "#aab4c3" }, hovertemplate: "%{x}<br>%{y} documents<extra></extra>"
    });
    var hide = hidden();
    var ms = (milestones || []).filter(function (m) { return hide.indexOf(m.milestone_id) < 0; });
    var finite = net.filter(function (v) { return v !== null && isFinite(v); });
    var top = Math.max.apply(null, finite.concat([0])), bot = Math.min.apply(null, finite.concat([0]));
    var pad = (top - bot || 1) * 0.18;   // headroom: the highest point sits well below the plot's top edge
    if (ms.length) {
      traces.push({
        x: ms.map(function (m) { return msDate(m.date); }), y: ms.map(function () { return top + pad * 0.6; }),
        text: ms.map(function (m) { return m.name || m.label; }), customdata: ms.map(function (m) { return (m.event_ids || []).join(","); }),
        name: "milestones", type: "scatter", mode: "markers", yaxis: "y", meta: "milestone",
        marker: { symbol: "diamond", size: 11, color: "#7a3fb0" }, hovertemplate: "%{text}<extra>milestone</extra>"
      });
    }
    var layout = {
      font: FONT, margin: { l: 64, r: 16, t: 44, b: 40 }, barmode: "stack", hovermode: "closest",
      legend: { orientation: "h", y: -0.1, traceorder: "normal" }, plot_bgcolor: "#fff", paper_bgcolor: "#fff",
      yaxis: { domain: [0.5, 1], range: [bot - pad, top + pad], title: { text: "net cooperation" + unit },
               zeroline: true, zerolinecolor: "#9aa5b4", gridcolor: "#eef1f5" },
      yaxis2: { domain: [0.2, 0.45], title: { text: "events" + unit }, gridcolor: "#eef1f5" },
      yaxis3: { domain: [0, 0.14], title: { text: "documents" }, gridcolor: "#eef1f5" },
      xaxis: { type: "date", gridcolor: "#eef1f5", title: { text: q.period } }
    };
    regimeBands(layout, regimes);
    Plotly.newPlot(el, traces, layout, CONFIG).then(function () {
      el.on("plotly_click", function (ev) {
        if (!ev.points || !ev.points.length) return;
        var pt = ev.points[0];
        if (pt.data.meta === "milestone") { window.location.href = "/evidence?ids=" + pt.customdata; return; }
        if (!pt.customdata) return;
        var quad = typeof pt.data.meta === "number" ? pt.data.meta : null;
        window.location.href = "/evidence?" + params({
          source: q.source, target: q.target, period: q.period, label: pt.customdata,
          dimension: q.dimension, undirected: q.undirected, quad_class: quad
        });
      });
    });
  }

  // Regimes (models.regimes): a shaded band per regime behind the net-cooperation panel,
  // a dashed line at each break, the label on top when there are few enough to read.
  function regimeBands(layout, regimes) {
    var bands = (regimes && regimes.bands) || [];
    if (bands.length < 2) return;   // one regime: nothing changed, no band to draw
    layout.shapes = []; layout.annotations = [];
    bands.forEach(function (b, i) {
      layout.shapes.push({ type: "rect", xref: "x", yref: "paper", x0: b.x0, x1: b.x1, y0: 0.5, y1: 1,
                           fillcolor: regimes.colors[b.label], line: { width: 0 }, layer: "below",
                           name: "regime " + b.start + "–" + b.end + " " + b.label });
      if (i > 0) layout.shapes.push({ type: "line", xref: "x", yref: "paper", x0: b.x0, x1: b.x0, y0: 0.5, y1: 1,
                                      line: { color: "#5b6573", width: 1, dash: "dash" }, layer: "below" });
      if (bands.length <= 8) layout.annotations.push({ xref: "x", yref: "paper", x: b.x0, y: 1, xanchor: "left",
        yanchor: "bottom", showarrow: false, font: { size: 10, color: "#5b6573" },
        text: b.start + " " + b.label + (b.provisional ? " (provisional)" : "") });
    });
  }

  function milestoneList(redraw) {
    var list = document.getElementById("milestones");
    if (!list) return;
    var show = document.getElementById("show-hidden");
    function apply() {
      var hide = hidden();
      list.querySelectorAll("li[data-milestone]").forEach(function (li) {
        li.hidden = hide.indexOf(li.getAttribute("data-milestone")) >= 0;
      });
      if (show) show.hidden = hide.length === 0;
    }
    list.addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest("button.hide-milestone") : null;
      if (!b) return;
      var ids = hidden();
      ids.push(b.getAttribute("data-id"));
      setHidden(ids); apply(); redraw();
    });
    if (show) show.addEventListener("click", function () { setHidden([]); apply(); redraw(); });
    apply();
  }

  function compareChart(series) {
    var el = document.getElementById("chart-compare");
    if (!el || !window.Plotly) return;
    var traces = series.map(function (s) {
      return { x: s.rows.map(function (r) { return r.period_start; }), y: s.rows.map(function (r) { return r.net_cooperation; }),
               name: s.label, type: "scatter", mode: "lines+markers", connectgaps: false,
               hovertemplate: s.label + " %{x}<br>net cooperation %{y:.1f}<extra></extra>" };
    });
    Plotly.newPlot(el, traces, {
      font: FONT, margin: { l: 64, r: 16, t: 44, b: 40 }, hovermode: "closest", plot_bgcolor: "#fff", paper_bgcolor: "#fff",
      legend: { orientation: "h", y: -0.15 }, xaxis: { type: "date", title: { text: "period" } },
      yaxis: { title: { text: "net cooperation (sum of Goldstein scores)" }, zerolinecolor: "#9aa5b4" }
    }, CONFIG);
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
          quad_class: pt.data.meta, start: q.start, end: q.end, origin: q.origin
        });
      });
    });
  }

  var q = data("query-data");
  if (q && document.getElementById("chart-index")) {
    var chart = data("chart-data") || { rows: [] }, ms = data("milestone-data") || [], rg = data("regime-data");
    var draw = function () { indexChart(q, chart, ms, rg); };
    draw();
    var box = document.getElementById("rate-toggle");
    if (box) box.addEventListener("change", draw);
    milestoneList(draw);
    breakdownChart(q, data("breakdown-data") || []);
  }
  var cmp = data("compare-data");
  if (cmp) compareChart(cmp);
})();
