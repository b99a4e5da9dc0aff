"""The ``actors`` table: code, name and kind of every state and organisation in the shipped
actor dictionaries, so pickers and reports can show "Russia" rather than RUS."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

_FILES = ("states.yaml", "igos.yaml")


@lru_cache(maxsize=1)
def dictionary_actors() -> tuple[tuple[str, str, str, str], ...]:
    """(code, name, kind, dictionary version) for each state and IGO in ``data/actors``."""
    out = []
    base = resources.files("entente") / "data" / "actors"
    for fname in _FILES:
        data = yaml.safe_load(base.joinpath(fname).read_text("utf-8")) or {}
        version = str(data.get("version", ""))
        for section, kind in (("states", "state"), ("actors", None)):
            for e in data.get(section) or []:
                if isinstance(e, dict) and e.get("code") and e.get("name"):
                    out.append((str(e["code"]), str(e["name"]), str(e.get("kind") or kind or "group"), version))
    return tuple(out)


def names() -> dict[str, str]:
    return {code: name for code, name, _, _ in dictionary_actors()}


def fill(con) -> int:
    """Add the dictionary actors missing from the table (a user's own rows stay); returns rows added."""
    rows = dictionary_actors()
    marks = ", ".join(["(?, ?, ?, ?)"] * len(rows))
    n = con.execute(f"INSERT INTO actors SELECT DISTINCT ON (code) * FROM (VALUES {marks}) v(code, name, kind, dv) "
                    "WHERE code NOT IN (SELECT code FROM actors) RETURNING code",
                    [x for r in rows for x in r]).fetchall()
    return len(n)
