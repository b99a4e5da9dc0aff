"""Workbench pages: Jinja2 templates over the same view functions the API returns as JSON.

Templates autoescape everything; document text reaches them only as pieces
(``web_views.pieces``) so a highlight never needs ``|safe``. Plotly is served
from the installed plotly package: no CDN, the workbench works offline.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape

from entente import codes
from entente.analysis import queries
from entente.views import web_views as v
from entente.views.web_models import Con, DyadQuery, EventQuery, PointQuery

WEB = resources.files("entente.views") / "web"


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=PackageLoader("entente.views", "web/templates"),
                      autoescape=select_autoescape(["html"], default=True))
    env.globals["QUAD_NAMES"] = codes.QUAD_NAMES
    env.filters["qs"] = lambda d: urlencode({k: val for k, val in d.items() if val not in (None, "", False)})
    return env


def render(request: Request, template: str, ctx: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    summary = None
    try:
        st = request.app.state.store
        cur = st.cursor()
        try:
            summary = request.app.state.summary(cur)
        finally:
            cur.close()
    except Exception:  # the header is a courtesy; an error page must still render
        summary = None
    html = _env().get_template(template).render(
        request=request, summary=summary, path=request.url.path, query_string=str(request.url.query), **ctx)
    return HTMLResponse(html, status_code=status_code)


@lru_cache(maxsize=1)
def _plotly_js() -> bytes:
    return resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()


def register_pages(app: FastAPI) -> None:
    """Add the HTML pages and static assets to ``app``."""

    # Registered before the /static mount so it wins the match.
    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> Response:
        return Response(_plotly_js(), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, con: Con):
        st = request.app.state.store
        dy = st.cached("dyads:50", lambda: v.dyads_view(con, limit=50))
        acts = st.cached("actors", lambda: queries.actors(con))
        return render(request, "home.html", {"dyads": dy["rows"], "actors": acts, "dimensions": v.dimensions()})

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad(request: Request, con: Con, q: Annotated[DyadQuery, Query()]):
        data = v.dyad_view(con, q)
        st = request.app.state.store
        acts = st.cached("actors", lambda: queries.actors(con))
        return render(request, "dyad.html", {**data, "actors": acts, "dimensions": v.dimensions(),
                                             "api": "/api/dyad"})

    @app.get("/evidence", response_class=HTMLResponse, include_in_schema=False)
    def evidence(request: Request, con: Con, q: Annotated[PointQuery, Query()]):
        return render(request, "evidence.html", {**v.evidence_view(con, q), "api": "/api/evidence"})

    @app.get("/event/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event(request: Request, con: Con, event_id: str):
        item = v.event_view(con, event_id)
        return render(request, "evidence.html", {"items": [item], "n_events": 1, "query": {"ids": event_id},
                                                 "api": f"/api/events/{event_id}"})

    @app.get("/document/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, con: Con, doc_id: str, start: int | None = None, end: int | None = None):
        doc = v.document_view(con, doc_id, start=start, end=end)
        return render(request, "document.html", {"doc": doc, "api": f"/api/documents/{doc_id}"})

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events(request: Request, con: Con, q: Annotated[EventQuery, Query()]):
        return render(request, "events.html", {**v.events_view(con, q), "dimensions": v.dimensions(),
                                               "api": "/api/events"})

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes(request: Request, con: Con, speaker: str | None = None, actor: str | None = None,
               about: str | None = None, q: str | None = None):
        data = v.quotes_view(con, speaker=speaker or None, actor=actor or None, about=about or None,
                             q=q or None, limit=200)
        return render(request, "quotes.html", {**data, "api": "/api/quotes"})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, con: Con, q: Annotated[str, Query(max_length=200)] = ""):
        return render(request, "search.html", {**v.search_view(con, q, limit=100), "api": "/api/search"})
