"""`entente flag`, `unflag`, `flags`: mark coded events as wrong so indices leave them out (reversible)."""
from __future__ import annotations

import getpass
import json
from typing import Optional

import typer
from rich.table import Table

from entente import config
from entente.errors import EntenteError
from entente.views.cli_spine import StoreOpt, console, fail, on_store


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command()
    def flag(
        event_id: str = typer.Argument(..., help="Event id (from `entente events --json` or the event page)."),
        reason: Optional[str] = typer.Option(None, "--reason", help="Why the event is wrong (kept with the flag)."),
        store: Optional[str] = StoreOpt,
    ) -> None:
        """Flag an event as wrong: indices, milestones and event lists leave it out until `entente unflag`."""
        from entente.store import flags

        path = config.store_path(store)
        try:
            f = on_store(path, lambda con: flags.flag(con, event_id, reason=reason, by=_who()))
        except EntenteError as e:
            fail(f"{path}: {e}")
        also = [i for i in f["event_ids"] if i != event_id]
        console.print(f"flagged {event_id} ({f['source']}→{f['target']} {f['cameo']} {f['date'] or 'undated'})"
                      + (f" and its mirror {', '.join(also)}" if also else "") + f" → {path}", highlight=False)

    @app.command()
    def unflag(
        event_id: str = typer.Argument(..., help="Event id to restore."),
        store: Optional[str] = StoreOpt,
    ) -> None:
        """Remove an event's flag: it counts in indices and lists again."""
        from entente.store import flags

        path = config.store_path(store)
        try:
            removed = on_store(path, lambda con: flags.unflag(con, event_id))
        except EntenteError as e:
            fail(f"{path}: {e}")
        if removed:
            console.print(f"unflagged {', '.join(removed)} → {path}", highlight=False)
        else:
            console.print(f"{event_id} was not flagged; nothing changed", highlight=False)

    @app.command("flags")
    def list_flags(
        store: Optional[str] = StoreOpt,
        as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
    ) -> None:
        """List events flagged as wrong, newest first."""
        from entente.store import flags

        try:
            rows = on_store(config.store_path(store), flags.list_flags, read_only=True)
        except EntenteError as e:
            fail(e)
        if as_json:
            for r in rows:
                print(json.dumps(r, default=str, ensure_ascii=False))
            return
        t = Table(show_lines=False)
        for col in ("event_id", "flagged_at", "dyad", "cameo", "date", "reason", "by"):
            t.add_column(col, overflow="fold", no_wrap=col in ("event_id", "flagged_at"))
        for r in rows:
            dyad = f"{r['source']}→{r['target']}" if r["source"] else "(event no longer stored)"
            t.add_row(r["event_id"], r["flagged_at"], dyad, r["cameo"] or "", r["date"] or "", r["reason"] or "",
                      r["flagged_by"] or "")
        console.print(t)
        console.print(f"{len(rows)} flagged event{'' if len(rows) == 1 else 's'}")
