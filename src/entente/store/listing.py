"""Filtered event listing for `entente events`."""
from __future__ import annotations

import pandas as pd

from entente.errors import ConfigError
from entente.store import flags


def _pair(value: str, opt: str) -> tuple[str, str]:
    parts = value.replace("–", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise ConfigError(f"--{opt} {value!r}: expected two actor codes like CHN-RUS")
    return parts[0].upper(), parts[1].upper()


def list_events(con, *, dyad=None, pair=None, code=None, quad=None, date_from=None, date_to=None,
                doc=None, limit: int = 50, include_flagged: bool = False) -> pd.DataFrame:
    """Events joined with their document name and sentence, newest first; events flagged as
    wrong (``store.flags``) only with ``include_flagged``."""
    where, args = ["(d.doc_id IS NULL OR d.is_current)"], []
    if not include_flagged:
        where.append(flags.exclude_sql(con, "e.event_id"))
    if dyad:
        s, t = _pair(dyad, "dyad")
        where.append("e.source = ? AND e.target = ?")
        args += [s, t]
    if pair:
        a, b = _pair(pair, "pair")
        where.append("((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))")
        args += [a, b, b, a]
    if code:
        where.append("e.cameo LIKE ?")
        args.append(code + "%")
    if quad is not None:
        if quad not in (1, 2, 3, 4):
            raise ConfigError(f"--quad {quad}: expected 1, 2, 3 or 4")
        where.append("e.quad_class = ?")
        args.append(quad)
    if date_from:
        where.append("e.date >= ?")
        args.append(date_from)
    if date_to:
        where.append("substr(e.date, 1, ?) <= ?")
        args += [len(date_to), date_to]
    if doc:
        where.append("(d.name = ? OR d.doc_id = ?)")
        args += [doc, doc]
    sql = f"""
        SELECT e.date, e.date_precision, e.source, e.target, e.cameo, e.quad_class, e.goldstein,
               e.dimension, d.name AS doc, e.sent_start, e.sent_end, e.origin, e.event_id,
               CASE WHEN d.text IS NULL THEN NULL
                    ELSE substr(d.text, e.sent_start + 1, e.sent_end - e.sent_start) END AS sentence
        FROM events e LEFT JOIN documents d USING (doc_id)
        WHERE {' AND '.join(where)}
        ORDER BY e.date DESC, e.event_id LIMIT ?
    """
    return con.execute(sql, args + [limit]).df()
