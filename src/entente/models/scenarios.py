"""Scenarios: YAML files of shocks to named series, simulated as Monte Carlo paths
of each series' local level (default 10,000 paths × 24 periods).

File format (validated on load; errors name the file and the key)::

    name: Putin leaves office          # required
    probability: 0.1                   # optional, an assumption, reported only
    horizon: 24                        # optional, periods ahead (1-24)
    shocks:                            # sizes are in SDs of the series' period-to-period noise
      - series: [RUS->CHN, CHN->RUS]   # names, or "all"
        kind: step                     # step: moves the level itself from onset (for duration periods)
        size: {dist: normal, mean: -1.0, sd: 0.5}   # number, or normal / uniform / triangular
        onset: {dist: uniform, low: 1, high: 12}     # period ahead (1 = next), number or distribution
        duration: 12                   # optional; omitted = permanent
      - {series: all, kind: pulse, size: -2, onset: 3, decay: 0.7}   # size·decay^(t−onset)
      - {series: all, kind: regime, scale: 1.5, onset: 1}            # noise ×scale from onset
    conditions:                        # hard conditions: paths breaking one are dropped
      - {series: CHN->RUS, at: 24, op: ">", value: 0}

Baseline and scenario share every random number (common random numbers), so
scenario − baseline shows the shocks' effect alone. Parameter uncertainty:
each path draws its own noise variances (scaled inverse-chi-square around the
fitted ones, with the window's degrees of freedom).
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from entente.errors import ConfigError

NAME = "scenarios.local-level-mc.v1"
KINDS = ("step", "pulse", "regime")
DISTS = ("normal", "uniform", "triangular")
OPS = {">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal}


def shipped() -> list[Path]:
    d = resources.files("entente") / "data" / "scenarios"
    return sorted(Path(str(p)) for p in d.iterdir() if str(p).endswith(".yaml"))


def _dist(v, where: str):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return ("const", float(v))
    if not isinstance(v, dict) or v.get("dist") not in DISTS:
        raise ConfigError(f"{where}: expected a number or {{dist: {'|'.join(DISTS)}, ...}}")
    try:
        if v["dist"] == "normal":
            return ("normal", float(v["mean"]), float(v["sd"]))
        if v["dist"] == "uniform":
            return ("uniform", float(v["low"]), float(v["high"]))
        return ("triangular", float(v["low"]), float(v["mode"]), float(v["high"]))
    except KeyError as e:
        raise ConfigError(f"{where}: {v['dist']} needs {e.args[0]!r}") from None


def _draw(d, rng, n):
    if d[0] == "const":
        return np.full(n, d[1])
    if d[0] == "normal":
        return rng.normal(d[1], d[2], n)
    if d[0] == "uniform":
        return rng.uniform(d[1], d[2], n)
    return rng.triangular(d[1], d[2], d[3], n)


@dataclass
class Scenario:
    name: str
    path: str
    probability: float | None
    horizon: int
    shocks: list[dict]
    conditions: list[dict]
    description: str = ""


def load(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path}: not valid YAML ({str(e).splitlines()[0]})") from None
    if not isinstance(doc, dict) or not doc.get("name"):
        raise ConfigError(f"{path}: needs a 'name' key at the top")
    prob = doc.get("probability")
    if prob is not None and not (isinstance(prob, (int, float)) and 0 <= prob <= 1):
        raise ConfigError(f"{path}: probability must be between 0 and 1")
    horizon = doc.get("horizon", 24)
    if not isinstance(horizon, int) or not 1 <= horizon <= 24:
        raise ConfigError(f"{path}: horizon must be an integer 1-24")
    shocks = []
    for i, s in enumerate(doc.get("shocks") or []):
        where = f"{path}: shocks[{i}]"
        if not isinstance(s, dict) or s.get("kind") not in KINDS:
            raise ConfigError(f"{where}.kind: expected one of {', '.join(KINDS)}")
        ser = s.get("series", "all")
        ser = [ser] if isinstance(ser, str) else list(ser)
        sh = {"series": ser, "kind": s["kind"], "onset": _dist(s.get("onset", 1), f"{where}.onset"),
              "size": _dist(s.get("size", 0.0), f"{where}.size"), "duration": s.get("duration"),
              "decay": float(s.get("decay", 0.7)), "scale": float(s.get("scale", 1.0))}
        if sh["kind"] != "regime" and "size" not in s:
            raise ConfigError(f"{where}.size: a {s['kind']} shock needs a size")
        if not 0 <= sh["decay"] < 1:
            raise ConfigError(f"{where}.decay: must be in [0, 1)")
        shocks.append(sh)
    conds = []
    for i, c in enumerate(doc.get("conditions") or []):
        if not isinstance(c, dict) or c.get("op") not in OPS or "series" not in c or "value" not in c:
            raise ConfigError(f"{path}: conditions[{i}]: needs series, op ({' '.join(OPS)}), value[, at]")
        conds.append({"series": c["series"], "op": c["op"], "value": float(c["value"]), "at": c.get("at")})
    return Scenario(str(doc["name"]), str(path), prob, horizon, shocks, conds, str(doc.get("description", "")))


@dataclass
class Baseline:
    """What a simulation starts from: per series the current level, noise variances, and nobs."""
    names: list[str]
    level: np.ndarray
    s2_eps: np.ndarray
    s2_eta: np.ndarray
    nobs: np.ndarray
    corr: np.ndarray  # correlation of level innovations across series

    @classmethod
    def from_results(cls, res) -> "Baseline":
        names = res.names
        lv = np.array([res.fits[n].filtered_state[0, -1] for n in names])
        pe = np.array([res.fits[n].params[0] for n in names])
        pl = np.array([res.fits[n].params[1] for n in names])
        nobs = np.array([res.fits[n].nobs for n in names], dtype=float)
        d = res.frame.diff().dropna()
        with np.errstate(invalid="ignore", divide="ignore"):  # a constant series has no correlation: 0
            corr = np.corrcoef(d.to_numpy().T) if len(names) > 1 and len(d) > 3 else np.eye(len(names))
        corr = np.nan_to_num(np.atleast_2d(corr)) * (1 - np.eye(len(names))) * 0.9 + np.eye(len(names))
        return cls(names, lv, np.maximum(pe, 1e-12), np.maximum(pl, 1e-12), nobs, corr)


def simulate(base: Baseline, scen: Scenario | None, *, n_paths: int = 10_000, horizon: int = 24,
             seed: int = 0) -> dict[str, np.ndarray]:
    """Paths (n_paths × horizon × series) for the baseline and the scenario, same random numbers."""
    rng = np.random.default_rng(seed)
    k = len(base.names)
    # parameter uncertainty: sigma^2 * df / chi2(df) per path and series
    df = np.maximum(base.nobs - 2, 3)
    s2e = base.s2_eps * df / rng.chisquare(df, (n_paths, k))
    s2l = base.s2_eta * df / rng.chisquare(df, (n_paths, k))
    chol = np.linalg.cholesky(base.corr)
    z_lvl = rng.standard_normal((n_paths, horizon, k)) @ chol.T
    z_obs = rng.standard_normal((n_paths, horizon, k))
    sd_l, sd_e = np.sqrt(s2l)[:, None, :], np.sqrt(s2e)[:, None, :]
    base_paths = base.level + np.cumsum(z_lvl * sd_l, axis=1) + z_obs * sd_e
    out = {"baseline": base_paths}
    if scen is None:
        return out
    unit = np.sqrt(base.s2_eps + base.s2_eta)  # one SD = the sd of a period-to-period change's noise
    srng = np.random.default_rng([seed, 1])  # shock draws, separate stream: base numbers stay common
    t = np.arange(1, horizon + 1)[None, :]
    lvl_shift = np.zeros((n_paths, horizon, k))
    vol = np.ones((n_paths, horizon, k))
    for sh in scen.shocks:
        cols = _cols(sh["series"], base.names, scen.path)
        onset = np.clip(np.rint(_draw(sh["onset"], srng, n_paths)), 1, horizon)[:, None]
        size = _draw(sh["size"], srng, n_paths)[:, None]
        if sh["kind"] == "step":
            on = t >= onset
            if sh["duration"] is not None:
                on &= t < onset + int(sh["duration"])
            eff = on * size
        elif sh["kind"] == "pulse":
            eff = (t >= onset) * size * sh["decay"] ** np.maximum(t - onset, 0)
        else:
            vol[:, :, cols] *= np.where(t >= onset, sh["scale"], 1.0)[:, :, None]
            eff = (t >= onset) * size
        lvl_shift[:, :, cols] += eff[:, :, None] * unit[cols]
    # a regime overlay scales the noise from its onset; steps move the level the walk continues from
    scen_paths = base.level + np.cumsum(z_lvl * sd_l * vol, axis=1) + z_obs * sd_e * vol + lvl_shift
    keep = np.ones(n_paths, dtype=bool)
    for c in scen.conditions:
        j = _cols([c["series"]], base.names, scen.path)[0]
        at = int(c["at"] or horizon)
        if not 1 <= at <= horizon:
            raise ConfigError(f"{scen.path}: condition at {at} is outside 1-{horizon}")
        keep &= OPS[c["op"]](scen_paths[:, at - 1, j], c["value"])
    out["scenario"], out["keep"] = scen_paths, keep
    return out


def _cols(series: list[str], names: list[str], path: str) -> list[int]:
    if series == ["all"]:
        return list(range(len(names)))
    missing = [s for s in series if s not in names]
    if missing:
        raise ConfigError(f"{path}: series {', '.join(missing)} not in the data ({', '.join(names)})")
    return [names.index(s) for s in series]


def _bands(paths: np.ndarray, labels: list[str], names: list[str]) -> dict:
    qs = np.quantile(paths, [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975], axis=0)
    keys = ["lo95", "lo80", "lo50", "median", "hi50", "hi80", "hi95"]
    return {n: [{"period": labels[h], **{k: round(float(qs[i, h, j]), 4) for i, k in enumerate(keys)},
                 "mean": round(float(paths[:, h, j].mean()), 4)} for h in range(paths.shape[1])]
            for j, n in enumerate(names)}


def run(results, scen: Scenario, *, future_labels: list[str], n_paths: int = 10_000, seed: int = 0) -> dict:
    """Simulate ``scen`` over a fitted local level; bands for scenario and scenario − baseline."""
    base = Baseline.from_results(results)
    h = min(scen.horizon, len(future_labels))
    sims = simulate(base, scen, n_paths=n_paths, horizon=h, seed=seed)
    keep = sims["keep"]
    if not keep.any():
        raise ConfigError(f"{scen.path}: no path meets the scenario's conditions")
    labels = future_labels[:h]
    return {"scenario": scen.name, "file": scen.path, "probability": scen.probability, "model": NAME,
            "n_paths": n_paths, "n_kept": int(keep.sum()), "seed": seed, "horizon": h,
            "baseline": _bands(sims["baseline"], labels, base.names),
            "bands": _bands(sims["scenario"][keep], labels, base.names),
            "difference": _bands(sims["scenario"][keep] - sims["baseline"][keep], labels, base.names)}
