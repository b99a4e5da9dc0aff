"""Milestones: the same happening told by several documents becomes one entry
with all its sources; a dyad's milestones ranked by intensity, corroboration
and novelty.

Clustering rule (``milestones.v1``), per unordered pair (A→B and B→A merge):

1. Events group by CAMEO root. Within a root:
   - day-precision events chain into one cluster while each is within
     ``DAY_WINDOW`` (7) days of the cluster's first day;
   - a month-precision event joins the one day cluster of that month; with
     none it forms a month cluster, with several it stays apart (ambiguous);
   - a year-precision event joins the one cluster of that year (day or
     month); with none it forms a year cluster, with several it stays apart;
   - decade/century events merge only with the same date at the same precision.
   Nothing ever merges across calendar years, and an imprecise event never
   bridges two precise clusters (no chaining through "2019").
2. Then day clusters of different roots merge when both anchors are within
   ``DAY_WINDOW`` days and they share quad class and dimension (a summit
   reported as "held talks" by one outlet and "met" by another).

Score = 0.5·intensity (max |Goldstein| / 10) + 0.3·corroboration
(log(1+n_sources)/log(6), capped at 1) + 0.2·novelty (1 when the cluster holds
the pair's first-ever event of its full CAMEO code).
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from entente import codes
from entente.analysis.indices import _pair_events, parse_bound
from entente.store import flags
from entente.store.db import short_hash

NAME = "milestones.v1"
DAY_WINDOW = 7
_PREC = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}
COLUMNS = ["milestone_id", "date", "date_precision", "root", "cameo", "label", "source", "target",
           "symmetric", "score", "intensity", "n_sources", "n_events", "novel", "event_ids", "doc_ids",
           "doc_names", "dimension", "quad_class"]


def _precision(prec: str, date: str) -> str:
    if prec in _PREC:
        return prec
    return {10: "day", 7: "month"}.get(len(date or ""), "year")  # 'publication': by the ISO length


@dataclass
class _Cluster:
    root: str
    precision: str
    anchor: dt.date  # first day of the most precise date in the cluster
    date: str
    rows: list = field(default_factory=list)


def _cluster_root(rows: list[dict]) -> list[_Cluster]:
    """Cluster one pair's events of one root (rows sorted by date_start)."""
    by_prec: dict[str, list[dict]] = {p: [] for p in _PREC}
    for r in rows:
        by_prec[r["prec"]].append(r)
    out: list[_Cluster] = []
    for r in by_prec["day"]:
        c = out[-1] if out else None
        if c and c.anchor.year == r["ds"].year and (r["ds"] - c.anchor).days <= DAY_WINDOW:
            c.rows.append(r)
        else:
            out.append(_Cluster(r["root"], "day", r["ds"], r["date"][:10], [r]))
    # month events: the one day cluster of the month, else a month cluster
    for r in by_prec["month"]:
        same = [c for c in out if c.precision == "day" and (c.anchor.year, c.anchor.month) == (r["ds"].year, r["ds"].month)]
        if len(same) == 1:
            same[0].rows.append(r)
            continue
        mc = [c for c in out if c.precision == "month" and c.anchor == r["ds"]]
        if mc:
            mc[0].rows.append(r)
            continue
        out.append(_Cluster(r["root"], "month", r["ds"], r["date"][:7], [r]))
    # year events: the one cluster of the year, else a year cluster
    for r in by_prec["year"]:
        same = [c for c in out if c.precision in ("day", "month") and c.anchor.year == r["ds"].year]
        if len(same) == 1:
            same[0].rows.append(r)
            continue
        yc = [c for c in out if c.precision == "year" and c.anchor.year == r["ds"].year]
        if yc:
            yc[0].rows.append(r)
            continue
        out.append(_Cluster(r["root"], "year", r["ds"], r["date"][:4], [r]))
    for prec in ("decade", "century"):
        for r in by_prec[prec]:
            cc = [c for c in out if c.precision == prec and c.date == r["date"]]
            if cc:
                cc[0].rows.append(r)
            else:
                out.append(_Cluster(r["root"], prec, r["ds"], r["date"], [r]))
    return out


def _merge_across_roots(clusters: list[_Cluster]) -> list[_Cluster]:
    """Merge day clusters of different roots that share quad class and dimension."""
    def key(c: _Cluster):
        return (Counter(r["quad_class"] for r in c.rows).most_common(1)[0][0],
                Counter(r["dimension"] for r in c.rows).most_common(1)[0][0])

    days = sorted((c for c in clusters if c.precision == "day"), key=lambda c: c.anchor)
    rest = [c for c in clusters if c.precision != "day"]
    merged: list[_Cluster] = []
    for c in days:
        for m in merged:
            if (m.anchor.year == c.anchor.year and abs((c.anchor - m.anchor).days) <= DAY_WINDOW
                    and key(m) == key(c)):
                m.rows.extend(c.rows)
                break
        else:
            merged.append(c)
    return merged + rest


def _cluster_pair(rows: list[dict]) -> list[_Cluster]:
    by_root: dict[str, list[dict]] = {}
    for r in rows:
        by_root.setdefault(r["root"], []).append(r)
    clusters = [c for root_rows in by_root.values() for c in _cluster_root(root_rows)]
    return _merge_across_roots(clusters)


