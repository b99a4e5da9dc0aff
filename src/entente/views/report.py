"""One self-contained HTML report for a dyad: charts, milestones, dimensions,
asymmetry, quotes, and the evidence sentences behind every figure.

Offline by construction: inline CSS, charts drawn here as inline SVG (no
script at all), no link, image or font from anywhere. Every piece of text from
the store is HTML-escaped, and any "http" inside it is written as a character
reference, so the file holds no URL even when a document quotes one.
"""
from __future__ import annotations

import datetime as dt
import html
import math
import re
from pathlib import Path

import pandas as pd
from jinja2 import Environment
from markupsafe import Markup

from entente import codes
from entente.analysis import evidence, indices, milestones
from entente.coding.dimensions import label as dim_label
from entente.views.report_models import models_section

QUAD_COLORS = {1: "#7fb3d5", 2: "#1f618d", 3: "#f5b041", 4: "#c0392b"}
QUAD_KEYS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
_HTTP = re.compile(r"(h)(ttps?)", re.IGNORECASE)


def esc(value) -> Markup:
    """Escape text for HTML and defuse URLs ("http" -> "&#104;ttp", same rendering)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return Markup("")
    if isinstance(value, Markup):
        return value
    text = html.escape(str(value), quote=True)
    return Markup(_HTTP.sub(lambda m: f"&#{ord(m[1])};{m[2]}", text))


def _anchor(label: str) -> str:
    return "p-" + re.sub(r"[^0-9A-Za-z]", "-", str(label))


def _choose_period(idx_years: float) -> str:
    return "year" if idx_years > 8 else "quarter" if idx_years > 3 else "month"


def _bars_svg(df: pd.DataFrame, *, value: str, title: str, width: int = 920, height: int = 240) -> Markup:
    """Signed bars (one per period) linking to that period's evidence."""
    if df.empty:
        return Markup("<p class=muted>No events in range.</p>")
    pad_l, pad_b, pad_t = 48, 38, 14
    vals = df[value].astype(float).tolist()
    top, bot = max(0.0, *vals), min(0.0, *vals)
    span = (top - bot) or 1.0
    plot_h, plot_w = height - pad_b - pad_t, width - pad_l - 8
    bw = plot_w / len(vals)
    y0 = pad_t + plot_h * top / span
    parts = [f'<svg class=chart viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">',
             f'<line x1="{pad_l}" x2="{width - 8}" y1="{y0:.1f}" y2="{y0:.1f}" stroke="#555"/>',
             f'<text x="4" y="{pad_t + 4}" class=ax>{top:.0f}</text>',
             f'<text x="4" y="{height - pad_b}" class=ax>{bot:.0f}</text>']
    step = max(1, math.ceil(len(vals) / 14))
    for i, (row, v) in enumerate(zip(df.itertuples(), vals)):
        x = pad_l + i * bw
        h = plot_h * abs(v) / span
        y = y0 - h if v >= 0 else y0
        color = "#1e8449" if v >= 0 else "#c0392b"
        tip = f"{row.period}: {v:+.1f} ({_plural(row.n_events, 'event')})"
        bar = (f'<rect x="{x + bw * 0.1:.1f}" y="{y:.1f}" width="{max(bw * 0.8, 1):.1f}" height="{max(h, 0.5):.1f}" '
               f'fill="{color}"><title>{esc(tip)}</title></rect>')
        if row.n_events:
            bar = f'<a href="#{_anchor(row.period)}">{bar}</a>'
        parts.append(bar)
        if i % step == 0:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - pad_b + 16}" class=ax '
                         f'text-anchor="middle">{esc(row.period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _stacked_svg(df: pd.DataFrame, *, width: int = 920, height: int = 240) -> Markup:
    """Quad-class counts stacked per period."""
    if df.empty:
        return Markup("<p class=muted>No events in range.</p>")
    pad_l, pad_b, pad_t = 48, 38, 14
    top = max(1, int(df["n_events"].max()))
    plot_h, plot_w = height - pad_b - pad_t, width - pad_l - 8
    bw = plot_w / len(df)
    parts = [f'<svg class=chart viewBox="0 0 {width} {height}" role="img" aria-label="events by quad class">',
             f'<line x1="{pad_l}" x2="{width - 8}" y1="{pad_t + plot_h}" y2="{pad_t + plot_h}" stroke="#555"/>',
             f'<text x="4" y="{pad_t + 4}" class=ax>{top}</text>']
    step = max(1, math.ceil(len(df) / 14))
    for i, row in enumerate(df.itertuples()):
        x, y = pad_l + i * bw, pad_t + plot_h
        for q, key in enumerate(QUAD_KEYS, 1):
            n = int(getattr(row, key))
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            tip = f"{row.period}: {n} {codes.QUAD_NAMES[q]}"
            parts.append(f'<a href="#{_anchor(row.period)}"><rect x="{x + bw * 0.1:.1f}" y="{y:.1f}" '
                         f'width="{max(bw * 0.8, 1):.1f}" height="{h:.1f}" fill="{QUAD_COLORS[q]}">'
                         f'<title>{esc(tip)}</title></rect></a>')
        if i % step == 0:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{height - pad_b + 16}" class=ax '
                         f'text-anchor="middle">{esc(row.period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _timeline_svg(ms: pd.DataFrame, *, width: int = 920, height: int = 90) -> Markup:
    """Milestones as dots on a time axis, sized by sources, linking to their entry."""
    if ms.empty:
        return Markup("")
    years = [int(str(d)[:4]) for d in ms["date"]]
    lo, hi = min(years), max(years) + 1
    span = max(hi - lo, 1)
    parts = [f'<svg class=chart viewBox="0 0 {width} {height}" role="img" aria-label="milestone timeline">',
             f'<line x1="20" x2="{width - 20}" y1="45" y2="45" stroke="#555"/>',
             f'<text x="20" y="80" class=ax>{lo}</text>',
             f'<text x="{width - 20}" y="80" class=ax text-anchor="end">{hi - 1}</text>']
    for m, y in zip(ms.itertuples(), years):
        frac = (y - lo + (int(str(m.date)[5:7]) - 1) / 12 if len(str(m.date)) >= 7 else y - lo) / span
        x = 20 + frac * (width - 40)
        r = 4 + 2 * min(m.n_sources, 5)
        color = QUAD_COLORS.get(int(m.quad_class), "#555")
        parts.append(f'<a href="#m-{esc(m.milestone_id)}"><circle cx="{x:.1f}" cy="45" r="{r}" fill="{color}" '
                     f'fill-opacity="0.75"><title>{esc(m.date)} {esc(m.label)} ({m.n_sources} sources)</title>'
                     f'</circle></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _dims_svg(dims: pd.DataFrame, *, width: int = 920) -> Markup:
    rows = dims[dims["n_events"] > 0]
    if rows.empty:
        return Markup("")
    top = int(rows["n_events"].max())
    h = 24 * len(dims) + 10
    parts = [f'<svg class=chart viewBox="0 0 {width} {h}" role="img" aria-label="events by dimension">']
    for i, d in enumerate(dims.itertuples()):
        y = 6 + 24 * i
        w = (width - 260) * d.n_events / top if top else 0
        color = "#1e8449" if d.net_cooperation >= 0 else "#c0392b"
        parts.append(f'<text x="0" y="{y + 14}" class=ax>{esc(d.label)}</text>'
                     f'<rect x="200" y="{y}" width="{w:.1f}" height="18" fill="{color}" fill-opacity="0.8">'
                     f'<title>{_plural(d.n_events, "event")}, net {d.net_cooperation:+.1f}</title></rect>'
                     f'<text x="{205 + w:.1f}" y="{y + 14}" class=ax>{d.n_events}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _span_years(con, a: str, b: str, start, end) -> float:
    ev = indices.dyad_index(con, a, b, period="year", start=start, end=end, undirected=True)
    return float(len(ev))


def build_context(con, *, a: str, b: str, start: str | None = None, end: str | None = None,
                  period: str | None = None) -> dict:
    """Everything the report shows, as plain data (also handy for tests)."""
    period = period or _choose_period(_span_years(con, a, b, start, end))
    idx = indices.dyad_index(con, a, b, period=period, start=start, end=end, undirected=True)
    ms = milestones.milestones(con, a, b, start=start, end=end, limit=40, order="date")
    ms_ev = _clean(milestones.evidence(con, [e for ids in ms["event_ids"] for e in ids])) if len(ms) else pd.DataFrame()
    by_event = {r.event_id: r for r in ms_ev.itertuples()} if len(ms_ev) else {}
    ms_sources = {}
    for m in ms.itertuples():
        seen: dict[tuple, object] = {}
        for e in m.event_ids:
            r = by_event.get(e)
            if r is not None and r.doc_name:  # one entry per passage (a symmetric pair shares one)
                seen.setdefault((r.doc_name, r.sent_start, r.sent_end), r)
        ms_sources[m.milestone_id] = list(seen.values())
    asym = indices.asymmetry(con, a, b, period=period, start=start, end=end)
    asym = asym[(asym["n_a_to_b"] + asym["n_b_to_a"]) > 0]
    total = indices.asymmetry(con, a, b, period="all", start=start, end=end)
    events = evidence.pair_events(con, a, b, start=start, end=end)
    events = _clean(events)
    groups: dict[str, list] = {}
    for r in events.itertuples():
        lo_label = _period_label(period, r.date_start)
        groups.setdefault(lo_label, []).append(r)
    return {
        "a": a, "b": b, "start": start, "end": end, "period": period, "index": idx,
        "dims": indices.dimension_breakdown(con, a, b, start=start, end=end),
        "milestones": ms, "milestone_sources": ms_sources, "asymmetry": asym, "asym_total": total,
        "quotes": _clean(evidence.top_quotes(con, a, b, start=start, end=end)),
        "documents": _clean(evidence.pair_documents(con, a, b, start=start, end=end)),
        "evidence": groups, "n_events": len(events),
    }


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values as None (NaN is truthy in templates and prints as 'nan')."""
    return df.astype(object).where(df.notna(), None)


def _period_label(period: str, d) -> str:
    d = pd.Timestamp(d).date()
    if period == "month":
        return f"{d.year}-{d.month:02d}"
    if period == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if period == "year":
        return str(d.year)
    return f"{d.year // 10 * 10}s"


def _plural(n, word: str) -> str:
    """"1 event", "2 events"."""
    n = int(n or 0)
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def key_findings(ctx: dict) -> list[str]:
    """The few sentences an analyst reads first, from the index, asymmetry and milestones."""
    out = []
    idx = ctx["index"]
    busy = idx[idx["n_events"] > 0]
    if len(busy):
        best = busy.loc[busy["net_cooperation"].idxmax()]
        worst = busy.loc[busy["net_cooperation"].idxmin()]
        out.append(f"Most cooperative {ctx['period']}: {best['period']} (net cooperation "
                   f"{best['net_cooperation']:+.1f} from {_plural(best['n_events'], 'event')}).")
        if worst["net_cooperation"] < 0:
            out.append(f"Most conflictual {ctx['period']}: {worst['period']} (net {worst['net_cooperation']:+.1f}).")
        coop = int(busy[["verbal_coop", "material_coop"]].to_numpy().sum())
        total = int(busy["n_events"].sum())
        out.append(f"{coop / total:.0%} of the pair's {_plural(total, 'event')} are cooperative.")
    for r in ctx["asym_total"].itertuples():
        if r.initiative_share_a is not None and r.initiative_share_a == r.initiative_share_a:
            out.append(f"{ctx['a']} initiates {r.initiative_share_a:.0%} of the pair's events.")
    ms = ctx["milestones"]
    if len(ms):
        top = ms.sort_values("n_sources", ascending=False).iloc[0]
        out.append(f"Best-attested milestone: {top['date']} {top['label']} ({_plural(top['n_sources'], 'source')}).")
    return out


def caveats(ctx: dict) -> list[str]:
    """What the numbers cannot say: coarse dates and uneven coverage."""
    idx = ctx["index"]
    n_imprecise = int(idx["n_imprecise"].sum()) if len(idx) else 0
    out = [f"Dating: {_plural(n_imprecise, 'event')} carry a date coarser than the {ctx['period']} "
           "(a year or decade only); they are counted in the first period their date covers."
           if n_imprecise else f"Dating: every event is dated at least to the {ctx['period']}.",
           "Dates come from the text where it gives one, else from the narrative or the document's "
           "publication date: an event told years later may be dated by when it was written about.",
           f"Coverage: the counts follow the {_plural(len(ctx['documents']), 'document')} behind them; "
           "a period with few documents shows few events, not a quiet relationship."]
    return out


def _cite(title, date, sentence, *, width: int = 160) -> str:
    """Title, date and a short quote of the passage."""
    q = " ".join(str(sentence or "").split())
    if len(q) > width:
        q = q[:width].rsplit(" ", 1)[0] + "…"
    return f"{title or 'untitled'} ({date or 'undated'}): “{q}”"


def _fmt(v, spec: str = ".2f") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return format(v, spec)


def write_report(con, *, a: str, b: str, start: str | None = None, end: str | None = None, out: Path,
                 period: str | None = None) -> Path:
    """Write the dyad report to ``out`` (one HTML file, no external reference) and return its path.

    ``period`` month|quarter|year|decade; by default year for spans over eight
    years, quarter over three, else month.
    """
    ctx = build_context(con, a=a, b=b, start=start, end=end, period=period)
    env = Environment(autoescape=True, finalize=esc)
    env.filters.update(fmt=_fmt, plural=_plural, anchor=_anchor, dim=dim_label, code_name=lambda c: codes.lookup(c).name)
    doc = env.from_string(TEMPLATE).render(
        **ctx, net_svg=_bars_svg(ctx["index"], value="net_cooperation", title="net cooperation"),
        quad_svg=_stacked_svg(ctx["index"]), timeline_svg=_timeline_svg(ctx["milestones"]),
        dims_svg=_dims_svg(ctx["dims"]), quad_colors=QUAD_COLORS, css=Markup(CSS), quad_names=codes.QUAD_NAMES,
        models_html=models_section(con, a, b, period=ctx.get("period") or "year"),
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"), findings=key_findings(ctx), caveats=caveats(ctx),
        cite=_cite,
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(doc, encoding="utf-8")
    return out


CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;max-width:980px;margin:2em auto;padding:0 1em}
h1{font-size:1.6em;margin-bottom:.2em} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
.muted{color:#777} .chart{width:100%;height:auto;background:#fafafa;border:1px solid #eee}
.ax{font-size:11px;fill:#555} table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}
th,td{border-bottom:1px solid #e5e5e5;padding:.3em .45em;text-align:left;vertical-align:top}
th{background:#f3f3f3} td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:1em} .sw{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-1px}
blockquote{margin:.4em 0;padding:.3em .8em;border-left:3px solid #aaa;background:#f8f8f8}
.src{font-size:.85em;color:#555} .ev{margin:.3em 0 .6em} .sent{background:#fff8c4}
details{margin:.3em 0} summary{cursor:pointer;font-weight:600}
"""

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ a }}–{{ b }} relationship report</title>
<style>{{ css }}</style></head>
<body>
<h1>{{ a }}–{{ b }}: the relationship from the evidence</h1>
<p class=muted>{% if start or end %}Range: {{ start or "the beginning" }} – {{ end or "the latest" }}{% else %}All dates{% endif %} · {{ n_events|plural("event") }} ·
{{ documents|length|plural("document") }} · by {{ period }} · generated {{ generated }} by entente.</p>

