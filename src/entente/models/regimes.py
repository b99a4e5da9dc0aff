"""Regimes: where a relationship changed state, offline (ruptures PELT) and
online (Normal-Gamma BOCPD, P(new regime at t) per period).

One pooled noise scale per call: each series' noise is estimated robustly
from its period-to-period differences (MAD), the pooled scale is their median,
and every series is divided by it before PELT, so a break means the same size
in every series. PELT cannot end a segment in the newest period (segments
need ``min_size`` periods), so a newest-period break is added when BOCPD puts
P(break) above ``online_threshold`` there; such a regime is ``provisional``.

A break is named by the first period of the new regime. Each regime carries
its level (mean), a label by level (cooperative / mixed / hostile: above
+threshold, within, below −threshold; the threshold defaults to a third of
the largest absolute regime level of the call) and, from a store, the
milestones around its first period.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import ruptures as rpt

from entente.models import bocpd
from entente.models.series import SeriesSet

NAME = "regimes.pelt-l2+bocpd.v1"


def noise_scale(x: np.ndarray) -> float:
    """Robust noise sd from first differences (a level shift moves one difference only)."""
    d = np.diff(x[np.isfinite(x)])
    if len(d) < 2:
        return 0.0
    return float(1.4826 * np.median(np.abs(d - np.median(d))) / np.sqrt(2))


def pooled_scale(arrays: list[np.ndarray]) -> float:
    """Median of the series' noise scales, floored at 5 % of the typical range
    (a noiseless step series would otherwise make every wiggle a break)."""
    scales = [noise_scale(a) for a in arrays]
    ranges = [float(np.nanmax(a) - np.nanmin(a)) for a in arrays if np.isfinite(a).any()]
    floor = 0.05 * float(np.median(ranges)) if ranges else 1.0
    return max(float(np.median(scales)) if scales else 0.0, floor, 1e-9)


@dataclass
class RegimeResults:
    series: SeriesSet
    scale: float
    penalty: float
    threshold: float
    breaks: dict[str, list[str]]
    regimes: dict[str, list[dict]]
    p_break: dict[str, dict[str, float]]
    model: str = NAME
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"model": self.model, "period": self.series.period, "source": self.series.source,
                "measure": self.series.measure, "pooled_scale": round(self.scale, 6),
                "penalty": round(self.penalty, 3), "label_threshold": round(self.threshold, 6),
                "coverage": self.series.coverage(), "notes": self.notes,
                "series": {n: {"breaks": self.breaks[n], "regimes": self.regimes[n], "p_break": self.p_break[n]}
                           for n in self.series.names}}

    def summary(self) -> str:
        lines = [f"Regimes ({self.model}) · {self.series.source} · {self.series.measure} by {self.series.period}",
                 f"pooled noise scale {self.scale:.4g} · penalty {self.penalty:.3g} · label threshold ±{self.threshold:.3g}"]
        for n in self.series.names:
            lines.append(f"\n{n}: {len(self.breaks[n])} break(s) {', '.join(self.breaks[n]) or '—'}")
            for r in self.regimes[n]:
                flag = " (provisional)" if r.get("provisional") else ""
                lines.append(f"  {r['start']:>8} … {r['end']:<8} level {r['level']:+.3f}  {r['label']}{flag}")
        return "\n".join(lines + [f"note: {x}" for x in self.notes])

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{"series": n, **{k: v for k, v in r.items() if k != "evidence"}}
                             for n in self.series.names for r in self.regimes[n]])


class RegimeModel:
    """``RegimeModel(series).fit()`` → RegimeResults. Settings are stored, nothing is fitted here."""

    def __init__(self, series: SeriesSet, *, penalty: float | None = None, min_size: int | None = None,
                 hazard: float | None = None, online_threshold: float = 0.5, threshold: float | None = None,
                 lag: int = 2):
        self.series, self.penalty, self.min_size = series, penalty, min_size
        self.hazard, self.online_threshold, self.threshold, self.lag = hazard, online_threshold, threshold, lag

    def fit(self, *, evidence=None) -> RegimeResults:
        """``evidence``: optional callable(series name, first period label, last label) → list of dicts."""
        s = self.series
        arrays = [s.array(n) for n in s.names]
        scale = pooled_scale(arrays)
        min_size = self.min_size or (3 if s.period == "year" else 4)
        breaks, regimes, p_break, notes = {}, {}, {}, []
        pens = []
        labels = s.labels
        for name, x in zip(s.names, arrays):
            ok = np.flatnonzero(np.isfinite(x))
            y = x[ok]
            n = len(y)
            if n == 0:  # e.g. a ratio measure for a pair without events: nothing to segment
                breaks[name], regimes[name], p_break[name] = [], [], {}
                notes.append(f"{name}: no covered period with a value; no regimes")
                continue
            pen = self.penalty if self.penalty is not None else 3.0 * np.log(max(n, 2))
            pens.append(pen)
            cut: list[int] = []
            if n >= 2 * min_size:
                algo = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit((y / scale).reshape(-1, 1))
                cut = [b for b in algo.predict(pen=pen) if b < n]
            hz = self.hazard or 1 / max(10.0, n / max(len(cut) + 1, 1))
            p = bocpd.break_probability(y, scale=scale, hazard=hz, lag=self.lag) if n else np.zeros(0)
            if n >= 3 and p[-1] > self.online_threshold and (not cut or cut[-1] < n - 1):
                cut.append(n - 1)  # a break in the newest period, seen online
            bounds = [0, *cut, n]
            segs = []
            for i, (a, b) in enumerate(zip(bounds[:-1], bounds[1:])):
                segs.append({"start": labels[ok[a]], "end": labels[ok[b - 1]], "n": int(b - a),
                             "level": round(float(np.mean(y[a:b])), 6),
                             "provisional": bool(i == len(bounds) - 2 and b - a == 1 and i > 0)})
            breaks[name] = [seg["start"] for seg in segs[1:]]
            regimes[name] = segs
            p_break[name] = {labels[ok[i]]: round(float(v), 4) for i, v in enumerate(p)}
            if len(ok) < len(x):
                notes.append(f"{name}: {len(x) - len(ok)} period(s) outside coverage skipped")
        levels = [abs(r["level"]) for rs in regimes.values() for r in rs]
        thr = self.threshold if self.threshold is not None else (max(levels) / 3 if levels and max(levels) > 0 else 1.0)
        for name, segs in regimes.items():
            prev = None
            for r in segs:
                r["label"] = "cooperative" if r["level"] > thr else "hostile" if r["level"] < -thr else "mixed"
                r["change"] = None if prev is None else round((r["level"] - prev) / scale, 3)  # in pooled SDs
                r["evidence"] = evidence(name, r["start"], r["end"]) if evidence and prev is not None else []
                prev = r["level"]
        return RegimeResults(s, scale, float(np.median(pens)) if pens else 0.0, thr, breaks, regimes, p_break,
                             notes=notes)


def store_evidence(con, series: SeriesSet, *, window: int = 1, limit: int = 5):
    """Evidence for a boundary: the pair's top milestones within ``window`` periods of it."""
    import datetime as dt

    from entente.analysis import indices, milestones
    from entente.models.series import label_of, to_period

    pairs = {(f"{a}-{b}" if series.meta.get("undirected") else f"{a}->{b}"): (a, b)
             for a, b in series.meta.get("dyads", [])}
    kind = "year" if series.period == "year" else series.period

    def ev(name: str, start: str, _end: str) -> list[dict]:
        if name not in pairs:
            return []
        a, b = pairs[name]
        p = to_period(start, kind)
        lo = indices.period_range(kind, label_of(p - window, kind))[0]
        hi = indices.period_range(kind, label_of(p + window, kind))[1] - dt.timedelta(days=1)
        ms = milestones.milestones(con, a, b, start=lo.isoformat(), end=hi.isoformat(),
                                   undirected=bool(series.meta.get("undirected")))
        rows = ms.head(limit)
        return [{"date": str(m.date), "label": m.label, "score": round(float(m.score), 3),
                 "n_sources": int(m.n_sources), "event_ids": list(m.event_ids)[:10]} for m in rows.itertuples()]

    return ev
