"""Query-string models and the per-request store cursor, shared by pages and their JSON twins.

FastAPI validates the models and documents them in the OpenAPI schema.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import Depends, Request

from pydantic import BaseModel, ConfigDict, Field, field_validator

ACTOR = r"^[A-Za-z0-9_]{2,16}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Period = Literal["month", "quarter", "year", "decade"]


class _Query(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, v):
        # HTML forms send empty fields as "": treat them as not given.
        return None if v == "" else v


class DyadQuery(_Query):
    source: str = Field(pattern=ACTOR, description="actor code of the initiator, e.g. CHN")
    target: str = Field(pattern=ACTOR, description="actor code of the target, e.g. RUS")
    period: Period = "month"
    dimension: str | None = Field(None, pattern=r"^[a-z_]{2,40}$", description="relationship dimension id")
    undirected: bool = Field(False, description="count both directions of the pair")
    start: str | None = Field(None, pattern=DATE, description="first date, ISO (inclusive)")
    end: str | None = Field(None, pattern=DATE, description="last date, ISO (inclusive)")
    origin: str | None = Field(None, pattern=r"^[a-z]{2,20}$", description="entente | gdelt | icews")


class PointQuery(_Query):
    source: str | None = Field(None, pattern=ACTOR)
    target: str | None = Field(None, pattern=ACTOR)
    period: Period = "month"
    label: str | None = Field(None, max_length=20, description="period label as the index returns it")
    dimension: str | None = Field(None, pattern=r"^[a-z_]{2,40}$")
    undirected: bool = False
    quad_class: int | None = Field(None, ge=1, le=4)
    ids: str | None = Field(None, max_length=20000, description="comma-separated event ids (instead of a point)")


class EventQuery(_Query):
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
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


def get_con(request: Request) -> Iterator[Any]:
    """A cursor of the app's store for one request (DuckDB connections are per thread), closed after."""
    cur = request.app.state.store.cursor()
    try:
        yield cur
    finally:
        cur.close()


Con = Annotated[Any, Depends(get_con)]
