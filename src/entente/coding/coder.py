"""The coding stage: one parsed document in, dated events and quotes out.

Coder contract: the constructor stores settings; ``load()`` reads models and
data; ``code()`` turns one (Document, spaCy Doc) into a CodedDocument and
does nothing else.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from entente.coding import dates, dimensions, quotes
from entente.coding.actors import load_actors
from entente.coding.events import EventCoder, filters
from entente.coding.events.scorer import EventScorer
from entente.nlp import load_nlp
from entente.types import CodedDocument, Document, Event


class Coder:
    """Actors, events, dates, quotes and dimensions for documents."""

    def __init__(self, *, model: str | None = None, actors: list[str] | None = None, rules: str | None = None,
                 learned: bool | str = True):
        self.model = model
        self.actor_files = actors
        self.rules = rules
        self.learned = learned  # True: the shipped event model; a path: that model; False: rules only
        self.nlp = None
        self.actors = None
        self.events = None
        self.scorer = None

    @property
    def name(self) -> str:
        version = getattr(self.actors, "version", "?")
        learned = f"+{self.scorer.name}" if self.scorer is not None else ""
        return f"{EventCoder.name}{learned}+actors.{version}"

    def load(self) -> "Coder":
        self.nlp = load_nlp(self.model)
        self.actors = load_actors(self.actor_files)
        self.events = EventCoder(actors=self.actors, rules=self.rules).load()
        if self.learned:
            self.scorer = EventScorer(None if self.learned is True else self.learned).load()
        return self

    def parse(self, documents: Iterable[Document]) -> Iterator[tuple[Document, object]]:
        """Parse a stream of documents with spaCy, yielding (document, doc) pairs."""
        pairs = ((d.text, d) for d in documents)
        for sdoc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=16):
            yield document, sdoc

    def evidence(self, document: Document, sdoc) -> dict:
        """What the learned stage decides on: the rules' events and every actor-pair candidate."""
        doc_date, doc_prec = dates.doc_date_estimate(
            document.text, document.published, document.published_precision
        )
        resolver = dates.DateResolver(sdoc, doc_date=doc_date, doc_date_precision=doc_prec)
        sent_dates = resolver.sentence_dates()
        year = int(doc_date[:4]) if doc_date and doc_date[:4].isdigit() else None

        def date_near(sent, token_i):
            return resolver.date_near(token_i)

        candidates: list = []
        rule_events = self.events.code(document, sdoc, sent_dates, year=year, date_near=date_near,
                                       candidates=candidates)
        return {"doc_date": doc_date, "doc_date_precision": doc_prec, "rule_events": rule_events,
                "candidates": candidates, "n_sentences": len(resolver.sents)}

    def code(self, document: Document, sdoc) -> CodedDocument:
        ev = self.evidence(document, sdoc)
        doc_date = ev["doc_date"]
        if self.scorer is not None:
            events = self.scorer.events(ev["candidates"], self.events.name, n_sentences=ev["n_sentences"])
        else:
            events = ev["rule_events"]
        events = filters.apply(events, document.text, person_actor=self.actors.person_actor)
        events = [self._finish(e, document, doc_date) for e in events]
        qs = quotes.extract_quotes(
            document, sdoc, person_name=self.actors.person_name, person_actor=self.actors.person_actor
        )
        return CodedDocument(document=document, events=events, quotes=qs,
                             doc_date=doc_date, doc_date_precision=ev["doc_date_precision"])

    @staticmethod
    def _finish(e: Event, document: Document, doc_date: str | None) -> Event:
        from dataclasses import replace

        text = document.text[e.sent_start:e.sent_end]
        trigger = document.text[e.trigger_start:e.trigger_end]
        # no cue and no publication date or estimate: the date is unknown (NULL), never invented
        date = e.date or doc_date or None
        precision = e.date_precision if date else "unknown"
        return replace(e, date=date, date_precision=precision,
                       dimension=dimensions.classify(e.cameo, text, trigger))
