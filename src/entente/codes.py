"""CAMEO code table: names, Goldstein weights, quad classes, PLOVER categories.

Built from the standard tables (CAMEO 0.7b5, Goldstein 1992, PLOVER 0.8).
PLOVER drops CAMEO 01 (statements), so those carry no PLOVER type.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class Code:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str
    plover_mode: str
    plover_context: str


@lru_cache(maxsize=1)
def table() -> dict[str, Code]:
    text = resources.files("entente").joinpath("data/cameo.csv").read_text("utf-8")
    out = {}
    for r in csv.DictReader(text.splitlines()):
        out[r["code"]] = Code(
            r["code"], r["root"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
            r["plover_type"], r["plover_mode"], r["plover_context"],
        )
    return out


def lookup(code: str) -> Code:
    """The entry for ``code``, falling back to its parent codes. Raises KeyError."""
    t = table()
    c = str(code).strip()
    while c:
        if c in t:
            return t[c]
        c = c[:-1]
    raise KeyError(f"unknown CAMEO code {code!r}")


def quad_class(code: str) -> int:
    r = int(str(code)[:2])
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
