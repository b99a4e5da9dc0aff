"""Nominal events: "Russia's invasion of Ukraine", "the Sino-Soviet split", "lodged a protest with Moscow".

An event noun takes its source from a possessor, an adjective or "by", its target from a preposition
("of", "to", "with", "against"; "from" names the giver of exports or aid), both sides from "between"
or a pair compound, and, after a light verb ("held talks", "voiced concerns about"), the clause
subject. Mixed into the rules coder (rules.py), which supplies the actor context and realis tests.
"""
from __future__ import annotations

from dataclasses import replace

from entente.coding.events import realis
from entente.coding.events.antecedents import last_pair, main_talks
from entente.coding.events.lexicon import (
    ADHERING_VERBS, BLOCKING_VERBS, CHANGE_NOUNS, CHANGE_VERBS, DECLINE_VERBS, HOPE_FORMS, DRILL_NOUNS,
    EXPOSURE_NOUNS, EXPOSURE_VERBS, FLOW_NOUNS, LIGHT_VERBS, NOT_AS_MODIFIER, PLEDGE_VERBS, POSTURE_PREPS,
    PROPOSING_VERBS, RECEIVING_NOUNS, REVERSAL_NOUNS, REVERSAL_VERBS, SECONDARY_PREPS, SELLING_FLOWS, SHARE_HEADS,
    TARGET_PREPS, TEMPORAL_PREPS, UNREALISED_HEADS, VENUE_PREPS, WISH_WORDS, Trigger, _add, reversed_code,
)


# a nominal act with only its giver named goes to the giver's partner in context ("Soviet aid",
# "Xi's visit", "at the request of the Chinese side", "Russia's calls for rapprochement"; not 05:
# "Russia's recognition of Abkhazia" is no act towards China)
PARTNER_ROOTS = ("02", "03", "06", "07")
HYPOTHETICAL_MODALS = {"would", "could", "might", "may"}  # "would be a war between X and Y"


