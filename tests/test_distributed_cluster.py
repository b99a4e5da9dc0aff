"""A two-node local Ray cluster loses a node mid-run: after Ray's retries and the merge the store
holds every document once, and the rows of single-process ingest."""
from __future__ import annotations

import threading
import time

import pytest
from ray_support import QUIET, corpus, reference_tables, stored_once
from test_distributed_merge import tables

from entente.distributed import engine
from entente.store import db

pytestmark = pytest.mark.slow


def test_node_killed_mid_run(shared, tmp_path):
    import ray
    from ray.cluster_utils import Cluster

    reference = reference_tables(shared, tmp_path)
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    doomed = cluster.add_node(num_cpus=1)
    runs = tmp_path / "runs"
    events = {}

    def kill_when_started():
        # the worker node goes once two shards are written (both workers busy, most of the work left);
        # no replacement joins: the head node's worker has to take over the lost node's work
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and len(list(runs.glob("*/shard-*.parquet"))) < 2:
            time.sleep(0.2)
        events["shards_at_kill"] = len(list(runs.glob("*/shard-*.parquet")))
        cluster.remove_node(doomed, allow_graceful=False)
        events["killed"] = True

    try:
        ray.init(address=cluster.address, **QUIET)
        cluster.wait_for_nodes()
        assert ray.cluster_resources()["CPU"] == 2
        killer = threading.Thread(target=kill_when_started, daemon=True)
        killer.start()
        con = db.connect(tmp_path / "ray.duckdb")
        report = engine.ingest(con, corpus(shared), runs, address=cluster.address, workers=2, chunk=1)
        killer.join(timeout=60)
        assert 2 <= events["shards_at_kill"] < len(reference["documents"])  # killed mid-run
        assert events["killed"]
        assert report.n_added == len(reference["documents"]) and not report.errors
        stored_once(con)
        assert tables(con) == reference
        con.close()
    finally:
        ray.shutdown()
        cluster.shutdown()
