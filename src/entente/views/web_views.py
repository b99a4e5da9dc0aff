"""The functions that feed both a page and its JSON twin: parse nothing, call the library, shape a dict.

Each takes an open connection (a per-request cursor) and validated query models
(``web_models``) and returns JSON-ready data; the API returns it as is and the
page renders it with a template.
"""
from __future__ import annotations

from typing import Any

from entente import codes
from entente.analysis import queries
from entente.analysis.queries import records
from entente.errors import ConfigError
from entente.views.web_models import DyadQuery, EventQuery, PointQuery


def dimensions() -> list[dict[str, str]]:
    """Dimension ids and labels, for pickers and chart labels."""
    try:
        from entente.coding.dimensions import DIMENSIONS
    except ImportError:  # the coding stage is optional for reading a store
        return []
    return [{"id": d[0], "label": d[1]} for d in DIMENSIONS]


def cameo_name(code: str | None) -> str:
    try:
        return codes.lookup(code).name if code else ""
    except KeyError:
        return ""


def index_view(con, q: DyadQuery) -> dict[str, Any]:
    """Counts by quad class and net cooperation per period for the dyad (zero rows for empty periods)."""
    from entente.analysis.indices import dyad_index

    df = dyad_index(con, q.source, q.target, period=q.period, start=q.start, end=q.end, dimension=q.dimension,
                    undirected=q.undirected, origin=q.origin)
    return {"query": q.model_dump(), "rows": records(df)}


def breakdown_view(con, q: DyadQuery) -> dict[str, Any]:
    """The dyad's events by relationship dimension."""
    from entente.analysis.indices import dimension_breakdown

    df = dimension_breakdown(con, q.source, q.target, start=q.start, end=q.end, undirected=q.undirected,
                             origin=q.origin)
    labels = {d["id"]: d["label"] for d in dimensions()}
    rows = records(df)
    for r in rows:
        r["label"] = labels.get(r.get("dimension"), r.get("dimension"))
    return {"query": q.model_dump(), "rows": rows}


def asymmetry_view(con, q: DyadQuery) -> dict[str, Any]:
    """Who initiates and how material cooperation flows, per year."""
    from entente.analysis.indices import asymmetry

    out = asymmetry(con, q.source, q.target, period="year" if q.period == "month" else q.period,
                    start=q.start, end=q.end)
    if isinstance(out, dict):
        return {"query": q.model_dump(), **{k: (records(v) if hasattr(v, "to_dict") else v)
                                            for k, v in out.items()}}
    return {"query": q.model_dump(), "rows": records(out)}


def milestones_view(con, q: DyadQuery, *, limit: int = 50) -> dict[str, Any]:
    """The dyad's milestone timeline: one item per event told by one or more documents."""
    from entente.analysis.milestones import milestones

    df = milestones(con, q.source, q.target, start=q.start, end=q.end, limit=limit, undirected=True)
    rows = records(df)
    rows.sort(key=lambda r: str(r.get("date") or ""))
    return {"query": q.model_dump(), "rows": rows}


def dyads_view(con, *, limit: int = 50) -> dict[str, Any]:
    from entente.analysis.indices import dyads

    return {"rows": records(dyads(con, limit=limit))}


def dyad_view(con, q: DyadQuery) -> dict[str, Any]:
    """Everything the dyad page shows: the index, the breakdown, milestones and the latest events."""
    ev = queries.events(con, source=q.source, target=q.target, undirected=q.undirected, dimension=q.dimension,
                        start=q.start, end=q.end, origin=q.origin, limit=25)
    return {
        "query": q.model_dump(),
        "index": index_view(con, q)["rows"],
        "breakdown": breakdown_view(con, q)["rows"],
        "milestones": _optional(lambda: milestones_view(con, q)["rows"]),
        "events": _with_names(records(ev)),
    }


