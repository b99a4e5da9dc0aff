"""A store at a glance: what `entente demo` prints after ingesting."""
from __future__ import annotations

import pandas as pd

from entente.codes import QUAD_NAMES
from entente.store import flags


def dyad_decades(con, *, limit: int = 10) -> pd.DataFrame:
    """Events per undirected dyad and decade, for the most active dyads."""
    return con.execute(
        """
        WITH e AS (
            SELECT least(source, target) || '–' || greatest(source, target) AS dyad,
                   (CAST(substr(date, 1, 4) AS INTEGER) // 10) * 10 AS decade
            FROM events WHERE origin = 'entente' AND regexp_matches(date, '^[0-9]{4}') AND {keep}
        ), top AS (SELECT dyad FROM e GROUP BY dyad ORDER BY count(*) DESC LIMIT ?)
        SELECT dyad, decade, count(*) AS n_events FROM e WHERE dyad IN (SELECT dyad FROM top)
        GROUP BY dyad, decade ORDER BY dyad, decade
        """.replace("{keep}", flags.exclude_sql(con)),
        [limit],
    ).df()


def quad_balance(con) -> pd.DataFrame:
    """Events and share per quad class."""
    df = con.execute(
        f"SELECT quad_class, count(*) AS n_events FROM events WHERE {flags.exclude_sql(con)} "
        "GROUP BY quad_class ORDER BY quad_class"
    ).df()
    df["label"] = df["quad_class"].map(QUAD_NAMES)
    total = df["n_events"].sum() or 1
    df["share"] = (df["n_events"] / total).round(3)
    return df


def top_intensity(con, *, limit: int = 10) -> pd.DataFrame:
    """The most intense events (largest |Goldstein|) with their date and source passage."""
    return con.execute(
        """
        SELECT e.event_id, e.date, e.source, e.target, e.cameo, e.goldstein, d.name AS doc,
               e.sent_start, e.sent_end, substr(d.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence
        FROM events e JOIN documents d USING (doc_id)
        WHERE d.is_current AND {keep}
        ORDER BY abs(e.goldstein) DESC, e.date, e.event_id LIMIT ?
        """.replace("{keep}", flags.exclude_sql(con, "e.event_id")),
        [limit],
    ).df()
