"""The `entente` command line: thin wrappers over library functions."""
from __future__ import annotations

import typer

from entente.views import cli_flags, cli_imports, cli_models, cli_report, cli_serve, cli_spine, cli_train

app = typer.Typer(
    name="entente",
    help="Model the relationship between two states from evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

cli_spine.register(app)
cli_imports.register(app)
cli_report.register(app)
cli_serve.register(app)
cli_train.register(app)
cli_models.register(app)
cli_flags.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
