"""What every reader shares: the file opened as decoded text, its position, its problems."""

import io
from collections.abc import Iterator
from pathlib import Path

from desktop.services.importing.encoding import detect_encoding
from desktop.services.importing.headers import ColumnMapping
from desktop.services.importing.limits import MAX_FILE_BYTES, size_label
from desktop.services.importing.records import ImportFileError, ImportOptions, Problem
from desktop.services.importing.rows import statement_from_cells


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    """The file's size in bytes; ImportFileError when it is over the limit."""
    size = path.stat().st_size
    if size > limit:
        raise ImportFileError(f"the file is {size_label(size)}; an import file may be at most {size_label(limit)}")
    return size


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
        """Records and Problems, in file order."""
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
        result = statement_from_cells(cells, line, self.options.day_order)
        for message in result.warnings:
            yield self.problem(line, message, is_error=False)
        for message in result.errors:
            yield self.problem(line, message)
        if result.record is not None:
            yield result.record
