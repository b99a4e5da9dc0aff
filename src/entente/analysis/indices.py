"""Dyad indices over the ``events`` table: counts by quad class, Goldstein-weighted
net cooperation, dimension breakdowns and asymmetry, computed in DuckDB SQL.

Definitions (documented here once; views repeat them):

- **Buckets** use ``events.date_start`` (the first day an event's date covers).
  Periods: ``month`` ("2022-03"), ``quarter`` ("2022-Q1"), ``year`` ("2022"),
  ``decade`` ("2020s"). Periods with no event inside the requested range (or
  the dyad's data span when none is given) are zero rows, not gaps.
- **Imprecise dates.** An event dated more coarsely than the period (a
  year-precision "1969" in a month series) is *counted* in the first period
  its date covers (January 1969) and also counted in ``n_imprecise``. Counting
  keeps totals identical across period choices (the months of a year sum to
  the year); ``n_imprecise`` lets a chart flag the spike. Events without a
  usable date (``date_start`` NULL) are left out of every index.
- **net_cooperation** = Σ goldstein over the period's events: cooperative
  weight (Σ of positive scores) minus conflictual weight (Σ |negative
  scores|), both also returned (``coop_weight``, ``conflict_weight``).
  ``goldstein_sum`` is the same number, kept for clarity; ``mean_goldstein``
  is the sum over the count (NULL for an empty period).
- **Undirected pairs** count a symmetric joint action (coded A→B and B→A from
  the same sentence with the same code, as the codebook asks) once.

Every row can be traced to its events with ``events_for_point``.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pyarrow as pa

from entente.coding.dimensions import DIMENSIONS, DIMENSION_IDS
from entente.errors import ConfigError
from entente.store import flags

PERIODS = ("month", "quarter", "year", "decade")
_STEP = {"month": "1 month", "quarter": "3 months", "year": "1 year", "decade": "10 years"}
# Coarseness rank of a period: an event whose precision rank is higher is imprecise there.
_PERIOD_RANK = {"month": 1, "quarter": 1, "year": 2, "decade": 3}
_LABEL_SQL = {
    "month": "strftime(ps, '%Y-%m')",
    "quarter": "strftime(ps, '%Y') || '-Q' || quarter(ps)",
    "year": "strftime(ps, '%Y')",
    "decade": "strftime(ps, '%Y') || 's'",
}
# Precision rank from date_precision, or from the ISO date's length for 'publication'.
_PREC_RANK_SQL = """CASE date_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2
    WHEN 'decade' THEN 3 WHEN 'century' THEN 4
    ELSE 0 END"""  # 'publication': a publication date, usually a day

INDEX_COLUMNS = [
    "period", "period_start", "n_events", "verbal_coop", "material_coop", "verbal_conflict",
    "material_conflict", "goldstein_sum", "net_cooperation", "mean_goldstein", "coop_weight",
    "conflict_weight", "n_imprecise",
]


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise ConfigError(f"unknown period {period!r}; valid: {', '.join(PERIODS)}")
    return period


def check_dimension(dimension: str | None) -> str | None:
    if dimension is not None and dimension not in DIMENSION_IDS:
        raise ConfigError(f"unknown dimension {dimension!r}; valid: {', '.join(DIMENSION_IDS)}")
    return dimension


def parse_bound(value: str | dt.date | None, *, end: bool = False) -> dt.date | None:
    """First (or, with ``end``, last) day an ISO date of any precision covers."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(value).strip())
    if not m:
        raise ConfigError(f"bad date {value!r}; expected YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            return dt.date(y, int(mo), int(d))
        if mo:
            first = dt.date(y, int(mo), 1)
            if not end:
                return first
            nxt = dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
    except ValueError as e:
        raise ConfigError(f"bad date {value!r}: {e}") from e


def period_range(period: str, label: str) -> tuple[dt.date, dt.date]:
    """[first day, first day of the next period) for a period label."""
    check_period(period)
    pats = {
        "month": r"(\d{4})-(\d{2})", "quarter": r"(\d{4})-Q([1-4])",
        "year": r"(\d{4})", "decade": r"(\d{3}0)s",
    }
    m = re.fullmatch(pats[period], str(label).strip())
    if not m:
        raise ConfigError(f"bad {period} label {label!r}; e.g. 2022-03, 2022-Q1, 2022, 2020s")
    y = int(m[1])
    if period == "month":
        mo = int(m[2])
        if not 1 <= mo <= 12:
            raise ConfigError(f"bad month label {label!r}")
        return dt.date(y, mo, 1), dt.date(y + (mo == 12), mo % 12 + 1, 1)
    if period == "quarter":
        q = int(m[2])
        return dt.date(y, 3 * q - 2, 1), (dt.date(y, 3 * q + 1, 1) if q < 4 else dt.date(y + 1, 1, 1))
    if period == "year":
        return dt.date(y, 1, 1), dt.date(y + 1, 1, 1)
    return dt.date(y, 1, 1), dt.date(y + 10, 1, 1)


def _pair_events(
    con, source: str, target: str, *, undirected: bool, start: dt.date | None, end: dt.date | None,
    dimension: str | None = None, origin: str | None = None, end_exclusive: bool = False,
    all_actors: bool = False, include_flagged: bool = False,
) -> tuple[str, list]:
    """SQL (a CTE body) selecting the dyad's dated events, and its parameters.

    Directions are separate UNION ALL branches so each keeps an equality filter
    DuckDB can push into the scan (zone maps on a dyad-sorted table). Events
    flagged as wrong (``store.flags``) are left out unless ``include_flagged``.
    """
    cols = ("event_id, origin, doc_id, sent_start, sent_end, source, target, cameo, root, quad_class, "
            "goldstein, date, date_precision, date_start, dimension, source_url, external_id, story_id")
    conds, extra = ["date_start IS NOT NULL"], []
    if not all_actors:  # imported rows between non-state actors (media, firms, rebels) are left out
        conds.append("state_actors IS NOT FALSE")
    if not include_flagged:
        conds.append(flags.exclude_sql(con))
    if start is not None:
        conds.append("date_start >= ?")
        extra.append(start)
    if end is not None:
        conds.append("date_start < ?" if end_exclusive else "date_start <= ?")
        extra.append(end)
    if dimension is not None:
        conds.append("dimension = ?")
        extra.append(dimension)
    if origin is not None:
        conds.append("origin = ?")
        extra.append(origin)
    where = " AND ".join(conds)
    sql = f"SELECT {cols} FROM events WHERE source = ? AND target = ? AND {where}"
    params = [source, target, *extra]
    if undirected and source != target:
        # A symmetric joint action coded both ways from one sentence counts once:
        # the reverse branch drops rows mirrored by a forward row (anti-join on
        # the small forward set; imported rows have no doc_id and never match).
        sql = (f"WITH fwd AS ({sql}) SELECT * FROM fwd UNION ALL "
               f"SELECT {cols} FROM events r WHERE source = ? AND target = ? AND {where} "
               "AND NOT EXISTS (SELECT 1 FROM fwd WHERE fwd.doc_id = r.doc_id AND fwd.sent_start = r.sent_start "
               "AND fwd.cameo = r.cameo AND fwd.date = r.date)")
        params += [target, source, *extra]
    return sql, params


def _dyad_index_query(con, source, target, *, period, start, end, dimension, undirected, origin,
                      all_actors=False):
    check_period(period)
    check_dimension(dimension)
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    ev_sql, ev_params = _pair_events(con, source, target, undirected=undirected, start=lo, end=hi,
                                     dimension=dimension, origin=origin, all_actors=all_actors)
    step = _STEP[period]
    sql = f"""
    WITH ev AS ({ev_sql}),
    agg AS (
        SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS ps,
               count(*) AS n_events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               coalesce(sum(goldstein), 0) AS goldstein_sum,
               coalesce(sum(goldstein) FILTER (WHERE goldstein > 0), 0) AS coop_weight,
               coalesce(-sum(goldstein) FILTER (WHERE goldstein < 0), 0) AS conflict_weight,
               count(*) FILTER (WHERE ({_PREC_RANK_SQL}) > ?) AS n_imprecise
        FROM ev GROUP BY 1
    ),
    span AS (
        SELECT coalesce(CAST(date_trunc('{period}', CAST(? AS DATE)) AS DATE), min(ps)) AS lo,
               coalesce(CAST(date_trunc('{period}', CAST(? AS DATE)) AS DATE), max(ps)) AS hi
        FROM agg
    ),
    grid AS (
        SELECT CAST(unnest(generate_series(lo, hi, INTERVAL '{step}')) AS DATE) AS ps
        FROM span WHERE lo IS NOT NULL AND hi IS NOT NULL AND lo <= hi
    )
    SELECT {_LABEL_SQL[period]} AS period, grid.ps AS period_start,
           coalesce(n_events, 0)::BIGINT AS n_events,
           coalesce(verbal_coop, 0)::BIGINT AS verbal_coop,
           coalesce(material_coop, 0)::BIGINT AS material_coop,
           coalesce(verbal_conflict, 0)::BIGINT AS verbal_conflict,
           coalesce(material_conflict, 0)::BIGINT AS material_conflict,
           coalesce(goldstein_sum, 0)::DOUBLE AS goldstein_sum,
           coalesce(goldstein_sum, 0)::DOUBLE AS net_cooperation,
           CASE WHEN n_events > 0 THEN goldstein_sum / n_events END AS mean_goldstein,
           coalesce(coop_weight, 0)::DOUBLE AS coop_weight,
           coalesce(conflict_weight, 0)::DOUBLE AS conflict_weight,
           coalesce(n_imprecise, 0)::BIGINT AS n_imprecise
    FROM grid LEFT JOIN agg USING (ps)
    ORDER BY grid.ps
    """
    return sql, [*ev_params, _PERIOD_RANK[period], lo, hi]


def dyad_index(
    con, source: str, target: str, *, period: str = "month", start: str | None = None,
    end: str | None = None, dimension: str | None = None, undirected: bool = False,
    origin: str | None = None, all_actors: bool = False,
) -> pd.DataFrame:
    """Counts by quad class and net cooperation for a dyad, one row per period.

    Parameters: ``source``/``target`` actor codes (``undirected`` joins both
    directions); ``period`` month|quarter|year|decade; ``start``/``end`` ISO
    dates at any precision (inclusive); ``dimension`` and ``origin``
    ('entente', 'gdelt', 'icews') filter. Imported events count only when both
    actors are states, their organs or IGOs (``state_actors``) unless
    ``all_actors``; quad class and Goldstein are entente's (the file's own are in
    ``file_quad_class``/``file_goldstein``). Returns ``INDEX_COLUMNS``.
    Raises ConfigError on an unknown period, dimension or a bad date.

    >>> dyad_index(con, "CHN", "RUS", period="year", start="2019", end="2020")["period"].tolist()
    ['2019', '2020']
    """
    sql, params = _dyad_index_query(con, source, target, period=period, start=start, end=end,
                                    dimension=dimension, undirected=undirected, origin=origin,
                                    all_actors=all_actors)
    return con.execute(sql, params).df()


def dyad_index_arrow(
    con, source: str, target: str, *, period: str = "month", start: str | None = None,
    end: str | None = None, dimension: str | None = None, undirected: bool = False,
    origin: str | None = None,
) -> pa.Table:
    """``dyad_index`` as a pyarrow Table (same columns, period_start a date32)."""
    sql, params = _dyad_index_query(con, source, target, period=period, start=start, end=end,
                                    dimension=dimension, undirected=undirected, origin=origin)
    return con.sql(sql, params=params).to_arrow_table()


def dimension_breakdown(
    con, source: str, target: str, *, start: str | None = None, end: str | None = None,
    undirected: bool = True, origin: str | None = None,
) -> pd.DataFrame:
    """One row per dimension (all nine, zeros included, display order), plus an
    'unclassified' row only when some events have no dimension.

    Columns: dimension, label, n_events, verbal_coop, material_coop,
    verbal_conflict, material_conflict, net_cooperation.
    """
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    ev_sql, params = _pair_events(con, source, target, undirected=undirected, start=lo, end=hi, origin=origin)
    dims = [(d.id, d.label, i) for i, d in enumerate(DIMENSIONS)]
    values = ", ".join(["(?, ?, ?)"] * len(dims))
    sql = f"""
    WITH ev AS ({ev_sql}),
    dims(dimension, label, ord) AS (VALUES {values}),
    agg AS (
        SELECT coalesce(dimension, 'unclassified') AS dimension,
               count(*) AS n_events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               coalesce(sum(goldstein), 0) AS net_cooperation
        FROM ev GROUP BY 1
    ),
    all_dims AS (
        SELECT dimension, label, ord FROM dims
        UNION ALL
        SELECT dimension, dimension, 100 + row_number() OVER (ORDER BY dimension) FROM agg
        WHERE dimension NOT IN (SELECT dimension FROM dims)
    )
    SELECT d.dimension, d.label,
           coalesce(n_events, 0)::BIGINT AS n_events,
           coalesce(verbal_coop, 0)::BIGINT AS verbal_coop,
           coalesce(material_coop, 0)::BIGINT AS material_coop,
           coalesce(verbal_conflict, 0)::BIGINT AS verbal_conflict,
           coalesce(material_conflict, 0)::BIGINT AS material_conflict,
           coalesce(net_cooperation, 0)::DOUBLE AS net_cooperation
    FROM all_dims d LEFT JOIN agg USING (dimension)
    ORDER BY d.ord
    """
    flat = [x for row in dims for x in row]
    return con.execute(sql, [*params, *flat]).df()


def asymmetry(
    con, a: str, b: str, *, period: str = "year", start: str | None = None, end: str | None = None,
    origin: str | None = None,
) -> pd.DataFrame:
    """Who initiates, where material cooperation flows, and the Goldstein balance.

    ``period`` month|quarter|year|decade, or 'all' for one row over the range.
    Columns: period, period_start, n_a_to_b, n_b_to_a, initiative_share_a
    (share of the pair's events that ``a`` initiated; NULL when none),
    material_coop_a_to_b, material_coop_b_to_a, material_coop_share_a,
    goldstein_a_to_b, goldstein_b_to_a, goldstein_balance (a→b minus b→a:
    positive when ``a`` treats ``b`` better than it is treated).
    """
    if period == "all":
        fwd = _totals(con, a, b, start=start, end=end, origin=origin)
        rev = _totals(con, b, a, start=start, end=end, origin=origin)
        rows = [{"period": "all", "period_start": fwd["first"] or rev["first"],
                 **_asym(fwd["n"], rev["n"], fwd["mc"], rev["mc"], fwd["g"], rev["g"])}]
        return pd.DataFrame(rows)
    f = dyad_index(con, a, b, period=period, start=start, end=end, origin=origin)
    r = dyad_index(con, b, a, period=period, start=start, end=end, origin=origin)
    m = f.merge(r, on=["period", "period_start"], how="outer", suffixes=("_f", "_r")).fillna(0)
    m = m.sort_values("period_start").reset_index(drop=True)
    rows = [{"period": x.period, "period_start": x.period_start,
             **_asym(int(x.n_events_f), int(x.n_events_r), int(x.material_coop_f), int(x.material_coop_r),
                     float(x.goldstein_sum_f), float(x.goldstein_sum_r))} for x in m.itertuples()]
    cols = ["period", "period_start", "n_a_to_b", "n_b_to_a", "initiative_share_a", "material_coop_a_to_b",
            "material_coop_b_to_a", "material_coop_share_a", "goldstein_a_to_b", "goldstein_b_to_a",
            "goldstein_balance"]
    return pd.DataFrame(rows, columns=cols)


def _totals(con, s, t, *, start, end, origin) -> dict:
    ev_sql, params = _pair_events(con, s, t, undirected=False, start=parse_bound(start),
                                  end=parse_bound(end, end=True), origin=origin)
    n, mc, g, first = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE quad_class = 2), coalesce(sum(goldstein), 0), "
        f"min(date_start) FROM ({ev_sql})", params).fetchall()[0]
    return {"n": n, "mc": mc, "g": g, "first": first}


