"""Evidence behind a dyad's figures: its events with their sentences, the
documents they come from, and the quotes in those documents."""
from __future__ import annotations

import pandas as pd

from entente.analysis.indices import _pair_events, parse_bound

EVENT_COLUMNS = ["event_id", "origin", "doc_id", "doc_name", "sent_start", "sent_end", "sentence", "date",
                 "date_precision", "date_start", "cameo", "quad_class", "goldstein", "dimension", "source",
                 "target", "external_id"]


def pair_events(
    con, a: str, b: str, *, start: str | None = None, end: str | None = None, undirected: bool = True,
    origin: str | None = None, limit: int = 5000,
) -> pd.DataFrame:
    """Every dated event of the pair in the range (both directions unless
    ``undirected=False``), oldest first, with the document text between each
    event's sentence offsets (``sentence``; NULL for imported events)."""
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    parts, params = [], []
    for s, t in ([(a, b), (b, a)] if undirected and a != b else [(a, b)]):
        sql, p = _pair_events(con, s, t, undirected=False, start=lo, end=hi, origin=origin)
        parts.append(sql)
        params += p
    sql = f"""
    WITH ev AS ({' UNION ALL '.join(parts)})
    SELECT ev.event_id, ev.origin, ev.doc_id, d.name AS doc_name, ev.sent_start, ev.sent_end,
           CASE WHEN d.text IS NOT NULL AND ev.sent_start IS NOT NULL
                THEN substring(d.text, ev.sent_start + 1, ev.sent_end - ev.sent_start) END AS sentence,
           ev.date, ev.date_precision, ev.date_start, ev.cameo, ev.quad_class, ev.goldstein, ev.dimension,
           ev.source, ev.target, ev.external_id
    FROM ev
    LEFT JOIN documents d ON d.doc_id = ev.doc_id
    ORDER BY ev.date_start, d.name, ev.sent_start, ev.event_id
    LIMIT ?
    """
    return con.execute(sql, [*params, int(limit)]).df()


def pair_documents(con, a: str, b: str, *, start: str | None = None, end: str | None = None) -> pd.DataFrame:
    """The documents holding the pair's events: doc_id, name, title, site,
    published, n_events (no URLs: callers that must stay offline need none)."""
    lo, hi = parse_bound(start), parse_bound(end, end=True)
    parts, params = [], []
    for s, t in [(a, b), (b, a)]:
        sql, p = _pair_events(con, s, t, undirected=False, start=lo, end=hi)
        parts.append(sql)
        params += p
    sql = f"""
    WITH ev AS ({' UNION ALL '.join(parts)})
    SELECT d.doc_id, d.name, d.title, d.site, d.published, count(*) AS n_events
    FROM ev JOIN documents d ON d.doc_id = ev.doc_id
    GROUP BY ALL ORDER BY n_events DESC, d.name
    """
    return con.execute(sql, params).df()


def top_quotes(
    con, a: str, b: str, *, start: str | None = None, end: str | None = None, limit: int = 12,
) -> pd.DataFrame:
    """Quotes from the documents that hold the pair's events, speakers of either
    state first, then by confidence and length: quote_id, speaker,
    speaker_actor, text, doc_id, doc_name, start_char, end_char."""
    docs = pair_documents(con, a, b, start=start, end=end)
    ids = docs["doc_id"].tolist()
    if not ids:
        return pd.DataFrame(columns=["quote_id", "speaker", "speaker_actor", "text", "doc_id", "doc_name",
                                     "start_char", "end_char"])
    sql = """
    SELECT q.quote_id, q.speaker, q.speaker_actor,
           coalesce(q.text, substring(d.text, q.start_char + 1, q.end_char - q.start_char)) AS text,
           q.doc_id, d.name AS doc_name, q.start_char, q.end_char
    FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
    WHERE q.doc_id IN (SELECT unnest(?::VARCHAR[]))
    ORDER BY (q.speaker_actor IN (?, ?)) DESC NULLS LAST, coalesce(q.confidence, 0) DESC,
             length(coalesce(q.text, '')) DESC, q.quote_id
    LIMIT ?
    """
    return con.execute(sql, [ids, a, b, int(limit)]).df()
