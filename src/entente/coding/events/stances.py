"""Acts read off what an actor says or feels rather than off a trigger word: a demand or appeal inside
reported speech ("Russia says Israel must end attacks"), an intent reported for the future ("said the
minister would travel to X"), a criticism or a statement about another actor ("NATO said China's
behaviour presents challenges"), concern ("we are deeply concerned about X", "critical of NATO") and
not liking or not accepting ("does not like NATO enlargement").
Mixed into the rules coder (rules.py), which supplies the actor context."""
from __future__ import annotations

from entente.coding.events import realis
from entente.coding.events.lexicon import (
    CONCERN_PREPS, CRITICAL_WORDS, HOPE_FORMS, LIKING_VERBS, REL_UP, SPEECH_VERBS, Trigger, _add,
)

# refusing to lift a measure: economic sanctions, boycotts, embargoes (1244); bans and restrictions (1241)
MEASURE_REFUSALS = {"sanction": "1244", "sanctions": "1244", "embargo": "1244", "boycott": "1244", "tariff": "1244",
                    "ban": "1241", "restriction": "1241", "curb": "1241", "blockade": "1241"}
YIELD_VERBS = {"lift", "ease", "remove", "relax", "waive", "scrap", "rescind", "revoke", "repeal", "loosen",
               "release", "free", "return", "accept"}
# calling an act by a fault: criticism of the one who did it
CHARACTERISING_VERBS = {"call", "describe", "label", "brand", "term", "dub", "characterise", "characterize", "portray",
                        "denounce", "depict"}
FAULT_WORDS = CRITICAL_WORDS | {"provocation", "provocative", "failure", "disaster", "farce", "absurd", "unfounded",
                                "groundless", "baseless", "wrong", "shameful", "disgrace", "betrayal", "dead",
                                "blackmail", "piracy", "terrorism", "terrorist", "crime", "criminal", "insult",
                                "outrageous", "unjustified", "destructive", "counterproductive", "propaganda"}
DEAL_NOUNS = {"deal", "treaty", "agreement", "pact", "accord", "contract"}  # what "will be signed/ready"
ADDRESSING_VERBS = {"say", "tell", "stress", "reiterate", "emphasise", "emphasize", "affirm", "underline", "state",
                    "assert", "insist"}
# what a warning of a reply names: "warned X that such steps would have consequences"
REPLY_WORDS = {"consequence", "consequences", "retaliate", "retaliation", "respond", "response", "countermeasures",
               "price", "reciprocate", "punish", "punishment", "measures"}


