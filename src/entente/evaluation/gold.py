"""Gold annotations in the CODEBOOK's JSON Lines format, validated on load."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from entente.errors import DataError

PRECISIONS = ("day", "month", "year", None)


@dataclass(frozen=True)
class GoldEvent:
    doc: str
    sentence: str
    source: str
    target: str
    code: str  # CAMEO root, two digits
    cameo: str | None
    date: str | None
    date_precision: str | None
    line: int


@dataclass(frozen=True)
class GoldQuote:
    doc: str
    speaker: str
    text: str
    line: int


@dataclass(frozen=True)
class GoldMeta:
    doc: str
    published: str | None
    published_precision: str | None
    title: str | None
    genre: str | None
    line: int


@dataclass
class Gold:
    path: str
    events: list[GoldEvent] = field(default_factory=list)
    quotes: list[GoldQuote] = field(default_factory=list)
    metas: dict[str, GoldMeta] = field(default_factory=dict)
    docs: list[str] = field(default_factory=list)  # every document named, in file order


def _root(value, where: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    if not isinstance(value, str) or not re.fullmatch(r"\d{2,4}", value.strip()):
        raise DataError(f"{where}: 'code' must be a CAMEO root '01'–'20', found {value!r}")
    root = value.strip()[:2]
    if not 1 <= int(root) <= 20:
        raise DataError(f"{where}: 'code' must be a CAMEO root '01'–'20', found {value!r}")
    return root


def _text(rec: dict, key: str, where: str, *, required: bool = True) -> str | None:
    value = rec.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise DataError(f"{where}: '{key}' must be a non-empty string, found {value!r}")
    return value


def parse_record(rec, where: str, line: int):
    """One gold record → GoldEvent | GoldQuote | GoldMeta. Raises DataError naming ``where``."""
    if not isinstance(rec, dict):
        raise DataError(f"{where}: expected a JSON object, found {type(rec).__name__}")
    doc = _text(rec, "doc", where)
    kind = rec.get("kind")
    if kind == "event":
        return GoldEvent(
            doc=doc,
            sentence=_text(rec, "sentence", where),
            source=_text(rec, "source", where).strip(),
            target=_text(rec, "target", where).strip(),
            code=_root(rec.get("code"), where),
            cameo=_text(rec, "cameo", where, required=False),
            date=_text(rec, "date", where, required=False),
            date_precision=_text(rec, "date_precision", where, required=False),
            line=line,
        )
    if kind == "quote":
        return GoldQuote(doc=doc, speaker=_text(rec, "speaker", where), text=_text(rec, "text", where), line=line)
    if kind == "meta":
        published = rec.get("published")
        if published is not None and not (isinstance(published, str) and re.match(r"\d{4}", published)):
            raise DataError(f"{where}: 'published' must be an ISO date or null, found {published!r}")
        precision = rec.get("published_precision")
        if precision not in PRECISIONS:
            raise DataError(
                f"{where}: 'published_precision' must be one of day, month, year or null, found {precision!r}"
            )
        return GoldMeta(
            doc=doc, published=published or None, published_precision=precision,
            title=rec.get("title"), genre=rec.get("genre"), line=line,
        )
    raise DataError(f"{where}: 'kind' must be one of event, quote, meta, found {kind!r}")


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold file (CODEBOOK format).

    Raises DataError naming the file, the line and the problem.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.jsonl"
        >>> _ = p.write_text('{"doc": "a.txt", "kind": "quote", "speaker": "Wang Yi", "text": "x"}\\n')
        >>> load_gold(p).quotes[0].speaker
        'Wang Yi'
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: cannot read gold file: {e}") from e
    gold = Gold(path=str(path))
    seen_docs: set[str] = set()
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}, line {n}"
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as e:
            raise DataError(f"{where}: invalid JSON: {e.msg} (column {e.colno})") from e
        item = parse_record(rec, where, n)
        if item.doc not in seen_docs:
            seen_docs.add(item.doc)
            gold.docs.append(item.doc)
        if isinstance(item, GoldEvent):
            gold.events.append(item)
        elif isinstance(item, GoldQuote):
            gold.quotes.append(item)
        else:
            if item.doc in gold.metas:
                raise DataError(
                    f"{where}: a second meta record for {item.doc!r} (first on line {gold.metas[item.doc].line})"
                )
            gold.metas[item.doc] = item
    if not gold.docs:
        raise DataError(f"{path}: no gold records")
    return gold
