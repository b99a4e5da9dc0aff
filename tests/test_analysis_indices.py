"""Dyad indices on a real DuckDB store filled with hand-made events."""
import datetime as dt

import pyarrow as pa
import pytest

from entente import codes
from entente.analysis import indices as ix
from entente.errors import ConfigError
from entente.store import db

COLS = ("event_id origin doc_id passage_id sent_start sent_end trigger_start trigger_end source target "
        "source_text target_text cameo root quad_class plover goldstein date date_precision date_start "
        "dimension rule coder confidence external_id source_url").split()


def make_event(n, source, target, cameo, date, *, precision=None, doc_id="d1", dimension="diplomatic",
               sent=None, origin="entente"):
    c = codes.lookup(cameo)
    precision = precision or {10: "day", 7: "month", 4: "year"}[len(date)]
    s = sent if sent is not None else n * 100
    return {
        "event_id": f"e{n}", "origin": origin, "doc_id": doc_id, "passage_id": None,
        "sent_start": s, "sent_end": s + 50, "trigger_start": s, "trigger_end": s + 5,
        "source": source, "target": target, "source_text": None, "target_text": None,
        "cameo": cameo, "root": cameo[:2], "quad_class": c.quad_class, "plover": c.plover or None,
        "goldstein": c.goldstein, "date": date, "date_precision": precision,
        "date_start": db.date_start(date), "dimension": dimension, "rule": "test", "coder": "test",
        "confidence": 1.0, "external_id": None, "source_url": None,
    }


def insert_events(con, rows):
    con.executemany(
        f"INSERT INTO events ({', '.join(COLS)}) VALUES ({', '.join('?' * len(COLS))})",
        [[r[c] for c in COLS] for r in rows],
    )


@pytest.fixture
def con(tmp_path):
    c = db.connect(tmp_path / "t.duckdb")
    insert_events(c, [
        make_event(1, "CHN", "RUS", "057", "2022-02-04", dimension="energy"),       # +8.0
        make_event(2, "RUS", "CHN", "057", "2022-02-04", sent=100, dimension="energy"),  # mirror of 1
        make_event(3, "RUS", "CHN", "062", "2022-05-10", dimension="military"),     # +7.4
        make_event(4, "CHN", "RUS", "111", "2022-05-20", doc_id="d2"),              # criticise
        make_event(5, "CHN", "RUS", "190", "1969", dimension="territorial"),        # year precision
        make_event(6, "CHN", "USA", "111", "2022-03-01"),
        make_event(7, "CHN", "RUS", "042", "2022-07", doc_id="d3"),
    ])
    return c


def test_month_index_fills_gaps_with_zero_rows(con):
    df = ix.dyad_index(con, "CHN", "RUS", period="month", start="2022-01", end="2022-08")
    assert list(df.columns)[:10] == ix.INDEX_COLUMNS[:10]
    assert df["period"].tolist() == [f"2022-{m:02d}" for m in range(1, 9)]
    feb = df.set_index("period").loc["2022-02"]
    assert (feb.n_events, feb.verbal_coop, feb.net_cooperation) == (1, 1, 8.0)
    may = df.set_index("period").loc["2022-05"]
    assert may.n_events == 1 and may.verbal_conflict == 1 and may.net_cooperation < 0
    assert df.set_index("period").loc["2022-03"].n_events == 0  # CHN->USA not counted
    assert df["n_events"].sum() == 3


def test_undirected_counts_symmetric_action_once(con):
    df = ix.dyad_index(con, "CHN", "RUS", period="year", start="2022", end="2022", undirected=True)
    row = df.iloc[0]
    assert row.period == "2022"
    # e1/e2 are one joint signing; plus e3, e4, e7
    assert row.n_events == 4
    assert row.material_coop == 1 and row.verbal_conflict == 1 and row.verbal_coop == 2
    assert row.coop_weight - row.conflict_weight == pytest.approx(row.net_cooperation)


def test_year_precision_event_is_counted_and_flagged(con):
    df = ix.dyad_index(con, "CHN", "RUS", period="month", start="1969", end="1969")
    assert len(df) == 12
    jan = df.iloc[0]
    assert jan.period == "1969-01" and jan.n_events == 1 and jan.n_imprecise == 1
    yr = ix.dyad_index(con, "CHN", "RUS", period="year", start="1969", end="1969").iloc[0]
    assert yr.n_events == 1 and yr.n_imprecise == 0


