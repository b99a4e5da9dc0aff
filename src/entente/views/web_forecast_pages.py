"""Workbench pages for the models stage: regimes on a dyad's chart (bands and
milestone markers), a forecast fan chart, the triangle's six directed dyads,
and the four shipped scenarios against the baseline. Each page has a JSON twin
under /api/models/… fed by the same function; charts are Plotly figures built
here as plain data and drawn by static/models.js (no CDN)."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse

from entente.errors import NotFound
from entente.views.web_models import Con

BAND = {"cooperative": "rgba(31,97,141,0.16)", "mixed": "rgba(150,150,150,0.14)", "hostile": "rgba(192,57,43,0.16)"}
COLORS = ["#1f618d", "#c0392b", "#7d3c98", "#d68910", "#148f77", "#515a5a"]


def _line(x, y, name, **kw) -> dict:
    return {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": name, **kw}


def _fan(x, rows, name, color) -> list[dict]:
    out = []
    for lv, op in (("95", 0.12), ("80", 0.2), ("50", 0.32)):
        out.append(_line(x + x[::-1], [r[f"hi{lv}"] for r in rows] + [r[f"lo{lv}"] for r in rows][::-1],
                         f"{name} {lv}%", fill="toself", line={"width": 0}, fillcolor=_rgba(color, op),
                         hoverinfo="skip", showlegend=False))
    out.append(_line(x, [r["median"] for r in rows], name, line={"color": color}))
    return out


def _rgba(hex_color: str, a: float) -> str:
    h = hex_color.lstrip("#")
    return f"rgba({int(h[:2], 16)},{int(h[2:4], 16)},{int(h[4:], 16)},{a})"


def regimes_view(con, source: str, target: str, period: str = "year") -> dict[str, Any]:
    from entente.analysis import milestones
    from entente.models.regimes import RegimeModel, store_evidence
    from entente.models.series import from_store

    s = from_store(con, [(source, target)], period=period, undirected=True, measure="mean_goldstein")
    res = RegimeModel(s).fit(evidence=store_evidence(con, s))
    name = s.names[0]
    x, y = s.labels, [None if v != v else v for v in s.values[name].tolist()]
    regs = res.regimes[name]
    ends = [r["start"] for r in regs[1:]] + [x[-1]]  # a band runs to the next regime's first period
    shapes = [{"type": "rect", "xref": "x", "yref": "paper", "x0": r["start"], "x1": e, "y0": 0, "y1": 1,
               "fillcolor": BAND[r["label"]], "line": {"width": 0}, "layer": "below"} for r, e in zip(regs, ends)]
    ms = milestones.milestones(con, source, target, limit=15)
    mx = [str(d) for d in ms["date"]]
    traces = [_line(x, y, "mean Goldstein per event", line={"color": "#1f618d"}),
              {"type": "scatter", "mode": "markers", "x": mx, "y": [0] * len(mx), "name": "milestones",
               "text": list(ms["label"]), "marker": {"symbol": "diamond", "size": 9, "color": "#d68910"}}]
    return {"title": f"{source}–{target} regimes", "data": res.to_dict(), "regimes": res.regimes[name],
            "charts": [{"id": "chart-regimes", "title": "Tone per event (mean Goldstein) with regimes (bands) and milestones",
                        "traces": traces, "layout": {"shapes": shapes}}]}


def dyad_regimes(con, q) -> dict[str, Any] | None:
    """Regime bands for the /dyad chart: the same series the chart draws (pair, direction,
    period, dimension, dates, origin), fitted by models.regimes. Each band runs from its
    first period's start to the next regime's first period (the last to the grid's end)."""
    from entente.models.regimes import RegimeModel
    from entente.models.series import from_store, to_period

    if q.period not in ("month", "quarter", "year"):
        return None  # decades: too few periods for a change point
    s = from_store(con, [(q.source, q.target)], period=q.period, start=q.start, end=q.end, dimension=q.dimension,
                   undirected=q.undirected, origin=q.origin, measure="mean_goldstein")
    res = RegimeModel(s).fit()
    regs = res.regimes[s.names[0]]
    day = lambda label: str(to_period(label, q.period).start_time.date())  # noqa: E731
    edge = str((s.values.index[-1] + 1).start_time.date())
    bands = [{"start": r["start"], "end": r["end"], "x0": day(r["start"]),
              "x1": day(nxt["start"]) if nxt else edge, "level": r["level"], "label": r["label"],
              "change": r["change"], "provisional": r["provisional"]}
             for r, nxt in zip(regs, [*regs[1:], None])]
    return {"model": res.model, "measure": s.measure, "breaks": res.breaks[s.names[0]], "bands": bands,
            "pooled_scale": round(res.scale, 4), "colors": BAND}


def forecast_view(con, dyads: str = "CHN-RUS", steps: int = 24) -> dict[str, Any]:
    from entente.models.forecast import LocalLevel
    from entente.models.series import from_store, label_of, parse_dyads

    s = from_store(con, parse_dyads(dyads), period="month")
    res = LocalLevel(s.values).fit()
    b = res.bands(steps)
    last = s.values.index[-1]
    fx = [label_of(last + i, "month") for i in range(1, steps + 1)]
    charts = []
    for i, n in enumerate(s.names):
        rows = b[b.series == n].to_dict(orient="records")
        hist = s.values[n].iloc[-60:]
        traces = [_line(s.labels[-60:], [None if v != v else v for v in hist.tolist()], f"{n} observed",
                        line={"color": "#333"}), *_fan(fx, rows, f"{n} forecast", COLORS[i % 6])]
        charts.append({"id": f"chart-fc-{i}", "title": f"{n}: local level, 50/80/95 % bands", "traces": traces,
                       "layout": {}})
    return {"title": "Forecast", "data": {"model": res.model_name, "bands": b.round(4).to_dict(orient="records")},
            "model_summary": res.summary(), "charts": charts}


def scenarios_view(con, n_paths: int = 10_000) -> dict[str, Any]:
    from entente.models import scenarios
    from entente.models.forecast import LocalLevel
    from entente.models.series import TRIANGLE, from_store, label_of, parse_dyads

    s = from_store(con, parse_dyads("triangle"), period="month")
    fit = LocalLevel(s.values, bands="gaussian").fit()
    last = s.values.index[-1]
    fx = [label_of(last + i, "month") for i in range(1, 25)]
    runs = [scenarios.run(fit, scenarios.load(f), future_labels=fx, n_paths=n_paths) for f in scenarios.shipped()]
    charts = []
    for j, n in enumerate(TRIANGLE):
        traces = _fan(fx, runs[0]["baseline"][n], "baseline", "#777777")
        for i, r in enumerate(runs):
            traces.append(_line(fx, [x["median"] for x in r["bands"][n]], r["scenario"],
                                line={"color": COLORS[i], "dash": "dot" if i % 2 else "solid"},
                                legendgroup=r["scenario"], showlegend=j == 0))
        charts.append({"id": f"chart-sc-{j}", "title": n, "traces": traces, "small": True,
                       "layout": {"showlegend": j == 0}})
    table = [{"scenario": r["scenario"], "probability": r["probability"],
              **{n: r["difference"][n][-1]["median"] for n in TRIANGLE}} for r in runs]
    return {"title": "Scenarios", "data": {"scenarios": runs}, "table": table, "columns": TRIANGLE,
            "charts": charts}


def triangle_view(con, period: str = "year") -> dict[str, Any]:
    from entente.models.series import from_store, parse_dyads

    s = from_store(con, parse_dyads("triangle"), period=period)
    traces = [_line(s.labels, [None if v != v else v for v in s.values[n].tolist()], n,
                    line={"color": COLORS[i]}) for i, n in enumerate(s.names)]
    return {"title": "US–China–Russia triangle", "data": {"coverage": s.coverage()},
            "charts": [{"id": "chart-triangle", "title": f"Net cooperation of the six directed dyads by {period}",
                        "traces": traces, "layout": {}}]}


def register_model_pages(app: FastAPI) -> None:
    from entente.views.web_pages import render

    views = {
        "regimes": lambda con, q: regimes_view(con, q.get("source", "CHN"), q.get("target", "RUS"),
                                               q.get("period", "year")),
        "forecast": lambda con, q: forecast_view(con, q.get("dyads", "CHN-RUS"), int(q.get("steps", 24))),
        "scenarios": lambda con, q: scenarios_view(con, int(q.get("paths", 10_000))),
        "triangle": lambda con, q: triangle_view(con, q.get("period", "year")),
    }

    @app.get("/models/{page}", response_class=HTMLResponse, include_in_schema=False)
    def model_page(request: Request, con: Con, page: str):
        if page not in views:
            raise NotFound(f"no models page {page!r}; try {', '.join(views)}")
        data = views[page](con, dict(request.query_params))
        return render(request, "models.html", {**data, "page": page, "api": f"/api/models/{page}"})

    @app.get("/api/models/{page}")
    def model_api(request: Request, con: Con, page: str):
        if page not in views:
            raise NotFound(f"no models page {page!r}; try {', '.join(views)}")
        return JSONResponse(views[page](con, dict(request.query_params))["data"])
