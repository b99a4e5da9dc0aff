"""Corpus stage: find input files and read them into Documents.

>>> from entente.corpus import discover, read_path
>>> paths, problems = discover(["docs/"])          # doctest: +SKIP
>>> docs = read_path(paths[0], max_bytes=20 << 20)  # doctest: +SKIP
"""
from .dates import find_published
from .discover import discover
from .readers import SUPPORTED_SUFFIXES, read_path

__all__ = ["SUPPORTED_SUFFIXES", "discover", "find_published", "read_path"]
