"""Flows whose partners the parser hangs elsewhere, and acts named by a fault, on sentences written
for these tests."""
from __future__ import annotations

import pytest

from test_coding_events import code, triples


def test_a_flow_from_one_state_to_another_keeps_its_destination(rules_coder):
    # the parser hangs "to Peru" on "from"; both exporters still sell to Peru
    got = triples(code(rules_coder, "Energy exports from both Chile and Bolivia to Peru rose."))
    assert {("CHL", "PER", "06"), ("BOL", "PER", "06")} <= got, got


def test_a_change_in_a_flow_names_the_flows_partners(rules_coder):
    got = triples(code(rules_coder, "There has been a sharp rise in energy exports from Chile and Bolivia to Peru "
                                    "over the past five years."))
    assert {("CHL", "PER", "06"), ("BOL", "PER", "06")} <= got, got
    # a change in something that is not a flow names no partner
    assert not triples(code(rules_coder, "There has been a sharp rise in prices in Peru and Chile."))


@pytest.mark.parametrize("text", [
    "Peru called Chile's sanctions illegal.",
    "Peru called Chile's naval manoeuvres a provocation.",
    "Peruvian officials described Chile's vote as a failure.",
])
def test_naming_another_actors_act_by_a_fault_is_criticism(rules_coder, text):
    assert ("PER", "CHL", "11") in triples(code(rules_coder, text)), text


@pytest.mark.parametrize("text", [
    "Peru described Chile as a reliable partner.",  # praise is no criticism
    "Peru would call Chile's sanctions illegal if they were renewed.",  # a conditional
    "Chile's sanctions were called illegal.",  # no one named says so
])
def test_no_criticism_without_a_fault_or_a_speaker(rules_coder, text):
    assert not {t for t in triples(code(rules_coder, text)) if t[2] == "11"}, text


def test_a_states_missiles_act_for_it_and_a_raid_carried_out_is_force(rules_coder):
    assert ("CHL", "PER", "19") in triples(code(rules_coder, "Chilean missiles struck a Peruvian base."))
    assert ("CHL", "PER", "19") in triples(code(rules_coder, "The Chilean bombardment of Peruvian towns continued."))
    # PETRARCH2 reads "carried out" with a plane nearby as military aid (072); the raid is the act
    got = triples(code(rules_coder, "Chilean warplanes carried out a raid in Peru."))
    assert ("CHL", "PER", "19") in got and ("CHL", "PER", "07") not in got, got
    # a light verb whose object is not a use of force keeps PETRARCH2's reading of it (the noun alone
    # names no target here)
    assert ("CHL", "PER", "13") in triples(code(
        rules_coder, "Chile gave the Peruvian president a stern warning to stop its activities."))


def test_the_agent_of_a_subjects_participle_is_the_doer(rules_coder):
    got = triples(code(rules_coder, "The missiles fired by the Chilean military struck an arms depot of the Peruvian army."))
    assert ("CHL", "PER", "19") in got, got
    # a subject that names its own actor keeps it
    assert ("BOL", "PER", "19") in triples(code(rules_coder, "Bolivian jets escorted by Chilean fighters bombed Peru."))


@pytest.mark.parametrize("text,root", [
    ("Chile provided 6 million euros to Peru.", "07"),  # money given is aid
    ("Chile provided Peru with loans.", "07"),
    ("Chile supplied Peru with advanced fighter jets.", "06"),  # arms given are a supply (CODEBOOK)
    ("Chile supplied 90 percent of the weapons Peru bought.", "06"),
])
def test_what_is_given_makes_the_act(rules_coder, text, root):
    got = triples(code(rules_coder, text))
    assert ("CHL", "PER", root) in got, got
    assert not {t for t in got if t[:2] == ("CHL", "PER") and t[2] in ("06", "07") and t[2] != root}, got


@pytest.mark.parametrize("text", [
    "Chile is sending troops to the peacekeeping force in Peru.",
    "Chile announced the deployment of 230 troops to Peru on a peacekeeping mission.",
    "Chile sent its peacekeepers to Peru.",
])
def test_troops_that_keep_the_peace_protect(rules_coder, text):
    got = triples(code(rules_coder, text))
    assert ("CHL", "PER", "07") in got and ("CHL", "PER", "15") not in got, got


def test_troops_sent_without_a_peace_mission_are_a_show_of_force(rules_coder):
    assert ("CHL", "PER", "15") in triples(code(rules_coder, "Chile sent troops to the border with Peru."))


def test_aid_offered_is_an_intent_not_aid(rules_coder):
    for text in ("Chile offered Peru military assistance.", "Chile offered military assistance to Peru."):
        got = triples(code(rules_coder, text))
        assert ("CHL", "PER", "03") in got and not {t for t in got if t[2] == "07"}, got


@pytest.mark.parametrize("text,triple", [
    ("Peru condemned the strikes that Chile has carried out.", ("PER", "CHL", "11")),
    ("Peru criticized the decision that Chile made.", ("PER", "CHL", "11")),
    ("Peru opposes the sanctions that Chile has imposed on Bolivia.", ("PER", "CHL", "12")),
    # the noun's doer and target come from its relative clause
    ("Peru opposes the sanctions that Chile has imposed on Bolivia.", ("CHL", "BOL", "16")),
    ("The exercises that Chile and Peru held last year alarmed Bolivia.", ("CHL", "PER", "06")),
])
def test_an_object_relative_clause_names_the_acts_doer(rules_coder, text, triple):
    assert triple in triples(code(rules_coder, text)), text


