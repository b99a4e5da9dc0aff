"""Actor dictionary and mention matcher: states, IGOs, bodies, people and roles in a spaCy Doc.

The YAML files in ``entente/data/actors/`` are read once per process into token-tuple lookup
tables (``actor_tables.py``); ``find_mentions`` then walks the tokens once, trying the
longest phrase at each position, so it costs a few dict lookups per token. Example::

    >>> import spacy
    >>> actors = load_actors()
    >>> doc = spacy.blank("en")("Russia's foreign minister met Wang Yi in Beijing.")
    >>> [(m.text, m.code, m.kind) for m in actors.find_mentions(doc, year=2023)]
    [("Russia's foreign minister", 'RUS', 'role'), ('Wang Yi', 'CHN', 'person'), ('Beijing', 'CHN', 'capital')]
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from entente.coding.actor_data import ActorData, check, read_file
from entente.coding.actor_tables import Actor, ActorTables, Sense, norm, overlap, pick  # Actor: re-exported
from entente.errors import DataError

DASHES = frozenset({"-", "–", "—"})
POSSESSIVE = frozenset({"'s", "'"})
OWNER_KINDS = frozenset({"state", "adjective", "capital", "igo", "org", "group"})
_SPLIT = re.compile(r"[-–—/]")


@dataclass(frozen=True)
class Mention:
    start: int  # spaCy token index (inclusive)
    end: int  # token index (exclusive)
    start_char: int
    end_char: int
    code: str  # actor code: "RUS", "CHN", "NATO", "WST", ...
    kind: str  # "state" | "adjective" | "capital" | "person" | "role" | "org" | "igo" | "group"
    text: str
    person: str | None = None  # canonical full name for persons and resolved roles


@dataclass(frozen=True)
class _View:
    doc: object  # a spaCy Doc
    text: str


class ActorDictionary(ActorTables):
    """Lookup tables built from ActorData. Use ``load_actors()`` rather than building one."""

    # ---- matching -------------------------------------------------------------------
    def find_mentions(self, doc, *, year: int | None = None) -> list[Mention]:
        """Non-overlapping actor mentions in ``doc`` (any spaCy Doc), longest first, by start."""
        # hard-wrapped text puts line breaks inside names ("the White\nHouse"): spaCy makes them
        # tokens of their own, so names are matched over the other tokens and mapped back (a blank
        # line still ends a name)
        keep = [t.i for t in doc if not (t.is_space and t.text.count("\n") == 1)]
        gapped = len(keep) < len(doc)
        text = doc.text  # Doc.text is rebuilt on every access: read it once
        doc = _View([doc[i] for i in keep] if gapped else doc, text)
        words = [norm(t.text) for t in doc.doc]
        out: list[Mention] = []
        i, n = 0, len(words)
        while i < n:
            found = self._at(doc, words, i, year, out)
            if isinstance(found, int):  # an ignored phrase: skip over it
                i = found
            elif found:
                out.extend(found)
                i = max(found[-1].end, i + 1)
            else:
                i += 1
        if gapped:
            out = [replace(m, start=keep[m.start], end=keep[m.end - 1] + 1) for m in out]
        return out

    def _mention(self, v: _View, s: int, e: int, c: Sense, *, kind: str | None = None, person=None) -> Mention:
        last = v.doc[e - 1]
        a, b = v.doc[s].idx, last.idx + len(last.text)
        return Mention(s, e, a, b, c.code, kind or c.kind, v.text[a:b], person)

    def _at(self, doc, words, i, year, out) -> list[Mention] | int | None:
        w = words[i]
        hit = self._phrases.match(words, i)
        if hit is None and w in self._prefixes and i + 1 < len(words) and words[i + 1] in DASHES:
            hit = (i + 1, [self._prefixes[w]])
        if hit is not None:
            j, cands = hit
            c = pick(cands, year)
            if c.kind == "ignore":
                return j
            if c.kind == "role":  # fixed role ("Kremlin spokesman"), maybe followed by its holder
                p = self._person_after(words, j, year)
                if p:
                    return [self._mention(doc, i, p[0], p[1], person=p[1].person)]
                return [self._mention(doc, i, j, c, person=self._resolve(c.role, c.code, year))]
            if c.kind in OWNER_KINDS:
                composed = self._compose(doc, words, i, j, c, year, out)
                if composed:
                    return [composed]
            return [self._mention(doc, i, j, c, person=c.person)]
        lw = w.lower()
        if lw in self._titles.lengths:
            t = self._titles.match([x.lower() for x in words[i:i + 6]], 0)
            if t is not None:
                k = i + t[0]
                p = self._person_after(words, k, year)
                if p:
                    return [self._mention(doc, i, p[0], p[1], person=p[1].person)]
        if lw in self._roles.lengths or lw in self._bodies.lengths:
            of = self._role_of(doc, words, i, year, out)
            if of:
                return [of]
        if len(w) > 3 and _SPLIT.search(w):
            return self._split_token(doc, i, year) or None
        return None

    def _start_with_the(self, words, i, out) -> int:
        prev_end = out[-1].end if out else 0
        return i - 1 if i > prev_end and words[i - 1] == "the" else i

    def _compose(self, doc, words, i, j, c: Sense, year, out) -> Mention | None:
        """OWNER ['s] ROLE [NAME] -> role or person; OWNER ['s] BODY -> org."""
        n = len(words)
        k = j + 1 if j < n and words[j] in POSSESSIVE else j
        if k >= n:
            return None
        low = [x.lower() for x in words[k:k + 6]]
        r = self._roles.match(low, 0)
        if r is not None:
            end, role = k + r[0], r[1][0]
            s = self._start_with_the(words, i, out)
            p = self._person_after(words, end, year, code=c.code)
            if p:
                return self._mention(doc, s, p[0], p[1], person=p[1].person)
            person = self._resolve(role, c.code, year) if role else None
            return self._mention(doc, s, end, c, kind="role", person=person)
        b = self._bodies.match(low, 0)
        if b is not None:
            return self._mention(doc, self._start_with_the(words, i, out), k + b[0], c, kind="org")
        return None

    def _role_of(self, doc, words, i, year, out) -> Mention | None:
        """'the president of Russia', 'the Ministry of Foreign Affairs of China'."""
        low = [x.lower() for x in words[i:i + 7]]
        r = self._roles.match(low, 0)
        kind, role = "role", None
        if r is not None:
            role = r[1][0]
        else:
            r = self._bodies.match(low, 0)
            kind = "org"
        if r is None:
            return None
        k = i + r[0]
        if k + 1 >= len(words) or words[k] != "of":
            return None
        k += 1 + (words[k + 1] == "the")
        if k >= len(words):
            return None
        hit = self._phrases.match(words, k)
        if hit is None:
            return None
        c = pick(hit[1], year)
        if c.kind not in ("state", "igo", "org", "capital"):
            return None
        person = self._resolve(role, c.code, year) if (role and year is not None) else None
        return self._mention(doc, self._start_with_the(words, i, out), hit[0], c, kind=kind, person=person)

    def _person_after(self, words, k, year, *, code: str | None = None) -> tuple[int, Sense] | None:
        """A known person at ``k``, after up to two more titles ('Defense Minister General Wei')."""
        for _ in range(3):
            if k >= len(words):
                return None
            hit = self._phrases.match(words, k) or self._short.match(words, k)
            if hit is not None:
                c = pick(hit[1], year)
                if c.kind == "person" and (code is None or c.code == code or len(hit[1]) == 1):
                    return hit[0], c
                return None
            t = self._titles.match([x.lower() for x in words[k:k + 6]], 0)
            if t is None:
                return None
            k += t[0]
        return None

    def _split_token(self, v: _View, i, year) -> list[Mention]:
        """'U.S.-China' is one spaCy token: find the actors inside it (same token span)."""
        tok = v.doc[i]
        out, pos = [], 0
        for part in _SPLIT.split(tok.text):
            key = (norm(part),)
            cands = self._phrases.items.get(key)
            if cands is None and key[0] in self._prefixes:
                cands = [self._prefixes[key[0]]]
            if cands:
                c = pick(cands, year)
                a = tok.idx + pos
                out.append(Mention(i, i + 1, a, a + len(part), c.code, c.kind, part, c.person))
            pos += len(part) + 1
        return out

    # ---- lookups --------------------------------------------------------------------
    def _resolve(self, role: str | None, code: str, year: int | None) -> str | None:
        if role is None or year is None:
            return None
        return self.resolve_role(role, code, year)

    def resolve_role(self, role: str, code: str, year: int) -> str | None:
        """Who held ``role`` for ``code`` in ``year`` (longest in office that year), else None.

        "leader" falls back to the actor's head role (president, prime minister, ...).
        """
        role = self._canon.get(role.strip().lower(), role.strip().lower())
        name = self._holder(role, code, year)
        if name is None and role == "leader":
            head = self._head.get(code, "")
            name = self._holder(self._canon.get(head, head), code, year)
        return name

    def _holder(self, role: str, code: str, year: int) -> str | None:
        holders = self._holders.get((role, code))
        if not holders:
            return None
        scored = [(overlap(s, e, year), s or dt.date.min, name) for s, e, name in holders]
        scored = [x for x in scored if x[0] > 0]
        if not scored or (role in self._multiple and len({x[2] for x in scored}) > 1):
            return None
        return max(scored)[2]

    def person_name(self, surface: str) -> str | None:
        """Canonical name for a surface form: 'Putin' -> 'Vladimir Putin'; None if unknown or ambiguous."""
        text = " ".join(surface.split())
        names = self._person_names.get(text)
        if names is None:
            ms = self.find_mentions(self._tok(text))
            if len(ms) == 1 and ms[0].kind == "person":
                return ms[0].person
            hit = self._short.items.get(self._key(text))
            names = {c.person for c in hit} if hit else None
        return next(iter(names)) if names and len(names) == 1 else None

    def bare_role(self, words: list[str]) -> int | None:
        """Length of the office title ``words`` start with ("national security advisor"), else None."""
        if not words or words[0].lower() not in self._roles.lengths:
            return None
        r = self._roles.match([w.lower() for w in words[:6]], 0)
        return r[0] if r is not None else None

    def person_actor(self, name: str) -> str | None:
        """Actor code of a person: 'Wang Yi' -> 'CHN'."""
        full = name if name in self._person_code else self.person_name(name)
        return self._person_code.get(full) if full else None

    def code_for(self, text: str, *, year: int | None = None) -> str | None:
        """Actor code for a whole phrase: 'Soviet Union' -> 'RUS', 'the Kremlin' -> 'RUS'."""
        text = " ".join(text.split())
        if text in self.actors:
            return text
        doc = self._tok(text)
        ms = self.find_mentions(doc, year=year)
        if len(ms) != 1:
            return None
        rest = [t.text for t in doc if not (ms[0].start <= t.i < ms[0].end)]
        return ms[0].code if all(norm(w) == "the" for w in rest) else None


def _shipped() -> list[Path]:
    folder = resources.files("entente").joinpath("data/actors")
    return sorted(Path(str(folder)).glob("*.yaml"))


def _build(paths: tuple[Path, ...], extra: tuple[Path, ...]) -> ActorDictionary:
    data = ActorData()
    for p in paths:
        read_file(p, data)
    for p in extra:
        read_file(p, data, label=str(p))
    check(data)
    version = "+".join(sorted(set(data.versions[p.name] for p in paths)))
    if extra:
        digest = hashlib.sha1(b"".join(p.read_bytes() for p in extra)).hexdigest()[:8]
        version += f"+user.{digest}"
    return ActorDictionary(data, version=version)


@lru_cache(maxsize=1)
def _default() -> ActorDictionary:
    return _build(tuple(_shipped()), ())


def load_actors(extra: list[str | Path] | None = None) -> ActorDictionary:
    """The shipped actor dictionary, plus user YAML files that add or override entries.

    Raises DataError naming the file, the entry and the field when a file is invalid.
    The default dictionary (no ``extra``) is built once per process.
    """
    if not extra:
        return _default()
    paths: list[Path] = []
    for item in extra:
        p = Path(item)
        if p.is_dir():
            paths.extend(sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        elif p.exists():
            paths.append(p)
        else:
            raise DataError(f"{p}: actor file not found")
    return _build(tuple(_shipped()), tuple(paths))
