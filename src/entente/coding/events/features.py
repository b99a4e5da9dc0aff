"""Features of a candidate (sentence, source, target) for the learned scorer.

Plain, sparse and readable: the words of the sentence, the syntax linking each actor to its verb,
the dependency path between the two actors, the rules coder's verdicts on this pair and on the
sentence, PETRARCH2's codes for the sentence's verbs, and realis cues. The model learns which of
these carry a root and which make a pair the one acting.
"""
from __future__ import annotations

from entente.coding.events.candidates import Candidate, anchor_token, sentence_candidates
from entente.coding.events.lexicon import object_codes

CONTENT_POS = {"NOUN", "VERB", "ADJ", "PROPN", "ADV", "NUM"}
NEG = {"not", "n't", "never", "no", "neither", "nor", "without"}
MODAL = {"would", "could", "might", "may", "should", "must", "will", "can", "shall", "'ll", "wo", "ca"}
COND = {"if", "unless", "whether"}
FUTURE = {"plan", "intend", "aim", "seek", "expect", "hope", "want", "propose", "prepare", "consider"}
STOP = {"be", "have", "do", "the", "a", "an", "of", "and", "to", "in", "that", "this", "with", "for", "on", "as",
        "by", "it", "its", "their", "they", "which", "who", "also", "more", "such", "other", "than", "at"}


def _gov_verb(tok):
    """The nearest verb above a token, with the dependency the token hangs by and its preposition."""
    dep, prep = tok.dep_, None
    h = tok
    for _ in range(6):
        if h.head is h:
            return (h if h.pos_ in ("VERB", "AUX") else None), dep, prep
        if h.dep_ == "pobj" and h.head.pos_ == "ADP":
            prep = h.head.lower_
        h = h.head
        if h.pos_ in ("VERB", "AUX"):
            return h, dep, prep
        if h.pos_ == "NOUN" and dep in ("poss", "amod", "compound", "pobj"):
            return h, dep, prep  # an event noun governs its possessor or modifier: "Russia's invasion"
    return None, dep, prep


def _path(a, b) -> tuple[list, object]:
    """Tokens strictly between a and b on the dependency path, and their lowest common ancestor
    (None when the two are in different trees or too far apart)."""
    up_a = [a]
    while up_a[-1].head.i != up_a[-1].i and len(up_a) < 12:
        up_a.append(up_a[-1].head)
    index = {t.i: k for k, t in enumerate(up_a)}
    up_b = [b]
    while up_b[-1].i not in index and up_b[-1].head.i != up_b[-1].i and len(up_b) < 12:
        up_b.append(up_b[-1].head)
    if up_b[-1].i not in index:
        return [], None
    k = index[up_b[-1].i]
    return up_a[1:k + 1] + up_b[1:-1], up_b[-1]


def _slot_feats(prefix: str, slot, sdoc, f: dict, verb_codes: dict):
    f[f"{prefix}how={slot.how}"] = 1.0
    if slot.tok is None:
        return None
    tok = sdoc[slot.tok]
    verb, dep, prep = _gov_verb(tok)
    f[f"{prefix}dep={dep}"] = 1.0
    if prep:
        f[f"{prefix}prep={prep}"] = 1.0
    if verb is not None:
        lem = verb.lemma_.lower()
        f[f"{prefix}gov={lem}"] = 1.0
        f[f"{prefix}gov_dep={lem}|{dep}|{prep or ''}"] = 1.0
        code = verb_codes.get(verb.i)
        if code:
            f[f"{prefix}gov_P={code[:2]}"] = 1.0
        for c in verb.children:  # "signed a treaty", "held exercises": the object names the act
            if c.dep_ in ("dobj", "attr", "xcomp") and c.i != tok.i:
                f[f"{prefix}gov_obj={c.lemma_.lower()}"] = 1.0
                f[f"{prefix}dep_gov_obj={dep}|{c.lemma_.lower()}"] = 1.0
    return verb


