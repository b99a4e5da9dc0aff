"""The stateful Ray worker: spaCy model and coder loaded once, files read in the same process.

Ray Data calls an instance once per dataset row; a row is one chunk of files (their
paths and what the store already holds for them). Reading runs here rather than in
a Ray read stage: when model-holding actors take every CPU, a separate read task
never gets one and the job hangs (ray#44687). A chunk's result is a Parquet shard
in the run directory; Ray gets back only its name and counts.
"""
from __future__ import annotations

import gc
import json
import os
from pathlib import Path

from entente.corpus import read_path
from entente.distributed import shards
from entente.errors import SourceError

FAULT_ENV = "ENTENTE_RAY_FAULT"  # fault injection for tests: a file path, see IngestWorker._maybe_fail


def known_by_file(known: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Current (path → content hash) of the store, grouped by the file a document came from
    (JSONL documents are path#line), so each chunk carries only its own files' hashes."""
    by_file: dict[str, dict[str, str]] = {}
    for path, (_, content_hash) in known.items():
        by_file.setdefault(path, {})[path] = content_hash
        base, _, line = path.rpartition("#")
        if base and line.isdigit():
            by_file.setdefault(base, {})[path] = content_hash
    return by_file


def chunk_size(n_files: int, workers: int) -> int:
    # small enough that every worker gets several chunks (balance, cheap retries), big enough
    # that spaCy's batching and Ray's per-task cost stay small
    return max(1, min(16, n_files // max(1, workers * 4)))


class IngestWorker:
    def __init__(self, run_dir: str, *, model: str | None, actors: list[str] | None, max_bytes: int,
                 fault: str | None = None, coder=None, freeze: bool = True):
        from entente.coding.coder import Coder

        self.run_dir = Path(run_dir)
        self.max_bytes = max_bytes
        self.coder = coder or Coder(model=model, actors=actors).load()
        self.fault = fault
        self.calls = 0
        if freeze:  # as in pipeline.ingest: in a worker process the models live as long as the process
            gc.freeze()

    def __call__(self, batch: dict) -> dict:
        names, counts = [], []
        for chunk in batch["chunk"]:
            name, n = self.run_chunk(json.loads(chunk))
            names.append(name)
            counts.append(n)
        return {"shard": names, "rows": counts, "coder": [self.coder.name] * len(names)}

    def run_chunk(self, chunk: dict) -> tuple[str, int]:
        self.calls += 1
        self._maybe_fail()
        rows: list[dict] = []
        pending = []  # (seq, sub, Document) to code, in order
        for seq, path, known in chunk["files"]:
            try:
                docs = read_path(path, max_bytes=self.max_bytes)
            except SourceError as err:
                rows.append(shards.plain_row(seq, 0, "error", err.path, reason=err.reason))
                continue
            for sub, doc in enumerate(docs):
                if known.get(doc.path) == doc.content_hash:
                    rows.append(shards.plain_row(seq, sub, "unchanged", doc.path, content_hash=doc.content_hash))
                else:
                    pending.append((seq, sub, doc))
        place = {id(doc): (seq, sub) for seq, sub, doc in pending}
        for document, sdoc in self.coder.parse(doc for _, _, doc in pending):
            seq, sub = place[id(document)]
            try:
                rows.append(shards.coded_row(seq, sub, self.coder.code(document, sdoc)))
            except Exception as e:  # a coder bug on one document must not lose the chunk
                reason = f"coding failed: {e.__class__.__name__}: {e}"
                rows.append(shards.plain_row(seq, sub, "error", document.path, reason=reason))
        rows.sort(key=lambda r: (r["seq"], r["sub"]))
        return shards.write_shard(self.run_dir, chunk["first"], rows), len(rows)

    def _maybe_fail(self) -> None:
        """With $ENTENTE_RAY_FAULT set to a file path, the first worker to reach its second chunk
        creates that file and ends its process (a real crash, mid-run); Ray restarts it and retries."""
        if not self.fault or self.calls < 2:
            return
        try:
            fd = os.open(self.fault, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            return
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        os._exit(70)
