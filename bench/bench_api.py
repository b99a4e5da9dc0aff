"""API latency and load benchmark over a synthetic 10M-event store.

Builds (or reuses) the store, starts `entente serve` on a loopback port in a
subprocess, then measures through HTTP:

1. p50/p95 of the dyad-by-month index for CHN->RUS and of the dimension
   breakdown, over --requests sequential requests each (goal: p95 < 200 ms);
2. a bounded load test: --clients concurrent clients for --duration seconds
   over a mix of endpoints, reporting requests/s, latency and errors (goal: 0).

    .venv/bin/python bench/bench_api.py                     # 10M events
    .venv/bin/python bench/bench_api.py --events 1000000 --duration 10
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def ensure_store(path: Path, n_events: int) -> None:
    if path.exists():
        with duckdb.connect(str(path), read_only=True) as con:
            if con.execute("SELECT count(*) FROM events").fetchone()[0] == n_events:
                print(f"reusing {path} ({n_events:,} events)")
                return
    make_store(path, n_events=n_events)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("entente")
    cmd = [str(exe), "serve", "--store", str(store), "--port", str(port)]
    print("server:", shlex.join(cmd))
    log = open(store.parent / "server.log", "w")  # a pipe nobody reads would block the server
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"server exited; see {log.name}")
    proc.terminate()
    raise SystemExit("server did not start in 60 s")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def latency(http: httpx.Client, path: str, params: dict, n: int) -> dict:
    http.get(path, params=params).raise_for_status()  # warm-up, not counted
    times, rows = [], 0
    for _ in range(n):
        t = time.perf_counter()
        r = http.get(path, params=params)
        times.append((time.perf_counter() - t) * 1000)
        r.raise_for_status()
        rows = len(r.json()["rows"])
    return {"n": n, "rows": rows, "p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "max_ms": max(times)}


async def load(base: str, *, clients: int, duration: float, max_requests: int, actors: list[str]) -> dict:
    """``clients`` workers issue requests until ``duration`` passes or ``max_requests`` are sent."""
    rng = random.Random(0)
    sent, errors, times, kinds = 0, 0, [], {}
    deadline = time.monotonic() + duration

    def pick() -> tuple[str, dict]:
        a, b = rng.sample(actors, 2)
        kind = rng.random()
        if kind < 0.4:
            return "/api/index", {"source": a, "target": b, "period": rng.choice(["month", "quarter", "year"])}
        if kind < 0.6:
            return "/api/breakdown", {"source": a, "target": b}
        if kind < 0.8:
            return "/api/index", {"source": "CHN", "target": "RUS", "period": "month"}
        if kind < 0.95:
            return "/api/events", {"source": a, "target": b, "limit": 50}
        return "/api/summary", {}

    async def worker(http: httpx.AsyncClient) -> None:
        nonlocal sent, errors
        while time.monotonic() < deadline and sent < max_requests:
            sent += 1
            path, params = pick()
            t = time.perf_counter()
            try:
                r = await http.get(path, params=params)
                if r.status_code != 200:
                    errors += 1
                    kinds[f"{path} {r.status_code}: {r.text[:200]}"] = kinds.get(path, 0) + 1
            except httpx.HTTPError as e:
                errors += 1
                kinds[f"{path} {type(e).__name__}"] = kinds.get(path, 0) + 1
            times.append((time.perf_counter() - t) * 1000)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    t0 = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as http:
        await asyncio.gather(*(worker(http) for _ in range(clients)))
    wall = time.perf_counter() - t0
    return {"clients": clients, "seconds": round(wall, 1), "requests": sent, "errors": errors,
            "req_per_s": round(sent / wall, 1), "p50_ms": pct(times, 50), "p95_ms": pct(times, 95),
            "error_kinds": kinds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", default=str(ROOT / "bench" / "out" / "synthetic_10m.duckdb"))
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--requests", type=int, default=60)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=200_000)
    a = ap.parse_args()
    print("command:", shlex.join([os.path.relpath(sys.executable, ROOT), *sys.argv]))
    store = Path(a.store)
    ensure_store(store, a.events)
    with duckdb.connect(str(store), read_only=True) as con:
        actors = [r[0] for r in con.execute(
            "SELECT source FROM events GROUP BY source ORDER BY count(*) DESC LIMIT 40").fetchall()]
        n_dyad = con.execute("SELECT count(*) FROM events WHERE source = 'CHN' AND target = 'RUS'").fetchone()[0]
    port = free_port()
    proc = start_server(store, port)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            print(f"store: {a.events:,} events; CHN->RUS holds {n_dyad:,}; cpus: {os.cpu_count()}")
            for name, path, params in [
                ("dyad index CHN->RUS by month", "/api/index", {"source": "CHN", "target": "RUS", "period": "month"}),
                ("dimension breakdown CHN-RUS", "/api/breakdown", {"source": "CHN", "target": "RUS"}),
                ("dyad index JPN->KOR by month", "/api/index", {"source": "JPN", "target": "KOR", "period": "month"}),
            ]:
                r = latency(http, path, params, a.requests)
                ok = "ok" if r["p95_ms"] < 200 else "OVER GOAL"
                print(f"{name:32s} n={r['n']} rows={r['rows']} p50={r['p50_ms']:.1f} ms "
                      f"p95={r['p95_ms']:.1f} ms max={r['max_ms']:.1f} ms [{ok}]")
        res = asyncio.run(load(base, clients=a.clients, duration=a.duration, max_requests=a.max_requests,
                               actors=actors))
        print(f"load: {res['clients']} clients for {res['seconds']} s: {res['requests']} requests, "
              f"{res['req_per_s']} req/s, errors={res['errors']}, p50={res['p50_ms']:.1f} ms, "
              f"p95={res['p95_ms']:.1f} ms")
        if res["errors"]:
            print("errors:", res["error_kinds"])
            raise SystemExit(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
