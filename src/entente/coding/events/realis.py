"""Realis and clause tests over the dependency parse: negation, modals, conditionals, governing verbs."""
from __future__ import annotations

from functools import lru_cache

from entente.coding.events.lexicon import (
    CONCESSIVE_MARKS,
    CONDITIONAL_MARKS,
    INTENT_ADJS,
    INTENT_VERBS,
    HOPE_FORMS,
    IRREALIS_GOVERNORS,
    MODALS,
    UNREALISED_HEADS,
)


REPORTING_VERBS = {"say", "reiterate", "stress", "emphasize", "emphasise", "note", "state", "tell", "add", "repeat",
                   "underscore", "confirm", "acknowledge", "explain", "report", "insist", "mention", "point"}


ALLEGING_VERBS = {"accuse", "suspect", "charge", "allege"}  # "condemned X for attacking Y" presupposes the attack
# what is asked or worked for is not yet done: "called for lifting sanctions", "pushed for expanding NATO"
APPEAL_FOR = {"call", "push", "press", "argue", "lobby", "campaign", "appeal", "plead", "ask", "plan", "prepare",
              "advocate", "vote", "wait"}
# judged for an act, which happened: "will not be punished for waging a war", "thanked X for helping"
JUDGING_VERBS = {"punish", "sanction", "condemn", "criticise", "criticize", "blame", "thank", "praise", "fine",
                 "penalise", "penalize", "reward", "censure", "rebuke", "denounce", "commend", "apologise", "apologize"}


def negated(tok) -> bool:
    """The token itself is negated ("did not say", "never liked"), whatever governs it."""
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in tok.children)


def irrealis(tok) -> bool:
    h = tok
    for _ in range(6):
        for c in h.children:
            if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't"):
                return True
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                return True
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return True
        if h.dep_ in ("xcomp", "acl") and (h.head.lemma_.lower() in IRREALIS_GOVERNORS or h.head.lower_ in HOPE_FORMS):
            return True
        if h.dep_ == "advcl" and h.head.lemma_.lower() in IRREALIS_GOVERNORS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in h.children):
            return True  # "call on the US to lift sanctions", parsed as an adverbial clause
        if h.dep_ == "xcomp" and h.head.lemma_ == "go" and h.head.tag_ == "VBG":  # "going to"
            return True
        if h.dep_ == "pcomp" and h.head.lower_ in ("of", "for") and h.head.head.lemma_.lower() in ALLEGING_VERBS:
            return True  # "accused Peru of breaking the treaty": an allegation, not a report of the act
        if h.dep_ == "pcomp" and h.head.lower_ == "for" and h.head.head.lemma_.lower() in APPEAL_FOR:
            return True  # "called for lifting the sanctions": asked for, not done
        if h.dep_ == "pcomp" and h.head.lower_ == "for" and h.head.head.lemma_.lower() in JUDGING_VERBS:
            break  # the judgement's own modality is not the act's
        if h.dep_ == "pcomp" and h.head.lower_ == "of" and h.head.head.lemma_.lower() in UNREALISED_HEADS:
            return True  # "the possibility of the US reaching a deal with Russia", "the risk of Japan joining"
        if h.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in h.children):
            break  # "even though X supports Y, it doesn't mean...": the main clause's negation is not X's
        if h.dep_ == "ccomp" and h.head.lemma_.lower() in REPORTING_VERBS:
            # "I'm going to reiterate that we have concerns": the speaker's modality is not the
            # content's; a denied report still is ("did not say that...")
            return negated(h.head)
        if h.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp", "prep", "pobj", "dobj", "acomp") and h.head.i != h.i:
            if h.dep_ in ("ccomp",) and (h.head.lemma_.lower() in (
                    "hope", "wish", "suggest", "recommend", "fear", "doubt", "wonder", "predict", "expect",
                    "worried", "worry", "afraid", "concerned") or h.head.lower_ in HOPE_FORMS):
                return True
            h = h.head
            continue
        break
    return False


def forecast(tok) -> bool:
    """A modal or future verb, up its clause chain ("will fall", "will need to limit", "is going to
    end"), unlike a negated one: "did not stop the rapprochement" still reports the rapprochement."""
    h = tok
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in h.children):
            return True
        if h.dep_ == "xcomp" and h.head.lemma_ == "go" and h.head.tag_ == "VBG":
            return True
        if h.dep_ not in ("xcomp", "conj"):
            return False
        h = h.head
    return False


def intent_governor(tok):
    """The word that makes ``tok``'s act an expressed intent, else None: "agreed to lift",
    "offered to send troops to help", "is ready to contribute"."""
    h = tok
    for _ in range(3):
        if h.dep_ not in ("xcomp", "advcl") or h.head.i == h.i:
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children):
            return None
        g = h.head
        if g.lemma_.lower() in INTENT_VERBS or (g.pos_ == "ADJ" and g.lower_ in INTENT_ADJS):
            return g
        h = g
    return None


def intent_code(tok, code: str) -> str | None:
    """An act under an intent governor is the intent: 030 for a cooperative act, 130 for a hostile one
    that is vowed or readied ("vowed to retaliate", "ready to strike"); None when not under one."""
    gov = intent_governor(tok)
    if gov is None:
        return None
    if code[:2] <= "08":
        return "030"
    if gov.pos_ == "ADJ" or gov.lemma_.lower() in ("vow", "pledge", "promise"):
        return "130"
    return "030"


