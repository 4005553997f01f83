"""Every change an editor makes, as a small undoable operation.

An operation is plain data: it knows how to apply itself to a database in one
transaction and how to revert what it applied, and both return a `Change` naming
what was touched so views can refresh from it. The GUI wraps operations in
QUndoCommands; the command line and tests call them directly.

Statements, speakers, outlets and sides carry a version. An edit or deletion is made
from the version the editor read, and every write is guarded by `WHERE version = …`:
if someone else changed the row in between, nothing is written and ConflictError
carries both versions. `rebase` makes the same step overwrite theirs ("keep mine").
"""

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel

from desktop.domain.entities import Link, Outlet, Side, Speaker, Statement, Story
from desktop.storage.database import Database
from desktop.services.errors import ConflictError, OperationRefused, ValidationError
from desktop.services.validation import validate


@dataclass(frozen=True)
class Change:
    """What an operation touched: the tables and the ids of the rows it created, edited or removed."""

    tables: frozenset[str]
    ids: tuple[int, ...] = ()


def _table(model: type[SQLModel]) -> str:
    return model.__tablename__


def _row_values(row: SQLModel) -> dict:
    return {name: getattr(row, name) for name in type(row).model_fields}


def _describe(model: type[SQLModel]) -> str:
    return _table(model).replace("_", " ")


def _integrity_message(model: type[SQLModel], values: dict, error: IntegrityError) -> str:
    detail = str(error.orig)
    if "UNIQUE" in detail or "unique" in detail:
        if model is Link:
            return "These two statements are already linked that way."
        return f"A {_describe(model)} named “{values.get('name', '')}” already exists."
    if "FOREIGN KEY" in detail or "foreign key" in detail:
        return f"The {_describe(model)} refers to something that no longer exists."
    return f"The {_describe(model)} cannot be stored: {detail}"


def _current(session: Session, model: type[SQLModel], row_id: int, expected: int | None, mine: dict | None) -> dict:
    """The stored values of a row, checked against the version the change was made from."""
    row = session.get(model, row_id, populate_existing=True)
    if row is None:
        raise OperationRefused(f"The {_describe(model)} no longer exists.")
    current = _row_values(row)
    if expected is not None and current["version"] != expected:
        raise ConflictError(_table(model), row_id, mine, current, current["version"])
    return current


def _write_guarded(session: Session, query, model: type[SQLModel], current: dict, mine: dict | None) -> None:
    """Run an UPDATE or DELETE on the row as it was read; if it changed since, raise ConflictError."""
    query = query.where(model.id == current["id"])
    if "version" in current:
        query = query.where(model.version == current["version"])
    if session.execute(query.execution_options(synchronize_session=False)).rowcount == 0:
        _current(session, model, current["id"], current.get("version"), mine)
        raise OperationRefused(f"The {_describe(model)} changed while it was being saved; try again.")


def _commit(db: Database, model: type[SQLModel], values: dict, work) -> object:
    try:
        with db.transaction() as session:
            return work(session)
    except IntegrityError as error:
        raise ValidationError([_integrity_message(model, values, error)]) from error


class Operation:
    """An undoable change: `apply` then `revert`, each one transaction."""

    title: str = ""
    version: int | None = None
    slow: bool = False  # a step takes seconds: the window runs it behind a busy dialog

    def apply(self, db: Database) -> Change:
        raise NotImplementedError

    def revert(self, db: Database) -> Change:
        raise NotImplementedError

    def rebase(self, conflict: ConflictError) -> None:
        """Make the step that conflicted expect the version now stored, so it overwrites the other change."""
        self.version = conflict.version


@dataclass
class CreateRecord(Operation):
    """Add a statement, speaker, outlet, side, story or link (undo is refused once someone else changed it)."""

    model: type[SQLModel]
    values: dict
    created_id: int | None = None
    version: int | None = None

    @property
    def title(self) -> str:
        if self.model is Link:
            return "Link Statements"
        return f"Add {_describe(self.model).title()}"

    def apply(self, db: Database) -> Change:
        validate(self.model, self.values)

        def work(session: Session) -> tuple[int, int | None]:
            row = self.model(**self.values, id=self.created_id)
            session.add(row)
            session.flush()
            return row.id, getattr(row, "version", None)

        self.created_id, self.version = _commit(db, self.model, self.values, work)
        return Change(frozenset({_table(self.model)}), (self.created_id,))

    def revert(self, db: Database) -> Change:
        with db.transaction() as session:
            if session.get(self.model, self.created_id) is not None:
                current = _current(session, self.model, self.created_id, self.version, None)
                _write_guarded(session, delete(self.model), self.model, current, None)
        return Change(frozenset({_table(self.model)}), (self.created_id,))


