"""Full-text search bench: 100,000 passages, phrase queries, p95 latency.

Builds a synthetic store of documents (``bench.synthetic``-style sentences, written here), syncs
the FTS5 index once, then times phrase and word queries through ``queries.search_passages`` (index
lookup plus the DuckDB join for the passage text). Reported as milliseconds and as a ratio to a
baseline in the same process: a plain ``count(*)`` over the passages table.

    .venv/bin/python bench/bench_search.py [--passages 100000]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from entente.analysis import queries
from entente.store import db, fts

WORDS = ("gas pipeline treaty border summit trade sanctions exercise visit minister oil rail bank grain "
         "missile navy port loan yuan rouble energy nuclear satellite wheat coal").split()
NAMES = ["Power of Siberia", "Eastern Route", "Arctic Route", "Belt and Road", "Northern Sea Route"]


def build(path: Path, n_passages: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    con = db.connect(path)
    per_doc = 20
    docs, passages = [], []
    for d in range(n_passages // per_doc):
        doc_id = f"d{d:06d}"
        text, rows = "", []
        for seq in range(per_doc):
            words = rng.sample(WORDS, 9)
            if rng.random() < 0.05:
                words.insert(4, rng.choice(NAMES))
            para = "The " + " ".join(words) + " talks went on."
            rows.append((f"{doc_id}:{seq}", doc_id, seq, "paragraph", None, len(text), len(text) + len(para)))
            text += para + "\n\n"
        docs.append((doc_id, f"{doc_id}.txt", f"/b/{doc_id}.txt", 1, True, doc_id, "txt", text, len(text)))
        passages += rows
    con.executemany("INSERT INTO documents (doc_id, name, path, version, is_current, content_hash, format, text, "
                    "n_chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
    import pandas as pd

    frame = pd.DataFrame(passages, columns=["passage_id", "doc_id", "seq", "kind", "speaker", "start_char",
                                            "end_char"])
    con.register("frame", frame)
    con.execute("INSERT INTO passages SELECT * FROM frame")
    con.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=60)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        build(path, args.passages)
        con = db.connect(path, read_only=True)
        idx = fts.PassageIndex(str(path))
        t1 = time.perf_counter()
        added = idx.sync(con)
        t2 = time.perf_counter()
        print(f"built {args.passages:,} passages in {t1 - t0:.1f} s; indexed {added:,} in {t2 - t1:.1f} s")
        queries_ = ['"Power of Siberia"', '"Belt and Road" gas', '"Northern Sea Route"', "treaty border summit"]
        lat, base = [], []
        for i in range(args.runs):
            q = queries_[i % len(queries_)]
            s = time.perf_counter()
            n, df = queries.search_passages(con, q, index=idx, limit=50)
            lat.append((time.perf_counter() - s) * 1000)
            s = time.perf_counter()
            con.execute("SELECT count(*) FROM passages").fetchone()
            base.append((time.perf_counter() - s) * 1000)
        lat.sort()
        p95 = lat[int(0.95 * (len(lat) - 1))]
        print(f"phrase/word search over {args.passages:,} passages: median {statistics.median(lat):.1f} ms, "
              f"p95 {p95:.1f} ms (target < 200 ms); baseline count(*) median {statistics.median(base):.2f} ms; "
              f"ratio p95/baseline {p95 / max(statistics.median(base), 1e-6):.0f}x")
        con.close()


if __name__ == "__main__":
    main()
