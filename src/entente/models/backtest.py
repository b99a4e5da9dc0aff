"""Rolling-origin backtest: refit on an expanding window at each origin, forecast
every horizon, score against what happened, next to three baselines.

Scores per series and horizon: n, rmse, crps (mean, via ``scoringrules``),
coverage of the 50/80/95 % bands, bias (mean of observed − forecast: positive
when the model forecasts too low) and pit_p (Kolmogorov–Smirnov p-value of the
PIT values against uniform; for h > 1 the forecasts overlap, so the p-value
is optimistic about independence). Baselines: persistence (last value,
Gaussian with the sd of past h-period changes), expanding mean (Gaussian with
the sd of the window) and the local level with Gaussian bands.

A model *fails calibration* at a horizon when its 80 % coverage is outside
0.70–0.90, its 95 % coverage is below 0.88, or pit_p < 0.01; the verdict is
in the output, not only in the numbers.
"""
from __future__ import annotations

import numpy as np
from scipy import stats

from entente.errors import ConfigError
from entente.models.forecast import LocalLevel, model_class
from entente.models.predictive import LEVELS, Predictive, gaussian
from entente.models.series import SeriesSet

NAME = "backtest.rolling-origin.v1"
BASELINES = ("persistence", "expanding-mean", "local-level-gaussian")


def _persistence(y: np.ndarray, h: int) -> Predictive:
    y = y[np.isfinite(y)]
    d = y[h:] - y[:-h]
    return gaussian(y[-1], np.std(d, ddof=1) if len(d) > 1 else 1.0)


def _expanding_mean(y: np.ndarray, h: int) -> Predictive:
    y = y[np.isfinite(y)]
    return gaussian(y.mean(), np.std(y, ddof=1) * np.sqrt(1 + 1 / len(y)))


class _Scores:
    def __init__(self):
        self.obs, self.mean, self.crps, self.pit = [], [], [], []
        self.hit = {lv: [] for lv in LEVELS}

    def add(self, p: Predictive, y: float) -> None:
        self.obs.append(y)
        self.mean.append(p.mean)
        self.crps.append(p.crps(y))
        self.pit.append(p.pit(y))
        for lv in LEVELS:
            lo, hi = p.interval(lv)
            self.hit[lv].append(lo <= y <= hi)

    def result(self) -> dict:
        n = len(self.obs)
        if not n:
            return {"n": 0}
        err = np.asarray(self.obs) - np.asarray(self.mean)
        out = {"n": n, "rmse": float(np.sqrt(np.mean(err ** 2))), "crps": float(np.mean(self.crps))}
        for lv in LEVELS:
            out[f"coverage{int(lv * 100)}"] = float(np.mean(self.hit[lv]))
        out["bias"] = float(np.mean(err))
        out["pit_p"] = float(stats.kstest(self.pit, "uniform").pvalue) if n >= 5 else None
        out = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}
        out["calibration"] = verdict(out)
        return out


def verdict(s: dict) -> str:
    why = []
    if s.get("coverage80") is not None and not 0.70 <= s["coverage80"] <= 0.90:
        why.append(f"80% coverage {s['coverage80']:.2f}")
    if s.get("coverage95") is not None and s["coverage95"] < 0.88:
        why.append(f"95% coverage {s['coverage95']:.2f}")
    if s.get("pit_p") is not None and s["pit_p"] < 0.01:
        why.append(f"PIT not uniform (p={s['pit_p']:.3g})")
    return "ok" if not why else "fails: " + "; ".join(why)


def backtest(series: SeriesSet, *, start: str, horizons=(1, 6, 12), model: str = "local-level",
             baselines=BASELINES, end: str | None = None, refit_every: int = 1) -> dict:
    """Scores of ``model`` and the baselines per series and horizon (JSON-ready)."""
    horizons = sorted({int(h) for h in horizons})
    if not horizons or horizons[0] < 1 or horizons[-1] > 24:
        raise ConfigError("horizons must be between 1 and 24")
    bad = [b for b in baselines if b not in BASELINES]
    if bad:
        raise ConfigError(f"unknown baseline {bad[0]!r}; valid: {', '.join(BASELINES)}")
    cls = model_class(model)
    frame = series.values
    first = series.index_of(start)
    last = series.index_of(end) if end else len(frame) - 1
    if first < 8:
        raise ConfigError(f"--start {start}: fewer than 8 periods before it to fit on")
    H = horizons[-1]
    names = series.names
    scores = {n: {m: {h: _Scores() for h in horizons} for m in (model, *baselines)} for n in names}
    fitted, start_params = None, None
    for k, origin in enumerate(range(first - 1, last)):
        train = frame.iloc[: origin + 1]
        refit = fitted is None or k % refit_every == 0
        if cls is LocalLevel:  # between refits the level is filtered with the last parameters
            fitted = cls(train, start_params=start_params).fit(refit=refit)
            start_params = fitted.start_params()
        elif refit:
            fitted = cls(train).fit()
        pred = fitted.predictive(H)
        gauss = fitted.predictive(H, bands="gaussian") if cls is LocalLevel else None
        if "local-level-gaussian" in baselines and gauss is None:
            gauss = LocalLevel(train, bands="gaussian").fit().predictive(H)
        for n in names:
            y_train = train[n].to_numpy(dtype=float)
            for h in horizons:
                t = origin + h
                if t > last or not np.isfinite(frame[n].iat[t]):
                    continue
                y = float(frame[n].iat[t])
                scores[n][model][h].add(pred[n][h - 1], y)
                if "persistence" in baselines:
                    scores[n]["persistence"][h].add(_persistence(y_train, h), y)
                if "expanding-mean" in baselines:
                    scores[n]["expanding-mean"][h].add(_expanding_mean(y_train, h), y)
                if "local-level-gaussian" in baselines:
                    scores[n]["local-level-gaussian"][h].add(gauss[n][h - 1], y)
    out = {}
    for n in names:
        res = {m: {str(h): scores[n][m][h].result() for h in horizons} for m in (model, *baselines)}
        out[n] = {"model": model, "horizons": res[model], "baselines": {b: res[b] for b in baselines},
                  "calibration": {h: r.get("calibration") for h, r in res[model].items()}}
    return {"backtest": NAME, "start": start, "end": series.labels[last], "origins": last - first + 1,
            "refit_every": refit_every, "coverage": series.coverage(), "series": out}


def format_table(result: dict) -> str:
    lines = [f"rolling-origin backtest from {result['start']} to {result['end']} ({result['origins']} origins)"]
    for n, s in result["series"].items():
        lines.append(f"\n{n}")
        lines.append(f"  {'model':<22}{'h':>3}{'n':>5}{'rmse':>8}{'crps':>8}{'cov50':>7}{'cov80':>7}{'cov95':>7}"
                     f"{'bias':>8}{'pit_p':>8}  calibration")
        for m, hs in [(s["model"], s["horizons"]), *s["baselines"].items()]:
            for h, r in hs.items():
                if not r.get("n"):
                    continue
                pit = "—" if r["pit_p"] is None else f"{r['pit_p']:.3f}"
                lines.append(f"  {m:<22}{h:>3}{r['n']:>5}{r['rmse']:>8.2f}{r['crps']:>8.2f}{r['coverage50']:>7.2f}"
                             f"{r['coverage80']:>7.2f}{r['coverage95']:>7.2f}{r['bias']:>+8.2f}{pit:>8}  "
                             f"{r['calibration']}")
    return "\n".join(lines)
