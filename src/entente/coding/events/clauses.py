"""Acts read off a clause's shape rather than a trigger word: a demand inside reported speech
("Russia says Israel must end attacks"), the proposer of a blocked measure ("vetoed UN sanctions"),
a change in the relationship itself ("the alliance crashed", "relations improved"), and targets a
verb's kind implies ("criticized Chinese repression", "massed troops near the Ukrainian border").
Mixed into the rules coder (rules.py), which supplies the actor context and ``_subjects``."""
from __future__ import annotations

from entente.coding.events.lexicon import (
    CONCERN_PREPS, PACT_NOUNS, POSTURE_PREPS, PURCHASE_VERBS, REL_DOWN, REL_NOUNS, REL_UP, Trigger, _add,
)


class ClauseEvents:
    """Mixin for the rules coder: needs its actor context, ``_subjects`` and ``_pairs``."""

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
            code = "100" if "must" in aux else "020" if "should" in aux else None
            if code is None and aux & {"will", "'ll"} and self._cooperative(c) and not any(
                    a.dep_ == "neg" or a.lower_ in ("never", "not") for a in c.children):
                code = "030"  # an official's "it will deepen cooperation": an intent to cooperate
            if code is None:
                continue
            subj, _ = self._subjects(tok, ctx)
            sources = [a for s in subj for a in self._actors_in(s, ctx)]
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
        near = [clause] + [c for c in clause.children if c.dep_ in core]
        near += [g for c in near[1:] for g in c.children if g.dep_ in core]
        near += [g for c in near[1:] for g in c.children if g.dep_ == "pobj"]
        for t in near:
            low = t.lemma_.lower()
            if low in REL_UP:
                return True
            trig = None
            if t.pos_ == "VERB":
                trig = self.rules["verbs"].get(low)
            elif t.pos_ == "NOUN":
                trig = self.rules["nouns"].get(t.lower_) or self.rules["nouns"].get(low)
            if trig is not None and trig.origin != "petrarch" and "03" <= trig.code[:2] <= "08":
                return True
        return False

    @staticmethod
    def _relation_change(tok, low):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].lemma_.lower() not in REL_NOUNS and subj[0].lower_ not in REL_NOUNS:
            return None
        if low == "fall" and not any(c.lower_ == "apart" for c in tok.children):
            return None
        if low == "break" and not any(c.lower_ in ("down", "up") for c in tok.children):
            return None
        return Trigger(code="160" if low in REL_DOWN else "050", joint=True)

    def _relation_pairs(self, tok, trig, ctx):
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")][0]
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
        if not targets and (tok.lemma_.lower() in PURCHASE_VERBS or trig.code[:2] == "17"):
            # "bought Russian missiles": the seller; "stole Russian technology": the owner
            for c in tok.children:
                if c.dep_ == "dobj":
                    _add(targets, [a for a in self._origin(c, ctx) if a not in sources])
        return targets

    def _concern_pairs(self, tok, ctx):
        """ "China is concerned about Japan's plans", "we are deeply worried by X": the holder of the
        concern disapproves (111) of what its "about" phrase names."""
        head = tok.head if tok.dep_ in ("acomp", "amod") and tok.head.pos_ in ("AUX", "VERB") else tok
        if self._irrealis(head) or self._irrealis(tok):
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
        return self._pairs(sources, targets, Trigger(code="111"), ctx) if sources and targets else []

