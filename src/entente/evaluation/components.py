"""Component scores on the shared seed gold: the quote extractor and the event-date resolver, each alone.

``../shared`` holds ``seeds/*.txt`` and ``gold/seeds.jsonl``. From the command line::

    python -m entente.evaluation.components --seeds ../shared [--misses]
"""
from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from pathlib import Path

from entente.coding.dates import DateResolver, doc_date_estimate
from entente.coding.quotes import extract_quotes
from entente.types import Document


def _load_nlp():
    from entente.nlp import load_nlp  # deferred: importing entente must stay light

    return load_nlp()  # the pipeline the coder parses with (sentence breaks, plain quotes)


def quote_seed_scores(shared: str | Path, *, nlp=None) -> dict[str, float]:
    """Quote precision, recall and F1 on the gold seeds under ``shared``, scored as the CODEBOOK says."""
    shared = Path(shared)
    gold: dict[str, list[dict]] = {}
    for line in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["kind"] == "quote":
            gold.setdefault(rec["doc"], []).append(rec)
    if nlp is None:
        nlp = _load_nlp()
    tp = n_pred = n_gold = 0
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        doc = Document(name=path.name, path=str(path), text=text, format="text", content_hash="")
        preds = extract_quotes(doc, nlp(text))
        golds = gold.get(path.name, [])
        n_pred += len(preds)
        n_gold += len(golds)
        used: set[int] = set()
        for g in golds:
            gs = text.find(g["text"])
            ge = gs + len(g["text"])
            last = g["speaker"].split()[-1].lower()
            for k, p in enumerate(preds):
                if k not in used and p.start < ge and gs < p.end and p.speaker.split()[-1].lower() == last:
                    used.add(k)
                    tp += 1
                    break
    prec = tp / n_pred if n_pred else 0.0
    rec_ = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
    return {"precision": prec, "recall": rec_, "f1": f1, "tp": tp, "pred": n_pred, "gold": n_gold}


def date_seed_scores(shared: str | Path, *, nlp=None, today: dt.date | None = None) -> dict[str, float]:
    """Share of gold seed events whose sentence date has the gold year.

    Each gold sentence is located at its first occurrence; the spaCy sentence holding its start
    gives the predicted date. The document date is the gold ``published`` or the estimate.
    """
    shared = Path(shared)
    recs = [json.loads(x) for x in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    meta = {r["doc"]: r for r in recs if r["kind"] == "meta"}
    if nlp is None:
        nlp = _load_nlp()
    hit = total = 0
    misses: list[str] = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        m = meta.get(path.name, {})
        date, prec = doc_date_estimate(text, m.get("published"), m.get("published_precision"), today=today)
        sdoc = nlp(text)
        res = DateResolver(sdoc, doc_date=date, doc_date_precision=prec, today=today)
        starts = [s.start_char for s in res.sents]
        for r in recs:
            if r["kind"] != "event" or r["doc"] != path.name:
                continue
            at = text.find(r["sentence"])
            k = max(0, bisect_right(starts, at) - 1)
            got = res.dates[k]
            total += 1
            if got[0][:4] == r["date"][:4]:
                hit += 1
            else:
                misses.append(f"{path.name[:3]} gold={r['date']} got={got} | {r['sentence'][:90]}")
    return {"year_accuracy": hit / total if total else 0.0, "hit": hit, "total": total, "misses": misses}


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Score quote extraction and event-date years on the gold seeds.")
    ap.add_argument("--seeds", default="../shared", help="folder holding seeds/ and gold/")
    ap.add_argument("--misses", action="store_true", help="list the events whose year differs")
    a = ap.parse_args(argv)
    nlp = _load_nlp()
    print("quotes", quote_seed_scores(a.seeds, nlp=nlp))
    out = date_seed_scores(a.seeds, nlp=nlp)
    print("dates", {k: v for k, v in out.items() if k != "misses"})
    if a.misses:
        print("\n".join(out["misses"]))


if __name__ == "__main__":
    main()
