"""What every reader shares: the file opened as decoded text, its position, its problems."""

import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop.services.importing.encoding import detect_encoding
from desktop.services.importing.headers import ColumnMapping
from desktop.services.importing.limits import MAX_FILE_BYTES, size_label
from desktop.services.importing.records import ImportFileError, ImportOptions, Problem
from desktop.services.importing.rows import RowResult, check_table, statement_from_cells

TABLE_BATCH = 256  # rows of a table checked (and then imported) together


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The file's size in bytes; ImportFileError when it is over the limit."""
    size = path.stat().st_size
    if size > limit:
        raise ImportFileError(f"the file is {size_label(size)}; an import file may be at most {size_label(limit)}")
    return size


class TableRows:
    """Rows of a table of statements gathered to be checked together, with the problems met on reading them."""

    def __init__(self):
        self.lines: list[int] = []
        self.rows: list = []
        self.notes: dict[int, list[Problem]] = {}  # problems to give before the row at each index

    def add(self, line: int, row) -> bool:
        """Gather a row; True when there are enough to check them."""
        self.lines.append(line)
        self.rows.append(row)
        return len(self.rows) >= TABLE_BATCH

    def note(self, problem: Problem) -> None:
        self.notes.setdefault(len(self.rows), []).append(problem)


class Source:
    """One file being read: yields records and problems from `items()`."""

    kind = ""
    tabular = False  # whether its columns can be mapped by the editor

    def __init__(self, path: Path, options: ImportOptions):
        self.path = path
        self.name = str(path)
        self.options = options
        self.mapping = ColumnMapping(dict(options.mappings.get(str(path), {})))
        self.examples: dict[str, str] = {}  # the first value seen in each column, for the mapping view
        check_size(path)
        self.encoding = options.encoding or detect_encoding(path)
        self._raw = open(path, "rb")
        self.text = io.TextIOWrapper(self._raw, encoding=self.encoding, newline="")

    def items(self) -> Iterator:
        """Records, StatementRows and Problems, in file order."""
        raise NotImplementedError

    def tell(self) -> int:
        """How many bytes of the file have been read."""
        return 0 if self._raw.closed else self._raw.tell()

    def close(self) -> None:
        self.text.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.close()

    def problem(self, line: int | None, message: str, is_error: bool = True) -> Problem:
        return Problem(self.name, line, message, is_error)

    def decoding_problem(self, line: int) -> Problem:
        return self.problem(
            line, f"the text is not valid {self.encoding} at or after this line; choose the file's encoding"
        )

    def row(self, line: int, cells: dict) -> Iterator:
        """A row of cells keyed by field, checked: its problems, then its record if it has one."""
        defaults = self.options.defaults
        if defaults:
            cells = {**cells, **{name: value for name, value in defaults.items() if not str(cells.get(name) or "").strip()}}
        yield from self._checked(line, statement_from_cells(cells, line, self.options.day_order))

    def _checked(self, line: int, result: RowResult) -> Iterator:
        for message in result.warnings:
            yield self.problem(line, message, is_error=False)
        for message in result.errors:
            yield self.problem(line, message)
        if result.record is not None:
            yield result.record

    def table(self, rows: TableRows, columns: dict[str, Sequence[str]]) -> Iterator:
        """Rows of a table checked together, `columns` holding their cells by field, in file order:
        the rows found fine as StatementRows, each other row's problems and record as `row` gives
        them, and the problems met on reading a row before it."""
        for name, value in self.options.defaults.items():
            cells = columns.get(name)
            columns[name] = [value] * len(rows.lines) if cells is None else [cell if cell.strip() else value for cell in cells]
        checked, alone = check_table(rows.lines, columns, self.options.day_order)
        start = 0
        for index in sorted(alone.keys() | rows.notes.keys()):
            if start < index:
                yield checked.part(start, index)
            yield from rows.notes.get(index, ())
            start = index
            if index in alone:
                yield from self._checked(rows.lines[index], alone[index])
                start += 1
        if start < len(checked):
            yield checked.part(start, len(checked))
