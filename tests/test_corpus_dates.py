"""Publication dates: seeds against gold, and phrasings the seeds do not show."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from entente.corpus import find_published, read_path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
GOLD = SHARED / "gold" / "seeds.jsonl"


def _gold_meta() -> list[dict]:
    if not GOLD.exists():
        return []
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("kind") == "meta"]


@pytest.mark.skipif(not GOLD.exists(), reason="shared seeds not available")
@pytest.mark.parametrize("meta", _gold_meta(), ids=lambda m: m["doc"])
def test_seed_publication_date_matches_gold(meta):
    [doc] = read_path(SHARED / "seeds" / meta["doc"], max_bytes=20 << 20)
    assert (doc.published, doc.published_precision) == (meta["published"], meta["published_precision"])


BODY = "\n\nIn 1969 the border war broke out on the Ussuri. By March 2, 1969 troops had clashed.\n"

CASES = [
    ("Title Of A Piece\n\nPublished May 8, 2024" + BODY, ("2024-05-08", "day")),
    ("Title Of A Piece\n\nPublished: 8 May 2024 10:30 GMT" + BODY, ("2024-05-08", "day")),
    ("Title Of A Piece\nPosted on Tuesday, March 5th, 2019 by admin" + BODY, ("2019-03-05", "day")),
    ("Title Of A Piece" + BODY + "\nThis commentary was originally published on 3 June 2022 by Example.\n",
     ("2022-06-03", "day")),
    ("Title Of A Piece\n\nBy Jane Doe | Sept. 14, 2023" + BODY, ("2023-09-14", "day")),
    ("Title Of A Piece\n\nWednesday 21 October 2020" + BODY, ("2020-10-21", "day")),
    ("Title Of A Piece\n\n2021-07-16" + BODY, ("2021-07-16", "day")),
    ("Title Of A Piece\n\nOctober 2020" + BODY, ("2020-10", "month")),
    ("MOSCOW, May 8, 2024 (Reuters) - Russia said on Wednesday" + BODY, ("2024-05-08", "day")),
    ("BEIJING, 16 May 2024 \u2014 Xi Jinping welcomed" + BODY, ("2024-05-16", "day")),
    ("Title Of A Piece\n\nDate: 12/01/2023\nDate: 2023/01/12" + BODY, ("2023-01-12", "day")),
    ("Title Of A Piece" + BODY + "\nUpdated Jan 3, 2025\n", ("2025-01-03", "day")),
    ("Title Of A Piece\n\nPublished: 22.05.2024" + BODY, ("2024-05-22", "day")),
    ("Title Of A Piece\n\nDate: 05/22/2024" + BODY, ("2024-05-22", "day")),
    ("Title" + BODY + "\nThis article originally appeared in Foreign Affairs on May 22, 2024.\n", ("2024-05-22", "day")),
    ("Title\nFirst published: Wed 22 May 2024 06.00 BST" + BODY, ("2024-05-22", "day")),
    ("Title\n\nMay 22nd, 2024 | 5 min read" + BODY, ("2024-05-22", "day")),
    ("Title\n\n10:30 AM, May 8, 2024" + BODY, ("2024-05-08", "day")),
    ("Title\n\nPublished 2 Feb 2022\n\nLast updated 9 Feb 2022" + BODY, ("2022-02-02", "day")),
    ("Title\n\n12 March 2023\n" + BODY + "\nUpdated 14 March 2023\n", ("2023-03-12", "day")),
    # a transcript's title dates the event it records
    ("Spokesperson Li Wei's Regular Press Conference on March 14, 2023\n\nLi Wei: Good afternoon." + BODY,
     ("2023-03-14", "day")),
    ("Remarks by the Minister at the Forum, 3 June 2021\n\nThank you." + BODY, ("2021-06-03", "day")),
]

NO_DATE = [
    "Title Of A Piece" + BODY,
    "MOSCOW, May 8 (Reuters) - Russia said on Wednesday it would talk." + BODY,
    "Title\n\nThe treaty was renewed on June 28, 2021, a fortnight after the summit.\n",
    "Title\n\nThe report, published on May 3, 2019, found little trade growth.\n",
    "Title\n\nSome body text.\n\nCopyright 2023 Example Media. All rights reserved.\n",
    "Title\n\n" + "Filler paragraph about diplomacy.\n\n" * 20 + "21 October 2020\n",
    "Title\n\nFebruary 30, 2021\n\nBody.\n",
    "Title\n\n03/04/2021\n\nBody.\n",
    "Title\n\nPublished 1 hour ago\n\nBody.\n",
    "An Interview About the War of 1969 and Its Legacy\n\nBody.\n",  # a year in a title is a topic
]


@pytest.mark.parametrize("text,expected", CASES)
def test_stated_dates(text, expected):
    assert find_published(text) == expected


@pytest.mark.parametrize("text", NO_DATE)
def test_no_stated_date(text):
    assert find_published(text) == (None, None)


@pytest.mark.parametrize("meta,expected", [
    ("2024-05-22T08:00:00+00:00", ("2024-05-22", "day")),
    ("2024-05", ("2024-05", "month")),
    ("2024", ("2024", "year")),
    ("D:20230115093000Z", ("2023-01-15", "day")),
    ("May 22, 2024", ("2024-05-22", "day")),
])
def test_metadata_date_wins(meta, expected):
    assert find_published("Title\n\nPublished May 8, 2020\n", metadata_date=meta) == expected


def test_unparseable_metadata_falls_back_to_text():
    assert find_published("Title\n\nPublished May 8, 2020\n", metadata_date="yesterday") == ("2020-05-08", "day")
