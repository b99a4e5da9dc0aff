"""Landmark acts a text names without a date ("since Russia's invasion of Ukraine").

Both uses of data/rules/landmarks.yaml read it here: ``landmarks`` bound when a text was written
(written.py), ``dated`` date the sentences that name them.

The CODEBOOK dates a background mention to when the act happened, so the name of a landmark is
a date cue like "in February 2022". The names and dates are data (data/rules/landmarks.yaml,
``dated``); dates.py reads the cues. An explicit date close to the name wins ("the 2014 invasion"),
and a landmark later than the text's own date is no cue at all.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

NEAR = 30  # characters on either side in which an explicit date speaks for the landmark


@lru_cache(maxsize=1)
def _data() -> dict:
    text = resources.files("entente").joinpath("data/rules/landmarks.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def landmark_years() -> list[tuple[re.Pattern, int]]:
    """(pattern, year) of the landmarks whose mention shows a text was written no earlier (written.py)."""
    return [(re.compile(e["pattern"]), int(e["year"])) for e in _data().get("landmarks", [])]


@lru_cache(maxsize=1)
def _dated() -> list[tuple[re.Pattern, str, str]]:
    out = []
    for e in _data().get("dated", []):
        date = str(e["date"])
        out.append((re.compile(e["pattern"]), date, {4: "year", 7: "month", 10: "day"}[len(date)]))
    return out


def landmark_cues(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(start, end, date, precision) of the landmarks named in ``text`` that no explicit date
    mention (``taken``: character spans in ``text``) stands next to."""
    out = []
    for rx, date, precision in _dated():
        for m in rx.finditer(text):
            s, e = m.span()
            if any(ts < e + NEAR and s - NEAR < te for ts, te in taken):
                continue
            out.append((s, e, date, precision))
    return sorted(out)
