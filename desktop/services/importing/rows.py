"""Turning rows of cells, keyed by field, into statement records and their problems.

`statement_from_cells` checks one row. `check_table` checks many rows of a table at once,
a column at a time, and gives every row it cannot pass as plainly fine to
`statement_from_cells`, so each row's problems read exactly as they would alone.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat

from desktop.domain.urls import is_openable
from desktop.domain.values import LinkType
from desktop.services.importing.dates import DateProblem, DayOrder, parse_date
from desktop.services.importing.headers import FIELDS
from desktop.services.importing.limits import FIELD_LIMITS
from desktop.services.importing.matching import name_key
from desktop.services.importing.records import StatementRecord, StatementRows

_REFERENCES = re.compile(r"[;,\s]+")
# Between outlets: a semicolon; a plus joining two names ("TASS - Russian+RT English") or
# standing between spaces. A plus ending a word ("Canal+", "Canal+ Afrique") is part of the
# name, and so is a dash ("TASS - Russian"); commas are left alone ("Bloomberg, L.P.").
_OUTLET_SEPARATORS = re.compile(r"\s*;\s*|\s*\+(?=\S)|\s+\+\s+")
_TRUE = {"1", "true", "yes", "y", "x", "quote", "да"}
_FALSE = {"", "0", "false", "no", "n", "paraphrase", "нет"}
_QUOTE = {**dict.fromkeys(_FALSE, False), **dict.fromkeys(_TRUE, True)}
_LINK_FIELDS = {"rebuts": LinkType.REBUTS.value, "responds_to": LinkType.RESPONDS_TO.value}
_RATINGS = ("rating_value", "rating_best", "rating_worst")


@dataclass
class RowResult:
    """A record (None when the row cannot be imported) and what was found wrong with it."""

    record: StatementRecord | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def kept_link(url: str, warnings: list[str]) -> str:
    """The link if it is one Parallax opens (http or https); else "", a warning saying it was dropped."""
    if url and not is_openable(url):
        warnings.append(f"the link “{url[:80]}” was dropped: only http and https links are kept")
        return ""
    return url


def _number(cells: dict, name: str, errors: list[str]) -> float | None:
    text = cells.get(name, "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma, as European spreadsheets write it
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if math.isfinite(number):
        return number
    errors.append(f"the {name.replace('_', ' ')} “{text}” is not a number")  # nor are inf, 1e999 and NaN, to JSON
    return None


def _quote(text: str, warnings: list[str]) -> bool:
    folded = text.casefold()
    if folded in _QUOTE:
        return _QUOTE[folded]
    warnings.append(f"“{text}” in the direct-quote column is neither yes nor no; read as no")
    return False


def references(text: str) -> list[str]:
    """The statement ids in a cell: '3; 7', '#12' → ['3', '7'], ['12']."""
    return [part.lstrip("#") for part in _REFERENCES.split(text) if part.lstrip("#")]


def outlet_names(cell: str) -> list[str]:
    """The outlets an outlet cell names, in order, each once: 'TASS - Russian+RT English' →
    ['TASS - Russian', 'RT English'], 'A; B' → ['A', 'B']; [] for an empty cell."""
    names: dict[str, str] = {}
    for name in _OUTLET_SEPARATORS.split(cell):
        if name.strip():
            names.setdefault(name_key(name), name.strip())
    return list(names.values())


def names_several_outlets(cells: Sequence[str]) -> bool:
    """Whether any of these outlet cells names more than one outlet."""
    joined = "".join(cells)
    return ("+" in joined or ";" in joined) and any(len(outlet_names(cell)) > 1 for cell in cells)


@lru_cache(maxsize=2**16)
def _date(text: str, order: DayOrder | None):
    """parse_date, remembered (a file repeats its dates); the DateProblem when the date cannot be read."""
    try:
        return parse_date(text, order)
    except DateProblem as problem:
        return problem


def statement_from_cells(raw: dict[str, str], line: int, order: DayOrder | None) -> RowResult:
    """Check and convert one row's cells (keyed by field) into a StatementRecord."""
    cells = {name: str(value).strip() for name, value in raw.items()}
    result = RowResult(None)
    errors, warnings = result.errors, result.warnings
    for name, limit in FIELD_LIMITS.items():
        if len(cells.get(name, "")) > limit:
            errors.append(f"the {name} is {len(cells[name]):,} characters long; the limit is {limit:,}")
    if not cells.get("text"):
        errors.append("the row has no statement text")
    said_on = _date(cells.get("date", ""), order)
    if isinstance(said_on, DateProblem):
        errors.append(str(said_on))
        said_on = None
    url = kept_link(cells.get("url", ""), warnings)
    ratings = {name: _number(cells, name, errors) for name in _RATINGS}
    links = [(kind, ref) for name, kind in _LINK_FIELDS.items() for ref in references(cells.get(name, ""))]
    if errors:
        return result
    result.record = StatementRecord(
        line=line,
        text=cells["text"],
        said_on=said_on,
        speaker=cells.get("speaker", ""),
        role=cells.get("role", ""),
        side=cells.get("side", ""),
        outlet=cells.get("outlet", ""),
        url=url,
        ref=cells.get("id", ""),
        links=links,
        is_quote=_quote(cells.get("is_quote", ""), warnings),
        note=cells.get("note", ""),
        verdict=cells.get("verdict", ""),
        verdict_explanation=cells.get("explanation", ""),
        **ratings,
    )
    return result


