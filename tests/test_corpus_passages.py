"""Passages: paragraph spans, transcript speaker turns, title lines."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from entente.corpus import read_path
from entente.corpus.passages import speaker_name, split_passages

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
SEED_TRANSCRIPT = SEEDS / "001_b242f4e15b4feee3.txt"


def spans(text, passages):
    return [(p.kind, p.speaker, text[p.start:p.end]) for p in passages]


def assert_well_formed(text, passages):
    last = 0
    for p in passages:
        piece = text[p.start:p.end]
        assert piece and piece == piece.strip()
        assert p.start >= last
        last = p.end
    # every non-blank character is inside some passage
    covered = sum(p.end - p.start for p in passages)
    assert covered >= len(re.sub(r"\s+", "", text))


def test_paragraphs_split_at_blank_lines():
    text = "One line.\nStill one.\n\n \t\n\u00a0\nTwo.\r\n\r\nThree.  \n"
    passages, transcript = split_passages(text)
    assert not transcript
    assert spans(text, passages) == [("paragraph", None, "One line.\nStill one."),
                                     ("paragraph", None, "Two."), ("paragraph", None, "Three.")]


@pytest.mark.skipif(not SEED_TRANSCRIPT.exists(), reason="shared seeds not available")
def test_seed_transcript_turns():
    [doc] = read_path(SEED_TRANSCRIPT, max_bytes=20 << 20)
    assert doc.genre == "transcript"
    turns = [p for p in doc.passages if p.kind == "turn"]
    panel = {"Alicia Kearns", "Sergey Radchenko", "Bonny Lin", "Maria Repnikova"}
    assert {t.speaker for t in turns} == panel
    assert len(turns) >= 20
    for t in turns:  # a turn opens with its header line, naming its speaker
        first_line = doc.text[t.start:t.end].splitlines()[0]
        assert speaker_name(first_line) in (t.speaker, t.speaker.split()[0])
    # an in-turn attribution line ("— Name" under a pull quote) does not start a turn
    assert all(not doc.text[t.start:t.end].startswith("\u2014") for t in turns)
    assert doc.passages[0].kind == "title"
    assert_well_formed(doc.text, doc.passages)


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seeds not available")
@pytest.mark.parametrize("name", ["000_8d2bfc2eab6ece07.txt", "002_61fc405e6b15a3ca.txt",
                                  "003_7aa78d0026b6b37f.txt", "004_b3bda8b32a2531a1.txt"])
def test_seed_articles_are_not_transcripts(name):
    [doc] = read_path(SEEDS / name, max_bytes=20 << 20)
    assert doc.genre is None
    assert all(p.kind in ("paragraph", "title") for p in doc.passages)
    assert_well_formed(doc.text, doc.passages)


SPEECH = "We have seen the relationship grow closer over the past decade, and I think that matters."


def test_header_style_transcript_synthetic():
    text = (f"Panel on Energy\n\nProfessor Anna Petrova\n\n{SPEECH}\n\nSecond paragraph of hers.\n\n"
            f"JOHN SMITH\n\n{SPEECH}\n\nAnna\n\n{SPEECH}\n\nJohn Smith\n\n{SPEECH}\n")
    passages, transcript = split_passages(text)
    assert transcript
    turns = [(p.speaker, text[p.start:p.end].count("\n\n")) for p in passages if p.kind == "turn"]
    assert turns == [("Anna Petrova", 2), ("John Smith", 1), ("Anna Petrova", 1), ("John Smith", 1)]


def test_colon_style_transcript():
    text = (f"Interview transcript\n\nSERGEY RADCHENKO: {SPEECH}\n\nStill him, a second paragraph.\n"
            f"BONNY LIN: {SPEECH}\nSERGEY RADCHENKO: Short reply.\n\nBonny Lin: {SPEECH}\n")
    passages, transcript = split_passages(text)
    assert transcript
    got = [(p.speaker, text[p.start:p.end].split(":")[0]) for p in passages if p.kind == "turn"]
    assert got == [("Sergey Radchenko", "SERGEY RADCHENKO"), ("Bonny Lin", "BONNY LIN"),
                   ("Sergey Radchenko", "SERGEY RADCHENKO"), ("Bonny Lin", "Bonny Lin")]
    assert text[passages[1].start:passages[1].end].endswith("second paragraph.")
    assert_well_formed(text, passages)


def test_two_speakers_once_each_under_a_press_conference_title():
    text = (f"Remarks at the Joint Press Conference, Lima, March 3, 2022\n\nAna Torres: {SPEECH}\n\n"
            f"Luis Vidal: {SPEECH}\n")
    passages, transcript = split_passages(text)
    assert transcript and [p.speaker for p in passages if p.kind == "turn"] == ["Ana Torres", "Luis Vidal"]
    # the same two lines under an article's title are not turns
    passages, transcript = split_passages(text.replace("Remarks at the Joint Press Conference", "Ties That Bind"))
    assert not transcript


def test_article_with_section_headings_is_not_a_transcript():
    text = (f"Ties That Bind Moscow\n\n{SPEECH}\n\nEnergy Deals\n\n{SPEECH}\n\nMilitary Exercises\n\n"
            f"{SPEECH}\n\nThe road ahead for Europe\n\n{SPEECH}\n\nConclusion\n\n{SPEECH}\n")
    passages, transcript = split_passages(text)
    assert not transcript and all(p.kind == "paragraph" for p in passages)


def test_single_named_line_is_not_a_speaker():
    text = f"Vladimir Putin\n\n{SPEECH}\n\nNote: figures are estimates.\n\nSource: customs data.\n\nSource: ministry.\n"
    passages, transcript = split_passages(text)
    assert not transcript and {p.kind for p in passages} == {"paragraph"}


def test_a_press_conference_with_reporter_labels_is_a_transcript():
    text = (f"Press conference\n\nAnna Petrova: {SPEECH}\n\nReporter: Will you travel?\n\n"
            f"Anna Petrova: {SPEECH}\n")
    passages, transcript = split_passages(text)
    assert transcript
    assert [p.speaker for p in passages if p.kind == "turn"] == ["Anna Petrova", "Reporter", "Anna Petrova"]
    assert_well_formed(text, passages)


def test_colon_turns_with_affiliation():
    text = (f"ANNA PETROVA (Moscow State): {SPEECH}\n\nJOHN SMITH (CSIS): {SPEECH}\n\n"
            f"ANNA PETROVA: Briefly, yes.\n")
    passages, transcript = split_passages(text)
    assert transcript and [p.speaker for p in passages] == ["Anna Petrova", "John Smith", "Anna Petrova"]


def test_colon_list_labels_are_not_speakers():
    text = "Positions\n\nBeijing: wants stability.\nMoscow: wants support.\nBeijing: hedges.\nMoscow: presses.\n"
    passages, transcript = split_passages(text)
    assert not transcript


def test_question_answer_interview():
    text = f"Q: What changed?\n\nA: {SPEECH}\n\nQ: And next?\n\nA: More of the same.\n"
    passages, transcript = split_passages(text)
    assert transcript and [p.speaker for p in passages] == ["Q", "A", "Q", "A"]


@pytest.mark.parametrize("line,name", [
    ("Alicia Kearns", "Alicia Kearns"), ("Dr Maria Repnikova", "Maria Repnikova"),
    ("Alicia Kearns MP", "Alicia Kearns"), ("SERGEY RADCHENKO", "Sergey Radchenko"),
    ("Ursula von der Leyen", "Ursula von der Leyen"), ("— Bonny Lin", None),
    ("The way forward for Europe", None), ("Thank you, Sergey, over to you.", None),
    ("Conclusion", None), ("China and Russia", None), ("Bonny Lin:", "Bonny Lin"),
    ("Sergey Radchenko (Johns Hopkins SAIS)", "Sergey Radchenko"), ("Alicia Kearns, Chair", "Alicia Kearns"),
])
def test_speaker_name(line, name):
    assert speaker_name(line) == name


def test_one_sentence_per_line_files_become_one_passage_per_line():
    from entente.corpus.passages import split_passages

    lines = [f"Statement number {i} was issued by the ministry today." for i in range(40)]
    text = "\n".join(lines) + "\n"
    passages, _ = split_passages(text)
    assert len(passages) == 40
    assert max(p.end - p.start for p in passages) < 100
    assert text[passages[7].start:passages[7].end] == lines[7]


def test_hard_wrapped_paragraph_stays_one_passage():
    from entente.corpus.passages import split_passages

    text = ("The delegation arrived on a grey morning and the talks\nthat followed ran late into the "
            "evening while\naides waited outside for a statement that never came.\n")
    passages, _ = split_passages(text)
    assert len(passages) == 1


def test_white_house_layout_no_break_spaces_and_q_lines():
    # official transcripts online pad "NAME:" and "Q" with no-break spaces
    text = ("Background Press Call\n\n\u00a0\u00a0 MODERATOR:\u00a0 Thanks, everyone.\n\n"
            f"SENIOR ADMINISTRATION OFFICIAL:\u00a0 {SPEECH}\n\nQ\u00a0\u00a0\u00a0 Can you say more about the talks?\n\n"
            f"SENIOR ADMINISTRATION OFFICIAL:\u00a0 {SPEECH}\n\nQ:  And on sanctions?\n\nMODERATOR:\u00a0 Last one.\n")
    passages, transcript = split_passages(text)
    assert transcript
    assert [p.speaker for p in passages if p.kind == "turn"] == [
        "Moderator", "Senior Administration Official", "Q", "Senior Administration Official", "Q", "Moderator"]
    assert_well_formed(text, passages)


def test_ministry_press_conference_spokesperson_turns():
    # a foreign ministry's regular press conference labels its official "Spokesperson:"
    text = ("Regular Press Conference, May 5, 2023\n\nQuestion: Could you share more about the call?\n\n"
            f"Spokesperson: {SPEECH}\n\nQuestion: And the visit?\n\nSpokesperson: More of the same.\n")
    passages, transcript = split_passages(text)
    assert transcript and [p.speaker for p in passages if p.kind == "turn"] == [
        "Question", "Spokesperson", "Question", "Spokesperson"]
