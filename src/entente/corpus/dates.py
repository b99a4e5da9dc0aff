"""Find the date a text says it was published, and nothing more.

Conservative on purpose: a year mentioned in the prose ("In 1969 the border
war...") is history, not a publication date, so only three kinds of
evidence count:

1. metadata (HTML meta tags, JSONL ``published``, PDF creation date);
2. a line that announces publication ("Published May 8, 2024",
   "This article was first published on ...", "Posted on ...", "Date: ...");
3. near the top, a line that is essentially only a date ("Oct 21, 2020",
   "By Jane Doe | 21 October 2020") or a news dateline with a year
   ("MOSCOW, May 8, 2024 (Reuters) -").

"Updated ..." lines are used only when nothing better is found.
"""
from __future__ import annotations

import datetime as _dt
import re

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Longest first so "sept" wins over "sep" and "june" over "jun".
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MON})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?"

# (pattern, precision); a day-level match beats a month-level one at the same place.
_PATTERNS = [
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I), "day"),
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mnum>[01]?\d)[-/.](?P<day>[0-3]?\d)\b"), "day"),
    # 22.05.2024 is day-first; 22/05/2024 and 05/22/2024 only when the order is unambiguous.
    (re.compile(r"\b(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)\b"), "day"),
    (re.compile(r"(?P<year>(?:19|20)\d\d)\s*年\s*(?P<mnum>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日"), "day"),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I), "month"),
    (re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)\b(?![-/.]\d)"), "month"),
]
_RANK = {"day": 0, "month": 1, "year": 2}

# A line that announces publication. Anchored at the line start so prose such
# as "the report, published on May 3, 2019, found" does not count.
_ANNOUNCE = re.compile(
    r"^[^\w\n]*(?:(?:this|the)\s+(?:article|story|piece|post|blog\s+post|commentary|op-ed|"
    r"essay|column|interview|analysis|report|paper|transcript|page|text)\s+"
    r"(?:(?:was|is|has\s+been|had\s+been)\s+(?:(?:first|originally|last)\s+)?|(?:first|originally)\s+)"
    r"|(?:first|originally|last)\s+)?"
    r"(?P<kw>published|posted|appeared|updated|modified|released|dated|publication\s+date|"
    r"date\s+published|date\s+of\s+publication|date)\b[^\n]{0,40}",
    re.I | re.M,
)
_DATELINE = re.compile(
    r"^[\W_]*[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?,\s*(?P<date>[^()\n]{6,30}?)"
    r"\s*(?:\([A-Za-z .&]{2,30}\))?\s*[-\u2013\u2014:]\s"
)
_TIME = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[a-z]{2,4}t))?\b", re.I
)
_OK_LOWER = {"by", "on", "at", "and", "of", "the", "updated", "published", "posted",
             "last", "first", "am", "pm", "in", "min", "read", "date", "dated", "issue"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_TOP_LINES = 15
# a title that announces a transcript: it dates the event it records ("Regular Press Conference on
# March 14, 2023"), and its speakers' lines are turns (passages.py)
TRANSCRIPT_TITLE = re.compile(r"\b(?:press conference|news conference|briefing|remarks|interview|speech|address|"
                              r"statement|transcript|readout|press call|q&a|answers to (?:media )?questions)\b", re.I)
_TOP_CHARS = 2000


def _valid(year: int, month: int, day: int | None) -> bool:
    if not 1900 <= year <= _dt.date.today().year + 1 or not 1 <= month <= 12:
        return False
    if day is None:
        return True
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def match_date(s: str) -> tuple[str, str, int, int] | None:
    """First full date in ``s``: (iso, precision, start, end), or None."""
    found: list[tuple[int, int, str, str, int]] = []
    for pattern, precision in _PATTERNS:
        for m in pattern.finditer(s):
            g = m.groupdict()
            year = int(g["year"])
            if g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                if g["sep"] == "/" and a <= 12 and b <= 12 and a != b:
                    continue  # 03/04/2021: April or March? Not guessed.
                day, month = (b, a) if g["sep"] == "/" and b > 12 else (a, b)
            else:
                month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["mon"].lower()]
                day = int(g["day"]) if g.get("day") else None
            if not _valid(year, month, day):
                continue
            iso = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
            found.append((m.start(), _RANK[precision], iso, precision, m.end()))
            break  # the first valid match of each pattern is enough
    if not found:
        return None
    start, _, iso, precision, end = min(found)
    return iso, precision, start, end


