"""Read and validate the actor YAML files (states, IGOs, organisations, people, roles).

Every shipped or user file is a mapping with ``version:`` and one or more sections:

- ``states``: ``{code, name, names, adjectives, prefixes, capitals, head}``
- ``actors``: IGOs and groups, ``{code, name, kind: igo|group, names, adjectives}``
- ``organisations``: bodies that fold into an actor, ``{name, code, names, kind}``
- ``ignore``: phrases that hold an actor name but are no actor ("South China Sea")
- ``people``: ``{name, code, aliases, short, family_first, roles: [{role, from, until}]}``
- ``roles``: role words, ``{role, surfaces, title, multiple}``; ``bodies``: ``{kind, surfaces}``;
  ``titles``: plain titles that may precede a name; ``fixed``: ``{role, code, surfaces}``

A surface is a string or ``{text, from, until}`` so that a name can mean different actors in
different years ("Republic of China" is CHN until 1949-10-01, TWN after). A bad entry raises
DataError naming the file, the entry and the field.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from entente.errors import DataError

SECTIONS = ("states", "actors", "organisations", "people", "roles", "bodies", "titles", "fixed", "ignore")
ACTOR_KINDS = ("igo", "group")
ORG_KINDS = ("org", "igo", "capital", "group", "state")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~10x faster
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Surface:
    text: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class RoleSpell:
    role: str
    start: dt.date | None
    end: dt.date | None
    code: str | None = None  # a person may hold a role for another actor (Borrell: EU)


@dataclass
class ActorData:
    """Everything read from the files, keyed so that later files override earlier ones."""

    versions: dict[str, str] = field(default_factory=dict)
    states: dict[str, dict] = field(default_factory=dict)
    actors: dict[str, dict] = field(default_factory=dict)
    organisations: dict[str, dict] = field(default_factory=dict)
    people: dict[str, dict] = field(default_factory=dict)
    roles: dict[str, dict] = field(default_factory=dict)
    bodies: dict[str, dict] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)  # phrases that contain an actor name but are none
    fixed: dict[str, dict] = field(default_factory=dict)


def parse_date(value, *, end: bool, where: str, name: str) -> dt.date | None:
    """'1991', '1991-12' or '1991-12-25' (or a YAML date) -> the first (or last) day it covers."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = _DATE.match(str(value).strip())
    if not m:
        raise DataError(f"{where}: {name!r} is not a date: {str(value)!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = int(m[1]), m[2], m[3]
    try:
        if d:
            return dt.date(y, int(mo), int(d))
        if mo:
            mo_i = int(mo)
            return dt.date(y, mo_i, calendar.monthrange(y, mo_i)[1] if end else 1)
        return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)
    except ValueError:
        raise DataError(f"{where}: {name!r} is not a date: {str(value)!r}") from None


def _str(entry: dict, key: str, where: str, *, required: bool = True) -> str | None:
    v = entry.get(key)
    if v is None and not required:
        return None
    if not isinstance(v, str) or not v.strip():
        raise DataError(f"{where}: {key!r} must be a non-empty string, found {v!r}")
    return v.strip()


def _surfaces(entry: dict, key: str, where: str) -> list[Surface]:
    raw = entry.get(key) or []
    if not isinstance(raw, list):
        raise DataError(f"{where}: {key!r} must be a list, found {type(raw).__name__}")
    out = []
    for i, item in enumerate(raw, 1):
        if isinstance(item, str) and item.strip():
            out.append(Surface(item.strip()))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            w = f"{where}: {key} {i}"
            start = parse_date(item.get("from"), end=False, where=w, name="from")
            stop = parse_date(item.get("until"), end=True, where=w, name="until")
            out.append(Surface(item["text"].strip(), start, stop))
        else:
            raise DataError(f"{where}: {key} {i}: expected a string or {{text, from, until}}, found {item!r}")
    return out


def _code(entry: dict, where: str) -> str:
    code = _str(entry, "code", where)
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", code):
        raise DataError(f"{where}: 'code' must be upper-case letters/digits (e.g. RUS, NATO), found {code!r}")
    return code


def _state(e: dict, where: str) -> dict:
    return {
        "code": _code(e, where), "name": _str(e, "name", where), "kind": "state",
        "names": _surfaces(e, "names", where), "adjectives": _surfaces(e, "adjectives", where),
        "prefixes": _surfaces(e, "prefixes", where), "capitals": _surfaces(e, "capitals", where),
        "head": _str(e, "head", where, required=False) or "president",
    }


def _actor(e: dict, where: str) -> dict:
    kind = e.get("kind")
    if kind not in ACTOR_KINDS:
        raise DataError(f"{where}: 'kind' must be one of {', '.join(ACTOR_KINDS)}, found {kind!r}")
    return {
        "code": _code(e, where), "name": _str(e, "name", where), "kind": kind,
        "names": _surfaces(e, "names", where), "adjectives": _surfaces(e, "adjectives", where),
        "head": _str(e, "head", where, required=False) or "secretary-general",
    }


