"""Where quotations are: the spans between quotation marks, and the scare-quote test.

``find_quote_spans`` pairs straight, curly and low double marks and guillemets, and curly
single marks used as quotes (never an apostrophe); ``scare_quote`` tells a term held at arm's
length from words someone said. ``quotes.py`` finds the speakers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Quotation marks and paragraph breaks, scanned in one pass.
_MARKS = re.compile(r"''|[“”\"‘’„«»]|\n[ \t\r\f\v]*\n")  # '' : two apostrophes as a double mark
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: the marks' positions and the quoted text between them."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark (or the paragraph end when unclosed)
    start: int  # quoted text, trimmed
    end: int


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotations in ``text``; an unclosed quotation ends at its paragraph's end."""
    spans: list[QuoteSpan] = []
    dbl: int | None = None  # position of an open double mark
    sgl: int | None = None  # position of an open single mark (only outside doubles)

    def add(o: int, c: int) -> None:
        s, e = o + 1, c
        if text.startswith("''", o):
            s += 1  # the opening mark is two characters wide
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
            e -= 1
        if e > s:
            spans.append(QuoteSpan(o, c, s, e))

    n = len(text)
    for m in _MARKS.finditer(text):
        ch, i = m.group(), m.start()
        if ch[0] == "\n":
            if dbl is not None:
                add(dbl, i)
            dbl = sgl = None
        elif ch in "“„«":
            dbl, sgl = i, None
        elif ch in "”»":
            if dbl is not None:
                add(dbl, i)
                dbl = None
        elif ch in ('"', "''"):
            if dbl is None:
                dbl, sgl = i, None
            else:
                add(dbl, i)
                dbl = None
        elif dbl is None and ch == "‘":
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < n else " "
            if (before.isspace() or before in "([—–-:") and after.isalnum():
                sgl = i
        elif dbl is None and ch == "’" and sgl is not None:
            after = text[i + 1] if i + 1 < n else " "
            if not after.isalnum():
                add(sgl, i)
                sgl = None
    return spans


_NAMING = frozenset("call dub term label brand describe characterise characterize".split())
_DET_BEFORE = re.compile(r"(?i:\b(?:the|a|an|this|that|these|those|its|his|her|their|our|such|so-called)\s*)$")


def scare_quote(text: str, q: QuoteSpan, sdoc, speech_verbs: frozenset = frozenset()) -> bool:
    """A term held at arm's length, not words someone said: 'eliminate the "three obstacles"'.

    One to three words with no verb, used as a noun phrase right after a determiner or
    possessive, are a scare quote however near a speech verb they stand, unless they lie inside
    what the speech verb reports: 'said the deal would be ready in the "next few hours"' quotes
    the speaker's own words.
    """
    if len(_WORD.findall(text, q.start, q.end)) > 3:
        return False
    if not _DET_BEFORE.search(text, max(0, q.open - 12), q.open):
        return False
    span = sdoc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
        return False
    root = span.root
    # 'called the plan a "dangerous illusion"': a naming verb's complement is the speaker's words
    if root.dep_ in ("oprd", "attr"):
        return False
    t = root
    for _ in range(4):  # 'which he described as a "huge" loss': still the speaker's word
        if t.head.i == t.i:
            break
        t = t.head
        if t.lemma_.lower() in _NAMING:
            return False
    t = root
    # inside a reported clause ("said [he hoped it would be ready in the '…']"); a quoted object there is
    # still a label ('declared he would remove the "four barriers"')
    for _ in range(8 if root.dep_ != "dobj" else 0):
        if t.head.i == t.i:
            break
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in speech_verbs:
            return False
        t = t.head
    return True
