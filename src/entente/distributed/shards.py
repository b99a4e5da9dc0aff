"""Parquet shards of coded documents: the hand-off between Ray workers and the merge.

One row per document read by a task: its position in the run (``seq``: the file's
place in discovery order, ``sub``: the document's place in its file), a status
(``coded``, ``unchanged`` — content the store already holds as current — or
``error``, with a reason), and for coded rows the whole CodedDocument: the
document's fields with its passages nested, and its events and quotes as lists of
structs. The schema is written out so that an all-null column in one shard has the
same type as in every other, and a row turns back into the exact CodedDocument.
"""
from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from entente.types import CodedDocument, Document, Event, Passage, Quote

MARKER = "_SUCCESS"  # written by the driver once every task of a run has finished

_ARROW = {"int": pa.int64(), "str": pa.string(), "float": pa.float64()}


def _struct(cls, nested: dict | None = None) -> pa.StructType:
    fields = []
    for f in dataclasses.fields(cls):
        if nested and f.name in nested:
            fields.append(pa.field(f.name, nested[f.name]))
            continue
        base = str(f.type).split(" | ")[0]  # "str | None" → str; every field is nullable in Arrow
        fields.append(pa.field(f.name, _ARROW[base]))
    return pa.struct(fields)


PASSAGE = _struct(Passage)
DOCUMENT = _struct(Document, {"passages": pa.list_(PASSAGE)})
EVENT = _struct(Event)
QUOTE = _struct(Quote)
SCHEMA = pa.schema([
    ("seq", pa.int64()), ("sub", pa.int64()), ("status", pa.string()), ("path", pa.string()),
    ("reason", pa.string()), ("content_hash", pa.string()), ("document", DOCUMENT),
    ("events", pa.list_(EVENT)), ("quotes", pa.list_(QUOTE)),
    ("doc_date", pa.string()), ("doc_date_precision", pa.string()),
])


_FIELDS = {cls: [f.name for f in dataclasses.fields(cls)] for cls in (Passage, Document, Event, Quote)}


def _flat(obj) -> dict:
    # dataclasses.asdict deep-copies every value: a tenth of the speed, for fields that are plain values
    return {name: getattr(obj, name) for name in _FIELDS[type(obj)]}


def coded_row(seq: int, sub: int, coded: CodedDocument) -> dict:
    doc = _flat(coded.document)
    doc["passages"] = [_flat(p) for p in coded.document.passages]
    return {
        "seq": seq, "sub": sub, "status": "coded", "path": coded.document.path, "reason": None,
        "content_hash": coded.document.content_hash, "document": doc,
        "events": [_flat(e) for e in coded.events],
        "quotes": [_flat(q) for q in coded.quotes],
        "doc_date": coded.doc_date, "doc_date_precision": coded.doc_date_precision,
    }


def plain_row(seq: int, sub: int, status: str, path: str, *, reason: str | None = None,
              content_hash: str | None = None) -> dict:
    return {"seq": seq, "sub": sub, "status": status, "path": path, "reason": reason, "content_hash": content_hash,
            "document": None, "events": None, "quotes": None, "doc_date": None, "doc_date_precision": None}


def to_coded(row: dict) -> CodedDocument:
    d = dict(row["document"])
    d["passages"] = tuple(Passage(**p) for p in d["passages"] or ())
    return CodedDocument(
        document=Document(**d),
        events=[Event(**e) for e in row["events"] or ()],
        quotes=[Quote(**q) for q in row["quotes"] or ()],
        doc_date=row["doc_date"], doc_date_precision=row["doc_date_precision"],
    )


def shard_name(first_seq: int) -> str:
    # named by the first file of the task's chunk: a retried task rewrites the same shard
    return f"shard-{first_seq + 1:09d}.parquet"  # seq -1 (the driver's discovery errors) is shard 0


def write_shard(run_dir: Path, first_seq: int, rows: list[dict]) -> str:
    """Write rows atomically (temporary file, then rename): a task killed mid-write leaves no shard."""
    name = shard_name(first_seq)
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    tmp = run_dir / f".{name}.{os.getpid()}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, run_dir / name)
    return name


def read_shard(path: Path) -> list[dict]:
    return pq.read_table(path, schema=SCHEMA).to_pylist()


def write_marker(run_dir: Path, info: dict) -> None:
    tmp = run_dir / f".{MARKER}.tmp"
    tmp.write_text(json.dumps(info, indent=1), "utf-8")
    os.replace(tmp, run_dir / MARKER)


def read_marker(run_dir: Path) -> dict | None:
    """The run's manifest, or None while the run is unfinished (no marker: never merged)."""
    path = run_dir / MARKER
    if not path.exists():
        return None
    return json.loads(path.read_text("utf-8"))
