"""The report's regimes and scenarios section: a table of the dyad's regimes with
the milestones at each boundary, and the four shipped scenarios' effect on the
six triangle dyads (scenario − baseline, median and 80 % band at the horizon).
Plain escaped HTML; when a model cannot run on the data the section says why."""
from __future__ import annotations

from markupsafe import Markup, escape

from entente.errors import EntenteError


def models_section(con, a: str, b: str, *, period: str = "year", n_paths: int = 2000) -> Markup:
    from entente.models import scenarios
    from entente.models.forecast import LocalLevel
    from entente.models.regimes import RegimeModel, store_evidence
    from entente.models.series import from_store, label_of

    period = period if period in ("year", "quarter", "month") else "year"
    parts = ['<h2 id=regimes>Regimes</h2>']
    try:
        s = from_store(con, [(a, b)], period=period, undirected=True, measure="mean_goldstein")
        res = RegimeModel(s).fit(evidence=store_evidence(con, s))
        name = s.names[0]
        parts.append(f"<p>{escape(res.model)} on the tone per event (mean Goldstein score) by {escape(period)}; pooled noise scale "
                     f"{res.scale:.3g}; coverage {s.coverage()[name]['n_covered']} of {len(s.labels)} periods.</p>")
        parts.append("<table><tr><th>from</th><th>to</th><th>level</th><th>label</th><th>change (SD)</th>"
                     "<th>evidence at the boundary</th></tr>")
        for r in res.regimes[name]:
            ev = "; ".join(f"{m['date']} {m['label']}" for m in r["evidence"][:3])
            ch = "" if r["change"] is None else f"{r['change']:+.2f}"
            parts.append(f"<tr><td>{escape(r['start'])}</td><td>{escape(r['end'])}</td><td>{r['level']:+.2f}</td>"
                         f"<td>{escape(r['label'])}</td><td>{ch}</td><td>{escape(ev)}</td></tr>")
        parts.append("</table>")
    except EntenteError as e:
        parts.append(f"<p>No regimes: {escape(str(e))}</p>")
    parts.append('<h2 id=scenarios>Scenarios</h2>')
    try:
        tri = from_store(con, [tuple(t.split("->")) for t in scenarios_triangle()], period="month")
        fit = LocalLevel(tri.values, bands="gaussian").fit()
        last = tri.values.index[-1]
        labels = [label_of(last + i, "month") for i in range(1, 25)]
        parts.append(f"<p>{n_paths:,} Monte Carlo paths per scenario, 24 months after {escape(tri.labels[-1])}, "
                     "common random numbers; scenario − baseline in net cooperation, median (80 % band) "
                     "at the horizon. Shock sizes are assumptions stated in each file.</p>")
        head = "".join(f"<th>{escape(n)}</th>" for n in tri.names)
        parts.append(f"<table><tr><th>scenario</th><th>p</th>{head}</tr>")
        for f in scenarios.shipped():
            r = scenarios.run(fit, scenarios.load(f), future_labels=labels, n_paths=n_paths)
            cells = "".join(f"<td>{d[-1]['median']:+.2f} ({d[-1]['lo80']:+.2f} … {d[-1]['hi80']:+.2f})</td>"
                            for d in r["difference"].values())
            parts.append(f"<tr><td>{escape(r['scenario'])}</td><td>{r['probability']}</td>{cells}</tr>")
        parts.append("</table>")
    except EntenteError as e:
        parts.append(f"<p>No scenarios: {escape(str(e))}</p>")
    return Markup("\n".join(parts))


def scenarios_triangle() -> list[str]:
    from entente.models.series import TRIANGLE

    return TRIANGLE
