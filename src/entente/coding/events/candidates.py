"""Candidate events for the learned scorer: every ordered actor pair a sentence could be about.

A sentence's actors are its mentions, its references to the pair in context ("the two countries",
"they", "both sides"), "it" and, in a speaker's turn, an official's "we" / "our" (that official's
state, CODEBOOK Conventions). The document's pair in context is always a candidate too, so that
"the talks lasted seven hours" can be coded for the two parties the text is about. Each candidate
carries the rules coder's events for the same pair, which become features and supply triggers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from entente.coding.events.lexicon import (
    LOCATIVE_PREPS, PAIR_NOUNS, PAIR_PRONOUNS, PLACE_NOUNS, SINGLE_PRONOUNS,
)
from entente.types import Event

WE_WORDS = {"we", "our", "us", "ours", "ourselves", "i", "me", "my", "myself"}  # an official's own acts are its state's
OFFICIAL_WORDS = {"official", "officials", "spokesperson", "spokesman", "spokeswoman", "secretary", "minister",
                  "ambassador", "president", "premier", "chancellor", "envoy", "representative", "adviser",
                  "advisor", "director", "counselor", "ministry"}
NOT_ACTOR_SPEAKERS = {"moderator", "q", "question", "host", "operator", "reporter", "journalist", "audience"}
VENUE_PREPS = {"in", "near", "inside", "within"}  # "a meeting in Rome": where, not who
MAX_ACTORS = 6  # a sentence listing a dozen states is a list, not a dozen dyads


@dataclass(frozen=True)
class Slot:
    """One way a sentence refers to an actor."""

    code: str
    tok: int | None  # token index of the reference (its head), None for the pair in context
    how: str  # mention kind ("state", "person", ...), "pair", "pron", "we" or "ctx"


@dataclass
class Candidate:
    sent_start: int
    sent_end: int
    source: str
    target: str
    s_slot: Slot
    t_slot: Slot
    rule_events: dict[str, Event] = field(default_factory=dict)  # root → the rules' event for this pair
    features: dict[str, float] = field(default_factory=dict)
    anchor: int | None = None  # token index used as trigger and for dating when no rule fired
    anchor_span: tuple[int, int, str] | None = None  # its (start char, end char, lemma)
    anchor_code: str | None = None  # PETRARCH2's code for the anchor verb, if any
    date: tuple[str | None, str | None] = (None, None)  # (date, precision) near the anchor
    irrealis: bool = False  # the anchor verb is negated, modal or conditional


def mention_head(sdoc, m) -> int:
    """The token of a mention whose head lies outside it (the mention's syntactic head)."""
    for i in range(m.start, m.end):
        h = sdoc[i].head.i
        if not m.start <= h < m.end or h == i:
            return i
    return m.end - 1


def speaker_state(document, actors, sdoc) -> dict[int, str]:
    """Passage start char → the state an official speaker of a turn stands for."""
    out = {}
    official_state = None
    for p in document.passages:
        if p.kind != "turn" or not p.speaker:
            continue
        name = p.speaker.strip()
        low = name.lower()
        if low.rstrip(":") in NOT_ACTOR_SPEAKERS:
            continue
        code = actors.person_actor(name) or actors.code_for(name)
        if code is None and set(low.replace(".", " ").split()) & OFFICIAL_WORDS:
            if official_state is None:
                official_state = _first_government(document, actors, sdoc)
            code = official_state
        if code:
            out[p.start] = code
    return out


def _first_government(document, actors, sdoc) -> str | None:
    """The state of the first government body the text names ("the White House" → USA); a capital
    only when no body is named and it is not a venue ("a meeting in Rome")."""
    capital = person = None
    for m in actors.find_mentions(sdoc):
        if m.kind == "org":
            return m.code
        tok = sdoc[mention_head(sdoc, m)]
        if m.kind == "capital" and capital is None and not (
                tok.dep_ == "pobj" and tok.head.lower_ in VENUE_PREPS):
            capital = m.code
        if m.kind in ("person", "role") and person is None:
            person = m.code
    # a ministry's transcript ("Spokesperson: ... Foreign Minister Qin Gang had a call with..."):
    # else the state of the first official it names
    return capital or person


def sentence_slots(coder, sent, ctx, speaker: str | None, toks=None) -> list[Slot]:
    slots: list[Slot] = []
    seen_tok = set()
    mentions = ctx["mentions"]
    for tok in toks if toks is not None else sent:
        m = mentions.get(tok.i)
        if m is not None:
            if id(m) in seen_tok:
                continue
            seen_tok.add(id(m))
            head = mention_head(sent.doc, m)
            if not _in_place_phrase(sent.doc[head]):
                # "U.S.-China talks": both actors of a split token
                slots.extend(Slot(x.code, head, x.kind) for x in ctx.get("split", {}).get(tok.i, [m]))
            continue
        low = tok.lower_
        pair_ref = low in PAIR_PRONOUNS or (low in ("both", "two") and tok.dep_ in ("nsubj", "nsubjpass")) \
            or (tok.lemma_.lower() in PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children)) \
            or low in ("bilateral", "joint", "jointly", "mutual")
        if pair_ref and len(ctx["pair"]) == 2:
            slots.extend(Slot(c, tok.i, "pair") for c in ctx["pair"])
        elif low in SINGLE_PRONOUNS and ctx["last"]:
            slots.append(Slot(ctx["last"], tok.i, "pron"))
        elif low in WE_WORDS and speaker:
            slots.append(Slot(speaker, tok.i, "we"))
        elif speaker and tok.pos_ in ("PROPN", "NOUN") and _bare_office(coder, sent.doc, tok):
            # an official naming an office with no country ("the National Security Advisor laid
            # out..."): an office of the speaker's own state
            slots.append(Slot(speaker, tok.i, "we"))
    return slots


