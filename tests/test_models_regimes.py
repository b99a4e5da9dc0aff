"""Regimes on the shared China–Russia series (noise added at several seeds) and on synthetic triangles."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from entente.models.regimes import RegimeModel, pooled_scale
from entente.models.series import SeriesSet, from_frame, read_csv

REF = [1950, 1958, 1990, 2001]


@pytest.fixture(scope="module")
def chn_rus():
    from conftest import SHARED

    path = SHARED / "models" / "chn_rus_relation_1816_2018.csv"
    if not path.exists():
        pytest.skip("../shared/models is not present")
    return read_csv(path)


def _noisy(s: SeriesSet, sd: float, seed: int) -> SeriesSet:
    v = s.values + np.random.default_rng(seed).normal(0, sd, s.values.shape)
    return SeriesSet(v, v.notna(), s.period, "noisy")


@pytest.mark.parametrize("sd", [0.2, 0.3])
def test_reference_boundaries_found_with_noise(chn_rus, sd):
    dists, extras = [], []
    for seed in range(6):
        b = [int(x) for x in RegimeModel(_noisy(chn_rus, sd, seed)).fit().breaks["CHN-RUS"]]
        dists.append(np.mean([min(abs(x - r) for x in b) for r in REF]))
        extras.append(sum(min(abs(x - r) for r in REF) > 3 for x in b))
    assert np.mean(dists) <= 1.5, dists
    assert np.mean(extras) <= 1.0, extras


def test_clean_series_labels(chn_rus):
    res = RegimeModel(chn_rus).fit()
    regs = res.regimes["CHN-RUS"]
    assert {"1950", "1958", "1990", "2001"} <= set(res.breaks["CHN-RUS"])
    by_start = {r["start"]: r for r in regs}
    assert by_start["1950"]["label"] == "cooperative" and by_start["1958"]["label"] == "hostile"
    assert by_start["2001"]["label"] == "cooperative"
    assert regs[0]["start"] == "1816" and regs[-1]["end"] == "2018"
    assert set(res.p_break["CHN-RUS"]) == set(chn_rus.labels)


def _triangle(collapse: str | None, seed: int, n: int = 40) -> SeriesSet:
    rng = np.random.default_rng(seed)
    rows = []
    for name, lvl in [("CHN->RUS", 2.0), ("RUS->CHN", 2.0), ("USA->CHN", 0.0), ("CHN->USA", 0.0),
                      ("USA->RUS", -1.0), ("RUS->USA", -1.0)]:
        y = lvl + rng.normal(0, 0.5, n)
        if name == collapse:
            y[25:] -= 3.0
        rows += [(str(1990 + i), name, float(v)) for i, v in enumerate(y)]
    return from_frame(pd.DataFrame(rows, columns=["period", "series", "value"]))


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_collapse_breaks_only_the_collapsed_dyad(seed):
    res = RegimeModel(_triangle("USA->CHN", seed)).fit()
    assert any(abs(int(b) - 2015) <= 1 for b in res.breaks["USA->CHN"]), res.breaks
    steady = [n for n in res.breaks if n != "USA->CHN" and res.breaks[n]]
    assert not steady, res.breaks


def test_pooled_scale_means_same_size_everywhere():
    # a quiet and a noisy series: one pooled scale, so a 1.5-unit step counts alike in both
    s = _triangle(None, 5)
    assert pooled_scale([s.array(n) for n in s.names]) == pytest.approx(0.5, rel=0.35)


def test_break_in_newest_period_is_detected():
    rng = np.random.default_rng(0)
    y = np.r_[rng.normal(0, 1, 60), [6.0]]
    s = from_frame(pd.DataFrame({"period": [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(61)],
                                 "series": "A", "value": y}))
    res = RegimeModel(s).fit()
    assert res.breaks["A"][-1] == s.labels[-1]
    assert res.p_break["A"][s.labels[-1]] > 0.5
    assert res.regimes["A"][-1]["provisional"] is True
    # and no break at all without the jump
    s2 = from_frame(pd.DataFrame({"period": s.labels[:-1], "series": "A", "value": y[:-1]}))
    assert RegimeModel(s2).fit().breaks["A"] == []


def test_mean_goldstein_follows_tone_not_volume(tmp_path):
    """Net cooperation per event: a year with many more reports of the same kind of acts
    moves net cooperation's sum, not its mean; a covered year without events is missing."""
    from conftest_web import build_store

    from entente import codes
    from entente.models.series import from_store
    from entente.store import db

    path = build_store(tmp_path / "t.duckdb")
    con = db.connect(path)
    s = from_store(con, [("CHN", "RUS")], period="year", measure="mean_goldstein")
    net = from_store(con, [("CHN", "RUS")], period="year")
    n = from_store(con, [("CHN", "RUS")], period="year", measure="n_events")
    m, v, k = s.values["CHN->RUS"], net.values["CHN->RUS"], n.values["CHN->RUS"]
    assert np.allclose(m[k > 0], (v / k)[k > 0])
    assert m[(k == 0) & n.covered["CHN->RUS"]].isna().all()  # no event: tone unknown, not 0
    before = m.loc[pd.Period("2016", "Y")]
    c = codes.lookup("057")
    rows = [(f"vol{i}", "gdelt", None, None, None, None, None, None, "CHN", "RUS", None, None, "057", "05",
             c.quad_class, c.plover or None, c.goldstein, "2016-03-01", "day", db.date_start("2016-03-01"),
             "diplomatic", None, "gdelt", None, str(700000 + i), "https://example.org/v") for i in range(40)]
    con.executemany(f"INSERT INTO events ({db.CODED_EVENT_COLUMNS}) VALUES (" + ", ".join(["?"] * 26) + ")", rows)
    after = from_store(con, [("CHN", "RUS")], period="year", measure="mean_goldstein").values["CHN->RUS"]
    grown = from_store(con, [("CHN", "RUS")], period="year").values["CHN->RUS"]
    assert grown.loc[pd.Period("2016", "Y")] > v.loc[pd.Period("2016", "Y")] + 300  # the sum follows volume
    assert before < after.loc[pd.Period("2016", "Y")] <= c.goldstein  # the mean stays on the Goldstein scale
    con.close()


def test_series_without_values_has_no_regimes():
    idx = pd.period_range("2000", "2019", freq="Y")
    v = pd.DataFrame({"A": np.r_[np.zeros(10), np.full(10, 5.0)], "B": np.nan}, index=idx)
    res = RegimeModel(SeriesSet(v, v.notna(), "year", "t")).fit()
    assert res.regimes["B"] == [] and res.breaks["B"] == [] and res.breaks["A"] == ["2010"]
    assert any(n.startswith("B: no covered period") for n in res.notes)