class SpeechEvents:
    """Mixin for the rules coder: needs its actor context, ``_pairs`` and ``_subjects``."""

    def _reported_demand(self, tok, ctx):
        """ "Russia says Israel must end attacks": a demand (100) on the clause's subject; "should", an appeal."""
        for c in tok.children:
            if c.dep_ != "ccomp":
                continue
            aux = {a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")}
            hope = tok.lower_ in HOPE_FORMS
            code = None if hope else "100" if "must" in aux else "020" if "should" in aux else None
            # an official's "it will deepen cooperation", "said the minister would travel to X" (a past
            # report's "would" is its "will"), "hoped a deal with X would be signed": an intent (03)
            future = aux & {"will", "'ll"} or ("would" in aux and tok.tag_ in ("VBD", "VBN")) or hope
            denied = any(a.dep_ == "neg" or a.lower_ in ("never", "not") for a in c.children)
            if code is None and future and not denied and self._cooperative(c):
                code = "030"
            elif code is None and future and not denied and not hope and self._cooperative(c, hostile=True):
                code = "130"  # "said they would boycott all contact with the US": a threat (CAMEO 13)
            if code is None:
                continue
            subj, _ = self._subjects(tok, ctx)
            sources = [a for s in subj for a in self._actors_in(s, ctx)]
            # "Russia said Xi will visit Moscow": Xi's intent; "it was announced that China would build...":
            # China's; an unknown speaker's "it will improve coordination": what "it" stands for
            doer = [a for t in c.children if t.dep_ == "nsubj" and t.pos_ != "PRON"
                    for a in self._head_actors(t, ctx, deep=False)]
            if code == "130" and doer and not set(doer) <= set(sources):
                continue  # "Japan said Russia will invade Ukraine": a prediction, not Russia's threat
            if code in ("030", "130") and doer and (not hope or not sources):
                sources = doer
            elif code in ("030", "130") and not sources:
                sources = [a for t in c.children if t.dep_ == "nsubj" for a in self._token_actor(t, ctx)]
            targets = [a for t in c.children if t.dep_ == "nsubj" for a in self._actors_in(t, ctx) if a not in sources]
            if code in ("030", "130"):
                targets = [a for t in c.subtree for a in self._token_actor(t, ctx) if a not in sources]
                if not targets and len(sources) == 1 and sources[0] in ctx["pair"] and len(ctx["pair"]) == 2:
                    targets = [p for p in ctx["pair"] if p != sources[0]]
            return self._pairs(sources, targets, Trigger(code=code), ctx)
        return []

    def _speech_act(self, tok, ctx):
        """What a verb of speech reports, most specific first: a demand, a threat, a criticism, a
        statement about another actor, a statement made to one."""
        return self._reported_demand(tok, ctx) or self._warned_of_reply(tok, ctx) or self._reported_criticism(
            tok, ctx) or self._reported_statement(tok, ctx) or self._addressed_statement(tok, ctx)

    def _spoken_demand(self, tok, ctx):
        """In an official's turn, "The US must stop arming Taiwan" (100) or "Japan should honour its
        word" (020) is the speaker's state demanding or urging: the turn is itself what was said."""
        aux = {a.lower_ for a in tok.children if a.dep_ in ("aux", "auxpass")}
        code = "100" if "must" in aux else "020" if "should" in aux else None
        speaker = ctx.get("speaker")
        if code is None or speaker is None or tok.dep_ != "ROOT":
            return []
        subj, _ = self._subjects(tok, ctx)
        targets = [a for s in subj for a in self._actors_in(s, ctx)]
        if speaker in targets:
            return []  # "we must strengthen coordination": the speaker's own resolve
        return self._pairs([speaker], targets, Trigger(code=code), ctx)

    def _stated_stance(self, tok, ctx):
        """What a verb says of its subject's stance rather than of an act: an official's "Japan must
        stop" or "we will deepen ties with X" (the turn is what was said), or a refusal to yield."""
        if ctx.get("speaker") is not None and tok.dep_ == "ROOT":
            pairs = self._spoken_demand(tok, ctx) or self._spoken_intent(tok, ctx)
            if pairs:
                return pairs
        if tok.lemma_.lower() in CHARACTERISING_VERBS:
            return self._characterised(tok, ctx)
        return self._declined_yield(tok, ctx) if tok.lemma_.lower() in YIELD_VERBS else []

    def _warned_of_reply(self, tok, ctx):
        """ "Russia warned Washington that such steps would have consequences": a threat (130) to the one
        warned, when the warning names a reply to come; "warned X that prices may rise" is no threat."""
        if tok.lemma_.lower() != "warn":
            return []
        for c in tok.children:
            if c.dep_ == "ccomp" and not any(t.lower_ in ("not", "no", "never", "n't") for t in c.subtree) and any(
                    a.lower_ in ("will", "would", "'ll") for a in c.children if a.dep_ == "aux") and any(
                    t.lemma_.lower() in REPLY_WORDS or t.lower_ in REPLY_WORDS for t in c.subtree):
                subj, _ = self._subjects(tok, ctx)
                sources = [a for s in subj for a in self._actors_in(s, ctx)]
                targets = [a for o in tok.children if o.dep_ == "dobj" for a in self._actors_in(o, ctx)
                           if a not in sources]
                return self._pairs(sources, targets, Trigger(code="130"), ctx) if sources and targets else []
        return []

    def _addressed_statement(self, tok, ctx):
        """ "The adviser described to Yang the unity of the allies", "told Chile's envoy that…": a
        statement made to another actor (010), when what was said codes nothing of its own."""
        if self._irrealis(tok) or tok.lemma_.lower() not in ADDRESSING_VERBS:
            return []  # "announced the deployment to Liberia": "to" is not whom it was said to
        addressees = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children
                      if p.dep_ == "pobj"]
        if tok.lemma_.lower() == "tell":
            addressees += [c for c in tok.children if c.dep_ in ("dobj", "dative")]
        subj, _ = self._subjects(tok, ctx)
        sources = [a for s in subj for a in self._actors_in(s, ctx)]
        targets = [a for p in addressees for a in self._head_actors(p, ctx, deep=False) if a not in sources]
        return self._pairs(sources, targets, Trigger(code="010"), ctx) if sources and targets else []

    def _characterised(self, tok, ctx):
        """ "Peru called Chile's move a provocation", "described the vote as a failure": naming another
        actor's act by a fault is criticism (111) of that actor."""
        if self._irrealis(tok):
            return []
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        preds = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp")] + [
            p for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
        preds += [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "as"
                  for p in c.children if p.dep_ == "pobj"]  # "described the vote as a failure" (as on the object)
        preds += [c for o in objs for c in o.children if c.dep_ in ("dobj", "appos")]  # a misparsed second object
        if not objs or not any(t.lemma_.lower() in FAULT_WORDS or t.lower_ in FAULT_WORDS
                               for p in preds for t in p.subtree):
            return []
        sources = [a for s in self._subjects(tok, ctx)[0] for a in self._actors_in(s, ctx)]
        targets = [a for o in objs for a in self._head_actors(o, ctx) if a not in sources]
        return self._pairs(sources, targets, Trigger(code="111"), ctx) if sources and targets else []

    def _declined_yield(self, tok, ctx):
        """ "Refuses to lift the ban on Indian channels", "said it will not release the tanker", "will
        not accept refugees from X": declining to yield (CAMEO 124x) towards whom the measure or the
        held people or property concern. A bare "did not lift" is a denial, not coded."""
        aux = {a.lower_ for a in tok.children if a.dep_ == "aux"}
        negated = any(c.dep_ == "neg" for c in tok.children)
        reported = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in SPEECH_VERBS
        refused = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("refuse", "decline") and not negated
        if not refused and not (negated and (aux & {"will", "'ll", "wo", "shall"} or ("would" in aux and reported))):
            return []
        if {"if", "unless"} & set(realis.near_words(tok)):  # (an "if" clause's mark is a grandchild)
            return []  # "would not lift sanctions if…": a condition, not a refusal
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is None:
            return []
        noun = obj.lemma_.lower()
        code = MEASURE_REFUSALS.get(noun) or ("1243" if tok.lemma_.lower() in ("release", "free", "return") else "124")
        if noun in MEASURE_REFUSALS:  # the measure's target: "the ban on Indian television channels"
            targets = [a for c in obj.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                       for p in c.children if p.dep_ == "pobj" for a in self._head_actors(p, ctx)]
        else:
            targets = self._head_actors(obj, ctx)
        if not targets:  # "will not accept refugees from Afghanistan" (the phrase on the verb)
            targets = [a for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "to", "on", "against")
                       for p in c.children if p.dep_ in ("pobj", "pcomp") for a in self._head_actors(p, ctx)]
        head = tok.head if refused else tok
        subj, passive = self._subjects(head, ctx)
        sources = [] if passive else [a for sb in subj for a in self._actors_in(sb, ctx)]
        return self._pairs(sources, [t for t in targets if t not in sources], Trigger(code=code), ctx)

    def _spoken_intent(self, tok, ctx):
        """In an official's turn, "we will deepen coordination with Russia" is the speaker's state
        stating an intent (030), "we will impose sanctions on X" a threat (130): the turn is
        itself what was said, as "said it will" is in a report."""
        speaker = ctx.get("speaker")
        aux = {a.lower_ for a in tok.children if a.dep_ in ("aux", "auxpass")}
        if speaker is None or tok.dep_ != "ROOT" or not aux & {"will", "'ll", "shall"} or any(
                c.dep_ == "neg" or c.lower_ in ("never", "not") for c in tok.children):
            return []
        subj, _ = self._subjects(tok, ctx)
        if not subj or any(self._actors_in(s, ctx) != [speaker] for s in subj):
            return []  # "Russia will invade": the official's prediction, not an intent of their own
        code = "030" if self._cooperative(tok) else "130" if self._cooperative(tok, hostile=True) else None
        if code is None:
            return []
        targets = [a for t in tok.subtree if t.i not in {s.i for s in subj}
                   for a in self._token_actor(t, ctx) if a != speaker]
        if not targets and len(ctx["pair"]) == 2 and speaker in ctx["pair"]:
            targets = [p for p in ctx["pair"] if p != speaker]
        return self._pairs([speaker], targets, Trigger(code=code), ctx)

    def _cooperative(self, clause, *, hostile: bool = False) -> bool:
        """Whether a clause's act is cooperative: its verb, object or their prepositional objects are a
        trigger of roots 03-08 or a warming relation (not a modifier: "U.S.-backed fighters"); with
        ``hostile``, whether it is a hostile act instead (roots 12-20: "would boycott", "will impose
        sanctions")."""
        lo, hi = ("12", "20") if hostile else ("03", "08")
        core = ("dobj", "xcomp", "prep", "pobj", "conj", "attr", "advmod", "prt")
        near = [clause] + [c for c in clause.children if c.dep_ in core + ("nsubj", "nsubjpass")]  # "a deal would…"
        near += [g for c in near[1:] for g in c.children if g.dep_ in core]
        near += [g for c in near[1:] for g in c.children if g.dep_ == "pobj"]
        for t in near:
            low = t.lemma_.lower()
            if not hostile and (low in REL_UP or (
                    t.dep_ in ("nsubj", "nsubjpass") and t.head.i == clause.i and low in DEAL_NOUNS)):
                return True  # "a gas deal with China would be ready": the deal is the cooperation
            trig = None
            if t.pos_ == "VERB":
                trig = self.rules["verbs"].get(low)
            elif t.pos_ == "NOUN":
                trig = self.rules["nouns"].get(t.lower_) or self.rules["nouns"].get(low)
            if trig is not None and trig.origin != "petrarch" and lo <= trig.code[:2] <= hi:
                return True
        return False

    def _concern_pairs(self, tok, ctx):
        """ "China is concerned about Japan's plans", "we are deeply worried by X": the holder of the
        concern disapproves (111) of what its "about" phrase names."""
        # "Critical of NATO's expansion, China did not condemn...": a fronted adjective describes the
        # subject; the main verb's negation is not its own
        fronted = tok.dep_ == "advcl" and tok.i < tok.head.i and tok.head.pos_ in ("AUX", "VERB")
        head = tok.head if (tok.dep_ in ("acomp", "amod") and tok.head.pos_ in ("AUX", "VERB")) or fronted else tok
        if fronted and any(c.dep_ == "neg" for c in tok.children):
            return []
        if not fronted and (self._irrealis(head) or self._irrealis(tok)):
            return []
        subj, _ = self._subjects(head, ctx)
        # the holder itself, not a place it is in ("many in Moscow are concerned" names no state)
        sources = [a for sb in subj for a in self._token_actor(sb, ctx) + [
            m for c in sb.children if c.dep_ in ("poss", "amod", "compound", "conj") for m in self._actors_in(c, ctx)]]
        targets: list[str] = []
        for c in tok.children:
            if c.dep_ in ("prep", "agent") and c.lower_ in CONCERN_PREPS:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp") and p.pos_ != "PRON":
                        _add(targets, [a for a in self._head_actors(p, ctx) if a not in sources])
            elif c.dep_ == "ccomp" and not targets:  # "is concerned that Beijing is arming X": Beijing
                for sb in [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]:
                    _add(targets, [a for a in self._head_actors(sb, ctx) if a not in sources])
        return self._pairs(sources, targets, Trigger(code="111"), ctx) if sources and targets else []

    def _negated_liking(self, tok, ctx):
        """ "China does not like NATO's enlargement", "Tokyo did not welcome the move by Seoul": the
        subject disapproves (111) of what the object names."""
        if not realis.negated(tok):
            return []
        subj, passive = self._subjects(tok, ctx)
        if passive:
            return []
        sources = [a for s in subj for a in self._head_actors(s, ctx, deep=False)]
        # what the object itself names ("NATO enlargement"), not a place in it ("the developments in Ukraine");
        # an object clause's own subject ("cannot accept the US implanting its systems there")
        targets = []
        for c in tok.children:
            if c.dep_ in ("dobj", "ccomp") and c.pos_ == "VERB":
                for sb in c.children:
                    if sb.dep_ in ("nsubj", "poss"):
                        _add(targets, [a for a in self._head_actors(sb, ctx, deep=False) if a not in sources])
            elif c.dep_ == "dobj":
                _add(targets, [a for a in self._head_actors(c, ctx, deep=False) if a not in sources])
        code = LIKING_VERBS.get(tok.lemma_.lower(), "111")
        return self._pairs(sources, targets, Trigger(code=code), ctx) if sources and targets else []

    def _reported_statement(self, tok, ctx):
        """ "Wang Yi said Ukraine and Taiwan are different issues": a statement about another actor (010),
        when the reported clause has no act of its own to code (CODEBOOK: 01 only when no more
        specific root applies; plain attribution is no event)."""
        for c in tok.children:
            if c.dep_ != "ccomp" or self._irrealis(c):
                continue
            if any(self._clause_trigger(t) for t in c.subtree):
                return []
            pairs = self._speaker_on_subject(tok, c, "010", ctx)
            if pairs:
                return pairs
            # "stressed that he believes the United States is in decline": one reported clause deeper
            for g in c.children:
                if g.dep_ == "ccomp" and not self._irrealis(g):
                    pairs = self._speaker_on_subject(tok, g, "010", ctx)
                    if pairs:
                        return pairs
        return []

    def _speaker_on_subject(self, tok, clause, code: str, ctx):
        """The speaker of ``tok`` acting on the named (not pronoun) subject of its reported ``clause``."""
        subj, _ = self._subjects(tok, ctx)
        sources = [a for s in subj for a in self._actors_in(s, ctx)]
        targets = [a for t in clause.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ != "PRON"
                   for a in self._head_actors(t, ctx) if a not in sources]
        return self._pairs(sources, targets, Trigger(code=code), ctx) if sources and targets else []

    def _clause_trigger(self, t) -> bool:
        if t.pos_ == "VERB":
            trig = self.rules["verbs"].get(t.lemma_.lower())
        elif t.pos_ in ("NOUN", "PROPN"):
            trig = self._noun_trigger(t)
        else:
            return False
        return trig is not None  # PETRARCH2's verbs too: "said a court released X" reports the release

    def _reported_criticism(self, tok, ctx):
        """ "NATO said China's assertive behaviour presents systemic challenges": a reported judgement
        that finds fault with another actor, the subject of the report, is criticism (111)."""
        for c in tok.children:
            if c.dep_ != "ccomp" or any(t.lower_ in ("no", "not", "never", "n't", "nor", "without") for t in c.subtree):
                continue  # "said Peru faces no threat"
            # the fault is the clause's own (its verb, subject, object, predicate), not a word deep in a
            # phrase ("partners in combatting illegal migration")
            if not any((t.lemma_.lower() in CRITICAL_WORDS or t.lower_ in CRITICAL_WORDS) and _near(t, c)
                       for t in c.subtree):
                continue
            pairs = self._speaker_on_subject(tok, c, "111", ctx)
            if pairs:
                return pairs
        return []


def _near(tok, clause) -> bool:
    """Whether ``tok`` belongs to the clause itself rather than to a phrase or clause inside it."""
    h = tok
    while h.i != clause.i and h.head.i != h.i:
        if h.dep_ in ("prep", "pcomp", "relcl", "acl", "advcl", "ccomp", "xcomp"):
            return False
        h = h.head
    return True
