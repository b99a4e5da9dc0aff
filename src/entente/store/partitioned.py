"""Events as a partitioned Parquet dataset (hive layout ``year=2022/dyad=CHN-RUS/``),
for stores too big for one file: DuckDB, pandas/pyarrow and Spark read it as is.

A dyad gets its own folders only once it holds ``min_dyad_events`` events; the
rest of a year's events share ``dyad=_other``, sorted by source, target and date
so a reader's filter on ``source``/``target`` skips row groups by their min/max.
Why: one folder per year and dyad gave ~120,000 files for 200,000 synthetic
events (200 actors, 30 years); DuckDB's partitioned write then ran for minutes
with several GB of memory, and every reader has to list every file.

>>> export_partitioned(con, "out/events")            # doctest: +SKIP
>>> duckdb.sql(f"SELECT count(*) FROM {read_sql('out/events')} WHERE source = 'CHN' AND target = 'RUS'")  # doctest: +SKIP
"""
from __future__ import annotations

import shutil
from pathlib import Path

from entente.errors import ConfigError

OTHER = "_other"
MIN_DYAD_EVENTS = 50_000  # bounds the dataset to years × (events / 50,000 + 1) folders


def export_partitioned(con, out: str | Path, *, overwrite: bool = False,
                       min_dyad_events: int = MIN_DYAD_EVENTS) -> dict:
    """Write every event to ``out`` partitioned by year of ``date_start`` (``year=0``
    when undated) and dyad (``SOURCE-TARGET`` for dyads holding at least
    ``min_dyad_events`` events, else ``_other``). Returns {"events": n, "files": [out]}."""
    if int(min_dyad_events) < 1:
        raise ConfigError(f"min_dyad_events must be at least 1, got {min_dyad_events!r}")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise ConfigError(f"{out}: not empty (pass overwrite to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    target = str(out).replace("'", "''")
    n = con.execute(
        "COPY (SELECT e.*, coalesce(year(e.date_start), 0) AS year, "
        f"CASE WHEN big.source IS NULL THEN '{OTHER}' ELSE e.source || '-' || e.target END AS dyad "
        "FROM events e LEFT JOIN (SELECT source, target FROM events GROUP BY source, target "
        f"HAVING count(*) >= {int(min_dyad_events)}) big ON big.source = e.source AND big.target = e.target "
        f"ORDER BY e.source, e.target, e.date_start, e.event_id) TO '{target}' "
        "(FORMAT parquet, PARTITION_BY (year, dyad))").fetchall()[0][0]
    return {"events": n, "files": [str(out)]}


def read_sql(out: str | Path) -> str:
    """A FROM clause reading the dataset back in DuckDB (partition columns included).
    Filter a dyad on ``source``/``target`` (right whichever folder holds it)."""
    glob = str(Path(out) / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', hive_partitioning = true)"


def dyad_filter(out: str | Path, source: str, target: str) -> list[tuple]:
    """pyarrow/pandas ``filters`` selecting one dyad: its own folders when it has
    them (no other file is opened), else the ``_other`` rows for the pair."""
    own = any(Path(out).glob(f"year=*/dyad={source}-{target}"))
    dyad = f"{source}-{target}" if own else OTHER
    return [("dyad", "=", dyad), ("source", "=", source), ("target", "=", target)]