<h2 id=findings>Key findings</h2>
<ul>{% for f in findings %}<li>{{ f }}</li>{% else %}<li class=muted>No events in range.</li>{% endfor %}</ul>
<h3>Caveats</h3>
<ul class=muted>{% for c in caveats %}<li>{{ c }}</li>{% endfor %}</ul>

<h2 id=net>Net cooperation</h2>
<p class=muted>Vertical axis: net cooperation (sum of Goldstein scores); horizontal axis: {{ period }}.</p>
<p class=muted>Sum of Goldstein scores of the pair's events per {{ period }} (cooperation positive,
conflict negative; a symmetric joint action counts once). Click a bar for its evidence.</p>
{{ net_svg }}

<h2 id=quad>Events by quad class</h2>
<p class=muted>Vertical axis: number of events; horizontal axis: {{ period }}.</p>
<p class=legend>{% for q, name in quad_names.items() %}<span><i class=sw style="background:{{ quad_colors[q] }}"></i>{{ name }}</span>{% endfor %}</p>
{{ quad_svg }}
<details><summary>Table</summary><table><tr><th>{{ period }}</th><th>events</th>{% for q, name in quad_names.items() %}<th>{{ name }}</th>{% endfor %}<th>net cooperation</th><th>imprecise dates</th></tr>
{% for r in index.itertuples() if r.n_events %}<tr><td><a href="#{{ r.period|anchor }}">{{ r.period }}</a></td><td class=n>{{ r.n_events }}</td><td class=n>{{ r.verbal_coop }}</td><td class=n>{{ r.material_coop }}</td><td class=n>{{ r.verbal_conflict }}</td><td class=n>{{ r.material_conflict }}</td><td class=n>{{ r.net_cooperation|fmt(".1f") }}</td><td class=n>{{ r.n_imprecise }}</td></tr>
{% endfor %}</table></details>

