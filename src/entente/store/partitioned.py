"""Events as a partitioned Parquet dataset (hive layout ``year=2022/dyad=CHN-RUS/``),
for stores too big for one file: DuckDB, pandas/pyarrow and Spark read it as is.

>>> export_partitioned(con, "out/events")            # doctest: +SKIP
>>> duckdb.sql("SELECT count(*) FROM read_parquet('out/events/**/*.parquet', hive_partitioning=true)")  # doctest: +SKIP
"""
from __future__ import annotations

import shutil
from pathlib import Path

from entente.errors import ConfigError


def export_partitioned(con, out: str | Path, *, overwrite: bool = False) -> dict:
    """Write every event to ``out`` partitioned by year of ``date_start`` (``year=0``
    when undated) and dyad (``SOURCE-TARGET``). Returns {"events": n, "files": [out]}."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not overwrite:
            raise ConfigError(f"{out}: not empty (pass overwrite to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    target = str(out).replace("'", "''")
    n = con.execute(
        "COPY (SELECT *, coalesce(year(date_start), 0) AS year, source || '-' || target AS dyad FROM events "
        f"ORDER BY source, target, date_start, event_id) TO '{target}' "
        "(FORMAT parquet, PARTITION_BY (year, dyad))").fetchall()[0][0]
    return {"events": n, "files": [str(out)]}


def read_sql(out: str | Path) -> str:
    """A FROM clause reading the dataset back in DuckDB (partition columns included)."""
    glob = str(Path(out) / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', hive_partitioning = true)"
