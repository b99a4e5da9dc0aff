"""Trigger lexicon: the words that can signal an event, their CAMEO codes, and the word lists
the rules consult. The project's own entries (data/rules/events.yaml) override the PETRARCH2-derived
verb lexicon (data/rules/petrarch_verbs.json, built by scripts/convert_petrarch.py)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from entente.errors import DataError

CODER = "rules.v1"

MODALS = {"would", "could", "might", "may", "should", "must", "shall", "will", "can", "'ll", "wo", "ca", "ought"}
IRREALIS_GOVERNORS = {
    "want", "hope", "wish", "plan", "intend", "seek", "try", "aim", "attempt", "expect", "need", "like",
    "prefer", "propose", "recommend", "suggest", "fear", "consider", "fail", "avoid", "decline", "threaten",
    "refuse", "reluctant", "unwilling", "willing", "able", "likely", "unlikely", "ready", "prepare",
    "plans", "intention", "desire", "effort", "goal", "willingness", "ability", "readiness", "ambition",
    "pressure", "urge", "call", "ask", "push", "encourage", "allow", "let", "would", "inability", "unable",
    "failure", "require", "demand", "press", "invite", "welcome",  # "welcomed X to visit": an invitation
}
# reported speech whose clause can carry a demand or appeal ("Russia says Israel must end attacks")
SPEECH_VERBS = {"say", "insist", "state", "declare", "tell", "warn", "stress", "reiterate", "argue", "add", "announce",
                "emphasise", "emphasize", "comment", "note", "assert", "affirm", "remark", "claim", "underline"}
WISH_WORDS = {"hope", "wish", "desire", "yearn", "long"}  # "expressed hope for better relations": an intent
HOPE_FORMS = {"hope", "hopes", "hoped", "hoping"}  # by form: the small English model lemmatises "hoped" as "hop"
# verbs whose object, not subject, does the act of a purpose clause ("have Putin there to support him")
OBJECT_CONTROL = {"have", "get", "send", "bring", "deploy", "dispatch", "use", "leave", "keep", "need", "commit",
                  "force", "compel", "persuade", "invite", "urge", "ask", "encourage", "allow", "oblige", "push",
                  "press", "help", "enable", "lead", "prompt", "pressure", "require", "convince", "induce", "want",
                  "expect", "tell", "order", "authorize", "authorise", "permit", "cause", "drive", "feel"}
# a summons to complain or protest is that complaint, not a consultation
YIELDS_TO_PURPOSE = {"summon"}
# verbs whose subject does the act of a purpose clause after an object ("summoned the envoy to complain")
SUBJECT_CONTROL = {"summon", "call", "phone", "telephone", "visit", "meet", "host", "contact", "receive", "write"}
# a pledged act is not carried out: "pledged aid to X" is the pledge (03) alone
PLEDGE_VERBS = {"pledge", "promise", "vow", "offer"}  # "offered aid to X": the offer (03), no aid yet
INTENT_VERBS = {"pledge", "promise", "vow", "commit", "agree", "undertake", "resolve", "offer"}
# "is willing to provide", "ready to contribute": an expressed intent (03), or a threat (13) for a hostile act
INTENT_ADJS = {"willing", "ready", "prepared"}
# what is done "on" someone: "impose sanctions on X", "declare war on X", "launch strikes on X"
INFLICTING_VERBS = {"impose", "place", "slap", "levy", "put", "declare", "launch", "wage", "inflict", "conduct"}
# media attack in words: "Chinese media are attacking NATO" is disapproval (11)
MEDIA_WORDS = {"media", "newspaper", "newspapers", "press", "daily", "tabloid", "broadcaster", "television", "tv",
               "editorial", "commentary", "outlet", "outlets", "commentators", "bloggers", "netizens"}
GUEST_VERBS = {"visit", "come", "attend", "join", "participate", "travel"}  # "welcomed X to visit": an invitation
# a protest lodged or filed is a diplomat's formal complaint (CODEBOOK 11), not a demonstration (14)
COMPLAINING_VERBS = {"lodge", "file", "register", "deliver", "issue", "submit", "voice", "express", "make"}
# Undoing an act: "lifted sanctions", "suspended aid", "cancelled the visit" (the noun's act is reversed)
REVERSAL_VERBS = {"lift", "ease", "remove", "relax", "waive", "scrap", "rescind", "revoke", "repeal", "loosen",
                  "end", "drop", "suspend", "halt", "cancel", "stop", "cease", "terminate", "freeze",
                  "cut", "reduce", "curtail", "slash", "withhold", "postpone", "delay", "abandon"}
# a fall in trade or aid reduces relations (16): "China's exports to Russia plummeted"
DECLINE_VERBS = {"plummet", "fall", "drop", "decline", "plunge", "shrink", "slump", "collapse", "decrease", "tumble",
                 "sink", "dwindle", "contract", "slide"}
REVERSAL_NOUNS = {"suspension", "lifting", "easing", "removal", "cancellation", "termination", "halt",
                  "freeze", "freezing", "reduction", "cut", "cuts", "relaxation", "repeal", "postponement"}
# "identified ways to strengthen ties": intent to cooperate; "went to great lengths to praise": the act
INTENT_NOUNS = {"way", "step", "measure", "commitment", "pledge", "promise", "agreement", "deal"}
REALIS_INFINITIVE_HEADS = {"length", "first", "last", "only", "decision", "visit", "trip"}
CONCESSIVE_MARKS = {"though", "although", "while", "because", "since", "as", "after", "before", "when"}
UNREALISED_HEADS = {"brink", "verge", "risk", "threat", "fear", "prospect", "possibility", "danger", "spectre",
                    "specter", "likelihood", "chance", "edge"}
# an act only put forward: "a resolution which proposed tougher sanctions", "threatened sanctions",
# "considered sanctions" report no sanctions ("discussed the war" still reports the war)
PROPOSING_VERBS = {"propose", "threaten", "consider", "draft", "mull", "weigh", "seek",
                   "demand", "urge", "recommend", "suggest", "contemplate", "envisage", "float"}
# joining or backing a measure makes its backer one more author of it: "joined the US-led sanctions
# against Russia", "supported the UN sanctions over Pyongyang's program" (the verb codes nothing else)
ADHERING_VERBS = {"join", "support", "back", "endorse", "implement", "enforce", "adopt", "observe", "follow",
                  "uphold", "comply"}
# an act a verb blocks did not happen: "vetoed new sanctions", "avoided a war" (one opposed may exist)
BLOCKING_VERBS = {"veto", "block", "prevent", "avoid", "thwart", "refuse", "avert", "forestall", "preclude"}
TEMPORAL_PREPS = {"after", "before", "since", "during", "until", "following", "amid", "ahead"}
VENUE_PREPS = {"in", "at", "near", "inside"}  # "met Yang in Rome"
LOCATIVE_PREPS = {"on", "at", "near", "along", "across", "between", "in", "inside", "within", "of"}
CITY_NOUNS = {"capital", "city", "port", "town"}
PLACE_NOUNS = {"border", "frontier", "river", "region", "area", "island", "islands", "sea", "coast", "province",
               "city", "town", "territory", "zone", "district", "waters", "strait", "boundary"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "once"}
PRUNE_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "punct", "appos", "mark", "csubj"}
PAIR_NOUNS = {
    "country", "state", "nation", "side", "giant", "power", "neighbour", "neighbor", "partner",
    "capital", "leader", "government", "regime", "superpower", "ally", "army", "military",
    "official", "minister", "president", "delegation", "diplomat", "envoy", "navy", "head",
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
# a forecast change in an act is no report of it: "trade will fall", "will deepen their talks"
CHANGE_VERBS = DECLINE_VERBS | REL_UP | {"limit", "reduce", "cut", "expand", "increase", "boost", "raise", "double",
                                         "triple", "resume", "restore", "evaporate"}
# a change in a flow ("a rise in exports to China") whose prepositions name the flow's partners
CHANGE_NOUNS = {"rise", "increase", "growth", "decline", "drop", "fall", "surge", "jump", "slump", "decrease",
                "boost", "expansion", "reduction", "spike", "upswing", "downturn"}
ACTOR_HEADS = {
    "government", "side", "leader", "leadership", "official", "army", "military", "troops", "force",
    "forces", "navy", "authorities", "president", "minister", "ministry", "diplomat", "state", "company",
    "firm", "bank", "delegation", "regime", "administration", "embassy", "soldier", "soldiers",
    "court", "courts", "prosecutors", "police", "parliament", "republic",
    "communists", "nationalists", "people", "militaries", "leaderships", "governments", "officials",
    # military craft act for their state, and a state's airspace or waters stand for it as a target
    "aircraft", "plane", "planes", "warplane", "warplanes", "bomber", "bombers", "jet", "jets", "fighter",
    "fighters", "warship", "warships", "vessel", "vessels", "ship", "ships", "submarine", "drone", "drones",
    "helicopter", "helicopters", "gunship", "gunships", "tank", "tanks", "artillery",
    "missile", "missiles", "rocket", "rockets", "shell", "shells",  # "Chilean missiles struck X"
    "airspace", "waters", "territory", "zone",
    # what a state's forces strike or its authorities hold stands for that state as a target
    "site", "sites", "target", "targets", "position", "positions", "base", "bases", "city", "cities",
    "town", "towns", "village", "villages", "facility", "facilities", "installation", "installations",
    "port", "ports", "outpost", "outposts", "depot", "depots", "convoy", "convoys", "airbase", "airbases",
    "airfield", "airfields", "barracks", "citizen", "citizens", "national", "nationals", "journalist",
    "journalists", "businessman", "businessmen", "hostage", "hostages", "prisoner", "prisoners", "civilians",
    "detainees", "villagers", "residents", "refugees", "advisers", "advisors", "servicemen", "immigrants", "migrants",
    "students", "tourists", "agents", "goods", "products",
    "fishermen", "sailors", "pilots", "crew", "tanker", "ambassador", "envoy", "peacekeepers", "counterpart", "capital",
    "counterparts", "spokesman", "spokeswoman", "spokesperson",
    # a state's agencies act for it ("the Canadian International Development Agency gave…"), not its news agencies
    "agency", "agencies", "department", "departments",
    "hackers", "websites",  # "Saudi hackers launched cyber attacks on Iranian government websites"
    # diplomats' names for the other side: "our Chinese friends", "my Indian colleagues"
    "colleague", "colleagues", "friend", "friends", "partners",
}
# what an official calls the other side of talks: "we have offered our colleagues new projects"
COUNTERPART_NOUNS = {"colleague", "counterpart", "partner", "friend"}
# analysts are never actors (CODEBOOK Conventions): "US and Western analysts comment that..."
NON_ACTOR_HEADS = {"analyst", "analysts", "expert", "experts", "observer", "observers", "scholar", "scholars",
                   "commentator", "commentators", "researcher", "researchers", "pundit", "pundits", "academic",
                   "academics", "historian", "historians"}
ACTOR_KINDS = {"state", "capital", "person", "role", "org", "igo", "group"}
PACT_NOUNS = {"treaty", "agreement", "pact", "accord", "partnership", "relationship", "relation", "tie",
              "alliance", "friendship", "cooperation", "deal"}
# Nouns of receiving: "China's imports from Russia" (the receiver acts, on the giver named by "from")
# a purchase's object names its seller: "bought Russian missiles" is buyer→seller 06 (CODEBOOK)
# what is given goes to someone: with no recipient named, the giver's partner in context
GIVING_VERBS = {"provide", "supply", "deliver", "give", "sell", "transfer", "export", "lend", "grant", "ship", "send"}
# a show of force near a state is aimed at it: "massed troops along the Ukrainian border"
# acts only when an actor itself is the subject: "the crisis threatens to derail talks" threatens no one,
# "pressure on China only encourages the parties to get closer" is no appeal
AGENT_ONLY_VERBS = {"threaten", "risk", "encourage"}
BORDER_NOUNS = {"border", "frontier", "boundary"}  # a show of force at "the border" faces the neighbour in context
POSTURE_PREPS = {"near", "along", "on", "to", "toward", "towards", "off", "around", "close"}
# disapproval as a state of mind: "we are deeply concerned about X" is 11, as "expressed concern" is
CONCERN_ADJS = {"concerned", "worried", "alarmed", "troubled", "disturbed", "dismayed", "disappointed", "angered",
                "outraged", "upset", "unhappy", "displeased", "dissatisfied", "critical"}
# not liking is disapproving: "Beijing does not like NATO enlargement" is 11, "cannot accept X's plan" a
# rejection (12); other denials are no events
LIKING_VERBS = {"like": "111", "welcome": "111", "approve": "111", "appreciate": "111", "accept": "120",
                "tolerate": "120"}
CONCERN_PREPS = {"about", "over", "by", "with", "at", "of"}  # "of": "critical of NATO's expansion"
# a reported judgement that finds fault with its subject ("said X's assertive behaviour presents systemic
# challenges", "stated that Y's actions are illegal"): criticism (111), CAMEO's "criticize or denounce"
CRITICAL_WORDS = {"aggressive", "assertive", "provocative", "escalatory", "destabilizing", "destabilising",
                  "coercive", "reckless", "irresponsible", "illegal", "illegitimate", "unacceptable", "hostile",
                  "dangerous", "threat", "threaten", "undermine", "violate", "violation", "aggression",
                  "hypocritical", "hypocrisy", "bullying", "hegemonic", "interference", "meddling", "challenge",
                  "blame", "culpable", "complicit", "lie", "mistake", "unlawful", "belligerent"}
# joining an organisation, and an organisation taking a member in: diplomatic cooperation (050)
MEMBERSHIP_VERBS = {"join", "accede", "rejoin"}
ADMITTING_VERBS = {"admit", "add", "accept", "induct", "welcome"}
FOUNDING_VERBS = {"found", "establish", "create", "form", "launch", "co-found", "cofound"}  # an IGO's founders
# a body's document condemns in the body's name ("a resolution condemning X's invasion")
DOCUMENT_NOUNS = {"resolution", "statement", "declaration", "communique", "communiqué", "motion", "letter"}
INVOLVING_VERBS = {"involve", "feature", "include", "bring", "gather", "comprise", "draw", "unite"}  # its members
DRILL_NOUNS = {"exercise", "drill", "maneuver", "manoeuvre", "maneuvers", "manoeuvres", "patrol", "war-game", "wargame"}
# a relation's growth as a trend, coded only as an intent ("pledged to strengthen ties"): none of eight
# reports of it in the gold texts is an event
TREND_VERBS = {"strengthen"}
# subjects whose arrival is a deployment, not a visit
ARRIVING_FORCES = {"troops", "troop", "force", "forces", "soldier", "soldiers", "peacekeeper", "peacekeepers", "contingent",
                   "deployment", "battalion", "battalions", "unit", "units", "marines", "paratroopers", "batch", "patch"}
PURCHASE_VERBS = {"buy", "purchase", "order", "import", "acquire", "procure"}
# "evaded Western sanctions", "under Western sanctions": whoever is exposed is the sanctions' target
EXPOSURE_VERBS = {"evade", "bypass", "circumvent", "skirt", "dodge", "escape", "withstand", "weather", "face",
                  "survive", "defy", "mitigate", "offset", "cushion", "blunt", "counter", "adapt", "overcome"}
EXPOSURE_NOUNS = {"sensitivity", "exposure", "vulnerability", "resilience", "immunity", "evasion", "impact",
                  "effect", "effects", "impacts"}
# "Russia's share of China's imports", "Russia accounted for 6 percent of China's imports": the holder
# of the share is the one trading with the imports' or exports' owner
SHARE_HEADS = {"share", "percent", "percentage", "portion", "bulk", "majority", "half", "third", "quarter",
               "proportion", "fraction", "%", "part", "billion", "million", "trillion"}
# nouns that name no act when they only modify another noun: "trade data", "economic and trade ties"
NOT_AS_MODIFIER = {"trade"}
FLOW_NOUNS = {"import", "imports", "export", "exports", "trade", "purchase", "purchases", "sale", "sales",
              "supplies", "deliveries", "shipments"}
SELLING_FLOWS = {"export", "exports", "sale", "sales", "supplies", "deliveries", "shipments"}  # owner is the seller
RECEIVING_NOUNS = {"import", "imports", "purchase", "purchases", "acquisition", "acquisitions", "loan"}
SECONDARY_PREPS = {"on", "over", "in", "at", "for", "of", "among", "by", "into"}
# Joint actions that are mutual by nature: "X signed a treaty with Y" is also Y's act.
# roots an object word makes two-way ("held talks"); fighting is two-way only as a trigger of its own
MUTUAL_OBJECT_PREFIXES = ("04", "057", "06")
MUTUAL_PREFIXES = MUTUAL_OBJECT_PREFIXES + ("19", "18")
# Verbs whose nominal object carries the event: "expressed support for X", "imposed sanctions on Y"
LIGHT_VERBS = {"express", "voice", "offer", "give", "provide", "lend", "extend", "show", "pledge", "impose",
               "engage", "place",  # "engaged in talks", "placed orders for jets"
               "complete", "accelerate", "speed",  # "speeded up the withdrawal of its forces from X"
               "launch", "conduct", "hold", "stage", "wage", "begin", "start", "make", "pay", "announce",
               "reaffirm", "reiterate", "declare", "go", "enter", "slap", "level", "issue", "deliver",
               # carrying or advancing an act: "lodged a protest", "carried out exercises", "pursued rapprochement"
               "lodge", "file", "register", "raise", "carry", "undertake", "pursue", "intensify", "expand", "boost",
               "resume", "continue", "maintain", "forge", "build", "develop", "establish",
               # restating an attitude: "underscored concerns about", "stressed support for"
               "underscore", "stress", "emphasise", "emphasize", "highlight", "convey", "relay", "fire"}
TOPIC_PREPS = {"on", "over", "about", "regarding", "concerning"}  # "exchanged views on Ukraine": what talks are about
TARGET_PREPS = {"with", "to", "against", "on", "at", "from", "toward", "towards", "into", "for", "over",
                "between", "upon", "of", "in", "by", "among"}


def reversed_code(code: str) -> str | None:
    """The CAMEO code for undoing an act of ``code``: easing a sanction, blockade or war is yielding
    (085, 0872, 087, 081), halting aid, talks or cooperation is reducing relations (161, 164, 160)."""
    root = int(code[:2])
    if code.startswith("163"):
        return "085"
    if code.startswith("191"):
        return "0872"
    if root >= 18:
        return "087"
    if root >= 10:
        return "081"
    if root == 7:
        return "161"
    if code.startswith("046"):
        return "164"
    if 3 <= root <= 6:
        return "160"
    return None


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
    needs_verb: bool | tuple[str, ...] = False  # only under a light verb (one of these, when listed)
    reverse: str | None = None  # code for the target's side (visit → host)
    from_subject: bool = False  # nominal joint actions take the clause subject as actors
    agent: bool = False  # agent nouns: "X is Y's supplier" (X acts on Y)
    topic: bool = False  # the verb's object is a topic, not a partner ("discussed Iran")
    bare: str | None = None  # the code without the required particle ("called Xi": a call, 040)
    by_obj: tuple[tuple[str, str], ...] = ()  # object word → code ("withdraw from talks" is 16, not 08)
    origin: str = "entente"  # "petrarch" for entries from PETRARCH2's verb dictionary


def _petrarch_trigger(entry: dict) -> Trigger | None:
    """A PETRARCH2 verb: its default code, refined (or, with no default, required) by object words."""
    objects = tuple((w, c) for w, c in entry.get("objects", {}).items() if 1 <= int(c[:2]) <= 20)
    code = entry.get("code")
    if code and not 1 <= int(code[:2]) <= 20:
        code = None
    if code is None and not objects:
        return None
    return Trigger(code=code or objects[0][1], needs_obj=() if code else tuple(w for w, _ in objects),
                   by_obj=objects, origin="petrarch",
                   joint=(code or "").startswith(("04", "057", "06")))


def load_petrarch_verbs() -> dict[str, Trigger]:
    """The verb lexicon converted from PETRARCH2 (scripts/convert_petrarch.py); {} if not shipped."""
    f = resources.files("entente").joinpath("data/rules/petrarch_verbs.json")
    if not f.is_file():
        return {}
    data = json.loads(f.read_text("utf-8"))
    out = {}
    for verb, entry in data.get("verbs", {}).items():
        if verb in IRREALIS_GOVERNORS or verb in MODALS or verb in ("say", "tell", "add", "note", "believe", "think"):
            continue  # "wants to sign", "said that": governors of a report, not the act (realis.py reads them)
        trig = _petrarch_trigger(entry)
        if trig is not None:
            out[verb] = trig
    return out


def _word(w) -> str:
    # YAML 1.1 reads bare on/off/yes/no as booleans: "cut off", "call on" must stay words
    if w is True:
        return "on"
    if w is False:
        return "off"
    return str(w)


def _needs_verb(value) -> bool | tuple[str, ...]:
    return tuple(str(v).lower() for v in value) if isinstance(value, (list, tuple)) else bool(value)


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
        needs_mod=words["needs_mod"], needs_verb=_needs_verb(value.get("needs_verb", False)),
        reverse=str(value["reverse"]) if value.get("reverse") else None,
        from_subject=bool(value.get("from_subject", False)), agent=bool(value.get("agent", False)),
        topic=bool(value.get("topic", False)),
        bare=str(value["bare"]) if value.get("bare") else None,
        by_obj=tuple((_word(k), str(v)) for k, v in (value.get("by_obj") or {}).items()),
    )


def load_rules(path: str | Path | None = None, *, petrarch: bool = True) -> dict:
    """Read the trigger lexicon (YAML) over PETRARCH2's verbs. Raises DataError naming the file and entry.

    The project's own entries win over PETRARCH2's for the same verb."""
    if path is None:
        text = resources.files("entente").joinpath("data/rules/events.yaml").read_text("utf-8")
        path = "events.yaml"
    else:
        text = Path(path).read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    verbs = dict(load_petrarch_verbs()) if petrarch else {}
    verbs.update({str(k): _trigger(str(k), v, str(path)) for k, v in (data.get("verbs") or {}).items()})
    nouns = {str(k): _trigger(str(k), v, str(path)) for k, v in (data.get("nouns") or {}).items()}
    implied, implied_target = {}, {}
    for item in data.get("implied_source") or []:
        for root in item.get("roots", ["19"]):
            implied[(item["target"], str(root))] = (item["source"], int(item.get("from_year", 0)))
            if item.get("implies_target"):
                implied_target[(item["source"], str(root))] = (item["target"], int(item.get("from_year", 0)))
    return {"version": data.get("version", CODER), "verbs": verbs, "nouns": nouns, "implied": implied,
            "implied_target": implied_target}


_OBJECTS: dict[int, dict[str, str]] = {}


def object_codes(trig) -> dict[str, str]:
    """A trigger's object words as a dict (first code per word), built once per trigger."""
    d = _OBJECTS.get(id(trig))
    if d is None:
        d = {}
        for w, c in trig.by_obj:
            d.setdefault(w, c)
        _OBJECTS[id(trig)] = d
    return d