<h2 id=milestones>Milestones</h2>
<p class=muted>One entry per happening, however many documents tell it; dot size is the number of sources.</p>
{{ timeline_svg }}
<table><tr><th>date</th><th>milestone</th><th>dimension</th><th>sources</th><th>score</th></tr>
{% for m in milestones.itertuples() %}<tr id="m-{{ m.milestone_id }}"><td>{{ m.date }}</td><td>{{ m.label }}{% if m.novel %} <span class=muted>(first)</span>{% endif %}</td>
<td>{{ m.dimension|dim }}</td><td>{{ m.n_sources }}<div class=src>{% for s in milestone_sources[m.milestone_id] %}{{ cite(s.doc_name, s.date, s.sentence) }}{% if not loop.last %}<br>{% endif %}{% endfor %}</div></td><td class=n>{{ m.score|fmt(".2f") }}</td></tr>
{% else %}<tr><td colspan=5 class=muted>No milestones in range.</td></tr>{% endfor %}</table>

<h2 id=dimensions>Dimensions</h2>
{{ dims_svg }}
<table><tr><th>dimension</th><th>events</th>{% for q, name in quad_names.items() %}<th>{{ name }}</th>{% endfor %}<th>net cooperation</th></tr>
{% for d in dims.itertuples() %}<tr><td>{{ d.label }}</td><td class=n>{{ d.n_events }}</td><td class=n>{{ d.verbal_coop }}</td><td class=n>{{ d.material_coop }}</td><td class=n>{{ d.verbal_conflict }}</td><td class=n>{{ d.material_conflict }}</td><td class=n>{{ d.net_cooperation|fmt(".1f") }}</td></tr>
{% endfor %}</table>

