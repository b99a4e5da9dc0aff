"""The workbench as an analyst uses it: bad input, full-text search, counting rule, exports, comparison."""
from __future__ import annotations

import csv
import io

import pytest
from conftest_web import build_store
from fastapi.testclient import TestClient

from entente.store import fts
from entente.views.api import create_app

BAD = ["", "x", "-1", "0", "99999999999999999999", "2024-13-45", "1.5", "nan", "true", "XXX", "<script>", "%00",
       "a" * 300, "'; DROP TABLE events; --", "chn"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("wb") / "t.duckdb")


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(str(store)), raise_server_exceptions=False) as c:
        yield c


def test_no_500_for_any_query_string_value(client):
    spec = client.get("/openapi.json").json()
    good = {"source": "CHN", "target": "RUS", "label": "2019", "period": "year", "q": "gas", "ids": "x"}
    failures = []
    for path, ops in spec["paths"].items():
        if "get" not in ops or "{" in path:
            continue
        names = [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        for name in names:
            for bad in BAD:
                params = {**{n: good[n] for n in names if n in good}, name: bad}
                r = client.get(path, params=params)
                if r.status_code >= 500:
                    failures.append((path, name, bad, r.status_code))
                elif r.status_code >= 400 and path.startswith("/api"):
                    assert r.json()["message"], (path, name, bad)
    for page in ("/dyad", "/events", "/evidence", "/search", "/compare", "/documents"):
        for name in ("source", "target", "period", "start", "end", "offset", "limit", "quad_class", "dyads", "q",
                     "min_confidence", "undirected", "label"):
            for bad in BAD[::2]:
                r = client.get(page, params={"source": "CHN", "target": "RUS", name: bad})
                if r.status_code >= 500:
                    failures.append((page, name, bad, r.status_code))
    assert not failures, failures[:10]


def test_bad_values_are_explained_with_valid_choices(client):
    r = client.get("/api/events", params={"offset": "99999999999999999999"})
    assert r.status_code == 422 and "offset" in r.json()["message"]
    r = client.get("/api/index", params={"source": "CHN", "target": "RUS", "period": "week"})
    assert r.status_code == 422 and "month, quarter, year or decade" in r.json()["message"]
    page = client.get("/events", params={"start": "2024-13-45"})
    assert page.status_code == 422 and "start" in page.text and "YYYY-MM-DD" in page.text
    assert '"loc"' not in page.text  # no raw validation JSON
    r = client.get("/api/dyad", params={"source": "XXX", "target": "RUS"})
    assert r.status_code == 404 and "XXX" in r.json()["message"] and "CHN" in r.json()["message"]
    page = client.get("/dyad", params={"source": "XXX", "target": "RUS"})
    assert page.status_code == 404 and "unknown actor code" in page.text


def test_actor_codes_are_case_insensitive(client):
    lower = client.get("/api/index", params={"source": "chn", "target": "rus", "period": "year"}).json()["rows"]
    upper = client.get("/api/index", params={"source": "CHN", "target": "RUS", "period": "year"}).json()["rows"]
    assert lower == upper and sum(r["n_events"] for r in upper) > 0


def test_phrase_search_word_boundaries_and_stemming(client):
    r = client.get("/api/search", params={"q": '"Power of Siberia"'}).json()
    assert r["n"] == 1 and "Power of Siberia" in r["rows"][0]["text"]
    marked = [r["rows"][0]["text"][s:e] for s, e in r["rows"][0]["matches"]]
    assert marked == ["Power of Siberia"]
    assert client.get("/api/search", params={"q": '"Siberia of Power"'}).json()["n"] == 0
    assert client.get("/api/search", params={"q": "of"}).json()["n"] < client.get(
        "/api/search", params={"q": "o"}).json()["n"] + 100  # runs; "o" is a word of its own, no substring
    assert client.get("/api/search", params={"q": "offe"}).json()["n"] == 0  # no match inside words
    assert client.get("/api/search", params={"q": "sign"}).json()["n"] >= 1  # stemmed: "signed"
    page = client.get("/search", params={"q": '"Power of Siberia"'}).text
    assert "1 passage contains" in page


def test_search_index_follows_the_store(tmp_path):
    import duckdb

    path = build_store(tmp_path / "s.duckdb")
    idx = fts.PassageIndex(str(path))
    con = duckdb.connect(str(path))
    assert idx.sync(con) > 0 and idx.sync(con) == 0
    assert idx.search("pipeline")[0] == 1
    con.execute("UPDATE documents SET is_current = false WHERE name = 'gas_2019.txt'")
    idx.sync(con)
    assert idx.search("pipeline")[0] == 0
    con.close()


def test_dimension_bar_equals_its_list(client):
    q = {"source": "CHN", "target": "RUS", "undirected": True}
    rows = client.get("/api/breakdown", params=q).json()["rows"]
    for r in rows:
        if not r["n_events"]:
            continue
        listed = client.get("/api/events", params={**q, "dimension": r["dimension"], "limit": 1000}).json()["rows"]
        assert len(listed) == r["n_events"], r["dimension"]


def test_csv_export_matches_the_page_rows(client):
    q = {"source": "CHN", "target": "RUS", "limit": 7}
    api = client.get("/api/events", params=q).json()["rows"]
    text = client.get("/export/events.csv", params=q)
    assert text.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in api]
    idx = list(csv.DictReader(io.StringIO(client.get("/export/index.csv", params={
        "source": "CHN", "target": "RUS", "period": "year"}).text)))
    assert idx and "n_docs" in idx[0]


def test_compare_triangle_documents_favicon(client):
    tri = client.get("/api/compare", params={"triangle": True}).json()["series"]
    assert len(tri) == 6 and {s["label"] for s in tri} >= {"CHN→RUS", "USA→CHN", "RUS→USA"}
    two = client.get("/api/compare", params={"dyads": "chn-rus,usa-chn"}).json()["series"]
    assert [s["label"] for s in two] == ["CHN→RUS", "USA→CHN"]
    docs = client.get("/api/documents").json()
    assert docs["total"] == 5 and all("n_events" in d for d in docs["rows"])
    assert "Power of Siberia" in client.get("/documents").text
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg")


def test_dyad_page_names_actors_and_explains(client):
    page = client.get("/dyad", params={"source": "CHN", "target": "RUS", "period": "year"}).text
    assert "China (CHN)" in page and "Russia (RUS)" in page
    for words in ("Goldstein score", "Net cooperation", "Quad class", "Counting rule", "Who initiates"):
        assert words in page
    ms = client.get("/api/milestones", params={"source": "CHN", "target": "RUS"}).json()["rows"]
    assert any("treaty on good-neighbourliness" in (m["name"] or "") for m in ms)


def test_ingest_checks_the_token_before_the_body(store, tmp_path):
    copy = tmp_path / "rw.duckdb"
    copy.write_bytes(store.read_bytes())
    with TestClient(create_app(str(copy), token="s3cret")) as rw:
        assert rw.post("/api/ingest", content=b"not json").status_code == 401
        assert rw.post("/api/ingest", json={"wrong": 1}).status_code == 401
        r = rw.post("/api/ingest", content=b"not json", headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 422 and r.json()["message"]
