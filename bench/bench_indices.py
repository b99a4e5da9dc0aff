"""Time the dyad indices on a large synthetic store.

Generates N synthetic events (default 10 million) over A actors (200) and Y
years (30) in DuckDB SQL, in a real entente store, then times
``dyad_index`` (one dyad, by month) and ``dimension_breakdown`` (the pair),
reporting p50/p95 over R runs (30) after one warm-up.

Actor frequency is skewed (index ~ A * u^2) so the first actors (CHN, RUS)
form a heavy dyad, as in real data.

    .venv/bin/python bench/bench_indices.py                       # 10M events, insertion order
    .venv/bin/python bench/bench_indices.py --order dyad          # rows sorted by (source, target, date)
    .venv/bin/python bench/bench_indices.py --events 1000000 --store /tmp/b.duckdb --keep
"""
from __future__ import annotations

import argparse
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

from entente.analysis.indices import dimension_breakdown, dyad_index
from entente.coding.dimensions import DIMENSION_IDS
from entente.store import db


def generate(con, *, n: int, n_actors: int, years: int, order: str) -> float:
    """Fill ``events`` with n synthetic rows; returns seconds taken."""
    t0 = time.perf_counter()
    con.execute("CREATE TEMP TABLE bench_codes AS SELECT row_number() OVER () - 1 AS i, code, root, quad_class, "
                "plover_type AS plover, goldstein FROM read_csv(?, all_varchar=true, header=true) "
                "WHERE length(code) = 3",
                [str(Path(db.__file__).resolve().parents[1] / "data" / "cameo.csv")])
    n_codes = con.execute("SELECT count(*) FROM bench_codes").fetchall()[0][0]
    actors = ["CHN", "RUS"] + [f"A{i:03d}" for i in range(2, n_actors)]
    con.execute("CREATE TEMP TABLE bench_actors AS SELECT unnest(?::VARCHAR[]) AS code, "
                "generate_subscripts(?::VARCHAR[], 1) - 1 AS i", [actors, actors])
    dims = list(DIMENSION_IDS)
    order_by = "ORDER BY s.code, t.code, r.ds" if order == "dyad" else ""
    con.execute(f"""
    INSERT INTO events (event_id, origin, source, target, cameo, root, quad_class, plover, goldstein,
                        date, date_precision, date_start, dimension, rule, coder, external_id)
    WITH r AS (
        SELECT range AS k,
               CAST(floor({n_actors} * pow(random(), 2)) AS INTEGER) AS si,
               CAST(floor({n_actors} * pow(random(), 2)) AS INTEGER) AS ti,
               CAST(floor(random() * {n_codes}) AS INTEGER) AS ci,
               DATE '{2025 - years}-01-01' + CAST(floor(random() * {years * 365}) AS INTEGER) AS ds,
               CAST(floor(random() * {len(dims)}) AS INTEGER) + 1 AS di
        FROM range({n})
    )
    SELECT 'b' || r.k, 'bench', s.code,
           CASE WHEN t.code = s.code THEN (SELECT code FROM bench_actors WHERE i = (r.ti + 1) % {n_actors})
                ELSE t.code END,
           c.code, c.root, CAST(c.quad_class AS INTEGER), nullif(c.plover, ''), CAST(c.goldstein AS DOUBLE),
           strftime(r.ds, '%Y-%m-%d'), 'day', r.ds, (?::VARCHAR[])[r.di], 'bench', 'bench', CAST(r.k AS VARCHAR)
    FROM r JOIN bench_actors s ON s.i = r.si JOIN bench_actors t ON t.i = r.ti JOIN bench_codes c ON c.i = r.ci
    {order_by}
    """, [dims])
    con.execute("CHECKPOINT")
    return time.perf_counter() - t0


def timed(fn, runs: int) -> tuple[float, float, object]:
    fn()  # warm-up
    ts = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        ts.append((time.perf_counter() - t0) * 1000)
    ts.sort()
    p95 = ts[min(len(ts) - 1, int(round(0.95 * (len(ts) - 1))))]
    return statistics.median(ts), p95, out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--actors", type=int, default=200)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--order", choices=["insert", "dyad"], default="insert",
                    help="row order on disk: as generated (random) or sorted by dyad and date")
    ap.add_argument("--store", help="store file (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="reuse an existing --store instead of regenerating")
    args = ap.parse_args(argv)
    print("command:", shlex.join([sys.executable, *sys.argv]))
    tmp = None
    if args.store:
        path = Path(args.store)
    else:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.duckdb"
    if path.exists() and not args.keep:
        path.unlink()
    con = db.connect(path)
    have = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    if not have:
        secs = generate(con, n=args.events, n_actors=args.actors, years=args.years, order=args.order)
        have = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        print(f"generated {have:,} events over {args.actors} actors and {args.years} years "
              f"(order={args.order}) in {secs:.1f}s")
    else:
        print(f"reusing {path} with {have:,} events")
    n_dyad = con.execute("SELECT count(*) FROM events WHERE source = 'CHN' AND target = 'RUS'").fetchall()[0][0]
    n_light = con.execute("SELECT count(*) FROM events WHERE source = 'A150' AND target = 'A151'").fetchall()[0][0]
    print(f"CHN→RUS holds {n_dyad:,} events; A150→A151 holds {n_light:,}")
    cases = [
        ("dyad_index CHN→RUS month", lambda: dyad_index(con, "CHN", "RUS", period="month")),
        ("dyad_index CHN–RUS month undirected", lambda: dyad_index(con, "CHN", "RUS", period="month", undirected=True)),
        ("dyad_index A150→A151 month", lambda: dyad_index(con, "A150", "A151", period="month")),
        ("dimension_breakdown CHN–RUS", lambda: dimension_breakdown(con, "CHN", "RUS")),
        ("dimension_breakdown A150–A151", lambda: dimension_breakdown(con, "A150", "A151")),
    ]
    print(f"{'query':40s} {'p50 ms':>8s} {'p95 ms':>8s} {'rows':>6s}")
    for name, fn in cases:
        p50, p95, out = timed(fn, args.runs)
        print(f"{name:40s} {p50:8.1f} {p95:8.1f} {len(out):6d}")
    con.close()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