def test_decade_and_quarter_labels_and_data_span(con):
    dec = ix.dyad_index(con, "CHN", "RUS", period="decade")
    assert dec["period"].tolist() == ["1960s", "1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]
    assert dec["n_events"].tolist() == [1, 0, 0, 0, 0, 0, 3]
    q = ix.dyad_index(con, "CHN", "RUS", period="quarter", start="2022-01-01", end="2022-12-31")
    assert q["period"].tolist() == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
    assert q["n_events"].tolist() == [1, 1, 1, 0]
    assert q["period_start"].iloc[1].date() == dt.date(2022, 4, 1)


def test_filters_dimension_and_origin(con):
    df = ix.dyad_index(con, "RUS", "CHN", period="year", start="2022", end="2022", dimension="military")
    assert df["n_events"].sum() == 1
    assert ix.dyad_index(con, "CHN", "RUS", period="year", origin="gdelt").empty


def test_bad_period_and_dimension_list_choices(con):
    with pytest.raises(ConfigError, match="month, quarter, year, decade"):
        ix.dyad_index(con, "CHN", "RUS", period="week")
    with pytest.raises(ConfigError, match="valid: military"):
        ix.dyad_index(con, "CHN", "RUS", dimension="sports")
    with pytest.raises(ConfigError, match="bad date"):
        ix.dyad_index(con, "CHN", "RUS", start="last year")


def test_arrow_matches_pandas(con):
    t = ix.dyad_index_arrow(con, "CHN", "RUS", period="month", start="2022-01", end="2022-03")
    assert isinstance(t, pa.Table)
    assert t.column("period").to_pylist() == ["2022-01", "2022-02", "2022-03"]
    assert t.column("n_events").to_pylist() == [0, 1, 0]


def test_dimension_breakdown_has_every_dimension(con):
    df = ix.dimension_breakdown(con, "CHN", "RUS")
    assert df["dimension"].tolist()[:9] == [
        "military", "arms", "economic", "energy", "technology",
        "diplomatic", "territorial", "information", "people"]
    by = df.set_index("dimension")
    assert by.loc["energy"].n_events == 1  # the mirrored signing once
    assert by.loc["arms"].n_events == 0
    assert by.loc["military"].material_coop == 1
    assert by["n_events"].sum() == 5
    assert "label" in df and by.loc["people"].label == "people-to-people"


def test_asymmetry_initiative_and_balance(con):
    df = ix.asymmetry(con, "CHN", "RUS", period="year", start="2022", end="2022")
    r = df.iloc[0]
    assert (r.n_a_to_b, r.n_b_to_a) == (3, 2)
    assert r.initiative_share_a == pytest.approx(0.6)
    assert (r.material_coop_a_to_b, r.material_coop_b_to_a, r.material_coop_share_a) == (0, 1, 0.0)
    assert r.goldstein_balance == pytest.approx(r.goldstein_a_to_b - r.goldstein_b_to_a)
    tot = ix.asymmetry(con, "CHN", "RUS", period="all")
    assert tot.iloc[0].n_a_to_b == 4 and tot.iloc[0].n_b_to_a == 2


def test_dyads_ranks_pairs(con):
    df = ix.dyads(con, limit=10)
    assert df.iloc[0][["a", "b", "n_events"]].tolist() == ["CHN", "RUS", 6]
    assert df.iloc[0].n_a_to_b == 4 and df.iloc[0].label == "CHN–RUS"
    assert len(ix.dyads(con, limit=1)) == 1


def test_events_for_point_traces_a_chart_point(con):
    con.execute("INSERT INTO documents (doc_id, name, path, version, is_current, content_hash, text) "
                "VALUES ('d2', 'two.txt', '/x/two.txt', 1, true, 'h', ?)", ["x" * 400 + "Beijing criticised Moscow."])
    df = ix.events_for_point(con, "CHN", "RUS", period="month", period_label="2022-05")
    assert df["event_id"].tolist() == ["e4"]
    assert df.iloc[0].doc_name == "two.txt"
    assert df.iloc[0].sentence.startswith("Beijing criticised")
    und = ix.events_for_point(con, "CHN", "RUS", period="year", period_label="2022", undirected=True)
    assert set(und["event_id"]) == {"e1", "e3", "e4", "e7"}
    dec = ix.events_for_point(con, "CHN", "RUS", period="decade", period_label="1960s")
    assert dec["event_id"].tolist() == ["e5"]
    with pytest.raises(ConfigError):
        ix.events_for_point(con, "CHN", "RUS", period="quarter", period_label="2022-Q5")
