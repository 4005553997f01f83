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
# One JSON value (a document's full text) is held whole while it is decoded: 8 Mi characters hold the
# text of the largest article (5 MB) and stay under 100 MB however they are written.
MAX_JSON_VALUE_CHARS = 8 * 2**20
# A line of a CSV or JSON Lines file: a row of statement, note and explanation at their limits
# fills a twentieth of it. Longer lines are refused before they are split into cells.
MAX_LINE_CHARS = 2**20
# Lines one CSV cell may run over (inside its quotes): far past any statement or note, well short of a
# file whose quote was left open.
MAX_CELL_LINES = 200
# Columns of a table (Excel's own limit), keys of one JSON object, different keys in a JSON file.
MAX_COLUMNS = 16_384
MAX_ERRORS = 100  # an import stops reading after this many errors
