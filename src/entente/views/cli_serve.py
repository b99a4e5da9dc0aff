"""`entente serve`: the web workbench and REST API over a store (uvicorn)."""
from __future__ import annotations

import typer

from entente import config


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command()
    def serve(
        store: str = typer.Option(None, "--store", help="DuckDB store file (default: $ENTENTE_STORE or entente.duckdb)"),
        host: str = typer.Option("127.0.0.1", "--host", help="interface to listen on"),
        port: int = typer.Option(8000, "--port", help="TCP port"),
        token: str = typer.Option(None, "--token", envvar="ENTENTE_TOKEN",
                                  help="enable POST /api/ingest and flagging events as wrong, guarded by this "
                                       "bearer token (opens the store read-write)"),
    ) -> None:
        """Serve the workbench: dyad charts, milestones, events, quotes, search, with evidence one click away."""
        import uvicorn

        from entente.errors import EntenteError
        from entente.views.api import create_app

        path = config.store_path(store)
        try:
            web = create_app(path, token=token)
        except EntenteError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from e
        mode = "read-write, ingest and flagging enabled" if token else "read-only"
        typer.echo(f"entente workbench starting on http://{host}:{port}/  (store {path}, {mode}) …")

        class _Server(uvicorn.Server):
            async def startup(self, sockets=None):
                await super().startup(sockets)
                if self.started:  # say so only once the socket answers
                    typer.echo(f"ready: http://{host}:{port}/  (API docs at /docs)")

        _Server(uvicorn.Config(web, host=host, port=port, log_level="warning")).run()
