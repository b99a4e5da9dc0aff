"""Flagging an event as wrong: stored, left out of indices, milestones and lists, and reversible."""
from __future__ import annotations

import duckdb
import pytest
from conftest_web import build_store
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from entente.analysis import evidence, indices, milestones, queries
from entente.errors import ConfigError, NotFound
from entente.store import db, flags
from entente.views.api import create_app
from entente.views.cli import app as cli_app


@pytest.fixture()
def store(tmp_path):
    return build_store(tmp_path / "f.duckdb", n_imported=40)


def _treaty(con) -> str:
    """The coded CHN→RUS treaty of 2001 (the strongest cooperative act in the 2001 bucket)."""
    return con.execute("SELECT event_id FROM events WHERE origin = 'entente' AND source = 'CHN' AND target = 'RUS' "
                       "AND cameo = '057' AND date = '2001-07-16'").fetchall()[0][0]


def _year(con, label: str, **kw) -> dict:
    df = indices.dyad_index(con, "CHN", "RUS", period="year", **kw)
    return df[df["period"] == label].iloc[0].to_dict()


def test_flag_changes_the_index_and_unflag_restores_it(store):
    con = db.connect(store)
    eid = _treaty(con)
    before = _year(con, "2001")
    breakdown = indices.dimension_breakdown(con, "CHN", "RUS").set_index("dimension")["n_events"]
    assert before["n_events"] >= 1 and before["material_coop"] + before["verbal_coop"] >= 1

    f = flags.flag(con, eid, reason="treaty date misread", by="test")
    assert f["event_ids"] == [eid] and f["reason"] == "treaty date misread" and f["flagged_at"].endswith("Z")
    after = _year(con, "2001")
    goldstein = con.execute("SELECT goldstein FROM events WHERE event_id = ?", [eid]).fetchall()[0][0]
    assert after["n_events"] == before["n_events"] - 1
    assert after["net_cooperation"] == pytest.approx(before["net_cooperation"] - goldstein)
    assert indices.dimension_breakdown(con, "CHN", "RUS").set_index("dimension")["n_events"]["diplomatic"] == \
        breakdown["diplomatic"] - 1
    # every list an analyst reads leaves it out; the evidence of the event itself says it is flagged
    assert eid not in queries.events(con, source="CHN", target="RUS", limit=1000)["event_id"].tolist()
    listed = queries.events(con, source="CHN", target="RUS", limit=1000, include_flagged=True)
    assert listed.set_index("event_id")["flagged"][eid]
    assert eid not in evidence.pair_events(con, "CHN", "RUS")["event_id"].tolist()
    assert eid not in indices.events_for_point(con, "CHN", "RUS", period="year", period_label="2001")["event_id"].tolist()
    assert all(eid not in m for m in milestones.milestones(con, "CHN", "RUS")["event_ids"])
    assert queries.event_evidence(con, eid)["flag"]["reason"] == "treaty date misread"
    assert [r["event_id"] for r in flags.list_flags(con)] == [eid]

    assert flags.unflag(con, eid) == [eid]
    assert _year(con, "2001") == before
    assert flags.unflag(con, eid) == []  # undoing twice changes nothing
    assert queries.event_evidence(con, eid)["flag"] is None
    con.close()


def test_flag_survives_reopen_and_optimize(store):
    con = db.connect(store)
    eid = _treaty(con)
    flags.flag(con, eid)
    db.optimize(con)  # rewrites events; the flag lives apart and still applies
    con.close()
    ro = db.connect(store, read_only=True)
    assert flags.get(ro, eid)["reason"] is None
    assert eid not in queries.events(ro, source="CHN", target="RUS", limit=1000)["event_id"].tolist()
    ro.close()


def test_a_joint_act_is_flagged_in_both_directions(store):
    con = db.connect(store)
    eid = _treaty(con)
    row = con.execute("SELECT * FROM events WHERE event_id = ?", [eid]).df()
    row.loc[0, ["event_id", "source", "target"]] = ["mirror01", "RUS", "CHN"]  # the same sentence coded B→A
    con.register("mirror_row", row)
    con.execute("INSERT INTO events SELECT * FROM mirror_row")
    both = _year(con, "2001", undirected=True)
    assert flags.flag(con, eid)["event_ids"] == sorted([eid, "mirror01"])
    assert _year(con, "2001", undirected=True)["n_events"] == both["n_events"] - 1  # the act counted once, now 0
    assert flags.unflag(con, "mirror01") == sorted([eid, "mirror01"])
    con.close()


def test_bad_ids_and_reasons(store):
    con = db.connect(store)
    with pytest.raises(NotFound, match="no event 'nope'"):
        flags.flag(con, "nope")
    with pytest.raises(NotFound):
        flags.unflag(con, "nope")
    with pytest.raises(ConfigError, match="at most 500"):
        flags.flag(con, _treaty(con), reason="x" * 501)
    assert flags.list_flags(con) == []
    con.close()


