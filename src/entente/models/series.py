"""Series for the models: a wide frame (one column per named series, one row per
period) plus a coverage mask, built from a store's dyad indices or a long CSV.

**Coverage.** A period is *covered* when the store holds at least one dated
event of any pair in it (someone was reporting then); a covered period with no
event for a dyad is a true zero. Outside coverage the value is missing (NaN),
never zero, and models skip it. From a CSV, a period is covered exactly when
the file gives a value for that series. Ratio measures (``cooperation_share``,
``mean_goldstein``) are undefined in a covered period without events: missing.

``mean_goldstein`` is net cooperation per event: a sum of Goldstein scores grows
with how much was reported, so on sparse or uneven coverage its breaks follow
reporting volume; the mean per event follows the tone of what was done.

Periods are labelled like ``analysis.indices``: ``YYYY``, ``YYYY-MM``, ``YYYY-Qn``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from entente.errors import ConfigError

TRIANGLE = ["CHN->RUS", "RUS->CHN", "USA->CHN", "CHN->USA", "USA->RUS", "RUS->USA"]
MEASURES = ("net_cooperation", "mean_goldstein", "cooperation_share", "n_events", "verbal_coop", "material_coop",
            "verbal_conflict", "material_conflict")
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}
_PATTERNS = [("month", re.compile(r"^(\d{4})-(\d{2})$")), ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
             ("year", re.compile(r"^(\d{4})$"))]


def period_kind(label: str) -> str | None:
    for kind, pat in _PATTERNS:
        if pat.match(label):
            return kind
    return None


def to_period(label: str, kind: str) -> pd.Period:
    if kind == "quarter":
        return pd.Period(label.replace("-", ""), freq="Q")
    return pd.Period(label, freq=_FREQ[kind])


def label_of(p: pd.Period, kind: str) -> str:
    if kind == "year":
        return f"{p.year:04d}"
    if kind == "quarter":
        return f"{p.year:04d}-Q{p.quarter}"
    return f"{p.year:04d}-{p.month:02d}"


@dataclass
class SeriesSet:
    """Named series on one period grid. ``values``: periods × series (NaN where not
    covered); ``covered``: the same shape, True where the value is data."""

    values: pd.DataFrame
    covered: pd.DataFrame
    period: str
    source: str  # where it came from: a file path or "store:…"
    measure: str = "value"
    meta: dict = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return list(self.values.columns)

    @property
    def labels(self) -> list[str]:
        return [label_of(p, self.period) for p in self.values.index]

    def array(self, name: str) -> np.ndarray:
        return self.values[name].to_numpy(dtype=float)

    def index_of(self, label: str) -> int:
        kind = period_kind(label)
        if kind != self.period:
            raise ConfigError(f"period {label!r} is not a {self.period} label (e.g. {self.labels[0]})")
        p = to_period(label, kind)
        if p < self.values.index[0] or p > self.values.index[-1]:
            raise ConfigError(f"period {label} is outside the series ({self.labels[0]} … {self.labels[-1]})")
        return int(self.values.index.get_loc(p))

    def coverage(self) -> dict[str, dict]:
        """Per series: periods on the grid, covered periods, their share, first and last covered."""
        out = {}
        for name in self.names:
            cov = self.covered[name].to_numpy()
            idx = np.flatnonzero(cov)
            out[name] = {
                "n_periods": int(len(cov)), "n_covered": int(cov.sum()),
                "share": round(float(cov.mean()), 4) if len(cov) else 0.0,
                "first": self.labels[idx[0]] if len(idx) else None,
                "last": self.labels[idx[-1]] if len(idx) else None,
            }
        return out

    def select(self, names: list[str]) -> "SeriesSet":
        missing = [n for n in names if n not in self.names]
        if missing:
            raise ConfigError(f"{self.source}: no series {', '.join(missing)}; have {', '.join(self.names)}")
        return SeriesSet(self.values[names], self.covered[names], self.period, self.source, self.measure, self.meta)


def _grid(periods: list[pd.Period]) -> pd.PeriodIndex:
    return pd.period_range(min(periods), max(periods), freq=periods[0].freq)


def from_frame(long: pd.DataFrame, *, source: str = "frame", measure: str = "value") -> SeriesSet:
    """A long frame ``period, series, value`` (period labels) → SeriesSet."""
    if long.empty:
        raise ConfigError(f"{source}: no rows")
    kinds = {period_kind(str(p)) for p in long["period"].astype(str).unique()}
    if None in kinds:
        bad = next(p for p in long["period"].astype(str) if period_kind(p) is None)
        raise ConfigError(f"{source}: bad period {bad!r}; expected YYYY, YYYY-MM or YYYY-Qn")
    if len(kinds) > 1:
        raise ConfigError(f"{source}: mixed period kinds ({', '.join(sorted(kinds))}); use one")
    kind = kinds.pop()
    df = long.assign(p=[to_period(str(x), kind) for x in long["period"]])
    if df.duplicated(["p", "series"]).any():
        row = df[df.duplicated(["p", "series"])].iloc[0]
        raise ConfigError(f"{source}: period {row['period']} appears twice for series {row['series']}")
    wide = df.pivot(index="p", columns="series", values="value").reindex(_grid(list(df["p"])))
    wide = wide[list(dict.fromkeys(df["series"]))].astype(float)
    return SeriesSet(wide, wide.notna(), kind, source, measure)


def read_csv(path: str | Path) -> SeriesSet:
    """A long CSV with header ``period,series,value``. Errors name the file and the line."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such file")
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames is None or not {"period", "series", "value"} <= set(reader.fieldnames):
            raise ConfigError(f"{path}: header must be period,series,value (got {reader.fieldnames})")
        for i, r in enumerate(reader, start=2):
            try:
                v = float(r["value"])
            except (TypeError, ValueError):
                raise ConfigError(f"{path}:{i}: value {r['value']!r} is not a number") from None
            if not np.isfinite(v):
                raise ConfigError(f"{path}:{i}: value {r['value']!r} is not finite")
            rows.append((str(r["period"]).strip(), str(r["series"]).strip(), v))
    return from_frame(pd.DataFrame(rows, columns=["period", "series", "value"]), source=str(path))


