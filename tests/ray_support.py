"""Shared by the Ray tests: the single-process reference store, and Ray started quietly.

The reference ingest runs in its own process with a hash seed the Ray workers do not share:
the coder must not depend on Python's string hashing (tests/test_coding_learned.py), so both
must still give the same rows.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys

import duckdb
import pytest

pytest.importorskip("ray")

HASH_SEED = "1"  # the reference process only; workers keep Ray's own (random) seeds
QUIET = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)


def corpus(shared) -> list[str]:
    return [str(shared / "seeds"), str(shared / "dev" / "docs")]


def reference_tables(shared, tmp_path) -> dict[str, list[tuple]]:
    """pipeline.ingest of the seed and dev texts in a fresh process with a hash seed of its own."""
    from test_distributed_merge import TABLES

    path = tmp_path / "single.duckdb"
    code = ("import sys; from entente import pipeline; from entente.store import db; "
            "con = db.connect(sys.argv[1]); pipeline.ingest(con, sys.argv[2:]); con.close()")
    env = dict(os.environ, PYTHONHASHSEED=HASH_SEED)
    subprocess.run([sys.executable, "-c", code, str(path), *corpus(shared)], check=True, env=env)
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall() for t, cols in TABLES.items()}
    finally:
        con.close()


def stored_once(con) -> None:
    """Every document, event and quote is stored once (one current version per path)."""
    assert con.execute("SELECT count(*) - count(DISTINCT path) FROM documents").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM documents WHERE NOT is_current").fetchone()[0] == 0
