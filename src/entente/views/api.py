"""The REST API and the web workbench app (FastAPI).

``create_app(store)`` opens the store read-only; each request works on its own
cursor (DuckDB connections are not shared across threads). Pages live in
``web_pages``; both pages and API call the functions in ``web_views``.
Only an app created with a token has ``POST /api/ingest`` and can flag events (``web_flags``); both need the token.

>>> app = create_app("entente.duckdb")  # doctest: +SKIP
"""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager
from dataclasses import asdict, is_dataclass
from typing import Annotated, Any

from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from entente.analysis import queries
from entente.errors import ConfigError, EntenteError
from entente.store import db
from entente.views import web_views as v
from entente.views.web_flags import register_flags, unauthorized
from entente.views.web_models import Con, DyadQuery, EventQuery, PointQuery, explain_errors


class Store:
    """One base connection for the app's life; a fresh cursor per request."""

    def __init__(self, path: str, *, read_only: bool):
        self.path = path
        self.read_only = read_only
        self.base = db.connect(path, read_only=read_only)
        self.write_lock = threading.Lock()
        self.cache: dict[str, Any] = {}
        self._fts = None

    @property
    def fts(self):
        """The full-text index, opened on first search (it syncs itself with the store before each one)."""
        if self._fts is None:
            from entente.store.fts import PassageIndex

            self._fts = PassageIndex(self.path)
        return self._fts

    def actors(self, con) -> list[str]:
        return self.cached("actors", lambda: queries.actors(con))

    def cursor(self):
        return self.base.cursor()

    def cached(self, key: str, fn):
        # The store does not change under a read-only app; an ingest clears this.
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def close(self) -> None:
        self.base.close()


class IngestRequest(BaseModel):
    inputs: list[str] = Field(min_length=1, description="files or folders on the server to ingest")


