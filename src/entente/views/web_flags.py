"""Flagging events as wrong from the API and the event pages (``store.flags`` does the work).

Writes exist only on an app created with a token and need ``Authorization: Bearer
<token>``, checked before the body is read, as for ``POST /api/ingest``; a read-only
app answers them 403. Listing flags needs no token.
"""
from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from entente.views.web_models import Con, explain_errors


class FlagRequest(BaseModel):
    reason: str | None = Field(None, max_length=500, description="why the event is wrong")


def unauthorized(authorization: str | None, token: str) -> JSONResponse | None:
    """A 401 response unless ``authorization`` is ``Bearer <token>`` (constant-time compare)."""
    expected = f"Bearer {token}"
    if authorization is not None and secrets.compare_digest(authorization.encode(), expected.encode()):
        return None
    return JSONResponse({"error": "Unauthorized", "message": "a valid bearer token is required", "status": 401},
                        status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _read_only() -> JSONResponse:
    return JSONResponse({"error": "ReadOnly", "status": 403, "message": "this server opened the store read-only; "
                         "start it with `entente serve --token …` to flag events"}, status_code=403)


def register_flags(app: FastAPI, st, token: str | None) -> None:
    """Add the flag routes to ``app`` over the app's store ``st``."""
    from starlette.concurrency import run_in_threadpool

    from entente.store import flags

    def write(fn):
        # One writer at a time on the app's connection; cached totals (dyads, summary) change.
        with st.write_lock:
            cur = st.cursor()
            try:
                return fn(cur)
            finally:
                cur.close()
                st.cache.clear()

    @app.get("/api/flags", tags=["flags"])
    def api_flags(con: Con) -> JSONResponse:
        """Events flagged as wrong, newest first (left out of indices, milestones and event lists)."""
        return JSONResponse({"rows": flags.list_flags(con), "writable": token is not None})

    @app.post("/api/events/{event_id}/flag", tags=["flags"])
    async def api_flag(request: Request, event_id: str,
                       authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        """Flag an event as wrong (body ``{"reason": "..."}``, optional; needs the bearer token).
        A joint act coded both ways from one sentence is flagged in both directions."""
        if token is None:
            return _read_only()
        if (denied := unauthorized(authorization, token)) is not None:
            return denied
        raw = await request.body()
        try:
            body = FlagRequest.model_validate_json(raw) if raw.strip() else FlagRequest()
        except ValidationError as e:
            text, items = explain_errors(e.errors())
            return JSONResponse({"error": "BadRequest", "message": text or 'body must be JSON like {"reason": "..."}',
                                 "status": 422, "problems": items}, status_code=422)
        by = f"api:{request.client.host}" if request.client else "api"
        f = await run_in_threadpool(write, lambda cur: flags.flag(cur, event_id, reason=body.reason, by=by))
        return JSONResponse({"flagged": True, "flag": f, "event_ids": f["event_ids"]})

    @app.delete("/api/events/{event_id}/flag", tags=["flags"])
    async def api_unflag(event_id: str, authorization: Annotated[str | None, Header()] = None) -> JSONResponse:
        """Remove an event's flag (needs the bearer token); ``unflagged`` lists the ids restored."""
        if token is None:
            return _read_only()
        if (denied := unauthorized(authorization, token)) is not None:
            return denied
        removed = await run_in_threadpool(write, lambda cur: flags.unflag(cur, event_id))
        return JSONResponse({"flagged": False, "unflagged": removed})
