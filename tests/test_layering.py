"""Data flows one way: a stage imports only from stages to its left and the core files."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "entente"
ORDER = ["corpus", "nlp", "coding", "store", "imports", "evaluation", "analysis", "models", "views"]
CORE = {"types", "errors", "codes", "config", "registry", "pipeline", "__init__"}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "entente" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ORDER else None


def test_no_back_edges():
    bad = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).parts
        if rel[0] not in ORDER:
            continue
        here = ORDER.index(rel[0])
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                stage = stage_of(name)
                if stage and ORDER.index(stage) > here:
                    bad.append(f"{path.relative_to(SRC)} imports {name}")
    assert not bad, bad
