"""Precision filters applied to every coded event, whatever stage proposed it.

Each filter is a kind of error seen in coded output, stated as a test on the event's passage:
- "fighting terrorism", "the war on drugs": a campaign against a problem is not armed conflict
  between the actors, so fighting and assault codes (18–20) are dropped there;
- "Khrushchev's attack on Stalin", "Khrushchev attacked Stalin": an attack on a person by words is
  disapproval (11), not an assault;
- an event whose source and target are the same actor is no event.
"""
from __future__ import annotations

import re
from dataclasses import replace

from entente.types import Event

PROBLEMS = (r"(?:international\s+|global\s+|transnational\s+|cyber\s*)?(?:terror\w*|extremis\w*|separatis\w*|"
            r"crime|criminal\w*|drug\w*|narcotic\w*|trafficking|piracy|pirates|corruption|money\s+laundering|"
            r"pandemic\w*|covid\w*|virus\w*|poverty|climate\s+change|the\s+three\s+evils|insurgen\w*)")
CAMPAIGN = re.compile(r"\b(?:fight\w*|combat\w*|counter\w*|battl\w*|war\s+(?:on|against)|struggle\s+against|"
                      r"crack\w*\s+down\s+on|campaign\s+against|efforts?\s+against)\s+(?:the\s+|against\s+)?"
                      + PROBLEMS, re.IGNORECASE)
VERBAL_ATTACK = re.compile(r"\b(?:attack\w*|assault\w*|broadside)\s+(?:(?:on|against)\s+)?"
                           r"((?:[A-Z][\w'’.-]+\s?){1,3})")


def apply(events: list[Event], text: str, person_actor=None) -> list[Event]:
    """The events that survive the filters (with recodes applied), in order."""
    out = []
    for e in events:
        if e.source == e.target:
            continue
        if e.cameo[:2] in ("18", "19", "20"):
            sent = text[e.sent_start:e.sent_end]
            t0 = e.trigger_start - e.sent_start
            window = sent[max(0, t0 - 40):t0 + 80]
            if CAMPAIGN.search(window):
                continue
            m = VERBAL_ATTACK.search(sent[max(0, t0 - 2):t0 + 80])
            if m and person_actor is not None and person_actor(m.group(1).strip(" .’'")):
                e = replace(e, cameo="111", rule=f"{e.rule}+verbal")
        out.append(e)
    return out
