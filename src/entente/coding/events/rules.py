"""Rules event coder: dependency parse + trigger lexicon + actor mentions → events.

For each trigger (a verb or a nominal such as "visit", "invasion") it takes
sources from the subject (or a possessor), targets from objects and
prepositional phrases, expands coordination, codes joint actions in both
directions and drops non-realis uses (negation, modals, conditionals,
questions, wishes and plans). Nominal triggers are read in nouns.py. Its
events are the candidates the learned scorer (scorer.py) rescores.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

from entente.coding.events import directions, realis
from entente.coding.events.antecedents import main_talks
from entente.coding.events.candidates import in_turn, speaker_state
from entente.coding.events.context import ActorContext
from entente.coding.events.features import featured_candidates
from entente.coding.events.lexicon import (
    ACTOR_HEADS,
    INFLICTING_VERBS,
    COMPLAINING_VERBS,
    ADMITTING_VERBS,
    AGENT_ONLY_VERBS,
    ARRIVING_FORCES,
    BLOCKING_VERBS,
    BORDER_NOUNS,
    CODER,
    CONCERN_ADJS,
    DRILL_NOUNS,
    FOUNDING_VERBS,
    GIVING_VERBS,
    HOPE_FORMS,
    INTENT_NOUNS,
    INVOLVING_VERBS,
    LIKING_VERBS,
    MEMBERSHIP_VERBS,
    MUTUAL_OBJECT_PREFIXES,
    MUTUAL_PREFIXES,
    PACT_NOUNS,
    PURCHASE_VERBS,
    REALIS_INFINITIVE_HEADS,
    REL_DOWN,
    REL_UP,
    SECONDARY_PREPS,
    SPEECH_VERBS,
    SUBJECT_CONTROL,
    TOPIC_PREPS,
    TARGET_PREPS,
    TREND_VERBS,
    Trigger,
    _add,
    load_petrarch_verbs,
    load_rules,
    object_codes,
)
from entente.coding.events.clauses import ClauseEvents
from entente.coding.events.nouns import NominalEvents
from entente.coding.events.stances import SpeechEvents
from entente.types import Event


# a briefing's ground rules ("this call is on background", "embargoed until the end of the call")
# describe the briefing itself, not talks between states
BRIEFING_RULES = re.compile(r"\b(?:on\s+background|embargoed\s+until|embargo\s+on\s+the\s+contents|(?:on|off)\s+the\s+record)\b", re.I)
SECTION_HEADING = re.compile(r"\s*#{2,6}\s[^\n]*\s*")  # the whole sentence, one line
# a chart's title line ("▲ Chinese Arms Purchases from Russia") names what the chart shows, not an act
# (a numbered "Figure 2: Oil Exports to China" caption is coded: the gold codes the flows it names)
FIGURE_CAPTION = re.compile(r"\s*[_*]*\s*[▲▼►■][^\n]*\s*")


class EventCoder(NominalEvents, ClauseEvents, SpeechEvents, ActorContext):
    """Codes events in one parsed document. Construction stores settings; load() reads data."""

    name = CODER
    _irrealis = staticmethod(realis.irrealis)
    _has_words = staticmethod(realis.has_words)
    _infinitive_head = staticmethod(realis.infinitive_head)
    _governing_verb = staticmethod(realis.governing_verb)
    _conditional = staticmethod(realis.conditional)
    _pairs = staticmethod(directions.pairs)

    def __init__(self, *, actors, rules: str | Path | None = None):
        self.actors = actors
        self.rules_path = rules
        self.rules = None

    def load(self) -> "EventCoder":
        self.rules = load_rules(self.rules_path)
        self.petrarch = load_petrarch_verbs()
        return self

    def _verb_events(self, tok, trig: Trigger, ctx):
        if not self._has_words(tok, trig.needs_obj):
            return []
        if trig.prt and not realis.has_particle(tok, trig.prt):
            if trig.bare is None:
                return []
            # "called Erdogan" (no "on", "for"): a phone call, not an appeal
            trig = Trigger(code=trig.bare, joint=trig.bare.startswith(MUTUAL_PREFIXES))
            if not any(c.dep_ == "dobj" and self._actors_in(c, ctx) for c in tok.children) or any(
                    c.dep_ in ("oprd", "ccomp") or (c.dep_ == "xcomp" and c.pos_ != "VERB") for c in tok.children):
                return []  # "called it a mistake", "called the invasion a crime"
        trig = self._verb_trigger(tok, trig, ctx)  # what the verb's complements make of it (clauses.py)
        if trig is None:
            return []
        if trig.code.startswith("01"):
            demand = self._reported_demand(tok, ctx)
            if demand:  # "declared that China must drop its barriers": a demand, as after "said"
                return demand
            critical = self._reported_criticism(tok, ctx)
            if critical:  # "declared that X's assertive behaviour presents challenges": 111, not 010
                return critical
        subj, passive = self._subjects(tok, ctx)
        if passive and tok.lemma_.lower() == "oppose" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
            passive = False  # "Israel is opposed to X": Israel opposes
        if trig.code == "042" and any(s.lemma_.lower() in ARRIVING_FORCES for s in subj):
            # troops that arrive do not visit; peacekeepers that arrive protect (074)
            if not any(w.lower_.startswith("peacekeep") for s in subj for w in s.subtree):
                return []
            trig = Trigger(code="074")
        if tok.lemma_.lower() in AGENT_ONLY_VERBS and any(c.dep_ == "xcomp" for c in tok.children) and subj and not any(
                self._token_actor(s, ctx) or (s.lemma_.lower() in ACTOR_HEADS and self._actors_in(s, ctx)) for s in subj):
            return []  # "India's poor ties with China threaten to paralyse the SCO": a risk ("a French minister" acts)
        sources: list[str] = []
        targets: list[str] = []
        secondary: list[str] = []
        for s in subj:
            _add(sources, self._subject_actors(s, ctx))
        for c in tok.children:
            if c.dep_ == "agent":
                for p in c.children:
                    targets_from_agent = self._actors_in(p, ctx)
                    if passive:
                        sources, targets = targets_from_agent, sources
                    else:
                        sources += targets_from_agent
            elif c.dep_ == "dobj" and tok.lemma_.lower() in BLOCKING_VERBS and self._proposers(c, ctx):
                _add(targets, self._proposers(c, ctx))  # "vetoed UN sanctions on X": the UN's measure
            elif c.dep_ in ("dobj", "dative", "attr", "oprd", "pobj", "acomp", "advmod", "npadvmod"):
                if c.dep_ == "dobj" and "10" <= trig.code[:2] <= "13" and c.pos_ == "NOUN" and (
                        c.lower_ in self.rules["nouns"] or c.lemma_.lower() in self.rules["nouns"] or self._seen_from(c, ctx)):
                    # "condemned X's invasion of Y", "opposed the sanctions imposed by X": X
                    _add(targets, self._head_actors(c, ctx) or self._seen_from(c, ctx))
                elif c.dep_ == "dobj" and c.lemma_.lower() in DRILL_NOUNS:
                    # "conducted a patrol near Japan": not with Japan (the noun codes the show of force)
                    _add(targets, [a for m in c.children if m.dep_ in ("poss", "amod", "compound", "nmod")
                                   for a in self._modifier_actors(m, ctx)])
                elif not (trig.topic and c.dep_ == "dobj"):  # "discussed Iran": Iran is the topic
                    found = self._actors_in(c, ctx)
                    # "held a meeting in Rome with X": where it was held counts only if no one else is named
                    venue = self._venue_actors(c, ctx) if trig.code.startswith("04") else set()
                    topic = self._topic_actors(c, ctx) if trig.code.startswith("04") else set()
                    found = [a for a in found if a not in topic or a in self._token_actor(c, ctx)]
                    _add(targets, [a for a in found if a not in venue])
                    _add(secondary, [a for a in found if a in venue])
                    if trig.code.startswith("04") and c.dep_ == "dobj":  # "attended a forum hosted by Xi"
                        _add(targets, [a for v in c.children if v.dep_ == "acl" and v.tag_ == "VBN"
                                       for g in v.children if g.dep_ == "agent" for p in g.children
                                       for a in self._actors_in(p, ctx)])
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS and not (
                    trig.code.startswith("04") and c.lower_ in TOPIC_PREPS):  # "consulted X on Ukraine"
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        # "called on Brazil": the particle's object is the target
                        bucket = secondary if c.lower_ in SECONDARY_PREPS and c.lower_ not in trig.prt else targets
                        # "opposed to French mediation in talks with Syria": France, the act's own doer
                        own = self._head_actors(p, ctx, deep=False) if "10" <= trig.code[:2] <= "13" else []
                        _add(bucket, own or self._actors_in(p, ctx))
            elif c.dep_ in ("prt",):
                for p in c.children:
                    _add(targets, self._actors_in(p, ctx))
        if trig.code[:2] == "11" and targets:
            # "complained to the UN over Israeli air raids": the doer of what is complained of, not the addressee
            doers = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("over", "about", "against")
                     for p in c.children if p.dep_ == "pobj" for a in self._head_actors(p, ctx, deep=False)
                     if a not in sources]
            if doers:
                targets = doers
        if not targets:
            # "refused to support X", "pledged to help X", "scrambled jets to intercept X"
            purposes = [c for c in tok.children if c.dep_ == "xcomp"] + [
                a for o in tok.children if o.dep_ == "dobj" for a in o.children
                if a.dep_ == "acl" and any(x.dep_ == "aux" and x.lower_ == "to" for x in a.children)]
            for c in purposes:
                for o in c.children:
                    if o.dep_ in ("dobj", "dative") or (o.dep_ == "prep" and (o.lower_ in TARGET_PREPS - SECONDARY_PREPS or (
                            o.lower_ == "on" and c.lemma_.lower() in INFLICTING_VERBS))):
                        # "threatened to close its airspace if…": the subject's own things name no target;
                        # "threatened to impose sanctions on X": X
                        _add(targets, [a for a in self._actors_in(o, ctx) if a not in sources])
        if not targets:  # the verb's kind says where its target hides (clauses.py)
            targets = self._implicit_targets(tok, trig, sources, ctx)
        if not targets and not (trig.joint and len(sources) >= 2):
            targets = secondary
        if not targets and not passive and len(sources) == 1 and sources[0] in ctx["pair"] \
                and (tok.lemma_.lower() in GIVING_VERBS | PURCHASE_VERBS or (trig.code[:2] == "15" and any(
                    t.lemma_.lower() in BORDER_NOUNS for t in tok.subtree))) and len(ctx["pair"]) == 2 and not {
                    ctx["mentions"][t.i].code for t in tok.sent if t.i in ctx["mentions"]} - set(ctx["pair"]):
            # "Moscow agreed to provide equipment": to its partner in context (as "Soviet aid" is); "China
            # also bought missiles": from it; "massed troops on the border": at it
            targets = [p for p in ctx["pair"] if p != sources[0]]
        if not set(targets) - set(sources) and (tok.dep_ == "advcl" or (
                tok.dep_ == "xcomp" and tok.head.lemma_.lower() in SUBJECT_CONTROL)) and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # a purpose: "called Morrison to congratulate him", "sent officials to Qatar to investigate"
            for c in tok.head.children:
                if c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("to", "with")):
                    for o in [c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"] or [c]:
                        _add(targets, [a for a in self._actors_in(o, ctx) if a not in sources])
        if sources and not targets and not passive and any(
            c.dep_ == "dobj" and c.lemma_.lower() in PACT_NOUNS for c in tok.children
        ):
            # "X hailed the treaty": the other party of the relationship in context
            if any(s in ctx["pair"] for s in sources):
                targets = [p for p in ctx["pair"] if p not in sources]
        if passive and not any(c.dep_ == "agent" for c in tok.children):
            targets, sources = sources + targets, []
        if trig.joint and sources == [ctx.get("speaker")] and not set(targets) - set(sources) and len(ctx["pair"]) == 2:
            # an official's "we agreed", "we discussed" after bilateral talks: joint with the counterpart
            return self._pairs([sources[0]] + [p for p in ctx["pair"] if p != sources[0]], [], trig, ctx)
        return self._pairs(sources, targets, trig, ctx)

    # -- document --------------------------------------------------------------------
    def code(self, document, sdoc, sent_dates, *, year: int | None = None, date_near=None,
             candidates: list | None = None) -> list[Event]:
        """Events for one parsed document. ``sent_dates`` aligns with ``sdoc.sents``.

        With a ``candidates`` list, every sentence's actor-pair candidates (with features) are
        appended to it for the learned scorer."""
        verbs, nouns = self.rules["verbs"], self.rules["nouns"]
        split: dict = {}
        mentions = self._mention_index(sdoc, year, split)
        events: list[Event] = []
        ctx = {"mentions": mentions, "pair": self._default_pair(mentions), "last": None, "year": year,
               "hyphen_pair": {}, "split": split, "ranks": self._actor_ranks(mentions), "events": events}
        # in an official's turn, "we" / "our" is the official's state (CODEBOOK Conventions)
        speakers = speaker_state(document, self.actors, sdoc)
        turns = sorted(speakers)
        # an official briefing on talks: "the two sides", "this meeting" are the official's state and
        # its counterpart (the state the document names most besides it), unless a sentence names its own
        official_pair, turn_pair = {s: self._default_pair(mentions, s) for s in set(speakers.values())}, {}
        for si, sent in enumerate(sdoc.sents):
            n_before = len(events)
            text = sent.text
            if text.rstrip().endswith("?") or SECTION_HEADING.fullmatch(text) or FIGURE_CAPTION.fullmatch(text) or (
                    BRIEFING_RULES.search(text)):
                # questions ask, and a section heading ("### Military Aid and Arms Sales") names a topic:
                # neither reports an act (a document's "# Title" may be a news headline, and is coded)
                self._update_context(sent, ctx)
                continue
            date, precision = sent_dates[si] if si < len(sent_dates) else (None, None)
            ctx["hyphen_pair"] = self._hyphen_pairs(sent, mentions)
            k = bisect_right(turns, sent.start_char) - 1
            speaker = speakers[turns[k]] if k >= 0 and in_turn(document, turns[k], sent.start_char) else None
            ctx["speaker"] = speaker
            turn = turns[k] if speaker is not None else None
            if speaker is not None:
                # a pair named earlier in the turn ("the leaders of China and India met … We agreed") holds
                # to its end; else the talks coded so far ("we held talks with X … we agreed"), else the document's
                talks, held = main_talks(events), turn_pair.get(turn)
                default = talks if talks and speaker in talks else official_pair[speaker]
                ctx["pair"] = held if held and held != official_pair[speaker] else default
            self._coordinated_pair(sent, ctx)
            if speaker is not None and speaker in ctx["pair"]:
                turn_pair[turn] = ctx["pair"]
            quoted = self._quoted_chars(sent)
            seen: dict = {}  # (source, target, root) → index of its event
            root, pairs = self._headline_visit(sent, ctx)
            if pairs:
                self._emit(events, seen, pairs, sent, root, "visit", date, precision, date_near, 0.5, "headline")
            for tok in sent:
                low = "hope" if tok.lower_ in HOPE_FORMS else tok.lemma_.lower()
                trig = None
                if tok.pos_ in ("VERB",) and low in verbs:
                    trig = self._own_or_petrarch(tok, verbs[low], low)
                elif tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in nouns or low in nouns):
                    trig = nouns.get(tok.lower_) or nouns[low]
                if tok.lower_ in CONCERN_ADJS and (tok.pos_ == "ADJ" or tok.tag_ == "VBN"):  # "we are concerned about X"
                    self._emit(events, seen, self._concern_pairs(tok, ctx), sent, tok, low, date, precision,
                               date_near, 0.5, "adj")
                    continue
                if tok.pos_ == "VERB" and low in LIKING_VERBS:
                    pairs = self._negated_liking(tok, ctx)  # "China does not like NATO enlargement"
                    if pairs:
                        self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near, 0.5, "verb")
                        continue
                if tok.pos_ == "VERB" and low in INVOLVING_VERBS and not self._irrealis(tok):
                    pairs = self._drill_members(tok, ctx)  # "the exercise involved Chinese and Russian troops"
                    if pairs:
                        self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near, 0.5, "verb")
                        continue
                if tok.pos_ == "VERB" and low in MEMBERSHIP_VERBS | ADMITTING_VERBS | FOUNDING_VERBS \
                        and not self._irrealis(tok):
                    pairs = self._membership(tok, ctx)  # "Iran joined the SCO", "the SCO admitted Iran"
                    if pairs:
                        self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near, 0.5, "verb")
                        continue
                if tok.pos_ == "VERB":  # an official's "Japan must stop", "refuses to lift the ban on X"
                    pairs = self._stated_stance(tok, ctx)
                    if pairs:
                        self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near, 0.5, "verb")
                        continue
                if trig is not None and tok.pos_ == "VERB" and (low in SPEECH_VERBS and not self._has_words(
                        tok, trig.needs_obj) or low == "hope"):
                    trig = None  # "warned that Israel must...": reported speech, not "warned X not to"
                if trig is None and tok.pos_ == "VERB" and (low in SPEECH_VERBS or low == "hope") and not self._irrealis(tok):
                    self._emit(events, seen, self._speech_act(tok, ctx), sent, tok, low, date, precision, date_near, 0.5, "verb")
                    continue
                rel = self._relation_change(tok, low) if tok.pos_ == "VERB" and (
                    low in REL_DOWN or (low in REL_UP and (trig is None or trig.origin == "petrarch"))) else None
                if rel is not None and trig is not None and low in REL_UP and len(
                        [a for a in self._actors_in(self._relation_subject(tok)[0], ctx) if not a.startswith("<")]) < 2:
                    rel = None  # a PETRARCH2 verb's rising relation must name its pair ("Sino-Soviet relations")
                if rel is not None:  # "the alliance crashed" (also a PETRARCH2 verb, which needs an object)
                    if not self._irrealis(tok):
                        pairs = self._relation_pairs(tok, rel, ctx)
                        self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near, 0.4, "rel")
                    continue
                if trig is None and tok.pos_ == "VERB" and (low in REL_DOWN or low in REL_UP):
                    continue
                intent = realis.intent_code(tok, trig.code) if trig is not None and tok.pos_ == "VERB" else None
                if trig is None or (tok.pos_ == "VERB" and self._irrealis(tok) and (
                        intent is None or self._irrealis(realis.intent_governor(tok)))):
                    continue  # "is willing to provide" is an intent (03); "is not willing to" is nothing
                if tok.pos_ == "VERB" and any(a <= tok.idx < b for a, b in quoted):
                    continue  # words inside a quotation are the speaker's, not the narrator's report
                if trig.by_obj:  # the object refines the trigger's own code first
                    objects = object_codes(trig)
                    alt = next((objects[w] for w in realis.near_words(tok, objects=True) if w in objects), None)
                    if alt is not None:
                        # a giver's or buyer's act goes one way ("sent arms to X"); "held talks" is mutual
                        trig = replace(trig, code=alt, joint=trig.joint or (alt.startswith(MUTUAL_OBJECT_PREFIXES) and low not in (
                            GIVING_VERBS | PURCHASE_VERBS)))
                head_noun = self._infinitive_head(tok)
                if head_noun is not None and head_noun not in REALIS_INFINITIVE_HEADS \
                        and (head_noun not in INTENT_NOUNS or not "03" <= trig.code[:2] <= "08"):
                    continue  # "the right to defend", "an effort to mediate": not an act
                if low in TREND_VERBS and head_noun not in INTENT_NOUNS and intent is None:
                    continue  # "have strengthened their ties in recent years": a trend, not one act
                if head_noun in INTENT_NOUNS:
                    # "ways to strengthen ties": an intent (03), not the act
                    trig = replace(trig, code="030", reverse=None)
                elif intent is not None:  # "agreed to cooperate", "offered to send troops to help"
                    trig = replace(trig, code=intent, reverse=None, joint=trig.joint and intent == "030")
                if tok.pos_ == "VERB":
                    pairs = self._verb_events(tok, trig, ctx)
                else:
                    if trig.code.startswith("14") and tok.head.lemma_.lower() in COMPLAINING_VERBS:
                        trig = replace(trig, code="114")  # "lodged a protest with Manila": a formal complaint
                    pairs = self._noun_events(tok, trig, ctx)
                passive = tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" and (
                    c.lemma_.lower() in PACT_NOUNS or c.lower_ in trig.needs_obj) for c in tok.children)
                if not pairs and trig.joint and not trig.agent and (tok.pos_ == "VERB" or self._noun_applies(tok, trig, ctx)) \
                        and (trig.code.startswith(("04", "057", "06")) or (trig.code == "050" and self._has_words(
                            tok, ("relations", "ties", "relationship")))) \
                        and len(ctx["pair"]) == 2 \
                        and (tok.pos_ != "VERB" or passive) and self._actorless(
                            tok, ctx, pronouns=not (ctx.get("speaker") and tok.pos_ != "VERB" and trig.code.startswith("04"))):
                    # "the partnership was signed", "the treaty's renewal": the document's pair acted
                    pairs = self._pairs(list(ctx["pair"]), [], Trigger(code=trig.code, joint=True), ctx)
                verb = tok.pos_ == "VERB"
                self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near,
                           0.6 if verb else 0.45,
                           ("pverb" if trig.origin == "petrarch" else "verb") if verb else "noun")
            if candidates is not None:
                candidates.extend(featured_candidates(self, sent, ctx, events[n_before:], speaker,
                                                      (date, precision), date_near))
            self._update_context(sent, ctx)
        return events

    def _emit(self, events, seen, pairs, sent, tok, low, date, precision, date_near, conf, kind):
        dated = None
        for s, t, code in pairs:
            if code[:2] == "15" and realis.peacekeeping(tok):
                code = "074"  # "sent troops to Mali on a peacekeeping mission": protection, not a show of force
            key = (s, t, code[:2])
            if s.startswith("<") or t.startswith("<"):
                continue
            k = seen.get(key)
            # the project's own trigger outranks a PETRARCH2 verb met earlier ("lodged a complaint")
            if k is not None and (kind == "pverb" or not events[k].rule.startswith("pverb:")):
                continue
            if dated is None:  # one date lookup per trigger
                dated = (date_near(sent, tok.i) if date_near is not None else None) or (date, precision)
            d, p = dated
            event = Event(
                sent_start=sent.start_char, sent_end=sent.end_char, source=s, target=t,
                cameo=code, date=d or "", date_precision=p or "publication",
                trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text),
                rule=f"{kind}:{low}", coder=self.name, confidence=conf,
            )
            if k is None:
                seen[key] = len(events)
                events.append(event)
            else:
                events[k] = event

