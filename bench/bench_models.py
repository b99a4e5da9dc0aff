"""Scenario Monte Carlo speed: 10,000 paths × 24 months × 6 triangle dyads on one core.

Reported as a ratio to a baseline in the same process: drawing the same number
of standard normals (the irreducible part of the work). Prints seconds too.
Run: OMP_NUM_THREADS=1 .venv/bin/python bench/bench_models.py
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time  # noqa: E402

import numpy as np  # noqa: E402

from entente.models import scenarios  # noqa: E402


def main(rounds: int = 5) -> None:
    k = 6
    base = scenarios.Baseline(names=list(scenarios_names()), level=np.zeros(k), s2_eps=np.ones(k),
                              s2_eta=np.full(k, 0.1), nobs=np.full(k, 120.0), corr=np.eye(k))
    scen = scenarios.load(scenarios.shipped()[-1])
    sim, rnd = [], []
    for _ in range(rounds):  # interleave baseline and work
        t = time.perf_counter()
        rng = np.random.default_rng(0)
        rng.standard_normal((10_000, 24, k)); rng.standard_normal((10_000, 24, k))
        rnd.append(time.perf_counter() - t)
        t = time.perf_counter()
        out = scenarios.simulate(base, scen, n_paths=10_000, horizon=24, seed=0)
        np.quantile(out["scenario"], [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975], axis=0)
        sim.append(time.perf_counter() - t)
    s, r = min(sim), min(rnd)
    print(f"scenario MC 10000x24x6 incl. bands: {s:.3f} s (best of {rounds}); "
          f"baseline (normals only): {r:.3f} s; ratio {s / r:.1f}x; under 1 s: {s < 1.0}")


def scenarios_names():
    from entente.models.series import TRIANGLE

    return TRIANGLE


if __name__ == "__main__":
    main()
