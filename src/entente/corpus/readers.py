"""Readers: one per file kind, each turns a path into Documents.

``read_path`` picks the reader by suffix. Every failure is a SourceError
naming the file and a short reason; the pipeline records it and goes on.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from entente.errors import SourceError
from entente.types import Document

from .decode import decode_text, read_bytes
from .document import build_document, sha256

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl")


def read_text_file(path: Path, *, max_bytes: int) -> list[Document]:
    """A .txt or .md file: the decoded content, unchanged, is the text."""
    data = read_bytes(path, max_bytes=max_bytes)
    text = decode_text(data, path)
    return [build_document(name=path.name, path=str(path.absolute()), text=text, fmt="text",
                           content_hash=sha256(data))]


def _field(record: dict, key: str, lineno: int, path: Path) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and key in ("id", "published"):
        return str(value)
    if not isinstance(value, str):
        raise SourceError(path, f"line {lineno}: field '{key}' should be a string, found {type(value).__name__}")
    return value.strip() or None


def read_jsonl(path: Path, *, max_bytes: int) -> list[Document]:
    """A .jsonl file: one Document per non-blank line; a bad line fails the file."""
    data = read_bytes(path, max_bytes=max_bytes)
    decode_text(data, path)  # same checks as text: binary, encoding
    docs: list[Document] = []
    abs_path = str(path.absolute())
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise SourceError(path, f"line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})") from None
        except UnicodeDecodeError:
            raise SourceError(path, f"line {lineno}: not valid UTF-8") from None
        if not isinstance(record, dict):
            raise SourceError(path, f"line {lineno}: expected a JSON object, found {type(record).__name__}")
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise SourceError(path, f"line {lineno}: missing or empty required field 'text'")
        ident = _field(record, "id", lineno, path) or _field(record, "name", lineno, path)
        docs.append(build_document(
            name=ident or f"{path.name}#{lineno}",
            path=f"{abs_path}#{lineno}",
            text=text,
            fmt="jsonl",
            content_hash=sha256(raw),
            title=_field(record, "title", lineno, path),
            url=_field(record, "url", lineno, path),
            author=_field(record, "author", lineno, path),
            site=_field(record, "source", lineno, path),
            metadata_date=_field(record, "published", lineno, path),
            genre=_field(record, "genre", lineno, path),
        ))
    if not docs:
        raise SourceError(path, "no records (only blank lines)")
    return docs


def _read_html(path: Path, *, max_bytes: int) -> list[Document]:
    from .html import read_html  # trafilatura is slow to import: only when needed

    return read_html(path, max_bytes=max_bytes)


def _read_pdf(path: Path, *, max_bytes: int) -> list[Document]:
    from .pdf import read_pdf

    return read_pdf(path, max_bytes=max_bytes)


READERS: dict[str, Callable[..., list[Document]]] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".jsonl": read_jsonl,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
}


def read_path(path: Path | str, *, max_bytes: int) -> list[Document]:
    """Read one file into Documents (one per file; one per line for JSONL).

    Parameters: ``path`` a file with a supported suffix; ``max_bytes`` the size limit.
    Returns: a non-empty list of Documents.
    Raises: SourceError(path, reason) for any file that cannot be read as text.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        shown = path.suffix or "(no suffix)"
        raise SourceError(path, f"unsupported file type '{shown}' (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    return reader(path, max_bytes=max_bytes)