<h2 id=asymmetry>Asymmetry</h2>
<p class=muted>Who initiates: events {{ a }}→{{ b }} against {{ b }}→{{ a }}; the share of material cooperation flowing
from {{ a }}; and the Goldstein balance ({{ a }}→{{ b }} minus {{ b }}→{{ a }}).</p>
<table><tr><th>{{ period }}</th><th>{{ a }}→{{ b }}</th><th>{{ b }}→{{ a }}</th><th>{{ a }} initiates</th><th>material coop {{ a }}→{{ b }}</th><th>material coop {{ b }}→{{ a }}</th><th>share from {{ a }}</th><th>Goldstein balance</th></tr>
{% for r in asym_total.itertuples() %}<tr><th>all</th><td class=n>{{ r.n_a_to_b }}</td><td class=n>{{ r.n_b_to_a }}</td><td class=n>{{ r.initiative_share_a|fmt(".0%") }}</td><td class=n>{{ r.material_coop_a_to_b }}</td><td class=n>{{ r.material_coop_b_to_a }}</td><td class=n>{{ r.material_coop_share_a|fmt(".0%") }}</td><td class=n>{{ r.goldstein_balance|fmt("+.1f") }}</td></tr>{% endfor %}
{% for r in asymmetry.itertuples() %}<tr><td><a href="#{{ r.period|anchor }}">{{ r.period }}</a></td><td class=n>{{ r.n_a_to_b }}</td><td class=n>{{ r.n_b_to_a }}</td><td class=n>{{ r.initiative_share_a|fmt(".0%") }}</td><td class=n>{{ r.material_coop_a_to_b }}</td><td class=n>{{ r.material_coop_b_to_a }}</td><td class=n>{{ r.material_coop_share_a|fmt(".0%") }}</td><td class=n>{{ r.goldstein_balance|fmt("+.1f") }}</td></tr>
{% endfor %}</table>

