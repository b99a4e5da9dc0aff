"""Events exported as Parquet partitioned by year and dyad, read back by DuckDB and pandas."""
import duckdb
import pandas as pd
import pytest

from entente.errors import ConfigError
from entente.imports.gdelt import import_gdelt
from entente.store import db
from entente.store.partitioned import OTHER, dyad_filter, export_partitioned, read_sql
from test_imports_defects import gline, write


def test_partitioned_export_round_trips(tmp_path):
    con = db.connect(tmp_path / "s.duckdb")
    p = write(tmp_path / "a.CSV", [gline(1, "CHN", "RUS", date="20210101"), gline(2, "CHN", "RUS"),
                                   gline(3, "RUS", "CHN"), gline(4, "USA", "CHN", date="20190505")])
    import_gdelt(con, [p])
    out = tmp_path / "ds"
    assert export_partitioned(con, out, min_dyad_events=1)["events"] == 4
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


def test_small_dyads_share_one_folder_per_year(tmp_path):
    # one folder per year and dyad made ~120,000 files of 1-2 events for 200,000 synthetic events
    con = db.connect(tmp_path / "s.duckdb")
    rows = [gline(i, "CHN", "RUS", date=f"2021{1 + i % 12:02d}01") for i in range(1, 31)]
    rows += [gline(100, "USA", "CHN", date="20210505"), gline(101, "IND", "PAK", date="20210506"),
             gline(102, "IND", "PAK", date="20200101")]
    import_gdelt(con, [write(tmp_path / "a.CSV", rows)])
    out = tmp_path / "ds"
    assert export_partitioned(con, out, min_dyad_events=30)["events"] == 33
    assert sorted(q.name for q in (out / "year=2021").iterdir()) == ["dyad=CHN-RUS", f"dyad={OTHER}"]
    assert sorted(q.name for q in (out / "year=2020").iterdir()) == [f"dyad={OTHER}"]
    assert len(list(out.rglob("*.parquet"))) == 3
    q = f"SELECT count(*) FROM {read_sql(out)} WHERE source = ? AND target = ?"
    assert duckdb.execute(q, ["IND", "PAK"]).fetchall() == [(2,)]
    assert duckdb.execute(q, ["CHN", "RUS"]).fetchall() == [(30,)]
    assert duckdb.sql(f"SELECT count(*) FROM {read_sql(out)}").fetchall() == [(33,)]
    got = pd.read_parquet(out, filters=dyad_filter(out, "IND", "PAK"))
    assert sorted(got["external_id"]) == ["101", "102"]
    got = pd.read_parquet(out, filters=dyad_filter(out, "CHN", "RUS"))
    assert len(got) == 30 and set(got["dyad"].astype(str)) == {"CHN-RUS"}
    with pytest.raises(ConfigError):
        export_partitioned(con, tmp_path / "ds2", min_dyad_events=0)
