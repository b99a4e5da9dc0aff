"""When a text was written, when it does not say: an estimate from what it reports.

A text is written no earlier than the latest thing it reports. Three kinds of evidence give
such a lower bound, and the estimate is the latest of them (a year, precision "estimate"):

* the latest past year the prose names ("in 1991"), skipping targets ("by 2030") and years
  after today (predictions);
* a person named with a title of an office they held ("President Medvedev"): the text was
  written while they held it, so no earlier than the year they took it (people.yaml);
* landmark events the prose refers to without a year (data/rules/landmarks.yaml), e.g.
  Russia's recognition of South Ossetia (2008).

The lower bound is used, never a midpoint: an estimate may be early, but then no event dated
to it is after the year the text was written. With no evidence the date is unknown (None).
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources

import yaml

from entente.coding.landmarks import landmark_years

_ANY_YEAR = re.compile(r"(?<![\d$£€.,])\b(1[6-9]\d\d|20\d\d)\b(?![\d%]|[.,]\d)")
_TARGET = re.compile(r"(?i:\b(?:by|until|till|before|in|to)\s+(?:the\s+year\s+)?)$")
_FUTURE = re.compile(r"(?i:\b(?:will|plans?|aims?|goal|target|expected|forecasts?|projected)\b)")
_NOT_IN_OFFICE = re.compile(r"(?i:\b(?:former|then|late|ex|erstwhile|future|would-be)[- ]+$)")


def _read_yaml(*parts: str):
    text = resources.files("entente").joinpath("data", "/".join(parts)).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # C parser: ~10x faster


@lru_cache(maxsize=1)
def _office_cues() -> list[tuple[str, int, frozenset]]:
    """(title+name pattern, first year in that office, the person's names) for every dated office.

    Patterns stay strings until a text names the person (``_cue``): compiling all of them costs
    more than most texts take to code."""
    surfaces: dict[str, list[str]] = {}
    for r in _read_yaml("actors", "roles.yaml").get("roles", []):
        surfaces[r["role"]] = [s for s in r.get("surfaces", []) if len(s) > 3]
    cues = []
    for p in _read_yaml("actors", "people.yaml").get("people", []):
        names = sorted({p["name"], *(p.get("aliases") or [])}, key=len, reverse=True)
        name_rx = "|".join(re.escape(n) for n in names)
        first: dict[str, int] = {}  # a second term in the same office: its first term counts
        for r in p.get("roles") or []:
            if r.get("from"):
                y = int(str(r["from"])[:4])
                first[r["role"]] = min(y, first.get(r["role"], y))
        for role, start in first.items():
            titles = surfaces.get(role, [role])
            title_rx = "|".join(re.escape(t.title()) for t in sorted(titles, key=len, reverse=True))
            if title_rx:
                cues.append((rf"\b(?:{title_rx})\s+(?:{name_rx})\b", start, frozenset(names)))
    return cues


@lru_cache(maxsize=None)
def _cue(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@lru_cache(maxsize=1)
def _names_by_last_word() -> dict[str, set[str]]:
    """Office holders' names by their last word: one pass over the text's words finds which of them
    it names at all, instead of hundreds of title+name patterns scanned one by one."""
    out: dict[str, set[str]] = {}
    for _, _, names in _office_cues():
        for n in names:
            out.setdefault(n.split()[-1], set()).add(n)
    return out


def _named(text: str) -> set[str]:
    index = _names_by_last_word()
    found = set()
    for m in _WORD_RX.finditer(text):
        for name in index.get(m.group(0), ()):
            a = m.end() - len(name)
            if a >= 0 and text[a:m.end()] == name and (a == 0 or not text[a - 1].isalnum()):
                found.add(name)
    return found


_WORD_RX = re.compile(r"[^\W\d_][\w'’-]*")


def _latest_year(text: str, limit: int) -> int | None:
    best = None
    for m in _ANY_YEAR.finditer(text):
        y = int(m.group(1))
        if y > limit or (best is not None and y <= best):
            continue
        before = text[max(0, m.start() - 40): m.start()]
        if _TARGET.search(before[-14:]) and _FUTURE.search(before + text[m.end(): m.end() + 30]):
            continue  # "the goal is to double trade by 2030"
        if re.search(r"(?i:\b(?:by|until|till)\s+)$", before[-8:]):
            continue
        best = y
    return best


def estimate_written(text: str, *, today: dt.date | None = None) -> tuple[str | None, list[str]]:
    """The earliest year the text can have been written, as a string, and the evidence for it.

    >>> estimate_written("As President Medvedev said, ties are good.")
    ('2008', ['office: President Medvedev (2008)'])
    >>> estimate_written("Ties are good.")
    (None, [])
    """
    limit = (today or dt.date.today()).year
    bounds: list[tuple[int, str]] = []
    y = _latest_year(text, limit)
    if y is not None:
        bounds.append((y, f"year: {y}"))
    named = _named(text)
    for rx, start, names in _office_cues():
        if not named & names:
            continue
        for m in _cue(rx).finditer(text):
            if _NOT_IN_OFFICE.search(text[max(0, m.start() - 12): m.start()]):
                continue
            if start <= limit:
                bounds.append((start, f"office: {m.group(0)} ({start})"))
            break
    for rx, year in landmark_years():
        m = rx.search(text)
        if m and year <= limit:
            bounds.append((year, f"landmark: {m.group(0)} ({year})"))
    if not bounds:
        return None, []
    best = max(b for b, _ in bounds)
    return str(best), [why for b, why in bounds if b == best]
