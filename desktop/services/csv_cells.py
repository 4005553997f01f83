"""The cells of Parallax's own CSV: its columns, and formulas neutralised so that a spreadsheet
shows them as text, in a way its import undoes exactly (and only for a file of these columns)."""

import re

COLUMNS = (
    "id", "text", "date", "speaker", "role", "side", "outlet", "url", "is_quote", "rebuts", "responds_to",
    "verdict", "rating_value", "rating_best", "rating_worst", "explanation", "note",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")  # what a neutralised cell starts with


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP): a leading = + - @ tab or CR gets an
    apostrophe; so does a cell that already reads as neutralised ('=1), so that `unneutralise` gives it back."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) or _NEUTRALISED.match(cell) else cell


def unneutralise(cell: str) -> str:
    """A cell of Parallax's CSV as it was before `neutralise`: '=1+1 → =1+1, ''=1 → '=1."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def is_parallax_csv(header: list[str]) -> bool:
    """Whether a CSV's header is the one Parallax's export writes (its cells alone were neutralised)."""
    return tuple(column.strip().lstrip("\ufeff") for column in header) == COLUMNS