def create_app(store: str, *, token: str | None = None) -> FastAPI:
    """The workbench app for ``store``. Raises StoreError if the store cannot be opened."""
    st = Store(store, read_only=token is None)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        st.close()

    app = FastAPI(
        title="entente", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Coded events between states, their indices and the passages behind them.",
    )
    app.state.store = st

    @app.exception_handler(EntenteError)
    async def entente_error(request: Request, exc: EntenteError):
        body = {"error": type(exc).__name__, "message": str(exc), "status": exc.status}
        if request.url.path.startswith("/api") or request.url.path.endswith(".json"):
            return JSONResponse(body, status_code=exc.status)
        from entente.views.web_pages import render

        return render(request, "error.html", body, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        # One readable sentence naming each bad value and what is valid, never raw validation JSON.
        text, items = explain_errors(exc.errors())
        body = {"error": "BadRequest", "message": text, "status": 422, "problems": items}
        if request.url.path.startswith("/api") or request.url.path.endswith((".json", ".csv")):
            return JSONResponse(body, status_code=422)
        from entente.views.web_pages import render

        return render(request, "error.html", body, status_code=422)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        resp = await call_next(request)
        # Defence in depth: even if some text escaped escaping, no inline script may run.
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        return resp

    @app.get("/api/summary", tags=["store"])
    def api_summary(con: Con) -> dict:
        """Totals of the store: documents, events by origin, quotes, date range."""
        return _json(summary(con))

    def summary(con) -> dict:
        return st.cached("summary", lambda: queries.summary(con))

    app.state.summary = summary

    @app.get("/api/dyads", tags=["store"])
    def api_dyads(con: Con, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
        """The most frequent directed dyads."""
        return _json(st.cached(f"dyads:{limit}", lambda: v.dyads_view(con, limit=limit)))

    @app.get("/api/dimensions", tags=["store"])
    def api_dimensions() -> list[dict]:
        """Relationship dimension ids and labels."""
        return _json(v.dimensions())

    @app.get("/api/index", tags=["indices"])
    def api_index(con: Con, q: Annotated[DyadQuery, Query()]) -> dict:
        """Dyad index per period: counts by quad class, Goldstein sums, net cooperation."""
        return _json(v.index_view(con, q))

    @app.get("/api/breakdown", tags=["indices"])
    def api_breakdown(con: Con, q: Annotated[DyadQuery, Query()]) -> dict:
        """The dyad's events and net cooperation by relationship dimension."""
        return _json(v.breakdown_view(con, q))

    @app.get("/api/asymmetry", tags=["indices"])
    def api_asymmetry(con: Con, q: Annotated[DyadQuery, Query()]) -> dict:
        """Who initiates, and the share of material cooperation flowing each way."""
        return _json(v.asymmetry_view(con, q))

    @app.get("/api/milestones", tags=["indices"])
    def api_milestones(con: Con, q: Annotated[DyadQuery, Query()],
                       limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
        """The milestone timeline of the pair, each milestone with all its sources."""
        return _json(v.milestones_view(con, q, limit=limit))

    @app.get("/api/dyad", tags=["indices"])
    def api_dyad(con: Con, q: Annotated[DyadQuery, Query()]) -> dict:
        """Everything the dyad page shows, in one response."""
        return _json(v.dyad_view(con, q, known=st.actors(con)))

    @app.get("/api/evidence", tags=["evidence"])
    def api_evidence(con: Con, q: Annotated[PointQuery, Query()]) -> dict:
        """The passages behind a chart point (source, target, period, label) or behind event ids."""
        return _json(v.evidence_view(con, q))

    @app.get("/api/events", tags=["evidence"])
    def api_events(con: Con, q: Annotated[EventQuery, Query()]) -> dict:
        """Events matching the filters, newest first."""
        return _json(v.events_view(con, q))

    @app.get("/api/events/{event_id}", tags=["evidence"])
    def api_event(con: Con, event_id: str) -> dict:
        """One event with its document and highlighted passage."""
        return _json(v.event_view(con, event_id))

    @app.get("/api/documents/{doc_id}", tags=["evidence"])
    def api_document(con: Con, doc_id: str, start: int | None = None, end: int | None = None) -> dict:
        """A document's metadata, text pieces (``start``..``end`` marked), events and quotes."""
        return _json(v.document_view(con, doc_id, start=start, end=end))

    @app.get("/api/quotes", tags=["evidence"])
    def api_quotes(con: Con, speaker: str | None = None, actor: str | None = None, about: str | None = None,
                   q: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict:
        """Quotes: who said what, and about whom (targets of events in the same sentence)."""
        return _json(v.quotes_view(con, speaker=speaker or None, actor=actor or None, about=about or None,
                                 q=q or None, limit=limit))

    @app.get("/api/search", tags=["evidence"])
    def api_search(con: Con, q: Annotated[str, Query(min_length=1, max_length=200)],
                   limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict:
        """Full-text search (SQLite FTS5): "quoted words" are a phrase, other words must all occur as whole
        (stemmed) words; BM25 order. Returns ``n`` (all matching passages) and the best ``limit`` with offsets."""
        return _json(v.search_view(con, q, limit=limit, index=st.fts))

    @app.get("/api/compare", tags=["indices"])
    def api_compare(con: Con, dyads: Annotated[str | None, Query(max_length=200)] = None, triangle: bool = False,
                    period: Annotated[str, Query(pattern="^(month|quarter|year|decade)$")] = "year",
                    start: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
                    end: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None) -> dict:
        """Net cooperation of up to six directed dyads (``dyads=CHN-RUS,USA-CHN``, or ``triangle=true`` for
        the six of USA, China and Russia) on one time axis."""
        pairs = v.parse_dyads(dyads, triangle=triangle or not dyads)
        return _json(v.compare_view(con, dyads=pairs, period=period, start=start, end=end, known=st.actors(con)))

    @app.get("/api/documents", tags=["evidence"])
    def api_documents(con: Con, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                      offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict:
        """Current documents, newest first, with their counts of events and passages."""
        return _json(v.documents_view(con, limit=limit, offset=offset))

    if token is not None:
        if not token:
            raise ConfigError("an ingest token must not be empty")

        @app.post("/api/ingest", tags=["ingest"], openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": IngestRequest.model_json_schema()}}}})
        async def api_ingest(request: Request, authorization: Annotated[str | None, Header()] = None) -> dict:
            """Ingest files or folders on the server (needs ``Authorization: Bearer <token>``).

            The token is checked before the body is read: a caller without it learns nothing about the body."""
            if (denied := unauthorized(authorization, token)) is not None:
                return denied
            try:
                body = IngestRequest.model_validate_json(await request.body())
            except ValidationError as e:
                text, items = explain_errors(e.errors())
                return JSONResponse({"error": "BadRequest", "message": text or "body must be JSON like "
                                     '{"inputs": ["path"]}', "status": 422, "problems": items}, status_code=422)
            from starlette.concurrency import run_in_threadpool

            return await run_in_threadpool(_ingest, body)

        def _ingest(body: IngestRequest) -> dict:
            from entente import pipeline

            with st.write_lock:
                cur = st.cursor()
                try:
                    report = pipeline.ingest(cur, list(body.inputs))
                finally:
                    cur.close()
                st.cache.clear()
            return _report_dict(report)

    register_flags(app, st, token)

    from entente.views.web_pages import register_pages

    register_pages(app)
    __import__("entente.views.web_forecast_pages").views.web_forecast_pages.register_model_pages(app)
    return app


def _json(data: Any) -> JSONResponse:
    # Straight to json.dumps: the data is already plain (queries.records); FastAPI's
    # response-model encoding would walk every cell again (~10 ms on a 360-row index).
    return JSONResponse(data)


def _report_dict(report: Any) -> dict:
    if hasattr(report, "to_dict"):
        return report.to_dict()
    if is_dataclass(report):
        return asdict(report)
    return dict(report)

