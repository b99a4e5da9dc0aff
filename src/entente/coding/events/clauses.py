"""Who a clause's subject is, and acts read off a clause's shape rather than a trigger word: a demand
inside reported speech ("Russia says Israel must end attacks"), a criticism or a statement about
another actor ("NATO said China's behaviour presents challenges"), the proposer of a blocked
measure ("vetoed UN sanctions"), a change in the relationship itself ("the alliance crashed",
"relations improved"), and targets a verb's kind implies ("criticized Chinese repression",
"massed troops near the Ukrainian border").
Mixed into the rules coder (rules.py), which supplies the actor context."""
from __future__ import annotations

from entente.coding.events.lexicon import (
    ADMITTING_VERBS, CONCERN_PREPS, LIKING_VERBS, CRITICAL_WORDS, DOCUMENT_NOUNS, DRILL_NOUNS, FOUNDING_VERBS, HOPE_FORMS,
    OBJECT_CONTROL, PACT_NOUNS, POSTURE_PREPS, PRUNE_DEPS, PURCHASE_VERBS, REL_DOWN, REL_NOUNS, REL_UP,
    RELATIVE_PRONOUNS, SPEECH_VERBS, SUBJECT_CONTROL, Trigger, _add,
)
from entente.coding.events.realis import REPORTING_VERBS


DEAL_NOUNS = {"deal", "treaty", "agreement", "pact", "accord", "contract"}  # what "will be signed/ready"


