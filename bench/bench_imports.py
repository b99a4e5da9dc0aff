"""GDELT import speed, as a ratio to DuckDB's own single-thread read_csv of the same file.

Synthesises N rows (default 1 million) in the published GDELT 2.0 export layout
(61 tab-separated columns; actors, codes, types and URLs drawn from realistic
mixes, ~5 % rows that are skipped: regions, one-sided, domestic), then in the
same run, each in a fresh subprocess so peak memory is its own:
  1. baseline: DuckDB, threads=1, read_csv of the file with all 61 columns
     typed explicitly, into a table;
  2. entente: ``import_gdelt`` into a new store (parse, map, insert).
Prints rows/s for both, the ratio (goal <= 4x) and entente's peak memory (goal < 1 GB).

    python bench/bench_imports.py [--rows 1000000]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATES = ["CHN", "RUS", "USA", "IND", "JPN", "DEU", "FRA", "GBR", "KOR", "PRK", "IRN", "UKR", "KAZ", "BRA", "TUR"]
TYPES = ["", "", "", "GOV", "GOV", "MIL", "MED", "BUS", "CVL", "REB", "JUD", "LEG", "OPP"]
CODES = ["010", "036", "040", "042", "043", "046", "051", "057", "061", "071", "090", "112", "120", "130",
         "138", "141", "173", "190", "193"]


def synthesise(path: Path, n: int, seed: int = 9) -> None:
    from entente.imports.gdelt import COLUMNS, IDX

    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for i in range(n):
            v = [""] * len(COLUMNS)
            a1, a2 = rnd.choice(STATES), rnd.choice(STATES)
            r = rnd.random()
            if r < 0.02:
                a1 = "MEA"
            elif r < 0.04:
                a2 = ""
            t1, t2 = rnd.choice(TYPES), rnd.choice(TYPES)
            day = f"2023{rnd.randint(1, 12):02d}{rnd.randint(1, 28):02d}"
            code = rnd.choice(CODES)
            v[IDX["GLOBALEVENTID"]] = str(1_000_000_000 + i)
            v[IDX["SQLDATE"]], v[IDX["MonthYear"]], v[IDX["Year"]] = day, day[:6], day[:4]
            v[IDX["FractionDate"]] = "2023.5000"
            for k, a, t in ((1, a1, t1), (2, a2, t2)):
                v[IDX[f"Actor{k}Code"]] = a + t
                v[IDX[f"Actor{k}Name"]] = f"NAME {a}" if a else ""
                v[IDX[f"Actor{k}CountryCode"]] = a if a != "MEA" else ""
                v[IDX[f"Actor{k}Type1Code"]] = t if a else ""
                v[IDX[f"Actor{k}Geo_Type"]] = "1"
                v[IDX[f"Actor{k}Geo_FullName"]] = f"Place {a}"
                v[IDX[f"Actor{k}Geo_CountryCode"]] = a[:2]
                v[IDX[f"Actor{k}Geo_Lat"]], v[IDX[f"Actor{k}Geo_Long"]] = "35.0", "105.0"
            v[IDX["IsRootEvent"]] = "1"
            v[IDX["EventCode"]], v[IDX["EventBaseCode"]], v[IDX["EventRootCode"]] = code, code, code[:2]
            v[IDX["QuadClass"]], v[IDX["GoldsteinScale"]] = str(rnd.randint(1, 4)), "1.9"
            v[IDX["NumMentions"]] = v[IDX["NumSources"]] = v[IDX["NumArticles"]] = str(rnd.randint(1, 10))
            v[IDX["AvgTone"]] = "-1.25"
            v[IDX["ActionGeo_Type"]], v[IDX["ActionGeo_FullName"]] = "4", "Beijing, Beijing, China"
            v[IDX["DATEADDED"]] = day + "120000"
            v[IDX["SOURCEURL"]] = f"https://news.example.org/{day}/story-{i // 3}.html"
            f.write("\t".join(v) + "\n")


BASELINE = """
import duckdb, json, resource, sys, time
from entente.imports.gdelt import COLUMNS, TYPES
con = duckdb.connect()
con.execute("SET threads = 1")
cols = "{" + ", ".join(f"'{c}': '{TYPES.get(c, 'VARCHAR')}'" for c in COLUMNS) + "}"
t = time.perf_counter()
con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{sys.argv[1]}', delim='\\t', quote='', escape='', "
            f"header=false, columns={cols}, dateformat='%Y%m%d', auto_detect=false)")
n = con.execute("SELECT count(*) FROM t").fetchall()[0][0]
print(json.dumps({"seconds": time.perf_counter() - t, "rows": n,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ENTENTE = """
import json, resource, sys, time
from entente.store import db
from entente.imports.gdelt import import_gdelt
con = db.connect(sys.argv[2])
t = time.perf_counter()
rep = import_gdelt(con, [sys.argv[1]])
con.close()
print(json.dumps({"seconds": time.perf_counter() - t, "rows": rep.n_rows, "added": rep.n_added,
                  "skipped": rep.n_skipped, "problems": rep.n_problems,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "bench.export.CSV"
        t = time.perf_counter()
        synthesise(csv, args.rows)
        print(f"synthesised {args.rows:,} rows ({csv.stat().st_size / 2**20:.0f} MiB) in "
              f"{time.perf_counter() - t:.1f} s")
        base = run(BASELINE, str(csv))
        ent = run(ENTENTE, str(csv), str(Path(tmp) / "bench.duckdb"))
    ratio = ent["seconds"] / base["seconds"]
    print(f"duckdb read_csv (1 thread): {base['seconds']:.2f} s, {base['rows'] / base['seconds']:,.0f} rows/s")
    print(f"entente import_gdelt:       {ent['seconds']:.2f} s, {ent['rows'] / ent['seconds']:,.0f} rows/s "
          f"(added {ent['added']:,}, skipped {ent['skipped']:,}, problems {ent['problems']})")
    print(f"ratio: {ratio:.2f}x (goal <= 4x); entente peak memory {ent['peak_mb']:.0f} MB (goal < 1024)")


if __name__ == "__main__":
    main()
