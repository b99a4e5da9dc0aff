"""The learned event stage: shipped model and card, candidates, official speakers, filters, training."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from entente.types import Document, Event, Passage

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def doc(text: str, name: str = "t.txt", passages=()) -> Document:
    return Document(name=name, path=f"/{name}", text=text, format="text", content_hash=name,
                    published="2023-05-10", published_precision="day", passages=tuple(passages))


def code(coder, text, **kw):
    d = doc(text, **kw)
    return coder.code(d, coder.nlp(d.text))


def test_shipped_model_loads_and_its_card_names_data_licences_and_scores():
    from entente.coding.events.scorer import EventScorer

    scorer = EventScorer().load()
    assert scorer.W.shape == (1 + len(scorer.roots), len(scorer.vocab)) and len(scorer.vocab) > 1000
    base = resources.files("entente").joinpath("data/models/events")
    card = base.joinpath("MODEL_CARD.md").read_text("utf-8")
    for needed in ("Training data", "MIT", "PETRARCH2", "cross-validation", "learning curve", "recall by root"):
        assert needed in card, needed
    meta = json.loads(base.joinpath("model.json").read_text("utf-8"))
    assert meta["documents"] and 0 < meta["threshold"] < 1


def test_learned_events_carry_model_provenance_and_confidence(coder):
    events = code(coder, "In 2019 China and Russia held joint naval exercises in the Sea of Japan.").events
    pairs = {(e.source, e.target, e.cameo[:2]) for e in events}
    assert ("CHN", "RUS", "06") in pairs and ("RUS", "CHN", "06") in pairs
    for e in events:
        assert "events-lr" in e.coder and e.rule.startswith("model:") and 0 < e.confidence <= 1


def test_rules_only_coder_is_still_available(rules_coder):
    events = code(rules_coder, "In 2019 China and Russia held joint naval exercises in the Sea of Japan.").events
    assert events and all("events-lr" not in e.coder for e in events)


@pytest.mark.parametrize("text", [
    "China did not sign the treaty with Russia.",
    "If Russia attacked China, the alliance would end.",
    "Beijing may soon sell fighter jets to Moscow.",
])
def test_irrealis_acts_stay_uncoded_with_the_learned_stage(coder, text):
    assert not [e for e in code(coder, text).events if {e.source, e.target} == {"CHN", "RUS"}]


def test_official_we_in_a_transcript_is_the_officials_state(coder):
    speaker = "SECRETARY OF STATE:"
    turn = "We held talks with China for six hours and we agreed to keep channels open."
    text = f"Remarks at the State Department\n\n{speaker}  {turn}\n"
    start = text.index(turn)
    d = doc(text, passages=[Passage(start - len(speaker) - 2, len(text), "turn", speaker="SECRETARY OF STATE")])
    ev = coder.evidence(d, coder.nlp(d.text))
    slots = {(c.source, c.s_slot.how) for c in ev["candidates"]}
    assert ("USA", "we") in slots
    events = coder.code(d, coder.nlp(d.text)).events
    assert {("USA", "CHN"), ("CHN", "USA")} <= {(e.source, e.target) for e in events if e.cameo[:2] == "04"}


def test_an_officials_bare_office_is_the_officials_state(coder):
    speaker = "SENIOR ADMINISTRATION OFFICIAL:"
    turn = "The National Security Advisor met his counterpart from China in Rome for seven hours."
    text = f"Background call at the White House\n\n{speaker}  {turn}\n"
    start = text.index(speaker)
    d = doc(text, passages=[Passage(start, len(text) - 1, "turn", speaker="Senior Administration Official")])
    ev = coder.evidence(d, coder.nlp(d.text))
    pairs = {(c.source, c.target, c.s_slot.how) for c in ev["candidates"]}
    assert ("USA", "CHN", "we") in pairs  # the office, not the venue: no Italian speaker
    assert not any(c.source == "ITA" and c.s_slot.how == "we" for c in ev["candidates"])


def _context_pairs(coder, text):
    d = doc(text)
    ev = coder.evidence(d, coder.nlp(d.text))
    return {(c.source, c.target) for c in ev["candidates"] if c.s_slot.how in ("pair", "ctx")}


def test_a_compound_pair_becomes_the_pair_the_two_countries_refers_to(coder):
    text = ("The United States and Japan met in Tokyo in 2019. Later Soviet-Chinese relations began to improve. "
            "The two countries signed a border agreement in 1991.")
    assert ("RUS", "CHN") in _context_pairs(coder, text) and ("USA", "JPN") not in _context_pairs(coder, text)


def test_a_list_of_states_does_not_replace_the_pair_in_context(coder):
    text = ("China and Kazakhstan held talks in Astana in 2025. Leaders of Kyrgyzstan, Uzbekistan, Tajikistan "
            "and Turkmenistan attended. The two countries signed twelve agreements.")
    pairs = _context_pairs(coder, text)
    assert ("CHN", "KAZ") in pairs and ("TJK", "TKM") not in pairs


def _event(cameo, start, end, trigger, source="CHN", target="RUS"):
    return Event(sent_start=start, sent_end=end, source=source, target=target, cameo=cameo, date="2001",
                 date_precision="year", trigger_start=trigger, trigger_end=trigger + 5, rule="t", coder="t")


def test_filters_drop_campaigns_against_problems_and_recode_verbal_attacks(coder):
    from entente.coding.events import filters

    a = "In 2001 the two states signed a convention on fighting terrorism together."
    b = "His attack on Stalin shocked the leadership in Beijing."
    text = a + " " + b
    fight = _event("190", 0, len(a), a.index("fighting"))
    attack = _event("180", len(a) + 1, len(text), text.index("attack"), source="RUS", target="CHN")
    same = _event("040", 0, len(a), 3, source="RUS", target="RUS")
    out = filters.apply([fight, attack, same], text, person_actor=coder.actors.person_actor)
    assert [e.cameo for e in out] == ["111"]


def test_petrarch_verbs_back_the_lexicon_and_project_entries_win():
    from entente.coding.events.lexicon import load_rules

    with_p = load_rules()
    without = load_rules(petrarch=False)
    assert len(with_p["verbs"]) > len(without["verbs"]) + 500
    shared = set(without["verbs"]) & set(with_p["verbs"])
    assert shared and all(with_p["verbs"][v].origin == "entente" for v in shared)
    assert "want" not in with_p["verbs"]  # a governor of a wish is not the act


@pytest.mark.skipif(not (SHARED / "external/petrarch2/CAMEO.2.0.txt").is_file(), reason="needs ../shared")
def test_petrarch_conversion_is_reproducible(tmp_path):
    script = ROOT / "scripts/convert_petrarch.py"
    subprocess.run([sys.executable, str(script), str(SHARED / "external/petrarch2"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    shipped = resources.files("entente").joinpath("data/rules/petrarch_verbs.json").read_text("utf-8")
    assert (tmp_path / "petrarch_verbs.json").read_text("utf-8") == shipped
    assert "Open Event Data Alliance" in shipped


OWN_TEXTS = {
    "a.txt": "Published May 3, 2021\n\nIn 2019 Russia sold fighter jets to China. Later China bought missiles "
             "from Russia. The two countries held talks in Moscow.\n",
    "b.txt": "Published June 9, 2020\n\nIn 2018 China criticised Japan over the islands. Japan rejected the "
             "claim. China and Russia signed a gas deal in 2014.\n",
    "c.txt": "Published July 1, 2022\n\nIn 2021 India met China for border talks. Russia sold oil to India. "
             "China accused India of provocations.\n",
}
OWN_GOLD = [
    ("a.txt", "In 2019 Russia sold fighter jets to China.", "RUS", "CHN", "06", "2019"),
    ("a.txt", "The two countries held talks in Moscow.", "RUS", "CHN", "04", "2021"),
    ("a.txt", "The two countries held talks in Moscow.", "CHN", "RUS", "04", "2021"),
    ("b.txt", "In 2018 China criticised Japan over the islands.", "CHN", "JPN", "11", "2018"),
    ("b.txt", "China and Russia signed a gas deal in 2014.", "CHN", "RUS", "05", "2014"),
    ("b.txt", "China and Russia signed a gas deal in 2014.", "RUS", "CHN", "05", "2014"),
    ("c.txt", "In 2021 India met China for border talks.", "IND", "CHN", "04", "2021"),
    ("c.txt", "In 2021 India met China for border talks.", "CHN", "IND", "04", "2021"),
    ("c.txt", "Russia sold oil to India.", "RUS", "IND", "06", "2022"),
    ("c.txt", "China accused India of provocations.", "CHN", "IND", "11", "2022"),
]


def test_training_is_one_command_and_cross_validation_never_scores_a_training_text(tmp_path):
    from entente.coding.coder import Coder
    from entente.coding.events.scorer import EventScorer
    from entente.evaluation import training

    docs_dir = tmp_path / "docs"
    docs_dir.mkdir()
    for name, text in OWN_TEXTS.items():
        (docs_dir / name).write_text(text, "utf-8")
    lines = [json.dumps({"doc": n, "kind": "meta", "published": None, "published_precision": None})
             for n in OWN_TEXTS]
    lines += [json.dumps({"doc": d, "kind": "event", "sentence": s, "source": a, "target": b, "code": c,
                          "date": y, "date_precision": "year"}) for d, s, a, b, c, y in OWN_GOLD]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "model"
    report = training.train([(str(gold), str(docs_dir))], out, cv_sets=[str(gold)], curve=False)
    assert report["documents"] == 3 and report["gold_events"] == len(OWN_GOLD)
    cv = report["cv"][str(gold)]
    assert cv["tp"] + cv["fn"] == len(OWN_GOLD)
    meta = json.loads((out / "model.json").read_text("utf-8"))
    assert meta["documents"] == sorted(OWN_TEXTS) and (out / "MODEL_CARD.md").is_file()
    # the saved model loads and codes text through the same Coder
    coder = Coder(learned=str(out)).load()
    assert isinstance(coder.scorer, EventScorer)
    events = code(coder, "In 2020 Russia sold rockets to India.").events
    assert all("events-lr" in e.coder for e in events)
    # each fold's model is trained without its held-out document
    coder0 = Coder(learned=False).load()
    tdocs = training.collect([(str(gold), str(docs_dir))], coder0)
    folds = training.fold_probabilities(tdocs)
    assert {n: "a.txt" not in m["documents"] for n, (m, _, _) in folds.items()}["a.txt"]
    assert all(name not in meta_["documents"] for name, (meta_, _, _) in folds.items())


def test_tree_arrays_score_exactly_as_lightgbm_does():
    """The shipped trees are evaluated by NumPy: they must give LightGBM's own probabilities."""
    import lightgbm
    import numpy as np
    from scipy.sparse import random as sparse_random

    from entente.coding.events.trees import Trees, from_lightgbm

    rng = np.random.default_rng(3)
    X = (sparse_random(1500, 200, density=0.04, random_state=5, format="csr") > 0).astype(np.float32)
    col = lambda j: np.asarray(X[:, j].todense()).ravel()  # noqa: E731
    y = ((col(3) + col(7) * col(9) + rng.random(1500) * 0.6) > 0.8).astype(int)  # a conjunction
    gbm = lightgbm.LGBMClassifier(n_estimators=40, num_leaves=7, min_child_samples=5, verbose=-1).fit(X, y)
    trees = Trees(from_lightgbm(gbm.booster_))
    rows = [list(X[i].indices) for i in range(300)]
    assert trees.binary  # 0/1 features: the fast walk
    assert np.allclose(trees.probabilities(rows), gbm.predict_proba(X[:300])[:, 1], atol=1e-6)
    assert trees.probabilities([[]]).shape == (1,)  # a candidate with no known feature still scores
    trees.binary = False  # the general walk (any thresholds) agrees
    assert np.allclose(trees.probabilities(rows), gbm.predict_proba(X[:300])[:, 1], atol=1e-6)


