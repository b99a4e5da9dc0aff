"""The CODEBOOK scorer on tiny hand-made gold and predictions with known answers."""
from __future__ import annotations

import json

import pytest

from entente.errors import DataError
from entente.evaluation.gold import load_gold
from entente.evaluation.score import last_name, score, year_of

S1 = "China and Russia held talks in 2019."
S2 = " Russia criticised the United States in 2020."
S3 = " Lavrov said “we stand together” at the forum."
S4 = " Putin visited India in the 1960s."
TEXT = S1 + S2 + S3 + S4
S2, S3, S4 = S2.strip(), S3.strip(), S4.strip()
DOC = "a.txt"


def span(sentence: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(sentence)
    return i, i + len(sentence)


def gold_file(tmp_path, records: list[dict], name: str = "gold.jsonl"):
    p = tmp_path / name
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return load_gold(p)


def gev(sentence, source, target, code, date="2019", doc=DOC):
    return {"doc": doc, "kind": "event", "sentence": sentence, "source": source, "target": target,
            "code": code, "date": date, "date_precision": "year"}


def pev(start, end, source, target, code, date="2019", doc=DOC):
    return {"kind": "event", "doc": doc, "start": start, "end": end, "source": source, "target": target,
            "code": code, "date": date, "date_precision": "year"}


def test_overlap_direction_and_root(tmp_path):
    g = gold_file(tmp_path, [gev(S1, "CHN", "RUS", "04"), gev(S2, "RUS", "USA", "11", "2020")])
    s1, e1 = span(S1)
    s2, e2 = span(S2)
    preds = [
        pev(s1 + 5, e1 + 3, "CHN", "RUS", "042"),  # partial overlap, full code with the right root: match
        pev(s2, e2, "USA", "RUS", "112", "2020"),  # wrong direction: a false positive and a miss
    ]
    sc = score(g, preds, {DOC: TEXT})
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (1, 1, 1)
    assert (sc.quad.tp, sc.quad.fp, sc.quad.fn) == (1, 1, 1)
    assert sc.events.precision == 0.5 and sc.events.recall == 0.5 and sc.events.f1 == 0.5


def test_adjacent_range_does_not_overlap(tmp_path):
    g = gold_file(tmp_path, [gev(S2, "RUS", "USA", "11", "2020")])
    s2, _ = span(S2)
    sc = score(g, [pev(0, s2, "RUS", "USA", "11", "2020")], {DOC: TEXT})  # ends where the gold starts
    assert sc.events.tp == 0 and sc.events.fp == 1 and sc.events.fn == 1


def test_one_to_one_two_predictions_for_one_gold(tmp_path):
    g = gold_file(tmp_path, [gev(S1, "CHN", "RUS", "04")])
    s, e = span(S1)
    sc = score(g, [pev(s, e, "CHN", "RUS", "040"), pev(s, e, "CHN", "RUS", "042")], {DOC: TEXT})
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (1, 1, 0)


def test_matching_is_maximal_not_greedy(tmp_path):
    # Gold A in S1 and gold B in S2; prediction P1 spans both, P2 only S1.
    # Greedy A→P1 would leave B unmatched; the best assignment is A→P2, B→P1.
    g = gold_file(tmp_path, [gev(S1, "CHN", "RUS", "04"), gev(S2, "CHN", "RUS", "04")])
    s1, e1 = span(S1)
    _, e2 = span(S2)
    sc = score(g, [pev(s1, e2, "CHN", "RUS", "04"), pev(s1, e1, "CHN", "RUS", "04")], {DOC: TEXT})
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (2, 0, 0)


def test_quad_class_is_a_separate_matching(tmp_path):
    g = gold_file(tmp_path, [gev(S1, "CHN", "RUS", "04"), gev(S2, "RUS", "USA", "11", "2020")])
    s1, e1 = span(S1)
    s2, e2 = span(S2)
    preds = [pev(s1, e1, "CHN", "RUS", "057"),  # root 05 ≠ 04, both verbal cooperation
             pev(s2, e2, "RUS", "USA", "172", "2020")]  # 17 is material conflict, 11 verbal conflict
    sc = score(g, preds, {DOC: TEXT})
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (0, 2, 2)
    assert (sc.quad.tp, sc.quad.fp, sc.quad.fn) == (1, 1, 1)
    assert sc.dates.n == 0  # dates only over root matches


def test_event_years(tmp_path):
    g = gold_file(tmp_path, [
        gev(S1, "CHN", "RUS", "04", "2019"), gev(S2, "RUS", "USA", "11", "2020-05-01"),
        gev(S4, "RUS", "IND", "04", "1960"), gev(S3, "RUS", "CHN", "01", "2022"),
    ])
    preds = [
        pev(*span(S1), "CHN", "RUS", "04", "2019-05"),  # same year, finer precision: right
        pev(*span(S2), "RUS", "USA", "11", "2021"),  # wrong year
        pev(*span(S4), "RUS", "IND", "042", "1960s"),  # decade written "1960s": year 1960
        {**pev(*span(S3), "RUS", "CHN", "01"), "date": None},  # no date: wrong
    ]
    sc = score(g, preds, {DOC: TEXT})
    assert sc.events.tp == 4
    assert (sc.dates.correct, sc.dates.n) == (2, 4)
    wrong = [e for e in sc.errors if e["type"] == "wrong_year"]
    assert {e["code"] for e in wrong} == {"11", "01"}


def test_year_of_and_last_name():
    assert year_of("2024-05-22") == "2024" and year_of("1960s") == "1960" and year_of("1600") == "1600"
    assert year_of(None) is None and year_of("17th century") is None
    assert last_name("Sergei Lavrov") == "lavrov" and last_name("Mr. Lavrov,") == "lavrov"
    assert last_name("Xi Jinping") == "jinping" and last_name("") == ""


def test_quotes_match_on_overlap_and_last_name(tmp_path):
    q = "we stand together"
    g = gold_file(tmp_path, [
        {"doc": DOC, "kind": "quote", "speaker": "Sergei Lavrov", "text": q},
        {"doc": DOC, "kind": "quote", "speaker": "Sergei Lavrov", "text": q},  # located at the same place
    ])
    s, e = span(q)
    preds = [
        {"kind": "quote", "doc": DOC, "start": s, "end": e, "speaker": "LAVROV"},
        {"kind": "quote", "doc": DOC, "start": s - 1, "end": e + 1, "speaker": "Ivanov"},  # wrong name
        {"kind": "quote", "doc": DOC, "start": 0, "end": 10, "speaker": "Lavrov"},  # elsewhere
    ]
    sc = score(g, preds, {DOC: TEXT})
    assert (sc.quotes.tp, sc.quotes.fp, sc.quotes.fn) == (1, 2, 1)
    more = preds + [{"kind": "quote", "doc": DOC, "start": s + 3, "end": e, "speaker": "Mr. Lavrov,"}]
    sc2 = score(g, more, {DOC: TEXT})
    assert (sc2.quotes.tp, sc2.quotes.fp, sc2.quotes.fn) == (2, 2, 0)


@pytest.mark.parametrize("gold_date,precision,predicted,ok", [
    ("2024-05-22", "day", "2024-05-22", True),
    ("2024-05-22", "day", "2024-05", False),
    ("2024-05-22", "day", "2024-05-23", False),
    ("2024-05", "month", "2024-05-22", True),
    ("2024-05", "month", "2024-06-01", False),
    ("2020", "year", "2020-10-21", True),
    ("2020", "year", None, False),
    (None, None, None, True),
    (None, None, "2024", False),
])
def test_meta_publication_date_at_gold_precision(tmp_path, gold_date, precision, predicted, ok):
    g = gold_file(tmp_path, [{"doc": DOC, "kind": "meta", "published": gold_date, "published_precision": precision}])
    sc = score(g, [{"kind": "meta", "doc": DOC, "published": predicted}], {DOC: TEXT})
    assert (sc.meta.correct, sc.meta.n) == (int(ok), 1)


def test_meta_absent_prediction(tmp_path):
    g = gold_file(tmp_path, [
        {"doc": "n.txt", "kind": "meta", "published": None, "published_precision": None},
        {"doc": "d.txt", "kind": "meta", "published": "2021", "published_precision": "year"},
    ])
    sc = score(g, [], {"n.txt": "x", "d.txt": "y"})
    assert (sc.meta.correct, sc.meta.n) == (1, 2)


def test_unlocatable_gold_is_a_reported_miss(tmp_path):
    g = gold_file(tmp_path, [gev("This sentence is not in the text.", "CHN", "RUS", "04"),
                             gev(S1, "CHN", "RUS", "04")])
    sc = score(g, [pev(*span(S1), "CHN", "RUS", "04")], {DOC: TEXT})
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (1, 0, 1)
    assert len(sc.unlocatable) == 1 and sc.unlocatable[0]["line"] == 1
    assert sc.per_doc[DOC].unlocatable == 1


def test_missing_text_and_other_documents(tmp_path):
    g = gold_file(tmp_path, [gev(S1, "CHN", "RUS", "04"), gev(S1, "CHN", "RUS", "04", doc="b.txt")])
    preds = [pev(*span(S1), "CHN", "RUS", "04"),
             pev(*span(S1), "CHN", "RUS", "04", doc="other.txt"),  # not in gold: ignored
             {**pev(0, 5, "RUS", "UKR", "19"), "doc": None}]  # imported event: ignored
    sc = score(g, preds, {DOC: TEXT})  # no text for b.txt
    assert sc.missing_docs == ["b.txt"]
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (1, 0, 1)


def test_micro_average_per_doc_and_per_code(tmp_path):
    g = gold_file(tmp_path, [gev(S1, "CHN", "RUS", "04"), gev(S1, "CHN", "RUS", "04", doc="b.txt"),
                             gev(S2, "RUS", "USA", "11", doc="b.txt")])
    preds = [pev(*span(S1), "CHN", "RUS", "04"), pev(*span(S4), "RUS", "IND", "19", doc="b.txt")]
    sc = score(g, preds, {DOC: TEXT, "b.txt": TEXT})
    assert (sc.events.tp, sc.events.fp, sc.events.fn) == (1, 1, 2)
    assert sc.events.precision == 0.5 and sc.events.recall == pytest.approx(1 / 3)
    assert sc.per_doc[DOC].events.f1 == 1.0 and sc.per_doc["b.txt"].events.tp == 0
    assert (sc.per_code["04"].tp, sc.per_code["04"].fn) == (1, 1)
    assert sc.per_code["19"].fp == 1 and sc.per_code["11"].fn == 1
    errs = sc.to_dict()["errors"]
    (fp,) = errs["b.txt"]["19"]
    assert fp["type"] == "false_positive" and fp["sentence"] == S4
    (miss,) = errs["b.txt"]["11"]
    assert miss["type"] == "miss" and miss["sentence"] == S2
    json.dumps(sc.to_dict())  # --json output is serialisable


@pytest.mark.parametrize("line,problem", [
    ("{not json", "invalid JSON"),
    ('{"doc": "a.txt", "kind": "event", "sentence": "x", "source": "CHN", "target": "RUS", "code": "21"}', "'code'"),
    ('{"doc": "a.txt", "kind": "event", "source": "CHN", "target": "RUS", "code": "04"}', "'sentence'"),
    ('{"doc": "a.txt", "kind": "quote", "text": "x"}', "'speaker'"),
    ('{"doc": "a.txt", "kind": "story"}', "'kind'"),
    ('{"kind": "meta"}', "'doc'"),
    ('{"doc": "a.txt", "kind": "meta", "published": "2020", "published_precision": "week"}', "published_precision"),
    ('["doc"]', "JSON object"),
])
def test_load_gold_names_file_line_and_problem(tmp_path, line, problem):
    p = tmp_path / "bad.jsonl"
    good = '{"doc": "a.txt", "kind": "meta", "published": null, "published_precision": null}'
    p.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_gold(p)
    msg = str(e.value)
    assert str(p) in msg and "line 3" in msg and problem in msg


def test_load_gold_duplicate_meta(tmp_path):
    rec = '{"doc": "a.txt", "kind": "meta", "published": null, "published_precision": null}'
    p = tmp_path / "dup.jsonl"
    p.write_text(rec + "\n" + rec + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2.*first on line 1"):
        load_gold(p)
