"""Relationship dimensions: keyword rules, code fallback, data validation."""
import pytest

from entente.coding import dimensions as dm
from entente.errors import DataError


def test_dimensions_ordered_with_labels():
    assert [d.id for d in dm.DIMENSIONS] == [
        "military", "arms", "economic", "energy", "technology",
        "diplomatic", "territorial", "information", "people",
    ]
    ident, label = dm.DIMENSIONS[1]
    assert (ident, label) == ("arms", "arms and military-technical")
    assert dm.label("people") == "people-to-people"


@pytest.mark.parametrize("cameo,text,expected", [
    ("062", "Russia delivered S-400 systems and Su-35 fighters to China", "arms"),
    ("057", "They signed the Power of Siberia gas contract", "energy"),
    ("057", "At the summit they signed a gas deal", "energy"),
    ("03", "The two agreed to build a lunar research station", "technology"),
    ("12", "Moscow blocked the draft at the UN Security Council", "diplomatic"),
    ("19", "Troops clashed on Damansky island on the border", "territorial"),
    ("11", "Beijing condemned Western disinformation in the media", "information"),
    ("03", "Both pledged to expand student exchanges and tourism", "people"),
    ("062", "China and Russia held joint naval exercises", "military"),
    ("163", "Washington imposed sanctions on Chinese banks", "economic"),
])
def test_keywords_decide(cameo, text, expected):
    assert dm.classify(cameo, text) == expected


def test_word_boundaries():
    # "oil" must not match inside "turmoil", nor "arms" inside "farms"
    assert dm.classify("04", "Xi visited Moscow amid turmoil on farms") == "diplomatic"


def test_trigger_outweighs_context():
    assert dm.classify("036", "Huawei pledged to invest in Russia", trigger="invest") == "economic"
    assert dm.classify("036", "Huawei pledged to invest in Russia") in {"technology", "economic"}


@pytest.mark.parametrize("cameo,expected", [
    ("19", "military"), ("190", "military"), ("18", "military"), ("15", "military"),
    ("04", "diplomatic"), ("057", "diplomatic"), ("01", "diplomatic"), ("02", "diplomatic"),
    ("061", "economic"), ("062", "military"), ("163", "economic"), ("99", "diplomatic"), ("", "diplomatic"),
])
def test_code_fallback(cameo, expected):
    assert dm.classify(cameo) == expected


def test_bad_rules_file_names_entry(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text("dimensions:\n  - id: x\n    label: X\n    keywords: [a]\ncodes:\n  '01': nope\n")
    with pytest.raises(DataError, match=r"codes\['01'\].*nope"):
        dm.load_rules(p)
    p.write_text("dimensions:\n  - id: x\n    label: X\n")
    with pytest.raises(DataError, match="keywords"):
        dm.load_rules(p)
