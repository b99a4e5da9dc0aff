"""The spine end to end: idempotent ingest, versions, bad files in a batch, killed runs."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from entente import pipeline

STORY = (
    "MOSCOW, March 3, 2021 — Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow "
    "on Tuesday. The two leaders signed an agreement on a joint lunar research station.\n\n"
    "Russia and China held joint naval exercises in the Sea of Japan last week.\n"
)


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"story_{i:03d}.txt"
        p.write_text(f"Story {i}\n\n" + STORY.replace("Tuesday", ["Monday", "Tuesday", "Friday"][i % 3]), "utf-8")
        paths.append(p)
    return paths


def counts(con) -> tuple[int, int, int]:
    return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "events", "quotes"))


def test_reingest_adds_nothing(store, tmp_path):
    write_corpus(tmp_path / "c", 3)
    first = pipeline.ingest(store, [str(tmp_path / "c")])
    assert first.n_added == 3 and first.n_events > 0
    before = counts(store)
    again = pipeline.ingest(store, [str(tmp_path / "c")])
    assert again.n_added == 0 and again.n_unchanged == 3
    assert counts(store) == before


def test_changed_file_becomes_new_version(store, tmp_path):
    (p,) = write_corpus(tmp_path / "c", 1)
    pipeline.ingest(store, [str(p)])
    p.write_text(p.read_text("utf-8") + "\nChina criticised the United States on Friday.\n", "utf-8")
    pipeline.ingest(store, [str(p)])
    rows = store.execute("SELECT version, is_current FROM documents ORDER BY version").fetchall()
    assert rows == [(1, False), (2, True)]


def test_reverted_file_makes_its_old_version_current(store, tmp_path):
    (p,) = write_corpus(tmp_path / "c", 1)
    original = p.read_text("utf-8")
    pipeline.ingest(store, [str(p)])
    p.write_text(original + "\nChina criticised the United States on Friday.\n", "utf-8")
    pipeline.ingest(store, [str(p)])
    p.write_text(original, "utf-8")
    pipeline.ingest(store, [str(p)])
    rows = store.execute("SELECT version, is_current FROM documents ORDER BY version").fetchall()
    assert rows == [(1, True), (2, False)]


def test_one_broken_file_leaves_the_rest(store, tmp_path):
    write_corpus(tmp_path / "c", 9)
    (tmp_path / "c" / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    report = pipeline.ingest(store, [str(tmp_path / "c")])
    assert report.n_added == 9
    assert [Path(e.path).name for e in report.errors] == ["broken.txt"]
    logged = store.execute("SELECT path, reason FROM ingest_errors").fetchall()
    assert len(logged) == 1 and logged[0][0].endswith("broken.txt") and logged[0][1]


def test_nothing_stored_is_lost_when_a_later_batch_fails(store, tmp_path):
    write_corpus(tmp_path / "a", 2)
    pipeline.ingest(store, [str(tmp_path / "a")])
    before = counts(store)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "empty.txt").write_text("", "utf-8")
    report = pipeline.ingest(store, [str(tmp_path / "b"), str(tmp_path / "missing")])
    assert report.n_failed == 2
    assert counts(store) == before


def test_events_point_back_to_their_sentence(store, tmp_path):
    (p,) = write_corpus(tmp_path / "c", 1)
    pipeline.ingest(store, [str(p)])
    text = p.read_text("utf-8")
    rows = store.execute(
        "SELECT sent_start, sent_end, trigger_start, trigger_end, rule, coder, confidence FROM events"
    ).fetchall()
    assert rows
    for s, e, ts, te, rule, coder, conf in rows:
        assert 0 <= s <= ts < te <= e <= len(text)
        assert rule and coder and 0 < conf <= 1


def test_killed_ingest_leaves_a_consistent_store(tmp_path):
    write_corpus(tmp_path / "c", 120)
    store = tmp_path / "kill.duckdb"
    cmd = [sys.executable, "-m", "entente.views.cli", "ingest", str(tmp_path / "c"), "--store", str(store)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(4.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    from entente.store import db

    con = db.connect(store)
    per_path = con.execute("SELECT path, count(*) FROM documents WHERE is_current GROUP BY path").fetchall()
    assert len(per_path) == 120 and all(n == 1 for _, n in per_path)
    orphans = con.execute(
        "SELECT count(*) FROM events e LEFT JOIN documents d USING (doc_id) WHERE d.doc_id IS NULL"
    ).fetchone()[0]
    assert orphans == 0


def test_optimize_sorts_events_by_dyad_and_keeps_the_schema(store, tmp_path):
    from entente.store import db

    write_corpus(tmp_path / "c", 3)
    pipeline.ingest(store, [str(tmp_path / "c")])
    before = store.execute("SELECT * FROM events ORDER BY event_id").fetchall()
    assert db.optimize(store) == len(before) > 0
    assert store.execute("SELECT * FROM events ORDER BY event_id").fetchall() == before
    stored = store.execute("SELECT source, target, date_start, event_id FROM events ORDER BY rowid").fetchall()
    assert stored == sorted(stored, key=lambda r: (r[0], r[1], r[2], r[3]))
    # the primary key survived the swap: a duplicate event is still refused
    import duckdb
    import pytest

    with pytest.raises(duckdb.ConstraintException):
        store.execute("INSERT INTO events SELECT * FROM events LIMIT 1")
    (p,) = write_corpus(tmp_path / "d", 1)
    assert pipeline.ingest(store, [str(p)]).n_added == 1


def test_a_document_that_cannot_be_stored_leaves_the_rest_of_its_group(store):
    """Documents are stored a group per transaction; a failing one must not take the others with it."""
    from entente.store import db
    from entente.types import CodedDocument, Document, Event

    def coded(i: int, cameo: str) -> CodedDocument:
        text = f"Russia and China signed accord number {i}."
        d = Document(name=f"g{i}.txt", path=f"/g{i}.txt", text=text, format="text", content_hash=f"h{i}")
        ev = Event(sent_start=0, sent_end=len(text), source="RUS", target="CHN", cameo=cameo, date="2020",
                   date_precision="year", trigger_start=19, trigger_end=25, rule="test", coder="test",
                   confidence=1.0)
        return CodedDocument(document=d, events=[ev])

    group = [coded(1, "057"), coded(2, "999"), coded(3, "057")]  # 999: no such CAMEO code
    results = db.write_documents(store, group, None)
    assert results[0] is None and results[2] is None and isinstance(results[1], KeyError)
    assert sorted(r[0] for r in store.execute("SELECT path FROM documents").fetchall()) == ["/g1.txt", "/g3.txt"]
    assert store.execute("SELECT count(*) FROM events").fetchone()[0] == 2


def test_a_group_versions_its_documents_as_one_at_a_time_would(store):
    """A group's documents are versioned from two queries: a changed path becomes a new version, the
    same content twice in one group is stored once, and a reverted file makes its old version current."""
    from entente.store import db
    from entente.types import CodedDocument, Document

    def coded(path: str, content: str) -> CodedDocument:
        text = f"Russia and China signed accord {content}."
        return CodedDocument(document=Document(name=path.strip("/"), path=path, text=text, format="text",
                                               content_hash=content))

    assert db.write_documents(store, [coded("/a.txt", "a1"), coded("/b.txt", "b1")]) == [None, None]
    group = [coded("/a.txt", "a2"), coded("/c.txt", "c1"), coded("/c.txt", "c1"), coded("/b.txt", "b2"),
             coded("/b.txt", "b1")]
    assert db.write_documents(store, group) == [None] * 5
    rows = store.execute("SELECT path, content_hash, version, is_current FROM documents ORDER BY path, version")
    assert rows.fetchall() == [("/a.txt", "a1", 1, False), ("/a.txt", "a2", 2, True),
                               ("/b.txt", "b1", 1, True), ("/b.txt", "b2", 2, False),
                               ("/c.txt", "c1", 1, True)]
