"""Who a clause's subject is, and acts read off a clause's shape rather than a trigger word (what
actors say or feel is in stances.py): the proposer of a blocked measure ("vetoed UN sanctions"), a
change in the relationship itself ("the alliance crashed", "relations improved"), and targets a
verb's kind implies ("criticized Chinese repression", "massed troops near the Ukrainian border").
Mixed into the rules coder (rules.py), which supplies the actor context."""
from __future__ import annotations

from dataclasses import replace

from entente.coding.events import realis
from entente.coding.events.lexicon import (
    ACTOR_HEADS, ADHERING_VERBS, ADMITTING_VERBS, DOCUMENT_NOUNS, DRILL_NOUNS, FOUNDING_VERBS, GUEST_VERBS,
    LIGHT_VERBS, MEDIA_WORDS,
    YIELDS_TO_PURPOSE,
    OBJECT_CONTROL, PACT_NOUNS, POSTURE_PREPS, PRUNE_DEPS, PURCHASE_VERBS, REL_DOWN, REL_NOUNS,
    RELATIVE_PRONOUNS, SPEECH_VERBS, SUBJECT_CONTROL, Trigger, _add,
)
from entente.coding.events.realis import JUDGING_VERBS, REPORTING_VERBS


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
                    if h.dep_ == "pcomp" and h.head.lower_ == "for" and g.lemma_.lower() in JUDGING_VERBS:
                        # "thanked Peru for sending aid", "Peru was punished for invading X": Peru acted
                        judged = ctrl or [c for c in g.children if c.dep_ == "nsubjpass"]
                        if judged:
                            return judged, False
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

    def _subject_actors(self, subj, ctx) -> list[str]:
        """A subject's actors, or, for forces and weapons, the agent of their participle: "the missiles
        fired by X struck Y", "troops sent by X entered Y" (not "a proposal submitted by X was accepted")."""
        own = self._actors_in(subj, ctx)
        if own or subj.lower_ not in ACTOR_HEADS:
            return own
        agents = [p for c in subj.children if c.dep_ == "acl" and c.tag_ == "VBN"
                  for g in c.children if g.dep_ == "agent" for p in g.children if p.dep_ == "pobj"]
        return [a for p in agents for a in self._actors_in(p, ctx)]

    def _noun_trigger(self, tok) -> Trigger | None:
        """The project's event-noun entry for a token, by its form or its lemma."""
        return self.rules["nouns"].get(tok.lower_) or self.rules["nouns"].get(tok.lemma_.lower())

    def _own_or_petrarch(self, tok, trig: Trigger, low: str) -> Trigger:
        """The project's entry for a verb, or PETRARCH2's object patterns when the entry's particle is
        missing: "cut off gas" is the project's (160), "cut ties with X" PETRARCH2's."""
        fallback = self.petrarch.get(low)
        if trig.origin == "petrarch" or fallback is None or not fallback.needs_obj or not trig.prt or trig.bare \
                or realis.has_particle(tok, trig.prt):
            return trig
        return fallback if self._has_words(tok, fallback.needs_obj) else trig

    def _verb_trigger(self, tok, trig: Trigger, ctx) -> Trigger | None:
        """The trigger a verb's complements make of it, or None when they make it no act of its own."""
        if trig.code[:2] in ("18", "19") and tok.lemma_.lower() in ("attack", "assault") and any(
                w.lower_ in MEDIA_WORDS for s in self._subjects(tok, ctx)[0] for w in s.subtree):
            return Trigger(code="111")  # "Chinese media are attacking NATO": in words
        if trig.code[:2] in ("18", "19") and tok.lemma_.lower() in ("attack", "target", "hit") and {
                "hackers", "websites", "servers", "networks", "cyber", "cyberattack"} & {w.lower_ for w in tok.subtree}:
            return Trigger(code="176")  # "hackers attacked government websites": cyber, not armed
        if trig.origin == "petrarch" and tok.lemma_.lower() in LIGHT_VERBS and any(
                c.dep_ == "dobj" and "18" <= getattr(self._noun_trigger(c), "code", "00")[:2] <= "20"
                for c in tok.children):
            return None  # "carried out a raid": the force noun is the act, not PETRARCH2's "carry" (072)
        if tok.lemma_.lower() == "welcome" and any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in GUEST_VERBS and any(
                a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children):
            trig = Trigger(code="020")  # "welcomed X to visit": an invitation (as "invited X to visit")
        if tok.lemma_.lower() in YIELDS_TO_PURPOSE and any(
                c.dep_ in ("xcomp", "advcl") and "09" <= getattr(self.rules["verbs"].get(c.lemma_.lower()), "code", "00")[:2]
                <= "14" for c in tok.children):
            return None  # "summoned the envoy to complain": the complaint is the act
        if trig.code.startswith("03") and tok.lemma_.lower() in ("vow", "pledge", "promise"):
            acts = [self.rules["verbs"].get(c.lemma_.lower()) for c in tok.children if c.dep_ == "xcomp"]
            if any(a is not None and a.code[:2] >= "09" for a in acts):
                trig = Trigger(code="130")  # "vowed to attack": a threat, not an intent to cooperate
        if tok.lemma_.lower() in ADHERING_VERBS and any(
                c.dep_ == "dobj" and getattr(self.rules["nouns"].get(c.lower_) or self.rules["nouns"].get(
                    c.lemma_.lower()), "code", "")[:2] == "16" for c in tok.children):
            return None  # "supported the UN sanctions over X": the sanctions' noun codes the supporter (nouns.py)
        if trig.reverse and any(c.dep_ in ("dobj", "nsubjpass") and getattr(self.rules["nouns"].get(
                c.lemma_.lower()), "code", "")[:2] == "04" for c in tok.children):
            trig = replace(trig, reverse=None)  # "hosted meetings of X and Y": the host's act, no one visits it
        return trig

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
                elif c.dep_ == "prep" and c.lower_ in ("to", "against"):  # "opposed to French mediation"
                    for p in c.children:
                        if p.dep_ == "pobj":
                            _add(targets, [a for a in self._head_actors(p, ctx) if a not in sources])
        if not targets and trig.code[:2] in ("02", "10"):  # "demanded that the US cancel the sale": the US
            for c in tok.children:
                if c.dep_ == "ccomp" and any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children):
                    for sub in [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]:
                        _add(targets, [a for a in self._head_actors(sub, ctx) if a not in sources])
        if not targets and trig.code[:2] == "13":
            # "threatened to halt the talks if the US deploys missiles": whoever must meet the condition
            for v in [tok] + [c for c in tok.children if c.dep_ == "xcomp"]:
                for c in v.children:
                    if c.dep_ == "advcl" and any(x.dep_ == "mark" and x.lower_ in ("if", "unless") for x in c.children):
                        for sub in [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]:
                            _add(targets, [a for a in self._head_actors(sub, ctx) if a not in sources])
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
