"""Scoring against gold annotations (CODEBOOK format)."""
from entente.evaluation.gold import Gold, load_gold
from entente.evaluation.score import Scores, render, score
from entente.evaluation.run import evaluate, score_export

__all__ = ["Gold", "Scores", "evaluate", "load_gold", "render", "score", "score_export"]