def test_a_relative_clause_whose_subject_is_the_pronoun_names_no_doer(rules_coder):
    got = triples(code(rules_coder, "Peru condemned the attack that killed twenty Chileans."))
    assert ("PER", "CHL", "11") not in got, got
    # the aid a state asked for is its request, not aid it gives
    got = triples(code(rules_coder, "Peru asked about the assistance that Bolivia had requested from Chile."))
    assert ("BOL", "CHL", "07") not in got, got


@pytest.mark.parametrize("text,triple", [
    ("Peru has lodged stern representations with Chile.", ("PER", "CHL", "11")),
    ("Peru has made solemn démarches to Chile.", ("PER", "CHL", "11")),
    ("The accusations from Peru against Chile are groundless.", ("PER", "CHL", "11")),
])
def test_a_foreign_ministrys_protests(rules_coder, text, triple):
    assert triple in triples(code(rules_coder, text)), text


def test_representations_not_lodged_are_no_protest(rules_coder):
    assert not triples(code(rules_coder, "Peru's representations of Chile in its textbooks have changed."))


def test_a_warning_of_a_reply_is_a_threat_to_the_one_warned(rules_coder):
    for text in ("Peru has repeatedly warned Chile that such actions would have consequences.",
                 "Peru warned Chile that it would take countermeasures."):
        assert ("PER", "CHL", "13") in triples(code(rules_coder, text)), text
    # a warning of what may happen is no threat
    assert ("PER", "CHL", "13") not in triples(code(rules_coder, "Peru warned Chile that prices may rise."))


def test_a_statement_made_to_another_actor(rules_coder):
    assert ("PER", "CHL", "01") in triples(code(
        rules_coder, "The Peruvian president told the Chilean envoy that the meeting had been useful."))
    assert ("PER", "CHL", "01") in triples(code(rules_coder, "Peru's president said to Chile's president that he was grateful."))
    # an announcement "to" a place is no address
    got = triples(code(rules_coder, "Peru announced the deployment of 230 troops, including 19 officers, to Chile "
                                    "on a peacekeeping mission."))
    assert ("PER", "CHL", "01") not in got and ("PER", "CHL", "07") in got, got


@pytest.mark.parametrize("text", [
    "Chilean President Boric praised the exercises in a call with Peruvian President Boluarte on Wednesday.",
    "In a telephone conversation with Peru's president, Chile's president thanked him.",
    "At a meeting with Peru's president in Lima, Chile's president signed a gas deal.",
])
def test_a_meeting_named_beside_the_act_is_the_subjects(rules_coder, text):
    got = triples(code(rules_coder, text))
    assert {("CHL", "PER", "04"), ("PER", "CHL", "04")} <= got, got


def test_a_meeting_criticised_is_not_the_critics(rules_coder):
    got = triples(code(rules_coder, "Chile criticized the meeting with Peru's president."))
    assert ("CHL", "PER", "04") not in got, got


def test_this_meeting_is_the_talks_the_text_has_coded(rules_coder):
    text = ("Chile and Peru held talks in Lima on Monday. Chile also held a meeting with Bolivia.\n\n"
            "Chile and Peru held further talks on Tuesday. This meeting comes amid rising tension in the region.")
    evs = [e for e in code(rules_coder, text).events if "This meeting" in text[e.sent_start:e.sent_end]]
    assert {(e.source, e.target) for e in evs} == {("CHL", "PER"), ("PER", "CHL")}, evs
    # a meeting still to come is no meeting held
    text = "Chile and Peru held talks in Lima on Monday. The meetings will outline a new plan."
    assert not [e for e in code(rules_coder, text).events if "will outline" in text[e.sent_start:e.sent_end]]


def test_an_officials_my_chinese_friend_is_china(rules_coder):
    from test_coding_events import code_turns

    text = ("Remarks at the Joint Press Conference, Beijing, March 3, 2022\n\nWang Yi: Welcome to Beijing.\n\n"
            "Sergey Lavrov: I thank my Chinese friend for the hospitality.\n")
    got = {(e.source, e.target, e.cameo[:2]) for e in code_turns(rules_coder, text).events}
    assert ("RUS", "CHN", "05") in got, got


def test_an_officials_we_agreed_is_with_the_talks_partner(rules_coder):
    from test_coding_events import code_turns

    # Japan is named more often than China, but the talks the official reports were with China
    text = ("Foreign Minister Sergey Lavrov's Press Conference, Moscow, January 16, 2020\n\n"
            "Sergey Lavrov: We held talks with our Chinese friends this week. We agreed to expand trade in "
            "national currencies.\n\nQuestion: What about Japan?\n\n"
            "Sergey Lavrov: Japan is a neighbour. We want a peace treaty with Japan. Japan must decide.\n")
    got = {(e.source, e.target, e.cameo[:2]) for e in code_turns(rules_coder, text).events
           if "We agreed" in text[e.sent_start:e.sent_end]}
    assert got == {("RUS", "CHN", "03"), ("CHN", "RUS", "03")}, got
