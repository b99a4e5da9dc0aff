"""Language processing: the spaCy pipeline, loaded once per process."""
from entente.nlp.pipeline import load_nlp, parse

__all__ = ["load_nlp", "parse"]
