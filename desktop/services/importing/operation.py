"""An import as one undoable operation: undo deletes the rows it created, except those someone changed or uses since."""

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete

from desktop.domain.entities import Link
from desktop.services.errors import OperationRefused
from desktop.services.importing.records import ImportOptions
from desktop.services.importing.service import import_files
from desktop.services.importing.summary import ImportSummary
from desktop.services.importing.writer import MODELS
from desktop.services.changes import Change
from desktop.services.operations import Operation, kept_in_words, remove_unless_kept
from desktop.services.wording import plural
from desktop.storage.bulk import BulkDelete
from desktop.storage.database import Database


SLOW_IMPORT = 20_000  # statements whose import takes a second or more to undo or redo


def _except(ids: range, left: list[int]):
    """The ids of a range but those left (few, as a rule): the range itself when none was."""
    return frozenset(ids) - frozenset(left) if left else ids


def _fingerprint(paths: list[Path]) -> list[tuple[int, int]]:
    return [(p.stat().st_size, p.stat().st_mtime_ns) if p.exists() else (-1, -1) for p in paths]


@dataclass
class ImportOperation(Operation):
    """Wraps an import that has already been committed (by a worker thread, say).

    Its first `apply` adopts that import; undo deletes the id ranges it created (children
    first, most of the statements at once through a BulkDelete) but keeps, and names in its
    notice, the rows changed since (their version moved) and those other rows refer to (a
    statement using an imported speaker, a link to an imported statement); redo imports the
    same files again, refused if they have changed.
    """

    paths: list[Path]
    options: ImportOptions
    summary: ImportSummary
    _adopted: bool = False
    _files: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self):
        self.paths = [Path(p) for p in self.paths]
        self._files = _fingerprint(self.paths)

    @property
    def title(self) -> str:
        return f"Import {plural(self.summary.imported, 'Statement')}"

    @property
    def slow(self) -> bool:
        """Undoing or redoing it takes seconds: a large import."""
        return self.summary.imported >= SLOW_IMPORT

    def _created(self, table: str) -> range:
        first, last = self.summary.created.get(table, (1, 0))
        return range(first, last + 1)

    def _change(self) -> Change:
        """The rows the import added, by kind (ranges of ids: an import owns the ids it took)."""
        change = Change()
        for table in self.summary.created:
            change = change | Change.added(table, self._created(table))
        return change

    def apply(self, db: Database) -> Change:
        if not self._adopted:
            self._adopted = True
            return self._change()
        if _fingerprint(self.paths) != self._files:
            raise OperationRefused("The imported files have changed since; import them again instead of redoing.")
        summary = import_files(db, self.paths, self.options)
        if not summary.committed:
            raise OperationRefused(summary.headline())
        self.summary = summary
        return self._change()

    def revert(self, db: Database) -> Change:
        kept: dict[str, tuple[int, int]] = {}
        change = Change()
        with db.transaction() as session:
            bulk = BulkDelete(session.connection(), self.summary.created_count("statement"))
            for model in reversed(MODELS):
                first, last = self.summary.created.get(model.__tablename__, (1, 0))
                if first > last:
                    continue
                if model is Link:  # the import's own links go first; other links keep what they join
                    session.execute(delete(Link).where(Link.id.between(first, last)))
                    change = change | Change.removed("link", range(first, last + 1))
                else:
                    kept[model.__tablename__], left = remove_unless_kept(session, model, first, last)
                    change = change | Change.removed(model.__tablename__, _except(range(first, last + 1), left))
            bulk.finish()
        return change | Change(notice=kept_in_words(kept, "the import"))
