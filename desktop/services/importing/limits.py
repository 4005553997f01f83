"""How large an import may be: per field (from the entities' limits) and per file."""

from desktop.domain.values import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_TEXT_LENGTH
from desktop.services.validation import MAX_URL_LENGTH, MAX_VERDICT_LENGTH

MAX_REF_LENGTH = 100
FIELD_LIMITS = {
    "text": MAX_TEXT_LENGTH,
    "speaker": MAX_NAME_LENGTH,
    "role": MAX_NAME_LENGTH,
    "side": MAX_NAME_LENGTH,
    "outlet": MAX_NAME_LENGTH,
    "url": MAX_URL_LENGTH,
    "id": MAX_REF_LENGTH,
    "verdict": MAX_VERDICT_LENGTH,
    "explanation": MAX_NOTE_LENGTH,
    "note": MAX_NOTE_LENGTH,
}
MAX_FILE_BYTES = 2**30  # a data file (CSV, JSON, JSON Lines), read as a stream
MAX_PAGE_BYTES = 20 * 2**20  # a web page, read whole to find its JSON-LD
MAX_JSON_VALUE_CHARS = 64 * 2**20  # one JSON value (a document's full text, one JSON line)
MAX_ERRORS = 100  # an import stops reading after this many errors


def size_label(size: int) -> str:
    """'1 GiB', '20 MiB', '12 KiB' or '300 bytes'."""
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size} bytes"
