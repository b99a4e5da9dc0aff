"""What the GDELT and ICEWS importers share: the report, the code tables DuckDB joins
against, reading a file with DuckDB's own CSV reader, and one idempotent insert.

The import is vectorised end to end: ``read_csv`` with explicit column types
parses the file, a SQL statement maps codes and actors against small tables
(``_imp_cameo``, ``_imp_actor3``), and ``INSERT ... ON CONFLICT DO NOTHING``
stores the rows. Every row is accounted for: stored, already stored, skipped
with a reason, or malformed with file and line (DuckDB's rejects table gives the
line of a row it could not parse; a row rejected after parsing is found by its id).

Imported rows carry their origin ('gdelt', 'icews') and external id; their
``event_id`` is ``short_hash(origin, external_id)``, so importing the same file
twice adds nothing. Quad class, PLOVER and Goldstein come from entente's CAMEO
table, as for coded events, so indices compare like with like across origins;
the file's own QuadClass / GoldsteinScale / Intensity are kept beside them
(``file_quad_class``, ``file_goldstein``).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml

from entente import codes
from entente.coding.dimensions import classify
from entente.imports.files import Source, find_lines, last_line

# Predecessor and legacy codes that fold into the successor (codebook: Soviet Union -> RUS),
# and CAMEO country codes that differ from ISO 3166 alpha-3.
FOLD = {"SUN": "RUS", "USR": "RUS", "SOV": "RUS", "ROC": "TWN", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}
# Actor types of a state's own organs; with IGOs and bare countries these are "state actors".
STATE_TYPES = ("STATE", "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "IGO")
MEMORY_LIMIT = "800MB"
STATE_TYPES_SQL = "(" + ", ".join(f"'{t}'" for t in STATE_TYPES) + ")"

INSERT_COLUMNS = (
    "event_id origin source target source_text target_text cameo root quad_class plover goldstein date "
    "date_precision date_start dimension rule coder external_id source_url source_type target_type "
    "state_actors file_quad_class file_goldstein num_sources num_articles story_id publisher"
).split()


@dataclass
class ImportReport:
    """What an import did. ``problems`` are malformed rows or files (file, line, reason;
    line 0 for a whole file); ``skipped`` counts well-formed rows that cannot be a dyad
    event, by reason. n_rows = n_added + n_duplicates + n_skipped + rows in problems."""

    n_rows: int = 0
    n_added: int = 0
    n_duplicates: int = 0
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    layouts: dict[str, str] = field(default_factory=dict)
    unmapped: Counter = field(default_factory=Counter)

    @property
    def n_problems(self) -> int:
        return len(self.problems)

    @property
    def n_malformed(self) -> int:
        return sum(1 for _, line, _ in self.problems if line > 0)

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    def problem(self, label: str, line: int, reason: str) -> None:
        self.problems.append((label, line, reason))

    def to_dict(self) -> dict:
        return {
            "n_rows": self.n_rows, "n_added": self.n_added, "n_duplicates": self.n_duplicates,
            "skipped": dict(self.skipped), "layouts": self.layouts,
            "unmapped": dict(self.unmapped.most_common(50)),
            "problems": [{"file": f, "line": n, "reason": r} for f, n, r in self.problems],
        }


@lru_cache(maxsize=1)
def _actor_data() -> tuple[dict, dict]:
    base = resources.files("entente").joinpath("data/actors")
    states = yaml.safe_load(base.joinpath("states.yaml").read_text("utf-8"))["states"]
    igos = yaml.safe_load(base.joinpath("igos.yaml").read_text("utf-8"))["actors"]
    return states, igos


def _names(entry: dict) -> list[str]:
    out = [entry["name"]]
    for n in entry.get("names", []):
        out.append(n["text"] if isinstance(n, dict) else n)
    return out


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    return frozenset(s["code"] for s in _actor_data()[0])


@lru_cache(maxsize=1)
def state_names() -> dict[str, str]:
    """lower-cased state name -> code, exact names only (no free-text matching: 'MEA' is not India)."""
    out = {}
    for s in _actor_data()[0]:
        for n in _names(s):
            out.setdefault(n.lower(), s["code"])
    return out


@lru_cache(maxsize=1)
def igo_names() -> dict[str, str]:
    out = {}
    for a in _actor_data()[1]:
        for n in _names(a):
            out.setdefault(n.lower(), a["code"])
    return out


def cameo_frame() -> pd.DataFrame:
    """Every CAMEO code with entente's quad class, PLOVER, Goldstein and dimension, plus
    the form with its leading zero dropped ("43" for "043") as files sometimes write it."""
    rows, t = [], codes.table()
    for c, e in t.items():
        row = (e.root, e.quad_class, e.plover or None, e.goldstein, classify(c))
        rows.append((c, c, *row))
        if c.startswith("0") and c[1:] not in t and len(c) == 3:
            rows.append((c[1:], c, *row))
    return pd.DataFrame(rows, columns=["raw", "cameo", "root", "quad_class", "plover", "goldstein", "dimension"])


def register_tables(con, extra: dict[str, pd.DataFrame] | None = None) -> None:
    """(Re)create the small lookup tables the mapping SQL joins against."""
    frames = {"_imp_cameo": cameo_frame(), **(extra or {})}
    for name, df in frames.items():  # VALUES, not register(): a caller's unfinished result must not block us
        def lit(v):
            if v is None or (isinstance(v, float) and v != v):
                return "NULL"
            return str(v) if isinstance(v, (int, float)) else "'" + str(v).replace("'", "''") + "'"
        values = ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in df.itertuples(index=False))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM (VALUES {values}) "
                    f"AS t({', '.join(df.columns)})")


def read_csv_sql(src: Source, columns: dict[str, str], *, dateformat: str) -> str:
    """A ``read_csv`` call with explicit types; unparsable rows land in ``_imp_rej``."""
    def q(s: str) -> str:
        return "'" + s.replace("'", "''") + "'"
    cols = "{" + ", ".join(f"{q(k)}: {q(v)}" for k, v in columns.items()) + "}"
    return (f"read_csv({q(str(src.path))}, delim='\t', quote='', escape='', header=false, "
            f"skip={1 if src.header else 0}, columns={cols}, dateformat={q(dateformat)}, "
            "store_rejects=true, rejects_table='_imp_rej', rejects_scan='_imp_rejscan', "
            "strict_mode=true, encoding='utf-8', auto_detect=false)")


def _reason(error_type: str, column: str | None, message: str) -> str:
    if error_type == "INVALID ENCODING":
        return "invalid UTF-8 bytes (file is not UTF-8; nothing replaced)"
    if error_type in ("MISSING COLUMNS", "TOO MANY COLUMNS"):
        return message.replace("Expected Number of Columns", "expected tab-separated columns").replace(
            " Found:", ", found")
    if error_type == "CAST" and column:
        return f"bad {column}: {message.split('Could not convert', 1)[-1].strip()}"
    return message


def stage(con, src: Source, report: ImportReport, select_sql: str, id_field: int, *, id_col: str) -> bool:
    """Run ``select_sql`` (reading ``src`` via ``read_csv_sql``) into ``_imp_staged``, turning
    DuckDB's rejects, a truncated last line and rows flagged ``problem`` into report problems.
    ``_imp_staged`` needs columns ``problem`` and ``skip``. Returns False if nothing staged."""
    con.execute("DROP TABLE IF EXISTS _imp_rej")
    con.execute("DROP TABLE IF EXISTS _imp_rejscan")
    cut: tuple[int, str] | None = last_line(src.path) if src.truncated else None
    where = ""
    if cut:
        cut_id = cut[1].split("\t", 1)[0].strip()
        where = f" WHERE {id_col} IS DISTINCT FROM '{cut_id.replace(chr(39), '')}'"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _imp_staged AS SELECT * FROM ({select_sql}){where}")
    rejected = {}
    for line, etype, col, msg in con.execute(
            "SELECT line, error_type, column_name, error_message FROM _imp_rej ORDER BY line, column_idx").fetchall():
        rejected.setdefault(int(line), _reason(etype, col, msg))
    if cut and cut[0] not in rejected:
        rejected[cut[0]] = "file ends inside this row (no final newline): truncated file? row not imported"
    found = list(rejected.items())
    flagged = con.execute("SELECT ext, problem FROM _imp_staged WHERE problem IS NOT NULL").fetchall()
    if flagged:
        where_is = find_lines(src.path, {e for e, _ in flagged}, id_field)
        found += [(where_is.get(ext, 0), reason) for ext, reason in flagged]
    for line, reason in sorted(found):
        report.problem(src.label, line, reason)
    total = con.execute("SELECT count(*) FROM _imp_staged").fetchall()[0][0]
    report.n_rows += total + len(rejected)
    for reason, n in con.execute("SELECT skip, count(*) FROM _imp_staged WHERE problem IS NULL AND skip IS NOT NULL "
                                 "GROUP BY 1").fetchall():
        report.skipped[reason] += n
    return total > 0


def insert_staged(con, report: ImportReport) -> None:
    """Insert the staged rows that are events; ids already stored (or repeated) are ignored."""
    eligible = con.execute("SELECT count(*) FROM _imp_staged WHERE problem IS NULL AND skip IS NULL").fetchall()[0][0]
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    cols = ", ".join(INSERT_COLUMNS)
    con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _imp_staged "
                "WHERE problem IS NULL AND skip IS NULL ON CONFLICT DO NOTHING")
    added = con.execute("SELECT count(*) FROM events").fetchall()[0][0] - before
    report.n_added += added
    report.n_duplicates += eligible - added


def import_sources(con, paths, report: ImportReport, one_file) -> ImportReport:
    """Import each file in its own transaction: a bad file never loses another's rows."""
    from entente.imports.files import sources

    # A bounded budget: DuckDB spills the staged rows to disk rather than holding a big file in memory.
    limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    try:
        with sources(paths, report.problem) as found:
            for src in found:
                con.execute("BEGIN TRANSACTION")
                try:
                    one_file(con, src, report)
                    con.execute("COMMIT")
                except Exception:
                    con.execute("ROLLBACK")
                    raise
        for t in ("_imp_staged", "_imp_raw", "_imp_rej", "_imp_rejscan"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
    finally:
        con.execute(f"SET memory_limit = '{limit}'")
    return report