def parse_dyads(spec: str) -> list[tuple[str, str]]:
    """'CHN-RUS,USA->CHN' or 'triangle' → [(source, target), ...] (directed)."""
    out = []
    for item in [s.strip() for s in spec.split(",") if s.strip()]:
        if item.lower() == "triangle":
            out += [tuple(t.split("->")) for t in TRIANGLE]
            continue
        parts = [p for p in re.split(r"->|[-–—/:>]", item.upper()) if p]
        if len(parts) != 2:
            raise ConfigError(f"bad dyad {item!r}; expected two actor codes like CHN-RUS")
        out.append((parts[0], parts[1]))
    if not out:
        raise ConfigError("no dyads given; e.g. --dyads CHN-RUS or --dyads triangle")
    return list(dict.fromkeys(out))


def store_coverage(con, period: str, *, origin: str | None = None) -> pd.PeriodIndex:
    """The periods in which the store holds any dated event (of any pair)."""
    trunc = {"month": "month", "quarter": "quarter", "year": "year"}[period]
    where = "date_start IS NOT NULL" + (" AND origin = ?" if origin else "")
    rows = con.execute(f"SELECT DISTINCT CAST(date_trunc('{trunc}', date_start) AS DATE) FROM events "
                       f"WHERE {where}", [origin] if origin else []).fetchall()
    return pd.PeriodIndex([pd.Period(r[0], freq=_FREQ[period]) for r in rows], freq=_FREQ[period])


def from_store(con, dyads: list[tuple[str, str]], *, period: str = "month", measure: str = "net_cooperation",
               start: str | None = None, end: str | None = None, dimension: str | None = None,
               undirected: bool = False, origin: str | None = None, store: str = "store") -> SeriesSet:
    """Dyad index series (``analysis.indices.dyad_index``) on the store's coverage grid."""
    from entente.analysis.indices import dyad_index

    if period not in _FREQ:
        raise ConfigError(f"unknown period {period!r} for models; valid: year, quarter, month")
    if measure not in MEASURES:
        raise ConfigError(f"unknown measure {measure!r}; valid: {', '.join(MEASURES)}")
    cov = store_coverage(con, period, origin=origin)
    if not len(cov):
        raise ConfigError(f"{store}: no dated events; nothing to model")
    lo, hi = cov.min(), cov.max()
    if start:
        lo = max(lo, to_period(start[:len(label_of(lo, period))], period))
    if end:
        hi = min(hi, to_period(end[:len(label_of(hi, period))], period))
    grid = pd.period_range(lo, hi, freq=_FREQ[period])
    values, covered = {}, {}
    for s, t in dyads:
        name = f"{s}-{t}" if undirected else f"{s}->{t}"
        # ISO days: dyad_index reads YYYY, YYYY-MM or YYYY-MM-DD bounds, not quarter labels
        df = dyad_index(con, s, t, period=period, start=str(lo.start_time.date()), end=str(hi.end_time.date()),
                        dimension=dimension, undirected=undirected, origin=origin)
        df.index = pd.PeriodIndex([to_period(p, period) for p in df["period"]], freq=_FREQ[period])
        if measure == "cooperation_share":
            n = df["n_events"].astype(float)
            v = (df["verbal_coop"] + df["material_coop"]) / n.where(n > 0)
        elif measure == "mean_goldstein":
            n = df["n_events"].astype(float)
            v = df["net_cooperation"].astype(float) / n.where(n > 0)
        else:
            v = df[measure].astype(float)
        v = v.reindex(grid)
        mask = grid.isin(cov)
        if measure not in ("cooperation_share", "mean_goldstein"):
            v = v.fillna(0.0)  # a covered period with no event for this dyad is a true zero
        mask = mask & v.notna().to_numpy()
        values[name] = v.where(mask)
        covered[name] = pd.Series(mask, index=grid)
    vals = pd.DataFrame(values, index=grid)
    meta = {"dyads": [list(d) for d in dyads], "undirected": undirected, "dimension": dimension, "origin": origin}
    return SeriesSet(vals, pd.DataFrame(covered, index=grid), period, store, measure, meta)
