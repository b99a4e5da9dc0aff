"""DuckDB store: one file, one writer connection, one transaction per document."""
from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import Counter
from importlib import resources
from pathlib import Path

import duckdb

from entente import codes
from entente.errors import StoreError
from entente.types import CodedDocument

SCHEMA_VERSION = "1"


def short_hash(*parts: object) -> str:
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:20]


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and if needed create) a store. Raises StoreError naming the file."""
    path = str(path)
    try:
        if read_only:
            if path != ":memory:" and not Path(path).exists():
                raise StoreError(f"{path}: no such store (run `entente ingest` first)")
            return duckdb.connect(path, read_only=True)
        con = duckdb.connect(path)
    except duckdb.Error as e:
        raise StoreError(f"{path}: cannot open store: {e}") from e
    init(con)
    return con


def _schema() -> str:
    return resources.files("entente.store").joinpath("schema.sql").read_text("utf-8")


# Columns added after schema 1 shipped: stores made before them gain them on open.
ADDED_EVENT_COLUMNS = [
    ("source_type", "VARCHAR"), ("target_type", "VARCHAR"), ("state_actors", "BOOLEAN"),
    ("file_quad_class", "INTEGER"), ("file_goldstein", "DOUBLE"), ("num_sources", "INTEGER"),
    ("num_articles", "INTEGER"), ("story_id", "VARCHAR"), ("publisher", "VARCHAR"),
]
CODED_EVENT_COLUMNS = (
    "event_id, origin, doc_id, passage_id, sent_start, sent_end, trigger_start, trigger_end, source, target, "
    "source_text, target_text, cameo, root, quad_class, plover, goldstein, date, date_precision, date_start, "
    "dimension, rule, coder, confidence, external_id, source_url"
)


def init(con: duckdb.DuckDBPyConnection) -> None:
    sql = _schema()
    con.execute(sql)
    for name, typ in ADDED_EVENT_COLUMNS:
        con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {typ}").fetchall()
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    row = rows[0] if rows else None
    if row is None:
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
    else:
        # stores made before unknown dates were kept: let events.date be NULL
        nullable = con.execute("SELECT is_nullable FROM information_schema.columns "
                               "WHERE table_name = 'events' AND column_name = 'date'").fetchone()
        if nullable and nullable[0] == "NO":
            con.execute("ALTER TABLE events ALTER COLUMN date DROP NOT NULL")
    if row is not None and row[0] != SCHEMA_VERSION:
        raise StoreError(f"store schema version {row[0]}, this entente expects {SCHEMA_VERSION}")
    if con.execute("SELECT count(*) FROM actors").fetchone()[0] == 0:
        from entente.store import actors  # names for pickers and reports, from the shipped dictionaries

        actors.fill(con)


def optimize(con) -> int:
    """Rewrite the events table ordered by dyad and date; returns the number of events.

    DuckDB skips row groups by their min/max, so dyad and time-window queries on a
    large store read a small slice only when rows sharing a dyad are stored together.
    A new table is filled and swapped in (one transaction): deleting and re-inserting
    the same keys in one transaction would trip the primary-key index.
    """
    sql = _schema()
    start = sql.index("CREATE TABLE IF NOT EXISTS events (")
    ddl = sql[start:sql.index(");", start) + 2].replace("IF NOT EXISTS events (", "events_sorted (", 1)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DROP TABLE IF EXISTS events_sorted")
        con.execute(ddl)
        con.execute("INSERT INTO events_sorted SELECT * FROM events ORDER BY source, target, date_start, event_id")
        con.execute("DROP TABLE events")
        con.execute("ALTER TABLE events_sorted RENAME TO events")
        con.execute("COMMIT")
    except duckdb.Error as e:
        con.execute("ROLLBACK")
        raise StoreError(f"optimize failed, store unchanged: {e}") from e
    con.execute("CHECKPOINT")
    return con.execute("SELECT count(*) FROM events").fetchone()[0]


def date_start(date: str | None) -> dt.date | None:
    """First day an ISO date of any precision covers ("1960s" style decades are stored as '1960')."""
    if not date:
        return None
    try:
        parts = date.split("-")
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(y, m, d)
    except (ValueError, IndexError):
        return None


def current_hashes(con) -> dict[str, tuple[str, str]]:
    """path → (doc_id, content_hash) of every current document: one query instead of one per file."""
    rows = con.execute("SELECT path, doc_id, content_hash FROM documents WHERE is_current").fetchall()
    return {path: (doc_id, content_hash) for path, doc_id, content_hash in rows}


def start_run(con, coder: str) -> str:
    run_id = uuid.uuid4().hex[:16]
    con.execute(
        "INSERT INTO ingest_runs (run_id, started_at, coder) VALUES (?, ?, ?)",
        [run_id, dt.datetime.now(), coder],
    )
    return run_id


def finish_run(con, run_id: str, *, n_files: int, n_added: int, n_unchanged: int, n_failed: int) -> None:
    con.execute(
        "UPDATE ingest_runs SET finished_at = ?, n_files = ?, n_added = ?, n_unchanged = ?, n_failed = ? "
        "WHERE run_id = ?",
        [dt.datetime.now(), n_files, n_added, n_unchanged, n_failed, run_id],
    )


def record_error(con, run_id: str, path: str, reason: str) -> None:
    con.execute("INSERT INTO ingest_errors VALUES (?, ?, ?, ?)", [run_id, path, reason, dt.datetime.now()])


def _insert(con, table: str, rows: list[tuple], width: int) -> None:
    """Insert rows with one multi-row statement: DuckDB's executemany runs one statement per row.

    ON CONFLICT DO NOTHING: every id is derived from content, so a row already stored (a retried
    or re-merged distributed task) is the same row, and adding it again must add nothing.
    """
    if not rows:
        return
    for i in range(0, len(rows), 200):
        chunk = rows[i:i + 200]
        marks = ", ".join(["(" + ", ".join(["?"] * width) + ")"] * len(chunk))
        con.execute(f"INSERT INTO {table} VALUES {marks} ON CONFLICT DO NOTHING", [v for row in chunk for v in row])


def write_document(con, coded: CodedDocument, run_id: str | None = None) -> str:
    """Store one coded document and its passages, events and quotes atomically.

    Unchanged content already stored is a no-op; a changed file becomes a new
    version and the previous one stops being current. Returns the doc_id.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        doc_id = write_document_rows(con, coded, run_id)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return doc_id


