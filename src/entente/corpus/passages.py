"""Split a text into passages: paragraphs, or speaker turns for transcripts.

Spans are trimmed (no leading/trailing whitespace) and index the stored text
exactly. Two transcript layouts are recognised:

* a line holding only a speaker's name, as its own paragraph, followed by
  speech ("Alicia Kearns" / blank / "I think we are now live...");
* "NAME: speech" at a line start ("SERGEY RADCHENKO: ...", "Bonny Lin: ...").

A layout counts only when it recurs (at least 3 headers, 2 or more people,
and one of them speaking twice, or 3 distinct people named elsewhere in the
text), so an article's title or section headings are not taken for speakers.
"""
from __future__ import annotations

import re
from collections import Counter

from entente.types import Passage

from .dates import TRANSCRIPT_TITLE, match_date

_BREAK = re.compile(r"\r\n|\r|\n")
_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady",
           "ambassador", "amb", "general", "gen", "admiral", "adm", "senator", "sen", "rep",
           "representative", "minister", "president", "rt", "hon", "the", "baroness", "baron",
           "colonel", "col", "dean", "judge", "rev", "reverend", "captain", "capt"}
_SUFFIXES = {"mp", "mep", "msp", "phd", "obe", "cbe", "mbe", "kc", "qc", "jr", "sr", "ii", "iii"}
_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "du", "da", "dos", "bin", "al", "el", "di"}
_ROLES = {"moderator", "chair", "host", "interviewer", "question", "answer", "audience",
          "participant", "speaker", "q", "a", "spokesperson", "spokesman", "spokeswoman",
          "reporter", "journalist", "correspondent", "questioner"}
