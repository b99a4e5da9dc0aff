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
from entente.errors import ConfigError, NotFound
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
    """The dyad's milestone timeline: one item per event told by one or more documents, named from its passages."""
    from entente.analysis.milestones import evidence, milestones
    from entente.views.naming import name_milestones

    df = milestones(con, q.source, q.target, start=q.start, end=q.end, limit=limit, undirected=True)
    rows = records(df)
    ids = [e for r in rows for e in (r.get("event_ids") or [])]
    sents = {r["event_id"]: r["sentence"] for r in records(evidence(con, ids))} if ids else {}
    name_milestones(rows, sents)
    rows.sort(key=lambda r: str(r.get("date") or ""))
    return {"query": q.model_dump(), "rows": rows}


def dyads_view(con, *, limit: int = 50) -> dict[str, Any]:
    from entente.analysis.indices import dyads

    return {"rows": records(dyads(con, limit=limit))}


def check_actors(known: list[str], *codes_: str | None) -> None:
    """NotFound naming the unknown code and the codes the store holds (a picker never falls back silently)."""
    for c in codes_:
        if c and c not in known:
            shown = ", ".join(known[:40]) + (" …" if len(known) > 40 else "")
            raise NotFound(f"unknown actor code {c!r}: no event in this store has it. Codes in this store: {shown}")


def chart_rows(con, q: DyadQuery, index: list[dict]) -> dict[str, Any]:
    """What the chart draws: periods with events or documents (others are gaps), coverage and rates per
    document, and events dated only to a year taken out of January and returned as year-long spans."""
    from entente.analysis.coverage import coarse_events, coverage

    cov = {r["period"]: r for r in records(coverage(con, period=q.period, start=q.start, end=q.end))}
    coarse = records(coarse_events(con, q.source, q.target, period=q.period, start=q.start, end=q.end,
                                   dimension=q.dimension, undirected=q.undirected, origin=q.origin))
    keys = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
    out, prev_kept = [], True
    taken: dict[str, dict[str, int]] = {}
    for c in coarse:
        t = taken.setdefault(c["period"], {})
        t[keys[c["quad_class"]]] = t.get(keys[c["quad_class"]], 0) + int(c["n"])
    for r in index:
        c = cov.get(r["period"], {})
        row = {**r, "n_docs": int(c.get("n_docs") or 0), "n_sentences": int(c.get("n_sentences") or 0)}
        for k, n in taken.get(r["period"], {}).items():
            row[k] -= n
        row["n_coarse"] = sum(taken.get(r["period"], {}).values())
        row["events_per_doc"] = (r["n_events"] / row["n_docs"]) if row["n_docs"] else None
        keep = r["n_events"] > 0 or row["n_docs"] > 0
        if keep:
            row["gap_before"] = not prev_kept
            out.append(row)
        prev_kept = keep
    spans = [{"start": c["span_start"], "end": c["span_end"], "quad_class": c["quad_class"], "n": c["n"]}
             for c in coarse]
    return {"rows": out, "coarse": spans, "n_periods": len(index)}


def dyad_view(con, q: DyadQuery, *, known: list[str] | None = None) -> dict[str, Any]:
    """Everything the dyad page shows: the index, coverage, the breakdown, milestones, asymmetry, latest events."""
    if known is not None:
        check_actors(known, q.source, q.target)
    ev = queries.events(con, source=q.source, target=q.target, undirected=q.undirected, dimension=q.dimension,
                        start=q.start, end=q.end, origin=q.origin, limit=25)
    index = index_view(con, q)["rows"]
    return {
        "query": q.model_dump(),
        "index": index,
        "chart": chart_rows(con, q, index),
        "breakdown": breakdown_view(con, q)["rows"],
        "milestones": _optional(lambda: milestones_view(con, q)["rows"]),
        "asymmetry": _optional(lambda: records(_asym_all(con, q))),
        "regimes": _optional(lambda: _regimes(con, q)),
        "events": _with_names(records(ev)),
    }


def _regimes(con, q: DyadQuery):
    from entente.views.web_forecast_pages import dyad_regimes  # the models stage draws the bands

    try:
        return dyad_regimes(con, q)
    except ConfigError:  # e.g. a store without dated events: the chart stands without bands
        return None


def _asym_all(con, q: DyadQuery):
    from entente.analysis.indices import asymmetry

    return asymmetry(con, q.source, q.target, period="all", start=q.start, end=q.end, origin=q.origin)


TRIANGLE = ("USA", "CHN", "RUS")


