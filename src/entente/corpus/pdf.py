"""PDF files: the text layer through pypdf, pages joined by blank lines."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from entente.errors import SourceError
from entente.types import Document

from .document import build_document, sha256
from .decode import read_bytes


def _meta(reader) -> tuple[str | None, str | None, str | None]:
    """(title, author, creation date) from the document info, where readable."""
    try:
        info = reader.metadata
    except Exception:  # a broken info dictionary is not a reason to drop the text
        return None, None, None
    if not info:
        return None, None, None

    def get(key: str) -> str | None:
        value = info.get(key)
        return str(value).strip() or None if value is not None else None

    return get("/Title"), get("/Author"), get("/CreationDate")


def read_pdf(path: Path, *, max_bytes: int) -> list[Document]:
    """A .pdf file: its text layer; SourceError if truncated, corrupt, encrypted or scanned."""
    from pypdf import PdfReader

    data = read_bytes(path, max_bytes=max_bytes)
    if not data.lstrip()[:5] == b"%PDF-":
        raise SourceError(path, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise SourceError(path, "truncated PDF (no %%EOF end marker)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not ours to show
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise SourceError(path, "encrypted PDF (needs a password)")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except SourceError:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken files; each is "corrupt" to us
        raise SourceError(path, f"corrupt PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    if not pages:
        raise SourceError(path, "corrupt PDF (no pages)")
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise SourceError(path, "no text layer (scanned PDF?)")
    title, author, created = _meta(reader)
    return [build_document(
        name=path.name, path=str(path.absolute()), text=text, fmt="pdf",
        content_hash=sha256(data), title=title, author=author, metadata_date=created,
    )]