def has_particle(tok, prt) -> bool:
    """The verb has one of its required particles next to it ("cut off", "called on"), not a preposition
    that heads a time ("called on Monday")."""
    return any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in prt and c.i <= tok.i + 2
               and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children) for c in tok.children)


def has_words(tok, words) -> bool:
    if not words:
        return True
    ws = _word_set(tuple(words))
    head = relative_object(tok)
    if head is not None and (head.lower_ in ws or head.lemma_.lower() in ws):
        return True  # "the exercises that X and Y held": the clause's object is the noun it modifies
    for c in tok.children:
        if c.lower_ in ws or c.lemma_.lower() in ws:
            return True
        for g in c.children:
            if g.lower_ in ws or g.lemma_.lower() in ws:
                return True
            if c.dep_ == "dobj" and g.dep_ == "prep" and g.lower_ == "of":  # "a number of treaties"
                if any(p.lower_ in ws or p.lemma_.lower() in ws for p in g.children):
                    return True
    return False


def infinitive_head(tok):
    """The noun an infinitive clause modifies ("ways to strengthen ties" → "way"), else None."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("relcl", "acl") or tok.head.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    return tok.head.lemma_.lower()

def governing_verb(tok):
    h = tok
    for _ in range(5):
        if h.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "conj", "attr", "compound") and h.head.i != h.i:
            h = h.head
            if h.pos_ in ("VERB", "AUX"):
                return h
            continue
        break
    return None

def conditional(verb) -> bool:
    h = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in h.children):
            return True
        if h.dep_ in ("conj", "xcomp") and h.head.i != h.i:
            h = h.head
            continue
        break
    return False


def relative_object(tok):
    """The noun an object relative clause modifies, when ``tok`` heads one ("the sanctions that X
    imposed", "the steps X has taken"): the verb's object, though the parse hangs it above."""
    if tok.dep_ != "relcl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    kids = list(tok.children)
    if not any(c.dep_ in ("nsubj", "nsubjpass") and not _relative(c) for c in kids):
        return None  # "the attack that killed 20": the relative pronoun is the subject
    if any(c.dep_ == "dobj" and not _relative(c) for c in kids) or any(c.dep_ == "nsubjpass" for c in kids):
        return None  # "the deal under which X sells gas": the clause has an object of its own
    return tok.head


def peacekeeping(tok) -> bool:
    """Whether a deployment keeps the peace: "sent troops to Mali on a peacekeeping mission", also when
    the mission hangs on the announcing verb ("announced the deployment of troops… on a…")."""
    scope = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else tok
    return any(w.lower_.startswith(("peacekeep", "peace-keep")) for w in scope.subtree)


def _relative(tok) -> bool:
    return tok.tag_ in ("WDT", "WP") or tok.lower_ in ("that", "which", "who", "whom")


def near_words(tok, *, objects: bool = False) -> list[str]:
    """Words (forms and lemmas) of a token's children and grandchildren, as ``has_words`` reads them;
    with ``objects``, not the subject's (a verb's object words refine its code: "soldiers beat
    detainees" is no beating of soldiers).

    In sentence order, not a set: callers take the first word that has a code, and a set's order
    changes with the process's hash seed (the same text coded differently in two processes)."""
    out: dict[str, None] = {}
    head = relative_object(tok)
    if head is not None:
        out.update(dict.fromkeys((head.lower_, head.lemma_.lower())))
    for c in tok.children:
        if objects and c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            continue
        out.update(dict.fromkeys((c.lower_, c.lemma_.lower())))
        for g in c.children:
            out.update(dict.fromkeys((g.lower_, g.lemma_.lower())))
            if c.dep_ == "dobj" and g.dep_ == "prep" and g.lower_ == "of":
                out.update(dict.fromkeys(w for p in g.children for w in (p.lower_, p.lemma_.lower())))
    return list(out)


@lru_cache(maxsize=4096)
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)  # PETRARCH2 verbs list hundreds of object words: build each set once


# an act counted over the world, not towards one partner: "China's overall arms imports"
WORLDWIDE_WORDS = {"global", "worldwide", "overall", "total", "world"}


def worldwide(tok) -> bool:
    """The event noun is counted over the whole world ("overall arms imports", "Russian arms sales
    around the world", "global exports"): the pair in context is not its partner."""
    for c in tok.children:
        if c.dep_ in ("amod", "advmod") and c.lower_ in WORLDWIDE_WORDS:
            return True
        if c.dep_ == "prep" and c.lower_ in ("around", "across", "worldwide") and any(
                o.lower_ in ("world", "globe") for o in c.children):
            return True
    return False


def hostile_purpose(tok, verbs) -> bool:
    """An intent noun whose infinitive is a hostile act ("its readiness to strike X", "a desire to
    invade X"): ``verbs`` is the verb lexicon; the project's own entries of roots 13-20 are hostile
    (PETRARCH2's defaults hold only with their objects: "play" is 124 only with "ball")."""
    for c in tok.children:
        if c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            trig = verbs.get(c.lemma_.lower())
            if trig is not None and trig.origin == "entente" and not trig.needs_obj and trig.code[:2] >= "13":
                return True
    return False