def _asym(n_f: int, n_r: int, mc_f: int, mc_r: int, g_f: float, g_r: float) -> dict:
    return {
        "n_a_to_b": n_f, "n_b_to_a": n_r,
        "initiative_share_a": n_f / (n_f + n_r) if n_f + n_r else None,
        "material_coop_a_to_b": mc_f, "material_coop_b_to_a": mc_r,
        "material_coop_share_a": mc_f / (mc_f + mc_r) if mc_f + mc_r else None,
        "goldstein_a_to_b": g_f, "goldstein_b_to_a": g_r, "goldstein_balance": g_f - g_r,
    }


def dyads(con, *, limit: int = 50, origin: str | None = None) -> pd.DataFrame:
    """The most frequent undirected pairs: a, b (a < b), label "A–B", n_events,
    n_a_to_b, n_b_to_a, n_docs, first, last (date_start)."""
    where = f"source <> target AND {flags.exclude_sql(con)}" + (" AND origin = ?" if origin else "")
    params: list = [origin] if origin else []
    sql = f"""
    SELECT least(source, target) AS a, greatest(source, target) AS b,
           least(source, target) || '–' || greatest(source, target) AS label,
           count(*) AS n_events,
           count(*) FILTER (WHERE source < target) AS n_a_to_b,
           count(*) FILTER (WHERE source > target) AS n_b_to_a,
           count(DISTINCT doc_id) AS n_docs,
           min(date_start) AS first, max(date_start) AS last
    FROM events WHERE {where}
    GROUP BY 1, 2 ORDER BY n_events DESC, a, b LIMIT ?
    """
    return con.execute(sql, [*params, int(limit)]).df()


