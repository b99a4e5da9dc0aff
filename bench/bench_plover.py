"""Accuracy on the CAMEO manual's example sentences: one wire sentence per record, any dyad, CAMEO root.

A second stand-in (beside bench_wire.py) for the held-out set of international wire sentences,
this one scored on the CAMEO root as the hidden set is. It reads the PLOVER gold records in
``../shared/external/plover/PLOVER_GSR_CAMEO.json`` (CC BY-SA 4.0: read from there, never copied
into the project or trained on). Each record names its source and target actors by their words
and its PLOVER event; an actor counts when the project's dictionary codes its words, and a record
is scored when both sides do. PLOVER's events of that file (draft 0.5) map back to the CAMEO root
they were made from (the map below); the manual's DEMAND covers appeals too (02 and 10), and
PROTEST formal complaints (14 and 11). A predicted event matches when source, target and root do.
The records code only the sentence's main act, so a correct second event (a visit's host side,
an act the sentence mentions in passing) counts as a false positive: precision reads low.
Prints per-root recall and precision, recall and F1 for the learned coder and for the rules alone.

    python bench/bench_plover.py [--shared ../shared] [--misses]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT_OF = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "CONCEDE": "08",
           "RETREAT": "08", "INVESTIGATE": "09", "DEMAND": "10", "DISAPPROVE": "11", "REJECT": "12",
           "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
           "ASSAULT": "18", "FIGHT": "19"}
ALSO = {"10": "02", "14": "11"}  # a gold root → a predicted root that counts for it


def _actors(value) -> list[dict]:
    items = value if isinstance(value, list) else [value]
    return [a for a in items if isinstance(a, dict) and a.get("actorText")]


def items(shared: Path, coder) -> list[tuple[str, set[tuple[str, str, str]]]]:
    """(sentence, {(source code, target code, root)}) for the scorable records."""
    records = json.loads((shared / "external" / "plover" / "PLOVER_GSR_CAMEO.json").read_text("utf-8"))

    def code(words):
        ms = coder.actors.find_mentions(coder.nlp(words))
        return ms[0].code if ms else None

    out = []
    for rec in records:
        root = ROOT_OF.get(rec.get("event"))
        if root is None or not rec.get("text"):
            continue
        gold = set()
        for s in _actors(rec.get("source")):
            for t in _actors(rec.get("target")):
                sc, tc = code(s["actorText"]), code(t["actorText"])
                if sc and tc and sc != tc:
                    gold.add((sc, tc, root))
        if gold:
            out.append((rec["text"], gold))
    return out


def score(coder, data, *, misses: bool = False) -> dict:
    from entente.types import Document

    tp = fp = fn = 0
    due, found = Counter(), Counter()
    for text, gold in data:
        doc = Document(name="wire.txt", path="wire.txt", text=text, format="text", content_hash="0",
                       published="2000-01-01", published_precision="day")
        got = set()
        for e in coder.code(doc, coder.nlp(text)).events:
            root = e.cameo[:2]
            # a root that counts for the gold root of the same pair is read as that root
            root = next((g[2] for g in gold if g[:2] == (e.source, e.target) and ALSO.get(g[2]) == root), root)
            got.add((e.source, e.target, root))
        tp += len(gold & got)
        fn += len(gold - got)
        fp += len(got - gold)
        for g in gold:
            due[g[2]] += 1
            found[g[2]] += g in got
        if misses and gold - got:
            print("  missed", sorted(gold - got), "got", sorted(got), "|", text[:160])
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3),
            "tp": tp, "fp": fp, "fn": fn, "recall_by_root": {k: f"{found[k]}/{due[k]}" for k in sorted(due)}}


def main() -> None:
    from entente.coding.coder import Coder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    ap.add_argument("--misses", action="store_true", help="print the learned coder's missed records")
    args = ap.parse_args()
    learned = Coder().load()
    data = items(Path(args.shared), learned)
    print(f"{len(data)} records with a coded source and target, {sum(len(g) for _, g in data)} gold events")
    print("learned:", score(learned, data, misses=args.misses))
    print("rules:  ", score(Coder(learned=False).load(), data))


if __name__ == "__main__":
    main()
