"""The eight import defects of issue 9, each on rows written in the published layouts."""
import zipfile

import pytest

from entente.analysis.indices import dyad_index
from entente.imports import gdelt
from entente.imports.gdelt import import_gdelt
from entente.imports.icews import COLUMNS as ICEWS_COLUMNS
from entente.imports.icews import import_icews
from entente.store import db


def gline(eid, a1, a2, code="042", *, date="20220204", c1=None, c2=None, g1="", g2="", t1="", t2="",
          quad="1", gold="1.9", nsrc="1", url="https://example.org/a", layout=gdelt.COLUMNS):
    vals = {c: "" for c in layout}
    vals.update({"GLOBALEVENTID": str(eid), "SQLDATE": date, "MonthYear": date[:6], "Year": date[:4],
                 "Actor1Code": a1, "Actor1CountryCode": a1[:3] if c1 is None else c1, "Actor1KnownGroupCode": g1,
                 "Actor1Type1Code": t1, "Actor1Name": a1,
                 "Actor2Code": a2, "Actor2CountryCode": a2[:3] if c2 is None else c2, "Actor2KnownGroupCode": g2,
                 "Actor2Type1Code": t2, "Actor2Name": a2,
                 "EventCode": code, "EventBaseCode": code, "EventRootCode": code[:2], "QuadClass": quad,
                 "GoldsteinScale": gold, "NumSources": nsrc, "NumArticles": nsrc, "NumMentions": nsrc,
                 "DATEADDED": date + "000000", "SOURCEURL": url})
    return "\t".join(vals[c] for c in layout if c in vals)


def write(p, lines, *, bom=False, end="\n"):
    data = "\n".join(lines) + end
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))
    return p


@pytest.fixture
def con(tmp_path):
    return db.connect(tmp_path / "t.duckdb")


def rows(con, cols="external_id, source, target"):
    return con.execute(f"SELECT {cols} FROM events ORDER BY external_id").fetchall()


def test_1_region_codes_are_not_states(con, tmp_path):
    p = write(tmp_path / "r.CSV", [
        gline(1, "MEA", "CHN"),                    # Middle East: a region
        gline(2, "EEU", "RUS"),                    # Eastern Europe: a region, not the EAEU
        gline(3, "IGOARL", "USA", c1="", g1="ARL"),  # Arab League: no entente code, never IND
        gline(4, "CHN", "RUS")])
    rep = import_gdelt(con, [p])
    assert rows(con) == [("4", "CHN", "RUS")]
    assert rep.skipped["regional actor (e.g. MEA, EEU): not a state or organisation"] == 2
    assert rep.skipped["actor without a country or IGO code"] == 1


def icews(eid, src, scountry, tgt, tcountry, *, code="042", ssec="", tsec="", date="2014-05-20",
          intensity="1.9", story="s1", publisher="Xinhua"):
    vals = {c: "" for c in ICEWS_COLUMNS}
    vals.update({"Event ID": eid, "Event Date": date, "Source Name": src, "Source Country": scountry,
                 "Source Sectors": ssec, "CAMEO Code": code, "Target Name": tgt, "Target Country": tcountry,
                 "Target Sectors": tsec, "Intensity": intensity, "Story ID": story, "Publisher": publisher})
    return "\t".join(vals[c] for c in ICEWS_COLUMNS)


def test_2_icews_na_countries_and_standard_names(con, tmp_path):
    p = write(tmp_path / "e.tab", ["\t".join(ICEWS_COLUMNS),
        icews("1", "European Union", "NA", "China", "China"),
        icews("2", "United Nations", "NA", "Russia", "Russian Federation"),
        icews("3", "Occupied Palestinian Territory", "Occupied Palestinian Territory", "Israel", "Israel"),
        icews("4", "Macedonia", "the former Yugoslav Republic of Macedonia", "Greece", "Greece"),
        icews("5", "Congo", "Democratic Republic of Congo", "Rwanda", "Rwanda"),
        icews("6", "Swaziland", "Swaziland", "South Africa", "South Africa"),
        icews("7", "Shanghai Cooperation Organisation", "NA", "India", "India"),
        icews("8", "Nobody", "Atlantis", "Russia", "Russian Federation")])
    rep = import_icews(con, [p])
    assert rows(con) == [("1", "EU", "CHN"), ("2", "UN", "RUS"), ("3", "PSE", "ISR"), ("4", "MKD", "GRC"),
                         ("5", "COD", "RWA"), ("6", "SWZ", "ZAF"), ("7", "SCO", "IND")]
    assert rep.unmapped == {"Atlantis": 1} and rep.skipped["country not in the actor dictionary"] == 1


