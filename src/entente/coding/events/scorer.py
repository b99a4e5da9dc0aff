"""The learned stage: decides which actor-pair candidates are events, and of which CAMEO root.

One logistic model per root over the candidate's sparse features (features.py), trained on gold
annotations by ``entente train-coder`` (evaluation/training.py). Inference needs only NumPy: the
shipped model is a vocabulary, a weight matrix and a threshold (data/models/events/, with its card).
Where the rules coder fired for the same pair and root, its event (trigger, full CAMEO code, date)
is kept and rescored; otherwise the event is anchored on the source's verb.
"""
from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path

import numpy as np

from entente.coding.events.trees import Trees
from entente.errors import DataError
from entente.types import Event

MODEL_DIR = "data/models/events"


class EventScorer:
    """Construction stores settings; load() reads the model; events() decides candidates."""

    def __init__(self, path: str | Path | None = None, *, threshold: float | None = None):
        self.path = path
        self.threshold = threshold
        self.name = "events-lr"
        self.roots: list[str] = []
        self.vocab: dict[str, int] = {}
        self.W = None
        self.b = None

    def load(self) -> "EventScorer":
        if self.path is None:
            base = resources.files("entente").joinpath(MODEL_DIR)
            meta_text = base.joinpath("model.json").read_text("utf-8")
            with base.joinpath("weights.npz").open("rb") as fh:
                arrays = dict(np.load(fh))
        else:
            base = Path(self.path)
            try:
                meta_text = (base / "model.json").read_text("utf-8")
                arrays = dict(np.load(base / "weights.npz"))
            except OSError as e:
                raise DataError(f"{base}: cannot read event model: {e}") from e
        meta = json.loads(meta_text)
        return self.from_parts(meta, arrays["W"], arrays["b"], arrays)

    def from_parts(self, meta: dict, W, b, arrays: dict | None = None) -> "EventScorer":
        self.roots = list(meta["roots"])
        self.vocab = {f: i for i, f in enumerate(meta["features"])}
        self.name = f"{meta.get('name', 'events-lr')}.{meta.get('version', '0')}"
        if self.threshold is None:
            self.threshold = float(meta.get("threshold", 0.5))
        self.trees = Trees(arrays) if arrays and Trees.present(arrays) else None
        self.blend = float(meta.get("blend", 1.0)) if self.trees is not None else 1.0
        self.W = np.asarray(W, dtype=np.float32)
        self.b = np.asarray(b, dtype=np.float32)
        self.second = float(meta.get("second", 0.35))
        self.rule_threshold = float(meta.get("rule_threshold", self.threshold))
        # a pair linked only by an event noun ("Sino-Russian cooperation poses challenges") is more often
        # a characterisation than an act: it needs more of the detector than a verb's link
        self.noun_threshold = float(meta.get("noun_threshold", self.rule_threshold))
        self.override = float(meta.get("override", 0.6))
        self.short_sentences = int(meta.get("short_sentences", 0))  # texts this short are wire-style
        self.short_pverb = float(meta.get("short_pverb", 2.0))  # > 1: PETRARCH2 links are features only
        self.short_threshold = float(meta.get("short_threshold", 0.0))  # an unlinked pair in a wire report
        self.strict = float(meta.get("strict", 0.6))
        self.sure = float(meta.get("sure", 0.0))
        self.min_root = float(meta.get("min_root", 0.0))
        self.mirror = set(meta.get("mirror", ["04", "05", "06"]))
        self.mirror_threshold = float(meta.get("mirror_threshold", 0.1))
        self.mirror_always = set(meta.get("mirror_always", ["04"]))  # talks are always two-way (CODEBOOK)
        if self.W.shape != (1 + len(self.roots), len(self.vocab)):
            raise DataError(f"event model: weights {self.W.shape} do not fit {len(self.roots)} roots "
                            f"× {len(self.vocab)} features (plus the detector row)")
        return self

    def probabilities(self, candidates) -> tuple[np.ndarray, np.ndarray]:
        """P(event) per candidate, and P(root | event) per candidate × root."""
        z = np.zeros((len(candidates), 1 + len(self.roots)), dtype=np.float32)
        rows = []
        for k, c in enumerate(candidates):
            idx = [self.vocab[f] for f in c.features if f in self.vocab]
            rows.append(idx)
            z[k] = self.b + (self.W[:, idx].sum(axis=1) if idx else 0.0)
        p_event = 1.0 / (1.0 + np.exp(-z[:, 0]))
        if self.trees is not None:
            p_event = self.blend * p_event + (1.0 - self.blend) * self.trees.probabilities(rows)
        zr = z[:, 1:] - z[:, 1:].max(axis=1, keepdims=True)
        p_root = np.exp(zr)
        p_root /= p_root.sum(axis=1, keepdims=True)
        return p_event, p_root

    def events(self, candidates, coder_name: str, *, n_sentences: int | None = None) -> list[Event]:
        """Events for the candidates the detector passes (``n_sentences``: the document's length)."""
        if not candidates:
            return []
        p_event, p_root = self.probabilities(candidates)
        short = n_sentences is not None and n_sentences <= self.short_sentences
        return [self._event(c, root, p, coder_name) for c, root, p in self.decide(candidates, p_event, p_root,
                                                                                  short=short)]

    def decide(self, candidates, p_event, p_root, *, short: bool = False) -> list[tuple]:
        """(candidate, root, probability) for each event: the likeliest root of each passing candidate,
        a second root when it is nearly as likely (a meeting and a deal between the same pair), and
        the mirror of a joint act (meetings, agreements, trade are coded both ways, CODEBOOK
        Conventions) when the reverse pair is a plausible candidate too."""
        out, chosen = [], {}
        # a wire report gives the model little context: an unlinked pair needs stronger evidence there
        threshold = max(self.threshold, self.short_threshold) if short else self.threshold
        sure = max(self.sure, self.short_threshold) if short else self.sure
        index = {(c.sent_start, c.source, c.target): k for k, c in enumerate(candidates)}
        sent_roots: dict[int, set[str]] = {}
        for c in candidates:  # roots the project's rules gave to pairs of each sentence
            sent_roots.setdefault(c.sent_start, set()).update(
                r for r, e in c.rule_events.items() if not e.rule.startswith("pverb:"))
        for k, (c, pe, row) in enumerate(zip(candidates, p_event, p_root)):
            if any(not e.rule.startswith("pverb:") for e in c.rule_events.values()):
                # the project's rules found a trigger linking this pair (PETRARCH2's fallback verbs are
                # evidence for the model, not a link of their own): their root stands unless the typer
                # is confident of another one
                linked = [e for e in c.rule_events.values() if not e.rule.startswith("pverb:")]
                if pe < (self.noun_threshold if all(e.rule.startswith("noun:") for e in linked)
                         else self.rule_threshold):
                    continue
                picks = [self.roots.index(r) for r, e in c.rule_events.items() if not e.rule.startswith("pverb:")]
                top = int(np.argmax(row))
                if top not in picks and row[top] >= self.override:
                    picks.append(top)
            elif short and c.rule_events and pe >= self.short_pverb:
                # a wire-style text of a sentence or two: its verb is the news, so PETRARCH2's link counts
                # (in longer analyses its codes mislead the typer more than they help: see the model card)
                taken = sent_roots.get(c.sent_start, set())  # unless the project's rules gave it to another pair
                picks = [self.roots.index(r) for r in c.rule_events if r not in taken or pe >= self.strict]
            elif pe < threshold or (pe < sure and row.max() < self.min_root):
                continue  # a weak detection needs a clear root
            else:
                order = np.argsort(-row)
                picks = [order[0]] + ([order[1]] if row[order[1]] >= self.second else [])
                # the rules linked this root's trigger to other pairs of the sentence: another pair
                # needs strong evidence of its own (no context pair without a trigger linking it)
                taken = sent_roots.get(c.sent_start, set()) - set(c.rule_events)
                picks = [j for j in picks if self.roots[j] not in taken or pe >= self.strict]
            if c.irrealis:  # only what the rules coded despite the verb (their own realis tests passed)
                picks = [j for j in picks if self.roots[j] in c.rule_events]
            for j in picks:
                chosen[(k, int(j))] = float(pe * row[j])
        for (k, j), p in list(chosen.items()):  # coordinated members the rules coded with a chosen one
            c, root = candidates[k], self.roots[j]
            if root not in c.rule_events:
                continue
            for k2, c2 in enumerate(candidates):
                if c2.sent_start == c.sent_start and k2 != k and root in c2.rule_events \
                        and c2.target == c.target and (k2, j) not in chosen \
                        and p_event[k2] >= self.mirror_threshold:
                    chosen[(k2, j)] = float(p_event[k2] * p_root[k2][j])
        for (k, j), p in list(chosen.items()):
            root = self.roots[j]
            c = candidates[k]
            r = index.get((c.sent_start, c.target, c.source))
            if root in self.mirror and r is not None and (r, j) not in chosen \
                    and (p_event[r] >= self.mirror_threshold or root in self.mirror_always):
                chosen[(r, j)] = float(p_event[r] * p_root[r][j])
        for (k, j), p in chosen.items():
            out.append((candidates[k], self.roots[j], p))
        return out

    def _event(self, c, root: str, p: float, coder_name: str) -> Event:
        coder = f"{coder_name}+{self.name}"
        rule = c.rule_events.get(root)
        if rule is not None:
            return replace(rule, confidence=round(p, 3), rule=f"model:{rule.rule}", coder=coder)
        start, end, lemma = c.anchor_span
        code = c.anchor_code if c.anchor_code and c.anchor_code[:2] == root else root + "0"
        date, precision = c.date
        return Event(
            sent_start=c.sent_start, sent_end=c.sent_end, source=c.source, target=c.target,
            cameo=code, date=date or "", date_precision=precision or "publication",
            trigger_start=start, trigger_end=end, rule=f"model:{root}:{lemma}", coder=coder,
            confidence=round(p, 3),
        )


def training_documents() -> set[str]:
    """Names of the documents the shipped model was trained on (empty if none is shipped)."""
    f = resources.files("entente").joinpath(MODEL_DIR, "model.json")
    if not f.is_file():
        return set()
    return set(json.loads(f.read_text("utf-8")).get("documents", []))
