"""Milestones: one happening across documents is one milestone; distinct ones never merge."""
import pytest

from entente.analysis.milestones import evidence, milestones
from entente.store import db
from test_analysis_indices import insert_events, make_event

TREATY = {
    "a.txt": "On 16 July 2001 Jiang Zemin and Vladimir Putin signed the Treaty of Good-Neighborliness.",
    "b.txt": "The 2001 friendship treaty, concluded by Moscow and Beijing, was a landmark.",
    "c.txt": "In July 2001 the two sides put their names to a twenty-year treaty.",
}


def add_doc(con, doc_id, name, text):
    con.execute("INSERT INTO documents (doc_id, name, path, version, is_current, content_hash, text) "
                "VALUES (?, ?, ?, 1, true, ?, ?)", [doc_id, name, "/corpus/" + name, doc_id, text])


@pytest.fixture
def con(tmp_path):
    c = db.connect(tmp_path / "t.duckdb")
    for i, (name, text) in enumerate(TREATY.items()):
        add_doc(c, f"d{i}", name, text)
    add_doc(c, "d9", "summits.txt", "Xi visited Moscow in June 2019. Xi visited Moscow again in March 2023.")
    insert_events(c, [
        # the treaty: a day-precision symmetric pair, a year-precision and a month-precision telling
        make_event(1, "CHN", "RUS", "057", "2001-07-16", doc_id="d0", sent=0),
        make_event(2, "RUS", "CHN", "057", "2001-07-16", doc_id="d0", sent=0),
        make_event(3, "RUS", "CHN", "057", "2001", doc_id="d1", sent=0),
        make_event(4, "CHN", "RUS", "05", "2001-07", doc_id="d2", sent=0),
        # two summits, years apart
        make_event(5, "CHN", "RUS", "042", "2019-06-05", doc_id="d9", sent=0),
        make_event(6, "CHN", "RUS", "042", "2023-03-21", doc_id="d9", sent=33),
        # unrelated to the pair
        make_event(7, "CHN", "USA", "057", "2001-07-16", doc_id="d0", sent=0),
    ])
    return c


def test_treaty_told_three_ways_is_one_milestone(con):
    df = milestones(con, "CHN", "RUS")
    treaty = df[df["root"] == "05"]
    assert len(treaty) == 1
    m = treaty.iloc[0]
    assert m.n_sources == 3 and m.n_events == 4
    assert sorted(m.doc_names) == ["a.txt", "b.txt", "c.txt"]
    assert m.date == "2001-07-16" and m.date_precision == "day"
    assert m.symmetric and m.label == "CHN–RUS: sign formal agreement"
    assert sorted(m.event_ids) == ["e1", "e2", "e3", "e4"]


def test_two_summits_in_different_years_stay_apart(con):
    df = milestones(con, "CHN", "RUS", order="date")
    summits = df[df["root"] == "04"]
    assert summits["date"].tolist() == ["2019-06-05", "2023-03-21"]
    assert set(summits["n_sources"]) == {1}
    # ranked: the corroborated, intense treaty first
    assert milestones(con, "CHN", "RUS").iloc[0].root == "05"


def test_imprecise_event_never_chains_two_happenings(tmp_path):
    c = db.connect(tmp_path / "t.duckdb")
    insert_events(c, [
        make_event(1, "CHN", "RUS", "042", "2019-02-01", doc_id="x"),
        make_event(2, "CHN", "RUS", "042", "2019-09-01", doc_id="y"),
        make_event(3, "CHN", "RUS", "042", "2019", doc_id="z"),     # which visit? ambiguous
        make_event(4, "CHN", "RUS", "042", "2020", doc_id="z"),     # another year: never merged
        make_event(5, "CHN", "RUS", "042", "2019-02-06", doc_id="w"),  # within 7 days of e1
    ])
    df = milestones(c, "CHN", "RUS", order="date")
    groups = sorted(sorted(ids) for ids in df["event_ids"])
    assert groups == [["e1", "e5"], ["e2"], ["e3"], ["e4"]]
    assert len(set(df["milestone_id"])) == 4


def test_milestone_id_is_stable_when_a_source_is_added(con):
    before = milestones(con, "CHN", "RUS").set_index("root").loc["05"].milestone_id
    insert_events(con, [make_event(20, "CHN", "RUS", "057", "2001-07-17", doc_id="d5", sent=0)])
    after = milestones(con, "CHN", "RUS").set_index("root").loc["05"]
    assert after.milestone_id == before and after.n_sources == 4


def test_window_and_limit(con):
    df = milestones(con, "CHN", "RUS", start="2019", end="2020")
    assert df["date"].tolist() == ["2019-06-05"]
    assert len(milestones(con, "CHN", "RUS", limit=1)) == 1
    assert milestones(con, "CHN", "JPN").empty


def test_evidence_returns_sentences(con):
    m = milestones(con, "CHN", "RUS").iloc[0]
    ev = evidence(con, list(m.event_ids))
    assert set(ev["doc_name"]) == {"a.txt", "b.txt", "c.txt"}
    a = ev[ev["doc_name"] == "a.txt"].iloc[0]
    assert a.sentence == TREATY["a.txt"][a.sent_start:a.sent_end]
