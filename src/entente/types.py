"""Records that flow between stages. Frozen: a stage never edits another's output."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Passage:
    """A span of a document's stored text: a paragraph, or a transcript speaker turn."""

    start: int
    end: int
    kind: str = "paragraph"  # "paragraph" | "turn" | "title"
    speaker: str | None = None


@dataclass(frozen=True)
class Document:
    """One ingested text. ``text`` is what offsets index into.

    For plain text, ``text`` is the decoded file content, unchanged.
    """

    name: str  # file name, e.g. "002_61fc405e6b15a3ca.txt"; the scoring key
    path: str  # where it was read from (file path, or path#line for JSONL)
    text: str
    format: str  # "text" | "html" | "pdf" | "jsonl"
    content_hash: str  # sha256 of the raw bytes (or of the JSONL record)
    title: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None  # ISO, at its precision: "2024-05-22", "2024-05", "2024"
    published_precision: str | None = None  # "day" | "month" | "year" | None
    genre: str | None = None
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class Event:
    """One coded event. Offsets index the document text."""

    sent_start: int
    sent_end: int
    source: str
    target: str
    cameo: str  # full code as far as evidence supports, at least the 2-digit root
    date: str | None  # ISO at its precision; None when the date is unknown
    date_precision: str  # day|month|year|decade|century|publication|estimate|unknown
    trigger_start: int
    trigger_end: int
    rule: str  # which rule produced it
    coder: str  # coder name and version, e.g. "rules.v1"
    confidence: float = 0.5
    source_text: str | None = None
    target_text: str | None = None
    dimension: str | None = None  # relationship dimension (coding/dimensions.py)


@dataclass(frozen=True)
class Quote:
    """A direct quotation attributed to a named speaker."""

    start: int  # quoted text, without the marks
    end: int
    sent_start: int
    sent_end: int
    speaker: str
    rule: str
    coder: str
    confidence: float = 0.5
    speaker_actor: str | None = None  # actor code of the speaker's state, if known


@dataclass
class CodedDocument:
    """What the coding stage returns for one document."""

    document: Document
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    doc_date: str | None = None  # best estimate of when written (ISO)
    doc_date_precision: str | None = None
