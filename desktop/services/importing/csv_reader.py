"""Reading CSV and TSV files as Excel and other tools write them."""

import csv
from collections.abc import Iterator
from functools import partial
from itertools import chain

from desktop.services.csv_cells import is_parallax_csv, unneutralise
from desktop.services.importing.headers import FIELDS
from desktop.services.importing.limits import MAX_CELL_LINES, MAX_COLUMNS
from desktop.services.importing.records import ImportFileError, Problem
from desktop.services.importing.source import TABLE_BATCH, Source, TableRows

_DELIMITERS = ",;\t"
_CELLS_PER_BATCH = 2**18  # rows read together hold at most about this many cells (TABLE_BATCH rows of 1,024)


def _delimiter(line: str) -> str:
    """The separator the header line uses most outside quotes: comma, semicolon (European Excel) or tab."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _lines_spanned(cells: list[str]) -> int:
    """How many lines of the file a row takes: one, and one more for each line break (CR LF, CR or LF)
    inside a quoted cell."""
    joined = "".join(cells)
    return 1 + joined.count("\n") + joined.count("\r") - joined.count("\r\n")


def _cannot_read(error: csv.Error) -> str:
    text = str(error)
    if "field larger" in text:
        return f"a cell is longer than {csv.field_size_limit():,} characters"
    if "NUL" in text:
        return "the line holds a NUL character; is this really a CSV file?"
    return f"the CSV cannot be read: {text}"


class CsvSource(Source):
    """A CSV file: a header row, then one statement a row. Blank rows are skipped."""

    kind = "CSV"
    tabular = True

    def __init__(self, path, options):
        super().__init__(path, options)
        self._consumed = self._offset = 0  # lines read; blank lines before the header
        try:
            lines = self.lines()
            first = self._first_line(lines)
            delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(first)
            self._rows = csv.reader(chain([first], lines), delimiter=delimiter)
            self._closed_rows = self._marking_unclosed()
            self._unclosed: list[str] | None = None  # the last row, when the file ends inside its quote
            self._consumed = self._offset
            self.header_line, header = next(self._records(), (1, []))
        except UnicodeDecodeError:
            self.close()
            raise ImportFileError(f"the header is not valid {self.encoding}; choose the file's encoding", 1)
        except csv.Error as error:
            self.close()
            raise ImportFileError(_cannot_read(error), 1)
        except BaseException:
            self.close()
            raise
        if not header:
            self.close()
            raise ImportFileError("the file is empty")
        if len(header) > MAX_COLUMNS:
            self.close()
            raise ImportFileError(f"the header names {len(header):,} columns; a file may have at most {MAX_COLUMNS:,}", self.header_line)
        for column in header:
            self.mapping.add(column.strip())
        self._own = is_parallax_csv(header)  # Parallax's export: formulas neutralised, to be undone

    def _first_line(self, lines: Iterator[str]) -> str:
        """The first line that is not blank; the blank ones before it are counted."""
        for line in lines:
            if line.strip():
                return line
            self._offset += 1
        return ""

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """Rows that are not blank, each with the line it starts on."""
        rows, offset = self._rows, self._offset
        for cells in rows:
            line = self._consumed + 1
            self._consumed = rows.line_num + offset
            if any(map(str.strip, cells)):
                yield line, cells

    def _marking_unclosed(self) -> Iterator[list[str]]:
        """The reader's rows; a row it gives once the lines have run out ended inside a quote (a row
        that is whole is given as soon as its last line is read). ImportFileError at a row of more
        than MAX_COLUMNS cells."""
        for cells in self._rows:
            if self.lines_ended:
                self._unclosed = cells
            if len(cells) > MAX_COLUMNS:  # a batch of such rows would hold hundreds of megabytes
                raise ImportFileError(f"the row has {len(cells):,} cells; a file may have at most {MAX_COLUMNS:,} columns", self._rows.line_num + self._offset)
            yield cells

    def _quote_problem(self, line: int, cells: list[str], spanned: int) -> Problem | None:
        """What is wrong with a row that runs over line ends inside a quote, when it looks like a quote
        left open: the file ends inside it, the cell runs over far more lines than a cell holds, or the
        row has another number of cells than the header (a quote swallowed rows); else None."""
        opened = next(index for index, cell in enumerate(cells) if "\n" in cell or "\r" in cell)
        where = line + _lines_spanned(cells[:opened]) - 1
        if cells is self._unclosed:
            after = "the line after it was" if spanned == 2 else f"the {spanned - 1:,} lines after it were"
            message = f"a quote opened on this line is never closed: {after} read as one cell"
        elif len(cells) != len(self.mapping.columns) or spanned > MAX_CELL_LINES:
            message = (
                f"a quote opened on this line closes only on line {line + spanned - 1:,}: "
                f"{spanned - (where - line):,} lines were read as one cell"
            )
        else:
            return None
        return self.problem(where, message + "; close the quote, or double a quote within a cell")

    def _take_examples(self, cells: list[str], lacking: list[int]) -> None:
        """Keep the first value seen in each column that has none yet."""
        for index in [i for i in lacking if i < len(cells) and cells[i].strip()]:
            self.examples.setdefault(self.mapping.columns[index], cells[index])
            lacking.remove(index)

    def _items(self) -> Iterator:
        yield from self._header_problems()
        if "text" not in self.mapping.fields:
            return
        lacking = [i for i, column in enumerate(self.mapping.columns) if column not in self.examples]
        while True:
            rows, more = self._next_rows()
            if lacking:
                for cells in rows.rows:
                    self._take_examples(cells, lacking)
            yield from self._table(rows)
            if not more:
                return

    def _next_rows(self) -> tuple[TableRows, bool]:
        """The rows of the next TABLE_BATCH (fewer when they are wide) that are not blank, each as wide as the header, with the
        line it starts on; and whether the file goes on. A row that cannot be read ends the file,
        its problem noted."""
        batch, failure, held = [], None, 0
        try:
            for cells in self._closed_rows:
                batch.append(cells)
                held += len(cells)
                if len(batch) == TABLE_BATCH or held > _CELLS_PER_BATCH:
                    break
        except UnicodeDecodeError:
            failure = self.decoding_problem
        except csv.Error as error:
            failure = partial(self.problem, message=_cannot_read(error))
        first = self._consumed + 1
        width, rows = len(self.mapping.columns), TableRows()
        text = self.mapping.fields.index("text")
        one_line_each = failure is None and self._unclosed is None and self._rows.line_num + self._offset - self._consumed == len(batch)
        if one_line_each and all(map(width.__eq__, map(len, batch))) and all(cells[text].strip() for cells in batch):
            rows.lines, rows.rows = list(range(first, first + len(batch))), batch  # one line a row, none blank
            self._consumed += len(batch)
            return rows, len(batch) == TABLE_BATCH or held > _CELLS_PER_BATCH
        for cells in batch:
            line, first = first, first + _lines_spanned(cells)
            if first - line > 1 and (problem := self._quote_problem(line, cells, first - line)):
                rows.note(problem)
            elif any(map(str.strip, cells)):
                if len(cells) != width:
                    if any(map(str.strip, cells[width:])):
                        extra = f"{len(cells) - width} cells past the last column were left out"
                        rows.note(self.problem(line, extra, False))
                    cells = (cells + [""] * width)[:width]
                rows.add(line, cells)
        self._consumed = first - 1
        if failure is not None:
            rows.note(failure(first))
        return rows, failure is None and (len(batch) == TABLE_BATCH or held > _CELLS_PER_BATCH)

    def _table(self, rows: TableRows) -> Iterator:
        columns = {}
        for name, cells in zip(self.mapping.fields, zip(*rows.rows)):
            if name is not None:
                columns[name] = list(map(unneutralise, cells)) if self._own and "'" in "".join(cells) else cells
        return self.table(rows, columns)

    def _header_problems(self) -> Iterator:
        mapping, line = self.mapping, self.header_line
        if mapping.unknown:
            names = ", ".join(f"“{name}”" for name in mapping.unknown)
            yield self.problem(line, f"columns Parallax does not know were left out: {names}", False)
        for name in mapping.absent():
            columns = ", ".join(f"“{column}”" for column in mapping.columns)
            yield self.problem(line, f"there is no column “{name}” to map (the columns are {columns})")
        for name in mapping.repeated:
            yield self.problem(line, f"the column “{name}” was left out: another column already fills its field", False)
        if "text" not in mapping.fields:
            names = ", ".join(FIELDS["text"])
            yield self.problem(line, f"no column holds the statement text (name one of: {names}; or map a column to text)")
