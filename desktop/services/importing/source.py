"""What every reader shares: the file opened as decoded text, its position, its problems."""

import codecs
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from desktop.services.importing.encoding import SAMPLE_BYTES, STRAY, detect_bytes, mend, stray_bytes
from desktop.services.importing.headers import ColumnMapping
from desktop.services.importing.limits import MAX_COLUMNS, MAX_ERRORS, MAX_FILE_BYTES, MAX_LINE_CHARS
from desktop.services.importing.records import ImportFileError, ImportOptions, Problem
from desktop.services.importing.rows import RowResult, check_table, statement_from_cells
from desktop.services.input_files import FileTooLarge, UnreadableFile, open_text_bytes, size_label

TABLE_BATCH = 256  # rows of a table checked (and then imported) together


def file_error(error: UnreadableFile, line: int | None = None) -> ImportFileError:
    """The ImportFileError saying why a file cannot be read, in an import's words."""
    if isinstance(error, FileTooLarge) and error.stated:
        return ImportFileError(f"the file is {size_label(error.size)}; an import file may be at most {size_label(error.limit)}")
    return ImportFileError(str(error), line)


class TableRows:
    """Rows of a table of statements gathered to be checked together, with the problems met on reading them."""

    def __init__(self):
        self.lines: list[int] = []
        self.rows: list = []
        self.notes: dict[int, list[Problem]] = {}  # problems to give before the row at each index
        self._noted = 0

    @property
    def full(self) -> bool:
        """Whether there are enough rows, or problems, to give them on (a file of nothing but bad lines
        would otherwise hold every problem until its end)."""
        return len(self.rows) >= TABLE_BATCH or self._noted >= TABLE_BATCH

    def add(self, line: int, row) -> None:
        self.lines.append(line)
        self.rows.append(row)

    def note(self, problem: Problem) -> None:
        self.notes.setdefault(len(self.rows), []).append(problem)
        self._noted += 1


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
        self.lines_read = 0  # lines given by `lines()`
        try:
            self._input = open_text_bytes(path, MAX_FILE_BYTES)
        except UnreadableFile as error:
            raise file_error(error) from None
        try:
            self.encoding = options.encoding or detect_bytes(self._input.peek(SAMPLE_BYTES)[:SAMPLE_BYTES])
            # A UTF-8 file stays UTF-8 whatever few bytes in it are not: they are read one by one (`_mended`).
            self._lenient = codecs.lookup(self.encoding).name in ("utf-8", "utf-8-sig")
            errors = "surrogateescape" if self._lenient else "strict"
            self.text = io.TextIOWrapper(self._input, encoding=self.encoding, errors=errors, newline="")
        except BaseException:
            self._input.close()
            raise
        self._notes: list[Problem] = []  # about stray bytes, given with the next item
        self._stray_lines = 0
        self._chunk_line = 1  # the line the next chunk `read` gives starts on

    def items(self) -> Iterator:
        """Records, StatementRows and Problems, in file order; ImportFileError when the file cannot be
        read on (over its size limit as it is read, changed while it was read)."""
        try:
            for item in self._items():
                if self._notes:
                    yield from self._notes
                    self._notes.clear()
                yield item
            yield from self._notes
            self._check_unchanged()
        except FileTooLarge as error:
            raise file_error(error, self.lines_read + 1 if self.lines_read else None) from None
        except UnreadableFile as error:
            raise file_error(error) from None

    def _mended(self, text: str, line: int) -> str:
        """Text read from the file, starting on `line`, with its bytes that are not UTF-8 read as in
        Windows-1252, and a warning for each line holding some (the first hundred)."""
        if text.isascii() or not self._lenient or not STRAY.search(text):
            return text
        strays: dict[int, str] = {}  # by line
        position = 0
        for found in STRAY.finditer(text):
            line += text.count("\n", position, found.start())
            position = found.start()
            strays[line] = strays.get(line, "") + found.group()
        for number, found in strays.items():
            self._note_stray(number, found)
        return mend(text)

    def _note_stray(self, line: int, strays: str) -> None:
        self._stray_lines += 1
        if self._stray_lines <= MAX_ERRORS:
            message = (
                f"bytes that are not UTF-8 ({stray_bytes(strays)}) were read as Windows-1252 has them, "
                f"“{mend(strays)}”; if that is wrong, choose the file's encoding"
            )
            self._notes.append(self.problem(line, message, is_error=False))
        elif self._stray_lines == MAX_ERRORS + 1:
            self._notes.append(self.problem(line, "more lines hold bytes that are not UTF-8; they were read the same way", False))

    def read(self, size: int) -> str:
        """The next `size` characters of the file (for JsonStream), stray bytes read as in `_mended`."""
        chunk = self._mended(self.text.read(size), self._chunk_line)
        self._chunk_line += chunk.count("\n")
        return chunk

    def _items(self) -> Iterator:
        raise NotImplementedError

    def _check_unchanged(self) -> None:
        self._input.raw.check_unchanged()

    def lines(self) -> Iterator[str]:
        """The file's lines, each with its line break, counted in `lines_read`; ImportFileError at a line
        longer than MAX_LINE_CHARS (before it is split or decoded)."""
        readline = self.text.readline
        self.lines_ended = False
        while line := readline(MAX_LINE_CHARS + 1):
            if len(line) > MAX_LINE_CHARS and line[-1] not in "\r\n":
                raise ImportFileError(f"the line is longer than {MAX_LINE_CHARS:,} characters", self.lines_read + 1)
            self.lines_read += 1
            yield self._mended(line, self.lines_read)
        self.lines_ended = True

    def tell(self) -> int:
        """How many bytes of the file have been read."""
        return self._input.raw.read_bytes

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

    def keys_problem(self, line: int, value: dict) -> Problem | None:
        """The problem with an object of more than MAX_COLUMNS keys, or None."""
        if len(value) > MAX_COLUMNS:
            return self.problem(line, f"the object has {len(value):,} keys; an object may have at most {MAX_COLUMNS:,}")
        return None

    def lookup(self, line: int, key: str) -> tuple[str | None, bool]:
        """The field of a JSON key, as `ColumnMapping.lookup` gives it; ImportFileError when the file has
        named more than MAX_COLUMNS different keys (each is matched to a field, and remembered)."""
        found = self.mapping.lookup(key)
        if len(self.mapping.columns) > MAX_COLUMNS:
            raise ImportFileError(f"the file names more than {MAX_COLUMNS:,} different keys; Parallax reads at most that many", line)
        return found

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
