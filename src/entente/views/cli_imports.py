"""CLI commands registered on the main app (see views/cli.py)."""
import typer


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
