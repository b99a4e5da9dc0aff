"""corpus → nlp → coding → store, for a batch of inputs.

One bad file never stops the batch: it becomes a row in ``ingest_errors``
and the report. Documents are stored in groups, one transaction per group (a
group that fails is stored document by document), so a killed run leaves whole
documents only, and a re-run skips them (content hash).
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterator

from entente import config
from entente.corpus import discover, read_path
from entente.errors import SourceError
from entente.store import db


@dataclass
class IngestReport:
    run_id: str
    n_files: int = 0
    n_documents: int = 0
    n_added: int = 0
    n_unchanged: int = 0
    n_events: int = 0
    n_quotes: int = 0
    errors: list[SourceError] = field(default_factory=list)

    @property
    def n_failed(self) -> int:
        return len(self.errors)

    def to_dict(self) -> dict:
        return {
            "run_id": self.run_id, "files": self.n_files, "documents": self.n_documents,
            "added": self.n_added, "unchanged": self.n_unchanged, "failed": self.n_failed,
            "events": self.n_events, "quotes": self.n_quotes,
            "errors": [{"path": e.path, "reason": e.reason} for e in self.errors],
        }


def ingest(
    con,
    inputs: list[str],
    *,
    max_bytes: int | None = None,
    model: str | None = None,
    actors: list[str] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> IngestReport:
    """Read, code and store every document under ``inputs``.

    Returns an IngestReport; files that failed are listed in ``report.errors``
    (and in the store's ingest_errors table), never raised.
    """
    coder = _coder(model, _files_key(actors))
    # The models and dictionaries live as long as the process: frozen, the cyclic collector
    # stops re-scanning them on every full collection while documents stream through.
    gc.freeze()
    try:
        return _ingest(con, inputs, coder, max_bytes=max_bytes, on_progress=on_progress)
    finally:
        gc.unfreeze()


GROUP_DOCS = 32  # documents per store transaction
GROUP_CHARS = 2_000_000


def _files_key(files: list[str] | None) -> tuple | None:
    """Actor files with their modification times: an edited file is loaded again."""
    if not files:
        return None
    return tuple((str(f), os.stat(f).st_mtime_ns if os.path.exists(f) else None) for f in files)


@lru_cache(maxsize=2)
def _coder(model: str | None, actors: tuple | None):
    """The loaded coder, once per process: loading dictionaries, rules and the event model takes about
    a second, which a caller ingesting batch after batch should pay once (as spaCy's load_nlp is)."""
    from entente.coding.coder import Coder

    return Coder(model=model, actors=[f for f, _ in actors] if actors else None).load()


def _ingest(con, inputs, coder, *, max_bytes, on_progress) -> IngestReport:
    limit = config.max_bytes(max_bytes)
    paths, bad = discover(inputs)
    run_id = db.start_run(con, coder.name)
    report = IngestReport(run_id=run_id, n_files=len(paths) + len(bad))
    for err in bad:
        report.errors.append(err)
        db.record_error(con, run_id, err.path, err.reason)

    known = db.current_hashes(con)
    # many small statements: DuckDB's thread hand-offs cost more than they save here
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")

    def pending() -> Iterator:
        for i, path in enumerate(paths):
            if on_progress:
                on_progress(i, len(paths), str(path))
            try:
                docs = read_path(path, max_bytes=limit)
            except SourceError as err:
                report.errors.append(err)
                db.record_error(con, run_id, err.path, err.reason)
                continue
            for doc in docs:
                report.n_documents += 1
                found = known.get(doc.path)
                if found and found[1] == doc.content_hash:
                    report.n_unchanged += 1
                    continue
                yield doc

    group: list = []

    def flush():
        for coded, e in zip(group, db.write_documents(con, group, run_id)):
            if e is not None:
                err = SourceError(coded.document.path, f"storing failed: {e.__class__.__name__}: {e}")
                report.errors.append(err)
                db.record_error(con, run_id, err.path, err.reason)
                continue
            report.n_added += 1
            report.n_events += len(coded.events)
            report.n_quotes += len(coded.quotes)
        group.clear()

    size = 0
    for document, sdoc in coder.parse(pending()):
        try:
            coded = coder.code(document, sdoc)
        except Exception as e:  # a coder bug on one document must not lose the batch
            err = SourceError(document.path, f"coding failed: {e.__class__.__name__}: {e}")
            report.errors.append(err)
            db.record_error(con, run_id, err.path, err.reason)
            continue
        group.append(coded)
        size += len(document.text)
        # a group is one transaction: a killed run loses at most the group in hand, never part of a document
        if len(group) >= GROUP_DOCS or size >= GROUP_CHARS:
            flush()
            size = 0
    if group:
        flush()
    con.execute(f"SET threads = {int(threads)}")
    if on_progress:
        on_progress(len(paths), len(paths), "")
    db.finish_run(
        con, run_id, n_files=report.n_files, n_added=report.n_added,
        n_unchanged=report.n_unchanged, n_failed=report.n_failed,
    )
    return report
