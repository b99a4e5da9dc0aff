"""Workbench routes beside the pages: CSV exports of what a page shows, offline API docs, the favicon."""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from entente.views import web_views as v
from entente.views.web_models import Con, DyadQuery, EventQuery

_EVENT_COLS = ["event_id", "date", "date_precision", "source", "target", "cameo", "cameo_name", "quad_class",
               "quad_name", "goldstein", "dimension", "origin", "confidence", "doc_name", "doc_title"]
_INDEX_COLS = ["period", "period_start", "n_events", "verbal_coop", "material_coop", "verbal_conflict",
               "material_conflict", "net_cooperation", "n_imprecise", "n_docs", "n_sentences", "events_per_doc"]


def to_csv(rows: list[dict], cols: list[str], name: str) -> Response:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in cols])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@lru_cache(maxsize=1)
def _swagger_dir() -> Path:
    import swagger_ui_bundle

    return Path(swagger_ui_bundle.swagger_ui_path)


def register_extras(app: FastAPI) -> None:
    @app.get("/export/events.csv", tags=["export"])
    def export_events(con: Con, q: Annotated[EventQuery, Query()]) -> Response:
        """The rows the events page shows for the same query string, as CSV."""
        return to_csv(v.events_view(con, q)["rows"], _EVENT_COLS, "events.csv")

    @app.get("/export/index.csv", tags=["export"])
    def export_index(request: Request, con: Con, q: Annotated[DyadQuery, Query()]) -> Response:
        """The dyad chart's data (every period, with coverage) as CSV."""
        st = request.app.state.store
        v.check_actors(st.actors(con), q.source, q.target)
        index = v.index_view(con, q)["rows"]
        cov = {r["period"]: r for r in v.chart_rows(con, q, index)["rows"]}
        rows = [{**r, **{k: cov.get(r["period"], {}).get(k) for k in ("n_docs", "n_sentences", "events_per_doc")}}
                for r in index]
        return to_csv(rows, _INDEX_COLS, f"{q.source}-{q.target}-{q.period}.csv")

    @app.get("/export/breakdown.csv", tags=["export"])
    def export_breakdown(con: Con, q: Annotated[DyadQuery, Query()]) -> Response:
        rows = v.breakdown_view(con, q)["rows"]
        return to_csv(rows, ["dimension", "label", "n_events", "verbal_coop", "material_coop", "verbal_conflict",
                             "material_conflict", "net_cooperation"], f"{q.source}-{q.target}-dimensions.csv")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the swagger-ui-bundle package: the docs load with the network off.
        # No inline script (the app's CSP forbids it): the set-up lives in static/docs.js.
        return HTMLResponse(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>entente API</title>'
            '<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/docs-assets/swagger-ui.css">'
            '</head><body><div id="swagger-ui"></div><script src="/docs-assets/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script></body></html>')

    @app.get("/docs-assets/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        if name not in ("swagger-ui-bundle.js", "swagger-ui.css"):
            return Response("not found", status_code=404)
        kind = "text/javascript" if name.endswith(".js") else "text/css"
        return Response((_swagger_dir() / name).read_bytes(), media_type=kind,
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/docs-openapi.json", include_in_schema=False)
    def docs_schema() -> JSONResponse:
        # The bundled Swagger UI (4.x) reads OpenAPI 3.0; FastAPI writes 3.1, a superset it would refuse.
        return JSONResponse({**app.openapi(), "openapi": "3.0.3"})

    @app.get("/favicon.ico", include_in_schema=False)
    @app.get("/favicon.svg", include_in_schema=False)
    def favicon() -> Response:
        data = resources.files("entente.views").joinpath("web/static/favicon.svg").read_bytes()
        return Response(data, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
