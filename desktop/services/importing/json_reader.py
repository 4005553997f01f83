"""Reading Parallax's own JSON export, JSON Lines, and JSON arrays of flat statement objects."""

from collections.abc import Iterator
from datetime import date, datetime

from desktop.services.importing.json_stream import JsonStream, JsonSyntaxError, loads
from desktop.services.importing.limits import MAX_JSON_VALUE_CHARS
from desktop.services.importing.records import (
    DocumentRecord,
    ImportFileError,
    LinkRecord,
    OutletRecord,
    Problem,
    SideRecord,
    SpeakerRecord,
    StatementRecord,
    StoryRecord,
)
from desktop.services.importing.rows import kept_link
from desktop.services.importing.source import Source, TableRows

PARALLAX_FORMAT = "parallax"
PARALLAX_VERSION = 1
SECTIONS = ("sides", "stories", "speakers", "outlets", "documents", "statements", "links")
_METADATA = {"format", "version", "exported_at", "generator", "filter", "about"}
_NOT_PARALLAX = f'this is not a Parallax JSON file: it does not start with "format": "{PARALLAX_FORMAT}"'
# Statement keys that are not row cells: they refer to other parts of the file.
_STATEMENT_EXTRAS = ("side", "story", "document", "span_start", "span_end", "created_at", "updated_at")