def events_for_point(
    con, source: str, target: str, *, period: str, period_label: str, dimension: str | None = None,
    undirected: bool = False, origin: str | None = None, limit: int = 500,
) -> pd.DataFrame:
    """The events behind one chart point (a dyad, period label and filters), with
    their evidence: event_id, doc_id, doc_name, sent_start, sent_end, sentence
    (the document text between the offsets; NULL for imported events), date,
    date_precision, cameo, quad_class, dimension, source, target, goldstein,
    origin, source_url. Most intense first, at most ``limit`` rows.
    """
    check_dimension(dimension)
    lo, hi = period_range(period, period_label)
    ev_sql, params = _pair_events(con, source, target, undirected=undirected, start=lo, end=hi,
                                  dimension=dimension, origin=origin, end_exclusive=True)
    sql = f"""
    WITH ev AS ({ev_sql})
    SELECT ev.event_id, ev.doc_id, d.name AS doc_name, ev.sent_start, ev.sent_end,
           CASE WHEN d.text IS NOT NULL AND ev.sent_start IS NOT NULL
                THEN substring(d.text, ev.sent_start + 1, ev.sent_end - ev.sent_start) END AS sentence,
           ev.date, ev.date_precision, ev.cameo, ev.quad_class, ev.dimension, ev.source, ev.target,
           ev.goldstein, ev.origin, ev.source_url
    FROM ev LEFT JOIN documents d ON d.doc_id = ev.doc_id
    ORDER BY abs(coalesce(ev.goldstein, 0)) DESC, ev.date_start, ev.event_id
    LIMIT ?
    """
    return con.execute(sql, [*params, int(limit)]).df()
