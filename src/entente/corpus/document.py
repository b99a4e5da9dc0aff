"""What every reader derives the same way from a text: title line, date, passages, genre."""
from __future__ import annotations

import hashlib

from entente.types import Document

from .dates import find_published
from .passages import guess_title, split_passages


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _find_title(text: str, title: str) -> tuple[int, int] | None:
    """Span of a known title when it is a whole line near the top of the text."""
    want = title.strip()
    if not want:
        return None
    at = text.find(want, 0, 3000)
    if at == -1:
        return None
    before, after = text[at - 1:at] if at else "", text[at + len(want):at + len(want) + 1]
    if before in ("", "\n", "\r") and after in ("", "\n", "\r"):
        return at, at + len(want)
    return None


def build_document(
    *,
    name: str,
    path: str,
    text: str,
    fmt: str,
    content_hash: str,
    title: str | None = None,
    url: str | None = None,
    author: str | None = None,
    site: str | None = None,
    metadata_date: str | None = None,
    genre: str | None = None,
) -> Document:
    """Fill in what every reader derives the same way: title line, date, passages, genre."""
    span = guess_title(text)
    if title is None and span:
        title = text[span[0]:span[1]]
    elif title is not None:
        span = _find_title(text, title)
    published, precision = find_published(text, metadata_date=metadata_date)
    passages, is_transcript = split_passages(text, title_span=span)
    if genre is None and is_transcript:
        genre = "transcript"
    return Document(
        name=name, path=path, text=text, format=fmt, content_hash=content_hash,
        title=title, url=url, author=author, site=site, published=published,
        published_precision=precision, genre=genre, passages=passages,
    )
