"""Events exported as Parquet partitioned by year and dyad, read back by DuckDB and pandas."""
import duckdb
import pandas as pd
import pytest

from entente.errors import ConfigError
from entente.imports.gdelt import import_gdelt
from entente.store import db
from entente.store.partitioned import export_partitioned, read_sql
from test_imports_defects import gline, write


def test_partitioned_export_round_trips(tmp_path):
    con = db.connect(tmp_path / "s.duckdb")
    p = write(tmp_path / "a.CSV", [gline(1, "CHN", "RUS", date="20210101"), gline(2, "CHN", "RUS"),
                                   gline(3, "RUS", "CHN"), gline(4, "USA", "CHN", date="20190505")])
    import_gdelt(con, [p])
    out = tmp_path / "ds"
    assert export_partitioned(con, out)["events"] == 4
    assert sorted(q.name for q in (out / "year=2022").iterdir()) == ["dyad=CHN-RUS", "dyad=RUS-CHN"]
    got = duckdb.sql(f"SELECT year, dyad, external_id FROM {read_sql(out)} ORDER BY external_id").fetchall()
    assert got == [(2021, "CHN-RUS", "1"), (2022, "CHN-RUS", "2"), (2022, "RUS-CHN", "3"), (2019, "USA-CHN", "4")]
    df = pd.read_parquet(out)
    assert len(df) == 4 and set(df.columns) >= {"event_id", "source_type", "state_actors", "file_goldstein"}
    with pytest.raises(ConfigError):
        export_partitioned(con, out)
    assert db.optimize(con) == 4           # optimize still works on a store with the new columns


def test_store_made_before_the_import_columns_gains_them(tmp_path):
    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    for name, _ in db.ADDED_EVENT_COLUMNS:  # what a schema-1 store made before this change looks like
        con.execute(f"ALTER TABLE events DROP COLUMN {name}")
    con.close()
    con = db.connect(path)
    p = write(tmp_path / "a.CSV", [gline(1, "CHN", "RUS", t1="GOV")])
    assert import_gdelt(con, [p]).n_added == 1
    assert db.optimize(con) == 1
    assert con.execute("SELECT source_type, state_actors FROM events").fetchall() == [("GOV", True)]
