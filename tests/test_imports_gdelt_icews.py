"""GDELT 2.0 and ICEWS imports on small files written in the published layouts."""
import zipfile

import pytest

from entente.analysis.indices import dyad_index
from entente.imports import gdelt
from entente.imports.gdelt import import_gdelt
from entente.imports.icews import COLUMNS as ICEWS_COLUMNS
from entente.imports.icews import import_icews
from entente.store import db


def gdelt_line(eid, date, a1, a2, code, *, a1code="", a2code="", url="x"):
    f = [""] * 61
    f[gdelt.IDX["GLOBALEVENTID"]] = str(eid)
    f[gdelt.IDX["SQLDATE"]] = date
    f[gdelt.IDX["MonthYear"]] = date[:6]
    f[gdelt.IDX["Year"]] = date[:4]
    f[gdelt.IDX["Actor1Code"]] = a1code or a1
    f[gdelt.IDX["Actor1Name"]] = a1
    f[gdelt.IDX["Actor1CountryCode"]] = a1
    f[gdelt.IDX["Actor2Code"]] = a2code or a2
    f[gdelt.IDX["Actor2Name"]] = a2
    f[gdelt.IDX["Actor2CountryCode"]] = a2
    f[gdelt.IDX["EventCode"]] = code
    f[gdelt.IDX["EventRootCode"]] = code[:2]
    f[gdelt.IDX["GoldsteinScale"]] = "1.0"
    f[gdelt.IDX["DATEADDED"]] = date + "120000"
    f[gdelt.IDX["SOURCEURL"]] = url
    return "\t".join(f)


GDELT_LINES = [
    gdelt_line(1001, "20220204", "CHN", "RUS", "057"),
    gdelt_line(1002, "20220205", "RUS", "CHN", "061"),
    gdelt_line(1003, "19690302", "CHN", "SUN", "190"),           # Soviet code folds into RUS
    gdelt_line(1004, "20220206", "", "", "042", a1code="IGOUNO", a2code="CHNGOV"),  # UN -> CHN
    gdelt_line(1005, "20220230", "CHN", "RUS", "042"),           # bad date
    gdelt_line(1006, "20220207", "CHN", "RUS", "999"),           # unknown code
    "1007\t20220208\tshort row",                                   # wrong column count
    gdelt_line(1008, "20220209", "CHN", "", "042"),               # one-sided: skipped, counted
    gdelt_line(1009, "20220210", "CHN", "CHN", "042"),            # domestic: skipped, counted
]


@pytest.fixture
def con(tmp_path):
    return db.connect(tmp_path / "t.duckdb")


def test_gdelt_import_maps_codes_and_reports_bad_rows(con, tmp_path):
    p = tmp_path / "20220204.export.CSV"
    p.write_text("\n".join(GDELT_LINES) + "\n", encoding="utf-8")
    rep = import_gdelt(con, [p])
    assert rep.n_rows == 9 and rep.n_added == 4 and rep.n_duplicates == 0
    assert [(line, reason.split(" ")[0]) for _, line, reason in rep.problems] == [
        (5, "bad"), (6, "unknown"), (7, "expected")]
    assert "SQLDATE" in rep.problems[0][2] and "'999'" in rep.problems[1][2]
    assert all(f == str(p) for f, _, _ in rep.problems)
    assert rep.n_skipped == 2
    rows = con.execute("SELECT external_id, source, target, cameo, root, quad_class, plover, goldstein, date, "
                       "date_precision, origin, dimension FROM events ORDER BY external_id").fetchall()
    assert rows[0] == ("1001", "CHN", "RUS", "057", "05", 1, "SUPPORT", 8.0, "2022-02-04", "day", "gdelt",
                       "diplomatic")
    assert rows[1][5:7] == (2, "COOPERATE") and rows[1][11] == "economic"
    assert rows[2][1:3] == ("CHN", "RUS") and rows[2][11] == "military"
    assert rows[3][1:3] == ("UN", "CHN")