def test_averaged_boosters_score_the_mean_of_their_raw_scores():
    import lightgbm
    import numpy as np
    from scipy.sparse import random as sparse_random

    from entente.coding.events.trees import Trees, average, from_lightgbm

    rng = np.random.default_rng(4)
    X = (sparse_random(800, 60, density=0.08, random_state=6, format="csr") > 0).astype(np.float32)
    y = ((np.asarray(X[:, 2].todense()).ravel() + rng.random(800) * 0.7) > 0.6).astype(int)
    fitted = [lightgbm.LGBMClassifier(n_estimators=15, num_leaves=5 + 2 * k, subsample=0.7, subsample_freq=1,
                                      random_state=k, verbose=-1).fit(X, y) for k in range(3)]
    rows = [list(X[i].indices) for i in range(200)]
    raws = [gbm.predict_proba(X[:200], raw_score=True) for gbm in fitted]
    merged = Trees(average([from_lightgbm(g.booster_) for g in fitted]))
    assert np.allclose(merged.raw_scores(rows), np.mean(raws, axis=0), atol=1e-5)


def test_shipped_detector_blends_trees_with_the_logistic_model():
    from entente.coding.events.scorer import EventScorer

    scorer = EventScorer().load()
    assert scorer.trees is not None and 0 < scorer.blend < 1
    assert max(scorer.trees.used) < len(scorer.vocab)  # trees read the same feature vocabulary


