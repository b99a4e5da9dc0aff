"""Score predictions against gold exactly as the CODEBOOK's "Scoring" section says.

- Gold sentences and quote texts are located by their FIRST exact occurrence
  in the document text; one that does not occur is reported as unlocatable
  and still counts as a miss. Predictions are located by their own offsets
  (``start``/``end``, half-open); ranges match when they share a character.
- Events match on overlap + equal source, target and CAMEO root (first two
  digits of ``code``); quad class is a separate matching with the root
  replaced by its quad class. Matching is one-to-one and maximal (see
  matching.py); among maximal event matchings the one with the most correct
  years is taken. P/R/F1 are micro-averaged over all gold documents.
- Dates: over events matched on root, the share whose predicted year (first
  four digits of ``date``) equals the gold year.
- Quotes: overlap + equal last names (last word of the name, punctuation
  stripped, case-insensitive).
- Meta: the share of gold meta records whose predicted ``published`` equals
  the gold date at the gold precision (day: 10 chars, month: 7, year: 4); a
  null gold date is right only when the prediction is null or absent.

Only documents named in the gold file count; other predictions are ignored.
"""
from __future__ import annotations

import re
import string
from collections import defaultdict
from dataclasses import dataclass, field

from entente.evaluation.gold import Gold
from entente.evaluation.matching import match

PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}
_PUNCT = string.punctuation + "“”‘’«»–—…"


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    correct: int = 0
    n: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    def add(self, other: "Accuracy") -> None:
        self.correct, self.n = self.correct + other.correct, self.n + other.n

    def to_dict(self) -> dict:
        return {"accuracy": round(self.accuracy, 4), "correct": self.correct, "n": self.n}


@dataclass
class DocScores:
    events: PRF = field(default_factory=PRF)
    quad: PRF = field(default_factory=PRF)
    quotes: PRF = field(default_factory=PRF)
    dates: Accuracy = field(default_factory=Accuracy)
    meta: Accuracy = field(default_factory=Accuracy)
    unlocatable: int = 0

    def to_dict(self) -> dict:
        return {"events": self.events.to_dict(), "quad_class": self.quad.to_dict(), "quotes": self.quotes.to_dict(),
                "dates": self.dates.to_dict(), "meta": self.meta.to_dict(), "unlocatable": self.unlocatable}


@dataclass
class Scores:
    events: PRF = field(default_factory=PRF)
    quad: PRF = field(default_factory=PRF)
    quotes: PRF = field(default_factory=PRF)
    dates: Accuracy = field(default_factory=Accuracy)
    meta: Accuracy = field(default_factory=Accuracy)
    per_doc: dict[str, DocScores] = field(default_factory=dict)
    per_code: dict[str, PRF] = field(default_factory=dict)
    unlocatable: list[dict] = field(default_factory=list)  # gold items whose text is not in the document
    missing_docs: list[str] = field(default_factory=list)  # gold documents with no text to score against
    errors: list[dict] = field(default_factory=list)  # false positives, misses, wrong years
    ingest: dict | None = None  # set by evaluate(): what the ingest run reported

    def to_dict(self, *, errors: bool = True) -> dict:
        out = {
            "events": self.events.to_dict(), "quad_class": self.quad.to_dict(), "dates": self.dates.to_dict(),
            "quotes": self.quotes.to_dict(), "meta": self.meta.to_dict(),
            "per_document": {d: s.to_dict() for d, s in self.per_doc.items()},
            "per_code": {c: s.to_dict() for c, s in sorted(self.per_code.items())},
            "unlocatable": self.unlocatable, "missing_docs": self.missing_docs,
        }
        if errors:
            out["errors"] = grouped_errors(self.errors)
        if self.ingest is not None:
            out["ingest"] = self.ingest
        return out


def grouped_errors(errors: list[dict]) -> dict[str, dict[str, list[dict]]]:
    """Errors as {document: {code: [error, …]}} (quotes under the code "quote")."""
    out: dict[str, dict[str, list[dict]]] = {}
    for e in errors:
        out.setdefault(e["doc"], {}).setdefault(e["code"], []).append(e)
    return {d: dict(sorted(by_code.items())) for d, by_code in sorted(out.items())}


def year_of(date) -> str | None:
    """The first four digits of a date ("2024-05" → "2024", "1960s" → "1960"), or None."""
    if not isinstance(date, str):
        return None
    m = re.search(r"\d{4}", date)
    return m.group(0) if m else None