def test_gdelt_reimport_adds_nothing_and_zip_works(con, tmp_path):
    p = tmp_path / "a.export.CSV"
    p.write_text("\n".join(GDELT_LINES[:3]) + "\n", encoding="utf-8")
    z = tmp_path / "a.export.CSV.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(p, "a.export.CSV")
    first = import_gdelt(con, [p])
    assert first.n_added == 3
    again = import_gdelt(con, [z])
    assert again.n_rows == 3 and again.n_added == 0 and again.n_duplicates == 3
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 3
    # imported events feed the same indices, filterable by origin
    df = dyad_index(con, "CHN", "RUS", period="year", start="2022", end="2022", origin="gdelt")
    assert df.iloc[0].n_events == 1


def icews_row(eid, date, src, scountry, code, tgt, tcountry):
    vals = {c: "" for c in ICEWS_COLUMNS}
    vals.update({"Event ID": eid, "Event Date": date, "Source Name": src, "Source Country": scountry,
                 "CAMEO Code": code, "Target Name": tgt, "Target Country": tcountry, "Intensity": "3.0",
                 "Event Text": "Make statement", "Publisher": "Xinhua"})
    return "\t".join(vals[c] for c in ICEWS_COLUMNS)


def test_icews_import(con, tmp_path):
    lines = ["\t".join(ICEWS_COLUMNS),
             icews_row("926685", "2014-05-20", "Xi Jinping", "China", "057", "Vladimir Putin", "Russian Federation"),
             icews_row("926686", "2014-05-21", "Gazprom", "Russian Federation", "43", "Government (China)", "China"),
             icews_row("926687", "2014-13-01", "China", "China", "042", "Russia", "Russian Federation"),
             icews_row("926688", "2014-05-22", "China", "China", "0x", "Russia", "Russian Federation"),
             "926689\t2014-05-23\tonly three",
             icews_row("926690", "2014-05-24", "United Nations", "", "111", "Russia", "Russian Federation"),
             icews_row("926691", "2014-05-24", "Police (China)", "China", "173", "Citizen (China)", "China"),
             icews_row("926692", "2014-05-24", "Nobody", "Atlantis", "010", "Russia", "Russian Federation")]
    p = tmp_path / "events.2014.tab"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep = import_icews(con, [p])
    assert rep.n_rows == 8 and rep.n_added == 3
    assert [line for _, line, _ in rep.problems] == [4, 5, 6]
    assert "Event Date" in rep.problems[0][2] and "CAMEO" in rep.problems[1][2]
    assert rep.n_skipped == 2
    got = con.execute("SELECT external_id, source, target, cameo, origin FROM events ORDER BY 1").fetchall()
    assert got == [("926685", "CHN", "RUS", "057", "icews"), ("926686", "RUS", "CHN", "043", "icews"),
                   ("926690", "UN", "RUS", "111", "icews")]
    assert import_icews(con, [p]).n_added == 0


def test_icews_bad_header_is_one_problem(con, tmp_path):
    p = tmp_path / "bad.tab"
    p.write_text("id\tdate\n1\t2014-01-01\n", encoding="utf-8")
    rep = import_icews(con, [p])
    assert rep.n_added == 0 and len(rep.problems) == 1 and "header lacks" in rep.problems[0][2]


def test_cli_import_gdelt_exit_codes(tmp_path):
    from typer.testing import CliRunner

    from entente.views.cli import app

    good = tmp_path / "good.CSV"
    good.write_text("\n".join(GDELT_LINES[:2]) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.CSV"
    bad.write_text("\n".join(GDELT_LINES) + "\n", encoding="utf-8")
    store = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    r = runner.invoke(app, ["import", "gdelt", str(good), "--store", store])
    assert r.exit_code == 0, r.output
    assert "events added" in r.output
    r = runner.invoke(app, ["import", "gdelt", str(bad), "--store", store, "--json"])
    assert r.exit_code == 1
    assert '"n_added": 2' in r.output and "bad SQLDATE" in r.output
    r = runner.invoke(app, ["import", "icews", str(tmp_path / "missing.tab"), "--store", store, "--json"])
    assert r.exit_code == 1 and "no such file" in r.output
    r = runner.invoke(app, ["import", "gdelt", str(good), "--store", str(tmp_path)])  # a directory, not a store
    assert r.exit_code == 2