@pytest.mark.slow
def test_coding_does_not_depend_on_the_process_hash_seed():
    """Two processes (a rerun, or two distributed workers) must code a text identically: no choice
    may follow a set's iteration order, which changes with PYTHONHASHSEED."""
    import os

    paths = sorted((SHARED / "dev" / "docs").glob("d028_*.txt"))
    if not paths:
        pytest.skip("../shared/dev/docs not present")
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from entente.coding.coder import Coder\n"
        "from entente.corpus import read_path\n"
        "c = Coder().load()\n"
        "d = read_path(Path(sys.argv[1]), max_bytes=10**8)[0]\n"
        "ev = c.code(d, c.nlp(d.text)).events\n"
        "print(json.dumps(sorted([e.sent_start, e.source, e.target, e.cameo, e.date or ''] for e in ev)))\n"
    )
    outs = []
    for seed in ("0", "1"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script, str(paths[0])], env=env, capture_output=True,
                             text=True, check=True)
        outs.append(json.loads(run.stdout))
    assert outs[0] and outs[0] == outs[1]


def test_a_sale_has_one_direction_and_a_meeting_two(coder):
    # CODEBOOK Conventions: seller→buyer for a sale, buyer→seller for a purchase, both ways for talks
    def triples(text):
        return {(e.source, e.target, e.cameo[:2]) for e in code(coder, text).events}

    sale = triples("In 2015 Russia supplied China with Su-35 fighters.")
    assert ("RUS", "CHN", "06") in sale and ("CHN", "RUS", "06") not in sale
    purchase = triples("China bought Su-35 fighters from Russia in 2015.")
    assert ("CHN", "RUS", "06") in purchase and ("RUS", "CHN", "06") not in purchase
    assert {("CHN", "RUS", "04"), ("RUS", "CHN", "04")} <= triples("Xi Jinping met Vladimir Putin in Moscow in March 2023.")


