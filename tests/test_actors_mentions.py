"""Actor mentions in parsed sentences and in the five seed texts."""
from __future__ import annotations

import pytest
import spacy

from entente.coding.actors import load_actors
from entente.config import model_name


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(model_name())


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def spans(actors, nlp, text, year=None):
    return [(m.text, m.code, m.kind, m.person) for m in actors.find_mentions(nlp(text), year=year)]


def test_hyphen_compounds_and_possessives(actors, nlp):
    got = spans(actors, nlp, "Sino-Russian ties, the China-Russia border, Russia’s army and Russia's plans.")
    assert ("Sino", "CHN", "adjective", None) in got and ("Russian", "RUS", "adjective", None) in got
    texts = [g[0] for g in got]
    assert texts.count("Russia") >= 1 and "China" in texts
    assert ("Russia’s army", "RUS", "org", None) in got


def test_one_token_compound_is_split(actors, nlp):
    doc = nlp("The U.S.-China talks stalled.")
    ms = actors.find_mentions(doc)
    assert [(m.text, m.code) for m in ms] == [("U.S.", "USA"), ("China", "CHN")]
    assert all(doc.text[m.start_char:m.end_char] == m.text for m in ms)


def test_mentions_are_sorted_non_overlapping_and_offsets_exact(actors, nlp):
    doc = nlp("Chinese President Xi Jinping met Russian Foreign Minister Sergei Lavrov, NATO and the West in Moscow.")
    ms = actors.find_mentions(doc)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start
    for m in ms:
        assert doc.text[m.start_char:m.end_char] == m.text == doc[m.start:m.end].text
    assert [(m.text, m.code, m.kind) for m in ms] == [
        ("Chinese President Xi Jinping", "CHN", "person"), ("Russian Foreign Minister Sergei Lavrov", "RUS", "person"),
        ("NATO", "NATO", "igo"), ("the West", "WST", "group"), ("Moscow", "RUS", "capital")]


def test_titles_join_the_name(actors, nlp):
    got = spans(actors, nlp, "President Putin, Foreign Minister Wang Yi, General Wei Fenghe and Senior Col. Ren Guoqiang spoke.")
    assert [(g[0], g[3]) for g in got] == [
        ("President Putin", "Vladimir Putin"), ("Foreign Minister Wang Yi", "Wang Yi"),
        ("General Wei Fenghe", "Wei Fenghe"), ("Senior Col. Ren Guoqiang", "Ren Guoqiang")]
    # a surname that is only safe after a title
    assert spans(actors, nlp, "Secretary Austin flew in.", 2022)[0][:4] == ("Secretary Austin", "USA", "person", "Lloyd Austin")
    assert spans(actors, nlp, "Austin flew in.") == []


def test_roles_resolve_by_year(actors, nlp):
    text = "The Russian president met China's president and the US secretary of state."
    got = spans(actors, nlp, text, 1995)
    assert got == [("The Russian president", "RUS", "role", "Boris Yeltsin"),
                   ("China's president", "CHN", "role", "Jiang Zemin"),
                   ("the US secretary of state", "USA", "role", "Warren Christopher")]
    assert spans(actors, nlp, text)[0] == ("The Russian president", "RUS", "role", None)
    assert spans(actors, nlp, "Russia's foreign minister flew to Beijing.", 2023)[0] == (
        "Russia's foreign minister", "RUS", "role", "Sergei Lavrov")
    assert spans(actors, nlp, "The Chinese defence minister said so.", 2020)[0] == (
        "The Chinese defence minister", "CHN", "role", "Wei Fenghe")
    assert spans(actors, nlp, "He spoke to the president of Russia.", 2010)[0] == (
        "the president of Russia", "RUS", "role", "Dmitry Medvedev")


def test_bodies_capitals_and_igos(actors, nlp):
    got = spans(actors, nlp, "The Chinese Foreign Ministry, the PLA, Gazprom, the Kremlin, Zhongnanhai, Kyiv, the UN Security "
                             "Council, the SCO and the European Union met in Brussels.")
    codes = [(g[0], g[1], g[2]) for g in got]
    assert codes == [("The Chinese Foreign Ministry", "CHN", "org"), ("PLA", "CHN", "org"), ("Gazprom", "RUS", "org"),
                     ("the Kremlin", "RUS", "capital"), ("Zhongnanhai", "CHN", "capital"), ("Kyiv", "UKR", "capital"),
                     ("UN Security Council", "UN", "igo"), ("SCO", "SCO", "igo"), ("the European Union", "EU", "igo"),
                     ("Brussels", "EU", "capital")]


def test_folding_depends_on_year(actors, nlp):
    text = "The Republic of China and the Soviet Union signed a treaty."
    assert [g[1] for g in spans(actors, nlp, text, 1945)] == ["CHN", "RUS"]
    assert [g[1] for g in spans(actors, nlp, text, 1960)] == ["TWN", "RUS"]


def test_ambiguous_surnames_and_analysts_are_not_mentions(actors, nlp):
    assert spans(actors, nlp, "Professor Jane Roe said Li and Wang agreed, according to Dr. John Smith.") == []
    got = spans(actors, nlp, "Kishida met Bush.", 2008)
    assert got == [("Kishida", "JPN", "person", "Fumio Kishida"), ("Bush", "USA", "person", "George W. Bush")]
    assert spans(actors, nlp, "Bush spoke.")[0][1:] == ("USA", "person", None)  # two presidents Bush: code only


def test_person_code_follows_the_office_held_that_year(actors, nlp):
    assert spans(actors, nlp, "Kaja Kallas spoke.", 2022)[0][1] == "EST"
    assert spans(actors, nlp, "Kaja Kallas spoke.", 2025)[0][1] == "EU"
    assert spans(actors, nlp, "Kaja Kallas spoke.")[0][1] == "EU"


def test_works_on_a_tokenizer_only_doc(actors):
    doc = spacy.blank("en")("Beijing and Moscow")
    assert [m.code for m in actors.find_mentions(doc)] == ["CHN", "RUS"]


def test_seeds_mention_china_and_russia_but_no_analysts(actors, nlp, shared):
    texts = [p.read_text("utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    assert len(texts) == 5
    analysts = ["Tai Ming Cheung", "Cheung", "Luttwak", "Kashin"]
    for doc in nlp.pipe(texts):
        ms = actors.find_mentions(doc, year=2022)
        codes = {m.code for m in ms}
        assert {"CHN", "RUS"} <= codes
        assert not any(a in m.text for m in ms for a in analysts)
        assert all(m.person is None or actors.person_actor(m.person) for m in ms)
        for m in ms:
            assert doc.text[m.start_char:m.end_char] == m.text


def test_ignored_phrases_and_western(actors, nlp):
    assert spans(actors, nlp, "Tensions in the South China Sea and Western Europe grew.") == []
    got = spans(actors, nlp, "Western sanctions hit Russia.")
    assert [(g[0], g[1], g[2]) for g in got] == [("Western", "WST", "group"), ("Russia", "RUS", "state")]


def test_names_broken_across_hard_wrapped_lines(actors, nlp):
    doc = nlp("the readout that went out from the White\nHouse just a little bit ago, and the United\nStates said")
    got = [(m.code, m.text, doc[m.start:m.end].text) for m in actors.find_mentions(doc)]
    assert ("USA", "the White\nHouse", "the White\nHouse") in got
    assert any(code == "USA" and "United\nStates" in text for code, text, _ in got)
