"""Milestone names taken from their passages: the object of the act ("Treaty of Good-Neighbourliness",
"Power of Siberia pipeline") instead of the code's generic label ("sign formal agreement")."""
from __future__ import annotations

import re

_KEY = (r"(?:treaty|agreement|accord|pact|declaration|statement|communiqu[eé]|charter|memorandum|protocol|"
        r"partnership|summit|visit|pipeline|exercises?|deal|contract|alliance|forum|talks|sanctions|war|"
        r"offensive|invasion|border|treaty)")
_KEY_RE = re.compile(r"\b" + _KEY + r"\b", re.IGNORECASE)
_CAP = re.compile(r"^[A-Z][\w'’-]*$")
_STOP = {"the", "a", "an", "and", "their", "its", "his", "her", "new", "this", "that", "china", "russia"}


def _phrase(words: list[str], i: int) -> tuple[int, str]:
    """The name around the key noun at ``words[i]``: capitalised words before it, "of/on Y ..." after."""
    j = i
    while j > 0 and (_CAP.match(words[j - 1]) or (words[j - 1] in ("of", "on", "for") and j > 1
                                                   and _CAP.match(words[j - 2]))) and words[j - 1].lower() not in _STOP:
        j -= 1
    head = words[j:i]
    k, tail = i + 1, []
    if k + 1 < len(words) and words[k] in ("of", "on", "for"):
        tail = [words[k]]
        k += 1
        if words[k].lower() == "the" and k + 1 < len(words):
            k += 1
        tail.append(words[k])
        k += 1
        while k < len(words) and (_CAP.match(words[k]) or (words[k] == "and" and k + 1 < len(words)
                                                         and _CAP.match(words[k + 1]))):
            tail.append(words[k])
            k += 1
    phrase = " ".join(head + [words[i]] + tail)
    score = 3 * (bool(head) or words[i][:1].isupper()) + 2 * bool(tail) + len(phrase.split())
    return score, phrase


def name_from_sentences(sentences: list[str]) -> str | None:
    """The most specific act-object phrase in ``sentences``, or None."""
    best: tuple[int, str] | None = None
    for sent in sentences:
        words = re.findall(r"[\w'’-]+", sent or "")[:80]
        for i, w in enumerate(words):
            if _KEY_RE.fullmatch(w):
                cand = _phrase(words, i)
                if best is None or cand[0] > best[0]:
                    best = cand
    if best is None or best[0] < 3:
        return None
    return " ".join(best[1].split()[:8])


def name_milestones(rows: list[dict], sentences_by_event: dict[str, str]) -> list[dict]:
    """Give each milestone row a ``name`` from the sentences of its events, keeping ``label`` as the code label."""
    for r in rows:
        sents = [sentences_by_event.get(e) for e in r.get("event_ids") or []]
        found = name_from_sentences([s for s in sents if s])
        pair = (r.get("label") or "").split(":", 1)[0]
        r["name"] = f"{pair}: {found}" if found and pair else (found or r.get("label"))
    return rows
