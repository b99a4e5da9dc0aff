"""GDELT 2.0 event export importer (the published 61-column tab-separated layout,
no header; plain ``.CSV`` or ``.zip``).

Actors: Actor{1,2}CountryCode (ISO-3; Soviet codes fold into RUS), else the
first three letters of Actor{1,2}Code when they are a country code, else a
known IGO group code (UNO -> UN, NAT -> NATO, ...). Date: SQLDATE (day).

>>> report = import_gdelt(con, ["20240501.export.CSV"])   # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from entente.imports.common import ImportReport, actor_code, cameo_code, event_row, insert_rows, read_lines

ORIGIN = "gdelt"
CODER = "import.gdelt.v1"
COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL"
).split()
IDX = {c: i for i, c in enumerate(COLUMNS)}
IGO_GROUPS = {"UNO": "UN", "NAT": "NATO", "EEC": "EU", "EUR": "EU", "ASN": "ASEAN", "SCO": "SCO",
              "CIS": "CIS", "BRI": "BRICS"}
BATCH = 50_000


def _actor(f: list[str], n: int) -> str | None:
    country = f[IDX[f"Actor{n}CountryCode"]].strip()
    if country:
        code = actor_code(country)
        if code:
            return code
    full = f[IDX[f"Actor{n}Code"]].strip().upper()
    if len(full) >= 3 and full[:3] != "IGO":
        code = actor_code(full[:3])
        if code:
            return code
    group = f[IDX[f"Actor{n}KnownGroupCode"]].strip().upper()
    if group in IGO_GROUPS:
        return IGO_GROUPS[group]
    if full.startswith("IGO") and full[3:6] in IGO_GROUPS:
        return IGO_GROUPS[full[3:6]]
    return None


def parse_row(f: list[str]) -> dict:
    """One event row from the split fields. Raises ValueError/KeyError with the reason;
    returns {"skip": reason} for a well-formed row that is not a dyad event."""
    if len(f) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} tab-separated columns, found {len(f)}")
    ext = f[IDX["GLOBALEVENTID"]].strip()
    if not ext.isdigit():
        raise ValueError(f"bad GLOBALEVENTID {ext!r}")
    raw = f[IDX["SQLDATE"]].strip()
    try:
        date = dt.datetime.strptime(raw, "%Y%m%d").date().isoformat()
    except ValueError:
        raise ValueError(f"bad SQLDATE {raw!r}; expected YYYYMMDD") from None
    cameo = cameo_code(f[IDX["EventCode"]])
    src, tgt = _actor(f, 1), _actor(f, 2)
    if src is None or tgt is None:
        return {"skip": "actor without a country or IGO code"}
    if src == tgt:
        return {"skip": "same actor on both sides"}
    return event_row(ORIGIN, ext, src, tgt, cameo, date, source_text=f[IDX["Actor1Name"]] or None,
                     target_text=f[IDX["Actor2Name"]] or None, url=f[IDX["SOURCEURL"]].strip(), coder=CODER)


def import_gdelt(con, paths: list[str | Path]) -> ImportReport:
    """Import GDELT 2.0 event export files into ``events`` (origin 'gdelt').

    Re-importing a file adds nothing (event_id derives from GLOBALEVENTID).
    Malformed rows (column count, id, date, unknown CAMEO code) go to
    ``report.problems`` as (file, line, reason) and are skipped.
    """
    report = ImportReport()
    rows: list[dict] = []
    for path in paths:
        for label, n, line in read_lines(path):
            if not line.strip():
                continue
            report.n_rows += 1
            try:
                row = parse_row(line.split("\t"))
            except (ValueError, KeyError) as e:
                report.problems.append((label, n, str(e.args[0]) if e.args else str(e)))
                continue
            if "skip" in row:
                report.skipped[row["skip"]] += 1
                continue
            rows.append(row)
            if len(rows) >= BATCH:
                insert_rows(con, rows, report)
                rows = []
    insert_rows(con, rows, report)
    return report
