"""Forecast models in statsmodels' shape: ``Model(frame).fit()`` → results with
``summary()``, ``forecast(steps)``, ``bands(steps)``, ``predictive(steps)`` and
``to_frame(steps)``.

- ``LocalLevel``: a random-walk level observed with noise, per series
  (statsmodels ``UnobservedComponents('llevel')``, the same model as
  SARIMAX(0,1,1)). It does not revert to the historical mean. Its bands are
  ``empirical`` by default: the model's h-step standard deviation times the
  quantiles of the in-sample standardised h-step errors (observed minus the
  filtered level h periods earlier), so heavy tails found in the history widen
  the outer band and narrow the inner one. ``bands="gaussian"`` gives the
  textbook normal bands.
- ``VARDiff``: a VAR on first differences across all series of a call (lag by
  AIC up to ``maxlags``), levels cumulated: cross-series dynamics without
  reversion to the mean. Gaussian bands from the cumulated MA covariance.

The frame is periods × series (``SeriesSet.values``); NaN (not covered) is
skipped by the local level and carried forward for the VAR.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from entente.errors import ConfigError
from entente.models.predictive import LEVELS, Predictive, gaussian

MIN_OBS = 8
MIN_RESID = 30  # fewer in-sample errors than this: Gaussian shape


def _quiet_fit(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on short windows; params are checked instead
        return fn()


class _Results:
    model_name = "model"

    def predictive(self, steps: int) -> dict[str, list[Predictive]]:  # pragma: no cover - interface
        raise NotImplementedError

    def forecast(self, steps: int = 12) -> pd.DataFrame:
        pred = self.predictive(steps)
        return pd.DataFrame({n: [p.mean for p in ps] for n, ps in pred.items()}, index=range(1, steps + 1))

    def bands(self, steps: int = 12, levels=LEVELS) -> pd.DataFrame:
        rows = []
        for name, ps in self.predictive(steps).items():
            for h, p in enumerate(ps, start=1):
                row = {"series": name, "h": h, "mean": p.mean, "median": float(p.quantile(0.5))}
                for lv in levels:
                    lo, hi = p.interval(lv)
                    row[f"lo{int(lv * 100)}"], row[f"hi{int(lv * 100)}"] = lo, hi
                rows.append(row)
        return pd.DataFrame(rows)

    def to_frame(self, steps: int = 12) -> pd.DataFrame:
        return self.bands(steps)

    def summary(self) -> str:
        return f"{self.model_name}: " + ", ".join(self.names)


class LocalLevel:
    name = "local-level"

    def __init__(self, frame: pd.DataFrame, *, bands: str = "empirical", start_params: dict | None = None):
        if bands not in ("empirical", "gaussian"):
            raise ConfigError(f"unknown bands {bands!r}; valid: empirical, gaussian")
        self.frame, self.bands, self.start_params = frame, bands, start_params or {}

    def fit(self, *, refit: bool = True) -> "LocalLevelResults":
        """``refit=False`` with start_params: filter the new data with the given parameters (no estimation)."""
        from statsmodels.tsa.statespace.structural import UnobservedComponents

        fits = {}
        for name in self.frame.columns:
            y = self.frame[name].to_numpy(dtype=float)
            if np.isfinite(y).sum() < MIN_OBS:
                raise ConfigError(f"series {name}: {int(np.isfinite(y).sum())} covered periods; "
                                  f"a local level needs {MIN_OBS}")
            mod = UnobservedComponents(y, level="llevel")
            sp = self.start_params.get(name)
            if not refit and sp is not None:
                fits[name] = mod.filter(sp)
            else:
                fits[name] = _quiet_fit(lambda: mod.fit(start_params=sp, disp=False, maxiter=200))
        return LocalLevelResults(self.frame, fits, self.bands)


class LocalLevelResults(_Results):
    model_name = "local-level"

    def __init__(self, frame, fits, bands):
        self.frame, self.fits, self.band_kind = frame, fits, bands
        self.names = list(frame.columns)
        self._z: dict[tuple[str, int], np.ndarray | None] = {}

    def params(self) -> dict[str, dict[str, float]]:
        return {n: {"sigma2_irregular": float(f.params[0]), "sigma2_level": float(f.params[1])}
                for n, f in self.fits.items()}

    def start_params(self) -> dict[str, np.ndarray]:
        return {n: np.asarray(f.params) for n, f in self.fits.items()}

    def _errors(self, name: str, h: int) -> np.ndarray | None:
        """In-sample standardised h-step errors: (y[t+h] - level[t|t]) / sd_h(t)."""
        key = (name, h)
        if key not in self._z:
            f = self.fits[name]
            y = self.frame[name].to_numpy(dtype=float)
            s_eps, s_eta = float(f.params[0]), float(f.params[1])
            a = f.filtered_state[0]
            p = f.filtered_state_cov[0, 0]
            burn = min(12, len(y) // 4)
            t = np.arange(burn, len(y) - h)
            e = (y[t + h] - a[t]) / np.sqrt(p[t] + h * s_eta + s_eps)
            e = np.sort(e[np.isfinite(e)])
            self._z[key] = e if len(e) >= MIN_RESID else None
        return self._z[key]

    def predictive(self, steps: int, *, bands: str | None = None) -> dict[str, list[Predictive]]:
        kind = bands or self.band_kind
        out = {}
        for name, f in self.fits.items():
            fc = f.get_forecast(steps)
            mean, var = np.asarray(fc.predicted_mean), np.asarray(fc.var_pred_mean)
            ps = []
            for h in range(1, steps + 1):
                z = self._errors(name, h) if kind == "empirical" else None
                ps.append(Predictive(float(mean[h - 1]), float(np.sqrt(var[h - 1])), z) if z is not None
                          else gaussian(mean[h - 1], np.sqrt(var[h - 1])))
            out[name] = ps
        return out

    def summary(self) -> str:
        lines = [f"Local level (UnobservedComponents 'llevel' = SARIMAX(0,1,1)), bands: {self.band_kind}"]
        for n, f in self.fits.items():
            lines.append(f"  {n}: sigma2_irregular {f.params[0]:.4g}  sigma2_level {f.params[1]:.4g}  "
                         f"level now {f.filtered_state[0, -1]:+.4g}  loglik {f.llf:.2f}  nobs {f.nobs}")
        return "\n".join(lines)


class VARDiff:
    name = "var-diff"

    def __init__(self, frame: pd.DataFrame, *, maxlags: int = 4):
        self.frame, self.maxlags = frame, maxlags

    def fit(self) -> "VARDiffResults":
        from statsmodels.tsa.api import VAR

        lv = self.frame.ffill().dropna()
        d = lv.diff().dropna()
        if len(d) < 3 * self.maxlags + 10:
            raise ConfigError(f"{len(d)} periods; a VAR on differences needs {3 * self.maxlags + 10}")
        if d.shape[1] < 2:
            raise ConfigError("a VAR needs at least two series; use the local level for one")
        mod = VAR(d.to_numpy())
        res = _quiet_fit(lambda: mod.fit(maxlags=self.maxlags, ic="aic", trend="c"))
        return VARDiffResults(self.frame, lv, d, res)


class VARDiffResults(_Results):
    model_name = "var-diff"

    def __init__(self, frame, levels, diffs, res):
        self.frame, self.levels, self.diffs, self.res = frame, levels, diffs, res
        self.names = list(frame.columns)

    def predictive(self, steps: int) -> dict[str, list[Predictive]]:
        p = max(self.res.k_ar, 1)
        dfc = self.res.forecast(self.diffs.to_numpy()[-p:], steps)
        mean = self.levels.to_numpy()[-1] + np.cumsum(dfc, axis=0)
        psi = self.res.ma_rep(steps)  # psi[0] = I
        cum = np.cumsum(psi, axis=0)
        sig = self.res.sigma_u
        out = {n: [] for n in self.names}
        for h in range(1, steps + 1):
            cov = sum(cum[h - k] @ sig @ cum[h - k].T for k in range(1, h + 1))
            for i, n in enumerate(self.names):
                out[n].append(gaussian(mean[h - 1, i], np.sqrt(cov[i, i])))
        return out

    def summary(self) -> str:
        return (f"VAR on first differences, lag {self.res.k_ar} (AIC), {self.res.nobs} periods, "
                f"series: {', '.join(self.names)}")


MODELS = {"local-level": LocalLevel, "var-diff": VARDiff}


def model_class(name: str):
    if name not in MODELS:
        raise ConfigError(f"unknown model {name!r}; valid: {', '.join(MODELS)}")
    return MODELS[name]