def _load(con, a: str, b: str, *, start, end, undirected: bool, origin: str | None) -> list[dict]:
    ev_sql, params = _pair_events(con, a, b, undirected=False, start=parse_bound(start),
                                  end=parse_bound(end, end=True), origin=origin)
    sqls, ps = [ev_sql], list(params)
    if undirected and a != b:
        ev2, p2 = _pair_events(con, b, a, undirected=False, start=parse_bound(start),
                               end=parse_bound(end, end=True), origin=origin)
        sqls.append(ev2)
        ps += p2
    sql = (f"SELECT ev.*, d.name AS doc_name FROM ({' UNION ALL '.join(sqls)}) ev "
           "LEFT JOIN documents d ON d.doc_id = ev.doc_id ORDER BY ev.date_start, ev.event_id")
    cur = con.execute(sql, ps)
    names = [x[0] for x in cur.description]
    rows = []
    for t in cur.fetchall():
        r = dict(zip(names, t))
        r["ds"] = r["date_start"]
        r["prec"] = _precision(r["date_precision"], r["date"])
        rows.append(r)
    return rows


def _first_of_kind(con, a: str, b: str, *, undirected: bool) -> dict[str, dt.date]:
    """The pair's first date per full CAMEO code, over all time (for novelty)."""
    pair = "((source = ? AND target = ?) OR (source = ? AND target = ?))" if undirected else "(source = ? AND target = ?)"
    params = [a, b, b, a] if undirected else [a, b]
    return dict(con.execute(
        f"SELECT cameo, min(date_start) FROM events WHERE {pair} AND date_start IS NOT NULL "
        f"AND {flags.exclude_sql(con)} GROUP BY cameo",
        params).fetchall())


def _source_key(r: dict) -> str:
    """One source per document; imported rows per article URL (GDELT) or story (ICEWS),
    so two rows coded from one article count once."""
    if r["doc_id"]:
        return r["doc_id"]
    return f"{r['origin']}:" + (r.get("source_url") or r.get("story_id") or r["event_id"])


def _code_name(cameo: str) -> str:
    try:
        return codes.lookup(cameo).name
    except KeyError:
        return f"code {cameo}"


def milestones(
    con, a: str, b: str, *, start: str | None = None, end: str | None = None, limit: int = 50,
    undirected: bool = True, origin: str | None = None, order: str = "score",
) -> pd.DataFrame:
    """The pair's milestones, best first (``order="score"``) or by date (``"date"``).

    Columns: ``COLUMNS``. ``event_ids``, ``doc_ids`` and ``doc_names`` are lists;
    ``n_sources`` counts distinct documents (imported events count by article
    URL or ICEWS story). ``milestone_id`` derives from pair, root and anchor date, so it
    is stable when a new document adds a source.
    """
    rows = _load(con, a, b, start=start, end=end, undirected=undirected, origin=origin)
    first = _first_of_kind(con, a, b, undirected=undirected)
    pa, pb = sorted((a, b)) if undirected else (a, b)
    out = []
    for c in _cluster_pair(rows):
        cam = Counter(r["cameo"] for r in c.rows)
        cameo = max(cam, key=lambda k: (cam[k], len(k), k))
        dirs = Counter((r["source"], r["target"]) for r in c.rows)
        (src, tgt), top = dirs.most_common(1)[0]
        symmetric = len(dirs) > 1 and (tgt, src) in dirs
        if symmetric:
            src, tgt = pa, pb
        docs = sorted({_source_key(r) for r in c.rows})
        names = sorted({r["doc_name"] for r in c.rows if r["doc_name"]})
        intensity = max(abs(r["goldstein"] or 0.0) for r in c.rows)
        novel = any(first.get(r["cameo"]) == r["ds"] for r in c.rows)
        corro = min(1.0, math.log1p(len(docs)) / math.log(6))
        score = round(0.5 * intensity / 10 + 0.3 * corro + 0.2 * novel, 4)
        arrow = "–" if symmetric else "→"
        out.append({
            "milestone_id": short_hash(NAME, pa, pb, c.root, c.precision, c.date),
            "date": c.date, "date_precision": c.precision, "root": c.root, "cameo": cameo,
            "label": f"{src}{arrow}{tgt}: {_code_name(cameo).lower()}",
            "source": src, "target": tgt, "symmetric": symmetric, "score": score,
            "intensity": intensity, "n_sources": len(docs), "n_events": len(c.rows), "novel": novel,
            "event_ids": sorted(r["event_id"] for r in c.rows),
            "doc_ids": [d for d in docs if not d.startswith(("gdelt:", "icews:"))],
            "doc_names": names,
            "dimension": Counter(r["dimension"] for r in c.rows).most_common(1)[0][0],
            "quad_class": Counter(r["quad_class"] for r in c.rows).most_common(1)[0][0],
            "_anchor": c.anchor,
        })
    out.sort(key=lambda m: (-m["score"], m["_anchor"], m["milestone_id"]))
    out = out[: max(0, int(limit))]
    if order == "date":
        out.sort(key=lambda m: (m["_anchor"], m["milestone_id"]))
    for m in out:
        del m["_anchor"]
    return pd.DataFrame(out, columns=COLUMNS)


def evidence(con, event_ids: list[str]) -> pd.DataFrame:
    """The passages behind events: event_id, doc_id, doc_name, sent_start,
    sent_end, sentence (NULL for imported events), date, cameo, source, target,
    origin, source_url."""
    if not event_ids:
        return pd.DataFrame(columns=["event_id", "doc_id", "doc_name", "sent_start", "sent_end", "sentence",
                                     "date", "cameo", "source", "target", "origin", "source_url"])
    sql = """
    SELECT e.event_id, e.doc_id, d.name AS doc_name, e.sent_start, e.sent_end,
           CASE WHEN d.text IS NOT NULL AND e.sent_start IS NOT NULL
                THEN substring(d.text, e.sent_start + 1, e.sent_end - e.sent_start) END AS sentence,
           e.date, e.cameo, e.source, e.target, e.origin, e.source_url
    FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id
    WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))
    ORDER BY d.name, e.sent_start, e.event_id
    """
    return con.execute(sql, [list(event_ids)]).df()
