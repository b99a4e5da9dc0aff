"""Hard-wrapped text keeps its sentences whole; one-sentence-per-line text keeps its lines apart."""
from __future__ import annotations

import pytest

from entente.nlp import load_nlp
from entente.nlp.pipeline import hard_wrapped

WRAPPED = (
    "In 1950 the two states signed a treaty of friendship that bound them\n"
    "for thirty years, and the new alliance was hailed in both capitals as\n"
    "a turning point in their relations with the wider world and with each\n"
    "other. Trade grew quickly after that, and many advisers travelled east\n"
    "to help build factories across the north of the country.\n"
)
PER_LINE = (
    "The ministers met in Astana on Monday.\n"
    "They signed a memorandum on rail freight.\n"
    "A customs post will open near the river next spring.\n"
    "Both sides called the talks useful and promised to meet again.\n"
    "The next round is planned for the autumn.\n"
)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_layout_is_detected_per_document():
    assert hard_wrapped(WRAPPED)
    assert not hard_wrapped(PER_LINE)


def test_wrapped_lines_do_not_split_sentences_and_offsets_hold(nlp):
    doc = nlp(WRAPPED)
    sents = list(doc.sents)
    assert len(sents) == 2
    assert sents[0].text.startswith("In 1950") and "hailed in both capitals" in sents[0].text
    for s in sents:
        assert WRAPPED[s.start_char:s.end_char] == s.text  # offsets index the unchanged text


def test_one_sentence_per_line_stays_one_sentence_per_line(nlp):
    assert len(list(nlp(PER_LINE).sents)) == 5


def test_closing_markdown_emphasis_after_a_full_stop_ends_the_sentence():
    from entente.nlp import load_nlp

    doc = load_nlp()("They share ties centering on arms sales and exercises._ _Chilean arms sales to Peru grew.")
    assert [s.text.strip() for s in doc.sents][-1].startswith("_Chilean arms sales")


@pytest.mark.parametrize("text", [
    # both parse differently without the plain-quotes component (checked when it was added)
    "India might be able to use Russia’s war in Ukraine to buy cheap oil.",
    "Washington’s sanctions on Iran’s oil hurt China’s refiners.",
])
def test_curly_quotes_parse_as_straight_ones_and_the_text_is_untouched(nlp, text):
    curly = nlp(text)
    straight = nlp(text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})))
    assert curly.text == text  # offsets and passages still index the file's own characters
    assert [(t.dep_, t.head.i, t.tag_) for t in curly] == [(t.dep_, t.head.i, t.tag_) for t in straight]


def test_short_verbs_and_their_e_final_twins_get_the_right_lemma():
    # the lemmatizer's index knows both "stag" and "stage", "fin" and "fine"; a single consonant
    # before -ed / -ing means the e-final verb, a doubled one the short verb
    doc = load_nlp()("Chile staged drills. Peru is staging more. Lima fined them. They barred him. She was singing.")
    lemmas = {t.lower_: t.lemma_ for t in doc if t.pos_ == "VERB"}
    assert lemmas["staged"] == "stage" and lemmas["staging"] == "stage" and lemmas["fined"] == "fine"
    assert lemmas["barred"] == "bar" and lemmas["singing"] == "sing"