def last_name(name) -> str:
    """Last word of a name, punctuation stripped, case-folded: "Mr. Lavrov," → "lavrov"."""
    if not isinstance(name, str):
        return ""
    words = [w.strip(_PUNCT) for w in name.split()]
    words = [w for w in words if w]
    return words[-1].casefold() if words else ""


def quad_of(root: str | None) -> int | None:
    if root is None or not root.isdigit() or not 1 <= int(root) <= 20:
        return None
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def _span(rec: dict) -> tuple[int, int] | None:
    try:
        s, e = int(rec["start"]), int(rec["end"])
    except (KeyError, TypeError, ValueError):
        return None
    return (s, e) if e > s else None


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _pred_root(rec: dict) -> str | None:
    code = rec.get("code") if rec.get("code") not in (None, "") else rec.get("cameo")
    if isinstance(code, int) and not isinstance(code, bool):
        code = f"{code:02d}"
    return str(code).strip()[:2] if code not in (None, "") else None


def _slice(text: str | None, span) -> str | None:
    return text[span[0]:span[1]] if text is not None and span is not None else None


def _locate(text: str | None, needle: str) -> tuple[int, int] | None:
    if text is None:
        return None
    i = text.find(needle)
    return (i, i + len(needle)) if i >= 0 else None


def _meta_correct(gold_meta, pred: dict | None) -> bool:
    predicted = pred.get("published") if pred else None
    predicted = predicted if isinstance(predicted, str) and predicted.strip() else None
    if gold_meta.published is None:
        return predicted is None
    if predicted is None:
        return False
    n = PRECISION_CHARS.get(gold_meta.published_precision or "", len(gold_meta.published))
    return predicted[:n] == gold_meta.published[:n]


def _score_doc(doc, gold: Gold, gevents: list, gquotes: list, preds: list[dict], text: str | None,
               scores: Scores) -> DocScores:
    ds = DocScores()
    pevents = [p for p in preds if p.get("kind") == "event"]
    pquotes = [p for p in preds if p.get("kind") == "quote"]
    pmeta = next((p for p in preds if p.get("kind") == "meta"), None)

    gspans = [_locate(text, g.sentence) for g in gevents]
    for g, sp in zip(gevents, gspans):
        if sp is None:
            scores.unlocatable.append({"doc": doc, "kind": "event", "line": g.line, "text": g.sentence})
    pspans = [_span(p) for p in pevents]
    proots = [_pred_root(p) for p in pevents]

    def candidates(key_of_gold, key_of_pred, bonus):
        edges = {}
        for i, g in enumerate(gevents):
            for j, p in enumerate(pevents):
                if (
                    _overlap(gspans[i], pspans[j]) and p.get("source") == g.source
                    and p.get("target") == g.target and key_of_pred(j) is not None
                    and key_of_pred(j) == key_of_gold(g)
                ):
                    edges[(i, j)] = bonus(i, j)
        return edges

    def year_ok(i, j) -> bool:
        gy = year_of(gevents[i].date)
        return gy is not None and year_of(pevents[j].get("date")) == gy

    root_match = match(candidates(lambda g: g.code, lambda j: proots[j], lambda i, j: float(year_ok(i, j))))
    quad_match = match(candidates(lambda g: quad_of(g.code), lambda j: quad_of(proots[j]), lambda i, j: 0.0))
    ds.events = PRF(tp=len(root_match), fp=len(pevents) - len(root_match), fn=len(gevents) - len(root_match))
    ds.quad = PRF(tp=len(quad_match), fp=len(pevents) - len(quad_match), fn=len(gevents) - len(quad_match))
    ds.unlocatable = sum(sp is None for sp in gspans)

    matched_preds = set(root_match.values())
    for i, g in enumerate(gevents):
        code = scores.per_code.setdefault(g.code, PRF())
        if i in root_match:
            code.tp += 1
            j = root_match[i]
            ds.dates.n += 1
            if year_ok(i, j):
                ds.dates.correct += 1
            else:
                scores.errors.append({
                    "doc": doc, "code": g.code, "type": "wrong_year", "kind": "event",
                    "source": g.source, "target": g.target, "gold_date": g.date,
                    "predicted_date": pevents[j].get("date"), "sentence": g.sentence,
                })
        else:
            code.fn += 1
            scores.errors.append({
                "doc": doc, "code": g.code, "type": "miss", "kind": "event", "source": g.source,
                "target": g.target, "date": g.date, "sentence": g.sentence, "line": g.line,
                "located": gspans[i] is not None,
            })
    for j, p in enumerate(pevents):
        if j in matched_preds:
            continue
        code = proots[j] or "?"
        scores.per_code.setdefault(code, PRF()).fp += 1
        scores.errors.append({
            "doc": doc, "code": code, "type": "false_positive", "kind": "event", "source": p.get("source"),
            "target": p.get("target"), "cameo": p.get("code"), "date": p.get("date"),
            "start": p.get("start"), "end": p.get("end"), "sentence": _slice(text, pspans[j]),
        })

    # Quotes: overlap and equal last names.
    qspans = [_locate(text, g.text) for g in gquotes]
    for g, sp in zip(gquotes, qspans):
        if sp is None:
            scores.unlocatable.append({"doc": doc, "kind": "quote", "line": g.line, "text": g.text})
    pqspans = [_span(p) for p in pquotes]
    qedges = {
        (i, j): 0.0
        for i, g in enumerate(gquotes) for j, p in enumerate(pquotes)
        if _overlap(qspans[i], pqspans[j]) and last_name(g.speaker) and last_name(g.speaker) == last_name(p.get("speaker"))
    }
    qmatch = match(qedges)
    ds.quotes = PRF(tp=len(qmatch), fp=len(pquotes) - len(qmatch), fn=len(gquotes) - len(qmatch))
    ds.unlocatable += sum(sp is None for sp in qspans)
    for i, g in enumerate(gquotes):
        if i not in qmatch:
            scores.errors.append({"doc": doc, "code": "quote", "type": "miss", "kind": "quote",
                                  "speaker": g.speaker, "sentence": g.text, "located": qspans[i] is not None})
    qmatched = set(qmatch.values())
    for j, p in enumerate(pquotes):
        if j not in qmatched:
            scores.errors.append({"doc": doc, "code": "quote", "type": "false_positive", "kind": "quote",
                                  "speaker": p.get("speaker"), "start": p.get("start"), "end": p.get("end"),
                                  "sentence": _slice(text, pqspans[j])})

    if doc in gold.metas:
        gm = gold.metas[doc]
        ds.meta = Accuracy(correct=int(_meta_correct(gm, pmeta)), n=1)
        if not ds.meta.correct:
            scores.errors.append({"doc": doc, "code": "meta", "type": "wrong_date", "kind": "meta",
                                  "gold_published": gm.published, "gold_precision": gm.published_precision,
                                  "predicted_published": pmeta.get("published") if pmeta else None})
    return ds


