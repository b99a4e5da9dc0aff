"""Rules event coder: dependency parse + trigger lexicon + actor mentions → events.

For each trigger (a verb or a nominal such as "visit", "invasion") it takes
sources from the subject (or a possessor), targets from objects and
prepositional phrases, expands coordination, codes joint actions in both
directions and drops non-realis uses (negation, modals, conditionals,
questions, wishes and plans).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import yaml

from entente.errors import DataError
from entente.types import Event

CODER = "rules.v1"

MODALS = {"would", "could", "might", "may", "should", "must", "shall", "will", "can", "'ll", "wo", "ca", "ought"}
IRREALIS_GOVERNORS = {
    "want", "hope", "wish", "plan", "intend", "seek", "try", "aim", "attempt", "expect", "need", "like",
    "prefer", "propose", "recommend", "suggest", "fear", "consider", "fail", "avoid", "decline", "threaten",
    "refuse", "reluctant", "unwilling", "willing", "able", "likely", "unlikely", "ready", "prepare",
    "plans", "intention", "desire", "effort", "goal", "willingness", "ability", "readiness", "ambition",
    "pressure", "urge", "call", "ask", "push", "encourage", "allow", "let", "would",
}
INTENT_VERBS = {"pledge", "promise", "vow", "commit", "agree", "undertake", "resolve", "offer"}
# "identified ways to strengthen ties": intent to cooperate; "went to great lengths to praise": the act
INTENT_NOUNS = {"way", "step", "measure", "commitment", "pledge", "promise", "agreement", "deal"}
REALIS_INFINITIVE_HEADS = {"length", "first", "last", "only", "decision", "visit", "trip"}
CONCESSIVE_MARKS = {"though", "although", "while", "because", "since", "as", "after", "before", "when"}
UNREALISED_HEADS = {"brink", "verge", "risk", "threat", "fear", "prospect", "possibility", "danger", "spectre",
                    "specter", "likelihood", "chance", "edge"}
LOCATIVE_PREPS = {"on", "at", "near", "along", "across", "between", "in", "inside", "within", "of"}
PLACE_NOUNS = {"border", "frontier", "river", "region", "area", "island", "islands", "sea", "coast", "province",
               "city", "town", "territory", "zone", "district", "waters", "strait", "boundary"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "once"}
PRUNE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "punct", "appos", "mark", "csubj"}
PAIR_NOUNS = {
    "country", "state", "nation", "side", "giant", "power", "neighbour", "neighbor", "partner",
    "capital", "leader", "government", "regime", "superpower", "ally", "army", "military",
}
PAIR_PRONOUNS = {"they", "them", "their", "themselves", "theirs"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
SINGLE_PRONOUNS = {"it", "its", "itself"}
SPEAKER_PRONOUNS = {"i", "my", "me", "we", "our", "us", "you", "your"}
PERSON_PRONOUNS = {"he", "she", "his", "him", "her", "himself", "herself"}
# "the alliance fell apart", "relations improved": a change in the relationship itself
REL_NOUNS = {"alliance", "relationship", "relations", "ties", "partnership", "friendship", "cooperation",
             "rapprochement", "entente", "axis"}
REL_DOWN = {"fall", "crash", "collapse", "break", "deteriorate", "worsen", "sour", "end", "unravel", "crumble",
            "disintegrate", "decline", "cool", "freeze", "rupture"}
REL_UP = {"improve", "warm", "strengthen", "deepen", "grow", "normalise", "normalize", "flourish", "expand",
          "intensify", "blossom", "thaw", "recover", "solidify"}
ACTOR_HEADS = {
    "government", "side", "leader", "leadership", "official", "army", "military", "troops", "force",
    "forces", "navy", "authorities", "president", "minister", "ministry", "diplomat", "state", "company",
    "firm", "bank", "delegation", "regime", "administration", "embassy", "soldier", "soldiers",
    "communists", "nationalists", "people", "militaries", "leaderships", "governments", "officials",
}
ACTOR_KINDS = {"state", "capital", "person", "role", "org", "igo", "group"}
PACT_NOUNS = {"treaty", "agreement", "pact", "accord", "partnership", "relationship", "relation", "tie",
              "alliance", "friendship", "cooperation", "deal"}
SECONDARY_PREPS = {"on", "over", "in", "at", "for", "of", "among", "by", "into"}
# Joint actions that are mutual by nature: "X signed a treaty with Y" is also Y's act.
MUTUAL_PREFIXES = ("04", "057", "06", "19", "18")
# Verbs whose nominal object carries the event: "expressed support for X", "imposed sanctions on Y"
LIGHT_VERBS = {"express", "voice", "offer", "give", "provide", "lend", "extend", "show", "pledge", "impose",
               "launch", "conduct", "hold", "stage", "wage", "begin", "start", "make", "pay", "announce",
               "reaffirm", "reiterate", "declare", "go", "enter", "slap", "level", "issue", "deliver"}
TARGET_PREPS = {"with", "to", "against", "on", "at", "from", "toward", "towards", "into", "for", "over",
                "between", "upon", "of", "in", "by", "among"}


def _add(bucket: list[str], actors: list[str]) -> None:
    """Append the actors not yet in ``bucket``, keeping order."""
    bucket.extend(a for a in actors if a not in bucket)


@dataclass(frozen=True)
class Trigger:
    code: str
    joint: bool = False
    needs_obj: tuple[str, ...] = ()
    prt: tuple[str, ...] = ()
    needs_mod: tuple[str, ...] = ()
    needs_verb: bool = False
    reverse: str | None = None  # code for the target's side (visit → host)
    from_subject: bool = False  # nominal joint actions take the clause subject as actors
    agent: bool = False  # agent nouns: "X is Y's supplier" (X acts on Y)
    by_obj: tuple[tuple[str, str], ...] = ()  # object word → code ("withdraw from talks" is 16, not 08)


def _word(w) -> str:
    # YAML 1.1 reads bare on/off/yes/no as booleans: "cut off", "call on" must stay words
    if w is True:
        return "on"
    if w is False:
        return "off"
    return str(w)


def _trigger(name: str, value, path: str) -> Trigger:
    if isinstance(value, str):
        value = {"code": value}
    if not isinstance(value, dict) or "code" not in value:
        raise DataError(f"{path}: trigger {name!r}: expected a code or a mapping with 'code'")
    code = str(value["code"])
    words = {k: tuple(_word(w) for w in value.get(k, ())) for k in ("needs_obj", "prt", "needs_mod")}
    if not code.isdigit() or not 2 <= len(code) <= 4 or not 1 <= int(code[:2]) <= 20:
        raise DataError(f"{path}: trigger {name!r}: 'code' is not a CAMEO code: {code!r}")
    return Trigger(
        code=code, joint=bool(value.get("joint", False)),
        needs_obj=words["needs_obj"], prt=words["prt"],
        needs_mod=words["needs_mod"], needs_verb=bool(value.get("needs_verb", False)),
        reverse=str(value["reverse"]) if value.get("reverse") else None,
        from_subject=bool(value.get("from_subject", False)), agent=bool(value.get("agent", False)),
        by_obj=tuple((_word(k), str(v)) for k, v in (value.get("by_obj") or {}).items()),
    )


def load_rules(path: str | Path | None = None) -> dict:
    """Read the trigger lexicon (YAML). Raises DataError naming the file and entry."""
    if path is None:
        text = resources.files("entente").joinpath("data/rules/events.yaml").read_text("utf-8")
        path = "events.yaml"
    else:
        text = Path(path).read_text("utf-8")
    data = yaml.safe_load(text) or {}
    verbs = {str(k): _trigger(str(k), v, str(path)) for k, v in (data.get("verbs") or {}).items()}
    nouns = {str(k): _trigger(str(k), v, str(path)) for k, v in (data.get("nouns") or {}).items()}
    implied, implied_target = {}, {}
    for item in data.get("implied_source") or []:
        for root in item.get("roots", ["19"]):
            implied[(item["target"], str(root))] = (item["source"], int(item.get("from_year", 0)))
            if item.get("implies_target"):
                implied_target[(item["source"], str(root))] = (item["target"], int(item.get("from_year", 0)))
    return {"version": data.get("version", CODER), "verbs": verbs, "nouns": nouns, "implied": implied,
            "implied_target": implied_target}


class EventCoder:
    """Codes events in one parsed document. Construction stores settings; load() reads data."""

    name = CODER

    def __init__(self, *, actors, rules: str | Path | None = None):
        self.actors = actors
        self.rules_path = rules
        self.rules = None

    def load(self) -> "EventCoder":
        self.rules = load_rules(self.rules_path)
        return self

    # -- actors -----------------------------------------------------------------
    def _mention_index(self, sdoc, year):
        index = {}
        for m in self.actors.find_mentions(sdoc, year=year):
            for i in range(m.start, m.end):
                index[i] = m
        return index

    def _token_actor(self, tok, ctx) -> list[str]:
        """Actor codes a token stands for (a mention, a pair reference or a pronoun)."""
        m = ctx["mentions"].get(tok.i)
        if m is not None:
            if m.kind == "adjective":
                # "Chinese troops", "the Soviets", "Sino-Russian": adjectives act only as agents
                head = tok.head
                while head.dep_ == "conj" and head.head is not head and head.pos_ == "ADJ":
                    head = head.head
                if head is not tok.head or tok.dep_ == "conj":
                    head = head.head if head.pos_ == "ADJ" else head
                if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "poss") and tok.pos_ in ("PROPN", "NOUN"):
                    return [m.code]
                if head.lemma_.lower() in ACTOR_HEADS or head.lower_ in ACTOR_HEADS:
                    return [m.code]
                if ctx["hyphen_pair"].get(tok.i):
                    return [m.code]
                return []
            return [m.code] if m.kind in ACTOR_KINDS else []
        low = tok.lower_
        if low in PAIR_PRONOUNS or (low in ("both", "two") and tok.dep_ in ("nsubj", "nsubjpass")):
            return list(ctx["pair"])
        if tok.lemma_.lower() in PAIR_NOUNS and any(c.lower_ in ("two", "both") for c in tok.children):
            return list(ctx["pair"])
        if low in ("other", "another") and any(c.lower_ in ("each", "one") for c in tok.children):
            return ["<OTHER>"]
        if low in ("each", "one") and tok.head.lower_ in ("other", "another"):
            return []
        if low in SINGLE_PRONOUNS:
            # "the United States appeared weak because it had withdrawn": the clause's own subject first
            for prev in reversed(tok.doc[tok.sent.start:tok.i]):
                m = ctx["mentions"].get(prev.i)
                if m is not None and m.kind in ("state", "capital", "org", "igo") and prev.dep_ in ("nsubj", "nsubjpass"):
                    return [m.code]
            if ctx["last"]:
                return [ctx["last"]]
        if low in PERSON_PRONOUNS and ctx.get("last_person"):
            return [ctx["last_person"]]
        return []

    def _actors_in(self, tok, ctx, *, depth: int = 0) -> list[str]:
        """Actors inside a phrase, not crossing into clauses."""
        out = self._token_actor(tok, ctx)
        if depth > 6:
            return out
        for c in tok.children:
            if c.dep_ in PRUNE_DEPS:
                continue
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS and tok.lemma_.lower() in PLACE_NOUNS:
                continue  # "a battle on the border between Xinjiang and Kazakhstan": a place, not a party
            for a in self._actors_in(c, ctx, depth=depth + 1):
                if a not in out:
                    out.append(a)
        return out

    # -- realis ---------------------------------------------------------------------
    @staticmethod
    def _irrealis(tok) -> bool:
        h = tok
        for _ in range(6):
            for c in h.children:
                if c.dep_ == "neg" or c.lower_ in ("never", "not", "n't"):
                    return True
                if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                    return True
                if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                    return True
            if h.dep_ in ("xcomp", "acl") and h.head.lemma_.lower() in IRREALIS_GOVERNORS:
                return True
            if h.dep_ == "xcomp" and h.head.lemma_ == "go" and h.head.tag_ == "VBG":  # "going to"
                return True
            if h.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE_MARKS for c in h.children):
                break  # "even though X supports Y, it doesn't mean...": the main clause's negation is not X's
            if h.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp", "prep", "pobj", "dobj", "acomp") and h.head is not h:
                if h.dep_ in ("ccomp",) and h.head.lemma_.lower() in ("hope", "wish", "suggest", "recommend", "fear", "doubt", "wonder", "predict", "expect"):
                    return True
                h = h.head
                continue
            break
        return False

    # -- triggers ------------------------------------------------------------------
    @staticmethod
    def _has_words(tok, words) -> bool:
        if not words:
            return True
        ws = set(words)
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

    def _subjects(self, verb, ctx):
        h = verb
        for _ in range(4):
            subj = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and h.dep_ == "relcl" and subj[0].lower_ in RELATIVE_PRONOUNS and h.head is not h:
                return [h.head], subj[0].dep_ == "nsubjpass"  # "Putin and Xi, who have met 38 times"
            if subj:
                return subj, any(c.dep_ == "nsubjpass" for c in subj)
            infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in h.children)
            if h.dep_ == "pcomp" or (h.dep_ in ("advcl", "relcl", "acl") and infinitive):
                # "for having supported X", "went to great lengths to reaffirm": the clause's subject acts
                g = h.head
                for _ in range(4):
                    if g.pos_ in ("VERB", "AUX") or g.head is g:
                        break
                    g = g.head
                if g.pos_ in ("VERB", "AUX") and g is not h:
                    ctrl = [c for c in g.children if c.dep_ == "dobj" and c.i < h.i and self._actors_in(c, ctx)]
                    if ctrl and h.dep_ != "pcomp":  # "to have Putin there to support him": object control
                        return ctrl, False
                    h = g
                    continue
            if h.dep_ == "xcomp" and h.head is not h:
                ctrl = [c for c in h.head.children if c.dep_ in ("dobj",) and c.i < h.i]
                if ctrl:
                    return ctrl, False
            if h.dep_ in ("xcomp", "conj") and h.head is not h:
                h = h.head
                continue
            if h.dep_ in ("acl", "relcl") and h.head is not h:  # "the treaty signed by...", "X, which attacked Y"
                return [h.head], h.dep_ == "acl" and h.tag_ == "VBN"
            break
        return [], False

    def _verb_events(self, tok, trig: Trigger, ctx):
        if not self._has_words(tok, trig.needs_obj):
            return []
        if trig.prt and not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in trig.prt for c in tok.children):
            return []
        subj, passive = self._subjects(tok, ctx)
        sources: list[str] = []
        targets: list[str] = []
        secondary: list[str] = []
        for s in subj:
            _add(sources, self._actors_in(s, ctx))
        for c in tok.children:
            if c.dep_ == "agent":
                for p in c.children:
                    targets_from_agent = self._actors_in(p, ctx)
                    if passive:
                        sources, targets = targets_from_agent, sources
                    else:
                        sources += targets_from_agent
            elif c.dep_ in ("dobj", "dative", "attr", "oprd", "pobj", "acomp", "advmod", "npadvmod"):
                _add(targets, self._actors_in(c, ctx))
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                for p in c.children:
                    if p.dep_ in ("pobj", "pcomp"):
                        bucket = secondary if c.lower_ in SECONDARY_PREPS else targets
                        _add(bucket, self._actors_in(p, ctx))
            elif c.dep_ in ("prt",):
                for p in c.children:
                    _add(targets, self._actors_in(p, ctx))
        if not targets:
            for c in tok.children:  # "refused to support X", "pledged to help X"
                if c.dep_ == "xcomp":
                    for o in c.children:
                        if o.dep_ in ("dobj", "dative") or (o.dep_ == "prep" and o.lower_ in TARGET_PREPS - SECONDARY_PREPS):
                            _add(targets, self._actors_in(o, ctx))
        if not targets and not (trig.joint and len(sources) >= 2):
            targets = secondary
        if sources and not targets and not passive and any(
            c.dep_ == "dobj" and c.lemma_.lower() in PACT_NOUNS for c in tok.children
        ):
            # "X hailed the treaty": the other party of the relationship in context
            if any(s in ctx["pair"] for s in sources):
                targets = [p for p in ctx["pair"] if p not in sources]
        if passive and not any(c.dep_ == "agent" for c in tok.children):
            targets, sources = sources + targets, []
        return self._pairs(sources, targets, trig, ctx)

    def _noun_events(self, tok, trig: Trigger, ctx):
        if trig.needs_mod and not any(c.lower_ in trig.needs_mod for c in tok.children):
            return []
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return []
        verb = self._governing_verb(tok)
        if verb is not None and self._conditional(verb):
            return []  # "if Russia had won the war": not realis
        if verb is not None and any(c.lower_ in ("nearly", "almost") for c in verb.children):
            return []  # "nearly leading to a war"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in UNREALISED_HEADS:
            return []  # "the brink of war", "the threat of sanctions"
        light = verb is not None and verb.lemma_.lower() in LIGHT_VERBS and tok.dep_ in ("dobj", "pobj", "nsubjpass")
        if trig.needs_verb and not light:
            return []
        if light and self._irrealis(verb):
            return []
        sources: list[str] = []
        targets: list[str] = []
        between: list[str] = []
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                _add(sources, self._modifier_actors(c, ctx))
            elif c.dep_ == "prep":
                for p in c.children:
                    if p.dep_ != "pobj":
                        continue
                    acts = self._head_actors(p, ctx)
                    if c.lower_ == "by":
                        _add(sources, acts)
                    elif c.lower_ in ("between", "among"):
                        _add(between, acts)
                    elif c.lower_ in TARGET_PREPS:
                        _add(targets, acts)
            elif c.dep_ == "acl" and c.tag_ == "VBN":  # "sanctions imposed by the West on Russia"
                for a in c.children:
                    if a.dep_ == "agent":
                        for p in a.children:
                            _add(sources, self._actors_in(p, ctx))
                    elif a.dep_ == "prep" and a.lower_ in TARGET_PREPS - SECONDARY_PREPS | {"on"}:
                        for p in a.children:
                            _add(targets, self._head_actors(p, ctx))
        if len(between) >= 2:
            return self._pairs(between, [], Trigger(code=trig.code, joint=True), ctx)
        if trig.agent:
            if tok.dep_ != "attr" or verb is None or verb.lemma_ != "be" or self._irrealis(verb):
                return []
            subj, _ = self._subjects(verb, ctx)
            agents = [a for s in subj for a in self._actors_in(s, ctx)]
            return self._pairs(agents, sources, Trigger(code=trig.code), ctx)
        if (trig.from_subject and len(set(sources) | set(targets)) < 2) or (light and not sources):
            # "held joint exercises", "expressed support for X", "imposed sanctions on Y":
            # the actors are the clause subject, targets may hang on the verb
            if verb is not None:
                subj, passive = self._subjects(verb, ctx)
                if not passive:
                    for s in subj:
                        _add(sources, self._actors_in(s, ctx))
                if light and not targets:
                    for c in verb.children:
                        if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS - SECONDARY_PREPS | {"on"}:
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
        if sources and not targets and not trig.joint:
            for src in list(sources):
                tgt = self.rules["implied_target"].get((src, trig.code[:2]))
                if tgt and ctx["year"] is not None and ctx["year"] >= tgt[1]:
                    targets.append(tgt[0])
        joint = trig.joint and len(sources) >= 2
        return self._pairs(sources, targets, Trigger(code=trig.code, joint=joint, reverse=trig.reverse), ctx)

    def _head_actors(self, tok, ctx) -> list[str]:
        """Actors of a phrase's head ("criticism of US intervention in Afghanistan" → US);
        deeper ones only when the head names none ("ministers of India and China")."""
        out = self._token_actor(tok, ctx)
        for c in tok.children:
            if c.dep_ in PRUNE_DEPS or c.dep_ == "prep":
                continue
            for a in self._modifier_actors(c, ctx):
                if a not in out:
                    out.append(a)
        return out or self._actors_in(tok, ctx)

    def _modifier_actors(self, tok, ctx) -> list[str]:
        m = ctx["mentions"].get(tok.i)
        if tok.dep_ == "amod" and m is not None and m.kind == "adjective":
            return [m.code]  # "Western sanctions", "Russian invasion": the adjective is the agent
        return self._actors_in(tok, ctx, depth=1)

    def _actorless(self, tok, ctx) -> bool:
        """No actor anywhere in the trigger's clause: nothing else could be its agent or partner
        (and the clause is realis)."""
        if tok.pos_ != "VERB":
            verb = self._governing_verb(tok)
            if verb is not None and (self._conditional(verb) or self._irrealis(verb)):
                return False
        clause = tok
        while clause.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and clause.head is not clause:
            clause = clause.head
        return not any(t.i in ctx["mentions"] or t.lower_ in PAIR_PRONOUNS | SINGLE_PRONOUNS | SPEAKER_PRONOUNS | PERSON_PRONOUNS
                       for t in clause.subtree)

    @staticmethod
    def _infinitive_head(tok):
        """The noun an infinitive clause modifies ("ways to strengthen ties" → "way"), else None."""
        if tok.pos_ != "VERB" or tok.dep_ not in ("relcl", "acl") or tok.head.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return None
        return tok.head.lemma_.lower()

    @staticmethod
    def _governing_verb(tok):
        h = tok
        for _ in range(5):
            if h.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "conj", "attr", "compound") and h.head is not h:
                h = h.head
                if h.pos_ in ("VERB", "AUX"):
                    return h
                continue
            break
        return None

    @staticmethod
    def _conditional(verb) -> bool:
        h = verb
        for _ in range(4):
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in h.children):
                return True
            if h.dep_ in ("conj", "xcomp") and h.head is not h:
                h = h.head
                continue
            break
        return False

    @staticmethod
    def _pairs(sources, targets, trig, ctx):
        pairs = []
        if "<OTHER>" in targets:
            targets = [a for a in targets if a != "<OTHER>"]
            if len(sources) >= 2:
                targets = []  # "X and Y ... each other" → joint between sources
                trig = Trigger(code=trig.code, joint=True)
        sources = [s for s in sources if s != "<OTHER>"]
        if sources and targets:
            for s in sources:
                for t in targets:
                    if s != t:
                        pairs.append((s, t, trig.code))
                        if trig.joint and (len(sources) >= 2 or trig.code.startswith(MUTUAL_PREFIXES)):
                            pairs.append((t, s, trig.code))
                        elif trig.reverse:
                            pairs.append((t, s, trig.reverse))
        cooperative = trig.code[:2] in ("03", "04", "05", "06")
        if (trig.joint or (cooperative and not targets and trig.code[:2] != "06")) and len(sources) >= 2 \
                and not [t for t in targets if t not in sources]:
            for s in sources:
                for t in sources:
                    if s != t:
                        pairs.append((s, t, trig.code))
        return pairs

    # -- document --------------------------------------------------------------------
    def code(self, document, sdoc, sent_dates, *, year: int | None = None, date_near=None) -> list[Event]:
        """Events for one parsed document. ``sent_dates`` aligns with ``sdoc.sents``."""
        verbs, nouns = self.rules["verbs"], self.rules["nouns"]
        mentions = self._mention_index(sdoc, year)
        ctx = {"mentions": mentions, "pair": self._default_pair(mentions), "last": None, "year": year,
               "hyphen_pair": {}}
        events: list[Event] = []
        for si, sent in enumerate(sdoc.sents):
            if sent.text.rstrip().endswith("?"):
                self._update_context(sent, ctx)
                continue
            date, precision = sent_dates[si] if si < len(sent_dates) else (None, None)
            ctx["hyphen_pair"] = self._hyphen_pairs(sent, mentions)
            quoted = self._quoted_chars(sent)
            seen = set()
            for tok in sent:
                low = tok.lemma_.lower()
                trig = None
                if tok.pos_ in ("VERB",) and low in verbs:
                    trig = verbs[low]
                elif tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in nouns or low in nouns):
                    trig = nouns.get(tok.lower_) or nouns[low]
                if trig is None and tok.pos_ == "VERB" and (low in REL_DOWN or low in REL_UP):
                    trig = self._relation_change(tok, low)
                    if trig is not None and not self._irrealis(tok):
                        pairs = self._relation_pairs(tok, trig, ctx)
                        self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near, 0.4, "rel")
                    continue
                if trig is None or (tok.pos_ == "VERB" and self._irrealis(tok)):
                    continue
                if tok.pos_ == "VERB" and any(a <= tok.idx < b for a, b in quoted):
                    continue  # words inside a quotation are the speaker's, not the narrator's report
                for word, alt in trig.by_obj:  # the object refines the trigger's own code first
                    if self._has_words(tok, (word,)):
                        trig = replace(trig, code=alt, joint=trig.joint or alt.startswith(MUTUAL_PREFIXES))
                        break
                head_noun = self._infinitive_head(tok)
                if head_noun is not None and head_noun not in REALIS_INFINITIVE_HEADS \
                        and (head_noun not in INTENT_NOUNS or not "03" <= trig.code[:2] <= "08"):
                    continue  # "the right to defend", "an effort to mediate": not an act
                if head_noun in INTENT_NOUNS or (tok.pos_ == "VERB" and tok.dep_ in ("xcomp", "advcl")
                                                 and tok.head.lemma_.lower() in INTENT_VERBS):
                    # "agreed to cooperate", "ways to strengthen ties": an intent (03), not the act
                    trig = replace(trig, code="030", reverse=None)
                if tok.pos_ == "VERB":
                    pairs = self._verb_events(tok, trig, ctx)
                else:
                    pairs = self._noun_events(tok, trig, ctx)
                passive = tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" and (
                    c.lemma_.lower() in PACT_NOUNS or c.lower_ in trig.needs_obj) for c in tok.children)
                if not pairs and trig.joint and trig.code.startswith(("04", "057", "06")) and len(ctx["pair"]) == 2 \
                        and (tok.pos_ != "VERB" or passive) and self._actorless(tok, ctx):
                    # "the partnership was signed", "the treaty's renewal": the document's pair acted
                    pairs = self._pairs(list(ctx["pair"]), [], Trigger(code=trig.code, joint=True), ctx)
                verb = tok.pos_ == "VERB"
                self._emit(events, seen, pairs, sent, tok, low, date, precision, date_near,
                           0.6 if verb else 0.45, "verb" if verb else "noun")
            self._update_context(sent, ctx)
        return events

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

    def _emit(self, events, seen, pairs, sent, tok, low, date, precision, date_near, conf, kind):
        dated = None
        for s, t, code in pairs:
            key = (s, t, code[:2])
            if key in seen or s.startswith("<") or t.startswith("<"):
                continue
            seen.add(key)
            if dated is None:  # one date lookup per trigger
                dated = (date_near(sent, tok.i) if date_near is not None else None) or (date, precision)
            d, p = dated
            events.append(Event(
                sent_start=sent.start_char, sent_end=sent.end_char, source=s, target=t,
                cameo=code, date=d or "", date_precision=p or "publication",
                trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text),
                rule=f"{kind}:{low}", coder=self.name, confidence=conf,
            ))

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
        """Tokens of "Sino-Russian" / "China-Russia" compounds: both sides are actors."""
        out = {}
        toks = list(sent)
        for k in range(1, len(toks) - 1):
            if toks[k].text in ("-", "–") and toks[k - 1].i in mentions and toks[k + 1].i in mentions:
                out[toks[k - 1].i] = True
                out[toks[k + 1].i] = True
        return out

    @staticmethod
    def _default_pair(mentions):
        counts: dict[str, int] = {}
        seen = set()
        for m in mentions.values():
            if id(m) in seen or m.kind in ("group", "igo"):
                continue
            seen.add(id(m))
            counts[m.code] = counts.get(m.code, 0) + 1
        top = sorted(counts, key=lambda c: -counts[c])[:2]
        return tuple(top)

    def _is_state(self, code: str) -> bool:
        actor = self.actors.actors.get(code)
        return actor is not None and actor.kind == "state"

    def _update_context(self, sent, ctx):
        states = []
        for tok in sent:
            m = ctx["mentions"].get(tok.i)
            if m is not None and m.code not in states and m.kind != "group":
                states.append(m.code)
        # a coordinated pair ("China and Russia", "Beijing and Moscow") becomes the pair
        for tok in sent:
            m = ctx["mentions"].get(tok.i)
            if m is None:
                continue
            for c in tok.children:
                if c.dep_ == "conj":
                    m2 = ctx["mentions"].get(c.i)
                    if m2 is not None and m2.code != m.code and self._is_state(m.code) and self._is_state(m2.code):
                        ctx["pair"] = (m.code, m2.code)
        people = [ctx["mentions"][t.i] for t in sent if t.i in ctx["mentions"]
                  and ctx["mentions"][t.i].kind in ("person", "role")]
        if people:
            ctx["last_person"] = people[0].code
        subj = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i in ctx["mentions"]]
        if subj:
            ctx["last"] = ctx["mentions"][subj[0].i].code
        elif states:
            ctx["last"] = states[0]
