"""GDELT event files importer: the 2.0 export (61 tab-separated columns) and the 1.0
daily files (58 columns, 57 before SOURCEURL was added in April 2013), plain or
zipped. The layout is read from the width of the first row (or a header line, if
the file has one); a UTF-8 BOM is skipped.

Actors: Actor{1,2}CountryCode, else the first three letters of Actor{1,2}Code,
when they are a state's code (Soviet codes fold into RUS) -- never the free-text
name dictionary, so region codes (MEA, EEU, ...) are skipped with their reason
instead of becoming India or the Eurasian Economic Union. Otherwise the known
group code, else the most specific IGO segment of the actor code (IGOUNOWBK is
the World Bank, not the UN). The actor's type is kept: Type1Code (GOV, MIL, MED,
BUS, REB, CVL, ...), or IGO, BUS for MNC codes, NGO, GRP for other known groups,
STATE for a bare country code.

>>> report = import_gdelt(con, ["20240501.export.CSV"])   # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from entente.imports.common import (
    FOLD, STATE_TYPES_SQL, ImportReport, import_sources, insert_staged, read_csv_sql, register_tables, stage,
    state_codes,
)
from entente.imports.files import Source

ORIGIN = "gdelt"
CODER = "import.gdelt.v2"
_ACTOR = ("Code Name CountryCode KnownGroupCode EthnicCode Religion1Code Religion2Code "
          "Type1Code Type2Code Type3Code").split()


def _geo(prefix: str, adm2: bool) -> list[str]:
    cols = ["Type", "FullName", "CountryCode", "ADM1Code"] + (["ADM2Code"] if adm2 else []) + ["Lat", "Long",
                                                                                               "FeatureID"]
    return [f"{prefix}_{c}" for c in cols]


def _layout(v2: bool, url: bool) -> list[str]:
    return (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
            + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
            + "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
              "NumArticles AvgTone".split()
            + _geo("Actor1Geo", v2) + _geo("Actor2Geo", v2) + _geo("ActionGeo", v2)
            + ["DATEADDED"] + (["SOURCEURL"] if url else []))


COLUMNS = _layout(True, True)                    # GDELT 2.0 export
LAYOUTS = {61: ("GDELT 2.0", COLUMNS), 58: ("GDELT 1.0", _layout(False, True)),
           57: ("GDELT 1.0 (before SOURCEURL)", _layout(False, False))}
IDX = {c: i for i, c in enumerate(COLUMNS)}
TYPES = {"GLOBALEVENTID": "BIGINT", "SQLDATE": "DATE", "QuadClass": "INTEGER", "GoldsteinScale": "DOUBLE",
         "NumMentions": "INTEGER", "NumSources": "INTEGER", "NumArticles": "INTEGER"}
# CAMEO known-group / IGO codes for the organisations entente codes as actors of their own.
IGO_GROUPS = {"UNO": "UN", "NAT": "NATO", "EEC": "EU", "ASN": "ASEAN", "SCO": "SCO", "CIS": "CIS",
              "BRI": "BRICS", "IMF": "IMF", "WTO": "WTO", "WBK": "WB", "IAE": "IAEA", "OAU": "AU", "AFU": "AU",
              "CST": "CSTO"}
# CAMEO region codes: places, not actors (WST, "the West", is an entente actor and maps to itself).
REGIONS = ("AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM SAS SEA SAF WAF "
           "CMN SCA").split()


def actor_table() -> pd.DataFrame:
    """3-letter code -> (entente code, kind) for states, IGO groups and regions."""
    rows = [(c, c, "state") for c in sorted(state_codes())]
    rows += [(k, v, "state") for k, v in FOLD.items()]
    rows += [(k, v, "igo") for k, v in IGO_GROUPS.items() if len(k) == 3]
    rows += [("WST", "WST", "igo")]
    rows += [(k, None, "region") for k in REGIONS]
    return pd.DataFrame(rows, columns=["raw", "code", "kind"]).drop_duplicates(["raw", "kind"])


def _actor_sql(n: int) -> tuple[str, str, str]:
    """(joins, code expression, type expression) for actor n of the row ``r``."""
    c, cc, g, t = (f"coalesce(r.Actor{n}{x}, '')" for x in ("Code", "CountryCode", "KnownGroupCode", "Type1Code"))
    joins = "\n".join([
        f"LEFT JOIN _imp_actor3 s{n}c ON s{n}c.kind = 'state' AND s{n}c.raw = {cc}",
        f"LEFT JOIN _imp_actor3 s{n}p ON s{n}p.kind = 'state' AND s{n}p.raw = substr({c}, 1, 3)",
        f"LEFT JOIN _imp_actor3 g{n} ON g{n}.kind = 'igo' AND g{n}.raw = {g}",
        f"LEFT JOIN _imp_actor3 i{n}3 ON i{n}3.kind = 'igo' AND {c} LIKE 'IGO%' AND i{n}3.raw = substr({c}, 10, 3)",
        f"LEFT JOIN _imp_actor3 i{n}2 ON i{n}2.kind = 'igo' AND {c} LIKE 'IGO%' AND i{n}2.raw = substr({c}, 7, 3)",
        f"LEFT JOIN _imp_actor3 i{n}1 ON i{n}1.kind = 'igo' AND {c} LIKE 'IGO%' AND i{n}1.raw = substr({c}, 4, 3)",
        f"LEFT JOIN _imp_actor3 w{n} ON w{n}.kind = 'igo' AND w{n}.raw = {c}",
        f"LEFT JOIN _imp_actor3 r{n} ON r{n}.kind = 'region' AND (r{n}.raw = {cc} OR r{n}.raw = substr({c}, 1, 3))",
    ])
    state = f"coalesce(s{n}c.code, s{n}p.code)"
    igo = f"coalesce(g{n}.code, i{n}3.code, i{n}2.code, i{n}1.code, w{n}.code)"
    code = f"coalesce({state}, {igo})"
    typ = (f"CASE WHEN {state} IS NULL AND {igo} IS NOT NULL THEN 'IGO' "
           f"WHEN {t} <> '' THEN {t} WHEN {g} <> '' THEN 'GRP' "
           f"WHEN {c} LIKE 'MNC%' THEN 'BUS' WHEN {c} LIKE 'NGO%' OR {c} LIKE 'NGM%' THEN 'NGO' "
           f"WHEN length({c}) <= 3 THEN 'STATE' ELSE 'OTHER' END")
    return joins, code, typ


def select_sql(src: Source, columns: list[str]) -> str:
    types = {c: TYPES.get(c, "VARCHAR") for c in columns}
    j1, a1, t1 = _actor_sql(1)
    j2, a2, t2 = _actor_sql(2)
    url = "r.SOURCEURL" if "SOURCEURL" in columns else "NULL"
    return f"""
    WITH m AS (
      SELECT CAST(r.GLOBALEVENTID AS VARCHAR) AS ext, r.SQLDATE AS d, trim(coalesce(r.EventCode, '')) AS raw_code,
             {a1} AS source, {a2} AS target, {t1} AS source_type, {t2} AS target_type,
             r1.raw AS region1, r2.raw AS region2,
             r.Actor1Name AS source_text, r.Actor2Name AS target_text, r.QuadClass AS file_quad_class,
             r.GoldsteinScale AS file_goldstein, r.NumSources AS num_sources, r.NumArticles AS num_articles,
             nullif(trim({url}), '') AS source_url
      FROM {read_csv_sql(src, types, dateformat='%Y%m%d')} r
      {j1}
      {j2}
    )
    SELECT substr(sha256('{ORIGIN}' || chr(31) || ext), 1, 20) AS event_id, '{ORIGIN}' AS origin, m.*,
           k.cameo, k.root, k.quad_class, k.plover, k.goldstein, k.dimension,
           strftime(d, '%Y-%m-%d') AS date, 'day' AS date_precision, d AS date_start,
           'import.{ORIGIN}' AS rule, '{CODER}' AS coder, ext AS external_id,
           (source_type IN {STATE_TYPES_SQL} AND target_type IN {STATE_TYPES_SQL}) AS state_actors,
           NULL::VARCHAR AS story_id, NULL::VARCHAR AS publisher,
           CASE WHEN k.cameo IS NULL THEN 'unknown CAMEO code ''' || raw_code || '''' END AS problem,
           CASE WHEN (source IS NULL AND region1 IS NOT NULL) OR (target IS NULL AND region2 IS NOT NULL)
                     THEN 'regional actor (e.g. MEA, EEU): not a state or organisation'
                WHEN source IS NULL OR target IS NULL THEN 'actor without a country or IGO code'
                WHEN source = target THEN 'same actor on both sides' END AS skip
    FROM m LEFT JOIN _imp_cameo k ON k.raw = m.raw_code
    """


def _one_file(con, src: Source, report: ImportReport) -> None:
    if src.empty:
        return
    width = len(src.header) if src.header else src.first_fields
    if src.header and "GLOBALEVENTID" not in src.header:
        report.problem(src.label, 1, "first line is neither a GDELT row nor a GDELT header")
        return
    if width not in LAYOUTS:
        line = 2 if src.header else 1
        report.problem(src.label, line, f"not a GDELT event file: expected 61 tab-separated columns (GDELT 2.0) "
                                        f"or 57/58 (GDELT 1.0 daily files), found {width}; file skipped")
        return
    name, columns = LAYOUTS[width]
    report.layouts[src.label] = name
    if stage(con, src, report, select_sql(src, columns), 0, id_col="ext"):
        insert_staged(con, report)


def import_gdelt(con, paths: list[str | Path]) -> ImportReport:
    """Import GDELT 2.0 export or 1.0 daily files into ``events`` (origin 'gdelt').

    Re-importing a file adds nothing (event_id derives from GLOBALEVENTID). Malformed
    rows (column count, id, date, encoding, unknown CAMEO code, a cut-off last row) go
    to ``report.problems`` as (file, line, reason); each file is its own transaction.
    """
    report = ImportReport()
    register_tables(con, {"_imp_actor3": actor_table()})
    return import_sources(con, paths, report, _one_file)
