"""HTML pages: main text and metadata through trafilatura, lxml as a fallback."""
from __future__ import annotations

import re
from pathlib import Path

from entente.errors import SourceError
from entente.types import Document

from .decode import decode_text, read_bytes
from .document import build_document, sha256

# No guessing from the page text or URL: only dates the page's markup states.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _paragraphs(text: str) -> str:
    """One paragraph per line from the extractor, joined by blank lines."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n\n".join(ln for ln in lines if ln)


def _lxml_text(html: str) -> tuple[str, str | None]:
    """Visible text of the body (scripts and styles dropped) and the <title>."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several types for hopeless markup
        return "", None
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    title = root.findtext(".//title")
    blocks = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
        t = el.text_content().strip()
        if t:
            blocks.append(t)
    if not blocks:
        body = root.find("body")
        blocks = [(body if body is not None else root).text_content()]
    return _paragraphs("\n".join(blocks)), (title.strip() or None) if title else None


def read_html(path: Path, *, max_bytes: int) -> list[Document]:
    """An .html/.htm file: extracted main text, title, date, author, site, url."""
    import trafilatura

    data = read_bytes(path, max_bytes=max_bytes)
    html = decode_text(data, path)
    meta = None
    try:
        meta = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # trafilatura can fail deep inside on broken markup; fall back below
        meta = None
    text = _paragraphs(meta.text) if meta is not None and meta.text else ""
    title = getattr(meta, "title", None)
    if not text:
        text, fallback_title = _lxml_text(html)
        title = title or fallback_title
    if not text.strip():
        raise SourceError(path, "no extractable main text in the HTML")
    return [build_document(
        name=path.name,
        path=str(path.absolute()),
        text=text,
        fmt="html",
        content_hash=sha256(data),
        title=title or None,
        url=getattr(meta, "url", None),
        author=getattr(meta, "author", None),
        site=getattr(meta, "sitename", None),
        metadata_date=getattr(meta, "date", None),
    )]