def candidate_features(cand: Candidate, sent, sent_feats: dict, verb_codes: dict, lexicon,
                       ranks: dict[str, int] | None = None) -> dict[str, float]:
    sdoc = sent.doc
    f = dict(sent_feats)
    f["bias"] = 1.0
    if ranks is not None:  # texts report mostly on the actors they name most: their pair is the likelier dyad
        rs, rt = min(ranks.get(cand.source, 9), 4), min(ranks.get(cand.target, 9), 4)
        f[f"rank_s={rs}"] = 1.0
        f[f"rank_t={rt}"] = 1.0
        f[f"rank_pair={min(rs, rt)}|{max(rs, rt)}"] = 1.0
    sv = _slot_feats("s_", cand.s_slot, sdoc, f, verb_codes)
    tv = _slot_feats("t_", cand.t_slot, sdoc, f, verb_codes)
    f[f"kinds={cand.s_slot.how}|{cand.t_slot.how}"] = 1.0
    # a pair in context is a weaker guess when the sentence names two other actors itself
    n_exp = int(sent_feats.get("_n_explicit", 0))
    f[f"kinds_nexp={cand.s_slot.how}|{cand.t_slot.how}|{min(n_exp, 3)}"] = 1.0
    f.pop("_n_explicit", None)
    if sv is not None and tv is not None and sv.i == tv.i:
        f["same_gov"] = 1.0
        f[f"same_gov={sv.lemma_.lower()}"] = 1.0
    if cand.s_slot.tok is not None and cand.t_slot.tok is not None:
        a, b = sdoc[cand.s_slot.tok], sdoc[cand.t_slot.tok]
        f["s_first" if a.i < b.i else "t_first"] = 1.0
        gap = abs(a.i - b.i)
        f[f"gap={min(gap // 4, 6)}"] = 1.0
        if b.head.i == a.i and b.dep_ == "conj" or a.head.i == b.i and a.dep_ == "conj":
            f["coordinated"] = 1.0
        path, lca = _path(a, b)
        if lca is not None and lca.dep_ == "ROOT":
            f["path_root"] = 1.0  # the two meet at the sentence's main verb, however far below it
        else:
            f[f"path_len={min(len(path), 6)}"] = 1.0
        for t in path:
            if t.pos_ in CONTENT_POS or t.pos_ == "ADP":
                f[f"p={t.lemma_.lower()}"] = 1.0
            code = lexicon_code(t, lexicon) or verb_codes.get(t.i)
            if code:
                f[f"Lp={code[:2]}"] = 1.0
    for slot, prefix in ((cand.s_slot, "s"), (cand.t_slot, "t")):
        if slot.tok is not None:
            h = sdoc[slot.tok].head
            code = lexicon_code(h, lexicon) or verb_codes.get(h.i)
            if code:
                f[f"L{prefix}head={code[:2]}"] = 1.0
    for root, e in cand.rule_events.items():
        kind = e.rule.split(":")[0]
        f[f"R={root}"] = 1.0
        f[f"R_{kind}={root}"] = 1.0
        f[f"Rtrig={e.rule.split(':', 1)[-1]}"] = 1.0
    for key in [k for k in f if k.startswith("Rany=")]:
        root = key[5:]
        if root not in cand.rule_events:
            f[f"Rother={root}"] = 1.0
    return f


def lexicon_code(t, lexicon) -> str | None:
    """The project lexicon's code for a token (a trigger verb or event noun), whatever its actors."""
    low = t.lemma_.lower()
    if t.pos_ == "VERB":
        trig = lexicon["verbs"].get(low)
        if trig is not None and trig.origin != "petrarch" and not trig.needs_obj:
            return trig.code
    elif t.pos_ in ("NOUN", "PROPN"):
        trig = lexicon["nouns"].get(t.lower_) or lexicon["nouns"].get(low)
        if trig is not None and not trig.needs_mod and not trig.needs_obj:
            return trig.code
    return None


