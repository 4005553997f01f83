"""Importing statement files into a database in one transaction: all of it, or nothing.

Every file is read as a stream; each statement's names are matched to what is stored
(or created), duplicates (same speaker, date and text) are skipped and counted, and
`rebuts`/`responds to` references are resolved once the whole file has been read. Any
error, a cancel, or the process dying leaves the database as it was.
"""

from collections.abc import Callable, Iterable
from itertools import compress, repeat
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from desktop.domain.entities import Link, Statement
from desktop.domain.values import LinkType
from desktop.services import collector
from desktop.services.errors import ValidationError
from desktop.services.importing.files import open_source
from desktop.services.importing.limits import MAX_ERRORS
from desktop.services.importing.matching import Catalog
from desktop.services.importing.records import (
    DocumentRecord,
    ImportFileError,
    ImportOptions,
    LinkRecord,
    Problem,
    StatementRecord,
    StatementRows,
)
from desktop.services.importing.rows import names_several_outlets, outlet_names
from desktop.services.importing.summary import ImportSummary
from desktop.services.importing.writer import ImportWriter
from desktop.services.validation import validate
from desktop.storage.bulk import BulkLoad
from desktop.storage.database import Database, DatabaseBusy

UNKNOWN_SPEAKER = "Unknown speaker"
_REPORT_EVERY = 256  # rows (or other items) read between progress reports and cancel checks

Progress = Callable[[int, int], None]  # bytes read, bytes in all


# A statement takes about this many bytes in a newsroom file; it sizes the load before reading.
_BYTES_PER_ROW = 200
_BULK_CHUNK = 10_000
_READING_SHARE = 0.8  # of a bulk load's progress; building its indexes after the reading takes the rest
_REMEMBERED_NAMES = 2**16  # combinations of names whose ids are kept at hand


def _stored_id(ref: str) -> int | None:
    """The id of a stored statement a reference may name ('12'); None for one no id can be (an id is
    a 64-bit number: 19 digits at most)."""
    return int(ref) if ref.isdigit() and len(ref) < 19 else None


class _Stop(Exception):
    """Reading ends early: cancelled, or too many errors."""


# The statement fields an import fills, in the order `_Run._statement` gives them to the writer.
# A row of a table of statements fills only the first ones, all checked by its reader; a row
# with more (ratings and spans are checked by `validate` only) is validated before it is added.
_PLAIN_FIELDS = (
    "text", "is_quote", "said_on", "url", "note", "verdict", "verdict_explanation",
    "speaker_id", "side_id", "outlet_id",
)
_MORE_FIELDS = (
    "rating_value", "rating_best", "rating_worst", "span_start", "span_end", "created_at", "updated_at",
    "story_id", "document_id",
)
_NOTHING_MORE = (None,) * len(_MORE_FIELDS)
_LINK_TYPES = {link_type.value for link_type in LinkType}
_KNOWN_BY = (Statement.speaker_id, Statement.said_on, Statement.text, Statement.id)  # what `_known` is keyed by


def _text_key(said_on, text: str) -> int:
    """What makes two statements of a speaker the same: the date and the text, ignoring case and spacing.

    A 64-bit hash: two different statements of one speaker share it about once in 10^19 pairs.
    """
    return hash((said_on, " ".join(text.split()).casefold()))


def _known_key(speaker_id: int, text_key: int) -> int:
    """A statement of a speaker, as one number: two statements share it about once in 10^19 pairs."""
    return hash((speaker_id, text_key))


