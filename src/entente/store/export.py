"""Export the store as JSON Lines, CSV or Parquet.

The JSONL export is what ``entente eval`` and outside scorers read: one
``meta`` record per document, then ``event`` and ``quote`` records carrying
at least the fields of the CODEBOOK's "Scoring" section (``kind``, ``doc``,
``start``, ``end``, ``source``, ``target``, ``code``, ``date``,
``date_precision``, ``speaker``, ``published``), plus everything else stored.
CSV and Parquet hold the same columns (without ``kind``), one file per table.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from entente.errors import ConfigError

FORMATS = ("jsonl", "csv", "parquet", "partitioned")
TABLES = ("documents", "passages", "events", "quotes")
_BATCH = 10_000


def _meta_sql(current_only: bool, *, with_text: bool) -> str:
    where = "WHERE is_current" if current_only else ""
    text = ", text" if with_text else ""
    return f"""
        SELECT 'meta' AS kind, name AS doc, published, published_precision, title, genre,
               doc_id, path, version, is_current, url, site, author, format, content_hash,
               doc_date, doc_date_precision, n_chars, run_id, ingested_at{text}
        FROM documents {where}
        ORDER BY name, path, version
    """


def _doc_filter(current_only: bool, alias: str) -> str:
    # Events imported from GDELT/ICEWS have no document and are always exported.
    keep = "d.is_current" if current_only else "true"
    return f"({alias}.doc_id IS NULL OR (d.doc_id IS NOT NULL AND {keep}))"


def _events_sql(current_only: bool) -> str:
    # DuckDB's substring counts code points, like Python slicing, so the
    # sentence and trigger texts are exactly text[start:end].
    return f"""
        SELECT 'event' AS kind, d.name AS doc, e.sent_start AS start, e.sent_end AS "end",
               e.source, e.target, e.cameo AS code, e.cameo, e.root, e.quad_class, e.plover,
               e.goldstein, e.date, e.date_precision, e.date_start,
               e.trigger_start, e.trigger_end,
               substring(d.text, e.trigger_start + 1, e.trigger_end - e.trigger_start) AS trigger,
               substring(d.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence,
               e.source_text, e.target_text, e.rule, e.coder, e.confidence, e.dimension,
               e.origin, e.doc_id, e.passage_id, e.event_id, e.external_id, e.source_url
        FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
        WHERE {_doc_filter(current_only, "e")}
        ORDER BY d.name NULLS LAST, d.path, d.version, e.sent_start, e.trigger_start, e.event_id
    """


def _quotes_sql(current_only: bool) -> str:
    return f"""
        SELECT 'quote' AS kind, d.name AS doc, q.start_char AS start, q.end_char AS "end",
               q.speaker, q.text, q.speaker_actor, q.sent_start, q.sent_end,
               substring(d.text, q.sent_start + 1, q.sent_end - q.sent_start) AS sentence,
               q.rule, q.coder, q.confidence, q.doc_id, q.passage_id, q.quote_id
        FROM quotes q LEFT JOIN documents d ON d.doc_id = q.doc_id
        WHERE {_doc_filter(current_only, "q")}
        ORDER BY d.name NULLS LAST, d.path, d.version, q.start_char, q.quote_id
    """


def _passages_sql(current_only: bool) -> str:
    return f"""
        SELECT d.name AS doc, p.doc_id, p.passage_id, p.seq, p.kind, p.speaker,
               p.start_char AS start, p.end_char AS "end"
        FROM passages p JOIN documents d ON d.doc_id = p.doc_id
        {"WHERE d.is_current" if current_only else ""}
        ORDER BY d.name, d.path, d.version, p.seq
    """


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _write_jsonl(con, out: Path, current_only: bool) -> dict[str, int]:
    counts = {"documents": 0, "events": 0, "quotes": 0}
    queries = (
        ("documents", _meta_sql(current_only, with_text=False)),
        ("events", _events_sql(current_only)),
        ("quotes", _quotes_sql(current_only)),
    )
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        for table, sql in queries:
            cur = con.execute(sql)
            names = [c[0] for c in cur.description]
            while rows := cur.fetchmany(_BATCH):
                for row in rows:
                    f.write(json.dumps(dict(zip(names, row)), ensure_ascii=False, default=_json_default))
                    f.write("\n")
                counts[table] += len(rows)
    tmp.replace(out)  # a reader never sees a half-written export
    return counts


def table_paths(out: Path, fmt: str) -> dict[str, Path]:
    """Where the CSV/Parquet tables go.

    ``out`` an existing directory, or a path without a suffix: ``out/events.csv`` …;
    otherwise ``out`` names the set: ``x.csv`` → ``x.events.csv``, ``x.documents.csv`` …
    """
    if out.is_dir() or not out.suffix:
        return {t: out / f"{t}.{fmt}" for t in TABLES}
    stem = out.name[: -len(out.suffix)]
    return {t: out.with_name(f"{stem}.{t}.{fmt}") for t in TABLES}


def _write_tables(con, out: Path, fmt: str, current_only: bool) -> tuple[dict[str, int], list[Path]]:
    paths = table_paths(out, fmt)
    next(iter(paths.values())).parent.mkdir(parents=True, exist_ok=True)
    queries = {
        "documents": _meta_sql(current_only, with_text=True),
        "passages": _passages_sql(current_only),
        "events": _events_sql(current_only),
        "quotes": _quotes_sql(current_only),
    }
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    counts = {}
    for table, sql in queries.items():
        # Tables share the columns of the JSONL records, less the constant `kind`.
        select = f"SELECT * EXCLUDE (kind) FROM ({sql})" if table != "passages" else sql
        target = str(paths[table]).replace("'", "''")
        counts[table] = con.execute(f"COPY ({select}) TO '{target}' ({options})").fetchone()[0]  # rows written
    return counts, list(paths.values())


def export(con, *, fmt: str, out: Path, current_only: bool = True) -> dict:
    """Write the store's documents, events and quotes to ``out``.

    Parameters:
        con: an open store connection (see ``entente.store.db.connect``).
        fmt: ``jsonl`` (one file: meta, event and quote records), ``csv`` or
            ``parquet`` (one file per table — documents, passages, events, quotes —
            named ``x.events.csv`` next to ``out = x.csv``, or ``out/events.csv``
            when ``out`` is a directory or has no suffix), or ``partitioned``
            (events as a Parquet dataset under ``out``, by year and dyad).
        current_only: only the newest version of each document (imported
            GDELT/ICEWS events, which have no document, are always written).

    Returns counts per table, ``{"documents": n, "events": n, "quotes": n, ...}``,
    and ``"files"``: the paths written.

    Raises ConfigError for an unknown format.

    Example:
        >>> from entente.store import db
        >>> con = db.connect(":memory:")
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> export(con, fmt="jsonl", out=d / "x.jsonl")["events"]
        0
    """
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    out = Path(out)
    if fmt == "partitioned":  # events only, as a Parquet dataset by year and dyad
        from entente.store.partitioned import export_partitioned
        return export_partitioned(con, out)
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        counts = _write_jsonl(con, out, current_only)
        return {**counts, "files": [str(out)]}
    counts, files = _write_tables(con, out, fmt, current_only)
    return {**counts, "files": [str(p) for p in files]}
