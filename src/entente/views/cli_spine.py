"""CLI commands of the evidence spine: ingest, events, export, eval, demo."""
import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
