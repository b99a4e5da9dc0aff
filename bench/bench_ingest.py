"""Ingest speed: sentences per second from files to stored events, as a ratio to spaCy alone.

Builds >= 1 MB of text from the bundled demo corpus (repeated, each copy a
distinct file), then in the same process, on one core, in interleaved rounds
(each round a share of the files, so drift in machine speed hits both sides):
  1. baseline: the same spaCy pipeline alone over the round's texts (nlp.pipe);
  2. entente: discover → read → parse → code → store into one DuckDB file.
Prints sentences/s for both over all rounds, their ratio (goal >= 0.6), the
per-round ratios, and peak memory (goal < 1 GB).

    python bench/bench_ingest.py [--mb 1.0] [--rounds 3]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from importlib import resources
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def build_corpus(folder: Path, mb: float) -> list[Path]:
    demo = resources.files("entente").joinpath("data/demo")
    texts = [json.loads(line)["text"] for line in demo.joinpath("wire.jsonl").read_text("utf-8").splitlines() if line]
    texts += [p.read_text("utf-8") for p in Path(str(demo)).rglob("*.md") if p.name != "README.md"]
    paths, size, i = [], 0, 0
    while size < mb * 1024 * 1024:
        text = texts[i % len(texts)] + f"\n\n(copy {i})\n"
        p = folder / f"doc_{i:05d}.txt"
        p.write_text(text, "utf-8")
        paths.append(p)
        size += len(text.encode("utf-8"))
        i += 1
    return paths


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    from entente import pipeline
    from entente.nlp import load_nlp
    from entente.store import db

    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = build_corpus(folder, args.mb)
        rounds = []
        for r in range(args.rounds):  # round-robin shares: similar texts in every round
            sub = folder / f"round{r}"
            sub.mkdir()
            share = [p.rename(sub / p.name) for p in paths[r::args.rounds]]
            rounds.append((sub, [p.read_text("utf-8") for p in share]))
        n_bytes = sum(len(t.encode("utf-8")) for _, texts in rounds for t in texts)
        nlp = load_nlp()
        nlp("warm up.")

        con = db.connect(Path(tmp) / "bench.duckdb")
        base = full = 0.0
        n_sents = n_added = n_events = n_quotes = 0
        per_round = []
        for sub, texts in rounds:
            t0 = time.perf_counter()
            sents = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=16))
            b = time.perf_counter() - t0
            t0 = time.perf_counter()
            report = pipeline.ingest(con, [str(sub)])
            f = time.perf_counter() - t0
            base, full, n_sents = base + b, full + f, n_sents + sents
            n_added, n_events, n_quotes = n_added + report.n_added, n_events + report.n_events, n_quotes + report.n_quotes
            per_round.append(b / f)
        con.close()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base_rate, full_rate = n_sents / base, n_sents / full
    print(f"corpus: {len(paths)} files, {n_bytes / 1e6:.2f} MB, {n_sents} sentences, {args.rounds} rounds")
    print(f"spaCy alone:       {base:7.2f} s  {base_rate:8.1f} sentences/s")
    print(f"entente ingest:    {full:7.2f} s  {full_rate:8.1f} sentences/s "
          f"({n_added} docs, {n_events} events, {n_quotes} quotes)")
    print(f"ratio entente/spaCy: {full_rate / base_rate:.2f}  (goal >= 0.6); "
          f"per round: {', '.join(f'{x:.2f}' for x in per_round)}")
    print(f"peak memory: {peak_mb:.0f} MB  (goal < 1024 MB)")


if __name__ == "__main__":
    main()
