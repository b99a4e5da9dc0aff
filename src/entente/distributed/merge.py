"""Load finished Ray runs into the store: bounded groups of shards, one transaction each.

Only runs whose marker is present are read (an unfinished run may still be
writing, or may have died; its shards are never half-loaded). Runs go in the order
they started, rows in the order single-process ingest would have met them, so
versioning is the same: a changed file becomes a new version, a file reverted to
stored content makes that version current again (db.document_rows, the very
statements write_document runs; db.write_documents puts the group's documents, passages, events
and quotes in one bulk insert per table). Every insert is ``ON CONFLICT DO NOTHING`` on ids
derived from content, so a retried task's shard or a merge resumed after a crash
adds nothing; a run merged to the end (finished in ingest_runs) is skipped.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from entente.distributed import shards
from entente.errors import SourceError
from entente.pipeline import IngestReport
from entente.store import db

GROUP = 8  # shards per transaction: bounds memory (rows of ~8 chunks) and the size of one transaction


def finished_runs(runs_root: str | Path) -> list[tuple[Path, dict]]:
    """(run directory, marker) of every finished run under ``runs_root``, oldest first."""
    root = Path(runs_root)
    runs = []
    for run_dir in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        marker = shards.read_marker(run_dir)
        if marker is not None:
            runs.append((run_dir, marker))
    return sorted(runs, key=lambda r: (r[1]["started_at"], r[1]["run_id"]))


def merge(con, runs_root: str | Path, *, group: int = GROUP) -> list[IngestReport]:
    """Merge every finished, not yet merged run under ``runs_root``; one report per run merged."""
    reports = []
    for run_dir, marker in finished_runs(runs_root):
        report = merge_run(con, run_dir, marker, group=group)
        if report is not None:
            reports.append(report)
    return reports


def merge_run(con, run_dir: Path, marker: dict, *, group: int = GROUP) -> IngestReport | None:
    run_id = marker["run_id"]
    done = con.execute("SELECT finished_at FROM ingest_runs WHERE run_id = ?", [run_id]).fetchall()
    if done and done[0][0] is not None:
        return None
    con.execute("INSERT INTO ingest_runs (run_id, started_at, coder) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [run_id, dt.datetime.fromisoformat(marker["started_at"]), marker.get("coder") or None])
    report = IngestReport(run_id=run_id, n_files=marker["n_files"])
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")  # many small statements, as in pipeline.ingest
    try:
        last = None  # shards cover disjoint runs of files in order: a row at or before `last` is a repeat
        names = marker["shards"]
        for i in range(0, len(names), group):
            rows = [r for name in names[i:i + group] for r in shards.read_shard(run_dir / name)]
            rows.sort(key=lambda r: (r["seq"], r["sub"]))
            rows = [r for r in rows if last is None or (r["seq"], r["sub"]) > last]
            if rows:
                _load_group(con, rows, run_id, report)
                last = (rows[-1]["seq"], rows[-1]["sub"])
    finally:
        con.execute(f"SET threads = {int(threads)}")
    db.finish_run(con, run_id, n_files=report.n_files, n_added=report.n_added,
                  n_unchanged=report.n_unchanged, n_failed=report.n_failed)
    return report


def _load_group(con, rows: list[dict], run_id: str, report: IngestReport) -> None:
    """Error rows are recorded, unchanged ones made current again, and the coded ones stored by
    db.write_documents: one transaction for the group, each document alone if it fails, so one
    bad row loses nothing else."""
    coded = []
    for row in rows:
        if row["status"] == "error":
            _error(con, run_id, report, row["path"], row["reason"])
            continue
        report.n_documents += 1
        if row["status"] == "unchanged":  # current when the run started: stays (or again becomes) current
            db.make_current(con, db.doc_id_of(row["path"], row["content_hash"]), row["path"])
            report.n_unchanged += 1
            continue
        try:
            coded.append(shards.to_coded(row))
        except Exception as e:  # a damaged row is that document's problem only
            _error(con, run_id, report, row["path"], f"storing failed: {e.__class__.__name__}: {e}")
    for doc, e in zip(coded, db.write_documents(con, coded, run_id)):
        if e is not None:
            _error(con, run_id, report, doc.document.path, f"storing failed: {e.__class__.__name__}: {e}")
            continue
        report.n_added += 1
        report.n_events += len(doc.events)
        report.n_quotes += len(doc.quotes)


def _error(con, run_id: str, report: IngestReport, path: str, reason: str) -> None:
    report.errors.append(SourceError(path, reason))
    # a resumed merge meets the same error again: store it once
    con.execute("INSERT INTO ingest_errors SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ingest_errors "
                "WHERE run_id = ? AND path = ? AND reason = ?)",
                [run_id, path, reason, dt.datetime.now(), run_id, path, reason])