def write_documents(con, group: list[CodedDocument], run_id: str | None = None) -> list[Exception | None]:
    """Store a group of coded documents in one transaction (their passages, events and quotes in
    one bulk insert per table): per-document commits cost more than coding a news report. If the
    group fails, each document is stored alone, so one bad document loses nothing else. Returns,
    per document, None when stored or the exception that stopped it."""
    if len(group) == 1:
        try:
            write_document(con, group[0], run_id)
            return [None]
        except Exception as e:
            return [e]
    con.execute("BEGIN TRANSACTION")
    try:
        known = _stored(con, group)
        tables: dict[str, list[tuple]] = {t: [] for t in ROW_TABLES}
        for coded in group:
            for table, rows in (document_rows(con, coded, run_id, known)[1] or {}).items():
                tables[table] += rows
        for table, rows in tables.items():
            insert_bulk(con, table, rows, ROW_TABLES[table][1])
        # a path met twice in the group (changed, then reverted): its last content is current, as
        # storing the documents one at a time would leave it; rows inserted above were not yet there
        last = {c.document.path: doc_id_of(c.document.path, c.document.content_hash) for c in group}
        for path, n in Counter(c.document.path for c in group).items():
            if n > 1:
                make_current(con, last[path], path)
        con.execute("COMMIT")
        return [None] * len(group)
    except Exception:
        con.execute("ROLLBACK")
    return [write_documents(con, [coded], run_id)[0] for coded in group]