def test_3_cut_file_and_bad_encoding_are_problems(con, tmp_path):
    cut = gline(2, "RUS", "CHN", url="https://example.org/a-long-pa")
    p = write(tmp_path / "cut.CSV", [gline(1, "CHN", "RUS"), cut], end="")   # no final newline
    rep = import_gdelt(con, [p])
    assert rows(con) == [("1", "CHN", "RUS")]
    assert rep.problems == [(str(p), 2, "file ends inside this row (no final newline): truncated file? "
                                        "row not imported")]
    full = write(tmp_path / "full.CSV", [gline(1, "CHN", "RUS"), gline(2, "RUS", "CHN",
                                                                       url="https://example.org/a-long-path")])
    assert import_gdelt(con, [full]).n_added == 1
    assert con.execute("SELECT source_url FROM events WHERE external_id = '2'").fetchone()[0].endswith("-path")
    bad = tmp_path / "enc.CSV"
    bad.write_bytes(gline(3, "CIV", "FRA").encode().replace(b"CIV\t", b"C\xd4TE D\xd4IVOIRE\t", 1) + b"\n"
                    + gline(4, "FRA", "CIV").encode() + b"\n")
    rep = import_gdelt(con, [bad])
    assert rep.n_added == 1 and [(line, r.split(" ")[0]) for _, line, r in rep.problems] == [(1, "invalid")]
    assert con.execute("SELECT count(*) FROM events WHERE source_text LIKE '%\ufffd%'").fetchone()[0] == 0


