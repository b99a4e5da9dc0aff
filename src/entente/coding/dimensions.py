"""Relationship dimensions: which part of the relationship an event belongs to.

Every event gets exactly one of nine dimensions (``DIMENSIONS``) from its CAMEO
code, its trigger and the keywords of its sentence. The keyword lists and the
code fallback are data (``data/rules/dimensions.yaml``), loaded once.

Rule (``dimensions.v1``):

1. Each dimension scores 3 per keyword found in the trigger, 1 per keyword
   found in the sentence, plus 1 if the event's code has a specific entry
   (three or more digits, e.g. 062 "cooperate militarily") naming it.
2. The highest score wins; ties go to the more specific sector, in the file's
   ``tie_break`` order (arms before military, energy before economic, ...),
   because a sentence about a summit that signs a gas deal is about energy.
3. With no keyword at all, the code decides (longest matching prefix), and
   anything unknown is diplomatic.

>>> classify("062", "Russia delivered S-400 systems to China")
'arms'
>>> classify("057", "they signed the Power of Siberia gas contract")
'energy'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from entente.errors import DataError

NAME = "dimensions.v1"
DEFAULT_DIMENSION = "diplomatic"


class Dimension(NamedTuple):
    """A dimension id and its label; unpacks as ``(id, label)``."""

    id: str
    label: str


@dataclass(frozen=True)
class _Rules:
    dimensions: tuple[Dimension, ...]
    pattern: re.Pattern
    keyword_dim: dict[str, str]
    codes: dict[str, str]
    tie_rank: dict[str, int]


def _compile(keywords: list[str]) -> re.Pattern:
    # Longest first so "UN Security Council" wins over "Security Council";
    # an optional plural suffix; word boundaries so "oil" misses "turmoil".
    alts = sorted({k.strip() for k in keywords if k.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(k) for k in alts)
    return re.compile(rf"(?<![\w-])({body})(?:s|es)?(?![\w-])", re.IGNORECASE)


def load_rules(path: str | Path | None = None) -> _Rules:
    """Read and validate a dimensions file. Raises DataError naming file, entry, field."""
    if path is None:
        name = "data/rules/dimensions.yaml"
        text = resources.files("entente").joinpath(name).read_text("utf-8")
    else:
        name = str(path)
        text = Path(path).read_text("utf-8")
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise DataError(f"{name}: not valid YAML: {e}") from e
    if not isinstance(raw, dict) or not isinstance(raw.get("dimensions"), list):
        raise DataError(f"{name}: expected a mapping with a 'dimensions' list")
    dims: list[Dimension] = []
    keyword_dim: dict[str, str] = {}
    for i, entry in enumerate(raw["dimensions"]):
        for field in ("id", "label", "keywords"):
            if not isinstance(entry, dict) or field not in entry:
                raise DataError(f"{name}: dimensions[{i}]: missing field '{field}'")
        if not isinstance(entry["keywords"], list) or not entry["keywords"]:
            raise DataError(f"{name}: dimension {entry['id']!r}: field 'keywords' must be a non-empty list")
        dims.append(Dimension(str(entry["id"]), str(entry["label"])))
        for k in entry["keywords"]:
            key = str(k).strip().lower()
            if key in keyword_dim and keyword_dim[key] != entry["id"]:
                raise DataError(f"{name}: dimension {entry['id']!r}: keyword {k!r} already in {keyword_dim[key]!r}")
            keyword_dim[key] = str(entry["id"])
    ids = [d.id for d in dims]
    codes = {str(k): str(v) for k, v in (raw.get("codes") or {}).items()}
    for k, v in codes.items():
        if v not in ids:
            raise DataError(f"{name}: codes[{k!r}]: unknown dimension {v!r}; valid: {', '.join(ids)}")
    tie = [str(t) for t in raw.get("tie_break") or ids]
    for t in tie:
        if t not in ids:
            raise DataError(f"{name}: tie_break: unknown dimension {t!r}; valid: {', '.join(ids)}")
    tie += [i for i in ids if i not in tie]
    return _Rules(tuple(dims), _compile(list(keyword_dim)), keyword_dim, codes, {d: n for n, d in enumerate(tie)})


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return load_rules()


def _code_dimension(cameo: str, codes: dict[str, str]) -> tuple[str | None, int]:
    """(dimension, length of the matched prefix) for the longest prefix in ``codes``."""
    c = str(cameo or "").strip()
    while c:
        if c in codes:
            return codes[c], len(c)
        c = c[:-1]
    return None, 0


def classify(cameo: str, text: str = "", trigger: str | None = None) -> str:
    """The dimension id of one event.

    Parameters: ``cameo`` the event code; ``text`` its sentence (or context);
    ``trigger`` the trigger words. Returns one id of ``DIMENSIONS``.
    """
    r = _rules()
    by_code, plen = _code_dimension(cameo, r.codes)
    # One alternation over all keywords, longest first, so overlapping
    # keywords ("UN Security Council" vs "security") count once.
    scores: dict[str, float] = {}
    for weight, s in ((3, trigger), (1, text)):
        if s:
            for kw in r.pattern.findall(s):
                dim = r.keyword_dim[kw.lower()]
                scores[dim] = scores.get(dim, 0.0) + weight
    if not scores:
        return by_code or DEFAULT_DIMENSION
    if by_code and plen >= 3:
        scores[by_code] = scores.get(by_code, 0.0) + 1
    return max(scores, key=lambda d: (scores[d], -r.tie_rank.get(d, 99)))


def dimensions() -> list[Dimension]:
    """The dimensions in display order."""
    return list(_rules().dimensions)


def label(dim_id: str) -> str:
    for d in _rules().dimensions:
        if d.id == dim_id:
            return d.label
    return dim_id


# Ordered (id, label) pairs; read at import (a few lines of YAML, no I/O beyond that).
DIMENSIONS: list[Dimension] = dimensions()
DIMENSION_IDS: tuple[str, ...] = tuple(d.id for d in DIMENSIONS)