class ClauseEvents:
    """Mixin for the rules coder: needs its actor context and ``_pairs``."""

    def _subjects(self, verb, ctx):
        """A verb's subjects (tokens) and whether they are passive: its own, or those its clause
        inherits (a conjunct, a controlled infinitive, a relative clause's antecedent)."""
        h = verb
        for _ in range(4):
            fronted = self._fronted_subject(h) if h.dep_ == "ROOT" else []
            if fronted:  # "weeks before the invasion of Ukraine, China and Russia held talks" (context.py)
                return fronted, False
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and h.dep_ == "relcl" and subj[0].lower_ in RELATIVE_PRONOUNS and h.head.i != h.i:
                return [h.head], subj[0].dep_ == "nsubjpass"  # "Putin and Xi, who have met 38 times"
            if subj:
                return subj, any(c.dep_ == "nsubjpass" for c in subj)
            infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in h.children)
            if h.dep_ == "pcomp" or (h.dep_ in ("advcl", "relcl", "acl") and infinitive):
                # "for having supported X", "went to great lengths to reaffirm": the clause's subject acts
                g = h.head
                for _ in range(4):
                    if (g.pos_ in ("VERB", "AUX") and g.dep_ != "prep") or g.dep_ == "ROOT":
                        break
                    g = g.head  # "…, including criticizing X": past the preposition (tagged VERB)
                if g.pos_ in ("VERB", "AUX") and g.i != h.i and g.dep_ != "prep":
                    ctrl = [c for c in g.children if c.dep_ == "dobj" and c.i < h.i and self._actors_in(c, ctx)]
                    if ctrl and h.dep_ != "pcomp" and g.lemma_.lower() in OBJECT_CONTROL:
                        # "to have Putin there to support him": object control; in "summoned the envoy
                        # to complain" the subject complains
                        return ctrl, False
                    h = g
                    continue
            if h.dep_ == "xcomp" and h.head.i != h.i and h.head.lemma_.lower() not in SUBJECT_CONTROL:
                ctrl = [c for c in h.head.children if c.dep_ in ("dobj",) and c.i < h.i]
                if ctrl:
                    return ctrl, False
            if h.dep_ == "conj" and self._speaker_conj(h, ctx):
                # "X said sanctions were pushing them closer and accused Y": parsed as a conjunct of the
                # reported clause, the second verb is the speaker's own act
                h = h.head.head
                continue
            if h.dep_ in ("xcomp", "conj", "acomp") and h.head.i != h.i:  # "X is ready to help"
                h = h.head
                continue
            if h.dep_ == "acl" and h.tag_ == "VBG" and h.head.lemma_.lower() in DOCUMENT_NOUNS and not \
                    self._actors_in(h.head, ctx):
                return self._document_body(h.head, ctx), False  # "a resolution condemning X": its body
            if h.dep_ in ("acl", "relcl") and h.head.i != h.i:  # "the treaty signed by...", "X, which attacked Y"
                return [h.head], h.dep_ == "acl" and h.tag_ == "VBN"
            break
        return [], False

    def _drill_members(self, verb, ctx):
        """ "The exercise involved 8,000 Chinese troops and 2,000 Russian troops", "the drill brought
        together troops from China, Russia and Kazakhstan": a joint exercise (062) among those named."""
        def drill(t):
            return t.lemma_.lower() in DRILL_NOUNS

        noun = verb.head if verb.dep_ == "acl" else None  # "an exercise involving…", "was an undertaking involving…"
        if not (any(drill(c) for c in self._subjects(verb, ctx)[0]) or (noun is not None and (
                drill(noun) or noun.dep_ == "attr" and any(c.dep_ == "nsubj" and drill(c) for c in noun.head.children)))):
            return []
        members: list[str] = []
        for c in verb.children:
            if c.dep_ in ("dobj", "prt", "advmod") or (c.dep_ == "prep" and c.lower_ in ("from", "of")):
                for t in c.subtree:
                    m = ctx["mentions"].get(t.i)
                    if m is not None and self._is_state(m.code) and t.dep_ not in PRUNE_DEPS - {"appos"}:
                        _add(members, [m.code])
        return self._pairs(members, [], Trigger(code="062", joint=True), ctx) if len(members) >= 2 else []

    def _proposers(self, obj, ctx) -> list[str]:
        """Who put forward a blocked measure: the modifiers of an event noun ("UN sanctions", "the US plan")."""
        low = obj.lemma_.lower()
        if low not in self.rules["nouns"] and obj.lower_ not in self.rules["nouns"] and low not in PACT_NOUNS:
            return []
        out: list[str] = []
        for c in obj.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                _add(out, self._modifier_actors(c, ctx))
        return out

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
            if code is None and future and self._cooperative(c) and not any(
                    a.dep_ == "neg" or a.lower_ in ("never", "not") for a in c.children):
                code = "030"
            if code is None:
                continue
            subj, _ = self._subjects(tok, ctx)
            sources = [a for s in subj for a in self._actors_in(s, ctx)]
            # "Russia said Xi will visit Moscow": Xi's intent; "it was announced that China would build...":
            # China's; an unknown speaker's "it will improve coordination": what "it" stands for
            doer = [a for t in c.children if t.dep_ == "nsubj" and t.pos_ != "PRON"
                    for a in self._head_actors(t, ctx, deep=False)]
            if code == "030" and doer and (not hope or not sources):
                sources = doer
            elif code == "030" and not sources:
                sources = [a for t in c.children if t.dep_ == "nsubj" for a in self._token_actor(t, ctx)]
            targets = [a for t in c.children if t.dep_ == "nsubj" for a in self._actors_in(t, ctx) if a not in sources]
            if code == "030":
                targets = [a for t in c.subtree for a in self._token_actor(t, ctx) if a not in sources]
                if not targets and len(sources) == 1 and sources[0] in ctx["pair"] and len(ctx["pair"]) == 2:
                    targets = [p for p in ctx["pair"] if p != sources[0]]
            return self._pairs(sources, targets, Trigger(code=code), ctx)
        return []

    def _cooperative(self, clause) -> bool:
        """Whether a clause's act is cooperative: its verb, object or their prepositional objects are a
        trigger of roots 03-08 or a warming relation (not a modifier: "U.S.-backed fighters")."""
        core = ("dobj", "xcomp", "prep", "pobj", "conj", "attr", "advmod", "prt")
        near = [clause] + [c for c in clause.children if c.dep_ in core + ("nsubj", "nsubjpass")]  # "a deal would…"
        near += [g for c in near[1:] for g in c.children if g.dep_ in core]
        near += [g for c in near[1:] for g in c.children if g.dep_ == "pobj"]
        for t in near:
            low = t.lemma_.lower()
            if low in REL_UP or (t.dep_ in ("nsubj", "nsubjpass") and t.head.i == clause.i and low in DEAL_NOUNS):
                return True  # "a gas deal with China would be ready": the deal is the cooperation
            trig = None
            if t.pos_ == "VERB":
                trig = self.rules["verbs"].get(low)
            elif t.pos_ == "NOUN":
                trig = self.rules["nouns"].get(t.lower_) or self.rules["nouns"].get(low)
            if trig is not None and trig.origin != "petrarch" and "03" <= trig.code[:2] <= "08":
                return True
        return False

    @staticmethod
    def _relation_subject(tok) -> list:
        """The subject of a changing relation, also across "began/continued to improve"."""
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and tok.dep_ == "xcomp":
            subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subj

    def _relation_change(self, tok, low):
        subj = self._relation_subject(tok)
        if not subj or subj[0].lemma_.lower() not in REL_NOUNS and subj[0].lower_ not in REL_NOUNS:
            return None
        if low == "fall" and not any(c.lower_ == "apart" for c in tok.children):
            return None
        if low == "break" and not any(c.lower_ in ("down", "up") for c in tok.children):
            return None
        return Trigger(code="160" if low in REL_DOWN else "050", joint=True)

    def _relation_pairs(self, tok, trig, ctx):
        subj = self._relation_subject(tok)[0]
        actors = [a for a in self._actors_in(subj, ctx) if not a.startswith("<")]
        if len(actors) > 2:
            return []  # "relations with every other power (India, Japan, ...)": not one dyad
        if len(actors) < 2:
            actors = list(ctx["pair"])
        return self._pairs(actors, [], trig, ctx)

    def _implicit_targets(self, tok, trig, sources, ctx) -> list[str]:
        """A target the verb's kind implies when its object names none: the agent of what is
        disapproved of, the state a show of force is near, the maker of what was bought."""
        targets: list[str] = []
        if "10" <= trig.code[:2] <= "13":  # "criticized Chinese repression": its agent
            for c in tok.children:
                if c.dep_ == "dobj":
                    _add(targets, [a for a in self._head_actors(c, ctx) if a not in sources])
        if not targets and trig.code[:2] == "15":  # "stationed troops near the Ukrainian border"
            for c in [tok] + [o for o in tok.children if o.dep_ == "dobj"]:
                for p in [p for p in c.children if p.dep_ == "prep" and p.lower_ in POSTURE_PREPS]:
                    for o in p.children:
                        if o.dep_ == "pobj":
                            _add(targets, [a for a in self._head_actors(o, ctx) if a not in sources])
        if not targets and trig.code[:2] == "01":
            # a statement about another actor: "stated that the Russian military had lost...",
            # "reiterated our One China policy" (an act of its own in the content is coded by its trigger)
            for c in tok.children:
                if c.dep_ == "ccomp":
                    for sub in [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]:
                        _add(targets, [a for a in self._head_actors(sub, ctx) if a not in sources])
                elif c.dep_ == "dobj" and c.pos_ != "PRON":
                    _add(targets, [a for a in self._actors_in(c, ctx) if a not in sources])
        if not targets and trig.code[:3] == "173":
            # "convicted two engineers of spying for China", "charged him with treason for passing data to
            # Beijing": legal action against whom the accused served
            for c in [tok] + [o for o in tok.children if o.dep_ == "dobj"]:
                for p in c.children:
                    if p.dep_ == "prep" and p.lower_ in ("for", "of", "with"):
                        _add(targets, [a for a in self._actors_in(p, ctx) if a not in sources])
        if not targets and (tok.lemma_.lower() in PURCHASE_VERBS or trig.code[:2] == "17"):
            # "bought Russian missiles": the seller; "stole Russian technology": the owner
            for c in tok.children:
                if c.dep_ == "dobj":
                    _add(targets, [a for a in self._origin(c, ctx) if a not in sources])
        return targets

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
        if not any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in tok.children):
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

    def _speaker_conj(self, verb, ctx) -> bool:
        """Whether a subjectless conjunct of a reported clause is really the speaker's second act: it
        has the reporting verb's form, not its own head's ("said sanctions were pushing ... and
        accused"; in "said a court released X and barred Y" the court barred)."""
        head, report = verb.head, verb.head.head
        if head.dep_ != "ccomp" or report is head or report.lemma_.lower() not in SPEECH_VERBS | REPORTING_VERBS | {
                "comment", "claim", "announce", "assert", "write"}:
            return False
        form = {"VBD": "past", "VBN": "past", "VBZ": "present", "VBP": "present"}  # "have commented ... and accused"
        return form.get(verb.tag_) == form.get(report.tag_, report.tag_) != form.get(head.tag_, head.tag_)

    def _document_body(self, noun, ctx) -> list:
        """Who a resolution or statement speaks for: the subject of the verb that adopted or issued it
        ("the Assembly adopted a resolution condemning..."), else the body named where it was voted
        ("voted in the UN General Assembly for a resolution condemning...")."""
        verb = noun.head
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        subj = [c for c in verb.children if c.dep_ == "nsubj" and self._actors_in(c, ctx)]
        if subj:
            return subj
        return [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "by")
                for p in c.children if p.dep_ == "pobj" and any(self._is_igo(a) for a in self._actors_in(p, ctx))]

    def _membership(self, tok, ctx):
        """ "Iran joined the SCO", "acceded to the WTO" (member → organisation), "the SCO admitted Iran"
        (organisation → member): 050, when the organisation is an IGO the dictionary knows."""
        def igos(t):  # the organisation itself, not its mission or body ("joined the UN mission in Mali")
            return [a for a in self._token_actor(t, ctx) if self._is_igo(a)]

        if tok.lemma_.lower() in FOUNDING_VERBS:
            return self._founders(tok, ctx)
        subj, passive = self._subjects(tok, ctx)
        if passive:
            return []
        objects = [c for c in tok.children if c.dep_ == "dobj"] + [
            p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
        if tok.lemma_.lower() in ADMITTING_VERBS:
            sources = [a for s in subj for a in igos(s)]
            targets = [a for o in objects for a in self._actors_in(o, ctx) if not self._is_igo(a)]
        else:
            sources = [a for s in subj for a in self._actors_in(s, ctx) if not self._is_igo(a)]
            targets = [a for o in objects for a in igos(o)]
            if not objects and tok.head.dep_ == "prep" and tok.head.lower_ == "with":
                # "BRICS has expanded, with Iran joining in 2024": the clause's organisation
                main = tok.head.head
                targets = [a for c in self._subjects(main, ctx)[0] for a in igos(c)]
        return self._pairs(sources, targets, Trigger(code="050"), ctx) if sources and targets else []

    def _founders(self, tok, ctx):
        """ "the SCO, established in 2001 by China, Russia and others", "China and Russia founded the
        SCO": founding an organisation together is diplomatic cooperation among the founders (050)."""
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            made = [tok.head]
            founders = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        else:
            subj, passive = self._subjects(tok, ctx)
            if passive:
                made = subj
                founders = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            else:
                made, founders = [c for c in tok.children if c.dep_ == "dobj"], subj
        if not any(self._is_igo(a) for m in made for a in self._token_actor(m, ctx)):
            return []  # "Moscow and Beijing form a part of the UN's body" founds nothing
        states = [a for f in founders for a in self._actors_in(f, ctx) if not self._is_igo(a)]
        return self._pairs(states, [], Trigger(code="050", joint=True), ctx) if len(set(states)) >= 2 else []

    def _headline_visit(self, sent, ctx):
        """A verbless news headline "China's Xi in Kazakhstan for Central Asia summit", "Putin in
        Beijing": the person is visiting the place (042, the host 043)."""
        if any(t.pos_ in ("VERB", "AUX") for t in sent) or sent.root.pos_ not in ("PROPN", "NOUN"):
            return None, []
        root = sent.root
        m = ctx["mentions"].get(root.i)
        if m is not None and m.kind in ("person", "role"):
            visitors = self._token_actor(root, ctx)
        elif root.pos_ == "PROPN" and m is None:  # "Chile's Boric": a person of a named state
            visitors = [a for c in root.children if c.dep_ == "poss" for a in self._token_actor(c, ctx)]
        else:
            return None, []
        hosts = [a for c in root.children if c.dep_ == "prep" and c.lower_ == "in"
                 for p in c.children if p.dep_ == "pobj" for a in self._token_actor(p, ctx) if a not in visitors]
        return root, self._pairs(visitors, hosts, Trigger(code="042", reverse="043"), ctx) if hosts else []

    def _is_igo(self, code: str) -> bool:
        return getattr(self.actors.actors.get(code), "kind", None) == "igo"

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
            # "emphasised that the relationship targets no third country": the speaker's relationship
            # with its partner in context
            subj = [t for t in c.children if t.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].lemma_.lower() in REL_NOUNS and not self._actors_in(subj[0], ctx):
                speakers, _ = self._subjects(tok, ctx)
                sources = [a for t in speakers for a in self._actors_in(t, ctx)]
                if len(sources) == 1 and sources[0] in ctx["pair"] and len(ctx["pair"]) == 2:
                    return self._pairs(sources, [p for p in ctx["pair"] if p != sources[0]], Trigger(code="010"), ctx)
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
            trig = self.rules["nouns"].get(t.lower_) or self.rules["nouns"].get(t.lemma_.lower())
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
