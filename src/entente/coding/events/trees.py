"""Boosted decision trees as flat arrays, evaluated with NumPy.

The event detector blends a logistic model with a small gradient-boosted tree ensemble: trees find
the conjunctions a linear model cannot ("the source's verb is *export* and the target hangs from
*to*"). LightGBM fits the trees at training time only (evaluation/training.py); what ships is a
handful of integer and float arrays, so loading the model and coding a corpus need neither
LightGBM nor pickles.

Layout: every node of every tree is one row of ``feature``, ``threshold``, ``left``, ``right``,
``value``. A leaf has ``feature == -1`` and points to itself, so walking ``depth`` steps from each
tree's root lands every candidate on a leaf whatever the depth of its path.
"""
from __future__ import annotations

import numpy as np


def from_lightgbm(booster) -> dict[str, np.ndarray]:
    """Flatten a fitted binary LightGBM booster into the arrays ``raw_scores`` evaluates."""
    dump = booster.dump_model()
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0

    def add(node, level: int) -> int:
        nonlocal depth
        k = len(feature)
        feature.append(-1)
        threshold.append(0.0)
        left.append(k)
        right.append(k)
        value.append(0.0)
        if "leaf_value" in node:
            value[k] = float(node["leaf_value"])
            depth = max(depth, level)
            return k
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported tree split {node.get('decision_type')!r}")
        feature[k] = int(node["split_feature"])
        threshold[k] = float(node["threshold"])
        left[k] = add(node["left_child"], level + 1)
        right[k] = add(node["right_child"], level + 1)
        return k

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    return {
        "tree_feature": np.array(feature, dtype=np.int32),
        "tree_threshold": np.array(threshold, dtype=np.float32),
        "tree_left": np.array(left, dtype=np.int32),
        "tree_right": np.array(right, dtype=np.int32),
        "tree_value": np.array(value, dtype=np.float32),
        "tree_roots": np.array(roots, dtype=np.int32),
        "tree_depth": np.array([depth], dtype=np.int32),
    }


def average(ensembles: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """One ensemble whose raw score is the mean of ``ensembles``' raw scores (boosters fitted with
    different seeds: their average varies less with the sample than any one of them)."""
    parts: dict[str, list] = {k: [] for k in ("tree_feature", "tree_threshold", "tree_left", "tree_right",
                                              "tree_value", "tree_roots")}
    offset = 0
    for a in ensembles:
        parts["tree_feature"].append(a["tree_feature"])
        parts["tree_threshold"].append(a["tree_threshold"])
        parts["tree_left"].append(a["tree_left"] + offset)
        parts["tree_right"].append(a["tree_right"] + offset)
        parts["tree_value"].append(a["tree_value"] / len(ensembles))
        parts["tree_roots"].append(a["tree_roots"] + offset)
        offset += len(a["tree_feature"])
    out = {k: np.concatenate(v).astype(ensembles[0][k].dtype) for k, v in parts.items()}
    out["tree_depth"] = np.array([max(int(a["tree_depth"][0]) for a in ensembles)], dtype=np.int32)
    return out


class Trees:
    """A tree ensemble over the same feature vocabulary as the logistic rows."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.feature = np.asarray(arrays["tree_feature"], dtype=np.int64)
        self.threshold = np.asarray(arrays["tree_threshold"], dtype=np.float32)
        self.left = np.asarray(arrays["tree_left"], dtype=np.int64)
        self.right = np.asarray(arrays["tree_right"], dtype=np.int64)
        self.value = np.asarray(arrays["tree_value"], dtype=np.float32)
        self.roots = np.asarray(arrays["tree_roots"], dtype=np.int64)
        self.depth = int(np.asarray(arrays["tree_depth"]).ravel()[0])
        used = np.unique(self.feature[self.feature >= 0])
        # candidates are sparse: only the features some split reads need a dense column
        self.used = {int(j): k for k, j in enumerate(used)}
        # feature index → its dense column (len(used), the always-0 column, for a feature no split reads)
        self.lookup = np.full(int(used.max()) + 2 if len(used) else 1, len(used), dtype=np.int64)
        self.lookup[used] = np.arange(len(used))
        # node → its column in the dense block; leaves read the last column (always 0)
        self.column = np.where(self.feature >= 0, np.searchsorted(used, self.feature), len(used))
        # candidates' features are 0/1: a split between them sends a present feature right, and the
        # walk needs one lookup per step ([absent, present] → next node)
        inner = self.feature >= 0
        self.binary = bool(np.all((self.threshold[inner] >= 0) & (self.threshold[inner] < 1)))
        self.next = np.stack([self.left, self.right]).astype(np.int32)
        self.column32 = self.column.astype(np.int32)

    @staticmethod
    def present(arrays) -> bool:
        return "tree_feature" in arrays and len(arrays["tree_feature"]) > 0

    def raw_scores(self, rows: list[list[int]]) -> np.ndarray:
        """Summed leaf values per candidate; ``rows`` are each candidate's (binary) feature indices."""
        X = np.zeros((len(rows), len(self.used) + 1), dtype=np.float32)  # last column: always 0
        lengths = [len(idx) for idx in rows]
        if sum(lengths):
            feats = np.fromiter((j for idx in rows for j in idx), dtype=np.int64, count=sum(lengths))
            X[np.repeat(np.arange(len(rows)), lengths), self.lookup[np.minimum(feats, len(self.lookup) - 1)]] = 1.0
        X[:, -1] = 0.0  # features no split reads landed on the always-0 column
        node = np.broadcast_to(self.roots, (len(rows), len(self.roots))).astype(np.int32)
        if self.binary:
            # the walk is most of the scorer's time: gathers on the flat block, one per step
            flat = X.ravel()
            base = (np.arange(len(rows), dtype=np.int32) * np.int32(X.shape[1]))[:, None]
            for _ in range(self.depth):
                node = self.next[(flat[base + self.column32[node]] > 0).view(np.int8), node]
        else:
            for _ in range(self.depth):
                x = np.take_along_axis(X, self.column[node], axis=1)
                node = np.where(x <= self.threshold[node], self.left[node], self.right[node])
        return self.value[node].sum(axis=1)

    def probabilities(self, rows) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.raw_scores(rows)))
