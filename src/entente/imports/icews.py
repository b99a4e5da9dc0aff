"""ICEWS coded event files importer (tab-separated with a header row; plain or zipped).

Columns are found by header name, so files whose columns come in another order
still import; a file missing a needed column is one problem (its header line)
and is skipped. Actors: "Source Country"/"Target Country" names mapped with the
actor dictionary (e.g. "Russian Federation" -> RUS); where the country is empty
(IGOs), the actor name itself ("United Nations").

>>> report = import_icews(con, ["events.2014.tab"])   # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from entente.imports.common import ImportReport, actor_code, cameo_code, event_row, insert_rows, read_lines

ORIGIN = "icews"
CODER = "import.icews.v1"
COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]
REQUIRED = ["Event ID", "Event Date", "Source Name", "Source Country", "CAMEO Code", "Target Name",
            "Target Country"]
BATCH = 50_000


def _date(raw: str) -> str:
    raw = raw.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"bad Event Date {raw!r}; expected YYYY-MM-DD")


def _actor(name: str, country: str) -> str | None:
    return actor_code(country) if country.strip() else actor_code(name)


def import_icews(con, paths: list[str | Path]) -> ImportReport:
    """Import ICEWS event files into ``events`` (origin 'icews').

    Re-importing adds nothing (event_id derives from "Event ID"). Malformed rows
    (column count, bad date, unknown CAMEO code, missing id) go to
    ``report.problems`` as (file, line, reason) and are skipped.
    """
    report = ImportReport()
    rows: list[dict] = []
    for path in paths:
        idx: dict[str, int] | None = None
        current = None
        for label, n, line in read_lines(path):
            if label != current:  # a new file or zip member starts with its header
                current, idx = label, None
            if idx is None:
                header = [h.strip().lstrip("\ufeff") for h in line.split("\t")]
                missing = [c for c in REQUIRED if c not in header]
                if missing:
                    report.problems.append((label, n, f"header lacks {', '.join(missing)}; "
                                                      f"expected columns: {', '.join(COLUMNS)}"))
                    idx = {}  # skip the rest of this file
                else:
                    idx = {h: i for i, h in enumerate(header)}
                continue
            if not idx or not line.strip():
                continue
            report.n_rows += 1
            f = line.split("\t")
            try:
                if len(f) != len(idx):
                    raise ValueError(f"expected {len(idx)} tab-separated columns, found {len(f)}")
                ext = f[idx["Event ID"]].strip()
                if not ext:
                    raise ValueError("empty Event ID")
                date = _date(f[idx["Event Date"]])
                cameo = cameo_code(f[idx["CAMEO Code"]])
            except (ValueError, KeyError) as e:
                report.problems.append((label, n, str(e.args[0]) if e.args else str(e)))
                continue
            src_name, tgt_name = f[idx["Source Name"]].strip(), f[idx["Target Name"]].strip()
            src = _actor(src_name, f[idx["Source Country"]])
            tgt = _actor(tgt_name, f[idx["Target Country"]])
            if src is None or tgt is None:
                report.skipped["actor without a known country or organisation"] += 1
                continue
            if src == tgt:
                report.skipped["same actor on both sides"] += 1
                continue
            rows.append(event_row(ORIGIN, ext, src, tgt, cameo, date, source_text=src_name or None,
                                  target_text=tgt_name or None, url=None, coder=CODER))
            if len(rows) >= BATCH:
                insert_rows(con, rows, report)
                rows = []
    insert_rows(con, rows, report)
    return report
