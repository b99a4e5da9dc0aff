"""The HTML report: self-contained, no URL, the dyad's milestones and evidence, text escaped."""
import re
from html.parser import HTMLParser

import pytest

from entente.store import db
from entente.views.report import esc, write_report
from test_analysis_indices import insert_events, make_event

EVIL = 'Moscow and Beijing signed a treaty. <script>alert("x")</script> See http://example.org/a and HTTPS://x.y'


def add_doc(con, doc_id, name, text, url=None):
    con.execute("INSERT INTO documents (doc_id, name, path, version, is_current, content_hash, text, url, title) "
                "VALUES (?, ?, ?, 1, true, ?, ?, ?, ?)", [doc_id, name, "/c/" + name, doc_id, text, url,
                                                          "Title with https://t.co link"])


@pytest.fixture
def con(tmp_path):
    c = db.connect(tmp_path / "t.duckdb")
    add_doc(c, "d0", "treaty.txt", EVIL, url="https://news.example/treaty")
    add_doc(c, "d1", "again.txt", "In 2001 the two states concluded their friendship treaty.")
    add_doc(c, "d2", "summit.txt", "Putin visited Beijing in 2019. Xi went to Moscow in 2023.")
    insert_events(c, [
        make_event(1, "CHN", "RUS", "057", "2001-07-16", doc_id="d0", sent=0),
        make_event(2, "RUS", "CHN", "057", "2001-07-16", doc_id="d0", sent=0),
        make_event(3, "CHN", "RUS", "057", "2001", doc_id="d1", sent=0),
        make_event(4, "RUS", "CHN", "042", "2019-06-05", doc_id="d2", sent=0),
        make_event(5, "CHN", "RUS", "042", "2023-03-21", doc_id="d2", sent=31),
        make_event(6, "CHN", "RUS", "111", "2015-05-01", origin="gdelt", doc_id=None, sent=0),
    ])
    c.execute("UPDATE events SET source_url = 'http://gdelt.example/x', external_id = '42' WHERE event_id = 'e6'")
    c.execute("INSERT INTO quotes (quote_id, doc_id, start_char, end_char, speaker, speaker_actor, text) "
              "VALUES ('q1', 'd1', 0, 20, 'Vladimir Putin', 'RUS', 'Our friendship <b>has no limits</b>')")
    return c


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.refs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [(tag, k, v) for k, v in attrs if k in ("src", "href", "xlink:href", "action", "data")]


def test_report_is_self_contained_and_traceable(con, tmp_path):
    out = write_report(con, a="CHN", b="RUS", out=tmp_path / "r" / "chn-rus.html")
    text = out.read_text("utf-8")
    assert "http" not in text.lower()
    assert "<script" not in text.lower() and "&lt;script&gt;" in text
    assert "url(" not in text and "@import" not in text
    p = _Refs()
    p.feed(text)
    assert "link" not in p.tags and "img" not in p.tags and "iframe" not in p.tags
    assert p.refs and all(v.startswith("#") for _, _, v in p.refs)  # only in-page anchors
    # milestones: the treaty once with both sources, two distinct summits
    rows = re.findall(r'<tr id="m-[^"]+"><td>([^<]+)</td><td>([^<]+)<', text)
    rows = [(d, lab.strip()) for d, lab in rows]
    assert sorted(rows) == [("2001-07-16", "CHN–RUS: sign formal agreement"),
                            ("2015-05-01", "CHN→RUS: criticize or denounce"),
                            ("2019-06-05", "RUS→CHN: make a visit"), ("2023-03-21", "CHN→RUS: make a visit")]
    assert "2019-06-05" in text and "2023-03-21" in text
    # citations: title (or file) + date + a short quote, not offsets
    assert "treaty.txt (2001-07-16): “Moscow and Beijing signed a treaty." in text and "again.txt (" in text
    assert "[0–" not in text and not re.search(r"\b1 events\b", text)
    assert "Key findings" in text and "Caveats" in text and "Vertical axis" in text
    # charts are inline SVG, and chart bars link to evidence anchors that exist
    assert text.count("<svg") >= 3
    anchors = {v[1:] for _, _, v in p.refs}
    for a in anchors:
        assert f'id="{a}"' in text
    assert "&lt;b&gt;has no limits&lt;/b&gt;" in text and "Vladimir Putin" in text
    assert "gdelt event 42" in text


def test_report_window_and_empty_pair(con, tmp_path):
    out = write_report(con, a="CHN", b="RUS", start="2019", end="2023", out=tmp_path / "w.html")
    text = out.read_text("utf-8")
    assert "sign formal agreement" not in text and "2019-06-05" in text
    empty = write_report(con, a="CHN", b="JPN", out=tmp_path / "e.html").read_text("utf-8")
    assert "No milestones in range" in empty and "http" not in empty.lower()


def test_esc_defuses_urls_but_renders_same():
    s = str(esc("see https://a.b & <i>"))
    assert "http" not in s and "&amp;" in s and "&lt;i&gt;" in s
    import html
    assert html.unescape(s) == "see https://a.b & <i>"


def test_cli_report(con, tmp_path):
    from typer.testing import CliRunner

    from entente.views.cli import app

    store = tmp_path / "t.duckdb"
    con.close()
    out = tmp_path / "cli.html"
    r = CliRunner().invoke(app, ["report", "--dyad", "CHN-RUS", "--from", "2000", "--to", "2024",
                                 "--out", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert out.exists() and "http" not in out.read_text("utf-8").lower()
    r = CliRunner().invoke(app, ["report", "--dyad", "CHNRUS", "--out", str(out), "--store", str(store)])
    assert r.exit_code == 2 and "CHN-RUS" in r.output
