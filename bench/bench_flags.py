"""What leaving flagged events out costs the dyad indices.

On a synthetic store (``bench_indices.generate``), times ``dyad_index`` (CHN→RUS by
month, undirected) three ways in one process: the store without an ``event_flags``
table (the exclusion is ``NOT false``: the baseline), with an empty table, and with
F flagged events of the dyad. Reports p50/p95 and ratios to the baseline.

    .venv/bin/python bench/bench_flags.py --events 1000000 --flags 1000
"""
from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

from bench_indices import generate, timed

from entente.analysis.indices import dyad_index
from entente.store import db, flags


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--flags", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args(argv)
    print("command:", shlex.join([sys.executable, *sys.argv]))
    with tempfile.TemporaryDirectory() as tmp:
        con = db.connect(Path(tmp) / "bench.duckdb")
        generate(con, n=args.events, n_actors=200, years=30, order="dyad")

        def run():
            return dyad_index(con, "CHN", "RUS", period="month", undirected=True)

        con.execute("DROP TABLE event_flags")
        base50, base95, base = timed(run, args.runs)
        con.execute("CHECKPOINT")
        db.init(con)  # recreates the empty table, as opening an older store does
        e50, e95, empty = timed(run, args.runs)
        ids = [r[0] for r in con.execute("SELECT event_id FROM events WHERE source = 'CHN' AND target = 'RUS' "
                                         "ORDER BY event_id LIMIT ?", [args.flags]).fetchall()]
        for eid in ids:
            flags.flag(con, eid, by="bench")
        f50, f95, flagged = timed(run, args.runs)
        assert empty.equals(base), "an empty flag table must not change the index"
        lost = int(base["n_events"].sum() - flagged["n_events"].sum())
        print(f"{args.events:,} events; CHN–RUS undirected index holds {int(base['n_events'].sum()):,}; "
              f"{len(ids)} flagged → {lost} fewer counted")
        print(f"{'case':28s} {'p50 ms':>8s} {'p95 ms':>8s} {'p50 ratio':>10s}")
        for name, p50, p95 in (("no flag table (baseline)", base50, base95), ("empty flag table", e50, e95),
                               (f"{len(ids)} flags", f50, f95)):
            print(f"{name:28s} {p50:8.1f} {p95:8.1f} {p50 / base50:10.2f}")
        con.close()


if __name__ == "__main__":
    main()
