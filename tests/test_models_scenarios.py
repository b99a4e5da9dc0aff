"""Scenario files: validation, common random numbers, shock effects, conditions, the shipped four, the CLI."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from entente.errors import ConfigError
from entente.models import scenarios
from entente.models.forecast import LocalLevel
from entente.models.series import TRIANGLE, from_frame
from entente.views.cli import app


def _triangle_frame(n: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    months = [f"{2019 + i // 12}-{i % 12 + 1:02d}" for i in range(n)]
    rows = [(m, name, float(v)) for name in TRIANGLE
            for m, v in zip(months, np.cumsum(rng.normal(0, 0.3, n)) + rng.normal(0, 1, n))]
    return pd.DataFrame(rows, columns=["period", "series", "value"])


@pytest.fixture(scope="module")
def fit():
    return LocalLevel(from_frame(_triangle_frame()).values, bands="gaussian").fit()


def _write(tmp_path, text: str):
    p = tmp_path / "s.yaml"
    p.write_text(text)
    return p


def test_bad_files_name_the_key(tmp_path):
    with pytest.raises(ConfigError, match=r"s.yaml: shocks\[0\].kind"):
        scenarios.load(_write(tmp_path, "name: x\nshocks:\n  - {kind: jump, size: 1}\n"))
    with pytest.raises(ConfigError, match=r"shocks\[0\].size: normal needs 'sd'"):
        scenarios.load(_write(tmp_path, "name: x\nshocks:\n  - {kind: step, size: {dist: normal, mean: 1}}\n"))
    with pytest.raises(ConfigError, match="needs a 'name'"):
        scenarios.load(_write(tmp_path, "shocks: []\n"))
    with pytest.raises(ConfigError, match="not valid YAML"):
        scenarios.load(_write(tmp_path, "name: [x\n"))


def test_common_random_numbers_and_step_size(tmp_path, fit):
    base = scenarios.Baseline.from_results(fit)
    none = scenarios.load(_write(tmp_path, "name: nothing\nshocks: []\n"))
    sims = scenarios.simulate(base, none, n_paths=500, horizon=24, seed=3)
    assert np.array_equal(sims["baseline"], sims["scenario"])  # same numbers: zero difference
    step = scenarios.load(_write(tmp_path, "name: s\nshocks:\n  - {series: [CHN->RUS], kind: step, size: -2, onset: 6}\n"))
    sims = scenarios.simulate(base, step, n_paths=500, horizon=24, seed=3)
    d = sims["scenario"] - sims["baseline"]
    j = base.names.index("CHN->RUS")
    unit = np.sqrt(base.s2_eps[j] + base.s2_eta[j])
    assert np.allclose(d[:, :5, j], 0) and np.allclose(d[:, 5:, j], -2 * unit)
    assert np.allclose(np.delete(d, j, axis=2), 0)  # other dyads untouched


def test_pulse_decays_and_conditions_drop_paths(tmp_path, fit):
    base = scenarios.Baseline.from_results(fit)
    sc = scenarios.load(_write(tmp_path, "name: p\nshocks:\n  - {series: all, kind: pulse, size: 3, onset: 1, "
                                         "decay: 0.5}\nconditions:\n  - {series: USA->CHN, at: 24, op: '>', value: 0}\n"))
    sims = scenarios.simulate(base, sc, n_paths=2000, horizon=24, seed=1)
    d = (sims["scenario"] - sims["baseline"])[:, :, 0]
    assert d[0, 0] > d[0, 1] > d[0, 5] > 0
    j = base.names.index("USA->CHN")
    kept = sims["scenario"][sims["keep"], 23, j]
    assert (kept > 0).all() and 0 < sims["keep"].mean() < 1


def test_shipped_scenarios_run(fit):
    files = scenarios.shipped()
    assert len(files) == 4
    labels = [f"2024-{m:02d}" for m in range(1, 13)] + [f"2025-{m:02d}" for m in range(1, 13)]
    for f in files:
        text = f.read_text()
        assert "ASSUMPTION" in text  # every shock's size is marked as an assumption
        r = scenarios.run(fit, scenarios.load(f), future_labels=labels, n_paths=2000)
        assert r["n_kept"] == 2000 and set(r["bands"]) == set(TRIANGLE)
        moved = [n for n, rows in r["difference"].items() if abs(rows[-1]["median"]) > 1e-9 or
                 abs(rows[6]["median"]) > 1e-9]
        assert moved, f


def test_cli_json_shapes(tmp_path):
    csv = tmp_path / "tri.csv"
    _triangle_frame().to_csv(csv, index=False)
    run = CliRunner().invoke
    r = run(app, ["regimes", "--series", str(csv), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert set(out["series"]["CHN->RUS"]) == {"breaks", "regimes", "p_break"}
    r = run(app, ["backtest", "--series", str(csv), "--start", "2022-01", "--horizons", "1,6", "--refit-every", "12",
                  "--json"])
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)["series"]["USA->RUS"]
    assert s["model"] == "local-level" and set(s["horizons"]) == {"1", "6"}
    assert {"persistence", "expanding-mean", "local-level-gaussian"} == set(s["baselines"])
    r = run(app, ["forecast", "--series", str(csv), "--steps", "24", "--json"])
    assert r.exit_code == 0, r.output
    f = json.loads(r.output)["series"]["CHN->RUS"]
    assert len(f) == 24 and f[0]["period"] == "2024-01" and f[-1]["period"] == "2025-12"
    r = run(app, ["scenario", "shipped", "--series", str(csv), "--paths", "1000", "--json"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.output)["scenarios"]) == 4
    r = run(app, ["backtest", "--series", str(tmp_path / "missing.csv"), "--start", "2022-01"])
    assert r.exit_code == 2 and "missing.csv: no such file" in " ".join(r.output.split())
