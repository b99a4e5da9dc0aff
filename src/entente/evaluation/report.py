"""Rich tables for a Scores object: summary, per document, per code, errors."""
from __future__ import annotations

from rich.table import Table

from entente.evaluation.score import Scores, grouped_errors


def _f(x: float) -> str:
    return f"{x:.3f}"


def summary_table(scores: Scores) -> Table:
    t = Table(title="Scores (CODEBOOK)", title_justify="left")
    for col in ("measure", "P", "R", "F1 / acc", "counts"):
        t.add_column(col, justify="left" if col in ("measure", "counts") else "right")
    for name, prf in (("events (root)", scores.events), ("quad class", scores.quad), ("quotes", scores.quotes)):
        t.add_row(name, _f(prf.precision), _f(prf.recall), _f(prf.f1), f"tp {prf.tp} fp {prf.fp} fn {prf.fn}")
    for name, acc in (("event year", scores.dates), ("publication date", scores.meta)):
        t.add_row(name, "", "", _f(acc.accuracy), f"{acc.correct}/{acc.n}")
    return t


def doc_table(scores: Scores) -> Table:
    t = Table(title="Per document", title_justify="left")
    for col in ("document", "event F1", "tp/fp/fn", "quad F1", "year", "quote F1", "date", "unlocatable"):
        t.add_column(col, justify="left" if col == "document" else "right")
    for doc, s in scores.per_doc.items():
        e = s.events
        t.add_row(
            doc, _f(e.f1), f"{e.tp}/{e.fp}/{e.fn}", _f(s.quad.f1), f"{s.dates.correct}/{s.dates.n}",
            _f(s.quotes.f1) if s.quotes.tp + s.quotes.fp + s.quotes.fn else "–",
            ("ok" if s.meta.correct else "wrong") if s.meta.n else "–", str(s.unlocatable),
        )
    return t


def code_table(scores: Scores) -> Table:
    t = Table(title="Per CAMEO root", title_justify="left")
    for col in ("code", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right")
    for code, s in sorted(scores.per_code.items()):
        t.add_row(code, _f(s.precision), _f(s.recall), _f(s.f1), str(s.tp), str(s.fp), str(s.fn))
    return t


def _error_line(e: dict) -> str:
    kind = e["type"].replace("_", " ")
    if e["kind"] == "event":
        what = f"{e.get('source')}→{e.get('target')}"
        if e["type"] == "wrong_year":
            what += f" year {e.get('predicted_date')} (gold {e.get('gold_date')})"
        elif e["type"] == "false_positive":
            what += f" {e.get('cameo')} {e.get('date')}"
        elif not e.get("located", True):
            what += " [gold sentence not found in the text]"
    elif e["kind"] == "quote":
        what = str(e.get("speaker"))
    else:
        return f"{kind}: published {e.get('predicted_published')} (gold {e.get('gold_published')})"
    sentence = " ".join((e.get("sentence") or "").split())
    if len(sentence) > 240:
        sentence = sentence[:237] + "…"
    return f"{kind}: {what}\n    {sentence}"


def render(scores: Scores, console, *, errors: bool = False) -> None:
    """Print the summary, per-document and per-code tables; with ``errors``, the error listing."""
    console.print(summary_table(scores))
    console.print(doc_table(scores))
    console.print(code_table(scores))
    if scores.missing_docs:
        console.print(f"[yellow]no text for {len(scores.missing_docs)} gold document(s):[/] "
                      + ", ".join(scores.missing_docs), markup=True)
    if scores.unlocatable:
        console.print(f"[yellow]{len(scores.unlocatable)} gold item(s) not found in their text (counted as misses)[/]")
    if not errors:
        return
    for doc, by_code in grouped_errors(scores.errors).items():
        console.rule(doc)
        for code, items in by_code.items():
            console.print(f"[bold]{code}[/]  ({len(items)})")
            for e in items:
                console.print(_error_line(e), markup=False, highlight=False)
