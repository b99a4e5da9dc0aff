"""CLI: `entente regimes`, `entente backtest`, `entente forecast`, `entente scenario` (thin over entente.models)."""
from __future__ import annotations

import json
from typing import Optional

import typer

from entente import config
from entente.errors import ConfigError, EntenteError
from entente.views.cli_spine import console, fail

StoreOpt = typer.Option(None, "--store", help="DuckDB store (default $ENTENTE_STORE or ./entente.duckdb).")
DyadsOpt = typer.Option(None, "--dyads", help="Directed dyads, e.g. CHN-RUS,USA-CHN, or 'triangle' (six).")
SeriesOpt = typer.Option(None, "--series", help="Long CSV period,series,value instead of a store.")
PeriodOpt = typer.Option("month", "--period", help="year|quarter|month (store only).")
MeasureOpt = typer.Option("net_cooperation", "--measure", help="net_cooperation|mean_goldstein|cooperation_share|n_events|...")
# Regimes default to the tone per event: net cooperation's sum also moves with reporting volume.
RegimeMeasureOpt = typer.Option("mean_goldstein", "--measure",
                                help="mean_goldstein (default: net cooperation per event)|net_cooperation|...")


def load_series(store, dyads, series, period, measure, *, undirected=False, dimension=None):
    """(SeriesSet, connection or None) from --series or --store/--dyads."""
    from entente.models import series as ms

    if series:
        return ms.read_csv(series), None
    from entente.store import db

    path = config.store_path(store)
    con = db.connect(path, read_only=True)
    s = ms.from_store(con, ms.parse_dyads(dyads or "triangle"), period=period, measure=measure,
                      undirected=undirected, dimension=dimension, store=path)
    return s, con


def future_labels(s, n: int) -> list[str]:
    from entente.models.series import label_of

    last = s.values.index[-1]
    return [label_of(last + i, s.period) for i in range(1, n + 1)]


