"""Force posture, pledges and acts judged or asked for, on sentences written for these tests."""
from __future__ import annotations

from test_coding_events import code, triples


def test_one_sides_drills_near_a_state_are_a_show_of_force_not_a_joint_exercise(rules_coder):
    got = triples(code(rules_coder, "Chilean military drills near Bolivia alarmed Peru."))
    assert ("CHL", "BOL", "15") in got, got
    assert not {t for t in got if t[2] == "06"}, got  # Bolivia did not exercise with Chile
    # two participants still exercise together, and show force to the state they are held near
    got = triples(code(rules_coder, "Chilean and Argentine naval exercises near Peru worried Lima."))
    assert {("CHL", "ARG", "06"), ("ARG", "CHL", "06"), ("CHL", "PER", "15"), ("ARG", "PER", "15")} <= got, got


def test_staged_manoeuvres_and_a_military_presence_near_a_state(rules_coder):
    assert ("CHL", "PER", "15") in triples(code(
        rules_coder, "Chile staged military manoeuvres near the border with Peru."))
    assert ("PER", "CHL", "15") in triples(code(rules_coder, "Peru boosted its naval presence near Chile."))
    # a presence that is not armed is no posture
    assert not triples(code(rules_coder, "Peru boosted its commercial presence near Chile."))


def test_a_pledged_act_is_the_pledge_alone(rules_coder):
    for text in ("Peru pledged 50 million dollars in aid to Chile.",
                 "Peru and Chile pledged cooperation on fisheries.",
                 "Peru promised support for Chile's bid."):
        got = triples(code(rules_coder, text))
        assert ("PER", "CHL", "03") in got, (text, got)
        assert not {t for t in got if t[2] in ("05", "06", "07")}, (text, got)


def test_an_act_judged_happened_and_is_the_judged_ones(rules_coder):
    # the judgement's negation or future is not the act's
    assert ("PER", "BOL", "19") in triples(code(
        rules_coder, "Lima fears Peru will not be punished for waging a war against Bolivia."))
    assert ("PER", "BOL", "19") in triples(code(rules_coder, "Peru was punished for invading Bolivia."))
    # the one thanked sent the aid, not the one who thanks
    got = triples(code(rules_coder, "Chile thanked Peru for sending aid to Bolivia."))
    assert ("PER", "BOL", "07") in got and ("CHL", "BOL", "07") not in got, got


def test_an_act_called_for_is_not_done(rules_coder):
    got = triples(code(rules_coder, "Peru called for lifting the sanctions on Chile."))
    assert ("PER", "CHL", "02") in got, got
    assert not {t for t in got if t[2] == "08"}, got


def test_engaging_in_an_act_and_placing_orders(rules_coder):
    assert {("CHL", "PER", "04"), ("PER", "CHL", "04")} <= triples(code(rules_coder, "Chile and Peru engaged in talks."))
    assert {("CHL", "PER", "06"), ("PER", "CHL", "06")} <= triples(code(
        rules_coder, "Chilean and Peruvian troops engaged in joint military maneuvers."))
    # an order placed is a purchase, the buyer's; an order given is a command, no trade
    assert ("PER", "CHL", "06") in triples(code(rules_coder, "In 2001 Peru placed orders for 20 Chilean fighters."))
    assert not {t for t in triples(code(rules_coder, "Lima gave orders to shell Chilean positions.")) if t[2] == "06"}


def test_a_host_and_its_guest_both_have_the_visit_but_a_hosted_meeting_has_no_guest(rules_coder):
    assert {("KAZ", "PER", "04"), ("PER", "KAZ", "04")} <= triples(code(rules_coder, "Kazakhstan hosted Peru's president in Astana."))
    got = {(e.source, e.target, e.cameo) for e in code(
        rules_coder, "Peru hosted meetings of the foreign ministers of Chile and Bolivia.").events}
    assert ("PER", "CHL", "043") in got and ("CHL", "PER", "042") not in got, got


def test_cutting_ties_and_reducing_dependence_reduce_relations(rules_coder):
    # the project's "cut off" entry leaves PETRARCH2's "cut ties" to it
    assert ("PER", "CHL", "16") in triples(code(rules_coder, "Peru cut ties with Chile."))
    assert ("PER", "CHL", "16") in triples(code(rules_coder, "Peru cut off gas supplies to Chile."))
    assert ("KAZ", "PER", "16") in triples(code(rules_coder, "Kazakhstan reduced its dependence on Peru."))
