"""Shards and merge of the distributed ingest, without Ray: the worker runs in this process.

Versions, re-merges, unfinished runs and bad files must behave exactly as pipeline.ingest.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from test_pipeline import write_corpus

from entente import pipeline
from entente.distributed import engine, merge, shards
from entente.store import db

# every column but the run that wrote a row and when
TABLES = {
    "documents": "doc_id, name, path, version, is_current, content_hash, format, title, url, author, site, genre, "
                 "published, published_precision, doc_date, doc_date_precision, text, n_chars",
    "passages": "*", "events": "*", "quotes": "*",
}


@pytest.fixture
def stores(tmp_path):
    """Opens stores under tmp_path and closes them after the test."""
    opened = []

    def open_store(name: str):
        opened.append(db.connect(tmp_path / name))
        return opened[-1]

    yield open_store
    for con in opened:
        con.close()


def tables(con) -> dict[str, list[tuple]]:
    return {t: con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall() for t, cols in TABLES.items()}


def ingest_inline(con, inputs, root, coder, **kw):
    """engine.ingest's two steps, the chunks run here: a run directory, then the merge."""
    run_dir = engine.run([str(p) for p in inputs], root, known=db.current_hashes(con), inline=True, coder=coder,
                         **kw)
    reports = merge.merge(con, root)
    return run_dir, reports


def test_shard_round_trip_is_the_coded_document(coder, tmp_path):
    (p,) = write_corpus(tmp_path / "c", 1)
    from entente.corpus import read_path

    (doc,) = read_path(p, max_bytes=10**6)
    coded = coder.code(doc, next(coder.parse([doc]))[1])
    assert coded.events and coded.document.passages
    shards.write_shard(tmp_path, 0, [shards.coded_row(0, 0, coded)])
    (row,) = shards.read_shard(tmp_path / shards.shard_name(0))
    assert shards.to_coded(row) == coded


def test_same_rows_as_single_process(stores, coder, tmp_path):
    paths = write_corpus(tmp_path / "c", 5)
    (tmp_path / "c" / "broken.pdf").write_text("not a PDF at all", "utf-8")
    single = stores("single.duckdb")
    want = pipeline.ingest(single, [str(tmp_path / "c"), str(tmp_path / "missing")])
    con = stores("ray.duckdb")
    _, (got,) = ingest_inline(con, [tmp_path / "c", tmp_path / "missing"], tmp_path / "runs", coder, chunk=2)
    assert tables(con) == tables(single)
    assert len(paths) == got.n_added == want.n_added
    assert [(e.path, e.reason) for e in got.errors] == [(e.path, e.reason) for e in want.errors]
    assert len(got.errors) == 2  # the missing input and the unreadable file, both named
    stored = con.execute("SELECT path, reason FROM ingest_errors ORDER BY path").fetchall()
    assert stored == sorted((e.path, e.reason) for e in got.errors)


def test_remerge_and_resumed_merge_add_nothing(stores, coder, tmp_path):
    write_corpus(tmp_path / "c", 3)
    (tmp_path / "c" / "broken.pdf").write_text("x", "utf-8")
    con = stores("s.duckdb")
    run_dir, (first,) = ingest_inline(con, [tmp_path / "c"], tmp_path / "runs", coder, chunk=1)
    before = tables(con)
    assert merge.merge(con, tmp_path / "runs") == []  # merged to the end: skipped
    # a merge that died after some groups: the run is not finished in the store, so it is replayed
    con.execute("UPDATE ingest_runs SET finished_at = NULL")
    (again,) = merge.merge(con, tmp_path / "runs", group=1)
    assert tables(con) == before and again.n_added == first.n_added == 3
    assert con.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 1
    # a retried task's shard listed twice loads once
    marker = shards.read_marker(run_dir)
    marker["shards"] = sorted(marker["shards"] * 2)
    shards.write_marker(run_dir, marker)
    con.execute("UPDATE ingest_runs SET finished_at = NULL")
    merge.merge(con, tmp_path / "runs", group=3)
    assert tables(con) == before


def test_unfinished_run_is_not_loaded(stores, coder, tmp_path):
    write_corpus(tmp_path / "c", 2)
    con = stores("s.duckdb")
    run_dir = engine.run([str(tmp_path / "c")], tmp_path / "runs", inline=True, coder=coder)
    (run_dir / shards.MARKER).unlink()  # as if the driver died before every task was done
    assert merge.merge(con, tmp_path / "runs") == []
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_versions_as_single_process(stores, coder, tmp_path):
    (p,) = write_corpus(tmp_path / "c", 1)
    original = p.read_text("utf-8")
    single = stores("single.duckdb")
    con = stores("ray.duckdb")
    counts = []
    for text in (original, original + "\nChina criticised the United States on Friday.\n", original, original):
        p.write_text(text, "utf-8")
        want = pipeline.ingest(single, [str(p)])
        _, (got,) = ingest_inline(con, [p], tmp_path / "runs", coder)
        counts.append((got.n_added, got.n_unchanged))
        assert (got.n_added, got.n_unchanged) == (want.n_added, want.n_unchanged)
        assert tables(con) == tables(single)
    # new, new version, reverted (stored content made current again), unchanged (not coded again)
    assert counts == [(1, 0), (1, 0), (1, 0), (0, 1)]
    rows = con.execute("SELECT version, is_current FROM documents ORDER BY version").fetchall()
    assert rows == [(1, True), (2, False)]


def test_jsonl_records_carry_their_known_hashes(stores, coder, tmp_path):
    lines = [json.dumps({"text": f"Story {i}. Russia and China held joint naval exercises.", "title": f"t{i}"})
             for i in range(3)]
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    con = stores("s.duckdb")
    ingest_inline(con, [tmp_path / "c"], tmp_path / "runs", coder)
    _, (again,) = ingest_inline(con, [tmp_path / "c"], tmp_path / "runs", coder)
    assert (again.n_added, again.n_unchanged) == (0, 3)


@pytest.mark.parametrize("module", ["entente.pipeline", "entente.views.cli", "entente.distributed.merge"])
def test_default_path_does_not_import_ray(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_cli_ray_options_need_the_ray_engine(tmp_path):
    from typer.testing import CliRunner

    from entente.views.cli import app

    out = CliRunner().invoke(app, ["ingest", str(tmp_path), "--workers", "2", "--store", str(tmp_path / "s.duckdb")])
    assert out.exit_code == 2 and "need --engine ray" in " ".join(out.output.split())
    out = CliRunner().invoke(app, ["ingest", str(tmp_path), "--engine", "spark", "--store", str(tmp_path / "s.duckdb")])
    assert out.exit_code == 2 and "expected 'local' or 'ray'" in " ".join(out.output.split())