class NominalEvents:
    """Mixin for the rules coder: needs its actor context, ``_subjects`` and the realis helpers."""

    @staticmethod
    def _undoer(tok):
        """The verb or noun that undoes the event noun ("lifted sanctions", "the lifting of sanctions")."""
        h = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and h.pos_ == "VERB" and h.lemma_.lower() in REVERSAL_VERBS:
            return h
        if tok.dep_ == "pobj" and h.lower_ == "of" and h.head.lower_ in REVERSAL_NOUNS:
            return h.head
        # a fall in cooperation: "exports to Russia plummeted"
        if tok.dep_ == "nsubj" and h.pos_ == "VERB" and h.lemma_.lower() in DECLINE_VERBS:
            return h
        return None

    def _exposed(self, tok, ctx) -> list[str]:
        """Who a sanction with no stated target weighs on: the subject that evades, bypasses or faces
        it ("Russia evaded Western sanctions"), the holder of a "sensitivity to" it, or whatever is
        "under" it."""
        h = tok.head
        if tok.dep_ == "dobj" and h.pos_ == "VERB" and h.lemma_.lower() in EXPOSURE_VERBS:
            subj, passive = self._subjects(h, ctx)
            return [] if passive else [a for s in subj for a in self._head_actors(s, ctx)]
        if tok.dep_ == "pobj" and h.lower_ == "to" and h.head.lemma_.lower() in EXPOSURE_NOUNS:
            return [a for c in h.head.children if c.dep_ in ("poss", "amod", "compound")  # "Iran and North Korea's"
                    for a in self._modifier_actors(c, ctx) + (self._actors_in(c, ctx) if c.dep_ == "poss" else [])]
        if tok.dep_ == "nsubj" and h.pos_ in ("VERB", "AUX"):
            # "sanctions have had an impact on Russia", "sanctions hit the Russian economy",
            # "sanctions severed supply chains, forcing Moscow to..."
            out = [a for c in h.children if c.dep_ == "dobj" and c.lemma_.lower() in EXPOSURE_NOUNS
                   for p in c.children if p.dep_ == "prep" and p.lower_ == "on"
                   for o in p.children if o.dep_ == "pobj" for a in self._head_actors(o, ctx)]
            for c in [c for c in h.children if c.dep_ == "dobj"] + [
                    o for v in h.children if v.dep_ in ("advcl", "xcomp") for o in v.children if o.dep_ == "dobj"]:
                if not out and c.pos_ != "PRON":  # ("sanctions are drawing them closer": no target)
                    out = self._head_actors(c, ctx)
            return out
        if tok.dep_ == "pobj" and h.lower_ == "under":
            g = h.head
            if g.pos_ in ("NOUN", "PROPN"):
                return self._head_actors(g, ctx)
            if g.pos_ in ("VERB", "AUX"):
                subj, _ = self._subjects(g, ctx)
                return [a for s in subj for a in self._head_actors(s, ctx)]
        return []

    def _share_holder(self, tok, ctx) -> list[str]:
        """Who holds a share of a trade flow: "Russia's share of China's imports", "Russia accounted for
        6 percent of China's imports", "China increased its share of oil imports from Russia"."""
        if not (tok.dep_ == "pobj" and tok.head.lower_ in ("of", "in") and tok.head.head.lemma_.lower() in SHARE_HEADS):
            return []
        q = tok.head.head
        for _ in range(3):  # "the largest share", "$129 billion of": up to the share's own head
            owners = [a for c in q.children if c.dep_ == "poss" for a in self._actors_in(c, ctx)]
            if owners:
                return owners
            if q.dep_ == "pobj" and q.head.lower_ == "for" and q.head.head.lemma_.lower() == "account":
                subj, _ = self._subjects(q.head.head, ctx)
                return [a for s in subj for a in self._head_actors(s, ctx)]
            if q.dep_ in ("nummod", "quantmod", "compound", "conj"):
                q = q.head
                continue
            break
        return []

    def _agents(self, tok, verb, ctx) -> list[str]:
        """Who an agent noun describes: "X is/became/remains Y's partner", "X emerged as Y's partner",
        "India, Russia's top arms buyer"."""
        if tok.dep_ == "appos":
            return self._head_actors(tok.head, ctx)
        if tok.dep_ == "nsubj" and tok.head.lemma_ in ("be", "become", "remain", "include") and not self._irrealis(tok.head):
            # "China's top suppliers have become Saudi Arabia and Iran": the complement is the agent
            return [a for c in tok.head.children if c.dep_ in ("attr", "oprd", "dobj") for a in self._actors_in(c, ctx)]
        if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ in ("VERB", "AUX"):
            verb = tok.head.head  # "emerged as", "serves as" (not "surpassed Russia as", a comparison)
            if any(c.dep_ == "dobj" for c in verb.children):
                return []
        elif tok.dep_ not in ("attr", "oprd") or verb is None or verb.lemma_ not in ("be", "become", "remain"):
            return []
        if self._irrealis(verb):
            return []
        subj, _ = self._subjects(verb, ctx)
        return [a for s in subj for a in self._actors_in(s, ctx)]

    def _noun_applies(self, tok, trig: Trigger, ctx=None) -> bool:
        """The noun has the modifier or object its trigger requires ("warning shots", "the
        establishment of diplomatic relations"); without them it is no event, not even by the pair
        in context. Where "joint" would do, a pair compound does: "China-Russia exercises"."""
        if trig.needs_mod and not any(c.lower_ in trig.needs_mod for c in tok.children) and not (
                "joint" in trig.needs_mod and ctx is not None and (
                    any(c.i in ctx["hyphen_pair"] for c in tok.children) or self._pair_sentence(tok.sent, ctx))):
            return False
        if tok.lower_ in NOT_AS_MODIFIER and (tok.dep_ in ("compound", "nmod") or (
                tok.dep_ == "conj" and tok.head.dep_ in ("amod", "compound", "nmod"))):
            return False
        return self._has_words(tok, trig.needs_obj)

    def _noun_events(self, tok, trig: Trigger, ctx):
        if not self._noun_applies(tok, trig, ctx):
            return []
        if trig.code[:2] == "03" and realis.hostile_purpose(tok, self.rules["verbs"]):
            trig = replace(trig, code="130")  # "declared its readiness to strike X": a threat
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return []
        undoer = self._undoer(tok)
        code = reversed_code(trig.code) if undoer is not None else None
        if code is not None and trig.code[:2] == "04" and undoer.lemma_.lower() in ("end", "conclude", "finish"):
            code = None  # "ending a five-day trip": the visit is over, not called off
        if code is not None and code[:2] == "08" and undoer.lemma_.lower() in DECLINE_VERBS:
            code = None  # "attacks declined": not a concession by anyone
        if code is None:
            return self._nominal(tok, trig, ctx, None)
        # "lifted its blockade of Yemen", "a suspension of aid to Egypt": the undoing is an act of its own.
        # A sanction or war undone was real (a background mention, coded too); aid suspended or a visit
        # cancelled is not carried out in this sentence
        if undoer.pos_ == "VERB" and realis.forecast(undoer):
            return []  # "EU-Russia trade will fall": a forecast, neither the fall nor the trade is reported
        undone = self._nominal(tok, replace(trig, code=code, joint=False, reverse=None, from_subject=True,
                                            needs_verb=False, agent=False), ctx, undoer)
        own = [] if undone and trig.code[:2] <= "08" else self._nominal(tok, trig, ctx, None)
        return own + undone

    def _hoped_for(self, tok, trig: Trigger, ctx):
        """ "Brezhnev expressed hope for the improvement of Sino-Soviet relations": the hoper's intent
        (030) towards the other side, not the improvement itself; None when the noun is not hoped for."""
        if trig.code[:2] > "08" or tok.dep_ != "pobj" or tok.head.lower_ != "for":
            return None
        g = tok.head.head
        if not (g.lemma_.lower() in WISH_WORDS or g.lower_ in HOPE_FORMS):
            return None
        verb = g.head if g.pos_ == "NOUN" and g.dep_ in ("dobj", "pobj") else g
        if self._irrealis(verb):
            return []
        subj, passive = self._subjects(verb, ctx)
        holders = [] if passive else [a for s in subj for a in self._head_actors(s, ctx)]
        others = [a for a in self._actors_in(tok, ctx) if a not in holders]
        if not holders or not others:
            return None
        return self._pairs(holders, others, Trigger(code="030"), ctx)

    def _nominal(self, tok, trig: Trigger, ctx, undoer):
        verb = self._governing_verb(tok)
        if undoer is not None and undoer.pos_ == "VERB" and self._irrealis(undoer):
            return []
        if verb is not None and self._conditional(verb):
            return []  # "if Russia had won the war": not realis
        if verb is not None and any(c.lower_ in ("nearly", "almost") for c in verb.children):
            return []  # "nearly leading to a war"
        if verb is not None and tok.head.i == verb.i and tok.dep_ in ("attr", "oprd") \
                and verb.lemma_.lower() in ("be", "become") \
                and any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children):
            return []  # "the best scenario would be a war between X and Y": a hypothesis
        if verb is not None and tok.head.i == verb.i and tok.dep_ in ("dobj", "nsubj", "nsubjpass") \
                and verb.lemma_.lower() in CHANGE_VERBS and realis.forecast(verb):
            return []  # "will deepen their conversations", "will need to limit its trade": a forecast
        hoped = self._hoped_for(tok, trig, ctx)
        if hoped is not None:
            return hoped
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in UNREALISED_HEADS:
            return []  # "the brink of war", "the threat of sanctions"
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in PROPOSING_VERBS and trig.code[:2] >= "09":
            return []  # "proposed tougher sanctions", "threatened sanctions": not imposed
        if verb is not None and verb.lemma_.lower() in PLEDGE_VERBS and tok.dep_ in ("dobj", "pobj") \
                and "05" <= trig.code[:2] <= "08":
            return []  # "pledged aid to X", "promised cooperation": the pledge (03, coded by the verb)
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() in BLOCKING_VERBS and undoer is None and not any(
                c.dep_ == "acl" and c.tag_ == "VBN" for c in tok.children):
            return []  # "vetoed new sanctions": the veto is the act (coded by the verb), not the sanctions
        light = verb is not None and tok.dep_ in ("dobj", "pobj", "nsubjpass") and (
            verb.lemma_.lower() in LIGHT_VERBS
            # "had talks", "have concerns about X", "Beijing and Tehran have a 25-year agreement"
            or (verb.lemma_.lower() == "have" and tok.dep_ == "dobj" and trig.code[:3] in ("040", "111", "057"))
            or undoer is not None)
        if light:
            code = realis.intent_code(verb, trig.code)
            if code is not None:  # "agreed to lift a ban", "is ready to hold talks": an intent
                trig = replace(trig, code=code, joint=False, reverse=None)
        if trig.needs_verb and (not light or (
                isinstance(trig.needs_verb, tuple) and verb.lemma_.lower() not in trig.needs_verb)):
            return []
        if light and self._irrealis(verb):
            return []
        sources: list[str] = []
        targets: list[str] = []
        between: list[str] = []
        venues: list[str] = []
        own = list(tok.children)
        if undoer is not None and undoer.pos_ != "VERB":  # "Japan's lifting of sanctions", "a halt of aid to X"
            own += [c for c in undoer.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                    or (c.dep_ == "prep" and c.lower_ != "of")]
        # "a rise in exports from X to Y": the change's partners are the flow's; and the parser often
        # hangs "to Y" on "from"
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head.lemma_.lower() in CHANGE_NOUNS:
            own += [c for c in tok.head.head.children if c.dep_ == "prep" and c.lower_ in ("to", "from", "with")]
        own += [g for c in own if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.lower_ in ("to", "into")]
        for c in own:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                _add(sources, self._modifier_actors(c, ctx))
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    acts = self._head_actors(p, ctx)
                    if c.lower_ == "by" or (c.lower_ == "from" and (trig.code[:2] in ("06", "07", "10", "11", "12", "13"))
                                            and not trig.joint and tok.lemma_.lower() not in RECEIVING_NOUNS):
                        _add(sources, acts)  # "exports from Russia to China": the giver; "accusations from X": X
                    elif c.lower_ in ("between", "among"):
                        _add(between, acts)
                    elif trig.code.startswith("04") and c.lower_ in VENUE_PREPS:
                        _add(venues, acts)  # "a meeting in Rome with X": where, unless no one else is named
                    elif (c.lower_ in TARGET_PREPS or (trig.code[:2] == "15" and c.lower_ in POSTURE_PREPS)) and not (
                            trig.code.startswith("04") and c.lower_ in ("on", "over")):
                        _add(targets, acts)  # "talks on Syria": Syria is the topic; "a buildup near Ukraine"
                    elif c.lower_ == "about" and trig.code[:2] in ("10", "11", "12", "13"):
                        _add(targets, acts or self._seen_from(p, ctx))  # "concerns about China's support"
            elif c.dep_ == "acl" and trig.code[:2] in ("03", "13") and any(a.lower_ == "to" for a in c.children):
                for o in c.children:  # "its readiness to strike Ukraine", "a wish to expand trade with X"
                    for p in [o] if o.dep_ == "dobj" else [p for p in o.children if p.dep_ == "pobj"] \
                            if o.dep_ == "prep" and o.lower_ in TARGET_PREPS else []:
                        own_ = {a for q in p.children if q.dep_ == "poss" and q.pos_ == "PRON"
                                for a in self._token_actor(q, ctx)}  # "to deepen its ties with X": X
                        _add(targets, [a for a in self._actors_in(p, ctx) if a not in sources and a not in own_])
            elif c.dep_ == "relcl" and not "06" <= trig.code[:2] <= "08" and getattr(
                    realis.relative_object(c), "i", None) == tok.i:
                # "the sanctions that Washington imposed on Caracas": the clause's subject is the doer
                # (not of a flow: "the aid that X requested" is X's request, which the verb codes)
                _add(sources, self._relative_doers(tok, c, ctx))
                _add(targets, [a for p in c.children if p.dep_ == "prep" and p.lower_ in TARGET_PREPS - SECONDARY_PREPS | {"on"}
                               for o in p.children for a in self._head_actors(o, ctx)])
            elif c.dep_ == "acl" and c.tag_ == "VBN":  # "sanctions imposed by the West on Russia"
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            _add(sources, self._actors_in(p, ctx))
                    elif a.dep_ == "prep" and a.lower_ in TARGET_PREPS - SECONDARY_PREPS | {"on"}:
                        for p in a.children:
                            _add(targets, self._head_actors(p, ctx))
        if "10" <= trig.code[:2] <= "13" and not targets:  # "raised concerns that Beijing is helping X"
            for c in tok.children:
                if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    for sub in [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]:
                        _add(targets, [a for a in self._head_actors(sub, ctx) if a not in sources])
        if len(between) >= 2:
            return self._pairs(between, [], Trigger(code=trig.code, joint=True), ctx)
        if tok.lemma_.lower() in FLOW_NOUNS or tok.lower_ in FLOW_NOUNS:
            holders = [a for a in self._share_holder(tok, ctx) if a not in sources]
            if holders:  # the holder trades with the flow's owner (or its named partner), seller→buyer
                partners = [p for p in sources + targets if p not in holders]
                if tok.lemma_.lower() in SELLING_FLOWS or tok.lower_ in SELLING_FLOWS:
                    return self._pairs(partners, holders, Trigger(code=trig.code), ctx)
                return self._pairs(holders, partners, Trigger(code=trig.code, joint=trig.joint), ctx)
        if trig.agent:  # "Russia's top arms buyer", "the largest buyer of Russian arms": the partner
            agents = [a for a in self._agents(tok, verb, ctx) if a not in sources]
            partners = sources + [t for t in targets if t not in sources and t not in agents]
            return self._pairs(agents, partners, Trigger(code=trig.code, joint=trig.joint), ctx)
        if trig.code[:2] == "16" and verb is not None and tok.dep_ == "dobj" and undoer is None \
                and verb.lemma_.lower() in ADHERING_VERBS and not self._irrealis(verb):
            subj, passive = self._subjects(verb, ctx)  # "Japan joined the US-led sanctions": Japan's too
            if not passive:
                _add(sources, [a for s in subj for a in self._actors_in(s, ctx) if a not in targets])
        if trig.code[:2] == "16" and not targets and undoer is None:  # (an unnamed sanctioner is implied below)
            _add(targets, [a for a in self._exposed(tok, ctx) if a not in sources])
        met = trig.code[:2] == "04" and not sources and tok.dep_ == "pobj" and tok.head.lower_ in ("at", "during", "in") \
            and tok.head.head.pos_ in ("VERB", "AUX") and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
        # "at a meeting with Xi, Putin…" (not "agreed to mediation in the talks with X")
        if (trig.from_subject and len(set(sources) | set(targets)) < 2) or (light and not sources) or met:
            # "held joint exercises", "expressed support for X", "imposed sanctions on Y":
            # the actors are the clause subject, targets may hang on the verb ("weeks before the invasion,
            # China and Russia held talks": not the invaders; "during a visit to X" is still the subject's)
            if verb is not None and not (tok.dep_ == "pobj" and tok.head.lower_ in TEMPORAL_PREPS - {"during"}):
                subj, passive = self._subjects(verb, ctx)
                if not passive:  # (the noun itself as subject: "drills near Taiwan alarmed Japan" has its own)
                    for s in [s for s in subj if s.i != tok.i]:
                        _add(sources, self._actors_in(s, ctx))
                preps = TARGET_PREPS - SECONDARY_PREPS | ({"on", "at"} if trig.code[:2] >= "15" else {"on"}) \
                    | (POSTURE_PREPS if trig.code[:2] == "15" else set())
                if (light or trig.from_subject) and not targets:  # "raised it with Xi", "fired shots at a jet"
                    for c in verb.children:
                        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                            for p in c.children if c.dep_ == "prep" else [c]:
                                _add(targets, self._head_actors(p, ctx))
        if sources and not targets and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets += [a for a in self._actors_in(p, ctx) if a not in targets and a not in sources]
        if not sources and trig.joint and len([t for t in targets if self._is_state(t)]) >= 2:
            # "meetings of the ministers of India and China": a joint act among the listed members
            return self._pairs([t for t in targets if self._is_state(t)], [], Trigger(code=trig.code, joint=True), ctx)
        if not sources and targets:
            implied = self.rules["implied"]
            for t in list(targets):
                src = implied.get((t, trig.code[:2]))
                if src and (ctx["year"] is None or ctx["year"] >= src[1]):
                    sources.append(src[0])
        if sources and not targets and not trig.joint and not (
                trig.code[:2] == "19" and (tok.tag_ == "NNS" or tok.lemma_.lower() == "aggression")):
            # "Russia's invasion" (in its time): Ukraine; not "Russia's repeated invasions of other countries"
            # or its "military aggression on the world stage", which name no one act
            for src in list(sources):
                tgt = self.rules["implied_target"].get((src, trig.code[:2]))
                if tgt and ctx["year"] is not None and ctx["year"] >= tgt[1]:
                    targets.append(tgt[0])
        if not sources and not targets and tok.lemma_.lower() == "invasion" and any(
                c.lower_ == "the" for c in tok.children):
            # "since the invasion": the invasion this document last named, by whom on whom ("the war" is
            # left alone: the gold codes only wars it names)
            prev = last_pair(ctx.get("events") or [], "19", one_sided=True)
            if prev is not None:
                sources, targets = [prev[0]], [prev[1]]
        if not sources and not targets and trig.code[:2] == "04" and trig.joint and not (
                verb is not None and self._irrealis(verb)) and any(
                c.dep_ in ("det", "poss") and c.lower_ in ("this", "that", "the", "today", "yesterday") for c in tok.children):
            # "this meeting comes amid…", "the talks were candid": the talks the document has coded most
            prev = main_talks(ctx.get("events") or [])
            if prev is not None:
                sources = list(prev)
        if not targets and len(between) < 2:
            targets = [v for v in venues if v not in sources]  # "Putin's talks in Beijing": the host
        if sources and not targets and not trig.joint and (trig.code[:2] in PARTNER_ROOTS or trig.reverse) \
                and len(sources) == 1 and sources[0] in ctx["pair"] and not realis.worldwide(tok):
            # "Soviet aid included...", "Xi's visit will...": to its partner in context
            targets = [p for p in ctx["pair"] if p != sources[0]]
        # "China's joint exercises with Russia", "trade with Russia": a joint act, whichever side is named first
        # ("Russia's war in Ukraine" is Russia's act: fighting is joint only between two named sides)
        joint = trig.joint and (len(sources) >= 2 or bool(sources and targets and trig.code[:2] in ("04", "05", "06")))
        shown = self._shown_to(tok, verb, sources, ctx) if tok.lemma_.lower() in DRILL_NOUNS else []
        return self._pairs(sources, targets, Trigger(code=trig.code, joint=joint, reverse=trig.reverse), ctx) + \
            self._pairs(sources, shown, Trigger(code="150"), ctx)

    def _relative_doers(self, noun, clause, ctx) -> list[str]:
        """The named subject of an object relative ``clause`` on ``noun`` ("the accusations that London
        has made": London); none for a subject relative ("the attack that killed…")."""
        if getattr(realis.relative_object(clause), "i", None) != noun.i:
            return []
        return [a for s in clause.children if s.dep_ == "nsubj" and s.pos_ != "PRON"
                for a in self._head_actors(s, ctx, deep=False)]

    def _shown_to(self, tok, verb, sources, ctx) -> list[str]:
        """Exercises held near a state are a show of force towards it ("drills around Taiwan",
        "joint patrols near Japan"), besides the joint exercise of their participants."""
        out: list[str] = []
        for h in [tok] + ([verb] if verb is not None else []):
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in POSTURE_PREPS - {"on", "to"}:
                    for o in c.children:
                        if o.dep_ == "pobj":
                            _add(out, [a for a in self._head_actors(o, ctx) if a not in sources])
        return out

    def _seen_from(self, noun, ctx) -> list[str]:
        """The agent a clause on an actorless noun names: "the actions we have seen from the DPRK",
        "the steps taken by Peru", "the accusations that London has made"."""
        out: list[str] = []
        for c in noun.children:
            if c.dep_ in ("relcl", "acl"):
                _add(out, self._relative_doers(noun, c, ctx))
                for a in c.children:
                    if a.dep_ == "agent" or (a.dep_ == "prep" and a.lower_ in ("from", "by")):
                        for p in a.children:
                            if p.dep_ == "pobj":
                                _add(out, self._head_actors(p, ctx))
        return out
