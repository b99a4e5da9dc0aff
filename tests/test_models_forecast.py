"""Series loading, forecasts and the rolling-origin backtest (COPDAB pair from ../shared)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from entente.errors import ConfigError
from entente.models.backtest import backtest
from entente.models.forecast import LocalLevel, VARDiff
from entente.models.series import from_frame, from_store, read_csv


@pytest.fixture(scope="module")
def copdab():
    from conftest import SHARED

    path = SHARED / "models" / "copdab_usa_ussr_monthly.csv"
    if not path.exists():
        pytest.skip("../shared/models is not present")
    return read_csv(path)


def test_csv_errors_name_file_and_line(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("period,series,value\n2020-01,A,1\n2020-02,A,x\n")
    with pytest.raises(ConfigError, match=r"bad.csv:3: value 'x'"):
        read_csv(p)
    p.write_text("period,series,value\n2020-1,A,1\n")
    with pytest.raises(ConfigError, match="bad period '2020-1'"):
        read_csv(p)
    p.write_text("when,what\n")
    with pytest.raises(ConfigError, match="header must be period,series,value"):
        read_csv(p)


def test_csv_gaps_are_not_covered(tmp_path):
    p = tmp_path / "q.csv"
    p.write_text("period,series,value\n2020-Q1,A,1\n2020-Q3,A,2\n2020-Q4,B,5\n")
    s = read_csv(p)
    assert s.period == "quarter" and s.labels == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]
    cov = s.coverage()
    assert cov["A"] == {"n_periods": 4, "n_covered": 2, "share": 0.5, "first": "2020-Q1", "last": "2020-Q3"}
    assert np.isnan(s.values["A"].iloc[1])


def test_store_zeros_only_inside_coverage(tmp_path):
    from conftest_web import build_store

    from entente.store import db

    con = db.connect(build_store(tmp_path / "t.duckdb"), read_only=True)
    s = from_store(con, [("CHN", "RUS"), ("USA", "RUS")], period="year")
    con.close()
    assert s.labels[0] == "2001" and s.labels[-1] == "2023"
    # 2002-2013 hold no event of any pair: not covered, so missing rather than zero
    assert not s.covered.loc[pd.Period("2005", "Y"), "CHN->RUS"]
    assert np.isnan(s.values.loc[pd.Period("2005", "Y"), "CHN->RUS"])
    assert s.covered.loc[pd.Period("2001", "Y"), "USA->RUS"]  # covered (CHN-RUS events), no USA->RUS: zero
    assert s.values.loc[pd.Period("2001", "Y"), "USA->RUS"] == 0.0


@pytest.mark.slow
def test_copdab_one_step_beats_var2(copdab):
    res = backtest(copdab, start="1971-01", horizons=[1], baselines=())
    var2 = {"USA->RUS": (8.02, 4.28), "RUS->USA": (7.79, 4.48)}
    for name, (rmse, crps) in var2.items():
        h1 = res["series"][name]["horizons"]["1"]
        assert h1["n"] == 96
        assert h1["rmse"] < rmse and h1["crps"] < crps, h1
        assert 0.72 <= h1["coverage80"] <= 0.88, h1
        assert h1["calibration"] == "ok"


def test_backtest_flags_a_model_that_fails_calibration(copdab):
    s = copdab.select(["USA->RUS"])
    res = backtest(s, start="1976-01", horizons=[1, 6], refit_every=12, baselines=("expanding-mean",))
    em = res["series"]["USA->RUS"]["baselines"]["expanding-mean"]["6"]
    assert em["bias"] > 2 and em["calibration"].startswith("fails")
    assert set(res["series"]["USA->RUS"]["horizons"]["1"]) >= {"n", "rmse", "crps", "coverage50", "coverage80",
                                                               "coverage95", "bias", "pit_p"}


def test_forecasts_do_not_revert_to_the_mean():
    rng = np.random.default_rng(3)
    y = np.r_[rng.normal(-10, 1, 80), rng.normal(10, 1, 40)]
    z = np.r_[rng.normal(0, 1, 80), rng.normal(5, 1, 40)]
    months = [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(120)]
    s = from_frame(pd.DataFrame({"period": months * 2, "series": ["A"] * 120 + ["B"] * 120, "value": np.r_[y, z]}))
    for res in (LocalLevel(s.values).fit(), VARDiff(s.values).fit()):
        fc = res.forecast(24)
        assert fc["A"].iloc[-1] > 6, res.summary()  # the historical mean is about -3.3
        b = res.bands(24)
        row = b[(b.series == "A") & (b.h == 12)].iloc[0]
        assert row["lo95"] < row["lo80"] < row["lo50"] < row["median"] < row["hi50"] < row["hi80"] < row["hi95"]
        assert "summary" not in res.summary()


def test_horizon_limits(copdab):
    with pytest.raises(ConfigError, match="between 1 and 24"):
        backtest(copdab, start="1971-01", horizons=[25])
    with pytest.raises(ConfigError, match="outside the series"):
        backtest(copdab, start="1990-01")
