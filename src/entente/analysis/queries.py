"""Read-side queries the views need beyond the indices: events, evidence, documents, quotes, search.

Everything here reads the store and returns frames or plain dicts; nothing writes.
Parameters are always bound. Text search uses the SQLite FTS5 index in ``store.fts``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from entente.errors import ConfigError, NotFound
from entente.store import flags

EVENT_COLUMNS = (
    "e.event_id, e.origin, e.doc_id, e.passage_id, e.sent_start, e.sent_end, e.trigger_start, e.trigger_end, "
    "e.source, e.target, e.source_text, e.target_text, e.cameo, e.root, e.quad_class, e.plover, e.goldstein, "
    "e.date, e.date_precision, e.date_start, e.dimension, e.rule, e.coder, e.confidence, e.external_id, "
    "e.source_url"
)
# How much text around a sentence to show when an event has no passage.
_WINDOW = 300


def _dyad_clause(source: str | None, target: str | None, undirected: bool) -> tuple[str, list]:
    if source and target and undirected:
        return "((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))", [
            source, target, target, source]
    parts, params = [], []
    if source:
        parts.append("e.source = ?")
        params.append(source)
    if target:
        parts.append("e.target = ?")
        params.append(target)
    if undirected and (source or target):
        # One side only: either direction.
        code = source or target
        return "(e.source = ? OR e.target = ?)", [code, code]
    return " AND ".join(parts), params


def events(
    con,
    *,
    source: str | None = None,
    target: str | None = None,
    undirected: bool = False,
    root: str | None = None,
    quad_class: int | None = None,
    dimension: str | None = None,
    start: str | None = None,
    end: str | None = None,
    doc_id: str | None = None,
    origin: str | None = None,
    limit: int = 200,
    offset: int = 0,
    min_confidence: float | None = None,
    dated: bool = False,
    include_flagged: bool = False,
) -> pd.DataFrame:
    """Events matching every given filter, newest first, with their document's name and title.

    ``start``/``end`` are ISO dates (inclusive, compared with ``date_start``). Counting rule, the
    same as the indices': with ``undirected`` a joint act coded both ways from one sentence is listed
    once (the source→target row); ``dated`` keeps only events an index can count. Events flagged as
    wrong are left out, as the indices leave them out, unless ``include_flagged``; the ``flagged``
    column says which rows are.

    >>> events(con, source="CHN", target="RUS", quad_class=2, limit=10)  # doctest: +SKIP
    """
    if limit < 0 or limit > 10_000 or offset < 0:
        raise ConfigError(f"limit must be 0..10000 and offset >= 0, got limit={limit} offset={offset}")
    where, params = [], []
    clause, p = _dyad_clause(source, target, undirected)
    if clause:
        where.append(clause)
        params += p
    if source and target and undirected and source != target:
        where.append("NOT (e.source = ? AND EXISTS (SELECT 1 FROM events f WHERE f.source = ? AND f.target = ? "
                     "AND f.doc_id = e.doc_id AND f.sent_start = e.sent_start AND f.cameo = e.cameo "
                     "AND f.date = e.date))")
        params += [target, source, target]
    if dated:
        where.append("e.date_start IS NOT NULL")
    if not include_flagged:
        where.append(flags.exclude_sql(con, "e.event_id"))
    if min_confidence is not None:
        # imported events carry no confidence: a filter keeps only coded ones that reach it
        where.append("e.confidence >= ?")
        params.append(float(min_confidence))
    for col, val in (("e.root", root), ("e.quad_class", quad_class), ("e.dimension", dimension),
                     ("e.doc_id", doc_id), ("e.origin", origin)):
        if val is not None and val != "":
            where.append(f"{col} = ?")
            params.append(val)
    if start:
        where.append("e.date_start >= CAST(? AS DATE)")
        params.append(start)
    if end:
        where.append("e.date_start <= CAST(? AS DATE)")
        params.append(end)
    sql = (
        f"SELECT {EVENT_COLUMNS}, d.name AS doc_name, d.title AS doc_title, "
        f"{flags.flagged_sql(con, 'e.event_id')} AS flagged FROM events e "
        "LEFT JOIN documents d ON d.doc_id = e.doc_id "
        + ("WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.date_start DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?"
    )
    return con.execute(sql, params + [limit, offset]).df()


def evidence_for_events(con, event_ids: list[str]) -> list[dict[str, Any]]:
    """The evidence of each event: the event, its document, and the passage holding its sentence.

    Each item has ``event``, ``flag`` (who flagged it as wrong, when and why; None when not
    flagged), ``document`` (or None for imported events), ``passage``
    with ``text``, ``start`` (document offset of the passage) and ``sentence``
    offsets (``start``, ``end``) relative to the passage text, so a page can cut
    it into before / sentence / after without parsing anything.
    """
    if not event_ids:
        return []
    marks = ", ".join("?" * len(event_ids))
    df = con.execute(
        f"SELECT {EVENT_COLUMNS}, d.name AS doc_name, d.title AS doc_title, d.published AS doc_published, "
        "d.url AS doc_url, p.start_char AS p_start, p.end_char AS p_end, p.speaker AS p_speaker, "
        "d.n_chars AS doc_chars, "
        # Only the slice we show: documents can be long.
        f"substring(d.text, greatest(coalesce(p.start_char, e.sent_start - {_WINDOW}), 0) + 1, "
        f"least(coalesce(p.end_char, e.sent_end + {_WINDOW}), d.n_chars) "
        f"- greatest(coalesce(p.start_char, e.sent_start - {_WINDOW}), 0)) AS p_text "
        "FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id "
        "LEFT JOIN passages p ON p.passage_id = e.passage_id "
        f"WHERE e.event_id IN ({marks})",
        list(event_ids),
    ).df()
    by_id = {r["event_id"]: r for r in _records(df)}
    flagged = {f["event_id"]: f for f in flags.list_flags(con, ids=list(event_ids))}
    out = []
    for eid in event_ids:
        r = by_id.get(eid)
        if r is None:
            continue
        event = {k: r[k] for k in r if not k.startswith(("doc_", "p_"))}
        item: dict[str, Any] = {"event": event, "flag": flagged.get(eid), "document": None, "passage": None}
        if r["doc_id"] and r["doc_name"] is not None:
            item["document"] = {"doc_id": r["doc_id"], "name": r["doc_name"], "title": r["doc_title"],
                                "published": r["doc_published"], "url": r["doc_url"]}
            p_start = r["p_start"] if r["p_start"] is not None else max((r["sent_start"] or 0) - _WINDOW, 0)
            text = r["p_text"] or ""
            s = _clip((r["sent_start"] or 0) - p_start, len(text))
            e = _clip((r["sent_end"] or 0) - p_start, len(text))
            item["passage"] = {"passage_id": r["passage_id"], "start": p_start, "text": text,
                               "speaker": r["p_speaker"], "sentence": {"start": s, "end": max(s, e)}}
        out.append(item)
    return out


def event_evidence(con, event_id: str) -> dict[str, Any]:
    """The evidence for one event (see ``evidence_for_events``). Raises NotFound."""
    items = evidence_for_events(con, [event_id])
    if not items:
        raise NotFound(f"no event {event_id!r}")
    return items[0]


def document(con, doc_id: str) -> dict[str, Any]:
    """One document: metadata, full text, passages, and the events and quotes coded in it.

    Raises NotFound for an unknown ``doc_id``.
    """
    df = con.execute(
        "SELECT doc_id, name, path, version, is_current, format, title, url, author, site, genre, published, "
        "doc_date, text, n_chars FROM documents WHERE doc_id = ?", [doc_id]).df()
    if df.empty:
        raise NotFound(f"no document {doc_id!r}")
    doc = _records(df)[0]
    doc["passages"] = _records(con.execute(
        "SELECT passage_id, seq, kind, speaker, start_char, end_char FROM passages WHERE doc_id = ? ORDER BY seq",
        [doc_id]).df())
    doc["events"] = _records(con.execute(
        f"SELECT {EVENT_COLUMNS}, {flags.flagged_sql(con, 'e.event_id')} AS flagged FROM events e "
        "WHERE e.doc_id = ? ORDER BY e.sent_start, e.event_id",
        [doc_id]).df())
    doc["quotes"] = _records(con.execute(
        "SELECT quote_id, start_char, end_char, sent_start, sent_end, speaker, speaker_actor, text "
        "FROM quotes WHERE doc_id = ? ORDER BY start_char", [doc_id]).df())
    return doc


def quotes(
    con,
    *,
    speaker: str | None = None,
    actor: str | None = None,
    about: str | None = None,
    q: str | None = None,
    limit: int = 200,
) -> pd.DataFrame:
    """Who said what about whom: quotes with the speaker, their state, and the targets of events
    coded in the same sentence (``about``), newest document first.

    ``speaker`` and ``q`` are case-insensitive substrings; ``actor``/``about`` are actor codes.
    """
    where, params = [], []
    if speaker:
        where.append("q.speaker ILIKE ? ESCAPE '\\'")
        params.append(f"%{_like_escape(speaker)}%")
    if actor:
        where.append("q.speaker_actor = ?")
        params.append(actor)
    if q:
        where.append("q.text ILIKE ? ESCAPE '\\'")
        params.append(f"%{_like_escape(q)}%")
    if about:
        where.append("list_contains(t.about, ?)")
        params.append(about)
    sql = (
        "WITH t AS (SELECT q.quote_id, list_distinct(list(e.target) FILTER (WHERE e.target IS NOT NULL)) AS about "
        "  FROM quotes q LEFT JOIN events e ON e.doc_id = q.doc_id AND e.sent_start = q.sent_start "
        "  GROUP BY q.quote_id) "
        "SELECT q.quote_id, q.doc_id, q.speaker, q.speaker_actor, q.text, q.start_char, q.end_char, "
        "q.sent_start, q.sent_end, array_to_string(list_sort(t.about), ', ') AS about, "
        "d.name AS doc_name, d.title AS doc_title, d.published AS doc_published "
        "FROM quotes q JOIN t USING (quote_id) LEFT JOIN documents d ON d.doc_id = q.doc_id "
        + ("WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY d.published DESC NULLS LAST, q.doc_id, q.start_char LIMIT ?"
    )
    return con.execute(sql, params + [limit]).df()


def search_passages(con, q: str, *, index, limit: int = 50) -> tuple[int, pd.DataFrame]:
    """Passages matching ``q`` in the full-text ``index`` (``store.fts.PassageIndex``), best BM25 first:
    (number of matching passages, frame with the document and ``matches`` [start, end] offsets in ``text``).

    "Quoted words" are a phrase; other words must all occur (whole words, stemmed).
    Raises ConfigError for a query with no words.
    """
    index.sync(con)
    n, hits = index.search(q, limit=limit)
    cols = ["passage_id", "doc_id", "seq", "kind", "speaker", "start_char", "end_char", "text", "doc_name",
            "doc_title", "doc_published", "matches", "score"]
    if not hits:
        return n, pd.DataFrame(columns=cols)
    df = con.execute(
        "SELECT p.passage_id, p.doc_id, p.seq, p.kind, p.speaker, p.start_char, p.end_char, "
        "substring(d.text, p.start_char + 1, p.end_char - p.start_char) AS text, "
        "d.name AS doc_name, d.title AS doc_title, d.published AS doc_published "
        "FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
        "WHERE p.passage_id IN (SELECT unnest(?::VARCHAR[]))", [[h["passage_id"] for h in hits]]).df()
    by_id = {h["passage_id"]: h for h in hits}
    df["matches"] = [by_id[p]["matches"] for p in df["passage_id"]]
    df["score"] = [by_id[p]["score"] for p in df["passage_id"]]
    return n, df.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def summary(con) -> dict[str, Any]:
    """Store totals for the page header: documents, passages, events by origin, quotes, date range."""
    n_docs, n_pass, n_quotes = con.execute(
        "SELECT (SELECT count(*) FROM documents WHERE is_current), (SELECT count(*) FROM passages), "
        "(SELECT count(*) FROM quotes)").fetchone()
    by_origin = dict(con.execute(
        "SELECT origin, count(*) FROM events GROUP BY origin ORDER BY origin").fetchall())
    first, last = con.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
    return {
        "documents": int(n_docs), "passages": int(n_pass), "quotes": int(n_quotes),
        "events": int(sum(by_origin.values())), "events_by_origin": {k: int(v) for k, v in by_origin.items()},
        "first_date": first.isoformat() if first else None, "last_date": last.isoformat() if last else None,
    }


def actors(con) -> list[str]:
    """Every actor code that appears in events, sorted (for pickers)."""
    rows = con.execute(
        "SELECT code FROM (SELECT DISTINCT source AS code FROM events UNION SELECT DISTINCT target FROM events) "
        "ORDER BY code").fetchall()
    return [r[0] for r in rows]


def actor_names(con) -> dict[str, str]:
    """code → name from the store's ``actors`` table (empty when it was never filled)."""
    return dict(con.execute("SELECT code, name FROM actors WHERE name IS NOT NULL").fetchall())



