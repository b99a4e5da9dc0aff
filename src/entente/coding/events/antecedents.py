"""What an actorless mention refers back to, from the events the document has coded so far:
"since the invasion" (the one-sided fighting last coded), "this meeting comes amid…" (the talks
coded most often). Read by the nominal triggers (nouns.py)."""
from __future__ import annotations


def last_pair(events, root: str, *, one_sided: bool = False) -> tuple[str, str] | None:
    """(source, target) of the latest event of ``root`` coded by the project's own triggers, else
    None; ``one_sided``: not one that runs both ways (a clash, where "the invasion" names no side)."""
    pairs = {(e.source, e.target) for e in events if e.cameo[:2] == root}
    for e in reversed(events):
        if e.cameo[:2] == root and not e.rule.startswith("pverb:") and not (
                one_sided and (e.target, e.source) in pairs):
            return e.source, e.target
    return None


def main_talks(events) -> tuple[str, str] | None:
    """The pair of the talks coded most often so far: what "this meeting" of a briefing refers to,
    though a meeting with a third state came up since (ties: the first coded)."""
    counts: dict[tuple[str, str], int] = {}
    for e in events:
        if e.cameo[:2] == "04" and not e.rule.startswith("pverb:"):
            key = tuple(sorted((e.source, e.target)))
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else None
