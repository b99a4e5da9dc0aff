"""Synthetic event stores for benchmarks: millions of events generated in DuckDB SQL.

Actors are CHN, RUS, USA plus generated codes; activity is skewed the way real
event data is (a few actors make most of the news), and CHN–RUS is one of the
busiest pairs. Rows are written sorted by (source, target, date_start) so
DuckDB's per-row-group min/max (zone maps) let a dyad query skip most of the
table — the layout an importer can cheaply produce too.

    python bench/synthetic.py bench/out/synthetic.duckdb --events 10000000
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from entente import codes
from entente.store import db

DIMENSIONS = ["military", "arms", "economic", "energy", "technology", "diplomatic", "territorial",
              "information", "people"]


def make_store(path: str | Path, *, n_events: int = 10_000_000, n_actors: int = 200, years: int = 30,
               seed: int = 0) -> Path:
    """Create ``path`` holding ``n_events`` synthetic events over ``n_actors`` actors and ``years`` years.

    Deterministic for a given seed (values come from hashing the row number, not from random()).
    Returns the path. An existing file is replaced.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for p in (path, Path(str(path) + ".wal")):
        p.unlink(missing_ok=True)
    con = db.connect(path)
    named = ["CHN", "RUS", "USA", "IND", "JPN", "KOR", "PRK", "UKR", "DEU", "FRA", "GBR", "IRN", "TUR", "KAZ",
             "MNG", "VNM", "PAK", "BRA", "ZAF", "EUR", "UNO", "NAT", "SCO", "BRI"]
    actors = (named + [f"X{i:03d}" for i in range(n_actors)])[:n_actors]
    con.execute("CREATE TEMP TABLE bench_actors (i INTEGER, code VARCHAR)")
    con.executemany("INSERT INTO bench_actors VALUES (?, ?)", list(enumerate(actors)))
    table = [c for c in codes.table().values() if len(c.code) == 3]
    con.execute("CREATE TEMP TABLE bench_codes (i INTEGER, code VARCHAR, root VARCHAR, quad INTEGER, "
                "plover VARCHAR, goldstein DOUBLE)")
    con.executemany("INSERT INTO bench_codes VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, c.code, c.root, c.quad_class, c.plover or None, c.goldstein) for i, c in enumerate(table)])
    con.execute("CREATE TEMP TABLE bench_dims (i INTEGER, dim VARCHAR)")
    con.executemany("INSERT INTO bench_dims VALUES (?, ?)", list(enumerate(DIMENSIONS)))
    n_codes, first = len(table), f"{2025 - years}-01-01"
    # u(k): a uniform [0,1) draw for column k of row i; cubing it skews actors towards the first codes.
    u = "((hash(i, {k}, {seed}) % 1000000) / 1000000.0)"
    t0 = time.perf_counter()
    con.execute(f"""
        INSERT INTO events ({db.CODED_EVENT_COLUMNS})
        WITH r AS (
            SELECT i,
                   {u.format(k=1, seed=seed)} AS u1, {u.format(k=2, seed=seed)} AS u2,
                   {u.format(k=3, seed=seed)} AS u3, {u.format(k=4, seed=seed)} AS u4,
                   {u.format(k=5, seed=seed)} AS u5, {u.format(k=6, seed=seed)} AS u6
            FROM range({n_events}) t(i)
        ), p AS (
            SELECT i, u4, u5, u6,
                   -- 2% CHN->RUS, 2% RUS->CHN, the rest skewed over all actors
                   CASE WHEN u1 < 0.02 THEN 0 WHEN u1 < 0.04 THEN 1 ELSE CAST(floor(pow(u2, 3) * {n_actors}) AS INTEGER) END AS si,
                   CASE WHEN u1 < 0.02 THEN 1 WHEN u1 < 0.04 THEN 0
                        ELSE (CAST(floor(pow(u3, 3) * {n_actors}) AS INTEGER)
                              + CASE WHEN CAST(floor(pow(u3, 3) * {n_actors}) AS INTEGER) = CAST(floor(pow(u2, 3) * {n_actors}) AS INTEGER) THEN 1 ELSE 0 END) % {n_actors}
                   END AS ti,
                   CAST(DATE '{first}' + CAST(floor(u4 * {years} * 365.25) AS INTEGER) AS DATE) AS d
            FROM r
        )
        SELECT 'syn' || p.i, 'gdelt', NULL, NULL, NULL, NULL, NULL, NULL, s.code, t.code, NULL, NULL,
               c.code, c.root, c.quad, c.plover, c.goldstein, strftime(p.d, '%Y-%m-%d'), 'day', p.d, dm.dim,
               NULL, 'synthetic', NULL, CAST(p.i AS VARCHAR), NULL
        FROM p
        JOIN bench_actors s ON s.i = p.si
        JOIN bench_actors t ON t.i = p.ti
        JOIN bench_codes c ON c.i = CAST(floor(p.u5 * {n_codes}) AS INTEGER)
        JOIN bench_dims dm ON dm.i = CAST(floor(p.u6 * {len(DIMENSIONS)}) AS INTEGER)
        ORDER BY s.code, t.code, p.d
    """)
    text = "A synthetic document for the benchmark store."
    con.execute("INSERT INTO documents (doc_id, name, path, version, is_current, content_hash, format, text, "
                "n_chars) VALUES ('bench', 'bench.txt', 'bench.txt', 1, true, 'bench', 'text', ?, ?)",
                [text, len(text)])
    con.execute("CHECKPOINT")
    con.close()
    print(f"wrote {n_events:,} events to {path} in {time.perf_counter() - t0:.1f}s")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--actors", type=int, default=200)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    make_store(a.path, n_events=a.events, n_actors=a.actors, years=a.years, seed=a.seed)


if __name__ == "__main__":
    main()
