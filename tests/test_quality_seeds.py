"""Quality on the shared seed gold, scored from our own JSONL export (regression floors)."""
from __future__ import annotations

import pytest


@pytest.mark.slow
def test_seed_scores_stay_above_floors(shared):
    from entente.evaluation import evaluate

    s = evaluate(shared / "gold" / "seeds.jsonl", shared / "seeds").to_dict()
    assert s["events"]["f1"] >= 0.6, s["events"]
    assert s["events"]["precision"] >= 0.75, s["events"]
    assert s["quad_class"]["f1"] >= 0.62, s["quad_class"]
    assert s["dates"]["accuracy"] >= 0.8, s["dates"]
    assert s["quotes"]["f1"] >= 0.85, s["quotes"]
    assert s["meta"]["accuracy"] >= 0.8, s["meta"]
