"""The one-to-one matcher finds the best assignment: checked against brute force on random graphs."""
from __future__ import annotations

import random

from entente.evaluation.matching import match


def _best(edges: dict, n_gold: int, n_pred: int) -> tuple[int, float]:
    best = (0, 0.0)

    def walk(g: int, used: frozenset, card: int, bonus: float) -> None:
        nonlocal best
        if g == n_gold:
            best = max(best, (card, bonus))
            return
        walk(g + 1, used, card, bonus)
        for p in range(n_pred):
            if p not in used and (g, p) in edges:
                walk(g + 1, used | {p}, card + 1, bonus + edges[(g, p)])

    walk(0, frozenset(), 0, 0.0)
    return best


def test_matches_brute_force_on_random_graphs():
    rng = random.Random(7)
    for _ in range(800):
        n_gold, n_pred = rng.randint(0, 5), rng.randint(0, 5)
        edges = {(g, p): float(rng.random() < 0.5)
                 for g in range(n_gold) for p in range(n_pred) if rng.random() < 0.45}
        m = match(edges)
        assert len(set(m.values())) == len(m)  # one-to-one
        assert all((g, p) in edges for g, p in m.items())
        assert (len(m), sum(edges[(g, p)] for g, p in m.items())) == _best(edges, n_gold, n_pred)


def test_prefers_more_matches_over_bonus():
    # gold 0 could take pred 0 with a bonus, but then gold 1 would go unmatched
    assert match({(0, 0): 1.0, (0, 1): 0.0, (1, 0): 0.0}) == {0: 1, 1: 0}


def test_large_component_falls_back_to_maximum_cardinality():
    n = 200  # above the Hungarian size limit
    edges = {(g, p): 0.0 for g in range(n) for p in (g, g + 1)}
    assert len(match(edges)) == n
