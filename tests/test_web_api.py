"""The REST API and pages over a small real store (FastAPI TestClient)."""
from __future__ import annotations

import json
import re

import pytest
from conftest_web import HIGHLIGHT_SENTENCE, SCRIPT_DOC, build_store
from fastapi.testclient import TestClient

from entente.store import db
from entente.views.api import create_app
from entente.views.web_views import pieces


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web") / "t.duckdb")


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(str(store))) as c:
        yield c


def test_summary_counts_and_header(client):
    s = client.get("/api/summary").json()
    assert s["documents"] == 5 and s["quotes"] == 1
    assert s["events_by_origin"] == {"entente": 10, "gdelt": 240} and s["events"] == 250
    assert s["first_date"] == "2001-07-01"
    page = client.get("/").text
    assert re.search(r"<b>250</b> events", page)
    assert "CHN–RUS" in page


def test_index_has_zero_rows_and_validates_period(client):
    rows = client.get("/api/index", params={"source": "CHN", "target": "RUS", "period": "year"}).json()["rows"]
    years = [r["period"] for r in rows]
    assert years[0] == "2001" and "2005" in years  # an empty year is a zero row, not a gap
    assert next(r for r in rows if r["period"] == "2005")["n_events"] == 0
    r = client.get("/api/index", params={"source": "CHN", "target": "RUS", "period": "week"})
    assert r.status_code == 422
    r = client.get("/api/index", params={"source": "CHN", "target": "RUS", "start": "yesterday"})
    assert r.status_code == 422


def test_point_evidence_highlights_the_sentence(client):
    body = client.get("/api/evidence", params={"source": "CHN", "target": "RUS", "period": "year",
                                               "label": "2001"}).json()
    assert body["n_events"] == 2
    treaty = next(it for it in body["items"] if it["event"]["cameo"] == "057")
    marked = [p["text"] for p in treaty["passage"]["pieces"] if p["mark"]]
    assert marked == [HIGHLIGHT_SENTENCE]
    sent = treaty["passage"]["sentence"]
    assert treaty["passage"]["text"][sent["start"]:sent["end"]] == HIGHLIGHT_SENTENCE
    assert treaty["document"]["name"] == "treaty_2001.txt"
    # Filtering the point by quad class keeps only that class.
    body = client.get("/api/evidence", params={"source": "USA", "target": "CHN", "period": "year",
                                               "label": "2023", "quad_class": 3}).json()
    assert body["items"] and all(it["event"]["quad_class"] == 3 for it in body["items"])
    page = client.get("/evidence", params={"source": "CHN", "target": "RUS", "period": "year", "label": "2001"})
    assert f"<mark>{HIGHLIGHT_SENTENCE}</mark>" in page.text


def test_errors_carry_their_status(client):
    r = client.get("/api/events/nope")
    assert r.status_code == 404 and r.json()["error"] == "NotFound"
    r = client.get("/document/nope")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "NotFound" in r.text
    r = client.get("/api/evidence")  # neither a point nor ids
    assert r.status_code == 400 and r.json()["error"] == "ConfigError"


def test_document_markup_is_text_never_markup(client):
    doc_id = db.short_hash(SCRIPT_DOC)
    r = client.get(f"/document/{doc_id}")
    assert r.status_code == 200
    html = r.text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;b&gt;tag&lt;/b&gt;" in html  # the title too
    assert "script-src 'self'" in r.headers["content-security-policy"]
    # The only script tags are our own files and JSON blocks.
    for tag in re.findall(r"<script[^>]*>", client.get("/dyad?source=CHN&target=RUS").text):
        assert 'src="/static/' in tag or 'type="application/json"' in tag


def test_chart_data_is_json_not_script(client):
    html = client.get("/dyad", params={"source": "CHN", "target": "RUS", "period": "year"}).text
    m = re.search(r'<script type="application/json" id="index-data">(.*?)</script>', html, re.S)
    rows = json.loads(m.group(1))
    assert rows[0]["period"] == "2001" and "net_cooperation" in rows[0]
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing fetched from elsewhere
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"] and len(js.content) > 1_000_000