<h2 id=quotes>Top quotes</h2>
{% for q in quotes.itertuples() %}<blockquote>“{{ q.text }}”<div class=src>— {{ q.speaker }}{% if q.speaker_actor %} ({{ q.speaker_actor }}){% endif %}, {{ q.doc_title or q.doc_name }}{% if q.doc_published %}, {{ q.doc_published }}{% endif %}</div></blockquote>
{% else %}<p class=muted>No quotes in the pair's documents.</p>{% endfor %}

<h2 id=sources>Documents</h2>
<table><tr><th>document</th><th>title</th><th>site</th><th>published</th><th>events</th></tr>
{% for d in documents.itertuples() %}<tr><td>{{ d.name }}</td><td>{{ d.title }}</td><td>{{ d.site }}</td><td>{{ d.published }}</td><td class=n>{{ d.n_events }}</td></tr>
{% endfor %}</table>

{{ models_html }}
<h2 id=evidence>Appendix: evidence by {{ period }}</h2>
<p class=muted>Every event counted above, with the sentence it was coded from (document name and character offsets).
Imported events (GDELT, ICEWS) are listed by their dataset id.</p>
{% for label, rows in evidence.items() %}<details id="{{ label|anchor }}" open><summary>{{ label }} · {{ rows|length|plural("event") }}</summary>
{% for e in rows[:60] %}<div class=ev>{{ e.date or "undated" }} · {{ e.source }}→{{ e.target }} · {{ e.cameo }} {{ e.cameo|code_name }} · {{ e.dimension|dim }}<br>
{% if e.sentence %}<span class=sent>{{ e.sentence }}</span><div class=src>{{ e.doc_title or e.doc_name }}{% if e.doc_published %}, {{ e.doc_published }}{% endif %}</div>{% else %}<div class=src>{{ e.origin }} event {{ e.external_id }}</div>{% endif %}</div>
{% endfor %}{% if rows|length > 60 %}<p class=muted>… {{ rows|length - 60 }} more in this {{ period }}.</p>{% endif %}
</details>
{% endfor %}
</body></html>
"""
