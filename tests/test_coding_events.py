"""The rules coder on sentences written for these tests (not from the seeds)."""
from __future__ import annotations

import pytest

from entente.types import Document


def code(coder, text: str, published: str = "2023-05-10"):
    doc = Document(name="t.txt", path="/t.txt", text=text, format="text", content_hash="x",
                   published=published, published_precision="day")
    sdoc = coder.nlp(text)
    return coder.code(doc, sdoc)


def triples(coded):
    return {(e.source, e.target, e.cameo[:2]) for e in coded.events}


def test_joint_action_is_coded_both_ways(coder):
    got = triples(code(coder, "Russia and China signed a treaty of friendship in 2001."))
    assert {("RUS", "CHN", "05"), ("CHN", "RUS", "05")} <= got


def test_visit_codes_visitor_and_host(coder):
    got = triples(code(coder, "Chinese President Xi Jinping visited Moscow in March 2023."))
    assert ("CHN", "RUS", "04") in got


@pytest.mark.parametrize("text", [
    "China did not condemn the Russian government.",
    "Russia would sign a treaty with China if the price were right.",
    "If China criticised Russia, the partnership would suffer.",
    "Will China sign a treaty with Russia?",
    "China wants to sign a treaty with Russia.",
    "Beijing should criticise Moscow.",
])
def test_irrealis_is_not_coded(coder, text):
    assert not [e for e in code(coder, text).events if {e.source, e.target} == {"CHN", "RUS"}]


def test_conflict_and_implied_aggressor(coder):
    got = triples(code(coder, "The invasion of Ukraine began in February 2022."))
    assert ("RUS", "UKR", "19") in got


def test_historical_date_is_the_event_date(coder):
    coded = code(coder, "In 1969 Soviet and Chinese troops clashed on the Ussuri river.", published="2022-06-01")
    years = {e.date[:4] for e in coded.events if e.cameo.startswith("19")}
    assert years == {"1969"}


def test_every_event_has_date_and_derived_fields(coder, store):
    from entente.store import db

    coded = code(coder, "Washington imposed sanctions on Russia last week. Moscow criticised Washington.")
    assert coded.events
    db.write_document(store, coded)
    rows = store.execute("SELECT date, date_precision, quad_class, goldstein, plover, dimension FROM events").fetchall()
    for date, prec, quad, gold, plover, dim in rows:
        assert date and prec and quad in (1, 2, 3, 4) and gold is not None and dim


def test_analysts_are_never_actors(coder):
    coded = code(coder, "Professor Jane Roe criticised Russia for its policy.")
    assert not coded.events
