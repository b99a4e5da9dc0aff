"""A small real store for the web tests, built by inserting rows into a DuckDB store.

Not a conftest pytest loads by itself: test modules import ``build_store``.
The sentences are written for these tests.
"""
from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from entente import codes
from entente.store import db

SCRIPT_DOC = "evil_page.html"
HIGHLIGHT_SENTENCE = "China and Russia signed a treaty on good-neighbourliness in Moscow."

# name, title, published, paragraphs; a paragraph is a list of (sentence, event or None);
# an event is (source, target, cameo, date, dimension).
DOCS = [
    ("treaty_2001.txt", "Treaty of friendship signed", "2001-07-16", [
        [(HIGHLIGHT_SENTENCE, ("CHN", "RUS", "057", "2001-07-16", "diplomatic")),
         ("The leaders praised the new era of partnership.", ("RUS", "CHN", "051", "2001-07-16", "diplomatic"))],
        [("Officials said border questions would be settled by talks.", ("CHN", "RUS", "036", "2001-07", "territorial"))],
    ]),
    ("arms_2015.txt", "Air defence deal", "2015-04-13", [
        [("Russia agreed to deliver S-400 systems to China.", ("RUS", "CHN", "062", "2015-04-13", "arms")),
         ("Washington criticised the sale.", ("USA", "RUS", "111", "2015-04-14", "arms"))],
    ]),
    ("gas_2019.txt", "Power of Siberia starts flowing", "2019-12-02", [
        [("Gas began flowing through the Power of Siberia pipeline to China.",
          ("RUS", "CHN", "061", "2019-12-02", "energy"))],
        [("The two presidents hailed the project by video link.", ("CHN", "RUS", "051", "2019-12-02", "energy"))],
    ]),
    ("summit_2023.txt", "State visit to Moscow", "2023-03-21", [
        [("Xi Jinping met Vladimir Putin in Moscow.", ("CHN", "RUS", "042", "2023-03-21", "diplomatic")),
         ("\u201cOur relations are at their best,\u201d Putin said.", None)],
        [("Washington accused Beijing of helping Moscow.", ("USA", "CHN", "112", "2023-03-22", "military"))],
    ]),
    (SCRIPT_DOC, "A page with a script <b>tag</b>", "2022-02-04", [
        [("Beijing and Moscow declared a partnership without limits.", ("CHN", "RUS", "057", "2022-02-04",
                                                                         "diplomatic")),
         ("<script>window.__pwned=1</script> This page carried markup.", None)],
        [("<img src=x onerror=\"window.__pwned=2\"> An image that fails to load.", None)],
    ]),
]
QUOTES = [  # (doc name, quoted text inside its sentence, speaker, speaker_actor)
    ("summit_2023.txt", "Our relations are at their best,", "Vladimir Putin", "RUS"),
]


PAIRS = [("CHN", "RUS"), ("RUS", "CHN"), ("CHN", "RUS"), ("USA", "CHN"), ("USA", "RUS")]
TRIANGLE_PAIRS = PAIRS + [("CHN", "USA"), ("RUS", "USA")]


def build_store(path: Path, *, n_imported: int = 240, seed: int = 1, pairs=PAIRS) -> Path:
    """Write the test store to ``path`` and return it."""
    con = db.connect(path)
    ev_rows, quote_rows = [], []
    for name, title, published, paragraphs in DOCS:
        doc_id = db.short_hash(name)
        text, passages, sentences = "", [], []
        for seq, para in enumerate(paragraphs):
            p_start = len(text)
            for i, (sent, ev) in enumerate(para):
                if i:
                    text += " "
                sentences.append((len(text), len(text) + len(sent), sent, ev, seq))
                text += sent
            passages.append((f"{doc_id}:{seq}", doc_id, seq, "paragraph", None, p_start, len(text)))
            text += "\n\n"
        con.execute(
            "INSERT INTO documents (doc_id, name, path, version, is_current, content_hash, format, title, "
            "published, published_precision, text, n_chars) VALUES (?, ?, ?, 1, true, ?, ?, ?, ?, 'day', ?, ?)",
            [doc_id, name, f"/corpus/{name}", db.short_hash(text), name.rsplit(".", 1)[1], title, published,
             text, len(text)])
        con.executemany("INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?)", passages)
        for s, e, sent, ev, seq in sentences:
            if ev:
                src, tgt, cameo, date, dim = ev
                c = codes.lookup(cameo)
                ev_rows.append((db.short_hash(doc_id, s, cameo), "entente", doc_id, f"{doc_id}:{seq}", s, e, s,
                                s + 5, src, tgt, src, tgt, cameo, cameo[:2], c.quad_class, c.plover or None,
                                c.goldstein, date, "day" if len(date) == 10 else "month", db.date_start(date), dim,
                                "test", "test.v1", 0.9, None, None))
        for qname, qtext, speaker, actor in QUOTES:
            if qname == name:
                for s, e, sent, _, seq in sentences:
                    if qtext in sent:
                        qs = s + sent.index(qtext)
                        quote_rows.append((db.short_hash(doc_id, qs), doc_id, f"{doc_id}:{seq}", qs,
                                           qs + len(qtext), s, e, speaker, actor, qtext, "test", "test.v1", 0.9))
    # Imported events give the chart a body over a decade (no documents behind them).
    rng = random.Random(seed)
    pool = ["010", "036", "042", "043", "051", "057", "061", "062", "111", "112", "130", "172"]
    dims = ["diplomatic", "economic", "energy", "military", "arms", "technology"]
    for i in range(n_imported):
        src, tgt = rng.choice(pairs)
        cameo = rng.choice(pool)
        c = codes.lookup(cameo)
        date = f"{rng.randint(2014, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ev_rows.append((f"gd{i:05d}", "gdelt", None, None, None, None, None, None, src, tgt, None, None, cameo,
                        cameo[:2], c.quad_class, c.plover or None, c.goldstein, date, "day", db.date_start(date),
                        rng.choice(dims), None, "gdelt", None, str(900000 + i), "https://example.org/a"))
    con.executemany(f"INSERT INTO events ({db.CODED_EVENT_COLUMNS}) VALUES (" + ", ".join(["?"] * 26) + ")",
                    ev_rows)
    con.executemany("INSERT INTO quotes VALUES (" + ", ".join(["?"] * 13) + ")", quote_rows)
    con.close()
    return path


@contextlib.contextmanager
def running_server(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in a thread; yields the base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
