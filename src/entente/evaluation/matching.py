"""One-to-one matching of gold items to predictions.

The scorer wants the assignment with the most matches (a maximum bipartite
matching, not a greedy one that a bad order can starve) and, among those, the
one with the largest bonus (e.g. the most correct event years). We solve it as
a maximum-weight assignment (Hungarian algorithm) per connected component of
the candidate graph; components are small (items overlapping the same
sentences), so this is cheap. Very large components fall back to maximum
cardinality by augmenting paths, without the bonus.
"""
from __future__ import annotations

from collections import defaultdict

_HUNGARIAN_MAX = 150  # larger components: augmenting paths (O(VE)) instead of O(n^3)


def _hungarian_max(weights: list[list[float]]) -> list[int]:
    """Rows→columns assignment maximising total weight; n rows ≤ m columns.

    Returns, per row, its column. Classic O(n²m) potentials method.
    """
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    col_of = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            col_of[p[j] - 1] = j - 1
    return col_of


def _augmenting(gold: list, adj: dict) -> dict:
    """Maximum-cardinality matching (Kuhn's algorithm, iterative DFS), gold → prediction."""
    match_pred: dict = {}
    for root in gold:
        seen: set = set()
        stack = [(root, iter(adj[root]))]
        path: list = []  # (gold, pred) pairs along the current alternating path
        while stack:
            g, it = stack[-1]
            advanced = False
            for p in it:
                if p in seen:
                    continue
                seen.add(p)
                if p not in match_pred:
                    path.append((g, p))
                    for gg, pp in path:  # flip the augmenting path
                        match_pred[pp] = gg
                    stack = []
                else:
                    path.append((g, p))
                    nxt = match_pred[p]
                    stack.append((nxt, iter(adj[nxt])))
                advanced = True
                break
            if not advanced:
                stack.pop()
                if path:
                    path.pop()
    return {g: p for p, g in match_pred.items()}


def _components(edges: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g, p in edges:
        parent[find(("g", g))] = find(("p", p))
    groups: dict = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, idx = node
        groups[find(node)][0 if side == "g" else 1].append(idx)
    return [(sorted(gs), sorted(ps)) for gs, ps in groups.values()]


def match(edges: dict[tuple[int, int], float]) -> dict[int, int]:
    """Best one-to-one matching over candidate pairs.

    ``edges`` maps (gold index, prediction index) → bonus ≥ 0 for each pair
    allowed to match. Returns gold index → prediction index for a matching
    with the most pairs and, among those, the largest total bonus.

    Example:
        >>> match({(0, 0): 0, (0, 1): 0, (1, 0): 0})  # greedy 0→0 would leave gold 1 unmatched
        {0: 1, 1: 0}
    """
    result: dict[int, int] = {}
    for gs, ps in _components(edges):
        if min(len(gs), len(ps)) > _HUNGARIAN_MAX:
            adj = {g: [p for p in ps if (g, p) in edges] for g in gs}
            result.update(_augmenting(gs, adj))
            continue
        big = min(len(gs), len(ps)) * (1 + max(edges[e] for e in edges if e[0] in gs)) + 1
        rows_are_gold = len(gs) <= len(ps)
        rows, cols = (gs, ps) if rows_are_gold else (ps, gs)

        def weight(r, c):
            key = (r, c) if rows_are_gold else (c, r)
            return big + edges[key] if key in edges else 0.0

        col_of = _hungarian_max([[weight(r, c) for c in cols] for r in rows])
        for ri, ci in enumerate(col_of):
            if ci < 0:
                continue
            r, c = rows[ri], cols[ci]
            key = (r, c) if rows_are_gold else (c, r)
            if key in edges:
                result[key[0]] = key[1]
    return dict(sorted(result.items()))
