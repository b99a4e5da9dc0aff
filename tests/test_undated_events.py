"""A text that states no date and gives nothing to estimate one: events kept, date NULL, left out of time series."""
from __future__ import annotations

from entente import pipeline
from entente.analysis import indices, milestones, queries
from entente.store import export

UNDATED = (
    "Notes from the talks\n\n"
    "Russia and China signed an agreement on rail freight. Chinese and Russian troops held joint "
    "exercises near the border.\n"
)
DATED = ("Published March 3, 2021\n\nRussia and China signed an agreement on rail freight. Chinese and Russian "
         "troops held joint exercises near the border.\n")


def test_undated_events_are_kept_with_a_null_date(store, tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "undated.txt").write_text(UNDATED, "utf-8")
    (tmp_path / "c" / "dated.txt").write_text(DATED, "utf-8")
    report = pipeline.ingest(store, [str(tmp_path / "c")])
    assert report.n_added == 2
    rows = store.execute(
        "SELECT e.date, e.date_precision, e.date_start FROM events e JOIN documents d USING (doc_id) "
        "WHERE d.name = 'undated.txt'").fetchall()
    assert rows, "the undated text's events are kept"
    assert all(r == (None, "unknown", None) for r in rows)
    assert store.execute("SELECT doc_date FROM documents WHERE name = 'undated.txt'").fetchone()[0] is None

    # time series and milestones use dated events only; listings put undated ones last
    idx = indices.dyad_index(store, "RUS", "CHN", period="year", undirected=True)
    assert len(idx) == 1 and str(idx["period_start"].iloc[0])[:4] == "2021"
    assert int(idx["n_events"].sum()) > 0
    ms = milestones.milestones(store, "RUS", "CHN")
    assert all(str(d)[:4] == "2021" for d in ms["date"])
    latest = queries.events(store, source="RUS", target="CHN", undirected=True)
    assert latest.iloc[0]["date"] is not None and str(latest.iloc[0]["date"]).startswith("2021")
    out = tmp_path / "out.jsonl"
    export.export(store, fmt="jsonl", out=out)
    assert '"date_precision": "unknown"' in out.read_text()
