"""The bundled demo corpus: its shape, that the readers take it, and that it copies no seed text."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from entente.corpus import read_path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "entente" / "data" / "demo"
SEEDS = ROOT / ".." / "shared" / "seeds"
WORD = re.compile(r"[a-z0-9]+")
SHINGLE = 8  # stricter than the shared 10-word check, so near-copies fail here first
# Official names are facts, not prose: they may match a seed word for word.
OFFICIAL_NAMES = ("comprehensive strategic partnership of coordination for a new era",)


def wire_records() -> list[dict]:
    lines = (DEMO / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus_files() -> list[Path]:
    return sorted(p for p in DEMO.rglob("*") if p.is_file() and p.name != "README.md")


def speaker_lines(text: str) -> Counter[str]:
    """Lines that stand alone as a paragraph and are followed by speech: the turn headers."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    heads = Counter()
    for block, nxt in zip(blocks, blocks[1:]):
        if "\n" not in block and len(block.split()) <= 4 and not block.endswith((".", "?", ":")):
            if len(nxt.split()) > 8:
                heads[block] += 1
    return heads


def test_corpus_reads_to_at_least_40_documents():
    docs = [d for p in corpus_files() for d in read_path(p, max_bytes=10_000_000)]
    assert len(docs) >= 40
    assert len({d.content_hash for d in docs}) == len(docs), "duplicate documents"
    assert all(d.text.strip() and d.published for d in docs)


def test_wire_records_have_fields_dates_and_span():
    records = wire_records()
    assert len(records) >= 38
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    years = []
    for r in records:
        for key in ("id", "title", "published", "source", "text"):
            assert isinstance(r.get(key), str) and r[key].strip(), (r.get("id"), key)
        day = dt.date.fromisoformat(r["published"])  # raises on a bad date
        assert len(r["published"]) == 10, r["id"]
        assert r["id"].startswith(r["published"]), r["id"]
        assert 80 <= len(r["text"].split()) <= 250, r["id"]
        years.append(day.year)
    assert min(years) <= 1949 and max(years) >= 2024
    assert [r["published"] for r in records] == sorted(r["published"] for r in records)


def test_wire_mentions_the_triangle_and_neighbours():
    text = " ".join(r["text"] for r in wire_records())
    for name in ("United States", "Ukraine", "India", "Kazakhstan", "European Union", "NATO",
                 "United Nations", "Taiwan", "Japan"):
        assert name in text, name


def test_analyses_have_title_and_published_line():
    paths = sorted((DEMO / "analyses").glob("*.md"))
    assert len(paths) == 5
    for p in paths:
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        assert lines[0].startswith("# "), p.name
        assert re.match(r"(First )?[Pp]ublished (on )?\S", lines[1]), p.name
        assert 250 <= len(" ".join(lines).split()) <= 500, p.name
        doc = read_path(p, max_bytes=1_000_000)[0]
        assert doc.published_precision == "day", p.name


def test_transcript_has_three_recurring_speakers():
    path = DEMO / "panel-2023-transcript.txt"
    heads = speaker_lines(path.read_text(encoding="utf-8"))
    recurring = [name for name, n in heads.items() if n >= 2]
    assert len(recurring) >= 3, heads
    doc = read_path(path, max_bytes=1_000_000)[0]
    assert doc.published == "2023-06-14"
    assert set(recurring) <= {p.speaker for p in doc.passages if p.kind == "turn"}


def test_speaker_lines_ignores_prose():
    text = "Title\n\nAnna Petrova\n\nA long enough paragraph of speech that follows the name line here.\n\nShort.\n\nok"
    assert speaker_lines(text) == Counter({"Anna Petrova": 1})


def shingles(text: str, *, skip: tuple[str, ...] = ()) -> set[str]:
    text = " ".join(WORD.findall(text.lower()))
    for name in skip:
        text = text.replace(name, " | ")  # a break no shingle can span
    ws = re.findall(r"[a-z0-9]+|\|", text)
    runs = (ws[i:i + SHINGLE] for i in range(len(ws) - SHINGLE + 1))
    return {" ".join(run) for run in runs if "|" not in run}


def test_shingles_skip_official_names_only():
    name = OFFICIAL_NAMES[0]
    assert not shingles(f"they agreed on a {name} today", skip=OFFICIAL_NAMES)
    assert shingles(f"they agreed on a {name} today") >= {"they agreed on a comprehensive strategic partnership of"}


def test_no_eight_word_run_from_the_seeds():
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    seed: set[str] = set()
    for p in sorted(SEEDS.iterdir()):
        if p.is_file():
            seed |= shingles(p.read_text(encoding="utf-8", errors="replace"))
    assert seed, "seed folder is empty"
    copied = {}
    for p in [*corpus_files(), DEMO / "README.md"]:
        hits = shingles(p.read_text(encoding="utf-8"), skip=OFFICIAL_NAMES) & seed
        if hits:
            copied[p.name] = sorted(hits)[:3]
    assert not copied, copied


def test_every_demo_document_codes(coder):
    # the demo job ingests all of these: one that fails to code is a failed ingest in the README's command
    docs = [d for p in corpus_files() for d in read_path(p, max_bytes=50_000_000)]
    assert len(docs) >= 60
    events = 0
    for d in docs:
        events += len(coder.code(d, coder.nlp(d.text)).events)
    assert events > 300
