"""The scorer on the shared seed gold (read from ../shared), and evaluate() end to end."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from entente.evaluation import evaluate, load_gold, render, score
from entente.store import db
from entente.store.export import export

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
GOLD = SHARED / "gold" / "seeds.jsonl"
SEEDS = SHARED / "seeds"

needs_seeds = pytest.mark.skipif(not GOLD.exists() or not SEEDS.is_dir(), reason="../shared seeds not present")


def _texts() -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in SEEDS.iterdir() if p.is_file()}


@needs_seeds
def test_seed_gold_parses():
    gold = load_gold(GOLD)
    assert len(gold.docs) == len(gold.metas) >= 5
    assert gold.events and gold.quotes
    assert all(len(e.code) == 2 and 1 <= int(e.code) <= 20 for e in gold.events)
    assert all(m.published_precision in ("day", "month", "year", None) for m in gold.metas.values())


@needs_seeds
def test_gold_scored_against_itself_is_perfect():
    gold = load_gold(GOLD)
    texts = _texts()
    preds = []
    for e in gold.events:
        i = texts[e.doc].index(e.sentence)
        preds.append({"kind": "event", "doc": e.doc, "start": i, "end": i + len(e.sentence), "source": e.source,
                      "target": e.target, "code": e.cameo or e.code, "date": e.date,
                      "date_precision": e.date_precision})
    for q in gold.quotes:
        i = texts[q.doc].index(q.text)
        preds.append({"kind": "quote", "doc": q.doc, "start": i, "end": i + len(q.text), "speaker": q.speaker})
    for m in gold.metas.values():
        preds.append({"kind": "meta", "doc": m.doc, "published": m.published,
                      "published_precision": m.published_precision})
    sc = score(gold, preds, texts)
    assert not sc.unlocatable and not sc.missing_docs
    for prf in (sc.events, sc.quad, sc.quotes):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert sc.dates.accuracy == 1.0 and sc.dates.n == len(gold.events)
    assert sc.meta.accuracy == 1.0 and sc.meta.n == len(gold.metas)
    assert sc.errors == []

    # Dropping every prediction for one document lowers recall only, by exactly its share.
    doc = gold.docs[0]
    rest = [p for p in preds if p["doc"] != doc or p["kind"] == "meta"]
    sc2 = score(gold, rest, texts)
    n_doc = sum(e.doc == doc for e in gold.events)
    assert sc2.events.precision == 1.0 and sc2.events.fn == n_doc

    buf = io.StringIO()
    render(sc2, Console(file=buf, width=160), errors=True)
    out = buf.getvalue()
    assert "events (root)" in out and doc in out and "miss" in out


def _write_docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "one.txt").write_text(
        "Beijing, May 16, 2024\n\nChinese President Xi Jinping met Russian President Vladimir Putin in Beijing "
        "on Thursday. The two leaders signed a joint statement on deepening their partnership.\n",
        encoding="utf-8",
    )
    (docs / "two.txt").write_text("Russia and China held joint naval exercises in the Sea of Japan in 2021.\n",
                                  encoding="utf-8")
    (docs / "other.txt").write_text("Russia criticised the United States.\n", encoding="utf-8")
    return docs


def test_evaluate_scores_exactly_the_export(tmp_path):
    docs = _write_docs(tmp_path)
    first = (docs / "one.txt").read_text("utf-8").splitlines()[2].split(". ")[0]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(r) for r in [
        {"doc": "one.txt", "kind": "meta", "published": "2024-05-16", "published_precision": "day"},
        {"doc": "one.txt", "kind": "event", "sentence": first, "source": "CHN", "target": "RUS", "code": "04",
         "date": "2024-05-16", "date_precision": "day"},
        {"doc": "two.txt", "kind": "meta", "published": None, "published_precision": None},
        {"doc": "two.txt", "kind": "event", "sentence": "Russia and China held joint naval exercises",
         "source": "RUS", "target": "CHN", "code": "06", "date": "2021", "date_precision": "year"},
    ]) + "\n", encoding="utf-8")
    store = tmp_path / "kept.duckdb"
    sc = evaluate(gold_path, docs, store_path=store, errors=True)
    assert list(sc.per_doc) == ["one.txt", "two.txt"]  # other.txt is not in the gold: ignored
    assert sc.ingest is not None and sc.ingest["failed"] == 0
    assert sc.events.tp + sc.events.fn == 2 and sc.meta.n == 2

    # The same numbers come from scoring our own JSONL export of the kept store.
    con = db.connect(store)
    out = tmp_path / "x.jsonl"
    export(con, fmt="jsonl", out=out)
    con.close()
    preds = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    texts = {p.name: p.read_text("utf-8") for p in docs.iterdir()}
    again = score(load_gold(gold_path), preds, texts).to_dict()
    expected = sc.to_dict()
    expected.pop("ingest")
    assert again == expected


def test_score_export_reads_a_predictions_file(tmp_path):
    from entente.errors import DataError
    from entente.evaluation import score_export

    docs = tmp_path / "d"
    docs.mkdir()
    text = "Russia criticised the United States.\n"
    (docs / "a.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"doc": "a.txt", "kind": "event", "sentence": text.strip(), "source": "RUS",
                                "target": "USA", "code": "11", "date": "2020", "date_precision": "year"}) + "\n")
    preds = tmp_path / "p.jsonl"
    preds.write_text(json.dumps({"kind": "event", "doc": "a.txt", "start": 0, "end": 10, "source": "RUS",
                                 "target": "USA", "code": "112", "date": "2020-01"}) + "\n")
    sc = score_export(gold, preds, docs)
    assert sc.events.f1 == 1.0 and sc.dates.accuracy == 1.0
    preds.write_text(preds.read_text() + "{oops\n")
    with pytest.raises(DataError, match="p.jsonl, line 2: invalid JSON"):
        score_export(gold, preds, docs)
