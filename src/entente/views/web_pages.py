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
from entente.views.web_extras import register_extras
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
    summary, writable = None, False
    try:
        st = request.app.state.store
        writable = not st.read_only  # an app with a token: the page may offer to flag events
        cur = st.cursor()
        try:
            summary = request.app.state.summary(cur)
        finally:
            cur.close()
    except Exception:  # the header is a courtesy; an error page must still render
        summary = None
    html = _env().get_template(template).render(
        request=request, summary=summary, writable=writable, path=request.url.path, query_string=str(request.url.query), **ctx)
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

    register_extras(app)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, con: Con):
        st = request.app.state.store
        dy = st.cached("dyads:50", lambda: v.dyads_view(con, limit=50))
        return render(request, "home.html", {"dyads": dy["rows"], "actors": _named(st, con),
                                             "dimensions": v.dimensions()})

    @app.get("/dyad", response_class=HTMLResponse, include_in_schema=False)
    def dyad(request: Request, con: Con, q: Annotated[DyadQuery, Query()]):
        st = request.app.state.store
        data = v.dyad_view(con, q, known=st.actors(con))
        return render(request, "dyad.html", {**data, "actors": _named(st, con), "dimensions": v.dimensions(),
                                             "api": "/api/dyad"})

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare(request: Request, con: Con, dyads: Annotated[str | None, Query(max_length=200)] = None,
                triangle: bool = False,
                period: Annotated[str, Query(pattern="^(month|quarter|year|decade)$")] = "year"):
        st = request.app.state.store
        pairs = v.parse_dyads(dyads, triangle=triangle or not dyads)
        data = v.compare_view(con, dyads=pairs, period=period, start=None, end=None, known=st.actors(con))
        return render(request, "compare.html", {**data, "api": "/api/compare"})

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request, con: Con, offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0):
        return render(request, "documents.html", {**v.documents_view(con, limit=100, offset=offset),
                                                  "api": "/api/documents"})

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
        st = request.app.state.store
        return render(request, "search.html", {**v.search_view(con, q, limit=100, index=st.fts),
                                               "api": "/api/search"})


def _named(st, con) -> list[dict[str, str]]:
    """Picker entries: code and name (the store's actors table, else the shipped dictionaries)."""
    from entente.store import actors as dictionary

    names = st.cached("actor_names", lambda: queries.actor_names(con) or dictionary.names())
    return [{"code": c, "name": names.get(c, c)} for c in st.actors(con)]
