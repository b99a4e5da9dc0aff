"""Distributed ingest on Ray against one process and plain multiprocessing, on news-sized files.

Builds --files text files of about 3.5 KB (five wire stories of the bundled demo corpus
each, every file distinct), then ingests them into a fresh store three ways, each in
its own process (run one after another, in the same invocation):
  1. single: pipeline.ingest, one process;
  2. multiprocessing: a Pool of --workers processes reads, parses and codes
     (each loads the coder once); the parent writes the store;
  3. ray: engine.ingest with --workers local Ray workers (start, code to shards, merge).
For each: wall time, speed-up over single, CPU time (all processes of the run's tree,
sampled from /proc) as a ratio to single, and peak memory (sum of the tree's resident
sets). For Ray also the engine's start (ray.init) and the time to its first shard.
Goals on a quiet 2-core machine: ray ≥ 1.2× single and ≥ 0.7× multiprocessing's
speed-up, CPU ≤ 1.5× single, peak ≤ 2.2 GB, engine start ≤ 40 s.

With --merge-events N it also merges a synthetic run of N events (1,000 per document)
into a fresh store and reports the merge's peak memory (goal < 2 GB at 10 M).

    python bench/bench_ray.py [--files 300] [--workers 2] [--merge-events 1000000]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def build_corpus(folder: Path, n: int) -> list[Path]:
    demo = resources.files("entente").joinpath("data/demo")
    stories = [json.loads(line)["text"] for line in demo.joinpath("wire.jsonl").read_text("utf-8").splitlines() if line]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        parts = [stories[(i * 5 + k) % len(stories)] for k in range(5)]
        p = folder / f"news_{i:05d}.txt"
        p.write_text(f"Bulletin {i}\n\n" + "\n\n".join(parts) + "\n", "utf-8")
        paths.append(p)
    return paths


def _tree(root: int) -> list[int]:
    parents = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            parents[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += [c for c, p in parents.items() if p == pid]
    return out


def _sample(pid: int) -> tuple[float, int, int] | None:
    """CPU seconds, resident and proportional set size (shared pages split among their users) of pid."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return None
    pss = next((int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:")), rss)
    return (int(fields[11]) + int(fields[12])) / TICK, rss, pss  # utime + stime (own, not children's)


def measure(cmd: list[str]) -> dict:
    """Run cmd; sample its process tree every 0.1 s: CPU seconds (last seen per process), peak summed RSS
    and PSS (RSS counts a shared library once per process that maps it; PSS splits it among them)."""
    cpu: dict[int, float] = {}
    peak = [0, 0]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    done = threading.Event()

    def watch():
        while not done.is_set():
            rss = pss = 0
            for pid in _tree(proc.pid):
                s = _sample(pid)
                if s:
                    cpu[pid] = max(cpu.get(pid, 0.0), s[0])
                    rss, pss = rss + s[1], pss + s[2]
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.1)

    t0 = time.perf_counter()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    watcher.join()
    if proc.returncode:
        raise SystemExit(f"{cmd[2:4]} failed with exit status {proc.returncode}")
    result = json.loads(out.strip().splitlines()[-1])
    return {**result, "wall_s": wall, "cpu_s": sum(cpu.values()), "peak_mb": peak[0] / 2**20, "peak_pss_mb": peak[1] / 2**20}


# --- the three engines, each run as `bench_ray.py --run ENGINE CORPUS STORE WORKERS` ---

def run_single(corpus: str, store: str, workers: int) -> dict:
    from entente import pipeline
    from entente.store import db

    con = db.connect(store)
    t0 = time.perf_counter()
    report = pipeline.ingest(con, [corpus])
    return {"added": report.n_added, "events": report.n_events, "ingest_s": time.perf_counter() - t0}


_coder = None


def _init():
    global _coder
    from entente.coding.coder import Coder

    _coder = Coder().load()


def _code_files(paths: list[str]):
    from entente import config
    from entente.corpus import read_path

    docs = [d for p in paths for d in read_path(p, max_bytes=config.max_bytes())]
    return [_coder.code(doc, sdoc) for doc, sdoc in _coder.parse(docs)]


def run_multiprocessing(corpus: str, store: str, workers: int) -> dict:
    import multiprocessing as mp

    from entente.corpus import discover
    from entente.store import db

    con = db.connect(store)
    paths = [str(p) for p in discover([corpus])[0]]
    chunks = [paths[i:i + 8] for i in range(0, len(paths), 8)]
    added = events = 0
    t0 = time.perf_counter()
    run_id = db.start_run(con, "bench-mp")
    with mp.get_context("spawn").Pool(workers, initializer=_init) as pool:
        for coded_docs in pool.imap(_code_files, chunks):  # in order, as single-process ingest writes
            for coded in coded_docs:
                db.write_document(con, coded, run_id)
                added, events = added + 1, events + len(coded.events)
    return {"added": added, "events": events, "ingest_s": time.perf_counter() - t0}


def run_ray(corpus: str, store: str, workers: int) -> dict:
    from entente.distributed import engine, shards
    from entente.store import db

    con = db.connect(store)
    runs = Path(store + ".runs")
    t0 = time.perf_counter()
    run_dir = engine.run([corpus], runs, known=db.current_hashes(con), workers=workers)
    coded_s = time.perf_counter() - t0
    marker = shards.read_marker(run_dir)
    first = min((run_dir / n).stat().st_mtime for n in marker["shards"])
    started = time.mktime(time.strptime(marker["started_at"].split(".")[0], "%Y-%m-%dT%H:%M:%S"))
    from entente.distributed import merge

    t1 = time.perf_counter()
    (report,) = merge.merge(con, runs)
    return {"added": report.n_added, "events": report.n_events, "ingest_s": time.perf_counter() - t0,
            "code_s": coded_s, "merge_s": time.perf_counter() - t1, "engine_start_s": marker["engine_start_s"],
            "first_shard_s": first - started}


def run_merge(n_events: str, store: str, _workers: int) -> dict:
    """Merge a synthetic finished run of n_events events (1,000 per document) into a fresh store."""
    import resource

    from entente.distributed import merge, shards
    from entente.store import db
    from entente.types import CodedDocument, Document, Event, Passage

    n_events = int(n_events)
    runs = Path(store + ".runs")
    run_dir = runs / "run"
    run_dir.mkdir(parents=True)
    per_doc, per_shard = 1000, 8
    n_docs = max(1, n_events // per_doc)
    text = "x" * (per_doc + 10)
    names = []
    for first in range(0, n_docs, per_shard):
        rows = []
        for seq in range(first, min(n_docs, first + per_shard)):
            doc = Document(name=f"d{seq}.txt", path=f"/bench/d{seq}.txt", text=text, format="text",
                           content_hash=f"h{seq}", passages=(Passage(0, len(text)),))
            evs = [Event(sent_start=i, sent_end=i + 1, source="CHN", target="RUS", cameo="040", date="2020-01-01",
                         date_precision="day", trigger_start=i, trigger_end=i + 1, rule="bench", coder="bench")
                   for i in range(per_doc)]
            rows.append(shards.coded_row(seq, 0, CodedDocument(document=doc, events=evs)))
        names.append(shards.write_shard(run_dir, first, rows))
    shards.write_marker(run_dir, {"run_id": "bench", "started_at": "2026-01-01T00:00:00", "n_files": n_docs,
                                  "shards": names, "coder": "bench"})
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    con = db.connect(store)
    t0 = time.perf_counter()
    (report,) = merge.merge(con, runs)
    stored = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"events": report.n_events, "stored": stored, "merge_s": time.perf_counter() - t0,
            "rss_before_merge_mb": before}


def _spin(n: int) -> float:
    t0 = time.process_time()
    x = 0
    for i in range(n):
        x += i
    return time.process_time() - t0


def ceiling(n: int = 20_000_000) -> float:
    """What this machine gives two CPU-bound processes at once: their speed-up over one, done twice as
    much work (below 2 when the cores are shared with other machines' work or are hyperthreads)."""
    import multiprocessing as mp

    t0 = time.perf_counter()
    _spin(2 * n)
    one = time.perf_counter() - t0
    with mp.get_context("fork").Pool(2) as pool:
        t0 = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - t0
    return one / two


ENGINES = {"single": run_single, "multiprocessing": run_multiprocessing, "ray": run_ray, "merge": run_merge}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--merge-events", type=int, default=0)
    ap.add_argument("--merge-only", action="store_true", help="only the merge check")
    ap.add_argument("--run", nargs=4, metavar=("ENGINE", "CORPUS", "STORE", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        engine, corpus, store, workers = args.run
        print(json.dumps(ENGINES[engine](corpus, store, int(workers))))
        return
    me = [sys.executable, os.path.abspath(__file__), "--run"]
    with tempfile.TemporaryDirectory(prefix="entente-bench-ray-") as tmp:
        corpus = Path(tmp) / "corpus"
        if not args.merge_only:
            paths = build_corpus(corpus, args.files)
            mb = sum(p.stat().st_size for p in paths) / 1e6
            print(f"corpus: {len(paths)} files, {mb:.2f} MB; {os.cpu_count()} CPUs; {args.workers} workers")
        if not args.merge_only:
            compare(me, corpus, tmp, args.workers)
        if args.merge_events:
            r = measure(me + ["merge", str(args.merge_events), f"{tmp}/merge.duckdb", "1"])
            print(f"merge of {r['stored']} events: {r['merge_s']:.1f} s, peak RSS {r['peak_mb']:.0f} MB "
                  f"(before merging {r['rss_before_merge_mb']:.0f} MB; goal < 2048 MB)")


def compare(me: list[str], corpus: Path, tmp: str, workers: int) -> None:
    print(f"this machine: two CPU-bound processes run {ceiling():.2f}x as fast as one (a quiet 2-core "
          "machine: about 2)", flush=True)
    res = {}
    for name in ("single", "multiprocessing", "ray"):
        res[name] = r = measure(me + [name, str(corpus), f"{tmp}/{name}.duckdb", str(workers)])
        print(f"{name:16s} wall {r['wall_s']:6.1f} s  ingest {r['ingest_s']:6.1f} s  cpu {r['cpu_s']:6.1f} s  "
              f"peak {r['peak_mb']:6.0f} MB (PSS {r['peak_pss_mb']:.0f})  ({r['added']} docs, {r['events']} events)",
              flush=True)
    s, m, ry = res["single"], res["multiprocessing"], res["ray"]
    up_ray, up_mp = s["wall_s"] / ry["wall_s"], s["wall_s"] / m["wall_s"]
    print(f"speed-up vs one process (whole process wall time): ray {up_ray:.2f}x (goal >= 1.2), "
          f"multiprocessing {up_mp:.2f}x; ray/multiprocessing {up_ray / up_mp:.2f} (goal >= 0.7)")
    print(f"speed-up of the ingest call alone: ray {s['ingest_s'] / ry['ingest_s']:.2f}x, "
          f"multiprocessing {s['ingest_s'] / m['ingest_s']:.2f}x")
    print(f"CPU time vs one process: ray {ry['cpu_s'] / s['cpu_s']:.2f}x (goal <= 1.5), "
          f"multiprocessing {m['cpu_s'] / s['cpu_s']:.2f}x")
    print(f"peak memory (sum of processes' RSS): ray {ry['peak_mb']:.0f} MB (goal <= 2200; PSS "
          f"{ry['peak_pss_mb']:.0f} MB), multiprocessing {m['peak_mb']:.0f} MB, single {s['peak_mb']:.0f} MB")
    print(f"ray: engine start (ray.init) {ry['engine_start_s']:.1f} s (goal <= 40), first shard after "
          f"{ry['first_shard_s']:.1f} s, coding {ry['code_s']:.1f} s, merge {ry['merge_s']:.1f} s")
    if s["events"] != ry["events"] or s["added"] != ry["added"]:
        print(f"note: counts differ (single {s['added']}/{s['events']}, ray {ry['added']}/{ry['events']}); "
              "the engines must code identically: a bug")


if __name__ == "__main__":
    main()
