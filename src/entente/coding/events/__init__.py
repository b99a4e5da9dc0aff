"""Event coding: candidate events from rules over the parse, rescored and typed by a learned model.

- ``lexicon``: trigger words and codes (project entries over PETRARCH2's verb dictionary)
- ``context``: which actors a token stands for, and the context carried between sentences
- ``realis``: negation, modals, conditionals
- ``directions``: (source, target, code) triples of a trigger, joint acts both ways
- ``rules``: the rules coder (``EventCoder``), with nominal triggers (and acts undone) in ``nouns``,
  acts read off a clause's shape (vetoes, relationship changes, implied targets) in ``clauses`` and
  what actors say or feel (reported demands and statements, criticism, concern) in ``stances``
- ``candidates`` / ``features``: actor-pair candidates per sentence and their features
- ``scorer``: the learned model that decides which candidates are events and of which root
- ``filters``: precision filters applied to every event
"""
from entente.coding.events.lexicon import CODER, Trigger, load_rules
from entente.coding.events.rules import EventCoder

__all__ = ["CODER", "EventCoder", "Trigger", "load_rules"]
