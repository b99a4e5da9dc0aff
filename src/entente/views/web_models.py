"""Query-string models and the per-request store cursor, shared by pages and their JSON twins.

FastAPI validates the models and documents them in the OpenAPI schema.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, Request

from pydantic import BaseModel, ConfigDict, Field, field_validator

ACTOR = r"^[A-Za-z0-9_]{2,16}$"
DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
Period = Literal["month", "quarter", "year", "decade"]


class _Query(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, v):
        # HTML forms send empty fields as "": treat them as not given.
        return None if v == "" else v

    @field_validator("source", "target", mode="after", check_fields=False)
    @classmethod
    def _upper(cls, v):
        # Actor codes are upper case in the store; the CLI accepts 'chn', so does the web.
        return v.upper() if isinstance(v, str) else v


def _first_day(v: str | None) -> str | None:
    if v is None:
        return None
    parts = v.split("-")
    return dt.date.fromisoformat("-".join(parts + ["01"] * (3 - len(parts)))).isoformat()  # ValueError: 422


def _last_day(v: str | None) -> str | None:
    if v is None or len(v) == 10:
        return v and dt.date.fromisoformat(v).isoformat()  # ValueError (e.g. Feb 31) becomes a 422
    y, m = (v.split("-") + ["12"])[:2]
    nxt = dt.date(int(y) + (m == "12"), int(m) % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).isoformat()


class _Dated(_Query):
    """``start``/``end`` may be a year or a month; they become the first and last day they cover."""

    @field_validator("start", mode="after", check_fields=False)
    @classmethod
    def _start_day(cls, v):
        return _first_day(v)

    @field_validator("end", mode="after", check_fields=False)
    @classmethod
    def _end_day(cls, v):
        return _last_day(v)


class DyadQuery(_Dated):
    source: str = Field(pattern=ACTOR, description="actor code of the initiator, e.g. CHN")
    target: str = Field(pattern=ACTOR, description="actor code of the target, e.g. RUS")
    period: Period = "month"
    dimension: str | None = Field(None, pattern=r"^[a-z_]{2,40}$", description="relationship dimension id")
    undirected: bool = Field(False, description="count both directions of the pair")
    start: str | None = Field(None, pattern=DATE, description="first date, ISO (inclusive)")
    end: str | None = Field(None, pattern=DATE, description="last date, ISO (inclusive)")
    origin: str | None = Field(None, pattern=r"^[a-z]{2,20}$", description="entente | gdelt | icews")
    rate: bool = Field(False, description="events per document of the period instead of counts")


class PointQuery(_Query):
    source: str | None = Field(None, pattern=ACTOR)
    target: str | None = Field(None, pattern=ACTOR)
    period: Period = "month"
    label: str | None = Field(None, max_length=20, description="period label as the index returns it")
    dimension: str | None = Field(None, pattern=r"^[a-z_]{2,40}$")
    undirected: bool = False
    quad_class: int | None = Field(None, ge=1, le=4)
    start: str | None = Field(None, pattern=DATE)
    end: str | None = Field(None, pattern=DATE)
    ids: str | None = Field(None, max_length=20000, description="comma-separated event ids (instead of a point)")


class EventQuery(_Dated):
    source: str | None = Field(None, pattern=ACTOR)
    target: str | None = Field(None, pattern=ACTOR)
    undirected: bool = False
    root: str | None = Field(None, pattern=r"^\d{2}$", description="CAMEO root, two digits")
    quad_class: int | None = Field(None, ge=1, le=4)
    dimension: str | None = Field(None, pattern=r"^[a-z_]{2,40}$")
    start: str | None = Field(None, pattern=DATE)
    end: str | None = Field(None, pattern=DATE)
    doc_id: str | None = Field(None, max_length=64)
    origin: str | None = Field(None, pattern=r"^[a-z]{2,20}$")
    min_confidence: float | None = Field(None, ge=0, le=1, description="coded events at or above this confidence")
    include_flagged: bool = Field(False, description="also list events flagged as wrong (indices never count them)")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=10_000_000)


def get_con(request: Request) -> Iterator[Any]:
    """A cursor of the app's store for one request (DuckDB connections are per thread), closed after."""
    cur = request.app.state.store.cursor()
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[Any, Depends(get_con)]


# What a reader is told when a query-string value fails, by field: the valid choices.
CHOICES = {
    "period": "month, quarter, year or decade",
    "start": "a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)",
    "end": "a date as YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)",
    "source": "an actor code of 2-16 letters, e.g. CHN",
    "target": "an actor code of 2-16 letters, e.g. RUS",
    "quad_class": "1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict)",
    "root": "a two-digit CAMEO root, e.g. 05",
    "limit": "a whole number within the range shown",
    "offset": "a whole number from 0 to 10000000",
    "undirected": "true or false",
    "rate": "true or false",
    "include_flagged": "true or false",
    "min_confidence": "a number from 0 to 1",
    "dimension": "a dimension id (see /api/dimensions)",
    "origin": "entente, gdelt or icews",
}


def explain_errors(errors) -> tuple[str, list[dict]]:
    """Pydantic/FastAPI validation errors as one readable sentence and a list of {field, value, problem, valid}."""
    items = []
    for e in errors:
        loc = [str(x) for x in e.get("loc") or ()]
        name = next((x for x in reversed(loc) if x not in ("query", "body", "path")), loc[-1] if loc else "body")
        msg = str(e.get("msg", "invalid")).replace("Value error, ", "")
        if e.get("type") == "string_pattern_mismatch":
            msg = "not in the expected form"
        value = e.get("input")
        value = value if isinstance(value, (str, int, float)) or value is None else str(value)[:200]
        items.append({"field": name, "value": value, "problem": msg, "valid": CHOICES.get(name)})
    text = "; ".join(
        f"{i['field']}={i['value']!r}: {i['problem']}" + (f" (expected {i['valid']})" if i["valid"] else "")
        for i in items)
    return text, items