def test_old_store_gains_the_table_and_read_only_old_store_still_reads(tmp_path, store):
    con = duckdb.connect(str(store))
    con.execute("DROP TABLE event_flags")
    con.close()
    ro = db.connect(store, read_only=True)  # made before flags: nothing is flagged, nothing breaks
    assert not flags.has_table(ro) and flags.list_flags(ro) == []
    n = int(indices.dyad_index(ro, "CHN", "RUS", period="year")["n_events"].sum())
    assert n > 0 and len(queries.events(ro, source="CHN", target="RUS", limit=1000, dated=True)) == n
    ro.close()
    rw = db.connect(store)  # a writable open adds it (schema version stays 1)
    assert flags.has_table(rw)
    assert rw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("1",)]
    rw.close()


def test_cli_flag_unflag_and_list(store):
    r = CliRunner()
    con = db.connect(store, read_only=True)
    eid = _treaty(con)
    con.close()
    out = r.invoke(cli_app, ["flag", eid, "--reason", "not a treaty", "--store", str(store)])
    assert out.exit_code == 0 and f"flagged {eid}" in out.output
    listed = r.invoke(cli_app, ["flags", "--json", "--store", str(store)])
    assert listed.exit_code == 0 and '"reason": "not a treaty"' in listed.output and '"flagged_by": "cli' in listed.output
    events = r.invoke(cli_app, ["events", "--pair", "CHN-RUS", "--json", "--limit", "1000", "--store", str(store)])
    assert eid not in events.output
    bad = r.invoke(cli_app, ["flag", "nope", "--store", str(store)])
    assert bad.exit_code == 2 and " ".join(bad.output.split()) == f"error: {store}: no event 'nope' in this store"
    assert r.invoke(cli_app, ["unflag", "nope", "--store", str(store)]).exit_code == 2
    back = r.invoke(cli_app, ["unflag", eid, "--store", str(store)])
    assert back.exit_code == 0 and f"unflagged {eid}" in back.output
    assert "0 flagged events" in r.invoke(cli_app, ["flags", "--store", str(store)]).output


def test_api_flag_needs_the_token_and_answers_4xx_on_bad_ids(store):
    con = db.connect(store, read_only=True)
    eid = _treaty(con)
    con.close()
    auth = {"Authorization": "Bearer s3cret"}
    with TestClient(create_app(str(store)), raise_server_exceptions=False) as ro:
        assert ro.post(f"/api/events/{eid}/flag", json={}).status_code == 403
        assert ro.delete(f"/api/events/{eid}/flag").status_code == 403
        assert ro.get("/api/flags").json() == {"rows": [], "writable": False}
        assert "flag-form" not in ro.get(f"/event/{eid}").text  # no control on a read-only server
    with TestClient(create_app(str(store), token="s3cret"), raise_server_exceptions=False) as rw:
        year = lambda: next(r for r in rw.get("/api/index", params={"source": "CHN", "target": "RUS",  # noqa: E731
                                                                      "period": "year"}).json()["rows"]
                            if r["period"] == "2001")["n_events"]
        n0 = year()
        # the token is checked before the body: a bad body without it is a 401, not a 422
        assert rw.post(f"/api/events/{eid}/flag", content=b"{not json").status_code == 401
        assert rw.post(f"/api/events/{eid}/flag", json={}, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert rw.delete(f"/api/events/{eid}/flag").status_code == 401
        assert rw.post(f"/api/events/{eid}/flag", content=b"{not json", headers=auth).status_code == 422
        assert rw.post(f"/api/events/{eid}/flag", json={"reason": "x" * 501}, headers=auth).status_code == 422
        for bad in ("nope", "x" * 300, "%00", "'; DROP TABLE events; --"):
            for method in ("post", "delete"):
                r = getattr(rw, method)(f"/api/events/{bad}/flag", headers=auth)
                assert r.status_code == 404 and r.json()["message"], (method, bad, r.status_code)
        page = rw.get(f"/event/{eid}").text
        assert "Flag as wrong" in page and "Flagged as wrong" not in page
        r = rw.post(f"/api/events/{eid}/flag", json={"reason": "wrong year"}, headers=auth)
        assert r.status_code == 200 and r.json()["flag"]["flagged_by"].startswith("api:")
        assert year() == n0 - 1
        page = rw.get(f"/event/{eid}").text
        assert "Flagged as wrong" in page and "wrong year" in page and "Remove flag" in page
        assert eid not in rw.get("/api/events", params={"source": "CHN", "target": "RUS"}).text
        rows = rw.get("/api/events", params={"source": "CHN", "target": "RUS", "include_flagged": True}).json()["rows"]
        assert [x["flagged"] for x in rows if x["event_id"] == eid] == [True]
        assert rw.get("/api/flags").json()["rows"][0]["event_id"] == eid
        r = rw.delete(f"/api/events/{eid}/flag", headers=auth)
        assert r.status_code == 200 and r.json()["unflagged"] == [eid]
        assert year() == n0