def test_4_bad_zips_missing_files_and_directories(con, tmp_path):
    good = write(tmp_path / "good.CSV", [gline(1, "CHN", "RUS")])
    zgood = tmp_path / "b.zip"
    with zipfile.ZipFile(zgood, "w") as z:
        z.writestr("b.CSV", gline(2, "RUS", "CHN") + "\n")
    crc = tmp_path / "crc.zip"
    with zipfile.ZipFile(crc, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("c.CSV", gline(3, "RUS", "CHN") + "\n")
    data = crc.read_bytes()
    i = data.index(b"\t20220204")
    crc.write_bytes(data[:i] + b"\t20220205" + data[i + 9:])     # same length, wrong checksum
    trunc = tmp_path / "trunc.zip"
    trunc.write_bytes(zgood.read_bytes()[:40])
    folder = tmp_path / "dir"
    folder.mkdir()
    write(folder / "d.CSV", [gline(5, "USA", "CHN")])
    rep = import_gdelt(con, [good, crc, tmp_path / "missing.CSV", trunc, zgood, folder])
    assert [r[0] for r in rows(con)] == ["1", "2", "5"]
    reasons = {f: r for f, _, r in rep.problems}
    assert reasons[f"{crc}:c.CSV"].startswith("damaged zip member") and "CRC" in reasons[f"{crc}:c.CSV"]
    assert reasons[str(tmp_path / "missing.CSV")] == "no such file"
    assert reasons[str(trunc)].startswith("truncated or damaged zip")


def test_5_actor_types_and_state_only_indices(con, tmp_path):
    p = write(tmp_path / "t.CSV", [
        gline(1, "USAMED", "CHN", t1="MED"),             # Reuters-like media
        gline(2, "MNCUSA", "CHN", c1="USA"),             # a US multinational
        gline(3, "AFGTAL", "USA", g1="TAL", t1="REB"),   # the Taliban
        gline(4, "USAREF", "CHN", t1="REF"),             # refugees
        gline(5, "USAGOV", "CHN", t1="GOV"),
        gline(6, "USA", "CHN")])
    p2 = write(tmp_path / "e.tab", ["\t".join(ICEWS_COLUMNS),
        icews("10", "Reuters", "United States", "China", "China", ssec="News,Media", date="2022-02-04"),
        icews("11", "Citizen (United States)", "United States", "China", "China", date="2022-02-04"),
        icews("12", "Joe Biden", "United States", "China", "China", ssec="Government,Executive", date="2022-02-04")])
    import_gdelt(con, [p])
    import_icews(con, [p2])
    got = rows(con, "external_id, source, source_type, state_actors")
    assert got == [("1", "USA", "MED", False), ("10", "USA", "MED", False), ("11", "USA", "CVL", False),
                   ("12", "USA", "GOV", True), ("2", "USA", "BUS", False), ("3", "AFG", "REB", False),
                   ("4", "USA", "REF", False), ("5", "USA", "GOV", True), ("6", "USA", "STATE", True)]
    assert dyad_index(con, "USA", "CHN", period="year", undirected=False).n_events.sum() == 3
    assert dyad_index(con, "USA", "CHN", period="year", undirected=False, all_actors=True).n_events.sum() == 8


def test_6_file_quad_class_and_intensity_kept(con, tmp_path):
    p = write(tmp_path / "q.CSV", [gline(1, "CHN", "RUS", code="090", quad="2", gold="-2.0")])
    import_gdelt(con, [p])
    p2 = write(tmp_path / "e.tab", ["\t".join(ICEWS_COLUMNS),
                                    icews("2", "China", "China", "Russia", "Russian Federation", code="016",
                                          intensity="-5.0")])
    import_icews(con, [p2])
    got = rows(con, "external_id, quad_class, file_quad_class, goldstein, file_goldstein")
    assert got[0][1:] == (3, 2, -2.0, -2.0)        # entente puts 09x in verbal conflict; GDELT in material coop
    assert got[1][1:] == (1, None, -2.0, -5.0)     # ICEWS intensity kept beside entente's Goldstein


def test_7_igo_codes_agree_and_sources_stored(con, tmp_path):
    p = write(tmp_path / "w.CSV", [
        gline(1, "IGOUNOWBK", "CHN", c1="", nsrc="3", url="https://example.org/same"),
        gline(2, "IGOUNOWBK", "CHN", c1="", g1="WBK", nsrc="3", url="https://example.org/same")])
    import_gdelt(con, [p])
    p2 = write(tmp_path / "e.tab", ["\t".join(ICEWS_COLUMNS),
                                    icews("3", "World Bank", "NA", "China", "China", story="st9", publisher="AFP",
                                          date="2022-02-04")])
    import_icews(con, [p2])
    got = rows(con, "external_id, source, num_sources, source_url, story_id, publisher")
    assert [g[1] for g in got] == ["WB", "WB", "WB"]
    assert got[0][2:4] == (3, "https://example.org/same") and got[2][4:] == ("st9", "AFP")
    from entente.analysis.milestones import milestones
    ms = milestones(con, "WB", "CHN", undirected=False)
    assert ms.iloc[0].n_events == 3 and ms.iloc[0].n_sources == 2   # one URL + one ICEWS story


@pytest.mark.parametrize("width", [57, 58])
def test_8_gdelt_1_layouts_header_and_bom(con, tmp_path, width):
    layout = gdelt.LAYOUTS[width][1]
    header = "\t".join(layout)
    p = write(tmp_path / "20120101.export.CSV", [header, gline(1, "CHN", "RUS", layout=layout),
                                                 gline(2, "RUS", "CHN", layout=layout)], bom=True)
    rep = import_gdelt(con, [p])
    assert rep.n_added == 2 and not rep.problems and rep.layouts[str(p)].startswith("GDELT 1.0")
    url = con.execute("SELECT source_url FROM events WHERE external_id = '1'").fetchone()[0]
    assert url == (None if width == 57 else "https://example.org/a")
    wrong = write(tmp_path / "x.CSV", ["1\t2\t3"])
    rep = import_gdelt(con, [wrong])
    assert "GDELT 2.0" in rep.problems[0][2] and "57/58" in rep.problems[0][2]


def test_bom_without_header_and_accounting(con, tmp_path):
    lines = [gline(i, "CHN", "RUS") for i in range(1, 6)] + [gline(1, "CHN", "RUS"), "7\tshort"]
    p = write(tmp_path / "a.CSV", lines, bom=True)
    rep = import_gdelt(con, [p])
    assert rep.n_rows == 7 and rep.n_added == 5 and rep.n_duplicates == 1 and rep.n_malformed == 1
    assert rep.n_rows == rep.n_added + rep.n_duplicates + rep.n_skipped + rep.n_malformed