def _leaves(values: list) -> Iterator:
    """The items of a list and of the lists in it, in order, without recursion (a file may nest thousands deep)."""
    stack = [iter(values)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            yield item
        else:
            stack.pop()


def _cell(value) -> str:
    """A JSON value as the text of a cell; lists (of ids), however nested, are joined with spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return " ".join(_cell(item) for item in _leaves(value))
    if isinstance(value, dict):
        raise ValueError("holds an object where a value belongs")
    return str(value)


class _FlatRows(Source):
    """Objects whose keys are column names, mapped to fields as CSV headers are."""

    tabular = True

    def _cells(self, line: int, value, problems: list[Problem]) -> dict[str, str] | None:
        """An object's cells keyed by field, the problems met added to `problems`; None if it cannot be read."""
        if not isinstance(value, dict):
            problems.append(self.problem(line, "expected an object with a statement's fields"))
            return None
        if too_many_keys := self.keys_problem(line, value):
            problems.append(too_many_keys)
            return None
        cells, lookup, examples = {}, self.lookup, self.examples
        for key, item in value.items():
            target, unknown = lookup(line, key)
            if unknown:
                problems.append(self.problem(line, f"the key “{key}” is not one Parallax knows and was left out", False))
            if target is None:
                continue
            try:
                cells[target] = item if type(item) is str else _cell(item)
            except ValueError as error:
                problems.append(self.problem(line, f"“{key}” {error}"))
                return None
            if key not in examples:
                examples[key] = cells[target]
        return cells

    def _gather(self, rows: TableRows, line: int, value) -> None:
        """Add an object's cells to `rows`, its problems noted."""
        problems: list[Problem] = []
        cells = self._cells(line, value, problems)
        for problem in problems:
            rows.note(problem)
        if cells is not None:
            rows.add(line, cells)

    def _table(self, rows: TableRows) -> Iterator:
        names = set().union(*rows.rows)
        return self.table(rows, {name: [cells.get(name, "") for cells in rows.rows] for name in names})


class JsonLinesSource(_FlatRows):
    """One JSON object a line (.jsonl, .ndjson); blank lines are skipped."""

    kind = "JSON Lines"

    def _items(self) -> Iterator:
        number = 0
        rows = TableRows()
        try:
            for line in self.lines():
                number += 1
                if not line.strip():
                    continue
                try:
                    self._gather(rows, number, loads(line, number))
                except JsonSyntaxError as error:
                    rows.note(self.problem(number, f"not valid JSON: {error}"))
                if rows.full:
                    yield from self._table(rows)
                    rows = TableRows()
        except UnicodeDecodeError:
            rows.note(self.decoding_problem(number + 1))
        yield from self._table(rows)


class JsonRowsSource(_FlatRows):
    """A JSON array of flat statement objects, as other tools export them."""

    kind = "JSON"

    def _items(self) -> Iterator:
        rows = TableRows()
        try:
            for piece in JsonStream(self).pieces():
                if piece.key is not None or not piece.is_element:
                    raise ImportFileError("expected an array of statement objects", piece.line)
                self._gather(rows, piece.line, piece.value)
                if rows.full:
                    yield from self._table(rows)
                    rows = TableRows()
        except JsonSyntaxError as error:
            rows.note(self.problem(error.line, f"not valid JSON: {error}"))
        except UnicodeDecodeError:
            rows.note(self.decoding_problem(1))
        yield from self._table(rows)


def _text(value, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(f"“{key}” must be text")
    return str(value)


def _texts(record: dict, key: str) -> tuple[str, ...]:
    """A list of texts (a speaker's aliases, a side's cue words); none when the key is missing."""
    values = record.get(key) or []
    if not isinstance(values, list):
        raise ValueError(f"“{key}” must be a list")
    return tuple(_text(value, key) for value in values)


def _date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def _moment(value) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _place(value) -> int | None:
    """A place in a document's text (a span's start or end)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number")
    if not 0 <= value <= MAX_JSON_VALUE_CHARS:
        raise ValueError(f"{value} is not a place in a document's text (0 to {MAX_JSON_VALUE_CHARS:,})")
    return value


class ParallaxJsonSource(Source):
    """Parallax's own export: every table, statements by name, links by statement id (docs/FORMATS.md)."""

    kind = "Parallax JSON"

    def _items(self) -> Iterator:
        seen: list[str] = []
        try:
            for piece in JsonStream(self).pieces():
                yield from self._piece(piece, seen)
        except JsonSyntaxError as error:
            yield self.problem(error.line, f"not valid JSON: {error}")
        except UnicodeDecodeError:
            yield self.decoding_problem(1)

    def _piece(self, piece, seen: list[str]) -> Iterator:
        key, value, line = piece.key, piece.value, piece.line
        if key in SECTIONS or key is None:  # None: the file holds a lone value, not an object
            if "format" not in seen:
                raise ImportFileError(_NOT_PARALLAX, line)
            if not piece.is_element:
                raise ImportFileError(f"“{key}” must be a list", line)
            if seen[-1] in SECTIONS and SECTIONS.index(key) < SECTIONS.index(seen[-1]):
                raise ImportFileError(f"“{key}” must come before “{seen[-1]}”", line)
            if not seen or seen[-1] != key:
                seen.append(key)
            if not isinstance(value, dict):
                yield self.problem(line, f"an entry of “{key}” must be an object")
                return
            try:
                yield from getattr(self, f"_{key}")(line, value)
            except (ValueError, TypeError) as error:
                yield self.problem(line, f"{key[:-1]}: {error}")
        elif key == "format" and value != PARALLAX_FORMAT or key == "version" and value != PARALLAX_VERSION:
            raise ImportFileError(f"this is not a version {PARALLAX_VERSION} Parallax JSON file", line)
        elif key == "format":
            seen.append(key)
        elif key not in _METADATA:
            yield self.problem(line, f"the section “{key}” is not one Parallax knows and was left out", False)

    def _sides(self, line, value):
        yield SideRecord(line, _text(value.get("name"), "name"), _text(value.get("colour"), "colour"), _texts(value, "cues"))

    def _stories(self, line, value):
        yield StoryRecord(line, _text(value.get("name"), "name"), _text(value.get("description"), "description"))

    def _speakers(self, line, value):
        yield SpeakerRecord(
            line, _text(value.get("name"), "name"), _text(value.get("kind"), "kind") or "person",
            _text(value.get("role"), "role"), _text(value.get("side"), "side"), _texts(value, "aliases"),
        )

    def _outlets(self, line, value):
        yield OutletRecord(
            line, _text(value.get("name"), "name"), _text(value.get("country"), "country"),
            _text(value.get("kind"), "kind") or "newspaper",
        )

    def _documents(self, line, value):
        warnings: list[str] = []
        url = kept_link(_text(value.get("url"), "url"), warnings)
        for warning in warnings:
            yield self.problem(line, f"document: {warning}", is_error=False)
        yield DocumentRecord(
            line, _text(value.get("id"), "id"), _text(value.get("title"), "title"), url,
            _text(value.get("publisher"), "publisher"), _date(value.get("published_on")), _text(value.get("text"), "text"),
        )

    def _links(self, line, value):
        yield LinkRecord(line, _text(value.get("from"), "from"), _text(value.get("to"), "to"), _text(value.get("type"), "type"))

    def _statements(self, line, value):
        if too_many_keys := self.keys_problem(line, value):
            yield too_many_keys
            return
        extras = {key: value.pop(key, None) for key in _STATEMENT_EXTRAS}
        cells = {}
        for key, item in value.items():
            target, unknown = self.lookup(line, key)
            if unknown:
                yield self.problem(line, f"the statement key “{key}” is not one Parallax knows and was left out", False)
            if target is not None:
                cells[target] = _cell(item)
        for item in self.row(line, cells):
            if isinstance(item, StatementRecord):
                item.side, item.own_side = _text(extras["side"], "side"), extras["side"] is not None
                item.story = _text(extras["story"], "story")
                item.document = _text(extras["document"], "document")
                item.span_start, item.span_end = _place(extras["span_start"]), _place(extras["span_end"])
                item.created_at, item.updated_at = _moment(extras["created_at"]), _moment(extras["updated_at"])
            yield item
