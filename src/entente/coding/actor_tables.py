"""The actor matcher's lookup tables, and how they are built from ActorData.

``Table`` maps token tuples to values; a surface form ("Kallas", "the Kremlin") may have
several senses (``Sense``: an actor code and kind, with the dates it holds), and ``pick``
chooses the one that fits a year. ``ActorTables`` builds every table once; ``ActorDictionary``
in ``actors.py`` matches mentions over them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from entente.coding.actor_data import ActorData

_FAMILY_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "HKG", "MAC", "SGP"})


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    kind: str  # "state" | "igo" | "group"


@dataclass(frozen=True)
class Sense:
    """One meaning of a surface form: an actor code and kind, the dates it holds, a person or role."""

    code: str
    kind: str
    person: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    role: str | None = None


def norm(w: str) -> str:
    # Curly and straight apostrophes are the same word; "The" at a sentence start is "the".
    if "’" in w:
        w = w.replace("’", "'")
    return "the" if w == "The" else w


class Table:
    """Token-tuple -> value, with the lengths to try for each first token (longest first)."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, ...], list] = {}
        self.lengths: dict[str, list[int]] = {}

    def add(self, key: tuple[str, ...], value) -> None:
        if not key:
            return
        self.items.setdefault(key, []).append(value)
        lens = self.lengths.setdefault(key[0], [])
        if len(key) not in lens:
            lens.append(len(key))
            lens.sort(reverse=True)

    def match(self, words: list[str], i: int) -> tuple[int, list] | None:
        lens = self.lengths.get(words[i])
        if lens is None:
            return None
        n = len(words)
        for k in lens:
            if i + k <= n:
                hit = self.items.get(tuple(words[i:i + k]))
                if hit is not None:
                    return i + k, hit
        return None


def overlap(c_start: dt.date | None, c_end: dt.date | None, year: int) -> int:
    lo = max(c_start or dt.date.min, dt.date(year, 1, 1))
    hi = min(c_end or dt.date.max, dt.date(year, 12, 31))
    return max(0, (hi - lo).days + 1)


def pick(cands: list[Sense], year: int | None) -> Sense:
    """The candidate that fits the year best; people who share a surface keep only the code."""
    if len(cands) == 1:
        return cands[0]
    if year is None:
        undated = [c for c in cands if c.start is None and c.end is None]
        pool = undated or cands
        if not undated and all(c.kind != "person" for c in cands):
            pool = [max(cands, key=lambda c: c.start or dt.date.min)]  # today's meaning
    else:
        scores = [overlap(c.start, c.end, year) for c in cands]
        best = max(scores)
        pool = [c for c, s in zip(cands, scores) if s == best]
    if len({c.person for c in pool}) > 1:
        return replace(pool[0], person=None)
    return pool[0]


class ActorTables:
    """The lookup tables of an ActorDictionary, built once from ActorData."""

    def __init__(self, data: ActorData, *, version: str) -> None:
        import spacy  # deferred: importing entente must stay light

        self.version = version
        self._tok = spacy.blank("en").tokenizer
        self.actors: dict[str, Actor] = {}
        self._phrases, self._short = Table(), Table()
        self._prefixes: dict[str, Sense] = {}
        self._roles, self._bodies, self._titles = Table(), Table(), Table()
        self._canon: dict[str, str] = {}
        self._multiple: set[str] = set()
        self._head: dict[str, str] = {}
        self._holders: dict[tuple[str, str], list[tuple[dt.date | None, dt.date | None, str]]] = {}
        self._person_code: dict[str, str] = {}
        self._person_names: dict[str, set[str]] = {}
        self._build(data)

    # ---- building -------------------------------------------------------------------
    def _key(self, text: str, *, lower: bool = False) -> tuple[str, ...]:
        # A trailing word keeps "Gen." or "U.S." tokenised as they are inside a sentence.
        words = [norm(t.text) for t in self._tok(text + " x")][:-1]
        return tuple(w.lower() for w in words) if lower else tuple(words)

    def _add(self, surfaces, code: str, kind: str, **extra) -> None:
        for s in surfaces:
            self._phrases.add(self._key(s.text), Sense(code, kind, start=s.start, end=s.end, **extra))

    def _build(self, d: ActorData) -> None:
        for table in (d.states, d.actors):
            for code, e in table.items():
                self.actors[code] = Actor(code, e["name"], e["kind"])
                self._head[code] = e["head"]
                kind = "state" if e["kind"] == "state" else e["kind"]
                self._add(e["names"], code, kind)
                self._add(e["adjectives"], code, "adjective" if kind == "state" else kind)
                self._add(e.get("capitals", ()), code, "capital")
                for p in e.get("prefixes", ()):
                    self._prefixes[norm(p.text.rstrip("-–"))] = Sense(code, "adjective")
        for e in d.organisations.values():
            self._add([*e["names"]], e["code"], e["kind"])
        for e in d.roles.values():
            self._canon[e["role"]] = e["role"]
            if e["multiple"]:
                self._multiple.add(e["role"])
            for s in e["surfaces"]:
                self._canon.setdefault(s.text.lower(), e["role"])
                role = None if e["plural"] else e["role"]
                self._roles.add(self._key(s.text, lower=True), role)
                if e["title"]:
                    self._titles.add(self._key(s.text, lower=True), role)
        for t in d.titles:
            self._titles.add(self._key(t, lower=True), None)
        for e in d.bodies.values():
            for s in e["surfaces"]:
                self._bodies.add(self._key(s.text, lower=True), e["name"])
        for text in d.ignore:
            self._phrases.add(self._key(text), Sense("", "ignore"))
        for e in d.fixed.values():
            self._add(e["surfaces"], e["code"], "role", role=self._canon.get(e["role"], e["role"]))
        for name, e in d.people.items():
            self._add_person(name, e)

    def _add_person(self, name: str, e: dict) -> None:
        code = e["code"]
        spells = e["roles"]
        # One candidate per actor the person acted for, main actor first: the year picks
        # between them (Kallas: EST as prime minister, EU as foreign-policy chief).
        by_code: dict[str, list] = {code: []}
        for r in spells:
            by_code.setdefault(r.code or code, []).append(r)
        cands = []
        for c, rs in by_code.items():
            if not rs and c != code:
                continue
            starts, ends = [r.start for r in rs], [r.end for r in rs]
            start = None if not rs or None in starts else min(starts)
            end = None if not rs or None in ends else max(ends)
            cands.append(Sense(c, "person", person=name, start=start, end=end))
        self._person_code[name] = code
        for text in [name, *(a.text for a in e["aliases"])]:
            for cand in cands:
                self._phrases.add(self._key(text), cand)
            self._person_names.setdefault(text, set()).add(name)
        shorts = [s.text for s in e["short"]]
        if not shorts:
            first = e["family_first"] if e["family_first"] is not None else code in _FAMILY_FIRST
            parts = name.split()
            shorts = [parts[0] if first else parts[-1]]
        for text in shorts:
            for cand in cands:
                self._short.add(self._key(text), cand)
        for r in spells:
            role = self._canon.get(r.role, r.role)
            self._holders.setdefault((role, r.code or code), []).append((r.start, r.end, name))
