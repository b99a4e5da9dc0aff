"""CLI: `entente report --dyad CHN-RUS [--from --to] --out FILE.html`."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from entente import config
from entente.errors import ConfigError, EntenteError

console = Console()
err_console = Console(stderr=True)


def parse_dyad(value: str) -> tuple[str, str]:
    """'CHN-RUS' (or CHN–RUS, CHN/RUS, CHN,RUS) -> ('CHN', 'RUS')."""
    parts = [p for p in re.split(r"[-–—/,:]", value.strip().upper()) if p]
    if len(parts) != 2:
        raise ConfigError(f"bad --dyad {value!r}; expected two actor codes like CHN-RUS")
    return parts[0], parts[1]


def register(app: typer.Typer) -> None:
    """Add the `report` command to app."""

    @app.command()
    def report(
        dyad: str = typer.Option(..., "--dyad", help="Two actor codes, e.g. CHN-RUS."),
        out: Path = typer.Option(..., "--out", help="HTML file to write."),
        start: Optional[str] = typer.Option(None, "--from", help="First date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        end: Optional[str] = typer.Option(None, "--to", help="Last date (inclusive)."),
        period: Optional[str] = typer.Option(None, "--period", help="month|quarter|year|decade (default: by span)."),
        store: Optional[str] = typer.Option(None, "--store", help="DuckDB store file (default $ENTENTE_STORE or ./entente.duckdb)."),
    ):
        """Write one self-contained HTML report for a dyad (no external URLs; opens offline)."""
        from entente.store import db
        from entente.views.report import write_report

        try:
            a, b = parse_dyad(dyad)
            con = db.connect(config.store_path(store), read_only=True)
            try:
                path = write_report(con, a=a, b=b, start=start, end=end, out=out, period=period)
            finally:
                con.close()
        except EntenteError as e:
            err_console.print(f"[red]error:[/red] {e}", highlight=False)
            raise typer.Exit(2) from None
        console.print(f"report for {a}–{b} → {path}  (open it in a browser: it needs no network)")
