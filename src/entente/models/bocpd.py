"""Online Bayesian change-point detection (Adams & MacKay 2007) with a
Normal-Gamma model, vectorised over run lengths.

Convention: run length r_t = 0 means period t is the *first* observation of a
new regime, scored with the prior predictive. So P(r_t = 0 | x_1..t) is
informative on the newest period itself: a break in the last period shows up
as soon as that period is observed.

The precision prior is centred on the pooled noise scale with weight
``prior_strength`` pseudo-observations, so every series of one call measures
change in the same units.
"""
from __future__ import annotations

import numpy as np
from scipy.special import gammaln

NAME = "bocpd-normal-gamma.v1"


def _student_logpdf(x, mu, var, nu):
    z = (x - mu) ** 2 / var
    return (gammaln((nu + 1) / 2) - gammaln(nu / 2) - 0.5 * np.log(np.pi * nu * var)
            - (nu + 1) / 2 * np.log1p(z / nu))


def run_length_posterior(x: np.ndarray, *, scale: float, hazard: float = 1 / 40, mu0: float | None = None,
                         level_sd: float | None = None, prior_strength: float = 20.0) -> np.ndarray:
    """R[t, r] = P(r_t = r | x_1..t) for a series without NaN (lower-triangular, rows sum to 1)."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    mu0 = float(np.median(x)) if mu0 is None else mu0
    level_sd = max(float(np.std(x)), scale) * 2 if level_sd is None else level_sd
    kappa0 = scale ** 2 / level_sd ** 2  # prior on the mean: level_sd wide, in units of the noise
    alpha0 = prior_strength / 2
    beta0 = alpha0 * scale ** 2
    R = np.zeros((n, n))
    mu = np.array([mu0]); kappa = np.array([kappa0]); alpha = np.array([alpha0]); beta = np.array([beta0])
    log_joint = None  # log P(r_{t-1}=r, x_1..t-1)
    for t in range(n):
        pred = _student_logpdf(x[t], mu, beta * (kappa + 1) / (alpha * kappa), 2 * alpha)
        if log_joint is None:
            new = np.array([pred[0]])
        else:
            grow = log_joint + np.log1p(-hazard) + pred[1:]
            cp = np.logaddexp.reduce(log_joint) + np.log(hazard) + pred[0]
            new = np.concatenate([[cp], grow])
        new -= np.logaddexp.reduce(new)
        R[t, : len(new)] = np.exp(new)
        log_joint = new
        # posterior parameters for run lengths 0..t after seeing x_t, plus the prior for a fresh run
        mu_n = (kappa * mu + x[t]) / (kappa + 1)
        beta_n = beta + kappa * (x[t] - mu) ** 2 / (2 * (kappa + 1))
        mu = np.concatenate([[mu0], mu_n]); beta = np.concatenate([[beta0], beta_n])
        kappa = np.concatenate([[kappa0], kappa + 1]); alpha = np.concatenate([[alpha0], alpha + 0.5])
    return R


def break_probability(x: np.ndarray, *, scale: float, lag: int = 2, **kw) -> np.ndarray:
    """P(a new regime starts at t), judged with ``lag`` periods after t where the
    series has them (fewer at the end; the newest period uses itself alone)."""
    R = run_length_posterior(x, scale=scale, **kw)
    n = len(x)
    out = np.zeros(n)
    for t in range(n):
        s = min(n - 1, t + lag)
        out[t] = R[s, s - t]
    out[0] = 0.0  # the first period starts the record, not a new regime
    return out
