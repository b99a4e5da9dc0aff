"""Date word tables and the compiled patterns that find date mentions (used by ``dates.py``).

Each pattern in ``PATTERNS`` has a kind that ``DateResolver._resolve`` turns into a date;
``PRECISION_RANK`` ranks precisions (higher is more precise).
"""
from __future__ import annotations

import re

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MON_ABBR = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
_FULL = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
_ANY = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December" \
       r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_ORD = r"(?:st|nd|rd|th)"
NUMS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1, "several": 3, "few": 3}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(NUMS, key=len, reverse=True)) + r")"
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())} | {
    "twenty-first": 21, "twenty first": 21}
DECADE_WORDS = {w: 1900 + 10 * (i + 2) for i, w in enumerate(
    "twenties thirties forties fifties sixties seventies eighties nineties".split())}
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_PHASE = r"(?:(?P<phase>early|late|mid|middle)(?:[- ]|\s+of\s+the\s+))?"
YEAR_CUES = frozenset(
    "in since by from until till to of the early late mid circa around approximately about year "
    "before after during between and through spring summer autumn fall winter".split())
PRECISION_RANK = {"day": 5, "month": 4, "year": 3, "decade": 2, "century": 1, "publication": 0,
                  "estimate": 0, "unknown": -1}

# (kind, regex); earlier patterns win where matches overlap at the same start.
PATTERNS: list[tuple[str, re.Pattern]] = [(k, re.compile(p)) for k, p in [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("mdy", _ANY + r"\s+(?P<d>\d{1,2})" + _ORD + r"?(?:\s*[-–]\s*\d{1,2})?,?\s+(?P<y>\d{4})\b"),
    ("dmy", r"\b(?P<d>\d{1,2})" + _ORD + r"?(?:\s+of)?\s+" + _ANY + r",?\s+(?P<y>\d{4})\b"),
    ("my", r"\b" + _FULL + r",?\s+(?:of\s+)?(?P<y>\d{4})\b"),
    ("md", r"\b" + _ANY + r"\s+(?P<d>\d{1,2})" + _ORD + r"?\b(?![,\s]*\d{4})"),
    ("dm", r"\b(?:the\s+)?(?P<d>\d{1,2})" + _ORD + r"?\s+(?:of\s+)?" + _FULL + r"\b(?![,\s]*\d{4})"),
    ("m", r"(?i:\b(?:in|since|during|until|by|last|early|late|mid-?|this|of|from|through)\s+)"
          r"(?:early\s+|late\s+|mid-)?" + _FULL + r"\b"),
    ("m", r"\b" + _FULL + r"(?=[’']s\b)"),
    ("century", r"(?i:\b(?:the\s+)?" + _PHASE + r"(?P<c>\d{1,2}" + _ORD + r"|" + "|".join(ORDINALS)
                + r")[- ]century\b)"),
    ("decade", r"\b(?:the\s+)?" + _PHASE + r"(?P<y>1[6-9]\d0|20[0-9]0)[’']?s\b"),
    ("decade2", r"\bthe\s+" + _PHASE + r"[’']?(?P<y>[2-9]0)s\b"),
    ("decade3", r"(?i:\bthe\s+" + _PHASE + r"(?P<w>" + "|".join(DECADE_WORDS) + r")\b)"),
    ("today", r"(?i:\b(?:earlier\s+|later\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b)"),
    ("yesterday", r"(?i:\byesterday\b)"),
    ("last", r"(?i:\b(?:last|past|previous)\s+(?P<u>week|month|year|decade)\b)"),
    ("this", r"(?i:\bthis\s+(?P<u>week|month|year)\b)"),
    ("lastn", r"(?i:\b(?:last|past)\s+(?:couple\s+of|few|" + _NUM + r")\s+years\b)"),
    ("recent", r"(?i:\bin\s+recent\s+(?:days|weeks|months)\b|\brecently\b)"),
    ("weekday", r"\b(?:on\s+|last\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("later", r"(?i:\b" + _NUM + r"\s+(?P<u>years?|decades?)\s+(?:later|on|afterwards)\b)"),
    ("after", r"(?i:\bafter\s+(?:just\s+|only\s+|some\s+|about\s+|another\s+)?" + _NUM + r"\s+(?P<u>years?|decades?)\b)"),
    ("earlier", r"(?i:\b" + _NUM + r"\s+(?P<u>years?|decades?)\s+(?:earlier|before)\b)"),
    ("following", r"(?i:\b(?:the\s+)?(?:following|next|subsequent)\s+(?P<u>year|decade)\b(?!s))"),
    ("same", r"(?i:\b(?:that|the\s+same)\s+(?:same\s+)?(?P<u>year|decade)\b)"),
    ("endofdecade", r"(?i:\bby\s+the\s+end\s+of\s+the\s+decade\b)"),
    ("year", r"(?<![\d$£€.,])\b(?P<y>1[6-9]\d\d|20\d\d)\b(?![\d%]|[.,]\d|\s*percent)"),
]]
OFFSETS = frozenset({"later", "after", "earlier", "following", "same", "endofdecade"})
_ANY_YEAR = re.compile(r"(?<![\d$£€.,])\b(1[6-9]\d\d|20\d\d)\b(?![\d%]|[.,]\d)")
_BY_YEAR = re.compile(r"(?i:\b(?:by|until|till|before)\s+)$")
SAME_YEAR = re.compile(r"(?i:\s+of\s+(?:the\s+same|that)\s+year\b)")
PARA = re.compile(r"\n[ \t\r\f\v]*\n")
BOUNDARY = re.compile(r"(?i:\b(?:since|until|till|ever\s+since)\s+(?:the\s+)?)$")