def score(gold: Gold, predictions: list[dict], texts: dict[str, str]) -> Scores:
    """Score ``predictions`` (export records: meta, event, quote) against ``gold``.

    ``texts`` maps a document's name to its text (the file decoded as UTF-8);
    a gold document without text has all its items unlocatable (misses).

    Example:
        >>> from entente.evaluation.gold import Gold, GoldEvent
        >>> g = Gold("g", events=[GoldEvent("a", "B met C.", "CHN", "RUS", "04", None, "2024", "year", 1)], docs=["a"])
        >>> p = [{"kind": "event", "doc": "a", "start": 0, "end": 8, "source": "CHN", "target": "RUS",
        ...       "code": "042", "date": "2024-05-01"}]
        >>> score(g, p, {"a": "B met C."}).events.f1
        1.0
    """
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in predictions:
        if isinstance(p, dict) and isinstance(p.get("doc"), str):
            by_doc[p["doc"]].append(p)
    gevents: dict[str, list] = defaultdict(list)
    gquotes: dict[str, list] = defaultdict(list)
    for g in gold.events:
        gevents[g.doc].append(g)
    for g in gold.quotes:
        gquotes[g.doc].append(g)
    scores = Scores()
    for doc in gold.docs:
        text = texts.get(doc)
        if text is None:
            scores.missing_docs.append(doc)
        ds = _score_doc(doc, gold, gevents[doc], gquotes[doc], by_doc.get(doc, []), text, scores)
        scores.per_doc[doc] = ds
        scores.events.add(ds.events)
        scores.quad.add(ds.quad)
        scores.quotes.add(ds.quotes)
        scores.dates.add(ds.dates)
        scores.meta.add(ds.meta)
    return scores



def evaluate(gold_path, docs_dir, **options) -> Scores:
    """Ingest, code, export and score ``docs_dir``; see ``entente.evaluation.run.evaluate``."""
    from entente.evaluation.run import evaluate as _evaluate

    return _evaluate(gold_path, docs_dir, **options)


def render(scores: Scores, console, *, errors: bool = False) -> None:
    """Print the summary tables (and with ``errors`` the error listing) on a Rich console."""
    from entente.evaluation.report import render as _render

    _render(scores, console, errors=errors)
