"""Rule-based extraction of statements from an article: pure functions, no Qt, no I/O.

`extract(text, context)` proposes statements, each tied to its speaker (with role and
side), the outlet that reported it, the date it was made and its span in the text.
"""

from desktop.domain.extraction.extractor import extract
from desktop.domain.extraction.model import Context, KnownOutlet, KnownSide, KnownSpeaker, Proposal

__all__ = ["Context", "KnownOutlet", "KnownSide", "KnownSpeaker", "Proposal", "extract"]
