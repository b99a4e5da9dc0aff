"""What the GDELT and ICEWS importers share: reading plain or zipped tab files,
mapping codes and actors, and one idempotent insert into ``events``.

Imported rows carry their origin ('gdelt', 'icews') and external id; their
``event_id`` is ``short_hash(origin, external_id)``, so importing the same file
twice adds nothing. Quad class, PLOVER and Goldstein come from entente's CAMEO
table (``entente.codes``), the same as for coded events, so indices compare
like with like across origins.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from entente import codes
from entente.coding.dimensions import classify
from entente.errors import SourceError
from entente.store.db import date_start, short_hash

EVENT_COLUMNS = (
    "event_id origin doc_id passage_id sent_start sent_end trigger_start trigger_end source target "
    "source_text target_text cameo root quad_class plover goldstein date date_precision date_start "
    "dimension rule coder confidence external_id source_url"
).split()

# Predecessor and legacy codes that fold into the successor (codebook: Soviet Union -> RUS).
FOLD = {"SUN": "RUS", "USR": "RUS", "SOV": "RUS", "RUSSIA": "RUS", "ROC": "TWN"}


@dataclass
class ImportReport:
    """What an import did. ``problems`` are malformed rows (file, line, reason),
    skipped and reported; ``skipped`` counts well-formed rows that cannot be a
    dyad event (an actor with no code, the same actor on both sides), by reason."""

    n_rows: int = 0
    n_added: int = 0
    n_duplicates: int = 0
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    @property
    def n_problems(self) -> int:
        return len(self.problems)

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())


def read_lines(path: str | Path) -> Iterator[tuple[str, int, str]]:
    """(file label, 1-based line number, line) for a plain file or each text member of a zip."""
    p = Path(path)
    if not p.exists():
        raise SourceError(p, "no such file")
    if zipfile.is_zipfile(p):
        with zipfile.ZipFile(p) as z:
            for name in z.namelist():
                if name.endswith("/"):
                    continue
                with z.open(name) as f:
                    text = io.TextIOWrapper(f, encoding="utf-8", errors="replace", newline="")
                    for n, line in enumerate(text, 1):
                        yield f"{p}:{name}", n, line.rstrip("\r\n")
        return
    with open(p, encoding="utf-8", errors="replace", newline="") as f:
        for n, line in enumerate(f, 1):
            yield str(p), n, line.rstrip("\r\n")


def cameo_code(raw: str) -> str:
    """A valid CAMEO code from a file's field, restoring a dropped leading zero
    ("43" -> "043"). Raises KeyError for anything the CAMEO table does not know."""
    c = (raw or "").strip()
    if not c.isdigit():
        raise KeyError(f"unknown CAMEO code {raw!r}")
    t = codes.table()
    if c in t:
        return c
    if "0" + c in t and len(c) in (2, 3):
        return "0" + c
    raise KeyError(f"unknown CAMEO code {raw!r}")


@lru_cache(maxsize=512)
def code_dimension(cameo: str) -> str:
    # Imported rows have no sentence: the code decides (cached: called per row).
    return classify(cameo)


@lru_cache(maxsize=4096)
def actor_code(name: str) -> str | None:
    """Our actor code for a country code or name ('CHN', 'SUN', 'Russian Federation',
    'Korea, North'), or None."""
    name = " ".join((name or "").split())
    if not name:
        return None
    if name.upper() in FOLD:
        return FOLD[name.upper()]
    from entente.coding.actors import load_actors  # the dictionary loads on first use only

    actors = load_actors()
    code = actors.code_for(name)
    if code is None and "," in name:  # "Korea, North" / "Moldova, Republic of"
        head, tail = [s.strip() for s in name.split(",", 1)]
        code = actors.code_for(f"{tail} {head}") or actors.code_for(head)
    if code is None and "(" in name:  # "Government (China)"
        code = actors.code_for(name[name.index("(") + 1:].rstrip(")"))
    return code


def event_row(origin: str, external_id: str, source: str, target: str, cameo: str, date: str,
              *, source_text: str | None, target_text: str | None, url: str | None, coder: str) -> dict:
    c = codes.lookup(cameo)
    return {
        "event_id": short_hash(origin, external_id), "origin": origin, "doc_id": None, "passage_id": None,
        "sent_start": None, "sent_end": None, "trigger_start": None, "trigger_end": None,
        "source": source, "target": target, "source_text": source_text, "target_text": target_text,
        "cameo": cameo, "root": cameo[:2], "quad_class": c.quad_class, "plover": c.plover or None,
        "goldstein": c.goldstein, "date": date, "date_precision": "day", "date_start": date_start(date),
        "dimension": code_dimension(cameo), "rule": f"import.{origin}", "coder": coder, "confidence": None,
        "external_id": external_id, "source_url": url or None,
    }


def insert_rows(con, rows: list[dict], report: ImportReport) -> None:
    """Insert rows, ignoring event_ids already stored (or repeated in the batch)."""
    if not rows:
        return
    df = pd.DataFrame(rows, columns=EVENT_COLUMNS).drop_duplicates("event_id")
    for col in ("sent_start", "sent_end", "trigger_start", "trigger_end"):
        df[col] = df[col].astype("Int32")
    df["confidence"] = df["confidence"].astype("Float64")
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.register("_import_rows", df)
    try:
        con.execute(
            f"INSERT OR IGNORE INTO events ({', '.join(EVENT_COLUMNS)}) "
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM _import_rows"
        )
    finally:
        con.unregister("_import_rows")
    added = con.execute("SELECT count(*) FROM events").fetchall()[0][0] - before
    report.n_added += added
    report.n_duplicates += len(rows) - added