def compare_view(con, *, dyads: list[tuple[str, str]], period: str, start: str | None, end: str | None,
                 known: list[str]) -> dict[str, Any]:
    """Net cooperation of several directed dyads on one time axis."""
    from entente.analysis.indices import dyad_index

    series = []
    for s, t in dyads:
        check_actors(known, s, t)
        rows = records(dyad_index(con, s, t, period=period, start=start, end=end))
        series.append({"source": s, "target": t, "label": f"{s}→{t}", "rows": [
            {"period": r["period"], "period_start": r["period_start"], "n_events": r["n_events"],
             "net_cooperation": r["net_cooperation"]} for r in rows if r["n_events"]]})
    return {"query": {"dyads": ",".join(f"{s}-{t}" for s, t in dyads), "period": period, "start": start,
                      "end": end}, "series": series}


def parse_dyads(text: str | None, *, triangle: bool) -> list[tuple[str, str]]:
    """"CHN-RUS,USA-CHN" → [(CHN, RUS), (USA, CHN)]; the triangle gives its six directed dyads."""
    if triangle:
        return [(a, b) for a in TRIANGLE for b in TRIANGLE if a != b]
    out = []
    for part in (text or "").split(","):
        bits = [b.strip().upper() for b in part.replace("–", "-").split("-")]
        if len(bits) != 2 or not all(b.isalnum() and 2 <= len(b) <= 16 for b in bits):
            raise ConfigError(f"dyads {text!r}: expected pairs like CHN-RUS,USA-CHN")
        out.append((bits[0], bits[1]))
    if not 1 <= len(out) <= 6:
        raise ConfigError(f"dyads {text!r}: give one to six pairs like CHN-RUS,USA-CHN")
    return out


def documents_view(con, *, limit: int, offset: int) -> dict[str, Any]:
    df = con.execute(
        "SELECT d.doc_id, d.name, d.title, d.published, d.site, d.format, d.n_chars, "
        "(SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS n_events, "
        "(SELECT count(*) FROM passages p WHERE p.doc_id = d.doc_id) AS n_passages "
        "FROM documents d WHERE d.is_current ORDER BY d.published DESC NULLS LAST, d.name LIMIT ? OFFSET ?",
        [limit, offset]).df()
    total = con.execute("SELECT count(*) FROM documents WHERE is_current").fetchone()[0]
    return {"query": {"limit": limit, "offset": offset}, "total": int(total), "rows": records(df)}


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
    df = queries.events(con, **q.model_dump(), dated=bool(q.source and q.target))
    return {"query": q.model_dump(), "rows": _with_names(records(df))}


def quotes_view(con, *, speaker: str | None, actor: str | None, about: str | None, q: str | None,
                limit: int) -> dict[str, Any]:
    df = queries.quotes(con, speaker=speaker, actor=actor, about=about, q=q, limit=limit)
    return {"query": {"speaker": speaker, "actor": actor, "about": about, "q": q}, "rows": records(df)}


def search_view(con, q: str, *, limit: int, index) -> dict[str, Any]:
    """Full-text hits (BM25 order) with their match offsets cut into pieces, and the total number of hits."""
    if not (q or "").strip():
        return {"query": {"q": q}, "rows": [], "n": 0}
    n, df = queries.search_passages(con, q, index=index, limit=limit)
    rows = records(df)
    for r in rows:
        r["pieces"] = pieces(r["text"], r["matches"])
    return {"query": {"q": q}, "rows": rows, "n": n}


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


# How an event's date was set, from its stored precision.
DATE_METHODS = {
    "day": "explicit date in the text (day)", "month": "explicit in the text, to the month",
    "year": "explicit in the text, to the year only", "decade": "estimate: the decade only",
    "century": "estimate: the century only", "publication": "the document's publication date (no date in the text)",
    "narrative": "carried from the narrative before it",
}


def _decorate(item: dict[str, Any]) -> None:
    ev = item["event"]
    ev["cameo_name"] = cameo_name(ev.get("cameo"))
    ev["quad_name"] = codes.QUAD_NAMES.get(ev.get("quad_class"), "")
    ev["date_method"] = DATE_METHODS.get(ev.get("date_precision"), f"stated to the {ev.get('date_precision')}")
    p = item.get("passage")
    ev["trigger_text"] = None
    if p:
        p["pieces"] = pieces(p["text"], [(p["sentence"]["start"], p["sentence"]["end"])])
        if ev.get("trigger_start") is not None and ev.get("trigger_end") is not None:
            ts, te = ev["trigger_start"] - p["start"], ev["trigger_end"] - p["start"]
            if 0 <= ts < te <= len(p["text"]):
                ev["trigger_text"] = p["text"][ts:te]


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
