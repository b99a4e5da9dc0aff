"""Export round-trips: JSONL records carry the CODEBOOK fields; CSV/Parquet load in pandas and DuckDB."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from entente.errors import ConfigError
from entente.store import db
from entente.store.export import export, table_paths
from entente.types import CodedDocument, Document, Event, Passage, Quote

# Non-ASCII before the events checks that offsets count code points, like Python.
TEXT = (
    "Dateline 😀 “Sino-Russian” talks.\n"
    "Xi visited Moscow in May 2024.\n"
    "Lavrov said “the partnership has no limits” on Tuesday.\n"
)
EV_SENT = "Xi visited Moscow in May 2024."
Q_TEXT = "the partnership has no limits"
Q_SENT = "Lavrov said “the partnership has no limits” on Tuesday."


def _coded(text: str, *, content_hash: str) -> CodedDocument:
    s = text.index(EV_SENT)
    t = text.index("visited")
    qs = text.index(Q_TEXT)
    ss = text.index(Q_SENT)
    doc = Document(
        name="a.txt", path="/x/a.txt", text=text, format="text", content_hash=content_hash,
        title="A title", url="https://example.org/a", author="Au Thor", site="example.org",
        published="2024-05-22", published_precision="day", genre="news",
        passages=(Passage(0, len(text)),),
    )
    ev = Event(
        sent_start=s, sent_end=s + len(EV_SENT), source="CHN", target="RUS", cameo="042",
        date="2024-05", date_precision="month", trigger_start=t, trigger_end=t + len("visited"),
        rule="visit.v1", coder="rules.v1", confidence=0.8, source_text="Xi", target_text="Moscow",
    )
    q = Quote(start=qs, end=qs + len(Q_TEXT), sent_start=ss, sent_end=ss + len(Q_SENT), speaker="Sergei Lavrov",
              rule="said.v1", coder="rules.v1", confidence=0.9, speaker_actor="RUS")
    return CodedDocument(document=doc, events=[ev], quotes=[q], doc_date="2024-05-22", doc_date_precision="day")


@pytest.fixture()
def con(tmp_path):
    con = db.connect(tmp_path / "s.duckdb")
    db.write_document(con, _coded("Old version.\n" + TEXT, content_hash="h1"))
    db.write_document(con, _coded(TEXT, content_hash="h2"))  # same path, new content: version 2
    con.execute(
        "INSERT INTO events (event_id, origin, source, target, cameo, root, quad_class, goldstein, date, "
        "date_precision, external_id) VALUES ('g1', 'gdelt', 'RUS', 'UKR', '190', '19', 4, -10.0, "
        "'2022-02-24', 'day', '1234')"
    )
    yield con
    con.close()


def _records(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_jsonl_has_codebook_fields_and_exact_offsets(con, tmp_path):
    out = tmp_path / "sub" / "x.jsonl"
    counts = export(con, fmt="jsonl", out=out)
    recs = _records(out)
    assert counts["documents"] == 1 and counts["events"] == 2 and counts["quotes"] == 1
    assert counts["files"] == [str(out)]
    meta = [r for r in recs if r["kind"] == "meta"]
    assert len(meta) == 1
    m = meta[0]
    assert (m["doc"], m["published"], m["published_precision"], m["genre"], m["version"]) == (
        "a.txt", "2024-05-22", "day", "news", 2)
    for key in ("title", "doc_id", "path", "url", "site", "author"):
        assert m[key], key
    events = [r for r in recs if r["kind"] == "event"]
    ours = next(e for e in events if e["origin"] == "entente")
    assert TEXT[ours["start"]:ours["end"]] == EV_SENT == ours["sentence"]
    assert ours["trigger"] == "visited" and TEXT[ours["trigger_start"]:ours["trigger_end"]] == "visited"
    assert (ours["doc"], ours["source"], ours["target"], ours["code"], ours["cameo"], ours["root"]) == (
        "a.txt", "CHN", "RUS", "042", "042", "04")
    assert (ours["date"], ours["date_precision"], ours["quad_class"], ours["plover"]) == (
        "2024-05", "month", 1, "CONSULT")
    assert ours["goldstein"] == pytest.approx(1.9)
    assert ours["date_start"] == "2024-05-01"
    for key in ("event_id", "rule", "coder", "confidence", "doc_id", "source_text"):
        assert ours[key] is not None, key
    imported = next(e for e in events if e["origin"] == "gdelt")
    assert imported["doc"] is None and imported["sentence"] is None and imported["external_id"] == "1234"
    (q,) = [r for r in recs if r["kind"] == "quote"]
    assert TEXT[q["start"]:q["end"]] == Q_TEXT == q["text"]
    assert q["sentence"] == Q_SENT and TEXT[q["sent_start"]:q["sent_end"]] == Q_SENT
    assert (q["doc"], q["speaker"], q["speaker_actor"], q["rule"]) == ("a.txt", "Sergei Lavrov", "RUS", "said.v1")
    # meta first, then events, then quotes
    assert [r["kind"] for r in recs] == ["meta", "event", "event", "quote"]


def test_jsonl_all_versions(con, tmp_path):
    out = tmp_path / "all.jsonl"
    counts = export(con, fmt="jsonl", out=out, current_only=False)
    assert (counts["documents"], counts["events"], counts["quotes"]) == (2, 3, 2)
    versions = sorted(r["version"] for r in _records(out) if r["kind"] == "meta")
    assert versions == [1, 2]
    old = [r for r in _records(out) if r["kind"] == "event" and r["origin"] == "entente"]
    assert {r["sentence"] for r in old} == {EV_SENT}


def test_csv_one_file_per_table(con, tmp_path):
    out = tmp_path / "x.csv"
    counts = export(con, fmt="csv", out=out)
    paths = table_paths(out, "csv")
    assert paths["events"] == tmp_path / "x.events.csv"
    assert sorted(counts["files"]) == sorted(str(p) for p in paths.values())
    events = pd.read_csv(paths["events"], dtype={"code": str, "cameo": str, "root": str})
    assert len(events) == counts["events"] == 2
    assert {"doc", "start", "end", "source", "target", "code", "cameo", "quad_class", "goldstein",
            "date", "date_precision"} <= set(events.columns)
    assert "kind" not in events.columns
    assert set(events["code"]) == {"042", "190"}
    docs = pd.read_csv(paths["documents"])
    assert len(docs) == 1 and docs.loc[0, "text"] == TEXT  # multi-line text survives CSV quoting
    assert len(pd.read_csv(paths["quotes"])) == 1
    assert len(pd.read_csv(paths["passages"])) == 1


def test_parquet_readable_by_duckdb_and_pandas(con, tmp_path):
    out = tmp_path / "pq"  # no suffix: a directory of tables
    counts = export(con, fmt="parquet", out=out)
    assert (out / "events.parquet").exists()
    n = duckdb.connect().execute(f"SELECT count(*) FROM '{out / 'events.parquet'}'").fetchone()[0]
    assert n == counts["events"] == 2
    ev = pd.read_parquet(out / "events.parquet")
    row = ev[ev["origin"] == "entente"].iloc[0]
    assert row["sentence"] == EV_SENT and row["code"] == "042" and row["doc"] == "a.txt"
    assert len(pd.read_parquet(out / "quotes.parquet")) == counts["quotes"] == 1
    assert len(pd.read_parquet(out / "documents.parquet")) == counts["documents"] == 1


def test_unknown_format_names_the_choices(con, tmp_path):
    with pytest.raises(ConfigError, match="jsonl, csv, parquet"):
        export(con, fmt="xlsx", out=tmp_path / "x.xlsx")


def test_empty_store_exports_nothing(tmp_path):
    con = db.connect(tmp_path / "e.duckdb")
    out = tmp_path / "e.jsonl"
    counts = export(con, fmt="jsonl", out=out)
    assert (counts["documents"], counts["events"], counts["quotes"]) == (0, 0, 0)
    assert out.read_text() == ""


def test_export_from_a_read_only_connection(con, tmp_path):
    path = con.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()[0]
    con.close()
    ro = db.connect(path, read_only=True)
    try:
        counts = export(ro, fmt="parquet", out=tmp_path / "ro.parquet")
        assert counts["events"] == 2 and (tmp_path / "ro.events.parquet").exists()
    finally:
        ro.close()
