"""Directions: which (source, target, code) triples a trigger's actors give.

Joint acts are coded both ways; visits give visitor→host and host→visitor codes; "each other" makes
the sources each other's targets."""
from __future__ import annotations

from entente.coding.events.lexicon import MUTUAL_PREFIXES, Trigger


def pairs(sources, targets, trig, ctx):
    pairs = []
    if "<OTHER>" in targets:
        targets = [a for a in targets if a != "<OTHER>"]
        if len(sources) >= 2:
            targets = []  # "X and Y ... each other" → joint between sources
            trig = Trigger(code=trig.code, joint=True)
    sources = [s for s in sources if s != "<OTHER>"]
    if sources and targets:
        for s in sources:
            for t in targets:
                if s != t:
                    pairs.append((s, t, trig.code))
                    if trig.joint and (len(sources) >= 2 or trig.code.startswith(MUTUAL_PREFIXES)):
                        pairs.append((t, s, trig.code))
                    elif trig.reverse:
                        pairs.append((t, s, trig.reverse))
    cooperative = trig.code[:2] in ("03", "04", "05", "06")
    if (trig.joint or (cooperative and not targets and trig.code[:2] != "06")) and len(sources) >= 2 \
            and not [t for t in targets if t not in sources]:
        for s in sources:
            for t in sources:
                if s != t:
                    pairs.append((s, t, trig.code))
    return pairs