def _rows_where(column: Sequence, test) -> set[int]:
    return {index for index, value in enumerate(column) if test(value)}


def _rows_to_check_alone(cells: dict[str, list[str]], said: list, quotes: list) -> set[int]:
    """The rows with something to report, or with a cell the column checks leave to `statement_from_cells`
    (a rating)."""
    alone = set()
    for name, limit in FIELD_LIMITS.items():
        if name in cells and max(map(len, cells[name]), default=0) > limit:
            alone |= _rows_where(cells[name], lambda value, limit=limit: len(value) > limit)
    if not all(cells["text"]):
        alone |= _rows_where(cells["text"], lambda text: not text)
    if any(map(isinstance, said, repeat(DateProblem))):
        alone |= _rows_where(said, lambda day: isinstance(day, DateProblem))
    if "url" in cells and any(cells["url"]):
        alone |= _rows_where(cells["url"], lambda url: url and not is_openable(url))
    if None in quotes:
        alone |= _rows_where(quotes, lambda quote: quote is None)
    for name in _RATINGS:
        if name in cells and any(cells[name]):
            alone |= _rows_where(cells[name], bool)
    return alone


def _links(cells: dict[str, list[str]], count: int) -> list[Sequence[tuple[str, str]]]:
    """Each row's links to other statements, as `statement_from_cells` reads them; () when it has none."""
    links: list[Sequence[tuple[str, str]]] = [()] * count
    for name, kind in _LINK_FIELDS.items():
        column = cells.get(name, ())
        for row in compress(range(count), column):  # only the rows whose cell is not empty
            links[row] = [*links[row], *((kind, ref) for ref in references(column[row]))]
    return links


def check_table(
    lines: list[int], columns: dict[str, Sequence[str]], order: DayOrder | None
) -> tuple[StatementRows, dict[int, RowResult]]:
    """Many rows of a table of statements checked at once, a column at a time.

    `columns` holds each field's cells, one a row (a row without the field has ""). Returns
    the rows, and the RowResult of each row `statement_from_cells` checked alone, by index:
    a row not among those is fine as it is in the rows.
    """
    cells = {name: list(map(str.strip, column)) for name, column in columns.items()}
    blank = [""] * len(lines)
    cells.setdefault("text", blank)
    said = list(map(_date, cells.get("date", blank), repeat(order)))
    quotes = list(map(_QUOTE.get, map(str.casefold, cells.get("is_quote", blank))))
    column = {name: cells.get(name, blank) for name in FIELDS}
    rows = StatementRows(
        line=lines, text=column["text"], said_on=said, speaker=column["speaker"], role=column["role"],
        side=column["side"], outlet=column["outlet"], url=column["url"], ref=column["id"], is_quote=quotes,
        note=column["note"], verdict=column["verdict"], verdict_explanation=column["explanation"],
        links=_links(cells, len(lines)),
    )
    alone = {
        index: statement_from_cells({name: column[index] for name, column in columns.items()}, lines[index], order)
        for index in _rows_to_check_alone(cells, said, quotes)
    }
    return rows, alone
