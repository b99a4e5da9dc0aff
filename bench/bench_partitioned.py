"""Dyad queries on a synthetic store against the same events exported as partitioned Parquet.

Builds N synthetic events (default 10 million, ``bench/synthetic.py``), runs
``db.optimize`` (what ``entente optimize`` does), exports them with
``export_partitioned`` (``year=Y/dyad=S-T``, small dyads in ``dyad=_other``),
then, in the same process, times p50/p95 over R runs after one warm-up:

- the store: ``dyad_index`` CHN→RUS by month and ``dimension_breakdown`` CHN–RUS
  (the 10 M-event budget of issue 3: p95 < 200 ms each);
- DuckDB on the Parquet: the same ``dyad_index`` over a view of the whole dataset
  (filter on source/target), and over the dyad's own folders only;
- pandas: ``read_parquet`` of the dyad (pyarrow, ``dyad_filter``) plus the
  monthly aggregate in pandas.

Reports rows, sizes on disk, the Parquet/store ratios, whether the budget holds,
and peak memory (ru_maxrss).

    .venv/bin/python bench/bench_partitioned.py                     # 10M events
    .venv/bin/python bench/bench_partitioned.py --events 1000000 --runs 10
"""
from __future__ import annotations

import argparse
import os
import resource
import shlex
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_indices import timed  # noqa: E402
from synthetic import make_store  # noqa: E402

from entente.analysis.indices import dimension_breakdown, dyad_index  # noqa: E402
from entente.store import db  # noqa: E402
from entente.store.partitioned import MIN_DYAD_EVENTS, OTHER, dyad_filter, export_partitioned  # noqa: E402

BUDGET_MS = 200.0
COLS = ["source", "target", "date_start", "quad_class", "goldstein", "dyad"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def parquet_con(*globs: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose ``events`` is a view over Parquet files, so the
    index functions run unchanged on the dataset."""
    pcon = duckdb.connect()
    files = ", ".join(f"'{g}'" for g in dict.fromkeys(globs))
    pcon.execute(f"CREATE VIEW events AS SELECT * FROM read_parquet([{files}], hive_partitioning = true)")
    return pcon


def pandas_month(out: Path, source: str, target: str) -> pd.DataFrame:
    df = pd.read_parquet(out, columns=COLS, filters=dyad_filter(out, source, target))
    df = df[df["date_start"].notna()]
    agg = pd.DataFrame({"month": pd.to_datetime(df["date_start"]).dt.to_period("M"), "n_events": 1,
                        "goldstein_sum": df["goldstein"],
                        **{f"q{q}": (df["quad_class"] == q).astype(int) for q in (1, 2, 3, 4)}})
    return agg.groupby("month").sum()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--min-dyad-events", type=int, default=MIN_DYAD_EVENTS)
    ap.add_argument("--dir", help="working folder (default: a temporary one)")
    args = ap.parse_args(argv)
    print("command:", shlex.join([sys.executable, *sys.argv]))
    tmp = tempfile.TemporaryDirectory(dir=args.dir)
    work = Path(tmp.name)
    store, out = work / "bench.duckdb", work / "events"

    t0 = time.perf_counter()
    make_store(store, n_events=args.events)
    t_gen, m_gen = time.perf_counter() - t0, peak_mb()
    con = db.connect(store)
    t0 = time.perf_counter()
    n = db.optimize(con)
    t_opt, m_opt = time.perf_counter() - t0, peak_mb()
    t0 = time.perf_counter()
    export_partitioned(con, out, min_dyad_events=args.min_dyad_events)
    t_exp, m_exp = time.perf_counter() - t0, peak_mb()
    con.execute("CHECKPOINT")
    files = list(out.rglob("*.parquet"))
    own = sorted({p.parent.name for p in files if p.parent.name != f"dyad={OTHER}"})
    print(f"events {n:,}: generate {t_gen:.1f}s, optimize {t_opt:.1f}s, export {t_exp:.1f}s")
    print(f"peak memory so far (ru_maxrss): after generate {m_gen:.0f} MB, optimize {m_opt:.0f} MB, "
          f"export {m_exp:.0f} MB")
    print(f"store {size_mb(store):.1f} MB; parquet {size_mb(out):.1f} MB in {len(files):,} files "
          f"({len(own)} dyads with own folders, min {args.min_dyad_events:,} events)")
    n_dyad = con.execute("SELECT count(*) FROM events WHERE source = 'CHN' AND target = 'RUS'").fetchall()[0][0]
    f, r = dyad_filter(out, "CHN", "RUS")[0][2], dyad_filter(out, "RUS", "CHN")[0][2]
    print(f"CHN→RUS holds {n_dyad:,} events, read from dyad={f} (RUS→CHN from dyad={r})")

    every = parquet_con(str(out / "**" / "*.parquet"))
    one = parquet_con(*(str(out / "year=*" / f"dyad={d}" / "*.parquet") for d in (f, r)))
    cases = [
        ("store dyad_index CHN→RUS month", lambda: dyad_index(con, "CHN", "RUS", period="month")),
        ("store dimension_breakdown CHN–RUS", lambda: dimension_breakdown(con, "CHN", "RUS")),
        ("parquet duckdb all files, CHN→RUS", lambda: dyad_index(every, "CHN", "RUS", period="month")),
        ("parquet duckdb dyad folders, CHN→RUS", lambda: dyad_index(one, "CHN", "RUS", period="month")),
        ("parquet duckdb dimension_breakdown", lambda: dimension_breakdown(one, "CHN", "RUS")),
        ("pandas read dyad + month agg", lambda: pandas_month(out, "CHN", "RUS")),
    ]
    print(f"{'query':40s} {'p50 ms':>8s} {'p95 ms':>8s} {'rows':>6s} {'events':>9s}")
    res = {}
    for name, fn in cases:
        p50, p95, got = timed(fn, args.runs)
        res[name] = (p50, p95, got)
        print(f"{name:40s} {p50:8.1f} {p95:8.1f} {len(got):6d} {int(got['n_events'].sum()):9,d}")
    base = res["store dyad_index CHN→RUS month"]
    sums = {int(v[2]["n_events"].sum()) for k, v in res.items() if "dimension" not in k}
    print("same event count in every month series:", sums == {int(base[2]["n_events"].sum())})
    dims = res["store dimension_breakdown CHN–RUS"]
    same = res["parquet duckdb dimension_breakdown"][2]["n_events"].tolist() == dims[2]["n_events"].tolist()
    print("same dimension counts from Parquet:", same)
    for name in list(res)[2:]:
        b, what = (dims, "store dimension_breakdown") if "dimension" in name else (base, "store dyad_index")
        print(f"ratio {name} / {what}: p50 {res[name][0] / b[0]:.2f}, p95 {res[name][1] / b[1]:.2f}")
    for name in list(res)[:2]:
        ok = res[name][1] < BUDGET_MS
        print(f"budget p95 < {BUDGET_MS:.0f} ms, {name}: {'holds' if ok else 'MISSED'} ({res[name][1]:.1f} ms)")
    print(f"peak memory (ru_maxrss) {peak_mb():.0f} MB; "
          f"cpus {os.cpu_count()}")
    for c in (con, every, one):
        c.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
