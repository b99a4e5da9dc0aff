"""Actor dictionary: loading, validation of user files, folding, roles by date, coverage."""
from __future__ import annotations

import re

import pytest

from entente.coding.actors import load_actors
from entente.errors import DataError


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def test_default_dictionary_is_cached_and_versioned(actors):
    assert load_actors() is actors
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", actors.version)


def test_iso3_coverage_and_unique_codes(actors):
    states = [a for a in actors.actors.values() if a.kind == "state"]
    assert len(states) >= 240
    assert len({a.code for a in actors.actors.values()}) == len(actors.actors)
    for code in ["CHN", "RUS", "USA", "UKR", "IND", "TWN", "JPN", "KOR", "PRK", "KAZ", "IRN", "BLR", "YUG", "CSK", "DDR"]:
        assert actors.actors[code].kind == "state"
    for code in ["UN", "NATO", "EU", "SCO", "BRICS", "CSTO", "CIS", "ASEAN", "EAEU", "G7", "G20", "IMF", "WTO"]:
        assert actors.actors[code].kind == "igo"
    assert actors.actors["WST"].kind == "group"


def test_every_person_code_exists(actors):
    for name, code in actors._person_code.items():
        assert code in actors.actors, name


@pytest.mark.parametrize("text,year,code", [
    ("Soviet Union", 1969, "RUS"), ("USSR", None, "RUS"), ("Russian Empire", 1900, "RUS"),
    ("Republic of China", 1945, "CHN"), ("Republic of China", 1960, "TWN"), ("Qing Empire", 1880, "CHN"),
    ("Taiwan", 1990, "TWN"), ("Yugoslavia", 1955, "YUG"), ("Czechoslovakia", 1968, "CSK"),
    ("East Germany", 1970, "DDR"), ("the Kremlin", None, "RUS"), ("The Kremlin", None, "RUS"),
    ("Zhongnanhai", None, "CHN"), ("the White House", None, "USA"), ("Nur-Sultan", None, "KAZ"),
    ("Kiev", None, "UKR"), ("the West", None, "WST"), ("Western countries", None, "WST"),
    ("UN Security Council", None, "UN"), ("UNSC", None, "UN"), ("Shanghai Cooperation Organization", None, "SCO"),
    ("EEU", None, "EAEU"), ("Brussels", None, "EU"), ("Chinese Communist Party", None, "CHN"), ("CPSU", None, "RUS"),
    ("Gazprom", None, "RUS"), ("Huawei", None, "CHN"), ("the Pentagon", None, "USA"), ("Red Army", 1945, "RUS"),
    ("Wang Yi", None, "CHN"), ("RUS", None, "RUS"),
])
def test_code_for_folds_predecessors_and_bodies(actors, text, year, code):
    assert actors.code_for(text, year=year) == code


def test_code_for_unknown_or_partial(actors):
    assert actors.code_for("Jane Roe") is None
    assert actors.code_for("Russia and China") is None


@pytest.mark.parametrize("role,code,year,name", [
    ("president", "RUS", 1995, "Boris Yeltsin"), ("president", "RUS", 2005, "Vladimir Putin"),
    ("president", "RUS", 2010, "Dmitry Medvedev"), ("president", "USA", 1972, "Richard Nixon"),
    ("premier", "CHN", 1960, "Zhou Enlai"), ("prime minister", "CHN", 2020, "Li Keqiang"),
    ("leader", "RUS", 1960, "Nikita Khrushchev"), ("leader", "CHN", 1985, "Deng Xiaoping"),
    ("leader", "JPN", 2022, "Fumio Kishida"), ("foreign minister", "RUS", 2020, "Sergei Lavrov"),
    ("Secretary of State", "USA", 2022, "Antony Blinken"), ("defence minister", "CHN", 2020, "Wei Fenghe"),
    ("secretary-general", "NATO", 2020, "Jens Stoltenberg"), ("secretary-general", "UN", 2020, "António Guterres"),
    ("foreign minister", "EU", 2021, "Josep Borrell"), ("chief of general staff", "RUS", 2020, "Valery Gerasimov"),
])
def test_resolve_role_by_year(actors, role, code, year, name):
    assert actors.resolve_role(role, code, year) == name


def test_resolve_role_gives_none_when_unknown_or_ambiguous(actors):
    assert actors.resolve_role("president", "RUS", 1700) is None
    assert actors.resolve_role("mfa spokesperson", "CHN", 2021) is None  # several at once
    assert actors.resolve_role("no such role", "CHN", 2021) is None


def test_person_lookups(actors):
    assert actors.person_name("Putin") == "Vladimir Putin"
    assert actors.person_name("Lavrov") == "Sergei Lavrov"
    assert actors.person_name("President Putin") == "Vladimir Putin"
    assert actors.person_name("Li") is None and actors.person_name("Jane Roe") is None
    assert actors.person_name("Bush") is None  # two presidents
    assert actors.person_actor("Wang Yi") == "CHN"
    assert actors.person_actor("Lukashenko") == "BLR"
    assert actors.person_actor("Jens Stoltenberg") == "NATO"
    assert actors.person_actor("Jane Roe") is None


def _write(tmp_path, text, name="mine.yaml"):
    p = tmp_path / name
    p.write_text(text, "utf-8")
    return p


def test_bad_date_names_file_entry_and_field(tmp_path):
    p = _write(tmp_path, """version: 1
people:
  - name: Vladimir Putin
    code: RUS
    roles:
      - {role: president, from: 2000-05-07}
      - {role: president, from: 20x0}
""")
    with pytest.raises(DataError) as err:
        load_actors([p])
    msg = str(err.value)
    assert "mine.yaml" in msg and "'Vladimir Putin'" in msg and "role 2" in msg and "'from'" in msg and "20x0" in msg


@pytest.mark.parametrize("body,expect", [
    ("people: []\n", "version"),
    ("version: 1\npeople:\n  - {name: X Y, code: ZZZ}\n", "'ZZZ'"),
    ("version: 1\nactors:\n  - {code: FOO, name: Foo, kind: club}\n", "'kind'"),
    ("version: 1\nstates:\n  - {code: rus, name: Russia}\n", "'code'"),
    ("version: 1\nfolks: []\n", "unknown section"),
    ("version: 1\nstates: [\n", "not valid YAML"),
    ("version: 1\npeople:\n  - {name: A B, code: RUS, roles: [{role: x, from: 2010, until: 2001}]}\n", "before"),
])
def test_invalid_user_files_raise_data_error(tmp_path, body, expect):
    with pytest.raises(DataError, match=re.escape(expect)):
        load_actors([_write(tmp_path, body)])


def test_missing_user_file(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_actors([tmp_path / "nope.yaml"])


def test_user_file_adds_and_overrides(tmp_path):
    p = _write(tmp_path, """version: 7
actors:
  - {code: QUAD, name: Quadrilateral Security Dialogue, kind: igo, names: [Quad, the Quad]}
people:
  - name: Ivan Example
    code: RUS
    aliases: [Example]
    roles: [{role: ambassador, from: 2030-01-01}]
  - name: Sergei Lavrov
    code: BLR
""")
    a = load_actors([p])
    assert a is not load_actors() and a.version.endswith(tuple("0123456789abcdef")) and "+user." in a.version
    assert a.actors["QUAD"].kind == "igo" and a.code_for("the Quad") == "QUAD"
    assert a.person_actor("Example") == "RUS"
    assert a.person_actor("Sergei Lavrov") == "BLR"  # overridden
    assert load_actors().person_actor("Sergei Lavrov") == "RUS"  # the default is untouched
