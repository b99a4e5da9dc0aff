"""Readers: each format, offsets, metadata, and every way a file can be bad."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from entente.corpus import SUPPORTED_SUFFIXES, read_path
from entente.errors import SourceError

MB = 1024 * 1024
LIMIT = 20 * MB


def make_pdf(pages: list[str | None]) -> bytes:
    """A minimal valid PDF; a page given as None has no text layer."""
    objects: list[bytes] = []
    kids = []
    n_pages = len(pages)
    # 1: catalog, 2: pages, 3: font, then (page, content) pairs
    for i, text in enumerate(pages):
        page_no, content_no = 4 + 2 * i, 5 + 2 * i
        kids.append(f"{page_no} 0 R")
        if text is None:
            stream = b"0 0 m 100 100 l S"
        else:
            esc = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            stream = f"BT /F1 12 Tf 72 720 Td ({esc}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_no} 0 R "
            f"/Resources << /Font << /F1 3 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {n_pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for no, obj in enumerate(head + objects, start=1):
        offsets.append(len(body))
        body += f"{no} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def reason_of(path: Path) -> str:
    with pytest.raises(SourceError) as info:
        read_path(path, max_bytes=LIMIT)
    err = info.value
    assert err.path == str(path)
    assert str(path) in str(err)
    return err.reason


# --- plain text -------------------------------------------------------------

def test_txt_text_is_raw_content_unchanged(tmp_path):
    raw = "  Title Of The Piece\r\n\r\nFirst para, with “quotes” — and é.\r\nSame para.\r\n\r\n\u00a0\r\nSecond.\r\n"
    p = write(tmp_path, "a.txt", raw)
    [doc] = read_path(p, max_bytes=LIMIT)
    assert doc.text == p.read_bytes().decode("utf-8") == raw
    assert doc.name == "a.txt"
    assert doc.path == str(p.absolute())
    assert doc.format == "text"
    assert doc.content_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert doc.title == "Title Of The Piece"
    kinds = [(x.kind, doc.text[x.start:x.end]) for x in doc.passages]
    assert kinds == [("title", "Title Of The Piece"),
                     ("paragraph", "First para, with “quotes” — and é.\r\nSame para."),
                     ("paragraph", "Second.")]


def test_md_is_read_as_text(tmp_path):
    p = write(tmp_path, "notes.md", "# Heading here now\n\nBody text.\n")
    [doc] = read_path(p, max_bytes=LIMIT)
    assert doc.text.startswith("# Heading") and doc.format == "text"
    assert doc.title == "Heading here now"
    assert doc.passages[0].kind == "title" and doc.text[doc.passages[0].start:doc.passages[0].end] == "# Heading here now"


def test_utf8_bom_is_kept_in_text_but_not_in_title(tmp_path):
    p = write(tmp_path, "bom.txt", "\ufeffA Title With Bom\n\nBody text.\n")
    [doc] = read_path(p, max_bytes=LIMIT)
    assert doc.text.startswith("\ufeff") and doc.title == "A Title With Bom"
    assert doc.passages[0].start == 1


def test_txt_in_detected_legacy_encoding(tmp_path):
    raw = ("Beijing and Moscow signed an “agreement” on energy — the café owner’s view "
           "was that relations are “deepening”. ") * 20
    p = write(tmp_path, "cp.txt", raw.encode("cp1252"))
    [doc] = read_path(p, max_bytes=LIMIT)
    assert doc.text == raw


def test_utf16_with_bom(tmp_path):
    p = write(tmp_path, "u16.txt", "Hello from a UTF-16 file.\n".encode("utf-16"))
    [doc] = read_path(p, max_bytes=LIMIT)
    assert "UTF-16 file." in doc.text


# --- bad inputs ---------------------------------------------------------------

def test_empty_file(tmp_path):
    assert reason_of(write(tmp_path, "e.txt", b"")) == "empty file"


def test_whitespace_only_file(tmp_path):
    assert "empty file" in reason_of(write(tmp_path, "w.txt", b" \n\n\t \n"))


def test_file_over_max_bytes(tmp_path):
    p = write(tmp_path, "big.txt", b"a" * (MB + MB // 2))
    with pytest.raises(SourceError) as info:
        read_path(p, max_bytes=MB)
    assert info.value.reason == "file is 1.5 MB, over the 1.0 MB limit (--max-bytes)"


def test_binary_content(tmp_path):
    assert "binary" in reason_of(write(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10))


def test_control_characters_are_binary(tmp_path):
    assert "binary" in reason_of(write(tmp_path, "c.txt", bytes(range(1, 9)) * 50 + b"text"))


def test_invalid_utf8_without_reliable_encoding(tmp_path):
    junk = bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\x00", b"\x01")
    junk = bytes(b if b >= 0x80 else 0x80 + b % 0x7F for b in junk)
    assert reason_of(write(tmp_path, "j.txt", junk)) == "not valid UTF-8 and no reliable encoding detected"


def test_unsupported_suffix(tmp_path):
    reason = reason_of(write(tmp_path, "x.docx", b"PK\x03\x04"))
    assert "unsupported file type '.docx'" in reason and ".txt" in reason


def test_missing_file(tmp_path):
    assert reason_of(tmp_path / "nope.txt") == "no such file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    p = write(tmp_path, "locked.txt", "secret text")
    p.chmod(0)
    try:
        assert "permission denied" in reason_of(p)
    finally:
        p.chmod(0o644)


# --- JSONL -------------------------------------------------------------------

def test_jsonl_records(tmp_path):
    lines = [
        {"text": "Putin met Xi in Beijing.", "title": "Visit", "url": "https://ex.org/1",
         "published": "2024-05-16", "source": "Ex News", "author": "A. Writer", "genre": "news"},
        {"id": "rec-7", "text": "Second record text."},
    ]
    raw = "\n".join(json.dumps(x) for x in lines) + "\n\n"
    p = write(tmp_path, "batch.jsonl", raw)
    first, second = read_path(p, max_bytes=LIMIT)
    assert first.name == "batch.jsonl#1" and first.path == f"{p.absolute()}#1"
    assert (first.title, first.url, first.site, first.author, first.genre) == (
        "Visit", "https://ex.org/1", "Ex News", "A. Writer", "news")
    assert (first.published, first.published_precision) == ("2024-05-16", "day")
    assert first.format == "jsonl"
    assert first.content_hash == hashlib.sha256(json.dumps(lines[0]).encode()).hexdigest()
    assert second.name == "rec-7" and second.path.endswith("#2") and second.published is None


def test_jsonl_malformed_line_names_line(tmp_path):
    p = write(tmp_path, "bad.jsonl", '{"text": "ok"}\n{"text": "broken\n')
    assert reason_of(p).startswith("line 2: invalid JSON")


def test_jsonl_missing_text(tmp_path):
    p = write(tmp_path, "nt.jsonl", '{"text": "ok"}\n\n{"title": "no body"}\n')
    assert reason_of(p) == "line 3: missing or empty required field 'text'"


def test_jsonl_not_an_object(tmp_path):
    assert reason_of(write(tmp_path, "arr.jsonl", '["a", "b"]\n')) == "line 1: expected a JSON object, found list"


def test_jsonl_wrong_field_type(tmp_path):
    p = write(tmp_path, "ft.jsonl", '{"text": "ok", "title": ["x"]}\n')
    assert reason_of(p) == "line 1: field 'title' should be a string, found list"


# --- HTML --------------------------------------------------------------------

ARTICLE = """<!doctype html><html><head><title>Deal signed | Example Times</title>
<link rel="canonical" href="https://example.org/news/deal">
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-08T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Deal signed</h1>
<p>{p1}</p><p>{p2}</p></article>
<footer>Copyright 2023 Example Times. All rights reserved.</footer></body></html>"""
P1 = "Russia and China signed an energy agreement in Beijing on Wednesday, officials said. " * 4
P2 = "The pipeline deal had been under negotiation for years before the leaders met. " * 4


def test_html_main_text_and_metadata(tmp_path):
    p = write(tmp_path, "page.html", ARTICLE.format(p1=P1, p2=P2))
    [doc] = read_path(p, max_bytes=LIMIT)
    assert doc.format == "html"
    assert "energy agreement" in doc.text and "under negotiation" in doc.text
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Deal signed"
    assert doc.url == "https://example.org/news/deal"
    assert doc.site == "Example Times" and doc.author == "Jane Doe"
    assert (doc.published, doc.published_precision) == ("2024-05-08", "day")
    assert doc.passages[0].kind == "title" and doc.text[: doc.passages[0].end] == "Deal signed"
    for x in doc.passages:
        assert doc.text[x.start:x.end] == doc.text[x.start:x.end].strip() != ""


def test_html_malformed_falls_back(tmp_path):
    p = write(tmp_path, "broken.htm", "<html><body><div><p>Short note about talks<p>and more<b>bold</div>")
    [doc] = read_path(p, max_bytes=LIMIT)
    assert "Short note about talks" in doc.text


def test_html_without_text(tmp_path):
    p = write(tmp_path, "empty.html", "<html><head><script>var a=1;</script></head><body>  </body></html>")
    assert reason_of(p) == "no extractable main text in the HTML"


# --- PDF ---------------------------------------------------------------------

def test_pdf_text_layer(tmp_path):
    p = write(tmp_path, "doc.pdf", make_pdf(["Moscow and Beijing held talks.", "Second page text."]))
    [doc] = read_path(p, max_bytes=LIMIT)
    assert doc.format == "pdf"
    assert doc.text == "Moscow and Beijing held talks.\n\nSecond page text."
    assert [doc.text[x.start:x.end] for x in doc.passages] == ["Moscow and Beijing held talks.", "Second page text."]


def test_pdf_truncated(tmp_path):
    data = make_pdf(["Some text here."])
    assert "truncated PDF" in reason_of(write(tmp_path, "cut.pdf", data[: len(data) // 2]))


def test_pdf_corrupt(tmp_path):
    assert "corrupt PDF" in reason_of(write(tmp_path, "junk.pdf", b"%PDF-1.4\ngarbage garbage\n%%EOF\n"))


def test_pdf_not_a_pdf(tmp_path):
    assert "not a PDF" in reason_of(write(tmp_path, "fake.pdf", b"just some text pretending"))


def test_pdf_without_text_layer(tmp_path):
    assert reason_of(write(tmp_path, "scan.pdf", make_pdf([None]))) == "no text layer (scanned PDF?)"


def test_every_supported_suffix_has_a_reader(tmp_path):
    for suffix in SUPPORTED_SUFFIXES:
        with pytest.raises(SourceError) as info:
            read_path(tmp_path / f"missing{suffix}", max_bytes=LIMIT)
        assert info.value.reason == "no such file"
