"""Full-text search over passages: an SQLite FTS5 index beside the DuckDB store.

DuckDB's own ``fts`` extension downloads at run time; FTS5 ships with Python's
sqlite3, works offline, and gives phrases, word boundaries, Porter stemming and
BM25 ranking. The index lives in ``<store>.fts.sqlite`` (in memory for an
in-memory store) and is built from the ``passages`` table: before every search
it compares a cheap stamp of the current documents with the one it was built
from and adds or drops documents, so it is always in step with the last ingest.
"""
from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path
from typing import Any

from entente.errors import ConfigError

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPEN, _CLOSE = "\x01", "\x02"
_locks: dict[str, threading.Lock] = {}


def index_path(store_path: str) -> str:
    return ":memory:" if store_path in ("", ":memory:") else f"{store_path}.fts.sqlite"


def parse_query(q: str) -> str:
    """A user query as an FTS5 expression: "quoted words" are phrases, other words are ANDed.

    Every word is quoted, so FTS5 operators typed by a user (NEAR, *, :) are just words.
    Raises ConfigError when nothing searchable is left.

    >>> parse_query('"Power of Siberia" gas')
    '"power of siberia" AND "gas"'
    """
    parts = []
    for phrase, word in _TOKEN.findall(q or ""):
        words = _WORD.findall((phrase or word).lower())
        if words:
            parts.append('"' + " ".join(words) + '"')
    if not parts:
        raise ConfigError(f"search {q!r}: no words to search for")
    return " AND ".join(parts[:12])


class PassageIndex:
    """The FTS5 index of one store. Thread-safe: one SQLite connection per call."""

    def __init__(self, store_path: str):
        self.path = index_path(store_path)
        self._mem = sqlite3.connect(":memory:", check_same_thread=False) if self.path == ":memory:" else None
        self.lock = _locks.setdefault(self.path if self._mem is None else str(id(self)), threading.Lock())
        with self.lock:
            db = self._db()
            db.executescript(
                "CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(text, passage_id UNINDEXED, "
                "doc_id UNINDEXED, tokenize = 'porter unicode61');"
                "CREATE TABLE IF NOT EXISTS docs (doc_id TEXT PRIMARY KEY);"
                "CREATE TABLE IF NOT EXISTS stamp (value TEXT);")
            db.commit()

    def _db(self) -> sqlite3.Connection:
        if self._mem is not None:
            return self._mem
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(self.path, check_same_thread=False)

    def sync(self, con) -> int:
        """Bring the index in step with the store's current documents; returns passages added."""
        stamp = str(con.execute("SELECT count(*), coalesce(bit_xor(hash(doc_id)), 0) FROM documents "
                                "WHERE is_current").fetchone())
        with self.lock:
            db = self._db()
            row = db.execute("SELECT value FROM stamp").fetchone()
            if row and row[0] == stamp:
                return 0
            have = {r[0] for r in db.execute("SELECT doc_id FROM docs")}
            want = {r[0] for r in con.execute("SELECT doc_id FROM documents WHERE is_current").fetchall()}
            gone, new = have - want, sorted(want - have)
            for d in gone:
                db.execute("DELETE FROM passages WHERE doc_id = ?", [d])
                db.execute("DELETE FROM docs WHERE doc_id = ?", [d])
            added = 0
            for i in range(0, len(new), 500):
                chunk = new[i:i + 500]
                rows = con.execute(
                    "SELECT substring(d.text, p.start_char + 1, p.end_char - p.start_char), p.passage_id, p.doc_id "
                    "FROM passages p JOIN documents d USING (doc_id) WHERE p.doc_id IN (SELECT unnest(?::VARCHAR[]))",
                    [chunk]).fetchall()
                db.executemany("INSERT INTO passages (text, passage_id, doc_id) VALUES (?, ?, ?)", rows)
                db.executemany("INSERT INTO docs VALUES (?)", [(d,) for d in chunk])
                added += len(rows)
            db.execute("DELETE FROM stamp")
            db.execute("INSERT INTO stamp VALUES (?)", [stamp])
            db.commit()
            return added

    def search(self, q: str, *, limit: int = 50) -> tuple[int, list[dict[str, Any]]]:
        """(number of matching passages, best ``limit`` hits by BM25) with highlight offsets."""
        expr = parse_query(q)
        with self.lock:
            db = self._db()
            try:
                n = db.execute("SELECT count(*) FROM passages WHERE passages MATCH ?", [expr]).fetchone()[0]
                rows = db.execute(
                    f"SELECT passage_id, highlight(passages, 0, '{_OPEN}', '{_CLOSE}'), bm25(passages) FROM passages "
                    "WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT ?", [expr, int(limit)]).fetchall()
            except sqlite3.OperationalError as e:
                raise ConfigError(f"search {q!r}: {e}") from e
        return n, [{"passage_id": pid, "matches": _spans(marked), "score": -score} for pid, marked, score in rows]


def _spans(marked: str) -> list[list[int]]:
    """Offsets of the highlighted stretches in the unmarked text."""
    out, pos, start = [], 0, None
    for ch in marked:
        if ch == _OPEN:
            start = pos
        elif ch == _CLOSE:
            if start is not None:
                out.append([start, pos])
            start = None
        else:
            pos += 1
    return out