def parse_date(value: str) -> tuple[str, str] | None:
    """Parse a metadata date ("2024-05-22T10:00Z", "2024-05", "2024", "May 8, 2024")."""
    value = value.strip()
    m = re.match(r"^(?:D:)?((?:19|20)\d\d)(?:-?([01]\d)(?:-?([0-3]\d))?)?(?=$|[T\s_+\-Z:]|\d)", value)
    if m:
        year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
        if month is None:
            return (f"{year:04d}", "year") if _valid(year, 1, None) else None
        if _valid(year, month, day):
            if day is None:
                return f"{year:04d}-{month:02d}", "month"
            return f"{year:04d}-{month:02d}-{day:02d}", "day"
    found = match_date(value)
    return (found[0], found[1]) if found else None


def _is_date_line(line: str) -> tuple[str, str] | None:
    """The date of a short line that is (nearly) only a date, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 100:
        return None
    found = match_date(stripped)
    if not found:
        return None
    iso, precision, start, end = found
    rest = _TIME.sub(" ", stripped[:start] + " " + stripped[end:])
    rest = re.sub(rf"\b{_WEEKDAY}", " ", rest, flags=re.I)
    words = _WORD.findall(rest)
    if len(words) > 8:
        return None
    for word in words:
        if not word[0].isupper() and word.lower().rstrip(".:") not in _OK_LOWER:
            return None  # a lowercase verb or noun: this is prose
    if stripped.endswith(".") and len(words) >= 3 and not stripped[:-1].rstrip().endswith(("am", "pm", "a.m", "p.m")):
        return None
    return iso, precision


def _announced(text: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(published, updated) dates from announcement lines anywhere in the text."""
    published = updated = None
    for m in _ANNOUNCE.finditer(text):
        line_end = text.find("\n", m.start())
        line = text[m.start(): line_end if line_end != -1 else len(text)]
        kw_end = m.end("kw") - m.start()
        found = match_date(line[kw_end:])
        if not found or found[2] > 60:
            continue
        kw = m["kw"].lower()
        if kw == "date" and not re.match(r"\s*[:\-]", line[kw_end:]):
            continue  # "Date" alone must be a label ("Date: ...")
        value = (found[0], found[1])
        if kw in ("updated", "modified"):
            updated = updated or value
        elif published is None:
            published = value
    return published, updated


def _top_of_text(text: str) -> tuple[str, str] | None:
    head = text[:_TOP_CHARS]
    seen = 0
    for line in head.splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > _TOP_LINES:
            break
        value = _is_date_line(line)
        if value:
            return value
        title = TRANSCRIPT_TITLE.search(line) if seen <= 2 and len(line) <= 200 else None
        if title:
            found = match_date(line)
            if found and found[1] == "day" and found[2] > title.start():
                return found[0], found[1]
        m = _DATELINE.match(line)
        if m:
            found = match_date(m["date"])
            if found and found[1] == "day" and found[2] <= 12:
                return found[0], found[1]
    return None


def find_published(text: str, *, metadata_date: str | None = None) -> tuple[str | None, str | None]:
    """The publication date a text states, as (ISO date, precision) or (None, None).

    Parameters: ``text`` the document text; ``metadata_date`` a date from the
    source's metadata, which wins when it parses.
    Returns: e.g. ("2024-05-22", "day"), ("2020-10", "month"), (None, None).

    >>> find_published("Title\\n\\nOct 21, 2020\\n\\nIn 1969 the border war began.")
    ('2020-10-21', 'day')
    >>> find_published("In 1969 the border war began.")
    (None, None)
    """
    if metadata_date:
        parsed = parse_date(str(metadata_date))
        if parsed:
            return parsed
    published, updated = _announced(text)
    if published:
        return published
    top = _top_of_text(text)
    if top:
        return top
    if updated:
        return updated
    return None, None