def _pairs_after(rules_coder, turn: str, marker: str, root: str, *, official: bool = True) -> set:
    """(source, target) of the rules' ``root`` events from ``marker`` on, in a White House briefing
    whose one turn (``turn``) is an official's, or a plain paragraph with ``official=False``."""
    speaker = "SENIOR OFFICIAL:"
    if official:
        text = f"Background call at the White House\n\n{speaker}  {turn}\n"
        start = text.index(turn) - len(speaker) - 2
        d = doc(text, passages=[Passage(start, len(text), "turn", speaker="SENIOR OFFICIAL")])
    else:
        text = f"Background call at the White House\n\n{turn}\n"
        d = doc(text)
    events = rules_coder.code(d, rules_coder.nlp(d.text)).events
    last = text.index(marker)
    return {(e.source, e.target) for e in events if e.cameo[:2] == root and e.sent_start >= last}


def test_an_officials_meeting_is_with_the_counterpart_not_the_pair_the_text_discusses(rules_coder):
    # the official's turn names Russia and China together, then speaks of "the meeting" with China
    turn = ("Russia and China have grown closer this year. Our team met Chinese officials in Rome today. "
            "The meeting lasted seven hours.")
    pairs = _pairs_after(rules_coder, turn, "The meeting", "04")
    assert ("USA", "CHN") in pairs and ("RUS", "CHN") not in pairs and ("CHN", "RUS") not in pairs


