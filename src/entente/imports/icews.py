"""ICEWS coded event files importer (tab-separated with a header row; plain or zipped).

Columns are found by header name, so files whose columns come in another order
still import; a file missing a needed column is one problem (its header line).
Actors: "Source Country"/"Target Country" matched exactly against the states'
names (plus the ICEWS spellings in ``ICEWS_NAMES``); where the country is empty or
``NA`` (ICEWS writes that for IGOs), the actor's name against the IGOs' names
("European Union", "United Nations"). The actor's type comes from its sectors
(Government -> GOV, Military -> MIL, Media -> MED, Business -> BUS, Rebels -> REB,
"Citizen (India)" -> CVL, a country itself -> STATE). Story ID and Publisher are
stored; Intensity is kept as ``file_goldstein`` beside entente's Goldstein.

>>> report = import_icews(con, ["events.2014.tab"])   # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from entente.imports.common import (
    STATE_TYPES_SQL, ImportReport, igo_names, import_sources, insert_staged, read_csv_sql, register_tables, stage,
    state_names,
)
from entente.imports.files import Source

ORIGIN = "icews"
CODER = "import.icews.v2"
COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]
REQUIRED = ["Event ID", "Event Date", "Source Name", "Source Country", "CAMEO Code", "Target Name",
            "Target Country"]
TYPES = {"Event Date": "DATE", "Intensity": "DOUBLE"}
# ICEWS's spellings of states whose entente names differ (the standard ICEWS country list).
ICEWS_NAMES = {
    "occupied palestinian territory": "PSE", "the former yugoslav republic of macedonia": "MKD",
    "macedonia, the former yugoslav republic of": "MKD", "democratic republic of congo": "COD",
    "congo, democratic republic of": "COD", "congo, the democratic republic of the": "COD", "swaziland": "SWZ",
    "russian federation": "RUS", "korea, north": "PRK", "korea, south": "KOR", "north korea": "PRK",
    "south korea": "KOR", "korea, republic of": "KOR", "korea, democratic people's republic of": "PRK",
    "iran, islamic republic of": "IRN", "syrian arab republic": "SYR", "viet nam": "VNM", "taiwan": "TWN",
    "moldova, republic of": "MDA", "tanzania, united republic of": "TZA", "lao people's democratic republic": "LAO",
    "bolivia, plurinational state of": "BOL", "venezuela, bolivarian republic of": "VEN", "burma": "MMR",
    "cote d'ivoire": "CIV", "côte d'ivoire": "CIV", "ivory coast": "CIV", "east timor": "TLS", "timor-leste": "TLS",
    "cape verde": "CPV", "czech republic": "CZE", "serbia and montenegro": "SRB",
}
ICEWS_IGOS = {"group of seven": "G7", "group of eight": "G7", "group of twenty": "G20",
              "united nations security council": "UN", "shanghai cooperation organization": "SCO",
              "european commission": "EU", "european parliament": "EU", "world bank group": "WB"}
MISSING = ("", "NA", "N/A", "NONE")


def name_tables() -> dict[str, pd.DataFrame]:
    states = {**state_names(), **ICEWS_NAMES}
    igos = {**igo_names(), **ICEWS_IGOS}
    return {"_imp_state_name": pd.DataFrame(sorted(states.items()), columns=["name", "code"]),
            "_imp_igo_name": pd.DataFrame(sorted(igos.items()), columns=["name", "code"])}


def _q(col: str) -> str:
    return 'r."' + col.replace('"', '""') + '"'


def _type_sql(sectors: str, name: str, igo: str, state_self: str) -> str:
    s, n = f"lower(coalesce({sectors}, ''))", f"lower(coalesce({name}, ''))"

    def has(*words):
        return " OR ".join(f"{s} LIKE '%{w}%'" for w in words)
    return (f"CASE WHEN {igo} IS NOT NULL THEN 'IGO' "
            f"WHEN {has('military', 'armed forces', 'army', 'navy', 'air force')} THEN 'MIL' "
            f"WHEN {has('police')} THEN 'COP' WHEN {has('judicial')} THEN 'JUD' "
            f"WHEN {has('legislative', 'parliament')} THEN 'LEG' WHEN {has('intelligence')} THEN 'SPY' "
            f"WHEN {has('government', 'executive', 'cabinet', 'ministry')} THEN 'GOV' "
            f"WHEN {has('media', 'news')} THEN 'MED' WHEN {has('business')} THEN 'BUS' "
            f"WHEN {has('rebel', 'insurgent')} THEN 'REB' WHEN {has('refugee')} THEN 'REF' "
            f"WHEN {n} LIKE 'citizen (%' OR {has('civilian', 'general population')} THEN 'CVL' "
            f"WHEN {s} = '' AND {state_self} IS NOT NULL THEN 'STATE' ELSE 'OTHER' END")


def _side(n: str, src: Source) -> tuple[str, str, str, str]:
    """(joins, code, type, raw country) for side 'Source' or 'Target'."""
    name, country = _q(f"{n} Name"), _q(f"{n} Country")
    sectors = _q(f"{n} Sectors") if f"{n} Sectors" in src.header else "NULL"
    missing = f"upper(trim(coalesce({country}, ''))) IN ({', '.join(repr(m) for m in MISSING)})"
    a = n[0].lower()
    joins = (f"LEFT JOIN _imp_state_name {a}s ON {a}s.name = lower(trim({country}))\n"
             f"LEFT JOIN _imp_igo_name {a}i ON {missing} AND {a}i.name = lower(trim({name}))\n"
             f"LEFT JOIN _imp_state_name {a}n ON {a}n.name = lower(trim({name}))")
    code = f"CASE WHEN {missing} THEN {a}i.code ELSE {a}s.code END"
    typ = _type_sql(sectors, name, f"{a}i.code", f"{a}n.code")
    raw = f"CASE WHEN {missing} THEN NULL ELSE trim({country}) END"
    return joins, code, typ, raw


def select_sql(src: Source) -> str:
    types = {c: TYPES.get(c, "VARCHAR") for c in src.header}
    js, s, st, sraw = _side("Source", src)
    jt, t, tt, traw = _side("Target", src)

    def opt(col):
        return _q(col) if col in src.header else "NULL"
    return f"""
    WITH m AS (
      SELECT trim({_q('Event ID')}) AS ext, {_q('Event Date')} AS d, trim(coalesce({_q('CAMEO Code')}, '')) AS raw_code,
             {s} AS source, {t} AS target, {st} AS source_type, {tt} AS target_type,
             {sraw} AS source_country, {traw} AS target_country,
             nullif(trim({_q('Source Name')}), '') AS source_text, nullif(trim({_q('Target Name')}), '') AS target_text,
             {opt('Intensity')} AS file_goldstein, {opt('Story ID')} AS story_id, {opt('Publisher')} AS publisher
      FROM {read_csv_sql(src, types, dateformat='%Y-%m-%d')} r
      {js}
      {jt}
    )
    SELECT substr(sha256('{ORIGIN}' || chr(31) || ext), 1, 20) AS event_id, '{ORIGIN}' AS origin, m.*,
           k.cameo, k.root, k.quad_class, k.plover, k.goldstein, k.dimension,
           strftime(d, '%Y-%m-%d') AS date, 'day' AS date_precision, d AS date_start,
           'import.{ORIGIN}' AS rule, '{CODER}' AS coder, ext AS external_id, NULL::VARCHAR AS source_url,
           (source_type IN {STATE_TYPES_SQL} AND target_type IN {STATE_TYPES_SQL}) AS state_actors,
           NULL::INTEGER AS file_quad_class, NULL::INTEGER AS num_sources, NULL::INTEGER AS num_articles,
           CASE WHEN coalesce(ext, '') = '' THEN 'empty Event ID'
                WHEN d IS NULL THEN 'empty Event Date'
                WHEN k.cameo IS NULL THEN 'unknown CAMEO code ''' || raw_code || '''' END AS problem,
           CASE WHEN (source IS NULL AND source_country IS NOT NULL) OR (target IS NULL AND target_country IS NOT NULL)
                     THEN 'country not in the actor dictionary'
                WHEN source IS NULL OR target IS NULL THEN 'actor without a known country or organisation'
                WHEN source = target THEN 'same actor on both sides' END AS skip
    FROM m LEFT JOIN _imp_cameo k ON k.raw = m.raw_code
    """


def _one_file(con, src: Source, report: ImportReport) -> None:
    header = src.header or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report.problem(src.label, 1, f"header lacks {', '.join(missing)}; expected columns: {', '.join(COLUMNS)}")
        return
    if src.empty:
        return
    report.layouts[src.label] = "ICEWS"
    if stage(con, src, report, select_sql(src), header.index("Event ID"), id_col="ext"):
        for country, n in con.execute(
                "SELECT c, count(*) FROM (SELECT source_country AS c FROM _imp_staged WHERE source IS NULL "
                "UNION ALL SELECT target_country FROM _imp_staged WHERE target IS NULL) WHERE c IS NOT NULL "
                "GROUP BY 1").fetchall():
            report.unmapped[country] += n
        insert_staged(con, report)


def import_icews(con, paths: list[str | Path]) -> ImportReport:
    """Import ICEWS event files into ``events`` (origin 'icews').

    Re-importing adds nothing (event_id derives from "Event ID"). Malformed rows
    (column count, bad date, encoding, unknown CAMEO code, missing id) go to
    ``report.problems`` as (file, line, reason); each file is its own transaction.
    """
    report = ImportReport()
    register_tables(con, name_tables())
    return import_sources(con, paths, report, _one_file)
