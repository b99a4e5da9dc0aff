"""A predictive distribution for one series at one horizon: location + scale × a
standard shape, the shape either Gaussian or an empirical sample of
standardised errors (heavy tails and skew kept as observed)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scoringrules as sr
from scipy import stats

LEVELS = (0.5, 0.8, 0.95)


@dataclass
class Predictive:
    mean: float
    scale: float
    z: np.ndarray | None = None  # sorted standardised errors; None = Gaussian

    def quantile(self, q):
        q = np.asarray(q, dtype=float)
        if self.z is None:
            return self.mean + self.scale * stats.norm.ppf(q)
        return self.mean + self.scale * np.quantile(self.z, q)

    def interval(self, level: float) -> tuple[float, float]:
        lo, hi = self.quantile([(1 - level) / 2, (1 + level) / 2])
        return float(lo), float(hi)

    def crps(self, y: float) -> float:
        if self.z is None:
            return float(sr.crps_normal(y, self.mean, self.scale))
        return float(sr.crps_ensemble(y, self.mean + self.scale * self.z))

    def pit(self, y: float) -> float:
        if self.z is None:
            return float(stats.norm.cdf((y - self.mean) / self.scale))
        u = (y - self.mean) / self.scale
        lo = np.searchsorted(self.z, u, side="left")
        hi = np.searchsorted(self.z, u, side="right")
        return float((lo + hi) / 2 / len(self.z))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        if self.z is None:
            return self.mean + self.scale * rng.standard_normal(n)
        return self.mean + self.scale * rng.choice(self.z, n)

    @property
    def shape(self) -> str:
        return "gaussian" if self.z is None else f"empirical({len(self.z)})"


def gaussian(mean: float, sd: float) -> Predictive:
    return Predictive(float(mean), max(float(sd), 1e-9))