def _stored(con, group: list[CodedDocument]) -> tuple[set[str], dict[str, int]]:
    """The group's doc_ids already stored, and the latest stored version of each of its paths: two
    queries for the group where one statement per document costs more than storing its rows."""
    ids = [doc_id_of(c.document.path, c.document.content_hash) for c in group]
    paths = sorted({c.document.path for c in group})
    stored = {r[0] for r in con.execute(
        "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
    versions = dict(con.execute("SELECT path, max(version) FROM documents WHERE path IN "
                                "(SELECT unnest(?::VARCHAR[])) GROUP BY path", [paths]).fetchall())
    return stored, versions


def doc_id_of(path: str, content_hash: str) -> str:
    return short_hash(path, content_hash)


def make_current(con, doc_id: str, path: str) -> None:
    """The stored version ``doc_id`` of ``path`` becomes current (a file reverted to it), the others not."""
    con.execute("UPDATE documents SET is_current = (doc_id = ?) WHERE path = ? AND is_current <> (doc_id = ?) "
                "AND EXISTS (SELECT 1 FROM documents WHERE doc_id = ?)", [doc_id, path, doc_id, doc_id])


def write_document_rows(con, coded: CodedDocument, run_id: str | None = None) -> str:
    """write_document's statements, inside the caller's transaction."""
    doc_id, tables = document_rows(con, coded, run_id)
    for table, rows in (tables or {}).items():
        _insert(con, ROW_TABLES[table][0], rows, ROW_TABLES[table][1])
    return doc_id


# table (with its column list where only some columns are coded) and width of the rows document_rows
# makes, in the order they are inserted
ROW_TABLES = {"documents": ("documents", 20), "passages": ("passages", 7),
              "events": (f"events ({CODED_EVENT_COLUMNS})", 26), "quotes": ("quotes", 13)}


def insert_bulk(con, table: str, rows: list[tuple], width: int) -> None:
    """Insert many rows through one Arrow table: ~20x the rate of multi-row VALUES for big batches
    (the distributed merge collects a whole group's rows)."""
    if not rows:
        return
    import pyarrow as pa

    con.register("_bulk_rows", pa.table({f"c{j}": [r[j] for r in rows] for j in range(width)}))
    try:
        con.execute(f"INSERT INTO {ROW_TABLES[table][0]} SELECT * FROM _bulk_rows ON CONFLICT DO NOTHING")
    finally:
        con.unregister("_bulk_rows")


def document_rows(con, coded: CodedDocument, run_id: str | None = None,
                  known: tuple[set[str], dict[str, int]] | None = None) -> tuple[str, dict | None]:
    """Version the document and return (doc_id, its document, passage, event and quote rows to insert);
    None instead of rows when this content was stored already. ``known``: what _stored found for the
    caller's group, updated here, so a group costs two queries rather than one per document."""
    stored, versions = known if known is not None else _stored(con, [coded])
    doc = coded.document
    doc_id = doc_id_of(doc.path, doc.content_hash)
    if doc_id in stored:  # this content is stored; a file reverted to it makes that version current again
        make_current(con, doc_id, doc.path)
        return doc_id, None
    stored.add(doc_id)
    versions[doc.path] = version = versions.get(doc.path, 0) + 1
    if version > 1:  # a new version of a known path: the old one stops being current
        con.execute("UPDATE documents SET is_current = false WHERE path = ?", [doc.path])
    row = (doc_id, doc.name, doc.path, version, True, doc.content_hash, doc.format, doc.title, doc.url,
           doc.author, doc.site, doc.genre, doc.published, doc.published_precision, coded.doc_date,
           coded.doc_date_precision, doc.text, len(doc.text), run_id, dt.datetime.now())
    return doc_id, {"documents": [row], **_child_rows(coded, doc_id)}


def _child_rows(coded: CodedDocument, doc_id: str) -> dict[str, list[tuple]]:
    """A stored document's passage, event and quote rows."""
    doc = coded.document
    passages = [
        (f"{doc_id}:{i}", doc_id, i, p.kind, p.speaker, p.start, p.end) for i, p in enumerate(doc.passages)
    ]

    def passage_of(start: int) -> str | None:
        for pid, _, _, _, _, s, e in passages:
            if s <= start < e:
                return pid
        return None

    rows = []
    seen = set()
    for ev in coded.events:
        eid = short_hash(doc_id, ev.sent_start, ev.trigger_start, ev.source, ev.target, ev.cameo)
        if eid in seen:
            continue
        seen.add(eid)
        c = codes.lookup(ev.cameo)
        rows.append((
            eid, "entente", doc_id, passage_of(ev.sent_start), ev.sent_start, ev.sent_end,
            ev.trigger_start, ev.trigger_end, ev.source, ev.target, ev.source_text, ev.target_text,
            ev.cameo, ev.cameo[:2], c.quad_class, c.plover or None, c.goldstein, ev.date,
            ev.date_precision, date_start(ev.date), ev.dimension, ev.rule, ev.coder, ev.confidence,
            None, doc.url,
        ))
    qrows = []
    for q in coded.quotes:
        qid = short_hash(doc_id, q.start, q.end, q.speaker)
        if qid in seen:
            continue
        seen.add(qid)
        qrows.append((
            qid, doc_id, passage_of(q.start), q.start, q.end, q.sent_start, q.sent_end, q.speaker,
            q.speaker_actor, doc.text[q.start:q.end], q.rule, q.coder, q.confidence,
        ))
    return {"passages": passages, "events": rows, "quotes": qrows}