def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Frame rows as JSON-ready dicts: NaN/NaT become None, dates ISO strings, arrays lists.

    Column-wise with ``tolist()``: a per-cell pandas path cost 15-25 ms on a 360-row index.
    """
    names, cols = [str(c) for c in df.columns], []
    for col in df.columns:
        s = df[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            has_time = bool((s.dropna() != s.dropna().dt.normalize()).any())
            vals = s.dt.strftime("%Y-%m-%dT%H:%M:%S" if has_time else "%Y-%m-%d").tolist()
            cols.append([v if isinstance(v, str) else None for v in vals])
        elif pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s) and not s.hasnans:
            cols.append(s.tolist())
        elif pd.api.types.is_float_dtype(s):
            vals = s.tolist()
            cols.append([None if v != v else v for v in vals] if s.hasnans else vals)
        else:
            cols.append([_jsonable(v) for v in s.tolist()])
    return [dict(zip(names, row)) for row in zip(*cols)]


def _jsonable(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, (pd.Timestamp, dt.datetime)):
        return v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, np.ndarray):
        return [_jsonable(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Public alias of the frame-to-JSON-records conversion the views use."""
    return _records(df)


def _clip(x: int, n: int) -> int:
    return max(0, min(int(x), n))


def _like_escape(s: str) -> str:
    # Used with ESCAPE '\\' so a user's % and _ match literally.
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
