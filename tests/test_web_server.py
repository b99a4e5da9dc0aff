"""One real server: uvicorn on a loopback port, spoken to over HTTP."""
from __future__ import annotations

import httpx
from conftest_web import build_store, running_server

from entente.views.api import create_app


def test_real_server_answers_pages_and_api(tmp_path):
    path = build_store(tmp_path / "t.duckdb", n_imported=20)
    with running_server(create_app(str(path))) as url:
        with httpx.Client(base_url=url, timeout=10) as http:
            s = http.get("/api/summary").json()
            assert s["documents"] == 5 and s["events"] == 30
            r = http.get("/dyad", params={"source": "CHN", "target": "RUS", "period": "decade"})
            assert r.status_code == 200 and 'id="chart-index"' in r.text
            rows = http.get("/api/index", params={"source": "CHN", "target": "RUS", "period": "decade"}).json()["rows"]
            assert [x["period"] for x in rows][:2] == ["2000s", "2010s"] or rows[0]["period"].startswith("200")
            assert http.get("/static/app.js").status_code == 200
