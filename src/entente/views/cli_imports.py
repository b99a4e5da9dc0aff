"""CLI: `entente import gdelt FILE...` and `entente import icews FILE...`."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from entente import config
from entente.errors import EntenteError

console = Console()
err_console = Console(stderr=True)
MAX_SHOWN = 50


def _run(kind: str, files: list[str], store: Optional[str], as_json: bool) -> None:
    from entente.imports.gdelt import import_gdelt
    from entente.imports.icews import import_icews
    from entente.store import db

    fn: Callable = {"gdelt": import_gdelt, "icews": import_icews}[kind]
    path = config.store_path(store)
    try:
        con = db.connect(path)
        try:
            report = fn(con, files)
        finally:
            con.close()
    except EntenteError as e:
        err_console.print(f"[red]error:[/red] {e}", highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        t = Table(title=f"{kind} import → {path}", show_header=False)
        t.add_row("rows read", str(report.n_rows))
        t.add_row("events added", f"[green]{report.n_added}[/green]")
        t.add_row("already stored", str(report.n_duplicates))
        for reason, n in sorted(report.skipped.items()):
            t.add_row(f"skipped: {reason}", str(n))
        t.add_row("malformed rows", f"[red]{report.n_malformed}[/red]" if report.n_malformed else "0")
        t.add_row("files not read", str(report.n_problems - report.n_malformed))
        for label, layout in list(report.layouts.items())[:MAX_SHOWN]:
            t.add_row(f"layout: {label}", layout)
        console.print(t)
        for name, n in report.unmapped.most_common(10):
            err_console.print(f"unmapped country: {name!r} ({n} rows)", highlight=False)
        for f, n, r in report.problems[:MAX_SHOWN]:
            where = f"{f}:{n}" if n else f
            err_console.print(f"[red]problem:[/red] {where}: {r}", highlight=False, markup=True)
        if report.n_problems > MAX_SHOWN:
            err_console.print(f"... and {report.n_problems - MAX_SHOWN} more (use --json for all)")
    if report.problems:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `import` command group to app."""
    imp = typer.Typer(help="Import public event datasets (GDELT, ICEWS) into the store.", no_args_is_help=True)
    store_opt = typer.Option(None, "--store", help="DuckDB store file (default $ENTENTE_STORE or ./entente.duckdb).")
    json_opt = typer.Option(False, "--json", help="Print the report as JSON.")

    @imp.command("gdelt")
    def gdelt_cmd(
        files: list[str] = typer.Argument(..., help="GDELT 2.0 export or 1.0 daily event files (.CSV, .zip or a directory)."),
        store: Optional[str] = store_opt,
        as_json: bool = json_opt,
    ):
        """Import GDELT 2.0 exports or 1.0 daily files. Exits 1 if any row or file could not be read."""
        _run("gdelt", files, store, as_json)

    @imp.command("icews")
    def icews_cmd(
        files: list[str] = typer.Argument(..., help="ICEWS coded event files (tab-separated, header row)."),
        store: Optional[str] = store_opt,
        as_json: bool = json_opt,
    ):
        """Import ICEWS coded event files. Exits 1 if any row or file could not be read."""
        _run("icews", files, store, as_json)

    app.add_typer(imp, name="import")
