"""Events an analyst marked as wrong: stored in ``event_flags``, left out of indices and lists.

A flag is one row keyed by event id; unflagging deletes it, so flagging is fully
reversible and the event itself is never changed. ``exclude_sql`` is the one
place the exclusion is written; every read that must skip flagged events uses it.

Stores opened read-only that were made before flags existed have no
``event_flags`` table (a read-only open cannot add one): there nothing is
flagged, and ``exclude_sql`` returns a condition that is always true.

>>> flag(con, "3f2a...", reason="misread date", by="cli:ana")  # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from entente.errors import ConfigError, NotFound

MAX_REASON = 500


def has_table(con) -> bool:
    """Whether this store has the ``event_flags`` table (one catalog lookup)."""
    return bool(con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_flags' "
        "AND database_name = current_database() AND NOT temporary").fetchall()[0][0])


def flagged_sql(con, column: str = "event_id") -> str:
    """A SQL expression true when the event id in ``column`` is flagged."""
    if not has_table(con):
        return "false"
    return f"({column} IN (SELECT event_id FROM event_flags))"


def exclude_sql(con, column: str = "event_id") -> str:
    """A SQL condition true for events in ``column`` that are not flagged: the one exclusion rule."""
    return f"NOT {flagged_sql(con, column)}"


def _same_act(con, event_id: str) -> list[str]:
    """The event and its mirror: a joint act coded A→B and B→A from one sentence is one act
    (the indices' counting rule), so a flag on either covers both."""
    _check_event(con, event_id)
    rows = con.execute(
        "SELECT m.event_id FROM events e JOIN events m ON m.doc_id = e.doc_id AND m.sent_start = e.sent_start "
        "AND m.cameo = e.cameo AND m.date = e.date AND m.source = e.target AND m.target = e.source "
        "WHERE e.event_id = ? AND m.event_id <> e.event_id", [event_id]).fetchall()
    return [event_id] + sorted(r[0] for r in rows)


def _check_event(con, event_id: str) -> None:
    if not con.execute("SELECT count(*) FROM events WHERE event_id = ?", [event_id]).fetchall()[0][0]:
        raise NotFound(f"no event {event_id!r} in this store")


def flag(con, event_id: str, *, reason: str | None = None, by: str | None = None) -> dict[str, Any]:
    """Mark ``event_id`` (and its mirror, see ``_same_act``) as wrong; flagging again replaces the reason.

    Returns the flag with ``event_ids``, every id it covers. Raises NotFound for an
    unknown event and ConfigError for a reason over ``MAX_REASON`` characters.
    """
    reason = (reason or "").strip() or None
    if reason is not None and len(reason) > MAX_REASON:
        raise ConfigError(f"reason is {len(reason)} characters; at most {MAX_REASON}")
    ids = _same_act(con, event_id)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    con.execute(
        "INSERT INTO event_flags SELECT unnest(?::VARCHAR[]), ?, ?, ? ON CONFLICT (event_id) DO UPDATE SET "
        "flagged_at = excluded.flagged_at, reason = excluded.reason, flagged_by = excluded.flagged_by",
        [ids, now, reason, by])
    return {**get(con, event_id), "event_ids": ids}


def unflag(con, event_id: str) -> list[str]:
    """Remove the flag of ``event_id`` and its mirror; returns the ids that were flagged ([] when none).
    Raises NotFound for an unknown event."""
    ids = _same_act(con, event_id)
    rows = con.execute("DELETE FROM event_flags WHERE event_id IN (SELECT unnest(?::VARCHAR[])) RETURNING event_id",
                       [ids]).fetchall()
    return sorted(r[0] for r in rows)


def get(con, event_id: str) -> dict[str, Any] | None:
    """The flag of one event (event_id, flagged_at as ISO UTC, reason, flagged_by), or None."""
    if not has_table(con):
        return None
    rows = list_flags(con, ids=[event_id])
    return rows[0] if rows else None


def list_flags(con, *, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Every flag, newest first, with the flagged event's dyad, code and date (None where it is gone)."""
    if not has_table(con):
        return []
    where, params = "", []
    if ids is not None:
        where, params = "WHERE f.event_id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
    cur = con.execute(
        "SELECT f.event_id, f.flagged_at, f.reason, f.flagged_by, e.source, e.target, e.cameo, e.date, e.doc_id "
        f"FROM event_flags f LEFT JOIN events e USING (event_id) {where} "
        "ORDER BY f.flagged_at DESC, f.event_id", params)
    names = [d[0] for d in cur.description]
    out = []
    for row in cur.fetchall():
        r = dict(zip(names, row))
        r["flagged_at"] = r["flagged_at"].isoformat() + "Z" if r["flagged_at"] else None
        out.append(r)
    return out