def sentence_features(sent, rule_events, verb_codes: dict, mentions, lexicon, toks=None) -> dict[str, float]:
    """Features shared by every candidate of a sentence."""
    f: dict[str, float] = {}
    toks = toks if toks is not None else list(sent)
    for t in toks:
        if t.i in mentions:
            continue
        low = t.lemma_.lower()
        code = lexicon_code(t, lexicon)
        if code:
            f[f"L={code[:2]}"] = 1.0
        if t.pos_ in CONTENT_POS and low not in STOP and len(low) > 1:
            f[f"w={low}"] = 1.0
        if t.lower_ in NEG:
            f["neg"] = 1.0
        if t.lower_ in MODAL:
            f["modal"] = 1.0
            if t.lower_ in ("will", "'ll", "wo"):
                f["will"] = 1.0
        if t.lower_ in COND:
            f["cond"] = 1.0
        if low in FUTURE:
            f["future"] = 1.0
    for code in verb_codes.values():
        f[f"P={code[:2]}"] = 1.0
    for e in rule_events:
        f[f"Rany={e.cameo[:2]}"] = 1.0
    if not rule_events:
        f["Rnone"] = 1.0
    n = len({mentions[t.i].code for t in toks if t.i in mentions})
    f[f"n_actors={min(n, 5)}"] = 1.0
    f["_n_explicit"] = float(n)  # read by candidate_features, not a feature itself
    if toks and toks[-1].text == "?":
        f["question"] = 1.0
    # headings and figure captions ("China-Russia Trade Imbalance") name actors but report no act
    if not any(t.pos_ in ("VERB", "AUX") for t in toks):
        f["no_verb"] = 1.0
    f[f"len={min(len(toks) // 8, 6)}"] = 1.0
    if any(t.text in ("“", '"', "”") for t in toks):
        f["quoted"] = 1.0
    return f


def verb_codes_for(toks, petrarch_verbs) -> dict[int, str]:
    """PETRARCH2's code for each verb of the sentence, refined by its object words."""
    from entente.coding.events.realis import near_words

    out = {}
    for t in toks:
        if t.pos_ != "VERB":
            continue
        trig = petrarch_verbs.get(t.lemma_.lower())
        if trig is None:
            continue
        code = trig.code if not trig.needs_obj else None
        if trig.by_obj:
            objects = object_codes(trig)
            code = next((objects[w] for w in near_words(t, objects=True) if w in objects), code)
        if code:
            out[t.i] = code
    return out


def featured_candidates(coder, sent, ctx, sent_events, speaker, sent_date, date_near) -> list[Candidate]:
    """A sentence's actor-pair candidates with their features, anchor, realis flag and date, for the
    learned scorer (``coder``: the rules coder, whose actor context and realis tests they use)."""
    toks = list(sent)  # indexing a spaCy Span re-creates tokens: materialise them once
    cands = sentence_candidates(coder, sent, ctx, sent_events, speaker, toks)
    if not cands:
        return []
    vcodes = verb_codes_for(toks, coder.petrarch)
    shared = sentence_features(sent, sent_events, vcodes, ctx["mentions"], coder.rules, toks)
    for c in cands:
        c.features = candidate_features(c, sent, shared, vcodes, coder.rules, ctx["ranks"])
        tok = anchor_token(sent, c)
        c.anchor = tok.i
        c.anchor_span = (tok.idx, tok.idx + len(tok.text), tok.lemma_.lower())
        c.anchor_code = vcodes.get(tok.i)
        # negated, modal, conditional or wished acts are not events (CODEBOOK Scope)
        c.irrealis = tok.pos_ == "VERB" and (coder._irrealis(tok) or coder._conditional(tok) or any(
            w.lower_ in ("nearly", "almost") for w in tok.children))
        dated = date_near(sent, tok.i) if date_near is not None else None
        c.date = dated or sent_date
    return cands
