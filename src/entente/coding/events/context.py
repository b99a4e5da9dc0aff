"""Actor context: which actors a token stands for (mentions, "the two countries", "it", "they"),
and the running context (the document's pair, the last subject) carried from sentence to sentence."""
from __future__ import annotations

from entente.coding.events.lexicon import (
    ACTOR_HEADS,
    ACTOR_KINDS,
    CITY_NOUNS,
    COUNTERPART_NOUNS,
    LOCATIVE_PREPS,
    NON_ACTOR_HEADS,
    PAIR_NOUNS,
    PAIR_PRONOUNS,
    PERSON_PRONOUNS,
    PLACE_NOUNS,
    PRUNE_DEPS,
    SINGLE_PRONOUNS,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
    TEMPORAL_PREPS,
    TOPIC_PREPS,
    VENUE_PREPS,
    _add,
)


class ActorContext:
    """Mixin for the coders: needs ``self.actors`` (an ActorDictionary) and ``self.rules`` (its event
    nouns tell a coordinated event from a coordinated party)."""

    def _mention_index(self, sdoc, year, split: dict | None = None):
        """Token index → mention; ``split`` collects the mentions sharing one token ("U.S.-China")."""
        index = {}
        for m in self.actors.find_mentions(sdoc, year=year):
            for i in range(m.start, m.end):
                if split is not None and i in index and index[i].start == m.start and m.end - m.start == 1:
                    split.setdefault(i, [index[i]]).append(m)
                index[i] = m
        return index

    def _token_actor(self, tok, ctx) -> list[str]:
        """Actor codes a token stands for (a mention, a pair reference or a pronoun)."""
        m = ctx["mentions"].get(tok.i)
        if m is not None:
            if m.kind == "adjective":
                # "Chinese troops", "the Soviets", "Sino-Russian": adjectives act only as agents
                head = tok.head
                while head.dep_ == "conj" and head.head.i != head.i and head.pos_ == "ADJ":
                    head = head.head
                if head.i != tok.head.i or tok.dep_ == "conj":
                    head = head.head if head.pos_ == "ADJ" else head
                if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "poss") and tok.pos_ in ("PROPN", "NOUN"):
                    return [m.code]
                if (head.lemma_.lower() in ACTOR_HEADS or head.lower_ in ACTOR_HEADS) and not (
                        head.pos_ == "PROPN" and head.lower_ == "republic") and not any(  # ("the Former Yugoslav Republic of…")
                        c.lower_ in ("news", "press") for c in head.children):  # "the Russian news agency"
                    return [m.code]
                if tok.i in ctx["hyphen_pair"]:
                    return [m.code]
                return []
            return [m.code] if m.kind in ACTOR_KINDS else []
        low = tok.lower_
        if low in PAIR_PRONOUNS or (low in ("both", "two") and tok.dep_ in ("nsubj", "nsubjpass")):
            for prev in reversed(tok.doc[tok.sent.start:tok.i]):
                # "Palestinian bombers killed 23 people when they blew themselves up": the bombers
                if prev.dep_ in ("nsubj", "nsubjpass") and prev.tag_ == "NNS" and prev.i not in ctx["mentions"] \
                        and not prev.left_edge.i <= tok.i <= prev.right_edge.i:  # ("relations between their…")
                    acts = self._actors_in(prev, ctx)
                    if acts:
                        return acts
                    break
            at = ctx.get("pair_at")
            if at is not None and tok.sent.start <= at and tok.i < at and ctx.get("prev_pair"):
                return list(ctx["prev_pair"])  # "They called for an end to the war between X and Y"
            return list(ctx["pair"])
        if tok.lemma_.lower() in PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children):
            return list(ctx["pair"])
        if low in ("countries", "sides", "parties", "nations") and [c.lower_ for c in tok.children] == ["the"]:
            return list(ctx["pair"])  # "the parties signed": the pair in context, when nothing else is named
        if low in ("other", "another") and any(c.lower_ in ("each", "one") for c in tok.children):
            return ["<OTHER>"]
        if low in ("each", "one") and tok.head.lower_ in ("other", "another"):
            return []
        if low in SINGLE_PRONOUNS:
            controller = self._controller(tok, ctx)
            if controller:  # "called on the US to lift its embargo": the US's embargo
                return controller
            # "the United States appeared weak because it had withdrawn": the clause's own subject first
            for prev in reversed(tok.doc[tok.sent.start:tok.i]):
                m = ctx["mentions"].get(prev.i)
                if m is not None and m.kind in ("state", "capital", "org", "igo") and prev.dep_ in ("nsubj", "nsubjpass"):
                    return [m.code]
            if ctx["last"]:
                return [ctx["last"]]
        if low in ("we", "our", "us", "ours", "i", "me", "my") and ctx.get("speaker"):
            return [ctx["speaker"]]  # an official speaking for their state ("I held talks with Lavrov")
        if low in PERSON_PRONOUNS:
            # "Dvorkovich said he hoped…": the sentence's own person subject before the last one named
            for prev in reversed(tok.doc[tok.sent.start:tok.i]):
                m = ctx["mentions"].get(prev.i)
                if prev.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                if m is not None and m.kind in ("person", "role"):
                    return [m.code]
                if m is None and prev.pos_ == "PROPN" and prev.head.lemma_.lower() in SPEECH_VERBS | {"hope"}:
                    acts = self._actors_in(prev, ctx)  # "Russian Deputy PM Arkady Dvorkovich said he…"
                    return acts if len(acts) == 1 else []  # an unknown speaker is not the last person named
            if ctx.get("last_person"):
                return [ctx["last_person"]]
        return []

    def _controller(self, tok, ctx) -> list[str]:
        """The object that controls the infinitive a pronoun stands in: "urged China to reconsider its
        position", "called on the US to lift its embargo" (the pronoun is that object, not the subject
        of the sentence). Empty when a clause with its own subject comes first."""
        v = tok.head
        for _ in range(4):
            if v.pos_ not in ("VERB", "AUX"):
                if v.head.i == v.i:
                    return []
                v = v.head
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children) or v.dep_ != "xcomp":
                return []
            g = v.head
            objs = [c for c in g.children if c.dep_ == "dobj"] + [
                p for c in g.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                for p in c.children if p.dep_ == "pobj"]
            for o in objs:
                m = ctx["mentions"].get(o.i)
                if m is not None and m.kind in ("state", "capital", "org", "igo"):
                    return [m.code]
            return []
        return []

    def _venue_actors(self, tok, ctx) -> set[str]:
        """Actors naming where a meeting was held ("talks in Rome"): a venue, a party only when no
        one else is ("held talks in Beijing": China, the host)."""
        return {a for c in tok.children if c.dep_ == "prep" and c.lower_ in VENUE_PREPS
                for p in c.children for a in self._actors_in(p, ctx)}

    def _topic_actors(self, tok, ctx) -> set[str]:
        """Actors a phrase names as its topic ("views on Ukraine", "talks about Syria"): not parties."""
        return {a for c in tok.children if c.dep_ == "prep" and c.lower_ in TOPIC_PREPS
                for p in c.children for a in self._actors_in(p, ctx)}

    def _actors_in(self, tok, ctx, *, depth: int = 0) -> list[str]:
        """Actors inside a phrase, not crossing into clauses."""
        if tok.lower_ in NON_ACTOR_HEADS and tok.i not in ctx["mentions"] and not any(
                ctx["mentions"].get(c.i) is not None and ctx["mentions"][c.i].kind == "igo" for c in tok.children):
            return []  # "Chinese experts", "US analysts": commentators, not their states ("UN experts" act)
        out = self._token_actor(tok, ctx)
        if depth > 6:
            return out
        speaker = ctx.get("speaker")
        if speaker and tok.lemma_.lower() in COUNTERPART_NOUNS and len(ctx["pair"]) == 2 and speaker in ctx["pair"] \
                and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children) \
                and not any(t.i in ctx["mentions"] for t in tok.subtree):
            return [p for p in ctx["pair"] if p != speaker]  # an official's "our colleagues": the counterpart
            # (unless named: "our colleagues in Europe")
        m = ctx["mentions"].get(tok.i)
        venue = bool(out) and m is not None and m.kind in ("person", "role")
        for c in tok.children:
            if c.dep_ in PRUNE_DEPS and not (c.dep_ == "appos" and tok.lemma_.lower() in CITY_NOUNS):
                continue  # but "the capital Astana" names its state
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS and tok.lemma_.lower() in PLACE_NOUNS:
                continue  # "a battle on the border between Xinjiang and Kazakhstan": a place, not a party
            if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i not in ctx["mentions"] and (
                    c.lower_ in self.rules["nouns"] or c.lemma_.lower() in self.rules["nouns"]):
                continue  # "relations between X and Y and the withdrawal of troops from Z": another event
            if self._is_fronted(c, tok):
                continue  # "before the invasion of Ukraine, China and Russia held…": the verb's subject
            if c.dep_ == "prep" and c.lower_ in TEMPORAL_PREPS:
                continue  # "met days after Russia's invasion of Ukraine": a time, not a party
            if venue and c.dep_ == "prep" and c.lower_ in VENUE_PREPS:
                continue  # "met Yang in Rome": where a person is, is not a party ("officials in Beijing",
                # "the UN mission in Mali" still name one)
            for a in self._actors_in(c, ctx, depth=depth + 1):
                if a not in out:
                    out.append(a)
        return out

    @staticmethod
    def _fronted_subject(verb) -> list:
        """"Weeks before the invasion of Ukraine, China and Russia held talks": the small model hangs the
        subject on the fronted phrase as a conjunct; the one phrase between its comma and the verb acts."""
        commas = [t for t in verb.doc[verb.sent.start:verb.i] if t.text == ","]
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")]
        if not commas or (subj and not any(c.dep_ == "mark" and c.lower_ in TEMPORAL_PREPS and c.i < subj[0].i
                                          for c in verb.children)):
            return []  # (or "weeks before Russia's invasion of Ukraine, Xi and Putin met": "invasion" as subject)
        span = verb.doc[commas[-1].i + 1:verb.i]
        heads = [t for t in span if not commas[-1].i < t.head.i < verb.i]
        if len(heads) == 1 and heads[0].dep_ == "conj" and heads[0].pos_ in ("PROPN", "NOUN") \
                and heads[0].head.i < commas[-1].i:
            return heads
        return []

    def _is_fronted(self, c, tok) -> bool:
        return c.dep_ == "conj" and c.i > tok.i + 1 and self._fronted_subject(c.sent.root) == [c]

    def _head_actors(self, tok, ctx, *, deep: bool = True) -> list[str]:
        """Actors of a phrase's head ("criticism of US intervention in Afghanistan" → US);
        deeper ones only when the head names none ("ministers of India and China") and ``deep``
        (not for a doer: "a deal with China would be ready" names no doer)."""
        out = self._token_actor(tok, ctx)
        for c in tok.children:
            if c.dep_ in PRUNE_DEPS or c.dep_ == "prep" or self._is_fronted(c, tok):
                continue
            for a in self._modifier_actors(c, ctx):
                if a not in out:
                    out.append(a)
        return out or (self._actors_in(tok, ctx) if deep else [])

    def _origin(self, obj, ctx) -> list[str]:
        """The state an object's adjective names as its maker ("bought Russian missiles", "thousands
        of Russian missiles", "Russian-made engines"): the seller of a purchase."""
        out: list[str] = []
        heads = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj"]
        for h in heads:
            # "Russian Kilo-class submarines": the adjective may hang on the class compound
            mods = list(h.children) + [g for c in h.children if c.dep_ in ("compound", "nmod") for g in c.children]
            for c in mods:
                m = ctx["mentions"].get(c.i)
                if c.dep_ in ("amod", "compound", "nmod") and m is not None and m.kind == "adjective":
                    _add(out, [m.code])
                elif c.dep_ == "amod" and c.lower_ in ("made", "built", "designed"):  # "Russian-made"
                    for g in c.children:
                        n = ctx["mentions"].get(g.i)
                        if n is not None and n.kind in ("adjective", "state"):
                            _add(out, [n.code])
        return out

    def _modifier_actors(self, tok, ctx) -> list[str]:
        m = ctx["mentions"].get(tok.i)
        if tok.dep_ in ("amod", "compound") and m is not None and m.kind == "adjective":
            # "Western sanctions": the adjective is the agent; in "Sino-Soviet rapprochement" and
            # "Russian and Iranian exports" each side is
            out = [m.code]
            for c in tok.children:
                n = ctx["mentions"].get(c.i)
                if n is not None and n.code not in out and (
                        c.i in ctx["hyphen_pair"] or (c.dep_ == "conj" and n.kind == "adjective")):
                    out.append(n.code)
            return out
        out = self._actors_in(tok, ctx, depth=1)
        if tok.dep_ in ("amod", "compound", "nmod", "poss"):  # "U.S. and European sanctions": both impose them
            for c in tok.children:
                n = ctx["mentions"].get(c.i)
                if c.dep_ == "conj" and n is not None and n.kind == "adjective" and n.code not in out:
                    out.append(n.code)
            other = ctx["hyphen_pair"].get(tok.i)
            if other is not None and ctx["mentions"][other].code not in out:
                # "Russia–China trade": the parser often hangs the side before an en dash elsewhere
                out.append(ctx["mentions"][other].code)
        return out

    @staticmethod
    def _pair_sentence(sent, ctx) -> bool:
        """The sentence names both states of the pair in context and no other: "China leads the
        exercises while Russia participates" is about the pair's exercises."""
        named = {ctx["mentions"][t.i].code for t in sent if t.i in ctx["mentions"]}
        return len(ctx["pair"]) == 2 and named == set(ctx["pair"])

    @staticmethod
    def _quoted_chars(sent) -> list[tuple[int, int]]:
        spans, open_at = [], None
        for tok in sent:
            t = tok.text
            if t in ("“", "”", '"', "``", "''"):
                if open_at is None and t != "”":
                    open_at = tok.idx
                elif open_at is not None:
                    spans.append((open_at, tok.idx))
                    open_at = None
        if open_at is not None:
            spans.append((open_at, sent.end_char))
        return spans

    @staticmethod
    def _hyphen_pairs(sent, mentions):
        """Tokens of "Sino-Russian" / "China-Russia" compounds: both sides are actors
        ({token index: the other side's token index})."""
        out = {}
        toks = list(sent)
        for k in range(1, len(toks) - 1):
            if toks[k].text in ("-", "–") and toks[k - 1].i in mentions and toks[k + 1].i in mentions:
                out[toks[k - 1].i] = toks[k + 1].i
                out[toks[k + 1].i] = toks[k - 1].i
        return out

    @staticmethod
    def _mention_counts(mentions, skip_kinds=()) -> dict[str, int]:
        """Actor code → how many times the document names it (each mention once)."""
        counts: dict[str, int] = {}
        for m in {id(m): m for m in mentions.values()}.values():
            if m.kind not in skip_kinds:
                counts[m.code] = counts.get(m.code, 0) + 1
        return counts

    @classmethod
    def _actor_ranks(cls, mentions) -> dict[str, int]:
        """Actor code → its rank by how often the document names it (0: the most named)."""
        counts = cls._mention_counts(mentions)
        return {c: k for k, c in enumerate(sorted(counts, key=lambda c: (-counts[c], c)))}

    @classmethod
    def _default_pair(cls, mentions, speaker: str | None = None):
        """The two actors the document names most; for an official speaker, the official's state
        and the state the document names most besides it."""
        counts = cls._mention_counts(mentions, ("group", "igo"))
        top = sorted(counts, key=lambda c: -counts[c])
        if speaker is not None:
            return (speaker, *[c for c in top if c != speaker][:1])
        return tuple(top[:2])

    def _is_state(self, code: str) -> bool:
        actor = self.actors.actors.get(code)
        return actor is not None and actor.kind == "state"

    def _update_context(self, sent, ctx):
        states = []
        for tok in sent:
            m = ctx["mentions"].get(tok.i)
            if m is not None and m.code not in states and m.kind != "group":
                states.append(m.code)
        self._coordinated_pair(sent, ctx)
        people = [ctx["mentions"][t.i] for t in sent if t.i in ctx["mentions"]
                  and ctx["mentions"][t.i].kind in ("person", "role")]
        if people:
            ctx["last_person"] = people[0].code
        first = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass")), None)
        subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i in ctx["mentions"]]
        if first is not None and first.lower_ in SINGLE_PRONOUNS and first.i not in ctx["mentions"] and ctx["last"]:
            pass  # "China sits on the fence. Sometimes it backs Russia. It also says…": "it" is still China
        elif subj:
            ctx["last"] = ctx["mentions"][subj[0].i].code
        elif states:
            ctx["last"] = states[0]

    def _coordinated_pair(self, sent, ctx) -> None:
        """A coordinated subject pair ("China and Russia", "Xi and Putin") becomes the pair in context.

        Called before a sentence is coded too, so that "Xi and Putin met and praised their relationship"
        reads "their" as those two, not as the pair of an earlier sentence. So does a compound
        ("Soviet-Chinese relations", "China-Russia trade"): "the two countries" that follows are those.
        A pair pronoun before the new pair still means the old one ("They called for an end to the war
        between Armenia and Azerbaijan"): where the new pair begins is kept for _token_actor."""
        before = ctx["pair"]
        at = self._find_pair(sent, ctx)
        if ctx["pair"] != before and at:
            ctx["prev_pair"], ctx["pair_at"] = before, min(at)

    def _find_pair(self, sent, ctx) -> list[int]:
        """Sets the pair a sentence names; returns where each pair it found begins."""
        at: list[int] = []
        prev = None
        for tok in sent:  # compounds: X - Y, or one token split in two ("U.S.-China")
            split = ctx.get("split", {}).get(tok.i)
            if split and len(split) == 2 and all(self._is_state(x.code) for x in split) and split[0].code != split[1].code:
                ctx["pair"] = (split[0].code, split[1].code)
                at.append(tok.i)
            m = ctx["mentions"].get(tok.i)
            if m is None or m is prev:
                continue
            if prev is not None and prev.code != m.code and self._is_state(prev.code) and self._is_state(m.code) \
                    and m.start - prev.end == 1 and sent.doc[prev.end].text in ("-", "–"):
                ctx["pair"] = (prev.code, m.code)
                at.append(tok.i)
            prev = m
        for tok in sent:
            m = ctx["mentions"].get(tok.i)
            if m is None or tok.dep_ == "conj":
                continue
            conj = [c for c in tok.children if c.dep_ == "conj"]
            if len(conj) != 1 or any(g.dep_ == "conj" for g in conj[0].children):
                continue  # a list of three or more states is not the pair the text is about
            for c in conj:
                if c.dep_ == "conj":
                    m2 = ctx["mentions"].get(c.i)
                    if m2 is not None and m2.code != m.code and self._is_state(m.code) and self._is_state(m2.code):
                        ctx["pair"] = (m.code, m2.code)
                        at.append(tok.i)
        return at

    def _actorless(self, tok, ctx, *, pronouns: bool = True) -> bool:
        """No actor anywhere in the trigger's clause: nothing else could be its agent or partner
        (and the clause is realis). ``pronouns=False``: only named actors count (an official's
        "it was a candid conversation, you know" is about the talks the official took part in)."""
        if tok.pos_ != "VERB":
            verb = self._governing_verb(tok)
            if verb is not None and (self._conditional(verb) or self._irrealis(verb)):
                return False
        clause = tok
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head.i != clause.i:
            clause = clause.head
        blocking = PAIR_PRONOUNS | SINGLE_PRONOUNS | SPEAKER_PRONOUNS | PERSON_PRONOUNS if pronouns else set()
        return not any(t.i in ctx["mentions"] or t.lower_ in blocking for t in clause.subtree)
