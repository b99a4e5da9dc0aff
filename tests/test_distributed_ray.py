"""Distributed ingest on a local Ray cluster of two workers: the rows of single-process ingest,
also when a worker process dies mid-run."""
from __future__ import annotations

import os

import pytest
from ray_support import QUIET, corpus, reference_tables, stored_once
from test_distributed_merge import tables

from entente.distributed import engine, shards
from entente.distributed.worker import FAULT_ENV
from entente.store import db

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    import ray

    # two CPUs and two model-holding workers: every CPU taken by an actor, and reading still
    # happens (inside them) — a separate read stage would hang here (ray#44687)
    ray.init(num_cpus=2, **QUIET)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def reference(shared, tmp_path_factory):
    return reference_tables(shared, tmp_path_factory.mktemp("reference"))


def test_two_workers_give_the_rows_of_single_process(local_ray, reference, shared, tmp_path):
    assert local_ray.cluster_resources()["CPU"] == 2
    con = db.connect(tmp_path / "ray.duckdb")
    report = engine.ingest(con, corpus(shared), tmp_path / "runs", workers=2)
    got = tables(con)
    assert report.n_added == len(reference["documents"]) and not report.errors
    assert {t: len(rows) for t, rows in got.items()} == {t: len(rows) for t, rows in reference.items()}
    assert got == reference
    # again: everything is current already, nothing is coded or added
    again = engine.ingest(con, corpus(shared), tmp_path / "runs", workers=2)
    assert (again.n_added, again.n_unchanged) == (0, len(reference["documents"]))
    assert tables(con) == reference
    con.close()


def test_worker_killed_mid_run_is_retried(local_ray, reference, shared, tmp_path, monkeypatch):
    fired = tmp_path / "fault-fired"
    monkeypatch.setenv(FAULT_ENV, str(fired))  # the first worker to start its second chunk exits
    con = db.connect(tmp_path / "ray.duckdb")
    report = engine.ingest(con, corpus(shared), tmp_path / "runs", workers=2, chunk=1)
    dead = int(fired.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(dead, 0)  # that worker process is gone: Ray restarted the actor and retried its task
    assert report.n_added == len(reference["documents"]) and not report.errors
    stored_once(con)
    assert tables(con) == reference
    (run_dir,) = (tmp_path / "runs").iterdir()
    assert len(shards.read_marker(run_dir)["shards"]) == len(reference["documents"])
    con.close()


def test_cli_engine_ray(local_ray, reference, shared, tmp_path):
    import json

    from typer.testing import CliRunner

    from entente.views.cli import app

    runs = tmp_path / "runs"
    args = ["ingest", *corpus(shared), "--engine", "ray", "--workers", "2", "--json",
            "--store", str(tmp_path / "s.duckdb"), "--runs-dir", str(runs)]
    out = CliRunner().invoke(app, args)
    assert out.exit_code == 0, out.output
    report = json.loads(out.output)
    assert (report["added"], report["failed"]) == (len(reference["documents"]), 0)
    assert list(runs.iterdir()) == []  # merged, so its shards are gone (--keep-runs keeps them)
    con = db.connect(tmp_path / "s.duckdb")
    assert tables(con) == reference
    con.close()