@dataclass
class UpdateRecord(Operation):
    """Change some fields of one row; remembers the values it replaced.

    `version` is the version the row must have for the next step to go ahead: the one
    the editor's reading had (None takes whatever is stored), then the one each step wrote.
    `seen` holds the changed fields as the editor read them: a row someone else changed
    since in other fields only takes the change anyway (so do an undo and a redo whose
    fields nobody else touched); a change to the same fields is a ConflictError.
    """

    model: type[SQLModel]
    row_id: int
    values: dict
    previous: dict = field(default_factory=dict)
    version: int | None = None
    seen: dict | None = None

    @property
    def title(self) -> str:
        return f"Edit {_describe(self.model).title()}"

    def _stored_now(self, session: Session, values: dict, expected: dict | None) -> dict:
        """The row as stored; changed since the version expected, only if the fields to write still
        hold what `expected` says."""
        try:
            return _current(session, self.model, self.row_id, self.version, values)
        except ConflictError as conflict:
            if expected is None or any(conflict.theirs.get(name) != expected.get(name) for name in values):
                raise
            return conflict.theirs

    def _write(self, db: Database, values: dict, expected: dict | None) -> dict:
        def work(session: Session) -> tuple[dict, int | None]:
            current = self._stored_now(session, values, expected)
            validate(self.model, {**current, **values})
            changes = dict(values)
            if self.model is Statement:
                changes["updated_at"] = datetime.now(timezone.utc)
            if "version" in current:
                changes["version"] = current["version"] + 1
            _write_guarded(session, update(self.model).values(**changes), self.model, current, values)
            return {name: current[name] for name in values}, changes.get("version")

        before, self.version = _commit(db, self.model, {**self.values, **values}, work)
        return before

    def apply(self, db: Database) -> Change:
        expected = None if self.seen is None else self.previous or self.seen  # left by an undo, or read
        self.previous = self._write(db, self.values, expected)
        return Change(frozenset({_table(self.model)}), (self.row_id,))

    def revert(self, db: Database) -> Change:
        self._write(db, self.previous, self.values if self.seen is not None else None)
        return Change(frozenset({_table(self.model)}), (self.row_id,))


_DEPENDANTS = {
    Speaker: [(Statement, Statement.speaker_id, "statement")],
    Outlet: [(Statement, Statement.outlet_id, "statement")],
    Story: [(Statement, Statement.story_id, "statement")],
    Side: [(Speaker, Speaker.side_id, "speaker"), (Statement, Statement.side_id, "statement")],
}


@dataclass
class DeleteRecord(Operation):
    """Remove one row; a statement takes its links with it and gets them back on undo.

    Speakers, outlets, sides and stories still in use are refused, naming what uses them.
    `version`, when given, is the version the editor saw: a row changed since is not removed.
    """

    model: type[SQLModel]
    row_id: int
    removed: list[tuple[type[SQLModel], dict]] = field(default_factory=list)
    version: int | None = None

    @property
    def title(self) -> str:
        return f"Delete {_describe(self.model).title()}"

    def _refuse_if_used(self, session: Session, name: str) -> None:
        uses = []
        for dependant, column, noun in _DEPENDANTS.get(self.model, []):
            count = session.exec(
                select(func.count()).select_from(dependant).where(column == self.row_id)
            ).one()[0]
            if count:
                uses.append(f"{count} {noun}{'s' if count != 1 else ''}")
        if uses:
            raise OperationRefused(
                f"“{name}” is still used by {' and '.join(uses)}. "
                "Reassign or delete those first."
            )

    def apply(self, db: Database) -> Change:
        tables = {_table(self.model)}
        with db.transaction() as session:
            current = _current(session, self.model, self.row_id, self.version, None)
            self._refuse_if_used(session, current.get("name", ""))
            self.removed = [(self.model, current)]
            if self.model is Statement:
                links = session.exec(
                    select(Link).where(or_(Link.from_id == self.row_id, Link.to_id == self.row_id))
                ).scalars().all()
                self.removed += [(Link, _row_values(link)) for link in links]
                for link in links:
                    session.delete(link)
                if links:
                    tables.add(_table(Link))
                session.flush()
            _write_guarded(session, delete(self.model), self.model, current, None)
        return Change(frozenset(tables), (self.row_id,))

    def revert(self, db: Database) -> Change:
        with db.transaction() as session:
            for model, values in self.removed:
                session.add(model(**values))
                session.flush()
        self.version = self.removed[0][1].get("version")
        return Change(frozenset(_table(model) for model, _ in self.removed), (self.row_id,))