def test_an_officials_we_agreed_is_joint_with_the_counterpart(rules_coder):
    turn = ("Our delegation met Chinese officials in Rome today. "
            "We agreed to expand contacts between our militaries.")
    assert {("USA", "CHN"), ("CHN", "USA")} <= _pairs_after(rules_coder, turn, "We agreed", "03")
    # the same words outside an official's turn name no partner
    assert not _pairs_after(rules_coder, turn, "Our delegation", "03", official=False)


def test_an_officials_this_meeting_is_the_talks_despite_fillers(rules_coder):
    turn = ("Our delegation met Chinese officials in Rome today. "
            "And I think it was, you know, a very candid conversation.")
    assert {("USA", "CHN"), ("CHN", "USA")} <= _pairs_after(rules_coder, turn, "And I think", "04")


def test_a_wire_report_keeps_the_petrarch_verbs_act(coder):
    # in a text of a sentence or two the verb is the news: PETRARCH2's code for it is the event's root
    text = "Russia warned Finland against joining NATO."
    d = doc(text)
    ev = coder.evidence(d, coder.nlp(text))
    short = {(e.source, e.target, e.cameo[:2]) for e in coder.scorer.events(ev["candidates"], "t", n_sentences=1)}
    long = {(e.source, e.target, e.cameo[:2]) for e in coder.scorer.events(ev["candidates"], "t", n_sentences=40)}
    assert ("RUS", "FIN", "13") in short
    assert long <= short  # a long analysis takes PETRARCH2's codes as evidence only
    assert ("RUS", "FIN", "13") in {(e.source, e.target, e.cameo[:2]) for e in coder.code(d, coder.nlp(text)).events}


def test_an_unlinked_pair_needs_stronger_evidence_in_a_wire_report():
    from types import SimpleNamespace

    import numpy as np

    from entente.coding.events.scorer import EventScorer

    meta = json.loads((resources.files("entente") / "data/models/events/model.json").read_text("utf-8"))
    scorer = EventScorer().from_parts({**meta, "features": []}, np.zeros((21, 0)), np.zeros(21))
    cand = SimpleNamespace(sent_start=0, source="JPN", target="GHA", rule_events={}, irrealis=False)
    p_root = np.zeros((1, 20))
    p_root[0, 5] = 1.0  # 06
    p_event = np.array([(scorer.threshold + scorer.short_threshold) / 2])  # between the two thresholds
    assert scorer.threshold < p_event[0] < scorer.short_threshold
    assert [r for _, r, _ in scorer.decide([cand], p_event, p_root)] == ["06"]
    assert scorer.decide([cand], p_event, p_root, short=True) == []


def test_a_pair_linked_only_by_an_event_noun_needs_more_of_the_detector_than_a_verbs_link():
    from types import SimpleNamespace

    import numpy as np

    from entente.coding.events.scorer import EventScorer

    meta = json.loads((resources.files("entente") / "data/models/events/model.json").read_text("utf-8"))
    scorer = EventScorer().from_parts({**meta, "features": []}, np.zeros((21, 0)), np.zeros(21))
    assert scorer.rule_threshold < scorer.noun_threshold
    p_root = np.zeros((1, 20))
    p_event = np.array([(scorer.rule_threshold + scorer.noun_threshold) / 2])
    for rule, kept in (("noun:cooperation", False), ("verb:sign", True)):
        event = SimpleNamespace(rule=rule)
        cand = SimpleNamespace(sent_start=0, source="CHN", target="RUS", rule_events={"05": event}, irrealis=False)
        assert bool(scorer.decide([cand], p_event, p_root)) is kept, rule


def test_an_officials_our_colleagues_are_the_counterpart(rules_coder):
    turn = ("Our delegation met Chinese officials in Rome today. "
            "We have offered our colleagues new projects in the Arctic.")
    assert ("USA", "CHN") in _pairs_after(rules_coder, turn, "We have offered", "03")