def register(app: typer.Typer) -> None:
    @app.command()
    def regimes(
        store: Optional[str] = StoreOpt, dyads: Optional[str] = DyadsOpt, series: Optional[str] = SeriesOpt,
        period: str = PeriodOpt, measure: str = RegimeMeasureOpt,
        undirected: bool = typer.Option(False, "--undirected", help="Join both directions of each dyad."),
        penalty: Optional[float] = typer.Option(None, "--penalty", help="PELT penalty (default 3·log n)."),
        as_json: bool = typer.Option(False, "--json"),
    ):
        """Change points (PELT) and P(new regime) per period (BOCPD), one pooled noise scale."""
        from entente.models.regimes import RegimeModel, store_evidence

        try:
            s, con = load_series(store, dyads, series, period, measure, undirected=undirected)
            res = RegimeModel(s, penalty=penalty).fit(evidence=store_evidence(con, s) if con else None)
        except EntenteError as e:
            fail(e)
        print(json.dumps(res.to_dict(), indent=1)) if as_json else console.print(res.summary(), highlight=False)

    @app.command()
    def backtest(
        start: str = typer.Option(..., "--start", help="First period forecast (e.g. 1971-01)."),
        horizons: str = typer.Option("1,6,12", "--horizons", help="Comma-separated, 1-24."),
        model: str = typer.Option("local-level", "--model", help="local-level | var-diff."),
        store: Optional[str] = StoreOpt, dyads: Optional[str] = DyadsOpt, series: Optional[str] = SeriesOpt,
        period: str = PeriodOpt, measure: str = MeasureOpt,
        refit_every: int = typer.Option(1, "--refit-every", help="Refit every N origins (1 = every origin)."),
        as_json: bool = typer.Option(False, "--json"),
    ):
        """Rolling-origin backtest (expanding window) with CRPS, coverage, bias, PIT, against baselines."""
        from entente.models.backtest import backtest as run_backtest, format_table

        try:
            hs = [int(h) for h in horizons.split(",") if h.strip()]
        except ValueError:
            fail(ConfigError(f"bad --horizons {horizons!r}; e.g. 1,6,12"))
        try:
            s, _ = load_series(store, dyads, series, period, measure)
            res = run_backtest(s, start=start, horizons=hs, model=model, refit_every=refit_every)
        except EntenteError as e:
            fail(e)
        print(json.dumps(res, indent=1)) if as_json else console.print(format_table(res), highlight=False)

    @app.command()
    def forecast(
        steps: int = typer.Option(12, "--steps", help="Horizon, 1-24 periods."),
        model: str = typer.Option("local-level", "--model", help="local-level | var-diff."),
        store: Optional[str] = StoreOpt, dyads: Optional[str] = DyadsOpt, series: Optional[str] = SeriesOpt,
        period: str = PeriodOpt, measure: str = MeasureOpt,
        as_json: bool = typer.Option(False, "--json"),
    ):
        """Predictive distributions: mean, median and 50/80/95 % bands per series and period ahead."""
        from entente.models.forecast import model_class

        if not 1 <= steps <= 24:
            fail(ConfigError("--steps must be between 1 and 24"))
        try:
            s, _ = load_series(store, dyads, series, period, measure)
            res = model_class(model)(s.values).fit()
            bands = res.bands(steps)
        except EntenteError as e:
            fail(e)
        labels = future_labels(s, steps)
        bands.insert(2, "period", [labels[h - 1] for h in bands["h"]])
        out = {"model": res.model_name, "source": s.source, "measure": s.measure, "last": s.labels[-1],
               "coverage": s.coverage(),
               "series": {n: g.drop(columns="series").round(4).to_dict(orient="records")
                          for n, g in bands.groupby("series", sort=False)}}
        if as_json:
            print(json.dumps(out, indent=1))
        else:
            console.print(res.summary(), highlight=False)
            console.print(bands.round(2).to_string(index=False), highlight=False)

    @app.command()
    def scenario(
        files: list[str] = typer.Argument(..., help="Scenario YAML files (or 'shipped' for the four bundled)."),
        store: Optional[str] = StoreOpt, dyads: Optional[str] = DyadsOpt, series: Optional[str] = SeriesOpt,
        period: str = PeriodOpt, measure: str = MeasureOpt,
        paths: int = typer.Option(10_000, "--paths", help="Monte Carlo paths."),
        seed: int = typer.Option(0, "--seed"),
        as_json: bool = typer.Option(False, "--json"),
    ):
        """Monte Carlo paths under each scenario vs the baseline (common random numbers)."""
        from entente.models import scenarios
        from entente.models.forecast import LocalLevel

        try:
            specs = [str(p) for p in scenarios.shipped()] if files == ["shipped"] else files
            scens = [scenarios.load(f) for f in specs]
            s, _ = load_series(store, dyads, series, period, measure)
            fit = LocalLevel(s.values, bands="gaussian").fit()
            labels = future_labels(s, 24)
            runs = [scenarios.run(fit, sc, future_labels=labels, n_paths=paths, seed=seed) for sc in scens]
        except EntenteError as e:
            fail(e)
        out = {"source": s.source, "measure": s.measure, "last": s.labels[-1], "coverage": s.coverage(),
               "scenarios": runs}
        if as_json:
            print(json.dumps(out, indent=1))
            return
        for r in runs:
            console.print(f"\n[bold]{r['scenario']}[/bold] (p={r['probability']}) · {r['n_kept']}/{r['n_paths']} "
                          f"paths kept · horizon {r['horizon']}", highlight=False)
            for n, rows in r["difference"].items():
                last = rows[-1]
                console.print(f"  {n:<10} scenario − baseline at {last['period']}: median {last['median']:+.2f} "
                              f"(80% {last['lo80']:+.2f} … {last['hi80']:+.2f})", highlight=False)