def _org(e: dict, where: str) -> dict:
    kind = e.get("kind", "org")
    if kind not in ORG_KINDS:
        raise DataError(f"{where}: 'kind' must be one of {', '.join(ORG_KINDS)}, found {kind!r}")
    return {"name": _str(e, "name", where), "code": _code(e, where), "kind": kind,
            "names": _surfaces(e, "names", where), "owner": bool(e.get("owner", False))}


def _person(e: dict, where: str) -> dict:
    roles_raw = e.get("roles") or []
    if not isinstance(roles_raw, list):
        raise DataError(f"{where}: 'roles' must be a list")
    spells = []
    for i, r in enumerate(roles_raw, 1):
        w = f"{where}: role {i}"
        if not isinstance(r, dict):
            raise DataError(f"{w}: expected a mapping {{role, from, until}}, found {r!r}")
        role = _str(r, "role", w)
        start = parse_date(r.get("from"), end=False, where=w, name="from")
        stop = parse_date(r.get("until"), end=True, where=w, name="until")
        if start and stop and stop < start:
            raise DataError(f"{w}: 'until' ({stop}) is before 'from' ({start})")
        code = _code(r, w) if r.get("code") is not None else None
        spells.append(RoleSpell(role.lower(), start, stop, code))
    return {"name": _str(e, "name", where), "code": _code(e, where),
            "aliases": _surfaces(e, "aliases", where), "short": _surfaces(e, "short", where),
            "family_first": e.get("family_first"), "roles": spells}


def _role(e: dict, where: str) -> dict:
    return {"role": _str(e, "role", where).lower(), "surfaces": _surfaces(e, "surfaces", where),
            "title": bool(e.get("title", True)), "multiple": bool(e.get("multiple", False)),
            "plural": bool(e.get("plural", False))}


def _body(e: dict, where: str) -> dict:
    return {"name": _str(e, "name", where), "surfaces": _surfaces(e, "surfaces", where)}


def _fixed(e: dict, where: str) -> dict:
    role, code = _str(e, "role", where).lower(), _code(e, where)
    return {"key": f"{code}:{role}", "role": role, "code": code, "surfaces": _surfaces(e, "surfaces", where)}


_READERS = {  # section -> (key field, reader)
    "states": ("code", _state), "actors": ("code", _actor), "organisations": ("name", _org),
    "people": ("name", _person), "roles": ("role", _role), "bodies": ("name", _body),
    "fixed": ("key", _fixed),
}


def read_file(path: Path, data: ActorData, *, label: str | None = None) -> None:
    """Validate one YAML file and merge its entries into ``data`` (same key: later wins)."""
    label = label or path.name
    try:
        doc = yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except OSError as exc:
        raise DataError(f"{label}: cannot read actor file: {exc}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{label}: not valid YAML: {exc}") from None
    if not isinstance(doc, dict):
        raise DataError(f"{label}: expected a mapping with 'version' and sections {', '.join(SECTIONS)}")
    if doc.get("version") is None:
        raise DataError(f"{label}: missing top-level 'version'")
    unknown = sorted(set(doc) - set(SECTIONS) - {"version", "description"})
    if unknown:
        raise DataError(f"{label}: unknown section(s) {unknown}; valid: {', '.join(SECTIONS)}")
    data.versions[label] = str(doc["version"])
    for section, (key, reader) in _READERS.items():
        entries = doc.get(section) or []
        if not isinstance(entries, list):
            raise DataError(f"{label}: {section!r} must be a list of entries")
        target = getattr(data, section)
        for n, e in enumerate(entries, 1):
            if not isinstance(e, dict):
                raise DataError(f"{label}: {section} entry {n}: expected a mapping, found {e!r}")
            ident = e.get(key) or e.get("name") or f"#{n}"
            item = reader(e, f"{label}: entry {str(ident)!r}")
            target[item[key]] = item
    for section in ("titles", "ignore"):
        items = doc.get(section) or []
        if not isinstance(items, list) or not all(isinstance(t, str) and t.strip() for t in items):
            raise DataError(f"{label}: {section!r} must be a list of strings")
        getattr(data, section).extend(t.strip() for t in items)


def check(data: ActorData) -> None:
    """Cross-file checks: every person and organisation points at a known actor code."""
    codes = set(data.states) | set(data.actors)
    dup = set(data.states) & set(data.actors)
    if dup:
        raise DataError(f"actor codes used both as state and IGO/group: {sorted(dup)}")
    for kind, table in (("people", data.people), ("organisations", data.organisations)):
        for name, e in table.items():
            if e["code"] not in codes:
                raise DataError(f"{kind}: entry {name!r}: 'code' {e['code']!r} is not a known actor code")
            for i, r in enumerate(e.get("roles", ()), 1):
                if r.code and r.code not in codes:
                    raise DataError(f"{kind}: entry {name!r}: role {i}: 'code' {r.code!r} is not a known actor code")
    for role, e in data.fixed.items():
        if e["code"] not in codes:
            raise DataError(f"fixed: entry {role!r}: 'code' {e['code']!r} is not a known actor code")
