"""Convert PETRARCH2's CAMEO verb dictionary and agent list into entente's rules data.

    python scripts/convert_petrarch.py ../shared/external/petrarch2

writes src/entente/data/rules/petrarch_verbs.json (verb lemma → default CAMEO code, object words → code)
and src/entente/data/rules/petrarch_agents.json (agent noun → sector). Both files carry the dictionaries'
MIT licence and attribution. The project's own entries (events.yaml) override these at load time.
Only single-word verbs and single-word object/agent cues are kept: the coder matches over a
dependency parse, not over PETRARCH's phrase patterns.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "entente" / "data" / "rules"
ATTRIBUTION = (
    "Derived from PETRARCH2's dictionaries (openeventdata/petrarch2 @676801cd, "
    "petrarch2/data/dictionaries/CAMEO.2.0.txt and Phoenix.agents.txt), "
    "Copyright (c) 2015 Open Event Data Alliance, MIT License. Converted by scripts/convert_petrarch.py."
)
CODE = re.compile(r"\[([0-9]{2,4})(?::([0-9]{2,4}))?\]")
WORD = re.compile(r"^[A-Z][A-Z'-]*$")


def _synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    name = None
    for ln in lines:
        s = ln.split("#")[0].strip()
        if s.startswith("&"):
            name = s.split()[0]
            sets[name] = []
        elif s.startswith("+") and name:
            w = s[1:].split()[0]
            if "_" not in w and WORD.match(w):
                sets[name].append(w.lower())
        elif not s:
            name = None
    return sets


def _cues(pattern: str, sets) -> list[str]:
    """Single-word object cues after the verb slot '*' of a pattern."""
    body = CODE.split(pattern)[0]
    if "*" not in body:
        return []
    after = body.split("*", 1)[1].replace("(", " ").replace(")", " ").replace("{", " { ").replace("}", " } ")
    toks = after.split()
    if not toks:
        return []
    t = toks[0]
    if t == "{":  # a phrase: its last word is the head ("{ARMS SHIPMENT}" → shipment)
        inner = toks[1:toks.index("}")] if "}" in toks else toks[1:]
        t = inner[-1] if inner else ""
    elif t.lower() in ("to", "with", "against", "on", "for", "from", "into", "over", "of", "at", "in") and len(toks) > 1:
        t = toks[1] if toks[1] != "{" else (toks[2] if len(toks) > 2 else "")
    if t.startswith("&"):
        return sets.get(t, [])
    return [t.lower()] if WORD.match(t) else []


def convert_verbs(path: Path) -> dict:
    lines = path.read_text("utf-8", errors="replace").splitlines()
    start = next(i for i, ln in enumerate(lines) if "VERB PATTERNS" in ln)
    end = next((i for i, ln in enumerate(lines) if "TRANSFORMATIONS" in ln), len(lines))
    sets = _synsets(lines[:start])
    verbs: dict[str, dict] = {}
    block_code, block_verbs, block_objects = None, [], {}

    def flush():
        for v, code in block_verbs:
            e = verbs.setdefault(v, {"code": None, "objects": {}})
            if code and not e["code"]:
                e["code"] = code
            for w, c in block_objects.items():
                e["objects"].setdefault(w, c)

    for ln in lines[start + 1:end]:
        s = ln.split("#")[0].rstrip()
        if not s.strip():
            continue
        if s.startswith("---"):
            flush()
            m = CODE.search(s)
            block_code, block_verbs, block_objects = (m.group(1) if m else None), [], {}
        elif s.lstrip().startswith("-"):
            m = CODE.search(s)
            if m:
                for w in _cues(s.lstrip()[1:], sets):
                    block_objects.setdefault(w, m.group(1))
        else:
            tok = s.split()[0]
            if tok.startswith("+") or "_" in tok or not WORD.match(tok):
                continue
            m = CODE.search(s)
            block_verbs.append((tok.lower(), m.group(1) if m else block_code))
    flush()
    verbs = {v: e for v, e in sorted(verbs.items()) if e["code"] or e["objects"]}
    return {"attribution": ATTRIBUTION, "licence": "MIT", "verbs": verbs}


def convert_agents(path: Path) -> dict:
    agents = {}
    for ln in path.read_text("utf-8", errors="replace").splitlines():
        s = ln.split("#")[0].strip()
        m = re.match(r"^([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]{3})", s)
        if m and "_" not in m.group(1):
            agents.setdefault(m.group(1).lower(), m.group(2))
    return {"attribution": ATTRIBUTION, "licence": "MIT", "agents": dict(sorted(agents.items()))}


def main(argv: list[str]) -> int:
    args = argv[1:]
    out = OUT
    if "--out" in args:
        k = args.index("--out")
        out = Path(args[k + 1])
        del args[k:k + 2]
    src = Path(args[0] if args else "../shared/external/petrarch2")
    verbs = convert_verbs(src / "CAMEO.2.0.txt")
    agents = convert_agents(src / "Phoenix.agents.txt")
    out.mkdir(parents=True, exist_ok=True)
    (out / "petrarch_verbs.json").write_text(json.dumps(verbs, indent=0, sort_keys=True) + "\n", "utf-8")
    (out / "petrarch_agents.json").write_text(json.dumps(agents, indent=0, sort_keys=True) + "\n", "utf-8")
    print(f"{len(verbs['verbs'])} verbs, {len(agents['agents'])} agent nouns → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
