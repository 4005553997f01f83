"""Reading CSV and TSV files as Excel and other tools write them."""

import csv
from collections.abc import Iterator
from itertools import chain

from desktop.services.importing.headers import FIELDS
from desktop.services.importing.records import ImportFileError
from desktop.services.importing.rows import unneutralise
from desktop.services.importing.source import Source, TableRows

_DELIMITERS = ",;\t"


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
            first = self._first_line()
            delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(first)
            self._rows = csv.reader(chain([first], self.text), delimiter=delimiter)
            self._consumed = self._offset
            self.header_line, header = next(self._records(), (1, []))
        except UnicodeDecodeError:
            self.close()
            raise ImportFileError(f"the header is not valid {self.encoding}; choose the file's encoding", 1)
        except csv.Error as error:
            self.close()
            raise ImportFileError(_cannot_read(error), 1)
        if not header:
            self.close()
            raise ImportFileError("the file is empty")
        for column in header:
            self.mapping.add(column.strip())

    def _first_line(self) -> str:
        """The first line that is not blank; the blank ones before it are counted."""
        for line in self.text:
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

    def _take_examples(self, cells: list[str], lacking: list[int]) -> None:
        """Keep the first value seen in each column that has none yet."""
        for index in [i for i in lacking if i < len(cells) and cells[i].strip()]:
            self.examples.setdefault(self.mapping.columns[index], cells[index])
            lacking.remove(index)

    def items(self) -> Iterator:
        yield from self._header_problems()
        if "text" not in self.mapping.fields:
            return
        width = len(self.mapping.columns)
        lacking = [i for i, column in enumerate(self.mapping.columns) if column not in self.examples]
        rows = TableRows()
        try:
            for line, cells in self._records():
                if lacking:
                    self._take_examples(cells, lacking)
                if len(cells) != width:
                    if any(map(str.strip, cells[width:])):
                        extra = f"{len(cells) - width} cells past the last column were left out"
                        rows.note(self.problem(line, extra, False))
                    cells = (cells + [""] * width)[:width]
                if rows.add(line, cells):
                    yield from self._table(rows)
                    rows = TableRows()
        except UnicodeDecodeError:
            rows.note(self.decoding_problem(self._consumed + 1))
        except csv.Error as error:
            rows.note(self.problem(self._consumed + 1, _cannot_read(error)))
        yield from self._table(rows)

    def _table(self, rows: TableRows) -> Iterator:
        columns = {}
        for name, cells in zip(self.mapping.fields, zip(*rows.rows)):
            if name is not None:
                columns[name] = list(map(unneutralise, cells)) if "'" in "".join(cells) else cells
        return self.table(rows, columns)

    def _header_problems(self) -> Iterator:
        mapping, line = self.mapping, self.header_line
        if mapping.unknown:
            names = ", ".join(f"“{name}”" for name in mapping.unknown)
            yield self.problem(line, f"columns Parallax does not know were left out: {names}", False)
        for name in mapping.repeated:
            yield self.problem(line, f"the column “{name}” was left out: another column already fills its field", False)
        if "text" not in mapping.fields:
            names = ", ".join(FIELDS["text"])
            yield self.problem(line, f"no column holds the statement text (name one of: {names})")
