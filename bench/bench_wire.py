"""Accuracy on wire-style sentences: one news sentence per document, any dyad.

The gold texts of this project are long China–Russia analyses; a held-out set of single wire
sentences judges the coder too. This check stands in for it with ConfliBERT's training splits in
``../shared/external/conflibert`` (GPL-3.0: read from there, never copied or trained on):
``cameo_ner_train.txt`` marks the source (S) and target (T) of each sentence, ``cameo_class_train.tsv``
its PentaClass (0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict). A sentence is scored when both spans map to actor codes of the project's
dictionary; an event matches when its source, target and PentaClass do. A predicted CAMEO root
is mapped to PentaClass the way ConfliBERT's own coders map it (``cameo_conflibert``: roots 01-02
are statements, 16 is verbal conflict); each sentence has one gold event, so a correct second
direction of a joint act counts as a false positive here.
Prints precision, recall and F1 for the learned coder and for the rules alone.

    python bench/bench_wire.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path


def penta(root: str) -> int:
    """ConfliBERT's PentaClass of a CAMEO root, as its coders assign it in
    ``external/cameo_conflibert`` (0-1 and 0-2 statements, 3-16 verbal conflict)."""
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 or r == 16 else 4


def _bio(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        parts = line.split()
        cur.append((parts[0], parts[-1]))
    return sents + ([cur] if cur else [])


def _first_span(sent, tag: str) -> str | None:
    words = []
    for w, t in sent:
        if t == "B-" + tag and words:
            break
        if t == "B-" + tag or (t == "I-" + tag and words):
            words.append(w)
        elif words:
            break
    return " ".join(words) or None


def items(shared: Path, coder) -> list[tuple[str, tuple[str, str, int]]]:
    """(sentence, (source code, target code, PentaClass)) for the scorable sentences."""
    def norm(x):
        return re.sub(r"\W", "", x.lower())

    folder = shared / "external" / "conflibert"
    labels = {}
    for line in (folder / "cameo_class_train.tsv").read_text("utf-8").splitlines():
        if "\t" in line:
            text, lab = line.rsplit("\t", 1)
            labels[norm(text)] = (text.strip(), int(lab))

    def code(text):
        ms = coder.actors.find_mentions(coder.nlp(text))
        return ms[0].code if ms else None

    out = []
    for sent in _bio(folder / "cameo_ner_train.txt"):
        hit = labels.get(norm("".join(w for w, _ in sent)))
        s, t = _first_span(sent, "S"), _first_span(sent, "T")
        if hit is None or s is None or t is None:
            continue
        sc, tc = code(s), code(t)
        if sc and tc and sc != tc:
            out.append((hit[0], (sc, tc, hit[1])))
    return out


def score(coder, data) -> dict:
    from entente.types import Document

    tp = fp = fn = 0
    for text, gold in data:
        doc = Document(name="wire.txt", path="wire.txt", text=text, format="text", content_hash="0",
                       published="2015-01-01", published_precision="day")
        got = {(e.source, e.target, penta(e.cameo[:2])) for e in coder.code(doc, coder.nlp(text)).events}
        hit = gold in got
        tp += hit
        fn += not hit
        fp += len(got) - hit
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3),
            "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    from entente.coding.coder import Coder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    args = ap.parse_args()
    learned = Coder().load()
    data = items(Path(args.shared), learned)
    print(f"{len(data)} wire sentences with a mapped source and target")
    print("learned:", score(learned, data))
    print("rules:  ", score(Coder(learned=False).load(), data))


if __name__ == "__main__":
    main()