# What sets spacing apart in ASCII text, as `str.split` sees it, besides a single space.
_ASCII_SPACING = ("  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _text_keys(said_on: list, texts: list[str]) -> list[int]:
    """`_text_key` of many statements. When every text is ASCII spaced by single spaces only (the
    usual case, told from all the texts at once), it is the folded text as it is."""
    joined = " ".join(texts)
    if joined.isascii() and not any(map(joined.__contains__, _ASCII_SPACING)) and joined.strip(" ") == joined:
        return list(map(hash, zip(said_on, map(str.casefold, texts))))
    return list(map(_text_key, said_on, texts))


class _Run:
    """One import: the writer, the names known, the statements seen, the links waiting."""

    def __init__(self, connection: Connection, summary: ImportSummary, progress, cancelled, total: int, bulk: BulkLoad):
        self.connection = connection
        self.summary = summary
        self.writer = ImportWriter(connection, _BULK_CHUNK if bulk.active else 1000, bulk)
        self._add_plain = self.writer.adder("statement", _PLAIN_FIELDS)
        self._add_statement = self.writer.adder("statement", _PLAIN_FIELDS + _MORE_FIELDS)
        self._add_plain_rows = self.writer.rows_adder("statement", _PLAIN_FIELDS)
        self._add_links = self.writer.rows_adder("link", ("from_id", "to_id", "type"))
        self.catalog = Catalog(connection, self.writer)
        self.progress, self.cancelled, self.total = progress, cancelled, total
        self.done = 0
        self._reading_share = _READING_SHARE if bulk.active else 1.0
        self._known: dict[int, int] = {}  # statement ids by `_known_key`
        self._known_speakers: set[int] = set()  # speakers whose stored statements are in `_known`
        self._new_speakers_from = self.writer.first_new_id("speaker")  # speakers this import creates: none stored
        self._every_stored_known = False  # whether `_known` holds every stored statement
        if bulk.active:
            self._know_every_stored_statement()
        self._speakers: dict[tuple, tuple[int, int | None]] = {}
        self._places: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self._links: set[tuple[int, int, str]] = set()

    def report(self, problem: Problem) -> None:
        (self.summary.errors if problem.is_error else self.summary.warnings).append(problem)
        if len(self.summary.errors) >= MAX_ERRORS:
            self.summary.errors.append(Problem(problem.file, None, f"stopped after {MAX_ERRORS} errors"))
            raise _Stop

    def read(self, path: Path, options: ImportOptions) -> None:
        self.refs: dict[str, int] = {}
        self.documents: dict[str, int] = {}
        self.pending: list[tuple[str, int, int | str, str, str]] = []
        try:
            with open_source(path, options) as source:
                file, read, next_report = str(path), 0, _REPORT_EVERY
                for item in source.items():
                    read += len(item) if type(item) is StatementRows else 1
                    if read >= next_report:
                        next_report = read + _REPORT_EVERY
                        self._tick(self.done + source.tell())
                    self._take(file, item)
            self._resolve_links()
        except ImportFileError as error:
            self.report(Problem(str(path), error.line, str(error)))
        self.done += path.stat().st_size if path.exists() else 0
        self._tick(self.done)

    def _tick(self, done: int) -> None:
        """Report `done` bytes read; stop if the import is cancelled."""
        self._report(done * self._reading_share)

    def finishing(self, step: int, steps: int) -> None:
        """Report `step` of the `steps` that build a bulk load's indexes done; stop if the import is cancelled."""
        self._report(self.total * (self._reading_share + (1 - self._reading_share) * step / steps))

    def _report(self, done: float) -> None:
        if self.cancelled is not None and self.cancelled():
            self.summary.cancelled = True
            raise _Stop
        if self.progress is not None:
            self.progress(int(done), self.total)

    def _take(self, file: str, item) -> None:
        try:
            if isinstance(item, StatementRows):
                self._rows(file, item)
            elif isinstance(item, StatementRecord):
                self._statement(file, item)
            elif isinstance(item, Problem):
                self.report(item)
            elif isinstance(item, DocumentRecord):
                self.documents[item.ref] = self.catalog.document(item)
            elif isinstance(item, LinkRecord):
                self.pending.append((file, item.line, item.from_ref, item.to_ref, item.type))
            else:
                self.catalog.add(item)
        except ValidationError as error:
            for message in error.problems:
                self.report(Problem(file, item.line, message))

    def _know_speakers(self, speaker_ids: Iterable[int]) -> None:
        """Add the stored statements of speakers met for the first time to `_known`."""
        new = set(speaker_ids) - self._known_speakers
        if new:
            stored = set() if self._every_stored_known else {i for i in new if i < self._new_speakers_from}
            self._know(self._existing(_KNOWN_BY, stored, Statement.speaker_id))
            self._known_speakers |= new

    def _know_every_stored_statement(self) -> None:
        """Add every stored statement to `_known` in one pass: a bulk load sets the speaker index aside,
        so finding a speaker's statements would read the whole table each time."""
        self._know(self.connection.execute(select(*_KNOWN_BY)))
        self._every_stored_known = True

    def _know(self, rows: Iterable[tuple]) -> None:
        """Add stored statements, given as `_KNOWN_BY` rows, to `_known`."""
        for speaker_id, said_on, text, statement_id in rows:
            self._known[_known_key(speaker_id, _text_key(said_on, text))] = statement_id

    def _refer(self, file: str, line: int, ref: str, links: list[tuple[str, str]], statement_id: int) -> None:
        """Know the statement by its id in the file, and wait for the end of the file to link it."""
        if ref:
            self._name(file, line, ref, statement_id)
        for kind, target in links:
            self.pending.append((file, line, statement_id, target, kind))

    def _name(self, file: str, line: int, ref: str, statement_id: int) -> None:
        """Know the statement by its id in the file; an error if that id is another statement's."""
        if ref in self.refs and self.refs[ref] != statement_id:
            self.report(Problem(file, line, f"the id “{ref}” is given to another statement already"))
        self.refs[ref] = statement_id

    def _speaker_and_side(self, names: tuple[str, str, str, str, bool]) -> tuple[int, int | None]:
        """The ids of a statement's speaker and of its side (None where that is its speaker's side),
        from its speaker, role, speaker kind, side, and whether the side is its own."""
        ids = self._speakers.get(names)
        if ids is None:
            if len(self._speakers) >= _REMEMBERED_NAMES:
                self._speakers.clear()
            speaker, role, kind, side, own_side = names
            catalog = self.catalog
            speaker_id = catalog.speaker(speaker, role, kind, "" if own_side else side)
            side_id = catalog.side(side)
            if not own_side and side_id == catalog.speaker_sides.get(speaker_id):
                side_id = None
            ids = self._speakers[names] = speaker_id, side_id
        return ids

    def _outlet_and_story(self, names: tuple[str, str]) -> tuple[int | None, int | None]:
        ids = self._places.get(names)
        if ids is None:
            if len(self._places) >= _REMEMBERED_NAMES:
                self._places.clear()
            ids = self._places[names] = self.catalog.outlet(names[0]), self.catalog.story(names[1])
        return ids

    def _statement(self, file: str, record: StatementRecord) -> None:
        speaker = record.speaker
        if not speaker:
            speaker = UNKNOWN_SPEAKER
            self.report(Problem(file, record.line, f"no speaker is named; filed under “{UNKNOWN_SPEAKER}”", False))
        speaker_id, side_id = self._speaker_and_side(
            (speaker, record.role, record.speaker_kind, record.side, record.own_side)
        )
        self._know_speakers((speaker_id,))
        key = _known_key(speaker_id, _text_key(record.said_on, record.text))
        outlets = outlet_names(record.outlet)
        if key in self._known:
            self.summary.duplicates += max(len(outlets), 1)
            self._refer(file, record.line, record.ref, record.links, self._known[key])
            return
        if record.document and record.document not in self.documents:
            raise ValidationError([f"the document “{record.document}” is not among the file's documents"])
        statement_id = self._store(record, outlets[0] if outlets else "", speaker_id, side_id)
        self._known[key] = statement_id
        self.summary.imported += 1
        self._refer(file, record.line, record.ref, record.links, statement_id)
        # The same statement carried by several outlets: a copy for each further outlet, repeating the
        # first (a copy is not a duplicate of it, though its speaker, date and text are the same).
        for outlet in outlets[1:]:
            copy_id = self._store(record, outlet, speaker_id, side_id)
            self.pending.append((file, record.line, copy_id, statement_id, LinkType.REPEATS.value))
            self.summary.imported += 1

    def _store(self, record: StatementRecord, outlet: str, speaker_id: int, side_id: int | None) -> int:
        """Store the statement as reported by `outlet`; its id."""
        outlet_id, story_id = self._outlet_and_story((outlet, record.story))
        values = (
            record.text, record.is_quote, record.said_on, record.url, record.note, record.verdict,
            record.verdict_explanation, speaker_id, side_id, outlet_id,
        )
        more = (
            record.rating_value, record.rating_best, record.rating_worst, record.span_start, record.span_end,
            record.created_at, record.updated_at, story_id, self.documents.get(record.document),
        )
        if more == _NOTHING_MORE:
            return self._add_plain(values)
        values += more
        fields = _PLAIN_FIELDS + _MORE_FIELDS
        validate(Statement, {name: value for name, value in zip(fields, values) if value is not None})
        return self._add_statement(values)

    def _rows(self, file: str, rows: StatementRows) -> None:
        """Rows of a table its reader found fine, taken together: each as `_statement` would take its
        record. When none repeats a statement, none reuses an id of the file, none names several
        outlets and every name new to the import can be added, they are added at once; otherwise
        one by one."""
        if not all(rows.speaker) or names_several_outlets(rows.outlet):
            return self._rows_one_by_one(file, rows)
        names = zip(rows.speaker, rows.role, repeat(""), rows.side, repeat(False))
        speakers = self._ids(self._speakers, self._speaker_and_side, names)
        if speakers is None:
            return self._rows_one_by_one(file, rows)
        speaker_ids, side_ids = map(list, zip(*speakers))
        self._know_speakers(speaker_ids)
        keys = list(map(hash, zip(speaker_ids, _text_keys(rows.said_on, rows.text))))  # `_known_key` of each
        refs = list(filter(None, rows.ref))
        if (
            len(set(keys)) < len(keys)
            or any(map(self._known.__contains__, keys))
            or (refs and (len(set(refs)) < len(refs) or not self.refs.keys().isdisjoint(refs)))
        ):
            return self._rows_one_by_one(file, rows)
        places = self._ids(self._places, self._outlet_and_story, zip(rows.outlet, repeat("")))
        if places is None:
            return self._rows_one_by_one(file, rows)
        first_id = self._add_plain_rows([
            rows.text, rows.is_quote, rows.said_on, rows.url, rows.note, rows.verdict, rows.verdict_explanation,
            speaker_ids, side_ids, [outlet_id for outlet_id, _story_id in places],
        ])
        new_ids = range(first_id, first_id + len(rows))
        self._known.update(zip(keys, new_ids))
        if len(refs) == len(rows):
            self.refs.update(zip(refs, new_ids))
        elif refs:
            self.refs.update((ref, statement_id) for ref, statement_id in zip(rows.ref, new_ids) if ref)
        if any(rows.links):
            for line, statement_id, links in compress(zip(rows.line, new_ids, rows.links), rows.links):
                self.pending += [(file, line, statement_id, target, kind) for kind, target in links]
        self.summary.imported += len(rows)

    def _ids(self, known: dict, ids_of: Callable[[tuple], tuple], names: Iterable[tuple]) -> list[tuple] | None:
        """The ids of each row's names: from `known`, or, when some are not there, as `ids_of` finds or
        creates them, in row order as taking the rows one by one would. None when a name cannot be
        created: the rows are then taken one by one, which reports it at its line."""
        names = list(names)
        ids = list(map(known.get, names))
        if None in ids:
            try:
                ids = list(map(ids_of, names))
            except ValidationError:
                return None
        return ids

    def _rows_one_by_one(self, file: str, rows: StatementRows) -> None:
        """Rows of a table taken one at a time, each as its record."""
        for index in range(len(rows)):
            self._take(file, rows.record(index))

    def _lookup(self, ref: int | str, stored: set[int]) -> int | None:
        if isinstance(ref, int):
            return ref
        if ref in self.refs:
            return self.refs[ref]
        number = _stored_id(ref)
        return number if number in stored else None

    def _resolve_links(self) -> None:
        """Write the links of the file just read, now that every id in it is known."""
        first_new = self.writer.first_new_id("statement")
        numbers = {_stored_id(ref) for p in self.pending for ref in p[2:4] if isinstance(ref, str)} - {None}
        stored = set(self._existing(Statement.id, {number for number in numbers if number < first_new}))
        resolved = []
        for file, line, source, target, kind in self.pending:
            from_id, to_id = self._lookup(source, stored), self._lookup(target, stored)
            missing = target if to_id is None else source if from_id is None else None
            if missing is not None:
                self.report(Problem(file, line, f"“{missing}” is neither an id in this file nor a stored statement"))
            elif kind not in _LINK_TYPES:
                self.report(Problem(file, line, f"“{kind}” is not a kind of link"))
            elif from_id == to_id:
                self.report(Problem(file, line, "a statement cannot answer itself"))
            else:
                resolved.append((from_id, to_id, kind))
        older = {from_id for from_id, _to, _kind in resolved if from_id < first_new}
        self._links.update(self._existing((Link.from_id, Link.to_id, Link.type), older, Link.from_id))
        new = list(dict.fromkeys(link for link in resolved if link not in self._links))  # in file order, once each
        if new:
            self._links.update(new)
            self._add_links([list(column) for column in zip(*new)])
            self.summary.links += len(new)

    def _existing(self, columns, ids: Iterable[int], column=Statement.id) -> list:
        ids, found = sorted(ids), []
        single = not isinstance(columns, tuple)
        for start in range(0, len(ids), 500):
            query = select(columns) if single else select(*columns)
            rows = self.connection.execute(query.where(column.in_(ids[start : start + 500])))
            found += [row[0] if single else tuple(row) for row in rows]
        return found


def import_files(
    db: Database,
    paths: Iterable[str | Path],
    options: ImportOptions | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportSummary:
    """Import the files in one transaction, committed only if there is no error and no cancel."""
    options = options or ImportOptions()
    paths = [Path(p) for p in paths]
    summary = ImportSummary([str(p) for p in paths])
    total = sum(p.stat().st_size for p in paths if p.is_file())
    try:
        with db.writing_connection() as connection:
            transaction = connection.begin()
            try:
                with BulkLoad(connection, total // _BYTES_PER_ROW) as bulk:
                    run = _Run(connection, summary, progress, cancelled, total, bulk)
                    try:
                        with collector.paused():  # an import makes no cycles, only rows by the million
                            for path in paths:
                                run.read(path, options)
                        run.writer.finish()
                        if summary.committed:
                            bulk.finish(run.finishing)
                            run.finishing(1, 1)  # a last chance to cancel before the commit
                    except _Stop:
                        pass
            except BaseException:
                transaction.rollback()
                raise
            if summary.committed:
                transaction.commit()
                summary.created = run.writer.created()
            else:
                transaction.rollback()
    except DatabaseBusy as error:
        summary.errors.append(Problem(", ".join(summary.files), None, str(error)))
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        summary.errors.append(Problem(", ".join(summary.files), None, f"the database refused the import: {reason}"))
    return summary