def test_events_filters_and_paging(client):
    rows = client.get("/api/events", params={"source": "CHN", "target": "RUS", "undirected": True,
                                             "quad_class": 2, "start": "2015", "end": "2019-12-31"}).json()["rows"]
    assert rows and all(r["quad_class"] == 2 and "2015" <= r["date"][:4] <= "2019" for r in rows)
    assert all({r["source"], r["target"]} == {"CHN", "RUS"} for r in rows)
    assert {r["source"] for r in rows} == {"CHN", "RUS"}
    only = client.get("/api/events", params={"doc_id": db.short_hash("gas_2019.txt")}).json()["rows"]
    assert {r["cameo"] for r in only} == {"061", "051"} and only[0]["doc_title"] == "Power of Siberia starts flowing"
    first = client.get("/api/events", params={"limit": 5}).json()["rows"]
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["rows"]
    assert len(first) == len(second) == 5 and not {r["event_id"] for r in first} & {r["event_id"] for r in second}
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert "older →" in client.get("/events", params={"limit": 5}).text


def test_quotes_who_said_what(client):
    rows = client.get("/api/quotes", params={"speaker": "putin"}).json()["rows"]
    assert len(rows) == 1 and rows[0]["speaker_actor"] == "RUS" and rows[0]["text"].startswith("Our relations")
    assert client.get("/api/quotes", params={"actor": "CHN"}).json()["rows"] == []
    assert "Vladimir Putin" in client.get("/quotes").text


def test_search_needs_every_word_and_matches_literally(client):
    rows = client.get("/api/search", params={"q": "siberia GAS"}).json()["rows"]
    assert len(rows) == 1 and rows[0]["doc_name"] == "gas_2019.txt"
    marked = [p["text"].lower() for p in rows[0]["pieces"] if p["mark"]]
    assert marked == ["gas", "siberia"]
    assert client.get("/api/search", params={"q": "siberia treaty"}).json()["rows"] == []
    assert client.get("/api/search", params={"q": "100%"}).json()["rows"] == []  # % is not a wildcard
    assert client.get("/api/search", params={"q": ""}).status_code == 422
    assert "<mark>Siberia</mark>" in client.get("/search", params={"q": "siberia"}).text


def test_openapi_served_and_docs_offline(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/index", "/api/breakdown", "/api/milestones", "/api/evidence", "/api/events",
                 "/api/quotes", "/api/search", "/api/documents/{doc_id}"):
        assert path in spec["paths"]
    assert "/api/ingest" not in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "http" not in docs.text  # Swagger UI from the installed package, no CDN
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_breakdown_and_milestones(client):
    rows = client.get("/api/breakdown", params={"source": "CHN", "target": "RUS", "undirected": True}).json()["rows"]
    by = {r["dimension"]: r for r in rows}
    assert by["energy"]["n_events"] >= 2 and by["energy"]["label"]
    ms = client.get("/api/milestones", params={"source": "CHN", "target": "RUS"}).json()["rows"]
    assert any(m["date"].startswith("2001-07-16") for m in ms)
    ids = next(m for m in ms if m["date"].startswith("2001-07-16"))["event_ids"]
    ev = client.get("/api/evidence", params={"ids": ",".join(ids)}).json()
    assert ev["items"] and all(it["event"]["event_id"] in ids for it in ev["items"])


def test_ingest_endpoint_needs_a_token(store, tmp_path):
    with TestClient(create_app(str(store))) as ro:
        assert ro.post("/api/ingest", json={"inputs": ["x"]}).status_code in (404, 405)
    copy = tmp_path / "rw.duckdb"
    copy.write_bytes(store.read_bytes())
    with TestClient(create_app(str(copy), token="s3cret")) as rw:
        assert rw.post("/api/ingest", json={"inputs": ["x"]}).status_code == 401
        r = rw.post("/api/ingest", json={"inputs": ["x"]}, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401
        assert "/api/ingest" in rw.get("/openapi.json").json()["paths"]
        before = rw.get("/api/summary").json()["documents"]
        src = tmp_path / "in"
        src.mkdir()
        (src / "note.txt").write_text("On 5 June 2019 China and Russia signed an agreement on trade.\n", "utf-8")
        r = rw.post("/api/ingest", json={"inputs": [str(src)]}, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200, r.text
        assert r.json()["added"] == 1 and r.json()["failed"] == 0
        assert rw.get("/api/summary").json()["documents"] == before + 1  # cache cleared after ingest


def test_pieces_never_lose_text():
    text = "abc <script>x</script> def"
    out = pieces(text, [(4, 22), (0, 3), (20, 26)])
    assert "".join(p["text"] for p in out) == text
    assert [p["text"] for p in out if p["mark"]] == ["abc", "<script>x</script>", " def"]  # overlap clipped
    assert pieces("", [(0, 5)]) == []
