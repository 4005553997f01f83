"""Turning one row of cells, keyed by field, into a statement record and its problems."""

import re
from dataclasses import dataclass, field

from desktop.domain.urls import is_openable
from desktop.domain.values import LinkType
from desktop.services.importing.dates import DateProblem, DayOrder, parse_date
from desktop.services.importing.limits import FIELD_LIMITS
from desktop.services.importing.records import StatementRecord

_NEUTRALISED = re.compile(r"'(?=[=+\-@\t\r])")
_REFERENCES = re.compile(r"[;,\s]+")
_TRUE = {"1", "true", "yes", "y", "x", "quote", "да"}
_FALSE = {"", "0", "false", "no", "n", "paraphrase", "нет"}
_LINK_FIELDS = {"rebuts": LinkType.REBUTS.value, "responds_to": LinkType.RESPONDS_TO.value}


@dataclass
class RowResult:
    """A record (None when the row cannot be imported) and what was found wrong with it."""

    record: StatementRecord | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def unneutralise(cell: str) -> str:
    """A CSV cell without the apostrophe a CSV export puts before a would-be formula ('=1+1 → =1+1)."""
    return _NEUTRALISED.sub("", cell, count=1) if cell.startswith("'") else cell


def _number(cells: dict, name: str, errors: list[str]) -> float | None:
    text = cells.get(name, "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma, as European spreadsheets write it
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        errors.append(f"the {name.replace('_', ' ')} “{text}” is not a number")
        return None


def _quote(text: str, warnings: list[str]) -> bool:
    folded = text.casefold()
    if folded in _TRUE or folded in _FALSE:
        return folded in _TRUE
    warnings.append(f"“{text}” in the direct-quote column is neither yes nor no; read as no")
    return False


def references(text: str) -> list[str]:
    """The statement ids in a cell: '3; 7', '#12' → ['3', '7'], ['12']."""
    return [part.lstrip("#") for part in _REFERENCES.split(text) if part.lstrip("#")]


def statement_from_cells(raw: dict, line: int, order: DayOrder | None) -> RowResult:
    """Check and convert one row's cells (keyed by field) into a StatementRecord."""
    cells = {name: str(value).strip() for name, value in raw.items()}
    result = RowResult(None)
    errors, warnings = result.errors, result.warnings
    for name, limit in FIELD_LIMITS.items():
        if len(cells.get(name, "")) > limit:
            errors.append(f"the {name} is {len(cells[name]):,} characters long; the limit is {limit:,}")
    if not cells.get("text"):
        errors.append("the row has no statement text")
    try:
        said_on = parse_date(cells.get("date", ""), order)
    except DateProblem as problem:
        errors.append(str(problem))
        said_on = None
    url = cells.get("url", "")
    if url and not is_openable(url):
        warnings.append(f"the link “{url[:80]}” was dropped: only http and https links are kept")
        url = ""
    ratings = {name: _number(cells, name, errors) for name in ("rating_value", "rating_best", "rating_worst")}
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
