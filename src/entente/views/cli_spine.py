"""CLI commands of the evidence spine: ingest, events, export, eval, demo."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from entente import config
from entente.errors import ConfigError, EntenteError

console = Console()
err_console = Console(stderr=True)

StoreOpt = typer.Option(None, "--store", help="DuckDB store file (default $ENTENTE_STORE or ./entente.duckdb).")


def fail(e: Exception, code: int = 2) -> None:
    err_console.print(f"[red]error:[/red] {e}", highlight=False, markup=True)
    raise typer.Exit(code)


def on_store(path: str, fn, *, read_only: bool = False):
    """``fn(con)`` on the store at ``path``, closed afterwards; errors propagate to the caller."""
    from entente.store import db

    con = db.connect(path, read_only=read_only)
    try:
        return fn(con)
    finally:
        con.close()


def run_ingest(store: str, inputs: list[str], *, max_bytes=None, model=None, actors=None, quiet=False,
               engine: str = "local", address=None, workers=None, runs_dir=None, keep_runs=False):
    from entente import pipeline
    from entente.store import db

    if engine not in ("local", "ray"):
        raise ConfigError(f"--engine {engine}: expected 'local' or 'ray'")
    if engine == "local" and (address or workers or runs_dir):
        raise ConfigError("--address, --workers and --runs-dir need --engine ray")
    con = db.connect(store)
    try:
        if engine == "ray":
            from entente.distributed import engine as ray_engine  # imports Ray only when asked for

            return ray_engine.ingest(
                con, inputs, runs_dir or f"{store}.runs", address=address, workers=workers or 2,
                max_bytes=max_bytes, model=model, actors=actors, keep_runs=keep_runs,
            )
        with Progress(
            TextColumn("[bold]coding[/bold]"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=err_console, disable=quiet or not err_console.is_terminal,
        ) as bar:
            task = bar.add_task("", total=None)

            def progress(i, n, path):
                bar.update(task, completed=i, total=n, description=Path(path).name if path else "")

            return pipeline.ingest(con, inputs, max_bytes=max_bytes, model=model, actors=actors, on_progress=progress)
    finally:
        con.close()


def print_ingest(report, store: str) -> None:
    console.print(
        f"{report.n_added} added, {report.n_unchanged} unchanged, {report.n_failed} failed "
        f"({report.n_events} events, {report.n_quotes} quotes) → {store}"
    )
    for e in report.errors:
        err_console.print(f"[red]failed:[/red] {e.path}: {e.reason}", highlight=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        inputs: list[str] = typer.Argument(..., help="Files, directories (recursive) or glob patterns."),
        store: Optional[str] = StoreOpt,
        max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Reject files larger than this."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load."),
        actors: Optional[list[str]] = typer.Option(None, "--actors", help="Extra actor dictionary YAML files."),
        as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
        engine: str = typer.Option("local", "--engine", help="local (one process) or ray (needs entente[ray])."),
        address: Optional[str] = typer.Option(None, "--address", help="Ray cluster address (default: a local one)."),
        workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Ray workers, one CPU each (default 2)."),
        runs_dir: Optional[str] = typer.Option(None, "--runs-dir",
                                               help="Where Ray runs write shards (default STORE.runs)."),
        keep_runs: bool = typer.Option(False, "--keep-runs", help="Keep a Ray run's shards after the merge."),
    ):
        """Read, code and store documents. Exits 1 if any file failed."""
        path = config.store_path(store)
        try:
            report = run_ingest(path, inputs, max_bytes=max_bytes, model=model, actors=actors, quiet=as_json,
                                engine=engine, address=address, workers=workers, runs_dir=runs_dir,
                                keep_runs=keep_runs)
        except EntenteError as e:
            fail(e)
        if as_json:
            print(json.dumps(report.to_dict(), indent=2))
        else:
            print_ingest(report, path)
        if report.n_failed:
            raise typer.Exit(1)

    @app.command()
    def optimize(store: Optional[str] = StoreOpt) -> None:
        """Re-sort stored events by dyad and date so dyad and time-window queries stay fast."""
        from entente.store import db

        path = config.store_path(store)
        try:
            n = on_store(path, db.optimize)
        except EntenteError as e:
            fail(e)
        console.print(f"{n} events sorted by dyad and date → {path}")

    @app.command()
    def events(
        store: Optional[str] = StoreOpt,
        dyad: Optional[str] = typer.Option(None, help="SOURCE-TARGET, e.g. CHN-RUS (directed)."),
        pair: Optional[str] = typer.Option(None, help="A-B: events either way between A and B."),
        code: Optional[str] = typer.Option(None, help="CAMEO code prefix, e.g. 05 or 057."),
        quad: Optional[int] = typer.Option(None, help="Quad class 1-4."),
        date_from: Optional[str] = typer.Option(None, "--from", help="Earliest date (YYYY[-MM[-DD]])."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Latest date."),
        doc: Optional[str] = typer.Option(None, help="Document name or id."),
        limit: int = typer.Option(50, help="Rows to show."),
        as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
    ):
        """List coded events with filters."""
        from entente.store.listing import list_events

        try:
            df = on_store(config.store_path(store), lambda con: list_events(
                con, dyad=dyad, pair=pair, code=code, quad=quad, date_from=date_from, date_to=date_to,
                doc=doc, limit=limit), read_only=True)
        except EntenteError as e:
            fail(e)
        if as_json:
            for rec in df.to_dict(orient="records"):
                print(json.dumps(rec, default=str, ensure_ascii=False))
            return
        t = Table(show_lines=False)
        for col in ("date", "source", "target", "cameo", "quad_class", "goldstein", "doc", "sentence"):
            t.add_column(col, overflow="fold", max_width=70 if col == "sentence" else None)
        for r in df.itertuples():
            t.add_row(str(r.date), r.source, r.target, r.cameo, str(r.quad_class), f"{r.goldstein:+.1f}",
                      str(r.doc), (r.sentence or "")[:200])
        console.print(t)
        console.print(f"{len(df)} events shown")

    @app.command()
    def export(
        fmt: str = typer.Option("jsonl", "--format", help="jsonl | csv | parquet | partitioned (events by year and dyad)"),
        out: Path = typer.Option(..., "--out", help="Output file (csv/parquet: one file per table beside it)."),
        store: Optional[str] = StoreOpt,
        all_versions: bool = typer.Option(False, "--all-versions", help="Include superseded document versions."),
    ):
        """Write everything stored to JSONL, CSV or Parquet."""
        from entente.store.export import export as do_export

        try:
            counts = on_store(config.store_path(store), lambda con: do_export(
                con, fmt=fmt, out=out, current_only=not all_versions), read_only=True)
        except EntenteError as e:
            fail(e)
        files = counts.pop("files", [out])
        console.print(", ".join(f"{v} {k}" for k, v in counts.items()) + " → " + ", ".join(map(str, files)))

    @app.command("eval")
    def evaluate(
        gold: Path = typer.Option(..., "--gold", help="Gold JSONL file (CODEBOOK format)."),
        docs: Path = typer.Option(..., "--docs", help="Folder holding the gold documents."),
        as_json: bool = typer.Option(False, "--json", help="Print scores as JSON."),
        errors: bool = typer.Option(False, "--errors", help="List false positives and misses."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load."),
    ):
        """Code the gold documents in a temporary store and score them against the gold file."""
        from entente.evaluation.score import evaluate as do_eval
        from entente.evaluation.score import render

        try:
            scores = do_eval(gold, docs, model=model, errors=errors)
        except EntenteError as e:
            fail(e)
        seen = _trained_on(scores)
        if as_json:
            out = scores.to_dict()
            out["documents_in_model_training"] = seen
            print(json.dumps(out, indent=2, default=str))
        else:
            render(scores, console, errors=errors)
            if seen:
                console.print(f"[yellow]note:[/yellow] {len(seen)} of these documents were in the event model's "
                              "training data, so these scores are not honest ones; cross-validated scores: "
                              "entente train-coder --cv GOLD (see the model card)")

    @app.command()
    def demo(
        out_dir: Path = typer.Option(Path("entente-demo"), "--out", help="Folder for the demo store, export and report."),
        model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline to load."),
    ):
        """Ingest the bundled demo corpus into a fresh store, code it and summarise it."""
        from entente.analysis import overview
        from entente.store import db
        from entente.store.export import export as do_export

        out_dir.mkdir(parents=True, exist_ok=True)
        store = out_dir / "entente.duckdb"
        for p in (store, Path(str(store) + ".wal")):
            if p.exists():
                p.unlink()
        corpus = Path(str(resources.files("entente").joinpath("data/demo")))
        try:
            report = run_ingest(str(store), [str(corpus)], model=model)
        except EntenteError as e:
            fail(e)
        print_ingest(report, str(store))
        con = db.connect(str(store))
        try:
            _print_overview(con, overview)
            export_path = out_dir / "events.jsonl"
            do_export(con, fmt="jsonl", out=export_path)
            report_path = out_dir / "report.html"
            try:
                from entente.views.report import write_report

                write_report(con, a="CHN", b="RUS", out=report_path)
                console.print(f"report: {report_path}")
            except ImportError:
                report_path = None
        finally:
            con.close()
        console.print(f"store: {store}\nexport: {export_path}")
        console.print(f"open the workbench: entente serve --store {store}  (then http://127.0.0.1:8000)")
        if report.n_failed:
            raise typer.Exit(1)


def _trained_on(scores) -> list[str]:
    """Scored documents that the shipped event model was trained on (from its model.json)."""
    from entente.coding.events.scorer import training_documents

    return sorted(set(scores.per_doc) & training_documents())


def _print_overview(con, overview) -> None:
    dd = overview.dyad_decades(con)
    if len(dd):
        piv = dd.pivot_table(index="dyad", columns="decade", values="n_events", fill_value=0)
        t = Table(title="Events per dyad and decade")
        t.add_column("dyad")
        for c in piv.columns:
            t.add_column(f"{int(c)}s", justify="right")
        for dyad, row in piv.iterrows():
            t.add_row(dyad, *[str(int(v)) if v else "·" for v in row])
        console.print(t)
    qb = overview.quad_balance(con)
    t = Table(title="Quad-class balance")
    for c in ("quad class", "events", "share"):
        t.add_column(c)
    for r in qb.itertuples():
        t.add_row(f"{r.quad_class} {r.label}", str(r.n_events), f"{r.share:.0%}")
    console.print(t)
    top = overview.top_intensity(con)
    t = Table(title="Ten highest-intensity events")
    for c in ("date", "dyad", "cameo", "goldstein", "source passage"):
        t.add_column(c, overflow="fold", max_width=80 if c == "source passage" else None)
    for r in top.itertuples():
        t.add_row(r.date, f"{r.source}→{r.target}", r.cameo, f"{r.goldstein:+.1f}",
                  f"{r.doc} [{r.sent_start}:{r.sent_end}] " + " ".join(r.sentence.split())[:120])
    console.print(t)