def evidence_view(con, q: PointQuery) -> dict[str, Any]:
    """The source passages behind a chart point (dyad, period, label) or a list of event ids."""
    if q.ids:
        ids = [i for i in q.ids.split(",") if i][:500]
    elif q.source and q.target and q.label:
        from entente.analysis.indices import events_for_point

        df = events_for_point(con, q.source, q.target, period=q.period, period_label=q.label,
                              dimension=q.dimension, undirected=q.undirected)
        if q.quad_class and "quad_class" in df.columns:
            df = df[df["quad_class"] == q.quad_class]
        ids = [str(x) for x in df["event_id"].tolist()]
    else:
        raise ConfigError("evidence needs either ids=... or source, target, period and label")
    n_total = len(ids)
    items = queries.evidence_for_events(con, ids[:200])
    for it in items:
        _decorate(it)
    # Events with passages first: those are what the analyst can read.
    items.sort(key=lambda it: (it["passage"] is None, str(it["event"].get("date_start") or "")))
    return {"query": q.model_dump(), "n_events": n_total, "items": items}


def event_view(con, event_id: str) -> dict[str, Any]:
    item = queries.event_evidence(con, event_id)
    _decorate(item)
    return item


def document_view(con, doc_id: str, *, start: int | None = None, end: int | None = None) -> dict[str, Any]:
    """A document with its text cut into pieces, the [start, end) span marked."""
    doc = queries.document(con, doc_id)
    text = doc.pop("text")
    doc["pieces"] = pieces(text, [(start, end)] if start is not None and end is not None else [])
    doc["highlight"] = {"start": start, "end": end} if start is not None and end is not None else None
    doc["events"] = _with_names(doc["events"])
    return doc


def events_view(con, q: EventQuery) -> dict[str, Any]:
    df = queries.events(con, **q.model_dump())
    return {"query": q.model_dump(), "rows": _with_names(records(df))}


def quotes_view(con, *, speaker: str | None, actor: str | None, about: str | None, q: str | None,
                limit: int) -> dict[str, Any]:
    df = queries.quotes(con, speaker=speaker, actor=actor, about=about, q=q, limit=limit)
    return {"query": {"speaker": speaker, "actor": actor, "about": about, "q": q}, "rows": records(df)}


def search_view(con, q: str, *, limit: int) -> dict[str, Any]:
    if not (q or "").strip():
        return {"query": {"q": q}, "rows": []}
    rows = records(queries.search_passages(con, q, limit=limit))
    for r in rows:
        r["pieces"] = pieces(r["text"], r["matches"])
    return {"query": {"q": q}, "rows": rows}


def pieces(text: str, spans: list[tuple[int | None, int | None]] | list[list[int]]) -> list[dict[str, Any]]:
    """Cut ``text`` into [{"text", "mark"}] pieces so a template can wrap marked ones in <mark>
    while escaping everything: no markup is ever built from document text."""
    out, pos = [], 0
    for s, e in sorted((max(0, int(s)), min(len(text), int(e))) for s, e in spans if s is not None and e is not None):
        if e <= pos or s >= e:
            continue
        s = max(s, pos)
        if s > pos:
            out.append({"text": text[pos:s], "mark": False})
        out.append({"text": text[s:e], "mark": True})
        pos = e
    if pos < len(text):
        out.append({"text": text[pos:], "mark": False})
    return out


def _decorate(item: dict[str, Any]) -> None:
    ev = item["event"]
    ev["cameo_name"] = cameo_name(ev.get("cameo"))
    ev["quad_name"] = codes.QUAD_NAMES.get(ev.get("quad_class"), "")
    p = item.get("passage")
    if p:
        p["pieces"] = pieces(p["text"], [(p["sentence"]["start"], p["sentence"]["end"])])


def _with_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for r in rows:
        r["cameo_name"] = cameo_name(r.get("cameo"))
        r["quad_name"] = codes.QUAD_NAMES.get(r.get("quad_class"), "")
    return rows


def _optional(fn):
    # Milestones land from another stage; a store without them still gets its charts.
    try:
        return fn()
    except ImportError:
        return []
