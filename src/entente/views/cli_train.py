"""`entente train-coder`: fit the event scorer on gold files and cross-validate it."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from entente.errors import ConfigError, EntenteError
from entente.views.cli_spine import console, fail


def _pair(spec: str) -> tuple[str, str]:
    gold, sep, docs = spec.partition(":")
    if not sep or not Path(gold).is_file() or not Path(docs).is_dir():
        raise ConfigError(f"{spec}: expected GOLD.jsonl:DOCS_FOLDER (an existing file and folder)")
    return gold, docs


def register(app: typer.Typer) -> None:
    @app.command("train-coder")
    def train_coder(
        gold: list[str] = typer.Option(..., "--gold", help="GOLD.jsonl:DOCS_FOLDER; repeat for several sets."),
        out: Path = typer.Option(Path("entente-event-model"), "--out", help="Folder for the model and its card."),
        cv: list[str] = typer.Option([], "--cv", help="Gold file whose documents to cross-validate (repeatable)."),
        curve: bool = typer.Option(True, "--curve/--no-curve", help="Also compute the learning curve."),
        cache: Optional[Path] = typer.Option(None, "--cache", help="Folder to cache spaCy parses in."),
        as_json: bool = typer.Option(False, "--json", help="Print the training report as JSON."),
    ):
        """Train the learned event scorer (seeded, reproducible) and report cross-validated scores."""
        from entente.evaluation.training import train

        try:
            sets = [_pair(g) for g in gold]
            report = train(sets, out, cv_sets=cv, curve=curve, cache=cache,
                           on_progress=None if as_json else (lambda m: console.print(f"[dim]{m}[/dim]")))
        except EntenteError as e:
            fail(e)
        if as_json:
            print(json.dumps(report, indent=2))
            return
        console.print(f"model → {out} ({report['documents']} documents, {report['gold_events']} gold events)")
        for g, s in report["cv"].items():
            console.print(f"{Path(g).name} (leave-one-document-out): root F1 {s['root_f1']} "
                          f"P {s['precision']} R {s['recall']} quad F1 {s['quad_f1']} year {s['year']}")
            console.print("  recall by root: " + ", ".join(f"{c} {v}" for c, v in s["recall_by_root"].items()))
        for g, c in report["curve"].items():
            console.print(f"  learning curve {Path(g).name}: " + ", ".join(f"{float(k):.0%} {v}" for k, v in c.items()))
