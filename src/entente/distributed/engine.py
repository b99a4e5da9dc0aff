"""Run reading, parsing and coding on Ray Data; the store is written afterwards by merge.py.

The dataset is the list of input files, cut into chunks (one dataset row each, so a
task's shard always covers the same files, whichever attempt writes it). One stateful
worker class (worker.IngestWorker) runs in an actor pool of ``workers`` actors, one
CPU each; Ray restarts a dead actor and retries its task, and a retried task rewrites
the same shard. The driver writes the run's marker once every task has finished.

Local mode (``ray.init(num_cpus=workers)``) when no address is given; with an address
the same job runs on that cluster — every node must see the input files and the run
directory (a shared file system), as it would for any Ray job reading files.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sys
import time
import uuid
import warnings
from pathlib import Path

from entente import config
from entente.corpus import discover
from entente.distributed import shards
from entente.distributed.worker import FAULT_ENV, IngestWorker, chunk_size, known_by_file
from entente.errors import ConfigError, EntenteError


def start_ray(address: str | None, workers: int) -> bool:
    """Connect to ``address`` or start a local cluster of ``workers`` CPUs; False if Ray was already up."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as e:
        raise ConfigError(f"--engine ray needs Ray: pip install 'entente[ray]' ({e})") from e
    if ray.is_initialized():
        return False
    os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")  # silences a future-change warning
    quiet = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    if address:
        ray.init(address=address, **quiet)
    else:
        ray.init(num_cpus=workers, **quiet)
    return True


def _quiet_data() -> None:
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def run(inputs: list[str], runs_root: str | Path, *, known: dict[str, tuple[str, str]] | None = None,
        address: str | None = None, workers: int = 2, max_bytes: int | None = None, model: str | None = None,
        actors: list[str] | None = None, chunk: int | None = None, inline: bool = False, coder=None) -> Path:
    """Code ``inputs`` on Ray into a new run directory under ``runs_root``; returns it (marker written).

    ``known`` is the store's current path → (doc_id, content hash): content already
    current is not coded again, and comes back as an ``unchanged`` row. ``inline`` runs the
    chunks in this process, without Ray (with ``coder``, a loaded Coder, if given).
    """
    run_id = uuid.uuid4().hex[:16]
    started = dt.datetime.now()
    run_dir = Path(runs_root) / f"{started:%Y%m%dT%H%M%S}-{run_id}"
    run_dir.mkdir(parents=True)
    paths, bad = discover(inputs)
    if bad:  # inputs that gave no file travel as rows too, ahead of every file (seq -1)
        shards.write_shard(run_dir, -1, [shards.plain_row(-1, i, "error", e.path, reason=e.reason)
                                         for i, e in enumerate(bad)])
    by_file = known_by_file(known or {})
    size = chunk or chunk_size(len(paths), workers)
    items = []
    for first in range(0, len(paths), size):
        files = [[seq, str(p), by_file.get(str(p), {})] for seq, p in enumerate(paths[first:first + size], first)]
        items.append({"chunk": json.dumps({"first": first, "files": files})})
    names: set[str] = {shards.shard_name(-1)} if bad else set()
    engine_s, coder = 0.0, ""
    if items and inline:  # the same worker and shards, in this process: for tests and debugging
        worker = IngestWorker(str(run_dir), model=model, actors=actors, max_bytes=config.max_bytes(max_bytes),
                              coder=coder, freeze=False)
        names |= {worker.run_chunk(json.loads(it["chunk"]))[0] for it in items}
        coder = worker.coder.name
    elif items:
        with _stderr_to(run_dir / "ray.log"):
            engine_s, coder = _start_and_code(items, run_dir, names, address=address, workers=workers,
                                              max_bytes=max_bytes, model=model, actors=actors)
    shards.write_marker(run_dir, {
        "run_id": run_id, "started_at": started.isoformat(), "finished_at": dt.datetime.now().isoformat(),
        "n_files": len(paths) + len(bad), "shards": sorted(names), "coder": coder, "engine_start_s": round(engine_s, 3),
    })
    return run_dir


@contextlib.contextmanager
def _stderr_to(path: Path):
    """Ray's C++ core writes notices (e.g. about restartable actors, ray#53727) straight to file
    descriptor 2; they go to the run's ray.log. Python errors are raised after it is restored."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _start_and_code(items, run_dir, names, *, address, workers, max_bytes, model, actors) -> tuple[float, str]:
    t0 = time.perf_counter()
    started_here = start_ray(address, workers)
    engine_s = time.perf_counter() - t0
    try:
        coded, coder = _code(items, run_dir, workers=workers, max_bytes=config.max_bytes(max_bytes),
                             model=model, actors=actors)
        names |= coded
    finally:
        if started_here:
            import ray

            ray.shutdown()
    return engine_s, coder


def _code(items: list[dict], run_dir: Path, *, workers: int, max_bytes: int, model, actors) -> tuple[set[str], str]:
    import ray

    with warnings.catch_warnings():
        # Ray Data reads its own deprecated settings when it copies its context: not ours to fix
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"ray\.")
        return _execute(ray, items, run_dir, workers=workers, max_bytes=max_bytes, model=model, actors=actors)


def _execute(ray, items, run_dir, *, workers, max_bytes, model, actors) -> tuple[set[str], str]:
    _quiet_data()
    ds = ray.data.from_items(items, override_num_blocks=len(items))
    out = ds.map_batches(
        IngestWorker, batch_size=1, concurrency=workers, num_cpus=1,
        fn_constructor_kwargs={"run_dir": str(run_dir), "model": model, "actors": actors,
                               "max_bytes": max_bytes, "fault": os.environ.get(FAULT_ENV)},
    )
    names, coders = set(), set()
    for row in out.iter_rows():
        names.add(row["shard"])
        coders.add(row["coder"])
    missing = [it for it in items if shards.shard_name(json.loads(it["chunk"])["first"]) not in names]
    if missing:
        raise EntenteError(f"{run_dir}: Ray finished without {len(missing)} of {len(items)} shards")
    return names, "+".join(sorted(coders))


def ingest(con, inputs: list[str], runs_root: str | Path, *, address: str | None = None, workers: int = 2,
           max_bytes: int | None = None, model: str | None = None, actors: list[str] | None = None,
           chunk: int | None = None, keep_runs: bool = True):
    """pipeline.ingest on Ray: code ``inputs`` into a run under ``runs_root``, then merge every finished
    run there into the store ``con``. Returns this run's IngestReport (errors listed, never raised)."""
    import shutil

    from entente.distributed import merge
    from entente.pipeline import IngestReport
    from entente.store import db

    run_dir = run(inputs, runs_root, known=db.current_hashes(con), address=address, workers=workers,
                  max_bytes=max_bytes, model=model, actors=actors, chunk=chunk)
    run_id = shards.read_marker(run_dir)["run_id"]
    report = None
    for r in merge.merge(con, runs_root):
        if r.run_id == run_id:
            report = r
    if not keep_runs:
        shutil.rmtree(run_dir)
    return report or IngestReport(run_id=run_id)