def _bare_office(coder, sdoc, tok) -> bool:
    """The token heads an office title no country owns ("the National Security Advisor")."""
    start = tok.i
    while start > tok.sent.start and sdoc[start - 1].dep_ == "compound" and start <= sdoc[start - 1].head.i <= tok.i:
        start -= 1
    if start == tok.i and tok.dep_ == "compound":
        return False  # the title's head comes later
    n = coder.actors.bare_role([t.text for t in sdoc[start:tok.i + 1]])
    if n != tok.i + 1 - start:
        return False
    return not any(c.dep_ in ("poss", "amod") or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children)


def _in_place_phrase(tok) -> bool:
    """ "a battle on the border between Xinjiang and Kazakhstan": a place, not a party."""
    h = tok
    for _ in range(4):
        if h.head.i == h.i:
            return False
        if h.dep_ == "pobj" and h.head.lower_ in LOCATIVE_PREPS and h.head.head.lemma_.lower() in PLACE_NOUNS:
            return True
        h = h.head
    return False


def sentence_candidates(coder, sent, ctx, rule_events: list[Event], speaker: str | None,
                        toks=None) -> list[Candidate]:
    """Ordered pairs of distinct actors for one sentence, with the rules' events attached."""
    slots = [s for s in sentence_slots(coder, sent, ctx, speaker, toks) if not s.code.startswith("<")]
    by_code: dict[str, Slot] = {}
    for s in slots:  # an explicit mention outranks a pronoun or a pair reference
        old = by_code.get(s.code)
        if old is None or (old.how in ("pair", "pron", "we", "ctx") and s.how not in ("pair", "pron", "we")):
            by_code[s.code] = s
    codes = list(by_code)[:MAX_ACTORS]
    for c in ctx["pair"]:
        if c not in by_code:
            by_code[c] = Slot(c, None, "ctx")
            codes.append(c)
    for e in rule_events:
        for c in (e.source, e.target):
            if c not in by_code:
                by_code[c] = Slot(c, None, "rule")
                codes.append(c)
    rules: dict[tuple[str, str], dict[str, Event]] = {}
    for e in rule_events:
        rules.setdefault((e.source, e.target), {}).setdefault(e.cameo[:2], e)
    out = []
    for s in codes:
        for t in codes:
            if s == t:
                continue
            if by_code[s].how in ("ctx", "rule") and by_code[t].how in ("ctx", "rule") and (s, t) not in rules \
                    and not _implicit_ok(toks if toks is not None else sent):
                continue
            out.append(Candidate(sent.start_char, sent.end_char, s, t, by_code[s], by_code[t],
                                 rule_events=rules.get((s, t), {})))
    return out


def _implicit_ok(toks) -> bool:
    """Sentences with no actor of their own are candidates for the pair in context only when they
    have a finite verb or an event noun to carry an act (not headings, not fragments)."""
    return any(t.pos_ in ("VERB", "NOUN") and t.dep_ in ("ROOT", "nsubj", "dobj", "nsubjpass") for t in toks)


def in_turn(document, start, char) -> bool:
    """Whether ``char`` lies in the speaker turn (passage) that begins at ``start``."""
    return any(p.start == start and p.start <= char < p.end for p in document.passages)


def anchor_token(sent, cand):
    """The token standing for a candidate's act: the source's governing verb, else the sentence root."""
    if cand.s_slot.tok is not None:
        h = sent.doc[cand.s_slot.tok]
        for _ in range(6):
            if h.pos_ in ("VERB",) or h.head.i == h.i:
                break
            h = h.head
        if h.pos_ == "VERB":
            # "wants to sign", "went on to attack": the act is the complement
            comp = [c for c in h.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            return comp[0] if comp else h
    return sent.root
