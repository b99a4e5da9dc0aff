"""Evaluation runs: code a folder into a temporary store and score its export, or score an export file."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Callable

from entente.errors import ConfigError, DataError
from entente.evaluation.gold import load_gold
from entente.evaluation.score import Scores, score


def read_texts(docs_dir: str | Path, names: list[str]) -> dict[str, str]:
    """Each named document's file under ``docs_dir`` (recursive, first in sorted order), decoded as UTF-8.

    Files that are missing or do not decode are left out.
    """
    wanted = set(names)
    found: dict[str, str] = {}
    for path in sorted(Path(docs_dir).rglob("*")):
        if path.name in wanted and path.name not in found and path.is_file():
            try:
                found[path.name] = path.read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    return found


def read_predictions(path: str | Path) -> list[dict]:
    """Records of a JSONL export. Raises DataError naming the file and line of a bad record."""
    path = Path(path)
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: cannot read predictions: {e}") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise DataError(f"{path}, line {n}: invalid JSON: {e.msg} (column {e.colno})") from e
        if not isinstance(rec, dict):
            raise DataError(f"{path}, line {n}: expected a JSON object, found {type(rec).__name__}")
        records.append(rec)
    return records


def _check_dir(docs_dir: Path) -> None:
    if not docs_dir.is_dir():
        raise ConfigError(f"{docs_dir}: not a directory (expected the folder of gold documents)")


def score_export(gold_path: str | Path, export_path: str | Path, docs_dir: str | Path) -> Scores:
    """Score an existing JSONL export against a gold file, as an outside scorer would.

    Texts are the gold documents' files under ``docs_dir`` decoded as UTF-8.
    """
    gold = load_gold(gold_path)
    docs_dir = Path(docs_dir)
    _check_dir(docs_dir)
    return score(gold, read_predictions(export_path), read_texts(docs_dir, gold.docs))


def evaluate(
    gold_path: str | Path,
    docs_dir: str | Path,
    *,
    store_path: str | Path | None = None,
    model: str | None = None,
    errors: bool = False,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> Scores:
    """Ingest and code ``docs_dir`` into a temporary store, export it as JSONL and score that export.

    Scoring reads the export file back, so it scores exactly what ``entente
    export --format jsonl`` writes. Texts for locating are the gold documents'
    files decoded as UTF-8 (the CODEBOOK's rule); a file that does not decode
    falls back to the stored text. ``store_path`` keeps the store there instead
    of in a temporary folder. With ``errors=False`` the error listing is dropped.
    Documents in ``docs_dir`` that the gold file does not name are coded but not scored.

    Raises DataError for a bad gold file, ConfigError when ``docs_dir`` is not a directory.
    """
    from entente import pipeline
    from entente.store import db
    from entente.store.export import export

    gold = load_gold(gold_path)
    docs_dir = Path(docs_dir)
    _check_dir(docs_dir)
    with tempfile.TemporaryDirectory(prefix="entente-eval-") as tmp:
        out = Path(tmp) / "export.jsonl"
        con = db.connect(store_path or Path(tmp) / "eval.duckdb")
        try:
            extra = {"on_progress": on_progress} if on_progress is not None else {}
            report = pipeline.ingest(con, [str(docs_dir)], model=model, **extra)
            export(con, fmt="jsonl", out=out, current_only=True)
            texts = read_texts(docs_dir, gold.docs)
            for name in gold.docs:
                if name not in texts:
                    row = con.execute(
                        "SELECT text FROM documents WHERE name = ? AND is_current ORDER BY path LIMIT 1", [name]
                    ).fetchone()
                    if row:
                        texts[name] = row[0]
        finally:
            con.close()
        predictions = read_predictions(out)
    scores = score(gold, predictions, texts)
    scores.ingest = report.to_dict()
    if not errors:
        scores.errors = []
    return scores
