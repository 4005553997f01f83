"""Importing statement files into a database in one transaction: all of it, or nothing.

Every file is read as a stream; each statement's names are matched to what is stored
(or created), duplicates (same speaker, date and text) are skipped and counted, and
`rebuts`/`responds to` references are resolved once the whole file has been read. Any
error, a cancel, or the process dying leaves the database as it was.
"""

from collections.abc import Callable, Iterable
from hashlib import blake2b
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import SQLAlchemyError

from desktop.domain.entities import Link, Statement
from desktop.domain.values import LinkType
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
)
from desktop.services.importing.summary import ImportSummary
from desktop.services.importing.writer import ImportWriter
from desktop.services.validation import validate
from desktop.storage.bulk import BulkLoad
from desktop.storage.database import Database

UNKNOWN_SPEAKER = "Unknown speaker"
_REPORT_EVERY = 256  # records between progress reports and cancel checks

Progress = Callable[[int, int], None]  # bytes read, bytes in all


# A statement takes about this many bytes in a newsroom file; it sizes the load before reading.
_BYTES_PER_ROW = 200
_BULK_CHUNK = 10_000


class _Stop(Exception):
    """Reading ends early: cancelled, or too many errors."""


def _text_key(said_on, text: str) -> tuple:
    return said_on, blake2b(" ".join(text.split()).casefold().encode(), digest_size=16).digest()


class _Run:
    """One import: the writer, the names known, the statements seen, the links waiting."""

    def __init__(self, connection: Connection, summary: ImportSummary, progress, cancelled, total: int, chunk_size: int):
        self.connection = connection
        self.summary = summary
        self.writer = ImportWriter(connection, chunk_size)
        self.catalog = Catalog(connection, self.writer)
        self.progress, self.cancelled, self.total = progress, cancelled, total
        self.done = 0
        self._known: dict[int, dict[tuple, int]] = {}
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
                for count, item in enumerate(source.items(), start=1):
                    if count % _REPORT_EVERY == 0:
                        self._tick(self.done + source.tell())
                    self._take(str(path), item)
            self._resolve_links()
        except ImportFileError as error:
            self.report(Problem(str(path), error.line, str(error)))
        self.done += path.stat().st_size if path.exists() else 0
        self._tick(self.done)

    def _tick(self, done: int) -> None:
        if self.cancelled is not None and self.cancelled():
            self.summary.cancelled = True
            raise _Stop
        if self.progress is not None:
            self.progress(done, self.total)

    def _take(self, file: str, item) -> None:
        if isinstance(item, Problem):
            self.report(item)
            return
        try:
            if isinstance(item, StatementRecord):
                self._statement(file, item)
            elif isinstance(item, DocumentRecord):
                self.documents[item.ref] = self.catalog.document(item)
            elif isinstance(item, LinkRecord):
                self.pending.append((file, item.line, item.from_ref, item.to_ref, item.type))
            else:
                self.catalog.add(item)
        except ValidationError as error:
            for message in error.problems:
                self.report(Problem(file, item.line, message))

    def _known_texts(self, speaker_id: int) -> dict[tuple, int]:
        if speaker_id not in self._known:
            rows = self.connection.execute(
                select(Statement.id, Statement.said_on, Statement.text).where(Statement.speaker_id == speaker_id)
            )
            self._known[speaker_id] = {_text_key(row.said_on, row.text): row.id for row in rows}
        return self._known[speaker_id]

    def _refer(self, file: str, record: StatementRecord, statement_id: int) -> None:
        if record.ref:
            if record.ref in self.refs and self.refs[record.ref] != statement_id:
                self.report(Problem(file, record.line, f"the id “{record.ref}” is given to another statement already"))
            self.refs[record.ref] = statement_id
        for kind, ref in record.links:
            self.pending.append((file, record.line, statement_id, ref, kind))

    def _statement(self, file: str, record: StatementRecord) -> None:
        speaker = record.speaker
        if not speaker:
            speaker = UNKNOWN_SPEAKER
            self.report(Problem(file, record.line, f"no speaker is named; filed under “{UNKNOWN_SPEAKER}”", False))
        catalog = self.catalog
        speaker_id = catalog.speaker(speaker, record.role, record.speaker_kind, "" if record.own_side else record.side)
        side_id = catalog.side(record.side)
        if not record.own_side and side_id == catalog.speaker_sides.get(speaker_id):
            side_id = None
        known = self._known_texts(speaker_id)
        key = _text_key(record.said_on, record.text)
        if key in known:
            self.summary.duplicates += 1
            self._refer(file, record, known[key])
            return
        if record.document and record.document not in self.documents:
            raise ValidationError([f"the document “{record.document}” is not among the file's documents"])
        values = {
            name: getattr(record, name)
            for name in (
                "text", "is_quote", "said_on", "url", "note", "verdict", "rating_value", "rating_best",
                "rating_worst", "verdict_explanation", "span_start", "span_end",
            )
        }
        values.update(
            speaker_id=speaker_id, side_id=side_id, outlet_id=catalog.outlet(record.outlet),
            story_id=catalog.story(record.story), document_id=self.documents.get(record.document),
        )
        values.update({name: getattr(record, name) for name in ("created_at", "updated_at") if getattr(record, name)})
        validate(Statement, values)
        known[key] = self.writer.add("statement", values)
        self.summary.imported += 1
        self._refer(file, record, known[key])

    def _lookup(self, ref: int | str, stored: set[int]) -> int | None:
        if isinstance(ref, int):
            return ref
        if ref in self.refs:
            return self.refs[ref]
        return int(ref) if ref.isdigit() and int(ref) in stored else None

    def _resolve_links(self) -> None:
        """Write the links of the file just read, now that every id in it is known."""
        numbers = {int(ref) for p in self.pending for ref in p[2:4] if isinstance(ref, str) and ref.isdigit()}
        stored = set(self._existing(Statement.id, numbers))
        resolved = []
        for file, line, source, target, kind in self.pending:
            from_id, to_id = self._lookup(source, stored), self._lookup(target, stored)
            missing = target if to_id is None else source if from_id is None else None
            if missing is not None:
                self.report(Problem(file, line, f"“{missing}” is neither an id in this file nor a stored statement"))
            elif kind not in {t.value for t in LinkType}:
                self.report(Problem(file, line, f"“{kind}” is not a kind of link"))
            elif from_id == to_id:
                self.report(Problem(file, line, "a statement cannot answer itself"))
            else:
                resolved.append((from_id, to_id, kind))
        first_new = self.writer.first_new_id("statement")
        older = {from_id for from_id, _to, _kind in resolved if from_id < first_new}
        self._links.update(self._existing((Link.from_id, Link.to_id, Link.type), older, Link.from_id))
        for link in resolved:
            if link not in self._links:
                self._links.add(link)
                self.writer.add("link", dict(zip(("from_id", "to_id", "type"), link)))
                self.summary.links += 1

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
        with db.engine.connect() as connection:
            transaction = connection.begin()
            bulk = BulkLoad(connection, total // _BYTES_PER_ROW)
            run = _Run(connection, summary, progress, cancelled, total, chunk_size=_BULK_CHUNK if bulk.active else 1000)
            try:
                for path in paths:
                    run.read(path, options)
                run.writer.finish()
                if summary.committed:
                    bulk.finish()
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
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        summary.errors.append(Problem(", ".join(summary.files), None, f"the database refused the import: {reason}"))
    return summary
