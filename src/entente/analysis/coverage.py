"""How much text stands behind each period, and where coarse dates sit.

Event counts rise and fall with the number of documents per period, so a chart
shows coverage beside the series: current documents per period (by the
document's own date, else its publication date) and their sentences (counted
as sentence-ending punctuation followed by a space or the end, an estimate).
A period with no document and no event is a gap, not a zero.

Events dated more coarsely than the period (a year-precision "1969" in a
monthly view) are counted by the index in the first period they cover;
``coarse_events`` returns them per quad class so a chart can take them out of
January and draw them across their whole year instead.
"""
from __future__ import annotations

import pandas as pd

from entente.analysis.indices import _LABEL_SQL, _PERIOD_RANK, _PREC_RANK_SQL, _pair_events, check_period, parse_bound


def coverage(con, *, period: str, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """Columns: period, n_docs, n_sentences — one row per period holding any dated current document."""
    check_period(period)
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    sql = f"""
    WITH d AS (
        SELECT TRY_CAST(CASE length(coalesce(doc_date, published)) WHEN 4 THEN coalesce(doc_date, published) || '-01-01'
                    WHEN 7 THEN coalesce(doc_date, published) || '-01' ELSE substr(coalesce(doc_date, published), 1, 10)
               END AS DATE) AS day, text
        FROM documents WHERE is_current)
    SELECT {_LABEL_SQL[period]} AS period, count(*)::BIGINT AS n_docs,
           sum(len(regexp_extract_all(text, '[.!?]["\u201d\u2019)]?(\\s|$)')))::BIGINT AS n_sentences
    FROM (SELECT CAST(date_trunc('{period}', day) AS DATE) AS ps, text FROM d WHERE day IS NOT NULL
          AND (CAST(? AS DATE) IS NULL OR day >= ?) AND (CAST(? AS DATE) IS NULL OR day <= ?))
    GROUP BY ps ORDER BY ps
    """
    return con.execute(sql, [lo, lo, hi, hi]).df()


def coarse_events(con, source: str, target: str, *, period: str, start: str | None = None, end: str | None = None,
                  dimension: str | None = None, undirected: bool = False, origin: str | None = None) -> pd.DataFrame:
    """Events dated more coarsely than ``period``: period (where the index counts them), span_start,
    span_end (the year or decade their date covers), quad_class, n."""
    check_period(period)
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    ev_sql, params = _pair_events(con, source, target, undirected=undirected, start=lo, end=hi, dimension=dimension,
                                  origin=origin)
    sql = f"""
    WITH ev AS ({ev_sql}),
    c AS (SELECT CAST(date_trunc('{period}', date_start) AS DATE) AS ps, date_start AS span_start,
                 CASE WHEN ({_PREC_RANK_SQL}) >= 3 THEN date_start + INTERVAL 10 YEAR
                      ELSE date_start + INTERVAL 1 YEAR END AS span_end, quad_class
          FROM ev WHERE ({_PREC_RANK_SQL}) > ?)
    SELECT {_LABEL_SQL[period]} AS period, span_start, CAST(span_end AS DATE) AS span_end, quad_class,
           count(*)::BIGINT AS n
    FROM c GROUP BY ALL ORDER BY span_start, quad_class
    """
    return con.execute(sql, [*params, _PERIOD_RANK[period]]).df()
