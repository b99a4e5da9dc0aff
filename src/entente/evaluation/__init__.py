"""Scoring against gold annotations (CODEBOOK format)."""
from entente.evaluation.gold import Gold, load_gold
from entente.evaluation.score import Scores, evaluate, render, score

__all__ = ["Gold", "Scores", "evaluate", "load_gold", "render", "score"]