# Capitalised words that mark a heading or page furniture, not a person.
_NOT_NAMES = {
    "introduction", "conclusion", "conclusions", "background", "summary", "abstract", "comment",
    "comments", "references", "notes", "note", "contents", "related", "share", "menu", "home",
    "read", "more", "author", "authors", "tags", "topics", "footnotes", "endnotes", "sources",
    "source", "bibliography", "appendix", "overview", "analysis", "opinion", "news", "subscribe",
    "advertisement", "key", "takeaways", "recommendations", "implications", "update", "editor",
    "editors", "photo", "image", "caption", "china", "russia", "chinese", "russian", "policy",
    "relations", "foreign", "security", "economic", "economy", "trade", "war", "energy", "military",
    "cooperation", "partnership", "strategy", "world", "global", "international", "language",
    "english", "transcript", "video", "audio", "watch", "listen", "download", "print", "email",
    "contact", "about", "search", "login", "sign", "follow", "us", "what", "why", "how", "when",
    "where", "who", "next", "previous", "published", "updated", "date", "by", "figure", "table",
}
_COLON_HEAD = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.\-]*)(?:[ \t]+(?:[A-Z][\w'’.\-]*|von|van|der|de|la|bin|al)){0,4})"
    r"(?:[ \t]*\([^()\n]{1,60}\))?[ \t]*:[ \t\u00a0]+\S"  # transcripts online pad with no-break spaces
)
# "Q    Thank you..." (White House and State Department transcripts): a reporter's question
_Q_HEAD = re.compile(r"Q(?:[ \t]{2,}|[ \t]*\u00a0[ \t\u00a0]*|[ \t]*:[ \t\u00a0]*)(?=\S)")
# "Name, Role" or "Name (Affiliation)": the name is the part before.
_AFFILIATION = re.compile(r"(.+?)\s*(?:\([^()]{1,60}\)|,\s*[^,.!?]{1,60})")


def _strip(s: str) -> str:
    """Strip whitespace, byte-order marks and zero-width spaces."""
    return s.strip().strip("\ufeff\u200b").strip()


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    out, pos = [], 0
    for m in _BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Paragraphs: runs of non-blank lines, each line trimmed."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in _lines(text):
        line = text[start:end]
        stripped = _strip(line)
        if not stripped:
            if current:
                blocks.append(current)
                current = []
            continue
        lead = line.find(stripped)
        current.append((start + lead, start + lead + len(stripped)))
    if current:
        blocks.append(current)
    return blocks


def speaker_name(line: str) -> str | None:
    """The person a header line names ("Dr Maria Repnikova" -> "Maria Repnikova"), or None."""
    line = line.strip()
    if line.endswith(":") and not line.endswith("::"):
        line = line[:-1].rstrip()
    m = _AFFILIATION.fullmatch(line)
    if m:
        line = m.group(1)
    if not line or len(line) > 60 or line[-1] in ".,;:!?\"”’)" and not line.endswith(("Jr.", "Sr.")):
        return None
    tokens = line.replace(",", " ").split()
    while tokens and tokens[0].lower().rstrip(".") in _TITLES and len(tokens) > 1:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower().rstrip(".") in _SUFFIXES and len(tokens) > 1:
        tokens = tokens[:-1]
    if not 1 <= len(tokens) <= 4:
        return None
    for tok in tokens:
        if tok.lower() in _PARTICLES:
            continue
        if tok.lower().rstrip(".") in _NOT_NAMES or not tok[0].isupper():
            return None
        if not re.fullmatch(r"[^\W\d_](?:[^\W\d_]|['’.\-])*", tok):
            return None
    name = " ".join(tokens)
    return name.title() if name.isupper() and len(name) > 2 else name


def _canonical(counts: Counter[str]) -> dict[str, str]:
    """Map short forms ("Sergey") to the one full name they abbreviate."""
    full = [n for n in counts if " " in n]
    mapping = {n: n for n in counts}
    for name in counts:
        if " " in name:
            continue
        hits = [f for f in full if name in (f.split()[0], f.split()[-1])]
        if len(hits) == 1:
            mapping[name] = hits[0]
    return mapping


def _recurs(starts: list[tuple[int, str]], text: str) -> bool:
    counts = Counter(name for _, name in starts)
    if len(starts) == 2 and len(counts) == 2 and all(" " in n for n in counts) \
            and TRANSCRIPT_TITLE.search(text[:min(starts)[0]][:400]):  # two full names once each, under such a title
        return True
    if len(starts) < 3 or len(counts) < 2:
        return False
    if max(counts.values()) >= 2:
        return True
    mentioned = sum(1 for name in counts if text.count(name) >= 2)
    return len(counts) >= 3 and mentioned * 2 >= len(counts)


def _header_turns(text: str, blocks: list[list[tuple[int, int]]]) -> list[tuple[int, str]]:
    """Turn starts from standalone name lines followed by speech."""
    found: list[tuple[int, str]] = []
    for i, block in enumerate(blocks[:-1]):
        if len(block) != 1:
            continue
        name = speaker_name(text[block[0][0]:block[0][1]])
        nxt = blocks[i + 1]
        if name and not (len(nxt) == 1 and speaker_name(text[nxt[0][0]:nxt[0][1]])):
            found.append((block[0][0], name))
    if not found:
        return []
    counts = Counter(n for _, n in found)
    mapping = _canonical(counts)
    merged = Counter(mapping[n] for n in counts.elements())
    kept = []
    for start, name in found:
        full = mapping[name]
        # A lone one-word line must be a known person, a role, or recur.
        if " " not in full and merged[full] < 2 and full.lower() not in _ROLES:
            continue
        kept.append((start, full))
    return kept if _recurs(kept, text) else []


def _colon_turns(text: str, blocks: list[list[tuple[int, int]]]) -> list[tuple[int, str]]:
    """Turn starts from "NAME: speech" lines."""
    found: list[tuple[int, str, str]] = []
    for block in blocks:
        for start, end in block:
            if _Q_HEAD.match(text, start, end):
                found.append((start, "Q", "Q"))
                continue
            m = _COLON_HEAD.match(text, start, end)
            if not m:
                continue
            name = speaker_name(m["name"])
            if name:
                found.append((start, name, m["name"]))
    if not found:
        return []
    counts = Counter(n for _, n, _ in found)
    mapping = _canonical(counts)
    kept = []
    for start, name, head in found:
        full = mapping[name]
        # "Beijing:" or "Pros:" is a list label; "PUTIN:", "Q:", "Anna:" (for Anna Petrova) are speakers.
        if " " in full or full.lower() in _ROLES or (head.isupper() and len(head) > 1):
            kept.append((start, full))
    return kept if _recurs(kept, text) else []


def guess_title(text: str) -> tuple[int, int] | None:
    """Span of the first line near the top that reads like a title, else None."""
    seen = 0
    for start, end in _lines(text[:3000]):
        line = _strip(text[start:end]).lstrip("#").strip()
        if not line:
            continue
        seen += 1
        if seen > 8:
            return None
        words = line.split()
        if len(line) > 200 or (line.endswith(".") and len(words) > 12):
            return None  # prose reached: the text has no title line
        if re.search(r"\.(?:jpe?g|png|gif|webp|svg)$|\bmin(?:ute)? read\b|^language\b|^by\s", line, re.I):
            continue
        if len(words) < 3 or line.endswith(".") or match_date(line):
            continue
        lead = text[start:end].find(line)
        return start + lead, start + lead + len(line)
    return None


_ENDS = (".", "!", "?", '"', "”", "’", ")", ":")


def _one_per_line(text: str, segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split segments written one sentence or paragraph per line (no blank lines between them).

    Detected per segment: three or more lines, most of which end a sentence. Hard-wrapped
    paragraphs break lines mid-sentence and stay whole."""
    out = []
    for start, end in segments:
        lines = [(a, b) for a, b in _lines(text[start:end]) if text[start + a:start + b].strip()]
        ends = sum(text[start + a:start + b].rstrip().endswith(_ENDS) for a, b in lines)
        if len(lines) >= 3 and ends >= 0.7 * len(lines):
            for a, b in lines:
                seg = text[start + a:start + b]
                lead = len(seg) - len(seg.lstrip())
                out.append((start + a + lead, start + a + len(seg.rstrip())))
        else:
            out.append((start, end))
    return out


def split_passages(text: str, *, title_span: tuple[int, int] | None = None) -> tuple[tuple[Passage, ...], bool]:
    """Passages covering ``text`` and whether it reads as a transcript.

    Parameters: ``title_span`` marks a paragraph that is the title.
    Returns: (passages in order, is_transcript).
    """
    blocks = _blocks(text)
    turns = sorted(set(_header_turns(text, blocks)) | set(_colon_turns(text, blocks)))
    if turns:
        # Split blocks at colon-turn line starts so each turn begins a segment.
        starts = {s for s, _ in turns}
        segments: list[tuple[int, int]] = []
        for block in blocks:
            seg_start = block[0][0]
            for (ls, _), (prev_s, prev_e) in zip(block[1:], block[:-1]):
                if ls in starts:
                    segments.append((seg_start, prev_e))
                    seg_start = ls
            segments.append((seg_start, block[-1][1]))
    else:
        segments = [(b[0][0], b[-1][1]) for b in blocks]

    segments = _one_per_line(text, segments)
    passages: list[Passage] = []
    speakers = dict(turns)
    i = 0
    while i < len(segments):
        start, end = segments[i]
        if start in speakers:
            j = i + 1
            while j < len(segments) and segments[j][0] not in speakers:
                j += 1
            passages.append(Passage(start, segments[j - 1][1], "turn", speakers[start]))
            i = j
            continue
        is_title = title_span and start <= title_span[0] and end == title_span[1] and "\n" not in text[start:end]
        kind = "title" if is_title else "paragraph"
        passages.append(Passage(start, end, kind))
        i += 1
    return tuple(passages), bool(turns)
